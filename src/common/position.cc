#include "common/position.h"

namespace policykg {

LineColumn LocateByteOffset(std::string_view text, size_t byte_offset) {
  LineColumn lc;
  if (byte_offset > text.size()) byte_offset = text.size();
  for (size_t i = 0; i < byte_offset; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++lc.line;
      lc.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // count lead bytes only: columns are code points
      ++lc.column;
    }
  }
  return lc;
}

}  // namespace policykg
