// Turns per-document extractions into one knowledge graph: one node per real thing (regions by
// gazetteer identity; other entities by type and name key, merged when a name or derived alias
// coincides, with the merging rule recorded), relations checked against the schema's domain and
// range, part_of facts from the gazetteer, and everything in canonical order.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/document_extraction.h"
#include "graph/model.h"
#include "lexicon/compiled_lexicon.h"

namespace policykg::extract {

class GraphBuilder {
 public:
  explicit GraphBuilder(const lexicon::CompiledLexicon& lexicon);

  // Adds one document's extraction. `original` is the decoded (unfolded) text; documents must be
  // added in a fixed order for deterministic output.
  void AddDocument(graph::Document document, const std::u32string& original,
                   const DocumentExtraction& extraction);

  // Resolves, adds gazetteer part_of edges, canonicalizes and returns the graph.
  graph::KnowledgeGraph Finish();

  size_t dropped_relations() const { return dropped_relations_; }

 private:
  struct PendingNode {
    std::string type;
    std::vector<std::string> names;        // names seen in text, first seen first
    std::vector<std::string> aliases;      // derived or gazetteer names
    graph::Attributes attributes;
    std::vector<graph::Mention> mentions;
    std::vector<std::string> merge_rules;  // why other names were merged in
    int32_t parent = -1;                   // union-find: merged into another node
  };
  struct PendingEdge {
    int32_t source, target;
    std::string relation;
    graph::Evidence evidence;
  };

  int32_t Find(int32_t node);
  int32_t RegionNode(int32_t region);
  int32_t EntityNode(const EntityMention& entity, std::vector<std::string>* keys_out);
  void Union(int32_t keep, int32_t other, const std::string& rule);
  void AddGazetteerPartOf(graph::KnowledgeGraph& graph, const std::vector<graph::Vertex>& vertex_of);
  void AddBracketBranches(graph::KnowledgeGraph& graph, const std::vector<graph::Vertex>& vertex_of);

  const lexicon::CompiledLexicon& lex_;
  std::vector<graph::Document> documents_;
  std::vector<PendingNode> nodes_;
  std::vector<PendingEdge> edges_;
  std::unordered_map<int32_t, int32_t> region_nodes_;  // region index → node
  // (type, name key) → (node, rule that derived the key; empty for a name seen in text).
  std::map<std::pair<std::string, std::string>, std::pair<int32_t, std::string>> entity_keys_;
  std::vector<int32_t> node_region_;  // node → region index, or -1
  size_t dropped_relations_ = 0;
};

}  // namespace policykg::extract
