// The knowledge graph: documents, typed nodes with aliases and mentions, typed edges with
// evidence, held in a Boost.Graph adjacency_list with bundled properties.
// Node ids are stable ("<Type>:<name>"); Canonicalize() puts everything in a deterministic order.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

namespace policykg::graph {

// An attribute value: text, number or flag.
using AttrValue = std::variant<std::string, double, bool>;
using Attributes = std::map<std::string, AttrValue>;
// An attribute value read in place: its text viewed, not owned.
using AttrView = std::variant<std::string_view, double, bool>;

inline AttrView ViewOf(const AttrValue& value) {
  if (const auto* s = std::get_if<std::string>(&value)) return std::string_view(*s);
  if (const auto* b = std::get_if<bool>(&value)) return *b;
  return std::get<double>(value);
}
inline AttrValue OwnedOf(const AttrView& value) {
  if (const auto* s = std::get_if<std::string_view>(&value)) return std::string(*s);
  if (const auto* b = std::get_if<bool>(&value)) return *b;
  return std::get<double>(value);
}

std::string AttrToString(const AttrValue& value);

struct Document {
  std::string id;      // "d1", "d2", … in input order
  std::string path;    // as given on the command line
  std::string title;   // first non-boilerplate line, if any
  std::string sha256;  // of the original bytes
  std::string encoding = "UTF-8";  // detected input encoding
  std::string region;  // node id of the region whose report this is, if known
  uint64_t chars = 0;  // length in code points
  std::string text;    // decoded text (UTF-8); empty when not embedded
};

// Where a node was seen: [start, end) in code points of the document text.
struct Mention {
  std::string doc;
  uint32_t start = 0;
  uint32_t end = 0;
  std::string rule;
  auto operator<=>(const Mention&) const = default;
};

// Why an edge exists: a sentence span of a document, or a schema fact (doc empty, `source` set).
struct Evidence {
  std::string doc;
  uint32_t start = 0;
  uint32_t end = 0;
  std::string rule;
  std::string source;  // e.g. "gazetteer:schema/regions.json" for facts not read from a sentence
  std::string text;    // the sentence (or fact) itself
  auto operator<=>(const Evidence&) const = default;
};

// Why an edge exists, read in place (graph::Evidence without copies).
struct EvidenceRef {
  std::string_view doc;
  uint32_t start = 0;
  uint32_t end = 0;
  std::string_view rule;
  std::string_view source;
  std::string_view text;
  Evidence ToEvidence() const;
};

// Evidence as indexes into a table of strings that holds each document id, rule, source and text
// once: 24 bytes, where a graph::Evidence is 136 and four strings. A build's edges keep their
// evidence so until it is written.
struct PackedEvidence {
  uint32_t doc;
  uint32_t start, end;
  uint32_t rule, source, text;
};

// The evidence of one edge as a writer reads it: the edge's own list, or a run of packed evidence
// and the table its indexes point into (both must outlive the list).
class EvidenceList {
 public:
  explicit EvidenceList(const std::vector<Evidence>& own) : own_(own.data()), size_(own.size()) {}
  EvidenceList(const PackedEvidence* packed, size_t size, const std::vector<std::string>& strings)
      : packed_(packed), strings_(&strings), size_(size) {}
  size_t size() const { return size_; }
  EvidenceRef operator[](size_t i) const {
    if (own_ != nullptr) {
      const Evidence& e = own_[i];
      return {e.doc, e.start, e.end, e.rule, e.source, e.text};
    }
    const PackedEvidence& p = packed_[i];
    const auto& s = *strings_;
    return {s[p.doc], p.start, p.end, s[p.rule], s[p.source], s[p.text]};
  }

