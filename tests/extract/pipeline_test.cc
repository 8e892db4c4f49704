#include "extract/pipeline.h"

#include <algorithm>
#include <sstream>

#include <gtest/gtest.h>

#include "common/file_io.h"
#include "common/utf8.h"
#include "graph/json_io.h"
#include "text/normalize.h"
#include "test_util.h"

namespace policykg::extract {
namespace {

using policykg::testing::BuildFromFiles;
using policykg::testing::FindNode;
using policykg::testing::HasEdge;
using policykg::testing::MergedBy;
using policykg::testing::OneNodeMergedBy;
using policykg::testing::WriteTemp;

std::string Excerpt() { return std::string(POLICYKG_SOURCE_DIR) + "/corpus/chengdu_chongqing/chongqing_2022_work_report_excerpt.txt"; }

std::string Serialize(const graph::KnowledgeGraph& g) {
  std::ostringstream out;
  graph::WriteGraphJson(g, out);
  return out.str();
}

TEST(Pipeline, MentionOffsetsPointIntoTheOriginalText) {
  auto g = BuildFromFiles({Excerpt()});
  ASSERT_EQ(g.documents.size(), 1u);
  std::u32string text = DecodeUtf8Lenient(g.documents[0].text);
  EXPECT_EQ(g.documents[0].chars, text.size());
  EXPECT_EQ(g.documents[0].region, "Region:重庆");
  size_t checked = 0;
  for (auto [it, end] = boost::vertices(g.g()); it != end; ++it) {
    const auto& n = g.node(*it);
    for (const auto& m : n.mentions) {
      ASSERT_LE(m.end, text.size());
      if (m.rule != "entity.head") continue;
      std::string span = EncodeUtf8(text.substr(m.start, m.end - m.start));
      bool named = span == n.name || std::find(n.aliases.begin(), n.aliases.end(), span) != n.aliases.end();
      // Full-width forms in the text map to the folded name.
      EXPECT_TRUE(named || text::NameKey(std::string_view(span)) == text::NameKey(std::string_view(n.name))) << span << " vs " << n.name;
      ++checked;
    }
  }
  EXPECT_GT(checked, 30u);
}

TEST(Pipeline, BoilerplateLinesYieldNoMentions) {
  auto g = BuildFromFiles({Excerpt()});
  std::u32string text = DecodeUtf8Lenient(g.documents[0].text);
  size_t boiler = text.find(U"本文仅代表作者观点");
  ASSERT_NE(boiler, std::u32string::npos);
  for (auto [it, end] = boost::vertices(g.g()); it != end; ++it) {
    for (const auto& m : g.node(*it).mentions) EXPECT_LT(m.start, boiler) << g.node(*it).name;
  }
  EXPECT_EQ(FindNode(g, "重庆市人民政府"), nullptr) << "the title line is metadata";
}

TEST(Pipeline, SameInputSameBytesAnyThreadCount) {
  std::string cq = std::string(POLICYKG_SOURCE_DIR) + "/corpus/chengdu_chongqing/chongqing_2026_work_report.txt";
  std::string sc = std::string(POLICYKG_SOURCE_DIR) + "/corpus/chengdu_chongqing/sichuan_2026_work_report.txt";
  std::string one = Serialize(BuildFromFiles({Excerpt(), cq, sc}, 1));
  std::string two = Serialize(BuildFromFiles({Excerpt(), cq, sc}, 2));
  std::string again = Serialize(BuildFromFiles({Excerpt(), cq, sc}, 3));
  EXPECT_EQ(one, two);
  EXPECT_EQ(one, again);
}

TEST(Pipeline, GraphFileBytesDoNotDependOnWriterThreads) {
  std::string cq = std::string(POLICYKG_SOURCE_DIR) + "/corpus/chengdu_chongqing/chongqing_2026_work_report.txt";
  std::string sc = std::string(POLICYKG_SOURCE_DIR) + "/corpus/chengdu_chongqing/sichuan_2026_work_report.txt";
  auto g = BuildFromFiles({Excerpt(), cq, sc}, 2);
  ASSERT_GT(g.node_count(), 600u) << "several 256-record chunks";
  auto write = [&](int threads, bool pretty) {
    graph::WriteOptions options;
    options.threads = threads;
    options.pretty = pretty;
    std::ostringstream out;
    graph::WriteGraphJson(g, out, options);
    return out.str();
  };
  for (bool pretty : {true, false}) {
    std::string one = write(1, pretty);
    EXPECT_EQ(one, write(2, pretty));
    EXPECT_EQ(one, write(5, pretty));
    auto back = graph::ParseGraphJson(one, "written");
    ASSERT_TRUE(back.ok()) << back.error().ToString();
    EXPECT_EQ(back->node_count(), g.node_count());
    EXPECT_EQ(back->edge_count(), g.edge_count());
  }
}

TEST(Pipeline, GraphJsonWrittenWhileFinishingIsThatOfTheBuiltGraph) {
  std::string cq =
      std::string(POLICYKG_SOURCE_DIR) + "/corpus/chengdu_chongqing/chongqing_2026_work_report.txt";
  std::string sc =
      std::string(POLICYKG_SOURCE_DIR) + "/corpus/chengdu_chongqing/sichuan_2026_work_report.txt";
  const std::vector<std::string> files = {Excerpt(), cq, sc};
  auto built = BuildGraph(files, policykg::testing::BundledSchema(), {});
  ASSERT_TRUE(built.ok());
  ASSERT_GT(built->edge_count(), 256u) << "several 256-record chunks";
  for (bool pretty : {true, false}) {
    for (bool embed_text : {true, false}) {
      graph::WriteOptions write;
      write.pretty = pretty;
      write.embed_text = embed_text;
      std::ostringstream expected;
      graph::WriteGraphJson(*built, expected, write);
      for (int threads : {1, 2, 3}) {
        BuildOptions options;
        options.threads = threads;
        options.embed_text = embed_text;
        options.free_memory = threads != 2;  // kept until exit: not a leak for LeakSanitizer
        write.threads = threads;
        BuildStats stats;
        std::ostringstream out;
        Status written =
            BuildGraphJson(files, policykg::testing::BundledSchema(), options, out, write, &stats);
        ASSERT_TRUE(written.ok()) << written.error().ToString();
        EXPECT_EQ(out.str(), expected.str()) << "threads=" << threads << " pretty=" << pretty;
        EXPECT_EQ(stats.nodes, built->node_count());
        EXPECT_EQ(stats.edges, built->edge_count());
        EXPECT_EQ(stats.documents, 3u);
      }
    }
  }
}

TEST(Pipeline, GraphJsonOfAFailedBuildIsNotStarted) {
  std::string good = WriteTemp("json_good.txt", "建设金凤实验室。");
  std::string empty = WriteTemp("json_empty.txt", "");
  for (int threads : {1, 2}) {
    BuildOptions options;
    options.threads = threads;
    std::ostringstream out;
    Status written =
        BuildGraphJson({good, empty}, policykg::testing::BundledSchema(), options, out, {});
    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.error().ToString(), empty + ": empty file");
    EXPECT_EQ(out.str(), "") << "nothing is written before every document is resolved";
  }
}

TEST(Pipeline, FirstBadFileInInputOrderIsReportedAnyThreadCount) {
  std::string good = WriteTemp("order_good.txt", "建设金凤实验室。");
  std::string empty = WriteTemp("order_empty.txt", "");
  std::string binary = WriteTemp("order_binary.txt", std::string("\x00\x01\x02binary", 9));
  for (int threads : {1, 2, 4}) {
    BuildOptions options;
    options.threads = threads;
    auto r = BuildGraph({good, good + "", empty, good, binary}, policykg::testing::BundledSchema(), options);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().ToString(), empty + ": empty file") << "threads=" << threads;
    auto r2 = BuildGraph({binary, empty}, policykg::testing::BundledSchema(), options);
    ASSERT_FALSE(r2.ok());
    EXPECT_NE(r2.error().ToString().find("order_binary.txt"), std::string::npos) << r2.error().ToString();
  }
}

