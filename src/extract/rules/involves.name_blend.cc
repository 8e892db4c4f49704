// involves.name_blend: a platform named after a blend (川渝高竹新区, 成(绵)南达万经济带) involves
// the regions it names; the schema's domain of involves says which types count.
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

void InvolvesNameBlend(SentenceContext& ctx) {
  const auto& schema = ctx.lex.schema();
  for (size_t k = ctx.first_entity; k < ctx.out.entities.size(); ++k) {
    const auto& ent = ctx.out.entities[k];
    if (ent.involved_regions.empty() || !schema.Allows("involves", ent.type, "Region")) continue;
    for (int32_t r : ent.involved_regions) {
      ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(r), "involves",
                      "involves.name_blend");
    }
  }
}

}  // namespace policykg::extract::rules
