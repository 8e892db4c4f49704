// IsValidUtf8 agrees with DecodeUtf8Strict (the JSON parser skips its own check when it says yes),
// and the strict parse gives the same document and the same errors either way.
#include "common/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/json.h"

namespace policykg {
namespace {

TEST(IsValidUtf8, AgreesWithStrictDecoding) {
  const std::vector<std::string> inputs = {
      "",
      "plain ascii, longer than eight bytes",
      "重庆科学城 and 西部(成都)科学城",
      "\xF0\x9F\x98\x80 emoji",               // four bytes
      "\xC3\xA9t\xC3\xA9",                     // two bytes
      "\xC0\xAF",                              // overlong '/'
      "\xE0\x80\xAF",                          // overlong, three bytes
      "\xED\xA0\x80",                          // a surrogate
      "\xF4\x90\x80\x80",                      // above U+10FFFF
      "\xE9\x87",                              // truncated at the end
      "abcdefgh\xE9\x87\x8D\xE5",              // truncated after an ASCII run
      "\x80 a lone continuation byte",
      "\xE9\x87\x8D\xE5\xBA\x86\xFF",
  };
  for (const std::string& s : inputs) {
    size_t bad = 0;
    EXPECT_EQ(IsValidUtf8(s), DecodeUtf8Strict(s, &bad).has_value()) << s;
  }
}

TEST(IsValidUtf8, StrictJsonParseAcceptsAndRejectsAsBefore) {
  auto ok = ParseJsonStrict(R"({"name": "重庆", "n": [1, 2.5]})", "x.json");
  ASSERT_TRUE(ok.ok());
  EXPECT_STREQ((*ok)["name"].GetString(), "重庆");
  // Invalid UTF-8 inside a string: RapidJSON's own check says where (line 1, column 11).
  auto bad = ParseJsonStrict(std::string("{\"name\": \"\xC0\xAF\"}"), "x.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().ToString().find("x.json:1:"), std::string::npos) << bad.error().ToString();
  // A NUL byte inside a string is an error, not the end of the text.
  auto nul = ParseJsonStrict(std::string("{\"a\": \"b\0c\"}", 12), "x.json");
  EXPECT_FALSE(nul.ok());
}

}  // namespace
}  // namespace policykg