TEST(Pipeline, EmbeddedTextIsTheInputLessItsByteOrderMark) {
  std::string body = "重庆市政府工作报告\n建设金凤实验室。\n";
  auto g = BuildFromFiles({WriteTemp("bom.txt", "\xEF\xBB\xBF" + body)});
  ASSERT_EQ(g.documents.size(), 1u);
  EXPECT_EQ(g.documents[0].text, body);
  EXPECT_EQ(g.documents[0].chars, DecodeUtf8Lenient(body).size());
  auto plain = BuildFromFiles({WriteTemp("nobom.txt", body)});
  EXPECT_EQ(plain.documents[0].text, body);
  EXPECT_NE(plain.documents[0].sha256, g.documents[0].sha256) << "the hash is of the bytes as given";
}

TEST(Pipeline, StatsNameEveryStage) {
  BuildOptions options;
  options.threads = 2;
  BuildStats stats;
  auto g = BuildGraph({Excerpt()}, policykg::testing::BundledSchema(), options, &stats);
  ASSERT_TRUE(g.ok());
  std::vector<std::string> names;
  for (const auto& [name, seconds] : stats.stage_seconds) {
    names.push_back(name);
    EXPECT_GE(seconds, 0.0) << name;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"read", "sha256", "decode", "fold", "layout", "extract", "prepare",
                                             "resolve", "finish"}));
  EXPECT_EQ(stats.documents, 1u);
  EXPECT_EQ(stats.bytes, g->documents[0].chars);
}

