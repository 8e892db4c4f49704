#include "extract/context.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/utf8.h"
#include "text/layout.h"
#include "text/normalize.h"

namespace policykg::extract {

using std::string_view_literals::operator""sv;

namespace {

using lexicon::CompiledLexicon;
using lexicon::Trie;

enum CharClass : uint16_t {
  kClauseBreakChar = 1,
  kDigitChar = 2,
  kEnumerationMark = 4,
  kOpenQuoteChar = 8,
  kBookTitleOpenChar = 16,
  kRouteLetterChar = 32,
  kPhaseChar = 64,
  kMagnitudeChar = 128,
  kSupplyRouteMark = 256
};

// Per BMP code point, the scans of a sentence that start from it (beyond the lexicon's
// PositionFlags): clause breaks, digits, the marks an enumeration cue follows (等 and closing quote
// marks), “, 《 and the letters road codes open with (G, S), 期 (the end of a phase: 一期) and 亿
// (a magnitude, perhaps without digits: 超万亿元), 电 and 气 (the second letter of a supply route:
// 疆电入渝).
// Built once per process, at first use. (Not constexpr: 65,536 steps exceed clang's default
// constant-evaluation limit, and the libFuzzer build compiles with clang.)
const std::array<uint16_t, 0x10000>& CharClasses() {
  static const std::array<uint16_t, 0x10000> table = [] {
    std::array<uint16_t, 0x10000> classes{};
    for (char32_t c = 0; c < classes.size(); ++c) {
      classes[c] = (IsClauseBreak(c) ? kClauseBreakChar : 0) | (IsDigit(c) ? kDigitChar : 0) |
                   (c == U'等' || IsCloseQuote(c) ? kEnumerationMark : 0) |
                   (c == U'“' ? kOpenQuoteChar : 0) | (c == U'《' ? kBookTitleOpenChar : 0) |
                   (c == U'G' || c == U'S' ? kRouteLetterChar : 0) | (c == U'期' ? kPhaseChar : 0) |
                   (c == U'亿' || c == U'千' || c == U'万' ? kMagnitudeChar : 0) |
                   (c == U'电' || c == U'气' ? kSupplyRouteMark : 0);
    }
    return classes;
  }();
  return table;
}

}  // namespace

SentenceContext::SentenceContext(const std::u32string& text, const text::Layout& layout,
                                 const CompiledLexicon& lex, DocumentExtraction& out)
    : t(text), layout(layout), lex(lex), out(out), char_classes_(CharClasses()) {}

void SentenceContext::BeginSentence(const text::Sentence& sentence) {
  this->sentence = &sentence;
  s = sentence.start;
  e = sentence.end;
  ScanSentence();
  hits.clear();
  FindRegionsFrom(region_starts, e, hits);
  IndexHits();
  candidates.clear();
  kept_candidates.clear();
}

void SentenceContext::ResolveOverlaps() {
  std::vector<Candidate>& cands = candidates;
  std::vector<Candidate>& kept = kept_candidates;
  std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end > b.end;
    // The same item with a borrowed head names more (长四辽通 + 铁路 from 等铁路项目); of two borrowed
    // heads the nearer, shorter one (杭州、宁波、温州机场枢纽 → 杭州机场, not 杭州机场枢纽).
    const uint32_t borrowed_a = a.borrowed_head_end - a.borrowed_head_start;
    const uint32_t borrowed_b = b.borrowed_head_end - b.borrowed_head_start;
    if ((borrowed_a == 0) != (borrowed_b == 0)) return borrowed_b == 0;
    if (borrowed_a != borrowed_b) return borrowed_a < borrowed_b;
    if (a.rule != b.rule) return a.rule < b.rule;
    return *a.type < *b.type;
  });
  kept.clear();
  for (const auto& c : cands) {
    const Candidate* dropped_by = nullptr;  // the first kept name that drops it
    for (const auto& k : kept) {
      bool nested = c.start >= k.start && c.end <= k.end;
      bool crossing = c.start < k.end && k.start < c.end && !nested;
      if (crossing) {
        dropped_by = &k;
        break;
      }
      if (nested) {
        const std::string& type = *c.type;
        bool physical = type == "Platform"sv || type == "Lab"sv || type == "Institution"sv || type == "Facility"sv;
        bool site_in_plan = *k.type == "Plan"sv && physical && c.end <= k.head_start && !c.generic;
        // A name whose head names one thing (进博会, 冬奥会) before a generic class's head is no part of
        // the class (进博会四大平台功能).
        bool name_in_class = false;
        if (k.generic && !c.generic && c.end <= k.head_start) {
          const auto head = lex.heads_reversed.LongestEndingAt(std::u32string_view(t.data(), c.end), c.end);
          if (head.length > 0) {
            const auto& h = lex.lex().heads[head.value];
            name_in_class = h.short_name || h.whole_name;
          }
        }
        if (!site_in_plan && !name_in_class) {
          dropped_by = &k;
          break;
        }
      }
    }
    if (dropped_by == nullptr) {
      kept.push_back(c);
    } else if (record_dropped) {
      const Candidate& k = *dropped_by;
      const bool inside = c.start >= k.start && c.end <= k.end;
      out.dropped.push_back({c.start, c.end, *c.type, std::string(c.rule),
                             fmt::format("{} {} ({} {})", inside ? "inside" : "crosses",
                                         EncodeUtf8(std::u32string_view(t.data() + k.start, k.end - k.start)),
                                         *k.type, k.rule)});
    }
  }
}

void SentenceContext::MakeEntities() {
  // Regions inside a name are part of it; blends there say which regions it involves.
  first_entity = out.entities.size();
  for (const auto& c : kept_candidates) {
    EntityMention ent;
    ent.type = *c.type;
    ent.start = c.start;
    ent.end = c.end;
    ent.phrase_end = std::max(c.end, c.borrowed_head_end);
    ent.rule = c.rule;
    ent.generic = c.generic;
    ent.host = c.host;
    ent.name.reserve(c.end - c.start + (c.borrowed_head_end - c.borrowed_head_start) + (c.prefix_end - c.prefix_start));
    if (c.own_region >= 0) ent.name = DecodeUtf8Lenient(lex.region(c.own_region).name);
    AppendWithoutQuotes(c.prefix_start, c.prefix_end, ent.name);
    // A borrowed head goes before the item's stage or segment (四梅集铁路扩能, 贵阳至北海高速公路(南宁至北海段)).
    const uint32_t insert = c.head_insert > c.start && c.head_insert < c.end ? c.head_insert : c.end;
    AppendWithoutQuotes(c.start, insert, ent.name);
    ent.name.append(t.data() + c.borrowed_head_start, t.data() + c.borrowed_head_end);
    if (insert < c.end) AppendWithoutQuotes(insert, c.end, ent.name);
    std::vector<int32_t> city, province, segment_ends;
    std::vector<int32_t> inside = HitsInside(c.start, c.end);
    if (c.prefix_end > c.prefix_start) {
      std::vector<int32_t> before = HitsInside(c.prefix_start, c.prefix_end);
      inside.insert(inside.begin(), before.begin(), before.end());
    }
    // A segment closing a borrowed head names each item's place (…等国家文化公园(四川段); 长城、长征、
    // 黄河国家文化公园甘肃段).
    if (c.borrowed_head_end > c.borrowed_head_start &&
        (t[c.borrowed_head_end - 1] == U')' || t[c.borrowed_head_end - 1] == U'段')) {
      std::vector<int32_t> segment = HitsInside(c.borrowed_head_start, c.borrowed_head_end);
      inside.insert(inside.end(), segment.begin(), segment.end());
    }
    for (int32_t k : inside) {
      RegionHit& h = hits[k];
      h.inside_name = true;
      // (… and so does a blend closing the name before 段: 渝昆高铁川渝段 runs through 四川 too.)
      if (h.blend && (std::string_view(h.rule) == "gazetteer.segment_letters"sv ||
                      (h.end + 1 == c.end && t[h.end] == U'段'))) {
        segment_ends.insert(segment_ends.end(), h.regions.begin(), h.regions.end());
      } else if (h.blend) {
        (h.city_tier ? city : province).insert((h.city_tier ? city : province).end(), h.regions.begin(), h.regions.end());
      } else if (h.regions.size() == 1) {
        // A group written as its members' first letters (兰白一体化, 呼包鄂国家自主创新示范区) names
        // them as a blend would; a group's own word (长株潭, 京津冀, 长三角) does not.
        const std::vector<int32_t> members = MembersByInitials(h);
        city.insert(city.end(), members.begin(), members.end());
      }
      for (int32_t r : h.regions) {
        if (!IsNationalPrefix(h, r)) ent.named_regions.push_back({r, h.start, h.end, h.blend});
      }
    }
    ent.involved_regions = !city.empty() ? city : province;
    // A segment's two ends (武张段) add to the places the route's name opens with (兰张).
    for (int32_t r : segment_ends) {
      if (std::find(ent.involved_regions.begin(), ent.involved_regions.end(), r) == ent.involved_regions.end())
        ent.involved_regions.push_back(r);
    }
    AddAliases(ent, c, inside);
    // (… and the bare designation as written, an alias that never merges: every province has one.)
    if (c.own_region >= 0) ent.aliases.emplace_back(NameWithoutQuotes(c.start, c.end), "alias.own_designation");
    out.entities.push_back(std::move(ent));
  }
  for (const auto& h : hits) {
    for (int32_t r : h.regions) {
      if (h.inside_name && IsNationalPrefix(h, r)) continue;
      if (!h.blend && InQuotedCoinage(h, r)) continue;
      out.regions.push_back({r, h.start, h.end, h.rule, h.inside_name});
      if (!h.blend) AddGroupBlendMembers(r, h);
    }
  }
  first_target = out.targets.size();
}

// A country's name inside a short quoted coinage longer than it (“中国速度”, “创客中国”, “中国环流
// 三号”), or before 化 (藏传佛教中国化), names no place there.
bool SentenceContext::InQuotedCoinage(const RegionHit& h, int32_t region) const {
  if (lex.region(region).level != "country"sv) return false;
  if (h.end < e && t[h.end] == U'化') return true;
  constexpr uint32_t kMaxCoinage = 8;
  uint32_t open = h.start;
  while (open > s && h.start - open < kMaxCoinage && !IsOpenQuote(t[open - 1]) && !IsNameBreak(t[open - 1])) --open;
  if (open == s || !IsOpenQuote(t[open - 1])) return false;
  uint32_t close = h.end;
  while (close < e && close - h.end < kMaxCoinage && !IsCloseQuote(t[close]) && !IsNameBreak(t[close])) ++close;
  return close < e && IsCloseQuote(t[close]) && close - open > h.end - h.start;
}

