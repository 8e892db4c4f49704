// libFuzzer target: ParseJsonStrict (common/json.h) on arbitrary bytes. Accepted documents must
// respect the promised limits (depth ≤ kMaxJsonDepth, no duplicate keys), and serializing an
// accepted document with the project's JSON writer (common/json_writer.h) must give JSON that ParseJsonStrict accepts again and
// that serializes to the same bytes.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "common/json.h"
#include "common/json_writer.h"
#include "fuzz_check.h"

using namespace policykg;

namespace {

void CheckValue(const rapidjson::Value& v, int depth) {
  if (v.IsObject() || v.IsArray()) {
    FUZZ_CHECK(depth + 1 <= kMaxJsonDepth, "accepted JSON nested deeper than kMaxJsonDepth");
  }
  if (v.IsObject()) {
    std::set<std::string, std::less<>> keys;
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
      FUZZ_CHECK(keys.emplace(it->name.GetString(), it->name.GetStringLength()).second, "accepted a duplicate key");
      CheckValue(it->value, depth + 1);
    }
  } else if (v.IsArray()) {
    for (const auto& item : v.GetArray()) CheckValue(item, depth + 1);
  }
}

std::string Serialize(const rapidjson::Document& doc) {
  rapidjson::StringBuffer buf;
  JsonWriter writer(buf);  // the writer of every release output, with its 16-byte scan
  FUZZ_CHECK(doc.Accept(writer), "RapidJSON writer refused an accepted document");
  return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view json(reinterpret_cast<const char*>(data), size);
  auto parsed = ParseJsonStrict(json, "fuzz");
  if (!parsed.ok()) {
    const Error& e = parsed.error();
    FUZZ_CHECK(!e.ToString().empty(), "empty error message");
    FUZZ_CHECK(e.line >= 0 && e.column >= 0, "negative error position");
    return 0;
  }
  CheckValue(*parsed, 0);
  const std::string first = Serialize(*parsed);
  auto again = ParseJsonStrict(first, "fuzz-roundtrip");
  FUZZ_CHECK(again.ok(), "serialized JSON does not parse again: " + again.error().ToString() + "\n  " + first.substr(0, 300));
  const std::string second = Serialize(*again);
  FUZZ_CHECK(second == first, "JSON serialization is not stable:\n  first:  " + first.substr(0, 300) +
                                  "\n  second: " + second.substr(0, 300));
  return 0;
}
