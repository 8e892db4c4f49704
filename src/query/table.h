// Plain-text tables for terminal output: columns aligned by display width (CJK and full-width
// characters take two columns, combining marks none, ANSI colour sequences none).
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace policykg::query {

// Terminal columns taken by one code point: 0, 1 or 2 (East Asian Wide/Fullwidth = 2).
int CodePointWidth(char32_t cp);

// Columns taken by a UTF-8 string, skipping ANSI escape sequences (ESC [ … letter).
size_t DisplayWidth(std::string_view utf8);

// Makes a value safe for one table cell: control characters become \n, \t, \r or \xNN.
std::string EscapeCell(std::string_view utf8);

class Table {
 public:
  explicit Table(std::vector<std::string> headers);

  // Cells are escaped with EscapeCell unless `raw` (for pre-rendered, e.g. coloured, text).
  void AddRow(std::vector<std::string> cells, bool raw = false);
  size_t rows() const { return rows_.size(); }

  // Header, then one line per row; two spaces between columns; the last column is not padded.
  void Print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace policykg::query
