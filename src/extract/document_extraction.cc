#include "extract/document_extraction.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>

#include "extract/region_context.h"
#include "text/normalize.h"

namespace policykg::extract {

namespace {

using lexicon::CompiledLexicon;
using lexicon::Trie;

constexpr uint32_t kMaxNameLength = 26;      // code points before the head
constexpr uint32_t kMaxSoftExtension = 6;    // left part joined across 和/与/及
constexpr uint32_t kMaxEnumerationItem = 14;
constexpr uint32_t kMaxSharedHeadItem = 5;   // 金凤、嘉陵江、明月湖实验室
constexpr size_t kMaxIssuerLines = 12;     // first lines searched for the report's issuer
constexpr uint32_t kRejected = UINT32_MAX;   // NameStart: the phrase is a description, not a name

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsOpenQuote(char32_t c) { return c == U'“' || c == U'‘' || c == U'《' || c == U'「' || c == U'『'; }
bool IsCloseQuote(char32_t c) { return c == U'”' || c == U'’' || c == U'》' || c == U'」' || c == U'』'; }
// Punctuation that ends a clause: , ; : ! ? newline 。 and the full-width ，；： (which folding
// turns into ASCII). Tested at every position, so an ASCII character costs one bit test.
bool IsClauseBreak(char32_t c) {
  constexpr uint64_t kAsciiBreaks = (uint64_t{1} << ',') | (uint64_t{1} << ';') | (uint64_t{1} << ':') |
                                    (uint64_t{1} << '!') | (uint64_t{1} << '?') | (uint64_t{1} << '\n');
  if (c < 64) return (kAsciiBreaks >> c) & 1;
  return c == U'。' || (c >= U'，' && (c == U'，' || c == U'；' || c == U'：'));
}
// Characters that can never be inside a name.
bool IsNameBreak(char32_t c) {
  if (IsClauseBreak(c) || c == U'、' || c == U' ' || c == U'\t') return true;
  if (IsDigit(c)) return true;
  return c == U'…' || c == U'—' || c == U'/' || c == U'|' || c == U'[' || c == U']' || c == U'=' || c == U'.' ||
         c == U'%';
}
// Per BMP code point, the scans of a sentence that start from it (beyond the lexicon's PositionFlags):
// clause breaks, digits, and the marks an enumeration cue follows (等 and closing quote marks).
enum CharClass : uint8_t { kClauseBreakChar = 1, kDigitChar = 2, kEnumerationMark = 4 };
const std::array<uint8_t, 0x10000>& CharClasses() {
  static const std::array<uint8_t, 0x10000> table = [] {
    std::array<uint8_t, 0x10000> classes{};
    for (char32_t c = 0; c < classes.size(); ++c) {
      classes[c] = (IsClauseBreak(c) ? kClauseBreakChar : 0) | (IsDigit(c) ? kDigitChar : 0) |
                   (c == U'等' || IsCloseQuote(c) ? kEnumerationMark : 0);
    }
    return classes;
  }();
  return table;
}
bool IsChineseNumeral(char32_t c) {
  switch (c) {  // a switch, not a search of the list: this is asked at many positions
    case U'一': case U'二': case U'三': case U'四': case U'五': case U'六': case U'七': case U'八':
    case U'九': case U'十': case U'百': case U'千': case U'万': case U'两': case U'双': case U'多':
      return true;
    default:
      return false;
  }
}
// Words that count things (届, 项, 大 in 十大工程) after a numeral.
bool IsCountWord(char32_t c) {
  switch (c) {
    case U'届': case U'次': case U'期': case U'批': case U'个': case U'项': case U'条': case U'家':
    case U'座': case U'所': case U'大': case U'型': case U'类': case U'种': case U'年':
      return true;
    default:
      return false;
  }
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
  const uint32_t* begin() const { return buffer_.data(); }
  const uint32_t* end() const { return end_; }

 private:
  std::vector<uint32_t> buffer_;
  uint32_t* end_ = nullptr;
};

class Extractor {
 public:
  Extractor(const std::u32string& text, const text::Layout& layout, const CompiledLexicon& lex)
      : t_(text), layout_(layout), lex_(lex) {}

  DocumentExtraction Run() {
    FindDocumentRegion();
    for (const auto& sentence : layout_.sentences) ProcessSentence(sentence);
    DropUnusedGenericEntities();
    return std::move(out_);
  }

 private:
  struct RegionHit {
    uint32_t start, end;
    std::vector<int32_t> regions;
    bool blend;
    bool city_tier;
    size_t mention_begin;  // index of its first RegionMention in out_.regions
    bool inside_name = false;
    const char* rule = "gazetteer.blend";  // the rule that read it (region_context.h for names)
  };

  // ---------- scanning ----------

  // The first position in [from, to) whose code point has a lexicon PositionFlag in `flags`, or
  // `to`. Scans skip to it: one table load per position, with no lookup at most of them.
  uint32_t NextWithFlag(uint32_t from, uint32_t to, uint8_t flags) const {
    const char32_t* text = t_.data();
    while (from < to && !(lex_.PositionFlags(text[from]) & flags)) ++from;
    return from;
  }

  // ---------- regions ----------

  // The region hit starting at i within [i, e): the longest of a written form its context reads as
  // a region (region_context.h), a listed blend and a run of province letters (the name wins ties,
  // then the blend); a blend or run overlapping a collision word (投资大会) is none. length 0: no hit.
  struct RegionMatch {
    enum Kind : uint8_t { kName, kBlend, kLetters };
    uint32_t length = 0;
    Kind kind = kName;
    int32_t value = -1;  // region index (kName) or blend entry (kBlend)
    const char* rule = "gazetteer.blend";
  };
  RegionMatch MatchRegionAt(uint32_t i, uint32_t e) const {
    std::u32string_view view(t_.data(), e);
    // Forms starting at i, shortest first; the longest one read as a region wins (娄底市场 → 娄底).
    std::array<Trie::Match, 8> forms;
    size_t n_forms = 0;
    lex_.region_names.ForEachAt(view, i, [&](uint32_t length, int32_t value) {
      forms[n_forms < forms.size() ? n_forms++ : forms.size() - 1] = {length, value};
    });
    Trie::Match name;
    RegionReading reading;
    while (n_forms > 0 && name.length == 0) {
      const Trie::Match& f = forms[--n_forms];
      reading = ReadRegionForm(lex_, view, i, i + f.length, f.value, out_.document_region);
      if (reading.region >= 0) name = f;
    }
    Trie::Match blend = lex_.blends.LongestAt(view, i);
    if (blend.length > 0 && OverlapsCollisionWord(lex_, view, i, i + blend.length)) blend = {};
    uint32_t run = 0;
    while (i + run < e && lex_.ProvinceLetter(t_[i + run]) >= 0) ++run;
    if (run < 2) run = 0;
    if (run > 0 && OverlapsCollisionWord(lex_, view, i, i + run)) run = 0;
    const uint32_t best = std::max({name.length, blend.length, run});
    if (best == 0) return {};
    if (name.length == best) return {best, RegionMatch::kName, reading.region, reading.rule};
    // A blend names at least two regions: 渝渝 is not a blend.
    if (blend.length == best) {
      if (lex_.blend_entries[blend.value].regions.size() < 2) return {};
      return {best, RegionMatch::kBlend, blend.value};
    }
    for (uint32_t k = 1; k < run; ++k) {
      if (lex_.ProvinceLetter(t_[i + k]) != lex_.ProvinceLetter(t_[i])) return {best, RegionMatch::kLetters, -1};
    }
    return {};
  }

