#include "query/traverse.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "query_fixtures.h"

namespace policykg::query {
namespace {

using testing::Small;
using testing::TwinCities;

// "distance:id:relation:dir" per hit, in result order.
std::vector<std::string> Describe(const testing::LoadedFixture& f, const NeighborResult& r) {
  std::vector<std::string> out;
  for (const auto& hit : r.hits) {
    out.push_back(std::to_string(hit.distance) + ":" + f.Id(hit.vertex) + ":" +
                  std::string(f.index->graph().edge(hit.link.edge).relation) + ":" + DirectionName(hit.link.direction));
  }
  return out;
}

std::vector<std::string> NodeIds(const testing::LoadedFixture& f, const Path& path) {
  std::vector<std::string> out;
  for (auto v : path.nodes) out.push_back(f.Id(v));
  return out;
}

TEST(Neighbors, DepthOneBothDirections) {
  auto f = Small();
  auto r = Neighbors(*f->index, f->V("Region:万州"), {});
  EXPECT_EQ(Describe(*f, r), (std::vector<std::string>{
                                 "1:Region:云阳:cooperates_with:undirected",
                                 "1:Region:开州:cooperates_with:undirected",
                                 "1:Region:渝东北三峡库区城镇群:part_of:out",
                             }));
  for (const auto& hit : r.hits) EXPECT_EQ(f->Id(hit.via), "Region:万州");
}

// A hub whose rings are large (sorted by a radix sort, not std::sort) and whose edges were added
// in shuffled order: hits still come by distance, then vertex, each once.
TEST(Neighbors, LargeRingsComeByDistanceThenVertex) {
  graph::KnowledgeGraph g;
  constexpr int kLeaves = 9000;
  auto id = [](int k) { return "N:" + std::to_string(100000 + k); };
  for (int k = 0; k <= 2 * kLeaves; ++k) g.AddOrMergeNode(graph::Node{.id = id(k), .name = id(k), .type = "N"});
  std::vector<int> order(kLeaves);
  for (int k = 0; k < kLeaves; ++k) order[k] = k + 1;
  std::shuffle(order.begin(), order.end(), std::mt19937(3));
  for (int k : order) {
    g.AddOrMergeEdge(*g.FindById(id(0)), *g.FindById(id(k)), graph::Edge{.relation = "r"});
    g.AddOrMergeEdge(*g.FindById(id(k + kLeaves)), *g.FindById(id(k)), graph::Edge{.relation = "r"});
  }
  GraphIndex index(g, {});
  NeighborOptions options;
  options.depth = 2;
  auto r = Neighbors(index, *g.FindById(id(0)), options);
  ASSERT_EQ(r.hits.size(), 2u * kLeaves);
  for (size_t i = 0; i < r.hits.size(); ++i) {
    EXPECT_EQ(r.hits[i].distance, i < kLeaves ? 1 : 2);
    EXPECT_EQ(g.node(r.hits[i].vertex).id, id(static_cast<int>(i) + 1));
    if (i > 0 && r.hits[i].distance == r.hits[i - 1].distance) {
      EXPECT_LT(r.hits[i - 1].vertex, r.hits[i].vertex);
    }
  }
  EXPECT_EQ(g.node(r.hits[kLeaves].via).id, id(1)) << "the second ring is reached through the first";
}

TEST(Neighbors, DirectionFollowsStoredEdgesButSymmetricBothWays) {
  auto f = Small();
  const auto group = f->V("Region:渝东北三峡库区城镇群");
  auto out = Neighbors(*f->index, group, {.direction = Direction::kOut});
  EXPECT_TRUE(out.hits.empty());
  auto in = Neighbors(*f->index, group, {.direction = Direction::kIn});
  EXPECT_EQ(Describe(*f, in),
            (std::vector<std::string>{"1:Region:万州:part_of:in", "1:Region:云阳:part_of:in",
                                      "1:Region:开州:part_of:in"}));
  // 云阳 stores cooperates_with 云阳→开州 and receives 万州→云阳; both count as out.
  auto yunyang_out = Neighbors(*f->index, f->V("Region:云阳"), {.direction = Direction::kOut});
  EXPECT_EQ(Describe(*f, yunyang_out),
            (std::vector<std::string>{"1:Region:万州:cooperates_with:undirected",
                                      "1:Region:开州:cooperates_with:undirected",
                                      "1:Region:渝东北三峡库区城镇群:part_of:out"}));
}

TEST(Neighbors, DepthTwoRelationAndTypeFilters) {
  auto f = Small();
  const auto lab = f->V("Lab:金凤实验室");
  auto two = Neighbors(*f->index, lab, {.depth = 2});
  EXPECT_EQ(Describe(*f, two),
            (std::vector<std::string>{"1:Platform:西部(重庆)科学城:located_in:out",
                                      "2:Institution:国家应用数学中心:located_in:in"}));
  EXPECT_EQ(f->Id(two.hits[1].via), "Platform:西部(重庆)科学城");

  auto part_of = Neighbors(*f->index, f->V("Region:万州"), {.depth = 2, .relations = {"part_of"}});
  EXPECT_EQ(Describe(*f, part_of), (std::vector<std::string>{
                                       "1:Region:渝东北三峡库区城镇群:part_of:out",
                                       "2:Region:云阳:part_of:in",
                                       "2:Region:开州:part_of:in",
                                   }));

  // Types filter the report, not the traversal: the Platform is two hops away via 四川.
  auto platforms = Neighbors(*f->index, f->V("Region:四川"), {.depth = 2, .types = {"Platform"}});
  ASSERT_EQ(platforms.hits.size(), 1u);
  EXPECT_EQ(f->Id(platforms.hits[0].vertex), "Platform:川渝高竹新区");
  EXPECT_EQ(platforms.hits[0].distance, 1);
  auto targets = Neighbors(*f->index, f->V("Region:四川"), {.depth = 2, .types = {"Target"}});
  ASSERT_EQ(targets.hits.size(), 1u);
  EXPECT_EQ(targets.hits[0].distance, 2);
  EXPECT_EQ(f->Id(targets.hits[0].via), "Region:重庆");

  auto unknown_relation = Neighbors(*f->index, lab, {.relations = {"no_such"}});
  EXPECT_TRUE(unknown_relation.hits.empty());
}

TEST(LinksBetween, ReturnsEveryParallelEdgeWithDirection) {
  auto f = TwinCities();
  const auto chengdu = f->V("Region:成都"), chongqing = f->V("Region:重庆");
  auto links = LinksBetween(*f->index, chengdu, chongqing);
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].direction, LinkDirection::kUndirected);
  const auto plan = f->V("Plan:成渝地区双城经济圈");
  auto backward = LinksBetween(*f->index, chengdu, plan);
  ASSERT_EQ(backward.size(), 1u);
  EXPECT_EQ(backward[0].direction, LinkDirection::kBackward);
  auto forward = LinksBetween(*f->index, plan, chengdu);
  ASSERT_EQ(forward.size(), 1u);
  EXPECT_EQ(forward[0].direction, LinkDirection::kForward);
  EXPECT_TRUE(LinksBetween(*f->index, chengdu, plan, {"part_of"}).empty());
}

