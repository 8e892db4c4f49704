// Turns per-document extractions into one knowledge graph: one node per real thing (regions by
// gazetteer identity; other entities by type and name key, merged when a name or derived alias
// coincides, with the merging rule recorded), relations checked against the schema's domain and
// range, part_of facts from the gazetteer, and everything in canonical order.
//
// Work is split so that threads help: PrepareDocument() does every per-document conversion (UTF-8
// names, merge keys, evidence sentences) without shared state; GraphBuilder only looks names up
// and keeps what it needs, in document order. It keeps each string once (a StringPool) and a
// document's facts as small records of ids, and makes the graph's nodes only when they are asked
// for: what a build holds grows by about 2 MB per MB of input besides the texts themselves.
#pragma once

#include <deque>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/string_pool.h"
#include "extract/document_extraction.h"
#include "graph/json_io.h"
#include "graph/model.h"
#include "lexicon/compiled_lexicon.h"

namespace policykg::extract {

// A Target's own attributes (as_written, comparator, metric, qualifier, status, unit, value) as
// one document states them; the last, scope, is its phrase's (PreparedDocument::Target). An empty
// comparator or qualifier is no attribute.
struct TargetAttributes {
  std::string as_written, comparator, metric, qualifier, status, unit;
  double value = 0;
};

// One document's facts with every string in its final form. Each mention is the span [start, end)
// of code points of the document where it was seen, and the rule that found it (a Target's is
// "target"); its document is this one (not copied into each mention, as a graph::Mention would).
struct PreparedDocument {
  struct Region {
    int32_t region;
    uint32_t start = 0, end = 0;
    const char* rule = "";     // RegionMention::rule (a string literal)
    bool inside_name = false;  // the mention's rule is `rule` + ".in_name"
  };
  struct Entity {
    std::string type;
    std::string name;
    // Merge keys ("<type>\x1f<name key>") with the rule that derived each; the name's comes first
    // with an empty rule.
    std::vector<std::pair<std::string, std::string>> keys;
    std::vector<std::string> aliases;
    uint32_t start = 0, end = 0;
    std::string rule;
    bool generic = false;
  };
  struct Target {
    // "<scope>:<name>" and the scope's length: one node per phrase, scope, status and year.
    std::string phrase;
    uint32_t scope_size = 0;
    uint32_t start = 0, end = 0;
    int year = 0;  // the report's year (DocumentExtraction::document_year), 0 when unknown
    TargetAttributes attributes;
  };
  // A fact from a sentence. `relation` and `rule` view the RelationMention's strings (the
  // RuleSet's or literals): add the document to a GraphBuilder while its RuleSet lives.
  struct Relation {
    Ref source, target;
    std::string_view relation, rule;
    uint32_t start = 0, end = 0;  // the sentence
    std::string text;             // the sentence, only for a document that keeps no text
    Ref via{Ref::kEntity, -1};    // see RelationMention::via
  };

  graph::Document document;
  int32_t document_region = -1;
  std::vector<Region> regions;
  std::vector<Entity> entities;
  std::vector<Target> targets;
  std::vector<Relation> relations;
};

// `original` is the decoded (unfolded) text the offsets point into; evidence quotes it.
PreparedDocument PrepareDocument(graph::Document document, const std::u32string& original,
                                 const DocumentExtraction& extraction,
                                 const lexicon::CompiledLexicon& lexicon);

class EdgeMerger;

// A list whose items never move: it grows a block of kBlock items at a time, so adding one moves
// nothing (a vector of pending nodes moved every node at each doubling into fresh pages).
template <typename T, size_t kBlock = 256>
class BlockList {
 public:
  BlockList() = default;
  BlockList(const BlockList&) = delete;
  BlockList& operator=(const BlockList&) = delete;
  ~BlockList() {
    for (size_t i = 0; i < size_; ++i) std::destroy_at(&(*this)[i]);
    for (T* block : blocks_) std::allocator<T>().deallocate(block, kBlock);
  }
  size_t size() const { return size_; }
  T& operator[](size_t i) { return blocks_[i / kBlock][i % kBlock]; }
  const T& operator[](size_t i) const { return blocks_[i / kBlock][i % kBlock]; }
  T& push_back(T&& item) {
    if (size_ == blocks_.size() * kBlock) blocks_.push_back(std::allocator<T>().allocate(kBlock));
    T* slot = blocks_[size_ / kBlock] + size_ % kBlock;
    std::construct_at(slot, std::move(item));
    ++size_;
    return *slot;
  }

