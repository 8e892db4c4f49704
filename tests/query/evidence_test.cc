#include "query/evidence.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "query_fixtures.h"

namespace policykg::query {
namespace {

using testing::Small;
using testing::TwinCities;

std::string Marked(const HighlightedText& text) {
  std::string out;
  size_t done = 0;
  for (auto [start, end] : text.highlights) {
    out += text.text.substr(done, start - done) + "[" + text.text.substr(start, end - start) + "]";
    done = end;
  }
  return out + text.text.substr(done);
}

TEST(RuleInFamilies, ARuleOrTheRulesUnderItInTheDottedNames) {
  EXPECT_TRUE(RuleInFamilies("gazetteer.name", {}));
  EXPECT_TRUE(RuleInFamilies("gazetteer.name", {"gazetteer"}));
  EXPECT_TRUE(RuleInFamilies("gazetteer.short_form.in_name", {"gazetteer.short_form"}));
  EXPECT_TRUE(RuleInFamilies("develops.implicit", {"develops.implicit"}));
  EXPECT_FALSE(RuleInFamilies("develops.implicit_topic", {"develops.implicit"}));  // not a sub-rule
  EXPECT_FALSE(RuleInFamilies("gazetteer.name", {"gazetteer.name.in_name"}));
  EXPECT_FALSE(RuleInFamilies("entity.head", {"gazetteer", "develops"}));
  EXPECT_TRUE(RuleInFamilies("entity.head", {"gazetteer", "entity"}));
}

TEST(DocIdLess, NumericOrder) {
  std::vector<std::string> ids = {"d20", "x", "d3", "d100", "d1", "d03", "d2a"};
  std::sort(ids.begin(), ids.end(), DocIdLess);
  EXPECT_EQ(ids, (std::vector<std::string>{"d1", "d3", "d20", "d100", "d03", "d2a", "x"}));
}

TEST(NameDocument, TitleIssuerYear) {
  graph::Document doc;
  doc.id = "d1";
  doc.path = "corpus/x/report.txt";
  doc.region = "Region:重庆";
  doc.text = "政府工作报告\n——2024年3月5日在会议上\n";
  doc.title = "政府工作报告";
  DocumentName name = NameDocument(doc);
  EXPECT_EQ(name.Label(), "政府工作报告 (重庆, 2024)");
  doc.title.clear();
  doc.region.clear();
  doc.text.clear();
  EXPECT_EQ(NameDocument(doc).Label(), "report.txt") << "no title: the file name";
}

TEST(SentenceAround, SpansBetweenTerminators) {
  std::u32string text = U"第一句。 第二句有目标！第三句\n第四句";
  // Mention 目标 at code points 9..11 (inside 第二句有目标！).
  auto [start, end] = SentenceAround(text, 9, 11);
  EXPECT_EQ(EncodeUtf8(text.substr(start, end - start)), "第二句有目标！")
      << "leading blank skipped";
  auto [s3, e3] = SentenceAround(text, 12, 13);
  EXPECT_EQ(EncodeUtf8(text.substr(s3, e3 - s3)), "第三句") << "newline ends it and is not kept";
  auto [s4, e4] = SentenceAround(text, 16, 17);
  EXPECT_EQ(EncodeUtf8(text.substr(s4, e4 - s4)), "第四句") << "text end ends it";
  // Offsets past the end are clamped: the last sentence.
  auto [s5, e5] = SentenceAround(text, 100, 200);
  EXPECT_EQ(s5, 16u);
  EXPECT_EQ(e5, text.size());
}

TEST(EntityEvidence, SentenceWithMentionHighlighted) {
  auto f = Small();
  auto items = EntityEvidence(f->index->graph(), f->V("Platform:西部(重庆)科学城"));
  ASSERT_EQ(items.size(), 1u);
  const auto& item = items[0];
  ASSERT_TRUE(item.has_text);
  ASSERT_NE(item.document, nullptr);
  EXPECT_EQ(item.document->path, "tests/data/fixture.txt");
  EXPECT_EQ(item.mention_text, "西部(重庆)科学城");
  EXPECT_EQ(item.sentence_start, 32u);
  EXPECT_EQ(item.sentence_end, 64u);
  EXPECT_EQ(Marked(item.sentence),
            "高水平建设[西部(重庆)科学城]，建设金凤实验室和国家应用数学中心。");
  EXPECT_EQ(RenderHighlighted(item.sentence, true),
            "高水平建设\x1b[1;31m西部(重庆)科学城\x1b[0m，建设金凤实验室和国家应用数学中心。");
  EXPECT_EQ(RenderHighlighted(item.sentence, false),
            "高水平建设西部(重庆)科学城，建设金凤实验室和国家应用数学中心。");
}

TEST(EntityEvidence, NewlineInsideTheMentionDoesNotSplitTheSentence) {
  auto f = Small();
  auto items = EntityEvidence(
      f->index->graph(), f->V("Institution:名字含\"引号\"<尖括号>&和\\反斜杠\n换行的机构研究院"));
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(Marked(items[0].sentence), "[名字含\"引号\"<尖括号>&和\\反斜杠\n换行的机构研究院]。");
}

TEST(EntityEvidence, MentionsInDocumentsWithoutTextHaveNoSentence) {
  auto f = TwinCities();
  auto items = EntityEvidence(f->index->graph(), f->V("Region:重庆"));
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(Marked(items[0].sentence), "成都高新区与[重庆]高新区共建川渝高新技术产业合作平台。");
  EXPECT_EQ(Marked(items[1].sentence), "推动成渝地区双城经济圈建设，成都与[重庆]携手共建。");
  auto no_text = EntityEvidence(f->index->graph(), f->V("Organization:孤立协会"));
  ASSERT_EQ(no_text.size(), 1u);
  EXPECT_FALSE(no_text[0].has_text);
  ASSERT_NE(no_text[0].document, nullptr);
  EXPECT_EQ(no_text[0].document->id, "d2");
}

TEST(EdgeEvidence, SentenceEvidenceHighlightsBothEnds) {
  auto f = TwinCities();
  auto items = EdgeEvidence(*f->index, f->V("Region:成都"), f->V("Region:重庆"));
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].link.direction, LinkDirection::kUndirected);
  EXPECT_EQ(items[0].evidence.doc, "d1");
  EXPECT_EQ(Marked(items[0].text), "推动成渝地区双城经济圈建设，[成都]与[重庆]携手共建。");
}

