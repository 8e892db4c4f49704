// cooperates_with.blend: a blend (川渝, 万达开) in a clause that speaks of cooperation: its regions
// cooperate pairwise, unless it is the partner after 与 (与港澳台合作).
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

void CooperatesWithBlend(SentenceContext& ctx) {
  for (const RegionHit& h : ctx.hits) {
    if (h.inside_name || !h.blend) continue;
    // 与港澳台合作, 与欧美日韩等国家合作: a partner blend after 与 names the partners of the subject
    // (cooperates_with.report_region), not regions that work with each other.
    if (h.start > ctx.s && (ctx.t[h.start - 1] == U'与' || ctx.t[h.start - 1] == U'同' || ctx.t[h.start - 1] == U'跟'))
      continue;
    if (ctx.clause_cooperative[ctx.ClauseOf(h.start)] ||
        ctx.clause_cooperative[ctx.ClauseOf(h.end)]) {
      ctx.PairwiseCooperation(h.regions, "cooperates_with.blend");
    }
  }
}

}  // namespace policykg::extract::rules
