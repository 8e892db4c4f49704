#include "query/analysis.h"

#include <gtest/gtest.h>

#include <numeric>

#include "query_fixtures.h"

namespace policykg::query {
namespace {

using testing::Small;
using testing::TwinCities;

TEST(Rank, DegreeCountsStoredEdgesBothWays) {
  auto f = Small();
  auto ranked = Rank(*f->index, {.measure = RankMeasure::kDegree, .top = 3});
  ASSERT_EQ(ranked.size(), 3u);
  // 重庆: cooperates_with 四川, involved by 川渝高竹新区, targets, located_in from the institute.
  EXPECT_EQ(f->Id(ranked[0].vertex), "Region:重庆");
  EXPECT_EQ(ranked[0].score, 4);
  // 万州, 云阳 and 开州 have 3 each; ties go to id order.
  EXPECT_EQ(f->Id(ranked[1].vertex), "Region:万州");
  EXPECT_EQ(ranked[1].score, 3);
  EXPECT_EQ(f->Id(ranked[2].vertex), "Region:云阳");
  auto labs = Rank(*f->index, {.measure = RankMeasure::kDegree, .types = {"Lab", "Platform"}});
  ASSERT_EQ(labs.size(), 4u);
  EXPECT_EQ(f->Id(labs[0].vertex), "Platform:川渝高竹新区");
  EXPECT_EQ(labs[0].score, 2);
  EXPECT_EQ(f->Id(labs[1].vertex), "Platform:西部(重庆)科学城");
  EXPECT_EQ(labs[3].score, 1);
}

TEST(Rank, PageRankMatchesNetworkx) {
  // Expected values from networkx 3.6 pagerank (pure-python power iteration, alpha 0.85,
  // tol 1e-13) on a MultiDiGraph of query_twin_cities.kg.json where cooperates_with is added in
  // both directions; computed once and hard-coded.
  auto f = TwinCities();
  auto scores = PageRankScores(*f->index);
  ASSERT_EQ(scores.size(), 12u);
  EXPECT_NEAR(std::accumulate(scores.begin(), scores.end(), 0.0), 1.0, 1e-9);
  EXPECT_NEAR(scores[f->V("Region:重庆")], 0.2229077849, 1e-8);
  EXPECT_NEAR(scores[f->V("Region:成都")], 0.1831680872, 1e-8);
  EXPECT_NEAR(scores[f->V("Target:重庆:新增研发机构800个")], 0.1307479353, 1e-8);
  EXPECT_NEAR(scores[f->V("Target:成都:高新技术企业超过1500家")], 0.1138585637, 1e-8);
  EXPECT_NEAR(scores[f->V("Platform:高新区")], 0.0666224344, 1e-8);
  EXPECT_NEAR(scores[f->V("Region:四川")], 0.0513172805, 1e-8);
  EXPECT_NEAR(scores[f->V("Organization:孤立协会")], 0.0360121267, 1e-8);
  auto top = Rank(*f->index, {.measure = RankMeasure::kPageRank, .top = 2});
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(f->Id(top[0].vertex), "Region:重庆");
  EXPECT_EQ(f->Id(top[1].vertex), "Region:成都");
}

TEST(Rank, BetweennessNormalizedLikeNetworkx) {
  // n = 12, so normalization is 2 / (11 · 10). Platform:高新区 is the only way from 天府实验室 to
  // the 9 other nodes of its component: 9 pairs → 9 · 2/110 = 0.163636…. networkx
  // betweenness_centrality on the simple undirected graph gives the same and the others below.
  auto f = TwinCities();
  auto scores = BetweennessScores(*f->index);
  ASSERT_EQ(scores.size(), 12u);
  EXPECT_NEAR(scores[f->V("Platform:高新区")], 18.0 / 110.0, 1e-12);
  EXPECT_NEAR(scores[f->V("Region:重庆")], 0.6090909091, 1e-9);
  EXPECT_NEAR(scores[f->V("Region:成都")], 0.2454545455, 1e-9);
  EXPECT_NEAR(scores[f->V("Platform:川渝高新技术产业合作平台")], 0.0545454545, 1e-9);
  EXPECT_NEAR(scores[f->V("Platform:万达开川渝统筹发展示范区")], 0.1636363636, 1e-9);
  EXPECT_EQ(scores[f->V("Organization:孤立协会")], 0.0);
  EXPECT_EQ(scores[f->V("Lab:天府实验室")], 0.0);
}

// Issue 16 item 4: betweenness is exact only while its work fits the bound; beyond it, it is
// estimated from sampled sources (the same every run) and says how close the estimate is.
TEST(Rank, BetweennessBeyondTheWorkBoundIsSampledWithAStatedError) {
  auto f = TwinCities();
  const auto exact = BetweennessScores(*f->index);
  BetweennessEstimate estimate;
  BetweennessScores(*f->index, kBetweennessWork, &estimate);
  EXPECT_EQ(estimate.sources, 12u);
  EXPECT_EQ(estimate.nodes, 12u);
  const uint64_t per_source = 12 + 2 * f->index->Undirected().link_count();
  const auto sampled = BetweennessScores(*f->index, 6 * per_source, &estimate);
  EXPECT_EQ(estimate.sources, 6u);
  EXPECT_GT(estimate.error_95, 0.0);
  EXPECT_EQ(sampled, BetweennessScores(*f->index, 6 * per_source)) << "same sources every run";
  for (size_t v = 0; v < exact.size(); ++v) {
    EXPECT_NEAR(sampled[v], exact[v], estimate.error_95) << f->Id(v);
  }
  // With 11 of 12 sources the estimate is close to exact (one source left out).
  const auto most = BetweennessScores(*f->index, 11 * per_source, &estimate);
  EXPECT_EQ(estimate.sources, 11u);
  for (size_t v = 0; v < exact.size(); ++v) EXPECT_NEAR(most[v], exact[v], 0.2) << f->Id(v);
}

TEST(ConnectedComponents, LargestFirst) {
  auto f = Small();
  auto result = ConnectedComponents(*f->index);
  std::vector<size_t> sizes;
  for (const auto& c : result.components) sizes.push_back(c.size());
  // networkx.connected_components agrees: [5, 4, 3, 2].
  EXPECT_EQ(sizes, (std::vector<size_t>{5, 4, 3, 2}));
  // Members by degree, ties in id order: 重庆 (4 edges), then 川渝高竹新区 and 四川 (2), then 1.
  std::vector<std::string> first;
  for (auto v : result.components[0]) first.push_back(f->Id(v));
  EXPECT_EQ(first, (std::vector<std::string>{
                       "Region:重庆", "Platform:川渝高竹新区", "Region:四川",
                       "Institution:名字含\"引号\"<尖括号>&和\\反斜杠\n换行的机构研究院",
                       "Target:重庆:高新技术企业突破5500家"}));
  std::vector<std::string> second;
  for (auto v : result.components[1]) second.push_back(f->Id(v));
  EXPECT_EQ(second, (std::vector<std::string>{"Region:万州", "Region:云阳", "Region:开州",
                                              "Region:渝东北三峡库区城镇群"}));
}

TEST(ComputeStats, CountsPerTypeRelationAndDocument) {
  auto f = TwinCities();
  auto stats = ComputeStats(*f->index);
  EXPECT_EQ(stats.nodes, 12u);
  EXPECT_EQ(stats.edges, 13u);
  EXPECT_EQ(stats.nodes_by_type.at("Region"), 4u);
  EXPECT_EQ(stats.nodes_by_type.at("Platform"), 3u);
  EXPECT_EQ(stats.edges_by_relation.at("involves"), 6u);
  EXPECT_EQ(stats.edges_by_relation.at("cooperates_with"), 1u);
  EXPECT_EQ(stats.gazetteer_facts, 1u);
  EXPECT_EQ(stats.evidence, 13u);
  EXPECT_EQ(stats.mentions, 14u);
  EXPECT_EQ(stats.components, 2u);
  EXPECT_EQ(stats.isolated_nodes, 1u);
  ASSERT_EQ(stats.documents.size(), 2u);
  EXPECT_EQ(stats.documents[0].mentions, 12u);
  EXPECT_EQ(stats.documents[1].mentions, 2u);
  EXPECT_EQ(stats.documents[1].evidence, 1u);
}

TEST(AnalyzeCollaboration, RanksRegionsAndSharedPlatforms) {
  auto f = TwinCities();
  auto report = AnalyzeCollaboration(*f->index, {});
  ASSERT_EQ(report.regions.size(), 3u);
  EXPECT_EQ(report.total_regions, 3u);
  EXPECT_EQ(f->Id(report.regions[0].region), "Region:重庆");
  EXPECT_EQ(report.regions[0].score, 4u);  // 成都 + 3 platforms/plans
  ASSERT_EQ(report.regions[0].partners.size(), 1u);
  EXPECT_EQ(f->Id(report.regions[0].partners[0]), "Region:成都");
  EXPECT_EQ(f->Id(report.regions[1].region), "Region:成都");
  EXPECT_EQ(report.regions[1].score, 3u);
  EXPECT_EQ(f->Id(report.regions[2].region), "Region:四川");
  EXPECT_EQ(report.regions[2].score, 1u);

  ASSERT_EQ(report.pairs.size(), 2u);
  EXPECT_EQ(f->Id(report.pairs[0].a), "Region:成都");
  EXPECT_EQ(f->Id(report.pairs[0].b), "Region:重庆");
  EXPECT_TRUE(report.pairs[0].cooperate);
  std::vector<std::string> shared;
  for (auto v : report.pairs[0].shared) shared.push_back(f->Id(v));
  EXPECT_EQ(shared, (std::vector<std::string>{"Plan:成渝地区双城经济圈",
                                              "Platform:川渝高新技术产业合作平台"}));
  EXPECT_EQ(f->Id(report.pairs[1].a), "Region:四川");
  EXPECT_FALSE(report.pairs[1].cooperate);

  auto top1 = AnalyzeCollaboration(*f->index, {.top = 1});
  EXPECT_EQ(top1.regions.size(), 1u);
  EXPECT_EQ(top1.pairs.size(), 1u);
  EXPECT_EQ(top1.total_pairs, 2u);
}

}  // namespace
}  // namespace policykg::query
