#include "eval/gold.h"

#include <gtest/gtest.h>

namespace policykg::eval {
namespace {

std::string DataPath(const std::string& name) {
  return std::string(POLICYKG_TEST_DATA_DIR) + "/data/" + name;
}

TEST(Gold, LoadsFixture) {
  auto gold = LoadGold(DataPath("eval_basic.gold.json"));
  ASSERT_TRUE(gold.ok()) << gold.error().ToString();
  EXPECT_EQ(gold->document, "eval_basic.txt");
  ASSERT_EQ(gold->entities.size(), 12u);
  EXPECT_EQ(gold->entities[0].name, "重庆");
  EXPECT_EQ(gold->entities[0].type, "Region");
  EXPECT_EQ(gold->entities[0].aliases, std::vector<std::string>{"重庆市"});
  EXPECT_TRUE(gold->entities[1].aliases.empty());
  ASSERT_EQ(gold->targets.size(), 6u);
  EXPECT_EQ(gold->targets[0].value, 40000);
  EXPECT_EQ(gold->targets[0].value_text, "40000");
  EXPECT_EQ(gold->targets[2].value_text, "2.3");
  EXPECT_EQ(gold->targets[4].value_text, "100000.0");  // written 1e5: a float in Python
  EXPECT_EQ(gold->targets[4].unit, "亿元");
  EXPECT_EQ(gold->optional.size(), 2u);
  EXPECT_EQ(gold->relations.size(), 8u);
  EXPECT_EQ(gold->optional_relations.size(), 2u);
  EXPECT_EQ(gold->relation_types.size(), 6u);
  EXPECT_FALSE(gold->scope_lines.has_value());

  auto scoped = LoadGold(DataPath("eval_scope.gold.json"));
  ASSERT_TRUE(scoped.ok()) << scoped.error().ToString();
  ASSERT_TRUE(scoped->scope_lines.has_value());
  EXPECT_EQ(scoped->scope_lines->first, 2);
  EXPECT_EQ(scoped->scope_lines->last, 3);
}

TEST(Gold, MinimalGoldNeedsOnlyEntitiesAndRelations) {
  auto gold = ParseGold(R"({"entities": [], "relations": [], "document": null, "scope_lines": []})",
                        "g.json");
  ASSERT_TRUE(gold.ok()) << gold.error().ToString();
  EXPECT_TRUE(gold->document.empty());
  EXPECT_FALSE(gold->scope_lines.has_value());
}

TEST(Gold, SyntaxErrorsCarryLineAndColumn) {
  auto gold = ParseGold("{\n  \"entities\": [\n    {\"name\": \"a\",}\n  ]\n}", "gold.json");
  ASSERT_FALSE(gold.ok());
  EXPECT_EQ(gold.error().file, "gold.json");
  EXPECT_EQ(gold.error().line, 3);
  EXPECT_GT(gold.error().column, 0);
  EXPECT_NE(gold.error().ToString().find("gold.json:3:"), std::string::npos);
}

struct StructureCase {
  const char* json;
  const char* message;
};

TEST(Gold, StructuralErrorsNameTheJsonPointer) {
  const StructureCase cases[] = {
      {R"([])", "gold.json: /: expected a JSON object (a gold annotation)"},
      {R"({"relations": []})", "gold.json: /entities: missing field"},
      {R"({"entities": [], "relations": {}})", "gold.json: /relations: expected an array"},
      {R"({"entities": [{"name":"a","type":"R"},{"name":"b","type":"R"},{"name":"c","type":"R"},
           {"name":"d","type":7}], "relations": []})",
       "gold.json: /entities/3/type: expected a string"},
      {R"({"entities": [{"type":"R"}], "relations": []})",
       "gold.json: /entities/0/name: missing field"},
      {R"({"entities": ["a"], "relations": []})", "gold.json: /entities/0: expected an object"},
      {R"({"entities": [{"name":"a","type":"R","aliases":["x",1]}], "relations": []})",
       "gold.json: /entities/0/aliases/1: expected a string"},
      {R"({"entities": [], "relations": [{"source":"a","relation":"part_of"}]})",
       "gold.json: /relations/0/target: missing field"},
      {R"({"entities": [], "relations": [], "optional_relations": [{"source":"a","relation":1,"target":"b"}]})",
       "gold.json: /optional_relations/0/relation: expected a string"},
      {R"({"entities": [], "relations": [], "targets": [{"metric":"m","value":"4万","unit":"家"}]})",
       "gold.json: /targets/0/value: expected a number"},
      {R"({"entities": [], "relations": [], "targets": [{"metric":"m","value":4}]})",
       "gold.json: /targets/0/unit: missing field"},
      {R"({"entities": [], "relations": [], "optional": "x"})",
       "gold.json: /optional: expected an array of strings"},
      {R"({"entities": [], "relations": [], "document": 3})",
       "gold.json: /document: expected a string"},
      {R"({"entities": [], "relations": [], "scope_lines": [0, 3]})",
       "gold.json: /scope_lines/0: expected a line number (1 or more)"},
      {R"({"entities": [], "relations": [], "scope_lines": [4, 3]})",
       "gold.json: /scope_lines/1: last line is before the first line"},
      {R"({"entities": [], "relations": [], "scope_lines": [4]})",
       "gold.json: /scope_lines: expected [first line, last line]"},
  };
  for (const auto& c : cases) {
    auto gold = ParseGold(c.json, "gold.json");
    ASSERT_FALSE(gold.ok()) << c.json;
    EXPECT_EQ(gold.error().ToString(), c.message);
  }
}

TEST(Gold, RejectsDuplicateKeysAndMissingFiles) {
  auto dup = ParseGold(R"({"entities": [], "entities": [], "relations": []})", "d.json");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.error().message.find("duplicate key \"entities\""), std::string::npos);

  auto missing = LoadGold(DataPath("eval_no_such_file.gold.json"));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().ToString().find("eval_no_such_file.gold.json"), std::string::npos);
}

}  // namespace
}  // namespace policykg::eval
