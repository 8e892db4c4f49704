// entity.elliptic_head: list items before 等 and a head they share (推进防城港30万吨级、南宁至贵港一级
// 等航道建设; 续建黄桶至百色、合浦至湛江等7个铁路项目) each name one thing: the item and the head
// (防城港30万吨级航道, 黄桶至百色铁路), typed by the head. Items with a head of their own, generic
// items (交通、水利等重大项目) and items that are only a place are left out.
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using lexicon::Trie;

namespace {

// The head (heads.json) that starts at `pos`, after an optional count (7个, 两条); -1 when none ends
// a phrase there. Sets [*head_start, *head_end).
int32_t HeadAfterDeng(const SentenceContext& ctx, uint32_t pos, uint32_t* head_start, uint32_t* head_end) {
  const uint32_t e = ctx.e;
  const std::u32string_view view(ctx.t.data(), e);
  uint32_t p = pos;
  while (p < e && (IsDigit(ctx.t[p]) || IsChineseNumeral(ctx.t[p]))) ++p;
  if (p > pos) {
    const uint32_t counter = ctx.lex.counters.LongestAt(view, p).length;
    if (counter == 0) return -1;
    p += counter;
  }
  for (uint32_t len = 4; len >= 2; --len) {  // the longest head starting at p
    if (p + len > e) continue;
    const Trie::Match m = ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), p + len), p + len);
    if (m.length != len) continue;
    // The head closes its phrase, or a category follows (等7个铁路项目, 等航道建设).
    if (!ctx.CanEndName(p + len, e) && !ctx.PhraseEndsAt(p + len, e) &&
        ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), p + len + 2), p + len + 2).length != 2)
      continue;
    *head_start = p;
    *head_end = p + len;
    return m.value;
  }
  return -1;
}

}  // namespace

void EntityEllipticHead(SentenceContext& ctx) {
  const uint32_t s = ctx.s;
  for (const uint32_t i : ctx.enumeration_marks) {
    if (ctx.t[i] != U'等' || i <= s) continue;
    uint32_t head_start = 0, head_end = 0;
    const int32_t head = HeadAfterDeng(ctx, i + 1, &head_start, &head_end);
    if (head < 0) continue;
    const auto& h = ctx.lex.lex().heads[head];
    const uint32_t clause = ctx.ClauseStart(i);
    std::vector<Candidate> items;
    uint32_t item_end = i;
    bool separated = false;  // at least two items joined by 、
    for (int guard = 0; guard < 12 && item_end > clause; ++guard) {
      uint32_t item_start = item_end;
      uint32_t boundary = 0;
      while (item_start > clause && ctx.t[item_start - 1] != U'、' && !IsClauseBreak(ctx.t[item_start - 1]) &&
             !ctx.BoundaryEndsAt(item_start, clause, &boundary) && item_end - item_start <= kMaxEnumerationItem)
        --item_start;
      const uint32_t len = item_end - item_start;
      const bool named = len >= 2 && len <= kMaxEnumerationItem && !ctx.ContainsHead(item_start, item_end) &&
                         !ctx.IsWholeRegion(item_start, item_end) && !ctx.IsGenericModifier(item_start, item_end) &&
                         !IsOpenQuote(ctx.t[item_start]) && !IsCloseQuote(ctx.t[item_end - 1]);
      if (!named) break;
      Candidate c{item_start, item_end, item_end, &h.type, "entity.elliptic_head"};
      c.borrowed_head_start = head_start;
      c.borrowed_head_end = head_end;
      items.push_back(c);
      if (item_start > clause && ctx.t[item_start - 1] == U'、') {
        separated = true;
        item_end = item_start - 1;
      } else {
        break;
      }
    }
    if (!separated) continue;  // one item before 等 is a category (交通等领域), not a list
    ctx.candidates.insert(ctx.candidates.end(), items.begin(), items.end());
  }
}

}  // namespace policykg::extract::rules
