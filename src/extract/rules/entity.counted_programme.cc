// entity.counted_programme: a programme a report names by its count (words.json counted_programmes:
// 民生实事 …) is a Plan named with the count, and with the year before it: 扎实办好20件民生实事,
// 2026年10件民生实事, 10大类55项民生实事, 十件民生实事, “十大重点民生实事”. The count (digits or Chinese
// numerals, 件, 项 or 大, perhaps after a count of kinds, 10大类) is part of the name, not a class's
// size.
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

namespace {

bool IsNumeralLetter(char32_t c) { return IsDigit(c) || IsChineseNumeral(c); }

// The start of the count that ends right before `end` (件 or 项 after numerals; 10大类 before it
// too), or `end` when there is none.
uint32_t CountStart(const SentenceContext& ctx, uint32_t end) {
  const auto& t = ctx.t;
  // (… or 大: “十大重点民生实事”.)
  if (end < ctx.s + 2 || (t[end - 1] != U'件' && t[end - 1] != U'项' && t[end - 1] != U'大')) return end;
  uint32_t p = end - 1;
  while (p > ctx.s && IsNumeralLetter(t[p - 1])) --p;
  if (p == end - 1) return end;
  // 10大类55项: a count of kinds before the count.
  if (p >= ctx.s + 3 && t[p - 1] == U'类' && t[p - 2] == U'大') {
    uint32_t q = p - 2;
    while (q > ctx.s && IsNumeralLetter(t[q - 1])) --q;
    if (q < p - 2) p = q;
  }
  return p;
}

}  // namespace

void EntityCountedProgramme(SentenceContext& ctx) {
  if (ctx.counted_programme_starts.empty()) return;  // (most sentences)
  const schema::EntityType* plan = ctx.lex.types.plan;
  if (plan == nullptr) return;
  const auto& t = ctx.t;
  const std::u32string_view view(t.data(), ctx.e);
  uint32_t next = ctx.s + 2;  // programmes do not overlap
  for (const uint32_t p : ctx.counted_programme_starts) {
    if (p < next) continue;
    const uint32_t length = ctx.lex.counted_programmes.LongestAt(view, p).length;
    if (length == 0) continue;
    const uint32_t end = p + length;
    uint32_t start = CountStart(ctx, p);
    if (start == p || !ctx.CanEndName(end, ctx.e)) continue;
    // (每一件民生实事: each one of them, no programme.)
    if ((start > ctx.s && t[start - 1] == U'每') || (start + 2 == p && t[start] == U'一')) continue;
    // 2026年…: the year opens the name.
    if (start >= ctx.s + 5 && t[start - 1] == U'年' && IsDigit(t[start - 2]) && IsDigit(t[start - 5])) start -= 5;
    ctx.candidates.push_back(Candidate{start, end, p, &plan->name, "entity.counted_programme"});
    next = end;
  }
}

}  // namespace policykg::extract::rules
