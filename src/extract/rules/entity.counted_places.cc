// entity.counted_places: a list of places and a count of them before a head give each place that
// head: 建设武汉、宜昌、“襄十”三大算力圈 → 武汉算力圈, 宜昌算力圈, 襄十算力圈; 沈阳、大连两个绿色
// 算力中心 → 沈阳绿色算力中心, …. The count must equal the number of places listed (a place may be
// quoted letters of places: “襄十”); the words between the count and the head go with the head.
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

namespace {

constexpr uint32_t kMaxCountedModifier = 6;  // generic letters between the count and the head
constexpr uint32_t kMaxCountedPlaces = 10;

// The value of a one-character count (两 → 2, 十 → 10), or 0.
int CountValue(char32_t c) {
  constexpr std::u32string_view kNumerals = U"一二三四五六七八九十";
  if (c == U'两') return 2;
  if (IsDigit(c)) return static_cast<int>(c - U'0');
  const size_t at = kNumerals.find(c);
  return at == std::u32string_view::npos ? 0 : static_cast<int>(at) + 1;
}

// The start of the place item ending at `end` (a whole region, or quoted letters of places), or
// kRejected.
uint32_t PlaceItemStart(const SentenceContext& ctx, uint32_t end) {
  if (end <= ctx.s) return kRejected;
  if (IsCloseQuote(ctx.t[end - 1])) {
    uint32_t open = end - 1;
    while (open > ctx.s && !IsOpenQuote(ctx.t[open - 1]) && end - open <= 6) --open;
    if (open <= ctx.s || !IsOpenQuote(ctx.t[open - 1])) return kRejected;
    const uint32_t inner = end - 1 - open;
    const bool places = ctx.IsWholeRegion(open, end - 1) ||
                        (inner >= 2 && inner <= 4 && ctx.PlaceLettersIn(open, end - 1));
    return places ? open - 1 : kRejected;
  }
  const int32_t k = ctx.hit_ending[end - ctx.s];
  if (k < 0 || ctx.hits[k].end != end || ctx.hits[k].inside_name) return kRejected;
  return ctx.hits[k].start;
}

// True when a longer name goes on after `end` in the same phrase:
// 呼和浩特、通辽2个国家级公立医院改革 与高质量发展示范项目 counts projects, not hospitals.
bool HeadRunsOn(const SentenceContext& ctx, uint32_t end) {
  constexpr uint32_t kLookAhead = 14;
  for (uint32_t q = end; q < ctx.e && q < end + kLookAhead; ++q) {
    const char32_t c = ctx.t[q];
    if (IsNameBreak(c) || c == U'、' || c == U'和' || c == U'及' || c == U'等') return false;
    const lexicon::Trie::Match later =
        ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), q + 1), q + 1);
    if (later.length > 0 && q + 1 - later.length >= end) return true;
  }
  return false;
}

}  // namespace

void EntityCountedPlaces(SentenceContext& ctx) {
  const uint32_t s = ctx.s;
  const auto& t = ctx.t;
  for (const uint32_t last : ctx.head_ends) {
    const uint32_t end = last + 1;
    const lexicon::Trie::Match head =
        ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(t.data(), end), end);
    if (head.length == 0 || !ctx.CanEndName(end, ctx.e)) continue;
    const uint32_t head_start = end - head.length;
    const auto& h = ctx.lex.lex().heads[head.value];
    if (HeadRunsOn(ctx, end)) continue;
    if (h.type == "Plan" || h.type == "Initiative" || h.type == "Event")
      continue;  // (三大行动: a programme's count)
    // The count: a numeral and 大 or a counter, then generic words only up to the head.
    for (uint32_t after = head_start; after >= s + 4 && head_start - after <= kMaxCountedModifier;
         --after) {
      if (after < head_start && !ctx.IsGenericModifier(after, head_start)) continue;
      const char32_t counter = t[after - 1];
      if (counter != U'大' &&
          ctx.lex.counters.LongestAt(std::u32string_view(t.data(), after), after - 1).length != 1)
        continue;
      const int count = CountValue(t[after - 2]);
      if (count < 2 || ctx.hit_at[after - 2 - s] >= 0 || ctx.hit_at[after - 1 - s] >= 0) break;
      // The places, back from the count: 、 between them, 和 or 、 before the last.
      std::vector<std::pair<uint32_t, uint32_t>> items;
      uint32_t item_end = after - 2;
      while (items.size() < kMaxCountedPlaces) {
        const uint32_t item_start = PlaceItemStart(ctx, item_end);
        if (item_start == kRejected) break;
        items.emplace_back(item_start, item_end);
        if (item_start <= s + 1 || (t[item_start - 1] != U'、' && t[item_start - 1] != U'和'))
          break;
        item_end = item_start - 1;
      }
      if (static_cast<int>(items.size()) != count) break;
      // The last place and the count before the head were read as one class name (天水两大产业园).
      const uint32_t first = items.back().first;
      std::erase_if(ctx.candidates, [&](const Candidate& c) {
        return c.rule == "entity.head" && c.start >= first && c.start < after && c.end == end;
      });
      for (const auto& [item_start, item_end_pos] : items) {
        Candidate c{item_start, item_end_pos, item_end_pos, &h.type, "entity.counted_places"};
        c.borrowed_head_start = after;
        c.borrowed_head_end = end;
        ctx.candidates.push_back(c);
      }
      break;
    }
  }
}

}  // namespace policykg::extract::rules
