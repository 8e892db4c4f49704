// entity.region_theme: a theme word (words.json region_theme_words: 数字, 健康, 平安, 法治 …) written
// right before the report's own region, as a word of its own (推动数字重庆体系能力建设, 加快建设健康四川,
// 平安黑龙江、法治黑龙江建设), names a programme the region runs: an Initiative. Quoted ones are
// entity.quoted_region_name's.
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

void EntityRegionTheme(SentenceContext& ctx) {
  const auto& t = ctx.t;
  if (ctx.out.document_region < 0) return;
  const schema::EntityType* initiative = nullptr;
  const std::u32string_view view(t.data(), ctx.e);
  for (const auto& h : ctx.hits) {
    if (h.blend || h.regions.size() != 1 || h.regions[0] != ctx.out.document_region || h.start < ctx.s + 2) continue;
    if (h.end < ctx.e && IsCloseQuote(t[h.end])) continue;  // quoted: entity.quoted_region_name
    const uint32_t theme = ctx.lex.region_theme_words_reversed.LongestEndingAt(view.substr(0, h.start), h.start).length;
    if (theme == 0) continue;
    const uint32_t start = h.start - theme;
    // After punctuation, a list mark or a boundary word (推动数字重庆), 与/和/及 (人工智能与数字重庆), or
    // the region closing another theme (平安重庆法治重庆).
    const bool joined = start > ctx.s && std::u32string_view(U"与和及").find(t[start - 1]) != std::u32string_view::npos;
    const int32_t before = start > ctx.s ? ctx.hit_ending[start - ctx.s] : -1;
    const bool run_on = before >= 0 && ctx.hits[before].regions.size() == 1 &&
                        ctx.hits[before].regions[0] == ctx.out.document_region;
    if (!ctx.OpensWord(start) && !joined && !run_on) continue;
    if (initiative == nullptr) initiative = ctx.lex.types.initiative;
    if (initiative == nullptr) return;
    ctx.candidates.push_back(Candidate{start, h.end, h.end, &initiative->name, "entity.region_theme"});
  }
}

}  // namespace policykg::extract::rules
