#include "render/render.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <sstream>
#include <string>

#include "common/file_io.h"
#include "common/json.h"
#include "common/utf8.h"
#include "export/escape.h"
#include "export/export.h"
#include "graph/json_io.h"
#include "render/dot_builder.h"
#include "render/html.h"
#include "render/view.h"
#include "schema/schema.h"

namespace policykg::render {
namespace {

using graph::KnowledgeGraph;

const char* kNastyName = "名字含\"引号\"<尖括号>&和\\反斜杠\n换行的机构研究院";

KnowledgeGraph LoadFixture(const std::string& name) {
  auto g = graph::LoadGraph(std::string(POLICYKG_TEST_DATA_DIR) + "/data/" + name);
  EXPECT_TRUE(g.ok()) << g.error().ToString();
  return std::move(g).value();
}

const schema::Schema& TestSchema() {
  static const schema::Schema schema = [] {
    auto s = schema::LoadSchema(POLICYKG_SCHEMA_DIR);
    EXPECT_TRUE(s.ok()) << s.error().ToString();
    return std::move(s).value();
  }();
  return schema;
}

std::set<std::string> NodeNames(const KnowledgeGraph& g, const GraphView& view) {
  std::set<std::string> names;
  for (auto v : view.nodes) names.insert(g.node(v).name);
  return names;
}

std::set<std::string> Relations(const KnowledgeGraph& g, const GraphView& view) {
  std::set<std::string> relations;
  for (auto e : view.edges) relations.insert(g.edge(e).relation);
  return relations;
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

// A graph of `n` Regions: node 0 is a hub joined to the next 50, the rest form a chain.
KnowledgeGraph SyntheticGraph(size_t n) {
  KnowledgeGraph g;
  std::vector<graph::Vertex> vs;
  for (size_t i = 0; i < n; ++i) {
    graph::Node node;
    node.name = fmt::format("地区{}", i);
    node.type = i % 3 == 0 ? "Platform" : "Region";
    node.id = graph::MakeNodeId(node.type, node.name);
    vs.push_back(g.AddOrMergeNode(std::move(node)));
  }
  for (size_t i = 1; i < n; ++i) {
    graph::Edge edge;
    edge.relation = "cooperates_with";
    g.AddOrMergeEdge(i <= 50 ? vs[0] : vs[i - 1], vs[i], edge, true);
  }
  return g;
}

TEST(DotEscaping, LabelsAndTooltipsKeepQuotesBackslashesAndNewlines) {
  EXPECT_EQ(exports::DotQuoted("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
  EXPECT_EQ(exports::DotQuoted("<b>&amp;"), "\"<b>&amp;\"");
  EXPECT_EQ(exports::DotLabel("<b>&amp;"), "\"<b>&amp;amp;\"") << "Graphviz reads entities in labels";
  EXPECT_EQ(exports::DotQuoted("x\r\ny"), "\"x\\ny\"");
  EXPECT_EQ(exports::DotQuoted(std::string("bell\x07", 5)), "\"bell\xEF\xBF\xBD\"");
  // Graphviz unescapes tooltips twice: one backslash needs four.
  EXPECT_EQ(exports::DotQuotedTooltip("a\\N"), "\"a\\\\\\\\N\"");
  EXPECT_EQ(exports::DotId("plain_id9"), "plain_id9");
  EXPECT_EQ(exports::DotId("Node"), "\"Node\"");  // keywords are case-insensitive
  EXPECT_EQ(exports::DotId("9lives"), "\"9lives\"");
  EXPECT_EQ(exports::DotId("has space"), "\"has space\"");
}

TEST(DotEscaping, NastyNameSurvivesGraphvizIntoSvgText) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  auto dot = exports::ExportToString(g, TestSchema(), "dot");
  ASSERT_TRUE(dot.ok()) << dot.error().ToString();
  auto svg = LayoutDot(*dot, "dot", "svg");
  ASSERT_TRUE(svg.ok()) << svg.error().ToString();
  // The label is wrapped; every piece appears XML-escaped, with the backslash kept single.
  EXPECT_NE(svg->find("名字含&quot;引号&quot;&lt;尖"), std::string::npos);
  EXPECT_NE(svg->find("括号&gt;&amp;和\\反斜杠"), std::string::npos);
  EXPECT_EQ(svg->find("\\\\反斜杠"), std::string::npos);
  EXPECT_NE(svg->find("换行的机构研究院"), std::string::npos);
}

TEST(WrapLabel, ShortNamesStayOnOneLine) {
  EXPECT_EQ(WrapLabel("重庆"), "重庆");
  EXPECT_EQ(WrapLabel("渝东北三峡库区城镇群"), "渝东北三峡库区城镇群");  // 10 fits
  EXPECT_EQ(WrapLabel("西部(重庆)科学城"), "西部(重庆)科学城");
}

TEST(WrapLabel, LongNamesAreBalancedAndKeepNumbersWhole) {
  EXPECT_EQ(WrapLabel("民族地区产城景融合发展示范区"), "民族地区产城景\n融合发展示范区");
  std::string target = WrapLabel("高新技术企业突破5500家");
  EXPECT_NE(target.find('\n'), std::string::npos);
  EXPECT_NE(target.find("5500"), std::string::npos) << target;
  EXPECT_EQ(std::count(target.begin(), target.end(), '\n'), 1) << target;
  EXPECT_EQ(WrapLabel("短\n名"), "短\n名");  // newlines in the name are kept
  std::istringstream lines(WrapLabel("成渝地区双城经济圈科技创新中心建设工作方案实施细则"));
  int line_count = 0;
  for (std::string line; std::getline(lines, line); ++line_count) {
    EXPECT_LE(DecodeUtf8Lenient(line).size(), kLabelWrapWidth) << line;
  }
  EXPECT_EQ(line_count, 4);  // 25 CJK characters
}

TEST(SelectView, TypeAndRelationFilters) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  RenderOptions options;
  options.types = {"Region"};
  auto view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok()) << view.error().ToString();
  EXPECT_EQ(view->nodes.size(), 7u);
  for (auto v : view->nodes) EXPECT_EQ(g.node(v).type, "Region");
  EXPECT_EQ(Relations(g, *view), (std::set<std::string>{"cooperates_with", "part_of"}));

  options.relations = {"cooperates_with"};
  view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->edges.size(), 4u);
  EXPECT_EQ(Relations(g, *view), (std::set<std::string>{"cooperates_with"}));
}

TEST(SelectView, UnknownNamesAreErrorsWithSuggestions) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  RenderOptions options;
  options.types = {"Regoin"};
  auto view = SelectView(g, TestSchema(), options);
  ASSERT_FALSE(view.ok());
  EXPECT_NE(view.error().message.find("did you mean Region"), std::string::npos)
      << view.error().message;

