// entity.quoted_league: a quoted name made of one or two province letters and a league word
// (words.json league_suffixes: 超, BA …) is the province's sports league: an Event (“苏超”, “川超”,
// “浙BA”, “宁青超”), located in its province (one letter) or involving them (a blend): the letters are
// mentions (gazetteer.label_letter). Village leagues (“村BA”) and other letters are not read.
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

void EntityQuotedLeague(SentenceContext& ctx) {
  const auto& t = ctx.t;
  const std::u32string_view view(t.data(), ctx.e);
  const schema::EntityType* event = nullptr;
  bool added_hit = false;
  for (const uint32_t open : ctx.open_quotes) {
    if (open + 3 >= ctx.e) break;
    uint32_t k = open + 1;
    while (k < open + 3 && k < ctx.e && ctx.lex.ProvinceLetter(t[k]) >= 0) ++k;
    if (k == open + 1) continue;
    uint32_t suffix = ctx.lex.league_suffixes.LongestAt(view, k).length;
    // … with 联赛 inside the quotes too (“渝超联赛”).
    if (suffix > 0 && k + suffix + 2 < ctx.e && t[k + suffix] == U'联' && t[k + suffix + 1] == U'赛') suffix += 2;
    if (suffix == 0 || k + suffix >= ctx.e || t[k + suffix] != U'”') continue;
    if (event == nullptr) event = ctx.lex.schema().FindEntityType("Event");
    if (event == nullptr) return;
    ctx.candidates.push_back(Candidate{open, k + suffix + 1, k + suffix + 1, &event->name, "entity.quoted_league"});
    // The letters mention their provinces (gazetteer.label_letter): one is where the league plays,
    // two or more are a blend the league involves.
    std::vector<int32_t> provinces;
    for (uint32_t q = open + 1; q < k; ++q) {
      const int32_t r = ctx.lex.ProvinceLetter(t[q]);
      if (std::find(provinces.begin(), provinces.end(), r) == provinces.end()) provinces.push_back(r);
    }
    const bool blend = provinces.size() > 1;
    ctx.hits.push_back(RegionHit{open + 1, k, std::move(provinces), blend, false, 0, false, "gazetteer.label_letter"});
    added_hit = true;
  }
  if (added_hit) ctx.IndexAddedHits();
}

}  // namespace policykg::extract::rules