TEST(Pipeline, SameThingUnderDifferentNamesAcrossDocumentsIsOneNode) {
  std::string a = WriteTemp("merge_a.txt", "重庆市政府工作报告\n高水平建设西部（重庆）科学城。争取国家批复万达开川渝统筹发展示范区。");
  std::string b = WriteTemp("merge_b.txt", "四川省政府工作报告\n共建西部(重庆)科学城。推进万达开统筹发展示范区建设。支持重庆科学城发展。");
  auto g = BuildFromFiles({a, b});
  const graph::Node* city = FindNode(g, "西部(重庆)科学城");
  ASSERT_NE(city, nullptr);
  EXPECT_EQ(FindNode(g, "重庆科学城"), city);
  std::set<std::string> docs;
  for (const auto& m : city->mentions) docs.insert(m.doc);
  EXPECT_EQ(docs, (std::set<std::string>{"d1", "d2"}));
  const graph::Node* zone = FindNode(g, "万达开统筹发展示范区");
  ASSERT_NE(zone, nullptr);
  EXPECT_EQ(zone, FindNode(g, "万达开川渝统筹发展示范区"));
  EXPECT_EQ(zone->name, "万达开川渝统筹发展示范区") << "the fullest name is canonical";
  EXPECT_TRUE(MergedBy(*zone, "alias.drop_qualifier"));
  EXPECT_TRUE(HasEdge(g, "万达开川渝统筹发展示范区", "involves", "达州"));
}

TEST(Pipeline, ABracketedRegionAfterANameOfItsOwnMakesNoAliasOfTheRegionAndTheRest) {
  std::string a = WriteTemp("bracket_a.txt",
                            "安徽省政府工作报告\n推进美丽长江（安徽）经济带建设。建设紫云山（包河）文化创意产业园。");
  auto g = BuildFromFiles({a});
  const graph::Node* belt = FindNode(g, "美丽长江(安徽)经济带");
  ASSERT_NE(belt, nullptr);
  EXPECT_EQ(FindNode(g, "安徽经济带"), nullptr);
  ASSERT_NE(FindNode(g, "紫云山(包河)文化创意产业园"), nullptr);
  EXPECT_EQ(FindNode(g, "包河文化创意产业园"), nullptr);
}

TEST(Pipeline, RegionGroupsArePartOfTheCountryInItsOwnReportsOnly) {
  std::string national = WriteTemp("national.txt",
                                   "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n"
                                   "推动京津冀、长三角、粤港澳大湾区高质量发展。鼓励东部地区加快推进现代化。");
  auto g = BuildFromFiles({national});
  EXPECT_TRUE(HasEdge(g, "长三角", "part_of", "中国"));
  EXPECT_TRUE(HasEdge(g, "京津冀", "part_of", "中国"));
  EXPECT_TRUE(HasEdge(g, "东部地区", "part_of", "中国"));
  // A province's report naming the country in passing draws no group → country edge, and a city
  // reaches the country through its province, not also through a metropolitan area around it.
  std::string zhejiang = WriteTemp("zhejiang.txt",
                                   "浙江省政府工作报告\n办好中国—中东欧国家博览会。深度融入长三角一体化发展。"
                                   "支持衢州加快发展。");
  auto p = BuildFromFiles({zhejiang});
  ASSERT_NE(FindNode(p, "中国"), nullptr);
  EXPECT_FALSE(HasEdge(p, "长三角", "part_of", "中国"));
  EXPECT_TRUE(HasEdge(p, "衢州", "part_of", "浙江"));
  EXPECT_FALSE(HasEdge(p, "衢州", "part_of", "中国"));
  EXPECT_FALSE(HasEdge(p, "衢州", "part_of", "长三角"));
}

TEST(Pipeline, NamesThatDifferOnlyByANameVariantAreOneNode) {
  std::string a = WriteTemp("variant_a.txt", "四川省政府工作报告\n推动成都高新技术产业开发区建设。建设巴蜀文化旅游走廊。");
  std::string b = WriteTemp("variant_b.txt", "重庆市政府工作报告\n支持成都高新区发展。共建巴蜀文旅走廊。");
  std::string c = WriteTemp("variant_c.txt", "四川省政府工作报告\n建设巴蜀文化走廊。");
  auto g = BuildFromFiles({a, b, c});
  EXPECT_TRUE(OneNodeMergedBy(g, "成都高新技术产业开发区", "成都高新区", "merge.alias.name_variant"));
  const graph::Node* corridor = FindNode(g, "巴蜀文化旅游走廊");
  ASSERT_NE(corridor, nullptr);
  EXPECT_EQ(FindNode(g, "巴蜀文旅走廊"), corridor);
  // Only a listed form is a variant: 文化 alone is no 文旅.
  const graph::Node* culture = FindNode(g, "巴蜀文化走廊");
  ASSERT_NE(culture, nullptr);
  EXPECT_NE(culture, corridor);
}