 private:
  const Evidence* own_ = nullptr;
  const PackedEvidence* packed_ = nullptr;
  const std::vector<std::string>* strings_ = nullptr;
  size_t size_ = 0;
};

// Code-point spans of document texts as UTF-8, found without copying: relation evidence is kept
// as (doc, start, end) while a graph is built and its sentence read from here when written, so
// memory stays linear in the input however many relations quote one long sentence.
class DocumentTexts {
 public:
  // Indexes the texts (a byte offset every kStep code points); `documents` must outlive this.
  explicit DocumentTexts(const std::vector<Document>& documents);
  // The UTF-8 of code points [start, end) of document `doc`; empty when the document is unknown,
  // has no text, or the span is not inside it.
  std::string_view Span(std::string_view doc, uint64_t start, uint64_t end) const;

 private:
  static constexpr uint64_t kStep = 64;
  struct Text {
    std::string_view utf8;
    std::vector<size_t> byte_of;  // byte offset of code point k * kStep
    uint64_t chars = 0;
  };
  size_t ByteOffset(const Text& text, uint64_t cp) const;
  struct NameHash {  // finds a std::string key by string_view without a copy
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Text, NameHash, std::equal_to<>> texts_;
};

struct Node {
  std::string id;
  std::string name;
  std::string type;
  std::vector<std::string> aliases;
  Attributes attributes;
  std::vector<Mention> mentions;
  // `type` as an integer: its id in KnowledgeGraph::types(), set when the node is added to a graph
  // (so queries compare integers, not strings). Meaningless in a Node outside a graph.
  uint32_t type_id = 0;
};

struct Edge {
  std::string relation;
  double weight = 1;
  Attributes attributes;
  std::vector<Evidence> evidence;
  // `relation` as an integer: its id in KnowledgeGraph::relations(), set when the edge is added to
  // a graph. Meaningless in an Edge outside a graph.
  uint32_t relation_id = 0;
};

// Names as dense integer ids 0, 1, 2, … in the order they were first interned. A graph keeps one
// table for relations and one for node types; the ids of a name never change while the table
// lives (names are never removed, so an id may name a relation no edge has any more).
class NameTable {
 public:
  NameTable() = default;
  NameTable(const NameTable& other);
  NameTable& operator=(const NameTable& other);
  NameTable(NameTable&&) noexcept = default;
  NameTable& operator=(NameTable&&) noexcept = default;

  // The id of `name`, added if new.
  uint32_t Intern(std::string_view name);
  std::optional<uint32_t> Find(std::string_view name) const;
  // `id` must be < size().
  const std::string& Name(uint32_t id) const { return names_[id]; }
  size_t size() const { return names_.size(); }

 private:
  std::deque<std::string> names_;  // a deque: the map's keys are views into it
  std::unordered_map<std::string_view, uint32_t> ids_;
  uint32_t last_ = 0;  // the last id returned: runs of one name are common
};

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Node, Edge>;
using Vertex = boost::graph_traits<BoostGraph>::vertex_descriptor;
using EdgeDescriptor = boost::graph_traits<BoostGraph>::edge_descriptor;

// Builds a node id from type and name.
std::string MakeNodeId(std::string_view type, std::string_view name);

// Node id -> vertex: an open-addressing table of (hash, vertex) that keeps no copy of the ids
// (it compares against the graph's nodes), so building it allocates one array.
class NodeIdIndex {
 public:
  void Clear();
  void Reserve(size_t nodes);
  std::optional<Vertex> Find(std::string_view id, const BoostGraph& g) const {
    return Find(id, Hash(id), g);
  }
  // Adds `v` under `g[v].id`; if that id is already there, returns its vertex and adds nothing.
  std::optional<Vertex> Insert(Vertex v, const BoostGraph& g);

  // For callers that look many ids up in a row and hide the memory latency: the hash of an id,
  // Find with that hash, and hints (no effect on results) that pull the slot, then the node of the
  // likely match, then its id bytes into the cache ahead of the Find.
  static uint64_t Hash(std::string_view id);
  std::optional<Vertex> Find(std::string_view id, uint64_t hash, const BoostGraph& g) const;
  void PrefetchSlot(uint64_t hash) const {
    if (!slots_.empty())
      __builtin_prefetch(&slots_[static_cast<uint32_t>(hash) & (slots_.size() - 1)]);
  }
  // The first vertex whose slot tag matches `hash` (maybe not the id's), or nullopt.
  std::optional<Vertex> Candidate(uint64_t hash) const;

