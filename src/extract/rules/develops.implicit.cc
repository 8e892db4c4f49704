// develops.implicit: what the report commits its own government to build (in the look-back part:
// what it built, got approved or opened) has the report's region as its implicit subject: the
// object of a plan verb (实施强科技行动, 办好中国侨商投资大会), each item of a list that verb opens
// (加快推进A、B、C等重点项目), and each item of a list closed by a build word (推动A和B建设, 推动A提档
// 升级). Not when the clause names its own subject (长沙办好…, 支持兰州大学建设…, 成都与重庆共建…) or the thing is
// generic. A joint thing the report builds (湘琼先进制造业共建产业园 in Hunan's) is developed by it
// too, and involves its regions.
#include <algorithm>

#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

namespace {

constexpr uint32_t kMaxModifier = 6;  // letters of a modifier between a verb and its object (before a closing 的)
constexpr uint32_t kMaxField = 10;    // letters of the field named between a verb and a quoted programme
// Letters of the kind after 等 before a build word that closes the list (等重点项目建设), and after a
// count, which often carries a size or grade (等23个投资额百亿元以上重大工业项目建成投产).
constexpr uint32_t kMaxKind = 8, kMaxCountedKind = 16;

// What may stand between two items of one list: 、 和 与 及 以及 暨, spaces and quote marks.
bool OnlyListJoiners(const std::u32string& t, uint32_t from, uint32_t to) {
  if (to < from || to - from > 3) return false;
  for (uint32_t i = from; i < to; ++i) {
    char32_t c = t[i];
    if (c == U'、' || c == U'和' || c == U'与' || c == U'及' || c == U'以' || c == U'暨' || c == U' ' ||
        IsOpenQuote(c) || IsCloseQuote(c))
      continue;
    return false;
  }
  return true;
}

// True when `next` follows `prev` in one list: only joiners between them, after prev's name or
// after the head prev's list shares (德令哈3座…光热电站和光热产业科技创新中心); an edition may open
// the next item (…运动会、第十届民族传统体育运动会和第二届残特奥运动会).
bool ListJoins(const std::u32string& t, const EntityMention& prev, const EntityMention& next) {
  const uint32_t next_start = EditionStart(t, next.start, prev.end);
  if (OnlyListJoiners(t, prev.end, next_start)) return true;
  return prev.phrase_end > prev.end && prev.phrase_end <= next_start && OnlyListJoiners(t, prev.phrase_end, next_start);
}

// Like ListJoins, and also over up to three unnamed items set off by 、 (加快珠肇高铁、…、广州东至
// 新塘五六线、狮子洋通道、佛肇云高速等建设): short, without a clause break or a boundary word.
bool ListJoinsOverUnnamed(const SentenceContext& ctx, const EntityMention& prev, const EntityMention& next) {
  const auto& t = ctx.t;
  if (ListJoins(t, prev, next)) return true;
  const uint32_t from = std::max(prev.end, prev.phrase_end);
  const uint32_t to = from < next.start ? EditionStart(t, next.start, from) : next.start;
  // …种源基地和国家高水平南繁科研育种基地: generic words (words.json generic_modifiers), then perhaps an
  // evaluative one (evaluative_words: 高水平), after the joiner.
  if (to > from + 1 && to - from <= 7 && (t[from] == U'和' || t[from] == U'及' || t[from] == U'与')) {
    const std::u32string_view view(t.data(), to);
    for (uint32_t split = to; split > from; --split) {
      if ((split == to || ctx.lex.evaluative_words.LongestAt(view, split).length == to - split) &&
          ctx.IsGenericModifier(from + 1, split))
        return true;
    }
  }
  // An item that opens with a name and runs on to the joiner (洋浦港20万吨级泊位和深水航道: a berth of the
  // port) still joins, when no verb or list mark stands in the run.
  if (to > from + 1 && to - from <= 15 && (t[to - 1] == U'和' || t[to - 1] == U'及' || t[to - 1] == U'、') &&
      std::none_of(t.begin() + from, t.begin() + to - 1, [](char32_t c) { return IsClauseBreak(c) || c == U'、'; }) &&
      !ctx.ContainsWord(ctx.lex.boundary_words, from, to - 1))
    return true;
  // The last unnamed item may be joined by 和 or 及 (…美兰机场二期、洋浦港20万吨级泊位和深水航道投用).
  const bool joined_last = t[to - 1] == U'和' || t[to - 1] == U'及';
  if (to <= from + 3 || to - from > 3 * 15 || t[from] != U'、' || (t[to - 1] != U'、' && !joined_last)) return false;
  int items = 0;
  for (uint32_t q = from + 1, item_start = from + 1; q < to; ++q) {
    if (t[q] != U'、' && !(joined_last && q + 1 == to)) {
      if (IsClauseBreak(t[q])) return false;
      continue;
    }
    if (q - item_start < 2 || q - item_start > 14 || ++items > 3 || ctx.ContainsWord(ctx.lex.boundary_words, item_start, q))
      return false;
    item_start = q + 1;
  }
  return items > 0;
}

// The last entity of the list that entity `k` opens or belongs to (joined by 、 和 … only).
size_t LastOfList(const SentenceContext& ctx, size_t k) {
  const auto& ents = ctx.out.entities;
  while (k + 1 < ents.size() && ListJoins(ctx.t, ents[k], ents[k + 1])) ++k;
  return k;
}

// Skips a quoted aside right after a name (大宗商品资源配置枢纽“三基地两中心”建设).
uint32_t SkipQuoted(const std::u32string& t, uint32_t pos, uint32_t e) {
  while (pos < e && IsCloseQuote(t[pos])) ++pos;
  if (pos < e && IsOpenQuote(t[pos])) {
    uint32_t q = pos + 1;
    while (q < e && q - pos <= 12 && !IsCloseQuote(t[q]) && !IsClauseBreak(t[q])) ++q;
    if (q < e && IsCloseQuote(t[q])) return q + 1;
  }
  return pos;
}

// True when a build word follows the list item ending at `end` (A建设, A等重点项目建设进度, A获批建设,
// A在川落地) and ends the clause or nearly (two characters such as 进度 or 通航 after it, no object);
// `word` gets the build word's span.
bool BuildWordFollows(const SentenceContext& ctx, uint32_t end, std::pair<uint32_t, uint32_t>* word = nullptr) {
  const auto& t = ctx.t;
  const uint32_t e = ctx.e;
  uint32_t pos = SkipQuoted(t, end, e);
  // (… over the category word that typed a quoted name: 355项“川渝通办”事项落地见效.)
  if (pos > ctx.s && pos < e && IsCloseQuote(t[pos - 1]))
    pos += ctx.lex.cues.LongestAt(std::u32string_view(t.data(), e), pos).length;
  uint32_t last = pos;
  if (pos < e && t[pos] == U'等') {  // 等 + 重点项目 / 7个铁路项目 / 9个重大水利工程
    const uint32_t count_end = ctx.CountEndAt(pos + 1);
    const uint32_t kind = count_end > 0 ? count_end : pos + 1;
    // … over a quoted kind (等一批“绿电氢氨醇”标志性项目建成投产).
    const uint32_t quoted = SkipQuoted(t, kind, e) - kind;
    last = std::min(e, (count_end > 0 ? count_end : pos) + (count_end > 0 ? kMaxCountedKind : kMaxKind) + quoted);
  }
  for (uint32_t j = pos; j <= last && j < e; ++j) {
    if (j > pos && (IsClauseBreak(t[j - 1]) || t[j - 1] == U'、')) return false;
    uint32_t len = ctx.BuildWordAt(j);
    if (len == 0) continue;
    uint32_t after = j + len, rest = after;
    // … or another after 或/和/并 (投入使用或加快建设).
    if (after + 1 < e && (t[after] == U'或' || t[after] == U'和' || t[after] == U'并')) {
      if (const uint32_t more = ctx.BuildWordAt(after + 1); more > 0) rest = after = after + 1 + more;
    }
    // … or a quantity of it (推进“三北”工程建设10万亩: the work measured, no object).
    uint32_t quantity = after;
    while (quantity < e && (IsDigit(t[quantity]) || (t[quantity] == U'.' && quantity > after))) ++quantity;
    if (quantity > after) {
      while (quantity < e && (t[quantity] == U'万' || t[quantity] == U'亿' || t[quantity] == U'千')) ++quantity;
      const uint32_t unit = ctx.lex.units.LongestAt(std::u32string_view(t.data(), e), quantity).length;
      if (unit > 0) rest = after = quantity + unit;
    }
    // … or how the building goes (韶关数据中心集群建设扎实推进, …试验区建设取得积极成果: words.json
    // build_progress), ending the clause or a list item (…自然博物馆建设取得决定性进展、已开工…).
    if (const uint32_t progress = ctx.lex.build_progress.LongestAt(std::u32string_view(t.data(), e), after).length;
        progress > 0 && (after + progress >= e || IsClauseBreak(t[after + progress]) || t[after + progress] == U'、'))
      rest = after = after + progress;
    // … or the role the building plays, closing the clause (以西安区域科技创新中心建设为牵引: words.json
    // lead_roles after 为).
    if (after + 1 < e && t[after] == U'为') {
      if (const uint32_t role = ctx.lex.lead_roles.LongestAt(std::u32string_view(t.data(), e), after + 1).length;
          role > 0 && (after + 1 + role >= e || IsClauseBreak(t[after + 1 + role])))
        rest = after = after + 1 + role;
    }
    // … or what the finished work brought about (成昆铁路复线贯通带动大小凉山地区驶入“动车时代”: words.json
    // consequence_verbs), the clause's rest being its effect.
    if (ctx.lex.consequence_verbs.LongestAt(std::u32string_view(t.data(), e), after).length > 0) {
      if (word != nullptr) *word = {j, after};
      return true;
    }
    // … or joined to the next item of the clause, built another way (推动榆安大型灌区建设和景电灌区…现代化
    // 改造): the word closes this item, it takes no object.
    // (… also a second verb after 及: 第十六届全运会…筹备及备战训练, the games it will host.)
    if (after + 1 < e && (t[after] == U'和' || t[after] == U'及') && !IsClauseBreak(t[after + 1])) {
      if (word != nullptr) *word = {j, after};
      return true;
    }
    while (rest < e && !IsClauseBreak(t[rest]) && t[rest] != U'、') ++rest;
    if (word != nullptr) *word = {j, after};
    return rest - after <= 2;
  }
  return false;
}

// True when a programme (a Plan or an Initiative) is followed by how it went, closing the clause
// (服务企业效能提升突破年行动取得实效, “一表同享”改革走深走实: words.json build_progress): the report
// ran it. `word` gets the progress words' span.
bool ProgressOfProgramme(const SentenceContext& ctx, const EntityMention& ent, std::pair<uint32_t, uint32_t>* word) {
  if (ent.type != "Plan"sv && ent.type != "Initiative"sv) return false;
  const uint32_t after = SkipQuoted(ctx.t, ent.end, ctx.e);
  const uint32_t progress = ctx.lex.build_progress.LongestAt(std::u32string_view(ctx.t.data(), ctx.e), after).length;
  if (progress == 0 || (after + progress < ctx.e && !IsClauseBreak(ctx.t[after + progress]))) return false;
  *word = {after, after + progress};
  return true;
}

// True when up to three unnamed items joined by 、, 和 or 及 follow the name ending at `end` and a
// build word closes the last (加速未来科学城南口、马池口国重基地和科学小镇建设; A级旅游景区提升工程、
// “快进慢游”交通体系、智慧文旅等加快建设: the name is an item of that list). `word` gets its span.
bool BuildWordAfterUnnamedItem(const SentenceContext& ctx, uint32_t end, std::pair<uint32_t, uint32_t>* word) {
  constexpr uint32_t kMaxItem = 15, kMaxItems = 3;
  const auto& t = ctx.t;
  const std::u32string_view view(t.data(), ctx.e);
  uint32_t item_start = end + 1;
  for (uint32_t items = 1; items <= kMaxItems; ++items) {
    if (item_start + 2 >= ctx.e || (t[item_start - 1] != U'、' && t[item_start - 1] != U'和' && t[item_start - 1] != U'及'))
      return false;
    uint32_t q = item_start;
    for (; q < ctx.e && q - item_start < kMaxItem; ++q) {
      if (IsClauseBreak(t[q]) || t[q] == U'和') return false;
      if (t[q] == U'、') break;  // the next item
      if (q >= item_start + 2 && BuildWordFollows(ctx, q, word)) return true;
      if (q > item_start && ctx.lex.boundary_words.LongestAt(view, q).length >= 2) return false;
    }
    if (q >= ctx.e || t[q] != U'、' || q < item_start + 2) return false;
    item_start = q + 1;
  }
  return false;
}

// 实施钾盐高效利用、镁盐创新突破、稀散元素高值化利用工程; 深入实施“煤油气硅”等多元利用工程: the
// plan verb that opens a list of short unnamed items (or a quoted run and 等) whose last item is the
// name at `start`; returns the verb's end, or 0. The caller checks that the name ends the list.
uint32_t ListOpenerVerbEnd(const SentenceContext& ctx, const lexicon::Trie& verbs, uint32_t start, uint32_t clause) {
  const auto& t = ctx.t;
  // (An unnamed item may be long: “相约春天赏樱花”经贸洽谈暨世界500强对话湖北, 24 letters.)
  constexpr uint32_t kMaxItem = 26, kMaxItems = 4;
  uint32_t pos = start;
  if (pos > clause && t[pos - 1] == U'等') --pos;
  if (pos == start && (pos <= clause || t[pos - 1] != U'、')) return 0;  // no list before the name
  if (pos < start && pos > clause && IsCloseQuote(t[pos - 1])) {  // “煤油气硅”等
    uint32_t q = pos - 1;
    while (q > clause && !IsOpenQuote(t[q - 1]) && pos - q <= kMaxItem) --q;
    if (q == clause || !IsOpenQuote(t[q - 1])) return 0;
    const uint32_t open = q - 1;
    return ctx.WordEndingAt(verbs, open, clause) > 0 ? open : 0;
  }
  if (pos < start) return 0;
  return ctx.VerbOpeningList(verbs, pos, clause, kMaxItem, kMaxItems);
}

// True when a founding verb ends the cue word [start, end) (组建, 成功落地, 获批设立).
bool FoundingWord(const SentenceContext& ctx, uint32_t start, uint32_t end) {
  const std::u32string_view view(ctx.t.data(), end);
  for (uint32_t p = start; p + 1 < end; ++p) {
    if (ctx.lex.founding_verbs.LongestAt(view, p).length == end - p) return true;
  }
  return false;
}

// True when 经验 (the lessons of it) follows a name ending at `end`, over its closing quote.
bool LessonsFollow(const SentenceContext& ctx, uint32_t end) {
  if (end < ctx.e && IsCloseQuote(ctx.t[end])) ++end;
  return end + 2 <= ctx.e && ctx.t[end] == U'经' && ctx.t[end + 1] == U'验';
}

}  // namespace