bool SentenceContext::IsNationalPrefix(const RegionHit& h, int32_t region) const {
  const std::string& level = lex.region(region).level;
  if (h.blend || (level != "country"sv && level != "world_region"sv)) return false;
  // 中国—东盟教育交流周, 中国—中亚峰会: a country joined by a dash to another place is a partner.
  auto dash = [](char32_t c) { return c == U'—' || c == U'-'; };
  // (中国—上海合作组织…: the partner after the dash need not be a place.)
  // (… also over a bracketed host: 中国（河南）—东盟粮农合作发展大会.)
  const uint32_t after = AfterBracketedAside(std::u32string_view(t.data(), e), h.end);
  const bool joined = (after + 1 < e && dash(t[after]) && (hit_at[after + 1 - s] >= 0 || t[after] == U'—')) ||
                      (h.start >= s + 2 && dash(t[h.start - 1]) && (hit_at[h.start - 2 - s] >= 0 || t[h.start - 2] == U')'));
  // (新加坡山东周, 万华科威特石化股权合作: a foreign country names a side or a place of the thing.)
  const bool foreign = level == "country"sv && lex.region(region).name != "中国"sv;
  return !joined && !foreign;
}

const std::vector<int32_t>& SentenceContext::GroupMembers(int32_t group) {
  if (group_members_.empty()) {
    group_members_.resize(lex.region_count());
    for (size_t r = 0; r < lex.region_count(); ++r) {
      // (a group inside a group, 现代化首都都市圈 in 京津冀, is written by no letter of the outer name)
      if (lex.gazetteer.tier(static_cast<int32_t>(r)) == lexicon::RegionGazetteer::kGroup) continue;
      for (int32_t p : lex.RegionParents(static_cast<int32_t>(r))) {
        if (lex.gazetteer.tier(p) == lexicon::RegionGazetteer::kGroup)
          group_members_[p].push_back(static_cast<int32_t>(r));
      }
    }
  }
  return group_members_[group];
}

std::vector<int32_t> SentenceContext::MembersByInitials(const RegionHit& h) {
  std::vector<int32_t> matched;
  const int32_t group = h.regions[0];
  if (lex.gazetteer.tier(group) != lexicon::RegionGazetteer::kGroup || h.end - h.start < 2) return matched;
  const std::vector<int32_t>& members = GroupMembers(group);
  if (members.size() < h.end - h.start) return matched;
  std::string letter;
  for (uint32_t i = h.start; i < h.end; ++i) {
    int32_t found = -1;
    letter.clear();
    AppendUtf8(t[i], letter);
    for (int32_t m : members) {
      if (std::find(matched.begin(), matched.end(), m) != matched.end()) continue;
      if (std::string_view(lex.region(m).name).starts_with(letter)) {
        found = m;
        break;
      }
    }
    if (found < 0) return {};
    matched.push_back(found);
  }
  return matched;
}

void SentenceContext::AddGroupBlendMembers(int32_t group, const RegionHit& h) {
  if (lex.gazetteer.tier(group) != lexicon::RegionGazetteer::kGroup) return;
  const std::vector<int32_t>& members = GroupMembers(group);
  if (members.size() < 2 || members.size() > h.end - h.start) return;
  // 长株潭, 襄十随神城市群, 宜荆荆恩城市群: the name opens with one letter of each member, in any
  // order (a letter of its name or one of its abbreviations); then each member is mentioned there.
  std::vector<int32_t> matched;
  for (uint32_t i = h.start; i < h.end && matched.size() < members.size(); ++i) {
    const char32_t c = t[i];
    int32_t found = -1;
    for (int32_t m : members) {
      if (std::find(matched.begin(), matched.end(), m) != matched.end()) continue;
      const auto& region = lex.region(m);
      std::u32string name = DecodeUtf8Lenient(region.name);
      auto abbreviation = lex.name_blend_letters.find(c);
      auto nickname = lex.city_nicknames.find(c);  // 宁 → 南京 in 宁镇扬
      if (name.find(c) != std::u32string::npos ||
          (abbreviation != lex.name_blend_letters.end() && abbreviation->second == m) ||
          (nickname != lex.city_nicknames.end() && nickname->second == m)) {
        found = m;
        if (!name.empty() && name[0] == c) break;  // a member starting with the letter first
      }
    }
    if (found < 0) break;
    matched.push_back(found);
  }
  if (matched.size() != members.size()) return;
  // Only in a report of one of them or of a region they belong to (京津冀 in Hebei's report names
  // its members; in Heilongjiang's, 对接京津冀 names a partner, not Beijing, Tianjin and Hebei).
  const int32_t own = out.document_region;
  if (own >= 0 && std::none_of(matched.begin(), matched.end(), [&](int32_t m) {
        return m == own || lex.IsWithin(m, own) || lex.IsWithin(own, m);
      }))
    return;
  for (int32_t m : matched) out.regions.push_back({m, h.start, h.end, "gazetteer.group_blend", h.inside_name});
}

int32_t SentenceContext::HostEntityOfSentence() const {
  if (first_entity >= out.entities.size()) return -1;
  const auto& host = out.entities[first_entity];
  if (!host.host || host.generic) return -1;
  // Only adverbs and verbs before the area, the last of them a building verb (高水平建设…).
  if (SkipLeadingBoundaryWords(s, host.start) != host.start) return -1;
  if (WordEndingAt(lex.host_verbs_reversed, host.start, s) == 0) return -1;
  return static_cast<int32_t>(first_entity);
}

// 高等研究院: a one-character boundary inside a listed word (words.json boundary_exceptions) is not a
// boundary. A listed word that covers the boundary word ending at `pos` and is longer is none: a
// one-letter boundary inside it (高等研究院, 协和), a longer one at its start (浮山以下段) or at its end
// (医疗保障: 国家医疗保障局).
bool SentenceContext::InsideListedWord(uint32_t pos, uint32_t length) const {
  const std::u32string_view view(t.data(), t.size());
  constexpr uint32_t kMaxLead = 3;  // letters of a listed word before the boundary word
  for (uint32_t back = 0; back < kMaxLead && back + length <= pos; ++back) {
    const uint32_t q = pos - length - back;
    const uint32_t listed = lex.boundary_exceptions.LongestAt(view, q).length;
    if (listed <= length || q + listed < pos) continue;
    // … but not a word that starts inside a place name and ends after it (中等 in 汉中等…).
    if (const int32_t k = HitAround(q); k >= 0 && hits[k].end < q + listed) continue;
    return true;
  }
  // … nor one whose end starts a listed word that runs on (以内陆开放型…: 内陆, not 以内).
  for (uint32_t q = pos - length + 1; q < pos; ++q) {
    if (q + lex.boundary_exceptions.LongestAt(view, q).length > pos) return true;
  }
  return false;
}

bool SentenceContext::BoundaryEndsAt(uint32_t pos, uint32_t floor, uint32_t* length) const {
  Trie::Match m = lex.boundary_reversed.LongestEndingAt(std::u32string_view(t.data(), pos), pos);
  if (m.length == 0 || pos - m.length < floor) return false;
  if (InsideListedWord(pos, m.length)) return false;
  // 共建成渝绵…: a word that ends inside a place name (建成) is not a boundary.
  for (uint32_t k = pos - m.length + 1; k < pos; ++k) {
    if (k >= this->s && k - this->s < hit_starts.size() && hit_starts[k - this->s]) return false;
  }
  // … nor one that ends a place name that starts before it (都 of 武都引水, 江都).
  if (pos - 1 >= this->s && pos - 1 < this->e) {
    const int32_t k = hit_at[pos - 1 - this->s];
    if (k >= 0 && hits[k].end == pos && hits[k].start < pos - m.length) return false;
  }
  *length = m.length;
  return true;
}

bool SentenceContext::DevelopedInSentence(Ref target, const Ref* source) const {
  for (auto it = out.relations.rbegin(); it != out.relations.rend() && it->start == sentence->start; ++it) {
    if (it->relation == "develops"sv && it->target == target && (source == nullptr || it->source == *source))
      return true;
  }
  return false;
}

bool SentenceContext::ContainsWord(const Trie& trie, uint32_t s, uint32_t e) const {
  return ContainsWord(trie, s, e, e);
}

bool SentenceContext::ContainsWord(const Trie& trie, uint32_t s, uint32_t e,
                                   uint32_t word_limit) const {
  std::u32string_view view(t.data(), word_limit);
  for (uint32_t i = s; i < e; ++i) {
    if (trie.LongestAt(view, i).length > 0) return true;
  }
  return false;
}

// Start of the clause containing pos (after the previous clause break) in the current sentence.
uint32_t SentenceContext::ClauseStart(uint32_t pos) const {
  if (pos > this->s && IsClauseBreak(t[pos - 1])) return pos;
  return clause_starts[ClauseOf(pos)];
}

// Index of the clause of the current sentence holding pos (the sentence end counts as in the last).
size_t SentenceContext::ClauseOf(uint32_t pos) const {
  return std::upper_bound(clause_starts.begin() + 1, clause_starts.end(), pos) - (clause_starts.begin() + 1);
}

