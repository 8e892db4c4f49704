// entity.quoted_league: a quoted name made of one or two province letters and a league word
// (words.json league_suffixes: 超, BA …) is the province's sports league: an Event (“苏超”, “川超”,
// “浙BA”, “宁青超”), located in its province (one letter) or involving them (a blend): the letters are
// mentions (gazetteer.label_letter). Village leagues (“村BA”) and other letters are not read.
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

namespace {

// The province a letter inside a quoted league stands for: a standalone province letter (苏, 川), or
// any one-letter province abbreviation (宁, 青: abbreviations.json), the quotes and the league word
// making it one; -1 otherwise.
int32_t LeagueLetter(const SentenceContext& ctx, char32_t c) {
  if (const int32_t r = ctx.lex.ProvinceLetter(c); r >= 0) return r;
  const auto it = ctx.lex.name_blend_letters.find(c);
  return it != ctx.lex.name_blend_letters.end() && ctx.lex.region(it->second).level == "province"sv ? it->second : -1;
}

}  // namespace

void EntityQuotedLeague(SentenceContext& ctx) {
  const auto& t = ctx.t;
  const std::u32string_view view(t.data(), ctx.e);
  const schema::EntityType* event = nullptr;
  bool added_hit = false;
  for (const uint32_t open : ctx.open_quotes) {
    if (open + 3 >= ctx.e) break;
    uint32_t k = open + 1;
    while (k < open + 3 && k < ctx.e && LeagueLetter(ctx, t[k]) >= 0) ++k;
    if (k == open + 1) continue;
    // A letter that is no standalone province letter (宁 is also 南京's) counts only beside the
    // report's own province: “宁青超” in 宁夏's report, not in 江苏's.
    bool weak_letter = false, own = false;
    for (uint32_t q = open + 1; q < k; ++q) {
      weak_letter = weak_letter || ctx.lex.ProvinceLetter(t[q]) < 0;
      own = own || LeagueLetter(ctx, t[q]) == ctx.out.document_region;
    }
    if (weak_letter && !own) continue;
    uint32_t suffix = ctx.lex.league_suffixes.LongestAt(view, k).length;
    // … with 联赛 inside the quotes too (“渝超联赛”).
    if (suffix > 0 && k + suffix + 2 < ctx.e && t[k + suffix] == U'联' && t[k + suffix + 1] == U'赛') suffix += 2;
    if (suffix == 0 || k + suffix >= ctx.e || t[k + suffix] != U'”') continue;
    if (event == nullptr) event = ctx.lex.types.event;
    if (event == nullptr) return;
    ctx.candidates.push_back(Candidate{open, k + suffix + 1, k + suffix + 1, &event->name, "entity.quoted_league"});
    // The letters mention their provinces (gazetteer.label_letter): one is where the league plays,
    // two or more are a blend the league involves.
    std::vector<int32_t> provinces;
    for (uint32_t q = open + 1; q < k; ++q) {
      const int32_t r = LeagueLetter(ctx, t[q]);
      if (std::find(provinces.begin(), provinces.end(), r) == provinces.end()) provinces.push_back(r);
    }
    const bool blend = provinces.size() > 1;
    ctx.hits.push_back(RegionHit{open + 1, k, std::move(provinces), blend, false, 0, false, "gazetteer.label_letter"});
    added_hit = true;
  }
  if (added_hit) ctx.IndexAddedHits();
}

}  // namespace policykg::extract::rules
