// The shared state the extraction rules read and write: the document (text, layout, lexicon, the
// extraction being built) and the current sentence after its one scan (position lists, region
// hits with per-position indexes, clauses and cooperation cues, entity candidates), plus the text
// helpers rules share (NameStart, BoundaryEndsAt, IsGenericModifier, RegionListEndingAt, …).
// Buffers are reused from sentence to sentence; rules visit only the positions they need.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/document_extraction.h"
#include "lexicon/compiled_lexicon.h"
#include "text/layout.h"
#include "text/normalize.h"

namespace policykg::extract {

constexpr uint32_t kMaxNameLength = 26;      // code points before the head
constexpr uint32_t kMaxSoftExtension = 8;    // left part joined across 和/与/及
constexpr uint32_t kMaxEnumerationItem = 14;
constexpr uint32_t kMaxSharedHeadItem = 5;   // 金凤、嘉陵江、明月湖实验室
constexpr uint32_t kRejected = UINT32_MAX;   // NameStart: the phrase is a description, not a name

constexpr bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
inline bool IsCjk(char32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }
// A station's direction letter after a place (重庆东, 成都西).
inline bool IsDirectionLetter(char32_t c) { return c == U'东' || c == U'西' || c == U'南' || c == U'北'; }
// A place word a number counts (4县, 3县5乡): the number counts places, it is no code.
inline bool IsPlaceCounter(char32_t c) {
  constexpr std::u32string_view kPlaceCounters =
      U"县市区省州镇乡村";  // (its length known when compiled)
  return kPlaceCounters.find(c) != std::u32string_view::npos;
}
inline bool IsOpenQuote(char32_t c) { return c == U'“' || c == U'‘' || c == U'《' || c == U'「' || c == U'『'; }
constexpr bool IsCloseQuote(char32_t c) {
  return c == U'”' || c == U'’' || c == U'》' || c == U'」' || c == U'』';
}
// Punctuation that ends a clause: , ; : ! ? newline 。 and the full-width ，；： (which folding
// turns into ASCII). Tested at every position, so an ASCII character costs one bit test.
constexpr bool IsClauseBreak(char32_t c) {
  constexpr uint64_t kAsciiBreaks = (uint64_t{1} << ',') | (uint64_t{1} << ';') | (uint64_t{1} << ':') |
                                    (uint64_t{1} << '!') | (uint64_t{1} << '?') | (uint64_t{1} << '\n');
  if (c < 64) return (kAsciiBreaks >> c) & 1;
  return c == U'。' || (c >= U'，' && (c == U'，' || c == U'；' || c == U'：'));
}
// Characters that can never be inside a name.
inline bool IsNameBreak(char32_t c) {
  if (IsCjk(c)) return false;  // (most characters asked: none of them is a break)
  if (IsClauseBreak(c) || c == U'、' || c == U' ' || c == U'\t') return true;
  if (IsDigit(c)) return true;
  return c == U'…' || c == U'—' || c == U'/' || c == U'|' || c == U'[' || c == U']' || c == U'=' || c == U'.' ||
         c == U'%';
}
inline bool IsChineseNumeral(char32_t c) {
  // (The range of them all first: one test for most characters.)
  if (c < U'一' || c > U'百') return false;
  switch (c) {  // a switch, not a search of the list: this is asked at many positions
    case U'一': case U'二': case U'三': case U'四': case U'五': case U'六': case U'七': case U'八':
    case U'九': case U'十': case U'百': case U'千': case U'万': case U'两': case U'双': case U'多':
      return true;
    default:
      return false;
  }
}

// The value of a one-letter Chinese numeral (三 → 3, 两 → 2, 十 → 10), or 0.
inline int ChineseNumeralValue(char32_t c) {
  constexpr std::u32string_view kDigits = U"零一二三四五六七八九十";
  if (c == U'两') return 2;
  const size_t k = kDigits.find(c);
  return k == std::u32string_view::npos ? 0 : static_cast<int>(k);
}

// The position after a bracketed aside of at most six letters that opens at `pos` (（河南） in
// 中国（河南）—东盟粮农合作发展大会), or `pos` when none opens there.
inline uint32_t AfterBracketedAside(std::u32string_view t, uint32_t pos) {
  constexpr uint32_t kMaxAside = 6;
  if (pos >= t.size() || t[pos] != U'(') return pos;
  uint32_t close = pos + 1;
  while (close < t.size() && close - pos <= kMaxAside && t[close] != U')') ++close;
  return close < t.size() && t[close] == U')' ? close + 1 : pos;
}

// True when t[from, to) is a service number: five digits opening with 12 (12345热线, 12355青少年服务台).
inline bool IsServiceNumber(const std::u32string& t, uint32_t from, uint32_t to) {
  if (to - from != 5 || t[from] != U'1' || t[from + 1] != U'2') return false;
  for (uint32_t q = from; q < to; ++q) {
    if (!IsDigit(t[q])) return false;
  }
  return true;
}
// Where an amount of money written in digits that ends at `end` starts (75亿元, 1.5万元, 80余万元), not
// before `floor`; `end` when none ends there.
inline uint32_t MoneyStart(const std::u32string& t, uint32_t end, uint32_t floor) {
  if (end <= floor || t[end - 1] != U'元') return end;
  uint32_t q = end - 1;
  constexpr std::u32string_view kMagnitudes = U"万亿千百多余";
  while (q > floor && kMagnitudes.find(t[q - 1]) != std::u32string_view::npos) --q;
  const uint32_t digits_end = q;
  while (q > floor && (IsDigit(t[q - 1]) || t[q - 1] == U'.')) --q;
  return q < digits_end && IsDigit(t[digits_end - 1]) ? q : end;
}
// Ascending positions in a buffer that is reused from sentence to sentence: Reset sizes it for the
// most positions a sentence can add, so that Push needs no capacity check.
class PositionList {
 public:
  void Reset(size_t capacity) {
    if (buffer_.size() < capacity) buffer_.resize(capacity);
    end_ = buffer_.data();
  }
  void Push(uint32_t position) { *end_++ = position; }
  // Push(position) when `keep`, without a branch: the slot is written either way, so at most one
  // call per position of the Reset span.
  void PushIf(uint32_t position, bool keep) {
    *end_ = position;
    end_ += keep;
  }
  const uint32_t* begin() const { return buffer_.data(); }
  const uint32_t* end() const { return end_; }
  bool empty() const { return end_ == buffer_.data(); }

