// entity.route_code: a national or provincial road written by its code alone (G331, G109线) is a
// Project when a stage (words.json stage_suffixes) or a build word (build_suffixes) follows it, or
// the last of a list of such codes it belongs to: 有序实施G109、G219、G318提质改造 → G109提质改造,
// G219提质改造, G318提质改造; 沈白高铁、G331通车 → G331. A code before a head of its own (G9812高速,
// G60科创走廊) is entity.head's, and a code followed by anything else names nothing here.
#include <vector>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

namespace {

constexpr uint32_t kMaxDigits = 4;
constexpr uint32_t kMaxHead = 6;

bool IsLatinOrDigit(char32_t c) { return IsDigit(c) || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z'); }

// The end of the road code starting at `p` (G or S, one to four digits, an optional 线), or 0.
uint32_t RouteCodeEnd(const SentenceContext& ctx, uint32_t p) {
  const auto& t = ctx.t;
  if (t[p] != U'G' && t[p] != U'S') return 0;
  if (p > ctx.s && IsLatinOrDigit(t[p - 1])) return 0;
  uint32_t q = p + 1;
  while (q < ctx.e && IsDigit(t[q]) && q - p <= kMaxDigits) ++q;
  if (q == p + 1 || (q < ctx.e && IsLatinOrDigit(t[q]))) return 0;
  if (q < ctx.e && t[q] == U'线') ++q;
  return q;
}

// True when a head starts at `pos` (G9812高速, G60科创走廊): the name is entity.head's.
bool HeadStartsAt(const SentenceContext& ctx, uint32_t pos) {
  for (uint32_t len = 1; len <= kMaxHead && pos + len <= ctx.e; ++len) {
    const std::u32string_view view(ctx.t.data(), pos + len);
    if (ctx.lex.heads_reversed.LongestEndingAt(view, pos + len).length >= len) return true;
  }
  return false;
}

}  // namespace

void EntityRouteCode(SentenceContext& ctx) {
  if (ctx.route_letters.empty()) return;  // (most sentences)
  const schema::EntityType* project = ctx.lex.types.project;
  if (project == nullptr) return;
  const auto& t = ctx.t;
  const std::u32string_view view(t.data(), ctx.e);
  uint32_t done = ctx.s;  // positions before it belong to a list already read
  for (const uint32_t p : ctx.route_letters) {
    if (p < done) continue;
    uint32_t end = RouteCodeEnd(ctx, p);
    if (end == 0) continue;
    // The list of codes joined by 、 or 和 that starts here.
    std::vector<std::pair<uint32_t, uint32_t>> codes{{p, end}};
    while (end + 1 < ctx.e && (t[end] == U'、' || t[end] == U'和')) {
      const uint32_t next_end = RouteCodeEnd(ctx, end + 1);
      if (next_end == 0) break;
      codes.emplace_back(end + 1, next_end);
      end = next_end;
    }
    done = end + 1;
    if (end < ctx.e && HeadStartsAt(ctx, end)) continue;
    const uint32_t stage = ctx.lex.stage_suffixes.LongestAt(view, end).length;
    if (stage == 0 && ctx.BuildWordAt(end) == 0) continue;
    for (const auto& [start, code_end] : codes) {
      Candidate c{start, code_end, code_end, &project->name, "entity.route_code"};
      if (stage > 0) {  // the list's stage belongs to each code: G109提质改造
        c.borrowed_head_start = end;
        c.borrowed_head_end = end + stage;
        if (code_end == end) c.end = end + stage, c.borrowed_head_start = c.borrowed_head_end = 0;
      }
      ctx.candidates.push_back(c);
    }
  }
}

}  // namespace policykg::extract::rules