  options = {};
  options.relations = {"cooperate_with"};
  view = SelectView(g, TestSchema(), options);
  ASSERT_FALSE(view.ok());
  EXPECT_NE(view.error().message.find("cooperates_with"), std::string::npos);

  options = {};
  options.layout = "dott";
  view = SelectView(g, TestSchema(), options);
  ASSERT_FALSE(view.ok());
  EXPECT_NE(view.error().message.find("did you mean dot"), std::string::npos);

  options = {};
  options.view = "collab";
  EXPECT_FALSE(SelectView(g, TestSchema(), options).ok());
}

TEST(SelectView, FocusByNameAliasAndFoldedKey) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  RenderOptions options;
  options.focus = "重庆";
  options.depth = 1;
  auto view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok()) << view.error().ToString();
  EXPECT_EQ(NodeNames(g, *view),
            (std::set<std::string>{"重庆", "四川", "川渝高竹新区", kNastyName}));
  ASSERT_EQ(view->focus.size(), 1u);
  options.with_targets = true;
  view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(NodeNames(g, *view), (std::set<std::string>{"重庆", "四川", "川渝高竹新区",
                                                        "高新技术企业突破5500家", kNastyName}));
  options.with_targets = false;

  options.depth = 0;
  view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(NodeNames(g, *view), (std::set<std::string>{"重庆"}));

  auto by_alias = FindFocusNodes(g, "重庆市");
  ASSERT_TRUE(by_alias.ok());
  EXPECT_EQ(g.node(by_alias->front()).name, "重庆");
  auto by_key = FindFocusNodes(g, "西部（重庆）科学城");  // full-width brackets
  ASSERT_TRUE(by_key.ok());
  EXPECT_EQ(g.node(by_key->front()).id, "Platform:西部(重庆)科学城");
  auto by_id = FindFocusNodes(g, "Region:万州");
  ASSERT_TRUE(by_id.ok());
  EXPECT_EQ(g.node(by_id->front()).name, "万州");
}

