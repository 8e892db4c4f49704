#include "graph/json_io.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

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

// Attributes held apart (WriteNodeRecords) are written among the map's in key order: the bytes of
// WriteNodes with every attribute in the map.
TEST(GraphJson, NodeRecordsWriteAttributesHeldApartInKeyOrder) {
  Node whole;
  whole.id = "Target:a";
  whole.name = "a";
  whole.type = "Target";
  whole.attributes = {{"as_written", std::string("4万家")}, {"b", 1.5}, {"c", true}, {"d", std::string("x")},
                      {"e", 3.0}, {"f", std::string("")}};
  Node part = whole;
  part.attributes = {{"b", 1.5}, {"d", std::string("x")}};
  const std::vector<AttrRef> more = {{"as_written", std::string_view("4万家")}, {"c", true}, {"e", 3.0},
                                     {"f", std::string_view()}};
  for (bool pretty : {true, false}) {
    WriteOptions options;
    options.pretty = pretty;
    std::ostringstream expected, out;
    GraphJsonWriter a(expected, options), b(out, options);
    a.WriteNodes(2, [&](size_t) -> const Node& { return whole; });
    b.WriteNodeRecords(2, [&](size_t i, std::vector<AttrRef>& scratch) {
      EXPECT_TRUE(scratch.empty());
      scratch.push_back({"unused", false});
      return NodeRecord{i == 0 ? part : whole, i == 0 ? std::span<const AttrRef>(more) : std::span<const AttrRef>()};
    });
    EXPECT_EQ(out.str(), expected.str());
  }
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

std::string ErrorOf(const std::string& json) {
  auto g = ParseGraphJson(json, "t.json");
  return g.ok() ? "ok" : g.error().ToString();
}

std::string Saved(const KnowledgeGraph& g) {
  std::ostringstream out;
  WriteGraphJson(g, out);
  return out.str();
}

// The streaming reader takes keys and arrays in any order: records are resolved once complete.
TEST(GraphJson, FieldsAndArraysInAnyOrder) {
  const std::string canonical =
      R"({"format":"policykg","version":1,"documents":[{"id":"d1","path":"p","sha256":"s","encoding":"UTF-8","chars":3}],)"
      R"("nodes":[{"id":"A:a","name":"a","type":"A","aliases":["x"],"attributes":{"k":1.5,"t":true,"u":"v"},"mentions":[{"doc":"d1","start":0,"end":1,"rule":"r"}]},)"
      R"({"id":"A:b","name":"b","type":"A","mentions":[]}],)"
      R"("edges":[{"source":"A:a","target":"A:b","relation":"rel","weight":2,"attributes":{"w":3},"evidence":[{"doc":"d1","start":0,"end":2,"rule":"r","text":"ab"}]}]})";
  const std::string shuffled =
      R"({"edges":[{"evidence":[{"text":"ab","end":2,"rule":"r","start":0,"doc":"d1"}],"attributes":{"w":3},"weight":2,"relation":"rel","target":"A:b","source":"A:a"}],)"
      R"("unknown":{"deep":[1,{"x":null}]},)"
      R"("nodes":[{"mentions":[{"rule":"r","end":1,"start":0,"doc":"d1"}],"attributes":{"u":"v","t":true,"k":1.5},"aliases":["x"],"type":"A","name":"a","id":"A:a"},)"
      R"({"mentions":[],"type":"A","name":"b","id":"A:b","extra":[[]]}],)"
      R"("documents":[{"chars":3,"encoding":"UTF-8","sha256":"s","path":"p","id":"d1"}],"version":1,"format":"policykg"})";
  auto a = ParseGraphJson(canonical, "a.json");
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  auto b = ParseGraphJson(shuffled, "b.json");
  ASSERT_TRUE(b.ok()) << b.error().ToString();
  EXPECT_EQ(Saved(*a), Saved(*b));
  EXPECT_EQ(a->edge_count(), 1u);
  EXPECT_EQ(a->edge(*boost::edges(a->g()).first).weight, 2);
}

TEST(GraphJson, AbsentOptionalFieldsReadAsEmpty) {
  auto g = ParseGraphJson(R"({"format":"policykg","version":1,"documents":[{"id":"d1"}],"nodes":[],"edges":[]})", "t.json");
  ASSERT_TRUE(g.ok()) << g.error().ToString();
  EXPECT_EQ(g->documents[0].encoding, "");  // as the file says, not the in-memory default
  EXPECT_EQ(g->documents[0].chars, 0u);
}

TEST(GraphJson, RepeatedEdgesMergeInAnyOrder) {
  auto g = ParseGraphJson(
      R"({"format":"policykg","version":1,"documents":[],"nodes":[{"id":"A:a","name":"a","type":"A"},{"id":"A:b","name":"b","type":"A"}],)"
      R"("edges":[{"source":"A:b","target":"A:a","relation":"r","evidence":[{"rule":"x"}]},)"
      R"({"source":"A:a","target":"A:b","relation":"r","evidence":[{"rule":"y"}]},)"
      R"({"source":"A:b","target":"A:a","relation":"r","weight":7,"evidence":[{"rule":"z"}]}]})",
      "t.json");
  ASSERT_TRUE(g.ok()) << g.error().ToString();
  ASSERT_EQ(g->edge_count(), 2u);
  auto b = g->FindById("A:b");
  auto a = g->FindById("A:a");
  auto e = g->FindEdge(*b, *a, "r");
  ASSERT_TRUE(e);
  EXPECT_EQ(g->edge(*e).evidence.size(), 2u);
  EXPECT_EQ(g->edge(*e).weight, 7);
}

// A graph big enough that the reader adds its edges on a second thread while it parses (edges in
// chunks of 32768 once the nodes are read): 400 nodes, 72000 edges.
std::string ManyEdgesJson(bool sorted, const std::string& tail = "") {
  std::string json = R"({"format":"policykg","version":1,"documents":[],"nodes":[)";
  for (int n = 0; n < 400; ++n) {
    json += fmt::format(R"({}{{"id":"T:n{:03}","name":"n{:03}","type":"T"}})", n ? "," : "", n, n);
  }
  json += R"(],"edges":[)";
  std::vector<std::string> edges;
  for (int s = 0; s < 400; ++s) {
    for (int t = 0; t < 180; ++t) {
      edges.push_back(
          fmt::format(R"({{"source":"T:n{:03}","target":"T:n{:03}","relation":"r","weight":1,)"
                      R"("evidence":[{{"rule":"e{}_{}"}}]}})",
                      s, (s + t + 1) % 400, s, t));
    }
  }
  if (!sorted) std::reverse(edges.begin(), edges.end());
  for (size_t i = 0; i < edges.size(); ++i) json += (i ? "," : "") + edges[i];
  return json + tail + "]}";
}

TEST(GraphJson, ManyEdgesReadWhileParsingGiveTheSameGraph) {
  auto sorted = ParseGraphJson(ManyEdgesJson(true), "t.json");
  ASSERT_TRUE(sorted.ok()) << sorted.error().ToString();
  ASSERT_EQ(sorted->edge_count(), 72000u);
  std::ostringstream written;
  WriteGraphJson(*sorted, written);
  auto again = ParseGraphJson(written.str(), "again.json");
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  std::ostringstream rewritten;
  WriteGraphJson(*again, rewritten);
  EXPECT_EQ(written.str(), rewritten.str());
  // Unsorted, and the first ten edges stated again at the end: merged into their edges.
  std::string repeats;
  for (int t = 0; t < 10; ++t) {
    repeats += fmt::format(R"(,{{"source":"T:n000","target":"T:n{:03}","relation":"r","weight":5,)"
                           R"("evidence":[{{"rule":"again"}}]}})",
                           t + 1);
  }
  auto reversed = ParseGraphJson(ManyEdgesJson(false, repeats), "t.json");
  ASSERT_TRUE(reversed.ok()) << reversed.error().ToString();
  ASSERT_EQ(reversed->edge_count(), 72000u);
  for (int t = 0; t < 12; ++t) {
    auto e = reversed->FindEdge(*reversed->FindById("T:n000"),
                                *reversed->FindById(fmt::format("T:n{:03}", t + 1)), "r");
    ASSERT_TRUE(e) << t;
    EXPECT_EQ(reversed->edge(*e).evidence.size(), t < 10 ? 2u : 1u) << t;
    EXPECT_EQ(reversed->edge(*e).weight, t < 10 ? 5 : 1) << t;
  }
  // Otherwise the graph read in order.
  for (int t = 0; t < 10; ++t) {
    Edge& e = sorted->edge(*sorted->FindEdge(0, t + 1, "r"));
    e.evidence.push_back({.rule = "again"});
    e.weight = 5;
  }
  sorted->Canonicalize();
  reversed->Canonicalize();
  std::ostringstream expected, got;
  WriteGraphJson(*sorted, expected);
  WriteGraphJson(*reversed, got);
  EXPECT_EQ(got.str(), expected.str());
}

TEST(GraphJson, ErrorsAfterEdgesStartedBuildingAreReported) {
  const std::string bad_target = R"(,{"source":"T:n000","target":"T:nope","relation":"r"})";
  EXPECT_EQ(ErrorOf(ManyEdgesJson(true, bad_target)),
            "t.json: /edges/72000/target: unknown node id T:nope");
  std::string truncated = ManyEdgesJson(true);
  truncated.pop_back();
  auto r = ParseGraphJson(truncated, "t.json");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().ToString().find("invalid JSON"), std::string::npos) << r.error().ToString();
}

