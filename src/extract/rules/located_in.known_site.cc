// located_in.known_site: an entity named as a site of gazetteer/sites.json, or by one of its
// aliases (三星堆, 三星堆遗址, 三苏祠), is located in the region that file gives the site, unless a
// region written in its name says where.
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

void LocatedInKnownSite(SentenceContext& ctx) {
  if (ctx.lex.site_regions.empty()) return;
  const auto& schema = ctx.lex.schema();
  for (size_t k = ctx.first_entity; k < ctx.out.entities.size(); ++k) {
    const auto& ent = ctx.out.entities[k];
    if (!ent.named_regions.empty()) continue;  // (普洱景迈山古茶林文化景观: located_in.name_region says where)
    const auto site = ctx.lex.site_regions.find(ent.name);
    if (site == ctx.lex.site_regions.end() || site->second < 0 || !schema.Allows("located_in", ent.type, "Region"))
      continue;
    ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(site->second), "located_in",
                    "located_in.known_site");
  }
}

}  // namespace policykg::extract::rules