  RegionHit MakeHit(uint32_t start, const RegionMatch& m) const {
    RegionHit hit{start, start + m.length, {}, m.kind != RegionMatch::kName, false, 0, false, m.rule};
    if (m.kind == RegionMatch::kName) {
      hit.regions.push_back(m.value);
      hit.city_tier = lex_.region(m.value).level != "province";
    } else if (m.kind == RegionMatch::kBlend) {
      const auto& entry = lex_.blend_entries[m.value];
      hit.regions = entry.regions;
      hit.city_tier = entry.city_tier;
    } else {
      for (uint32_t k = start; k < hit.end; ++k) {
        int32_t r = lex_.ProvinceLetter(t_[k]);
        if (std::find(hit.regions.begin(), hit.regions.end(), r) == hit.regions.end()) hit.regions.push_back(r);
      }
    }
    return hit;
  }

  // Region hits starting at the positions in `starts` (ascending, inside [.., e)), left to right, each
  // resumed after: with every position of [s, e) that may start a region, the same as FindRegions.
  void FindRegionsFrom(const PositionList& starts, uint32_t e, std::vector<RegionHit>& hits) const {
    uint32_t resume = 0;
    for (uint32_t i : starts) {
      if (i < resume) continue;
      const RegionMatch m = MatchRegionAt(i, e);
      if (m.length == 0) continue;
      hits.push_back(MakeHit(i, m));
      resume = i + m.length;
    }
  }

  // Region hits in [s, e), left to right, each resumed after.
  std::vector<RegionHit> FindRegions(uint32_t s, uint32_t e) const {
    std::vector<RegionHit> hits;
    for (uint32_t i = s; (i = NextWithFlag(i, e, CompiledLexicon::kRegionStart)) < e;) {
      const RegionMatch m = MatchRegionAt(i, e);
      if (m.length == 0) {
        ++i;
        continue;
      }
      hits.push_back(MakeHit(i, m));
      i += m.length;
    }
    return hits;
  }

  void FindDocumentRegion() {
    auto first_province_in = [&](uint32_t s, uint32_t e) -> int32_t {
      for (const auto& hit : FindRegions(s, e)) {
        if (!hit.blend) return hit.regions[0];
      }
      return -1;
    };
    if (layout_.title_end > layout_.title_start) {
      out_.document_region = first_province_in(layout_.title_start, layout_.title_end);
    }
    if (out_.document_region < 0) {
      for (const auto& line : layout_.lines) {
        if (line.kind == text::LineKind::kHeader) {
          out_.document_region = first_province_in(line.start, line.end);
          if (out_.document_region >= 0) break;
        }
      }
    }
    // The lines before the address (各位代表): a region followed by an issuer cue (广东省省长,
    // 在广东省第十四届人民代表大会).
    for (size_t k = 0; k < layout_.lines.size() && k < kMaxIssuerLines && out_.document_region < 0; ++k) {
      const auto& line = layout_.lines[k];
      if (line.kind == text::LineKind::kBody) break;
      for (const auto& hit : FindRegions(line.start, line.end)) {
        if (!hit.blend && IssuerCueAt(lex_, t_, hit.end)) {
          out_.document_region = hit.regions[0];
          break;
        }
      }
    }
  }

  // ---------- helpers over the text ----------

  bool BoundaryEndsAt(uint32_t pos, uint32_t floor, uint32_t* length) const {
    Trie::Match m = lex_.boundary_reversed.LongestEndingAt(std::u32string_view(t_.data(), pos), pos);
    if (m.length == 0 || pos - m.length < floor) return false;
    // 高等研究院: a one-character boundary inside a listed word is not a boundary.
    if (m.length == 1) {
      std::u32string_view view(t_.data(), t_.size());
      for (uint32_t back = 0; back < 3 && back < pos; ++back) {
        // A listed word starting `back` characters before the boundary character covers it.
        if (lex_.boundary_exceptions.LongestAt(view, pos - 1 - back).length > back) return false;
      }
    }
    // 共建成渝绵…: a word that ends inside a place name (建成) is not a boundary.
    for (uint32_t k = pos - m.length + 1; k < pos; ++k) {
      if (k >= sentence_start_ && k - sentence_start_ < hit_starts_.size() && hit_starts_[k - sentence_start_]) return false;
    }
    *length = m.length;
    return true;
  }

  bool ContainsWord(const Trie& trie, uint32_t s, uint32_t e) const {
    std::u32string_view view(t_.data(), e);
    for (uint32_t i = s; i < e; ++i) {
      if (trie.LongestAt(view, i).length > 0) return true;
    }
    return false;
  }

  // Start of the clause containing pos (after the previous clause break) in the current sentence.
  uint32_t ClauseStart(uint32_t pos) const {
    if (pos > sentence_start_ && IsClauseBreak(t_[pos - 1])) return pos;
    return clause_starts_[ClauseOf(pos)];
  }

  // Index of the clause of the current sentence holding pos (the sentence end counts as in the last).
  size_t ClauseOf(uint32_t pos) const {
    return std::upper_bound(clause_starts_.begin() + 1, clause_starts_.end(), pos) - (clause_starts_.begin() + 1);
  }

  // True when [s, e) is made only of generic modifiers (国家, 重点, 各类…) and "…性" adjectives.
  bool IsGenericModifier(uint32_t s, uint32_t e) const {
    if (s >= e) return true;
    std::u32string_view view(t_.data(), e);
    // Dynamic programming over segmentations (on the stack for the usual short spans).
    std::array<char, 64> small{};
    std::vector<char> large;
    char* ok = small.data();
    if (e - s + 1 > small.size()) {
      large.assign(e - s + 1, 0);
      ok = large.data();
    }
    ok[0] = 1;
    for (uint32_t i = 0; i < e - s; ++i) {
      if (!ok[i]) continue;
      lex_.generic_modifiers.ForEachAt(view, s + i, [&](uint32_t len, int32_t) { ok[i + len] = 1; });
      for (uint32_t len = 2; len <= 4 && s + i + len <= e; ++len) {  // 引领性, 研究型, 亿元级
        char32_t last = t_[s + i + len - 1];
        if (last == U'性' || last == U'型' || last == U'级') ok[i + len] = 1;
      }
      // Counts make categories: 十大, 双, 三项.
      if (IsChineseNumeral(t_[s + i])) {
        uint32_t k = i;
        while (s + k < e && IsChineseNumeral(t_[s + k])) ++k;
        ok[k] = 1;
        if (s + k < e && IsCountWord(t_[s + k])) ok[k + 1] = 1;
      }
      if (t_[s + i] == U'的' || IsDigit(t_[s + i]) || text::IsQuoteMark(t_[s + i])) ok[i + 1] = 1;
    }
    return ok[e - s];
  }

  std::u32string NameWithoutQuotes(uint32_t s, uint32_t e) const {
    std::u32string name;
    AppendWithoutQuotes(s, e, name);
    return name;
  }
  void AppendWithoutQuotes(uint32_t s, uint32_t e, std::u32string& name) const {
    name.reserve(name.size() + (e - s));
    for (uint32_t i = s; i < e; ++i) {
      if (!text::IsQuoteMark(t_[i]) && t_[i] != U' ') name.push_back(t_[i]);
    }
  }