TEST(Pipeline, NamesThatDifferOnlyByTheSizeWordOfACorridorAreOneNode) {
  std::string a = WriteTemp("size_a.txt", "四川省政府工作报告\n推进成渝中线科创大走廊建设。");
  std::string b = WriteTemp("size_b.txt", "重庆市政府工作报告\n打造成渝中线科创走廊。");
  auto g = BuildFromFiles({a, b});
  EXPECT_TRUE(OneNodeMergedBy(g, "成渝中线科创大走廊", "成渝中线科创走廊", "merge.alias.name_variant"));
}

TEST(Pipeline, NamesThatDifferOnlyByTheirDashAreOneNodeWithTheSameIdInAnyInputOrder) {
  std::string a = WriteTemp("dash_a.txt", "北京市政府工作报告\n推动天津滨海-中关村科技园等合作园区发展。");
  std::string b = WriteTemp("dash_b.txt", "天津市政府工作报告\n天津滨海—中关村科技园新增企业较快增长。");
  auto ab = BuildFromFiles({a, b});
  auto ba = BuildFromFiles({b, a});
  EXPECT_TRUE(OneNodeMergedBy(ab, "天津滨海-中关村科技园", "天津滨海—中关村科技园", "merge.alias.name_variant"));
  const graph::Node* park_ab = FindNode(ab, "天津滨海-中关村科技园");
  const graph::Node* park_ba = FindNode(ba, "天津滨海—中关村科技园");
  ASSERT_NE(park_ab, nullptr);
  ASSERT_NE(park_ba, nullptr);
  // (Between names as long, the smaller in byte order names the node, whichever report came first.)
  EXPECT_EQ(park_ab->id, park_ba->id);
  EXPECT_EQ(park_ab->name, "天津滨海-中关村科技园");
}

TEST(Pipeline, ABracketedAsideThatNamesNoRegionMergesWithTheBareName) {
  std::string a = WriteTemp("aside_a.txt", "四川省政府工作报告\n加快建设成渝（兴隆湖）综合性科学中心。推动中欧（亚）班列扩量。");
  std::string b = WriteTemp("aside_b.txt", "重庆市政府工作报告\n共建成渝综合性科学中心。推动中欧班列高质量发展。");
  auto g = BuildFromFiles({a, b});
  EXPECT_TRUE(OneNodeMergedBy(g, "成渝(兴隆湖)综合性科学中心", "成渝综合性科学中心", "merge.alias.aside"));
  // A one-letter aside names a thing of its own (中欧(亚)班列 is no 中欧班列), and a region in
  // brackets tells two things apart (西部(成都)科学城, 西部(重庆)科学城: SameThingUnder… above).
  const graph::Node* trains = FindNode(g, "中欧(亚)班列");
  ASSERT_NE(trains, nullptr);
  EXPECT_NE(FindNode(g, "中欧班列"), trains);
}

TEST(Pipeline, AnEventWrittenWithTheCountryBeforeItIsTheOneWithout) {
  std::string a = WriteTemp("country_a.txt", "四川省政府工作报告\n举办中国网络视听大会。");
  std::string b = WriteTemp("country_b.txt", "四川省政府工作报告\n办好网络视听大会。");
  auto g = BuildFromFiles({a, b});
  EXPECT_TRUE(OneNodeMergedBy(g, "中国网络视听大会", "网络视听大会", "merge.alias.country_prefix"));
  // A facility's rest of three letters is enough (中国洋浦港), and a dash may follow the country
  // (中国—亚欧博览会, the fair of China and its partners); an event's rest of three is not (中国艺术节 is
  // no 艺术节), nor any rest of two (中国天眼 is no 天眼).
  std::string c = WriteTemp("country_c.txt", "新疆维吾尔自治区政府工作报告\n办好第九届中国—亚欧博览会。在“中国洋浦港”登记船舶。");
  std::string d = WriteTemp("country_d.txt", "海南省政府工作报告\n办好亚欧博览会。推进洋浦港扩建。用好洋浦港。");
  auto fair = BuildFromFiles({c, d});
  EXPECT_TRUE(OneNodeMergedBy(fair, "中国—亚欧博览会", "亚欧博览会", "merge.alias.country_prefix"));
  EXPECT_TRUE(OneNodeMergedBy(fair, "中国洋浦港", "洋浦港", "merge.alias.country_prefix"));
  std::string e = WriteTemp("country_e.txt", "四川省政府工作报告\n办好第十四届中国艺术节。举办四川艺术节。");
  auto festivals = BuildFromFiles({e});
  const graph::Node* national = FindNode(festivals, "中国艺术节");
  ASSERT_NE(national, nullptr);
  EXPECT_EQ(std::find(national->aliases.begin(), national->aliases.end(), "艺术节"), national->aliases.end());
}

