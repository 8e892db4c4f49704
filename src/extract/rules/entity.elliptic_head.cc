// entity.elliptic_head: list items before 等 or a count and a head phrase they share (推进防城港30万吨级、
// 南宁至贵港一级等航道建设; 续建黄桶至百色、合浦至湛江等7个铁路项目; 南山口、哇让、同德4个抽水蓄能电站)
// each name one thing: the item and the head phrase (防城港30万吨级航道, 黄桶至百色铁路, 同德抽水蓄能电站),
// typed by the head. Items with a head of their own, generic items (交通、水利等重大项目) and, unless
// the head is built (Project, Facility), items that are only a place are left out.
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

using lexicon::Trie;

namespace {

// Items sharing a head run a little longer than other list items (阿克塞生态保护及城乡供水一体化、…等工程).
constexpr uint32_t kMaxEllipticItem = kMaxEnumerationItem + 2;
// … and longer by quoted place letters that open them (“汉孝随襄十”新能源与智能网联汽车).
constexpr uint32_t kMaxQuotedLetters = 7;

// True when [start, end) is a route between two places: two words of two letters or more joined by 至,
// one of them a place name at the item's edge (西安至永寿; 小柴旦湖至老茫崖, which ends in 茫崖), no
// other place or boundary word before 至 (not 改扩建西安至永寿: the verb is no part of the route).
bool IsRouteItem(const SentenceContext& ctx, uint32_t start, uint32_t end) {
  for (uint32_t k = start + 2; k < end; ++k) {
    if (ctx.t[k] != U'至') continue;
    if (end - k < 3) return false;
    const int32_t first = ctx.hit_at[start - ctx.s];
    const bool opens = first >= 0 && ctx.hits[first].start == start && ctx.hits[first].end <= k;
    for (uint32_t q = start + 1; q < k; ++q) {
      const int32_t h = ctx.hit_at[q - ctx.s];
      if (h >= 0 && h != first) return false;
    }
    uint32_t boundary = 0;
    for (uint32_t q = start + 1; q <= k; ++q) {
      if (ctx.BoundaryEndsAt(q, start, &boundary) && boundary >= 2) return false;
    }
    const int32_t last = ctx.hit_at[end - 1 - ctx.s];
    const bool closes = last >= 0 && ctx.hits[last].end == end && ctx.hits[last].start > k;
    return opens || closes;
  }
  return false;
}

// True when [start, end) is a phase of works: it ends in 一期, 二期 … or 2期 and names works (words.json
// works_words: 水资源, 灌溉, 引水 …): 柴达木盆地水资源配置一期, 粮食产能提升灌溉一期.
bool IsPhasedItem(const SentenceContext& ctx, uint32_t start, uint32_t end) {
  return end >= start + 4 && ctx.t[end - 1] == U'期' &&
         (IsChineseNumeral(ctx.t[end - 2]) || IsDigit(ctx.t[end - 2])) && ctx.NamesWorks(start, end - 2);
}

// The phrase ending in a head (heads.json) that starts at `pos`, after an optional count (7个,
// 两条): the longest head right there (等高速公路项目 → 高速公路), else the shortest modifier and
// head of a built thing or lab (等水电站 → 水电站). -1 when none or weak; a weak head that takes
// abbreviations (高速, 城际: words.json abbreviation_heads) only for items that are place letters
// (本桓宽、凌绥、台黑4条高速) or routes between two places, said by *letters_only; another weak head of
// works (公路) only for routes (尖扎至贵德、同德至玛沁等公路), said by *routes_only. Sets
// [*head_start, *head_end) to the phrase.
int32_t HeadAfterDeng(const SentenceContext& ctx, uint32_t pos, uint32_t* head_start, uint32_t* head_end,
                      bool* places_only, bool* letters_only, bool* routes_only) {
  *places_only = false;
  *letters_only = false;
  *routes_only = false;
  const uint32_t e = ctx.e;
  const std::u32string_view view(ctx.t.data(), e);
  uint32_t p = pos;
  while (p < e && (IsDigit(ctx.t[p]) || IsChineseNumeral(ctx.t[p]))) ++p;
  if (p > pos) {
    const uint32_t counter = ctx.lex.counters.LongestAt(view, p).length;
    if (counter > 0) {
      p += counter;
    } else if (IsDigit(ctx.t[pos])) {
      return -1;
    } else {
      p = pos;  // a numeral letter that opens a word (多式联运), not a count
    }
  }
  // The head closes its phrase, or a category follows (等7个铁路项目, 等航道建设).
  auto closes = [&](uint32_t end) {
    const uint32_t next = std::min(end + 2, e);
    return ctx.CanEndName(end, e) || ctx.PhraseEndsAt(end, e) ||
           ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), next), next).length == 2;
  };
  // A weak head (项目, 平台: words.json weak_heads) after 等 is a category of the items, not their head.
  auto usable = [&](int32_t head) { return !ctx.lex.head_is_weak[head]; };
  // A grade between 等 and a platform's head is the class's (南京东路、陆家嘴等重点商圈 → 南京东路商圈, as
  // after 等商圈: words.json grade_words).
  const uint32_t graded = p + ctx.lex.grade_words.LongestAt(view, p).length;
  for (uint32_t len = 6; len >= 2; --len) {  // the longest head starting at p
    if (graded > p && graded + len <= e) {
      const Trie::Match m =
          ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), graded + len), graded + len);
      const bool platform = m.length == len && ctx.lex.lex().heads[m.value].type == "Platform"sv;
      if (platform && closes(graded + len) && usable(m.value) && !ctx.lex.lex().heads[m.value].needs_place &&
          !ctx.lex.lex().heads[m.value].needs_quote) {
        *head_start = graded;
        *head_end = graded + len;
        return m.value;
      }
    }
    if (p + len > e) continue;
    const Trie::Match m = ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), p + len), p + len);
    if (m.length != len || !closes(p + len)) continue;
    const auto& head = ctx.lex.lex().heads[m.value];
    // A head that needs a place in the name (一体化, 港) names no item of a list (政务云、政务网等一体化);
    // nor does one that needs a quoted nickname (非法处置固体废物、重金属污染等专项整治).
    if (head.needs_place || head.needs_quote) return -1;
    const bool works = head.type == "Project"sv && head.phase_type == "Project"sv;
    if (!usable(m.value) && !ctx.lex.head_takes_abbreviation[m.value] && !works) return -1;
    *letters_only = !usable(m.value) && ctx.lex.head_takes_abbreviation[m.value];
    *routes_only = !usable(m.value) && !*letters_only;
    *head_start = p;
    *head_end = p + len;
    return m.value;
  }
  // A modifier before the head, for built things and labs (等水电站, 4个抽水蓄能电站, 等重点实验室);
  // before a platform or institution head only for items that are places (合川渭沱、乌江彭水等多式联运
  // 枢纽): otherwise it names a class (等产业集群, 等专项行动).
  constexpr uint32_t kMaxPhrase = 10;
  // The phrase runs to a name break or boundary word; of the heads in it, the one ending last (等国家
  // 考古遗址公园: 公园, not 遗址).
  uint32_t limit = 0;  // 0: no phrase of three characters or more
  for (uint32_t end = p + 1; end <= e && end <= p + kMaxPhrase; ++end) {
    uint32_t boundary = 0;
    // Digits belong to the phrase (等14个750千伏电网工程); a clause break right after the count
    // ends it (…3位，通高速公路的县: no phrase).
    if ((IsNameBreak(ctx.t[end - 1]) && !IsDigit(ctx.t[end - 1])) || ctx.BoundaryEndsAt(end, p, &boundary)) break;
    if (end >= p + 3) limit = end;
  }
  for (uint32_t end = limit; limit > 0 && end >= p + 3; --end) {
    const Trie::Match m = ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), end), end);
    if (m.length < 2 || end - m.length <= p || !closes(end)) continue;
    const std::string& type = ctx.lex.lex().heads[m.value].type;
    if (!usable(m.value)) continue;  // 等抽水蓄能电站项目: the weak head is the category
    // (… and a base of any type, whose items are mostly kinds of produce: 长寿食品、中药材等原料生产基地.)
    const std::u32string_view head_text(ctx.t.data() + end - m.length, m.length);
    if (!(type == "Project"sv || type == "Facility"sv || type == "Lab"sv) ||
        head_text.ends_with(U"基地"sv)) {
      if (type != "Platform"sv && type != "Institution"sv && type != "Project"sv) return -1;
      *places_only = true;
    }
    // A size word opening the phrase describes the class, not each item (乌东德、白鹤滩等14座大中型
    // 水电站 → 乌东德水电站: words.json size_words).
    const uint32_t size = ctx.lex.size_words.LongestAt(std::u32string_view(ctx.t.data(), e), p).length;
    *head_start = size > 0 && p + size <= end - m.length ? p + size : p;
    // … and so does the report's own region (金凤、嘉陵江、明月湖3个重庆实验室 → 金凤实验室: a
    // 重庆实验室 is the class, as the reference annotation names them).
    if (const int32_t k = ctx.hit_at[*head_start - ctx.s];
        k >= 0 && ctx.hits[k].start == *head_start && ctx.hits[k].end <= end - m.length && ctx.hits[k].regions.size() == 1 &&
        ctx.hits[k].regions[0] == ctx.out.document_region)
      *head_start = ctx.hits[k].end;
    // … and so does the grade letter of a province's or city's own labs (长白山、三江、吉光3个省实验室 →
    // 长白山实验室).
    if (type == "Lab"sv && end - m.length == *head_start + 1 && (ctx.t[*head_start] == U'省' || ctx.t[*head_start] == U'市'))
      ++*head_start;
    *head_end = end;
    return m.value;
  }
  return -1;
}