TEST(SelectView, UnknownFocusSuggestsClosestNames) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  auto missing = FindFocusNodes(g, "重庆科技城");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("did you mean"), std::string::npos);
  EXPECT_NE(missing.error().message.find("重庆科学城"), std::string::npos)
      << missing.error().message;
  RenderOptions options;
  options.focus = "不存在的地方";
  EXPECT_FALSE(RenderGraph(g, TestSchema(), options).ok());
}

TEST(SelectView, CollaborationViewKeepsRegionsAndWhatJoinsThem) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  RenderOptions options;
  options.view = kCollaborationView;
  auto view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok()) << view.error().ToString();
  // 彭水 only develops a platform nobody else shares: dropped with it; the group region and
  // the institutions have no collaboration edge.
  EXPECT_EQ(NodeNames(g, *view),
            (std::set<std::string>{"万州", "开州", "云阳", "四川", "重庆", "川渝高竹新区"}));
  EXPECT_EQ(Relations(g, *view), (std::set<std::string>{"cooperates_with", "involves"}));
  EXPECT_EQ(view->edges.size(), 6u);
}

TEST(SelectView, FocusLeavesOutTargetsAndGazetteerFactsUnlessAsked) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  RenderOptions options;
  options.focus = "渝东北三峡库区城镇群";
  auto view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok()) << view.error().ToString();
  // 云阳 is part of the group by the gazetteer only; 万州 and 开州 by a report sentence.
  EXPECT_EQ(NodeNames(g, *view), (std::set<std::string>{"渝东北三峡库区城镇群", "万州", "开州"}));
  EXPECT_EQ(view->layout, "sfdp");
  std::string notes;
  for (const auto& note : view->notes) notes += note + "|";
  EXPECT_NE(notes.find("1 gazetteer facts left out (--relation part_of)"), std::string::npos)
      << notes;
  options.relations = {"part_of"};  // asked for: shown
  view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(NodeNames(g, *view),
            (std::set<std::string>{"渝东北三峡库区城镇群", "万州", "开州", "云阳"}));

  options = {};
  options.focus = "重庆";
  view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok());
  notes.clear();
  for (const auto& note : view->notes) notes += note + "|";
  EXPECT_NE(notes.find("1 Targets left out (--with-targets)"), std::string::npos) << notes;
  options.relations = {"targets"};
  view = SelectView(g, TestSchema(), options);
  EXPECT_EQ(NodeNames(g, *view), (std::set<std::string>{"重庆", "高新技术企业突破5500家"}));
}

// The pairs of the collaboration view as "a—b:weight".
std::set<std::string> Links(const KnowledgeGraph& g, const GraphView& view) {
  std::set<std::string> links;
  for (const RegionLink& link : view.links) {
    links.insert(fmt::format("{}—{}:{}", g.node(link.a).name, g.node(link.b).name, link.weight()));
  }
  return links;
}

TEST(SelectView, CollaborationLinksAreWeightedByWhatTheRegionsShare) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  RenderOptions options;
  options.view = kCollaborationView;
  auto view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok()) << view.error().ToString();
  // 四川 and 重庆 cooperate (1) and share 川渝高竹新区 (1).
  EXPECT_EQ(Links(g, *view),
            (std::set<std::string>{"万州—云阳:1", "万州—开州:1", "云阳—开州:1", "四川—重庆:2"}));
  EXPECT_EQ(g.node(view->links.front().a).name, "四川") << "strongest first";
  auto chongqing = g.FindById("Region:重庆");
  ASSERT_TRUE(chongqing);
  // As `query collaboration`: one partner (四川) + one thing it is involved in (川渝高竹新区).
  EXPECT_EQ(view->region_scores[*chongqing], 2u);

  options.min_weight = 2;
  view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(Links(g, *view), (std::set<std::string>{"四川—重庆:2"}));
  EXPECT_EQ(NodeNames(g, *view), (std::set<std::string>{"四川", "重庆", "川渝高竹新区"}));
  options.min_weight = 0;
  options.top = 1;
  auto top = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(top.ok());
  EXPECT_EQ(NodeNames(g, *top), NodeNames(g, *view));
  EXPECT_EQ(Relations(g, *top), (std::set<std::string>{"cooperates_with", "involves"}));
  options.min_weight = -1;
  EXPECT_FALSE(SelectView(g, TestSchema(), options).ok());
}