 private:
  std::vector<uint32_t> buffer_;
  uint32_t* end_ = nullptr;
};

// A region found in the sentence: a name, a listed blend, a run of province letters, or a city
// blend inside an entity name (gazetteer.name_blend).
struct RegionHit {
  uint32_t start, end;
  std::vector<int32_t> regions;
  bool blend;
  bool city_tier;
  size_t mention_begin;  // unused; kept for the layout of the hit list
  bool inside_name = false;
  const char* rule = "gazetteer.blend";  // the rule that read it (region_context.h for names)
};

// An entity candidate of the current sentence (plain data, sorted per sentence).
struct Candidate {
  uint32_t start, end, head_start;
  const std::string* type;
  std::string_view rule;
  bool generic = false;
  bool host = false;
  // Shared-head items: the span of the head they take from the last item (empty otherwise).
  uint32_t borrowed_head_start = 0, borrowed_head_end = 0;
  // Where the borrowed head goes inside [start, end): before a stage or bracketed segment that ends
  // the item (0: at the end).
  uint32_t head_insert = 0;
  // A place written before a run of quoted names that each name takes (成渝“氢走廊”“电走廊”: the
  // second is 成渝电走廊); empty when none.
  uint32_t prefix_start = 0, prefix_end = 0;
  // The province whose own designation a bare name is (自贸试验区 in Tianjin's report), named before
  // it; -1 otherwise.
  int32_t own_region = -1;
};

// True when t[start, end), quote marks aside, is a five-year period only (十四五, “十五五”).
inline bool IsFiveYearPeriod(const std::u32string& t, uint32_t start, uint32_t end) {
  while (start < end && text::IsQuoteMark(t[start])) ++start;
  while (end > start && text::IsQuoteMark(t[end - 1])) --end;
  return end - start == 3 && t[start] == U'十' && t[end - 1] == U'五';
}

// Where an edition written before `start` begins, not before `from` (第十届, 第23届, 首届, 4届, 两届,
// 2026年, 2025· in 办好…、第十届X和2026年Y), or `start` when there is none.
uint32_t EditionStart(const std::u32string& t, uint32_t start, uint32_t from);

class SentenceContext {
 public:
  SentenceContext(const std::u32string& text, const text::Layout& layout, const lexicon::CompiledLexicon& lex,
                  DocumentExtraction& out);