 private:
  std::vector<T*> blocks_;
  size_t size_ = 0;
};

class GraphBuilder {
 public:
  explicit GraphBuilder(const lexicon::CompiledLexicon& lexicon);

  // Adds one document. Documents must be added in a fixed order for deterministic output.
  void AddDocument(PreparedDocument document);
  void AddDocument(graph::Document document, const std::u32string& original,
                   const DocumentExtraction& extraction) {
    AddDocument(PrepareDocument(std::move(document), original, extraction, lex_));
  }

  // The documents added so far, moved out (a caller writing the graph in parts takes them before
  // FinishNodeIds()); a graph Finish() returns after this has none.
  std::vector<graph::Document> TakeDocuments() { return std::exchange(documents_, {}); }

  // Resolves, adds gazetteer part_of edges and returns the graph, already canonical (as
  // KnowledgeGraph::Canonicalize() would leave it). Call once; `threads` share the per-node and
  // per-edge work (same result for any count).
  graph::KnowledgeGraph Finish(int threads = 1);

  // An edge of the finished graph; its ends are positions in the list of nodes (FinishNodeIds()'s,
  // FinishNodes()'s). Its evidence is the run [evidence_begin, evidence_end) of
  // FinishedEdges::evidence, its relation FinishedEdges::relations[relation], its attributes
  // AttributesOf()'s (a graph::Edge's list, map and strings per edge made the edge list 3.6 times
  // as large).
  struct FinishedEdge {
    static constexpr uint32_t kNoAttributes = UINT32_MAX;
    uint32_t source, target;  // vertices
    double weight = 1;
    uint32_t relation = 0;
    uint32_t attributes = kNoAttributes;  // index into FinishedEdges::attributes
    uint32_t evidence_begin = 0, evidence_end = 0;
  };
  // The edges in canonical order, their evidence packed (graph::PackedEvidence) and the strings
  // that evidence points into: a build's evidence held as 24-byte records until it is written.
  struct FinishedEdges {
    std::vector<FinishedEdge> edges;
    std::vector<std::string> relations;         // in name order
    std::vector<graph::Attributes> attributes;  // of the edges that have any
    std::vector<graph::PackedEvidence> evidence;
    std::vector<std::string> strings;
    graph::EvidenceList EvidenceOf(const FinishedEdge& e) const {
      return graph::EvidenceList(evidence.data() + e.evidence_begin,
                                 e.evidence_end - e.evidence_begin, strings);
    }
    const graph::Attributes& AttributesOf(const FinishedEdge& e) const {
      static const graph::Attributes kNone;
      return e.attributes == FinishedEdge::kNoAttributes ? kNone : attributes[e.attributes];
    }
    // The edge as the writer reads it; `node_ids` is FinishNodeIds()'s list.
    graph::EdgeRecord RecordOf(const FinishedEdge& e,
                               const std::vector<std::string>& node_ids) const {
      return graph::EdgeRecord(node_ids[e.source], node_ids[e.target], relations[e.relation],
                               e.weight, AttributesOf(e), EvidenceOf(e));
    }
  };
  // Finish() in steps, for a caller that writes the graph as it is finished (or needs no
  // KnowledgeGraph). FinishNodeIds() resolves the nodes and returns their ids in id order: node i
  // is vertex i of the graph Finish() would return. FinishEdges() then reads only the builder's own
  // data and returns the edges in canonical order. Call each once, in this order, instead of
  // Finish(). The nodes themselves are made one at a time by MakeFinishedNode(), when they are
  // written (a whole graph's graph::Node list, with every mention a graph::Mention, was a fifth of
  // a build's peak memory).
  const std::vector<std::string>& FinishNodeIds(int threads = 1);
  // Fills `node` (default-constructed) as node `v` of FinishNodeIds()'s list, less a Target's own
  // attributes, which it appends to `target_attributes` in key order, viewing the builder's data.
  // Reads the builder only: any number of threads may call it at once, for any v, any number of
  // times, also beside FinishEdges().
  void MakeFinishedNode(size_t v, graph::Node& node,
                        std::vector<graph::AttrRef>& target_attributes) const;
  FinishedEdges FinishEdges(int threads = 1);
  // FinishNodeIds() with every node made (Target attributes in the nodes' maps), for Finish().
  std::vector<graph::Node> FinishNodes(int threads = 1);

