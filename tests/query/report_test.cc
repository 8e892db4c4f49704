#include "query/report.h"

#include <gtest/gtest.h>

#include <sstream>

#include "common/json.h"
#include "query_fixtures.h"

namespace policykg::query {
namespace {

using testing::Small;
using testing::TwinCities;

rapidjson::Document ParseOrFail(const std::string& text) {
  auto doc = ParseJsonStrict(text, "output");
  EXPECT_TRUE(doc.ok()) << (doc.ok() ? "" : doc.error().ToString()) << "\n" << text;
  return doc.ok() ? std::move(doc).value() : rapidjson::Document();
}

std::vector<std::string> Keys(const rapidjson::Value& object) {
  std::vector<std::string> keys;
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it)
    keys.push_back(it->name.GetString());
  return keys;
}

TEST(ReportJson, NeighborsShapeAndKeyOrder) {
  auto f = Small();
  NeighborOptions options;
  auto result = Neighbors(*f->index, f->V("Region:万州"), options);
  std::ostringstream out;
  WriteNeighborsJson(out, *f->index, result, options);
  auto doc = ParseOrFail(out.str());
  ASSERT_TRUE(doc.IsObject());
  EXPECT_EQ(Keys(doc),
            (std::vector<std::string>{"center", "depth", "direction", "count", "neighbors"}));
  EXPECT_STREQ(doc["center"]["id"].GetString(), "Region:万州");
  EXPECT_STREQ(doc["direction"].GetString(), "both");
  EXPECT_EQ(doc["count"].GetInt(), 3);
  const auto& first = doc["neighbors"][0];
  EXPECT_EQ(Keys(first),
            (std::vector<std::string>{"id", "name", "type", "distance", "via", "links"}));
  EXPECT_STREQ(first["name"].GetString(), "云阳");
  EXPECT_STREQ(first["links"][0]["relation"].GetString(), "cooperates_with");
  EXPECT_STREQ(first["links"][0]["direction"].GetString(), "undirected");
  EXPECT_STREQ(first["links"][0]["source"].GetString(), "Region:万州");
  // Same input, same bytes.
  std::ostringstream again;
  WriteNeighborsJson(again, *f->index, result, options);
  EXPECT_EQ(out.str(), again.str());
}

TEST(ReportJson, FindKeepsAttributeTypes) {
  auto f = TwinCities();
  auto result = FindEntities(*f->index, {.pattern = "1500"});
  ASSERT_TRUE(result.ok());
  std::ostringstream out;
  WriteFindJson(out, *f->index, *result);
  auto doc = ParseOrFail(out.str());
  ASSERT_EQ(doc["results"].Size(), 1u);
  const auto& attrs = doc["results"][0]["attributes"];
  EXPECT_TRUE(attrs["value"].IsInt()) << "integral values print as integers";
  EXPECT_EQ(attrs["value"].GetDouble(), 1500.0);
  EXPECT_STREQ(attrs["unit"].GetString(), "家");
  EXPECT_EQ(doc["results"][0]["degree"].GetInt(), 1);
}

TEST(ReportJson, PathsCarryOneEvidencePerHop) {
  auto f = Small();
  auto result = FindPaths(*f->index, f->V("Region:云阳"), f->V("Region:渝东北三峡库区城镇群"),
                          {.relations = {"part_of"}});
  std::ostringstream out;
  WritePathsJson(out, *f->index, f->V("Region:云阳"), f->V("Region:渝东北三峡库区城镇群"), result);
  auto doc = ParseOrFail(out.str());
  EXPECT_FALSE(doc["capped"].GetBool());
  const auto& hop = doc["paths"][0]["hops"][0];
  EXPECT_STREQ(hop["links"][0]["direction"].GetString(), "out");
  EXPECT_FALSE(hop["evidence"].HasMember("doc"));
  EXPECT_STREQ(hop["evidence"]["source"].GetString(),
               "gazetteer:schema/gazetteer/region_groups.json");
}

TEST(ReportJson, EvidenceStatsComponentsCollaborationAndRankParse) {
  auto f = TwinCities();
  std::ostringstream evidence, stats, components, collaboration, rank;
  WriteEntityEvidenceJson(evidence, *f->index, f->V("Region:重庆"),
                          EntityEvidence(f->index->graph(), f->V("Region:重庆")));
  WriteStatsJson(stats, ComputeStats(*f->index));
  WriteComponentsJson(components, *f->index, ConnectedComponents(*f->index), 1, 3);
  WriteCollaborationJson(collaboration, *f->index, AnalyzeCollaboration(*f->index, {}));
  WriteRankJson(rank, *f->index, RankMeasure::kPageRank,
                Rank(*f->index, {.measure = RankMeasure::kPageRank, .top = 2}));

  auto e = ParseOrFail(evidence.str());
  EXPECT_EQ(e["mentions"].Size(), 2u);
  EXPECT_STREQ(e["mentions"][0]["text"].GetString(), "重庆");
  EXPECT_EQ(e["mentions"][0]["sentence_start"].GetInt(), 0);
  auto s = ParseOrFail(stats.str());
  EXPECT_EQ(Keys(s), (std::vector<std::string>{"nodes", "edges", "mentions", "evidence",
                                               "gazetteer_facts", "components", "isolated_nodes",
                                               "nodes_by_type", "edges_by_relation", "documents"}));
  EXPECT_EQ(s["nodes_by_type"]["Region"].GetInt(), 4);
  EXPECT_FALSE(s["documents"][1]["text_embedded"].GetBool());
  auto c = ParseOrFail(components.str());
  EXPECT_EQ(c["count"].GetInt(), 2);
  EXPECT_EQ(c["components"].Size(), 1u);
  EXPECT_EQ(c["components"][0]["size"].GetInt(), 11);
  EXPECT_EQ(c["components"][0]["members"].Size(), 3u);
  auto co = ParseOrFail(collaboration.str());
  EXPECT_STREQ(co["regions"][0]["region"]["name"].GetString(), "重庆");
  EXPECT_TRUE(co["pairs"][0]["cooperate"].GetBool());
  auto r = ParseOrFail(rank.str());
  EXPECT_STREQ(r["by"].GetString(), "pagerank");
  EXPECT_EQ(r["results"][0]["rank"].GetInt(), 1);
  EXPECT_NEAR(r["results"][0]["score"].GetDouble(), 0.2229077849, 1e-8);
}

TEST(ReportTable, NeighborsTableIsAligned) {
  auto f = Small();
  NeighborOptions options;
  auto result = Neighbors(*f->index, f->V("Region:万州"), options);
  std::ostringstream out;
  PrintNeighbors(out, *f->index, result, options);
  EXPECT_EQ(out.str(),
            "DIST  RELATION         DIR  NEIGHBOR              TYPE    VIA\n"
            "1     cooperates_with  —    云阳                  Region  万州\n"
            "1     cooperates_with  —    开州                  Region  万州\n"
            "1     part_of          →    渝东北三峡库区城镇群  Region  万州\n");
}

TEST(ReportTable, PathsShowEvidenceAndGazetteerSource) {
  auto f = Small();
  auto result =
      FindPaths(*f->index, f->V("Region:渝东北三峡库区城镇群"), f->V("Lab:金凤实验室"), {});
  EXPECT_TRUE(result.paths.empty());
  auto path =
      FindPaths(*f->index, f->V("Region:开州"), f->V("Region:云阳"), {.relations = {"part_of"}});
  std::ostringstream out;
  PrintPaths(out, *f->index, path, /*color=*/false);
  EXPECT_EQ(out.str(),
            "path 1 of 1, 2 hops: 开州 → 渝东北三峡库区城镇群 ← 云阳\n"
            "STEP  FROM                  RELATION  DIR  TO                    EVIDENCE\n"
            "1     开州                  part_of   →    渝东北三峡库区城镇群  d1 fixture (重庆), "
            "0-11: 推进万开云同城化发展。\n"
            "2     渝东北三峡库区城镇群  part_of   ←    云阳                  from gazetteer: "
            "schema/gazetteer/region_groups.json (云阳 ⊂ 渝东北三峡库区城镇群)\n");
}

TEST(ReportTable, EntityEvidenceHighlightsOnlyWithColor) {
  auto f = Small();
  auto items = EntityEvidence(f->index->graph(), f->V("Lab:金凤实验室"));
  std::ostringstream plain, colored;
  PrintEntityEvidence(plain, items, false);
  PrintEntityEvidence(colored, items, true);
  EXPECT_EQ(
      plain.str(),
      "DOC                START  END  RULE     SENTENCE\n"
      "d1 fixture (重庆)  49     54   fixture  高水平建设西部(重庆)科学城，建设金凤实验室和国家应用数学中心。\n")
      << "the document named by title (issuer, year)";
  EXPECT_NE(colored.str().find("建设\x1b[1;31m金凤实验室\x1b[0m和"), std::string::npos)
      << colored.str();

  // A newline inside the highlighted mention is escaped without breaking the colour codes.
  auto institute = EntityEvidence(
      f->index->graph(), f->V("Institution:名字含\"引号\"<尖括号>&和\\反斜杠\n换行的机构研究院"));
  std::ostringstream escaped;
  PrintEntityEvidence(escaped, institute, true);
  EXPECT_NE(
      escaped.str().find("\x1b[1;31m名字含\"引号\"<尖括号>&和\\反斜杠\\n换行的机构研究院\x1b[0m。"),
      std::string::npos)
      << escaped.str();
}

}  // namespace
}  // namespace policykg::query
