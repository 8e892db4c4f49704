#include "query/subgraph.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "graph/json_io.h"
#include "query_fixtures.h"

namespace policykg::query {
namespace {

using testing::Small;
using testing::TwinCities;

TEST(ExtractSubgraph, NeighborsWithEdgesAmongThemAndCitedDocuments) {
  auto f = Small();
  auto result = Neighbors(*f->index, f->V("Region:万州"), {});
  auto sub = ExtractSubgraph(f->index->graph(), ResultNodes(result));
  EXPECT_EQ(sub.node_count(), 4u);
  // 3 cooperates_with in the triangle + 3 part_of; 云阳–开州 is among the result nodes too.
  EXPECT_EQ(sub.edge_count(), 6u);
  ASSERT_EQ(sub.documents.size(), 1u);
  EXPECT_EQ(sub.documents[0].id, "d1");
  EXPECT_FALSE(sub.documents[0].text.empty());
  auto edge =
      sub.FindEdge(*sub.FindById("Region:云阳"), *sub.FindById("Region:开州"), "cooperates_with");
  ASSERT_TRUE(edge.has_value()) << "symmetric edge keeps its stored orientation";

  std::ostringstream out;
  graph::WriteGraphJson(sub, out);
  auto back = graph::ParseGraphJson(out.str(), "subgraph");
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(back->node_count(), 4u);
  EXPECT_EQ(back->edge_count(), 6u);
}

TEST(ExtractSubgraph, SavedFileLoadsBackAndDropsUncitedDocuments) {
  auto f = TwinCities();
  // Only d2 is cited by these two nodes and the edge between them.
  auto sub = ExtractSubgraph(
      f->index->graph(), {f->V("Organization:孤立协会"), f->V("Target:重庆:新增研发机构800个")});
  EXPECT_EQ(sub.node_count(), 2u);
  EXPECT_EQ(sub.edge_count(), 0u);
  ASSERT_EQ(sub.documents.size(), 1u);
  EXPECT_EQ(sub.documents[0].id, "d2");

  auto path = std::filesystem::temp_directory_path() /
              ("policykg_query_subgraph_" +
               std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + ".kg.json");
  auto whole = ExtractSubgraph(f->index->graph(), ResultNodes(ConnectedComponents(*f->index), 0));
  ASSERT_TRUE(graph::SaveGraph(whole, path.string()).ok());
  auto loaded = graph::LoadGraph(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  EXPECT_EQ(loaded->node_count(), f->graph.node_count());
  EXPECT_EQ(loaded->edge_count(), f->graph.edge_count());
  EXPECT_EQ(loaded->documents.size(), 2u);
}

TEST(ExtractSubgraph, PathNodesIncludeEveryEdgeAmongThem) {
  auto f = Small();
  auto paths = FindPaths(*f->index, f->V("Region:万州"), f->V("Region:云阳"),
                         {.all = true, .max_length = 2});
  auto nodes = ResultNodes(paths);
  auto sub = ExtractSubgraph(f->index->graph(), nodes);
  EXPECT_EQ(sub.node_count(), 4u);
  EXPECT_EQ(sub.edge_count(), 6u);
}

}  // namespace
}  // namespace policykg::query
