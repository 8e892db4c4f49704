// located_in.site_letter: a thing followed in its clause by 在, a one-letter place and a verb of
// words.json site_letter_verbs (国家雅下水电技术创新中心在川落地, 经验交流会在宁召开, 中部地区国家高新区联盟
// 在汉成立, 研究所正式在沪成立) is located there. The letter names the report's province when it is
// its letter, else a city of that province when it is the city's nickname (汉 in Hubei's report:
// 武汉; 宁 in Jiangsu's: 南京), else the province whose letter it is. Programmes and brands are
// located nowhere.
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

namespace {

// Letters of what may stand between the thing and 在 (首个分库, 正式).
constexpr uint32_t kMaxBetween = 6;

// The region a one-letter place names in a report of `province`, or -1.
int32_t PlaceOfLetter(const SentenceContext& ctx, char32_t letter, int32_t province) {
  if (province >= 0 && ctx.ProvinceOfLetter(letter) == province) return province;  // (宁 of 宁夏 too)
  if (const int32_t city = ctx.lex.NicknamedCityIn(letter, province); city >= 0) return city;
  return ctx.lex.ProvinceLetter(letter);
}

}  // namespace

void LocatedInSiteLetter(SentenceContext& ctx) {
  const auto& t = ctx.t;
  const auto& schema = ctx.lex.schema();
  const std::u32string_view view(t.data(), ctx.e);
  const int32_t province = ctx.lex.gazetteer.province(ctx.out.document_region);
  for (size_t k = ctx.first_entity; k < ctx.out.entities.size(); ++k) {
    const auto& ent = ctx.out.entities[k];
    if (ent.generic) continue;
    for (uint32_t p = ent.end; p + 2 < ctx.e && p - ent.end <= kMaxBetween && !IsNameBreak(t[p]); ++p) {
      if (ctx.hit_at[p - ctx.s] >= 0) break;  // a place written out says where (located_in.site_verb)
      if (t[p] != U'在') continue;
      if (ent.type == "Plan"sv || ent.type == "Initiative"sv || ent.type == "Brand"sv ||
          !schema.Allows("located_in", ent.type, "Region"))
        break;
      uint32_t verb = p + 2;
      for (int adverbs = 0; adverbs < 2; ++adverbs) verb += ctx.lex.build_adverbs.LongestAt(view, verb).length;
      if (ctx.lex.site_letter_verbs.LongestAt(view, verb).length == 0) break;
      const int32_t place = PlaceOfLetter(ctx, t[p + 1], province);
      if (place < 0) break;
      ctx.out.regions.push_back({place, p + 1, p + 2, "located_in.site_letter", false});
      ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::RegionRef(place), "located_in",
                      "located_in.site_letter");
      break;
    }
  }
}

}  // namespace policykg::extract::rules
