#include "extract/region_context.h"

#include <gtest/gtest.h>

#include "lexicon/compiled_lexicon.h"
#include "test_util.h"

namespace policykg::extract {
namespace {

const lexicon::CompiledLexicon& Lexicon() {
  static const lexicon::CompiledLexicon lex(testing::BundledSchema());
  return lex;
}

// The reading of the form written at [start, end) of `text` in a report of `document` ("" = none).
RegionReading Read(std::u32string_view text, uint32_t start, uint32_t end, const char* document = "") {
  const auto& lex = Lexicon();
  const int32_t form = lex.region_names.Find(text.substr(start, end - start));
  EXPECT_GE(form, 0);
  return ReadRegionForm(lex, text, start, end, form, *document ? lex.RegionIndex(document) : -1);
}

std::string NameOf(const RegionReading& r) { return r.region < 0 ? "" : Lexicon().region(r.region).name; }

TEST(RegionContext, CollisionWordsOverlapOnlyFromOutside) {
  const auto& lex = Lexicon();
  EXPECT_TRUE(OverlapsCollisionWord(lex, U"推进投资阳光化", 3, 5));   // 投资 over 资阳
  EXPECT_TRUE(OverlapsCollisionWord(lex, U"中小金融机构", 1, 3));     // 小金融 contains 小金
  EXPECT_FALSE(OverlapsCollisionWord(lex, U"支持资阳发展", 2, 4));
  EXPECT_TRUE(OverlapsCollisionWord(lex, U"娄底市场", 0, 3));         // 市场 over 娄底市
  EXPECT_FALSE(OverlapsCollisionWord(lex, U"娄底市场", 0, 2));
  // 祖国北疆: the motherland's northern frontier (Inner Mongolia's phrase), not Xinjiang's 北疆.
  EXPECT_TRUE(OverlapsCollisionWord(lex, U"筑牢祖国北疆安全稳定屏障", 4, 6));
  EXPECT_FALSE(OverlapsCollisionWord(lex, U"推动北疆地区发展", 2, 4));
}

TEST(RegionContext, ListedCompassPointsAreNoRegions) {
  // 东北、西北、西南、东南四个片区: a province's own zones, not Northeast China.
  const std::u32string_view zones = U"推动东北、西北、西南、东南四个片区内城市共同实施";
  EXPECT_EQ(CompassListLength(zones, 2), 4u);
  EXPECT_EQ(CompassListLength(zones, 11), 4u);
  EXPECT_EQ(NameOf(Read(zones, 2, 4, "河南")), "");
  // Alone, or beside one other, 东北 is still the region.
  EXPECT_EQ(CompassListLength(U"推动东北全面振兴", 2), 1u);
  EXPECT_NE(NameOf(Read(U"推动东北全面振兴", 2, 4)), "");
  EXPECT_EQ(CompassListLength(U"支持东北、西北地区", 2), 2u);
  EXPECT_EQ(CompassListLength(U"推动发展", 2), 0u);
}

TEST(RegionContext, FieldsOfWorkAreNoRegions) {
  // 加强统计、港澳、参事…等工作: 港澳 is the government's field of work, not Hong Kong and Macao.
  const auto& lex = Lexicon();
  EXPECT_TRUE(InWorkAreaList(lex, U"加强统计、港澳、参事、史志等工作", 5, 7));
  EXPECT_TRUE(InWorkAreaList(lex, U"宗教、对台事务、港澳、侨务、参事馆员等工作实现新进展", 8, 10));
  // Places listed with places stay places, and so does a field outside such a list.
  EXPECT_FALSE(InWorkAreaList(lex, U"做好呼和浩特、包头、乌兰察布等地灾后重建工作", 7, 9));
  EXPECT_FALSE(InWorkAreaList(lex, U"深化湘港澳合作", 3, 5));
  EXPECT_FALSE(InWorkAreaList(lex, U"推动香港、澳门、台湾青年交流", 5, 7));
}

TEST(RegionContext, ACallForAStyleOfWorkIsNoPlace) {
  // 大兴调查研究之风: 大兴 is "to promote" before …之风, not Beijing's district.
  EXPECT_TRUE(OpensAStyle(U"大兴调查研究之风", 2));
  EXPECT_TRUE(OpensAStyle(U"大兴学习之风", 2));
  EXPECT_EQ(NameOf(Read(U"大兴调查研究之风", 0, 2, "北京")), "");
  EXPECT_FALSE(OpensAStyle(U"大兴国际机场临空经济区", 2));
  EXPECT_NE(NameOf(Read(U"大兴国际机场临空经济区", 0, 2, "北京")), "");
}

TEST(RegionContext, ALandformCalledAfterADivisionIsNoMentionOfIt) {
  const auto& lex = Lexicon();
  EXPECT_TRUE(NamesLandformAfter(lex, U"推动吕梁山山水工程完工", 4));  // the mountains
  EXPECT_TRUE(NamesLandformAfter(lex, U"建好武夷山国家公园", 5));      // named after the mountains
  EXPECT_FALSE(NamesLandformAfter(lex, U"支持吕梁山区发展", 4));       // 山区: the place's hills
  EXPECT_FALSE(NamesLandformAfter(lex, U"桂林山水甲天下", 2));
  EXPECT_FALSE(NamesLandformAfter(lex, U"南京江北新区", 2));           // another place starts
  EXPECT_EQ(NameOf(Read(U"推动吕梁山山水工程完工", 2, 4, "山西")), "");
  EXPECT_EQ(NameOf(Read(U"支持吕梁山区发展", 2, 4, "山西")), "吕梁");
  EXPECT_EQ(NameOf(Read(U"推动黄浦江挡潮闸工程建设", 2, 4, "上海")), "");
  EXPECT_EQ(NameOf(Read(U"支持黄浦区发展", 2, 5, "上海")), "黄浦");
}

TEST(RegionContext, ContextFormsNeedAListWithAPlainPlaceOrARoute) {
  // 互助, 共和, 同仁: counties whose short forms are ordinary words (regions_china.json context_forms).
  const std::u32string list = U"大通、湟中、民和、互助、共和、同仁新型城镇化试点县";
  RegionReading r = Read(list, 12, 14, "青海");  // 共和: its neighbours are context forms, 民和 beyond is not
  EXPECT_EQ(NameOf(r), "共和县");
  EXPECT_STREQ(r.rule, "gazetteer.short_form.list");
  EXPECT_EQ(Read(list, 12, 14, "甘肃").region, -1) << "a context form's list reading needs a report of its province";
  EXPECT_EQ(Read(U"发扬互助精神", 2, 4, "青海").region, -1) << "alone, a context form is a word";
  EXPECT_EQ(Read(U"加强洪湖、梁子湖等重点湖库治理", 2, 4, "湖北").region, -1) << "a list of context forms only: lakes";
  EXPECT_EQ(NameOf(Read(U"支持武汉、洪湖发展", 5, 7, "湖北")), "洪湖市");
  EXPECT_EQ(Read(U"共和示范区", 0, 2, "青海").region, -1) << "no admin-head reading for a context form";
  r = Read(U"富裕至加格达奇铁路", 0, 2, "内蒙古");
  EXPECT_EQ(NameOf(r), "富裕县");
  EXPECT_STREQ(r.rule, "gazetteer.short_form.route_end");
}

TEST(RegionContext, RulesNameTheirReason) {
  RegionReading r = Read(U"支持浏阳发展", 2, 4, "湖南");
  EXPECT_EQ(NameOf(r), "浏阳");
  EXPECT_STREQ(r.rule, "gazetteer.short_form.province_context");
  EXPECT_EQ(Read(U"支持浏阳发展", 2, 4, "广东").region, -1) << "a county elsewhere needs a cue";
  r = Read(U"支持浏阳经开区发展", 2, 4, "广东");
  EXPECT_STREQ(r.rule, "gazetteer.short_form.admin_head");
  r = Read(U"醴陵、浏阳", 3, 5);
  EXPECT_STREQ(r.rule, "gazetteer.short_form.list");
  r = Read(U"长沙浏阳", 2, 4);
  EXPECT_STREQ(r.rule, "gazetteer.short_form.after_parent");
  r = Read(U"支持朝阳发展", 2, 4, "北京");
  EXPECT_EQ(NameOf(r), "北京朝阳区");
  r = Read(U"支持朝阳发展", 2, 4, "湖南");
  EXPECT_EQ(NameOf(r), "朝阳市");
  EXPECT_STREQ(r.rule, "gazetteer.short_form");
  r = Read(U"推进鼓楼区改造", 2, 5, "福建");
  EXPECT_EQ(NameOf(r), "福州鼓楼区");
  EXPECT_STREQ(r.rule, "gazetteer.name.province_context");
  EXPECT_EQ(Read(U"推进鼓楼区改造", 2, 5, "湖南").region, -1) << "ambiguous: left out";
  r = Read(U"推进通州区建设", 2, 5, "河北");
  EXPECT_EQ(NameOf(r), "北京通州区");
  EXPECT_STREQ(r.rule, "gazetteer.name.neighbour_context");
  EXPECT_EQ(Read(U"推进通州区建设", 2, 5, "广东").region, -1) << "neither in the report's part of China";
  r = Read(U"娄底市", 0, 3);
  EXPECT_STREQ(r.rule, "gazetteer.name");
  // Another province's name that opens the full name of the report's own prefecture.
  r = Read(U"海南清洁能源基地", 0, 2, "青海");
  EXPECT_EQ(NameOf(r), "海南州");
  EXPECT_STREQ(r.rule, "gazetteer.name.province_context");
  EXPECT_EQ(NameOf(Read(U"海南清洁能源基地", 0, 2, "广东")), "海南") << "elsewhere the province";
  EXPECT_EQ(NameOf(Read(U"海南自由贸易港", 0, 2, "海南")), "海南") << "in its own report the province";
  EXPECT_EQ(NameOf(Read(U"吉林长春", 0, 2, "吉林")), "吉林") << "吉林市 is the report's own city, 吉林 its province";
}

TEST(RegionContext, NamedZonesAndTownsAreRegionsWithTheirCounty) {
  const auto& lex = Lexicon();
  for (const char* town : {"洋浦", "博鳌", "横琴", "磨憨", "乌镇"}) {
    const int32_t r = lex.RegionIndex(town);
    ASSERT_GE(r, 0) << town;
    EXPECT_FALSE(lex.RegionParents(r).empty()) << town << " has its county or city as parent";
  }
  EXPECT_EQ(NameOf(Read(U"推进洋浦建设", 2, 4, "海南")), "洋浦");
}

TEST(RegionContext, GroupContextLimitsGenericGroupNames) {
  const auto& lex = Lexicon();
  const int32_t center = lex.RegionIndex("中心城区");
  ASSERT_GE(center, 0);
  EXPECT_TRUE(InRegionContext(lex, center, lex.RegionIndex("重庆")));
  EXPECT_FALSE(InRegionContext(lex, center, lex.RegionIndex("湖南")));
  EXPECT_TRUE(InRegionContext(lex, center, -1));
  EXPECT_TRUE(IssuerCueAt(lex, U"广东省省长", 3));
  EXPECT_FALSE(IssuerCueAt(lex, U"广东省代表", 3));
}

}  // namespace
}  // namespace policykg::extract