  size_t dropped_relations() const { return dropped_relations_; }

 private:
  // Where a node was seen, as graph::Mention says it, with the document id and the rule as ids in
  // pool_: 16 bytes where a graph::Mention takes 72 (and a heap block for a rule past 15 bytes).
  struct PendingMention {
    uint32_t doc;
    uint32_t start, end;
    uint32_t rule;
  };
  // What only some nodes have (a Target none of it): held apart, so that a Target's PendingNode is
  // two fifths of the size it was with these inline (104 bytes, not 264).
  struct NodeExtras {
    std::vector<std::string_view> aliases;  // derived or gazetteer names
    graph::Attributes attributes;
    std::vector<std::string_view> merge_rules;  // why other names were merged in
    // Mentions per type (an entity's node has its own type's count), each with its first mention
    // by (document content hash, index in its document): when names of several types joined, the
    // type most mentions give wins; on a tie, the one whose first mention is first in that order,
    // which no input order changes (within one document: the first seen).
    struct TypeVote {
      std::string_view type;
      uint32_t count = 0;
      std::string_view first_document;  // the SHA-256 (or id) of the document of its first mention
      uint32_t first_index = 0;         // that mention's entity index in its document
    };
    std::vector<TypeVote> type_votes;
  };
  // Strings here view pool_, the lexicon or string literals: all live as long as the builder.
  struct PendingNode {
    std::string_view type;
    std::vector<std::string_view> names;  // names seen in text, first seen first
    std::vector<PendingMention> mentions;
    std::unique_ptr<NodeExtras> extras;  // null until the node has any
    int32_t parent = -1;  // union-find: merged into another node
    int32_t year = 0;     // a Target's report year (0: unknown)
    // A Target's status (index into target_statuses_), its phrase's scope length, and the next
    // Target node of its phrase (target_phrases_), or -1.
    uint32_t target_status = 0;
    uint32_t scope_size = 0;
    int32_t next_target = -1;
    int32_t target_attributes = -1;  // a Target's: index into target_attributes_
    // What a Target's id says after its phrase (kIdSaysYear: "@<year>", or "@undated", when
    // reports of several years state the phrase; kIdSaysPlanned: "@planned", when the same phrase
    // is also stated as done in one year's reports); set by FinishNodeIds().
    static constexpr uint8_t kIdSaysYear = 1, kIdSaysPlanned = 2;
    uint8_t id_suffix = 0;
  };
  // A Target's own attributes (TargetAttributes) as ids in pool_: 40 bytes where seven strings took
  // 232 (and a heap block for each one past 15 bytes). Id 0 is the empty string: no attribute.
  struct PendingTargetAttributes {
    uint32_t as_written = 0, comparator = 0, metric = 0, qualifier = 0;
    uint32_t scope = 0, status = 0, unit = 0;
    double value = 0;
    // Takes what `other` has and this lacks, as a map's try_emplace of each of its entries would.
    void Merge(const PendingTargetAttributes& other);
  };
  // A fact as indexes: 40 bytes and no allocation (a fact's strings are interned once).
  struct PendingEdge {
    int32_t source, target;
    int32_t via = -1;     // node of the platform or mechanism, or -1
    uint32_t relation;    // index into relations_
    graph::PackedEvidence evidence;  // strings in strings_
  };
  // Evidence strings (document ids, rules, sources, texts), each once: string 0 is the empty
  // string. FinishEdges() hands the table to its result.
  struct StringTable {
    struct Hash {  // finds a std::string key by string_view without a copy
      using is_transparent = void;
      size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::vector<std::string> strings{std::string()};
    std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> ids{{std::string(), 0}};
    uint32_t Intern(std::string_view s);
  };
  friend class EdgeMerger;

