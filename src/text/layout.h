// Reads the structure of a report: which lines are web boilerplate or header metadata (and yield
// no entities), the title, section headings, and the sentences of the body with the headings they
// stand under. All positions are code-point offsets into the original text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace policykg::text {

enum class LineKind { kBlank, kBoilerplate, kHeader, kHeading, kBody };

struct Line {
  uint32_t start = 0;
  uint32_t end = 0;  // exclusive, before the newline
  LineKind kind = LineKind::kBlank;
};

struct Sentence {
  uint32_t start = 0;
  uint32_t end = 0;       // exclusive, includes the closing punctuation
  int32_t section = -1;   // index into Layout::headings of the innermost heading above, or -1
  int32_t chapter = -1;   // index of the top-level heading (一、…) above, or -1
};

struct Heading {
  uint32_t start = 0;
  uint32_t end = 0;
  int level = 1;  // 1: 一、…  2: (一)…
};

struct Layout {
  std::vector<Line> lines;
  std::vector<Heading> headings;
  std::vector<Sentence> sentences;  // body sentences only, in order
  uint32_t title_start = 0, title_end = 0;  // empty when no title line
};

// `folded` is the text after FoldText(); `boilerplate` lists phrases that mark non-report lines.
Layout AnalyzeLayout(const std::u32string& folded, const std::vector<std::u32string>& boilerplate);

// The year a report is of, 0 when none is found: a year (1900-2099, in ASCII, full-width or 〇一二…
// digits) followed by 年 in the title (2026年政府工作报告, …报告(2022年1月17日)), else the first
// dated line among the first lines of the text (——2024年3月5日在…会议上, 时间:2026-02-03).
int DetectReportYear(std::u32string_view title, std::u32string_view text);

}  // namespace policykg::text
