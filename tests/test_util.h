// Helpers shared by the unit tests: temp files, the bundled schema, and building a graph from text.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include <gtest/gtest.h>

#include "common/file_io.h"
#include "common/json.h"
#include "extract/pipeline.h"
#include "graph/model.h"
#include "schema/schema.h"

namespace policykg::testing {

inline std::string TempPath(const std::string& name) {
  auto dir = std::filesystem::path(::testing::TempDir()) / "policykg_tests";
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

// A path under a temp folder of this process's own, removed when the process ends: the release and
// sanitized suites run at once in CI and share the system temp folder.
inline std::string ProcessTempPath(const std::string& name) {
  struct Folder {
    std::filesystem::path path = std::filesystem::path(TempPath("pid_" + std::to_string(::getpid())));
    Folder() { std::filesystem::create_directories(path); }
    ~Folder() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  };
  static Folder folder;
  return (folder.path / name).string();
}

inline std::string WriteTemp(const std::string& name, const std::string& content) {
  std::string path = TempPath(name);
  EXPECT_TRUE(WriteFileAtomic(path, content).ok());
  return path;
}

// The bytes of a JSON string value.
inline std::string Str(const rapidjson::Value& v) {
  return std::string(v.GetString(), v.GetStringLength());
}

// Parses tests/<relative_path> once per call site's static; a bad file fails the test binary.
inline rapidjson::Document* LoadTestJson(const std::string& relative_path) {
  std::string path = std::string(POLICYKG_TEST_DATA_DIR) + "/" + relative_path;
  auto bytes = ReadFileBytes(path);
  auto parsed = ParseJsonStrict(bytes.ok() ? *bytes : "", path);
  if (!parsed.ok()) {
    ADD_FAILURE() << parsed.error().ToString();
    std::abort();
  }
  return new rapidjson::Document(std::move(parsed).value());
}

inline const schema::Schema& BundledSchema() {
  static const schema::Schema* schema = [] {
    auto loaded = schema::LoadSchema(POLICYKG_SCHEMA_DIR);
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.error().ToString();
      std::abort();
    }
    return new schema::Schema(std::move(loaded).value());
  }();
  return *schema;
}

inline graph::KnowledgeGraph BuildFromFiles(const std::vector<std::string>& files, int threads = 1) {
  extract::BuildOptions options;
  options.threads = threads;
  auto g = extract::BuildGraph(files, BundledSchema(), options);
  EXPECT_TRUE(g.ok()) << (g.ok() ? "" : g.error().ToString());
  return g.ok() ? std::move(g).value() : graph::KnowledgeGraph();
}

inline graph::KnowledgeGraph BuildFromText(const std::string& text, const std::string& name = "doc.txt") {
  return BuildFromFiles({WriteTemp(name, text)});
}

// The node whose name or alias is `name`, or nullptr.
inline const graph::Node* FindNode(const graph::KnowledgeGraph& g, const std::string& name) {
  for (auto [it, end] = boost::vertices(g.g()); it != end; ++it) {
    const auto& n = g.node(*it);
    if (n.name == name) return &n;
    for (const auto& a : n.aliases) {
      if (a == name) return &n;
    }
  }
  return nullptr;
}

// True when the node's merged_by attribute names `rule` (why other names were merged into it).
inline bool MergedBy(const graph::Node& node, const std::string& rule) {
  auto it = node.attributes.find("merged_by");
  return it != node.attributes.end() && std::get<std::string>(it->second).find(rule) != std::string::npos;
}

// Success when `name` and `other` name one node of `g` whose merged_by attribute names `rule`.
inline ::testing::AssertionResult OneNodeMergedBy(const graph::KnowledgeGraph& g, const std::string& name,
                                                  const std::string& other, const std::string& rule) {
  const graph::Node* node = FindNode(g, name);
  if (node == nullptr) return ::testing::AssertionFailure() << "no node named " << name;
  if (FindNode(g, other) != node) return ::testing::AssertionFailure() << other << " is not the node of " << name;
  if (!MergedBy(*node, rule)) return ::testing::AssertionFailure() << name << " is not merged by " << rule;
  return ::testing::AssertionSuccess();
}

inline bool HasEdge(const graph::KnowledgeGraph& g, const std::string& source, const std::string& relation,
                    const std::string& target) {
  const graph::Node* s = FindNode(g, source);
  const graph::Node* t = FindNode(g, target);
  if (!s || !t) return false;
  for (auto [it, end] = boost::edges(g.g()); it != end; ++it) {
    const auto& e = g.edge(*it);
    if (e.relation != relation) continue;
    const auto& a = g.node(boost::source(*it, g.g())).id;
    const auto& b = g.node(boost::target(*it, g.g())).id;
    if ((a == s->id && b == t->id) || (relation == "cooperates_with" && a == t->id && b == s->id)) return true;
  }
  return false;
}

}  // namespace policykg::testing
