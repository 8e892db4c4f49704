#include "eval/score.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <sstream>

#include "eval/report.h"
#include "graph/json_io.h"

namespace policykg::eval {
namespace {

using Strings = std::vector<std::string>;

// Builds small graphs as graph JSON, read back through the same loader the CLI uses.
class GraphSpec {
 public:
  // `docs` lists "id|path|title".
  explicit GraphSpec(std::vector<std::string> docs = {"d1|report.txt|"}) {
    for (const auto& d : docs) {
      auto p1 = d.find('|');
      auto p2 = d.find('|', p1 + 1);
      docs_.push_back(fmt::format(R"({{"id":"{}","path":"{}","title":"{}"}})", d.substr(0, p1),
                                  d.substr(p1 + 1, p2 - p1 - 1), d.substr(p2 + 1)));
    }
  }

  // `mentions` lists "doc@start"; the id is "Type:name".
  GraphSpec& Node(const std::string& type, const std::string& name,
                  std::vector<std::string> aliases = {},
                  std::vector<std::string> mentions = {"d1@0"},
                  const std::string& attributes = "{}") {
    std::string alias_json, mention_json;
    for (const auto& a : aliases) alias_json += (alias_json.empty() ? "" : ",") + Quote(a);
    for (const auto& m : mentions) {
      auto at = m.find('@');
      mention_json +=
          fmt::format(R"({}{{"doc":"{}","start":{},"end":{}}})", mention_json.empty() ? "" : ",",
                      m.substr(0, at), m.substr(at + 1), std::stoul(m.substr(at + 1)) + 1);
    }
    nodes_.push_back(fmt::format(
        R"({{"id":{},"name":{},"type":{},"aliases":[{}],"attributes":{},"mentions":[{}]}})",
        Quote(type + ":" + name), Quote(name), Quote(type), alias_json, attributes, mention_json));
    return *this;
  }

  GraphSpec& Target(const std::string& name, const std::string& attributes,
                    std::vector<std::string> mentions = {"d1@0"}) {
    return Node("Target", name, {}, std::move(mentions), attributes);
  }

  // Ids are "Type:name".
  GraphSpec& Edge(const std::string& source, const std::string& relation,
                  const std::string& target) {
    edges_.push_back(fmt::format(R"({{"source":{},"target":{},"relation":{}}})", Quote(source),
                                 Quote(target), Quote(relation)));
    return *this;
  }

  graph::KnowledgeGraph Build() const {
    auto join = [](const std::vector<std::string>& items) {
      std::string out;
      for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
      return out;
    };
    std::string json = fmt::format(
        R"({{"format":"policykg","version":1,"documents":[{}],"nodes":[{}],"edges":[{}]}})",
        join(docs_), join(nodes_), join(edges_));
    auto g = graph::ParseGraphJson(json, "spec.json");
    EXPECT_TRUE(g.ok()) << g.error().ToString() << "\n" << json;
    return g.ok() ? std::move(g).value() : graph::KnowledgeGraph();
  }

 private:
  static std::string Quote(const std::string& s) { return "\"" + s + "\""; }

  std::vector<std::string> docs_, nodes_, edges_;
};

Gold ParseOrDie(const std::string& json) {
  auto gold = ParseGold(json, "gold.json");
  EXPECT_TRUE(gold.ok()) << gold.error().ToString();
  return gold.ok() ? std::move(gold).value() : Gold();
}

EvalReport ScoreOf(const GraphSpec& spec, const std::string& gold_json, EvalOptions options = {}) {
  return Score(spec.Build(), ParseOrDie(gold_json), options);
}

// ---- entities

TEST(ScoreEntities, MatchesNamesAndAliasesBothWaysAfterNormalization) {
  const std::string gold = R"({"entities": [
      {"name": "重庆", "type": "Region", "aliases": ["重庆市"]},
      {"name": "西部(重庆)科学城", "type": "Platform"},
      {"name": "川渝通办", "type": "Initiative"},
      {"name": "金凤实验室", "type": "Lab"}], "relations": []})";
  GraphSpec spec;
  spec.Node("Region", "重庆市")                            // node name = gold alias
      .Node("Platform", "科学城", {"西部（重庆）科学城"})  // node alias = gold name, full-width
      .Node("Initiative", "“川渝　通办”")                  // quotes and U+3000 dropped
      .Node("Lab", "金凤实验室 ");                         // trailing space dropped
  EvalReport r = ScoreOf(spec, gold);
  EXPECT_EQ(r.entities.scored, 4);
  EXPECT_EQ(r.entities.found, 4);
  EXPECT_DOUBLE_EQ(r.entities.precision, 1.0);
  EXPECT_DOUBLE_EQ(r.entities.recall, 1.0);
  EXPECT_TRUE(r.entities.missed.empty());
  EXPECT_TRUE(r.entities.false_positives.empty());
}

