#include "graph/graph_view.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "graph/json_io.h"
#include "graph/snapshot.h"
#include "text/normalize.h"

namespace policykg::graph {
namespace {

KnowledgeGraph ViewFixture(const std::string& name) {
  auto g = LoadGraph(std::string(POLICYKG_TEST_DATA_DIR) + "/data/" + name);
  EXPECT_TRUE(g.ok()) << g.error().ToString();
  return g.ok() ? std::move(g).value() : KnowledgeGraph();
}

// Every accessor of the view gives what the KnowledgeGraph it was made from holds, edge lists in
// the same order as Boost's (so every query answers alike).
TEST(GraphView, ReadsWhatTheGraphHolds) {
  for (const char* name : {"small.kg.json", "query_twin_cities.kg.json", "escape.kg.json"}) {
    SCOPED_TRACE(name);
    const KnowledgeGraph g = ViewFixture(name);
    const auto view = GraphView::Of(g);
    ASSERT_EQ(view->node_count(), g.node_count());
    ASSERT_EQ(view->edge_count(), g.edge_count());
    ASSERT_EQ(view->documents().size(), g.documents.size());
    for (Vertex v = 0; v < g.node_count(); ++v) {
      const Node& node = g.node(v);
      const NodeRef ref = view->node(v);
      EXPECT_EQ(ref.id, node.id);
      EXPECT_EQ(ref.name, node.name);
      EXPECT_EQ(ref.type, node.type);
      EXPECT_EQ(view->types().Name(ref.type_id), node.type);
      EXPECT_EQ(ref.id_key, text::NameKey(node.id));
      EXPECT_EQ(std::vector<std::string>(ref.aliases.begin(), ref.aliases.end()), node.aliases);
      EXPECT_EQ(ref.attributes(), node.attributes);
      ASSERT_EQ(ref.mentions.size(), node.mentions.size());
      for (size_t k = 0; k < node.mentions.size(); ++k) {
        EXPECT_EQ(ref.mentions[k].ToMention(), node.mentions[k]);
      }
      EXPECT_EQ(view->FindById(node.id), v);
      auto by_name = view->WithNameKey(text::NameKey(node.name));
      EXPECT_NE(std::find(by_name.begin(), by_name.end(), v), by_name.end());
      for (const auto& alias : node.aliases) {
        auto by_alias = view->WithAliasKey(text::NameKey(alias));
        EXPECT_NE(std::find(by_alias.begin(), by_alias.end(), v), by_alias.end()) << alias;
      }
      // Out- and in-edges in Boost's order, each the same edge.
      std::vector<std::string> boost_out, view_out, boost_in, view_in;
      for (auto [it, end] = boost::out_edges(v, g.g()); it != end; ++it) {
        boost_out.push_back(g.edge(*it).relation + ">" + g.node(boost::target(*it, g.g())).id);
      }
      for (const auto [other, e] : view->out_edges(v)) {
        EXPECT_EQ(view->source(e), v);
        EXPECT_EQ(view->target(e), other);
        view_out.push_back(std::string(view->edge(e).relation) + ">" +
                           std::string(view->node_id(view->target(e))));
      }
      for (auto [it, end] = boost::in_edges(v, g.g()); it != end; ++it) {
        boost_in.push_back(g.edge(*it).relation + "<" + g.node(boost::source(*it, g.g())).id);
      }
      for (const auto [other, e] : view->in_edges(v)) {
        EXPECT_EQ(view->target(e), v);
        EXPECT_EQ(view->source(e), other);
        view_in.push_back(std::string(view->edge(e).relation) + "<" +
                          std::string(view->node_id(view->source(e))));
      }
      EXPECT_EQ(view_out, boost_out);
      EXPECT_EQ(view_in, boost_in);
      EXPECT_EQ(view->degree(v), boost_out.size() + boost_in.size());
    }
    EdgeIndex e = 0;
    for (auto [it, end] = boost::edges(g.g()); it != end; ++it, ++e) {
      const Edge& edge = g.edge(*it);
      const EdgeRef ref = view->edge(e);
      EXPECT_EQ(ref.relation, edge.relation);
      EXPECT_EQ(ref.weight, edge.weight);
      EXPECT_EQ(ref.attributes(), edge.attributes);
      ASSERT_EQ(ref.evidence.size(), edge.evidence.size());
      for (size_t k = 0; k < edge.evidence.size(); ++k) {
        const Evidence got = ref.evidence[k].ToEvidence();
        EXPECT_EQ(got.doc, edge.evidence[k].doc);
        EXPECT_EQ(got.rule, edge.evidence[k].rule);
        EXPECT_EQ(got.source, edge.evidence[k].source);
      }
    }
    EXPECT_FALSE(view->FindById("Region:没有这个地方").has_value());
    EXPECT_TRUE(view->WithNameKey("没有这个地方").empty());
  }
}

// Nodes not in id order (a graph file another tool wrote): ids are still found, and a repeated id
// is still refused.
TEST(GraphView, NodesOutOfIdOrder) {
  KnowledgeGraph g;
  for (const char* id : {"T:丙", "T:甲", "T:乙"}) {
    g.AddOrMergeNode(Node{.id = id, .name = std::string(id).substr(2), .type = "T"});
  }
  const auto view = GraphView::Of(g);
  for (Vertex v = 0; v < 3; ++v) EXPECT_EQ(view->FindById(g.node(v).id), v);
  EXPECT_FALSE(view->FindById("T:丁").has_value());
  EXPECT_EQ(view->WithNameKey("乙"), std::vector<Vertex>{2});
}

}  // namespace
}  // namespace policykg::graph