  // ---- driver steps (document_extraction.cc calls them in this order per sentence) ----
  // Scans the sentence once and finds its region hits; clears the candidates.
  void BeginSentence(const text::Sentence& sentence);
  // Keeps the longest of nested candidates (a physical site inside a plan's name survives).
  void ResolveOverlaps();
  // Turns the kept candidates into entities (names, involved regions, aliases) and writes the
  // sentence's region mentions. Sets first_entity.
  void MakeEntities();

  // ---- region matching (region_matching.cc) ----
  struct RegionMatch {
    enum Kind : uint8_t { kName, kBlend, kLetters, kCompassLetters };
    uint32_t length = 0;
    Kind kind = kName;
    int32_t value = -1;  // region index (kName), blend entry (kBlend), compass length (kCompassLetters)
    const char* rule = "gazetteer.blend";
  };
  // The region hit starting at i within [i, e): the longest of a written form its context reads as
  // a region (region_context.h), a listed blend and a run of province letters (the name wins ties,
  // then the blend); a blend or run overlapping a collision word (投资大会) is none. length 0: no hit.
  RegionMatch MatchRegionAt(uint32_t i, uint32_t e) const;
  RegionHit MakeHit(uint32_t start, const RegionMatch& m) const;
  // The one region a province letter and a compass part name together (渝 + 东北 → 渝东北), or -1.
  int32_t LetterCompassRegion(char32_t letter, std::u32string_view compass) const;
  // The compass part after the letter run [i, i + run) that names a region with each letter
  // (川渝东北 → 东北), or 0.
  uint32_t SharedCompassSuffix(uint32_t i, uint32_t run, uint32_t e) const;
  // Region hits starting at the positions in `starts`, left to right, each resumed after.
  void FindRegionsFrom(const PositionList& starts, uint32_t e, std::vector<RegionHit>& hits) const;
  // Region hits in [s, e), left to right, each resumed after.
  std::vector<RegionHit> FindRegions(uint32_t s, uint32_t e) const;
  // Sets out.document_region from the title, the header lines, or the issuer line before the
  // address (广东省省长, 在广东省第十四届人民代表大会).
  void FindDocumentRegion();
  // Sets out.document_year: the year in the title (2026年政府工作报告), else the first dated line among
  // the first lines (text::DetectReportYear); 0 when none. TargetStatus reads it.
  void FindDocumentYear();
  // Inside a name, a run of three or more abbreviation letters is a city blend (成(绵)南达万).
  void AddNameBlends(uint32_t start, uint32_t end, std::vector<RegionHit>& hits) const;
  // True when text[k, k+4) names a supply route between two provinces by their letters: 陇电入浙,
  // 吉电入京, 川气入渝 (a province letter, 电 or 气, 入 or 送, a province letter).
  // Inline: rules test it at every letter, and one letter in a few hundred is 入 or 送.
  bool SupplyRouteAt(uint32_t k) const {
    return k + 4 <= e && (t[k + 2] == U'入' || t[k + 2] == U'送') && SupplyRouteLettersAt(k);
  }
  bool SupplyRouteLettersAt(uint32_t k) const;      // SupplyRouteAt once text[k+2] is 入 or 送
  int32_t ProvinceOfLetter(char32_t letter) const;  // the province a letter abbreviates (陇 → 甘肃), or -1