TEST(EdgeEvidence, GazetteerFactsNameTheirSource) {
  auto f = Small();
  // Ask from the group's side: the stored edge is 云阳 part_of 渝东北…, so it runs backward.
  auto items = EdgeEvidence(*f->index, f->V("Region:渝东北三峡库区城镇群"), f->V("Region:云阳"));
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].link.direction, LinkDirection::kBackward);
  EXPECT_EQ(items[0].document, nullptr);
  EXPECT_EQ(DescribeFactSource(items[0].evidence),
            "from gazetteer: schema/gazetteer/region_groups.json");
  EXPECT_EQ(Marked(items[0].text), "[云阳] ⊂ [渝东北三峡库区城镇群]");
}

TEST(EdgeEvidence, RelationFilterAndNoEdge) {
  auto f = TwinCities();
  const auto chengdu = f->V("Region:成都"), chongqing = f->V("Region:重庆");
  EXPECT_TRUE(EdgeEvidence(*f->index, chengdu, chongqing, {"involves"}).empty());
  EXPECT_EQ(EdgeEvidence(*f->index, chengdu, chongqing, {"cooperates_with"}).size(), 1u);
  EXPECT_TRUE(EdgeEvidence(*f->index, chengdu, f->V("Lab:天府实验室")).empty());
  // Evidence from a document without embedded text still carries its own sentence.
  auto d2 = EdgeEvidence(*f->index, chongqing, f->V("Target:重庆:新增研发机构800个"));
  ASSERT_EQ(d2.size(), 1u);
  EXPECT_EQ(d2[0].text.text, "重庆新增研发机构800个。");
}

}  // namespace
}  // namespace policykg::query
