// GraphIndex: lookup structures built once per loaded graph (name/alias/id keys, relation ids,
// a lazily built undirected simple view for paths and centrality). Queries never copy the graph.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/model.h"

namespace policykg::query {

// An undirected link between two distinct nodes of the knowledge graph: the OR of the relation
// bits (GraphIndex::RelationBit) of every edge, either way, between them.
struct UndirectedLink {
  uint64_t relation_mask = 0;
};

// Simple undirected view: same vertex numbering as the knowledge graph, one edge per connected
// pair, no self loops.
using UndirectedGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                              boost::no_property, UndirectedLink>;

class GraphIndex {
 public:
  // Relation bits are 0..63; relations beyond the 63rd distinct one share bit 63.
  static constexpr int kMaxRelationBits = 64;

  // `graph` must outlive the index. `symmetric_relations` are relations stored once that mean
  // both directions (from the schema, e.g. cooperates_with).
  GraphIndex(const graph::KnowledgeGraph& graph, std::vector<std::string> symmetric_relations);
  ~GraphIndex();
  GraphIndex(const GraphIndex&) = delete;
  GraphIndex& operator=(const GraphIndex&) = delete;

  const graph::KnowledgeGraph& graph() const { return graph_; }

  bool IsSymmetric(std::string_view relation) const;
  // The same by relation id (graph::Edge::relation_id): an array look-up, for per-edge loops.
  bool IsSymmetricId(uint32_t relation_id) const {
    return relation_id < symmetric_by_id_.size() && symmetric_by_id_[relation_id] != 0;
  }
  // Per relation id (graph::Edge::relation_id), 1 when `relations` names it; every id when
  // `relations` is empty. Per type id (graph::Node::type_id) the same for `types`.
  std::vector<char> RelationSelection(const std::vector<std::string>& relations) const;
  std::vector<char> TypeSelection(const std::vector<std::string>& types) const;

  // Vertices whose id / name / alias has the NameKey `key` (text::NameKey of the query).
  std::span<const graph::Vertex> WithIdKey(const std::string& key) const;
  std::span<const graph::Vertex> WithNameKey(const std::string& key) const;
  std::span<const graph::Vertex> WithAliasKey(const std::string& key) const;

  // Precomputed NameKeys of a vertex's name and aliases (for substring search).
  std::string_view NameKeyOf(graph::Vertex v) const { return name_keys_[v]; }
  const std::vector<std::string>& AliasKeysOf(graph::Vertex v) const { return alias_keys_[v]; }

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
  const UndirectedGraph& Undirected() const;

 private:
  // Key -> the vertices that have it (ascending), in flat arrays: an open-addressing table of
  // entries whose keys are views (into the graph or into this index's own key strings).
  class KeyMap {
   public:
    // `keys` come in ascending vertex order; a key repeated for one vertex counts once.
    void Build(const std::vector<std::pair<std::string_view, graph::Vertex>>& keys);
    std::span<const graph::Vertex> Find(std::string_view key) const;

   private:
    struct Entry {
      std::string_view key;
      uint32_t first = 0, count = 0;  // the run of vertices_ that have the key
    };
    struct Slot {
      uint32_t hash = 0;
      uint32_t entry = 0xFFFFFFFFu;  // index into entries_, or empty
    };
    std::vector<Slot> slots_;  // size is 0 or a power of two, at most half full
    std::vector<Entry> entries_;
    std::vector<graph::Vertex> vertices_;
  };

  const graph::KnowledgeGraph& graph_;
  std::vector<std::string> symmetric_relations_;
  KeyMap by_id_key_;
  KeyMap by_name_key_;
  KeyMap by_alias_key_;
  std::deque<std::string> owned_keys_;       // keys that differ from the text they come from
  std::vector<std::string_view> name_keys_;  // into the node's name or owned_keys_
  std::vector<std::vector<std::string>> alias_keys_;
  mutable std::vector<std::string> all_names_;
  mutable bool all_names_built_ = false;
  std::vector<std::string> node_types_;
  std::vector<std::string> relations_;
  std::vector<char> symmetric_by_id_;  // per graph relation id
  std::vector<int8_t> bit_by_id_;      // per graph relation id: RelationBit, or -1
  mutable std::unique_ptr<UndirectedGraph> undirected_;
};

}  // namespace policykg::query
