#include "common/json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <fmt/format.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include "common/position.h"

namespace policykg {

namespace {

// Forwards SAX events to a Document while enforcing depth and key uniqueness.
class StrictHandler {
 public:
  explicit StrictHandler(rapidjson::Document& doc) : doc_(doc) {}

  bool Null() { return doc_.Null(); }
  bool Bool(bool b) { return doc_.Bool(b); }
  bool Int(int i) { return doc_.Int(i); }
  bool Uint(unsigned u) { return doc_.Uint(u); }
  bool Int64(int64_t i) { return doc_.Int64(i); }
  bool Uint64(uint64_t u) { return doc_.Uint64(u); }
  bool Double(double d) {
    // RapidJSON 1.1.0 lets some overflows through as infinity (221e308): refuse them.
    if (!std::isfinite(d)) {
      problem_ = "Number too big to be stored in double";
      return false;
    }
    return doc_.Double(d);
  }
  // Numbers arrive as text (kParseNumbersAsStringsFlag) and are converted here with
  // std::from_chars / std::strtod, which round correctly: RapidJSON 1.1.0 can be off by one unit in the last
  // place (0.30000000000000004 read as …07), so a loaded graph would drift on every save.
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    const char* end = s + n;
    if (std::find_if(s, end, [](char c) { return c == '.' || c == 'e' || c == 'E'; }) == end) {
      if (s[0] == '-') {
        int64_t i = 0;
        if (std::from_chars(s, end, i).ec == std::errc() ) return doc_.Int64(i);
      } else {
        uint64_t u = 0;
        if (std::from_chars(s, end, u).ec == std::errc()) return doc_.Uint64(u);
      }
    }
    // strtod rounds correctly too, and tells overflow (±HUGE_VAL) from underflow (0 or subnormal).
    const std::string text(s, n);
    char* parsed_end = nullptr;
    const double d = std::strtod(text.c_str(), &parsed_end);
    if (parsed_end != text.c_str() + text.size() || !std::isfinite(d)) {
      problem_ = "Number too big to be stored in double";
      return false;
    }
    return Double(d);
  }
  bool String(const char* s, rapidjson::SizeType n, bool copy) {
    return ValidText(s, n) && doc_.String(s, n, copy);
  }
  bool StartObject() {
    if (!Enter()) return false;
    if (keys_.size() < static_cast<size_t>(depth_)) keys_.resize(depth_);
    keys_[depth_ - 1].clear();  // buffers are reused per depth: no allocation per object
    return doc_.StartObject();
  }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) {
    if (!ValidText(s, n)) return false;
    std::string_view key(s, n);
    auto& seen = keys_[depth_ - 1];
    // Objects have few keys: a linear scan beats a set; long objects fall back to sorting.
    if (seen.size() < 32) {
      for (const auto& k : seen) {
        if (k == key) return Duplicate(key);
      }
    } else if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      return Duplicate(key);
    }
    seen.emplace_back(key);
    return doc_.Key(s, n, copy);
  }
  bool EndObject(rapidjson::SizeType n) {
    --depth_;
    return doc_.EndObject(n);
  }
  bool StartArray() { return Enter() && doc_.StartArray(); }
  bool EndArray(rapidjson::SizeType n) {
    --depth_;
    return doc_.EndArray(n);
  }

  const std::string& problem() const { return problem_; }

 private:
  // RapidJSON 1.1.0 decodes a lone low-surrogate escape (\udc00) to bytes that are not UTF-8
  // (ED B0 80); a surrogate in UTF-8 always starts ED A0..ED BF.
  bool ValidText(const char* s, rapidjson::SizeType n) {
    for (const char* p = static_cast<const char*>(std::memchr(s, '\xED', n)); p != nullptr;
         p = static_cast<const char*>(std::memchr(p + 1, '\xED', n - (p + 1 - s)))) {
      if (p + 1 < s + n && static_cast<unsigned char>(p[1]) >= 0xA0) {
        problem_ = "invalid \\u escape: a lone surrogate is not a character";
        return false;
      }
    }
    return true;
  }

  bool Duplicate(std::string_view key) {
    problem_ = fmt::format("duplicate key \"{}\"", key);
    return false;
  }

  bool Enter() {
    if (++depth_ > kMaxJsonDepth) {
      problem_ = fmt::format("nesting deeper than {} levels", kMaxJsonDepth);
      return false;
    }
    return true;
  }

  rapidjson::Document& doc_;
  int depth_ = 0;
  std::vector<std::vector<std::string>> keys_;  // keys seen in the open object at each depth
  std::string problem_;
};

}  // namespace

Result<rapidjson::Document> ParseJsonStrict(std::string_view json, const std::string& origin) {
  rapidjson::Document doc;
  rapidjson::Reader reader;
  std::string problem;
  size_t error_offset = 0;
  rapidjson::ParseErrorCode code = rapidjson::kParseErrorNone;
  auto generator = [&](rapidjson::Document& target) {
    StrictHandler handler(target);
    rapidjson::MemoryStream stream(json.data(), json.size());
    constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag |
                                rapidjson::kParseNumbersAsStringsFlag;  // converted exactly in RawNumber
    rapidjson::ParseResult result = reader.Parse<kFlags>(stream, handler);
    if (result.IsError()) {
      code = result.Code();
      error_offset = result.Offset();
      problem = handler.problem();
      return false;
    }
    return true;
  };
  doc.Populate(generator);
  if (code != rapidjson::kParseErrorNone) {
    if (problem.empty()) problem = rapidjson::GetParseError_En(code);
    if (code == rapidjson::kParseErrorDocumentEmpty && json.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      return MakeFileError(origin, "empty file, expected JSON");
    }
    LineColumn lc = LocateByteOffset(json, error_offset);
    return MakeFileError(origin, lc.line, lc.column, fmt::format("invalid JSON: {}", problem));
  }
  return doc;
}

Error JsonPathError(const std::string& origin, const std::string& pointer, const std::string& message) {
  return MakeFileError(origin, fmt::format("{}: {}", pointer.empty() ? "/" : pointer, message));
}

}  // namespace policykg
