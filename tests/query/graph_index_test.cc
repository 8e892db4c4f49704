#include "query/graph_index.h"

#include <gtest/gtest.h>

#include "text/normalize.h"

namespace policykg::query {
namespace {

// The index computes name keys with a shortcut for text nothing in the key rules touches: every
// kind of name must still get exactly text::NameKey.
TEST(GraphIndex, NameKeysAreTextNameKeys) {
  const std::vector<std::string> names = {"万州",
                                          "西部(重庆)科学城",
                                          "西部（重庆）科学城",
                                          "“双倍增”行动",
                                          "《规划》",
                                          "A B\tC\nD\rE",
                                          "it's \"q\"",
                                          "Ｒ＆Ｄ",
                                          "中·欧",
                                          "中・欧",
                                          "〔2022〕",
                                          "é",
                                          "\xC2\xA0x",
                                          "𠀀字",
                                          "\xE4\xB8",
                                          "\xFF\xFE",
                                          "\xED\xA0\x80",
                                          "\xE0\x80\x80",
                                          "\xF4\x90\x80\x80",
                                          "ascii-only_123",
                                          "",
                                          "「甲」『乙』〈丙〉",
                                          "ａｂｃ",
                                          "\xEE\x80\x80",
                                          "\xE1\x80\x80"};
  graph::KnowledgeGraph g;
  for (size_t i = 0; i < names.size(); ++i) {
    graph::Node node{.id = "T:" + std::to_string(i) + names[i], .name = names[i], .type = "T"};
    node.aliases.push_back(names[(i + 1) % names.size()]);
    g.AddOrMergeNode(std::move(node));
  }
  GraphIndex index(g, {});
  for (graph::Vertex v = 0; v < g.node_count(); ++v) {
    const graph::Node& node = g.node(v);
    EXPECT_EQ(index.NameKeyOf(v), text::NameKey(node.name)) << node.name;
    ASSERT_EQ(index.AliasKeysOf(v).size(), 1u);
    EXPECT_EQ(index.AliasKeysOf(v)[0], text::NameKey(node.aliases[0])) << node.aliases[0];
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
