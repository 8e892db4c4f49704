// Strict JSON parsing on RapidJSON: iterative (no stack overflow on deep input), nesting limited,
// duplicate object keys rejected, numbers that overflow rejected, lone surrogates and invalid UTF-8
// rejected; errors carry file:line:col. Two ways in: a DOM (ParseJsonStrict) or SAX events into a
// caller's sink (ParseJsonSax), both through the same checks. Also "file: /pointer: message"
// errors.
#pragma once

#include <rapidjson/document.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/utf8.h"

namespace policykg {

inline constexpr int kMaxJsonDepth = 64;

// Parses `json`; `origin` is the file name used in errors.
Result<rapidjson::Document> ParseJsonStrict(std::string_view json, const std::string& origin);

// "origin: /pointer: message" errors for structural problems.
Error JsonPathError(const std::string& origin, const std::string& pointer,
                    const std::string& message);

// A JSON number as the strict parser reads it: integers exactly (negative ones as int64), anything
// else as the correctly rounded double.
struct JsonNumber {
  enum class Kind : uint8_t { kInt64, kUint64, kDouble };
  Kind kind = Kind::kUint64;
  int64_t i = 0;   // kInt64 (only negative numbers and -0)
  uint64_t u = 0;  // kUint64
  double d = 0;    // kDouble

  bool IsUint64() const { return kind == Kind::kUint64 || (kind == Kind::kInt64 && i >= 0); }
  uint64_t AsUint64() const { return kind == Kind::kUint64 ? u : static_cast<uint64_t>(i); }
  double AsDouble() const {
    return kind == Kind::kDouble  ? d
           : kind == Kind::kInt64 ? static_cast<double>(i)
                                  : static_cast<double>(u);
  }
};

// Converts the text of a JSON number (as RapidJSON validated it); false when it overflows a double.
bool ConvertJsonNumber(std::string_view text, JsonNumber* out);

// Events of a strictly parsed document, for ParseJsonSax. A sink cannot stop the parse: it records
// its own (structural) problems and keeps going, so a syntax error later in the input still wins.
// Strings and keys are valid only during the call.
//   void Null(); void Bool(bool); void Number(const JsonNumber&); void String(std::string_view);
//   void Key(std::string_view); void StartObject(); void EndObject(size_t members);
//   void StartArray(); void EndArray(size_t elements);

namespace json_internal {

// The strictness rules shared by every reader: depth, duplicate keys, lone surrogates, numbers.
class StrictChecks {
 public:
  StrictChecks();
  ~StrictChecks();
  StrictChecks(const StrictChecks&) = delete;
  StrictChecks& operator=(const StrictChecks&) = delete;

  bool Enter();  // a container opens: false when nesting gets too deep
  void Leave() { --depth_; }
  void OpenObject();                    // after Enter(), for objects
  bool CheckKey(std::string_view key);  // false for a key already seen in the open object
  // False for an encoded surrogate (lone \udc00). Inline: it runs on every string and key.
  bool CheckText(std::string_view s) { return !MayHoldSurrogate(s) || CheckSurrogates(s); }
  bool CheckNumber(std::string_view text, JsonNumber* out);  // false when it overflows
  bool CheckDouble(double d, JsonNumber* out);               // false when not finite
  const std::string& problem() const { return problem_; }

 private:
  struct KeySet;
  // Whether `s` has a byte ED (every surrogate's UTF-8 starts with it): short strings are scanned
  // here a word at a time, long ones by memchr.
  static bool MayHoldSurrogate(std::string_view s) {
    const char* p = s.data();
    size_t n = s.size();
    if (n > 64) return std::memchr(p, '\xED', n) != nullptr;
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    for (; n >= 8; p += 8, n -= 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      w ^= 0xED * kOnes;  // a byte ED becomes zero
      if ((w - kOnes) & ~w & kHigh) return true;
    }
    for (; n > 0; ++p, --n) {
      if (static_cast<unsigned char>(*p) == 0xED) return true;
    }
    return false;
  }
  bool CheckSurrogates(std::string_view s);

  int depth_ = 0;
  std::vector<KeySet> keys_;  // keys seen in the open object at each depth (buffers reused)
  std::string problem_;
};

// RapidJSON handler: applies StrictChecks, forwards to the sink.
template <typename Sink>
class StrictFilter {
 public:
  explicit StrictFilter(Sink& sink) : sink_(sink) {}

