// located_in.landed: a thing whose clause closes with a landing verb (words.json landing_verbs: 落地,
// 落户) and names no place after the thing (乳业技术创新中心、…巴彦淖尔农高区等一批国家级创新平台获批落地;
// 国家人工智能医疗中试基地成功落地) landed in the report's own region and is located there. A place
// named between them or after the verb (在川落地, 落户成都) says where instead (located_in.site_verb);
// a name with a place of its own is located by located_in.name_region; programmes, brands and events
// are located nowhere, nor are firms a list names by their kind (…等央企).
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

void LocatedInLanded(SentenceContext& ctx) {
  if (ctx.out.document_region < 0 || ctx.lex.landing_verbs.empty()) return;
  const auto& schema = ctx.lex.schema();
  const std::u32string_view view(ctx.t.data(), ctx.e);
  for (size_t k = ctx.first_entity; k < ctx.out.entities.size(); ++k) {
    const auto& ent = ctx.out.entities[k];
    if (ent.generic || !ent.named_regions.empty() || !ent.involved_regions.empty()) continue;
    if (ent.type == "Plan"sv || ent.type == "Initiative"sv || ent.type == "Brand"sv || ent.type == "Event"sv ||
        !schema.Allows("located_in", ent.type, "Region"))
      continue;
    // Firms named in a list before a kind of firm (中远海运、招商局等央企新业务板块落地) are there by a branch
    // or a business, not located there.
    if (ent.type == "Organization"sv && ent.rule == "entity.enumeration_cue"sv) continue;
    for (uint32_t p = ent.end; p < ctx.e && !IsClauseBreak(ctx.t[p]); ++p) {
      // A place between, or 在 before one the gazetteer does not read (在川落地), says where; a place
      // inside another name of the list does not (…巴彦淖尔农高区等…获批落地).
      if (const int32_t h = ctx.hit_at[p - ctx.s]; (h >= 0 && !ctx.hits[h].inside_name) || ctx.t[p] == U'在') break;
      const uint32_t verb = ctx.lex.landing_verbs.LongestAt(view, p).length;
      if (verb == 0) continue;
      const uint32_t after = p + verb;
      if (after >= ctx.e || IsClauseBreak(ctx.t[after]))
        ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(ctx.out.document_region),
                        "located_in", "located_in.landed");
      break;
    }
  }
}

}  // namespace policykg::extract::rules
