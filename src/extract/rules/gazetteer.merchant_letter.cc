// gazetteer.merchant_letter: inside a kept name, a province's letter right before 商 names that
// province's merchants (全球渝商大会, 滇商大会, 闽商回归工程): the letter is a mention of the province,
// so the name is located in it (located_in.name_region).
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

void GazetteerMerchantLetter(SentenceContext& ctx) {
  const auto& t = ctx.t;
  const size_t before = ctx.hits.size();
  for (const auto& c : ctx.kept_candidates) {
    if (c.generic) continue;
    for (uint32_t q = c.start; q + 1 < c.head_start; ++q) {
      if (t[q + 1] != U'商' || ctx.hit_at[q - ctx.s] >= 0 || ctx.hit_at[q + 1 - ctx.s] >= 0) continue;
      const int32_t province = ctx.lex.ProvinceLetter(t[q]);
      if (province < 0) continue;
      ctx.hits.push_back(RegionHit{q, q + 1, {province}, false, false, 0, false, "gazetteer.merchant_letter"});
      break;
    }
  }
  if (ctx.hits.size() != before) ctx.IndexAddedHits();
}

}  // namespace policykg::extract::rules
