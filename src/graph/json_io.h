// Reads and writes the policykg graph JSON file (format "policykg", version 1).
// Writing is deterministic: same graph, same bytes. Reading validates structure and reports
// malformed input as file:line:col (syntax) or file: /json/pointer: message (structure).
#pragma once

#include <functional>
#include <span>
#include <ostream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/status.h"
#include "graph/model.h"

namespace policykg::graph {

class SnapshotWriter;  // graph/snapshot.h

struct WriteOptions {
  bool embed_text = true;  // include each document's text (lets `query evidence` work anywhere)
  bool pretty = true;
  int threads = 1;  // records are serialized on this many threads (same bytes for any count)
  // When set, GraphJsonWriter also hands every record it writes to this snapshot writer, as the
  // reader of the JSON would see it (graph/snapshot.h); it must outlive the writer.
  SnapshotWriter* snapshot = nullptr;
};

void WriteGraphJson(const KnowledgeGraph& graph, std::ostream& out, const WriteOptions& options = {});

// An edge as the file names it: its end nodes' ids, its relation, weight and attributes (from
// `edge`, or given one by one), and its evidence (the edge's own list unless a packed one is given).
struct EdgeRecord {
  EdgeRecord(const std::string& source, const std::string& target, const Edge& e)
      : EdgeRecord(source, target, e, EvidenceList(e.evidence)) {}
  EdgeRecord(const std::string& source, const std::string& target, const Edge& e,
             EvidenceList packed)
      : source_id(source), target_id(target), relation(e.relation), weight(e.weight),
        attributes(e.attributes), evidence(packed) {}
  EdgeRecord(const std::string& source, const std::string& target, std::string_view relation,
             double weight, const Attributes& attributes, EvidenceList packed)
      : source_id(source), target_id(target), relation(relation), weight(weight),
        attributes(attributes), evidence(packed) {}
  const std::string& source_id;
  const std::string& target_id;
  std::string_view relation;
  double weight;
  const Attributes& attributes;
  EvidenceList evidence;
};

// An attribute read in place: a key and a value as AttrValue holds them, text viewed.
struct AttrRef {
  std::string_view key;
  AttrView value;
};

// A node as the file names it: `node`, and attributes held outside its map (`more`: sorted by
// key, none of them a key of the map), written among the map's in key order as if they were in it.
struct NodeRecord {
  const Node& node;
  std::span<const AttrRef> more;
};

// Writes the graph JSON in parts, for a caller that has them at different times (the build
// pipeline writes the documents and nodes while it still resolves edges). WriteDocuments,
// WriteNodes, WriteEdges, in this order, with nodes in id order and edges in (source, relation,
// target) order, give the bytes WriteGraphJson gives for the same graph.
class GraphJsonWriter {
 public:
  GraphJsonWriter(std::ostream& out, const WriteOptions& options);
  void WriteDocuments(const std::vector<Document>& documents);
  // `node(i)` for i in [0, count) may be called from `options.threads` threads at once.
  void WriteNodes(size_t count, const std::function<const Node&(size_t)>& node);
  // As WriteNodes, for nodes with attributes held apart. `node(i, scratch)` may use `scratch` (one
  // per thread, cleared before each call) to hold what the record's `more` views.
  void WriteNodeRecords(size_t count,
                        const std::function<NodeRecord(size_t, std::vector<AttrRef>& scratch)>& node);
  // As WriteNodes; ends the file.
  void WriteEdges(size_t count, const std::function<EdgeRecord(size_t)>& edge);
  // Evidence with a document span and no text is written with the span's text from `texts`
  // (which must outlive the WriteEdges call).
  void ResolveEvidenceFrom(const DocumentTexts* texts) { texts_ = texts; }

 private:
  std::ostream& out_;
  WriteOptions options_;
  const DocumentTexts* texts_ = nullptr;
};

Status SaveGraph(const KnowledgeGraph& graph, const std::string& path,
                 const WriteOptions& options = {});

// Parses graph JSON from memory; `origin` names the source in errors.
Result<KnowledgeGraph> ParseGraphJson(std::string_view json, const std::string& origin);
// Loads a graph file; "-" reads stdin.
Result<KnowledgeGraph> LoadGraph(const std::string& path);

}  // namespace policykg::graph
