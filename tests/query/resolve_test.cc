#include "query/resolve.h"

#include <gtest/gtest.h>

#include "query_fixtures.h"

namespace policykg::query {
namespace {

using testing::Small;
using testing::TwinCities;

TEST(ResolveEntity, FindsByNameAliasAndId) {
  auto f = Small();
  auto by_name = ResolveEntity(*f->index, "万州");
  ASSERT_TRUE(by_name.found());
  EXPECT_EQ(f->Id(by_name.vertex), "Region:万州");
  auto by_alias = ResolveEntity(*f->index, "彭水苗族土家族自治县");
  ASSERT_TRUE(by_alias.found());
  EXPECT_EQ(f->Id(by_alias.vertex), "Region:彭水");
  auto by_id = ResolveEntity(*f->index, "Target:重庆:高新技术企业突破5500家");
  ASSERT_TRUE(by_id.found());
  EXPECT_EQ(f->graph.node(by_id.vertex).type, "Target");
}

TEST(ResolveEntity, FullWidthAndQuotesDoNotMatter) {
  auto f = Small();
  auto full_width = ResolveEntity(*f->index, "西部（重庆）科学城");
  ASSERT_TRUE(full_width.found());
  EXPECT_EQ(f->Id(full_width.vertex), "Platform:西部(重庆)科学城");
  auto id_full_width = ResolveEntity(*f->index, "Platform:西部（重庆）科学城");
  ASSERT_TRUE(id_full_width.found());
  EXPECT_EQ(id_full_width.vertex, full_width.vertex);
  auto quoted = ResolveEntity(*f->index, "“金凤实验室”");
  ASSERT_TRUE(quoted.found());
  EXPECT_EQ(f->Id(quoted.vertex), "Lab:金凤实验室");
}

TEST(ResolveEntity, NameBeatsAliasOfAnotherNode) {
  // 重庆 is the name of Region:重庆; nothing else may steal it through an alias.
  auto f = Small();
  auto r = ResolveEntity(*f->index, "重庆");
  ASSERT_TRUE(r.found());
  EXPECT_EQ(f->Id(r.vertex), "Region:重庆");
}

TEST(ResolveEntity, UnknownNameSuggestsClosest) {
  auto f = Small();
  auto r = ResolveEntity(*f->index, "万洲");
  ASSERT_EQ(r.outcome, Resolution::Outcome::kNotFound);
  // Edit distance 1 (万州) before 2 (万州区, 云阳, … by name); at most three.
  EXPECT_EQ(r.suggestions, (std::vector<std::string>{"万州", "万州区", "云阳"}));
  EXPECT_EQ(DescribeFailure(*f->index, r, "万洲", ""),
            "no entity named 万洲; did you mean: 万州, 万州区, 云阳");
  auto nothing = ResolveEntity(*f->index, "zzzzzzzzzz");
  EXPECT_EQ(nothing.outcome, Resolution::Outcome::kNotFound);
  EXPECT_TRUE(nothing.suggestions.empty());
  EXPECT_EQ(DescribeFailure(*f->index, nothing, "zzzzzzzzzz", ""), "no entity named zzzzzzzzzz");
}

TEST(ResolveEntity, AmbiguousNameListsCandidatesAndTypePicks) {
  auto f = TwinCities();
  auto r = ResolveEntity(*f->index, "高新区");
  ASSERT_EQ(r.outcome, Resolution::Outcome::kAmbiguous);
  ASSERT_EQ(r.candidates.size(), 2u);
  EXPECT_EQ(f->Id(r.candidates[0]), "Platform:高新区");
  EXPECT_EQ(f->Id(r.candidates[1]), "Region:高新区");
  EXPECT_EQ(DescribeFailure(*f->index, r, "高新区", "", "--entity-type"),
            "ambiguous name 高新区: Platform:高新区, Region:高新区 (give an id, or pick one with "
            "--entity-type)");
  auto platform = ResolveEntity(*f->index, "高新区", "Platform");
  ASSERT_TRUE(platform.found());
  EXPECT_EQ(f->Id(platform.vertex), "Platform:高新区");
  auto by_id = ResolveEntity(*f->index, "Region:高新区");
  ASSERT_TRUE(by_id.found());
  EXPECT_EQ(f->graph.node(by_id.vertex).type, "Region");
}

TEST(ResolveEntity, TypeMismatchNamesTheOtherTypes) {
  auto f = TwinCities();
  auto r = ResolveEntity(*f->index, "天府实验室", "Region");
  ASSERT_EQ(r.outcome, Resolution::Outcome::kNotFound);
  EXPECT_EQ(DescribeFailure(*f->index, r, "天府实验室", "Region"),
            "no Region named 天府实验室; other types have it: Lab:天府实验室");
}

TEST(CheckKnownName, SuggestsOrListsKnownNames) {
  std::vector<std::string> known{"Lab", "Platform", "Region"};
  EXPECT_TRUE(CheckKnownName("type", "Region", known).ok());
  auto typo = CheckKnownName("type", "Regoin", known);
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.error().message, "unknown type Regoin; did you mean: Region");
  auto far = CheckKnownName("type", "Xylophone", known);
  ASSERT_FALSE(far.ok());
  EXPECT_EQ(far.error().message, "unknown type Xylophone; known: Lab, Platform, Region");
}

}  // namespace
}  // namespace policykg::query
