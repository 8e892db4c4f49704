#include <algorithm>
#include <cmath>

#include "common/utf8.h"
#include "extract/rules/rules.h"
#include "text/normalize.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

using lexicon::Trie;

namespace {

// True when the stage of the projects a metric counts starts at `pos`: construction words
// (words.json construction_verbs) run into 项目 (300个亿元以上在建项目, 1.22万个亿元以上新建续建项目).
bool ProjectStageAt(const SentenceContext& ctx, uint32_t pos) {
  constexpr uint32_t kMaxStage = 8;
  const std::u32string_view view(ctx.t.data(), ctx.e);
  uint32_t q = pos;
  while (q < ctx.e && q - pos < kMaxStage) {
    const uint32_t word = ctx.lex.construction_verbs.LongestAt(view, q).length;
    if (word == 0) break;
    q += word;
  }
  return q > pos && q + 2 <= ctx.e && ctx.t[q] == U'项' && ctx.t[q + 1] == U'目';
}

constexpr uint32_t kMaxFundedMetric = 24;  // characters of what an amount funds

// 多 or 余 at k, after a number (100多个, 3万多亩, 600余项): "more than"; the value stays the one written.
bool IsMoreThanAt(const std::u32string& t, uint32_t k, uint32_t e) { return k < e && (t[k] == U'多' || t[k] == U'余'); }

// 万 or 亿 at k: a multiplier read into the number before it.
bool IsMultiplierAt(const std::u32string& t, uint32_t k) { return t[k] == U'万' || t[k] == U'亿'; }

// True when the bare amounts listed from `pos`, if any (、8万亿、9万亿), end in a count of steps (三个大台阶):
// 生产总值连续跨越7万亿、8万亿、9万亿三个大台阶 names three levels reached, each an amount of money.
bool ListedStepsFrom(const std::u32string& t, uint32_t pos, uint32_t e) {
  uint32_t q = pos;
  while (q + 1 < e && t[q] == U'、' && IsDigit(t[q + 1])) {
    ++q;
    while (q < e && (IsDigit(t[q]) || t[q] == U'.')) ++q;
    if (q >= e || !IsMultiplierAt(t, q)) return false;
    while (q < e && (IsMultiplierAt(t, q) || t[q] == U'千')) ++q;
  }
  const uint32_t count = q;
  while (q < e && (IsChineseNumeral(t[q]) || IsDigit(t[q]))) ++q;
  if (q == count || q >= e || t[q] != U'个') return false;  // (the count of steps: 两个, 三个)
  ++q;
  if (q < e && t[q] == U'大') ++q;
  return q + 1 < e && t[q] == U'台' && t[q + 1] == U'阶';
}

// The number starting at digit i: digits, a decimal part, a 万/亿/千 multiplier, a 多/余 before or
// after the multiplier. Sets *value, *number_end (after the digits) and *more_than (多/余 read), and
// returns the position after them, or 0 when the digits state no quantity (too many digits, an
// ordinal, a date: 20多年 too).
uint32_t ReadNumber(const SentenceContext& ctx, uint32_t i, double* value, uint32_t* number_end, bool* more_than) {
  const uint32_t s = ctx.s, e = ctx.e;
  const std::u32string& t = ctx.t;
  // Exact decimal arithmetic: all digits as one integer, then one power of ten
  // (1.15万 = 115 × 10^(4-2) = 11500, not 11500.000000000002).
  // 超万亿元, 突破千亿元: a magnitude written without digits is one of it.
  // (突破千列, 超万家: 千 or 万 alone, before a unit, is one thousand or ten thousand.)
  if (!IsDigit(t[i])) {
    if (i + 1 >= e || (t[i] != U'万' && t[i] != U'千')) return 0;
    *number_end = i;
    *more_than = false;
    if (t[i + 1] == U'亿') {
      *value = t[i] == U'万' ? 1e12 : 1e11;
      return i + 2;
    }
    *value = t[i] == U'万' ? 1e4 : 1e3;
    return i + 1;
  }
  uint32_t j = i;
  uint64_t digits = 0;
  int count = 0, fraction = 0;
  while (j < e && IsDigit(t[j])) digits = digits * 10 + (t[j++] - U'0'), ++count;
  if (j + 1 < e && t[j] == U'.' && IsDigit(t[j + 1])) {
    for (++j; j < e && IsDigit(t[j]); ++j, ++fraction, ++count)
      digits = digits * 10 + (t[j] - U'0');
  }
  *number_end = j;
  *more_than = false;
  if (count > 15) return 0;  // not a quantity a report states (and beyond exact doubles)
  if (fraction == 0 && IsMoreThanAt(t, j, e)) ++j, *more_than = true;
  int exponent = -fraction;
  if (i > s && t[i - 1] == U'第') return 0;  // ordinals
  // A range (国家级实验室再增加2—4家, 10—12万人) states its lower bound, in the upper one's magnitude and
  // unit.
  if (!*more_than && j + 1 < e && (t[j] == U'—' || t[j] == U'–' || t[j] == U'-' || t[j] == U'~' || t[j] == U'至') &&
      IsDigit(t[j + 1])) {
    ++j;
    while (j < e && IsDigit(t[j])) ++j;
    if (j + 1 < e && t[j] == U'.' && IsDigit(t[j + 1])) {
      ++j;
      while (j < e && IsDigit(t[j])) ++j;
    }
  }
  // A date, not a quantity; but a decimal before 年 counts years (受教育年限达到10.5年).
  if (j < e && (t[j] == U'月' || t[j] == U'日' || t[j] == U'号' || (t[j] == U'年' && fraction == 0))) return 0;
  if (j < e && t[j] == U'万' && j + 1 < e && t[j + 1] == U'亿') {
    exponent += 12, j += 2;
  } else if (j < e && t[j] == U'万') {
    exponent += 4, ++j;
  } else if (j < e && t[j] == U'亿') {
    exponent += 8, ++j;
  } else if (j < e && t[j] == U'千' && !(j + 1 < e && t[j + 1] == U'米')) {
    exponent += 3, ++j;
    // 9千亿元, 5千万元: thousands of a larger magnitude.
    if (j < e && t[j] == U'亿') {
      exponent += 8, ++j;
    } else if (j < e && t[j] == U'万') {
      exponent += 4, ++j;
    }
  }
  if (!*more_than && j > *number_end && IsMoreThanAt(t, j, e)) ++j, *more_than = true;
  double power = 1;  // 10^|exponent| is exact in a double (|exponent| <= 22)
  for (int k = 0; k < std::abs(exponent); ++k) power *= 10;
  *value =
      exponent >= 0 ? static_cast<double>(digits) * power : static_cast<double>(digits) / power;
  return j;
}

// True when the number at `pos` is a margin over the national figure right after the metric's own
// rate (规上工业增加值增长7.6%、高于全国1.7个百分点): the rate is the target, the margin is none. (A margin
// alone, 对俄进出口增速高于全国8.4个百分点, is the metric's figure.)
bool MarginAfterRate(const SentenceContext& ctx, uint32_t pos) {
  const std::u32string& t = ctx.t;
  for (const std::u32string_view national : {U"于全国平均水平"sv, U"于全国平均"sv, U"于全国"sv}) {
    const uint32_t n = static_cast<uint32_t>(national.size());
    if (pos < ctx.s + n + 3 || std::u32string_view(t.data() + pos - n, n) != national) continue;
    const uint32_t q = pos - n - 1;  // 高, 快, 低, 慢
    if (U"高快低慢"sv.find(t[q]) == std::u32string_view::npos) return false;
    return q >= ctx.s + 2 && (t[q - 1] == U'、' || t[q - 1] == U'，' || t[q - 1] == U',') && t[q - 2] == U'%';
  }
  return false;
}

// A character a metric can end with right before its number (省级创新平台30个, 占比70%): a CJK
// ideograph or a Latin letter (GDP), not punctuation, a numeral word or 第/约/近.
bool IsMetricChar(char32_t c) {
  if (c >= U'A' && c <= U'Z') return true;
  if (!IsCjk(c)) return false;
  for (char32_t no : U"第约近超年共从由为至到和及与或前后余"sv) {
    if (c == no) return false;
  }
  return !IsChineseNumeral(c);
}

// The end of the amount at digit `pos`: ReadNumber's number, then a unit of words.json units; 0 when
// there is none.
uint32_t AmountEnd(const SentenceContext& ctx, uint32_t pos) {
  if (pos >= ctx.e || !IsDigit(ctx.t[pos])) return 0;
  double value = 0;
  uint32_t number_end = 0;
  bool more_than = false;
  const uint32_t end = ReadNumber(ctx, pos, &value, &number_end, &more_than);
  if (end == 0) return 0;
  const uint32_t unit = ctx.lex.units.LongestAt(std::u32string_view(ctx.t.data(), ctx.e), end).length;
  return unit > 0 ? end + unit : 0;
}

// The start of the amount that closes [floor, end) exactly (…援助资金31.08亿元), or `end` when none does:
// the last run of digits there, read as AmountEnd reads it.
uint32_t AmountEndingAt(const SentenceContext& ctx, uint32_t floor, uint32_t end) {
  uint32_t q = end;
  while (q > floor && !IsDigit(ctx.t[q - 1])) --q;
  if (q == floor) return end;
  while (q > floor && (IsDigit(ctx.t[q - 1]) || ctx.t[q - 1] == U'.')) --q;
  return AmountEnd(ctx, q) == end ? q : end;
}

// True when an amount starts at `pos` and closes its clause or list item (the second of two amounts
// written together: 16.6万户70.5万人).
bool AmountClosesClauseAt(const SentenceContext& ctx, uint32_t pos) {
  const uint32_t q = AmountEnd(ctx, pos);
  return q > 0 && (q >= ctx.e || IsClauseBreak(ctx.t[q]) || ctx.t[q] == U'、');
}

// After leading verbs are skipped from `floor` to `start`: a grade or standard word skipped last
// (新增省级创新平台 → 省级; 建设高标准农田 → 高标准) belongs to the metric, and so does 在 before a
// province's letter (在沪持牌金融机构, 在川两院院士: those in the province, not all of them).
uint32_t KeepMetricPrefix(const SentenceContext& ctx, uint32_t floor, uint32_t start) {
  if (start > floor && ctx.t[start - 1] == U'在' && ctx.lex.ProvinceLetter(ctx.t[start]) >= 0) return start - 1;
  uint32_t length = 0;
  if (start > floor && ctx.BoundaryEndsAt(start, floor, &length) &&
      (ctx.t[start - 1] == U'级' || (length == 3 && ctx.t[start - length] == U'高'))) {
    return start - length;
  }
  return start;
}

// True when t[pos…) is the place that holds a record, closing its clause (唯一省份, 城市 in
// 成为全国首个经济总量突破5万亿元的城市): the number before the 的 measures the metric, not that noun.
bool NamesRecordHolder(const SentenceContext& ctx, uint32_t pos) {
  std::u32string_view rest(ctx.t.data() + pos, ctx.e - pos);
  if (rest.starts_with(U"唯一"sv)) rest.remove_prefix(2);
  for (std::u32string_view place : {U"省份"sv, U"省区"sv, U"省市"sv, U"城市"sv, U"地区"sv, U"国家"sv}) {
    if (rest.starts_with(place)) return rest.size() == place.size() || IsClauseBreak(rest[place.size()]);
  }
  return false;
}

// A metric that counts a plan's own parts (主要指标, 重点改革任务: words.json uncounted_nouns at its
// end) or holds a share of its own (占比超过10%的有) is no target.
// A measure of the tasks' work (`counts` false: the unit is no counter) counts whatever its noun:
// 完成生态建设任务4000万亩, 完成规划任务85%.
bool IsUncountedMetric(const SentenceContext& ctx, uint32_t start, uint32_t end, bool counts = true) {
  for (uint32_t k = start; k < end; ++k) {
    if (ctx.t[k] == U'%') return true;
  }
  if (!counts) return false;
  const std::u32string_view view(ctx.t.data(), end);
  // … but reform tasks done are counted (293项年度改革任务基本完成: words.json counted_metrics).
  if (const uint32_t counted = ctx.lex.counted_metrics_reversed.LongestEndingAt(view, end).length;
      counted > 0 && counted <= end - start)
    return false;
  for (uint32_t k = start; k < end; ++k) {
    if (ctx.lex.uncounted_nouns.LongestAt(view, k).length == end - k) return true;
  }
  return false;
}

// Cuts metric fillers (年均, 同比: words.json metric_fillers) and years or spans (2025年, 5年) from
// both ends of metric[start, end): 一般公共预算收入年均 → 一般公共预算收入; 年均 alone → empty.
void TrimMetricFillers(const SentenceContext& ctx, uint32_t* start, uint32_t* end) {
  for (bool moved = true; moved && *start < *end;) {
    moved = false;
    // A time span or year at either end: 2025年全省地区生产总值, 内河港口吞吐量5年.
    uint32_t k = *start;
    while (k < *end && IsDigit(ctx.t[k])) ++k;
    if (k > *start && k < *end && ctx.t[k] == U'年') *start = k + 1, moved = true;
    k = *end;
    if (k > *start + 1 && ctx.t[k - 1] == U'年') {  // (五年 too)
      --k;
      while (k > *start && (IsDigit(ctx.t[k - 1]) || IsChineseNumeral(ctx.t[k - 1]))) --k;
      if (k < *end - 1 && k > *start) *end = k, moved = true;
    }
    if (*start >= *end) break;
    const std::u32string_view view(ctx.t.data(), *end);
    // (… not the first letters of a listed word: 和美乡村覆盖率, words.json boundary_exceptions.)
    if (Trie::Match m = ctx.lex.metric_fillers.LongestAt(view, *start);
        m.length > 0 && ctx.lex.boundary_exceptions.LongestAt(view, *start).length <= m.length)
      *start += m.length, moved = true;
    if (*start >= *end) break;
    if (Trie::Match m = ctx.lex.metric_fillers_reversed.LongestEndingAt(view, *end);
        m.length > 0 && *end - m.length >= *start) {
      *end -= m.length, moved = true;
    }
    // (an adverb before the comparator: 国家级实验室再增加2—4家, 粮食产量继续保持500亿斤以上)
    if (Trie::Match m = ctx.lex.metric_end_adverbs_reversed.LongestEndingAt(view, *end);
        m.length > 0 && *end - m.length > *start) {
      *end -= m.length, moved = true;
    }
  }
}

// True when [start, end) is only a comparator or increment word (增加, 增长) or a span of years
// written in numerals (五年, 十年): a metric that measures nothing.
bool MeasuresNothing(const SentenceContext& ctx, uint32_t start, uint32_t end) {
  const std::u32string_view view(ctx.t.data(), end);
  const uint32_t n = end - start;
  if (n == 2 && ctx.t[start] == U'分' && ctx.t[start + 1] == U'别') return true;  // …，分别增长10.6%: whose?
  if (ctx.lex.target_comparators_reversed.LongestEndingAt(view, end).length == n ||
      ctx.lex.increment_comparators_reversed.LongestEndingAt(view, end).length == n)
    return true;
  if (n >= 2 && ctx.t[end - 1] == U'年') {
    uint32_t k = start;
    while (k < end - 1 && IsChineseNumeral(ctx.t[k])) ++k;
    return k == end - 1;
  }
  return false;
}

// True when a unit measures a span of time or an age (1小时通勤圈, 3岁以下), not a quantity of things.
bool IsSpanUnit(const std::string& unit) {
  for (const std::string_view span : {"岁", "小时", "分钟", "天", "日", "年", "个月", "周"}) {
    if (unit.ends_with(span)) return true;
  }
  return false;
}

// True when [start, end) names only a period a value is compared with (较“十三五”增长16.3%: “十三五”, a
// five-year plan's period; 较2020年: a year): the value measures the metric before it.
bool NamesOnlyPeriod(const SentenceContext& ctx, uint32_t start, uint32_t end) {
  if (IsFiveYearPeriod(ctx.t, start, end)) return true;  // 十四五
  while (start < end && text::IsQuoteMark(ctx.t[start])) ++start;
  while (end > start && text::IsQuoteMark(ctx.t[end - 1])) --end;
  if (end - start == 5 && ctx.t[end - 1] == U'年') {
    return std::all_of(ctx.t.begin() + start, ctx.t.begin() + end - 1, [](char32_t c) { return IsDigit(c); });
  }
  return false;
}

// Where a rank closing t[from, mark) starts (全国第四, 居西部第二位: 第, numerals, 位, and up to four
// letters of its scope before 第), or `mark` when none closes it.
uint32_t RankStart(const std::u32string& t, uint32_t from, uint32_t mark) {
  uint32_t end = mark;
  if (end > from && t[end - 1] == U'位') --end;
  const uint32_t numerals_end = end;
  while (end > from && IsChineseNumeral(t[end - 1])) --end;
  if (end == numerals_end || end == from || t[end - 1] != U'第') return mark;
  --end;
  for (int k = 0;
       k < 4 && end > from &&
       U"全国省市区西中东北部世界球居排名列"sv.find(t[end - 1]) != std::u32string_view::npos;
       ++k)
    --end;
  return end;
}

// The metric the first item of a 、 list names before its verb, when the item has no number (高新技术
// 企业数量实现翻番、达1.8万家 → 高新技术企业数量): the item before the 、 ending at `mark`, read from
// the clause start to its first boundary word. An item that a rank closes (高速公路通车里程全国第四、
// 突破1万公里) names its metric before the rank, verb or not. Empty when there is none.
std::u32string MetricOfItemBefore(const SentenceContext& ctx, uint32_t mark) {
  const uint32_t from = ctx.ClauseStart(mark);
  const uint32_t end = RankStart(ctx.t, from, mark);
  const std::u32string_view view(ctx.t.data(), end);
  if (std::any_of(ctx.t.begin() + from, ctx.t.begin() + end, [](char32_t c) { return IsDigit(c); })) return {};
  auto metric = [&](uint32_t to) -> std::u32string {
    if (to - from < 3 || to - from > 12 || ctx.IsGenericModifier(from, to)) return {};
    return ctx.NameWithoutQuotes(from, to);
  };
  for (uint32_t q = from; q < end; ++q) {
    if (ctx.t[q] == U'、' || IsChineseNumeral(ctx.t[q])) return {};
    // (A verb of two letters or more ends it: 实现, 达到; not a word that keeps it, 通车里程.)
    const uint32_t word = ctx.lex.boundary_words.LongestAt(view, q).length;
    if (word >= 2 && ctx.lex.boundary_exceptions.LongestAt(view, q).length <= word) return metric(q);
  }
  return end < mark ? metric(end) : std::u32string();
}

// True when the 、 at `mark` closes a short item without a number of its own, so the metric that
// follows is shared by a list (水电、风电、光伏发电量占比43.3%: one share of the three), not a
// value list (省级创新平台30个、专精特新中小企业100户).
bool MetricItemBefore(const SentenceContext& ctx, uint32_t mark) {
  uint32_t k = mark;
  while (k > ctx.s && !IsClauseBreak(ctx.t[k - 1]) && ctx.t[k - 1] != U'、' && mark - k < 10) {
    if (IsDigit(ctx.t[k - 1])) return false;
    --k;
  }
  return k < mark && mark - k < 10 && (k == ctx.s || IsClauseBreak(ctx.t[k - 1]) || ctx.t[k - 1] == U'、');
}

// After a counted class word ending at `from`: a words.json selection_verbs word and what was chosen
// (入选全国首批重点培育中试平台 → 重点培育中试平台, selection_openers skipped). Returns its start and
// sets *end, or returns 0.
uint32_t ChosenAs(const SentenceContext& ctx, uint32_t from, uint32_t* end) {
  const uint32_t e = ctx.e;
  const std::u32string_view view(ctx.t.data(), e);
  const uint32_t verb = ctx.lex.selection_verbs.LongestAt(view, from).length;
  if (verb == 0) return 0;
  uint32_t start = from + verb;
  start += ctx.lex.selection_openers.LongestAt(view, start).length;
  uint32_t k = start;
  while (k < e && !IsClauseBreak(ctx.t[k]) && ctx.t[k] != U'、' && k - start < 30) ++k;
  // …获批建设: a verb after the verb chooses nothing (a grade word may open it: 国家级中试平台).
  const uint32_t word = ctx.lex.boundary_words.LongestAt(view, start).length;
  if (k - start < 2 || k - start >= 30 || (word > 0 && ctx.t[start + word - 1] != U'级')) return 0;
  // A rank reached is no class (85个学科进入ESI世界学科排名前1%, 进入前1‰).
  const std::u32string_view chosen(ctx.t.data() + start, k - start);
  if (chosen.front() == U'前' || chosen.find(U"排名"sv) != std::u32string_view::npos ||
      chosen.find(U"前千分之"sv) != std::u32string_view::npos)
    return 0;
  // … nor a verb that ends it (48项经验获全国推广: promoted, not chosen as something).
  if (ctx.lex.boundary_reversed.LongestEndingAt(view.substr(0, k), k).length >= 2) return 0;
  *end = k;
  return start;
}

// TrimMetricFillers, and when that cut a filler off the start, the verbs it uncovered (全年实现…,
// 和改造提升… → the metric), a grade word kept.
void TrimStartAndVerbs(const SentenceContext& ctx, uint32_t* start, uint32_t* end) {
  const uint32_t before = *start;
  TrimMetricFillers(ctx, start, end);
  if (*start != before && *start < *end) *start = KeepMetricPrefix(ctx, *start, ctx.SkipLeadingBoundaryWords(*start, *end));
}

constexpr uint32_t kMaxShareClause = 24;  // letters of the clause a share opens, named with it

// The start of a short bracketed aside, （所、站）, ending right before the number at `i`; else `i`.
uint32_t BracketedAsideBefore(const SentenceContext& ctx, uint32_t i) {
  if (i < ctx.s + 4 || ctx.t[i - 1] != U')') return i;
  uint32_t q = i - 1;
  while (q > ctx.s && i - q < 8 && ctx.t[q - 1] != U'(' && !IsClauseBreak(ctx.t[q - 1])) --q;
  return q > ctx.s + 1 && ctx.t[q - 1] == U'(' ? q - 1 : i;
}

// True when a starting value follows 从/由 at `k`: its digits right after, or after a short period
// (从上半年5.5%降到5.3%, 从年初的3%).
bool StartingValueAt(const SentenceContext& ctx, uint32_t k) {
  const auto& t = ctx.t;
  if (t[k] != U'从' && t[k] != U'由') return false;
  if (k + 1 < ctx.e && !IsDigit(t[k + 1]) &&
      U"业事而于来"sv.find(t[k + 1]) != std::u32string_view::npos)
    return false;  // 从业人员, 从事, 由于: words, not "from"
  for (uint32_t q = k + 1; q < ctx.e && q <= k + 5; ++q) {
    if (IsDigit(t[q])) return true;
    if (!IsCjk(t[q]) || IsClauseBreak(t[q])) return false;
  }
  return false;
}

// True when a boundary word of two letters or more that is no grade (省级) starts at `pos`: a verb
// saying what an amount before it does (安排财政资金75亿元加快项目落地建设).
bool FollowedByVerb(const SentenceContext& ctx, uint32_t pos) {
  const uint32_t word = ctx.lex.boundary_words.LongestAt(std::u32string_view(ctx.t.data(), ctx.e), pos).length;
  return word >= 2 && ctx.t[pos + word - 1] != U'级';
}

// True when the number at `i` is a starting value: 从/由 stands a few letters before it, only letters
// between (从上半年5.5%).
bool AfterStartingWord(const SentenceContext& ctx, uint32_t i) {
  for (uint32_t k = i; k > ctx.s && i - k < 5; --k) {
    const char32_t c = ctx.t[k - 1];
    if (c == U'从' || c == U'由') return StartingValueAt(ctx, k - 1);
    if (!IsCjk(c) || IsClauseBreak(c)) return false;
  }
  return false;
}

// 、, 和 and 及 join the values of a 分别 list (分别增长5%、6%和7%).
bool JoinsValues(char32_t c) { return c == U'、' || c == U'和' || c == U'及'; }

// The unit after the last of the bare amounts listed from `pos` (、1305万人次 in 分别达1409万、1305万人次:
// the amounts share it), or no match.
// With `bare`, the amounts are plain numbers (分别提高20.9、36.2、54个百分点), each perhaps with the 个 of a
// 个百分点 written last (高于全国12.7个、12个百分点).
lexicon::Trie::Match SharedUnitFrom(const SentenceContext& ctx, uint32_t pos, bool bare = false) {
  const auto& t = ctx.t;
  uint32_t q = pos;
  while (q + 1 < ctx.e && JoinsValues(t[q]) && IsDigit(t[q + 1])) {
    ++q;
    while (q < ctx.e && (IsDigit(t[q]) || t[q] == U'.')) ++q;
    if (bare) {
      if (q + 1 < ctx.e && t[q] == U'个' && JoinsValues(t[q + 1])) ++q;
      continue;
    }
    if (q >= ctx.e || !IsMultiplierAt(t, q)) return {};
    while (q < ctx.e && IsMultiplierAt(t, q)) ++q;  // (万亿)
  }
  if (q == pos) return {};
  return ctx.lex.units.LongestAt(std::u32string_view(t.data(), ctx.e), q);
}

// How many values the clause lists from the one ending at `end` (…增长5%、6%和7% → 3).
size_t ValuesListedFrom(const SentenceContext& ctx, uint32_t end) {
  size_t values = 1;
  for (uint32_t k = end; k + 1 < ctx.e && !IsClauseBreak(ctx.t[k]); ++k)
    values += JoinsValues(ctx.t[k]) && IsDigit(ctx.t[k + 1]);
  return values;
}

// The industry the sentence before the current one opens with, up to its first boundary word
// (石化产业持续“减油增化提质”… → 石化产业; 新医药产业聚焦… → 新医药产业): a few letters ending in 产业,
// 经济 or 业. Empty when there is none.
std::u32string PreviousSentenceIndustry(const SentenceContext& ctx) {
  constexpr uint32_t kMaxIndustry = 8;
  const auto& sentences = ctx.layout.sentences;
  const size_t index = static_cast<size_t>(ctx.sentence - sentences.data());
  if (index == 0 || index >= sentences.size()) return {};
  const text::Sentence& before = sentences[index - 1];
  const std::u32string_view view(ctx.t.data(), before.end);
  for (uint32_t q = before.start + 2; q < before.end && q <= before.start + kMaxIndustry; ++q) {
    if (IsNameBreak(ctx.t[q - 1]) || text::IsQuoteMark(ctx.t[q - 1])) return {};
    if (ctx.lex.boundary_words.LongestAt(view, q).length == 0) continue;
    const std::u32string_view subject(ctx.t.data() + before.start, q - before.start);
    if (subject.ends_with(U"业"sv) || subject.ends_with(U"经济"sv)) return std::u32string(subject);
    return {};
  }
  return {};
}

// The length of the funded link (words.json funded_links: 实施, 用于 …) right after an amount of money
// [number, end) that a funding verb (funding_verbs: 筹措, 安排 …) opens, or 0.
uint32_t FundedLinkAt(const SentenceContext& ctx, uint32_t number, uint32_t end) {
  if (end >= ctx.e || end == number || ctx.t[end - 1] != U'元') return 0;
  uint32_t before = number;
  if (before > ctx.s && (ctx.t[before - 1] == U'近' || ctx.t[before - 1] == U'超' || ctx.t[before - 1] == U'约')) --before;
  if (ctx.lex.funding_verbs_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), before), before).length == 0) return 0;
  return ctx.lex.funded_links.LongestAt(std::u32string_view(ctx.t.data(), ctx.e), end).length;
}

