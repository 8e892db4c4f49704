// GraphIndex: what queries need beside the graph view (graph_view.h): relation bits and
// selections, the symmetric relations, a lazily built undirected simple view for paths, components
// and centrality. Name look-ups read the view's name keys. Queries never copy the graph.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/graph_view.h"
#include "graph/model.h"

namespace policykg::query {

// The simple undirected view of a graph, in CSR form: same vertex numbering, one link per
// connected pair (listed at both ends, neighbors ascending), no self loops. Each link carries the
// OR of the relation bits (GraphIndex::RelationBit) of every edge, either way, between its ends.
struct UndirectedView {
  std::vector<uint32_t> begin;     // node_count() + 1: node v's links are [begin[v], begin[v+1])
  std::vector<uint32_t> neighbor;  // per link end
  std::vector<uint64_t> mask;      // per link end

  size_t node_count() const { return begin.empty() ? 0 : begin.size() - 1; }
  size_t link_count() const { return neighbor.size() / 2; }
  size_t degree(size_t v) const { return begin[v + 1] - begin[v]; }
};

class GraphIndex {
 public:
  // Relation bits are 0..63; relations beyond the 63rd distinct one share bit 63.
  static constexpr int kMaxRelationBits = 64;

  // `graph` must outlive the index. `symmetric_relations` are relations stored once that mean
  // both directions (from the schema, e.g. cooperates_with).
  GraphIndex(const graph::GraphView& graph, std::vector<std::string> symmetric_relations);
  // An index over an in-memory graph, through a view of its own (same vertex numbering; edge
  // indexes in the graph's edge order). The graph need not outlive the index.
  GraphIndex(const graph::KnowledgeGraph& graph, std::vector<std::string> symmetric_relations);
  ~GraphIndex();
  GraphIndex(const GraphIndex&) = delete;
  GraphIndex& operator=(const GraphIndex&) = delete;

  const graph::GraphView& graph() const { return graph_; }

  bool IsSymmetric(std::string_view relation) const;
  // The same by relation id (graph::Edge::relation_id): an array look-up, for per-edge loops.
  bool IsSymmetricId(uint32_t relation_id) const {
    return relation_id < symmetric_by_id_.size() && symmetric_by_id_[relation_id] != 0;
  }
  // Per relation id (graph::Edge::relation_id), 1 when `relations` names it; every id when
  // `relations` is empty. Per type id (graph::Node::type_id) the same for `types`.
  std::vector<char> RelationSelection(const std::vector<std::string>& relations) const;
  std::vector<char> TypeSelection(const std::vector<std::string>& types) const;

  // Vertices (ascending) whose id / name / alias has the NameKey `key` (text::NameKey of the
  // query).
  std::vector<graph::Vertex> WithIdKey(const std::string& key) const {
    return graph_.WithIdKey(key);
  }
  std::vector<graph::Vertex> WithNameKey(const std::string& key) const {
    return graph_.WithNameKey(key);
  }
  std::vector<graph::Vertex> WithAliasKey(const std::string& key) const {
    return graph_.WithAliasKey(key);
  }

  // Every distinct name and alias, sorted (did-you-mean candidates), built on first use (not
  // thread-safe).
  const std::vector<std::string>& AllNames() const;
  // Node types and relations present in the graph, sorted.
  const std::vector<std::string>& NodeTypes() const { return node_types_; }
  const std::vector<std::string>& Relations() const { return relations_; }

  // Bit of a relation present in the graph; -1 when no edge has it.
  int RelationBit(std::string_view relation) const;
  // The same by relation id (graph::Edge::relation_id).
  int RelationBitOfId(uint32_t relation_id) const {
    return relation_id < bit_by_id_.size() ? bit_by_id_[relation_id] : -1;
  }
  // Mask selecting `relations` (relations absent from the graph select nothing); all bits when
  // `relations` is empty.
  uint64_t RelationMask(const std::vector<std::string>& relations) const;

  // The undirected simple view, built on first use (not thread-safe).
  const UndirectedView& Undirected() const;

 private:
  void Init();

  std::unique_ptr<graph::GraphView> owned_;  // the view of an in-memory graph
  const graph::GraphView& graph_;
  std::vector<std::string> symmetric_relations_;
  mutable std::vector<std::string> all_names_;
  mutable bool all_names_built_ = false;
  std::vector<std::string> node_types_;
  std::vector<std::string> relations_;
  std::vector<char> symmetric_by_id_;  // per graph relation id
  std::vector<int8_t> bit_by_id_;      // per graph relation id: RelationBit, or -1
  mutable std::unique_ptr<UndirectedView> undirected_;
};

}  // namespace policykg::query
