#include "query/find.h"

#include <gtest/gtest.h>

#include "query_fixtures.h"

namespace policykg::query {
namespace {

using testing::Small;
using testing::TwinCities;

std::vector<std::string> Ids(const testing::LoadedFixture& f, const FindResult& r) {
  std::vector<std::string> ids;
  for (auto v : r.matches) ids.push_back(f.Id(v));
  return ids;
}

TEST(FindEntities, SubstringMatchesNamesAndAliasesExactFirst) {
  auto f = TwinCities();
  auto r = FindEntities(*f->index, {.pattern = "高新区"});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  // Exact name matches first (by id), then the substring-only ones.
  EXPECT_EQ(Ids(*f, *r), (std::vector<std::string>{"Platform:高新区", "Region:高新区"}));
  auto alias = FindEntities(*f->index, {.pattern = "成都高新"});
  ASSERT_TRUE(alias.ok());
  EXPECT_EQ(Ids(*f, *alias), (std::vector<std::string>{"Region:高新区"}));
  auto cities = FindEntities(*f->index, {.pattern = "成渝"});
  ASSERT_TRUE(cities.ok());
  EXPECT_EQ(Ids(*f, *cities), (std::vector<std::string>{"Plan:成渝地区双城经济圈"}));
}

TEST(FindEntities, SubstringIsWidthInsensitive) {
  auto f = Small();
  auto r = FindEntities(*f->index, {.pattern = "（重庆）"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Ids(*f, *r), (std::vector<std::string>{"Platform:西部(重庆)科学城"}));
}

TEST(FindEntities, RegexWorksOnChineseCodePoints) {
  auto f = Small();
  // '.' is one character (not one byte) and classes hold CJK characters.
  auto r = FindEntities(*f->index, {.pattern = "^[万开云].$", .regex = true});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Ids(*f, *r), (std::vector<std::string>{"Region:万州", "Region:云阳", "Region:开州"}));
  auto folded = FindEntities(*f->index, {.pattern = "西部\\(重庆\\)", .regex = true});
  ASSERT_TRUE(folded.ok());
  EXPECT_EQ(folded->matches.size(), 1u);
  auto alias = FindEntities(*f->index, {.pattern = "自治县$", .regex = true});
  ASSERT_TRUE(alias.ok());
  EXPECT_EQ(Ids(*f, *alias), (std::vector<std::string>{"Region:彭水"}));
}

TEST(FindEntities, BadRegexIsAnError) {
  auto f = Small();
  auto r = FindEntities(*f->index, {.pattern = "([", .regex = true});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("bad regular expression '(['"), std::string::npos)
      << r.error().message;
}

TEST(FindEntities, TypeFilterAndLimit) {
  auto f = Small();
  auto regions = FindEntities(*f->index, {.types = {"Region"}});
  ASSERT_TRUE(regions.ok());
  EXPECT_EQ(regions->total, 7u);
  auto limited = FindEntities(*f->index, {.types = {"Region", "Lab"}, .limit = 3});
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->total, 8u);
  EXPECT_EQ(Ids(*f, *limited),
            (std::vector<std::string>{"Lab:金凤实验室", "Region:万州", "Region:云阳"}));
}

TEST(AttrCondition, ParsesOperators) {
  auto gt = ParseAttrCondition("value>1000");
  ASSERT_TRUE(gt.ok());
  EXPECT_EQ(gt->key, "value");
  EXPECT_EQ(gt->op, AttrCondition::Op::kGt);
  EXPECT_EQ(gt->number, 1000.0);
  auto ne = ParseAttrCondition("level!=district");
  ASSERT_TRUE(ne.ok());
  EXPECT_EQ(ne->op, AttrCondition::Op::kNe);
  EXPECT_EQ(ne->value, "district");
  EXPECT_FALSE(ne->number.has_value());
  auto ge = ParseAttrCondition("value>=800");
  ASSERT_TRUE(ge.ok());
  EXPECT_EQ(ge->op, AttrCondition::Op::kGe);
  auto unit = ParseAttrCondition("unit=家");
  ASSERT_TRUE(unit.ok());
  EXPECT_EQ(unit->value, "家");

  EXPECT_FALSE(ParseAttrCondition("value").ok());
  EXPECT_FALSE(ParseAttrCondition("=3").ok());
  EXPECT_FALSE(ParseAttrCondition("value>").ok());
  auto not_number = ParseAttrCondition("level>district");
  ASSERT_FALSE(not_number.ok());
  EXPECT_EQ(not_number.error().message, "bad --attr condition 'level>district': > needs a number");
}

TEST(FindEntities, AttributeConditionsCompareNumbersNumerically) {
  auto f = TwinCities();
  auto over = FindEntities(*f->index, {.conditions = {*ParseAttrCondition("value>1000")}});
  ASSERT_TRUE(over.ok());
  EXPECT_EQ(Ids(*f, *over), (std::vector<std::string>{"Target:成都:高新技术企业超过1500家"}));
  // 800 < 1000 numerically though "800" > "1000" as text.
  auto under = FindEntities(*f->index, {.conditions = {*ParseAttrCondition("value<1000")}});
  ASSERT_TRUE(under.ok());
  EXPECT_EQ(Ids(*f, *under), (std::vector<std::string>{"Target:重庆:新增研发机构800个"}));
  auto unit = FindEntities(*f->index, {.conditions = {*ParseAttrCondition("unit=家")}});
  ASSERT_TRUE(unit.ok());
  EXPECT_EQ(unit->matches.size(), 1u);
  auto equal = FindEntities(*f->index, {.conditions = {*ParseAttrCondition("value=1500.0")}});
  ASSERT_TRUE(equal.ok());
  EXPECT_EQ(equal->matches.size(), 1u);
  // A numeric string attribute (code) compares as a number; nodes without it never match.
  auto codes = FindEntities(*f->index, {.conditions = {*ParseAttrCondition("code>100")}});
  ASSERT_TRUE(codes.ok());
  EXPECT_EQ(Ids(*f, *codes), (std::vector<std::string>{"Region:成都"}));
  auto both = FindEntities(*f->index, {.types = {"Region"},
                                       .conditions = {*ParseAttrCondition("level=province"),
                                                      *ParseAttrCondition("code~5")}});
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(Ids(*f, *both), (std::vector<std::string>{"Region:四川", "Region:重庆"}));
}

}  // namespace
}  // namespace policykg::query
