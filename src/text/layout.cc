#include "text/layout.h"

#include <algorithm>
#include <array>

namespace policykg::text {

namespace {

bool IsSpace(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\r' || c == 0x3000 || c == 0xFEFF;
}

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

// What a code point of the BMP can be, for the one pass over each line: a newline, a sentence end,
// or the first code point of a boilerplate phrase. Above the BMP only the last is possible.
enum CharClass : uint8_t { kNewline = 1, kSentenceEnd = 2, kPhraseStart = 4 };

// The classes that do not depend on the boilerplate phrases, built once.
const std::vector<uint8_t>& FixedCharClasses() {
  static const std::vector<uint8_t> table = [] {
    std::vector<uint8_t> classes(0x10000, 0);
    classes[U'\n'] = kNewline;
    for (char32_t c = 0; c < classes.size(); ++c) {
      if (IsSentenceEnd(c)) classes[c] |= kSentenceEnd;
    }
    return classes;
  }();
  return table;
}

// Finds whether a line holds any of a few phrases: their first code points are marked in a per-call
// class table, and only positions with the mark are compared, against the phrases with that start.
class PhraseFinder {
 public:
  explicit PhraseFinder(const std::vector<std::u32string>& phrases) : classes_(FixedCharClasses()) {
    for (const auto& p : phrases) {
      if (p.empty()) continue;
      by_first_.emplace_back(p[0], p);
      if (p[0] < classes_.size()) classes_[p[0]] |= kPhraseStart;
    }
    std::sort(by_first_.begin(), by_first_.end());
  }

  // The classes of every BMP code point (above it, every code point may start a phrase).
  const uint8_t* bmp_classes() const { return classes_.data(); }

  // True when a phrase lies in text[begin, end) starting at one of `starts` (ascending positions).
  bool AnyAt(const std::u32string& text, const std::vector<uint32_t>& starts, uint32_t begin,
             uint32_t end) const {
    for (const uint32_t i : starts) {
      if (i < begin) continue;
      if (i >= end) break;
      const char32_t c = text[i];
      auto it = std::lower_bound(by_first_.begin(), by_first_.end(), c,
                                 [](const auto& entry, char32_t cp) { return entry.first < cp; });
      for (; it != by_first_.end() && it->first == c; ++it) {
        if (std::u32string_view(text.data() + i, end - i).starts_with(it->second)) return true;
      }
    }
    return false;
  }

