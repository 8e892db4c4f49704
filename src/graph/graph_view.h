// GraphView: a graph snapshot (snapshot.h) read in place. Node and edge records, strings,
// mentions, evidence and name keys are read from the snapshot's bytes when asked for; opening
// builds only flat arrays (edge ends and relations, out- and in-edge lists in CSR form).
// Opening validates the whole file in one linear pass — everything ParseSnapshot promises — so
// the accessors afterwards need no checks: a corrupt or hostile file is an Error, never a crash.
// The view is read-only and may be read from several threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/file_io.h"
#include "common/status.h"
#include "graph/model.h"

namespace policykg::graph {

using EdgeIndex = uint32_t;  // an edge's position in the snapshot's edge records

// An edge as seen from one of its ends: the other end and the edge.
struct Incidence {
  uint32_t other;
  EdgeIndex edge;
};

class GraphView;
struct SnapshotHeader;
struct GraphSource;

// Where a node was seen, read in place (graph::Mention without copies).
struct MentionRef {
  std::string_view doc;
  uint32_t start = 0;
  uint32_t end = 0;
  std::string_view rule;
  Mention ToMention() const;
};

// Records [begin, end) of one array of the snapshot, each read by `read` when visited.
template <typename Item>
class RecordRange {
 public:
  using Reader = Item (GraphView::*)(uint64_t) const;
  class iterator {
   public:
    using value_type = Item;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(const GraphView* view, Reader read, uint64_t at) : view_(view), read_(read), at_(at) {}
    Item operator*() const { return (view_->*read_)(at_); }
    iterator& operator++() {
      ++at_;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++at_;
      return old;
    }
    bool operator==(const iterator& other) const { return at_ == other.at_; }

   private:
    const GraphView* view_ = nullptr;
    Reader read_ = nullptr;
    uint64_t at_ = 0;
  };

  RecordRange() = default;
  RecordRange(const GraphView* view, Reader read, uint64_t begin, uint64_t end)
      : view_(view), read_(read), begin_(begin), end_(end) {}
  iterator begin() const { return iterator(view_, read_, begin_); }
  iterator end() const { return iterator(view_, read_, end_); }
  size_t size() const { return static_cast<size_t>(end_ - begin_); }
  bool empty() const { return begin_ == end_; }
  Item operator[](size_t k) const { return (view_->*read_)(begin_ + k); }

 private:
  const GraphView* view_ = nullptr;
  Reader read_ = nullptr;
  uint64_t begin_ = 0, end_ = 0;
};

// A node read in place. The views live as long as the GraphView.
struct NodeRef {
  std::string_view id;
  std::string_view name;
  std::string_view type;
  uint32_t type_id = 0;       // index into GraphView::types()
  std::string_view id_key;    // text::NameKey(id)
  std::string_view name_key;  // text::NameKey(name)
  RecordRange<std::string_view> aliases;
  RecordRange<std::string_view> alias_keys;  // text::NameKey of each alias, in the same order
  RecordRange<MentionRef> mentions;
  const GraphView* view = nullptr;
  uint64_t attributes_begin = 0, attributes_end = 0;

  Attributes attributes() const;  // decoded (a map), so call it once per node
  Node ToNode() const;            // an owned copy, as the JSON reader would give it
};

// An edge read in place.
struct EdgeRef {
  Vertex source = 0;
  Vertex target = 0;
  std::string_view relation;
  uint32_t relation_id = 0;  // index into GraphView::relations()
  double weight = 1;
  RecordRange<EvidenceRef> evidence;
  const GraphView* view = nullptr;
  uint64_t attributes_begin = 0, attributes_end = 0;

  Attributes attributes() const;
  Edge ToEdge() const;
};

class GraphView {
 public:
  // Validates and opens a snapshot held in memory (the view keeps the bytes); `origin` names it
  // in errors. `header`, when given, receives its header.
  static Result<std::unique_ptr<GraphView>> Open(FileBytes bytes, const std::string& origin,
                                                 SnapshotHeader* header = nullptr);
  static Result<std::unique_ptr<GraphView>> Open(std::string bytes, const std::string& origin,
                                                 SnapshotHeader* header = nullptr);
  // The same over bytes the caller keeps alive as long as the view.
  static Result<std::unique_ptr<GraphView>> OpenBorrowed(std::string_view bytes,
                                                         const std::string& origin,
                                                         SnapshotHeader* header = nullptr);
  // The view of an in-memory graph (through its snapshot bytes): same vertex numbering, edges in
  // the graph's edge order.
  static std::unique_ptr<GraphView> Of(const KnowledgeGraph& graph);

  ~GraphView();
  GraphView(const GraphView&) = delete;
  GraphView& operator=(const GraphView&) = delete;

