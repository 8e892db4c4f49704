// entity.designated_site: the sites listed right before a designation they are put up for or given
// (words.json site_designations: 5A级旅游景区, 世界灌溉工程遗产, 申遗 …), with at most 等, a count
// or a verb of site_designation_verbs (创建, 入选, 晋升为 …) between, are Facilities:
// 推动乌拉盖九曲湾、 敖鲁古雅使鹿部落创建国家5A级景区; 通济堰、湔江堰入选世界灌溉工程遗产名录;
// 普洱景迈山古茶林文化景观成功 申遗. A site with a head of its own (琉璃河遗址, …主题公园) is
// entity.head's.
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

namespace {

constexpr uint32_t kMinSite = 2;
constexpr uint32_t kMaxSite = 12;  // characters of one site's name

}  // namespace

void EntityDesignatedSite(SentenceContext& ctx) {
  const schema::EntityType* facility = ctx.lex.types.facility;
  if (facility == nullptr || ctx.lex.site_designations.empty()) return;
  const auto& t = ctx.t;
  const uint32_t s = ctx.s, e = ctx.e;
  const std::u32string_view view(t.data(), e);
  // From where a designation may start (the sentence scan lists them by their first letters); one
  // is read once, from its first letter.
  uint32_t read_until = s + kMinSite;
  for (const uint32_t d : ctx.designation_starts) {
    if (d < read_until) continue;
    const uint32_t length = ctx.lex.site_designations.LongestAt(view, d).length;
    if (length == 0) continue;
    // (世界自然遗产地 names a place of its own: 黄龙世界自然遗产地.)
    if (d + length < e && t[d + length] == U'地') continue;
    // Back over the verb, 等 (…等项目) or a count (3家) to where the list ends.
    uint32_t p = d;
    p -= ctx.WordEndingAt(ctx.lex.site_designation_verbs_reversed, p, s);
    if (p > s && t[p - 1] == U'等') {
      --p;
    } else {
      uint32_t q = p;
      for (uint32_t counter = 1; counter <= 2 && q == p; ++counter) {
        if (p - s > counter && ctx.lex.counters.LongestAt(view, p - counter).length == counter)
          q = p - counter;
      }
      if (q < p && (IsDigit(t[q - 1]) || IsChineseNumeral(t[q - 1]))) {
        while (q > s && (IsDigit(t[q - 1]) || IsChineseNumeral(t[q - 1]))) --q;
        p = q;
      }
    }
    const uint32_t clause = ctx.ClauseStart(d);
    // The items, right to left, each set off by 、 or 和.
    for (uint32_t item_end = p; item_end > clause;) {
      uint32_t end = item_end;
      const bool quoted = IsCloseQuote(t[end - 1]);
      if (quoted) --end;
      uint32_t start = end;
      // (和 inside a place joins nothing: 云和梯田; a dash between two words joins them:
      // 巴丹吉林沙漠—沙山湖泊群.)
      const auto joins = [&](uint32_t q) {
        return (t[q] == U'、' || (t[q] == U'和' && ctx.HitAround(q) < 0)) ||
               (IsNameBreak(t[q]) &&
                !(t[q] == U'—' && q > clause && IsCjk(t[q - 1]) && IsCjk(t[q + 1])));
      };
      while (start > clause && !joins(start - 1) && !IsOpenQuote(t[start - 1]) &&
             end - start <= kMaxSite) {
        uint32_t boundary = 0;
        if (ctx.BoundaryEndsAt(start, clause, &boundary) && boundary >= 2) break;
        --start;
      }
      if (end - start > kMaxSite) break;
      // 四是西夏陵申遗成功 (not 都 of 都江堰: a place is read whole, and one letter is no word
      // here).
      if (const uint32_t skipped = ctx.SkipLeadingBoundaryWords(start, end);
          ctx.hit_at[start - s] < 0 && skipped >= start + 2)
        start = skipped;
      if (end < start + kMinSite) break;
      if (quoted && !(start > clause && IsOpenQuote(t[start - 1]))) break;
      // A grade word before it makes the item a class (阿尔山国家级旅游度假区和…: not
      // 旅游度假区).
      if (uint32_t grade = 0;
          ctx.BoundaryEndsAt(start, clause, &grade) && ctx.IsGenericModifier(start - grade, start))
        break;
      // (我区, 我省: the report's own region, no site.)
      const bool named = t[start] != U'我' && !ctx.ContainsHead(start, end) &&
                         !ctx.IsWholeRegion(start, end) && !ctx.IsGenericModifier(start, end) &&
                         !ctx.ContainsWord(ctx.lex.evaluative_words, start, end);
      if (named)
        ctx.candidates.push_back(
            Candidate{start, end, end, &facility->name, "entity.designated_site"});
      const uint32_t before = quoted ? start - 1 : start;
      if (before <= clause ||
          (t[before - 1] != U'、' && (t[before - 1] != U'和' || ctx.HitAround(before - 1) >= 0)))
        break;
      item_end = before - 1;
    }
    read_until = d + length;
  }
}

}  // namespace policykg::extract::rules
