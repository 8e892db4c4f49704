#include "query/graph_index.h"

#include <gtest/gtest.h>

#include "common/utf8.h"
#include "text/normalize.h"
#include "text/name_key_test_names.h"

namespace policykg::query {
namespace {

// The graph's name keys (written into its snapshot) are text::NameKey of ids, names and aliases,
// and look-ups by them find the node; ill-formed UTF-8 and control or format characters cannot
// reach a graph file, so every name here is well-formed and free of them.
TEST(GraphIndex, NameKeysAreTextNameKeys) {
  std::vector<std::string> names;
  for (const std::string& name : text::kKeyTestNames) {
    if (IsValidUtf8(name) && !FindControlOrFormat(name, /*allow_whitespace=*/true)) names.push_back(name);
  }
  graph::KnowledgeGraph g;
  for (size_t i = 0; i < names.size(); ++i) {
    graph::Node node{.id = "T:" + std::to_string(i) + names[i], .name = names[i], .type = "T"};
    node.aliases.push_back(names[(i + 1) % names.size()]);
    g.AddOrMergeNode(std::move(node));
  }
  GraphIndex index(g, {});
  for (graph::Vertex v = 0; v < g.node_count(); ++v) {
    const graph::Node& node = g.node(v);
    const graph::NodeRef ref = index.graph().node(v);
    EXPECT_EQ(ref.name_key, text::NameKey(node.name)) << node.name;
    EXPECT_EQ(ref.id_key, text::NameKey(node.id)) << node.id;
    ASSERT_EQ(ref.alias_keys.size(), 1u);
    EXPECT_EQ(ref.alias_keys[0], text::NameKey(node.aliases[0])) << node.aliases[0];
    auto by_id = index.WithIdKey(text::NameKey(node.id));
    EXPECT_NE(std::find(by_id.begin(), by_id.end(), v), by_id.end()) << node.id;
  }
  std::vector<std::string> expected_names;
  for (const auto& n : names) expected_names.push_back(n);
  std::sort(expected_names.begin(), expected_names.end());
  expected_names.erase(std::unique(expected_names.begin(), expected_names.end()),
                       expected_names.end());
  EXPECT_EQ(index.AllNames(), expected_names);
  EXPECT_EQ(index.NodeTypes(), std::vector<std::string>{"T"});
}

}  // namespace
}  // namespace policykg::query
