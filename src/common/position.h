// Maps a byte offset in UTF-8 text to a 1-based line and code-point column for error messages.
#pragma once

#include <cstddef>
#include <string_view>

namespace policykg {

struct LineColumn {
  int line = 1;
  int column = 1;
};

LineColumn LocateByteOffset(std::string_view text, size_t byte_offset);

}  // namespace policykg