// True when [s, e) is made only of generic modifiers (国家, 重点, 各类…) and "…性" adjectives.
bool SentenceContext::IsGenericModifier(uint32_t s, uint32_t e) const {
  if (s >= e) return true;
  std::u32string_view view(t.data(), e);
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
    lex.generic_modifiers.ForEachAt(view, s + i, [&](uint32_t len, int32_t) { ok[i + len] = 1; });
    for (uint32_t len = 2; len <= 4 && s + i + len <= e; ++len) {  // 引领性, 研究型, 亿元级
      const char32_t last = t[s + i + len - 1];
      if (last != U'性' && last != U'型' && last != U'级') continue;
      const char32_t before = t[s + i + len - 2];
      if (last == U'型') {
        // …型 names a kind (研究型, 外向型), but not in the nouns 转型, 模型, 类型, 原型, 造型; a size
        // (大型, 大中型: words.json size_words) is a kind on its own, not the end of a longer one
        // (车马碧大型水库).
        if (U"转模类原造"sv.find(before) != std::u32string_view::npos) continue;
        const bool size_end = len > 2 && U"大中小"sv.find(before) != std::u32string_view::npos;
        if (size_end && lex.size_words.LongestAt(view, s + i).length != len) continue;
      }
      // Not over a place name or its letters before a grade (宿迁三级航道, 宿连三级航道 name a waterway).
      if (last == U'级' && len > 2 &&
          U"一二三四五六七八九"sv.find(before) != std::u32string_view::npos)
        continue;
      bool place = false;
      for (uint32_t q = s + i; q < s + i + len && !place; ++q) place = q >= this->s && q < this->e && hit_at[q - this->s] >= 0;
      if (!place) ok[i + len] = 1;
    }
    // Counts make categories: 十大, 双, 三项.
    if (IsChineseNumeral(t[s + i])) {
      uint32_t k = i;
      while (s + k < e && IsChineseNumeral(t[s + k])) ++k;
      ok[k] = 1;
      if (s + k < e && lex.IsCountWord(t[s + k])) ok[k + 1] = 1;
    }
    if (t[s + i] == U'的' || t[s + i] == U'(' || t[s + i] == U')' || IsDigit(t[s + i]) || text::IsQuoteMark(t[s + i]))
      ok[i + 1] = 1;
  }
  return ok[e - s];
}

std::u32string SentenceContext::NameWithoutQuotes(uint32_t s, uint32_t e) const {
  std::u32string name;
  AppendWithoutQuotes(s, e, name);
  return name;
}
void SentenceContext::AppendWithoutQuotes(uint32_t s, uint32_t e, std::u32string& name) const {
  name.reserve(name.size() + (e - s));
  for (uint32_t i = s; i < e; ++i) {
    if (IsCjk(t[i])) {  // (most characters of a name: appended as a run)
      uint32_t run = i + 1;
      while (run < e && IsCjk(t[run])) ++run;
      name.append(t.data() + i, run - i);
      i = run - 1;
      continue;
    }
    if (const uint32_t note = FootnoteLength(i); note > 0 && i + note <= e) {
      i += note - 1;  // a footnote mark (“五网合一”[20]示范项目) is no part of the name
      continue;
    }
    if (!text::IsQuoteMark(t[i]) && t[i] != U' ') name.push_back(t[i]);
  }
}

// A footnote mark, [20] (［20］ folded), starting at pos: its length, or 0.
uint32_t SentenceContext::FootnoteLength(uint32_t pos) const {
  if (pos >= t.size() || t[pos] != U'[') return 0;
  uint32_t k = pos + 1;
  while (k < t.size() && k - pos <= 3 && IsDigit(t[k])) ++k;
  return k > pos + 1 && k < t.size() && t[k] == U']' ? k + 1 - pos : 0;
}

// The length of a footnote mark ending at `end` and starting at or after `floor`, or 0.
uint32_t SentenceContext::FootnoteEndingAt(uint32_t end, uint32_t floor) const {
  if (end < floor + 3 || end > t.size() || t[end - 1] != U']') return 0;
  uint32_t k = end - 1;
  while (k > floor && end - 1 - k < 3 && IsDigit(t[k - 1])) --k;
  return k > floor && k < end - 1 && t[k - 1] == U'[' ? end - (k - 1) : 0;
}

