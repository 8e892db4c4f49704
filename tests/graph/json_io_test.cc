#include "graph/json_io.h"

#include <sstream>

#include <gtest/gtest.h>

#include "common/file_io.h"

namespace policykg::graph {
namespace {

std::string FixturePath() { return std::string(POLICYKG_TEST_DATA_DIR) + "/data/small.kg.json"; }

TEST(GraphJson, LoadsFixtureAndRoundTripsByteIdentically) {
  auto g = LoadGraph(FixturePath());
  ASSERT_TRUE(g.ok()) << g.error().ToString();
  EXPECT_EQ(g->node_count(), 14u);
  EXPECT_EQ(g->edge_count(), 14u);
  g->Canonicalize();
  std::ostringstream first;
  WriteGraphJson(*g, first);
  auto again = ParseGraphJson(first.str(), "mem");
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  again->Canonicalize();
  std::ostringstream second;
  WriteGraphJson(*again, second);
  EXPECT_EQ(first.str(), second.str());
  EXPECT_NE(first.str().find("\"value\":5500}"), std::string::npos) << "integral numbers stay integers";
}

TEST(GraphJson, SyntaxErrorReportsLineAndColumn) {
  auto g = ParseGraphJson("{\n \"format\": \"policykg\",\n \"version\": 1,,\n}", "bad.json");
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().file, "bad.json");
  EXPECT_EQ(g.error().line, 3);
  EXPECT_EQ(g.error().column, 15);  // the second comma
}

TEST(GraphJson, RejectsDuplicateKeysDeepNestingAndHugeNumbers) {
  auto dup = ParseGraphJson(R"({"format":"policykg","format":"x"})", "d.json");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.error().message.find("duplicate key \"format\""), std::string::npos);

  std::string deep(100000, '[');
  auto nested = ParseGraphJson(deep, "deep.json");
  ASSERT_FALSE(nested.ok());
  EXPECT_NE(nested.error().message.find("nesting deeper"), std::string::npos);

  auto huge = ParseGraphJson(R"({"format":"policykg","version":1e999})", "h.json");
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.error().line, 1);
}

// Found by fuzzing (tests/fuzz): each broke "what we write we can read".
TEST(GraphJson, OverflowLoneSurrogatesAndPrecision) {
  auto inf = ParseGraphJson(R"({"format":"policykg","version":1,"documents":[],"nodes":[{"id":"A:a","name":"a","type":"A","attributes":{"v":221e308}}],"edges":[]})", "inf.json");
  ASSERT_FALSE(inf.ok());
  EXPECT_NE(inf.error().message.find("Number too big"), std::string::npos) << inf.error().ToString();

  auto surrogate = ParseGraphJson(R"({"format":"policykg","version":1,"documents":[{"id":"\udc00"}],"nodes":[],"edges":[]})", "s.json");
  ASSERT_FALSE(surrogate.ok());
  EXPECT_NE(surrogate.error().message.find("lone surrogate"), std::string::npos) << surrogate.error().ToString();

  const std::string exact = R"({"format":"policykg","version":1,"documents":[],"nodes":[{"id":"A:a","name":"a","type":"A",)"
                            R"("attributes":{"big":9007199254740991,"third":0.30000000000000004}}],"edges":[]})";
  auto g = ParseGraphJson(exact, "exact.json");
  ASSERT_TRUE(g.ok()) << g.error().ToString();
  std::ostringstream once;
  WriteGraphJson(*g, once);
  EXPECT_NE(once.str().find("\"big\":9007199254740991,"), std::string::npos) << once.str();
  EXPECT_NE(once.str().find("\"third\":0.30000000000000004"), std::string::npos) << once.str();
  auto again = ParseGraphJson(once.str(), "again.json");
  ASSERT_TRUE(again.ok());
  std::ostringstream twice;
  WriteGraphJson(*again, twice);
  EXPECT_EQ(once.str(), twice.str());
}

TEST(GraphJson, StructuralErrorsNameTheJsonPointer) {
  auto g = ParseGraphJson(
      R"({"format":"policykg","version":1,"documents":[],"nodes":[{"id":"a","name":"A","type":"Region"}],
          "edges":[{"source":"a","target":"zz","relation":"part_of"}]})",
      "s.json");
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().ToString(), "s.json: /edges/0/target: unknown node id zz");
}

TEST(GraphModel, SymmetricEdgesAreStoredOnceAndMergeEvidence) {
  KnowledgeGraph g;
  auto a = g.AddOrMergeNode({.id = "Region:b", .name = "b", .type = "Region"});
  auto b = g.AddOrMergeNode({.id = "Region:a", .name = "a", .type = "Region"});
  Edge e{.relation = "cooperates_with"};
  e.evidence.push_back({.doc = "d1", .start = 1, .end = 2, .rule = "r"});
  g.AddOrMergeEdge(a, b, e, /*symmetric=*/true);
  e.evidence[0].start = 5;
  g.AddOrMergeEdge(b, a, e, /*symmetric=*/true);
  ASSERT_EQ(g.edge_count(), 1u);
  g.Canonicalize();
  auto edges = g.SortedEdges();
  EXPECT_EQ(g.node(boost::source(edges[0], g.g())).id, "Region:a");
  EXPECT_EQ(g.edge(edges[0]).weight, 2);
}

TEST(GraphModel, MergeNodesMovesEdgesAndKeepsAliases) {
  KnowledgeGraph g;
  auto x = g.AddOrMergeNode({.id = "Platform:万达开川渝统筹发展示范区", .name = "万达开川渝统筹发展示范区", .type = "Platform"});
  auto y = g.AddOrMergeNode({.id = "Platform:万达开统筹发展示范区", .name = "万达开统筹发展示范区", .type = "Platform"});
  auto r = g.AddOrMergeNode({.id = "Region:万州", .name = "万州", .type = "Region"});
  g.AddOrMergeEdge(y, r, Edge{.relation = "involves"});
  g.MergeNodes(x, y, "merge.drop_qualifier");
  ASSERT_EQ(g.node_count(), 2u);
  auto into = g.FindById("Platform:万达开川渝统筹发展示范区");
  ASSERT_TRUE(into);
  EXPECT_EQ(g.node(*into).aliases, std::vector<std::string>{"万达开统筹发展示范区"});
  EXPECT_EQ(boost::out_degree(*into, g.g()), 1u);
}

TEST(FileIo, AtomicWriteLeavesNoTempFileAndReplaces) {
  std::string path = ::testing::TempDir() + "/atomic.txt";
  ASSERT_TRUE(WriteFileAtomic(path, "one").ok());
  ASSERT_TRUE(WriteFileAtomic(path, "two").ok());
  EXPECT_EQ(*ReadFileBytes(path), "two");
  Status failed = WriteStreamAtomic(path, [](std::ostream& out) {
    out << "partial";
    return Status(MakeError("boom"));
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(*ReadFileBytes(path), "two") << "a failed write keeps the previous file";
}

}  // namespace
}  // namespace policykg::graph