// The length of a second counter in brackets at `pos` (155.4万套（间）, 1万台（套）), or 0.
uint32_t BracketedCounterAt(const SentenceContext& ctx, uint32_t pos) {
  const auto& t = ctx.t;
  if (pos + 2 >= ctx.e || t[pos] != U'(' || t[pos + 2] != U')') return 0;
  const bool counter = ctx.lex.IsCountWord(t[pos + 1]) ||
                       ctx.lex.units.LongestAt(std::u32string_view(t.data(), ctx.e), pos + 1).length == 1;
  return counter ? 3 : 0;
}

// True when the boundary word of `length` letters ending at `number` is a build word (words.json
// build_suffixes) closing a named work (推进“三北”工程建设10万亩、…: the work is measured, 三北工程建设).
bool MeasuredWorkBefore(const SentenceContext& ctx, uint32_t number, uint32_t length) {
  if (length < 2 || number < ctx.s + length + 2) return false;
  const uint32_t word = number - length;
  uint32_t earlier = 0;  // (a boundary word right before it: the work has no name)
  return ctx.lex.build_suffixes.LongestAt(std::u32string_view(ctx.t.data(), number), word).length == length &&
         (IsMetricChar(ctx.t[word - 1]) || IsCloseQuote(ctx.t[word - 1])) &&
         !(ctx.t[word - 2] == U'分' && ctx.t[word - 1] == U'别') &&  // (分别完成25%、50%: values of a list)
         !ctx.BoundaryEndsAt(word, ctx.s, &earlier);
}