  size_t node_count() const { return node_count_; }
  size_t edge_count() const { return edge_source_.size(); }

  NodeRef node(Vertex v) const;
  EdgeRef edge(EdgeIndex e) const;
  // The hot parts of an edge, from flat arrays.
  Vertex source(EdgeIndex e) const { return edge_source_[e]; }
  Vertex target(EdgeIndex e) const { return edge_target_[e]; }
  uint32_t relation_id(EdgeIndex e) const { return edge_relation_[e]; }
  uint32_t type_id(Vertex v) const;
  std::string_view node_id(Vertex v) const;

  // A node's edges in edge order (its out-edges by relation and target in a canonical file).
  std::span<const Incidence> out_edges(Vertex v) const {
    return {out_edges_.data() + out_begin_[v], out_begin_[v + 1] - out_begin_[v]};
  }
  std::span<const Incidence> in_edges(Vertex v) const {
    return {in_edges_.data() + in_begin_[v], in_begin_[v + 1] - in_begin_[v]};
  }
  size_t degree(Vertex v) const {  // in + out
    return out_begin_[v + 1] - out_begin_[v] + in_begin_[v + 1] - in_begin_[v];
  }

  const NameTable& relations() const { return relations_; }
  const NameTable& types() const { return types_; }
  // Edges per relation id.
  const std::vector<uint64_t>& relation_edge_counts() const { return relation_edges_; }

  const std::vector<Document>& documents() const { return documents_; }
  const Document* FindDocument(std::string_view id) const;

  std::optional<Vertex> FindById(std::string_view id) const;
  // Vertices (ascending) whose id / name / an alias has the name key `key` (text::NameKey).
  std::vector<Vertex> WithIdKey(std::string_view key) const;
  std::vector<Vertex> WithNameKey(std::string_view key) const;
  std::vector<Vertex> WithAliasKey(std::string_view key) const;

  // The graph as a KnowledgeGraph (what ParseSnapshot returns): owned copies of everything.
  KnowledgeGraph ToKnowledgeGraph() const;

  // Record readers (RecordRange uses them).
  std::string_view StringAt(uint64_t string_index) const;
  std::string_view AliasAt(uint64_t k) const;
  std::string_view AliasKeyAt(uint64_t k) const;
  MentionRef MentionAt(uint64_t k) const;
  EvidenceRef EvidenceAt(uint64_t k) const;
  Attributes AttributesIn(uint64_t begin, uint64_t end) const;

 private:
  class Opener;
  GraphView() = default;
  // `view` (its bytes set) after the opening pass, or the first problem found.
  static Result<std::unique_ptr<GraphView>> Validated(std::unique_ptr<GraphView> view,
                                                      const std::string& origin,
                                                      SnapshotHeader* header);
  std::vector<Vertex> KeyLookup(int list, std::string_view key) const;

  FileBytes file_;      // the bytes, when read from a file
  std::string string_;  // or when held in a string
  std::string_view bytes_;
  // Section bodies' record starts.
  const char* string_ends_ = nullptr;
  const char* blob_ = nullptr;
  uint64_t string_count_ = 0;
  const char* nodes_ = nullptr;
  const char* edges_ = nullptr;
  const char* aliases_ = nullptr;
  const char* attributes_ = nullptr;
  const char* mentions_ = nullptr;
  const char* evidence_ = nullptr;
  const char* node_keys_ = nullptr;   // per node {id key, name key}
  const char* alias_keys_ = nullptr;  // per alias
  const char* key_lists_[3] = {nullptr, nullptr, nullptr};
  uint64_t key_list_sizes_[3] = {0, 0, 0};
  size_t node_count_ = 0;
  uint64_t node_attribute_end_ = 0;  // edges' attributes start here
  bool ids_sorted_ = true;           // node ids strictly ascending: FindById by binary search
  std::vector<uint32_t> id_order_;   // else the vertices sorted by id

  NameTable relations_, types_;
  std::vector<uint64_t> relation_edges_;
  std::vector<Document> documents_;
  std::vector<uint32_t> edge_source_, edge_target_, edge_relation_;
  std::vector<uint32_t> out_begin_, in_begin_;   // node_count + 1 each
  std::vector<Incidence> out_edges_, in_edges_;  // by node, each node's in edge order
};

// Loads a graph file as a view: a snapshot (directly or the current one beside a JSON file, as
// LoadGraphFile chooses) is opened in place; a JSON graph is read and viewed through its snapshot.
Result<std::unique_ptr<GraphView>> LoadGraphView(const std::string& path,
                                                 GraphSource* source = nullptr);

}  // namespace policykg::graph