// Left edge of a name whose head starts at head_start, not before floor.
uint32_t SentenceContext::NameStart(uint32_t head_start, uint32_t floor, bool allow_soft) const {
  uint32_t limit = head_start > floor + kMaxNameLength ? head_start - kMaxNameLength : floor;
  uint32_t pos = head_start;
  while (pos > limit) {
    char32_t c = t[pos - 1];
    // An amount of money is no part of the name (设立50亿元产业投资基金: the fund's size is a target).
    if (MoneyStart(t, pos, limit) < pos) break;
    // A rate's unit (150亿方/年天然气产能倍增工程) is no part of the name after it.
    if (c == U'年' && pos >= limit + 2 && t[pos - 2] == U'/') break;
    // A grade of digits and a letter (4F级盛乐国际机场, 5A级…) qualifies the name it opens.
    if (c == U'级' && pos < head_start && pos >= limit + 3 && t[pos - 2] >= U'A' && t[pos - 2] <= U'Z' &&
        IsDigit(t[pos - 3]))
      break;
    if (c == U')') {  // a bracketed qualifier inside the name: 西部(重庆)科学城
      uint32_t open = pos - 1;
      while (open > limit && t[open - 1] != U'(' && pos - open < 12 && !IsNameBreak(t[open - 1])) --open;
      if (open > limit && t[open - 1] == U'(') {
        // (the aside does not count against the name's length: 长江重点生态区（南北盘江流域）…示范工程)
        const uint32_t aside = pos - (open - 1);
        limit = limit > floor + aside ? limit - aside : floor;
        pos = open - 1;
        continue;
      }
      break;
    }
    // “五网合一”[20]示范项目 (not a glossary line's opening mark: [19]九大行动：…).
    if (const uint32_t note = c == U']' ? FootnoteEndingAt(pos, limit) : 0;  // (a call only at a ])
        note > 0 && pos < head_start && pos - note > limit && !IsNameBreak(t[pos - note - 1])) {
      pos -= note;
      continue;
    }
    if (IsCloseQuote(c)) {  // a quoted part inside the name: 国家“一带一路”…中心
      // (a quoted list or number is one part: “腾笼换鸟、凤凰涅槃”攻坚行动, “2152”龙头引育工程)
      const uint32_t close = pos - 1;
      uint32_t open = close;
      while (open > limit && !IsOpenQuote(t[open - 1]) && pos - open < 14 && !IsClauseBreak(t[open - 1])) --open;
      if (open > limit && IsOpenQuote(t[open - 1])) {
        // A quoted verb (words.json boundary_words: 为项目主体“量身定制”融资方案) is no part of the name.
        if (lex.boundary_words.LongestAt(std::u32string_view(t.data(), close), open).length == close - open) break;
        pos = open - 1;
        // A quoted list opens the name (国有企业“争链主、强集群”行动: the programme is the quote's).
        if (std::u32string_view(t.data() + open, close - open).find(U'、') != std::u32string_view::npos) break;
        continue;
      }
      break;
    }
    // A year before 前 opens a deadline the name keeps (2030年前碳排放达峰行动方案, not 前碳排放…).
    if (c == U'年' && pos < head_start && t[pos] == U'前' && pos >= limit + 5 &&
        std::all_of(t.begin() + (pos - 5), t.begin() + (pos - 1), IsDigit) &&
        (pos - 5 == limit || !IsDigit(t[pos - 6]))) {
      pos -= 5;
      continue;
    }
    // A code inside a name (2030启航计划, 长三角G60科创走廊, 5G基站): a short run of digits that no
    // unit or count word follows, and that is not the first thing after a list mark; a route's code
    // (G9812高速, S23线) may stand right before the head.
    uint32_t run = pos - 1;
    if (IsDigit(c)) {
      while (run > limit && IsDigit(t[run - 1])) --run;
      // An edition in digits opens the name with its 第 (第21届省运会, as 第十五届省运会).
      if (run > limit && t[run - 1] == U'第' && pos < head_start && (t[pos] == U'届' || t[pos] == U'次') &&
          pos - run <= 3) {
        pos = run - 1;
        continue;
      }
    }
    const bool service_number = IsDigit(c) && IsServiceNumber(t, run, pos);
    if (IsDigit(c) && (pos < head_start || service_number || (run > limit && t[run - 1] >= U'A' && t[run - 1] <= U'Z'))) {
      const std::u32string_view view(t.data(), head_start);
      // Not a count (30个), a decimal, or an edition before a separator (2025·中国西藏发展论坛).
      // … nor a count of places (镇原4县高速项目).
      const bool counts = lex.units.LongestAt(view, pos).length > 0 || lex.IsCountWord(t[pos]) ||
                          (run > 0 && t[run - 1] == U'.') || t[pos] == U'·' ||
                          IsPlaceCounter(t[pos]) || t[pos] == U'余' || t[pos] == U'多';  // 80余家
      // (… or a service number of five digits opening the name: 12355青少年服务台, 12345热线.)
      if ((pos - run <= 4 || service_number) && !counts) {
        pos = run;
        while (pos > limit && ((t[pos - 1] >= U'A' && t[pos - 1] <= U'Z') || (t[pos - 1] >= U'a' && t[pos - 1] <= U'z')))
          --pos;
        continue;
      }
    }
    // 第十五届省运会暨第九届残运会: 暨 before an edition joins two events; the second opens after
    // it.
    if (c == U'暨' && pos < head_start && t[pos] == U'第') break;
    // A region name is read whole, even when it holds a boundary character (和林格尔, 新建区); but 我国
    // (the country, as the report says "ours") opens no name (我国首批国家公园).
    if (const int32_t k = hit_at[pos - 1 - s]; k >= 0 && hits[k].start >= limit && hits[k].start < pos - 1 &&
                                               hits[k].end <= head_start && !hits[k].blend) {
      if (t[hits[k].start] == U'我') break;
      pos = hits[k].start;
      continue;
    }
    // 中国—中亚峰会, 中国—东盟博览会, 陇东到山东特高压直流工程: a dash or 到 between two regions joins
    // them inside the name.
    if ((c == U'—' || c == U'到') && pos - 1 > limit && pos < head_start) {
      const int32_t after = hit_at[pos - s];
      int32_t before = hit_ending[pos - 1 - s];
      // (… also a place and its bracketed host province before the dash: 中国（河南）—东盟粮农合作发展大会.)
      if (before < 0 && t[pos - 2] == U')' && pos >= limit + 4) {
        uint32_t open = pos - 2;
        while (open > limit && t[open - 1] != U'(' && pos - 2 - open < 6) --open;
        const int32_t inner = open > limit ? hit_ending[pos - 2 - s] : -1;
        if (open > limit + 1 && t[open - 1] == U'(' && inner >= 0 && hits[inner].start == open)
          before = hit_ending[open - 1 - s];
      }
      // … and a country's dash opens a name whatever follows (中国—上海合作组织地方经贸合作示范区).
      const bool country = before >= 0 && c == U'—' && hits[before].regions.size() == 1 &&
                           lex.region(hits[before].regions[0]).level == "country"sv;
      // … and so does a region's dash before a named landform (河西走廊—塔克拉玛干沙漠边缘阻击战).
      bool landform = false;
      const std::u32string_view before_head(t.data(), head_start);
      for (uint32_t q = pos + 2; c == U'—' && q + 2 <= head_start && !landform; ++q)
        landform = lex.landform_marks.LongestAt(before_head, q).length > 0;
      // … and a place's dash before the distinct name of a park it hosts (天津滨海—中关村科技园: a
      // word of its own, not generic, between the dash and the head).
      const bool hosted_park = c == U'—' && before >= 0 && !hits[before].blend && head_start >= pos + 2 &&
                               hits[before].end == pos - 1 && after < 0 && !IsGenericModifier(pos, head_start) &&
                               std::none_of(t.begin() + pos, t.begin() + head_start,
                                            [](char32_t ch) { return IsNameBreak(ch) || ch == U'—'; });
      if (before >= 0 && (country || landform || hosted_park || (after >= 0 && hits[after].start == pos))) {
        pos = hits[before].start;
        continue;
      }
      // … and a river, lake or mountain's dash before a name that goes on (岷江—长江上游经济带, 新安江—
      // 千岛湖生态环境共同保护合作区, 环南昆山—罗浮山…引领区): the two features name it together.
      if (c == U'—' && pos - 1 > limit + 1 &&
          U"江河湖山"sv.find(t[pos - 2]) != std::u32string_view::npos && IsCjk(t[pos - 3]) &&
          IsCjk(t[pos])) {
        --pos;
        continue;
      }
    }
    if (IsNameBreak(c) || IsOpenQuote(c) || c == U'(') break;
    uint32_t len = 0;
    if (BoundaryEndsAt(pos, floor, &len)) {
      if (allow_soft && len >= 2) {
        const uint32_t left = PlacesBeforeVerb(pos - len, pos, floor);
        if (left != kRejected) pos = left;
      }
      break;
    }
    Trie::Match soft = lex.soft_boundary_reversed.LongestEndingAt(std::u32string_view(t.data(), pos), pos);
    if (soft.length > 0 && InsideListedWord(pos, soft.length)) soft.length = 0;  // 协和天津基地, 共和县
    // 、和若铁路: a 和 that opens a list item or the clause joins nothing; it is the name's first
    // letter (和田–若羌).
    if (soft.length == 1 && c == U'和' && pos < head_start && (pos - 1 == floor || IsNameBreak(t[pos - 2]))) {
      pos -= 1;
      break;
    }
    if (soft.length > 0) {
      if (!allow_soft) break;
      // 重庆脑与智能科学中心: join a short left part that is not a name of its own.
      uint32_t joint = pos - soft.length;
      uint32_t left = NameStart(joint, floor, false);
      if (left == kRejected) left = joint;
      // The joined part must open with a place name (重庆脑与智能科学中心), not be a list of nouns.
      bool anchored = left < joint && MatchRegionAt(left, joint).length > 0;
      // … or, across 与, a short field of study before the head of a lab, an institution, a body or
      // an event (干细胞与再生医学实验室, 国际葡萄与葡萄酒…交流合作中心, 海外投资与综合服务展洽会); across
      // 和, a field of four to six letters (国企改革和产业投资母基金, 全球智能机械和电子产品博览会) when
      // the words after the conjunction describe too: three letters or more, no place, not generic
      // (not 县城和中心, 国际赛事和北京马拉松, 个体工商户和行业协会).
      // (… of up to eight letters before the head of a lab or an institute: 干旱区生态安全与可持续发展全国
      // 重点实验室.)
      const uint32_t field_length = joint - left;
      constexpr uint32_t kMaxField = 4, kMaxLabField = 8;
      const bool field_conjunct =
          t[joint] == U'与' ? field_length >= 2 && field_length <= kMaxLabField
                            : t[joint] == U'和' && field_length >= 4 && field_length <= 6 && head_start >= joint + 4 &&
                                  !IsGenericModifier(joint + 1, head_start) && FindRegions(joint + 1, head_start).empty();
      if (!anchored && field_conjunct && !IsGenericModifier(left, joint)) {
        for (uint32_t end = head_start + 2; end <= head_start + 5 && end <= e && !anchored; ++end) {
          const Trie::Match head = lex.heads_reversed.LongestEndingAt(std::u32string_view(t.data(), end), end);
          if (head.length != end - head_start) continue;
          const std::string& type = lex.lex().heads[head.value].type;
          const bool lab = type == "Lab"sv || type == "Institution"sv;
          anchored = (lab || type == "Organization"sv || type == "Event"sv) && (t[joint] != U'与' || field_length <= kMaxField || lab);
        }
      }
      // … or, across 和, two parallel groups of people or things the name serves, the first one's last word
      // repeated at the second one's end (农村留守儿童和困境儿童关爱服务质量提升三年行动计划).
      if (!anchored && t[joint] == U'和' && joint >= left + 4 && !IsGenericModifier(left, joint)) {
        for (uint32_t q = joint + 2; q + 2 < head_start && q <= joint + 5 && !anchored; ++q)
          anchored = t[q] == t[joint - 2] && t[q + 1] == t[joint - 1] && IsCjk(t[q]) && FindRegions(joint + 1, q + 2).empty();
      }
      // … or, across 与 or 和, two things that a link word after the second one joins (link_words:
      // 京杭运河与小清河航道连通工程, 科技与产业融合创新协会): the name is of the link and holds
      // both, even when the first ends in a head of its own (运河). Not the last item of a list
      // (教育、科技与人才…), unless a whole name ends before the 、
      // (…融合服务平台、科技与产业融合创新协会).
      const bool linked =
          !anchored && (t[joint] == U'与' || t[joint] == U'和') && joint - left >= 2 &&
          head_start >= joint + 5 &&
          (left == floor || t[left - 1] != U'、' ||
           lex.heads_reversed.LongestEndingAt(std::u32string_view(t.data(), left - 1), left - 1)
                   .length > 0) &&
          ContainsWord(lex.link_words, joint + 3, head_start + 1, e);  // (…连通工程: in the head)
      anchored = anchored || linked;
      // (A place alone joins only across 与 to another place that opens a joint name, one with a
      // cooperation word: 通州区与北三县一体化高质量发展示范区 is one zone of the two; 和林格尔与乌兰察布片区
      // is two zones, 四川和…示范区 the province and a zone.)
      const bool place_pair = t[joint] == U'与' && joint + 1 < head_start && hit_at[joint + 1 - s] >= 0 &&
                              hits[hit_at[joint + 1 - s]].start == joint + 1 &&
                              ContainsWord(lex.cooperation_cues, joint + 1, head_start);
      // … or, across 及, the first conjunct of a modifier (生态及地质灾害避险搬迁一期工程, 光电重大设备及
      // 关键部件研发制造基地); not before a phase alone (引绰济辽及二期工程), nor across 和, which as often
      // joins two names sharing the head (医疗卫生强基和康复护理扩容提升工程).
      // (Nor the last item of a list, 成套装备、现代物流及供应链服务产业集群, nor a verb's 及: 普及, 惠及.)
      if (!anchored && t[joint] == U'及' && joint - left >= 2 && head_start >= joint + 3 &&
          !(IsChineseNumeral(t[joint + 1]) && t[joint + 2] == U'期') && t[joint + 1] != U'时' &&
          U"普以涉惠触顾波遍危企"sv.find(t[joint - 1]) == std::u32string_view::npos &&
          (left == floor || t[left - 1] != U'、') && FindRegions(left, joint).empty())
        anchored = true;
      bool joinable =
          anchored && joint - left <= kMaxSoftExtension &&
          (linked ||
           (lex.heads_reversed.LongestEndingAt(std::u32string_view(t.data(), joint), joint)
                    .length == 0 &&
            !ContainsHead(left, joint) &&
            (!IsWholeRegion(left, joint) || place_pair)));  // 延吉机场迁建和…
      // 全国重要科技创新和协同创新示范区: an evaluated conjunct makes the whole a description.
      if (!joinable && left < joint && ContainsWord(lex.evaluative_words, left, joint)) return kRejected;
      return joinable ? left : pos;
    }
    --pos;
  }
  return pos;
}

// The start of the grade words and 以上 before `start` (一批省级产业园 → 省级), over opening quotes;
// *plural is set when a plural cue (一批, 各类) ends there or between them.
uint32_t SentenceContext::ClassWordsStart(uint32_t start, bool* plural) const {
  const std::u32string_view view(t.data(), e);
  uint32_t p = start;
  while (p > s && text::IsQuoteMark(t[p - 1])) --p;  // 196个“两重”项目
  *plural = false;
  for (int steps = 0; steps < 3 && p > s; ++steps) {
    uint32_t len = 0;
    if (PluralCueEndsAt(p)) break;  // 一批 is also generic
    if (p >= s + 2 && t[p - 2] == U'以' && t[p - 1] == U'上') {
      p -= 2;
    } else if (BoundaryEndsAt(p, s, &len) && len < p - s && IsGenericModifier(p - len, p)) {
      p -= len;
    } else {
      break;
    }
  }
  *plural = PluralCueEndsAt(p);
  return p;
}

bool SentenceContext::CountAt(uint32_t pos) const { return CountEndAt(pos) > 0; }

uint32_t SentenceContext::CountEndAt(uint32_t pos) const {
  if (pos >= e || !(IsDigit(t[pos]) || IsChineseNumeral(t[pos]))) return 0;
  constexpr std::u32string_view kRangeMarks = U"—–-~～";
  while (pos < e && (IsDigit(t[pos]) || IsChineseNumeral(t[pos]) || t[pos] == U'余' ||
                     (t[pos] == U'.' && pos + 1 < e && IsDigit(t[pos + 1])) ||
                     (kRangeMarks.find(t[pos]) != std::u32string_view::npos && pos + 1 < e && IsDigit(t[pos + 1]))))
    ++pos;
  const uint32_t counter = lex.counters.LongestAt(std::u32string_view(t.data(), e), pos).length;
  return counter > 0 ? pos + counter : 0;
}

uint32_t SentenceContext::KindCountLength(uint32_t pos, uint32_t limit) const {
  if (pos + 1 >= limit || !IsChineseNumeral(t[pos])) return 0;
  if (t[pos + 1] == U'大') return 1;
  return lex.counters.LongestAt(std::u32string_view(t.data(), limit), pos + 1).length;
}

bool SentenceContext::NounAt(uint32_t pos) const {
  if (pos >= e) return false;
  return IsOpenQuote(t[pos]) ||
         (IsCjk(t[pos]) && U"以左和及与等"sv.find(t[pos]) == std::u32string_view::npos);
}

