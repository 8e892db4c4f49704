// entity.quoted_plan_object: a quoted name that is the whole object of a plan verb, closing its
// clause or closed by a build word (持续推进“高效办成一件事”, 全面实施“天府入企码”, 推进新一轮“医学高峰”
// 建设; each of a run side by side: 统筹推进“蓝色粮仓”“海上花园”建设), is a programme the report runs: an
// Initiative. Not a count or period (“十五五”, “两重”, “开局八好”), a list, a 《》 title, a name with a
// head of its own (“长白英才计划”: entity.head) or a quote a cue follows (“强基焕新”行动:
// entity.quoted_cue).
#include <algorithm>
#include <vector>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

namespace {

constexpr uint32_t kMinName = 3, kMaxName = 12;  // characters between the quote marks

// The closing mark of the quoted name opened at `open`, or 0.
uint32_t QuoteClose(const SentenceContext& ctx, uint32_t open) {
  uint32_t close = open + 1;
  while (close < ctx.e && close - open <= kMaxName && ctx.t[close] != U'”' && !IsNameBreak(ctx.t[close])) ++close;
  return close < ctx.e && ctx.t[close] == U'”' && close - open - 1 >= kMinName ? close : 0;
}

// True when the quoted name [open, close] may be a programme: no count or period, no head of its own.
bool MayBeProgramme(const SentenceContext& ctx, uint32_t open, uint32_t close) {
  // Counts are slogans (“开局八好”, “支点建设七大战略”; 一 is a word: “高效办成一件事”), and a
  // name with a head of its own (“长白英才计划”) is typed by entity.head.
  // A slogan of two parts joined by · (“两岸青山·千里林带”) names its programme whatever it counts.
  const bool two_parts = std::find(ctx.t.begin() + open + 1, ctx.t.begin() + close, U'·') != ctx.t.begin() + close;
  // Counts of kinds are slogans: “两重”, “三农”, “十四五”, “五个必须”, “六区一高地”, “两新一重”. A
  // programme may open with one small count (“六水共治”, “四好农村路”) or hold the many of 百, 千, 万
  // (“千企帮千镇”, “万人助万企”).
  const uint32_t len = close - open - 1;
  auto small_count = [](char32_t c) {
    return IsDigit(c) || c == U'双' ||  // (一 is a word: “一带一路”, “高效办成一件事”)
           (IsChineseNumeral(c) && c != U'一' && c != U'百' && c != U'千' && c != U'万');
  };
  // A formula of parts joined by + (“人防+物防+技防”, “百业+文旅”) is a slogan: without a cue after it
  // (“党建+网格+大数据”模式 is typed by entity.quoted_cue) it names no programme.
  // (An open one, “人工智能+”, names its programme: the + closes it.)
  if (std::find(ctx.t.begin() + open + 1, ctx.t.begin() + close - 1, U'+') != ctx.t.begin() + close - 1) return false;
  const char32_t first = ctx.t[open + 1], second = ctx.t[open + 2];
  if (!two_parts && small_count(first) &&
      (len <= 3 || std::u32string_view(U"个大项条种支件").find(second) != std::u32string_view::npos))
    return false;
  // A later count makes a slogan too (“六区一高地”, “两新一重”: 一 counts after an opening count;
  // “开局八好”, “支点建设七大战略”).
  for (uint32_t q = open + 1; q < close && !two_parts; ++q) {
    if (IsDigit(ctx.t[q])) return false;
    if (q > open + 1 && (small_count(ctx.t[q]) || (small_count(first) && ctx.t[q] == U'一'))) return false;
  }
  return ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), close), close).length == 0;
}

}  // namespace

void EntityQuotedPlanObject(SentenceContext& ctx) {
  if (ctx.open_quotes.empty()) return;  // (most sentences)
  const auto& t = ctx.t;
  const schema::EntityType* initiative = ctx.lex.types.initiative;
  if (initiative == nullptr) return;
  uint32_t done = ctx.s;  // quotes before it belong to a run already read
  for (const uint32_t first : ctx.open_quotes) {
    if (first < done) continue;
    // A run of quoted names side by side (统筹推进“蓝色粮仓”“海上花园”建设) is read as one object.
    std::vector<std::pair<uint32_t, uint32_t>> run;
    for (uint32_t open = first; open < ctx.e && t[open] == U'“';) {
      const uint32_t close = QuoteClose(ctx, open);
      if (close == 0) break;
      run.emplace_back(open, close);
      open = close + 1;
    }
    if (run.empty()) continue;
    done = run.back().second + 1;
    // The run ends the clause, or one or two build or stage words do (推进新一轮“医学高峰”建设, 开展县域
    // “千集万店”改造提升).
    uint32_t after = run.back().second + 1;
    const std::u32string_view view(t.data(), ctx.e);
    for (int words = 0; words < 2 && after < ctx.e && !IsClauseBreak(t[after]); ++words) {
      uint32_t upgrade = 0;  // (提升: words.json upgrade_verbs)
      for (uint32_t len = 2; len <= 4 && after + len <= ctx.e && upgrade == 0; ++len) {
        if (ctx.lex.upgrade_verbs_reversed.LongestEndingAt(std::u32string_view(t.data(), after + len), after + len).length == len)
          upgrade = len;
      }
      const uint32_t word = std::max({ctx.BuildWordAt(after), ctx.lex.stage_suffixes.LongestAt(view, after).length, upgrade});
      if (word < 2) break;
      after += word;
    }
    // … or the run is the first of a list (提质建设“两岸青山·千里林带”和国家储备林, 做优“东盟快班”、江铁海
    // 联运) or its size follows (实施“两岸青山·千里林带”35万亩).
    if (after < ctx.e && !IsClauseBreak(t[after]) && t[after] != U'和' && !IsDigit(t[after]))
      continue;
    // A plan verb right before it, or before 新一轮 (推进新一轮“医学高峰”建设).
    uint32_t verb_end = first;
    if (verb_end >= ctx.s + 3 && t[verb_end - 3] == U'新' && t[verb_end - 2] == U'一' && t[verb_end - 1] == U'轮')
      verb_end -= 3;
    // (… or one of words.json quoted_object_verbs: 优化“微网实格”)
    const uint32_t clause = ctx.ClauseStart(first);
    if (ctx.WordEndingAt(ctx.lex.plan_verbs_reversed, verb_end, clause) == 0 &&
        ctx.WordEndingAt(ctx.lex.quoted_object_verbs_reversed, verb_end, clause) == 0)
      continue;
    for (const auto& [open, close] : run) {
      if (!MayBeProgramme(ctx, open, close)) continue;
      // A quoted name an earlier rule already took (“数字湖南”: entity.quoted_region_name) stays its.
      bool taken = false;
      for (const Candidate& c : ctx.candidates) taken = taken || (c.start == open && c.end == close + 1);
      if (!taken)
        ctx.candidates.push_back(Candidate{open, close + 1, close + 1, &initiative->name, "entity.quoted_plan_object"});
    }
  }
}

}  // namespace policykg::extract::rules