  // ---- text helpers shared by rules ----
  // The first position in [from, to) whose code point has a lexicon PositionFlag in `flags`.
  uint32_t NextWithFlag(uint32_t from, uint32_t to, uint8_t flags) const {
    const char32_t* text = t.data();
    while (from < to && !(lex.PositionFlags(text[from]) & flags)) ++from;
    return from;
  }
  // True when a listed word (words.json boundary_exceptions) covers the boundary word of `length`
  // letters ending at `pos` and is longer (高等研究院, 协和).
  bool InsideListedWord(uint32_t pos, uint32_t length) const;
  // The region hit that covers `pos` and starts before it (和 in 呼和浩特), or -1.
  int32_t HitAround(uint32_t pos) const {
    if (pos < s || pos >= e) return -1;
    const int32_t k = hit_at[pos - s];
    return k >= 0 && hits[k].start < pos ? k : -1;
  }
  // The members a group hit names when it is written as their first letters, one each (兰白: 兰州,
  // 白银; 呼包鄂 of 呼包鄂榆城市群: 呼和浩特, 包头, 鄂尔多斯); empty otherwise (长株潭, 京津冀).
  std::vector<int32_t> MembersByInitials(const RegionHit& h);
  bool BoundaryEndsAt(uint32_t pos, uint32_t floor, uint32_t* length) const;
  // True when a word of `trie` lies inside [s, e); with `word_limit`, one that starts in [s, e) and
  // ends by word_limit.
  bool ContainsWord(const lexicon::Trie& trie, uint32_t s, uint32_t e) const;
  bool ContainsWord(const lexicon::Trie& trie, uint32_t s, uint32_t e, uint32_t word_limit) const;
  // Start of the clause containing pos; index of the clause holding pos.
  uint32_t ClauseStart(uint32_t pos) const;
  size_t ClauseOf(uint32_t pos) const;
  // True when [s, e) is made only of generic modifiers (国家, 重点, 各类…) and "…性" adjectives.
  bool IsGenericModifier(uint32_t s, uint32_t e) const;
  std::u32string NameWithoutQuotes(uint32_t s, uint32_t e) const;
  void AppendWithoutQuotes(uint32_t s, uint32_t e, std::u32string& name) const;
  // Footnote marks inside names ([20], written ［20］): the length of one starting at pos, or ending
  // at end (starting at or after floor); 0 when none.
  uint32_t FootnoteLength(uint32_t pos) const;
  uint32_t FootnoteEndingAt(uint32_t end, uint32_t floor) const;
  // Left edge of a name whose head starts at head_start, not before floor (kRejected: a description).
  uint32_t NameStart(uint32_t head_start, uint32_t floor, bool allow_soft) const;
  // Where the places open a designation that holds the verb [verb, verb_end) (湘南湘西承接…平台),
  // kRejected when the verb does not belong to the name.
  uint32_t PlacesBeforeVerb(uint32_t verb, uint32_t verb_end, uint32_t floor) const;
  // True when the phrase [start, end) is counted or plural, so a class of things, not one: after a
  // plural cue (一批, 各类: words.json plural_cues) or a count (10个, 3家以上), grade words (省级)
  // allowed between, or before a count (通用机场8座).
  bool IsCountedClass(uint32_t start, uint32_t end) const;
  // True when a count of things starts at pos: a numeral run (digits, 十, 两, 3.5万, 100多, a range
  // 25—30) and a counter word (个, 家 …).
  bool CountAt(uint32_t pos) const;
  // Where the count starting at `pos` ends (after its counter), or 0 when none starts there.
  uint32_t CountEndAt(uint32_t pos) const;
  // After a one-letter Chinese numeral at `pos`, the length of 大 or of a counter ending by `limit`
  // that makes it a count of kinds (三大, 四条, 两座), or 0.
  uint32_t KindCountLength(uint32_t pos, uint32_t limit) const;
  // True when a noun starts at `pos` (after an amount: 8家企业, 新增7名“两院”院士), not a qualifier,
  // a conjunction or 等 (11个以上, 8座和…).
  bool NounAt(uint32_t pos) const;
  // The length of the build word at `pos` (words.json build_suffixes: 建设; after up to two
  // build_adverbs words: 获批建设, 率先正式运行; after 在 and a short place: 在川落地), or 0.
  uint32_t BuildWordAt(uint32_t pos) const;
  // The start of the grade words and 以上 before `start` (一批省级产业园 → 省级); *plural: a plural cue
  // (words.json plural_cues) ends there.
  uint32_t ClassWordsStart(uint32_t start, bool* plural) const;
  // Skips what counts rather than names: 13项…, 第九届…, 两届…, and a leading 的 or quote mark.
  uint32_t SkipQuantityPrefix(uint32_t start, uint32_t limit) const;
  // A category word closes its phrase only before punctuation, a list word or a verb.
  bool PhraseEndsAt(uint32_t pos, uint32_t e) const;
  // A head ends a name unless the text runs on into another word (工程师, 中心城市).
  bool CanEndName(uint32_t pos, uint32_t e) const;
  // True when a head ends in [from, to), not inside a region name, and is not one that needs a place.
  bool ContainsHead(uint32_t from, uint32_t to) const;
  // The length of a plural cue starting at `pos`, or 0.
  uint32_t PluralCueLengthAt(uint32_t pos) const;
  // True when a plural cue (一批, 各类: words.json plural_cues) ends right before `pos`.
  bool PluralCueEndsAt(uint32_t pos) const {
    return lex.plural_cues_reversed.LongestEndingAt(std::u32string_view(t.data(), pos), pos).length > 0;
  }
  // True when a region hit covers some position of [from, to) (a place in a name).
  bool HasRegionIn(uint32_t from, uint32_t to) const {
    for (uint32_t p = from; p < to; ++p)
      if (hit_at[p - s] >= 0) return true;
    return false;
  }
  // True when [s, e) is one region hit.
  bool IsWholeRegion(uint32_t s, uint32_t e) const { return s < e && MatchRegionAt(s, e).length == e - s; }
  // True when the places at `pos` are the partners of the clause's subject: right after 与, 同, 跟 or
  // 携手 (与港澳台合作, 携手港澳“并船出海”).
  bool AfterPartnerMark(uint32_t pos) const {
    if (pos <= s) return false;
    const char32_t before = t[pos - 1];
    return before == U'与' || before == U'同' || before == U'跟' ||
           (before == U'手' && pos >= s + 2 && t[pos - 2] == U'携');
  }
  // True when a word starts at `pos`: the sentence's start, after punctuation, a quote mark or a
  // boundary word (加快, 深化, 唱好).
  bool OpensWord(uint32_t pos) const {
    if (pos <= s) return true;
    const char32_t before = t[pos - 1];
    if (IsNameBreak(before) || IsOpenQuote(before) || IsCloseQuote(before)) return true;
    // (七)美丽山西建设…: a list number in brackets opens the item after it.
    if (before == U')') {
      uint32_t q = pos - 1;
      while (q > s && pos - 1 - q < 3 && (IsChineseNumeral(t[q - 1]) || IsDigit(t[q - 1]))) --q;
      if (q < pos - 1 && q > s && t[q - 1] == U'(') return true;
    }
    return lex.boundary_reversed.LongestEndingAt(std::u32string_view(t.data(), pos), pos).length > 0;
  }
  // True when the text right after a closing quote, from `after`, runs on without a break into a
  // weak head (words.json weak_heads: 平台, 项目): the quoted words mark that name (“信用湖南”一体化平台),
  // which entity.head reads whole.
  bool RunsOnToWeakHead(uint32_t after) const;
  // True when a quoted label closed by the mark at `close` is typed by another rule: it ends in a
  // head, or a cue (entity.quoted_cue) or a run-on to a weak head (entity.head) follows the mark.
  bool QuotedLabelTypedElsewhere(uint32_t close) const {
    return lex.heads_reversed.LongestEndingAt(std::u32string_view(t.data(), close), close).length > 0 ||
           CueFollows(close + 1) || RunsOnToWeakHead(close + 1);
  }
  // True when a cue (heads.json cues: 品牌, 行动, 活动 …) starts within three characters from `after`
  // (“投资湖南”品牌, “百团千企”“渝企出海”行动): the cue types the quoted name (entity.quoted_cue).
  bool CueFollows(uint32_t after) const;
  // True when [from, to) names physical works: a works word (words.json works_words: 电网, 航道 …), a
  // segment (吴淞江江苏段整治), a phase (淮河入海水道二期), a measured figure (500千伏) or a river
  // diversion (引洮济合, 引绰济辽). A …工程 so named is a Project, not a Plan.
  bool NamesWorks(uint32_t from, uint32_t to) const;
  // The length of a grade word (a words.json generic modifier ending in 级: 国家级, 省级) starting at
  // `pos` and ending by `limit`, or 0.
  uint32_t GradeAt(uint32_t pos, uint32_t limit) const {
    const uint32_t len = lex.generic_modifiers.LongestAt(std::u32string_view(t.data(), limit), pos).length;
    return len >= 2 && t[pos + len - 1] == U'级' ? len : 0;
  }
  // True when every letter of [from, to) can abbreviate a place: a city's initial or nickname, or a
  // province's letter.
  bool PlaceLettersIn(uint32_t from, uint32_t to) const {
    for (uint32_t q = from; q < to; ++q) {
      if (!lex.city_initials.contains(t[q]) && !lex.city_nicknames.contains(t[q]) && lex.ProvinceLetter(t[q]) < 0)
        return false;
    }
    return true;
  }
  // Skips boundary words (力争, 高水平, 建设…) and list enumerators (一是, 十三是) at the start of
  // [pos, limit).
  uint32_t SkipLeadingBoundaryWords(uint32_t pos, uint32_t limit) const;
  // Length of the longest word of `reversed` (a trie built with AddReversed) ending at pos and
  // starting at or after floor; 0 if none. The one lookup of a verb before a span.
  uint32_t WordEndingAt(const lexicon::Trie& reversed, uint32_t pos, uint32_t floor) const {
    return reversed.LongestEndingAt(std::u32string_view(t.data() + floor, pos - floor), pos - floor).length;
  }
  // The position where a word of `reversed` (a verb list) ends and opens the list of short items
  // ending at the 、 before `pos` (实施A提升、B突破、<pos>C工程): at most max_items items back, each of at
  // most max_item characters and free of punctuation and quote marks; 0 when no such verb.
  uint32_t VerbOpeningList(const lexicon::Trie& reversed, uint32_t pos, uint32_t clause, uint32_t max_item,
                           uint32_t max_items) const;
  // Regions listed right before `pos` (R1、R2和R3<pos>), nearest last; empty if none ends at pos.
  std::vector<const RegionHit*> RegionListEndingAt(uint32_t pos) const;
  // 五年来，天津、山东对口协作: the single regions that open the clause right before a paired-assistance
  // cue (对口 at `cue`) in a report of a known region that is not among them — the report's region's
  // helpers, paired with it, not with each other; empty otherwise.
  std::vector<const RegionHit*> PairedHelpersBefore(uint32_t cue) const;
  // "achieved" in the look-back part of a report, else "planned". The plan part starts at the first
  // heading-like line (a heading, or a short line without a full stop) naming the report's year
  // (2026年), 今年 or the current five-year plan (十五五) and no look-back word (words.json
  // review_headings), or at the top-level heading after a look-back one; before it is the
  // look-back. Without either: "achieved" under a chapter whose heading has a look-back word.
  const char* TargetStatus(const text::Sentence& sentence);
  // The entity the sentence opens by building (高水平建设西部(重庆)科学城…) when it is a host area,
  // else -1: the subject of develops.report_region and the host of located_in.host_sentence.
  int32_t HostEntityOfSentence() const;
  // True when a rule has already drawn a develops edge to `target` in this sentence (from `source`
  // only, when one is given).
  bool DevelopedInSentence(Ref target, const Ref* source = nullptr) const;