uint32_t SentenceContext::BuildWordAt(uint32_t pos) const {
  const std::u32string_view view(t.data(), e);
  // The word at p after up to two adverbs (顺利通车, 率先正式运行, 入轨运行): its end, or 0.
  const auto word_end = [&](uint32_t p) -> uint32_t {
    for (int adverbs = 0; adverbs <= 2 && p < e; ++adverbs) {
      if (const uint32_t len = lex.build_suffixes.LongestAt(view, p).length; len > 0) return p + len;
      const uint32_t adverb = lex.build_adverbs.LongestAt(view, p).length;
      if (adverb == 0) return 0;
      p += adverb;
    }
    return 0;
  };
  if (const uint32_t end = word_end(pos); end > 0) return end - pos;
  if (pos < e && t[pos] == U'在') {  // 在川落地, 在全国率先正式运行: 在, a place of one to three letters, the word
    for (uint32_t place = 1; place <= 3 && pos + 1 + place < e; ++place) {
      if (IsClauseBreak(t[pos + place]) || t[pos + place] == U'、') return 0;
      if (const uint32_t end = word_end(pos + 1 + place); end > 0) return end - pos;
    }
  }
  return 0;
}

uint32_t SentenceContext::PluralCueLengthAt(uint32_t pos) const {
  // The cues are kept reversed: the longest one ending at some point after pos that starts at pos.
  const std::u32string_view view(t.data(), e);
  for (uint32_t len = 4; len >= 2; --len) {
    if (pos + len <= e && lex.plural_cues_reversed.LongestEndingAt(view, pos + len).length == len) return len;
  }
  return 0;
}

bool SentenceContext::IsCountedClass(uint32_t start, uint32_t end) const {
  const std::u32string_view view(t.data(), e);
  // After: 通用机场8座, 产业园11个 (a phase, 二期, was taken into the name before), over a short
  // bracket and a comparator: 实践中心（所、站）2.8万个, 创新中心超480家, 示范区分别增加2个.
  uint32_t after = end;
  if (after < e && t[after] == U'(') {
    uint32_t close = after + 1;
    while (close < e && close - after < 8 && t[close] != U')') ++close;
    if (close < e && t[close] == U')') after = close + 1;
  }
  // (… and over 分别 and an increment: 国家现代农业产业园、…、地理标志保护示范区分别增加2个.)
  if (!CountAt(after) && after + 2 < e && t[after] == U'分' && t[after + 1] == U'别') {
    const uint32_t from = after + 2;
    for (uint32_t to = std::min<uint32_t>(e, from + 3); to >= from + 2; --to) {
      if (WordEndingAt(lex.increment_comparators_reversed, to, from) == to - from) {
        after = to;
        break;
      }
    }
  }
  if (!CountAt(after)) after += lex.target_comparators.LongestAt(view, after).length;
  // … unless a noun follows the counter: 明月湖科创园8家企业 counts the firms, not parks.
  if (const uint32_t count_end = CountEndAt(after); count_end > 0) return !NounAt(count_end);
  // Before, over grade words and 以上: 10个绿电产业园, 一批省级产业园, 10家以上中试平台.
  bool plural = false;
  const uint32_t p = ClassWordsStart(start, &plural);
  if (plural) return true;
  // … or opening the phrase itself: 部分“十四五”规划重大工程项目 (the quote kept the cue inside).
  if (const uint32_t cue = PluralCueLengthAt(start); cue > 0 && start + cue < end)
    return true;
  // 10个…, 4大…; but editions and times (两届“一带一路”…大会, 第三次…) count occasions of one thing.
  const bool edition = U"届次期年"sv.find(t[p > s ? p - 1 : s]) != std::u32string_view::npos;
  if (p >= s + 2 && !edition && (lex.counters.LongestAt(view, p - 1).length == 1 || lex.IsCountWord(t[p - 1]))) {
    const char32_t before = t[p - 2];
    return IsDigit(before) || IsChineseNumeral(before) || before == U'余';
  }
  return false;
}

// A verb [verb, verb_end) inside a designation that opens with places (湘南湘西承接产业转移平台,
// 长株潭一体化提升战略): the start of the places, when only generic words follow them up to the verb;
// kRejected when the verb is one a place builds with (成都建设X: 成都 is the builder) or the places
// are the last of a list of partners (与四川、青海共建…: they build it together).
uint32_t SentenceContext::PlacesBeforeVerb(uint32_t verb, uint32_t verb_end, uint32_t floor) const {
  // 绥哈大齐国家级生物制造集群: a run of three to five city letters the gazetteer reads no region in,
  // written right after a word boundary, opens the designation before a grade as places do.
  if (verb_end - verb >= 2 && t[verb_end - 1] == U'级' && verb > floor + 3 && hit_at[verb - 1 - this->s] < 0) {
    uint32_t q = verb;
    while (q > floor && verb - q < 5 && hit_at[q - 1 - this->s] < 0 && PlaceLettersIn(q - 1, q)) --q;
    uint32_t boundary = 0;
    if (verb - q >= 3 && IsGenericModifier(verb, verb_end) &&
        (q == floor || IsNameBreak(t[q - 1]) || IsOpenQuote(t[q - 1]) || BoundaryEndsAt(q, floor, &boundary)))
      return q;
  }
  // Cheap first (this is asked at most name starts): a place among the few characters before the verb.
  bool place_before = false;
  for (uint32_t p = verb; p > floor && p + kMaxSoftExtension + 6 > verb && !place_before; --p)
    place_before = hit_at[p - 1 - this->s] >= 0;
  const std::u32string_view before(t.data(), verb_end);
  const uint32_t len = verb_end - verb;
  // (A negated verb says what a place lacks: 川西北不通铁路的历史.)
  const bool negated = t[verb] == U'不' || t[verb] == U'未' || t[verb] == U'无';
  if (!place_before || negated || lex.develop_verbs_reversed.LongestEndingAt(before, verb_end).length >= len ||
      lex.plan_verbs_reversed.LongestEndingAt(before, verb_end).length >= len) {
    return kRejected;
  }
  const uint32_t left = NameStart(verb, floor, false);
  if (left == kRejected || left >= verb) return kRejected;
  // A grade (国家级, 省级) is no verb: places before it open the designation even as the last of a
  // list or the clause's first words (南京、昆山国家级金融改革试验区; entity.shared_head lends it to 南京).
  const bool grade = t[verb_end - 1] == U'级' && IsGenericModifier(verb, verb_end);
  const char32_t prev = left > floor ? t[left - 1] : U'\0';
  if (!grade && (prev == U'、' || prev == U'与' || prev == U'和' || prev == U'同')) return kRejected;
  // Places opening the clause are its subject (成都纳入…试点, 成都深化…), not part of a name.
  if (!grade && (left == floor || left == this->s || IsClauseBreak(prev))) return kRejected;
  uint32_t places_end = left;  // a run of places (湘南湘西), then generic words only (一体化)
  while (places_end < verb && hit_at[places_end - this->s] >= 0 && hits[hit_at[places_end - this->s]].start == places_end)
    places_end = hits[hit_at[places_end - this->s]].end;
  return places_end > left && places_end <= verb && IsGenericModifier(places_end, verb) ? left : kRejected;
}

// Skips what counts rather than names: 13项…, 第九届…, 第8届…, 两届…, and a leading 的 or quote mark.
uint32_t SentenceContext::SkipQuantityPrefix(uint32_t start, uint32_t limit) const {
  std::u32string_view view(t.data(), limit);
  for (bool moved = true; moved && start < limit;) {
    moved = false;
    if (t[start] == U'的' || text::IsQuoteMark(t[start]) || t[start] == U'·') {
      ++start, moved = true;
      continue;
    }
    // 近百场…, 超千场…: an approximate count in numerals and its counter.
    if (U"近超约逾"sv.find(t[start]) != std::u32string_view::npos) {
      uint32_t n = start + 1;
      while (n < limit && (IsChineseNumeral(t[n]) || IsDigit(t[n]))) ++n;
      if (n > start + 1 && n < limit) {
        const uint32_t counter = std::max(lex.units.LongestAt(view, n).length, lex.IsCountWord(t[n]) ? 1u : 0u);
        if (counter > 0 && n + counter < limit) {
          start = n + counter, moved = true;
          continue;
        }
      }
    }
    // 4F级机场, 5A级景区: a grade code after the number.
    if (start > 0 && start + 1 < limit && IsDigit(t[start - 1]) && t[start] >= U'A' && t[start] <= U'Z' &&
        t[start + 1] == U'级') {
      start += 2, moved = true;
      continue;
    }
    if (start > 0 && IsDigit(t[start - 1])) {  // the number itself is a name break
      // 80余家…, 20多个…: an approximate count.
      if (t[start] == U'余' || t[start] == U'多') {
        const uint32_t counter =
            start + 1 < limit ? std::max(lex.units.LongestAt(view, start + 1).length, lex.IsCountWord(t[start + 1]) ? 1u : 0u) : 0;
        if (counter > 0 && start + 1 + counter < limit) {
          start += 1 + counter, moved = true;
          continue;
        }
      }
      Trie::Match unit = lex.units.LongestAt(view, start);
      if (unit.length > 0) {
        start += unit.length, moved = true;
        continue;
      }
      // … or a count of places (3县5乡…).
      if (lex.IsCountWord(t[start]) || IsPlaceCounter(t[start])) {
        ++start, moved = true;
        continue;
      }
    }
    // 首届…, 首批…, 首条…: the first edition, batch or one of a kind.
    if (t[start] == U'首' && start + 2 < limit &&
        U"届批条台座个家趟"sv.find(t[start + 1]) != std::u32string_view::npos) {
      start += 2, moved = true;
      continue;
    }
    uint32_t k = start + (t[start] == U'第' ? 1 : 0);
    uint32_t numerals = k;
    while (numerals < limit && (IsChineseNumeral(t[numerals]) || (k > start && IsDigit(t[numerals])))) ++numerals;
    if (numerals > k && numerals < limit && (t[numerals] == U'届' || t[numerals] == U'次' || t[numerals] == U'批')) {
      start = numerals + 1, moved = true;
    }
  }
  return start;
}