TEST(ScoreEntities, TypeErrorsCountForUntypedMatchesOnly) {
  const std::string gold = R"({"entities": [
      {"name": "重庆", "type": "Region"}, {"name": "重庆英才大会", "type": "Event"}],
      "relations": []})";
  GraphSpec spec;
  spec.Node("Region", "重庆").Node("Plan", "重庆英才大会").Node("Organization", "市政府");
  EvalReport r = ScoreOf(spec, gold);
  EXPECT_EQ(r.entities.scored, 3);
  EXPECT_EQ(r.entities.untyped_matches, 2);
  EXPECT_EQ(r.entities.typed_matches, 1);
  EXPECT_DOUBLE_EQ(r.entities.precision, 1.0 / 3);
  EXPECT_DOUBLE_EQ(r.entities.recall, 0.5);
  EXPECT_DOUBLE_EQ(r.entities.f1, 0.4);
  EXPECT_EQ(r.entities.type_errors, (Strings{"重庆英才大会: Plan (gold Event)"}));
  EXPECT_EQ(r.entities.missed, (Strings{"重庆英才大会 [Event]"}));
  EXPECT_EQ(r.entities.false_positives, (Strings{"市政府 [Organization]"}));
}

TEST(ScoreEntities, OptionalNamesAreNeitherFoundNorFalsePositives) {
  const std::string gold = R"({"entities": [{"name": "重庆", "type": "Region"},
      {"name": "科学城", "type": "Platform"}],
      "optional": ["“万达开”", "科学城"], "relations": []})";
  GraphSpec spec;
  spec.Node("Region", "重庆")
      .Node("Platform", "《万达开》")       // optional: skipped
      .Node("Other", "某平台", {"万达开"})  // optional through an alias: skipped
      .Node("Platform", "科学城");          // a gold entity wins over `optional`
  EvalReport r = ScoreOf(spec, gold);
  EXPECT_EQ(r.entities.scored, 2);
  EXPECT_EQ(r.entities.found, 2);
  EXPECT_TRUE(r.entities.false_positives.empty());
}

TEST(ScoreEntities, LowestEntryWinsAndLaterEntriesTakeSharedKeys) {
  // "重庆科学城" is an alias of both entries: the later entry takes the key.
  const std::string gold = R"({"entities": [
      {"name": "西部(重庆)科学城", "type": "Platform", "aliases": ["重庆科学城"]},
      {"name": "科学城", "type": "Platform", "aliases": ["重庆科学城"]}], "relations": []})";
  EvalReport alias_only = ScoreOf(GraphSpec().Node("Platform", "重庆科学城"), gold);
  EXPECT_EQ(alias_only.entities.missed, (Strings{"西部(重庆)科学城 [Platform]"}));

  // Hits on both entries: the lower index counts.
  EvalReport both = ScoreOf(GraphSpec().Node("Platform", "西部(重庆)科学城", {"重庆科学城"}), gold);
  EXPECT_EQ(both.entities.missed, (Strings{"科学城 [Platform]"}));
}

TEST(ScoreEntities, TargetNodesAreNotEntitiesAndEmptyGoldScoresZero) {
  GraphSpec spec;
  spec.Target("高新技术企业5500家", R"({"value":5500})").Node("Region", "重庆");
  EvalReport r = ScoreOf(spec, R"({"entities": [], "relations": []})");
  EXPECT_EQ(r.entities.scored, 1);  // the Region only
  EXPECT_DOUBLE_EQ(r.entities.precision, 0.0);
  EXPECT_DOUBLE_EQ(r.entities.recall, 0.0);
  EXPECT_DOUBLE_EQ(r.entities.f1, 0.0);
  EXPECT_EQ(r.entities.false_positives, (Strings{"重庆 [Region]"}));
}

// ---- documents and scope

