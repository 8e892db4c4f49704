// gazetteer.name_blend: inside an entity name, a run of three or more abbreviation letters is a
// city blend (成(绵)南达万经济带 → 成都, 绵阳, 南充, 达州, 万州), and a supply route between two
// provinces' letters a blend of those provinces (陇电入浙工程, 吉电入京…通道); its mentions say
// gazetteer.blend.
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

void GazetteerNameBlend(SentenceContext& ctx) {
  const size_t before = ctx.hits.size();
  for (const auto& c : ctx.kept_candidates) ctx.AddNameBlends(c.start, c.head_start, ctx.hits);
  if (ctx.hits.size() != before) ctx.IndexHits();
}

}  // namespace policykg::extract::rules
