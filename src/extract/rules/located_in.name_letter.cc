// located_in.name_letter: a name that opens with the one-letter abbreviation of the report's own
// province (苏服办 and 苏品苏货 in Jiangsu's report, 赣鄱氢走廊 in Jiangxi's, 琼西北供水工程 in
// Hainan's) is located in that province, when no place or blend is read inside the name. Only the
// letters abbreviations.json lets open a blend on their own count (standalone_blend): 青, 新, 宁, 云 …
// open ordinary words. A programme so named (赣鄱英才计划, 渝企出海) is the province's own, which
// develops says; it is located nowhere.
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

void LocatedInNameLetter(SentenceContext& ctx) {
  if (ctx.out.document_region < 0) return;
  const int32_t province = ctx.lex.gazetteer.province(ctx.out.document_region);
  if (province < 0) return;
  const auto& schema = ctx.lex.schema();
  for (size_t k = ctx.first_entity; k < ctx.out.entities.size(); ++k) {
    const auto& ent = ctx.out.entities[k];
    if (ent.generic || ent.name.size() < 3 || !ent.named_regions.empty() || !ent.involved_regions.empty()) continue;
    const auto letter = ctx.lex.province_abbreviations.find(ent.name[0]);
    if (letter == ctx.lex.province_abbreviations.end() || letter->second != province) continue;
    if (ent.type == "Plan"sv || ent.type == "Initiative"sv || !schema.Allows("located_in", ent.type, "Region"))
      continue;
    ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(province), "located_in",
                    "located_in.name_letter");
  }
}

}  // namespace policykg::extract::rules