void DevelopsImplicit(SentenceContext& ctx) {
  if (ctx.out.document_region < 0) return;
  // In the look-back part, what the government got approved, opened or launched (words.json
  // achievement_verbs: 获批, 开通, 挂牌 …) counts as well as what it built.
  const bool look_back = std::string_view(ctx.TargetStatus(*ctx.sentence)) != "planned"sv;
  const lexicon::Trie& verbs = look_back ? ctx.lex.look_back_verbs_reversed : ctx.lex.plan_verbs_reversed;
  const auto& t = ctx.t;
  const size_t first = ctx.first_entity, n = ctx.out.entities.size();
  if (first >= n) return;
  std::vector<char> governed(n - first, 0);
  // A generic name inside the head another item shares (光热电站 in 德令哈3座35万千瓦光热电站) is no
  // item of the list; `previous[k]` is the item before k, over such names (-1: none).
  std::vector<int64_t> previous(n - first, -1);
  {
    int64_t last = -1;
    uint32_t shared_until = 0;
    for (size_t k = first; k < n; ++k) {
      const auto& ent = ctx.out.entities[k];
      // A site inside a name (宁夏算力枢纽 in 宁夏算力枢纽建设工程) is no list item: the name is.
      if (last >= 0 && ent.start <= ctx.out.entities[last].start && ent.end >= ctx.out.entities[last].end)
        last = previous[last - first];
      previous[k - first] = last;
      if (ent.generic && ent.end <= shared_until) continue;
      if (last >= 0 && ent.start >= ctx.out.entities[last].start && ent.end <= ctx.out.entities[last].end) continue;
      last = static_cast<int64_t>(k);
      shared_until = std::max(shared_until, ent.phrase_end);
    }
  }
  // The word that takes the implicit subject (the plan verb, or the build word closing a list).
  std::vector<std::pair<uint32_t, uint32_t>> cue(n - first, {0, 0});
  // Objects of a plan verb, and the list items after them.
  for (size_t k = first; k < n; ++k) {
    const auto& ent = ctx.out.entities[k];
    const uint32_t clause = ctx.ClauseStart(ent.start);
    uint32_t verb_end = ent.start;
    if (verb_end > clause && IsOpenQuote(t[verb_end - 1])) --verb_end;  // 实施“强科技行动”
    // 编制了《…纲要》: a done verb; 编制好新一轮…规划: a verb and its complement.
    if (verb_end > clause + 2 && (t[verb_end - 1] == U'了' ||
                                  (t[verb_end - 1] == U'好' && ctx.WordEndingAt(verbs, verb_end, clause) == 0)))
      --verb_end;  // (办好, 建设好 are verbs of their own)
    // 办好第七届中国辽洽会, 举办首届…, 圆满举办4届南博会, 成功举办2025·中国西藏发展论坛: the verb
    // stands before the edition.
    verb_end = EditionStart(t, verb_end, clause);
    uint32_t verb = ctx.WordEndingAt(verbs, verb_end, clause);
    // 提升雄安新区中关村科技园发展能级: in the plan part an upgrade verb (words.json upgrade_verbs) right
    // before the name governs it (not as a list's opener: 锂盐量质提升、… is an item).
    if (verb == 0 && !look_back) verb = ctx.WordEndingAt(ctx.lex.upgrade_verbs_reversed, verb_end, clause);
    // 设立市级文化艺术基金: a grade word the name left out stands between the verb and it.
    if (verb == 0 && verb_end >= clause + 4 && t[verb_end - 1] == U'级') {
      for (const uint32_t grade : {2u, 3u}) {
        if (verb_end - grade < clause + 2) break;
        if (const uint32_t v = ctx.WordEndingAt(verbs, verb_end - grade, clause); v > 0) {
          verb_end -= grade;
          verb = v;
          break;
        }
      }
    }
    // 深入实施新一轮…计划, 承办2026年…活动, 制定我省…方案: a round, the year or the report's own
    // province between the verb and the name.
    if (verb == 0 && verb_end >= clause + 4) {
      uint32_t q = verb_end;
      if (t[q - 3] == U'新' && t[q - 2] == U'一' && t[q - 1] == U'轮') {
        q -= 3;
      } else if (t[q - 2] == U'我' && (t[q - 1] == U'省' || t[q - 1] == U'市' || t[q - 1] == U'区')) {
        q -= 2;
      } else if (verb_end >= clause + 5 && t[q - 1] == U'年' && IsDigit(t[q - 2]) && IsDigit(t[q - 3]) &&
                 IsDigit(t[q - 4]) && IsDigit(t[q - 5])) {
        q -= 5;
      }
      if (q < verb_end && q > clause + 2 && t[q - 1] == U'好' && ctx.WordEndingAt(verbs, q, clause) == 0) --q;  // 编制好新一轮…
      if (const uint32_t v = q < verb_end ? ctx.WordEndingAt(verbs, q, clause) : 0; v > 0) {
        verb_end = q;
        verb = v;
      }
    }
    // 设立10亿元绿色发展纵向补偿基金, 组建总规模1000亿元的省战略性新兴产业投资引导基金: an amount of
    // money (the thing's size, a target of its own) between the verb and the name.
    if (verb == 0 && verb_end >= clause + 4) {
      const uint32_t amount_end = t[verb_end - 1] == U'的' ? verb_end - 1 : verb_end;
      if (uint32_t q = MoneyStart(t, amount_end, clause); q < amount_end) {
        for (const std::u32string_view size : {U"首期规模"sv, U"总规模"sv, U"规模"sv}) {
          if (q >= clause + size.size() && std::u32string_view(t.data() + q - size.size(), size.size()) == size) {
            q -= static_cast<uint32_t>(size.size());
            break;
          }
        }
        if (const uint32_t v = ctx.WordEndingAt(verbs, q, clause); v > 0) {
          verb_end = q;
          verb = v;
        }
      }
    }
    // A modifier between the verb and the name: a short phrase closed by 的 (建设面向全国的稀土产品交易
    // 中心), or evaluative or generic words (打造更高水平平安河北, 建设高水平健康山西).
    if (verb == 0 && verb_end >= clause + 4) {
      const bool closed_by_de = t[verb_end - 1] == U'的';
      const std::u32string_view view(t.data(), verb_end);
      // (… a list of short words closed by 的 too, after a done verb: 举办了简约、安全、精彩的北京冬奥会.)
      const uint32_t max_modifier = closed_by_de ? kMaxModifier + 5 : kMaxModifier;
      for (uint32_t q = verb_end - 2; q >= clause + 2 && verb_end - q <= max_modifier; --q) {
        if (closed_by_de && q + 3 <= verb_end && IsNameBreak(t[q]) && (t[q] != U'、' || q + 1 >= verb_end || t[q + 1] == U'、'))
          break;
        uint32_t v = ctx.WordEndingAt(verbs, q, clause);  // (the cheaper test first)
        if (v == 0 && closed_by_de && q > clause + 2 && t[q - 1] == U'了') {
          if ((v = ctx.WordEndingAt(verbs, q - 1, clause)) > 0) ++v;
        }
        if (v == 0) continue;
        if (closed_by_de && verb_end - q > kMaxModifier + 1 &&
            std::u32string_view(t.data() + q, verb_end - q).find(U'、') == std::u32string_view::npos)
          continue;  // (a longer modifier only as a list)
        const uint32_t words = q + (t[q] == U'更' || t[q] == U'最' ? 1 : 0);  // 更高水平
        const bool modifier =
            closed_by_de ? q + 3 <= verb_end
                         : words < verb_end && (ctx.lex.evaluative_words.LongestAt(view, words).length == verb_end - words ||
                                                ctx.IsGenericModifier(words, verb_end));
        if (!modifier) continue;
        verb_end = q;
        verb = v;
        break;
      }
    }
    // 持续实施高等教育“登峰计划”, 实施新一轮高等教育“百亿工程”, 加力实施校企协同攻关“百团计划”: the
    // field a quoted programme works in, a short run of letters with no word of its own, stands between
    // the verb and the quote (the quote closes the name, so the field is no part of it).
    if (verb == 0 && verb_end + 1 == ent.start && IsOpenQuote(t[verb_end]) &&
        (ent.type == "Plan"sv || ent.type == "Initiative"sv)) {
      uint32_t field = verb_end;
      while (field > clause && verb_end - field < kMaxField && IsCjk(t[field - 1]) && t[field - 1] != U'的' &&
             ctx.hit_at[field - 1 - ctx.s] < 0 && ctx.WordEndingAt(verbs, field, clause) == 0) {
        uint32_t boundary = 0;
        if (ctx.BoundaryEndsAt(field, clause, &boundary)) break;
        --field;
      }
      uint32_t q = field;
      if (q >= clause + 5 && t[q - 3] == U'新' && t[q - 2] == U'一' && t[q - 1] == U'轮') q -= 3;
      if (const uint32_t v = verb_end - field >= 2 ? ctx.WordEndingAt(verbs, q, clause) : 0; v > 0) {
        verb_end = q;
        verb = v;
      }
    }
    // The name ends a list of unnamed items the verb opens (实施A提升、B突破、C工程).
    // Last item: what follows is no further item (支持革命老区、老工业基地、农垦场区转型发展).
    const uint32_t after = ent.end < ctx.e ? SkipQuoted(t, ent.end, ctx.e) : ctx.e;
    const bool closes_list = after >= ctx.e || t[after] != U'、' || (k + 1 < n && ListJoins(t, ent, ctx.out.entities[k + 1]));
    if (verb == 0 && closes_list && (k == first || !ListJoins(t, ctx.out.entities[k - 1], ent))) {
      // (not a verb inside a name before it: 建设 of 宁夏算力枢纽建设工程、毛乌素沙地…工程)
      const auto names_word = [&](uint32_t word_end) {
        return std::any_of(ctx.out.entities.begin() + first, ctx.out.entities.begin() + k,
                           [&](const EntityMention& other) {
                             return !other.generic && other.start < word_end && word_end < other.end;
                           });
      };
      if (const uint32_t opener = ListOpenerVerbEnd(ctx, verbs, verb_end, clause); opener > 0 && !names_word(opener)) {
        verb_end = opener;
        verb = ctx.WordEndingAt(verbs, verb_end, clause);
      }
    }
    if (verb > 0) {
      const uint32_t verb_start = verb_end - verb;
      // A subject of its own right before the verb (支持兰州大学建设X, 长沙办好…): not the report's.
      bool own_subject = false;
      for (size_t j = first; j < k; ++j) {
        const auto& other = ctx.out.entities[j];
        // (… not the means it builds with, after words.json means_words: 依托全国碳排放权注册登记结算系统
        // 打造全国碳市场中心.)
        const bool means = other.start >= clause && ctx.WordEndingAt(ctx.lex.means_words_reversed, other.start, clause) > 0;
        if (!other.generic && !means && other.end + 1 >= verb_start && other.end <= verb_start && other.start >= clause)
          own_subject = true;
      }
      for (const auto& h : ctx.hits) {
        if (!h.inside_name && h.start == clause && h.end <= verb_start) own_subject = true;
      }
      // 成都与重庆共建…, 南阳、信阳共建…: the regions right before the verb are its subject; after 与
      // (深化与四川、青海共建…) they are the report's partners, after 在 the place (在成都建设…).
      for (const auto& h : ctx.hits) {
        if (own_subject || h.inside_name || h.end != verb_start) continue;
        uint32_t list_start = h.start;
        while (list_start >= clause + 2 &&
               U"、和与及"sv.find(t[list_start - 1]) != std::u32string_view::npos) {
          const int32_t before = ctx.hit_ending[list_start - 1 - ctx.s];
          if (before < 0 || ctx.hits[before].inside_name) break;
          list_start = ctx.hits[before].start;
        }
        const char32_t opener = list_start > clause ? t[list_start - 1] : U'，';
        // (… nor after a partner verb, words.json partner_verbs: 联合港澳承办十五运会 is the report's.)
        const bool partner = ctx.WordEndingAt(ctx.lex.partner_verbs_reversed, list_start, clause) > 0;
        if (!partner && U"与同跟和在于"sv.find(opener) == std::u32string_view::npos)
          own_subject = true;
      }
      // 支持兰州大学建设一流大学: the object of 支持 is the subject of what it builds.
      std::u32string_view view(t.data(), ctx.e);
      // (… after a support verb, for every item of a list it builds: 支持西湖大学、宁波东方理工大学建设世界
      // 一流…大学; 推动酒泉阳关玉门关、…张掖马蹄石窟群创建5A级景区 is the report's own push)
      const bool supports =
          ctx.lex.support_verbs_reversed.LongestEndingAt(std::u32string_view(t.data(), verb_end), verb_end).length == verb;
      if (const uint32_t subject_end = supports ? ctx.out.entities[LastOfList(ctx, k)].end : ent.end;
          ctx.lex.build_suffixes.LongestAt(view, subject_end).length > 0 && !BuildWordFollows(ctx, subject_end))
        own_subject = true;
      // 支持合肥机场、芜宣机场提升货运能力: what a support verb (words.json support_verbs) supports does the
      // verb after it (提升), as its subject.
      if (!own_subject && supports) {
        const uint32_t after_list = ctx.out.entities[LastOfList(ctx, k)].end;
        if (after_list < ctx.e && t[after_list] != U'等' && ctx.lex.boundary_words.LongestAt(view, after_list).length > 0 &&
            ctx.lex.build_suffixes.LongestAt(view, after_list).length == 0)
          own_subject = true;
      }
      if (!own_subject) {
        governed[k - first] = 1;
        cue[k - first] = {verb_start, verb_end};
      }
    } else if (const int64_t p = previous[k - first];
               p >= 0 && governed[p - first] && ListJoinsOverUnnamed(ctx, ctx.out.entities[p], ent)) {
      governed[k - first] = 1;
      cue[k - first] = cue[p - first];
    }
  }
  // Items of a list closed by a build word, unless the item is the subject of a verb after it.
  for (size_t k = n; k-- > first;) {
    std::pair<uint32_t, uint32_t> word;
    const auto& ent = ctx.out.entities[k];
    if (!BuildWordFollows(ctx, ent.end, &word) &&
        (ent.phrase_end <= ent.end || !BuildWordFollows(ctx, ent.phrase_end, &word)) &&
        !BuildWordAfterUnnamedItem(ctx, std::max(ent.end, ent.phrase_end), &word) &&
        !ProgressOfProgramme(ctx, ent, &word))
      continue;
    if (!governed[k - first]) cue[k - first] = word;
    governed[k - first] = 1;
    for (int64_t j = static_cast<int64_t>(k), p = previous[k - first];
         p >= 0 && ListJoinsOverUnnamed(ctx, ctx.out.entities[p], ctx.out.entities[j]); j = p, p = previous[p - first]) {
      if (!governed[p - first]) cue[p - first] = word;
      governed[p - first] = 1;
    }
  }
  // 推动A、B等“十大工程”纳入国家规划: a clause that only seeks a listing for its items builds none.
  for (size_t k = first; k < n; ++k) {
    if (!governed[k - first]) continue;
    std::u32string_view view(t.data(), ctx.e);
    for (uint32_t q = ctx.out.entities[k].end; q < ctx.e && !IsClauseBreak(t[q]); ++q) {
      if (ctx.lex.weak_outcomes.LongestAt(view, q).length > 0) {
        governed[k - first] = 0;
        break;
      }
    }
  }
  // Explicit subjects found by earlier rules win.
  std::vector<char> explicit_subject(n - first, 0);
  for (size_t r = ctx.out.relations.size(); r-- > 0 && ctx.out.relations[r].start == ctx.s;) {
    const auto& rel = ctx.out.relations[r];
    if (rel.relation == "develops"sv && rel.target.kind == Ref::kEntity && rel.target.index >= static_cast<int32_t>(first))
      explicit_subject[rel.target.index - first] = 1;
  }
  const auto& schema = ctx.lex.schema();
  std::vector<uint32_t> mentioned;
  for (size_t k = first; k < n; ++k) {
    const auto& ent = ctx.out.entities[k];
    if (!governed[k - first] || explicit_subject[k - first] || ent.generic) continue;
    // … and it is built with the thing it names: the develops edge goes to that thing (not to a class
    // phrase around the name, 海易办平台: the name is what is built).
    if (std::any_of(ctx.out.entities.begin() + first, ctx.out.entities.begin() + n, [&](const EntityMention& other) {
          const size_t o = &other - ctx.out.entities.data();
          return o != k && governed[o - first] && !other.generic && other.start <= ent.start && other.end >= ent.end &&
                 other.end - other.start > ent.end - ent.start;
        }))
      continue;
    if (!schema.Allows("develops", "Region", ent.type)) continue;
    // 推广“千万工程”经验, 学习运用…经验: the lessons of a programme are spread, not the programme built
    // (it is often another region's).
    if (LessonsFollow(ctx, std::max(ent.end, ent.phrase_end))) continue;
    // An organization is developed only by founding it (组建, 设立, 成功落地…母基金: words.json
    // founding_verbs), not by any plan verb (支持企业…).
    const auto [cue_start, cue_end] = cue[k - first];
    // 落实碳达峰行动方案, 出台…规划: a verb of words.json programme_verbs develops a programme or a
    // document only (not the summit of 落实中国—中亚峰会成果, nor the reservoir of 落实密云水库水源保护条例).
    if (ent.type != "Plan"sv && ent.type != "Initiative"sv && cue_end > cue_start &&
        ctx.lex.programme_verbs.LongestAt(std::u32string_view(t.data(), ctx.e), cue_start).length == cue_end - cue_start)
      continue;
    // Firms a list names by their kind (华润、招商局等央企; 曙光、海光等头部企业) exist already: the report's
    // region works with them, it does not found them.
    if (ent.type == "Organization"sv && ent.rule == "entity.enumeration_cue"sv) continue;
    // (… or building it: 推进国家药械审评检查西南分中心和…研究基地建设, the build word closing its list.)
    if (ent.type == "Organization"sv && !FoundingWord(ctx, cue_start, cue_end)) {
      if (!BuildWordFollows(ctx, ctx.out.entities[LastOfList(ctx, k)].end)) continue;
    }
    ctx.AddRelation(SentenceContext::RegionRef(ctx.out.document_region), SentenceContext::EntityRef(k),
                    "develops", "develops.implicit");
    // The region is referred to here, unwritten, as the subject of that word: an implicit mention
    // (rule develops.implicit) on the word, once per word.
    if (cue_end > cue_start && std::find(mentioned.begin(), mentioned.end(), cue_start) == mentioned.end()) {
      mentioned.push_back(cue_start);
      ctx.out.regions.push_back({ctx.out.document_region, cue_start, cue_end, "develops.implicit", false});
    }
  }
}

}  // namespace policykg::extract::rules
