#include "common/utf8.h"

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

}  // namespace

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
    // Three-byte fast path (all of CJK), with DecodeOne's checks: the lead and both continuation
    // bytes tested as one word. The last three bytes, and anything else, go through DecodeOne.
    if (i + 4 <= size) {
      uint32_t word;
      std::memcpy(&word, p + i, 4);
      word = le32toh(word);
      if ((word & 0xC0C0F0u) == 0x8080E0u) {
        const char32_t cp = ((word & 0x0Fu) << 12) | ((word & 0x3F00u) >> 2) | ((word & 0x3F0000u) >> 16);
        if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
          *dst++ = cp;
          i += 3;
          continue;
        }
      }
    }
    char32_t cp;
    size_t n = DecodeOne(bytes, i, &cp);
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

}  // namespace policykg