TEST(Pipeline, AGradeBetweenTheOpeningPlacesAndTheRestIsOneThingWithOrWithout) {
  std::string a = WriteTemp("grade_a.txt", "黑龙江省政府工作报告\n绥哈大齐生物制造集群列入国家先进制造业集群。");
  std::string b = WriteTemp("grade_b.txt", "黑龙江省政府工作报告\n高水平建设绥哈大齐国家级生物制造集群。");
  auto g = BuildFromFiles({a, b});
  EXPECT_TRUE(OneNodeMergedBy(g, "绥哈大齐国家级生物制造集群", "绥哈大齐生物制造集群", "merge.alias.grade"));
  // The rest must agree with the places: another city's cluster stays a thing of its own.
  std::string c = WriteTemp("grade_c.txt", "黑龙江省政府工作报告\n高水平建设哈尔滨国家级生物制造集群和大庆生物制造集群。");
  auto other = BuildFromFiles({c});
  const graph::Node* harbin = FindNode(other, "哈尔滨国家级生物制造集群");
  ASSERT_NE(harbin, nullptr);
  EXPECT_NE(FindNode(other, "大庆生物制造集群"), harbin);
}

TEST(Pipeline, ANameReadAsSeveralTypesTakesTheTypeMostMentionsGive) {
  // First seen as a Project (“一带一路”标志性项目), then twice as the Initiative.
  std::string a = WriteTemp("vote_a.txt", "重庆市政府工作报告\n建设“一带一路”标志性项目。");
  std::string b = WriteTemp("vote_b.txt", "四川省政府工作报告\n高质量共建“一带一路”。深化共建“一带一路”合作。");
  auto g = BuildFromFiles({a, b});
  const graph::Node* belt = FindNode(g, "一带一路");
  ASSERT_NE(belt, nullptr);
  EXPECT_EQ(belt->type, "Initiative");
  EXPECT_EQ(belt->mentions.size(), 3u);
  EXPECT_TRUE(MergedBy(*belt, "merge.type_vote"));
  // One mention each: a tie, decided by the documents' content (the type first mentioned in the
  // order of their SHA-256), so both input orders give one type and one id.
  std::string c = WriteTemp("vote_c.txt", "四川省政府工作报告\n高质量共建“一带一路”。");
  auto ac = BuildFromFiles({a, c});
  auto ca = BuildFromFiles({c, a});
  const graph::Node* first = FindNode(ac, "一带一路");
  const graph::Node* second = FindNode(ca, "一带一路");
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(first->type, second->type);
  EXPECT_EQ(first->id, second->id);
  // Within one document the first seen keeps its type: 项目 types it first here.
  std::string d = WriteTemp("vote_d.txt", "重庆市政府工作报告\n建设“一带一路”标志性项目。高质量共建“一带一路”。");
  auto one = BuildFromFiles({d});
  const graph::Node* own = FindNode(one, "一带一路");
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(own->type, "Project");
}

TEST(Pipeline, ABareDesignationIsTheReportProvincesOwnAndNeverMergesAcrossReports) {
  std::string a = WriteTemp("own_a.txt", "天津市政府工作报告\n实施自贸试验区提升战略。");
  std::string b = WriteTemp("own_b.txt", "上海市政府工作报告\n深化自贸试验区制度创新。");
  auto g = BuildFromFiles({a, b});
  const graph::Node* tianjin = FindNode(g, "天津自贸试验区");
  const graph::Node* shanghai = FindNode(g, "上海自贸试验区");
  ASSERT_NE(tianjin, nullptr);
  ASSERT_NE(shanghai, nullptr);
  EXPECT_NE(tianjin, shanghai);
  EXPECT_EQ(tianjin->aliases, std::vector<std::string>{"自贸试验区"});
  EXPECT_TRUE(HasEdge(g, "天津", "develops", "天津自贸试验区"));
}

TEST(Pipeline, NumeralInitialismOfALongerNameInTheSameReportIsThatName) {
  std::string a = WriteTemp("initials.txt",
                            "广东省政府工作报告\n深入实施“百县千镇万村高质量发展工程”。“百千万工程”有效激发县镇村发展活力。"
                            "实施“千万工程”。");
  auto g = BuildFromFiles({a});
  EXPECT_TRUE(OneNodeMergedBy(g, "百县千镇万村高质量发展工程", "百千万工程", "alias.initials"));
  // 千万 opens 千镇万村 too, but not as the first letters of the longer name's words: its own node.
  const graph::Node* other = FindNode(g, "千万工程");
  ASSERT_NE(other, nullptr);
  EXPECT_NE(other, FindNode(g, "百县千镇万村高质量发展工程"));
}