// True when the boundary word of `length` letters ending at `number` is a verb that says how a
// metric's count was reached (words.json count_verbs: 中欧班列（西安）开行6037列, 邮轮母港接待邮轮91艘次),
// right after the metric's name; the verb stays out of the metric and in the target's name. Returns
// where the metric ends, or 0.
uint32_t CountVerbBefore(const SentenceContext& ctx, uint32_t number, uint32_t length) {
  if (length < 2 || number < ctx.s + length + 2) return 0;
  uint32_t word = number - length;
  if (ctx.lex.count_verbs.LongestAt(std::u32string_view(ctx.t.data(), number), word).length != length) return 0;
  // (… after a filler: 中欧（亚）班列累计开行1.7万列; the trim of the metric's fillers drops it.)
  const uint32_t filler =
      ctx.lex.metric_fillers_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), word), word).length;
  if (filler >= 2 && word >= ctx.s + filler + 2) word -= filler;
  const char32_t before = ctx.t[word - 1];
  uint32_t earlier = 0;
  const bool named = (IsMetricChar(before) || IsCloseQuote(before) || before == U')') &&
                     !(ctx.t[word - 2] == U'分' && ctx.t[word - 1] == U'别') && !ctx.BoundaryEndsAt(word, ctx.s, &earlier);
  return named ? word : 0;
}

// Where the words an item before the last shares with the last item of a metric list start in the
// last: after the longest end of the item (two letters or more) found inside it (及相关产业 in
// 旅游及相关产业增加值占…比重), else at a support verb (words.json support_verbs: 支持民间投资项目比重);
// 0 when neither.
size_t SharedBaseStart(const SentenceContext& ctx, const std::u32string& item, const std::u32string& last) {
  constexpr size_t kMaxSharedEnd = 6;
  for (size_t len = std::min(item.size() - 1, kMaxSharedEnd); len >= 2; --len) {
    const size_t at = last.find(std::u32string_view(item).substr(item.size() - len));
    if (at != std::u32string::npos && at > 0) return at + len;
  }
  for (uint32_t end = 2; end < last.size(); ++end) {
    const uint32_t verb = ctx.lex.support_verbs_reversed.LongestEndingAt(last, end).length;
    if (verb > 0 && end > verb) return end - verb;
  }
  return 0;
}

// Splits a list of metrics that pairs in order with `values` values (文化及相关产业、旅游及相关产业
// …分别增长; 供热、燃气、排水管网800公里、600公里、300公里) into `metrics`: at 、, at 和/及/与 only when
// there is no 、 or the values outnumber the 、 items (高中阶段和高等教育毛入学率). Items before the last
// take its tail where they lack one; `written`: the list as written when a 和 compound shares it.
// Fewer than two items: `metrics` is that one item or empty.
void SplitMetricList(const SentenceContext& ctx, const std::u32string& list, size_t values,
                     std::vector<std::u32string>& metrics, std::u32string& written) {
  const size_t listed_items = 1 + std::count(list.begin(), list.end(), U'、');
  const bool split_conjunctions = listed_items == 1 || values > listed_items;
  size_t from = 0;
  for (size_t k = 0; k <= list.size(); ++k) {
    if (k == list.size() || list[k] == U'、' || (split_conjunctions && (list[k] == U'和' || list[k] == U'及' || list[k] == U'与'))) {
      if (k > from) metrics.push_back(list.substr(from, k - from));
      from = k + 1;
    }
  }
  if (metrics.size() >= 2) {
    // 原煤、原油、天然气产量: short items before the last share its tail (words.json
    // metric_tails: 原煤产量), overlapping where they end with its start (城镇居民、农村居民人均
    // 可支配收入 → 城镇居民人均可支配收入).
    const std::u32string& last = metrics.back();
    // 一、二、三产业增加值: an item of one letter takes all of the last one after its first letter
    // (一产业增加值, 二产业增加值).
    if (last.size() >= 3) {
      for (size_t k = 0; k + 1 < metrics.size(); ++k) {
        if (metrics[k].size() == 1 && IsCjk(metrics[k][0])) metrics[k].append(last, 1);
      }
    }
    const uint32_t tail =
        ctx.lex.metric_tails_reversed.LongestEndingAt(last, static_cast<uint32_t>(last.size())).length;
    for (size_t k = 0; tail > 0 && tail < last.size() && k + 1 < metrics.size(); ++k) {
      std::u32string& item = metrics[k];
      const std::u32string_view shared(last.data() + last.size() - tail, tail);
      // 农产品网络零售额、乡村旅游经营收入: an item with a tail of its own keeps it.
      // (… also one that ends in the tail's last letter: 起数 before 死亡人数 counts already.)
      if (ctx.lex.metric_tails_reversed.LongestEndingAt(item, static_cast<uint32_t>(item.size())).length > 0 ||
          (!item.empty() && item.back() == shared.back()))
        continue;
      size_t overlap = std::min<size_t>(item.size() - 1, tail - 1);
      while (overlap > 0 && !item.ends_with(shared.substr(0, overlap))) --overlap;
      // A longer item without the overlap is a metric of its own (入境游客、…离岛免税销售额) …
      if (overlap == 0 && item.size() > 3) {
        // … but a share (words.json share_words: 比重, 占比) measures nothing without its base: the item
        // takes the last one's words from where they part (文化及相关产业、旅游及相关产业增加值占地区生产总值
        // 比重 → 文化及相关产业增加值占地区生产总值比重; 专项产业基金、…新增工业用地支持民间投资项目比重 →
        // 专项产业基金支持民间投资项目比重).
        if (ctx.lex.share_words.Find(shared) >= 0) {
          const size_t from = SharedBaseStart(ctx, item, last);
          if (from > 0 && from < last.size()) item.append(last, from);
        }
        continue;
      }
      item.append(shared.substr(overlap));
      // (a compound joined by 和 as one noun phrase; 原煤、原油、天然气产量 stay 原煤产量 …)
      if (listed_items == 1) written = list + U"分别";
    }
    // 国家级、部级创新平台分别达到22家、182家: a grade word alone (国家级) measures the last item's
    // noun; the list as written is its metric.
    for (size_t k = 0; k + 1 < metrics.size(); ++k) {
      const std::u32string& item = metrics[k];
      if (item.size() >= 2 && item.size() <= 3 && item.back() == U'级') metrics[k] = list;
    }
  }
}

}  // namespace