// Which error is reported does not depend on where things sit in the file: the first one in the
// order root, format, version, arrays, documents, nodes, edges (field by field) wins, and a syntax
// error anywhere wins over all of them.
TEST(GraphJson, ErrorOrderDoesNotDependOnFileOrder) {
  const std::string head = R"("format":"policykg","version":1)";
  EXPECT_EQ(ErrorOf("[1,2]"), "t.json: /: expected a JSON object (a policykg graph)");
  EXPECT_EQ(ErrorOf(R"({"nodes":[{"id":3}],"documents":[],"edges":[],"version":1,"format":"x"})"),
            "t.json: /format: expected \"policykg\", got \"x\"");
  EXPECT_EQ(ErrorOf(R"({"nodes":[{"id":3}],"documents":[],"edges":[],"format":"policykg","version":2})"),
            "t.json: /version: unsupported version 2");
  EXPECT_EQ(ErrorOf(R"({"format":7,"version":-1})"), "t.json: /format: expected a string");
  EXPECT_EQ(ErrorOf(R"({"format":"policykg","version":1.0})"), "t.json: /version: expected a non-negative integer");
  EXPECT_EQ(ErrorOf("{" + head + R"(,"nodes":[{"id":3}],"edges":[]})"), "t.json: /documents: missing field");
  EXPECT_EQ(ErrorOf("{" + head + R"(,"documents":[],"nodes":{},"edges":[]})"), "t.json: /nodes: expected an array");
  EXPECT_EQ(ErrorOf("{" + head + R"(,"edges":[{"source":"zz"}],"nodes":[{"id":3}],"documents":[{"id":"d1"},{"id":"d1"}]})"),
            "t.json: /documents/1/id: duplicate document id d1");
  // within a record: the field checked first wins, whatever the key order
  EXPECT_EQ(ErrorOf("{" + head + R"(,"documents":[],"nodes":[{"type":1,"name":"n"}],"edges":[]})"),
            "t.json: /nodes/0/id: missing field");
  EXPECT_EQ(ErrorOf("{" + head + R"(,"documents":[],"nodes":[{"mentions":5,"type":1,"name":"n","id":"A:n"}],"edges":[]})"),
            "t.json: /nodes/0/type: expected a string");
  EXPECT_EQ(ErrorOf("{" + head + R"(,"documents":[],"nodes":[{"id":"A:n","name":"n","type":"A","aliases":["a",2]}],"edges":[]})"),
            "t.json: /nodes/0/aliases/1: expected a string");
  EXPECT_EQ(ErrorOf("{" + head + R"(,"documents":[],"nodes":[{"id":"A:n","name":"n","type":"A","attributes":{"ok":1,"bad":[1],"worse":null}}],"edges":[]})"),
            "t.json: /nodes/0/attributes/bad: attribute values must be strings, numbers or booleans");
  EXPECT_EQ(ErrorOf("{" + head + R"(,"documents":[],"nodes":[5],"edges":[]})"), "t.json: /nodes/0: expected an object");
  // the earlier record wins over a later one, and nodes over edges
  EXPECT_EQ(ErrorOf("{" + head + R"(,"documents":[],"edges":[{"source":"A:x","target":"A:n","relation":"r"}],"nodes":[{"id":"A:n","name":"n","type":"A"},{"id":"A:n","name":"n","type":"A"}]})"),
            "t.json: /nodes/1/id: duplicate node id A:n");
  // a syntax error later in the file wins over a structural error before it
  auto syntax = ParseGraphJson("{" + head + R"(,"documents":[],"nodes":[{"id":3}],"edges":[}])", "t.json");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.error().line, 1);
  EXPECT_NE(syntax.error().message.find("invalid JSON"), std::string::npos) << syntax.error().ToString();
}

