// develops.clause_subject: a region opening a clause group (川南经济区强化…，建设X；) develops the
// entities after a develop verb up to the next semicolon.
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

void DevelopsClauseSubject(SentenceContext& ctx) {
  const uint32_t s = ctx.s, e = ctx.e;
  const auto& t = ctx.t;
  const size_t n = ctx.out.entities.size();
  for (const auto& h : ctx.hits) {
    if (h.inside_name || h.blend) continue;
    bool segment_start = h.start == s || t[h.start - 1] == U';' || t[h.start - 1] == U'；';
    if (!segment_start || h.end >= e || IsNameBreak(t[h.end]) || t[h.end] == U'、') continue;
    uint32_t segment_end = h.end;
    while (segment_end < e && t[segment_end] != U';' && t[segment_end] != U'；') ++segment_end;
    for (size_t k = ctx.first_entity; k < n; ++k) {
      const auto& ent = ctx.out.entities[k];
      if (ent.start < h.end || ent.end > segment_end) continue;
      bool verb = ctx.WordEndingAt(ctx.lex.develop_verbs_reversed, ent.start, h.end) > 0;
      if (verb && ent.type != "Organization"sv && ctx.lex.schema().Allows("develops", "Region", ent.type)) {
        ctx.AddRelation(SentenceContext::RegionRef(h.regions[0]), SentenceContext::EntityRef(k),
                        "develops", "develops.clause_subject");
      }
    }
  }
}

}  // namespace policykg::extract::rules