TEST(SelectView, CollaborationLeavesOutGenericNames) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  auto zone = g.FindById("Platform:川渝高竹新区");
  ASSERT_TRUE(zone);
  g.g()[*zone].attributes["generic"] = true;  // as 国家高新区: each region has its own
  RenderOptions options;
  options.view = kCollaborationView;
  auto view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(NodeNames(g, *view).count("川渝高竹新区"), 0u);
  EXPECT_EQ(Links(g, *view).count("四川—重庆:1"), 1u);
  EXPECT_NE(view->notes.back().find("1 generic name left out"), std::string::npos);
}

TEST(BuildDot, CollaborationDrawsWeightsScoresAndSharedLinks) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  // 万州 and 四川 share two platforms without cooperating: a dashed link of weight 2.
  for (const char* name : {"共建平台甲", "共建平台乙"}) {
    graph::Node node;
    node.name = name;
    node.type = "Platform";
    node.id = graph::MakeNodeId(node.type, node.name);
    auto v = g.AddOrMergeNode(std::move(node));
    for (const char* region : {"Region:万州", "Region:四川"}) {
      graph::Edge edge;
      edge.relation = "involves";
      g.AddOrMergeEdge(v, *g.FindById(region), edge, true);
    }
  }
  RenderOptions options;
  options.view = kCollaborationView;
  auto view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok());
  std::string dot = BuildDot(g, TestSchema(), *view, RenderDotOptions(g, *view, options));
  const std::string shares = "\"Region:万州\" -> \"Region:四川\" [";
  size_t at = dot.find(shares);
  ASSERT_NE(at, std::string::npos) << dot;
  std::string line = dot.substr(at, dot.find('\n', at) - at);
  EXPECT_NE(line.find("style=\"dashed\""), std::string::npos) << line;
  EXPECT_NE(line.find("xlabel=\"2\""), std::string::npos) << line;
  EXPECT_NE(line.find("共享 shares 2: 共建平台甲、共建平台乙"), std::string::npos) << line;
  at = dot.find("\"Region:四川\" -> \"Region:重庆\" [");
  ASSERT_NE(at, std::string::npos);
  line = dot.substr(at, dot.find('\n', at) - at);
  EXPECT_NE(line.find("xlabel=\"2\""), std::string::npos) << line;
  EXPECT_NE(line.find("penwidth=\"2.75\""), std::string::npos) << line;
  EXPECT_NE(dot.find("协作强度"), std::string::npos) << "the legend explains the weight";
  EXPECT_NE(dot.find("score = partners + things involved in"), std::string::npos);
  EXPECT_NE(dot.find("共享 shares (no direct cooperation)"), std::string::npos);
  EXPECT_NE(dot.find("packmode=\"graph\""), std::string::npos) << "components packed";
  // 重庆's score (2) under its name.
  at = dot.find("\"Region:重庆\" [");
  line = dot.substr(at, dot.find('\n', at) - at);
  EXPECT_NE(line.find("重庆<BR/><FONT POINT-SIZE=\"11\" COLOR=\"#2c5282\"><B>2</B>"),
            std::string::npos)
      << line;
}

TEST(BuildDot, LegendArrowheadsAreTheEdges) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  auto view = SelectView(g, TestSchema(), {});
  ASSERT_TRUE(view.ok());
  std::string dot = BuildDot(g, TestSchema(), *view, RenderDotOptions(g, *view, {}));
  // part_of: arrowhead empty; located_in: odot; involves: normal; cooperates_with: none.
  EXPECT_NE(dot.find("– – – –▷</FONT></TD><TD ALIGN=\"LEFT\">隶属于 part of"), std::string::npos);
  EXPECT_NE(dot.find("────○</FONT></TD><TD ALIGN=\"LEFT\">位于 located in"), std::string::npos);
  EXPECT_NE(dot.find("────▶</FONT></TD><TD ALIGN=\"LEFT\">涉及 involves"), std::string::npos);
  EXPECT_NE(dot.find("━━━━</FONT></TD><TD ALIGN=\"LEFT\">合作 cooperates with"), std::string::npos);
}

