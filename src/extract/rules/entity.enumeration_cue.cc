#include <algorithm>

#include "extract/rules/rules.h"
#include "text/normalize.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

using lexicon::Trie;

namespace {

// The end of a line's number opening t[start, end) (19号线, 13号线东延伸; with a letter, Z4线, S1号线),
// or 0.
uint32_t LineNumberEnd(const std::u32string& t, uint32_t start, uint32_t end) {
  uint32_t q = start;
  // (Not a road's class letter: G, S, X, Y number national, provincial, county and township roads.)
  const bool lettered =
      q < end && t[q] >= U'A' && t[q] <= U'Z' && U"GSXY"sv.find(t[q]) == std::u32string_view::npos;
  if (lettered) ++q;
  const uint32_t digits = q;
  while (q < end && IsDigit(t[q])) ++q;
  if (q == digits) return 0;
  if (q + 2 <= end && t[q] == U'号' && t[q + 1] == U'线') return q + 2;
  return lettered && q + 1 <= end && t[q] == U'线' ? q + 1 : 0;
}

// True when t[start, end) is a line named by its number alone (19号线; not 13号线东延伸).
bool IsNumberedLine(const std::u32string& t, uint32_t start, uint32_t end) { return LineNumberEnd(t, start, end) == end; }

// An item [item_start, item_end) of the list before a cue: a candidate typed by the cue unless it
// has a head of its own, is a list or a count (“十五五”, “两重”), a sector (交通、水利等…), or
// evaluates.
// `shares_cue`: a quoted item of a list whose last quoted item is named with the cue right after
// it (“数据要素×”和“人工智能+”行动): it is named with the cue too.
void AddItem(SentenceContext& ctx, uint32_t item_start, uint32_t item_end, bool quoted,
             const schema::Cue& cue_def, bool typed_by_mates, bool short_names, uint32_t cue_start, uint32_t cue_end,
             bool shares_cue) {
  // A head that needs a place does not count when none is near (上合资本港 is typed by the cue).
  const auto head = ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), item_end), item_end);
  // A line's number names it in a list (…、19号线、20号线等轨道交通), where the head 号线 alone makes no
  // name (地铁19号线 does).
  const bool line_number = !quoted && IsNumberedLine(ctx.t, item_start, item_end);
  bool has_head = head.length > 0 && !ctx.lex.lex().heads[head.value].needs_place &&
                  !ctx.lex.lex().heads[head.value].needs_quote && !line_number;
  // A quoted item whose words end in a programme's head of their own after a modifier
  // (“芙蓉计划”“湘智兴湘”行动, “中华文明探源工程”和“考古中国”项目) takes that head's type (Plan,
  // Initiative), not the cue's, when it is named without the cue. (Other heads in quoted words name
  // no such thing: “投资自贸港”品牌, “管委会+公司”运营模式.)
  const std::string* own_head_type = nullptr;
  if (quoted && !has_head && item_end >= item_start + 4) {
    const uint32_t inner_end = item_end - 1;
    const auto inner = ctx.lex.heads_reversed.LongestEndingAt(
        std::u32string_view(ctx.t.data(), inner_end), inner_end);
    const auto* inner_head = inner.length > 0 ? &ctx.lex.lex().heads[inner.value] : nullptr;
    if (inner_head != nullptr && inner_end - inner.length > item_start + 1 &&
        !inner_head->needs_place && !inner_head->needs_quote &&
        (inner_head->type == "Plan"sv || inner_head->type == "Initiative"sv))
      own_head_type = &inner_head->type;
  }
  bool listy = std::find(ctx.t.begin() + item_start, ctx.t.begin() + item_end, U'、') !=
               ctx.t.begin() + item_end;
  // “十五五”, “两重”, “3个100”: counts and periods, not names.
  uint32_t first = item_start + (quoted ? 1 : 0);
  bool count_slogan = (IsChineseNumeral(ctx.t[first]) || IsDigit(ctx.t[first])) &&
                      item_end - item_start - (quoted ? 2 : 0) <= 4 &&
                      !(item_end - item_start - (quoted ? 2 : 0) == 4 && !IsDigit(ctx.t[first])) && !line_number;
  // 十大赛事, 三个…: an unquoted item that opens with a numeral and 大 or a counter counts a class.
  const bool counted_class = !quoted && item_end - item_start > 2 && IsChineseNumeral(ctx.t[item_start]) &&
                             (ctx.t[item_start + 1] == U'大' || ctx.lex.IsCountWord(ctx.t[item_start + 1]));
  // 重大标志性工程22项: an unquoted item that ends in a count counts a class.
  bool counted_tail = false;
  if (!quoted && item_end - item_start > 3 && ctx.lex.IsCountWord(ctx.t[item_end - 1]) && IsDigit(ctx.t[item_end - 2]))
    counted_tail = true;
  listy = listy || count_slogan || counted_class || counted_tail;
  // 交通、水利等重大项目, 能源等领域: an unquoted item of two characters, or of generic words only,
  // is a sector, not a name.
  // (… but among companies' names, 曙光、海光、中芯国际、华海清科等头部企业, two letters name one.)
  // (…火箭、卫星制造、航天配套等重大项目: two letters and 制造 or 配套 name a trade; not a place's or a
  // firm's: 中海油装备智能制造.)
  const std::u32string_view item_text(ctx.t.data() + item_start, item_end - item_start);
  // (Among brands a trade is a brand's: 三峡制造、三峡农家等特色品牌.)
  const bool trade = item_text.size() == 4 &&
                     (item_text.ends_with(U"制造"sv) || item_text.ends_with(U"配套"sv)) &&
                     cue_def.type != "Brand"sv && ctx.FindRegions(item_start, item_end).empty();
  const bool sector = !quoted && ((item_end - item_start <= 2 && !(short_names && item_end - item_start == 2)) ||
                                  ctx.IsGenericModifier(item_start, item_end) || trade);
  // 等一批“绿电氢氨醇”标志性项目: a quoted kind after a plural cue is a class of things.
  const bool kind = quoted && ctx.PluralCueEndsAt(item_start);
  listy = listy || kind;
  // (A cue for names written plain, 企业: not a quoted label, “小巨人”, nor a counted item.)
  // 1596个“千项万亿”重大项目, “双尖双领+X”项目400项: projects counted under a quoted label are no one
  // project; the label names their programme (a Plan, below).
  const bool counted_projects = quoted && cue_def.type == "Project"sv && ctx.IsCountedClass(item_start, cue_end);
  if (cue_def.unquoted_only &&
      (quoted || std::any_of(ctx.t.begin() + item_start, ctx.t.begin() + item_end, [](char32_t c) { return IsDigit(c); })))
    return;
  // “人工智能+”行动: a quoted name right before a cue flagged named_with_cue is named with it (the
  // quoted words stay an alias); so is one a short verb or modifier apart (“五大抽水蓄能”联动工程,
  // “六个现代化灌区”覆盖工程): a programme's name, whatever words it quotes.
  // (Not a programme's count of actions, 一带一路八项行动, nor a verb, 实现; not an event or a platform,
  // which the quoted words name: “台独”分裂活动, “苏品苏货”上平台.)
  const auto programme_gap = [&] {
    if (cue_start > item_end + 3 || cue_def.type == "Event"sv || cue_def.type == "Platform"sv) return false;
    const std::u32string_view gap(ctx.t.data() + item_end, cue_start - item_end);
    if (gap == U"重点"sv || gap == U"重大"sv)
      return false;  // “一河三山”重点工程: the quoted programme's works
    for (uint32_t k = item_end; k < cue_start; ++k) {
      const char32_t ch = ctx.t[k];
      if (IsNameBreak(ch) || text::IsQuoteMark(ch) || ch == U'等' || ch == U'的' ||
          (ch == U'实' && k + 1 < cue_start && ctx.t[k + 1] == U'现'))
        return false;
      if ((IsChineseNumeral(ch) || IsDigit(ch)) && k + 1 < cue_start &&
          (ctx.lex.IsCountWord(ctx.t[k + 1]) || ctx.t[k + 1] == U'大'))
        return false;
    }
    return true;
  };
  // (Not one whose quoted words end in a cue word of their own: “芙蓉计划”“湘智兴湘”行动.)
  const auto ends_in_cue = [&] {
    const uint32_t inner_end = item_end - 1;  // before the closing quote
    for (uint32_t k = inner_end >= item_start + 5 ? inner_end - 4 : item_start + 1; k + 1 < inner_end; ++k) {
      if (ctx.lex.cues.LongestAt(std::u32string_view(ctx.t.data(), inner_end), k).length == inner_end - k) return true;
    }
    return false;
  };
  const bool named_with_cue = quoted && cue_def.named_with_cue &&
                              (cue_start == item_end || (shares_cue && !ends_in_cue()) || programme_gap());
  if (!has_head && !listy && !sector && (quoted || !cue_def.quoted_only || typed_by_mates) && item_end - item_start >= 2 &&
      (named_with_cue || !ctx.ContainsWord(ctx.lex.evaluative_words, item_start, item_end))) {
    const std::string* type =
        own_head_type != nullptr && !named_with_cue ? own_head_type : &cue_def.type;
    if (counted_projects) {
      if (const schema::EntityType* plan = ctx.lex.types.plan) type = &plan->name;
    }
    // … 工程 of works are Projects (“六个现代化灌区”覆盖工程: words.json works_words; an item with a phase,
    // 海上风电渤中G一期, listed before 等重大工程).
    // (A quoted count slogan, “3个100”等重点工程, stays a programme.)
    if (*type == "Plan"sv && (named_with_cue || !quoted) && ctx.NamesWorks(item_start, item_end)) {
      if (const schema::EntityType* project = ctx.lex.types.project) type = &project->name;
    }
    Candidate c{item_start, item_end, item_end, type, quoted ? "entity.quoted_cue" : "entity.enumeration_cue"};
    // A line named by its number (19号线, 13号线东延伸) is the report's region's own: named with it
    // (上海19号线, the bare name an alias that never merges another city's line).
    if (!quoted && LineNumberEnd(ctx.t, item_start, item_end) > 0) c.own_region = ctx.out.document_region;
    if (named_with_cue) {
      // (A listed item borrows the cue word alone; a gap of a few words belongs to the name next to it.)
      c.borrowed_head_start = shares_cue ? cue_start : item_end;
      c.borrowed_head_end = cue_end;
    }
    ctx.candidates.push_back(c);
  }
}

