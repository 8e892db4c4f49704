// entity.counted_places: a list of places and a count of them before a head give each place that
// head: 建设武汉、宜昌、“襄十”三大算力圈 → 武汉算力圈, 宜昌算力圈, 襄十算力圈; 沈阳、大连两个绿色
// 算力中心 → 沈阳绿色算力中心, …. The count must equal the number of places listed (a place may be
// quoted letters of places: “襄十”); the words between the count and the head go with the head.
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

namespace {

constexpr uint32_t kMaxCountedModifier = 6;  // generic letters between the count and the head
constexpr uint32_t kMaxCountedPlaces = 10;
constexpr uint32_t kMaxCountedHead = 8;  // letters of the longest head looked for

// The value of a one-character count (两 → 2, 十 → 10), or 0.
int CountValue(char32_t c) {
  switch (c) {
    case U'两': case U'二': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    case U'十': return 10;
    default: return IsDigit(c) ? static_cast<int>(c - U'0') : 0;
  }
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
  const uint32_t s = ctx.s, e = ctx.e;
  const auto& t = ctx.t;
  const std::u32string_view view(t.data(), e);
  // Where a count may follow the last place: the end of a region hit, or of quoted letters.
  std::vector<uint32_t>& ends = ctx.count_places_ends;
  ends.clear();
  for (const RegionHit& h : ctx.hits) ends.push_back(h.end);
  for (const uint32_t open : ctx.open_quotes) {
    for (uint32_t q = open + 1; q < e && q <= open + 6; ++q) {
      if (IsCloseQuote(t[q])) {
        ends.push_back(q + 1);
        break;
      }
    }
  }
  // From each count (a numeral and 大 or a counter) to the heads that end a few letters after it.
  for (const uint32_t at : ends) {
    if (at + 2 >= e) continue;
    const int count = CountValue(t[at]);
    if (count < 2) continue;
    const char32_t counter = t[at + 1];
    if (counter != U'大' && ctx.lex.counters.LongestAt(view, at + 1).length != 1) continue;
    if (ctx.hit_at[at - s] >= 0 || ctx.hit_at[at + 1 - s] >= 0) continue;
    const uint32_t after = at + 2;
    // The places, back from the count: 、 between them, 和 or 、 before the last.
    std::vector<std::pair<uint32_t, uint32_t>> items;
    uint32_t item_end = at;
    while (items.size() < kMaxCountedPlaces) {
      const uint32_t item_start = PlaceItemStart(ctx, item_end);
      if (item_start == kRejected) break;
      items.emplace_back(item_start, item_end);
      if (item_start <= s + 1 || (t[item_start - 1] != U'、' && t[item_start - 1] != U'和')) break;
      item_end = item_start - 1;
    }
    if (static_cast<int>(items.size()) != count) continue;
    for (uint32_t end = after + 2; end <= e && end <= after + kMaxCountedModifier + kMaxCountedHead; ++end) {
      const lexicon::Trie::Match head = ctx.lex.heads_reversed.LongestEndingAt(view, end);
      if (head.length == 0 || end - head.length < after) continue;
      const uint32_t head_start = end - head.length;
      if (head_start - after > kMaxCountedModifier) break;
      if (head_start > after && !ctx.IsGenericModifier(after, head_start)) continue;
      if (!ctx.CanEndName(end, e) || HeadRunsOn(ctx, end)) continue;
      const auto& h = ctx.lex.lex().heads[head.value];
      if (h.type == "Plan"sv || h.type == "Initiative"sv || h.type == "Event"sv) continue;  // (三大行动: a programme's count)
      // The last place and the count before the head were read as one class name (天水两大产业园).
      const uint32_t first = items.back().first;
      std::erase_if(ctx.candidates, [&](const Candidate& c) {
        return c.rule == "entity.head"sv && c.start >= first && c.start < after && c.end == end;
      });
      for (const auto& [item_start, item_end_pos] : items) {
        Candidate c{item_start, item_end_pos, item_end_pos, &h.type, "entity.counted_places"};
        c.borrowed_head_start = after;
        c.borrowed_head_end = end;
        ctx.candidates.push_back(c);
      }
    }
  }
}

}  // namespace policykg::extract::rules
