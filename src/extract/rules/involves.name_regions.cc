// involves.name_regions: a thing named after two or more places joined in its name (宁波舟山港,
// 南宁至贵港一级航道, 川南渝西融合发展试验区) involves each of them; the schema's domain of involves
// says which types count.
#include <algorithm>

#include "extract/rules/name_regions.h"
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

void InvolvesNameRegions(SentenceContext& ctx) {
  const auto& schema = ctx.lex.schema();
  for (size_t k = ctx.first_entity; k < ctx.out.entities.size(); ++k) {
    const auto& ent = ctx.out.entities[k];
    if (ent.named_regions.size() < 2 || !schema.Allows("involves", ent.type, "Region")) continue;
    for (int32_t r : JoinedNameRegions(ctx.lex, ctx.t, ent)) {
      ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(r), "involves",
                      "involves.name_regions");
    }
  }
}

}  // namespace policykg::extract::rules