TEST(HtmlPage, DocumentsAreNamedByTitleRegionAndYear) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  graph::Document national;
  national.id = "d2";
  national.path = "corpus/national_2021_work_report.txt";
  national.title = "政府工作报告";
  EXPECT_EQ(DocumentYear(national), "2021");
  EXPECT_EQ(DocumentLabel(g, national), "政府工作报告 (2021)");
  national.region = "Region:重庆";
  EXPECT_EQ(DocumentLabel(g, national), "重庆 政府工作报告 (2021)");
  graph::Document sichuan;
  sichuan.path = "x/sichuan_2026_work_report.txt";
  sichuan.title = "2026年四川省人民政府工作报告";
  sichuan.region = "Region:四川";
  EXPECT_EQ(DocumentLabel(g, sichuan), "2026年四川省人民政府工作报告");
  graph::Document untitled;
  untitled.id = "d9";
  untitled.path = "dir/guizhou_20260.txt";  // no year: 20260 is a longer number
  EXPECT_EQ(DocumentYear(untitled), "");
  EXPECT_EQ(DocumentLabel(g, untitled), "guizhou_20260.txt");
}

TEST(HtmlPage, MentionsCarryTheirSpanInTheSentence) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  auto view = SelectView(g, TestSchema(), {});
  ASSERT_TRUE(view.ok());
  auto data = ParseJsonStrict(HtmlPageData(g, TestSchema(), *view, "t"), "page data");
  ASSERT_TRUE(data.ok());
  const auto& mentions = (*data)["nodes"]["n-Region.3a.万州"]["mentions"];
  ASSERT_EQ(mentions.Size(), 1u);
  EXPECT_STREQ(mentions[0][0].GetString(), "d1");
  std::u32string sentence = DecodeUtf8Lenient(mentions[0][1].GetString());
  const size_t start = mentions[0][2].GetUint64(), end = mentions[0][3].GetUint64();
  std::u32string marked = sentence.substr(start, end - start);
  EXPECT_EQ(EncodeUtf8(marked), "万开云") << "the fixture's mention of 万州 is [2, 5) of d1";
  EXPECT_STREQ((*data)["docs"]["d1"]["label"].GetString(), "重庆 fixture");
}

TEST(SelectView, HugeGraphsAreBoundedToTheBestConnectedNodesAndUseSfdp) {
  KnowledgeGraph g = SyntheticGraph(2000);
  RenderOptions options;
  auto view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->nodes.size(), kDefaultMaxNodes);
  EXPECT_EQ(view->nodes_before_bound, 2000u);
  EXPECT_TRUE(view->bounded());
  EXPECT_EQ(view->layout, "sfdp");
  EXPECT_EQ(view->nodes.front(), 0u) << "the hub has the highest degree";
  ASSERT_FALSE(view->notes.empty());
  EXPECT_NE(view->notes.front().find("600 highest-degree of 2000"), std::string::npos);

  options.layout = "dot";  // too slow for 400 nodes: replaced
  options.max_nodes = 400;
  view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->nodes.size(), 400u);
  EXPECT_EQ(view->layout, "sfdp");

  options.layout = "neato";  // an explicit engine that copes is kept
  view = SelectView(g, TestSchema(), options);
  EXPECT_EQ(view->layout, "neato");

  options = {};
  options.max_nodes = 0;
  view = SelectView(g, TestSchema(), options);
  EXPECT_EQ(view->nodes.size(), 2000u);
}

TEST(SelectView, DefaultLayoutBySize) {
  KnowledgeGraph small = SyntheticGraph(kDotLayoutMaxNodes);
  EXPECT_EQ(SelectView(small, TestSchema(), {})->layout, "dot");
  KnowledgeGraph bigger = SyntheticGraph(kDotLayoutMaxNodes + 1);
  EXPECT_EQ(SelectView(bigger, TestSchema(), {})->layout, "sfdp");
}