  // Left edge of a name whose head starts at head_start, not before floor.
  uint32_t NameStart(uint32_t head_start, uint32_t floor, bool allow_soft) const {
    uint32_t limit = head_start > floor + kMaxNameLength ? head_start - kMaxNameLength : floor;
    uint32_t pos = head_start;
    while (pos > limit) {
      char32_t c = t_[pos - 1];
      if (c == U')') {  // a bracketed qualifier inside the name: 西部(重庆)科学城
        uint32_t open = pos - 1;
        while (open > limit && t_[open - 1] != U'(' && pos - open < 12 && !IsNameBreak(t_[open - 1])) --open;
        if (open > limit && t_[open - 1] == U'(') {
          pos = open - 1;
          continue;
        }
        break;
      }
      if (IsCloseQuote(c)) {  // a quoted part inside the name: 国家“一带一路”…中心
        uint32_t open = pos - 1;
        while (open > limit && !IsOpenQuote(t_[open - 1]) && pos - open < 14 && !IsNameBreak(t_[open - 1])) --open;
        if (open > limit && IsOpenQuote(t_[open - 1])) {
          pos = open - 1;
          continue;
        }
        break;
      }
      if (IsNameBreak(c) || IsOpenQuote(c) || c == U'(') break;
      uint32_t len = 0;
      if (BoundaryEndsAt(pos, floor, &len)) break;
      Trie::Match soft = lex_.soft_boundary_reversed.LongestEndingAt(std::u32string_view(t_.data(), pos), pos);
      if (soft.length > 0) {
        if (!allow_soft) break;
        // 重庆脑与智能科学中心: join a short left part that is not a name of its own.
        uint32_t joint = pos - soft.length;
        uint32_t left = NameStart(joint, floor, false);
        if (left == kRejected) left = joint;
        // The joined part must open with a place name (重庆脑与智能科学中心), not be a list of nouns.
        bool anchored = left < joint && MatchRegionAt(left, joint).length > 0;
        bool joinable = anchored && joint - left <= kMaxSoftExtension &&
                        lex_.heads_reversed.LongestEndingAt(std::u32string_view(t_.data(), joint), joint).length == 0 &&
                        !IsWholeRegion(left, joint);
        // 全国重要科技创新和协同创新示范区: an evaluated conjunct makes the whole a description.
        if (!joinable && left < joint && ContainsWord(lex_.evaluative_words, left, joint)) return kRejected;
        return joinable ? left : pos;
      }
      --pos;
    }
    return pos;
  }

  // Skips what counts rather than names: 13项…, 第九届…, 两届…, and a leading 的 or quote mark.
  uint32_t SkipQuantityPrefix(uint32_t start, uint32_t limit) const {
    std::u32string_view view(t_.data(), limit);
    for (bool moved = true; moved && start < limit;) {
      moved = false;
      if (t_[start] == U'的' || text::IsQuoteMark(t_[start]) || t_[start] == U'·') {
        ++start, moved = true;
        continue;
      }
      if (start > 0 && IsDigit(t_[start - 1])) {  // the number itself is a name break
        Trie::Match unit = lex_.units.LongestAt(view, start);
        if (unit.length > 0) {
          start += unit.length, moved = true;
          continue;
        }
        if (IsCountWord(t_[start])) {
          ++start, moved = true;
          continue;
        }
      }
      uint32_t k = start + (t_[start] == U'第' ? 1 : 0);
      uint32_t numerals = k;
      while (numerals < limit && IsChineseNumeral(t_[numerals])) ++numerals;
      if (numerals > k && numerals < limit && (t_[numerals] == U'届' || t_[numerals] == U'次' || t_[numerals] == U'批')) {
        start = numerals + 1, moved = true;
      }
    }
    return start;
  }

  // A category word closes its phrase only before punctuation, a list word or a verb
  // (品牌推介 and 项目处置 are not "brands" or "projects").
  bool PhraseEndsAt(uint32_t pos, uint32_t e) const {
    if (pos >= e) return true;
    char32_t c = t_[pos];
    if (IsNameBreak(c) || text::IsQuoteMark(c) || c == U'(' || c == U')' || c < 0x80) return true;
    std::u32string_view view(t_.data(), e);
    return lex_.boundary_words.LongestAt(view, pos).length > 0 ||
           lex_.soft_boundary_reversed.LongestEndingAt(view, pos + 1).length == 1;
  }

  // A head ends a name unless the text runs on into another word (工程师, 中心城市).
  bool CanEndName(uint32_t pos, uint32_t e) const {
    if (pos >= e) return true;
    return lex_.head_continuations.LongestAt(std::u32string_view(t_.data(), e), pos).length == 0;
  }

  bool ContainsHead(uint32_t s, uint32_t e) const {
    for (uint32_t end = s + 1; end <= e; ++end) {
      if (lex_.heads_reversed.LongestEndingAt(std::u32string_view(t_.data(), end), end).length > 0) return true;
    }
    return false;
  }

  // True when [s, e) is one region hit (FindRegions(s, e) would find just that).
  bool IsWholeRegion(uint32_t s, uint32_t e) const { return s < e && MatchRegionAt(s, e).length == e - s; }

  // ---------- entities ----------

  // Plain data (copied and sorted per sentence): the type is the lexicon's, the rule a literal.
  struct Candidate {
    uint32_t start, end, head_start;
    const std::string* type;
    std::string_view rule;
    bool generic = false;
    bool host = false;
    // Shared-head items: the span of the head they take from the last item (empty otherwise).
    uint32_t borrowed_head_start = 0, borrowed_head_end = 0;
  };

  void AddHeadCandidates(uint32_t s, uint32_t e, const std::vector<RegionHit>& regions,
                         std::vector<Candidate>& out) const {
    // A head ends at `end` only where its last character has the flag.
    for (const uint32_t last : head_ends_) {
      const uint32_t end = last + 1;
      Trie::Match head = lex_.heads_reversed.LongestEndingAt(std::u32string_view(t_.data(), end), end);
      if (head.length == 0) continue;
      uint32_t head_start = end - head.length;
      if (head_start <= s) continue;
      const auto& h = lex_.lex().heads[head.value];
      // A head inside a region name (中心 in 中心城区) is not a head.
      bool inside_region = false;
      for (uint32_t p = head_start; p < end && !inside_region; ++p) {
        int32_t k = hit_at_[p - sentence_start_];
        inside_region = k >= 0 && !(regions[k].start >= head_start && regions[k].end <= end);
      }
      if (inside_region) continue;
      uint32_t name_end = end;
      // Phase suffix: 科学大道一期.
      if (name_end + 2 <= e && t_[name_end + 1] == U'期' &&
          std::u32string_view(U"一二三四五").find(t_[name_end]) != std::u32string_view::npos) {
        name_end += 2;
      }
      // A bracketed region after the head belongs to the name: …转移转化中心(成渝地区).
      if (name_end < e && t_[name_end] == U'(') {
        uint32_t close = name_end + 1;
        while (close < e && close - name_end < 12 && t_[close] != U')' && !IsNameBreak(t_[close])) ++close;
        if (close < e && t_[close] == U')' && !FindRegions(name_end + 1, close).empty()) name_end = close + 1;
      }
      if (!CanEndName(name_end, e)) continue;  // 工程师, 中心城市: the head runs on into another word
      uint32_t start = NameStart(head_start, s, true);
      if (start == kRejected) continue;
      // A quoted nickname is a name even when it counts: “双千”计划.
      const bool nickname = IsOpenQuote(t_[start]) && IsCloseQuote(t_[head_start - 1]) && head_start - start > 2;
      start = SkipQuantityPrefix(start, head_start);
      if (start >= head_start) continue;  // nothing but the head: a common noun
      if (IsWholeRegion(start, name_end)) continue;  // 主城新区 is a region, not a platform
      if (ContainsWord(lex_.evaluative_words, start, name_end)) continue;
      Candidate c{start, name_end, head_start, &h.type, "entity.head", false, h.host};
      // A category, not a name: generic words only (国家高新区), a count of the head (三中心一走廊),
      // or a one-character modifier (中医院).
      bool counted = std::u32string_view(U"一二三四五六七八九十两双多").find(t_[head_start - 1]) != std::u32string_view::npos;
      c.generic = IsGenericModifier(start, head_start) || counted ||
                  (head_start - start < 2 && !IsWholeRegion(start, head_start));
      if (nickname) c.generic = false;
      out.push_back(c);
    }
  }