  bool Null() { return sink_.Null(), true; }
  bool Bool(bool b) { return sink_.Bool(b), true; }
  // With kParseNumbersAsStringsFlag every number arrives as RawNumber; these are never called.
  bool Int(int i) { return Int64(i); }
  bool Uint(unsigned u) { return Uint64(u); }
  bool Int64(int64_t i) {
    JsonNumber n;
    n.kind = i < 0 ? JsonNumber::Kind::kInt64 : JsonNumber::Kind::kUint64;
    n.i = i, n.u = static_cast<uint64_t>(i);
    return sink_.Number(n), true;
  }
  bool Uint64(uint64_t u) {
    JsonNumber n;
    n.u = u;
    return sink_.Number(n), true;
  }
  bool Double(double d) {
    JsonNumber number;
    if (!checks_.CheckDouble(d, &number)) return false;
    return sink_.Number(number), true;
  }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    return RawNumberText(std::string_view(s, n));
  }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    std::string_view text(s, n);
    if (!checks_.CheckText(text)) return false;
    return sink_.String(text), true;
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    std::string_view key(s, n);
    if (!checks_.CheckText(key) || !checks_.CheckKey(key)) return false;
    return sink_.Key(key), true;
  }
  bool StartObject() {
    if (!checks_.Enter()) return false;
    checks_.OpenObject();
    return sink_.StartObject(), true;
  }
  bool EndObject(rapidjson::SizeType n) { return checks_.Leave(), sink_.EndObject(n), true; }
  bool StartArray() { return checks_.Enter() && (sink_.StartArray(), true); }
  bool EndArray(rapidjson::SizeType n) { return checks_.Leave(), sink_.EndArray(n), true; }

  const std::string& problem() const { return checks_.problem(); }

 private:
  bool RawNumberText(std::string_view text) {
    JsonNumber number;
    if (!checks_.CheckNumber(text, &number)) return false;
    return sink_.Number(number), true;
  }

  Sink& sink_;
  StrictChecks checks_;
};

// Inputs up to this size are parsed from a null-terminated copy (schema files, golds); larger ones
// (graph files) in place.
inline constexpr size_t kMaxTerminatedCopy = size_t{16} << 20;

inline constexpr unsigned kStrictParseFlags = rapidjson::kParseIterativeFlag |
                                              rapidjson::kParseValidateEncodingFlag |
                                              rapidjson::kParseNumbersAsStringsFlag;

// The file:line:col (or "empty file") error for a failed parse.
Error SyntaxError(std::string_view json, const std::string& origin, rapidjson::ParseResult result,
                  const std::string& problem);

}  // namespace json_internal

// Parses `json` strictly, feeding `sink` (see above); syntax and strictness errors as
// file:line:col. Structural problems are the sink's to report.
template <typename Sink>
Status ParseJsonSax(std::string_view json, const std::string& origin, Sink& sink) {
  json_internal::StrictFilter<Sink> filter(sink);
  rapidjson::Reader reader;
  constexpr unsigned kValidated = json_internal::kStrictParseFlags & ~rapidjson::kParseValidateEncodingFlag;
  rapidjson::ParseResult result;
  if (!IsValidUtf8(json)) {  // RapidJSON's check per string finds the bad byte and says where
    rapidjson::MemoryStream stream(json.data(), json.size());
    result = reader.Parse<json_internal::kStrictParseFlags>(stream, filter);
  } else if (json.size() <= json_internal::kMaxTerminatedCopy && std::memchr(json.data(), '\0', json.size()) == nullptr) {
    // A null-terminated copy lets RapidJSON copy strings 16 bytes at a time (RAPIDJSON_SSE2); a NUL
    // byte (an error anyway) would end it early, so that input takes the stream below.
    const std::string terminated(json);
    rapidjson::StringStream stream(terminated.c_str());
    result = reader.Parse<kValidated>(stream, filter);
  } else {
    rapidjson::MemoryStream stream(json.data(), json.size());
    result = reader.Parse<kValidated>(stream, filter);
  }
  if (result.IsError()) return json_internal::SyntaxError(json, origin, result, filter.problem());
  return Status::Ok();
}

}  // namespace policykg
