#include "text/layout.h"

#include <algorithm>
#include <array>

namespace policykg::text {

namespace {

bool IsSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\r' || c == 0x3000 || c == 0xFEFF; }

bool IsChineseNumeral(char32_t c) {
  return std::u32string_view(U"一二三四五六七八九十").find(c) != std::u32string_view::npos;
}

bool IsSentenceEnd(char32_t c) {
  if (c > U'。' && c < U'！') return false;  // CJK ideographs: the common case, one range test
  return c == U'。' || c == U'!' || c == U'?' || c == U'！' || c == U'？';
}

// 一、… is level 1; (一)… is level 2; 0 otherwise.
int HeadingLevel(std::u32string_view line) {
  size_t i = 0;
  while (i < line.size() && IsChineseNumeral(line[i])) ++i;
  if (i > 0 && i < line.size() && (line[i] == U'、' || line[i] == U'.')) return 1;
  if (!line.empty() && line[0] == U'(') {
    size_t j = 1;
    while (j < line.size() && IsChineseNumeral(line[j])) ++j;
    if (j > 1 && j < line.size() && line[j] == U')') return 2;
  }
  return 0;
}

// Finds whether a line holds any of a few phrases in one pass over the line (not one per phrase):
// phrases are indexed by their first code point, with a hashed bitset of first code points in front.
class PhraseFinder {
 public:
  explicit PhraseFinder(const std::vector<std::u32string>& phrases) {
    for (const auto& p : phrases) {
      if (p.empty()) continue;
      by_first_.emplace_back(p[0], p);
      filter_[FilterBit(p[0]) / 64] |= uint64_t{1} << (FilterBit(p[0]) % 64);
    }
    std::sort(by_first_.begin(), by_first_.end());
  }

  bool AnyIn(std::u32string_view line) const {
    for (size_t i = 0; i < line.size(); ++i) {
      const char32_t c = line[i];
      if (!((filter_[FilterBit(c) / 64] >> (FilterBit(c) % 64)) & 1)) continue;
      auto it = std::lower_bound(by_first_.begin(), by_first_.end(), c,
                                 [](const auto& entry, char32_t cp) { return entry.first < cp; });
      for (; it != by_first_.end() && it->first == c; ++it) {
        if (line.substr(i).starts_with(it->second)) return true;
      }
    }
    return false;
  }

 private:
  static constexpr uint32_t kFilterBitsLog2 = 12;  // 4096 bits: a false positive is rare
  static uint32_t FilterBit(char32_t c) { return (static_cast<uint32_t>(c) * 0x9E3779B1u) >> (32 - kFilterBitsLog2); }
  std::vector<std::pair<char32_t, std::u32string_view>> by_first_;
  std::array<uint64_t, (size_t{1} << kFilterBitsLog2) / 64> filter_{};
};

bool HasSentenceEnd(std::u32string_view line) { return std::any_of(line.begin(), line.end(), IsSentenceEnd); }

}  // namespace

Layout AnalyzeLayout(const std::u32string& folded, const std::vector<std::u32string>& boilerplate) {
  Layout layout;
  const uint32_t n = static_cast<uint32_t>(folded.size());
  for (uint32_t start = 0; start <= n;) {
    uint32_t end = start;
    while (end < n && folded[end] != U'\n') ++end;
    Line line{start, end, LineKind::kBlank};
    uint32_t s = start, e = end;
    while (s < e && IsSpace(folded[s])) ++s;
    while (e > s && IsSpace(folded[e - 1])) --e;
    if (s < e) {
      line.start = s;
      line.end = e;
      line.kind = LineKind::kBody;
    }
    layout.lines.push_back(line);
    if (end >= n) break;
    start = end + 1;
  }

  // Boilerplate anywhere; header = the short lines without a full stop before the first body line.
  bool in_header = true;
  const PhraseFinder boilerplate_finder(boilerplate);
  for (auto& line : layout.lines) {
    if (line.kind == LineKind::kBlank) continue;
    std::u32string_view text(folded.data() + line.start, line.end - line.start);
    if (boilerplate_finder.AnyIn(text)) {
      line.kind = LineKind::kBoilerplate;
      continue;
    }
    if (HeadingLevel(text) > 0) {
      line.kind = LineKind::kHeading;
      in_header = false;
      continue;
    }
    if (in_header && !HasSentenceEnd(text) && text.size() <= 60) {
      line.kind = LineKind::kHeader;
      if (layout.title_end == 0) {
        layout.title_start = line.start;
        layout.title_end = line.end;
      }
      continue;
    }
    in_header = false;
  }

  int32_t section = -1, chapter = -1;
  // No real sentence is this long; longer runs (a page without full stops) are cut at the last
  // clause break before the limit so that extraction stays linear.
  constexpr uint32_t kMaxSentence = 2000;
  auto push = [&](uint32_t from, uint32_t to) {
    while (to - from > kMaxSentence) {
      uint32_t cut = from + kMaxSentence;
      for (uint32_t k = cut; k > from + kMaxSentence / 2; --k) {
        char32_t c = folded[k - 1];
        if (c == U',' || c == U';' || c == U'，' || c == U'；' || c == U'、') {
          cut = k;
          break;
        }
      }
      layout.sentences.push_back({from, cut, section, chapter});
      from = cut;
    }
    if (from < to) layout.sentences.push_back({from, to, section, chapter});
  };
  auto add_sentences = [&](uint32_t from, uint32_t to) {
    uint32_t s = from;
    for (uint32_t i = from; i < to; ++i) {
      if (IsSentenceEnd(folded[i])) {
        uint32_t e = i + 1;
        while (e < to && (folded[e] == U'”' || folded[e] == U'"' || folded[e] == U'’' || folded[e] == U')')) ++e;
        while (s < e && IsSpace(folded[s])) ++s;
        if (s < e) push(s, e);
        s = e;
        i = e - 1;
      }
    }
    while (s < to && IsSpace(folded[s])) ++s;
    if (s < to) push(s, to);
  };
  for (const auto& line : layout.lines) {
    if (line.kind == LineKind::kHeading) {
      std::u32string_view text(folded.data() + line.start, line.end - line.start);
      int level = HeadingLevel(text);
      layout.headings.push_back({line.start, line.end, level});
      section = static_cast<int32_t>(layout.headings.size() - 1);
      if (level == 1) chapter = section;
      // A heading such as "(二)统筹…发展。" often carries a whole sentence after it: extract it.
      add_sentences(line.start, line.end);
    } else if (line.kind == LineKind::kBody) {
      add_sentences(line.start, line.end);
    }
  }
  return layout;
}

}  // namespace policykg::text