TEST(BuildDot, LegendListsExactlyTheTypesAndRelationsShown) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  RenderOptions options;
  options.types = {"Region"};
  auto view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok());
  std::string dot = BuildDot(g, TestSchema(), *view, RenderDotOptions(g, *view, options));
  EXPECT_NE(dot.find("图例 Legend"), std::string::npos);
  EXPECT_NE(dot.find(">地区 Region<"), std::string::npos);
  EXPECT_NE(dot.find(">合作 cooperates with<"), std::string::npos);
  EXPECT_NE(dot.find(">隶属于 part of<"), std::string::npos);
  EXPECT_EQ(dot.find(">平台 Platform<"), std::string::npos);
  EXPECT_EQ(dot.find("located in"), std::string::npos);
  EXPECT_NE(dot.find("BGCOLOR=\"#cfe8fc\""), std::string::npos) << "styled from the schema";

  options.legend = false;
  dot = BuildDot(g, TestSchema(), *view, RenderDotOptions(g, *view, options));
  EXPECT_EQ(dot.find("Legend"), std::string::npos);
}

TEST(BuildDot, StylesByTypeAndRelationSymmetricWithoutArrowheads) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  RenderOptions options;
  auto view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok());
  std::string dot = BuildDot(g, TestSchema(), *view, RenderDotOptions(g, *view, options));
  EXPECT_EQ(Count(dot, "fontname=\"WenQuanYi Zen Hei\""), 3u) << "graph, node and edge defaults";
  const std::string region_line = "\"Region:万州\" [";
  size_t at = dot.find(region_line);
  ASSERT_NE(at, std::string::npos);
  std::string line = dot.substr(at, dot.find('\n', at) - at);
  EXPECT_NE(line.find("shape=\"ellipse\""), std::string::npos);
  EXPECT_NE(line.find("fillcolor=\"#cfe8fc\""), std::string::npos);
  EXPECT_NE(line.find("class=\"type-Region\""), std::string::npos);
  EXPECT_NE(line.find("id=\"n-Region.3a.万州\""), std::string::npos);
  EXPECT_NE(
      line.find("tooltip=\"万州\\n地区 Region\\n别名 aliases: 万州区\\n“推进万开云同城化发展。”\""),
      std::string::npos)
      << line;
  // Every cooperates_with edge is undirected on paper.
  EXPECT_EQ(Count(dot, "class=\"rel-cooperates_with\""), 4u);
  EXPECT_EQ(Count(dot, "dir=\"none\""), 4u);
  EXPECT_NE(dot.find("tooltip=\"万州 —合作— 开州\\n“推进万开云同城化发展。”\""), std::string::npos);
}

TEST(BuildDot, ClustersPutGroupMembersInABoxAndDropTheirPartOfEdges) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  RenderOptions options;
  options.clusters = true;
  auto view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok());
  auto clusters = GroupClusters(g, *view);
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(g.node(clusters.begin()->first).name, "渝东北三峡库区城镇群");
  EXPECT_EQ(clusters.begin()->second.size(), 3u);
  std::string dot = BuildDot(g, TestSchema(), *view, RenderDotOptions(g, *view, options));
  size_t start = dot.find("subgraph \"cluster_Region.3a.渝东北三峡库区城镇群\" {");
  ASSERT_NE(start, std::string::npos) << dot;
  std::string cluster = dot.substr(start, dot.find("  }\n", start) - start);
  for (const char* member : {"\"Region:万州\";", "\"Region:开州\";", "\"Region:云阳\";"}) {
    EXPECT_NE(cluster.find(member), std::string::npos) << member;
  }
  EXPECT_EQ(Count(dot, "class=\"rel-part_of\""), 0u);
  // The group has no other edge: the box label names it, no node is drawn for it.
  EXPECT_EQ(dot.find("\"Region:渝东北三峡库区城镇群\" ["), std::string::npos);
  EXPECT_NE(dot.find("label=\"渝东北三峡库区城镇群\""), std::string::npos);
  auto svg = LayoutDot(dot, "dot", "svg");
  ASSERT_TRUE(svg.ok()) << svg.error().ToString();
  EXPECT_NE(svg->find("class=\"cluster\""), std::string::npos);

  // A group with an edge of its own is drawn, inside its box.
  graph::Node plan;
  plan.name = "渝东北规划";
  plan.type = "Plan";
  plan.id = graph::MakeNodeId(plan.type, plan.name);
  graph::Vertex plan_vertex = g.AddOrMergeNode(plan);
  graph::Edge involves;
  involves.relation = "involves";
  g.AddOrMergeEdge(plan_vertex, *g.FindById("Region:渝东北三峡库区城镇群"), involves);
  view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok());
  dot = BuildDot(g, TestSchema(), *view, RenderDotOptions(g, *view, options));
  start = dot.find("subgraph \"cluster_Region.3a.渝东北三峡库区城镇群\" {");
  cluster = dot.substr(start, dot.find("  }\n", start) - start);
  EXPECT_NE(cluster.find("\"Region:渝东北三峡库区城镇群\";"), std::string::npos) << cluster;
  EXPECT_NE(dot.find("\"Region:渝东北三峡库区城镇群\" ["), std::string::npos);
}