TEST(FindPaths, ShortestPathIgnoresDirectionAndCarriesLinks) {
  auto f = Small();
  auto r = FindPaths(*f->index, f->V("Lab:金凤实验室"), f->V("Institution:国家应用数学中心"), {});
  ASSERT_EQ(r.paths.size(), 1u);
  const Path& p = r.paths[0];
  EXPECT_EQ(NodeIds(*f, p), (std::vector<std::string>{"Lab:金凤实验室", "Platform:西部(重庆)科学城",
                                                      "Institution:国家应用数学中心"}));
  ASSERT_EQ(p.hops.size(), 2u);
  ASSERT_EQ(p.hops[0].links.size(), 1u);
  EXPECT_EQ(p.hops[0].links[0].direction, LinkDirection::kForward);
  EXPECT_EQ(f->index->graph().edge(p.hops[0].links[0].edge).relation, "located_in");
  EXPECT_EQ(p.hops[1].links[0].direction, LinkDirection::kBackward);
  EXPECT_FALSE(r.capped);
}

TEST(FindPaths, ShortestPathRespectsRelationFilter) {
  auto f = Small();
  auto direct = FindPaths(*f->index, f->V("Region:万州"), f->V("Region:云阳"), {});
  ASSERT_EQ(direct.paths.size(), 1u);
  EXPECT_EQ(direct.paths[0].hops.size(), 1u);
  auto via_group =
      FindPaths(*f->index, f->V("Region:万州"), f->V("Region:云阳"), {.relations = {"part_of"}});
  ASSERT_EQ(via_group.paths.size(), 1u);
  EXPECT_EQ(
      NodeIds(*f, via_group.paths[0]),
      (std::vector<std::string>{"Region:万州", "Region:渝东北三峡库区城镇群", "Region:云阳"}));
}

TEST(FindPaths, NoPathAcrossComponentsAndTrivialSelfPath) {
  auto f = Small();
  auto none = FindPaths(*f->index, f->V("Region:万州"), f->V("Region:重庆"), {});
  EXPECT_TRUE(none.paths.empty());
  auto none_all = FindPaths(*f->index, f->V("Region:万州"), f->V("Region:重庆"), {.all = true});
  EXPECT_TRUE(none_all.paths.empty());
  EXPECT_FALSE(none_all.capped);
  auto self = FindPaths(*f->index, f->V("Region:万州"), f->V("Region:万州"), {});
  ASSERT_EQ(self.paths.size(), 1u);
  EXPECT_TRUE(self.paths[0].hops.empty());
}