// target: metric + comparator + number (万/亿 multipliers) + unit + qualifier, and counted nouns
// (160个引领性标志性项目); the status says planned or achieved.
void Target(SentenceContext& ctx) {
  const text::Sentence& sentence = *ctx.sentence;
  const uint32_t s = sentence.start, e = sentence.end;
  std::u32string_view view(ctx.t.data(), e);
  std::u32string& last_metric = ctx.last_metric;  // capacity kept from sentence to sentence
  last_metric.clear();
  uint32_t resume = s;  // after the last target
  // A、B分别增长5%、6%: the metrics still to pair with the values that follow, in order.
  std::vector<std::u32string> paired_metrics;
  // 城镇和农村居民人均可支配收入分别增长4.3%、5.5%: the list as written, when its items share its tail;
  // the paired targets are named with it (their metrics stay the items: 城镇居民人均可支配收入).
  std::u32string paired_written;
  std::u32string paired_comparator;  // 增长 in 分别增长: named again before each paired value
  std::string paired_comparator_text;  // … and as the comparator the paired values keep
  // The previous target's comparator as written (年均增长 of …年均增长5.3%) and as kept, for a value
  // listed right after it without one (…年均增长5.3%、8.1%).
  std::u32string listed_comparator;
  const std::string* listed_comparator_text = nullptr;
  size_t next_paired = 0;
  // 接待游客17.52亿人次、旅游花费1.27万亿元，分别增长32.9%、41.6%: the metrics of the targets just
  // listed with 、, in order, and where the last ends; a clause that opens with 分别 pairs its values
  // with them.
  std::vector<std::u32string> listed_metrics;
  uint32_t listed_end = 0;
  uint32_t number_first_end = 0;  // the end of the last target when it read its noun after its number
  // The numbers: every digit run, and a magnitude without digits right after a comparator (超万亿元,
  // 突破千亿元).
  const uint32_t* first_number = ctx.digits.begin();
  const uint32_t* last_number = ctx.digits.end();
  std::vector<uint32_t>& numbers = ctx.target_numbers;
  numbers.clear();
  for (const uint32_t mark : ctx.magnitude_marks) {  // (亿, 千, 万, listed by the sentence scan)
    // The magnitude before 亿 (超万亿元), or 千 or 万 alone before a unit (突破千列, 超万家), after
    // a comparator, is the number itself.
    const bool bare = ctx.t[mark] != U'亿';
    const uint32_t p = bare ? mark : mark - 1;
    if (mark < s + 2 || (ctx.t[p] != U'万' && ctx.t[p] != U'千') || IsDigit(ctx.t[p - 1]) ||
        (bare && (IsChineseNumeral(ctx.t[p - 1]) || p + 1 >= e ||
                  ctx.lex.units.LongestAt(view, p + 1).length == 0)) ||
        ctx.lex.target_comparators_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), p), p)
                .length == 0)
      continue;
    if (numbers.empty()) numbers.assign(first_number, last_number);
    numbers.push_back(p);
  }
  if (!numbers.empty()) {
    std::sort(numbers.begin(), numbers.end());
    first_number = numbers.data();
    last_number = numbers.data() + numbers.size();
  }
  // 完成并购重组397起、1767.8亿元: a value at `at` that makes a list item of its own right after a
  // target stated without a comparator, in another unit, closing its clause, measures the same
  // metric.
  const auto plain_listed = [&](uint32_t at) {
    if (ctx.out.targets.empty()) return false;
    const TargetMention& before = ctx.out.targets.back();
    if (before.end + 1 != at || !before.comparator.empty() || !AmountClosesClauseAt(ctx, at))
      return false;
    std::u32string_view unit(ctx.t.data() + at, AmountEnd(ctx, at) - at);
    while (!unit.empty() && (IsDigit(unit.front()) || unit.front() == U'.')) unit.remove_prefix(1);
    return !before.display.ends_with(unit);
  };
  for (const uint32_t* number = first_number; number != last_number; ++number) {
    const uint32_t i = *number;
    if (i < resume || (i > s && (IsDigit(ctx.t[i - 1]) || ctx.t[i - 1] == U'.'))) continue;
    // A number opening a short quote is a label, not a quantity (“117项目”司法出清, “2152”龙头引育工程).
    if (i > s && IsOpenQuote(ctx.t[i - 1])) {
      uint32_t close = i;
      while (close < e && close < i + 8 && !IsCloseQuote(ctx.t[close]) && !IsClauseBreak(ctx.t[close])) ++close;
      if (close < e && IsCloseQuote(ctx.t[close])) continue;
    }
    uint32_t number_end = 0;
    double value = 0;
    bool more_than = false;
    const uint32_t j = ReadNumber(ctx, i, &value, &number_end, &more_than);
    if (j == 0) continue;
    Trie::Match unit = ctx.lex.units.LongestAt(view, j);
    // 地区生产总值迈上5万亿台阶: a bare amount before 台阶 is money reached (台 is no counter there).
    // (… also the amounts listed before a count of steps: 迈上4万亿、5万亿两个台阶.)
    const bool money_step = j > number_end && IsMultiplierAt(ctx.t, j - 1) &&
                            ((j + 1 < e && ctx.t[j] == U'台' && ctx.t[j + 1] == U'阶') || ListedStepsFrom(ctx.t, j, e));
    if (money_step) {
      const int32_t money = ctx.lex.units.Find(U"元");
      if (money < 0) continue;
      unit = Trie::Match{0, money};
    }
    // 551万农村贫困人口全部脱贫, 1000多万高中毕业生: a bare 万/亿 before a noun counts people when the
    // noun ends in a words.json people_nouns word (checked once the noun is read); the unit is 人.
    bool counts_people = false;
    // 医疗旅游人次86.5万: a bare 万/亿 after a metric that ends in a unit word counts in that unit.
    bool unit_in_metric = false;
    if (unit.length == 0 && !money_step && j > number_end && IsMultiplierAt(ctx.t, j - 1) &&
        (j >= e || IsClauseBreak(ctx.t[j]) || ctx.t[j] == U'、')) {
      // (… also before a comparator: 职工医保参保人数突破5100万; a count of people, 人数, 用户, is in 人)
      const uint32_t comparator_length =
          ctx.lex.target_comparators_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), i), i).length;
      for (const uint32_t metric_end : {i, i - comparator_length}) {
        if (metric_end == i && comparator_length > 0 && unit_in_metric) break;
        for (uint32_t len = 3; len >= 1 && !unit_in_metric; --len) {
          if (metric_end < s + len + 1) continue;
          const std::u32string_view word(ctx.t.data() + metric_end - len, len);
          const int32_t written = ctx.lex.units.Find(word);
          // (a counter, 户, 家, or people, 人次, 人; not 年 or %)
          if (written >= 0 &&
              (ctx.lex.counters.Find(word) >= 0 || word == U"人次"sv || word == U"人"sv)) {
            unit = Trie::Match{0, written};
            unit_in_metric = true;
          } else if (len == 2 && comparator_length > 0 &&
                     (word == U"人数"sv || word == U"用户"sv)) {
            if (const int32_t person = ctx.lex.units.Find(U"人"); person >= 0) {
              unit = Trie::Match{0, person};
              unit_in_metric = true;
            }
          }
        }
        if (comparator_length == 0) break;
      }
    }
    // 城乡居民收入比降至2.2, 收入倍差从2.42缩小至2.12: a bare number ending its clause after a ratio
    // (words.json ratio_metrics) a few words back is that ratio to one (unit ∶1).
    // 单日最高客运量分别达1409万、1305万人次: a bare amount listed before others takes the unit of the last.
    bool shared_unit = false;
    if (unit.length == 0 && !money_step && !unit_in_metric && j > number_end && IsMultiplierAt(ctx.t, j - 1) &&
        j < e && JoinsValues(ctx.t[j])) {
      if (const Trie::Match shared = SharedUnitFrom(ctx, j); shared.length > 0) {
        unit = Trie::Match{0, shared.value};
        shared_unit = true;
      }
    }
    // … and so do plain numbers paired by 分别 (覆盖率分别提高20.9、36.2、54个百分点).
    if (unit.length == 0 && !money_step && !unit_in_metric && !shared_unit && j == number_end && j + 1 < e &&
        ctx.t[j] == U'、' && IsDigit(ctx.t[j + 1])) {
      bool respectively_before = false;
      for (uint32_t k = i; k >= s + 2 && i - k < 12 && !IsClauseBreak(ctx.t[k - 1]) && !respectively_before; --k)
        respectively_before = ctx.t[k - 2] == U'分' && ctx.t[k - 1] == U'别';
      if (const Trie::Match shared = respectively_before ? SharedUnitFrom(ctx, j, true) : Trie::Match{};
          shared.length > 0) {
        unit = Trie::Match{0, shared.value};
        shared_unit = true;
      }
    }
    // 增速分别高于全国12.7个、12个百分点: the 个 of a value listed before the last is its 个百分点.
    if (unit.length == 1 && j + 1 < e && ctx.t[j] == U'个' && JoinsValues(ctx.t[j + 1])) {
      const Trie::Match last = SharedUnitFrom(ctx, j + 1, true);
      if (last.length > 1 && ctx.lex.lex().units[last.value] == "个百分点") unit = Trie::Match{1, last.value};
    }
    bool ratio = false;
    if (unit.length == 0 && !money_step && !unit_in_metric && !shared_unit && j == number_end &&
        (j >= e || IsClauseBreak(ctx.t[j]) || ctx.t[j] == U'、' || ctx.lex.target_qualifiers.LongestAt(view, j).length > 0)) {
      const uint32_t clause = ctx.ClauseStart(i);
      for (uint32_t q = i; q > clause && i - q <= 16 && !ratio; --q) {
        ratio = ctx.lex.ratio_metrics_reversed.LongestEndingAt(view, q).length > 0;
      }
      const int32_t to_one = ratio ? ctx.lex.units.Find(U"∶1") : -1;
      if (to_one >= 0) {
        unit = Trie::Match{0, to_one};
      } else {
        ratio = false;
      }
    }
    if (unit.length == 0 && !money_step && !unit_in_metric && !ratio && !shared_unit) {
      if (j == number_end || !IsMultiplierAt(ctx.t, j - 1 - (IsMoreThanAt(ctx.t, j - 1, e) ? 1 : 0)) ||
          ctx.lex.people_nouns_reversed.empty())
        continue;
      const int32_t person = ctx.lex.units.Find(U"人");
      if (person < 0) continue;
      unit = Trie::Match{0, person};
      counts_people = true;
    }
    // 从4.7万家增加到6.1万家: a starting value is no target (the value reached is); 连续30个月: a
    // duration counts months, not things.
    // (… also after a short period or basis: 从上半年5.5%降到5.3%, 从每人每月2375元提高到2423元.)
    if (i > s && (ctx.t[i - 1] == U'从' || ctx.t[i - 1] == U'由')) continue;
    if (AfterStartingWord(ctx, i)) continue;
    if (i >= s + 2 && ctx.t[i - 2] == U'连' && ctx.t[i - 1] == U'续') continue;
    if (j + unit.length < e && ctx.t[j + unit.length] == U'月' && ctx.t[j] == U'个') continue;
    // “40条”: a quoted count names a policy package.
    if (i > s && IsOpenQuote(ctx.t[i - 1]) && j + unit.length < e && IsCloseQuote(ctx.t[j + unit.length])) continue;
    const std::string& unit_text = ctx.lex.lex().units[unit.value];
    // A counter (个, 项 …) counts things; other units measure (亩, %).
    const bool counts =
        counts_people || ctx.lex.counters.Find(std::u32string_view(ctx.t.data() + j, unit.length)) >= 0;
    uint32_t end = j + unit.length;
    end += BracketedCounterAt(ctx, end);  // 155.4万套（间）: a second counter belongs to the unit
    const std::string* qualifier = nullptr;
    if (Trie::Match q = ctx.lex.target_qualifiers.LongestAt(view, end); q.length > 0) {
      qualifier = &ctx.lex.lex().target_qualifiers[q.value];
      end += q.length;
    }
    // 新建省重点实验室、省技术创新中心、省工程研究中心各20家: 各 gives the count to every item of the
    // list before it, each a target of its own.
    if (counts && i >= s + 4 && ctx.t[i - 1] == U'各' && ctx.t[i - 2] != U'、') {
      uint32_t list_start = i - 1;
      while (list_start > s && !IsClauseBreak(ctx.t[list_start - 1]) && i - 1 - list_start < 48) --list_start;
      list_start = ctx.SkipLeadingBoundaryWords(list_start, i - 1);
      std::vector<std::pair<uint32_t, uint32_t>> items;
      for (uint32_t from = list_start, k = list_start; k <= i - 1; ++k) {
        if (k == i - 1 || ctx.t[k] == U'、') {
          if (k > from + 1) items.emplace_back(from, k);
          from = k + 1;
        }
      }
      if (items.size() >= 2) {
        const std::string status = ctx.TargetStatus(sentence);
        for (const auto& [from, to] : items) {
          TargetMention each;
          each.value = value;
          each.unit = unit_text;
          if (qualifier != nullptr) each.qualifier = *qualifier;
          each.status = status;
          each.metric = ctx.NameWithoutQuotes(from, to);
          each.name = each.metric + U"各";
          each.name.append(ctx.t.data() + i, end - i);
          each.start = from;
          each.end = end;
          each.display.assign(ctx.t.data() + i, (end > number_end ? end : number_end) - i);
          ctx.out.targets.push_back(std::move(each));
        }
        listed_comparator_text = nullptr;
        number_first_end = 0;
        resume = end;
        continue;
      }
    }
    // 从2020年的5.2万元提高到2025年的7.4万元: the year of the value stands between the comparator and
    // it; the comparator and the metric are read before the year.
    // So does the basis of a rate (城乡低保标准提高到每月815元, 提高到每人每年700元).
    uint32_t cue = i >= s + 6 && ctx.t[i - 1] == U'的' && ctx.t[i - 2] == U'年' &&
                           std::all_of(ctx.t.begin() + i - 6, ctx.t.begin() + i - 2, IsDigit)
                       ? i - 6
                       : i;
    for (const std::u32string_view basis : {U"每人每月"sv, U"每人每年"sv, U"每月"sv, U"每年"sv}) {
      if (cue == i && i >= s + basis.size() + 2 &&
          std::u32string_view(ctx.t.data() + i - basis.size(), basis.size()) == basis) {
        cue = i - static_cast<uint32_t>(basis.size());
        break;
      }
    }
    // The comparator of a words.json list (target_comparators, rate_comparators, increment_comparators)
    // ending at `pos`, with its text as listed; length 0 when none.
    const auto comparator_ending_at = [&](const Trie& reversed, const std::vector<std::string>& listed, uint32_t pos) {
      const Trie::Match m = reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), pos), pos);
      return std::pair<Trie::Match, const std::string*>{m, m.length > 0 ? &listed[m.value] : nullptr};
    };
    const auto& lists = ctx.lex.lex();
    const bool rate_unit = unit_text == "%"sv || unit_text == "个百分点"sv;
    auto [comp, comparator] = comparator_ending_at(ctx.lex.target_comparators_reversed, lists.target_comparators, cue);
    // 项目签约3543亿元: a one-letter comparator that ends a verb of words.json count_verbs (签约) is
    // that verb's letter, no comparator.
    if (comp.length == 1 && cue >= s + 2 &&
        ctx.lex.count_verbs.LongestAt(std::u32string_view(ctx.t.data(), cue), cue - 2).length == 2) {
      comp = {};
      comparator = nullptr;
    }
    // 地区生产总值增长约5%, 进出口增长近一成: an approximate word (words.json approximate_comparators)
    // right after another comparator only qualifies the value; that comparator is the target's and the
    // metric ends before it (not 地区生产总值增长).
    if (comp.length > 0 && cue == i &&
        ctx.lex.approximate_comparators.Find(std::u32string_view(ctx.t.data() + i - comp.length, comp.length)) >= 0) {
      const uint32_t before_end = i - comp.length;
      auto before = comparator_ending_at(ctx.lex.target_comparators_reversed, lists.target_comparators, before_end);
      if (before.first.length == 0 && rate_unit)
        before = comparator_ending_at(ctx.lex.rate_comparators_reversed, lists.rate_comparators, before_end);
      // (… or an increment: 十年增加近70万亿元; not a benefit verb, words.json benefit_verbs: 惠及超50万名
      // 婴幼儿 counts what follows, number first.)
      if (before.first.length == 0 && ctx.WordEndingAt(ctx.lex.benefit_verbs_reversed, before_end, 0) == 0)
        before = comparator_ending_at(ctx.lex.increment_comparators_reversed, lists.increment_comparators, before_end);
      if (before.first.length > 0 && before_end >= s + before.first.length + 2) {
        cue = before_end;
        std::tie(comp, comparator) = before;
      }
    }
    // 城镇化率提升1个百分点: some comparators count only before a rate (words.json rate_comparators).
    if (comp.length == 0 && rate_unit)
      std::tie(comp, comparator) = comparator_ending_at(ctx.lex.rate_comparators_reversed, lists.rate_comparators, cue);
    // PM2.5年均浓度为26.3微克/立方米: before a measure that counts nothing (no counter, no noun after
    // it), the rate comparators compare too, after a metric's letter and no verb (not 成为, 作为).
    if (comp.length == 0 && !counts && !unit_text.empty() && !ctx.NounAt(end) && cue > s + 2) {
      const auto rate = comparator_ending_at(ctx.lex.rate_comparators_reversed, lists.rate_comparators, cue);
      uint32_t verb = 0;
      if (rate.first.length > 0 && cue >= s + rate.first.length + 2 &&
          IsMetricChar(ctx.t[cue - rate.first.length - 1]) &&
          !(ctx.BoundaryEndsAt(cue, s, &verb) && verb > rate.first.length))
        std::tie(comp, comparator) = rate;
    }
    // 各项贷款新增1.91万亿元: 新增 compares when no noun follows the amount (新增8个国家级临床重点专科
    // counts what follows).
    if (comp.length == 0 && !ctx.NounAt(end))
      std::tie(comp, comparator) =
          comparator_ending_at(ctx.lex.increment_comparators_reversed, lists.increment_comparators, cue);
    // 吸纳超100万名高校毕业生, 动员全省超8000名志愿者: an approximate comparator (words.json
    // approximate_comparators) with at most a verb and a scope word before it in its clause (four
    // letters once boundary words are skipped: no metric) bounds a count whose noun follows; the target
    // is read number first.
    const bool approximate =  // (超 right before the number)
        comp.length > 0 && cue == i &&
        ctx.lex.approximate_comparators.Find(std::u32string_view(ctx.t.data() + i - comp.length, comp.length)) >= 0;
    bool approximate_count = false;
    // (… people too, counted by a bare 万/亿: 近1亿农村贫困人口实现脱贫.)
    if (approximate && counts && end < e && ctx.NounAt(end)) {
      uint32_t clause = i - comp.length;
      while (clause > s && !IsClauseBreak(ctx.t[clause - 1]) && ctx.t[clause - 1] != U'、') --clause;
      approximate_count = ctx.SkipLeadingBoundaryWords(clause, i - comp.length) + 4 >= i - comp.length;
    }
    // 学前一年免费教育覆盖近30万儿童: after a benefit verb (words.json benefit_verbs) it bounds the people
    // counted, read as the verb's count below.
    if (approximate && counts_people && i - comp.length > s &&
        ctx.lex.benefit_verbs_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), i - comp.length), i - comp.length).length > 0)
      approximate_count = true;
    // 99%乡镇通三级及以上等级公路, 超80%监测对象稳定消除返贫风险, 90%以上的政务服务实现网上可办: a share
    // opening its clause (after an approximate comparator at most) measures the things named after it;
    // the target is named with its clause (what the share of them reached), its metric the noun.
    uint32_t share_noun = 0;
    const uint32_t opening = approximate ? i - comp.length : i;  // where a share opening its clause starts
    if (unit_text == "%"sv && !counts_people) {
      uint32_t noun = end;
      if (noun < e && ctx.t[noun] == U'的') ++noun;
      if ((opening == s || IsClauseBreak(ctx.t[opening - 1])) && noun + 2 < e && ctx.NounAt(noun) && !IsDigit(ctx.t[noun]))
        share_noun = noun;
    }
    if (share_noun > 0) {
      uint32_t clause_end = share_noun;
      while (clause_end < e && !IsClauseBreak(ctx.t[clause_end]) && clause_end - share_noun < kMaxShareClause) ++clause_end;
      uint32_t noun_end = share_noun + 2;  // (a verb may open the noun: 监测对象)
      while (noun_end < clause_end && ctx.lex.boundary_words.LongestAt(view, noun_end).length < 2) ++noun_end;
      if (noun_end >= share_noun + 2 && clause_end >= noun_end) {
        TargetMention share;
        share.value = value;
        share.unit = unit_text;
        if (qualifier != nullptr) share.qualifier = *qualifier;
        else if (more_than) share.qualifier = "以上";
        if (opening < i) share.comparator = *comparator;
        share.status = ctx.TargetStatus(sentence);
        share.metric = ctx.NameWithoutQuotes(share_noun, noun_end);
        share.start = opening;
        share.end = clause_end;
        share.name = ctx.NameWithoutQuotes(opening, clause_end);
        share.display.assign(ctx.t.data() + i, (end > number_end ? end : number_end) - i);
        last_metric = share.metric;
        listed_comparator_text = nullptr;
        number_first_end = 0;
        ctx.out.targets.push_back(std::move(share));
        resume = clause_end;
        continue;
      }
    }
    TargetMention target;
    bool number_first = false;  // the number opens the target, its noun follows (2812万吨钢铁产能)
    bool keeps_comparator = false;  // a later value listed right after this one may take its comparator
    target.value = value;
    target.unit = unit_text;
    if (qualifier != nullptr) {
      target.qualifier = *qualifier;
    } else if (more_than) {
      target.qualifier = "以上";  // 600余项: 600项以上
    }
    target.status = ctx.TargetStatus(sentence);
    // The clause before paired its metrics and as many values follow here as it paired.
    const auto pairs_again = [&] {
      return paired_metrics.size() >= 2 && next_paired == paired_metrics.size() &&
             ValuesListedFrom(ctx, end) == paired_metrics.size();
    };
    // … joined by 、 or by 和/及 (分别增长5%和6%).
    if (next_paired < paired_metrics.size() && i == resume + 1 && JoinsValues(ctx.t[resume])) {
      target.metric = paired_metrics[next_paired++];
      target.comparator = paired_comparator_text;
      target.start = i;
      target.end = end;
      target.name = (paired_written.empty() ? target.metric : paired_written) + paired_comparator;
      target.name.append(ctx.t.data() + i, end - i);
    } else if (comp.length == 0 && (listed_comparator_text != nullptr || plain_listed(i)) &&
               i == resume + 1 && ctx.t[resume] == U'、' && !last_metric.empty() &&
               paired_metrics.empty() && (!ctx.NounAt(end) || money_step) &&
               last_metric.find(U'、') == std::u32string::npos &&
               last_metric.find(U"分别"sv) == std::u32string::npos &&
               // (a plain comparator, with a filler at most: 年均增长; not 分别增长, 比…下降,
               // 提高到)
               listed_comparator.size() <= 4 &&
               listed_comparator.find_first_of(U"分比较到从由") == std::u32string::npos) {
      // 城乡居民人均可支配收入年均增长5.3%、8.1%: a value listed right after a target's, with no comparator
      // or metric of its own, is the same metric's (the urban and the rural income here).
      target.metric = last_metric;
      if (listed_comparator_text == nullptr) listed_comparator.clear();
      target.comparator =
          listed_comparator_text != nullptr ? *listed_comparator_text : std::string();
      target.start = i;
      target.end = end;
      target.name = last_metric + listed_comparator;
      target.name.append(ctx.t.data() + i, end - i);
      keeps_comparator = true;
    } else if (const uint32_t paired_at = cue - comp.length;
               comp.length > 0 && paired_at >= s + 2 && ctx.t[paired_at - 2] == U'分' &&
               ctx.t[paired_at - 1] == U'别' &&
               (paired_at == s + 2 || IsClauseBreak(ctx.t[paired_at - 3])) &&
               (pairs_again() || (listed_metrics.size() >= 2 && paired_at == listed_end + 3 &&
                                  ValuesListedFrom(ctx, end) == listed_metrics.size()))) {
      // 航空旅客和货邮吞吐量分别达到1.35亿人次、453.8万吨，分别增长8.3%、7.9%: a clause that opens with 分别
      // pairs its values with the metrics the clause before paired, in the same order; or with those
      // of the targets it listed (接待游客17.52亿人次、旅游花费1.27万亿元，分别增长32.9%、41.6%).
      if (!pairs_again()) {
        paired_metrics = listed_metrics;
        paired_written.clear();
      }
      next_paired = 0;
      target.metric = paired_metrics[next_paired++];
      target.comparator = *comparator;
      paired_comparator.assign(ctx.t.data() + paired_at, comp.length);
      paired_comparator_text = *comparator;
      target.start = paired_at - 2;
      target.end = end;
      target.name = (paired_written.empty() ? target.metric : paired_written) + paired_comparator;
      target.name.append(ctx.t.data() + i, end - i);
    } else if (comp.length > 0 && cue - comp.length >= s && !approximate_count) {
      // 地区生产总值跨越3个千亿元台阶: thresholds crossed are counted, not the metric's value.
      // The metric stays the sentence's for the values that follow (…，达到1.5万亿元).
      // (words.json threshold_comparators)
      if (ctx.lex.threshold_comparators.Find(std::u32string_view(ctx.t.data() + cue - comp.length, comp.length)) >= 0 &&
          counts && !counts_people) {
        uint32_t crossed_start = cue - comp.length;
        while (crossed_start > s && !IsClauseBreak(ctx.t[crossed_start - 1]) && ctx.t[crossed_start - 1] != U'、')
          --crossed_start;
        if (cue - comp.length > crossed_start + 1) last_metric = ctx.NameWithoutQuotes(crossed_start, cue - comp.length);
        continue;
      }
      uint32_t comp_start = cue - comp.length;
      // 分别再提高30元和5元: an adverb of repetition between 分别 and the comparator belongs to neither.
      if (comp_start >= s + 3 && (ctx.t[comp_start - 1] == U'再' || ctx.t[comp_start - 1] == U'又') &&
          ctx.t[comp_start - 3] == U'分' && ctx.t[comp_start - 2] == U'别')
        --comp_start;
      uint32_t metric_start = comp_start;
      // 出口、进口分别增长…: the list of metrics reaches back across 、 to the clause start.
      const bool respectively = comp_start >= s + 2 && ctx.t[comp_start - 2] == U'分' && ctx.t[comp_start - 1] == U'别';
      // The metric's length is counted from a starting value when one comes first (城乡居民人均可支配收入
      // 从2021年的46503元和16935元分别提高到…).
      uint32_t anchor = comp_start;
      for (uint32_t k = comp_start; k > s + 1 && comp_start - k < 40 && !IsClauseBreak(ctx.t[k - 1]); --k) {
        if (StartingValueAt(ctx, k - 1)) {
          anchor = k - 1;
          break;
        }
        // … or from a written 分别 before the period compared with (…起数和死亡人数分别较“十三五”时期下降).
        if (k >= s + 3 && comp_start - k < 14 && (ctx.t[k - 1] == U'较' || ctx.t[k - 1] == U'比') &&
            ctx.t[k - 3] == U'分' && ctx.t[k - 2] == U'别') {
          anchor = k - 3;
          break;
        }
      }
      while (metric_start > s && !IsClauseBreak(ctx.t[metric_start - 1]) &&
             (respectively || ctx.t[metric_start - 1] != U'、' || MetricItemBefore(ctx, metric_start - 1)) &&
             (metric_start > anchor || anchor - metric_start < (respectively ? 48u : 30u))) {
        --metric_start;
      }
      // 城乡低保平均标准分别从2020年的645元/月、4318元/年提高到…: a 、 inside the starting values does not
      // end the metric, which stands before them.
      bool values_only = anchor < comp_start && metric_start > anchor;  // (no other comparator between)
      for (uint32_t q = anchor + 2; values_only && q <= comp_start; ++q)
        values_only = ctx.lex.target_comparators_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), q), q).length == 0;
      if (values_only) {
        metric_start = anchor;
        while (metric_start > s && !IsClauseBreak(ctx.t[metric_start - 1]) && ctx.t[metric_start - 1] != U'、' &&
               anchor - metric_start < 30)
          --metric_start;
      }
      metric_start = KeepMetricPrefix(ctx, metric_start, ctx.SkipLeadingBoundaryWords(metric_start, comp_start));
      target.comparator = *comparator;
      // 经营主体从689万户增加到800万户: the metric stops before the starting value.
      for (uint32_t k = metric_start; k + 1 < comp_start; ++k) {
        if (StartingValueAt(ctx, k) && k > metric_start) {
          comp_start = k;
          break;
        }
      }
      uint32_t metric_end = comp_start;
      TrimStartAndVerbs(ctx, &metric_start, &metric_end);
      // 188个园区整合优化为120个: a count in the same counter as the value is where the comparator started
      // from, no part of the metric (园区; not 74个国控断面水质优良比例…100%, 为29个省份保供煤炭超35亿吨).
      if (const uint32_t count_end = ctx.CountEndAt(metric_start); count_end > metric_start && count_end + 2 <= metric_end) {
        uint32_t counter_start = metric_start;
        while (counter_start < count_end && (IsDigit(ctx.t[counter_start]) || IsChineseNumeral(ctx.t[counter_start]))) ++counter_start;
        if (std::u32string_view(ctx.t.data() + counter_start, count_end - counter_start) == DecodeUtf8Lenient(unit_text))
          metric_start = count_end;
      }
      // 占比超过10%的(产品): the number qualifies a noun; 主要指标: the plan's own parts. (Not the place
      // that holds the record, closing its clause: 成为…水质优良率保持100%的唯一省份, …突破5万亿元的城市.)
      const bool before_de = end < e && ctx.t[end] == U'的';
      if ((before_de && !NamesRecordHolder(ctx, end + 1)) || IsUncountedMetric(ctx, metric_start, metric_end, counts))
        continue;
      // … whose record word opens the metric (重庆成为中西部地区首个经济总量超过3万亿元的城市 → 经济总量).
      if (before_de) {
        const std::u32string_view metric(ctx.t.data() + metric_start, metric_end - metric_start);
        for (std::u32string_view record : {U"首个"sv, U"第一个"sv, U"唯一"sv}) {
          const size_t at = metric.rfind(record);
          if (at != std::u32string_view::npos && at + record.size() + 2 <= metric.size())
            metric_start += static_cast<uint32_t>(at + record.size());
        }
      }
      // A metric that is only a comparator (增加, 比上年增加 once 比上年 is trimmed) or a span of years
      // (五年年均增长 → 五年) measures nothing: no target.
      if (metric_end > metric_start && MeasuresNothing(ctx, metric_start, metric_end)) continue;
      target.metric = NamesOnlyPeriod(ctx, metric_start, metric_end) ? std::u32string()
                                                                      : ctx.NameWithoutQuotes(metric_start, metric_end);
      if (metric_end <= i) {
        listed_comparator.assign(ctx.t.data() + metric_end, i - metric_end);
        listed_comparator_text = comparator;
        keeps_comparator = true;
      }
      // …从A和B分别提高到C和D: the starting values cut off 分别; the metric still pairs with each value.
      if (respectively && metric_end + 2 < cue - comp.length && !target.metric.empty()) target.metric += U"分别";
      // “新三样”、集成电路出口增长30.4%、30.1%: as many listed metrics as values pair in order, 分别
      // unwritten.
      // (… also two joined by 和 or 及 before a written 分别: 生产安全事故起数和死亡人数分别较“十三五”时期
      // 下降67.5%、58.5%.)
      const size_t written_respectively = target.metric.find(U"分别"sv);
      const bool written_list = target.metric.find(U'、') != std::u32string::npos;
      const auto joined_items = [](std::u32string_view metric) {
        return 1 + static_cast<size_t>(std::count(metric.begin(), metric.end(), U'和') +
                                       std::count(metric.begin(), metric.end(), U'及'));
      };
      if (!respectively &&
          (written_list || (written_respectively != std::u32string::npos && written_respectively > 0 &&
                            joined_items(std::u32string_view(target.metric).substr(0, written_respectively)) ==
                                ValuesListedFrom(ctx, end)))) {
        const size_t values = ValuesListedFrom(ctx, end);
        // (分别 written before a period compared with: 起数、死亡人数分别比“十三五”时期下降44.1%、29.7%)
        if (written_respectively != std::u32string::npos && written_respectively > 0) target.metric.resize(written_respectively);
        const size_t listed = 1 + static_cast<size_t>(std::count(target.metric.begin(), target.metric.end(), U'、'));
        if (values >= 2 && (values == listed || (!written_list && values == joined_items(target.metric))))
          target.metric += U"分别";
      }
      bool metric_paired = false;
      if (target.metric.size() > 2 && target.metric.ends_with(U"分别"sv)) {
        // Split the metric list; the first metric is this value's, the rest wait for theirs.
        std::u32string list = target.metric.substr(0, target.metric.size() - 2);
        paired_metrics.clear();
        paired_written.clear();
        next_paired = 0;
        const size_t values = ValuesListedFrom(ctx, end);
        SplitMetricList(ctx, list, values, paired_metrics, paired_written);
        if (paired_metrics.size() >= 2) {
          target.metric = paired_metrics[next_paired++];
          metric_paired = true;
        } else {
          // 城乡居民人均可支配收入年均分别增长5.3%、7.1%: one metric (of a compound subject) for each value,
          // without a filler before 分别 (年均).
          if (const uint32_t filler = ctx.lex.metric_fillers_reversed.LongestEndingAt(list, static_cast<uint32_t>(list.size())).length;
              filler > 0 && filler < list.size())
            list.resize(list.size() - filler);
          paired_metrics.assign(values, list);
          next_paired = 1;
          target.metric = list;
        }
        // 增长 in 分别增长, named again before each value that follows.
        paired_comparator.assign(ctx.t.data() + cue - comp.length, comp.length);
        paired_comparator_text = *comparator;
      }
      // 高新技术企业数量实现翻番、达1.8万家: an item without a number of its own before the 、 names the
      // metric (not the clause's earlier one, 外贸实绩企业突破9000家).
      if (target.metric.empty() && metric_start > s + 1 && ctx.t[metric_start - 1] == U'、') {
        if (std::u32string item = MetricOfItemBefore(ctx, metric_start - 1); !item.empty()) last_metric = std::move(item);
      }
      if (target.metric.empty()) {
        if (last_metric.empty()) continue;
        target.metric = last_metric;  // 达到…、增长5.3%: the list continues the previous metric
        target.name = last_metric;
      }
      // 石化产业持续…。产值突破1300亿元: a bare metric opening its sentence (words.json bare_metrics)
      // measures the industry the sentence before opens with.
      if (!metric_paired && metric_start == s && ctx.lex.bare_metrics.Find(target.metric) >= 0)
        target.metric.insert(0, PreviousSentenceIndustry(ctx));
      // 新增境内外上市公司45家、总量达1224家: a total named alone (words.json total_words) totals the
      // previous metric of the sentence, without the increment it opened with (新增); a share named
      // alone is its share (新能源装机达4091万千瓦、占比达44.7%: words.json share_words).
      if (!metric_paired && !last_metric.empty() &&
          (ctx.lex.total_words.Find(target.metric) >= 0 || ctx.lex.share_words.Find(target.metric) >= 0)) {
        std::u32string_view totalled(last_metric);
        const uint32_t increment = ctx.lex.metric_verbs.LongestAt(totalled, 0).length;
        if (increment > 0 && increment < totalled.size()) totalled.remove_prefix(increment);
        target.metric.insert(0, totalled);
        target.name.assign(totalled);  // named with it: 境内外上市公司总量达1224家
      }
      target.start = metric_start;
      target.end = end;
      if (metric_paired) {  // 城镇居民人均可支配收入增长4.5%, not the whole list
        target.name = (paired_written.empty() ? target.metric : paired_written) + paired_comparator;
        target.name.append(ctx.t.data() + i, end - i);
      } else {
        target.name.append(ctx.t.data() + metric_start, end - metric_start);
      }
    } else if (uint32_t boundary = 0, aside = BracketedAsideBefore(ctx, i);
               i > s &&
               (IsMetricChar(ctx.t[i - 1]) ||
                (i > s + 1 && IsCloseQuote(ctx.t[i - 1]) && IsMetricChar(ctx.t[i - 2])) ||
                (aside < i && IsMetricChar(ctx.t[aside - 1]))) &&
               (!ctx.BoundaryEndsAt(i, s, &boundary) || MeasuredWorkBefore(ctx, i, boundary) ||
                CountVerbBefore(ctx, i, boundary) > 0) &&
               (end >= e || IsClauseBreak(ctx.t[end]) || ctx.t[end] == U'、' ||
                ctx.t[end] == U'(' || AmountClosesClauseAt(ctx, end) ||
                (ctx.t[end] == U'并' && !(end + 1 < e && ctx.t[end + 1] == U'购')) ||
                // (安排财政资金75亿元加快项目落地建设: an amount of money, then what
                // it does, a verb of two letters or more)
                (unit_text.ends_with("元") && FollowedByVerb(ctx, end) &&
                 FundedLinkAt(ctx, i, end) == 0))) {
      // 新增省级创新平台30个、专精特新中小企业100户 / 制造业占比70%以上: the metric right before the
      // number (a quoted name too: 实施“两岸青山·千里林带”35万亩), back to the list mark or clause
      // start, leading verbs and adverbs skipped; also when 并 joins a second verb after the amount
      // (建成老年助餐点3897个并有序开放).
      // (中欧班列开行3005列: a count verb ends the metric before it.)
      const uint32_t counted_at = boundary > 0 ? CountVerbBefore(ctx, i, boundary) : 0;
      // (帮扶监测对象16.6万户70.5万人: a second amount right after the first measures the same metric.)
      const uint32_t abutting = AmountEndingAt(ctx, s, i);
      // (新时代文明实践中心（所、站）2.8万个: the metric stands before a bracketed aside.)
      const uint32_t metric_limit = counted_at > 0 ? counted_at : abutting < i ? abutting : aside;
      uint32_t metric_start = metric_limit;
      while (metric_start > s && !IsClauseBreak(ctx.t[metric_start - 1]) &&
             (ctx.t[metric_start - 1] != U'、' || MetricItemBefore(ctx, metric_start - 1)) && i - metric_start < 30) {
        --metric_start;
      }
      const uint32_t phrase_start = metric_start;
      metric_start = KeepMetricPrefix(ctx, metric_start, ctx.SkipLeadingBoundaryWords(metric_start, metric_limit));
      // A verb that says what is counted (续建安置房7550套, 新开工1000套) stays in the name: the
      // last words.json metric_verbs word before the metric.
      uint32_t name_start = metric_start;
      // (… the longest from where it starts: 新建改扩建中小学10所 keeps 新建改扩建.)
      for (uint32_t k = phrase_start; k < metric_start; ++k) {
        const uint32_t verb = ctx.lex.metric_verbs.LongestAt(view, k).length;
        if (verb > 0 && k + verb <= metric_start) {
          name_start = k;
          k += verb - 1;
        }
      }
      uint32_t metric_end = metric_limit;
      TrimStartAndVerbs(ctx, &metric_start, &metric_end);
      // …5年: the number follows a span, not a metric (a filler trimmed, 城镇新增就业年均1270多万人, leaves one).
      if (metric_end < metric_limit && ctx.t[metric_limit - 1] == U'年') continue;
      if (metric_limit - metric_start < 2 && name_start < metric_start && !last_metric.empty() && metric_limit == i) {
        // 续建安置房7550套，新开工1000套以上: only a verb before the number; the metric is the previous one.
        target.metric = last_metric;
      } else if (metric_limit - metric_start < 2 || metric_start >= metric_limit ||
                 IsUncountedMetric(ctx, metric_start, metric_limit, counts)) {
        continue;
      } else {
        target.metric = ctx.NameWithoutQuotes(metric_start, metric_limit);
      }
      name_start = std::min(name_start, metric_start);
      target.start = name_start;
      target.end = end;
      target.name.assign(ctx.t.data() + name_start, end - name_start);
      // 改造老旧供热、燃气、排水管网800公里、600公里、300公里: as many listed metrics as values listed
      // after them pair in order, 分别 unwritten; each value is named by its own metric.
      if (const size_t items = 1 + std::count(target.metric.begin(), target.metric.end(), U'、'); items >= 2) {
        const size_t values = ValuesListedFrom(ctx, end);
        std::vector<std::u32string> metrics;
        std::u32string written;
        if (values == items) SplitMetricList(ctx, target.metric, values, metrics, written);
        if (metrics.size() == items) {
          paired_metrics = std::move(metrics);
          paired_written.clear();
          paired_comparator.clear();
          paired_comparator_text.clear();
          next_paired = 1;
          target.metric = paired_metrics[0];
          target.name = target.metric;
          target.name.append(ctx.t.data() + i, end - i);
        }
      }
    } else if (const uint32_t link = FundedLinkAt(ctx, i, end); link > 0) {
      // 筹措890.59亿元实施十大为民办实事工程项目: the amount funds what the link introduces, up to the
      // clause's end (words.json funding_verbs, funded_links).
      uint32_t metric_end = end + link;
      while (metric_end < e && !IsClauseBreak(ctx.t[metric_end]) && metric_end - end - link < kMaxFundedMetric)
        ++metric_end;
      if (metric_end >= e || !IsClauseBreak(ctx.t[metric_end]) || metric_end - end - link < 2) continue;
      target.metric = ctx.NameWithoutQuotes(end + link, metric_end);
      target.start = i;
      target.end = metric_end;
      target.name.assign(ctx.t.data() + i, metric_end - i);
    } else if (uint32_t verb = 0; counts || (counts_people && approximate_count) ||
                                  (unit_text != "%"sv && !IsSpanUnit(unit_text) && i > s &&
                                   ((ctx.BoundaryEndsAt(i, s, &verb) && verb >= 2) ||
                                    // 完成2100万千瓦火电机组、2812万吨钢铁产能…改造: a measure
                                    // listed after one that the verb introduced.
                                    (number_first_end > 0 && i == number_first_end + 1 &&
                                     ctx.t[number_first_end] == U'、')))) {
      const bool measured = !counts;  // (a measure, not a count: the noun is checked harder below)
      // 20个产业合作示范园区: the counted noun follows, after what describes it (40个吸引力强、带动面广的
      // 消费场景); so does the measured one after a verb and a measure (建设8万亩高标准农田, 完成150公里
      // 农村公路提档升级改造).
      uint32_t noun = end;
      // 2.5万套（间）城市危旧房: a second counter in brackets after the first (any letter here).
      if (noun + 2 < e && ctx.t[noun] == U'(' && ctx.t[noun + 2] == U')') noun += 3;
      if (noun < e && ctx.t[noun] == U'(') continue;  // 床位7000张（牵头单位…）: a note, no noun
      if (measured && noun < e && ctx.t[noun] == U'级') ++noun;  // 30万千瓦级煤电机组: a grade of the measure
      for (uint32_t q = noun; q < e && q - end <= 16 && !IsClauseBreak(ctx.t[q]) && !IsDigit(ctx.t[q]); ++q) {
        // (… not across a verb: 以10件民生实事为引领的各项民生工程 counts 民生实事.)
        if (q > noun && U"为在到对以被把将于"sv.find(ctx.t[q]) != std::u32string_view::npos &&
            ctx.lex.boundary_exceptions.LongestAt(view, q - 1).length < 2 &&
            ctx.lex.boundary_exceptions.LongestAt(view, q).length < 2)
          break;
        if (ctx.t[q] == U'的') {
          if (q + 1 < e && !IsNameBreak(ctx.t[q + 1]) && !IsDigit(ctx.t[q + 1])) noun = q + 1;
          break;
        }
      }
      uint32_t k = noun;
      // Digits may qualify the counted noun: 3座35万千瓦光热电站.
      while (k < e && (!IsNameBreak(ctx.t[k]) || IsDigit(ctx.t[k]) || (ctx.t[k] == U'.' && k > noun && IsDigit(ctx.t[k - 1]))) &&
             k - noun < 20) {
        // (… nor the adverb 整县/整市/整乡 of the verb after it: 45个县（市、区）整县建设美丽乡村.)
        if (k > noun && ctx.t[k] == U'整' && k + 1 < e && U"县市区乡镇村"sv.find(ctx.t[k + 1]) != std::u32string_view::npos)
          break;
        // (… nor a partner after 与: 70个县（市、特区）与省外三甲医院建立帮扶协作关系.)
        if (k > noun && ctx.t[k] == U'与') break;
        // A bracketed aside is read whole (16个县（市、区）: not 县(市 before its 、).
        if (ctx.t[k] == U'(' && k > noun) {
          uint32_t close = k + 1;
          while (close < e && close - k <= 8 && ctx.t[close] != U')' && !IsClauseBreak(ctx.t[close])) ++close;
          if (close < e && ctx.t[close] == U')') {
            k = close + 1;
            continue;
          }
        }
        // A quoted part of the noun is read whole (7所高校“双一流”创建: not 高校“双 before 一流).
        if (IsOpenQuote(ctx.t[k])) {
          uint32_t close = k + 1;
          while (close < e && close - k <= 12 && !IsCloseQuote(ctx.t[close]) && !IsClauseBreak(ctx.t[close])) ++close;
          if (close < e && IsCloseQuote(ctx.t[close])) {
            k = close + 1;
            continue;
          }
        }
        uint32_t word = k > noun ? ctx.lex.boundary_words.LongestAt(view, k).length : 0;
        if (word > 0 && ctx.lex.boundary_exceptions.LongestAt(view, k - 1).length >= 2) word = 0;  // 友好
        // (… nor one that opens a longer listed word ending in a head: 14个区级主导产业特色赛道集聚区.)
        if (const uint32_t listed = word > 0 ? ctx.lex.boundary_exceptions.LongestAt(view, k).length : 0; listed > word) {
          // (… the head the word opens, 集聚区, or one after it, 可靠性提升项目.)
          const uint32_t head =
              ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), k + listed), k + listed).length;
          if (head > word || (head > 0 && listed - head >= word) || word == 1) word = 0;  // (… or 做法 after 做)
          // (… or an adjective in 性 that goes on: 2个配售型保障性住房项目.)
          if (ctx.t[k + listed - 1] == U'性' && k + listed < e && !IsNameBreak(ctx.t[k + listed])) word = 0;
        }
        // (… nor one a generic word runs into: 285个计划新开工项目.)
        if (word > 0 && k > noun && ctx.lex.generic_modifiers.LongestAt(view, k - 1).length > 1) word = 0;
        // …园区建设, but 国家和省级…, 地级以上市.
        // (… and a field's 领域 before the rest of the noun: 14个民生领域重大项目.)
        const bool inside = (word > 0 && ctx.t[k + word - 1] == U'级') ||
                            (word == 2 && (ctx.t[k] == U'以' || (ctx.t[k] == U'领' && ctx.t[k + 1] == U'域')) &&
                             k + 2 < e && !IsNameBreak(ctx.t[k + 2]) &&
                             (ctx.lex.boundary_words.LongestAt(view, k + 2).length == 0 ||
                              ProjectStageAt(ctx, k + 2))) ||
                            (word > 0 && ProjectStageAt(ctx, k));
        // (… but 共建 before a park's head is part of the noun: 10个产业协同共建园区.)
        if (word == 2 && ctx.t[k] == U'共' && ctx.t[k + 1] == U'建') {
          uint32_t joint_end = 0;
          for (uint32_t q = k + 4; q < e && q <= k + 6 && !IsNameBreak(ctx.t[q - 1]); ++q) {
            const Trie::Match park = ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), q), q);
            if (park.length >= 2 && q - park.length == k + 2 && (q >= e || IsNameBreak(ctx.t[q])) &&
                ctx.lex.lex().heads[park.value].type == "Platform"sv)
              joint_end = q;
          }
          if (joint_end > 0) {
            k = joint_end;
            break;
          }
        }
        if (word >= 2 && !inside) break;
        // 4条高速提前建成通车: an adverb and a build word end the noun (提档升级村 is one noun).
        if (const uint32_t adverb = ctx.lex.build_adverbs.LongestAt(view, k).length;
            k > noun + 1 && adverb > 0 && ctx.BuildWordAt(k) > adverb)
          break;
        if (word == 1 && k > noun && ctx.t[k] != U'的' && ctx.t[k] != U'和') break;  // 2个县被命名
        if (ctx.t[k] == U'的' && k + 1 < e && IsDigit(ctx.t[k + 1])) break;  // 100多个国家的200多个港口
        // 10个概念验证平台和6家…: a conjunction before another count ends this noun (not before
        // another qualifying number: 22个750千伏和330千伏电网工程).
        if ((ctx.t[k] == U'和' || ctx.t[k] == U'及') && k + 1 < e && (IsChineseNumeral(ctx.t[k + 1]) || ctx.CountAt(k + 1)))
          break;
        ++k;
      }
      // 4个国家级渔港经济区和…: a conjunction ends no metric.
      while (k > noun + 2 && (ctx.t[k - 1] == U'和' || ctx.t[k - 1] == U'及' || ctx.t[k - 1] == U'与')) --k;
      if (k - noun < 2) continue;
      // 为29个省份保供煤炭超35亿吨, 惠及80个乡镇近300万群众: a count of recipients before the amount that
      // the clause is about (超/近/达/约 before a second number) is no target; the second one is.
      if (std::any_of(ctx.t.begin() + noun + 1, ctx.t.begin() + k, [&](const char32_t& c) {
            const size_t q = &c - ctx.t.data();
            return IsDigit(c) && U"超近达约"sv.find(ctx.t[q - 1]) != std::u32string_view::npos;
          }))
        continue;
      // 37家中央定点帮扶单位援助资金31.08亿元: a noun that closes with an amount of its own counts who gave
      // it; the amount is the clause's target (read with its metric after the count), not the count.
      // (帮扶监测对象16.6万户70.5万人: a noun that is only another amount is the same metric's second value.)
      if (const uint32_t amount = AmountEndingAt(ctx, noun, k); amount < k && (amount > noun + 2 || amount == noun))
        continue;
      // A measured noun is a thing of three letters or more, no verb (4000余万人次参与) and no number of its
      // own (10亿元以上重大产业项目47个, 12类45件…).
      if (measured && (k - noun < 3 || std::any_of(ctx.t.begin() + noun, ctx.t.begin() + k, [](char32_t c) { return IsDigit(c); })))
        continue;
      if (ctx.lex.uncounted_nouns.LongestAt(view, noun).length > 0) continue;  // 8个方面, 30项举措
      // 188个园区整合优化为120个: a count a comparator takes to another number is where it started; the
      // second number is the target.
      if (const uint32_t comparator = ctx.lex.target_comparators.LongestAt(view, k).length;
          comparator > 0 && k + comparator < e && IsDigit(ctx.t[k + comparator]))
        continue;
      if (IsUncountedMetric(ctx, noun, k)) continue;                              // 24个主要指标
      if (k >= noun + 2 && ctx.t[k - 2] == U'之' && ctx.t[k - 1] == U'一') continue;  // 5个国家公园之一
      // 12家单位入选全国首批重点培育中试平台: a class word (单位, 项目, 平台) chosen as something;
      // what they were chosen as is counted.
      // (… or two such words joined: 4个地区和园区入选国家碳达峰试点.)
      const bool joined_classes = k - noun == 5 && (ctx.t[noun + 2] == U'和' || ctx.t[noun + 2] == U'及');
      if (uint32_t chosen_end = 0; k - noun <= 2 || joined_classes) {
        if (const uint32_t chosen = ChosenAs(ctx, k, &chosen_end); chosen > 0) noun = chosen, k = chosen_end;
      }
      target.metric = ctx.NameWithoutQuotes(noun, k);
      // 建成8个国家级、13个省级区域医疗中心: a grade alone, then another count and grade of one noun: the
      // first count is of that noun at its own grade.
      if (k - noun <= 3 && ctx.t[k - 1] == U'级' && k + 1 < e && ctx.t[k] == U'、') {
        if (const uint32_t count_end = ctx.CountEndAt(k + 1); count_end > 0) {
          uint32_t grade_end = count_end;
          while (grade_end < e && grade_end - count_end < 3 && ctx.t[grade_end] != U'级' && IsCjk(ctx.t[grade_end])) ++grade_end;
          if (grade_end < e && ctx.t[grade_end] == U'级') {
            uint32_t tail_end = ++grade_end;
            while (tail_end < e && tail_end - grade_end < 12 && !IsNameBreak(ctx.t[tail_end]) &&
                   ctx.lex.boundary_words.LongestAt(view, tail_end).length < 2)
              ++tail_end;
            if (tail_end - grade_end >= 2) target.metric.append(ctx.t.data() + grade_end, ctx.t.data() + tail_end);
          }
        }
      }
      target.start = approximate_count ? i - comp.length : i;  // (超100万名高校毕业生: named with 超)
      target.end = k;
      target.name.assign(ctx.t.data() + target.start, k - target.start);
      if (approximate_count) target.comparator = *comparator;
      number_first = true;
      // 高龄津贴惠及130万老年人, 学前一年免费教育覆盖近30万儿童: people a benefit reaches are counted for
      // the benefit named before the verb (words.json benefit_verbs), not as 老年人.
      if (counts_people) {
        uint32_t verb_end = i;
        if (verb_end > s && U"近约超"sv.find(ctx.t[verb_end - 1]) != std::u32string_view::npos)
          --verb_end;
        const uint32_t verb =
            ctx.lex.benefit_verbs_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), verb_end), verb_end).length;
        if (verb > 0 && verb_end >= s + verb) {
          const uint32_t verb_start = verb_end - verb;
          uint32_t benefit = verb_start;
          while (benefit > s && !IsClauseBreak(ctx.t[benefit - 1]) && ctx.t[benefit - 1] != U'、' &&
                 verb_start - benefit < 16)
            --benefit;
          benefit = ctx.SkipLeadingBoundaryWords(benefit, verb_start);
          if (verb_start >= benefit + 2) {
            target.metric = ctx.NameWithoutQuotes(benefit, verb_start);
            target.start = benefit;
            target.name.assign(ctx.t.data() + benefit, k - benefit);
            number_first = false;
          } else if (benefit == verb_start && verb_start > s + 3 && IsClauseBreak(ctx.t[verb_start - 1])) {
            // 实施育儿补贴制度，惠及23.6万婴幼儿: a clause that opens with the verb counts for the benefit
            // the clause before names after its verb.
            uint32_t named = verb_start - 1;
            while (named > s && !IsClauseBreak(ctx.t[named - 1]) && verb_start - 1 - named < 16) --named;
            const uint32_t object = ctx.SkipLeadingBoundaryWords(named, verb_start - 1);
            if ((named == s || IsClauseBreak(ctx.t[named - 1])) && object > named && verb_start - 1 >= object + 2) {
              target.metric = ctx.NameWithoutQuotes(object, verb_start - 1);
              target.start = object;
              target.name = target.metric;
              target.name.append(ctx.t.data() + verb_start, k - verb_start);
              number_first = false;
            }
          }
        }
      }
    } else {
      continue;
    }
    // (… the noun that names the people ends the metric, or the name: 高龄津贴惠及130万老年人)
    if (counts_people &&
        ctx.lex.people_nouns_reversed.LongestEndingAt(target.metric, static_cast<uint32_t>(target.metric.size())).length == 0 &&
        ctx.lex.people_nouns_reversed.LongestEndingAt(target.name, static_cast<uint32_t>(target.name.size())).length == 0)
      continue;
    if (MarginAfterRate(ctx, i)) continue;
    target.display.assign(ctx.t.data() + i, (end > number_end ? end : number_end) - i);
    if (!keeps_comparator) listed_comparator_text = nullptr;
    number_first_end = number_first ? target.end : 0;
    last_metric = target.metric;
    if (!(listed_end > 0 && target.start == listed_end + 1 && ctx.t[listed_end] == U'、')) listed_metrics.clear();
    listed_metrics.push_back(target.metric);
    listed_end = target.end;
    ctx.out.targets.push_back(std::move(target));
    resume = std::max(i, end - 1) + 1;
  }
}

}  // namespace policykg::extract::rules