// The items of the list that ends at `list_end`, each with the shared head phrase: a list needs two
// items at least, joined by 、 (和, 及 between items too: 敦牡和四梅集扩能等铁路项目).
void TakeList(SentenceContext& ctx, uint32_t list_end, int32_t head, uint32_t head_start, uint32_t head_end,
              bool places_only, bool letters_only, bool routes_only) {
  // A segment in brackets after the shared head belongs to every item (长征、黄河、长江等国家文化公园
  // (四川段) → 长征国家文化公园(四川段) …).
  if (head_end < ctx.e && ctx.t[head_end] == U'(') {
    uint32_t close = head_end + 1;
    while (close < ctx.e && close - head_end <= 10 && ctx.t[close] != U')' && !IsNameBreak(ctx.t[close])) ++close;
    if (close < ctx.e && ctx.t[close] == U')' && ctx.t[close - 1] == U'段') head_end = close + 1;
  }
  const auto& h = ctx.lex.lex().heads[head];
  // A place alone names a site for a built thing (同德、德令哈4个抽水蓄能电站) and in a counted list
  // (呼和浩特、鄂尔多斯、满洲里3个综保区), not in a list before 等 (广州、深圳等国家物流枢纽城市).
  const bool site = h.type == "Project"sv || h.type == "Facility"sv || ctx.t[list_end] != U'等';
  // …等工程建成通水, …等工程开工建设: works being built are projects, whatever the head's type.
  const std::string* type = &h.type;
  // (… and so are facilities with phases being built: 大地湾、锁阳城等国家考古遗址公园建设.)
  if ((h.type == "Plan"sv || h.phase_type == "Project"sv) &&
      ctx.lex.build_suffixes.LongestAt(std::u32string_view(ctx.t.data(), ctx.e), head_end).length > 0) {
    if (const schema::EntityType* project = ctx.lex.types.project) type = &project->name;
  }
  const uint32_t clause = ctx.ClauseStart(list_end);
  std::vector<Candidate> items;
  uint32_t item_end = list_end;
  bool separated = false;  // at least two items joined by 、
  bool mixed = false;      // an item has a head of its own
  // 和 inside a region name (呼和浩特) separates nothing, nor 及 in a list set off by 、
  // (阿克塞生态保护及城乡供水一体化、…等工程).
  auto is_separator = [&](uint32_t k) {
    return ctx.t[k] == U'、' ||
           (ctx.t[k] == U'和' && ctx.hit_at[k - ctx.s] < 0) || (ctx.t[k] == U'及' && !separated);
  };
  for (int guard = 0; guard < 12 && item_end > clause; ++guard) {
    // An item runs back to a separator, a clause break or a boundary word; a one-letter boundary
    // word (让 in 哇让) stops it only when no separator closes the item before a longer one.
    auto scan = [&](bool one_letter_stops) {
      uint32_t start = item_end, boundary = 0;
      while (start > clause && !is_separator(start - 1) && !IsClauseBreak(ctx.t[start - 1]) &&
             !(ctx.BoundaryEndsAt(start, clause, &boundary) && (one_letter_stops || boundary > 1)) &&
             item_end - start <= kMaxEllipticItem + kMaxQuotedLetters) {
        // 深化与苏州、崖州湾等国家实验室合作: 与 after a verb is a preposition (but 肿瘤与代谢 is one item).
        if (ctx.t[start - 1] == U'与' && start - 1 > clause && ctx.BoundaryEndsAt(start - 1, clause, &boundary)) break;
        --start;
      }
      return start;
    };
    // A stage word that closes the item (景电二期提质增效: words.json build_suffixes) is part of it.
    const uint32_t full_end = item_end;
    {
      const std::u32string_view view(ctx.t.data(), item_end);
      for (uint32_t k = item_end >= clause + 6 ? item_end - 4 : item_end; k + 2 <= item_end; ++k) {
        if (ctx.lex.build_suffixes.LongestAt(view, k).length == item_end - k) {
          item_end = k;
          break;
        }
      }
    }
    uint32_t item_start = scan(false);
    if (!(item_start > clause && is_separator(item_start - 1))) item_start = scan(true);
    item_end = full_end;
    const uint32_t len = item_end - item_start;
    // An item with a head of its own (榆安大型灌区) is named by entity.head; the list goes on.
    if (len >= 2 && len <= kMaxEllipticItem && ctx.ContainsHead(item_start, item_end) &&
        item_start > clause && is_separator(item_start - 1)) {
      // (… and an item with a head of its own joined by 和 makes a list: 推进潮白河综合治理和二道河水库等
      // 重点水利工程建设.)
      separated = separated || ctx.t[item_start - 1] == U'、' || ctx.t[item_start - 1] == U'和';
      mixed = true;
      item_end = item_start - 1;
      continue;
    }
    // An item may open with quoted place letters and go on with its sector (“武鄂黄黄咸”光电子信息、
    // “宜荆荆襄”新能源新材料等产业走廊).
    bool quoted_letters = false;
    if (IsOpenQuote(ctx.t[item_start])) {
      uint32_t close = item_start + 1;
      while (close < item_end && !IsCloseQuote(ctx.t[close])) ++close;
      quoted_letters = close + 2 < item_end && close - item_start - 1 >= 2 && close - item_start - 1 <= 5 &&
                       ctx.PlaceLettersIn(item_start + 1, close);
    }
    const bool named = len >= 2 && len <= kMaxEllipticItem + (quoted_letters ? kMaxQuotedLetters : 0) &&
                       !ctx.ContainsHead(item_start, item_end) &&
                       (site || !ctx.IsWholeRegion(item_start, item_end)) &&
                       !ctx.IsGenericModifier(item_start, item_end) &&
                       (!IsOpenQuote(ctx.t[item_start]) || quoted_letters) && !IsCloseQuote(ctx.t[item_end - 1]);
    const bool place = !places_only || quoted_letters || ctx.HasRegionIn(item_start, item_end);
    // 昌吉、伊犁河谷等玉米制种基地: a list with a bare region before a platform's head names a class.
    if (places_only && ctx.IsWholeRegion(item_start, item_end)) return;
    if (!named || !place) break;
    // Before a weak head, an item is a route between two places (西安至永寿) or, for a head that takes
    // abbreviations, two to four place letters, with a stage after them (京哈改扩建).
    const bool route = IsRouteItem(ctx, item_start, item_end);
    if (routes_only && !route) break;
    if (letters_only && !route) {
      uint32_t core_end = item_end;
      const std::u32string_view view(ctx.t.data(), item_end);
      for (uint32_t k = item_start + 2; k < item_end; ++k) {
        if (ctx.lex.stage_suffixes.LongestAt(view, k).length == item_end - k) {
          core_end = k;
          break;
        }
      }
      if (core_end - item_start > 4 || !ctx.PlaceLettersIn(item_start, core_end)) break;
    }
    // …工程 of items that name works are Projects (实施淮河入海水道二期、吴淞江江苏段整治等工程).
    const std::string* item_type = type;
    if (*type == "Plan"sv && ctx.NamesWorks(item_start, item_end)) {
      if (const schema::EntityType* project = ctx.lex.types.project) item_type = &project->name;
    }
    Candidate c{item_start, item_end, item_end, item_type, "entity.elliptic_head"};
    c.borrowed_head_start = head_start;
    c.borrowed_head_end = head_end;
    // The head goes before a bracketed segment (贵阳至北海(南宁至北海段)) or a stage (四梅集扩能) that
    // ends the item: 贵阳至北海高速公路(南宁至北海段), 四梅集铁路扩能.
    if (ctx.t[item_end - 1] == U')') {
      for (uint32_t k = item_end - 1; k > item_start + 1; --k) {
        if (ctx.t[k] == U'(') {
          c.head_insert = k;
          break;
        }
      }
    } else {
      const std::u32string_view view(ctx.t.data(), item_end);
      for (uint32_t k = item_start + 2; k < item_end && c.head_insert == 0; ++k) {
        if (ctx.lex.stage_suffixes.LongestAt(view, k).length == item_end - k) c.head_insert = k;
      }
    }
    items.push_back(c);
    // A verb that opens a listed item is that item's (开工周至至乾县、改扩建西安至永寿等高速公路): the list
    // goes on before it.
    uint32_t verb = 0;
    if (item_start > clause && !is_separator(item_start - 1) && ctx.BoundaryEndsAt(item_start, clause, &verb) &&
        verb >= 2 && item_start - verb > clause + 1 && ctx.t[item_start - verb - 1] == U'、') {
      separated = true;
      item_end = item_start - verb - 1;
    } else if (item_start > clause && is_separator(item_start - 1)) {
      separated = separated || ctx.t[item_start - 1] == U'、';
      item_end = item_start - 1;
    } else {
      break;
    }
  }
  // One item before 等 is a category (交通等领域), not a list; but a route between two places is
  // named (改扩建西安至永寿等高速公路), and so is a phase of works (柴达木盆地水资源配置一期等引调水工程).
  const bool lone = !separated && items.size() == 1;
  const bool lone_phase = lone && IsPhasedItem(ctx, items[0].start, items[0].end);
  // … and so is a short name before 等 and a count of works (黄蒿界等6处煤矿 → 黄蒿界煤矿: one of six named),
  // when the head names works with phases (煤矿, 水库, 电站: heads.json phase_type) and the item is no
  // place and no generic words.
  const bool lone_counted = lone && ctx.t[list_end] == U'等' && ctx.CountEndAt(list_end + 1) > list_end + 1 &&
                            !h.phase_type.empty() && items[0].end - items[0].start >= 2 &&
                            items[0].end - items[0].start <= 4 && !ctx.IsGenericModifier(items[0].start, items[0].end) &&
                            ctx.FindRegions(items[0].start, items[0].end).empty();
  if (!separated && !(lone && (lone_phase || lone_counted || IsRouteItem(ctx, items[0].start, items[0].end)))) return;
  // 一批防汛抗旱、引水调水等重大水利工程: after a plural cue (words.json plural_cues), items that name
  // no place are kinds of works, not works.
  if (!items.empty() && !mixed && ctx.PluralCueEndsAt(items.back().start) &&
      std::none_of(items.begin(), items.end(),
                   [&](const Candidate& c) { return ctx.HasRegionIn(c.start, c.end); }))
    return;
  // 南渡江引水、红岭灌区、迈湾水利枢纽等9个重大水利工程: beside items with heads of their own the
  // phrase is the list's category; the others are named as written.
  // So is it beside a phase of works alone (柴达木盆地水资源配置一期等引调水工程 → 柴达木盆地水资源配置一期).
  if (mixed || lone_phase) {
    for (Candidate& c : items) c.borrowed_head_start = c.borrowed_head_end = c.head_insert = 0;
  }
  ctx.candidates.insert(ctx.candidates.end(), items.begin(), items.end());
}