  int32_t Find(int32_t node);
  uint32_t RelationIndex(std::string_view relation);
  int32_t NewNode(PendingNode node, int32_t region);
  int32_t RegionNode(int32_t region);
  // Adds `vote`'s mentions to its type's in `votes`, keeping the earlier first mention.
  static void AddTypeVote(std::vector<NodeExtras::TypeVote>& votes, const NodeExtras::TypeVote& vote);
  // `document` (its content hash, or its id) and `index` (the entity's in it) order type votes.
  int32_t EntityNode(PreparedDocument::Entity& entity, std::string_view document, uint32_t index);
  void Union(int32_t keep, int32_t other, std::string_view rule);
  // The node's NodeExtras, made if it has none.
  static NodeExtras& ExtrasOf(PendingNode& node);
  static std::string_view CanonicalName(const PendingNode& pending);
  // The id of the node MakeNode() makes of `pending`.
  std::string NodeId(const PendingNode& pending) const;
  // Fills `node` (default-constructed) as node `v` of FinishNodeIds()'s list, made of its members'
  // pending nodes, with `id`; with `target_attributes`, a Target's own attributes are appended
  // there instead of put in the node's map.
  void MakeVertex(size_t v, std::string id, graph::Node& node,
                  std::vector<graph::AttrRef>* target_attributes) const;
  // Fills `node` (default-constructed) from `pending`, with `id` = NodeId(pending), and a Target's
  // own attributes unless they are kept `apart`.
  void MakeNode(const PendingNode& pending, std::string id, bool apart, graph::Node& node) const;
  // The entries of `attributes` in key order, viewing pool_.
  void AppendTargetAttributes(const PendingTargetAttributes& attributes,
                              std::vector<graph::AttrRef>& out) const;
  // Adds the entries to `map` (try_emplace: a key it has keeps its value).
  void AddTargetAttributes(const PendingTargetAttributes& attributes, graph::Attributes& map) const;
  void AddGazetteerPartOf(EdgeMerger& edges);
  void AddBracketBranches(EdgeMerger& edges);

  const lexicon::CompiledLexicon& lex_;
  std::vector<graph::Document> documents_;
  // The strings of pending nodes, each once: names, aliases, types, mentions' documents and rules,
  // merge rules, Target attributes and phrases. Only AddDocument() and FinishNodeIds() add to it.
  StringPool pool_;
  BlockList<PendingNode> nodes_;
  // A deque: no copy of the whole list as it grows, and FinishEdges frees it front to back while
  // the edge merger's lists grow (a vector's peak was both lists at once: 2.9M facts at 100 MB).
  std::deque<PendingEdge> edges_;
  std::vector<std::string> relations_;  // names of PendingEdge::relation (a schema has a handful)
  StringTable strings_;
  std::unordered_map<int32_t, int32_t> region_nodes_;  // region index → node
  // Merge keys ("<type>\x1f<name key>", and "\x1e<name key>" for the name under any type); the
  // entry of key id k is key_entries_[k]: the node and the rule that derived the key (an id in
  // pool_; 0, the empty string, for a name seen in text).
  struct KeyEntry {
    int32_t node = -1;
    uint32_t rule = 0;
  };
  StringPool entity_keys_;
  std::vector<KeyEntry> key_entries_{KeyEntry()};  // key id 0, the empty string, names no node
  // Phrase ("<scope>:<name>", an id in pool_) → the last Target node made for it (others follow
  // PendingNode::next_target).
  std::unordered_map<uint32_t, int32_t> target_phrases_;
  std::vector<std::string> target_statuses_;  // "planned", "achieved"
  BlockList<PendingTargetAttributes> target_attributes_;
  // Vertex v of FinishNodeIds() is made of pending nodes vertex_members_[vertex_first_[v]], …,
  // vertex_members_[vertex_first_[v + 1] - 1], the first its head; vertex_ids_[v] is its id.
  std::vector<uint32_t> vertex_members_, vertex_first_;
  std::vector<std::string> vertex_ids_;
  std::vector<uint8_t> known_keys_;                         // EntityNode's scratch
  std::vector<int32_t> node_region_;  // node → region index, or -1
  std::set<int32_t> issuers_;         // regions that issued one of the documents
  std::vector<graph::Vertex> vertex_of_;  // pending node → vertex
  size_t dropped_relations_ = 0;
};

}  // namespace policykg::extract
