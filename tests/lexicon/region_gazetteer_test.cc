#include "lexicon/region_gazetteer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/utf8.h"
#include "lexicon/compiled_lexicon.h"
#include "test_util.h"
#include "text/normalize.h"

namespace policykg::lexicon {
namespace {

const CompiledLexicon& Lexicon() {
  static const CompiledLexicon lex(testing::BundledSchema());
  return lex;
}

// The regions writing `form`, as "name" or "name (short)", in candidate order.
std::vector<std::string> Readings(const std::string& form) {
  const auto& lex = Lexicon();
  std::vector<std::string> out;
  const int32_t f = lex.region_names.Find(text::FoldText(DecodeUtf8Lenient(form)));
  if (f < 0) return out;
  for (const RegionCandidate& c : lex.gazetteer.Candidates(f)) {
    out.push_back(lex.region(c.region).name + (c.short_form ? " (short)" : ""));
  }
  return out;
}

TEST(RegionGazetteer, FormsKeepEveryReading) {
  EXPECT_EQ(Readings("娄底市"), std::vector<std::string>{"娄底"});
  EXPECT_EQ(Readings("娄底"), std::vector<std::string>{"娄底 (short)"});
  EXPECT_EQ(Readings("恩施州"), std::vector<std::string>{"恩施"});
  // A municipality's district shares its short form with a prefecture; 长春's 朝阳区 is written in full.
  EXPECT_EQ(Readings("朝阳"), (std::vector<std::string>{"朝阳市 (short)", "北京朝阳区 (short)"}));
  // A full name four cities have (南京, 徐州, 开封, 福州): four full readings; a qualified form is one.
  EXPECT_EQ(Readings("鼓楼区").size(), 4u);
  EXPECT_EQ(Readings("福州市鼓楼区"), std::vector<std::string>{"福州鼓楼区"});
  // 长沙县 is written in full: 长沙 is the city's.
  EXPECT_EQ(Readings("长沙"), std::vector<std::string>{"长沙 (short)"});
  // Ordinary words are no short forms; generic district names only with their city.
  EXPECT_TRUE(Readings("新华").empty());
  EXPECT_TRUE(Readings("矿区").empty());
  EXPECT_EQ(Readings("阳泉矿区"), std::vector<std::string>{"阳泉矿区"});
  // Two-character full names need context like short forms (Chongqing's and Sichuan's keep their
  // earlier reading: 忠县 is a name).
  EXPECT_EQ(Readings("和县"), std::vector<std::string>{"和县 (short)"});
  EXPECT_EQ(Readings("忠县"), std::vector<std::string>{"忠县"});
}

TEST(RegionGazetteer, TiersAndProvinces) {
  const auto& lex = Lexicon();
  auto idx = [&](const char* name) { return lex.RegionIndex(name); };
  const auto& gaz = lex.gazetteer;
  EXPECT_EQ(gaz.tier(idx("湖南")), RegionGazetteer::kProvince);
  EXPECT_EQ(gaz.tier(idx("娄底")), RegionGazetteer::kPrefecture);
  EXPECT_EQ(gaz.tier(idx("浏阳")), RegionGazetteer::kCounty);
  EXPECT_EQ(gaz.tier(idx("长株潭")), RegionGazetteer::kGroup);
  EXPECT_EQ(gaz.province(idx("浏阳")), idx("湖南"));
  EXPECT_EQ(gaz.province(idx("湖南")), idx("湖南"));
  EXPECT_EQ(gaz.province(idx("北京朝阳区")), idx("北京"));
  EXPECT_EQ(gaz.province(idx("万州")), idx("重庆")) << "through 渝东北三峡库区城镇群";
  EXPECT_EQ(gaz.province(idx("成都")), idx("四川")) << "through 成都平原经济区";
  EXPECT_EQ(gaz.province(idx("长株潭")), idx("湖南"));
  EXPECT_EQ(gaz.province(idx("关中平原城市群")), -1) << "a group across provinces has none";
  EXPECT_EQ(gaz.province(-1), -1);
}

}  // namespace
}  // namespace policykg::lexicon