  // ---- writing facts ----
  static Ref RegionRef(int32_t region) { return {Ref::kRegion, region}; }
  static Ref EntityRef(size_t index) { return {Ref::kEntity, static_cast<int32_t>(index)}; }
  // A division does not cooperate with a part of itself (协同鞍山… in Liaoning's report): such a
  // cooperates_with is not written (a group's members still work with the rest of it: 辽宁 and 东北).
  void AddRelation(Ref a, Ref b, const char* relation, const char* rule, Ref via = {Ref::kEntity, -1}) {
    if (a == b) return;
    if (a.kind == Ref::kRegion && b.kind == Ref::kRegion && std::string_view(relation) == "cooperates_with" &&
        (PartOfDivision(a.index, b.index) || PartOfDivision(b.index, a.index)))
      return;
    out.relations.push_back({a, b, relation, sentence->start, sentence->end, rule, via});
  }
  // True when `inner` lies inside `outer` and `outer` is an administrative division (one with a code).
  bool PartOfDivision(int32_t inner, int32_t outer) const {
    return !lex.region(outer).code.empty() && lex.IsWithin(inner, outer);
  }
  void PairwiseCooperation(std::vector<int32_t> regions, const char* rule, Ref via = Ref{Ref::kEntity, -1});
  // The cooperation a blend hit names: its regions pairwise, or, when its letters repeat the first one
  // (闽港闽澳), the first with each other one.
  void BlendCooperation(const RegionHit& hit, const char* rule, Ref via = Ref{Ref::kEntity, -1});