TEST(ScoreDocuments, MultiDocumentGraphsScoreTheGoldDocument) {
  const std::string gold = R"({"document": "a.txt", "entities": [{"name": "重庆", "type": "Region"},
      {"name": "四川", "type": "Region"}], "relations": []})";
  GraphSpec spec({"d1|corpus/a.txt|甲", "d2|corpus/b.txt|乙"});
  spec.Node("Region", "重庆", {}, {"d1@0", "d2@0"})
      .Node("Region", "四川", {}, {"d2@5"})
      .Node("Region", "达州", {}, {})  // no mentions: never in a multi-document graph
      .Node("Region", "万州", {}, {"d2@9"});
  graph::KnowledgeGraph g = spec.Build();
  Gold parsed = ParseOrDie(gold);

  EvalReport by_gold = Score(g, parsed, {});
  EXPECT_EQ(by_gold.entities.scored, 1);
  EXPECT_EQ(by_gold.entities.missed, (Strings{"四川 [Region]"}));
  EXPECT_EQ(SelectDocuments(g, parsed, {}), (Strings{"d1"}));

  EvalOptions doc_b;
  doc_b.doc = "乙";  // matches a title
  EvalReport by_title = Score(g, parsed, doc_b);
  EXPECT_EQ(by_title.entities.scored, 3);
  EXPECT_EQ(by_title.entities.false_positives, (Strings{"万州 [Region]"}));

  EvalOptions across;
  across.doc = "b.txt乙";  // path and title are searched as one string
  EXPECT_EQ(SelectDocuments(g, parsed, across), (Strings{"d2"}));

  EvalOptions both;
  both.doc = ".txt";
  EXPECT_EQ(Score(g, parsed, both).entities.scored, 3);

  EvalOptions none;
  none.doc = "c.txt";
  EvalReport nothing = Score(g, parsed, none);
  EXPECT_EQ(nothing.entities.scored, 0);
  EXPECT_EQ(nothing.entities.missed.size(), 2u);
}

TEST(ScoreDocuments, SingleDocumentGraphsScoreEveryNode) {
  const std::string gold =
      R"({"document": "other.txt", "entities": [{"name": "重庆", "type": "Region"}],
      "relations": []})";
  GraphSpec spec({"d1|corpus/a.txt|"});
  spec.Node("Region", "重庆", {}, {}).Node("Region", "四川", {}, {"d1@3"});
  EvalOptions options;
  options.doc = "nothing-matches";
  EvalReport r = ScoreOf(spec, gold, options);
  EXPECT_EQ(r.entities.scored, 2);
  EXPECT_EQ(r.entities.found, 1);
}

TEST(ScoreDocuments, ScopeKeepsMentionsStartingInTheRange) {
  const std::string gold = R"({"entities": [{"name": "重庆", "type": "Region"}], "relations": []})";
  GraphSpec spec;
  spec.Node("Region", "重庆", {}, {"d1@3", "d1@50"})
      .Node("Region", "四川", {}, {"d1@10"})  // at the end: out
      .Node("Region", "万州", {}, {"d1@2"})   // before the start: out
      .Node("Region", "达州", {}, {"d1@9"});  // last code point: in
  EvalOptions options;
  options.scope = ScopeRange{3, 10};
  EvalReport r = ScoreOf(spec, gold, options);
  EXPECT_EQ(r.entities.scored, 2);
  EXPECT_EQ(r.entities.false_positives, (Strings{"达州 [Region]"}));
}

TEST(ScopeRangeInText, UsesUniversalNewlinesAndCodePoints) {
  // Lines: "\uFEFF甲乙" | "丙" | "丁戊" | "己"  (\r\n, \r and \n line ends)
  const std::string text = "\xEF\xBB\xBF甲乙\r\n丙\r丁戊\n己";
  auto line2 = ScopeRangeInText(text, ScopeLines{2, 3}, "t.txt");
  ASSERT_TRUE(line2.ok()) << line2.error().ToString();
  EXPECT_EQ(line2->begin, 4u);  // BOM, 甲, 乙, \n
  EXPECT_EQ(line2->end, 9u);    // 丙 \r 丁 戊 \n
  auto to_end = ScopeRangeInText(text, ScopeLines{4, 99}, "t.txt");
  ASSERT_TRUE(to_end.ok());
  EXPECT_EQ(to_end->begin, 9u);
  EXPECT_EQ(to_end->end, 10u);
  auto past = ScopeRangeInText(text, ScopeLines{5, 6}, "t.txt");
  ASSERT_FALSE(past.ok());
  EXPECT_EQ(past.error().ToString(), "t.txt: scope_lines start at line 5 but the text has 4 lines");
  auto bad = ScopeRangeInText("ok\xFF", ScopeLines{1, 1}, "t.txt");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().byte_offset, 2);
}

