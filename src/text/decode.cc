#include "text/decode.h"

#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <iconv.h>

#include "common/utf8.h"

namespace policykg::text {

namespace {

struct GbResult {
  bool ok = false;
  bool truncated = false;
  size_t bad_offset = 0;
  std::string utf8;
};

// Strict GB18030 → UTF-8 through iconv (glibc).
GbResult ConvertGb18030(std::string_view bytes) {
  GbResult r;
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return r;
  r.utf8.resize(bytes.size() * 2 + 16);
  char* in = const_cast<char*>(bytes.data());
  size_t in_left = bytes.size();
  char* out = r.utf8.data();
  size_t out_left = r.utf8.size();
  size_t rc = iconv(cd, &in, &in_left, &out, &out_left);
  int err = errno;
  iconv_close(cd);
  if (rc == static_cast<size_t>(-1)) {
    r.bad_offset = bytes.size() - in_left;
    r.truncated = err == EINVAL;
    return r;
  }
  r.utf8.resize(r.utf8.size() - out_left);
  r.ok = true;
  return r;
}

}  // namespace

Result<DecodedText> DecodeBytes(std::string_view bytes, const std::string& origin) {
  if (bytes.empty()) return MakeFileError(origin, "empty file");
  if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
    return MakeFileError(origin, "UTF-16 text is not supported; convert it to UTF-8");
  }
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (bytes.empty()) return MakeFileError(origin, "empty file (only a byte order mark)");
  if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size())) {
    Error e = MakeFileError(origin, "binary file (NUL byte), expected text");
    e.byte_offset = static_cast<const char*>(nul) - bytes.data();
    return e;
  }
  size_t bad = 0;
  if (auto utf8 = DecodeUtf8Strict(bytes, &bad)) return DecodedText{std::move(*utf8), "UTF-8"};

  GbResult gb = ConvertGb18030(bytes);
  if (gb.ok) {
    size_t ignored = 0;
    if (auto text = DecodeUtf8Strict(gb.utf8, &ignored)) return DecodedText{std::move(*text), "GB18030"};
  }
  Error e = MakeFileError(
      origin, gb.truncated
                  ? fmt::format("invalid UTF-8; read as GB18030 it ends in a truncated sequence at byte {}", gb.bad_offset)
                  : std::string("invalid UTF-8 (and not GB18030 either)"));
  e.byte_offset = static_cast<int64_t>(bad);
  return e;
}

}  // namespace policykg::text