// 毗河供水一期、武都引水二期等建成通水: with no head after 等 but a build word, items that each end
// in a phase (一期, 2期) are works being built, named as written: Projects. Two items at least, all
// of them phased, none with a boundary word or a head of its own.
void TakePhaseList(SentenceContext& ctx, uint32_t deng) {
  const schema::EntityType* project = ctx.lex.types.project;
  if (project == nullptr) return;
  const uint32_t clause = ctx.ClauseStart(deng);
  std::vector<Candidate> items;
  uint32_t item_end = deng;
  while (item_end > clause + 3) {
    uint32_t item_start = item_end;
    while (item_start > clause && ctx.t[item_start - 1] != U'、' && ctx.t[item_start - 1] != U'和' &&
           !IsClauseBreak(ctx.t[item_start - 1]) && item_end - item_start <= kMaxEllipticItem)
      --item_start;
    // The first item runs back to the verb that opens the list (推进A一期、B二期等建设).
    uint32_t boundary = 0;
    for (uint32_t q = item_start; q + 3 < item_end; ++q) {
      if (ctx.BoundaryEndsAt(q, clause, &boundary) && boundary >= 2) item_start = q;
    }
    const uint32_t len = item_end - item_start;
    const bool phased = len >= 4 && len <= kMaxEllipticItem && ctx.t[item_end - 1] == U'期' &&
                        (IsChineseNumeral(ctx.t[item_end - 2]) || IsDigit(ctx.t[item_end - 2]));
    if (!phased || ctx.ContainsHead(item_start, item_end)) return;
    // No boundary word of two characters or more outside the place names in it (都 in 武都 is no adverb).
    const std::u32string_view view(ctx.t.data(), item_end - 2);
    for (uint32_t q = item_start; q < item_end - 2; ++q) {
      if (const int32_t k = ctx.hit_at[q - ctx.s]; k >= 0) {
        q = std::max(q, ctx.hits[k].end - 1);
        continue;
      }
      if (ctx.lex.boundary_words.LongestAt(view, q).length >= 2) return;
    }
    items.push_back(Candidate{item_start, item_end, item_end, &project->name, "entity.elliptic_head"});
    if (item_start <= clause || (ctx.t[item_start - 1] != U'、' && ctx.t[item_start - 1] != U'和')) break;
    item_end = item_start - 1;
  }
  if (items.size() < 2) return;
  ctx.candidates.insert(ctx.candidates.end(), items.begin(), items.end());
}

}  // namespace