 private:
  static constexpr uint32_t kEmpty = 0xFFFFFFFFu;
  struct Slot {
    uint32_t hash = 0;
    uint32_t vertex = kEmpty;
  };
  void Grow(size_t capacity);
  // The first vertex in `full_hash`'s probe sequence whose tag matches and that `accept`s.
  template <typename Accept>
  std::optional<Vertex> Probe(uint64_t full_hash, Accept&& accept) const;

  std::vector<Slot> slots_;  // size is 0 or a power of two
  size_t size_ = 0;
};

// Merges `from` into `into` (same id) as KnowledgeGraph::AddOrMergeNode does: its name and
// aliases become aliases, attributes `into` lacks are added, mentions are appended.
void MergeNodeInto(Node& into, Node&& from);

class KnowledgeGraph {
 public:
  std::vector<Document> documents;

  KnowledgeGraph();
  KnowledgeGraph(const KnowledgeGraph& other);
  KnowledgeGraph& operator=(const KnowledgeGraph& other);
  // Moves are cheap (the Boost graph is held by pointer: Boost 1.74's adjacency_list has no move
  // constructor and its swap() makes two deep copies); the moved-from graph is empty.
  KnowledgeGraph(KnowledgeGraph&& other) noexcept;
  KnowledgeGraph& operator=(KnowledgeGraph&& other) noexcept;

  // Adds `node`; if a node with the same id exists, merges aliases, attributes and mentions.
  Vertex AddOrMergeNode(Node node);
  // Adds `node` unless a node with its id exists (then returns nullopt and leaves `node` as is).
  std::optional<Vertex> TryAddNode(Node&& node);
  std::optional<Vertex> FindById(std::string_view id) const;
  const NodeIdIndex& id_index() const { return index_; }

  // Adds an edge, or appends the evidence to the existing edge of that relation between the two
  // nodes. Symmetric relations are stored once with source id < target id.
  EdgeDescriptor AddOrMergeEdge(Vertex source, Vertex target, Edge edge, bool symmetric = false);
  std::optional<EdgeDescriptor> FindEdge(Vertex source, Vertex target,
                                         std::string_view relation) const;
  // Adds an edge without looking for an existing one (the caller knows it is new).
  EdgeDescriptor AddEdgeUnchecked(Vertex source, Vertex target, Edge edge);

  // Moves every edge of `from` onto `into`, merges its names and mentions, removes `from`.
  // Invalidates vertex descriptors; call before taking any you keep.
  void MergeNodes(Vertex into, Vertex from, const std::string& rule);

  const Document* FindDocument(std::string_view id) const;

  // Relation and node type ids (Edge::relation_id, Node::type_id). Every relation of an edge and
  // type of a node in the graph is in its table; a table may also hold names no longer used.
  const NameTable& relations() const { return relations_; }
  const NameTable& types() const { return types_; }

  // Sorts nodes by id, edges by (source, relation, target), and every list inside; drops
  // duplicate mentions and evidence; sets edge weight to its evidence count (at least 1).
  void Canonicalize();

  BoostGraph& g() { return *g_; }
  const BoostGraph& g() const { return *g_; }
  size_t node_count() const { return boost::num_vertices(*g_); }
  size_t edge_count() const { return boost::num_edges(*g_); }
  Node& node(Vertex v) { return (*g_)[v]; }
  const Node& node(Vertex v) const { return (*g_)[v]; }
  Edge& edge(EdgeDescriptor e) { return (*g_)[e]; }
  const Edge& edge(EdgeDescriptor e) const { return (*g_)[e]; }

  // Edges in canonical order (after Canonicalize(): source index, relation, target index).
  std::vector<EdgeDescriptor> SortedEdges() const;

 private:
  void RebuildIndex();

  std::unique_ptr<BoostGraph> g_;  // never null
  NodeIdIndex index_;
  NameTable relations_;
  NameTable types_;
};

}  // namespace policykg::graph
