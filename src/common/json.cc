#include "common/json.h"

#include <algorithm>
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
  bool Double(double d) { return doc_.Double(d); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) {
    return doc_.RawNumber(s, n, copy);
  }
  bool String(const char* s, rapidjson::SizeType n, bool copy) { return doc_.String(s, n, copy); }
  bool StartObject() {
    if (!Enter()) return false;
    if (keys_.size() < static_cast<size_t>(depth_)) keys_.resize(depth_);
    keys_[depth_ - 1].clear();  // buffers are reused per depth: no allocation per object
    return doc_.StartObject();
  }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) {
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
    constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;
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