TEST(Pipeline, TargetStatedAgainIsOneNodeWithEveryMention) {
  std::string a = WriteTemp("target_a.txt", "重庆市政府工作报告\n力争高新技术企业突破5500家。");
  std::string b = WriteTemp("target_b.txt", "重庆市政府工作报告\n力争高新技术企业突破5500家。再次强调：高新技术企业突破5500家。");
  auto g = BuildFromFiles({a, b});
  const graph::Node* target = FindNode(g, "高新技术企业突破5500家");
  ASSERT_NE(target, nullptr);
  EXPECT_EQ(target->id, "Target:重庆:高新技术企业突破5500家");
  std::vector<std::string> docs;
  for (const auto& m : target->mentions) docs.push_back(m.doc);
  EXPECT_EQ(docs, (std::vector<std::string>{"d1", "d2", "d2"}));
  size_t targets = 0;
  for (auto [it, end] = boost::vertices(g.g()); it != end; ++it) targets += g.node(*it).type == "Target";
  EXPECT_EQ(targets, 1u);
  auto edge = g.FindEdge(*g.FindById("Region:重庆"), *g.FindById(target->id), "targets");
  ASSERT_TRUE(edge.has_value());
  EXPECT_EQ(g.edge(*edge).weight, 3.0);
}

// Issue 17 item 6: the same phrase stated as done in the look-back and as promised in the plan is
// two Targets with their own status (one node kept the first statement's), in any input order.
TEST(Pipeline, TargetStatedAsDoneAndAsPromisedIsTwoNodes) {
  const std::string done = "2026年重庆市政府工作报告\n一、2025年工作回顾\n办好15件市级重点民生实事。\n";
  const std::string plan = "2026年重庆市政府工作报告\n三、2026年重点工作\n今年接续办好15件市级重点民生实事。\n";
  std::string a = WriteTemp("status_a.txt", done + "三、2026年重点工作\n今年接续办好15件市级重点民生实事。\n");
  std::string b = WriteTemp("status_b.txt", plan);
  std::string c = WriteTemp("status_c.txt", done);
  auto statuses = [](const graph::KnowledgeGraph& g) {
    std::vector<std::string> found;
    for (auto [it, end] = boost::vertices(g.g()); it != end; ++it) {
      const auto& n = g.node(*it);
      if (n.type == "Target") found.push_back(n.id + " " + graph::AttrToString(n.attributes.at("status")));
    }
    std::sort(found.begin(), found.end());
    return found;
  };
  const std::vector<std::string> expected{"Target:重庆:15件市级重点民生实事 achieved",
                                          "Target:重庆:15件市级重点民生实事@planned planned"};
  EXPECT_EQ(statuses(BuildFromFiles({a})), expected);
  EXPECT_EQ(statuses(BuildFromFiles({b, c})), expected);
  EXPECT_EQ(statuses(BuildFromFiles({c, b})), expected);
  // (a phrase stated only as promised keeps its plain id)
  EXPECT_EQ(statuses(BuildFromFiles({b})), (std::vector<std::string>{"Target:重庆:15件市级重点民生实事 planned"}));
}

// The same promise in two years' reports is two Targets, one a year (the national reports of 2021–2024
// each promise 居民消费价格涨幅3%左右); ids say the year only where years collide, in any input order.
TEST(Pipeline, TargetOfTwoYearsIsTwoNodes) {
  const std::string plan = "\n三、今年重点工作\n居民消费价格涨幅3%左右。\n";
  std::string y25 = WriteTemp("year_2025.txt", "2025年重庆市政府工作报告" + plan);
  std::string y26 = WriteTemp("year_2026.txt", "2026年重庆市政府工作报告" + plan);
  std::string y26b = WriteTemp("year_2026b.txt", "2026年重庆市政府工作报告\n（2026年1月25日）" + plan);
  std::string undated = WriteTemp("year_none.txt", "重庆市政府工作报告" + plan);
  auto targets = [](const graph::KnowledgeGraph& g) {
    std::vector<std::string> found;
    for (auto [it, end] = boost::vertices(g.g()); it != end; ++it) {
      const auto& n = g.node(*it);
      if (n.type == "Target") found.push_back(n.id + " " + std::to_string(n.mentions.size()));
    }
    std::sort(found.begin(), found.end());
    return found;
  };
  const std::vector<std::string> two_years{"Target:重庆:居民消费价格涨幅3%左右@2025 1",
                                           "Target:重庆:居民消费价格涨幅3%左右@2026 1"};
  EXPECT_EQ(targets(BuildFromFiles({y25, y26})), two_years);
  EXPECT_EQ(targets(BuildFromFiles({y26, y25})), two_years);
  // (one year's reports share one node with its plain id; a report of no known year is @undated)
  EXPECT_EQ(targets(BuildFromFiles({y26, y26b})), (std::vector<std::string>{"Target:重庆:居民消费价格涨幅3%左右 2"}));
  EXPECT_EQ(targets(BuildFromFiles({undated, y26})), (std::vector<std::string>{"Target:重庆:居民消费价格涨幅3%左右@2026 1",
                                                                               "Target:重庆:居民消费价格涨幅3%左右@undated 1"}));
}