TEST(RenderGraph, SvgCarriesIdsClassesTooltipsLegendAndCjkText) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  RenderOptions options;
  options.format = "svg";
  auto svg = RenderGraph(g, TestSchema(), options);
  ASSERT_TRUE(svg.ok()) << svg.error().ToString();
  EXPECT_EQ(svg->rfind("<?xml", 0), 0u);
  EXPECT_NE(svg->find("class=\"node type&#45;Region\""), std::string::npos);
  EXPECT_NE(svg->find("class=\"edge rel&#45;cooperates_with\""), std::string::npos);
  EXPECT_NE(svg->find("id=\"n&#45;Region.3a.重庆\""), std::string::npos);
  EXPECT_NE(svg->find("xlink:title=\"万州 —合作— 开州&#10;“推进万开云同城化发展。”\""),
            std::string::npos);
  EXPECT_NE(svg->find("图例 Legend"), std::string::npos);
  EXPECT_NE(svg->find("font-family=\"WenQuanYi Zen Hei\""), std::string::npos);
  EXPECT_NE(svg->find(">渝东北三峡库区城镇群</text>"), std::string::npos);
}

// Issue 16 item 7: every SVG is well-formed XML, whatever entity-like text names hold: `&xxe;`
// stays text in <title>, labels and tooltips (and `&amp;` is not read as `&`).
TEST(RenderGraph, SvgIsWellFormedWithEntityLikeNames) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  for (const char* name : {"&xxe;实验室", "a&amp;b实验室", "&lt;c&#38;实验室"}) {
    graph::Node node;
    node.name = name;
    node.type = "Lab";
    node.id = graph::MakeNodeId(node.type, node.name);
    node.aliases = {std::string("&") + name};
    g.AddOrMergeNode(std::move(node));
  }
  RenderOptions options;
  options.format = "svg";
  auto svg = RenderGraph(g, TestSchema(), options);
  ASSERT_TRUE(svg.ok()) << svg.error().ToString();
  EXPECT_NE(svg->find("<title>Lab:&amp;xxe;实验室</title>"), std::string::npos);
  EXPECT_NE(svg->find("<title>Lab:a&amp;amp;b实验室</title>"), std::string::npos);
  EXPECT_NE(svg->find(">&amp;xxe;实验室</text>"), std::string::npos);
  EXPECT_NE(svg->find(">a&amp;amp;b实验室</text>"), std::string::npos);
  EXPECT_NE(svg->find(">&amp;lt;c&amp;#38;实验室</text>"), std::string::npos);
  // Every '&' in the SVG starts one of XML's five entities or a character reference.
  for (size_t at = svg->find('&'); at != std::string::npos; at = svg->find('&', at + 1)) {
    std::string_view rest = std::string_view(*svg).substr(at, 8);
    bool ok = rest.starts_with("&amp;") || rest.starts_with("&lt;") || rest.starts_with("&gt;") ||
              rest.starts_with("&quot;") || rest.starts_with("&apos;") || rest.starts_with("&#");
    EXPECT_TRUE(ok) << svg->substr(at > 40 ? at - 40 : 0, 80);
  }
  std::string path = ::testing::TempDir() + "/entity_names.svg";
  ASSERT_TRUE(WriteFileAtomic(path, *svg).ok());
  EXPECT_EQ(std::system(("xmllint --noout " + path).c_str()), 0);
}