TEST(ResolveScope, NeedsBothScopeLinesAndAText) {
  const std::string dir = std::string(POLICYKG_TEST_DATA_DIR) + "/data/";
  auto gold = LoadGold(dir + "eval_scope.gold.json");
  ASSERT_TRUE(gold.ok()) << gold.error().ToString();
  auto without_text = ResolveScope(*gold, "");
  ASSERT_TRUE(without_text.ok());
  EXPECT_FALSE(without_text->has_value());
  auto with_text = ResolveScope(*gold, dir + "eval_scope.txt");
  ASSERT_TRUE(with_text.ok()) << with_text.error().ToString();
  ASSERT_TRUE(with_text->has_value());
  EXPECT_EQ((*with_text)->begin, 11u);
  EXPECT_EQ((*with_text)->end, 38u);
  auto missing = ResolveScope(*gold, dir + "eval_missing.txt");
  EXPECT_FALSE(missing.ok());
}

// ---- targets

TEST(ScoreTargets, ValueEqualityAndMetricContainment) {
  const std::string gold = R"({"entities": [], "relations": [], "targets": [
      {"metric": "科技型企业", "value": 40000, "unit": "家"},
      {"metric": "高新技术企业", "value": 5500, "unit": "家"},
      {"metric": "研发经费", "value": 2.3, "unit": "%"},
      {"metric": "专精特新", "value": 140, "unit": "家"},
      {"metric": "产值", "value": 1e5, "unit": "亿元"},
      {"metric": "覆盖率", "value": 40, "unit": "%"},
      {"metric": "市场主体", "value": 1, "unit": "户"}]})";
  GraphSpec spec;
  spec.Target("科技型企业4万家", R"({"value":40000})")  // 4万 = 40000, name holds metric
      .Target("突破5500家",
              R"({"value":"5500","metric":"高新技术企业"})")     // string value, metric attr
      .Target("研发经费2.3%", R"({"value":"2.3%"})")             // float("2.3%") fails
      .Target("140家", R"({"value":140,"metric":"专精 特新"})")  // metric normalized
      .Target("产值", R"({"value":99999})")                      // wrong value
      .Target("覆盖率", R"({"value":" ４_０ "})")                // float() reads this
      .Target("市场主体", R"({"value":true})")                   // float(True) == 1.0
      .Node("Region", "科技型企业");                             // not a Target
  EvalReport r = ScoreOf(spec, gold);
  EXPECT_EQ(r.targets.total, 7);
  EXPECT_EQ(r.targets.found, 5);
  ASSERT_TRUE(r.targets.recall.has_value());
  EXPECT_DOUBLE_EQ(*r.targets.recall, 5.0 / 7);
  EXPECT_EQ(r.targets.missed, (Strings{"研发经费=2.3%", "产值=100000.0亿元"}));
}

TEST(ScoreTargets, SpellingOfFourWanDoesNotParse) {
  const std::string gold = R"({"entities": [], "relations": [], "targets": [
      {"metric": "科技型企业", "value": 40000, "unit": "家"}]})";
  EvalReport as_text = ScoreOf(GraphSpec().Target("科技型企业", R"({"value":"4万"})"), gold);
  EXPECT_EQ(as_text.targets.found, 0);
  EvalReport no_value = ScoreOf(GraphSpec().Target("科技型企业4万家", R"({"unit":"家"})"), gold);
  EXPECT_EQ(no_value.targets.found, 0);
  EvalReport other_metric =
      ScoreOf(GraphSpec().Target("企业4万家", R"({"value":40000,"metric":"科技企业"})"), gold);
  EXPECT_EQ(other_metric.targets.found, 0);
  EvalReport ok =
      ScoreOf(GraphSpec().Target("4万家", R"({"value":4e4,"metric":"科技型企业"})"), gold);
  EXPECT_EQ(ok.targets.found, 1);
}

