#include "query/batch.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace policykg::query {
namespace {

std::vector<std::string> Words(std::string_view line) {
  auto words = SplitQueryLine(line);
  EXPECT_TRUE(words.ok()) << words.error().ToString();
  return words.ok() ? *words : std::vector<std::string>{};
}

TEST(SplitQueryLine, BlanksSeparateQuotesKeep) {
  EXPECT_EQ(Words("neighbors 万州 --depth 2"),
            (std::vector<std::string>{"neighbors", "万州", "--depth", "2"}));
  EXPECT_EQ(Words("  path\t'西部(重庆) 科学城'  \"a \\\"b\\\" \\\\c\"  "),
            (std::vector<std::string>{"path", "西部(重庆) 科学城", "a \"b\" \\c"}));
  EXPECT_EQ(Words("find ''"), (std::vector<std::string>{"find", ""}));
  EXPECT_EQ(Words("find a\\ b x'y'\"z\""), (std::vector<std::string>{"find", "a b", "xyz"}));
  EXPECT_EQ(Words("find '\\n'"), (std::vector<std::string>{"find", "\\n"}));
  EXPECT_TRUE(Words("").empty());
}

TEST(SplitQueryLine, UnterminatedQuoteNamesItsColumnInCodePoints) {
  auto words = SplitQueryLine("neighbors 万州 '重庆");
  ASSERT_FALSE(words.ok());
  EXPECT_EQ(words.error().column, 14);
  EXPECT_NE(words.error().message.find("unterminated ' quote"), std::string::npos);
  words = SplitQueryLine("find \"a");
  ASSERT_FALSE(words.ok());
  EXPECT_EQ(words.error().column, 6);
  words = SplitQueryLine("find a\\");
  ASSERT_FALSE(words.ok());
  EXPECT_EQ(words.error().column, 7);
}

TEST(IsBlankOrComment, OnlyBlanksOrHash) {
  EXPECT_TRUE(IsBlankOrComment(""));
  EXPECT_TRUE(IsBlankOrComment(" \t "));
  EXPECT_TRUE(IsBlankOrComment("  # neighbors 万州"));
  EXPECT_FALSE(IsBlankOrComment("find #"));
}

TEST(CompactJson, DropsWhitespaceOutsideStringsOnly) {
  EXPECT_EQ(CompactJson("{\n  \"a b\": [\n    1,\n    \"x \\\" y\\\\\"\n  ]\n}\n"),
            "{\"a b\":[1,\"x \\\" y\\\\\"]}");
  EXPECT_EQ(CompactJson("{\"t\": \"\\n\\t 万 州\"}"), "{\"t\":\"\\n\\t 万 州\"}");
}

}  // namespace
}  // namespace policykg::query