  // ---- the document ----
  const std::u32string& t;
  const text::Layout& layout;
  const lexicon::CompiledLexicon& lex;
  DocumentExtraction& out;

  // ---- the current sentence ----
  const text::Sentence* sentence = nullptr;
  uint32_t s = 0, e = 0;
  std::vector<RegionHit> hits;
  std::vector<int32_t> hit_at;      // position - s → hit covering it, or -1
  std::vector<int32_t> hit_ending;  // position - s → hit ending there, or -1
  std::vector<char> hit_starts;     // position - s → a hit begins there
  std::vector<char> clause_cooperative;  // clause index → it holds a cooperation cue
  std::vector<uint32_t> clause_starts;   // clause index → its first position
  std::vector<uint32_t> cooperation_cue_starts;  // where cooperation cues start, in order
  // Where the later scans of the current sentence start, ascending.
  PositionList region_starts, head_ends, enumeration_marks, digits, open_quotes;  // open_quotes: “
  std::vector<uint32_t> target_numbers;  // the target rule's numbers when some have no digit (超万亿元)
  PositionList book_title_opens;  // 《
  PositionList route_letters;     // G and S, where road codes start (G318, S101)
  PositionList phase_marks;       // 期, where a phase may end (一期, 2期)
  PositionList magnitude_marks;   // 亿, 千, 万: a bare magnitude (超万亿元, 突破千列)
  PositionList designation_starts;  // where a site designation may start (lexicon kDesignationStart)
  PositionList supply_route_marks;  // 电 and 气, the second letter of a supply route (疆电入渝)
  PositionList counted_programme_starts;  // where a counted programme may start (民生实事)
  PositionList cluster_head_ends;         // where a cluster head may end, its last letter (集群)
  // Entity candidates: all, the shared-head ones, those kept by ResolveOverlaps.
  std::vector<Candidate> candidates, shared_candidates, kept_candidates;
  size_t first_entity = 0;  // the sentence's entities are out.entities[first_entity, …)
  bool record_dropped = false;  // ResolveOverlaps notes what it drops in out.dropped
  size_t first_target = 0;  // and its targets out.targets[first_target, …)
  std::vector<Ref> pattern_source, pattern_target;  // CompiledPattern::Run's scratch
  std::vector<uint32_t> count_places_ends;  // entity.counted_places's scratch
  std::u32string last_metric;  // the target rule: the metric of the sentence's previous target
  // gazetteer.city_letters: regions mentioned so far in the document (out.regions[0, seen_upto)).
  std::vector<uint8_t> region_seen;
  size_t region_seen_upto = 0;
  // located_in.name_platform: the document's areas so far, by name (value: an index into out.entities).
  lexicon::Trie platforms_seen;