// As kg_score.py: 万 and 亿 leading a unit of two or more characters are multiplied into the value,
// in the gold and in the graph, so 5500 亿元 equals 550000000000 元 and 1.8 万家 equals 18000 家.
TEST(ScoreTargets, WanAndYiInTheUnitAreMultipliedIn) {
  const std::string gold = R"({"entities": [], "relations": [], "targets": [
      {"metric": "投资", "value": 5500, "unit": "亿元"},
      {"metric": "企业", "value": 1.8, "unit": "万家"},
      {"metric": "吞吐量", "value": 4500, "unit": "万标箱"},
      {"metric": "人口", "value": 3, "unit": "万"},
      {"metric": "装机", "value": 2, "unit": "万千瓦"}]})";
  GraphSpec spec;
  spec.Target("投资5500亿元", R"({"value":550000000000,"unit":"元"})")
      .Target("企业1.8万家", R"({"value":18000,"unit":"家"})")
      .Target("吞吐量4500万标箱", R"({"value":4500,"unit":"万标箱"})")  // same unit: same value
      .Target("人口3万", R"({"value":30000,"unit":""})")  // a lone 万 is the unit, not a factor
      .Target("装机2万千瓦", R"({"value":2,"unit":"千瓦"})");  // 2 千瓦 is not 2 万千瓦
  EvalReport r = ScoreOf(spec, gold);
  EXPECT_EQ(r.targets.found, 3);
  EXPECT_EQ(r.targets.missed, (Strings{"人口=3万", "装机=2万千瓦"}));
}

TEST(ScoreTargets, NoGoldTargetsMeansNoRecall) {
  EvalReport r =
      ScoreOf(GraphSpec().Target("x", R"({"value":1})"), R"({"entities": [], "relations": []})");
  EXPECT_FALSE(r.targets.recall.has_value());
  EXPECT_NE(SummaryLine(r).find("targets R=None"), std::string::npos);
}

TEST(ScoreTargets, OnlyMentionedTargetsCount) {
  const std::string gold = R"({"document": "a.txt", "entities": [], "relations": [], "targets": [
      {"metric": "科技型企业", "value": 40000, "unit": "家"}]})";
  GraphSpec spec({"d1|a.txt|", "d2|b.txt|"});
  spec.Target("科技型企业4万家", R"({"value":40000})", {"d2@0"});
  EXPECT_EQ(ScoreOf(spec, gold).targets.found, 0);
  EvalOptions b;
  b.doc = "b.txt";
  EXPECT_EQ(ScoreOf(spec, gold, b).targets.found, 1);
}

// ---- relation recall

const char* kRegionGold = R"({"entities": [
    {"name": "重庆", "type": "Region", "aliases": ["重庆市"]},
    {"name": "主城都市区", "type": "Region"},
    {"name": "中心城区", "type": "Region"},
    {"name": "渝中", "type": "Region"},
    {"name": "四川", "type": "Region"},
    {"name": "西部科学城", "type": "Platform"}],
  "relation_types": ["part_of", "cooperates_with", "develops", "targets"],
  "relations": [
    {"source": "主城都市区", "relation": "part_of", "target": "重庆"},
    {"source": "渝中", "relation": "part_of", "target": "重庆"},
    {"source": "重庆", "relation": "cooperates_with", "target": "四川"},
    {"source": "重庆", "relation": "develops", "target": "西部科学城"}],
  "optional_relations": [
    {"source": "中心城区", "relation": "part_of", "target": "主城都市区"}]})";

GraphSpec RegionNodes() {
  GraphSpec spec;
  spec.Node("Region", "重庆")
      .Node("Region", "主城都市区")
      .Node("Region", "中心城区")
      .Node("Region", "渝中")
      .Node("Region", "四川")
      .Node("Platform", "西部科学城");
  return spec;
}

TEST(ScoreRelations, PartOfHoldsOverDirectedPaths) {
  GraphSpec spec = RegionNodes();
  spec.Edge("Region:渝中", "part_of", "Region:中心城区")
      .Edge("Region:中心城区", "part_of", "Region:主城都市区")
      .Edge("Region:主城都市区", "part_of", "Region:重庆");
  EvalReport r = ScoreOf(spec, kRegionGold);
  EXPECT_EQ(r.relations.found, 2);  // both part_of; the other two have no edge
  EXPECT_EQ(r.relations.missed,
            (Strings{"重庆 -cooperates_with-> 四川", "重庆 -develops-> 西部科学城"}));

  GraphSpec reversed = RegionNodes();
  reversed.Edge("Region:重庆", "part_of", "Region:渝中");
  EXPECT_EQ(ScoreOf(reversed, kRegionGold).relations.found, 0);

  GraphSpec via_other_relation = RegionNodes();  // a path must be part_of all the way
  via_other_relation.Edge("Region:渝中", "develops", "Region:中心城区")
      .Edge("Region:中心城区", "part_of", "Region:重庆");
  EXPECT_EQ(ScoreOf(via_other_relation, kRegionGold).relations.found, 0);
}