  // Items of "A、B、C等<cue>" and “X”<cue>, typed by the cue when they have no head of their own.
  void AddCueCandidates(uint32_t e, std::vector<Candidate>& out) const {
    std::u32string_view view(t_.data(), e);
    for (const uint32_t i : enumeration_marks_) {
      bool after_deng = t_[i] == U'等';
      bool after_quote = IsCloseQuote(t_[i]);
      if (!after_deng && !after_quote) continue;
      // The cue may follow a short modifier: 等特色品牌, 等跨区域合作平台.
      int32_t cue = -1;
      for (uint32_t j = i + 1; j < e && j <= i + 6 && !IsNameBreak(t_[j]); ++j) {
        Trie::Match m = lex_.cues.LongestAt(view, j);
        if (m.length > 0) {
          cue = m.value;
          break;
        }
        if (after_quote && !after_deng && j >= i + 4) break;  // “X”<cue> within a few characters
      }
      if (cue < 0) continue;
      const auto& cue_def = lex_.lex().cues[cue];
      {
        uint32_t cue_end = i + 1;
        while (cue_end < e && lex_.cues.LongestAt(view, cue_end).length == 0) ++cue_end;
        if (cue_end < e) cue_end += lex_.cues.LongestAt(view, cue_end).length;
        if (!PhraseEndsAt(cue_end, e)) continue;  // 品牌推介, 项目处置: the cue word is not the category here
      }
      // Walk left over the items (a quoted item keeps its closing mark).
      uint32_t item_end = after_quote && !after_deng ? i + 1 : i;
      uint32_t clause_start = ClauseStart(i);
      for (int guard = 0; guard < 12 && item_end > clause_start; ++guard) {
        uint32_t item_start = item_end;
        bool quoted = false;
        if (IsCloseQuote(t_[item_end - 1])) {
          uint32_t open = item_end - 1;
          while (open > clause_start && !IsOpenQuote(t_[open - 1]) && item_end - open <= kMaxEnumerationItem + 2) --open;
          if (open == clause_start || !IsOpenQuote(t_[open - 1])) break;
          item_start = open - 1;
          quoted = true;
        } else {
          while (item_start > clause_start && t_[item_start - 1] != U'、' && !IsCloseQuote(t_[item_start - 1]) &&
                 item_end - item_start <= kMaxEnumerationItem + 2) {
            uint32_t len = 0;
            if (BoundaryEndsAt(item_start, clause_start, &len)) break;
            if (lex_.soft_boundary_reversed.LongestEndingAt(std::u32string_view(t_.data(), item_start), item_start).length == 1) break;
            --item_start;
          }
        }
        if (item_start < item_end && item_end - item_start <= kMaxEnumerationItem + 2) {
          bool has_head = lex_.heads_reversed.LongestEndingAt(std::u32string_view(t_.data(), item_end), item_end).length > 0;
          bool listy = std::find(t_.begin() + item_start, t_.begin() + item_end, U'、') != t_.begin() + item_end;
          // “十五五”, “两重”, “3个100”: counts and periods, not names.
          uint32_t first = item_start + (quoted ? 1 : 0);
          bool count_slogan = (IsChineseNumeral(t_[first]) || IsDigit(t_[first])) && item_end - item_start - (quoted ? 2 : 0) <= 4 &&
                              !(item_end - item_start - (quoted ? 2 : 0) == 4 && !IsDigit(t_[first]));
          listy = listy || count_slogan;
          if (!has_head && !listy && (quoted || !cue_def.quoted_only) && item_end - item_start >= 2 &&
              !ContainsWord(lex_.evaluative_words, item_start, item_end)) {
            Candidate c{item_start, item_end, item_end, &cue_def.type,
                        quoted ? "entity.quoted_cue" : "entity.enumeration_cue"};
            out.push_back(c);
          }
        }
        if (item_start <= clause_start) break;
        char32_t before = t_[item_start - 1];
        bool soft = lex_.soft_boundary_reversed.LongestEndingAt(std::u32string_view(t_.data(), item_start), item_start).length == 1;
        if (before == U'、' || IsCloseQuote(before) || soft) {
          item_end = (before == U'、' || soft) ? item_start - 1 : item_start;
          continue;
        }
        break;  // a boundary word: the list starts here
      }
    }
  }

  // 金凤、嘉陵江、明月湖实验室: bare items before a headed name share its head.
  void AddSharedHeadCandidates(uint32_t s, std::vector<Candidate>& cands) {
    std::vector<Candidate>& extra = shared_candidates_;
    extra.clear();
    for (const auto& c : cands) {
      if (c.rule != "entity.head" || c.generic || c.start <= s || t_[c.start - 1] != U'、') continue;
      uint32_t modifier = c.head_start - c.start;
      if (modifier > kMaxSharedHeadItem) continue;
      uint32_t item_end = c.start - 1;
      while (item_end > s) {
        uint32_t item_start = item_end;
        while (item_start > s && t_[item_start - 1] != U'、' && !IsNameBreak(t_[item_start - 1])) {
          uint32_t len = 0;
          if (BoundaryEndsAt(item_start, s, &len)) break;
          --item_start;
        }
        uint32_t len = item_end - item_start;
        bool bare = len >= 2 && len <= modifier && len <= kMaxSharedHeadItem && !ContainsHead(item_start, item_end) &&
                    !IsWholeRegion(item_start, item_end) && !IsGenericModifier(item_start, item_end);
        if (!bare) break;
        Candidate shared = c;
        shared.start = item_start;
        shared.end = item_end;
        shared.head_start = item_end;
        shared.rule = "entity.shared_head";
        shared.borrowed_head_start = c.head_start;
        shared.borrowed_head_end = c.end;
        extra.push_back(shared);
        if (item_start > s && t_[item_start - 1] == U'、') {
          item_end = item_start - 1;
        } else {
          break;
        }
      }
    }
    cands.insert(cands.end(), extra.begin(), extra.end());
  }

