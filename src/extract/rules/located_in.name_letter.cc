// located_in.name_letter: a name that opens with the one-letter abbreviation of the report's own
// province (苏服办 and 苏品苏货 in Jiangsu's report, 赣鄱氢走廊 in Jiangxi's, 琼西北供水工程 in
// Hainan's) is located in that province, when no place or blend is read inside the name. Only the
// letters abbreviations.json lets open a blend on their own count (standalone_blend): 青, 新, 宁, 云 …
// open ordinary words. A programme so named (赣鄱英才计划, 渝企出海) is the province's own, which
// develops says; it is located nowhere. So does an event whose abbreviated head (洽会, 交会, 博会:
// heads.json short_name) follows the letter of the report's province or of the one prefecture of it
// whose name opens with that letter or is nicknamed by it: 中国辽洽会 in Liaoning's report → 辽宁, 兰洽会
// in Gansu's → 兰州, 汉交会 in Hubei's → 武汉.
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
    if (ent.type == "Event"sv) {
      auto head = ctx.lex.heads_reversed.LongestEndingAt(ent.name, ent.name.size());
      // (A known site's whole name, 广交会 of gazetteer/sites.json, still ends in its abbreviated head.)
      if (head.length == ent.name.size()) {
        const std::u32string_view rest = std::u32string_view(ent.name).substr(1);
        head = ctx.lex.heads_reversed.LongestEndingAt(rest, rest.size());
      }
      if (head.length > 0 && ctx.lex.lex().heads[head.value].short_name && ent.name.size() > head.length) {
        const char32_t at = ent.name[ent.name.size() - head.length - 1];
        int32_t place = -1;
        if (const auto p = ctx.lex.province_abbreviations.find(at);
            p != ctx.lex.province_abbreviations.end() && p->second == province) {
          place = province;
        } else if (at != U'中') {  // (中博会, 中阿博览会: 中 is 中国's letter, not 中山's)
          // (the one prefecture of the province opening with it; none when two do)
          if (const auto cities = ctx.lex.PrefecturesByInitial(at, province); cities.size() == 1) place = cities[0];
          // … or the city of the province whose nickname it is (汉交会 in Hubei's report → 武汉).
          if (place < 0) place = ctx.lex.NicknamedCityIn(at, province);
        }
        if (place >= 0 && schema.Allows("located_in", ent.type, "Region"))
          ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(place), "located_in",
                          "located_in.name_letter");
        continue;
      }
    }
    const auto letter = ctx.lex.province_abbreviations.find(ent.name[0]);
    if (letter == ctx.lex.province_abbreviations.end() || letter->second != province) continue;
    if (ent.type == "Plan"sv || ent.type == "Initiative"sv || !schema.Allows("located_in", ent.type, "Region"))
      continue;
    ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(province), "located_in",
                    "located_in.name_letter");
  }
}

}  // namespace policykg::extract::rules