uint32_t EditionStart(const std::u32string& t, uint32_t start, uint32_t from) {
  if (start <= from + 1) return start;
  const char32_t last = t[start - 1];
  uint32_t q = start - 1;
  if (last == U'届' || last == U'次') {
    while (q > from && start - q <= 5 && (IsDigit(t[q - 1]) || IsChineseNumeral(t[q - 1]))) --q;
    if (q > from && q < start - 1 && t[q - 1] == U'第') return q - 1;
    if (q == start - 1 && t[q - 1] == U'首') return q - 1;
    // 圆满举办4届南博会, 成功举办两届…大会: editions held (not 十届, which is an ordinal without 第).
    if (q < start - 1 && (IsDigit(t[q]) || (q + 2 == start && (t[q] == U'两' || t[q] == U'多')))) return q;
    return start;
  }
  // 2026年世界林木业大会, 2025·中国西藏发展论坛: the year of the edition.
  if (last == U'年' || last == U'·') {
    while (q > from && start - q <= 5 && IsDigit(t[q - 1])) --q;
    if (start - 1 - q == 4) return q;
  }
  return start;
}

// A category word closes its phrase only before punctuation, a list word or a verb
// (品牌推介 and 项目处置 are not "brands" or "projects").
bool SentenceContext::PhraseEndsAt(uint32_t pos, uint32_t e) const {
  if (pos >= e) return true;
  char32_t c = t[pos];
  if (IsNameBreak(c) || text::IsQuoteMark(c) || c == U'(' || c == U')' || c < 0x80) return true;
  std::u32string_view view(t.data(), e);
  return lex.boundary_words.LongestAt(view, pos).length > 0 ||
         lex.soft_boundary_reversed.LongestEndingAt(view, pos + 1).length == 1;
}

// A head ends a name unless the text runs on into another word (工程师, 中心城市), also one that
// starts at the head's last letter (开行动车: 行动 runs into 动车).
bool SentenceContext::CanEndName(uint32_t pos, uint32_t e) const {
  if (pos >= e) return true;
  // 省委“十五五”规划《建议》: a head right before a book title describes the title.
  if (t[pos] == U'《') return false;
  const std::u32string_view view(t.data(), e);
  if (pos > 0 && lex.head_continuations.LongestAt(view, pos - 1).length >= 2) return false;
  return lex.head_continuations.LongestAt(view, pos).length == 0;
}

bool SentenceContext::ContainsHead(uint32_t from, uint32_t to) const {
  for (uint32_t end = from + 1; end <= to; ++end) {
    const auto head = lex.heads_reversed.LongestEndingAt(std::u32string_view(t.data(), end), end);
    const uint32_t length = head.length;
    // A head that needs a place (上合资本港) leaves the item to the cue that types it.
    if (length == 0 || lex.lex().heads[head.value].needs_place) continue;
    // A head inside a region name (港 in 防城港) is not a head.
    const int32_t k = end - 1 >= s && end - 1 < this->e ? hit_at[end - 1 - s] : -1;
    if (k >= 0 && hits[k].start <= end - length) continue;
    return true;
  }
  return false;
}

// Skips boundary words (力争, 高水平, 建设…) at the start of [pos, limit).
uint32_t SentenceContext::SkipLeadingBoundaryWords(uint32_t pos, uint32_t limit) const {
  std::u32string_view view(t.data(), limit);
  const uint32_t from = pos;
  while (pos < limit) {
    Trie::Match m = lex.boundary_words.LongestAt(view, pos);
    // Verbs joined by 、 or 和 (新建、改扩建…, 制定、修改和废止…): the mark goes with them.
    if (m.length == 0 && pos > from && (t[pos] == U'、' || t[pos] == U'和') && pos + 1 < limit &&
        (lex.boundary_words.LongestAt(view, pos + 1).length > 0 || lex.metric_verbs.LongestAt(view, pos + 1).length > 0)) {
      ++pos;
      if (const uint32_t verb = lex.metric_verbs.LongestAt(view, pos).length; verb > 0) pos += verb;
      continue;
    }
    // A longer listed word starting here keeps its letters (保障性安居工程 is not 性安居工程).
    if (m.length > 0 && lex.boundary_exceptions.LongestAt(view, pos).length > m.length) break;
    if (m.length == 0) {
      // An enumerator of the report's lists: 一是, 十三是.
      uint32_t k = pos;
      while (k < limit && IsChineseNumeral(t[k])) ++k;
      if (k == pos || k >= limit || t[k] != U'是') break;
      m.length = k + 1 - pos;
    }
    pos += m.length;
  }
  return pos;
}

void SentenceContext::FindDocumentYear() {
  const std::u32string_view all(t);
  out.document_year = text::DetectReportYear(all.substr(layout.title_start, layout.title_end - layout.title_start),
                                             all.substr(0, std::min<size_t>(all.size(), 2000)));
}

// Where the plan part starts (see TargetStatus); read once per document.
void SentenceContext::FindPlanStart() {
  plan_start_ = -1;
  const std::u32string_view all(t);
  const int year = out.document_year;
  std::u32string year_word, period;
  if (year >= 1000) {
    for (char32_t d : std::to_string(year)) year_word += d;
    year_word += U'年';
  }
  if (year >= 2016 && year < 2066) {  // 十三五 (2016–2020), 十四五, 十五五 …
    static constexpr std::u32string_view kDigits = U"三四五六七八九";
    period = std::u32string(U"十") + kDigits[(year - 2016) / 5] + U"五";
  }
  auto has = [](std::u32string_view line, std::u32string_view word) {
    return !word.empty() && line.find(word) != std::u32string_view::npos;
  };
  // The plan's number written out (第十五个五年规划), as reports also name the period.
  const std::u32string plan_ordinal = period.empty() ? std::u32string() : U"第" + period.substr(0, 2) + U"个五年";
  size_t next_heading = 0;
  bool after_review_chapter = false;  // a top-level heading with a look-back word came before
  // A chapter that looks back and forward (二、“十四五”时期发展成就和“十五五”时期主要目标任务): its
  // plan part starts at the first paragraph that names the coming period.
  bool mixed_chapter = false;
  for (const text::Line& line : layout.lines) {
    if (line.kind != text::LineKind::kHeading && line.kind != text::LineKind::kBody) continue;
    int level = 0;
    while (next_heading < layout.headings.size() && layout.headings[next_heading].start < line.start) ++next_heading;
    if (next_heading < layout.headings.size() && layout.headings[next_heading].start == line.start)
      level = layout.headings[next_heading].level;
    const std::u32string_view text = all.substr(line.start, line.end - line.start);
    const bool heading_like = line.kind == text::LineKind::kHeading ||
                              (text.size() <= 40 && text.find(U'。') == std::u32string_view::npos);
    if (mixed_chapter && !heading_like && (has(text, period) || has(text, plan_ordinal))) {
      plan_start_ = line.start;
      return;
    }
    // Not the title block's lines (2026年政府工作报告, ——2026年2月4日在…会议上).
    if (!heading_like || has(text, U"报告") || text.front() == U'—') continue;
    // The year, not a date (（2026年1月27日在…会议上）).
    bool names_year = false;
    for (size_t at = year_word.empty() ? std::u32string_view::npos : text.find(year_word);
         at != std::u32string_view::npos && !names_year; at = text.find(year_word, at + 1)) {
      const size_t after = at + year_word.size();
      names_year = after >= text.size() || !IsDigit(text[after]);
    }
    const bool review = std::any_of(lex.review_headings.begin(), lex.review_headings.end(),
                                    [&](const std::u32string& word) { return has(text, word); });
    // The chapter after the look-back one (福建: 一、…持续取得新成效 then 二、一张蓝图绘到底…).
    const bool next_chapter = level == 1 && !review && after_review_chapter;
    if (level == 1 && review) after_review_chapter = true;
    if (level == 1) mixed_chapter = review && has(text, period);
    if (!next_chapter && (review || (!names_year && !has(text, U"今年") && !has(text, period)))) continue;
    plan_start_ = line.start;
    return;
  }
}

// "achieved" in the look-back part, else "planned"; without a plan start found, under a look-back
// chapter (each chapter's heading is read once).
const char* SentenceContext::TargetStatus(const text::Sentence& sentence) {
  if (plan_start_ == -2) FindPlanStart();
  if (plan_start_ >= 0) return sentence.start < plan_start_ ? "achieved" : "planned";
  if (sentence.chapter < 0) return "planned";
  if (chapter_achieved_.empty()) chapter_achieved_.assign(layout.headings.size(), -1);
  int8_t& achieved = chapter_achieved_[sentence.chapter];
  if (achieved < 0) {
    const auto& h = layout.headings[sentence.chapter];
    std::u32string_view heading(t.data() + h.start, h.end - h.start);
    achieved = std::any_of(lex.review_headings.begin(), lex.review_headings.end(), [&](const std::u32string& word) {
      return heading.find(word) != std::u32string_view::npos;
    });
  }
  return achieved ? "achieved" : "planned";
}

void SentenceContext::PairwiseCooperation(std::vector<int32_t> regions, const char* rule, Ref via) {
  std::sort(regions.begin(), regions.end());
  regions.erase(std::unique(regions.begin(), regions.end()), regions.end());
  for (size_t a = 0; a < regions.size(); ++a) {
    for (size_t b = a + 1; b < regions.size(); ++b) {
      if (regions[a] != regions[b]) AddRelation(RegionRef(regions[a]), RegionRef(regions[b]), "cooperates_with", rule, via);
    }
  }
}

void SentenceContext::BlendCooperation(const RegionHit& hit, const char* rule, Ref via) {
  // 闽港闽澳合作: a run of letters that repeats its first one pairs that one with each other (福建 with
  // 香港, 福建 with 澳门), not the others with each other.
  bool letters = hit.regions.size() >= 2;
  bool hub = false;
  for (uint32_t k = hit.start; k < hit.end && letters; ++k) {
    letters = lex.ProvinceLetter(t[k]) >= 0;
    hub = hub || (k > hit.start && t[k] == t[hit.start]);
  }
  if (!letters || !hub || lex.ProvinceLetter(t[hit.start]) != hit.regions[0]) {
    PairwiseCooperation(hit.regions, rule, via);
    return;
  }
  for (size_t k = 1; k < hit.regions.size(); ++k) {
    if (hit.regions[k] != hit.regions[0])
      AddRelation(RegionRef(hit.regions[0]), RegionRef(hit.regions[k]), "cooperates_with", rule, via);
  }
}

