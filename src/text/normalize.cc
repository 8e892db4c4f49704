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

namespace {

// True when text::NameKey(s) == s for sure: printable ASCII other than quotes and the space, and
// well-formed sequences of code points that neither FoldCodePoint nor IsControlOrFormat nor
// IsQuoteMark touch: U+00C0–U+05FF (lead bytes C3–D7), U+4000–U+CFFF and U+E000–U+EFFF (E4–EC,
// EE), U+40000–U+BFFFF (F1–F2). Anything else (and anything ill-formed) may change. The ranges
// leave out every control and format character (C0 and C1 controls, U+0600–U+0605, U+061C,
// U+06DD, U+070F, U+180E, U+E0001 … : the fuzzer found an ESC that an earlier, wider test let by).
bool IsOwnNameKey(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  auto continuation = [&](const unsigned char* q, int n) {
    if (end - q < n) return false;
    for (int i = 0; i < n; ++i) {
      if ((q[i] & 0xC0) != 0x80) return false;
    }
    return true;
  };
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      if (c <= 0x20 || c == 0x7F || c == '"' || c == '\'') return false;
      ++p;
    } else if (c >= 0xC3 && c <= 0xD7 && continuation(p + 1, 1)) {
      p += 2;
    } else if (((c >= 0xE4 && c <= 0xEC) || c == 0xEE) && continuation(p + 1, 2)) {
      p += 3;
    } else if ((c == 0xF1 || c == 0xF2) && continuation(p + 1, 3)) {
      p += 4;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string NameKey(std::string_view utf8_name) {
  if (IsOwnNameKey(utf8_name)) return std::string(utf8_name);  // most names: nothing to fold
  return EncodeUtf8(NameKey(DecodeUtf8Lenient(utf8_name)));
}

}  // namespace policykg::text