  // Keeps the longest of nested candidates, except a physical site inside a plan's name.
  // `kept` receives the survivors.
  static void ResolveOverlaps(std::vector<Candidate>& cands, std::vector<Candidate>& kept) {
    std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
      if (a.start != b.start) return a.start < b.start;
      return a.end > b.end;
    });
    kept.clear();
    for (const auto& c : cands) {
      bool drop = false;
      for (const auto& k : kept) {
        bool nested = c.start >= k.start && c.end <= k.end;
        bool crossing = c.start < k.end && k.start < c.end && !nested;
        if (crossing) drop = true;
        if (nested) {
          const std::string& type = *c.type;
          bool physical = type == "Platform" || type == "Lab" || type == "Institution" || type == "Facility";
          bool site_in_plan = *k.type == "Plan" && physical && c.end <= k.head_start && !c.generic;
          if (!site_in_plan) drop = true;
        }
      }
      if (!drop) kept.push_back(c);
    }
  }

  // ---------- targets ----------

  void ExtractTargets(const text::Sentence& sentence) {
    const uint32_t s = sentence.start, e = sentence.end;
    std::u32string_view view(t_.data(), e);
    std::u32string& last_metric = last_metric_;  // capacity kept from sentence to sentence
    last_metric.clear();
    uint32_t resume = s;  // after the last target
    for (const uint32_t i : digits_) {
      if (i < resume || (i > s && (IsDigit(t_[i - 1]) || t_[i - 1] == U'.'))) continue;
      // Exact decimal arithmetic: all digits as one integer, then one power of ten
      // (1.15万 = 115 × 10^(4-2) = 11500, not 11500.000000000002).
      uint32_t j = i;
      uint64_t digits = 0;
      int count = 0, fraction = 0;
      while (j < e && IsDigit(t_[j])) digits = digits * 10 + (t_[j++] - U'0'), ++count;
      if (j + 1 < e && t_[j] == U'.' && IsDigit(t_[j + 1])) {
        for (++j; j < e && IsDigit(t_[j]); ++j, ++fraction, ++count) digits = digits * 10 + (t_[j] - U'0');
      }
      uint32_t number_end = j;
      if (count > 15) continue;  // not a quantity a report states (and beyond exact doubles)
      int exponent = -fraction;
      if (i > s && t_[i - 1] == U'第') continue;  // ordinals
      if (j < e && (t_[j] == U'年' || t_[j] == U'月' || t_[j] == U'日' || t_[j] == U'号')) continue;
      if (j < e && t_[j] == U'万' && j + 1 < e && t_[j + 1] == U'亿') {
        exponent += 12, j += 2;
      } else if (j < e && t_[j] == U'万') {
        exponent += 4, ++j;
      } else if (j < e && t_[j] == U'亿') {
        exponent += 8, ++j;
      } else if (j < e && t_[j] == U'千' && !(j + 1 < e && t_[j + 1] == U'米')) {
        exponent += 3, ++j;
      }
      double power = 1;  // 10^|exponent| is exact in a double (|exponent| <= 22)
      for (int k = 0; k < std::abs(exponent); ++k) power *= 10;
      double value = exponent >= 0 ? static_cast<double>(digits) * power : static_cast<double>(digits) / power;
      Trie::Match unit = lex_.units.LongestAt(view, j);
      if (unit.length == 0) continue;
      const std::string& unit_text = lex_.lex().units[unit.value];
      uint32_t end = j + unit.length;
      const std::string* qualifier = nullptr;
      if (Trie::Match q = lex_.target_qualifiers.LongestAt(view, end); q.length > 0) {
        qualifier = &lex_.lex().target_qualifiers[q.value];
        end += q.length;
      }
      Trie::Match comp = lex_.target_comparators_reversed.LongestEndingAt(std::u32string_view(t_.data(), i), i);
      TargetMention target;
      target.value = value;
      target.unit = unit_text;
      if (qualifier != nullptr) target.qualifier = *qualifier;
      target.status = Status(sentence);
      if (comp.length > 0 && i - comp.length >= s) {
        uint32_t comp_start = i - comp.length;
        uint32_t metric_start = comp_start;
        while (metric_start > s && !IsClauseBreak(t_[metric_start - 1]) && t_[metric_start - 1] != U'、' &&
               comp_start - metric_start < 30) {
          --metric_start;
        }
        metric_start = SkipLeadingBoundaryWords(metric_start, comp_start);
        target.comparator = lex_.lex().target_comparators[comp.value];
        target.metric = NameWithoutQuotes(metric_start, comp_start);
        if (target.metric.empty()) {
          if (last_metric.empty()) continue;
          target.metric = last_metric;  // 达到…、增长5.3%: the list continues the previous metric
          target.name = last_metric;
        }
        target.start = metric_start;
        target.end = end;
        target.name.append(t_.data() + metric_start, end - metric_start);
      } else if (lex_.counters.Find(std::u32string_view(t_.data() + j, unit.length)) >= 0) {
        // 20个产业合作示范园区: the counted noun follows.
        uint32_t k = end;
        while (k < e && !IsNameBreak(t_[k]) && k - end < 20) {
          if (k > end && lex_.boundary_words.LongestAt(view, k).length >= 2) break;  // …园区建设
          ++k;
        }
        if (k - end < 2) continue;
        target.metric = NameWithoutQuotes(end, k);
        target.start = i;
        target.end = k;
        target.name.assign(t_.data() + i, k - i);
      } else {
        continue;
      }
      target.display.assign(t_.data() + i, (end > number_end ? end : number_end) - i);
      last_metric = target.metric;
      out_.targets.push_back(std::move(target));
      resume = std::max(i, end - 1) + 1;
    }
  }

  // Skips boundary words (力争, 高水平, 建设…) at the start of [pos, limit).
  uint32_t SkipLeadingBoundaryWords(uint32_t pos, uint32_t limit) const {
    std::u32string_view view(t_.data(), limit);
    while (pos < limit) {
      Trie::Match m = lex_.boundary_words.LongestAt(view, pos);
      if (m.length == 0) break;
      pos += m.length;
    }
    return pos;
  }

  // "achieved" under a look-back chapter, else "planned"; each chapter's heading is read once.
  const char* Status(const text::Sentence& sentence) {
    if (sentence.chapter < 0) return "planned";
    if (chapter_achieved_.empty()) chapter_achieved_.assign(layout_.headings.size(), -1);
    int8_t& achieved = chapter_achieved_[sentence.chapter];
    if (achieved < 0) {
      const auto& h = layout_.headings[sentence.chapter];
      std::u32string_view heading(t_.data() + h.start, h.end - h.start);
      achieved = std::any_of(lex_.review_headings.begin(), lex_.review_headings.end(), [&](const std::u32string& word) {
        return heading.find(word) != std::u32string_view::npos;
      });
    }
    return achieved ? "achieved" : "planned";
  }

  // ---------- relations ----------

  void AddRelation(Ref a, Ref b, const char* relation, const text::Sentence& sentence, const char* rule) {
    if (a == b) return;
    out_.relations.push_back({a, b, relation, sentence.start, sentence.end, rule});
  }

  static Ref RegionRef(int32_t region) { return {Ref::kRegion, region}; }
  static Ref EntityRef(size_t index) { return {Ref::kEntity, static_cast<int32_t>(index)}; }

