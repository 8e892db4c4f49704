// cooperates_with.blend: a blend (川渝, 万达开) in a clause that speaks of cooperation: its regions
// cooperate pairwise.
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

void CooperatesWithBlend(SentenceContext& ctx) {
  for (const RegionHit& h : ctx.hits) {
    if (h.inside_name || !h.blend) continue;
    if (ctx.clause_cooperative[ctx.ClauseOf(h.start)] ||
        ctx.clause_cooperative[ctx.ClauseOf(h.end)]) {
      ctx.PairwiseCooperation(h.regions, "cooperates_with.blend");
    }
  }
}

}  // namespace policykg::extract::rules
