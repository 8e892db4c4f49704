// develops.own_name: a programme or label named after the report's own region — a theme word before
// it (数字江苏, 美丽西藏 of entity.region_theme) or a quoted short word with it (“投资江苏”,
// “新韵重庆” of entity.quoted_region_name) — is the region's own: the report's region develops it,
// whatever verb the sentence uses (美丽江苏画卷徐徐铺展). Runs after the other develops rules and
// adds nothing where one of them already drew the edge (加快建设平安重庆: develops.implicit).
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

void DevelopsOwnName(SentenceContext& ctx) {
  const int32_t own = ctx.out.document_region;
  if (own < 0) return;
  const auto& schema = ctx.lex.schema();
  for (size_t k = ctx.first_entity; k < ctx.out.entities.size(); ++k) {
    const auto& ent = ctx.out.entities[k];
    if (ent.rule != "entity.region_theme"sv && ent.rule != "entity.quoted_region_name"sv) continue;
    const bool named_after_own = std::any_of(ent.named_regions.begin(), ent.named_regions.end(),
                                             [&](const EntityMention::NamedRegion& named) {
                                               return !named.blend && named.region == own;
                                             });
    if (!named_after_own || !schema.Allows("develops", "Region", ent.type)) continue;
    const Ref region = SentenceContext::RegionRef(own), entity = SentenceContext::EntityRef(k);
    if (!ctx.DevelopedInSentence(entity, &region))
      ctx.AddRelation(region, entity, "develops", "develops.own_name");
  }
}

}  // namespace policykg::extract::rules