void EntityEllipticHead(SentenceContext& ctx) {
  const uint32_t s = ctx.s;
  for (const uint32_t i : ctx.enumeration_marks) {
    if (ctx.t[i] != U'等' || i <= s) continue;
    uint32_t head_start = 0, head_end = 0;
    bool places_only = false, letters_only = false, routes_only = false;
    const int32_t head = HeadAfterDeng(ctx, i + 1, &head_start, &head_end, &places_only, &letters_only, &routes_only);
    if (head >= 0) {
      TakeList(ctx, i, head, head_start, head_end, places_only, letters_only, routes_only);
    } else if (ctx.BuildWordAt(i + 1) > 0) {
      TakePhaseList(ctx, i);
    }
  }
  // Without 等, a count closes the list: 南山口、哇让、同德、德令哈4个抽水蓄能电站.
  const std::u32string_view view(ctx.t.data(), ctx.e);
  for (const uint32_t i : ctx.digits) {
    // (居全国第3位: a rank, not a count)
    if (i <= s + 2 || IsDigit(ctx.t[i - 1]) || ctx.t[i - 1] == U'.' || ctx.t[i - 1] == U'等' ||
        ctx.t[i - 1] == U'第' || IsNameBreak(ctx.t[i - 1]))
      continue;
    // Cheap tests first: a counter after the digits (4个), a 、 earlier in the clause.
    uint32_t after = i;
    while (after < ctx.e && IsDigit(ctx.t[after])) ++after;
    if (ctx.lex.counters.LongestAt(view, after).length == 0) continue;
    bool listed = false;
    for (uint32_t q = i; q > s && !listed && !IsClauseBreak(ctx.t[q - 1]); --q) listed = ctx.t[q - 1] == U'、';
    if (!listed) continue;
    uint32_t head_start = 0, head_end = 0;
    bool places_only = false, letters_only = false, routes_only = false;
    const int32_t head = HeadAfterDeng(ctx, i, &head_start, &head_end, &places_only, &letters_only, &routes_only);
    if (head >= 0 && head_start > i)
      TakeList(ctx, i, head, head_start, head_end, places_only, letters_only, routes_only);
  }
}

}  // namespace policykg::extract::rules
