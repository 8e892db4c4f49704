#include "common/utf8.h"

#include <fmt/format.h>

#include <endian.h>

#include <cstring>

namespace policykg {

namespace {

// Decodes one code point at bytes[i]; returns its length or 0 if invalid.
size_t DecodeOne(std::string_view bytes, size_t i, char32_t* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data()) + i;
  size_t left = bytes.size() - i;
  unsigned char c = p[0];
  if (c < 0x80) {
    *out = c;
    return 1;
  }
  size_t len;
  char32_t cp, min;
  if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (left < len) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((p[k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[k] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  *out = cp;
  return len;
}

// DecodeOne with a fast path for three-byte sequences (all of CJK) and DecodeOne's checks: the
// lead and both continuation bytes tested as one word. The last three bytes, and anything else, go
// through DecodeOne.
inline size_t DecodeNext(std::string_view bytes, size_t i, char32_t* out) {
  if (i + 4 <= bytes.size()) {
    uint32_t word;
    std::memcpy(&word, bytes.data() + i, 4);
    word = le32toh(word);
    if ((word & 0xC0C0F0u) == 0x8080E0u) {
      const char32_t cp = ((word & 0x0Fu) << 12) | ((word & 0x3F00u) >> 2) | ((word & 0x3F0000u) >> 16);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
        *out = cp;
        return 3;
      }
    }
  }
  return DecodeOne(bytes, i, out);
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t size = bytes.size();
  size_t i = 0;
  while (i < size) {
    if (i + 8 <= size) {  // eight ASCII bytes at once (keys, punctuation, numbers)
      uint64_t word;
      std::memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    char32_t cp;
    const size_t n = DecodeNext(bytes, i, &cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::optional<std::u32string> DecodeUtf8Strict(std::string_view bytes, size_t* bad_offset) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t size = bytes.size();
  // Every code point starts at a byte that does not continue a sequence: count them to size the
  // output once, then write through a pointer (no capacity check per code point).
  size_t starts = 0;
  for (size_t i = 0; i < size; ++i) starts += (p[i] & 0xC0) != 0x80;
  std::u32string out(starts, U'\0');
  char32_t* dst = out.data();
  size_t i = 0;
  while (i < size) {
    const unsigned char c = p[i];
    if (c < 0x80) {  // ASCII fast path
      *dst++ = c;
      ++i;
      continue;
    }
    char32_t cp;
    size_t n = DecodeNext(bytes, i, &cp);
    if (n == 0) {
      if (bad_offset) *bad_offset = i;
      return std::nullopt;
    }
    *dst++ = cp;
    i += n;
  }
  return out;  // valid UTF-8: one code point per start byte, so `out` is full
}

std::u32string DecodeUtf8Lenient(std::string_view bytes) {
  std::u32string out;
  size_t i = 0;
  while (i < bytes.size()) {
    char32_t cp;
    size_t n = DecodeOne(bytes, i, &cp);
    if (n == 0) {
      out.push_back(0xFFFD);
      ++i;
    } else {
      out.push_back(cp);
      i += n;
    }
  }
  return out;
}

namespace {

// Writes `cp` as UTF-8 at `dst` (room for 4 bytes); returns the end.
char* PutUtf8(char32_t cp, char* dst) {
  if (cp < 0x80) {
    *dst++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *dst++ = static_cast<char>(0xC0 | (cp >> 6));
    *dst++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *dst++ = static_cast<char>(0xE0 | (cp >> 12));
    *dst++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *dst++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *dst++ = static_cast<char>(0xF0 | (cp >> 18));
    *dst++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *dst++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *dst++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return dst;
}

}  // namespace

void AppendUtf8(char32_t cp, std::string& out) {
  char buf[4];
  out.append(buf, PutUtf8(cp, buf));
}

std::string EncodeUtf8(std::u32string_view text) {
  size_t bytes = 0;  // exact size first: one allocation, no capacity check per byte
  for (char32_t cp : text) bytes += 1 + (cp >= 0x80) + (cp >= 0x800) + (cp >= 0x10000);
  std::string out(bytes, '\0');
  char* dst = out.data();
  for (char32_t cp : text) dst = PutUtf8(cp, dst);
  return out;
}

bool IsControlOrFormat(char32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return true;  // C0, DEL, C1
  if (cp < 0xAD) return false;
  switch (cp) {
    case 0xAD: case 0x61C: case 0x6DD: case 0x70F: case 0x8E2: case 0x180E: case 0xFEFF:
    case 0x110BD: case 0x110CD: case 0xE0001: case 0xFFFE: case 0xFFFF:
      return true;
    default:
      break;
  }
  return (cp >= 0x600 && cp <= 0x605) || (cp >= 0x890 && cp <= 0x891) ||
         (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
         (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x206F) ||
         (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0x13430 && cp <= 0x1343F) ||
         (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A) ||
         (cp >= 0xE0020 && cp <= 0xE007F);
}

std::optional<std::pair<size_t, char32_t>> FindControlOrFormat(std::string_view utf8,
                                                                bool allow_whitespace) {
  size_t index = 0;
  for (size_t i = 0; i < utf8.size(); ++index) {
    auto byte = static_cast<unsigned char>(utf8[i]);
    if (byte < 0x80) {  // the common case: ASCII
      if ((byte < 0x20 || byte == 0x7F) &&
          !(allow_whitespace && (byte == '\t' || byte == '\n' || byte == '\r'))) {
        return std::make_pair(index, static_cast<char32_t>(byte));
      }
      ++i;
      continue;
    }
    size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    if (i + length > utf8.size()) break;
    // Only the lead bytes that begin one of these characters need a look: C2 (C1, soft hyphen),
    // D8 DB DC E0 E1 E2 EF F0 F3.
    if (byte == 0xC2 || byte == 0xD8 || byte == 0xDB || byte == 0xDC || byte == 0xE0 ||
        byte == 0xE1 || byte == 0xE2 || byte == 0xEF || byte == 0xF0 || byte == 0xF3) {
      char32_t cp = byte & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
      for (size_t k = 1; k < length; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
      if (IsControlOrFormat(cp)) return std::make_pair(index, cp);
    }
    i += length;
  }
  return std::nullopt;
}

std::string EscapeControls(std::string_view text) {
  size_t bad = 0;
  auto decoded = DecodeUtf8Strict(text, &bad);
  if (decoded && !FindControlOrFormat(text, false)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  size_t i = 0;
  while (i < text.size()) {
    std::string_view rest = text.substr(i);
    auto byte = static_cast<unsigned char>(rest[0]);
    size_t length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    size_t unused = 0;
    std::optional<std::u32string> one;
    if (length <= rest.size()) one = DecodeUtf8Strict(rest.substr(0, length), &unused);
    if (!one || one->size() != 1) {
      out += fmt::format("\\x{:02x}", byte);
      ++i;
      continue;
    }
    char32_t cp = (*one)[0];
    if (IsControlOrFormat(cp)) {
      out += cp < 0x80 ? fmt::format("\\x{:02x}", static_cast<uint32_t>(cp))
                       : fmt::format("\\u{{{:x}}}", static_cast<uint32_t>(cp));
    } else {
      out.append(rest.substr(0, length));
    }
    i += length;
  }
  return out;
}

}  // namespace policykg