  void PairwiseCooperation(std::vector<int32_t> regions, const text::Sentence& sentence, const char* rule) {
    std::sort(regions.begin(), regions.end());
    regions.erase(std::unique(regions.begin(), regions.end()), regions.end());
    for (size_t a = 0; a < regions.size(); ++a) {
      for (size_t b = a + 1; b < regions.size(); ++b) {
        if (regions[a] != regions[b]) AddRelation(RegionRef(regions[a]), RegionRef(regions[b]), "cooperates_with", sentence, rule);
      }
    }
  }

  // Regions listed right before `pos` (R1、R2和R3<pos>), nearest last; empty if none ends at pos.
  std::vector<const RegionHit*> RegionListEndingAt(uint32_t pos, const std::vector<RegionHit>& hits) const {
    std::vector<const RegionHit*> list;
    auto ending_at = [&](uint32_t p) -> const RegionHit* {
      if (p < sentence_start_ || p - sentence_start_ >= hit_ending_.size()) return nullptr;
      int32_t k = hit_ending_[p - sentence_start_];
      return k >= 0 && !hits[k].inside_name ? &hits[k] : nullptr;
    };
    while (const RegionHit* found = ending_at(pos)) {
      list.push_back(found);
      pos = found->start;
      if (pos > sentence_start_ && (t_[pos - 1] == U'、' || t_[pos - 1] == U'和' || t_[pos - 1] == U'及')) {
        --pos;
      } else if (!ending_at(pos)) {  // run-together names (垫江梁平) continue without a separator
        break;
      }
    }
    std::reverse(list.begin(), list.end());
    return list;
  }

  void ExtractRelations(const text::Sentence& sentence, const std::vector<RegionHit>& hits,
                        size_t first_entity) {
    const uint32_t s = sentence.start, e = sentence.end;
    // Cooperation: blends and run-together names in a clause that speaks of cooperation.
    for (size_t k = 0; k < hits.size(); ++k) {
      const RegionHit& h = hits[k];
      if (h.inside_name) continue;
      bool cooperative = clause_cooperative_[ClauseOf(h.start)] || clause_cooperative_[ClauseOf(h.end)];
      if (h.blend && cooperative) PairwiseCooperation(h.regions, sentence, "cooperates_with.blend");
      if (!h.blend && cooperative && (k == 0 || hits[k - 1].end != h.start || hits[k - 1].inside_name)) {
        std::vector<int32_t> run{h.regions[0]};
        for (size_t m = k + 1; m < hits.size() && hits[m].start == hits[m - 1].end && !hits[m].blend && !hits[m].inside_name; ++m) {
          run.push_back(hits[m].regions[0]);
        }
        if (run.size() >= 2) PairwiseCooperation(run, sentence, "cooperates_with.run_together");
      }
      // 联动四川 / 携手成都: the report's region works with the partner.
      if (out_.document_region >= 0 && h.start >= s + 2 &&
          lex_.partner_verbs.Find(std::u32string_view(t_.data() + h.start - 2, 2)) >= 0) {
        for (int32_t r : h.regions) {
          if (r != out_.document_region) {
            AddRelation(RegionRef(out_.document_region), RegionRef(r), "cooperates_with", sentence, "cooperates_with.partner");
          }
        }
      }
    }
    // Lists of single regions followed by a cooperation cue: 万州、开州、云阳同城化发展.
    for (uint32_t pos : cooperation_cue_starts_) {
      auto list = RegionListEndingAt(pos, hits);
      bool separated = list.size() >= 2 && std::all_of(list.begin() + 1, list.end(), [&](const RegionHit* h) {
                         return t_[h->start - 1] == U'、' || t_[h->start - 1] == U'和' || t_[h->start - 1] == U'及';
                       });
      if (separated && std::none_of(list.begin(), list.end(), [](const RegionHit* h) { return h->blend; })) {
        std::vector<int32_t> regions;
        for (const auto* h : list) regions.push_back(h->regions[0]);
        PairwiseCooperation(regions, sentence, "cooperates_with.list");
      }
    }

    const size_t n = out_.entities.size();
    // Involves: a platform named after a blend (川渝高竹新区) spans the regions it names; the
    // schema's domain of involves says which types count as such platforms.
    for (size_t k = first_entity; k < n; ++k) {
      const auto& ent = out_.entities[k];
      for (int32_t r : ent.involved_regions) {
        if (lex_.schema().Allows("involves", ent.type, "Region")) AddRelation(EntityRef(k), RegionRef(r), "involves", sentence, "involves.name_blend");
      }
    }
    // Develops: R1、R2 + 建设/创建 + entity (支持彭水建设…示范区).
    for (size_t k = first_entity; k < n; ++k) {
      const auto& ent = out_.entities[k];
      uint32_t verb_start = ent.start;
      bool verb = false;
      for (uint32_t len = 4; len >= 2; --len) {
        if (ent.start >= s + len && lex_.develop_verbs.Find(std::u32string_view(t_.data() + ent.start - len, len)) >= 0) {
          verb_start = ent.start - len;
          verb = true;
          break;
        }
      }
      if (!verb) continue;
      for (const RegionHit* h : RegionListEndingAt(verb_start, hits)) {
        for (int32_t r : h->regions) {
          if (lex_.schema().Allows("develops", "Region", ent.type)) AddRelation(RegionRef(r), EntityRef(k), "develops", sentence, "develops.region_verb");
        }
      }
    }
    // Develops: a region that is the subject of a clause group (川南经济区强化…，建设X；).
    for (const auto& h : hits) {
      if (h.inside_name || h.blend) continue;
      bool segment_start = h.start == s || t_[h.start - 1] == U';' || t_[h.start - 1] == U'；';
      if (!segment_start || h.end >= e || IsNameBreak(t_[h.end]) || t_[h.end] == U'、') continue;
      uint32_t segment_end = h.end;
      while (segment_end < e && t_[segment_end] != U';' && t_[segment_end] != U'；') ++segment_end;
      for (size_t k = first_entity; k < n; ++k) {
        const auto& ent = out_.entities[k];
        if (ent.start < h.end || ent.end > segment_end) continue;
        bool verb = false;
        for (uint32_t len = 4; len >= 2 && !verb; --len) {
          verb = ent.start >= h.end + len && lex_.develop_verbs.Find(std::u32string_view(t_.data() + ent.start - len, len)) >= 0;
        }
        if (verb && lex_.schema().Allows("develops", "Region", ent.type)) {
          AddRelation(RegionRef(h.regions[0]), EntityRef(k), "develops", sentence, "develops.clause_subject");
        }
      }
    }
    // Located in: a sentence that opens by building an area lists what is built inside it.
    if (first_entity < n) {
      const auto& host = out_.entities[first_entity];
      // Only adverbs and verbs before the area, the last of them a building verb (高水平建设…).
      bool opens_by_building = SkipLeadingBoundaryWords(s, host.start) == host.start;
      if (opens_by_building) {
        opens_by_building = false;
        for (uint32_t len = 1; len <= 4 && len <= host.start - s; ++len) {
          if (lex_.host_verbs.Find(std::u32string_view(t_.data() + host.start - len, len)) >= 0) opens_by_building = true;
        }
      }
      if (host.host && !host.generic && opens_by_building) {
        // The report's region is the one building it (高水平建设西部(重庆)科学城 in Chongqing's report).
        if (out_.document_region >= 0 && lex_.schema().Allows("develops", "Region", host.type)) {
          AddRelation(RegionRef(out_.document_region), EntityRef(first_entity), "develops", sentence, "develops.report_region");
        }
        for (size_t k = first_entity + 1; k < n; ++k) {
          const auto& site = out_.entities[k];
          if (site.host || site.generic || site.start < host.end) continue;
          if (!lex_.schema().Allows("located_in", site.type, host.type)) continue;
          AddRelation(EntityRef(k), EntityRef(first_entity), "located_in", sentence, "located_in.host_sentence");
        }
      }
    }
  }