TEST(ScoreRelations, CooperatesWithIsUndirectedOtherRelationsAreNot) {
  GraphSpec spec = RegionNodes();
  spec.Edge("Region:四川", "cooperates_with", "Region:重庆")
      .Edge("Platform:西部科学城", "develops", "Region:重庆");
  EvalReport r = ScoreOf(spec, kRegionGold);
  EXPECT_EQ(r.relations.missed, (Strings{"主城都市区 -part_of-> 重庆", "渝中 -part_of-> 重庆",
                                         "重庆 -develops-> 西部科学城"}));
  EXPECT_EQ(r.relations.found, 1);
  EXPECT_DOUBLE_EQ(r.relations.recall, 0.25);
}

TEST(ScoreRelations, AnyNodeMatchedToTheEntryCounts) {
  // Two nodes match 重庆 (one a type error); the edge from either holds the relation.
  GraphSpec spec = RegionNodes();
  spec.Node("Organization", "重庆市")
      .Edge("Organization:重庆市", "develops", "Platform:西部科学城");
  EvalReport r = ScoreOf(spec, kRegionGold);
  EXPECT_EQ(r.relations.found, 1);
  EXPECT_EQ(r.entities.type_errors, (Strings{"重庆市: Organization (gold Region)"}));
}

TEST(ScoreRelations, UnknownGoldNamesAreMissed) {
  const std::string gold = R"({"entities": [{"name": "重庆", "type": "Region"}],
      "relations": [{"source": "不存在", "relation": "part_of", "target": "重庆"}]})";
  EvalReport r = ScoreOf(GraphSpec().Node("Region", "重庆"), gold);
  EXPECT_EQ(r.relations.missed, (Strings{"不存在 -part_of-> 重庆"}));
  EXPECT_DOUBLE_EQ(r.relations.recall, 0.0);
}

// ---- relation precision

TEST(ScoreRelations, PrecisionUsesThePartOfClosureAndOptionalRelations) {
  GraphSpec spec = RegionNodes();
  spec.Edge("Region:中心城区", "part_of", "Region:重庆")  // closure via 主城都市区: right
      .Edge("Region:中心城区", "part_of", "Region:主城都市区")  // optional relation: right
      .Edge("Region:重庆", "cooperates_with", "Region:四川")    // right
      .Edge("Region:四川", "cooperates_with", "Region:重庆")    // reverse also right
      .Edge("Region:重庆", "part_of", "Region:主城都市区")      // against the closure: wrong
      .Edge("Region:渝中", "develops", "Platform:西部科学城");  // not in the gold: wrong
  EvalReport r = ScoreOf(spec, kRegionGold);
  EXPECT_EQ(r.relations.scored, 6);
  EXPECT_EQ(r.relations.correct, 4);
  EXPECT_DOUBLE_EQ(r.relations.precision, 4.0 / 6);
  EXPECT_EQ(r.relations.wrong,
            (Strings{"重庆 -part_of-> 主城都市区", "渝中 -develops-> 西部科学城"}));
}

TEST(ScoreRelations, PrecisionSkipsEdgesOutsideTheGold) {
  GraphSpec spec = RegionNodes();
  spec.Node("Organization", "重庆市")
      .Node("Region", "达州")
      .Target("高新技术企业5500家", R"({"value":5500})")
      .Edge("Region:重庆", "mentions", "Region:四川")               // relation type not scored
      .Edge("Region:重庆", "targets", "Target:高新技术企业5500家")  // `targets` never scored
      .Edge("Organization:重庆市", "part_of", "Region:重庆")        // same gold entity
      .Edge("Region:达州", "part_of", "Region:重庆")                // unmatched node
      .Edge("Region:主城都市区", "part_of", "Region:重庆");         // the one scored edge
  EvalReport r = ScoreOf(spec, kRegionGold);
  EXPECT_EQ(r.relations.scored, 1);
  EXPECT_DOUBLE_EQ(r.relations.precision, 1.0);
}

