#include <algorithm>

#include "extract/rules/rules.h"
#include "text/normalize.h"

namespace policykg::extract::rules {

using std::string_view_literals::operator""sv;

using lexicon::Trie;

namespace {

constexpr uint32_t kMaxCountedItem = 8;  // letters of an item of a counted list (辽西风光, 全域水患治理)

// 海上风电、沿海核电、辽西风光、储能四大千万千瓦级清洁能源基地; 城市生命线、全域水患治理、城乡安居三大
// 工程: when the count [count, count_end) in the headed name `c` is the number of the items set off by
// 、 before it and in it, each item shares what follows the count (海上风电千万千瓦级清洁能源基地), and
// the headed name is its last item without the count (城乡安居工程). The list opens after a verb or a
// break; an item is 2 to kMaxCountedItem letters without a boundary word, not only generic words
// unless the shared tail is long.
// Adds the items to `extra`, changes `c`, and returns true when it applies.
bool SharesCountedTail(const SentenceContext& ctx, Candidate& c, uint32_t count, uint32_t count_end,
                       std::vector<Candidate>& extra) {
  const int items = ChineseNumeralValue(ctx.t[count]);
  if (items < 2 || count - c.start < 2 || c.borrowed_head_end > c.borrowed_head_start || c.prefix_end > c.prefix_start)
    return false;
  std::vector<std::pair<uint32_t, uint32_t>> spans;
  uint32_t end = c.start;
  for (int k = 1; k < items; ++k) {
    if (end <= ctx.s + 1 || ctx.t[end - 1] != U'、') return false;
    const uint32_t item_end = end - 1;
    uint32_t start = item_end, len = 0;
    while (start > ctx.s && ctx.t[start - 1] != U'、' && !IsNameBreak(ctx.t[start - 1]) && item_end - start <= kMaxCountedItem &&
           !ctx.BoundaryEndsAt(start, ctx.s, &len))
      --start;
    // (Sector words are items when the tail they share is long: 海上风电 + 千万千瓦级清洁能源基地.)
    if (item_end - start < 2 || item_end - start > kMaxCountedItem ||
        (c.end - count_end < 4 && ctx.IsGenericModifier(start, item_end)) ||
        ctx.ContainsWord(ctx.lex.boundary_words, start, item_end))
      return false;
    spans.emplace_back(start, item_end);
    end = start;
  }
  // The first item opens the list: after a break or a verb (a boundary word: 建设, 实施), not after
  // another item or inside a longer phrase.
  uint32_t opener = 0;
  if (end > ctx.s && !IsNameBreak(ctx.t[end - 1]) && !ctx.BoundaryEndsAt(end, ctx.s, &opener)) return false;
  for (const auto& [start, item_end] : spans) {
    Candidate shared = c;
    // An item's last words and the tail may make a longer head that types it (全域水患治理 + 工程:
    // 治理工程, a Project).
    std::u32string joined(ctx.t.begin() + start, ctx.t.begin() + item_end);
    joined.append(ctx.t.begin() + count_end, ctx.t.begin() + c.end);
    const auto whole = ctx.lex.heads_reversed.LongestEndingAt(joined, joined.size());
    if (whole.length > c.end - c.head_start) shared.type = &ctx.lex.lex().heads[whole.value].type;
    shared.start = start;
    shared.end = item_end;
    shared.head_start = item_end;
    shared.rule = "entity.shared_head";
    shared.generic = false;
    shared.borrowed_head_start = count_end;
    shared.borrowed_head_end = c.end;
    extra.push_back(shared);
  }
  c.borrowed_head_start = count_end;
  c.borrowed_head_end = c.end;
  c.end = count;
  c.head_start = count;
  return true;
}

}  // namespace

// entity.shared_head: 金凤、嘉陵江、明月湖实验室 — bare items before a headed name share its head and
// the generic words before it (贺兰山、六盘山国家公园 → 贺兰山国家公园).
void EntitySharedHead(SentenceContext& ctx) {
  const uint32_t s = ctx.s;
  std::vector<Candidate>& extra = ctx.shared_candidates;
  std::vector<Candidate>& cands = ctx.candidates;
  extra.clear();
  for (auto& c : cands) {
    // 喀什和霍尔果斯经济开发区: 和 joins two places sharing a head (checked below: place items only).
    const bool joined_by_and = c.start > s && ctx.t[c.start - 1] == U'和';
    if (c.rule != "entity.head"sv || c.generic || c.start <= s || (ctx.t[c.start - 1] != U'、' && !joined_by_and))
      continue;
    // A head that needs a place (港) inside a longer name from the same start (湛江临港经济区) lends
    // nothing: the longer name's head is shared (汕头、湛江临港经济区 → 汕头临港经济区).
    const auto own_head = ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), c.end), c.end);
    if (own_head.length > 0 && ctx.lex.lex().heads[own_head.value].needs_place &&
        std::any_of(cands.begin(), cands.end(), [&](const Candidate& o) {
          return o.rule == "entity.head"sv && o.start == c.start && o.end > c.end && !o.generic;
        }))
      continue;
    // A bracketed place in the name (中欧(保亭)绿色数字创新合作区) makes it one place's own: it lends
    // nothing to the items before it (“无废岛”).
    if (std::find(ctx.t.begin() + c.start, ctx.t.begin() + c.head_start, U'(') != ctx.t.begin() + c.head_start)
      continue;
    // 贺兰山、六盘山国家公园: the items share the generic words before the head too (国家公园).
    uint32_t borrow = c.head_start;
    // 郑渝、西十高铁: two place letters are the name, not a count (十) and generic words.
    const bool letters = c.head_start - c.start == 2 && ctx.PlaceLettersIn(c.start, c.head_start);
    // (Not after one letter: 强科技、强工业、强基础行动 share 行动 only; 基础 is no shared generic word.)
    for (uint32_t k = c.start + 2; k < c.head_start && !letters; ++k) {
      if (ctx.IsGenericModifier(k, c.head_start)) {
        borrow = k;
        break;
      }
    }
    // 格尔木东、海南清洁能源基地: after a place that opens the name, the items share all of the rest
    // (格尔木东清洁能源基地), when they are places too (a region, or one and a direction).
    // A size word (大型) describes the headed name's own thing, not the items' (德厚、阿岗、车马碧大型水库
    // → 德厚水库).
    if (const uint32_t size = ctx.lex.size_words.LongestAt(std::u32string_view(ctx.t.data(), c.head_start), borrow).length;
        size > 0 && borrow + size <= c.head_start)
      borrow += size;
    // (A region's name that runs on into a lake's or a mountain's, 青海湖, 黄山岭, opens no place.)
    const uint32_t place = ctx.MatchRegionAt(c.start, c.head_start).length;
    const bool place_led =
        place > 0 && c.start + place < borrow &&
        U"湖山河江岛峰岭"sv.find(ctx.t[c.start + place]) == std::u32string_view::npos;
    if (place_led) borrow = c.start + place;
    const bool verb_named = own_head.length > 0 && ctx.lex.lex().heads[own_head.value].verb_named;
    if (joined_by_and && !place_led && !verb_named) continue;
    // A head that needs a quoted nickname lends itself to no item (安全生产、“两不一欠”专项整治).
    if (own_head.length > 0 && ctx.lex.lex().heads[own_head.value].needs_quote) continue;
    uint32_t modifier = borrow - c.start;
    // A head that needs a place lends itself only to places (林长制、新安江生态补偿机制: no 林长制…).
    const bool needs_place = own_head.length > 0 && ctx.lex.lex().heads[own_head.value].needs_place;
    // A verb item takes the generic words before the head (安全生产治本攻坚、…强基三年行动 → …三年行动),
    // not a verb of the last item (钾盐高效利用、…高值化利用工程 → 钾盐高效利用工程) …
    bool verb_borrowed = false;
    for (uint32_t len = 2; len <= 4 && borrow + len <= c.head_start && !verb_borrowed; ++len)
      verb_borrowed = ctx.WordEndingAt(ctx.lex.plan_name_verbs_reversed, borrow + len, borrow) == len;
    // … nor does any item take a count of the list (城市生命线、全域水患治理、城乡安居三大工程 → 全域水患治理工程).
    const bool count_borrowed = ctx.KindCountLength(borrow, c.head_start) > 0;
    // (A count anywhere in the modifier may count the items: 储能四大千万千瓦级清洁能源基地.)
    bool counted_tail = false;
    for (uint32_t k = c.start + 2; k + 1 < c.head_start && !counted_tail; ++k) {
      if (ctx.hit_at[k - s] >= 0) continue;
      if (const uint32_t len = ctx.KindCountLength(k, c.head_start); len > 0)
        counted_tail = SharesCountedTail(ctx, c, k, k + 1 + len, extra);
    }
    if (counted_tail) continue;
    // (Items that end in such a verb may be longer: they name a programme each.)
    constexpr uint32_t kMaxVerbItem = 10;
    if (modifier > (verb_named ? kMaxVerbItem : kMaxSharedHeadItem)) continue;
    uint32_t item_end = c.start - 1;
    while (item_end > s) {
      uint32_t item_start = item_end;
      // 实施钾盐高效利用、锂盐量质提升、镁盐创新突破、稀散元素高值化利用工程: before a head flagged
      // verb_named, an item may end in a verb of plan_name_verbs, as the headed name may.
      const auto own_verb = [&](uint32_t at, uint32_t len) {
        return at == item_end && verb_named &&
               ctx.WordEndingAt(ctx.lex.plan_name_verbs_reversed, at, s) == len;
      };
      bool read_verb = false;
      // (和 before the first item ends the list: …提升和绿电、绿氢、电能替代行动 lends nothing to 和绿电.)
      while (item_start > s && ctx.t[item_start - 1] != U'、' &&
             !IsNameBreak(ctx.t[item_start - 1]) && !(ctx.t[item_start - 1] == U'和' && ctx.HitAround(item_start - 1) < 0)) {
        uint32_t len = 0;
        if (ctx.BoundaryEndsAt(item_start, s, &len)) {
          if (!own_verb(item_start, len)) break;
          item_start -= len;
          read_verb = true;
          continue;
        }
        --item_start;
      }
      // 自由贸易试验区哈尔滨、黑河、绥芬河片区: the first item is the place right after another name's
      // head (any head, one that needs a place too), or after 和 there (西安东站和府谷、定边机场); it
      // starts there, and the list ends with it.
      bool after_head = false;
      for (uint32_t p = item_end - 1; p > item_start; --p) {
        if (ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), p), p).length > 0) {
          const uint32_t from = ctx.t[p] == U'和' && p + 1 < item_end ? p + 1 : p;
          after_head = ctx.IsWholeRegion(from, item_end);
          if (after_head) item_start = from;
          break;
        }
      }
      uint32_t len = item_end - item_start;
      // A place item shares the head only when the headed name is a place and the head too
      // (杭州、宁波、温州机场; 中老泰、中越国际班列品牌).
      // A place item: a region, or a region and a direction (格尔木东).
      const uint32_t item_place = place_led ? ctx.MatchRegionAt(item_start, item_end).length : 0;
      const bool place_item =
          item_place > 0 &&
          (item_place == item_end - item_start ||
           (item_place + 1 == item_end - item_start &&
            U"东西南北中"sv.find(ctx.t[item_end - 1]) != std::u32string_view::npos));
      // 湘琼、粤琼、深儋合作产业园: blends share the head too.
      const int32_t item_hit = ctx.hit_at[item_start - s];
      const bool blend_item = item_hit >= 0 && ctx.hits[item_hit].blend && ctx.hits[item_hit].start == item_start &&
                              ctx.hits[item_hit].end == item_end && ctx.hits[item_hit].regions.size() >= 2;
      // 世界500强对话湖北、世界大健康博览会: one letter before a region that ends the item is the tail
      // of a longer word, not a bare name (话湖北; 渝东北、渝东南迈入高铁时代).
      const int32_t tail_hit = ctx.hit_at[item_start + 1 - s];
      const bool region_tail = ctx.hit_at[item_start - s] < 0 && tail_hit >= 0 &&
                               ctx.hits[tail_hit].start == item_start + 1 && ctx.hits[tail_hit].end == item_end;
      // (A verb item names what it works on, two letters or more: not 提升 of 饲草料供给提升.)
      const uint32_t item_verb = verb_named ? ctx.WordEndingAt(ctx.lex.plan_name_verbs_reversed, item_end, item_start) : 0;
      const bool verb_item = item_verb > 0 && item_end - item_start >= item_verb + 2;
      // (Other items keep to the short names they always had: 餐饮、住宿… shares nothing.)
      const uint32_t max_item = verb_item ? kMaxVerbItem : modifier <= kMaxSharedHeadItem && !read_verb ? modifier : 0;
      bool bare = !region_tail && len >= 2 && (len <= max_item || place_item) &&
                  len <= (verb_item ? kMaxVerbItem : kMaxSharedHeadItem) &&
                  (!place_led || place_item) &&
                  !ctx.ContainsHead(item_start, item_end) &&
                  (!ctx.IsWholeRegion(item_start, item_end) || ctx.IsWholeRegion(c.start, borrow) || blend_item) &&
                  !ctx.IsGenericModifier(item_start, item_end);
      if (needs_place && !ctx.IsWholeRegion(item_start, item_end)) bare = false;
      // 西部大开发战略实施30周年、长江经济带发展战略: what a number opens counts, it names nothing.
      if (item_start > s && (IsDigit(ctx.t[item_start - 1]) || IsChineseNumeral(ctx.t[item_start - 1]))) bare = false;
      // 精准实施医疗卫生强基和康复护理扩容提升工程: after 和, a verb item that a plan verb opens.
      const bool and_verb_item = joined_by_and && verb_item && ctx.WordEndingAt(ctx.lex.plan_verbs_reversed, item_start, s) > 0;
      if (!bare || (joined_by_and && !place_item && !and_verb_item)) break;
      Candidate shared = c;
      shared.start = item_start;
      shared.end = item_end;
      shared.head_start = item_end;
      shared.rule = "entity.shared_head";
      shared.borrowed_head_start = (verb_item && verb_borrowed) || count_borrowed ? c.head_start : borrow;
      shared.borrowed_head_end = c.end;
      // A verb item's verb and the head may make a head of their own that types it (全域水患治理、…
      // 工程: 治理工程, a Project).
      if (verb_item) {
        std::u32string joined(ctx.t.begin() + (item_end - item_verb), ctx.t.begin() + item_end);
        joined.append(ctx.t.begin() + c.head_start, ctx.t.begin() + c.end);
        const auto whole = ctx.lex.heads_reversed.LongestEndingAt(joined, joined.size());
        if (whole.length > c.end - c.head_start) shared.type = &ctx.lex.lex().heads[whole.value].type;
      }
      extra.push_back(shared);
      if (!after_head && item_start > s && ctx.t[item_start - 1] == U'、') {
        item_end = item_start - 1;
      } else {
        break;
      }
    }
  }
  // 实施外贸规模和主体倍增工程, 开展夏季避暑和冬季冰雪旅游百日行动: when a plan verb runs both
  // conjuncts and the first is a bare noun phrase (no head, no verb: no programme of its own, as
  // 产业基础再造 or 医疗卫生强基 would be), 和 joins them inside one programme's name.
  for (auto& c : cands) {
    if (c.rule != "entity.head"sv || c.generic || c.start <= s + 2 || ctx.t[c.start - 1] != U'和' ||
        ctx.HitAround(c.start - 1) >= 0)
      continue;
    const auto own_head = ctx.lex.heads_reversed.LongestEndingAt(std::u32string_view(ctx.t.data(), c.end), c.end);
    // (… a programme's, or a zone's: 加快建设文化和科技产业融合发展试验区)
    if (own_head.length == 0 ||
        !(ctx.lex.lex().heads[own_head.value].verb_named || ctx.lex.lex().heads[own_head.value].type == "Platform"sv))
      continue;
    if (std::any_of(extra.begin(), extra.end(), [&](const Candidate& o) { return o.end == c.start - 1; })) continue;
    constexpr uint32_t kMaxConjunct = 12;
    uint32_t left = c.start - 1;
    bool found = false;
    while (left > s && c.start - 1 - left <= kMaxConjunct) {
      if (left < c.start - 1 && ctx.WordEndingAt(ctx.lex.plan_verbs_reversed, left, s) > 0) {
        found = true;
        break;
      }
      const char32_t ch = ctx.t[left - 1];
      if (IsNameBreak(ch) || ch == U'、' || ch == U'和' || IsOpenQuote(ch) || IsCloseQuote(ch)) break;
      if (uint32_t len = 0; ctx.BoundaryEndsAt(left, s, &len) && len >= 2) break;
      --left;
    }
    // (A short conjunct only, not a national one: 国家节水和…控水行动 and 产业基础再造和…攻关工程 are two
    // national programmes each.)
    constexpr uint32_t kMaxBareConjunct = 4;
    const std::u32string_view conjunct(ctx.t.data() + left, c.start - 1 - left);
    if (!found || conjunct.size() < 2 || conjunct.size() > kMaxBareConjunct ||
        conjunct.starts_with(U"国家"sv) || conjunct.starts_with(U"全国"sv) ||
        ctx.IsWholeRegion(left, c.start - 1) ||
        ctx.ContainsWord(ctx.lex.evaluative_words, left, c.start - 1) ||
        ctx.ContainsHead(left, c.start - 1) ||
        ctx.ContainsWord(ctx.lex.build_suffixes, left, c.start - 1))
      continue;
    bool verb = false;
    for (uint32_t q = left + 2; q <= c.start - 1 && !verb; ++q)
      verb = ctx.WordEndingAt(ctx.lex.plan_name_verbs_reversed, q, left) > 0;
    if (verb) continue;
    c.start = left;
  }
  cands.insert(cands.end(), extra.begin(), extra.end());
}

}  // namespace policykg::extract::rules
