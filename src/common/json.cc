#include "common/json.h"

#include <fmt/format.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <unordered_set>

#include "common/position.h"

namespace policykg {

namespace json_internal {

// Objects have few keys: a linear scan beats a set until kSmall keys, then a hash set takes over
// (a 100k-key object must not cost 10^10 comparisons).
struct StrictChecks::KeySet {
  static constexpr size_t kSmall = 32;
  std::vector<std::string> small;  // strings keep their capacity across objects at this depth
  size_t used = 0;
  std::unordered_set<std::string> large;

  void Clear() {
    used = 0;
    large.clear();
  }
  // False when `key` was already there.
  bool Insert(std::string_view key) {
    if (used < kSmall) {
      for (size_t i = 0; i < used; ++i) {  // keys of one object rarely share length and first byte
        const std::string& seen = small[i];
        if (seen.size() == key.size() && (key.empty() || seen[0] == key[0]) && seen == key)
          return false;
      }
      if (used == small.size()) small.emplace_back();
      small[used++].assign(key);
      return true;
    }
    if (large.empty()) large.insert(small.begin(), small.begin() + static_cast<ptrdiff_t>(used));
    return large.emplace(key).second;
  }
};

StrictChecks::StrictChecks() = default;
StrictChecks::~StrictChecks() = default;

bool StrictChecks::Enter() {
  if (++depth_ > kMaxJsonDepth) {
    problem_ = fmt::format("nesting deeper than {} levels", kMaxJsonDepth);
    return false;
  }
  return true;
}

void StrictChecks::OpenObject() {
  if (keys_.size() < static_cast<size_t>(depth_)) keys_.resize(depth_);
  keys_[depth_ - 1].Clear();
}

bool StrictChecks::CheckKey(std::string_view key) {
  if (keys_[depth_ - 1].Insert(key)) return true;
  problem_ = fmt::format("duplicate key \"{}\"", key);
  return false;
}

// RapidJSON 1.1.0 decodes a lone low-surrogate escape (\udc00) to bytes that are not UTF-8
// (ED B0 80); a surrogate in UTF-8 always starts ED A0..ED BF.
bool StrictChecks::CheckSurrogates(std::string_view s) {
  const char* begin = s.data();
  const size_t n = s.size();
  for (const char* p = static_cast<const char*>(std::memchr(begin, '\xED', n)); p != nullptr;
       p = static_cast<const char*>(std::memchr(p + 1, '\xED', n - (p + 1 - begin)))) {
    if (p + 1 < begin + n && static_cast<unsigned char>(p[1]) >= 0xA0) {
      problem_ = "invalid \\u escape: a lone surrogate is not a character";
      return false;
    }
  }
  return true;
}

bool StrictChecks::CheckNumber(std::string_view text, JsonNumber* out) {
  if (ConvertJsonNumber(text, out)) return true;
  problem_ = "Number too big to be stored in double";
  return false;
}

bool StrictChecks::CheckDouble(double d, JsonNumber* out) {
  // RapidJSON 1.1.0 lets some overflows through as infinity (221e308): refuse them.
  if (!std::isfinite(d)) {
    problem_ = "Number too big to be stored in double";
    return false;
  }
  out->kind = JsonNumber::Kind::kDouble;
  out->d = d;
  return true;
}

Error SyntaxError(std::string_view json, const std::string& origin, rapidjson::ParseResult result,
                  const std::string& problem) {
  const rapidjson::ParseErrorCode code = result.Code();
  if (code == rapidjson::kParseErrorDocumentEmpty &&
      json.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return MakeFileError(origin, "empty file, expected JSON");
  }
  const std::string what = problem.empty() ? rapidjson::GetParseError_En(code) : problem;
  LineColumn lc = LocateByteOffset(json, result.Offset());
  return MakeFileError(origin, lc.line, lc.column, fmt::format("invalid JSON: {}", what));
}

}  // namespace json_internal

// Numbers arrive as text (kParseNumbersAsStringsFlag) and are converted here with std::from_chars /
// std::strtod, which round correctly: RapidJSON 1.1.0 can be off by one unit in the last place
// (0.30000000000000004 read as …07), so a loaded graph would drift on every save.
bool ConvertJsonNumber(std::string_view text, JsonNumber* out) {
  const char* s = text.data();
  const char* end = s + text.size();
  if (std::find_if(s, end, [](char c) { return c == '.' || c == 'e' || c == 'E'; }) == end) {
    if (s != end && s[0] == '-') {
      int64_t i = 0;
      if (std::from_chars(s, end, i).ec == std::errc()) {
        out->kind = JsonNumber::Kind::kInt64;
        out->i = i;
        return true;
      }
    } else {
      uint64_t u = 0;
      if (std::from_chars(s, end, u).ec == std::errc()) {
        out->kind = JsonNumber::Kind::kUint64;
        out->u = u;
        return true;
      }
    }
  }
  // strtod rounds correctly too, and tells overflow (±HUGE_VAL) from underflow (0 or subnormal).
  char small[64];
  std::string large;
  const char* cstr;
  if (text.size() < sizeof small) {
    std::memcpy(small, s, text.size());
    small[text.size()] = '\0';
    cstr = small;
  } else {
    large.assign(text);
    cstr = large.c_str();
  }
  char* parsed_end = nullptr;
  const double d = std::strtod(cstr, &parsed_end);
  if (parsed_end != cstr + text.size() || !std::isfinite(d)) return false;
  out->kind = JsonNumber::Kind::kDouble;
  out->d = d;
  return true;
}

namespace {

// Builds a rapidjson::Document from strict SAX events.
class DomSink {
 public:
  explicit DomSink(rapidjson::Document& doc) : doc_(doc) {}
  void Null() { doc_.Null(); }
  void Bool(bool b) { doc_.Bool(b); }
  void Number(const JsonNumber& n) {
    switch (n.kind) {
      case JsonNumber::Kind::kInt64:
        doc_.Int64(n.i);
        break;
      case JsonNumber::Kind::kUint64:
        doc_.Uint64(n.u);
        break;
      case JsonNumber::Kind::kDouble:
        doc_.Double(n.d);
        break;
    }
  }
  void String(std::string_view s) {
    doc_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()), true);
  }
  void Key(std::string_view s) {
    doc_.Key(s.data(), static_cast<rapidjson::SizeType>(s.size()), true);
  }
  void StartObject() { doc_.StartObject(); }
  void EndObject(size_t n) { doc_.EndObject(static_cast<rapidjson::SizeType>(n)); }
  void StartArray() { doc_.StartArray(); }
  void EndArray(size_t n) { doc_.EndArray(static_cast<rapidjson::SizeType>(n)); }

 private:
  rapidjson::Document& doc_;
};

}  // namespace

Result<rapidjson::Document> ParseJsonStrict(std::string_view json, const std::string& origin) {
  rapidjson::Document doc;
  Status status;
  auto generator = [&](rapidjson::Document& target) {
    DomSink sink(target);
    status = ParseJsonSax(json, origin, sink);
    return status.ok();
  };
  doc.Populate(generator);
  if (!status.ok()) return status.error();
  return doc;
}

Error JsonPathError(const std::string& origin, const std::string& pointer,
                    const std::string& message) {
  return MakeFileError(origin, fmt::format("{}: {}", pointer.empty() ? "/" : pointer, message));
}

}  // namespace policykg
