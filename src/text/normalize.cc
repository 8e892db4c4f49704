#include "text/normalize.h"

#include "common/utf8.h"

namespace policykg::text {

char32_t FoldCodePoint(char32_t cp) {
  if (cp < 0xA0 || (cp >= 0x3100 && cp < 0xFF01)) return cp;  // ASCII and CJK ideographs: the common case
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;  // full-width ASCII block
  switch (cp) {
    case 0x3000:  // ideographic space
    case 0x00A0:  // no-break space
      return U' ';
    case 0x00B7:  // middle dot variants
    case 0x30FB:
    case 0x2022:
    case 0x2027:
    case 0x2219:
    case 0xFF65:
      return U'·';
    case 0x3014:  // 〔 〕 tortoise-shell brackets read as parentheses
      return U'(';
    case 0x3015:
      return U')';
    default:
      return cp;
  }
}

std::u32string FoldText(std::u32string_view text) {
  std::u32string out(text.size(), U'\0');
  for (size_t i = 0; i < text.size(); ++i) out[i] = FoldCodePoint(text[i]);
  // A colon between digits is a ratio or a time (2.27:1, 10:30), not a clause break: the ratio sign.
  for (size_t i = 1; i + 1 < out.size(); ++i) {
    if (out[i] == U':' && out[i - 1] >= U'0' && out[i - 1] <= U'9' && out[i + 1] >= U'0' && out[i + 1] <= U'9')
      out[i] = U'\u2236';
  }
  return out;
}

std::u32string CleanName(std::u32string_view name) {
  std::u32string out;
  out.reserve(name.size());
  for (char32_t cp : name) {
    if (!IsControlOrFormat(cp)) out.push_back(cp);
  }
  return out;
}

std::u32string NameKey(std::u32string_view name) {
  std::u32string out;
  out.reserve(name.size());
  for (char32_t cp : name) {
    char32_t f = FoldCodePoint(cp);
    if (IsQuoteMark(f) || f == U' ' || IsControlOrFormat(f)) continue;
    out.push_back(f);
  }
  return out;
}

std::string NameKey(std::string_view utf8_name) {
  return EncodeUtf8(NameKey(DecodeUtf8Lenient(utf8_name)));
}

}  // namespace policykg::text