TEST(GraphJson, MentionAndEvidenceChecks) {
  const std::string head = R"({"format":"policykg","version":1,"documents":[{"id":"d1"}],)";
  auto node = [&](const std::string& mention) {
    return head + R"("nodes":[{"id":"A:n","name":"n","type":"A","mentions":[)" + mention + R"(]}],"edges":[]})";
  };
  EXPECT_EQ(ErrorOf(node(R"({"doc":"d1","start":5,"end":2})")), "t.json: /nodes/0/mentions/0/end: end is before start");
  EXPECT_EQ(ErrorOf(node(R"({"doc":"d1","start":4294967296,"end":2})")), "t.json: /nodes/0/mentions/0/start: offset too large");
  EXPECT_EQ(ErrorOf(node(R"({"end":2,"start":-1,"doc":"d1"})")), "t.json: /nodes/0/mentions/0/start: expected a non-negative integer");
  EXPECT_EQ(ErrorOf(node(R"({"start":1,"end":2})")), "t.json: /nodes/0/mentions/0/doc: missing field");
  EXPECT_EQ(ErrorOf(node(R"({"doc":"d9","start":1,"end":2})")), "t.json: /nodes/0/mentions/0/doc: unknown document d9");
  EXPECT_EQ(ErrorOf(node(R"({"doc":"d1","start":1,"end":2},{"doc":"d1","start":1})")), "t.json: /nodes/0/mentions/1/end: missing field");
  EXPECT_EQ(ErrorOf(node(R"(7)")), "t.json: /nodes/0/mentions/0: expected an object");
  // documents after the nodes that name them: checked once they are known
  const std::string late = R"({"format":"policykg","version":1,"nodes":[{"id":"A:n","name":"n","type":"A","mentions":[{"doc":"d1","start":1,"end":2}]},)"
                           R"({"id":"A:m","name":"m","type":"A","mentions":[{"doc":"d2","start":1,"end":2},{"doc":"d3","start":1,"end":2}]}],)"
                           R"("edges":[{"source":"A:n","target":"A:m","relation":"r","evidence":[{"doc":"d3","start":0,"end":1}]}],"documents":[{"id":"d1"}]})";
  EXPECT_EQ(ErrorOf(late), "t.json: /nodes/1/mentions/0/doc: unknown document d2");
  EXPECT_EQ(ErrorOf(R"({"format":"policykg","version":1,"nodes":[{"id":"A:n","name":"n","type":"A","mentions":[{"doc":"d1","start":1,"end":2}]}],"edges":[],"documents":[{"id":"d1"}]})"),
            "ok");
  // evidence: offsets are read only with a document; a schema fact has none
  auto edge = [&](const std::string& evidence) {
    return head + R"("nodes":[{"id":"A:n","name":"n","type":"A"}],"edges":[{"source":"A:n","target":"A:n","relation":"r","evidence":[)" + evidence + "]}]}";
  };
  EXPECT_EQ(ErrorOf(edge(R"({"rule":"g","start":"x","source":"gazetteer"})")), "ok");
  EXPECT_EQ(ErrorOf(edge(R"({"doc":"d1","start":1})")), "t.json: /edges/0/evidence/0/end: missing field");
  EXPECT_EQ(ErrorOf(edge(R"({"doc":"d2","start":1,"end":0,"rule":5})")), "t.json: /edges/0/evidence/0/doc: unknown document d2");
  EXPECT_EQ(ErrorOf(edge(R"({"doc":"d1","start":1,"end":0,"rule":5})")), "t.json: /edges/0/evidence/0/rule: expected a string");
  EXPECT_EQ(ErrorOf(head + R"("nodes":[{"id":"A:n","name":"n","type":"A"}],"edges":[{"source":"A:n","target":"A:n","relation":"r","weight":"1"}]})"),
            "t.json: /edges/0/weight: expected a number");
  EXPECT_EQ(ErrorOf(head + R"("nodes":[{"id":"A:n","name":"n","type":"A"}],"edges":[{"target":"A:q","source":"A:p","relation":"r"}]})"),
            "t.json: /edges/0/source: unknown node id A:p");
  EXPECT_EQ(ErrorOf(head + R"("nodes":[{"id":"A:n","name":"n","type":"A"}],"edges":[{"target":"A:q","source":"A:p"}]})"),
            "t.json: /edges/0/relation: missing field");
  // edges before the nodes they name
  EXPECT_EQ(ErrorOf(R"({"format":"policykg","version":1,"edges":[{"source":"A:n","target":"A:q","relation":"r"}],"documents":[],"nodes":[{"id":"A:n","name":"n","type":"A"}]})"),
            "t.json: /edges/0/target: unknown node id A:q");
}