uint32_t SentenceContext::VerbOpeningList(const lexicon::Trie& reversed, uint32_t pos, uint32_t clause,
                                          uint32_t max_item, uint32_t max_items) const {
  // A verb right before a count of years (联合国成立75周年系列高级别会议) names an anniversary: no verb.
  auto verb_ending_at = [&](uint32_t q) {
    uint32_t d = q;
    while (d < e && IsDigit(t[d])) ++d;
    if (d > q && d + 1 < e && t[d] == U'周' && t[d + 1] == U'年') return 0u;
    const uint32_t length = WordEndingAt(reversed, q, clause);
    // A verb right after a field word (产业升级战略、项目带动战略: generic_modifiers) is part of a
    // noun; not after a word that is a verb or an adverb itself (统筹实施: boundary_words).
    const uint32_t verb = q - length;
    uint32_t boundary = 0;
    if (length == 0 || BoundaryEndsAt(verb, clause, &boundary)) return length;
    for (uint32_t k = verb > clause + 4 ? verb - 4 : clause; k + 1 < verb; ++k) {
      if (lex.generic_modifiers.LongestAt(std::u32string_view(t.data(), verb), k).length ==
          verb - k)
        return 0u;
    }
    return length;
  };
  for (uint32_t items = 0; items < max_items && pos > clause && t[pos - 1] == U'、'; ++items) {
    const uint32_t item_end = --pos;
    uint32_t q = item_end;
    // (An unnamed item may hold quotes and digits: “相约春天赏樱花”经贸洽谈暨世界500强对话湖北.)
    while (q > clause && item_end - q < max_item && !IsClauseBreak(t[q - 1]) && t[q - 1] != U'、' &&
           verb_ending_at(q) == 0)
      --q;
    if (q == item_end) return 0;
    if (verb_ending_at(q) > 0) return q;
    pos = q;
  }
  return 0;
}

// Regions listed right before `pos` (R1、R2和R3<pos>), nearest last; empty if none ends at pos.
std::vector<const RegionHit*> SentenceContext::PairedHelpersBefore(uint32_t cue) const {
  if (out.document_region < 0 || cue + 1 >= e || t[cue] != U'对' || t[cue + 1] != U'口') return {};
  std::vector<const RegionHit*> list = RegionListEndingAt(cue);
  if (list.empty() || list.front()->start != ClauseStart(cue)) return {};
  for (const RegionHit* h : list) {
    if (h->blend || h->regions.size() != 1 || h->regions[0] == out.document_region) return {};
  }
  return list;
}

std::vector<const RegionHit*> SentenceContext::RegionListEndingAt(uint32_t pos) const {
  std::vector<const RegionHit*> list;
  auto ending_at = [&](uint32_t p) -> const RegionHit* {
    if (p < this->s || p - this->s >= hit_ending.size()) return nullptr;
    int32_t k = hit_ending[p - this->s];
    return k >= 0 && !hits[k].inside_name ? &hits[k] : nullptr;
  };
  while (const RegionHit* found = ending_at(pos)) {
    list.push_back(found);
    pos = found->start;
    // 襄阳、宜昌、黄冈-鄂州-黄石建设…: a hyphen joins regions named together like a list.
    if (pos > this->s && (t[pos - 1] == U'、' || t[pos - 1] == U'和' || t[pos - 1] == U'及' || t[pos - 1] == U'-' ||
                          t[pos - 1] == U'—' || t[pos - 1] == U'–')) {
      --pos;
    } else if (!ending_at(pos)) {  // run-together names (垫江梁平) continue without a separator
      break;
    }
  }
  std::reverse(list.begin(), list.end());
  return list;
}

void SentenceContext::AddAliases(EntityMention& ent, const Candidate& c, const std::vector<int32_t>& inside) const {
  auto add = [&](std::u32string alias, const char* rule) {
    if (alias.size() >= 2 && alias != ent.name &&
        std::none_of(ent.aliases.begin(), ent.aliases.end(), [&](const auto& a) { return a.first == alias; })) {
      ent.aliases.emplace_back(std::move(alias), rule);
    }
  };
  const std::u32string& name = ent.name;
  if (lex.HasAbbreviationIn(name)) {
    for (const auto& [abbr, expansion] : lex.name_expansions) {
      if (size_t at = name.find(abbr); at != std::u32string::npos) {
        if (std::u32string_view(name).substr(at).starts_with(expansion)) {
          // 贵阳至北海高速公路 → 贵阳至北海高速: the expansion written, its abbreviation is the alias.
          add(name.substr(0, at) + abbr + name.substr(at + expansion.size()), "alias.expansion");
        } else {
          add(name.substr(0, at) + expansion + name.substr(at + abbr.size()), "alias.expansion");
        }
      }
    }
  }
  // 《…规划纲要（草案）》: the title with its draft mark is another writing of the plan (the bare title of
  // a province's own outline, as written, joins no other province's: alias.own_designation).
  if (ent.rule == "entity.book_title"sv) {
    const std::u32string_view after(t.data() + c.end, e - c.end);
    if (after.starts_with(U"(草案)"sv) || after.starts_with(U"草案"sv)) {
      add(name + U"(草案)", "alias.draft");
      if (c.own_region >= 0)
        ent.aliases.emplace_back(NameWithoutQuotes(c.start, c.end) + U"(草案)", "alias.own_designation");
    }
  }
  // 进博会 and 中国国际进口博览会: a known site written by its name or one of its aliases
  // (gazetteer/sites.json) takes the others, so that every writing is one node.
  if (ent.rule == "entity.known_site"sv) {
    const std::string written = EncodeUtf8(name);
    for (const schema::Site& site : lex.lex().sites) {
      if (site.name != written && std::find(site.aliases.begin(), site.aliases.end(), written) == site.aliases.end())
        continue;
      if (site.name != written) add(DecodeUtf8Lenient(site.name), "alias.known_site");
      for (const std::string& alias : site.aliases)
        if (alias != written) add(DecodeUtf8Lenient(alias), "alias.known_site");
      break;
    }
  }
  // 深圳前海, 元阳哈尼梯田: a known site named with the place before it is the site (its bare name an
  // alias, so that both writings are one node).
  if (ent.rule == "entity.known_site"sv && c.start >= s && hit_at[c.start - s] >= 0) {
    const RegionHit& place = hits[hit_at[c.start - s]];
    if (place.start == c.start && place.end + 2 <= c.end) add(std::u32string(t.data() + place.end, t.data() + c.end), "alias.known_site");
  }
  // 西部(重庆)科学城 → 重庆科学城, 中国(绵阳)科技城 → 绵阳科技城: the bracketed region plus what
  // follows, when what precedes it is a country's or a part of China's word of two letters (not a name
  // of its own: 美丽长江(安徽)经济带 is no 安徽经济带).
  constexpr size_t kMaxBracketPrefix = 2;
  size_t open = name.find(U'('), close = name.find(U')');
  if (open != std::u32string::npos && open > 0 && open <= kMaxBracketPrefix && close != std::u32string::npos &&
      close > open + 1 && close + 1 < name.size()) {
    std::u32string inner = name.substr(open + 1, close - open - 1);
    if (lex.region_names.Find(inner) >= 0) add(inner + name.substr(close + 1), "alias.bracket_region");
  }
  // 中国网络视听大会 → 网络视听大会, 中国—亚欧博览会 → 亚欧博览会: an event or a facility written with the
  // country before it (and a dash: the fair of China and its partners) is the one without; a facility's
  // rest may be three letters (中国洋浦港 → 洋浦港), an event's not (中国艺术节 is no 艺术节 of any
  // province); never two (中国天眼).
  if ((ent.type == "Event"sv || ent.type == "Facility"sv) && name.starts_with(U"中国"sv)) {
    const size_t min_rest = ent.type == "Facility"sv ? 3 : 4;
    const size_t rest = name.size() > 3 && (name[2] == U'—' || name[2] == U'-') ? 3 : 2;
    if (name.size() >= rest + min_rest && IsCjk(name[rest]) && !IsChineseNumeral(name[rest]))
      add(name.substr(rest), "alias.country_prefix");
  }
  // 绥哈大齐国家级生物制造集群 → 绥哈大齐生物制造集群: a grade (国家级, 省级) written between the places
  // that open a name and the rest of it only qualifies the one thing the rest names.
  if (c.borrowed_head_end == c.borrowed_head_start && !inside.empty()) {
    uint32_t places_end = 0;  // the end of the run of regions that opens the name
    for (int32_t k : inside) {
      if (hits[k].start == (places_end == 0 ? c.start : places_end)) places_end = hits[k].end;
    }
    const uint32_t grade = places_end > 0 ? GradeAt(places_end, c.end) : 0;
    if (grade > 0 && places_end + grade + 3 <= c.end &&
        std::none_of(t.begin() + c.start, t.begin() + c.end, [](char32_t ch) { return text::IsQuoteMark(ch); })) {
      std::u32string without(t.data() + c.start, t.data() + places_end);
      without.append(t.data() + places_end + grade, t.data() + c.end);
      add(std::move(without), "alias.grade");
    }
  }
  // 贵阳至北海高速公路(南宁至北海段) → 贵阳至北海高速公路: a segment is part of the whole line.
  if (name.size() > 4 && name.back() == U')' && name[name.size() - 2] == U'段') {
    if (const size_t at = name.rfind(U'('); at != std::u32string::npos && at >= 2) add(name.substr(0, at), "alias.segment");
  }
  // G219线禾木(吉克普林)至喀纳斯 → G219线禾木至喀纳斯, 成渝(兴隆湖)综合性科学中心 → 成渝综合性科学中心: a
  // bracketed aside that names no region (a region in brackets tells two things apart: 西部(成都)科学城).
  // (Not a one-letter aside outside a project's name: 中欧(亚)班列 is a train of its own.)
  if (open != std::u32string::npos && open > 0 && close != std::u32string::npos &&
      close > open + (ent.type == "Project"sv ? 1 : 2) && close + 1 < name.size() &&
      lex.region_names.Find(name.substr(open + 1, close - open - 1)) < 0) {
    add(name.substr(0, open) + name.substr(close + 1), "alias.aside");
  }
  // 科技型企业“双倍增”行动 → 双倍增行动: a quoted nickname right before the head.
  {
    std::u32string_view span(t.data() + ent.start, ent.end - ent.start);
    // The last of two marks at or before `from` (find_last_of, without its search of a set per
    // letter).
    const auto last_of = [&](char32_t a, char32_t b, size_t from) {
      for (size_t k = std::min(from, span.size() - 1) + 1; k-- > 0;) {
        if (span[k] == a || span[k] == b) return k;
      }
      return std::u32string_view::npos;
    };
    size_t close = span.empty() ? std::u32string_view::npos : last_of(U'”', U'’', span.size() - 1);
    size_t open = close == std::u32string_view::npos ? close : last_of(U'“', U'‘', close);
    if (open != std::u32string_view::npos && close > open + 1 && span.size() - close - 1 >= 1 &&
        span.size() - close - 1 <= 4 && open > 0) {
      add(std::u32string(span.substr(open + 1, close - open - 1)) + std::u32string(span.substr(close + 1)),
          "alias.quoted_nickname");
    }
  }
  // “引客入川”计划 → 引客入川计划: a quoted name typed by the cue word right after it (行动, 计划 …) is
  // written with that word too.
  // One named with its cue (named_with_cue: “人工智能+”行动 → 人工智能+行动) keeps the quoted words.
  if (ent.rule == "entity.quoted_cue"sv && c.borrowed_head_end > c.borrowed_head_start) {
    add(name.substr(0, name.size() - (c.borrowed_head_end - c.borrowed_head_start)), "alias.quoted_cue");
  } else if (ent.rule == "entity.quoted_cue"sv && ent.end < e) {
    const lexicon::Trie::Match cue = lex.cues.LongestAt(std::u32string_view(t.data(), e), ent.end);
    if (cue.length > 0 && lex.lex().cues[cue.value].quoted_only)
      add(name + std::u32string(t.data() + ent.end, cue.length), "alias.quoted_cue");
  }
  // A phase (崖州湾国家实验室二期, 科学大道一期) is not the whole thing: no alias without it.
  // 万达开川渝统筹发展示范区 → 万达开统筹发展示范区: a province blend qualifying a city blend.
  const RegionHit* city_blend = nullptr;
  const RegionHit* province_blend = nullptr;
  for (int32_t k : inside) {
    const RegionHit& h = hits[k];
    if (h.blend) (h.city_tier ? city_blend : province_blend) = &h;
  }
  if (city_blend && province_blend && std::none_of(name.begin(), name.end(), text::IsQuoteMark)) {
    std::u32string original(t.begin() + ent.start, t.begin() + ent.end);
    if (original == name) {
      uint32_t off = province_blend->start - ent.start;
      add(name.substr(0, off) + name.substr(off + (province_blend->end - province_blend->start)), "alias.drop_qualifier");
    }
  }
  // 第七届中阿博览会, 首届青稞产业发展大会: an event named across its editions is also named as
  // written with the edition before it.
  if (ent.type == "Event"sv) {
    if (const uint32_t edition = EditionStart(t, ent.start, s);
        edition < ent.start && (t[edition] == U'第' || t[edition] == U'首'))
      add(std::u32string(t.begin() + edition, t.begin() + ent.start) + name, "alias.edition");
  }
  // 实施淮河入海水道二期、吴淞江江苏段整治等工程: an item before a shared category head (工程, 项目) is
  // also named as written (淮河入海水道二期).
  if (c.rule == "entity.elliptic_head"sv && c.borrowed_head_end - c.borrowed_head_start == 2 && c.end - c.start >= 4) {
    const std::u32string_view borrowed(t.data() + c.borrowed_head_start, 2);
    if (borrowed == U"工程"sv || borrowed == U"项目"sv)
      add(NameWithoutQuotes(c.start, c.end), "alias.elliptic_item");
  }
}