TEST(RenderGraph, PngDotAndHtmlFormats) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  RenderOptions options;
  options.format = "png";
  auto png = RenderGraph(g, TestSchema(), options);
  ASSERT_TRUE(png.ok()) << png.error().ToString();
  EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_GT(png->size(), 10000u);

  options.format = "dot";
  auto dot = RenderGraph(g, TestSchema(), options);
  ASSERT_TRUE(dot.ok());
  EXPECT_NE(dot->find("pos=\""), std::string::npos) << "laid out";

  options.format = "html";
  auto html = RenderGraph(g, TestSchema(), options);
  ASSERT_TRUE(html.ok()) << html.error().ToString();
  EXPECT_EQ(html->rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html->find("<?xml"), std::string::npos);
  EXPECT_NE(html->find("<svg"), std::string::npos);
  EXPECT_NE(html->find("Content-Security-Policy"), std::string::npos);
  EXPECT_EQ(html->find("src=\"http"), std::string::npos);
  EXPECT_EQ(html->find("href=\"http"), std::string::npos);
  EXPECT_EQ(Count(*html, "</script>"), 2u) << "the data blob cannot close its script element";

  options.format = "jpeg";
  auto bad = RenderGraph(g, TestSchema(), options);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("dot, svg, png, html"), std::string::npos);
}

TEST(RenderGraph, HtmlDataEscapesScriptBreakers) {
  KnowledgeGraph g = LoadFixture("escape.kg.json");
  auto view = SelectView(g, TestSchema(), {});
  ASSERT_TRUE(view.ok());
  std::string data = HtmlPageData(g, TestSchema(), *view, "t");
  EXPECT_EQ(data.find('<'), std::string::npos);
  EXPECT_EQ(data.find('>'), std::string::npos);
  EXPECT_EQ(data.find('&'), std::string::npos);
  EXPECT_NE(data.find("\\u003c/script\\u003e"), std::string::npos);
  EXPECT_NE(data.find("\"n-Region.3a.重庆\""), std::string::npos);
}

// The work is bounded, not timed: Graphviz lays out only the bounded view (600 nodes and the edges
// among them, with sfdp), so the picture holds exactly those and nothing of the other 1400 nodes.
TEST(RenderGraph, HugeGraphLaysOutOnlyTheBoundedView) {
  KnowledgeGraph g = SyntheticGraph(2000);
  RenderOptions options;
  auto view = SelectView(g, TestSchema(), options);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->nodes.size(), kDefaultMaxNodes);
  EXPECT_LT(view->edges.size(), kDefaultMaxNodes) << "a tree of 600 nodes";
  EXPECT_EQ(view->layout, "sfdp");
  auto svg = RenderGraph(g, TestSchema(), options);
  ASSERT_TRUE(svg.ok()) << svg.error().ToString();
  EXPECT_EQ(Count(*svg, "class=\"node type"), kDefaultMaxNodes);
  EXPECT_EQ(Count(*svg, "class=\"edge rel"), view->edges.size());
  EXPECT_NE(svg->find(">地区0<"), std::string::npos) << "the hub is drawn";
  EXPECT_EQ(svg->find(">地区1999<"), std::string::npos) << "a node outside the view is not";
  EXPECT_NE(svg->find("showing the 600 highest&#45;degree of 2000 nodes"), std::string::npos);
}

TEST(LayoutDot, ReportsSyntaxErrorsAndUnknownEngines) {
  auto bad = LayoutDot("digraph { a -> }", "dot", "svg");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("syntax error"), std::string::npos) << bad.error().message;
  auto engine = LayoutDot("digraph { a -> b }", "nosuchengine", "svg");
  EXPECT_FALSE(engine.ok());
  auto format = LayoutDot("digraph { a -> b }", "dot", "nosuchformat");
  EXPECT_FALSE(format.ok());
}

TEST(RenderFormatFromPath, ByExtension) {
  EXPECT_EQ(RenderFormatFromPath("a/b.SVG"), "svg");
  EXPECT_EQ(RenderFormatFromPath("x.gv"), "dot");
  EXPECT_EQ(RenderFormatFromPath("x.htm"), "html");
  EXPECT_EQ(RenderFormatFromPath("x.png"), "png");
  EXPECT_EQ(RenderFormatFromPath("x.jpg"), std::nullopt);
  EXPECT_EQ(RenderFormatFromPath("dir.svg/x"), std::nullopt);
  EXPECT_EQ(RenderFormatFromPath("-"), std::nullopt);
}

}  // namespace
}  // namespace policykg::render