TEST(ScoreRelations, WithoutRelationTypesNothingIsScoredForPrecision) {
  const std::string gold = R"({"entities": [{"name": "重庆", "type": "Region"},
      {"name": "四川", "type": "Region"}],
      "relations": [{"source": "重庆", "relation": "cooperates_with", "target": "四川"}]})";
  GraphSpec spec;
  spec.Node("Region", "重庆")
      .Node("Region", "四川")
      .Edge("Region:重庆", "cooperates_with", "Region:四川");
  EvalReport r = ScoreOf(spec, gold);
  EXPECT_EQ(r.relations.scored, 0);
  EXPECT_DOUBLE_EQ(r.relations.precision, 0.0);
  EXPECT_DOUBLE_EQ(r.relations.recall, 1.0);
  EXPECT_DOUBLE_EQ(r.relations.f1, 0.0);
}

// ---- report

TEST(Report, FixtureMatchesKgScoreOutput) {
  // Expected output produced by tools/kg_score.py on the same files.
  const std::string dir = std::string(POLICYKG_TEST_DATA_DIR) + "/data/";
  auto g = graph::LoadGraph(dir + "eval_basic.kg.json");
  ASSERT_TRUE(g.ok()) << g.error().ToString();
  auto gold = LoadGold(dir + "eval_basic.gold.json");
  ASSERT_TRUE(gold.ok()) << gold.error().ToString();
  EvalReport r = Score(*g, *gold, {});
  std::ostringstream out;
  PrintReport(out, r);
  EXPECT_EQ(out.str(),
            "  entities.missed (2): 渝中 [Region]; 重庆英才大会 [Event]\n"
            "  entities.false_positives (2): 市政府 [Organization]; ＡＩ创新中心 [Platform]\n"
            "  entities.type_errors (2): 重庆市: Organization (gold Region); 重庆英才大会: Plan "
            "(gold Event)\n"
            "  targets.missed (2): 研发经费=2.3%; 产值=100000.0亿元\n"
            "  relations.missed (2): 渝中 -part_of-> 中心城区; 国家应用数学中心 -located_in-> "
            "不在金标里的地方\n"
            "  relations.wrong (2): 中心城区 -part_of-> 主城都市区; 国家应用数学中心 -located_in-> "
            "重庆\n"
            "entities P=0.714 R=0.833 F1=0.769 | targets R=0.667 | relations P=0.778 R=0.75 "
            "F1=0.764\n");
  EXPECT_EQ(r.entities.untyped_matches, 12);
  EXPECT_DOUBLE_EQ(r.entities.precision, 10.0 / 14);  // kept unrounded
}

TEST(Report, ListsShowTheFirstFortyItemsAndJsonShowsAll) {
  EvalReport r;
  for (int i = 0; i < 45; ++i) r.entities.false_positives.push_back(fmt::format("n{} [X]", i));
  r.entities.precision = 2.0 / 3;
  r.relations.recall = 1;
  r.targets.recall = 0.0625;
  std::ostringstream text;
  PrintReport(text, r);
  EXPECT_NE(text.str().find("  entities.false_positives (45): n0 [X]; n1 [X];"), std::string::npos);
  EXPECT_NE(text.str().find("n39 [X]\n"), std::string::npos);
  EXPECT_EQ(text.str().find("n40 [X]"), std::string::npos);
  EXPECT_NE(
      text.str().find("entities P=0.667 R=0.0 F1=0.0 | targets R=0.062 | relations P=0.0 R=1.0 "
                      "F1=0.0\n"),
      std::string::npos);

  std::ostringstream json;
  WriteReportJson(json, r);
  const std::string s = json.str();
  EXPECT_NE(s.find("\"n44 [X]\""), std::string::npos);
  EXPECT_NE(s.find("\"precision\": 0.667,"), std::string::npos);
  EXPECT_NE(s.find("\"recall\": 0.062,"), std::string::npos);
  EXPECT_LT(s.find("\"entities\""), s.find("\"targets\""));
  EXPECT_LT(s.find("\"targets\""), s.find("\"relations\""));
  EXPECT_LT(s.find("\"untyped_matches\": 0"), s.find("\"missed\""));
  r.targets.recall.reset();
  std::ostringstream none;
  WriteReportJson(none, r);
  EXPECT_NE(none.str().find("\"recall\": null"), std::string::npos);
}

}  // namespace
}  // namespace policykg::eval