TEST(FindPaths, AllSimplePathsShortestFirstWithCap) {
  // 万州–云阳 in the 万开云 triangle under 渝东北: 1 direct, 2 of length 2, 2 of length 3
  // (networkx.all_simple_paths agrees: 5).
  auto f = Small();
  const auto wanzhou = f->V("Region:万州"), yunyang = f->V("Region:云阳");
  auto all = FindPaths(*f->index, wanzhou, yunyang, {.all = true, .max_length = 4});
  ASSERT_EQ(all.paths.size(), 5u);
  EXPECT_FALSE(all.capped);
  std::vector<size_t> lengths;
  for (const auto& p : all.paths) lengths.push_back(p.hops.size());
  EXPECT_EQ(lengths, (std::vector<size_t>{1, 2, 2, 3, 3}));
  EXPECT_EQ(NodeIds(*f, all.paths[1]),
            (std::vector<std::string>{"Region:万州", "Region:开州", "Region:云阳"}));
  for (const auto& p : all.paths) {
    for (const auto& hop : p.hops) EXPECT_FALSE(hop.links.empty());
  }

  auto short_only = FindPaths(*f->index, wanzhou, yunyang, {.all = true, .max_length = 2});
  EXPECT_EQ(short_only.paths.size(), 3u);
  EXPECT_FALSE(short_only.capped);

  auto capped =
      FindPaths(*f->index, wanzhou, yunyang, {.all = true, .max_length = 4, .max_paths = 3});
  EXPECT_EQ(capped.paths.size(), 3u);
  EXPECT_TRUE(capped.capped);
  auto exactly =
      FindPaths(*f->index, wanzhou, yunyang, {.all = true, .max_length = 4, .max_paths = 5});
  EXPECT_EQ(exactly.paths.size(), 5u);
  EXPECT_FALSE(exactly.capped) << "a cap equal to the number of paths is not a cut";

  auto step_capped =
      FindPaths(*f->index, wanzhou, yunyang, {.all = true, .max_length = 4, .max_steps = 3});
  EXPECT_TRUE(step_capped.capped);
  EXPECT_LT(step_capped.paths.size(), 5u);

  auto coop_only =
      FindPaths(*f->index, wanzhou, yunyang, {.relations = {"cooperates_with"}, .all = true});
  EXPECT_EQ(coop_only.paths.size(), 2u);
}

}  // namespace
}  // namespace policykg::query

namespace policykg::query {
namespace {

// Hop distance from `from` to `to` by a plain one-sided breadth-first search (the reference).
int ReferenceDistance(const graph::KnowledgeGraph& g, graph::Vertex from, graph::Vertex to,
                      const std::string& relation) {
  std::vector<int> distance(g.node_count(), -1);
  std::vector<graph::Vertex> queue{from};
  distance[from] = 0;
  for (size_t head = 0; head < queue.size(); ++head) {
    const graph::Vertex u = queue[head];
    auto visit = [&](graph::Vertex v, const graph::Edge& e) {
      if ((relation.empty() || e.relation == relation) && distance[v] < 0) {
        distance[v] = distance[u] + 1;
        queue.push_back(v);
      }
    };
    for (auto [it, end] = boost::out_edges(u, g.g()); it != end; ++it) visit(boost::target(*it, g.g()), g.edge(*it));
    for (auto [it, end] = boost::in_edges(u, g.g()); it != end; ++it) visit(boost::source(*it, g.g()), g.edge(*it));
  }
  return distance[to];
}

// The bidirectional search gives a shortest path whose every hop is an edge of the wanted
// relation, on sparse random graphs with many equally short paths and unreachable pairs.
TEST(FindPaths, BidirectionalSearchMatchesPlainBreadthFirstDistances) {
  std::mt19937 random(7);
  for (int round = 0; round < 20; ++round) {
    graph::KnowledgeGraph g;
    const int n = 60 + round * 10;
    for (int i = 0; i < n; ++i) {
      graph::Node node;
      node.id = "Region:r" + std::to_string(1000 + i);
      node.name = node.id.substr(7);
      node.type = "Region";
      g.AddOrMergeNode(std::move(node));
    }
    std::uniform_int_distribution<int> pick(0, n - 1);
    for (int k = 0; k < n * 1.2; ++k) {
      graph::Edge edge;
      edge.relation = k % 3 == 0 ? "part_of" : "cooperates_with";
      g.AddOrMergeEdge(pick(random), pick(random), std::move(edge), edge.relation == "cooperates_with");
    }
    g.Canonicalize();
    GraphIndex index(g, {"cooperates_with"});
    for (int q = 0; q < 40; ++q) {
      const graph::Vertex a = pick(random), b = pick(random);
      for (const std::string relation : {"", "cooperates_with"}) {
        PathOptions options;
        if (!relation.empty()) options.relations = {relation};
        const PathResult result = FindPaths(index, a, b, options);
        const int expected = ReferenceDistance(g, a, b, relation);
        if (expected < 0) {
          EXPECT_TRUE(result.paths.empty());
          continue;
        }
        ASSERT_EQ(result.paths.size(), 1u);
        const Path& path = result.paths[0];
        EXPECT_EQ(static_cast<int>(path.hops.size()), expected);
        EXPECT_EQ(path.nodes.front(), a);
        EXPECT_EQ(path.nodes.back(), b);
        for (const Hop& hop : path.hops) EXPECT_FALSE(hop.links.empty());
        EXPECT_EQ(FindPaths(index, a, b, options).paths[0].nodes, path.nodes);  // deterministic
      }
    }
  }
}

}  // namespace
}  // namespace policykg::query