// True when `pos` is inside a region's name, not at its edge (和 in 呼和浩特 joins no items).
bool InsideRegionName(const SentenceContext& ctx, uint32_t pos) {
  const int32_t k = ctx.HitAround(pos);
  return k >= 0 && ctx.hits[k].end > pos + 1;
}

// True when the joiner letter at `pos` (和, 及) has one letter before it back to a list mark or the
// clause start: no item is one letter, so the joiner is inside a name (诺和诺德、碧迪等重点外企).
bool OneLetterBefore(const SentenceContext& ctx, uint32_t pos, uint32_t clause_start) {
  if (pos < clause_start + 1) return false;
  uint32_t verb = 0;  // (… or a boundary word: 促进诺和诺德)
  return pos == clause_start + 1 || ctx.t[pos - 2] == U'、' || text::IsQuoteMark(ctx.t[pos - 2]) ||
         ctx.BoundaryEndsAt(pos - 1, clause_start, &verb);
}

// True when a one-letter joiner (和, 及) stands between two 、 of the list that ends at `list_end`:
// there it joins the parts of one item (…、郴州新能源动力和储能、娄底高性能软磁和钛材料等“十大产业项目”),
// so no joiner of this list separates items (unlike 长沙、株洲和湘潭等, where none is followed by 、).
// (A joiner next to a quoted item joins items: 跨年夜和“蒙超”、“蒙BA”, “三月三”及十大赛事、十大演艺.)
bool JoinerInsideListItem(const SentenceContext& ctx, uint32_t clause_start, uint32_t list_end) {
  bool mark_before = false;  // a 、 since the clause start, with no name break after it
  uint32_t joiner = 0;       // the last joiner after that 、 (0: none)
  for (uint32_t q = clause_start; q < list_end; ++q) {
    const char32_t c = ctx.t[q];
    if (c == U'、') {
      if (joiner > 0) return true;
      mark_before = true;
    } else if (IsNameBreak(c)) {
      mark_before = false, joiner = 0;
    } else if (mark_before && q + 1 < list_end && ctx.t[q + 1] != U'、' && !IsCloseQuote(ctx.t[q - 1]) &&
               !IsOpenQuote(ctx.t[q + 1]) &&
               ctx.lex.soft_boundary_reversed
                       .LongestEndingAt(std::u32string_view(ctx.t.data(), q + 1), q + 1)
                       .length == 1 &&
               !InsideRegionName(ctx, q)) {
      joiner = q;
    }
  }
  return false;
}