  // Inside a name, a run of three or more abbreviation letters (brackets allowed) is a city blend:
  // 成(绵)南达万经济带 → 成都, 绵阳, 南充, 达州, 万州.
  void AddNameBlends(uint32_t start, uint32_t end, std::vector<RegionHit>& hits) const {
    auto covered = [&](uint32_t pos) { return hit_at_[pos - sentence_start_] >= 0; };
    for (uint32_t i = start; i < end;) {
      uint32_t j = i;
      std::vector<int32_t> regions;
      while (j < end && !covered(j)) {
        uint32_t letter = j;
        if (t_[j] == U'(' && j + 2 < end && t_[j + 2] == U')') letter = j + 1;
        auto it = lex_.name_blend_letters.find(t_[letter]);
        if (it == lex_.name_blend_letters.end()) break;
        if (std::find(regions.begin(), regions.end(), it->second) == regions.end()) regions.push_back(it->second);
        j = letter == j ? j + 1 : j + 3;
      }
      // 川南渝西 names directions of provinces (southern Sichuan), not a blend of three places.
      bool directional = false;
      for (uint32_t k = i; k + 1 < j; ++k) {
        auto it = lex_.name_blend_letters.find(t_[k]);
        bool province = it != lex_.name_blend_letters.end() && lex_.region(it->second).level == "province";
        if (province && std::u32string_view(U"东南西北").find(t_[k + 1]) != std::u32string_view::npos) directional = true;
      }
      if (regions.size() >= 3 && !directional) {
        hits.push_back({i, j, regions, true, true, 0});
        i = j;
      } else {
        i = std::max(i + 1, j);
      }
    }
    std::sort(hits.begin(), hits.end(), [](const RegionHit& a, const RegionHit& b) { return a.start < b.start; });
  }

  // ---------- aliases ----------

  void AddAliases(EntityMention& ent, const std::vector<RegionHit>& hits, const std::vector<int32_t>& inside) const {
    auto add = [&](std::u32string alias, const char* rule) {
      if (alias.size() >= 2 && alias != ent.name &&
          std::none_of(ent.aliases.begin(), ent.aliases.end(), [&](const auto& a) { return a.first == alias; })) {
        ent.aliases.emplace_back(std::move(alias), rule);
      }
    };
    const std::u32string& name = ent.name;
    if (lex_.HasAbbreviationIn(name)) {
      for (const auto& [abbr, expansion] : lex_.name_expansions) {
        if (size_t at = name.find(abbr); at != std::u32string::npos) {
          add(name.substr(0, at) + expansion + name.substr(at + abbr.size()), "alias.expansion");
        }
      }
    }
    // 西部(重庆)科学城 → 重庆科学城: the bracketed region plus what follows.
    size_t open = name.find(U'('), close = name.find(U')');
    if (open != std::u32string::npos && open > 0 && close != std::u32string::npos && close > open + 1 &&
        close + 1 < name.size()) {
      std::u32string inner = name.substr(open + 1, close - open - 1);
      if (lex_.region_names.Find(inner) >= 0) add(inner + name.substr(close + 1), "alias.bracket_region");
    }
    // 科技型企业“双倍增”行动 → 双倍增行动: a quoted nickname right before the head.
    {
      std::u32string_view span(t_.data() + ent.start, ent.end - ent.start);
      size_t close = span.find_last_of(U"”’");
      size_t open = close == std::u32string_view::npos ? close : span.find_last_of(U"“‘", close);
      if (open != std::u32string_view::npos && close > open + 1 && span.size() - close - 1 >= 1 &&
          span.size() - close - 1 <= 4 && open > 0) {
        add(std::u32string(span.substr(open + 1, close - open - 1)) + std::u32string(span.substr(close + 1)),
            "alias.quoted_nickname");
      }
    }
    // 科学大道一期 → 科学大道.
    if (name.size() > 4 && name[name.size() - 1] == U'期' &&
        std::u32string_view(U"一二三四五").find(name[name.size() - 2]) != std::u32string_view::npos) {
      add(name.substr(0, name.size() - 2), "alias.phase");
    }
    // 万达开川渝统筹发展示范区 → 万达开统筹发展示范区: a province blend qualifying a city blend.
    const RegionHit* city_blend = nullptr;
    const RegionHit* province_blend = nullptr;
    for (int32_t k : inside) {
      const RegionHit& h = hits[k];
      if (h.blend) (h.city_tier ? city_blend : province_blend) = &h;
    }
    if (city_blend && province_blend && std::none_of(name.begin(), name.end(), text::IsQuoteMark)) {
      std::u32string original(t_.begin() + ent.start, t_.begin() + ent.end);
      if (original == name) {
        uint32_t off = province_blend->start - ent.start;
        add(name.substr(0, off) + name.substr(off + (province_blend->end - province_blend->start)), "alias.drop_qualifier");
      }
    }
  }

  // ---------- per sentence ----------

  // Points the per-position hit indexes at `hits`. Entries outside the hits stay -1 / 0 between
  // sentences, so only the positions of the previously indexed hits are reset.
  void IndexHits(const std::vector<RegionHit>& hits, uint32_t s, uint32_t e) {
    for (const auto& [start, end] : indexed_hits_) {
      std::fill(hit_at_.begin() + start, hit_at_.begin() + end, -1);
      hit_ending_[end] = -1;
      hit_starts_[start] = 0;
    }
    indexed_hits_.clear();
    sentence_start_ = s;
    if (hit_at_.size() < e - s + 1) {
      hit_at_.resize(e - s + 1, -1);
      hit_ending_.resize(e - s + 1, -1);
      hit_starts_.resize(e - s + 1, 0);
    }
    for (size_t k = 0; k < hits.size(); ++k) {
      const uint32_t start = hits[k].start - s, end = hits[k].end - s;
      std::fill(hit_at_.begin() + start, hit_at_.begin() + end, static_cast<int32_t>(k));
      hit_ending_[end] = static_cast<int32_t>(k);
      hit_starts_[start] = 1;
      indexed_hits_.emplace_back(start, end);
    }
  }