// Points the per-position hit indexes at `hits`. Entries outside the hits stay -1 / 0 between
// sentences, so only the positions of the previously indexed hits are reset.
void SentenceContext::IndexHits() {
  for (const auto& [start, end] : indexed_hits_) {
    std::fill(hit_at.begin() + start, hit_at.begin() + end, -1);
    hit_ending[end] = -1;
    hit_starts[start] = 0;
  }
  indexed_hits_.clear();
  if (hit_at.size() < e - s + 1) {
    hit_at.resize(e - s + 1, -1);
    hit_ending.resize(e - s + 1, -1);
    hit_starts.resize(e - s + 1, 0);
  }
  for (size_t k = 0; k < hits.size(); ++k) {
    const uint32_t start = hits[k].start - s, end = hits[k].end - s;
    std::fill(hit_at.begin() + start, hit_at.begin() + end, static_cast<int32_t>(k));
    hit_ending[end] = static_cast<int32_t>(k);
    hit_starts[start] = 1;
    indexed_hits_.emplace_back(start, end);
  }
}

// One pass over the sentence: its clauses and cooperation cues, and the positions the later scans
// start from (region starts, head ends, enumeration marks, digits), so that they skip the rest.
void SentenceContext::ScanSentence() {
  clause_cooperative.assign(1, 0);
  clause_starts.assign(1, s);
  cooperation_cue_starts.clear();
  region_starts.Reset(e - s);
  head_ends.Reset(e - s);
  enumeration_marks.Reset(e - s);
  digits.Reset(e - s);
  open_quotes.Reset(e - s);
  book_title_opens.Reset(e - s);
  route_letters.Reset(e - s);
  phase_marks.Reset(e - s);
  magnitude_marks.Reset(e - s);
  designation_starts.Reset(e - s);
  supply_route_marks.Reset(e - s);
  counted_programme_starts.Reset(e - s);
  cluster_head_ends.Reset(e - s);
  std::u32string_view view(t.data(), e);
  const char32_t* text = t.data();
  const uint8_t* lexicon_flags = lex.bmp_position_flags();
  const uint16_t* char_classes = char_classes_.data();
  const bool region_single = lex.region_single();
  constexpr uint8_t kNotRegionStart = static_cast<uint8_t>(~CompiledLexicon::kRegionStart);
  for (const char32_t *at = text + s, *const sentence_end = text + e; at < sentence_end; ++at) {
    const char32_t c = *at;
    uint8_t flags = 0xFF;  // every flag is set above the BMP
    uint16_t classes = 0;
    if (c <= 0xFFFF) {
      flags = lexicon_flags[c];
      classes = char_classes[c];
    }
    // Most Chinese characters start some region name, few with the character after them: the pair
    // filter decides, without a branch (its outcome is hard to predict), whether the position goes
    // to region_starts; most positions have nothing else and are skipped here.
    const bool has_next = at + 1 < sentence_end;
    const bool pair = lex.MayStartRegionPair(c, has_next ? at[1] : U'\0');
    const bool region = ((flags & CompiledLexicon::kRegionStart) != 0) & (region_single | (has_next & pair));
    const uint32_t p = static_cast<uint32_t>(at - text);
    region_starts.PushIf(p, region);
    if (((flags & kNotRegionStart) | classes) == 0) continue;  // most positions
    if (flags & CompiledLexicon::kHeadEnd) head_ends.Push(p);
    if (flags & CompiledLexicon::kDesignationStart) designation_starts.Push(p);
    if (flags & CompiledLexicon::kCountedProgrammeStart) counted_programme_starts.Push(p);
    if (flags & CompiledLexicon::kClusterHeadEnd) cluster_head_ends.Push(p);
    if (classes != 0) {  // (most positions here only start or end a lexicon word)
      if (classes & kEnumerationMark) enumeration_marks.Push(p);
      if (classes & kDigitChar) digits.Push(p);
      if (classes & kOpenQuoteChar) open_quotes.Push(p);
      if (classes & kBookTitleOpenChar) book_title_opens.Push(p);
      if (classes & kRouteLetterChar) route_letters.Push(p);
      if (classes & kPhaseChar) phase_marks.Push(p);
      if (classes & kMagnitudeChar) magnitude_marks.Push(p);
      if (classes & kSupplyRouteMark) supply_route_marks.Push(p);
    }
    const bool cue = (flags & CompiledLexicon::kCooperationCueStart) &&
                     lex.cooperation_cues.LongestAt(view, p).length > 0;
    if (cue) cooperation_cue_starts.push_back(p);
    if (classes & kClauseBreakChar) {
      clause_cooperative.push_back(0);
      clause_starts.push_back(p + 1);
    } else if (cue) {
      clause_cooperative.back() = 1;
    }
  }
}

bool SentenceContext::NamesWorks(uint32_t from, uint32_t to) const {
  const std::u32string_view view(t.data(), to);
  for (uint32_t p = from; p < to; ++p) {
    const char32_t ch = t[p];
    uint32_t digits = p;
    while (digits < to && (IsDigit(t[digits]) || t[digits] == U'.')) ++digits;
    if (lex.works_words.LongestAt(view, p).length > 0 || (ch == U'段' && p > from + 1) ||
        (ch == U'期' && p > from && (IsDigit(t[p - 1]) || IsChineseNumeral(t[p - 1]))) ||
        (IsDigit(ch) && (p == from || !IsDigit(t[p - 1])) && lex.units.LongestAt(view, digits).length > 0) ||
        (ch == U'引' && p + 3 < to && (t[p + 2] == U'济' || t[p + 3] == U'济')))
      return true;
  }
  return false;
}

bool SentenceContext::CueFollows(uint32_t after) const {
  const std::u32string_view view(t.data(), e);
  for (uint32_t j = after; j < e && j <= after + 2; ++j) {
    if (lex.cues.LongestAt(view, j).length > 0) return true;
  }
  return false;
}

bool SentenceContext::RunsOnToWeakHead(uint32_t after) const {
  constexpr uint32_t kMaxRunOn = 12;
  for (uint32_t run = after; run < e && run - after < kMaxRunOn && !IsNameBreak(t[run]) && !IsOpenQuote(t[run]);) {
    ++run;
    const auto head = lex.heads_reversed.LongestEndingAt(std::u32string_view(t.data(), run), run);
    if (head.length > 0 && run - head.length >= after && lex.head_is_weak[head.value] && CanEndName(run, e)) return true;
  }
  return false;
}

void SentenceContext::IndexAddedHits() {
  std::sort(hits.begin(), hits.end(), [](const RegionHit& a, const RegionHit& b) { return a.start < b.start; });
  IndexHits();
}

// Indices of the hits lying inside [start, end).
std::vector<int32_t> SentenceContext::HitsInside(uint32_t start, uint32_t end) const {
  std::vector<int32_t> inside;
  for (uint32_t p = start; p < end; ++p) {
    int32_t k = hit_at[p - this->s];
    if (k >= 0 && hits[k].start >= start && hits[k].end <= end && (inside.empty() || inside.back() != k)) inside.push_back(k);
  }
  return inside;
}

}  // namespace policykg::extract