// True when [item_start, item_end) ends in a head of `type` (智博会 in a list closed by 等重大活动).
bool HasHeadOfType(const SentenceContext& ctx, uint32_t item_start, uint32_t item_end, const std::string& type) {
  const auto head = ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), item_end), item_end);
  if (head.length == 0 || item_end - head.length <= item_start) return false;
  const auto& h = ctx.lex.lex().heads[head.value];
  return !h.needs_place && !h.needs_quote && h.type == type;
}

}  // namespace

// entity.enumeration_cue (and entity.quoted_cue): items of "A、B、C等<cue>" and “X”<cue>, typed
// by the cue (品牌 → Brand) when they have no head of their own.
void EntityEnumerationCue(SentenceContext& ctx) {
  const uint32_t e = ctx.e;
  std::u32string_view view(ctx.t.data(), e);
  for (const uint32_t i : ctx.enumeration_marks) {
    bool after_deng = ctx.t[i] == U'等';
    bool after_quote = IsCloseQuote(ctx.t[i]);
    if (!after_deng && !after_quote) continue;
    // The cue may follow a short modifier: 等特色品牌, 等跨区域合作平台.
    int32_t cue = -1;
    uint32_t cue_word_start = 0, cue_word_end = 0;  // the cue word itself (the phrase may run on)
    // … but not inside the next quoted item (“形象工程”“政绩工程”: no cue follows the first). After 等
    // a count may stand first, and the cue may then close a longer class (等5个百亿级…一体化项目).
    uint32_t from = i + 1, reach = 6;
    if (after_deng) {
      uint32_t k = from;
      // (1.1万个: a decimal and a magnitude count too.)
      while (k < e && (IsDigit(ctx.t[k]) || IsChineseNumeral(ctx.t[k]) || ctx.t[k] == U'万' || ctx.t[k] == U'亿' ||
                       (ctx.t[k] == U'.' && k > from && IsDigit(ctx.t[k - 1]) && k + 1 < e && IsDigit(ctx.t[k + 1]))))
        ++k;
      if (k > from && ctx.lex.counters.LongestAt(view, k).length > 0) {
        from = k + ctx.lex.counters.LongestAt(view, k).length;
        reach = from - i - 1 + 14;
      }
    }
    for (uint32_t j = from; j < e && j <= i + reach && !IsNameBreak(ctx.t[j]) && (after_deng || !IsOpenQuote(ctx.t[j]));
         ++j) {
      Trie::Match m = ctx.lex.cues.LongestAt(view, j);
      if (m.length > 0) {
        cue = m.value;
        cue_word_start = j, cue_word_end = j + m.length;
        break;
      }
      if (after_quote && !after_deng && j >= i + 4) break;  // “X”<cue> within a few characters
    }
    if (cue < 0) continue;
    // 坚决遏制“台独”分裂活动: a quoted name the report opposes (words.json opposed_verbs right before the
    // quote) names no programme of its own.
    if (after_quote && !after_deng) {
      uint32_t open = i;
      while (open > ctx.s && !IsOpenQuote(ctx.t[open - 1]) && i - open <= kMaxEnumerationItem) --open;
      if (open > ctx.s && IsOpenQuote(ctx.t[open - 1]) &&
          ctx.WordEndingAt(ctx.lex.opposed_verbs_reversed, open - 1, ctx.ClauseStart(open - 1)) > 0)
        continue;
    }
    const auto& cue_def = ctx.lex.lex().cues[cue];
    // A cue for names written plain (企业) follows 等 as a word (not 平等) over modifiers only: no verb,
    // joiner or plural cue between (依法平等保护企业, 专业机构等与企业, 等一批主业企业).
    // (… but a plural cue right after 等 may open the class when the list names firms, checked below:
    // 中国中化、中国华能等一批中央企业; not 能源发展、数据等一批主业企业.)
    uint32_t plural_after_deng = 0;
    if (cue_def.unquoted_only) {
      plural_after_deng = after_deng && i + 1 < cue_word_start ? ctx.PluralCueLengthAt(i + 1) : 0;
      const uint32_t words_from = i + 1 + plural_after_deng;
      bool plain = after_deng && !(i > ctx.s && ctx.lex.boundary_exceptions.LongestAt(view, i - 1).length >= 2) &&
                   words_from <= cue_word_start && !ctx.ContainsWord(ctx.lex.boundary_words, words_from, cue_word_start);
      for (uint32_t q = words_from + 1; plain && q <= cue_word_start; ++q)
        plain = ctx.lex.soft_boundary_reversed.LongestEndingAt(view, q).length == 0 && !ctx.PluralCueEndsAt(q);
      if (!plain) continue;
    }
    {
      uint32_t cue_end = i + 1;
      while (cue_end < e && ctx.lex.cues.LongestAt(view, cue_end).length == 0) ++cue_end;
      if (cue_end < e) cue_end += ctx.lex.cues.LongestAt(view, cue_end).length;
      // “投资重庆”品牌活动: a second cue right after the first ends the phrase; the first types the name.
      if (cue_end < e && !ctx.PhraseEndsAt(cue_end, e)) cue_end += ctx.lex.cues.LongestAt(view, cue_end).length;
      // (… or a word of what the category does: “龙江绿碳”品牌效应, words.json cue_tails.)
      // (… after 等 too: “黑土优品”“九珍十八品”等品牌宣传推介.)
      if ((after_quote || after_deng) && cue_end < e && !ctx.PhraseEndsAt(cue_end, e)) {
        const uint32_t tail = ctx.lex.cue_tails.LongestAt(view, cue_end).length;
        if (tail > 0 && ctx.PhraseEndsAt(cue_end + tail, e)) cue_end += tail;
      }
      // (… or a comparator and a number: “蜀里安逸”消费券超7亿元.)
      // 品牌推介, 项目处置: the cue word is not the category here; but a kind of firm that only names
      // firms (央企, 外企: short_items) names those listed before it whatever the phrase goes on with
      // (中远海运、招商局、国能航运等央企新业务板块落地; not 环境保护、节能节水等企业所得税).
      const bool runs_on =
          !ctx.PhraseEndsAt(cue_end, e) && ctx.lex.target_comparators.LongestAt(view, cue_end).length == 0;
      if (runs_on && !cue_def.short_items) continue;
    }
    // Walk left over the items (a quoted item keeps its closing mark).
    uint32_t item_end = after_quote && !after_deng ? i + 1 : i;
    uint32_t clause_start = ctx.ClauseStart(i);
    struct Item {
      uint32_t start, end;
      bool quoted;
    };
    std::vector<Item> items;
    const bool joiners_inside = JoinerInsideListItem(ctx, clause_start, i);
    bool prefix_quote = false;  // the item just read opens with a quoted part (“一带一路”华侨华人…大会)
    for (int guard = 0; guard < 12 && item_end > clause_start; ++guard) {
      uint32_t item_start = item_end;
      bool quoted = false;
      if (IsCloseQuote(ctx.t[item_end - 1])) {
        uint32_t open = item_end - 1;
        while (open > clause_start && !IsOpenQuote(ctx.t[open - 1]) &&
               item_end - open <= kMaxEnumerationItem + 2)
          --open;
        if (open == clause_start || !IsOpenQuote(ctx.t[open - 1])) break;
        item_start = open - 1;
        quoted = true;
        // A short place word before the quote, set off by 、, opens the item (…、东北角“一站两区间”、B1等
        // 地铁建设): the list goes on before it.
        // (Only for an item set off by 、 after it too, not for the quoted name of a cue: 生产、供销、
        // 信用“三位一体”改革; and no joiner inside: 跨年夜和“蒙超”.)
        uint32_t lead = item_start;
        while (lead > clause_start && item_start - lead < 4 && IsCjk(ctx.t[lead - 1]) && ctx.t[lead - 1] != U'、') --lead;
        bool joined = false;
        for (uint32_t q = lead + 1; q <= item_start && !joined; ++q)
          joined = ctx.lex.soft_boundary_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), q), q).length > 0;
        uint32_t verb = 0;
        if (after_deng && item_end < i && ctx.t[item_end] == U'、' && !joined && lead < item_start &&
            lead > clause_start && ctx.t[lead - 1] == U'、' &&
            !ctx.ContainsWord(ctx.lex.boundary_words, lead, item_start) &&
            !ctx.BoundaryEndsAt(item_start, lead, &verb))
          item_start = lead;
      } else {
        // A bracketed aside does not count toward the length: G219线禾木（吉克普林）至喀纳斯; nor do
        // digits (青海辉源20万吨绿色高性能铝板带箔).
        uint32_t aside = 0;
        bool in_aside = false;
        // A one-letter boundary word (个 in 准东3个煤制气) ends the item only when no 、 closes it first.
        bool one_letter_stops = false;
        for (int pass = 0; pass < 2; ++pass) {
          item_start = item_end, aside = 0, in_aside = false;
          while (item_start > clause_start && ctx.t[item_start - 1] != U'、' &&
                 !IsCloseQuote(ctx.t[item_start - 1]) &&
                 item_end - item_start - aside <= kMaxEnumerationItem + 2) {
            if (ctx.t[item_start - 1] == U')') in_aside = true;
            if (in_aside || IsDigit(ctx.t[item_start - 1])) ++aside;  // (nor do a capacity's digits)
            if (ctx.t[item_start - 1] == U'(') in_aside = false;
            uint32_t len = 0;
            if (ctx.BoundaryEndsAt(item_start, clause_start, &len) && (one_letter_stops || len > 1)) {
              // (… but a stage that closes the item is its own: 沈盘高速改扩建, words.json stage_suffixes.)
              if (item_start == item_end && len > 1 && item_start > clause_start + len &&
                  ctx.lex.stage_suffixes.LongestAt(std::u32string_view(ctx.t.data(), item_end), item_end - len).length == len) {
                item_start -= len;
                continue;
              }
              break;
            }
          if (ctx.lex.soft_boundary_reversed
                  .LongestEndingAt(std::u32string_view(ctx.t.data(), item_start), item_start)
                  .length == 1 &&
              !InsideRegionName(ctx, item_start - 1) && !OneLetterBefore(ctx, item_start - 1, clause_start) &&
              !joiners_inside)
            break;
          --item_start;
          }
          if (item_start > clause_start && ctx.t[item_start - 1] == U'、') break;
          one_letter_stops = true;
        }
      }
      uint32_t aside = 0;  // the bracketed part, again, for the item's length
      for (uint32_t q = item_start, depth = 0; q < item_end; ++q) {
        if (ctx.t[q] == U'(') ++depth;
        if (depth > 0 || IsDigit(ctx.t[q])) ++aside;
        if (ctx.t[q] == U')' && depth > 0) --depth;
      }
      if (prefix_quote && quoted && !items.empty()) {
        items.back().start = item_start;  // the quoted part opens the item after it
      } else if (item_start < item_end && item_end - item_start - aside <= kMaxEnumerationItem + 2) {
        items.push_back({item_start, item_end, quoted});
      }
      prefix_quote = false;
      if (item_start <= clause_start) break;
      char32_t before = ctx.t[item_start - 1];
      prefix_quote = IsCloseQuote(before) && !quoted && item_start < item_end;
      // 与 inside a verb (深度参与A、B等项目) joins nothing: the list starts after it.
      uint32_t verb = 0;
      bool soft = ctx.lex.soft_boundary_reversed
                      .LongestEndingAt(std::u32string_view(ctx.t.data(), item_start), item_start)
                      .length == 1 &&
                  !(ctx.BoundaryEndsAt(item_start, clause_start, &verb) && verb >= 2) &&
                  !InsideRegionName(ctx, item_start - 1) && !joiners_inside;
      if (before == U'、' || IsCloseQuote(before) || soft) {
        item_end = (before == U'、' || soft) ? item_start - 1 : item_start;
        continue;
      }
      break;  // a boundary word: the list starts here
    }
    // 建设一批化工新材料、专用化学品等项目: after a plural cue (words.json plural_cues), unquoted items that
    // name no place are kinds of things, not things (as in entity.elliptic_head).
    // (… also over a short modifier closed by 的: 开工一批具备条件的重大工程、…、老旧公用设施改造等建设项目.)
    auto after_plural_cue = [&](uint32_t start) {
      if (ctx.PluralCueEndsAt(start)) return true;
      if (start <= clause_start + 3 || ctx.t[start - 1] != U'的') return false;
      constexpr uint32_t kMaxModifier = 8;
      for (uint32_t q = start - 2; q > clause_start && start - q <= kMaxModifier + 1; --q) {
        if (IsNameBreak(ctx.t[q])) return false;
        if (ctx.PluralCueEndsAt(q)) return true;
      }
      return false;
    };
    if (!items.empty() && after_plural_cue(items.back().start) &&
        std::none_of(items.begin(), items.end(),
                     [&](const Item& item) { return item.quoted || ctx.HasRegionIn(item.start, item.end); }))
      continue;
    // A cue that types only quoted items types any item whose list-mates carry a head of its type:
    // 智博会、国才会、中新双边合作机制会议等重大活动.
    bool typed_by_mates = false;
    for (const Item& item : items) {
      typed_by_mates = typed_by_mates || (!item.quoted && HasHeadOfType(ctx, item.start, item.end, cue_def.type));
    }
    // A list of plain names for a cue such as 企业 with two or more names of three letters or more
    // (中芯国际、华海清科) is a list of names: its items of two letters are short names (曙光, 海光),
    // not sectors (钢铁、有色等企业 has no such mates).
    size_t long_names = 0;
    for (const Item& item : items) {
      // (… and so is a list of brands: 长安阿维塔、深蓝、启源和赛力斯问界等品牌.)
      // (A firm's name may open with a place, 中国中化, 四川能投; a place alone is no firm's.)
      const bool place = cue_def.unquoted_only ? ctx.IsWholeRegion(item.start, item.end)
                                               : ctx.HasRegionIn(item.start, item.end);
      long_names += (cue_def.unquoted_only || cue_def.type == "Brand"sv) && !item.quoted && item.end - item.start >= 3 &&
                    !ctx.IsGenericModifier(item.start, item.end) && !place;
    }
    // (After 等一批 only such a list names firms.)
    if (plural_after_deng > 0 && long_names < 2) continue;
    // (A cue flagged short_items, 央企, closes a list of names whatever their length: 华润、招商局、国投等央企.)
    const bool short_names = long_names >= 2 || cue_def.short_items;
    // “数据要素×”和“人工智能+”行动, “人工智能+”“数据要素×”行动: when the quoted item next to the cue is named
    // with it, so is every quoted item listed before it.
    const bool list_named_with_cue = after_quote && !after_deng && items.size() >= 2 && items.front().quoted &&
                                     items.front().end == cue_word_start && cue_def.named_with_cue;
    // Only items set off by 、 on both sides take the mates' type (not 全球智能机械 of
    // 全球智能机械和电子产品博览会, nor 话湖北 after 对), and no place on its own (曹妃甸区).
    for (const Item& item : items) {
      const bool set_off = item.start > clause_start && ctx.t[item.start - 1] == U'、' &&
                           (item.end == i || ctx.t[item.end] == U'、');
      const bool mates = typed_by_mates && set_off && !ctx.IsWholeRegion(item.start, item.end);
      // (19号线 is a line's number, not a quantity.)
      const bool line_number = IsNumberedLine(ctx.t, item.start, item.end);
      uint32_t start = item.quoted || line_number ? item.start : ctx.SkipQuantityPrefix(item.start, item.end);
      // 3届华商聚云南: the editions held are no part of the name.
      uint32_t digits = start;
      while (digits < item.end && IsDigit(ctx.t[digits])) ++digits;
      if (digits > start && digits + 1 < item.end && (ctx.t[digits] == U'届' || ctx.t[digits] == U'次')) start = digits + 1;
      const bool short_name = short_names &&
                              (item.end == i || ctx.t[item.end] == U'、' || ctx.t[item.end] == U'和' || ctx.t[item.end] == U'及') &&
                              !ctx.HasRegionIn(start, item.end);
      if (start < item.end)
        AddItem(ctx, start, item.end, item.quoted, cue_def, mates, short_name, cue_word_start, cue_word_end,
                list_named_with_cue && item.quoted);
    }
  }
}

}  // namespace policykg::extract::rules