  // One pass over the sentence: its clauses and cooperation cues, and the positions the later scans
  // start from (region starts, head ends, enumeration marks, digits), so that they skip the rest.
  void ScanSentence(uint32_t s, uint32_t e) {
    clause_cooperative_.assign(1, 0);
    clause_starts_.assign(1, s);
    cooperation_cue_starts_.clear();
    region_starts_.Reset(e - s);
    head_ends_.Reset(e - s);
    enumeration_marks_.Reset(e - s);
    digits_.Reset(e - s);
    std::u32string_view view(t_.data(), e);
    const char32_t* text = t_.data();
    const uint8_t* lexicon_flags = lex_.bmp_position_flags();
    const uint8_t* char_classes = char_classes_.data();
    for (const char32_t *at = text + s, *const sentence_end = text + e; at < sentence_end; ++at) {
      const char32_t c = *at;
      if (c <= 0xFFFF && (lexicon_flags[c] | char_classes[c]) == 0) continue;  // most positions
      const uint32_t p = static_cast<uint32_t>(at - text);
      const uint8_t flags = lex_.PositionFlags(c);  // every flag is set above the BMP
      const uint8_t classes = c <= 0xFFFF ? char_classes[c] : 0;
      if (flags & CompiledLexicon::kRegionStart) region_starts_.Push(p);
      if (flags & CompiledLexicon::kHeadEnd) head_ends_.Push(p);
      if (classes & kEnumerationMark) enumeration_marks_.Push(p);
      if (classes & kDigitChar) digits_.Push(p);
      const bool cue = (flags & CompiledLexicon::kCooperationCueStart) &&
                       lex_.cooperation_cues.LongestAt(view, p).length > 0;
      if (cue) cooperation_cue_starts_.push_back(p);
      if (classes & kClauseBreakChar) {
        clause_cooperative_.push_back(0);
        clause_starts_.push_back(p + 1);
      } else if (cue) {
        clause_cooperative_.back() = 1;
      }
    }
  }

  // Indices of the hits lying inside [start, end).
  std::vector<int32_t> HitsInside(uint32_t start, uint32_t end, const std::vector<RegionHit>& hits) const {
    std::vector<int32_t> inside;
    for (uint32_t p = start; p < end; ++p) {
      int32_t k = hit_at_[p - sentence_start_];
      if (k >= 0 && hits[k].start >= start && hits[k].end <= end && (inside.empty() || inside.back() != k)) inside.push_back(k);
    }
    return inside;
  }

  void ProcessSentence(const text::Sentence& sentence) {
    const uint32_t s = sentence.start, e = sentence.end;
    ScanSentence(s, e);
    std::vector<RegionHit> hits;
    FindRegionsFrom(region_starts_, e, hits);
    IndexHits(hits, s, e);

    std::vector<Candidate>& all = candidates_;
    all.clear();
    AddHeadCandidates(s, e, hits, all);
    AddCueCandidates(e, all);
    AddSharedHeadCandidates(s, all);
    std::vector<Candidate>& cands = kept_candidates_;
    ResolveOverlaps(all, cands);

    const size_t hits_before = hits.size();
    for (const auto& c : cands) AddNameBlends(c.start, c.head_start, hits);
    if (hits.size() != hits_before) IndexHits(hits, s, e);
    // Regions inside a name are part of it; blends there say which regions it involves.
    const size_t first_entity = out_.entities.size();
    for (const auto& c : cands) {
      EntityMention ent;
      ent.type = *c.type;
      ent.start = c.start;
      ent.end = c.end;
      ent.rule = c.rule;
      ent.generic = c.generic;
      ent.host = c.host;
      ent.name.reserve(c.end - c.start + (c.borrowed_head_end - c.borrowed_head_start));
      AppendWithoutQuotes(c.start, c.end, ent.name);
      ent.name.append(t_.data() + c.borrowed_head_start, t_.data() + c.borrowed_head_end);
      std::vector<int32_t> city, province;
      const std::vector<int32_t> inside = HitsInside(c.start, c.end, hits);
      for (int32_t k : inside) {
        RegionHit& h = hits[k];
        h.inside_name = true;
        if (h.blend) (h.city_tier ? city : province).insert((h.city_tier ? city : province).end(), h.regions.begin(), h.regions.end());
      }
      ent.involved_regions = !city.empty() ? city : province;
      AddAliases(ent, hits, inside);
      out_.entities.push_back(std::move(ent));
    }
    for (const auto& h : hits) {
      for (int32_t r : h.regions) {
        out_.regions.push_back({r, h.start, h.end, h.rule, h.inside_name});
      }
    }

    const size_t first_target = out_.targets.size();
    ExtractTargets(sentence);
    ExtractRelations(sentence, hits, first_entity);
    if (out_.document_region >= 0) {
      for (size_t k = first_target; k < out_.targets.size(); ++k) {
        AddRelation(RegionRef(out_.document_region), {Ref::kTarget, static_cast<int32_t>(k)}, "targets", sentence,
                    "targets.document_region");
      }
    }
  }

  // Generic names (国家高新区) stay only where a region develops them.
  void DropUnusedGenericEntities() {
    std::vector<char> used(out_.entities.size(), 0);
    for (const auto& r : out_.relations) {
      if (r.relation == "develops" && r.target.kind == Ref::kEntity) used[r.target.index] = 1;
    }
    std::vector<int32_t> remap(out_.entities.size(), -1);
    std::vector<EntityMention> kept;
    for (size_t k = 0; k < out_.entities.size(); ++k) {
      if (out_.entities[k].generic && !used[k]) continue;
      remap[k] = static_cast<int32_t>(kept.size());
      kept.push_back(std::move(out_.entities[k]));
    }
    out_.entities = std::move(kept);
    std::vector<RelationMention> relations;
    for (auto& r : out_.relations) {
      bool ok = true;
      for (Ref* ref : {&r.source, &r.target}) {
        if (ref->kind == Ref::kEntity) {
          ref->index = remap[ref->index];
          ok = ok && ref->index >= 0;
        }
      }
      if (ok) relations.push_back(std::move(r));
    }
    out_.relations = std::move(relations);
  }

  // Per-sentence indexes that keep every rule linear in the sentence length.
  uint32_t sentence_start_ = 0;
  std::vector<int32_t> hit_at_;      // position - sentence_start_ → hit covering it, or -1
  std::vector<int32_t> hit_ending_;  // position - sentence_start_ → hit ending there, or -1
  std::vector<char> clause_cooperative_;  // clause index → it holds a cooperation cue
  std::vector<uint32_t> clause_starts_;   // clause index → its first position
  std::vector<uint32_t> cooperation_cue_starts_;  // where cooperation cues start, in order
  std::vector<char> hit_starts_;     // position - sentence_start_ → a hit begins there
  std::u32string last_metric_;  // ExtractTargets: the metric of the sentence's previous target
  std::vector<int8_t> chapter_achieved_;  // heading index → Status is "achieved" (1), "planned" (0), unread (-1)
  std::vector<std::pair<uint32_t, uint32_t>> indexed_hits_;  // the hits behind the three above
  // ScanSentence: where the later scans of the current sentence start, ascending.
  PositionList region_starts_, head_ends_, enumeration_marks_, digits_;
  // Entity candidates of the current sentence: all, the shared-head ones, those kept.
  std::vector<Candidate> candidates_, shared_candidates_, kept_candidates_;
  const std::array<uint8_t, 0x10000>& char_classes_ = CharClasses();
  const std::u32string& t_;
  const text::Layout& layout_;
  const CompiledLexicon& lex_;
  DocumentExtraction out_;
};

}  // namespace

DocumentExtraction ExtractDocument(const std::u32string& folded, const text::Layout& layout,
                                   const lexicon::CompiledLexicon& lexicon) {
  return Extractor(folded, layout, lexicon).Run();
}

}  // namespace policykg::extract
