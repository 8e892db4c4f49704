#include "common/json_writer.h"

#include <gtest/gtest.h>

#include <string>

#include "common/json.h"

namespace policykg {
namespace {

// Writes `value` as a one-string array with writer type W and reads it back with the strict parser.
template <typename W>
std::string RoundTrip(const std::string& value) {
  rapidjson::StringBuffer buffer;
  W w(buffer);
  w.StartArray();
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  w.EndArray();
  auto parsed = ParseJsonStrict(std::string_view(buffer.GetString(), buffer.GetSize()), "test");
  if (!parsed.ok()) return "<parse error: " + parsed.error().message + ">";
  return std::string(parsed.value()[0].GetString(), parsed.value()[0].GetStringLength());
}

// Every byte that needs escaping, at every position of strings long enough for the 16-byte scan,
// with multi-byte UTF-8 around it (bytes >= 0x80 must be copied, not escaped).
template <typename W>
void ExpectEveryEscapeRoundTrips() {
  std::string special;
  for (int c = 0; c < 0x20; ++c) special.push_back(static_cast<char>(c));
  special += "\"\\";
  for (char c : special) {
    for (size_t length : {15u, 16u, 17u, 31u, 32u, 33u, 64u, 100u}) {
      for (size_t at = 0; at < length; ++at) {
        std::string value = "重庆" + std::string(length, 'a') + "科学城";
        value[std::string("重庆").size() + at] = c;
        ASSERT_EQ(RoundTrip<W>(value), value)
            << "byte " << int(c) << " at " << at << " of " << length;
      }
    }
  }
}

TEST(JsonWriterTest, EscapesEveryControlByteQuoteAndBackslash) {
  ExpectEveryEscapeRoundTrips<JsonWriter>();
}

TEST(JsonWriterTest, PrettyWriterEscapesEveryControlByteQuoteAndBackslash) {
  ExpectEveryEscapeRoundTrips<JsonPrettyWriter>();
}

// The case users hit: a DOS ^Z (0x1A) between two joined reports inside a long document text.
TEST(JsonWriterTest, DosEndOfFileInsideLongTextIsEscaped) {
  std::string text =
      std::string(40, 'a') + "\x1A" + "重庆市政府工作报告" + std::string(40, 'b') + "\x1F";
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  std::string json(buffer.GetString(), buffer.GetSize());
  EXPECT_NE(json.find("\\u001A"), std::string::npos) << json;
  EXPECT_NE(json.find("\\u001F"), std::string::npos) << json;
  EXPECT_EQ(RoundTrip<JsonWriter>(text), text);
}

}  // namespace
}  // namespace policykg