  // Points the per-position hit indexes at `hits`.
  void IndexHits();
  // After a rule appended hits: puts them back in text order (later scans and MakeEntities read them
  // so) and indexes them.
  void IndexAddedHits();

 private:
  void ScanSentence();
  void AddAliases(EntityMention& ent, const Candidate& c, const std::vector<int32_t>& inside) const;
  std::vector<int32_t> HitsInside(uint32_t start, uint32_t end) const;
  // A country or world region named inside a name (中国科学院, 韩国晓星, 东北亚…加注中心) says whose
  // it is or whom it serves, not where it is: no mention there, and no place of the name (a blend
  // such as 中老铁路 still counts).
  bool IsNationalPrefix(const RegionHit& h, int32_t region) const;
  // True when a country's name is part of a quoted coinage (“中国速度”) or of X化: no mention of it.
  bool InQuotedCoinage(const RegionHit& h, int32_t region) const;
  // A group's members (regions, not groups, with the group among their parents), once per document.
  const std::vector<int32_t>& GroupMembers(int32_t group);
  // Mentions of a group's members when its written name is a blend of them (长株潭), in a report of
  // one of them, of a region inside one, or of no known region.
  void AddGroupBlendMembers(int32_t group, const RegionHit& h);
  std::vector<std::vector<int32_t>> group_members_;

  std::vector<std::pair<uint32_t, uint32_t>> indexed_hits_;  // the hits behind the indexes
  std::vector<int8_t> chapter_achieved_;  // heading index → "achieved" (1), "planned" (0), unread (-1)
  int64_t plan_start_ = -2;               // offset where the plan part starts; -1: none; -2: not read
  void FindPlanStart();
  const std::array<uint16_t, 0x10000>& char_classes_;
};

}  // namespace policykg::extract