 private:
  std::vector<std::pair<char32_t, std::u32string_view>> by_first_;
  std::vector<uint8_t> classes_;
};

// A line of a web page's frame rather than the document: a label ending in a colon (当前位置:,
// 分享:, 您的位置:) or breadcrumb marks alone (>, ›, |).
bool IsWebChrome(std::u32string_view line) {
  if (line.back() == U':') return true;
  return line.find_first_not_of(U">›»|/ ") == std::u32string_view::npos;
}

}  // namespace

Layout AnalyzeLayout(const std::u32string& folded, const std::vector<std::u32string>& boilerplate) {
  Layout layout;
  const uint32_t n = static_cast<uint32_t>(folded.size());
  const PhraseFinder boilerplate_finder(boilerplate);
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
  // The sentences of [from, to), whose sentence ends are at `ends` (ascending).
  auto add_sentences = [&](uint32_t from, uint32_t to, const std::vector<uint32_t>& ends) {
    uint32_t s = from;
    for (const uint32_t i : ends) {
      uint32_t e = i + 1;
      while (e < to &&
             (folded[e] == U'”' || folded[e] == U'"' || folded[e] == U'’' || folded[e] == U')'))
        ++e;
      while (s < e && IsSpace(folded[s])) ++s;
      if (s < e) push(s, e);
      s = e;
    }
    while (s < to && IsSpace(folded[s])) ++s;
    if (s < to) push(s, to);
  };

  // One pass over each line finds its end, its sentence ends and where a boilerplate phrase may
  // start; the line is then classified (boilerplate anywhere; header = the short lines without a
  // full stop before the first body line) and its sentences cut, in order.
  bool in_header = true;
  bool title_names_report = false;
  int nonblank_lines = 0;  // before the current line
  std::vector<uint32_t> sentence_ends, phrase_starts;  // of the current line
  const uint8_t* bmp_classes = boilerplate_finder.bmp_classes();
  const char32_t* chars = folded.data();
  for (uint32_t start = 0; start <= n;) {
    sentence_ends.clear();
    phrase_starts.clear();
    const char32_t* at = chars + start;
    for (const char32_t* const text_end = chars + n; at < text_end; ++at) {
      const char32_t c = *at;
      const uint8_t classes = c <= 0xFFFF ? bmp_classes[c] : uint8_t{kPhraseStart};
      if (classes == 0) continue;
      if (classes & kNewline) break;
      if (classes & kSentenceEnd) sentence_ends.push_back(static_cast<uint32_t>(at - chars));
      if (classes & kPhraseStart) phrase_starts.push_back(static_cast<uint32_t>(at - chars));
    }
    const uint32_t end = static_cast<uint32_t>(at - chars);
    Line line{start, end, LineKind::kBlank};
    uint32_t s = start, e = end;
    while (s < e && IsSpace(folded[s])) ++s;
    while (e > s && IsSpace(folded[e - 1])) --e;
    if (s < e) {
      line.start = s;
      line.end = e;
      std::u32string_view text(folded.data() + s, e - s);
      int level = 0;
      if (boilerplate_finder.AnyAt(folded, phrase_starts, s, e)) {
        line.kind = LineKind::kBoilerplate;
      } else if ((level = HeadingLevel(text)) > 0) {
        line.kind = LineKind::kHeading;
        in_header = false;
        layout.headings.push_back({s, e, level});
        section = static_cast<int32_t>(layout.headings.size() - 1);
        if (level == 1) chapter = section;
        // A heading such as "(二)统筹…发展。" often carries a whole sentence after it: extract it.
        add_sentences(s, e, sentence_ends);
      } else if (in_header && sentence_ends.empty() && text.size() <= 60) {
        line.kind = LineKind::kHeader;
        // The title: the first header line naming a report (…报告), else the first one that is
        // not web chrome (当前位置:, 分享:, a breadcrumb's >).
        const bool names_report = text.find(U"报告") != std::u32string_view::npos;
        if ((names_report && !title_names_report) ||
            (layout.title_end == 0 && !IsWebChrome(text))) {
          layout.title_start = s;
          layout.title_end = e;
          title_names_report = names_report;
        }
      } else {
        line.kind = LineKind::kBody;
        in_header = false;
        add_sentences(s, e, sentence_ends);
        // A page that opens with a photo caption (政府工作报告。 …记者 … 摄) names the report on a
        // line soon after: the title is the first short line naming a report among the first five.
        if (layout.title_end == 0 && nonblank_lines <= 5 && sentence_ends.empty() &&
            text.size() <= 60 && text.find(U"报告") != std::u32string_view::npos) {
          layout.title_start = s;
          layout.title_end = e;
        }
      }
      ++nonblank_lines;
    }
    layout.lines.push_back(line);
    if (end >= n) break;
    start = end + 1;
  }
  return layout;
}

namespace {

// 0-9 of an ASCII, full-width or Chinese (〇一…九) digit, else -1.
int DigitValue(char32_t c) {
  if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
  if (c >= 0xFF10 && c <= 0xFF19) return static_cast<int>(c - 0xFF10);
  if (c == U'〇' || c == U'零') return 0;
  const size_t k = std::u32string_view(U"一二三四五六七八九").find(c);
  return k == std::u32string_view::npos ? -1 : static_cast<int>(k) + 1;
}

// The year of four digits at text[i] (not preceded by a digit) followed by one of `after`, or 0.
int YearAt(std::u32string_view text, size_t i, std::u32string_view after) {
  if (i + 4 >= text.size() || (i > 0 && DigitValue(text[i - 1]) >= 0)) return 0;
  int year = 0;
  for (size_t k = i; k < i + 4; ++k) {
    const int d = DigitValue(text[k]);
    if (d < 0) return 0;
    year = year * 10 + d;
  }
  if (year < 1900 || year > 2099 || after.find(text[i + 4]) == std::u32string_view::npos) return 0;
  return year;
}

// A month (1-12, one or two digits) at text[i] followed by 月 or by '-', '.' or '/'.
bool MonthAt(std::u32string_view text, size_t i) {
  int month = 0;
  size_t k = i;
  while (k < text.size() && k < i + 2 && DigitValue(text[k]) >= 0) month = month * 10 + DigitValue(text[k++]);
  return k > i && month >= 1 && month <= 12 && k < text.size() &&
         std::u32string_view(U"月-./").find(text[k]) != std::u32string_view::npos;
}

}  // namespace

int DetectReportYear(std::u32string_view title, std::u32string_view text) {
  for (size_t i = 0; i + 4 < title.size(); ++i) {
    if (int year = YearAt(title, i, U"年")) return year;
  }
  // The head of the text: its first dozen lines, at most 1000 code points; a date needs a month.
  size_t lines = 0, end = 0;
  while (end < text.size() && end < 1000 && lines < 12) {
    if (text[end++] == U'\n') ++lines;
  }
  const std::u32string_view head = text.substr(0, end);
  for (size_t i = 0; i + 4 < head.size(); ++i) {
    int year = YearAt(head, i, U"年-./");
    if (year != 0 && MonthAt(head, i + 5)) return year;
  }
  return 0;
}

}  // namespace policykg::text
