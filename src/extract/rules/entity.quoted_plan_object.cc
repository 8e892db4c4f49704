// entity.quoted_plan_object: a quoted name that is the whole object of a plan verb, closing its
// clause (持续推进“高效办成一件事”, 全面实施“天府入企码”), is a programme the report runs: an
// Initiative. Not a count or period (“十五五”, “两重”, “开局八好”), a list, a 《》 title, a name with a
// head of its own (“长白英才计划”: entity.head) or a quote a cue follows (“强基焕新”行动:
// entity.quoted_cue).
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

namespace {
constexpr uint32_t kMinName = 3, kMaxName = 12;  // characters between the quote marks
}

void EntityQuotedPlanObject(SentenceContext& ctx) {
  if (ctx.open_quotes.begin() == ctx.open_quotes.end()) return;  // (most sentences)
  const auto& t = ctx.t;
  const schema::EntityType* initiative = ctx.lex.schema().FindEntityType("Initiative");
  if (initiative == nullptr) return;
  for (const uint32_t open : ctx.open_quotes) {
    uint32_t close = open + 1;
    while (close < ctx.e && close - open <= kMaxName && t[close] != U'”' && !IsNameBreak(t[close])) ++close;
    if (close >= ctx.e || t[close] != U'”' || close - open - 1 < kMinName) continue;
    if (close + 1 < ctx.e && !IsClauseBreak(t[close + 1])) continue;  // the quote ends the clause
    // Counts are slogans (“开局八好”, “支点建设七大战略”; 一 is a word: “高效办成一件事”), and a
    // name with a head of its own (“长白英才计划”) is typed by entity.head.
    bool counted = false;
    for (uint32_t q = open + 1; q < close && !counted; ++q)
      counted = IsDigit(t[q]) || (IsChineseNumeral(t[q]) && t[q] != U'一');
    if (counted) continue;
    if (ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(t.data(), close), close).length > 0) continue;
    if (ctx.WordEndingAt(ctx.lex.plan_verbs_reversed, open, ctx.ClauseStart(open)) == 0) continue;
    // A quoted name an earlier rule already took (“数字湖南”: entity.quoted_region_name) stays its.
    bool taken = false;
    for (const Candidate& c : ctx.candidates) taken = taken || (c.start == open && c.end == close + 1);
    if (!taken)
      ctx.candidates.push_back(Candidate{open, close + 1, close + 1, &initiative->name, "entity.quoted_plan_object"});
  }
}

}  // namespace policykg::extract::rules
