#include "query/table.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/utf8.h"

namespace policykg::query {

int CodePointWidth(char32_t cp) {
  if (cp == 0) return 0;
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return 0;
  // Combining marks, zero-width characters, variation selectors.
  if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
      (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF) {
    return 0;
  }
  const bool wide = (cp >= 0x1100 && cp <= 0x115F) ||    // Hangul Jamo
                    (cp >= 0x2E80 && cp <= 0x303E) ||    // CJK radicals, punctuation 、。「」
                    (cp >= 0x3041 && cp <= 0x33FF) ||    // kana, bopomofo, CJK compatibility
                    (cp >= 0x3400 && cp <= 0x4DBF) ||    // CJK extension A
                    (cp >= 0x4E00 && cp <= 0x9FFF) ||    // CJK unified ideographs
                    (cp >= 0xA000 && cp <= 0xA4CF) ||    // Yi
                    (cp >= 0xAC00 && cp <= 0xD7A3) ||    // Hangul syllables
                    (cp >= 0xF900 && cp <= 0xFAFF) ||    // CJK compatibility ideographs
                    (cp >= 0xFE10 && cp <= 0xFE19) ||    // vertical forms
                    (cp >= 0xFE30 && cp <= 0xFE6F) ||    // CJK compatibility forms
                    (cp >= 0xFF00 && cp <= 0xFF60) ||    // full-width forms （），
                    (cp >= 0xFFE0 && cp <= 0xFFE6) ||    // full-width signs
                    (cp >= 0x1F300 && cp <= 0x1F64F) ||  // pictographs, emoticons
                    (cp >= 0x1F900 && cp <= 0x1F9FF) ||  // supplemental symbols
                    (cp >= 0x20000 && cp <= 0x2FFFD) ||  // CJK extensions B–F
                    (cp >= 0x30000 && cp <= 0x3FFFD);    // CJK extension G
  return wide ? 2 : 1;
}

size_t DisplayWidth(std::string_view utf8) {
  size_t width = 0;
  std::u32string cps = DecodeUtf8Lenient(utf8);
  for (size_t i = 0; i < cps.size(); ++i) {
    if (cps[i] == 0x1B && i + 1 < cps.size() && cps[i + 1] == U'[') {
      i += 2;
      while (i < cps.size() &&
             !((cps[i] >= U'A' && cps[i] <= U'Z') || (cps[i] >= U'a' && cps[i] <= U'z'))) {
        ++i;
      }
      continue;
    }
    width += static_cast<size_t>(CodePointWidth(cps[i]));
  }
  return width;
}

std::string EscapeCell(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (char c : utf8) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (byte < 0x20 || byte == 0x7F) {
      out += fmt::format("\\x{:02x}", byte);
    } else {
      out += c;
    }
  }
  return out;
}

Table::Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}

void Table::AddRow(std::vector<std::string> cells, bool raw) {
  cells.resize(headers_.size());
  if (!raw) {
    for (auto& cell : cells) cell = EscapeCell(cell);
  }
  rows_.push_back(std::move(cells));
}

void Table::Print(std::ostream& out) const {
  std::vector<size_t> widths(headers_.size(), 0);
  auto measure = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i)
      widths[i] = std::max(widths[i], DisplayWidth(cells[i]));
  };
  measure(headers_);
  for (const auto& row : rows_) measure(row);
  auto print_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) {
      line += cells[i];
      if (i + 1 < cells.size()) line.append(widths[i] - DisplayWidth(cells[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  print_row(headers_);
  for (const auto& row : rows_) print_row(row);
}

}  // namespace policykg::query