TEST(GraphJson, StrictnessHoldsAtEveryLevel) {
  const std::string head = R"({"format":"policykg","version":1,"documents":[],)";
  auto dup = ParseGraphJson(head + R"("nodes":[{"id":"A:n","name":"n","type":"A","whatever":{"x":1,"x":2}}],"edges":[]})", "t.json");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.error().message.find("duplicate key \"x\""), std::string::npos) << dup.error().ToString();
  auto dup_attr = ParseGraphJson(head + R"("nodes":[{"id":"A:n","name":"n","type":"A","attributes":{"k":1,"k":1}}],"edges":[]})", "t.json");
  ASSERT_FALSE(dup_attr.ok());
  EXPECT_NE(dup_attr.error().message.find("duplicate key \"k\""), std::string::npos);
  auto utf8 = ParseGraphJson(head + "\"nodes\":[{\"id\":\"A:\xE4\xB8\",\"name\":\"n\",\"type\":\"A\"}],\"edges\":[]}", "t.json");
  ASSERT_FALSE(utf8.ok());
  EXPECT_NE(utf8.error().message.find("Invalid encoding"), std::string::npos) << utf8.error().ToString();
  std::string many_keys = head + R"("nodes":[{"id":"A:n","name":"n","type":"A","attributes":{)";
  for (int i = 0; i < 100; ++i) many_keys += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  auto many = ParseGraphJson(many_keys + R"("k7":1}}],"edges":[]})", "t.json");
  ASSERT_FALSE(many.ok());
  EXPECT_NE(many.error().message.find("duplicate key \"k7\""), std::string::npos);
  auto fine = ParseGraphJson(many_keys + R"("k100":1}}],"edges":[]})", "t.json");
  ASSERT_TRUE(fine.ok()) << fine.error().ToString();
  EXPECT_EQ(fine->node(0).attributes.size(), 101u);
}