TEST(Pipeline, GraphComesOutCanonical) {
  std::string cq = std::string(POLICYKG_SOURCE_DIR) + "/corpus/chengdu_chongqing/chongqing_2026_work_report.txt";
  std::string sc = std::string(POLICYKG_SOURCE_DIR) + "/corpus/chengdu_chongqing/sichuan_2026_work_report.txt";
  for (int threads : {1, 2}) {
    auto g = BuildFromFiles({Excerpt(), cq, sc}, threads);
    graph::KnowledgeGraph again = g;
    again.Canonicalize();
    EXPECT_EQ(Serialize(g), Serialize(again)) << threads << " threads";
  }
}

TEST(Pipeline, GbkFileGivesTheSameEntitiesAsUtf8) {
  // "建设金凤实验室。" in GBK.
  std::string gbk = "\xBD\xA8\xC9\xE8\xBD\xF0\xB7\xEF\xCA\xB5\xD1\xE9\xCA\xD2\xA1\xA3";
  auto g = BuildFromFiles({WriteTemp("gbk.txt", gbk)});
  ASSERT_NE(FindNode(g, "金凤实验室"), nullptr);
  EXPECT_EQ(g.documents[0].encoding, "GB18030");
}

TEST(Pipeline, InputErrors) {
  // Issue 16 item 11: a file holding only a byte order mark is as empty as an empty file.
  std::string bom = WriteTemp("bom_only.txt", "\xEF\xBB\xBF");
  auto only_bom = BuildGraph({bom}, policykg::testing::BundledSchema(), {});
  ASSERT_FALSE(only_bom.ok());
  EXPECT_EQ(only_bom.error().ToString(), bom + ": empty file (only a byte order mark)");
  EXPECT_EQ(ExpandInputs({"/nonexistent.txt"}).error().ToString(), "/nonexistent.txt: no such file or directory");
  std::string empty = WriteTemp("empty.txt", "");
  auto r = BuildGraph({empty}, policykg::testing::BundledSchema(), {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().ToString(), empty + ": empty file");
  auto dir = ExpandInputs({std::string(POLICYKG_SOURCE_DIR) + "/corpus"});
  ASSERT_TRUE(dir.ok());
  EXPECT_GE(dir->size(), 3u);
  EXPECT_TRUE(std::is_sorted(dir->begin(), dir->end()));
}

TEST(Pipeline, TargetIdsOfUnrecognisedReportsDoNotDependOnInputOrder) {
  const std::string a = testing::WriteTemp("order_a.txt", "工作安排\n高新技术企业突破5500家。\n");
  const std::string b = testing::WriteTemp("order_b.txt", "年度报告\n科技型企业达到4万家。\n");
  auto target_ids = [](const graph::KnowledgeGraph& g) {
    std::vector<std::string> ids;
    for (auto [it, end] = boost::vertices(g.g()); it != end; ++it) {
      if (g.node(*it).type == "Target") ids.push_back(g.node(*it).id);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  const auto ab = target_ids(testing::BuildFromFiles({a, b}));
  const auto ba = target_ids(testing::BuildFromFiles({b, a}));
  ASSERT_EQ(ab.size(), 2u);
  EXPECT_EQ(ab, ba);
  EXPECT_EQ(ab[0].rfind("Target:doc-", 0), 0u) << ab[0];
}

// Issue 16 item 7: names never keep control or format characters, so a zero-width joiner or a
// bidi override inside a name does not make a look-alike node; mention offsets still count them.
TEST(Pipeline, NamesDropControlAndFormatCharacters) {
  auto g = BuildFromFiles({WriteTemp("zwj.txt",
                                     "建设金\u200d凤实验室。建设金凤实验室。建设明\u202e月湖实验室。"
                                     "建设嘉\x1b陵江实验室。")});
  const graph::Node* lab = FindNode(g, "金凤实验室");
  ASSERT_NE(lab, nullptr);
  EXPECT_EQ(lab->mentions.size(), 2u) << "one node, both mentions";
  EXPECT_EQ(lab->mentions[0].end - lab->mentions[0].start, 6u) << "the joiner is counted";
  EXPECT_NE(FindNode(g, "明月湖实验室"), nullptr);
  EXPECT_NE(FindNode(g, "嘉陵江实验室"), nullptr);
  for (auto [it, end] = boost::vertices(g.g()); it != end; ++it) {
    const graph::Node& node = g.node(*it);
    for (const std::string* name : {&node.id, &node.name}) {
      EXPECT_FALSE(FindControlOrFormat(*name, false).has_value()) << *name;
    }
  }
}

// Issue 16 item 4: relation evidence is kept as a span and its sentence read from the document
// text when written: a build writes the sentence, with or without the text embedded.
TEST(Pipeline, EvidenceSentencesAreReadFromTheTextWhenWritten) {
  const std::string sentence = "齐心协力办好川渝合作的事情，推进川渝高竹新区建设。";
  const std::string path = WriteTemp("evidence_span.txt", sentence + sentence);
  for (bool embed_text : {true, false}) {
    BuildOptions options;
    options.embed_text = embed_text;
    graph::WriteOptions write;
    write.embed_text = embed_text;
    std::ostringstream out;
    ASSERT_TRUE(BuildGraphJson({path}, policykg::testing::BundledSchema(), options, out, write).ok());
    auto g = graph::ParseGraphJson(out.str(), "mem");
    ASSERT_TRUE(g.ok()) << g.error().ToString();
    size_t with_text = 0;
    for (auto [it, end] = boost::edges(g->g()); it != end; ++it) {
      for (const auto& ev : g->edge(*it).evidence) {
        if (ev.doc.empty()) continue;
        EXPECT_EQ(ev.text, sentence) << ev.start << "-" << ev.end;
        ++with_text;
      }
    }
    EXPECT_GT(with_text, 0u);
    auto built = BuildGraph({path}, policykg::testing::BundledSchema(), options);
    ASSERT_TRUE(built.ok());
    for (auto [it, end] = boost::edges(built->g()); it != end; ++it) {
      for (const auto& ev : built->edge(*it).evidence) {
        if (!ev.doc.empty()) {
          EXPECT_EQ(ev.text, sentence);
        }
      }
    }
    EXPECT_EQ(built->documents[0].text.empty(), !embed_text);
  }
}

TEST(DocumentTexts, SpansInCodePoints) {
  std::vector<graph::Document> docs(2);
  docs[0].id = "d1";
  std::string text;
  for (int i = 0; i < 300; ++i) text += i % 2 ? "重" : "a";
  docs[0].text = text;
  docs[1].id = "d2";  // no text
  graph::DocumentTexts texts(docs);
  EXPECT_EQ(texts.Span("d1", 0, 2), "a重");
  EXPECT_EQ(texts.Span("d1", 129, 131), "重a");
  EXPECT_EQ(texts.Span("d1", 299, 300), "重");
  EXPECT_EQ(texts.Span("d1", 300, 300), "");
  EXPECT_EQ(texts.Span("d1", 299, 301), "") << "past the end";
  EXPECT_EQ(texts.Span("d2", 0, 1), "");
  EXPECT_EQ(texts.Span("d3", 0, 1), "");
}

// Every span of texts of 1-4 byte sequences, stray continuation bytes and truncated sequences
// agrees with a byte-at-a-time count (a code point starts at each byte that continues none).
TEST(DocumentTexts, SpansAgreeWithAByteCount) {
  const std::vector<std::string> pieces = {"a", "重", "é", "\xF0\x9F\x98\x80", "\x80", "\xE9\x87", "\xBF\xBF", "\n"};
  uint32_t seed = 7;
  for (int round = 0; round < 20; ++round) {
    std::string text;
    const int length = 50 + round * 37;
    for (int i = 0; i < length; ++i) {
      seed = seed * 1103515245u + 12345u;
      text += pieces[(seed >> 16) % pieces.size()];
    }
    std::vector<size_t> starts;  // byte of each code point
    for (size_t b = 0; b < text.size(); ++b) {
      if ((static_cast<unsigned char>(text[b]) & 0xC0) != 0x80) starts.push_back(b);
    }
    std::vector<graph::Document> docs(1);
    docs[0].id = "d1";
    docs[0].text = text;
    graph::DocumentTexts texts(docs);
    const auto byte_of = [&](size_t cp) { return cp < starts.size() ? starts[cp] : text.size(); };
    for (size_t from = 0; from <= starts.size(); from += 1 + round % 3) {
      for (size_t to = from; to <= starts.size(); to += 1 + (to % 7)) {
        ASSERT_EQ(texts.Span("d1", from, to), std::string_view(text).substr(byte_of(from), byte_of(to) - byte_of(from)))
            << "round " << round << " [" << from << ", " << to << ")";
      }
    }
  }
}

}  // namespace
}  // namespace policykg::extract
