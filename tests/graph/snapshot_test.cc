#include "graph/snapshot.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <bit>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <sstream>

#include "common/file_io.h"
#include "common/hash64.h"
#include "graph/json_io.h"
#include "test_util.h"

namespace policykg::graph {
namespace {

std::string SnapshotDataPath(const std::string& name) {
  return std::string(POLICYKG_TEST_DATA_DIR) + "/data/" + name;
}

std::string SnapshotJson(const KnowledgeGraph& g) {
  std::ostringstream out;
  WriteGraphJson(g, out);
  return out.str();
}

KnowledgeGraph SnapshotLoad(const std::string& name) {
  auto g = LoadGraph(SnapshotDataPath(name));
  EXPECT_TRUE(g.ok()) << g.error().ToString();
  return g.ok() ? std::move(g).value() : KnowledgeGraph();
}

const char* const kSnapshotFixtures[] = {"small.kg.json", "query_twin_cities.kg.json",
                                         "escape.kg.json", "eval_basic.kg.json",
                                         "eval_multi.kg.json"};

TEST(Snapshot, RoundTripGivesTheSameGraph) {
  for (const char* name : kSnapshotFixtures) {
    SCOPED_TRACE(name);
    const KnowledgeGraph g = SnapshotLoad(name);
    const std::string bytes = SerializeSnapshot(g, 123, 456);
    EXPECT_TRUE(IsSnapshot(bytes));
    SnapshotHeader header;
    auto back = ParseSnapshot(bytes, "mem.pkgs", &header);
    ASSERT_TRUE(back.ok()) << back.error().ToString();
    EXPECT_EQ(header.json_size, 123u);
    EXPECT_EQ(header.json_hash, 456u);
    EXPECT_EQ(header.file_size, bytes.size());
    EXPECT_EQ(SnapshotJson(*back), SnapshotJson(g));
    // Same vertex and out-edge order as the JSON reader gives: the same answers everywhere.
    ASSERT_EQ(back->node_count(), g.node_count());
    for (Vertex v = 0; v < g.node_count(); ++v) {
      EXPECT_EQ(back->node(v).id, g.node(v).id);
      auto [a, a_end] = boost::out_edges(v, g.g());
      auto [b, b_end] = boost::out_edges(v, back->g());
      for (; a != a_end && b != b_end; ++a, ++b) {
        EXPECT_EQ(boost::target(*a, g.g()), boost::target(*b, back->g()));
        EXPECT_EQ(g.edge(*a).relation, back->edge(*b).relation);
      }
      EXPECT_TRUE(a == a_end && b == b_end);
      auto [c, c_end] = boost::in_edges(v, g.g());
      auto [d, d_end] = boost::in_edges(v, back->g());
      for (; c != c_end && d != d_end; ++c, ++d) {
        EXPECT_EQ(boost::source(*c, g.g()), boost::source(*d, back->g()));
        EXPECT_EQ(g.edge(*c).relation, back->edge(*d).relation);
      }
      EXPECT_TRUE(c == c_end && d == d_end);
    }
    EXPECT_EQ(SerializeSnapshot(*back, 123, 456), bytes) << "deterministic bytes";
  }
}

TEST(Snapshot, IdsNameTheirRelationsAndTypes) {
  const KnowledgeGraph g = SnapshotLoad("small.kg.json");
  auto back = ParseSnapshot(SerializeSnapshot(g), "mem");
  ASSERT_TRUE(back.ok());
  for (const KnowledgeGraph* graph : {&g, static_cast<const KnowledgeGraph*>(&*back)}) {
    for (Vertex v = 0; v < graph->node_count(); ++v) {
      EXPECT_EQ(graph->types().Name(graph->node(v).type_id), graph->node(v).type);
    }
    for (auto [it, end] = boost::edges(graph->g()); it != end; ++it) {
      EXPECT_EQ(graph->relations().Name(graph->edge(*it).relation_id), graph->edge(*it).relation);
    }
  }
}

TEST(Snapshot, WriterFedByTheJsonWriterMatchesSerializeSnapshot) {
  for (const char* name : kSnapshotFixtures) {
    SCOPED_TRACE(name);
    const KnowledgeGraph g = SnapshotLoad(name);
    for (bool embed_text : {true, false}) {
      SnapshotWriter writer;
      WriteOptions options;
      options.embed_text = embed_text;
      options.snapshot = &writer;
      std::ostringstream json;
      WriteGraphJson(g, json, options);
      ASSERT_TRUE(writer.status().ok());
      const std::string bytes = writer.Serialize(json.str().size(), Hash64(json.str()));
      // Read back, the snapshot is the graph the JSON reader reads from that JSON.
      auto from_json = ParseGraphJson(json.str(), "mem.json");
      ASSERT_TRUE(from_json.ok());
      EXPECT_EQ(bytes, SerializeSnapshot(*from_json, json.str().size(), Hash64(json.str())));
    }
  }
}

// --- corrupt and hostile files ---

// Where each section's body starts in a snapshot made by SerializeSnapshot.
struct SnapshotLayout {
  std::map<std::string, size_t> body;
  std::map<std::string, uint64_t> length;
};
SnapshotLayout SnapshotSectionsOf(const std::string& bytes) {
  SnapshotLayout layout;
  size_t pos = kSnapshotHeaderSize;
  while (pos + 16 <= bytes.size()) {
    uint64_t length;
    std::memcpy(&length, bytes.data() + pos + 8, 8);
    const std::string tag = bytes.substr(pos, 4);
    layout.body[tag] = pos + 16;
    layout.length[tag] = length;
    pos += 16 + length;
  }
  return layout;
}

void SnapPut32(std::string& bytes, size_t at, uint32_t v) { std::memcpy(&bytes[at], &v, 4); }
void SnapPut64(std::string& bytes, size_t at, uint64_t v) { std::memcpy(&bytes[at], &v, 8); }
// A hostile file is consistent: size and checksum fixed up after the edit.
void SnapshotReseal(std::string& bytes) {
  SnapPut64(bytes, 16, bytes.size());
  SnapPut64(bytes, 24, Hash64(std::string_view(bytes).substr(32)));
}

// Where the KEYS section's first key list (its count, then its pairs) starts: after the node count,
// the per-node keys, the alias count and the per-alias keys.
size_t FirstKeyListAt(const std::string& bytes, const SnapshotLayout& layout) {
  const size_t keys = layout.body.at("KEYS");
  uint32_t nodes;
  std::memcpy(&nodes, bytes.data() + keys, 4);
  uint64_t aliases;
  std::memcpy(&aliases, bytes.data() + keys + 4 + 8 * nodes, 8);
  return keys + 4 + 8 * nodes + 8 + 4 * aliases;
}

std::string SnapshotErrorOf(const std::string& bytes) {
  auto g = ParseSnapshot(bytes, "bad.pkgs");
  if (g.ok()) return "";
  const std::string message = g.error().ToString();
  EXPECT_EQ(message.find('\n'), std::string::npos) << "one line";
  EXPECT_EQ(message.rfind("bad.pkgs", 0), 0u) << message;
  return message;
}

class SnapshotCorruption : public ::testing::Test {
 protected:
  void SetUp() override {
    graph_ = SnapshotLoad("small.kg.json");
    good_ = SerializeSnapshot(graph_);
    layout_ = SnapshotSectionsOf(good_);
    ASSERT_EQ(layout_.body.size(), 11u);
  }
  KnowledgeGraph graph_;
  std::string good_;
  SnapshotLayout layout_;
};

TEST_F(SnapshotCorruption, EveryTruncationIsAnError) {
  for (size_t n = 0; n < good_.size(); ++n) {
    EXPECT_NE(SnapshotErrorOf(good_.substr(0, n)), "") << "truncated to " << n;
  }
  EXPECT_NE(SnapshotErrorOf(good_.substr(0, good_.size() - 1)).find("truncated"),
            std::string::npos);
  EXPECT_NE(SnapshotErrorOf(good_ + "x").find("the file has"), std::string::npos);
}

TEST_F(SnapshotCorruption, EveryFlippedBitIsAnError) {
  for (size_t i = 0; i < good_.size(); ++i) {
    std::string bad = good_;
    bad[i] = static_cast<char>(bad[i] ^ (1 << (i % 8)));
    EXPECT_NE(SnapshotErrorOf(bad), "") << "byte " << i;
  }
  std::string bad = good_;
  bad[good_.size() / 2] ^= 0x10;
  EXPECT_NE(SnapshotErrorOf(bad).find("checksum mismatch"), std::string::npos);
}

TEST_F(SnapshotCorruption, HeaderErrors) {
  EXPECT_NE(SnapshotErrorOf("{\"format\":\"policykg\"}").find("not a policykg graph snapshot"),
            std::string::npos);
  std::string bad = good_;
  SnapPut32(bad, 8, 3);
  EXPECT_NE(SnapshotErrorOf(bad).find("unsupported snapshot version 3"), std::string::npos);
  bad = good_;
  SnapPut32(bad, 8, 1);  // the first version, without name keys: rebuilt, never misread
  EXPECT_NE(SnapshotErrorOf(bad).find("unsupported snapshot version 1"), std::string::npos);
  bad = good_;
  SnapPut64(bad, 16, uint64_t{1} << 62);
  EXPECT_NE(SnapshotErrorOf(bad).find("its header says"), std::string::npos);
}

// Each edit keeps size and checksum right, so only the structural checks can catch it.
TEST_F(SnapshotCorruption, HostileButSealedFilesAreErrors) {
  struct Case {
    const char* what;
    std::function<void(std::string&, const SnapshotLayout&)> edit;
    const char* expected;
  };
  const Case cases[] = {
      {"huge string count",
       [](std::string& b, const SnapshotLayout& l) { SnapPut64(b, l.body.at("STRS"), ~0ull); },
       "count"},
      {"string end past the blob",
       [](std::string& b, const SnapshotLayout& l) {
         SnapPut64(b, l.body.at("STRS") + 8 + 8 * 3, 1ull << 40);
       },
       "outside"},
      {"huge node count",
       [](std::string& b, const SnapshotLayout& l) {
         SnapPut32(b, l.body.at("NODS"), 0xFFFFFFFFu);
       },
       "does not match"},
      {"huge evidence count",
       [](std::string& b, const SnapshotLayout& l) { SnapPut64(b, l.body.at("EVID"), 1ull << 61); },
       "does not match"},
      {"section length past the end",
       [](std::string& b, const SnapshotLayout& l) {
         SnapPut64(b, l.body.at("EDGS") - 8, 1ull << 50);
       },
       "runs past the end"},
      {"wrong tag",
       [](std::string& b, const SnapshotLayout& l) { b[l.body.at("TYPS") - 16] = 'X'; },
       "expected the types section"},
      {"node id string out of range",
       [](std::string& b, const SnapshotLayout& l) {
         SnapPut32(b, l.body.at("NODS") + 4, 0x7FFFFFFFu);
       },
       "out of range"},
      {"node type out of range",
       [](std::string& b, const SnapshotLayout& l) {
         SnapPut32(b, l.body.at("NODS") + 4 + 8, 999);
       },
       "type 999 out of range"},
      {"alias end past the aliases",
       [](std::string& b, const SnapshotLayout& l) {
         SnapPut64(b, l.body.at("NODS") + 4 + 12, 1ull << 40);
       },
       "alias end"},
      {"edge source out of range",
       [](std::string& b, const SnapshotLayout& l) {
         SnapPut32(b, l.body.at("EDGS") + 4, 1000000);
       },
       "node 1000000 out of range"},
      {"edge relation out of range",
       [](std::string& b, const SnapshotLayout& l) { SnapPut32(b, l.body.at("EDGS") + 4 + 8, 77); },
       "relation 77 out of range"},
      {"an edge twice",
       [](std::string& b, const SnapshotLayout& l) {
         const size_t first = l.body.at("EDGS") + 4, second = first + 36;
         b.replace(second, 12, b.substr(first, 12));
       },
       "is there twice"},
      {"an edge twice, out of order",
       [](std::string& b, const SnapshotLayout& l) {
         const size_t first = l.body.at("EDGS") + 4, third = first + 72;
         b.replace(first, 12, b.substr(third, 12));
       },
       "is there twice"},
      {"weight not finite",
       [](std::string& b, const SnapshotLayout& l) {
         SnapPut64(b, l.body.at("EDGS") + 4 + 12,
                   std::bit_cast<uint64_t>(std::numeric_limits<double>::infinity()));
       },
       "weight is not finite"},
      {"mention end before start",
       [](std::string& b, const SnapshotLayout& l) {
         SnapPut32(b, l.body.at("MENT") + 8 + 4, 0xFFFFFFF0u);
       },
       "end is before start"},
      {"mention past the document",
       [](std::string& b, const SnapshotLayout& l) {
         SnapPut32(b, l.body.at("MENT") + 8 + 8, 0xFFFFFFF0u);
       },
       "past the end of document"},
      {"mention of an unknown document",
       [](std::string& b, const SnapshotLayout& l) { SnapPut32(b, l.body.at("MENT") + 8, 0); },
       "unknown document"},
      {"attribute kind",
       [](std::string& b, const SnapshotLayout& l) { b[l.body.at("ATTR") + 8 + 4] = 9; },
       "unknown value kind 9"},
      {"name keys of another node count",
       [](std::string& b, const SnapshotLayout& l) { SnapPut32(b, l.body.at("KEYS"), 999); },
       "node keys do not match the nodes"},
      {"name key string out of range",
       [](std::string& b, const SnapshotLayout& l) {
         SnapPut32(b, l.body.at("KEYS") + 4, 0x7FFFFFFFu);
       },
       "out of range"},
      {"name key list node out of range",
       [](std::string& b, const SnapshotLayout& l) { SnapPut32(b, FirstKeyListAt(b, l) + 8 + 4, 12345); },
       "node 12345 out of range"},
      {"name key list longer than the section",
       [](std::string& b, const SnapshotLayout& l) { SnapPut64(b, FirstKeyListAt(b, l), 1ull << 60); },
       "does not fit in the section"},
      {"trailing bytes after the sections",
       [](std::string& b, const SnapshotLayout&) { b += "junk"; }, "bytes after the last section"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    std::string bad = good_;
    c.edit(bad, layout_);
    SnapshotReseal(bad);
    const std::string error = SnapshotErrorOf(bad);
    EXPECT_NE(error.find(c.expected), std::string::npos) << error;
  }
}

TEST_F(SnapshotCorruption, InvalidUtf8AndControlCharactersAreRefused) {
  // The string blob holds every node id; change bytes of one id in place (same length).
  const KnowledgeGraph& g = graph_;
  const std::string id = g.node(0).id;
  const size_t at = good_.find(id, layout_.body.at("STRS"));
  ASSERT_NE(at, std::string::npos);
  std::string bad = good_;
  bad[at + id.size() - 1] = static_cast<char>(0xFF);
  SnapshotReseal(bad);
  EXPECT_NE(SnapshotErrorOf(bad).find("not valid UTF-8"), std::string::npos);
  bad = good_;
  bad[at + 1] = '\x1b';
  SnapshotReseal(bad);
  EXPECT_NE(SnapshotErrorOf(bad).find("control or format character U+001B"), std::string::npos);
}

// --- choosing the snapshot or the JSON ---

class SnapshotBeside : public ::testing::Test {
 protected:
  void SetUp() override {
    // A folder of this process's own: the temp folder is shared by test runs of other checkouts.
    dir_ = std::filesystem::path(
        policykg::testing::TempPath("snapshot_beside_" + std::to_string(::getpid())));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    json_path_ = (dir_ / "g.kg.json").string();
    snapshot_path_ = SnapshotPathFor(json_path_);
    auto bytes = ReadFileBytes(SnapshotDataPath("small.kg.json"));
    ASSERT_TRUE(bytes.ok());
    json_ = *bytes;
    ASSERT_TRUE(WriteFileAtomic(json_path_, json_).ok());
    auto g = ParseGraphJson(json_, "g");
    ASSERT_TRUE(g.ok());
    ASSERT_TRUE(
        SaveSnapshot(SerializeSnapshot(*g, json_.size(), Hash64(json_)), snapshot_path_).ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::string json_path_, snapshot_path_, json_;
};

TEST(SnapshotPath, BesideTheJson) {
  EXPECT_EQ(SnapshotPathFor("a/G.kg.json"), "a/G.kg.pkgs");
  EXPECT_EQ(SnapshotPathFor("graph"), "graph.pkgs");
  EXPECT_EQ(SnapshotPathFor(".json"), ".json.pkgs");
}

TEST_F(SnapshotBeside, CurrentSnapshotIsRead) {
  GraphSource source;
  auto g = LoadGraphFile(json_path_, &source);
  ASSERT_TRUE(g.ok()) << g.error().ToString();
  EXPECT_EQ(source.snapshot, snapshot_path_);
  EXPECT_EQ(source.note, "");
  EXPECT_EQ(g->node_count(), 14u);
  // Given directly, by any name.
  const std::string renamed = (dir_ / "copy.bin").string();
  std::filesystem::copy_file(snapshot_path_, renamed);
  auto direct = LoadGraphFile(renamed, &source);
  ASSERT_TRUE(direct.ok());
  EXPECT_EQ(source.snapshot, renamed);
  EXPECT_EQ(SnapshotJson(*direct), SnapshotJson(*g));
}

TEST_F(SnapshotBeside, StaleSnapshotIsNotRead) {
  // Same size, other bytes: caught by the hash.
  std::string edited = json_;
  const size_t at = edited.find("\"fixture\"");
  ASSERT_NE(at, std::string::npos);
  edited[at + 1] = 'F';
  ASSERT_TRUE(WriteFileAtomic(json_path_, edited).ok());
  GraphSource source;
  auto g = LoadGraphFile(json_path_, &source);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(source.snapshot, "");
  EXPECT_NE(source.note.find("stale (made from other contents"), std::string::npos) << source.note;
  // Another size.
  ASSERT_TRUE(WriteFileAtomic(json_path_, json_ + "\n").ok());
  g = LoadGraphFile(json_path_, &source);
  ASSERT_TRUE(g.ok());
  EXPECT_NE(source.note.find("stale (made from a"), std::string::npos) << source.note;
}

TEST_F(SnapshotBeside, CorruptSnapshotBesideFallsBackCorruptSnapshotGivenIsAnError) {
  auto bytes = ReadFileBytes(snapshot_path_);
  ASSERT_TRUE(bytes.ok());
  std::string bad = *bytes;
  bad[bad.size() - 3] ^= 0x40;
  ASSERT_TRUE(WriteFileAtomic(snapshot_path_, bad).ok());
  GraphSource source;
  auto g = LoadGraphFile(json_path_, &source);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(source.snapshot, "");
  EXPECT_NE(source.note.find("checksum mismatch"), std::string::npos) << source.note;
  auto direct = LoadGraphFile(snapshot_path_, &source);
  ASSERT_FALSE(direct.ok());
  EXPECT_NE(direct.error().ToString().find("checksum mismatch"), std::string::npos);
}

TEST_F(SnapshotBeside, MissingSnapshotIsSilent) {
  std::filesystem::remove(snapshot_path_);
  GraphSource source;
  auto g = LoadGraphFile(json_path_, &source);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(source.snapshot, "");
  EXPECT_EQ(source.note, "");
  auto missing = LoadGraphFile((dir_ / "none.kg.json").string(), &source);
  EXPECT_FALSE(missing.ok());
}

}  // namespace
}  // namespace policykg::graph
