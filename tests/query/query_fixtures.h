// Test fixtures for the query library: the shared small graph and query_twin_cities.kg.json,
// loaded once per test with a GraphIndex that treats cooperates_with as symmetric.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "graph/json_io.h"
#include "query/graph_index.h"

namespace policykg::query::testing {

inline std::string DataPath(const std::string& name) {
  return std::string(POLICYKG_TEST_DATA_DIR) + "/data/" + name;
}

struct LoadedFixture {
  graph::KnowledgeGraph graph;
  std::unique_ptr<GraphIndex> index;

  graph::Vertex V(const std::string& id) const {
    auto v = graph.FindById(id);
    EXPECT_TRUE(v.has_value()) << "fixture lacks " << id;
    return v.value_or(0);
  }
  const std::string& Id(graph::Vertex v) const { return graph.node(v).id; }
};

inline std::unique_ptr<LoadedFixture> LoadFixture(const std::string& name) {
  auto loaded = graph::LoadGraph(DataPath(name));
  EXPECT_TRUE(loaded.ok()) << loaded.error().ToString();
  auto fixture = std::make_unique<LoadedFixture>();
  if (!loaded.ok()) return fixture;
  fixture->graph = std::move(loaded).value();
  fixture->index =
      std::make_unique<GraphIndex>(fixture->graph, std::vector<std::string>{"cooperates_with"});
  return fixture;
}

// small.kg.json: 万开云 triangle (cooperates_with) under 渝东北三峡库区城镇群 (part_of), 川渝 pair
// with 川渝高竹新区, 西部(重庆)科学城 with two located_in, 彭水 develops a platform.
inline std::unique_ptr<LoadedFixture> Small() { return LoadFixture("small.kg.json"); }
// query_twin_cities.kg.json: 成都/重庆 with shared platforms and plan, the ambiguous name 高新区
// (Region and Platform), numeric Target attributes, a document without text, an isolated node.
inline std::unique_ptr<LoadedFixture> TwinCities() {
  return LoadFixture("query_twin_cities.kg.json");
}

}  // namespace policykg::query::testing