TEST(GraphModel, MovesKeepTheGraphAndLeaveAnEmptyOne) {
  KnowledgeGraph g;
  g.AddOrMergeNode({.id = "A:a", .name = "a", .type = "A"});
  KnowledgeGraph moved(std::move(g));
  EXPECT_EQ(moved.node_count(), 1u);
  EXPECT_TRUE(moved.FindById("A:a"));
  EXPECT_EQ(g.node_count(), 0u);  // NOLINT(bugprone-use-after-move): documented state
  EXPECT_FALSE(g.FindById("A:a"));
  KnowledgeGraph copy = moved;
  copy.AddOrMergeNode({.id = "A:b", .name = "b", .type = "A"});
  EXPECT_EQ(moved.node_count(), 1u);
  EXPECT_TRUE(copy.FindById("A:b"));
  EXPECT_FALSE(moved.FindById("A:b"));
  for (int i = 0; i < 1000; ++i) copy.AddOrMergeNode({.id = "B:" + std::to_string(i), .name = "x", .type = "B"});
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(copy.node(*copy.FindById("B:" + std::to_string(i))).id, "B:" + std::to_string(i));
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

// Issue 16 items 7 and 11: names from files written by others never hold control or format
// characters (look-alike nodes, ids XML cannot hold, escape sequences on a terminal), and mention
// or evidence offsets past the document text are refused.
TEST(GraphJson, RefusesControlCharactersInNamesAndOffsetsPastTheText) {
  auto graph_with = [](const std::string& node, const std::string& edges = "[]") {
    return R"({"format":"policykg","version":1,"documents":[{"id":"d1","chars":5,"text":"abcde"}],"nodes":[)" +
           node + R"(],"edges":)" + edges + "}";
  };
  struct Case {
    std::string node, error;
  };
  const std::vector<Case> cases = {
      {R"({"id":"Lab:a\u200db","name":"ab","type":"Lab"})",
       "t.json: /nodes/0/id: control or format character U+200D at code point 5; names may not hold them"},
      {R"({"id":"Lab:a","name":"a\u001b[31m","type":"Lab"})",
       "t.json: /nodes/0/name: control or format character U+001B at code point 1; names may not hold them"},
      {R"({"id":"Lab:a","name":"a","type":"Lab","aliases":["x","\u202e"]})",
       "t.json: /nodes/0/aliases/1: control or format character U+202E at code point 0; names may not hold them"},
      {R"({"id":"Lab:a","name":"a","type":"Lab","mentions":[{"doc":"d1","start":1,"end":6}]})",
       "t.json: /nodes/0/mentions/0/end: 6 is past the end of document d1 (5 code points)"},
  };
  for (const auto& c : cases) {
    auto g = ParseGraphJson(graph_with(c.node), "t.json");
    ASSERT_FALSE(g.ok()) << c.node;
    EXPECT_EQ(g.error().ToString(), c.error);
  }
  auto evidence = ParseGraphJson(
      graph_with(R"({"id":"Lab:a","name":"a","type":"Lab"},{"id":"Lab:b","name":"b","type":"Lab"})",
                 R"([{"source":"Lab:a","target":"Lab:b","relation":"r","evidence":[{"doc":"d1","start":0,"end":7,"rule":"x"}]}])"),
      "t.json");
  ASSERT_FALSE(evidence.ok());
  EXPECT_EQ(evidence.error().ToString(),
            "t.json: /edges/0/evidence/0/end: 7 is past the end of document d1 (5 code points)");
  // The same offsets are refused when the documents come after the nodes and edges (a file
  // accepted in one section order must not be refused once rewritten in the writer's order); the
  // largest offset of the document is the one reported.
  auto late = ParseGraphJson(
      R"({"format":"policykg","version":1,"nodes":[{"id":"Lab:a","name":"a","type":"Lab","mentions":[)"
      R"({"doc":"d1","start":0,"end":2},{"doc":"d1","start":1,"end":6}]},{"id":"Lab:b","name":"b","type":"Lab"}],)"
      R"("edges":[{"source":"Lab:a","target":"Lab:b","relation":"r","evidence":[{"doc":"d1","start":0,"end":7,"rule":"x"}]}],)"
      R"("documents":[{"id":"d1","chars":5,"text":"abcde"}]})",
      "t.json");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().ToString(),
            "t.json: /edges/0/evidence/0/end: 7 is past the end of document d1 (5 code points)");
  // Tab and newline stay allowed (tests/data/escape.kg.json), and offsets up to the end are fine.
  auto fine = ParseGraphJson(
      graph_with(R"({"id":"Lab:a\tb","name":"a\nb","type":"Lab","mentions":[{"doc":"d1","start":0,"end":5}]})"),
      "t.json");
  EXPECT_TRUE(fine.ok()) << fine.error().ToString();
}

}  // namespace
}  // namespace policykg::graph
