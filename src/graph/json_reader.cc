// Reading the graph file (ParseGraphJson, LoadGraph) in one streaming pass: the strict SAX events
// of ParseJsonSax drive a small state machine over the policykg layout that builds documents,
// nodes and edges directly (no DOM). Structural errors are ranked in the order the file is
// validated (root, format, version, the three arrays, documents, nodes, edges; in a record field
// by field) and the first in that order is reported, wherever it sits in the file; a syntax error
// anywhere wins over any of them. References that can only be checked once something later in
// the file is known (an edge before the nodes, a mention before the documents) are kept and checked
// at the end. Edge endpoints are looked up a few edges behind the parse, with the memory they need
// prefetched. Once every node is read (no vertex is added after that), full chunks of resolved
// edges go to a second thread that adds them to the graph while the parse goes on; a file with few
// edges, or edges before the nodes, has them added at the end, once each vertex's degree is known.
#include <fmt/format.h>

#include <array>
#include <condition_variable>
#include <deque>
#include <exception>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "common/file_io.h"
#include "common/json.h"
#include "common/utf8.h"
#include "graph/json_io.h"

namespace policykg::graph {

namespace {

// clang-format off
enum class Field : uint8_t {
  kUnknown,
  kFormat, kVersion, kDocuments, kNodes, kEdges,                   // top level
  kId, kPath, kTitle, kSha256, kEncoding, kRegion, kChars, kText,  // document
  kName, kType, kAliases, kAttributes, kMentions,                  // node
  kDoc, kStart, kEnd, kRule,                                       // mention, evidence
  kSource, kTarget, kRelation, kWeight, kEvidence,                 // edge
};
// clang-format on

Field FieldOf(std::string_view k) {
  switch (k.size()) {
    case 2:
      if (k == "id") return Field::kId;
      break;
    case 3:
      if (k == "doc") return Field::kDoc;
      if (k == "end") return Field::kEnd;
      break;
    case 4:
      if (k == "name") return Field::kName;
      if (k == "type") return Field::kType;
      if (k == "rule") return Field::kRule;
      if (k == "text") return Field::kText;
      if (k == "path") return Field::kPath;
      break;
    case 5:
      if (k == "start") return Field::kStart;
      if (k == "nodes") return Field::kNodes;
      if (k == "edges") return Field::kEdges;
      if (k == "title") return Field::kTitle;
      if (k == "chars") return Field::kChars;
      break;
    case 6:
      if (k == "source") return Field::kSource;
      if (k == "target") return Field::kTarget;
      if (k == "weight") return Field::kWeight;
      if (k == "sha256") return Field::kSha256;
      if (k == "region") return Field::kRegion;
      if (k == "format") return Field::kFormat;
      break;
    case 7:
      if (k == "aliases") return Field::kAliases;
      if (k == "version") return Field::kVersion;
      break;
    case 8:
      if (k == "mentions") return Field::kMentions;
      if (k == "relation") return Field::kRelation;
      if (k == "evidence") return Field::kEvidence;
      if (k == "encoding") return Field::kEncoding;
      break;
    case 9:
      if (k == "documents") return Field::kDocuments;
      break;
    case 10:
      if (k == "attributes") return Field::kAttributes;
      break;
    default:
      break;
  }
  return Field::kUnknown;
}

// Open containers we look into.
// clang-format off
enum class Kind : uint8_t {
  kTop,
  kDocuments, kDocument,
  kNodes, kNode, kAliases, kAttributes, kMentions, kMention,
  kEdges, kEdge, kEvidences, kEvidence,
};
// clang-format on

// Position of an error in validation order (lexicographic): {0} root, {1} format, {2} version,
// {3, array}, {4, document, field}, {5, node, field, item, item field}, {6, edge, …}.
using Rank = std::array<uint32_t, 5>;

constexpr uint32_t kDocumentsSection = 4, kNodesSection = 5, kEdgesSection = 6;

// Field order inside each record: the order the checks run in.
uint32_t DocumentFieldRank(Field f) {
  switch (f) {
    case Field::kId:
      return 1;
    case Field::kPath:
      return 2;
    case Field::kTitle:
      return 3;
    case Field::kSha256:
      return 4;
    case Field::kEncoding:
      return 5;
    case Field::kRegion:
      return 6;
    case Field::kChars:
      return 7;
    case Field::kText:
      return 8;
    default:
      return 9;  // duplicate id
  }
}
constexpr uint32_t kDocDuplicate = 9;
// Node: id 1, name 2, type 3, aliases 4, attributes 5, mentions 6, duplicate id 7.
constexpr uint32_t kNodeId = 1, kNodeName = 2, kNodeType = 3, kNodeAliases = 4, kNodeAttributes = 5,
                   kNodeMentions = 6, kNodeDuplicate = 7;
// Mention: object 0, doc 1, start 2, end 3, rule 4, end before start 5, unknown document 6.
constexpr uint32_t kMentionDoc = 1, kMentionStart = 2, kMentionEnd = 3, kMentionRule = 4,
                   kMentionOrder = 5, kMentionUnknownDoc = 6;
// Edge: source 1, target 2, relation 3, unknown source 4, unknown target 5, weight 6,
// attributes 7, evidence 8.
constexpr uint32_t kEdgeSource = 1, kEdgeTarget = 2, kEdgeRelation = 3, kEdgeUnknownSource = 4,
                   kEdgeUnknownTarget = 5, kEdgeWeight = 6, kEdgeAttributes = 7, kEdgeEvidence = 8;
// Evidence: object 0, doc 1, start 2, end 3, unknown document 4, rule 5, source 6, text 7.
constexpr uint32_t kEvidenceDoc = 1, kEvidenceStart = 2, kEvidenceEnd = 3, kEvidenceUnknownDoc = 4,
                   kEvidenceRule = 5, kEvidenceSource = 6, kEvidenceText = 7;

// A code-point offset field: absent, valid, or why not.
struct OffsetField {
  enum State : uint8_t { kAbsent, kOk, kNotUnsigned, kTooLarge };
  State state = kAbsent;
  uint32_t value = 0;

  void Set(const JsonNumber* number) {
    if (number == nullptr || !number->IsUint64()) {
      state = kNotUnsigned;
    } else if (number->AsUint64() > 0xFFFFFFFFull) {
      state = kTooLarge;
    } else {
      state = kOk;
      value = static_cast<uint32_t>(number->AsUint64());
    }
  }
  const char* Problem() const {
    switch (state) {
      case kAbsent:
        return "missing field";
      case kNotUnsigned:
        return "expected a non-negative integer";
      case kTooLarge:
        return "offset too large";
      default:
        return nullptr;
    }
  }
};

// One scalar value: exactly one of the pointers is set, or none for null.
struct Scalar {
  const std::string_view* string = nullptr;
  const JsonNumber* number = nullptr;
  const bool* boolean = nullptr;
};

class GraphReader {
 public:
  explicit GraphReader(const std::string& origin) : origin_(origin) {}
  ~GraphReader() { StopEdgeBuilder(/*abandon=*/true); }
  GraphReader(const GraphReader&) = delete;
  GraphReader& operator=(const GraphReader&) = delete;

  // --- strict SAX events (see common/json.h) ---
  void Null() { OnScalar(Scalar{}); }
  void Bool(bool b) { OnScalar(Scalar{.boolean = &b}); }
  void Number(const JsonNumber& n) { OnScalar(Scalar{.number = &n}); }
  void String(std::string_view s) { OnScalar(Scalar{.string = &s}); }
  void Key(std::string_view key) {
    if (skip_ > 0) return;
    Frame& top = stack_.back();
    if (top.kind == Kind::kAttributes) {
      attr_name_.assign(key);
      ++top.index;
    } else {
      top.field = FieldOf(key);
    }
  }
  void StartObject() { OnContainer(true); }
  void StartArray() { OnContainer(false); }
  void EndObject(size_t) { OnEnd(); }
  void EndArray(size_t) { OnEnd(); }

  // After a successful parse: the first structural error, if any (then the graph is not built).
  std::optional<Error> FinishChecks();
  // After FinishChecks found no error: adds the edges and hands the graph over.
  KnowledgeGraph TakeGraph();

 private:
  struct Frame {
    Kind kind;
    Field field = Field::kUnknown;  // objects: the field whose value comes next
    uint32_t index = 0;             // arrays: elements begun; attributes: members begun
  };
  struct PendingEdge {
    uint32_t index;
    std::string source, target;
    Edge edge;
  };
  struct PendingDoc {
    Rank rank;
    std::string pointer;
  };
  // The largest end offset named for a document before the documents array was read (the first
  // in file order among equals), checked against its length once it is known.
  struct PendingEnd {
    uint64_t end = 0;
    Rank rank;
    std::string pointer;
  };

  // --- error bookkeeping ---
  bool Wants(const Rank& rank) const { return !error_ || rank < error_rank_; }
  template <typename PointerFn>
  void Fail(const Rank& rank, PointerFn&& pointer, std::string_view message) {
    if (!Wants(rank)) return;
    error_rank_ = rank;
    error_ = JsonPathError(origin_, pointer(), std::string(message));
  }
  // A string field: its value into `target`, else "expected a string" at `rank`, `pointer`.
  template <typename PointerFn>
  void TakeString(const Scalar* v, std::string& target, const Rank& rank, PointerFn&& pointer) {
    if (v && v->string) {
      target.assign(*v->string);
    } else {
      Fail(rank, pointer, "expected a string");
    }
  }
  // A node id, name or alias holding a control or format character (other than tab, newline and
  // carriage return) is refused: it would make look-alike nodes, ids that XML cannot hold, and
  // escape sequences on a terminal.
  template <typename PointerFn>
  void CheckName(const std::string& name, const Rank& rank, PointerFn&& pointer) {
    if (auto found = FindControlOrFormat(name, /*allow_whitespace=*/true)) {
      Fail(rank, pointer,
           fmt::format("control or format character U+{:04X} at code point {}; names may not "
                       "hold them",
                       static_cast<uint32_t>(found->second), found->first));
    }
  }
  // A field that holds an array (or an object, `want_object`): enters it as `kind` and returns
  // true, else reports what was expected. `v` is null for a container, `object` says which.
  template <typename PointerFn>
  bool EnterContainer(const Scalar* v, bool object, bool want_object, Kind kind, const Rank& rank,
                      PointerFn&& pointer) {
    if (v == nullptr && object == want_object) {
      Push(kind);
      return true;
    }
    Fail(rank, pointer, want_object ? "expected an object" : "expected an array");
    return false;
  }
  std::string DocPtr() const { return fmt::format("/documents/{}", record_); }
  std::string NodePtr() const { return fmt::format("/nodes/{}", record_); }
  std::string EdgePtr() const { return fmt::format("/edges/{}", record_); }
  std::string MentionPtr() const { return fmt::format("/nodes/{}/mentions/{}", record_, item_); }
  std::string EvidencePtr() const { return fmt::format("/edges/{}/evidence/{}", record_, item_); }
  static const char* FieldName(Field f);

  // --- dispatch ---
  void OnScalar(const Scalar& v);
  void OnContainer(bool object);
  void OnEnd();
  void Push(Kind kind) { stack_.push_back(Frame{kind}); }
  void Skip() { skip_ = 1; }

  void TopValue(Field f, const Scalar* v, bool object);
  void DocumentValue(Field f, const Scalar* v);
  void NodeValue(Field f, const Scalar* v, bool object);
  void MentionValue(Field f, const Scalar* v);
  void EdgeValue(Field f, const Scalar* v, bool object);
  void EvidenceValue(Field f, const Scalar* v);
  void AttributeValue(const Scalar* v);
  void RecordStart(Kind array, bool object, bool container);

  void EndDocument();
  void EndNode();
  void EndMention();
  void EndEdge();
  void EndEvidence();

  void CheckDocument(const std::string& doc, const Rank& rank,
                     std::string (GraphReader::*ptr)() const);
  void ResolveEdge(uint32_t index, const std::string& source, const std::string& target, Edge&& e,
                   std::optional<uint64_t> target_hash = std::nullopt);
  void QueueEdge();
  void ResolveQueued();
  void FlushQueue() {
    while (queue_begin_ < queue_end_) ResolveQueued();
  }
  std::optional<std::string> PastTheText(const std::string& doc, uint64_t end) const;
  void CheckEnd(const std::string& doc, uint64_t end, const Rank& rank,
                std::string (GraphReader::*ptr)() const);
  void AddEdge(Vertex s, Vertex t, Edge&& e);
  void BuildEdges();
  void AddEdgeNow(Vertex s, Vertex t, Edge&& e);
  struct ResolvedEdge;
  void AddChunk(std::vector<ResolvedEdge>& chunk);
  void HandOff(std::vector<ResolvedEdge>&& chunk);
  void RunEdgeBuilder();
  void StopEdgeBuilder(bool abandon);

  const std::string& origin_;
  KnowledgeGraph graph_;
  std::vector<Frame> stack_;
  int skip_ = 0;  // > 0 inside a container whose content is not looked at

  std::optional<Error> error_;
  Rank error_rank_{};

  // top level
  bool seen_format_ = false, format_is_string_ = false;
  std::string format_;
  bool seen_version_ = false, version_is_unsigned_ = false;
  uint64_t version_ = 0;
  bool seen_documents_ = false, seen_nodes_ = false, seen_edges_ = false;
  bool documents_done_ = false, nodes_done_ = false;

  // the record being read and its item (mention, evidence, alias)
  uint32_t record_ = 0, item_ = 0;
  Document doc_;
  bool has_id_ = false, has_name_ = false, has_type_ = false;
  Node node_;
  Edge edge_;
  std::string source_, target_;
  bool has_source_ = false, has_target_ = false, has_relation_ = false;
  std::string attr_name_;
  bool has_doc_ = false;
  OffsetField start_, end_;

  std::unordered_set<std::string> document_ids_;
  std::unordered_map<std::string, uint64_t> document_chars_;  // documents that state "chars"
  bool has_chars_ = false;
  std::string last_known_doc_;  // most records name the same document: skip the set lookup
  std::unordered_map<std::string, PendingDoc> pending_docs_;  // named before the documents array
  std::unordered_map<std::string, PendingEnd> pending_ends_;  // offsets read before the documents
  std::vector<PendingEdge> pending_edges_;                    // edges before the nodes array

  // Edges whose target is being looked up: the lookup of edge i is done when edge i + kLookahead
  // ends; meanwhile its slot, node and id bytes are prefetched in stages (see QueueEdge).
  static constexpr size_t kLookahead = 16;
  struct QueuedEdge {
    uint32_t index = 0;
    std::string source, target;
    Edge edge;
    uint64_t hash = 0;
    std::optional<Vertex> candidate;
  };
  std::array<QueuedEdge, kLookahead> queue_;
  size_t queue_begin_ = 0, queue_end_ = 0;  // edges queued so far / resolved so far: [begin, end)

  // Resolved edges in file order, added to the graph by BuildEdges (in chunks, freed as they go).
  struct ResolvedEdge {
    uint32_t source, target;
    Edge edge;
  };
  static constexpr size_t kChunk = size_t{1} << 15;
  std::vector<std::vector<ResolvedEdge>> resolved_;

  // The edge builder thread and the chunks handed to it, in file order (guarded by edge_mutex_).
  std::thread edge_builder_;
  std::mutex edge_mutex_;
  std::condition_variable edge_chunk_ready_;
  std::deque<std::vector<ResolvedEdge>> edge_chunks_;
  bool edges_closed_ = false, edges_abandoned_ = false;
  std::exception_ptr edge_builder_error_;

  // Repeated (source, relation, target) edges are merged. Files we write are sorted, so while
  // every edge sorts after the previous one there is nothing to look up; from the first one that
  // does not, a hash set of every edge so far decides.
  bool edges_sorted_ = true;
  Vertex last_s_ = 0, last_t_ = 0;
  std::string last_relation_;
  bool have_last_ = false;
  std::optional<Vertex> last_source_;  // of the previous edge
  struct EdgeKeyHash {
    size_t operator()(const std::tuple<Vertex, Vertex, uint32_t>& k) const {
      uint64_t h = std::get<0>(k) * 0x9E3779B97F4A7C15ull;
      h ^= std::get<1>(k) + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
      h ^= std::get<2>(k) + 0x85EBCA77C2B2AE63ull + (h << 6) + (h >> 2);
      return static_cast<size_t>(h);
    }
  };
  std::unordered_set<std::tuple<Vertex, Vertex, uint32_t>, EdgeKeyHash> edge_keys_;
  std::unordered_map<std::string, uint32_t> relation_ids_;
  uint32_t RelationId(const std::string& relation) {
    return relation_ids_.emplace(relation, static_cast<uint32_t>(relation_ids_.size()))
        .first->second;
  }
};

const char* GraphReader::FieldName(Field f) {
  switch (f) {
    case Field::kId:
      return "id";
    case Field::kPath:
      return "path";
    case Field::kTitle:
      return "title";
    case Field::kSha256:
      return "sha256";
    case Field::kEncoding:
      return "encoding";
    case Field::kRegion:
      return "region";
    case Field::kChars:
      return "chars";
    case Field::kText:
      return "text";
    case Field::kName:
      return "name";
    case Field::kType:
      return "type";
    case Field::kAliases:
      return "aliases";
    case Field::kAttributes:
      return "attributes";
    case Field::kMentions:
      return "mentions";
    case Field::kDoc:
      return "doc";
    case Field::kStart:
      return "start";
    case Field::kEnd:
      return "end";
    case Field::kRule:
      return "rule";
    case Field::kSource:
      return "source";
    case Field::kTarget:
      return "target";
    case Field::kRelation:
      return "relation";
    case Field::kWeight:
      return "weight";
    case Field::kEvidence:
      return "evidence";
    case Field::kFormat:
      return "format";
    case Field::kVersion:
      return "version";
    case Field::kDocuments:
      return "documents";
    case Field::kNodes:
      return "nodes";
    case Field::kEdges:
      return "edges";
    default:
      return "";
  }
}

void GraphReader::OnScalar(const Scalar& v) {
  if (skip_ > 0) return;
  if (stack_.empty()) {
    Fail(
        Rank{0}, [] { return std::string(); }, "expected a JSON object (a policykg graph)");
    return;
  }
  Frame& top = stack_.back();
  switch (top.kind) {
    case Kind::kTop:
      return TopValue(top.field, &v, false);
    case Kind::kDocument:
      return DocumentValue(top.field, &v);
    case Kind::kNode:
      return NodeValue(top.field, &v, false);
    case Kind::kMention:
      return MentionValue(top.field, &v);
    case Kind::kEdge:
      return EdgeValue(top.field, &v, false);
    case Kind::kEvidence:
      return EvidenceValue(top.field, &v);
    case Kind::kAttributes:
      return AttributeValue(&v);
    case Kind::kAliases: {
      item_ = top.index++;
      if (v.string) {
        node_.aliases.emplace_back(*v.string);
        CheckName(node_.aliases.back(), Rank{kNodesSection, record_, kNodeAliases, item_},
                  [&] { return fmt::format("/nodes/{}/aliases/{}", record_, item_); });
      } else {
        Fail(
            Rank{kNodesSection, record_, kNodeAliases, item_},
            [&] { return fmt::format("/nodes/{}/aliases/{}", record_, item_); },
            "expected a string");
      }
      return;
    }
    case Kind::kDocuments:
    case Kind::kNodes:
    case Kind::kEdges:
    case Kind::kMentions:
    case Kind::kEvidences:
      return RecordStart(top.kind, false, false);
  }
}

void GraphReader::OnContainer(bool object) {
  if (skip_ > 0) {
    ++skip_;
    return;
  }
  if (stack_.empty()) {
    if (object) return Push(Kind::kTop);
    Fail(
        Rank{0}, [] { return std::string(); }, "expected a JSON object (a policykg graph)");
    return Skip();
  }
  Frame& top = stack_.back();
  switch (top.kind) {
    case Kind::kTop:
      return TopValue(top.field, nullptr, object);
    case Kind::kNode:
      return NodeValue(top.field, nullptr, object);
    case Kind::kEdge:
      return EdgeValue(top.field, nullptr, object);
    case Kind::kDocument:
      DocumentValue(top.field, nullptr);
      return Skip();
    case Kind::kMention:
      MentionValue(top.field, nullptr);
      return Skip();
    case Kind::kEvidence:
      EvidenceValue(top.field, nullptr);
      return Skip();
    case Kind::kAttributes:
      AttributeValue(nullptr);
      return Skip();
    case Kind::kAliases: {
      item_ = top.index++;
      Fail(
          Rank{kNodesSection, record_, kNodeAliases, item_},
          [&] { return fmt::format("/nodes/{}/aliases/{}", record_, item_); }, "expected a string");
      return Skip();
    }
    case Kind::kDocuments:
    case Kind::kNodes:
    case Kind::kEdges:
    case Kind::kMentions:
    case Kind::kEvidences:
      return RecordStart(top.kind, object, true);
  }
}

// An element of one of the record arrays begins.
void GraphReader::RecordStart(Kind array, bool object, bool container) {
  Frame& top = stack_.back();
  const uint32_t index = top.index++;
  switch (array) {
    case Kind::kDocuments:
      record_ = index;
      if (!object) break;
      doc_ = Document();
      doc_.encoding.clear();  // absent means empty, not the in-memory default
      has_id_ = has_chars_ = false;
      return Push(Kind::kDocument);
    case Kind::kNodes:
      record_ = index;
      if (!object) break;
      node_ = Node();
      has_id_ = has_name_ = has_type_ = false;
      return Push(Kind::kNode);
    case Kind::kEdges:
      record_ = index;
      if (!object) break;
      edge_ = Edge();
      source_.clear();
      target_.clear();
      has_source_ = has_target_ = has_relation_ = false;
      return Push(Kind::kEdge);
    case Kind::kMentions:
    case Kind::kEvidences:
      item_ = index;
      if (!object) break;
      has_doc_ = false;
      start_ = OffsetField();
      end_ = OffsetField();
      if (array == Kind::kMentions) {
        node_.mentions.emplace_back();
        return Push(Kind::kMention);
      }
      edge_.evidence.emplace_back();
      return Push(Kind::kEvidence);
    default:
      return;
  }
  // Not an object: the element is refused (and skipped if it is an array).
  switch (array) {
    case Kind::kDocuments:
      Fail(
          Rank{kDocumentsSection, record_, 0}, [&] { return DocPtr(); }, "expected an object");
      break;
    case Kind::kNodes:
      Fail(
          Rank{kNodesSection, record_, 0}, [&] { return NodePtr(); }, "expected an object");
      break;
    case Kind::kEdges:
      Fail(
          Rank{kEdgesSection, record_, 0}, [&] { return EdgePtr(); }, "expected an object");
      break;
    case Kind::kMentions:
      Fail(
          Rank{kNodesSection, record_, kNodeMentions, item_, 0}, [&] { return MentionPtr(); },
          "expected an object");
      break;
    default:
      Fail(
          Rank{kEdgesSection, record_, kEdgeEvidence, item_, 0}, [&] { return EvidencePtr(); },
          "expected an object");
      break;
  }
  if (container) Skip();
}

void GraphReader::TopValue(Field f, const Scalar* v, bool object) {
  const bool container = v == nullptr;
  switch (f) {
    case Field::kFormat:
      seen_format_ = true;
      if (v && v->string) {
        format_.assign(*v->string);
        format_is_string_ = true;
      } else {
        Fail(
            Rank{1}, [] { return std::string("/format"); }, "expected a string");
      }
      break;
    case Field::kVersion:
      seen_version_ = true;
      if (v && v->number && v->number->IsUint64()) {
        version_ = v->number->AsUint64();
        version_is_unsigned_ = true;
      } else {
        Fail(
            Rank{2}, [] { return std::string("/version"); }, "expected a non-negative integer");
      }
      break;
    case Field::kDocuments:
    case Field::kNodes:
    case Field::kEdges: {
      const uint32_t which = f == Field::kDocuments ? 0 : f == Field::kNodes ? 1 : 2;
      (which == 0 ? seen_documents_ : which == 1 ? seen_nodes_ : seen_edges_) = true;
      const Kind kind = which == 0 ? Kind::kDocuments : which == 1 ? Kind::kNodes : Kind::kEdges;
      if (EnterContainer(v, object, false, kind, Rank{3, which}, [&] { return std::string("/") + FieldName(f); }))
        return;
      break;
    }
    default:
      break;
  }
  if (container) Skip();
}

void GraphReader::DocumentValue(Field f, const Scalar* v) {
  std::string* target = nullptr;
  switch (f) {
    case Field::kId:
      target = &doc_.id;
      break;
    case Field::kPath:
      target = &doc_.path;
      break;
    case Field::kTitle:
      target = &doc_.title;
      break;
    case Field::kSha256:
      target = &doc_.sha256;
      break;
    case Field::kEncoding:
      target = &doc_.encoding;
      break;
    case Field::kRegion:
      target = &doc_.region;
      break;
    case Field::kText:
      target = &doc_.text;
      break;
    case Field::kChars:
      if (v && v->number && v->number->IsUint64()) {
        doc_.chars = v->number->AsUint64();
        has_chars_ = true;
      } else {
        Fail(
            Rank{kDocumentsSection, record_, DocumentFieldRank(f)},
            [&] { return DocPtr() + "/chars"; }, "expected a non-negative integer");
      }
      return;
    default:
      return;
  }
  if (f == Field::kId) has_id_ = true;  // present even if not a string: that error is reported
  TakeString(v, *target, Rank{kDocumentsSection, record_, DocumentFieldRank(f)},
             [&] { return DocPtr() + "/" + FieldName(f); });
}

void GraphReader::NodeValue(Field f, const Scalar* v, bool object) {
  const bool container = v == nullptr;
  std::string* target = nullptr;
  uint32_t rank = 0;
  switch (f) {
    case Field::kId:
      target = &node_.id, rank = kNodeId, has_id_ = true;
      break;
    case Field::kName:
      target = &node_.name, rank = kNodeName, has_name_ = true;
      break;
    case Field::kType:
      target = &node_.type, rank = kNodeType, has_type_ = true;
      break;
    case Field::kAliases:
      if (EnterContainer(v, object, false, Kind::kAliases, Rank{kNodesSection, record_, kNodeAliases},
                         [&] { return NodePtr() + "/aliases"; }))
        return;
      break;
    case Field::kAttributes:
      if (EnterContainer(v, object, true, Kind::kAttributes, Rank{kNodesSection, record_, kNodeAttributes},
                         [&] { return NodePtr() + "/attributes"; }))
        return;
      break;
    case Field::kMentions:
      if (EnterContainer(v, object, false, Kind::kMentions, Rank{kNodesSection, record_, kNodeMentions},
                         [&] { return NodePtr() + "/mentions"; }))
        return;
      break;
    default:
      break;
  }
  if (target) {
    TakeString(v, *target, Rank{kNodesSection, record_, rank}, [&] { return NodePtr() + "/" + FieldName(f); });
    if (f == Field::kId || f == Field::kName) {
      CheckName(*target, Rank{kNodesSection, record_, rank}, [&] { return NodePtr() + "/" + FieldName(f); });
    }
  }
  if (container) Skip();
}

void GraphReader::AttributeValue(const Scalar* v) {
  Attributes& attrs =
      stack_[stack_.size() - 2].kind == Kind::kNode ? node_.attributes : edge_.attributes;
  if (v && v->string) {
    attrs.emplace_hint(attrs.end(), attr_name_, std::string(*v->string));
  } else if (v && v->number) {
    attrs.emplace_hint(attrs.end(), attr_name_, v->number->AsDouble());
  } else if (v && v->boolean) {
    attrs.emplace_hint(attrs.end(), attr_name_, *v->boolean);
  } else {
    const uint32_t member = stack_.back().index;
    const bool in_node = &attrs == &node_.attributes;
    Fail(
        in_node ? Rank{kNodesSection, record_, kNodeAttributes, member}
                : Rank{kEdgesSection, record_, kEdgeAttributes, member},
        [&] { return (in_node ? NodePtr() : EdgePtr()) + "/attributes/" + attr_name_; },
        "attribute values must be strings, numbers or booleans");
  }
}

void GraphReader::MentionValue(Field f, const Scalar* v) {
  Mention& m = node_.mentions.back();
  switch (f) {
    case Field::kDoc:
      has_doc_ = true;
      TakeString(v, m.doc, Rank{kNodesSection, record_, kNodeMentions, item_, kMentionDoc},
                 [&] { return MentionPtr() + "/doc"; });
      break;
    case Field::kStart:
      start_.Set(v ? v->number : nullptr);
      break;
    case Field::kEnd:
      end_.Set(v ? v->number : nullptr);
      break;
    case Field::kRule:
      TakeString(v, m.rule, Rank{kNodesSection, record_, kNodeMentions, item_, kMentionRule},
                 [&] { return MentionPtr() + "/rule"; });
      break;
    default:
      break;
  }
}

void GraphReader::EdgeValue(Field f, const Scalar* v, bool object) {
  const bool container = v == nullptr;
  std::string* target = nullptr;
  uint32_t rank = 0;
  switch (f) {
    case Field::kSource:
      target = &source_, rank = kEdgeSource, has_source_ = true;
      break;
    case Field::kTarget:
      target = &target_, rank = kEdgeTarget, has_target_ = true;
      break;
    case Field::kRelation:
      target = &edge_.relation, rank = kEdgeRelation, has_relation_ = true;
      break;
    case Field::kWeight:
      if (v && v->number) {
        edge_.weight = v->number->AsDouble();
      } else {
        Fail(
            Rank{kEdgesSection, record_, kEdgeWeight}, [&] { return EdgePtr() + "/weight"; },
            "expected a number");
      }
      break;
    case Field::kAttributes:
      if (EnterContainer(v, object, true, Kind::kAttributes, Rank{kEdgesSection, record_, kEdgeAttributes},
                         [&] { return EdgePtr() + "/attributes"; }))
        return;
      break;
    case Field::kEvidence:
      if (EnterContainer(v, object, false, Kind::kEvidences, Rank{kEdgesSection, record_, kEdgeEvidence},
                         [&] { return EdgePtr() + "/evidence"; }))
        return;
      break;
    default:
      break;
  }
  if (target) {
    TakeString(v, *target, Rank{kEdgesSection, record_, rank}, [&] { return EdgePtr() + "/" + FieldName(f); });
  }
  if (container) Skip();
}

void GraphReader::EvidenceValue(Field f, const Scalar* v) {
  Evidence& ev = edge_.evidence.back();
  std::string* target = nullptr;
  uint32_t rank = 0;
  switch (f) {
    case Field::kDoc:
      target = &ev.doc, rank = kEvidenceDoc;
      break;
    case Field::kStart:
      start_.Set(v ? v->number : nullptr);
      return;
    case Field::kEnd:
      end_.Set(v ? v->number : nullptr);
      return;
    case Field::kRule:
      target = &ev.rule, rank = kEvidenceRule;
      break;
    case Field::kSource:
      target = &ev.source, rank = kEvidenceSource;
      break;
    case Field::kText:
      target = &ev.text, rank = kEvidenceText;
      break;
    default:
      return;
  }
  TakeString(v, *target, Rank{kEdgesSection, record_, kEdgeEvidence, item_, rank},
             [&] { return EvidencePtr() + "/" + FieldName(f); });
}

void GraphReader::OnEnd() {
  if (skip_ > 0) {
    --skip_;
    return;
  }
  const Kind kind = stack_.back().kind;
  stack_.pop_back();
  switch (kind) {
    case Kind::kDocuments:
      documents_done_ = true;
      break;
    case Kind::kNodes:
      nodes_done_ = true;
      for (auto& p : pending_edges_) ResolveEdge(p.index, p.source, p.target, std::move(p.edge));
      pending_edges_.clear();
      break;
    case Kind::kEdges:
      FlushQueue();
      break;
    case Kind::kDocument:
      EndDocument();
      break;
    case Kind::kNode:
      EndNode();
      break;
    case Kind::kMention:
      EndMention();
      break;
    case Kind::kEdge:
      EndEdge();
      break;
    case Kind::kEvidence:
      EndEvidence();
      break;
    default:
      break;
  }
}

void GraphReader::EndDocument() {
  if (!has_id_) {
    Fail(
        Rank{kDocumentsSection, record_, 1}, [&] { return DocPtr() + "/id"; }, "missing field");
    return;
  }
  if (!document_ids_.insert(doc_.id).second) {
    Fail(
        Rank{kDocumentsSection, record_, kDocDuplicate}, [&] { return DocPtr() + "/id"; },
        "duplicate document id " + doc_.id);
    return;
  }
  if (has_chars_) document_chars_.emplace(doc_.id, doc_.chars);
  graph_.documents.push_back(std::move(doc_));
}

// The message when [start, end) of `doc` reaches past the document's stated length (a mention
// past the text would be read out of bounds by whoever shows it); nullopt when it fits or the
// length is not known (yet).
// Fails when `end` lies past the text of `doc`; before the documents are read, remembers the
// largest end per document so that the same file fails whatever the order of its sections.
void GraphReader::CheckEnd(const std::string& doc, uint64_t end, const Rank& rank,
                           std::string (GraphReader::*ptr)() const) {
  if (documents_done_) {
    if (auto past = PastTheText(doc, end)) {
      Fail(
          rank, [&] { return (this->*ptr)() + "/end"; }, *past);
    }
    return;
  }
  auto [it, inserted] = pending_ends_.try_emplace(doc);
  if (inserted || end > it->second.end || (end == it->second.end && rank < it->second.rank)) {
    it->second = PendingEnd{end, rank, (this->*ptr)() + "/end"};
  }
}

std::optional<std::string> GraphReader::PastTheText(const std::string& doc, uint64_t end) const {
  auto it = document_chars_.find(doc);
  if (it == document_chars_.end() || end <= it->second) return std::nullopt;
  return fmt::format("{} is past the end of document {} ({} code points)", end, doc, it->second);
}

// `doc` is named at `rank`: unknown documents are reported, now or once the documents are read.
void GraphReader::CheckDocument(const std::string& doc, const Rank& rank,
                                std::string (GraphReader::*ptr)() const) {
  if (!last_known_doc_.empty() && doc == last_known_doc_) return;
  if (documents_done_) {
    if (document_ids_.count(doc)) {
      last_known_doc_ = doc;
    } else {
      Fail(
          rank, [&] { return (this->*ptr)() + "/doc"; }, "unknown document " + doc);
    }
    return;
  }
  if (!Wants(rank)) return;
  auto [it, inserted] = pending_docs_.try_emplace(doc);
  if (inserted || rank < it->second.rank) it->second = PendingDoc{rank, (this->*ptr)() + "/doc"};
}

void GraphReader::EndMention() {
  Mention& m = node_.mentions.back();
  auto rank = [&](uint32_t field) {
    return Rank{kNodesSection, record_, kNodeMentions, item_, field};
  };
  if (!has_doc_)
    Fail(
        rank(kMentionDoc), [&] { return MentionPtr() + "/doc"; }, "missing field");
  if (const char* p = start_.Problem()) {
    Fail(
        rank(kMentionStart), [&] { return MentionPtr() + "/start"; }, p);
  }
  if (const char* p = end_.Problem()) {
    Fail(
        rank(kMentionEnd), [&] { return MentionPtr() + "/end"; }, p);
  }
  m.start = start_.value;
  m.end = end_.value;
  if (start_.state == OffsetField::kOk && end_.state == OffsetField::kOk && m.end < m.start) {
    Fail(
        rank(kMentionOrder), [&] { return MentionPtr() + "/end"; }, "end is before start");
  }
  if (has_doc_ && end_.state == OffsetField::kOk) {
    CheckEnd(m.doc, m.end, rank(kMentionEnd), &GraphReader::MentionPtr);
  }
  if (has_doc_) CheckDocument(m.doc, rank(kMentionUnknownDoc), &GraphReader::MentionPtr);
}

void GraphReader::EndEvidence() {
  Evidence& ev = edge_.evidence.back();
  if (ev.doc.empty()) return;  // a schema fact: offsets are not read
  auto rank = [&](uint32_t field) {
    return Rank{kEdgesSection, record_, kEdgeEvidence, item_, field};
  };
  if (const char* p = start_.Problem()) {
    Fail(
        rank(kEvidenceStart), [&] { return EvidencePtr() + "/start"; }, p);
  }
  if (const char* p = end_.Problem()) {
    Fail(
        rank(kEvidenceEnd), [&] { return EvidencePtr() + "/end"; }, p);
  }
  ev.start = start_.value;
  ev.end = end_.value;
  if (end_.state == OffsetField::kOk) {
    CheckEnd(ev.doc, ev.end, rank(kEvidenceEnd), &GraphReader::EvidencePtr);
  }
  CheckDocument(ev.doc, rank(kEvidenceUnknownDoc), &GraphReader::EvidencePtr);
}

void GraphReader::EndNode() {
  if (!has_id_)
    Fail(
        Rank{kNodesSection, record_, kNodeId}, [&] { return NodePtr() + "/id"; }, "missing field");
  if (!has_name_)
    Fail(
        Rank{kNodesSection, record_, kNodeName}, [&] { return NodePtr() + "/name"; },
        "missing field");
  if (!has_type_)
    Fail(
        Rank{kNodesSection, record_, kNodeType}, [&] { return NodePtr() + "/type"; },
        "missing field");
  if (!has_id_) return;
  // The node is moved into the graph: drop the spare room its lists grew while being read.
  node_.aliases.shrink_to_fit();
  node_.mentions.shrink_to_fit();
  if (!graph_.TryAddNode(std::move(node_))) {
    Fail(
        Rank{kNodesSection, record_, kNodeDuplicate}, [&] { return NodePtr() + "/id"; },
        "duplicate node id " + node_.id);
  }
}

void GraphReader::EndEdge() {
  if (!has_source_)
    Fail(
        Rank{kEdgesSection, record_, kEdgeSource}, [&] { return EdgePtr() + "/source"; },
        "missing field");
  if (!has_target_)
    Fail(
        Rank{kEdgesSection, record_, kEdgeTarget}, [&] { return EdgePtr() + "/target"; },
        "missing field");
  if (!has_relation_)
    Fail(
        Rank{kEdgesSection, record_, kEdgeRelation}, [&] { return EdgePtr() + "/relation"; },
        "missing field");
  if (!has_source_ || !has_target_) return;
  edge_.evidence.shrink_to_fit();  // moved into the graph later: no spare room
  if (!nodes_done_) {
    pending_edges_.push_back(PendingEdge{record_, source_, target_, std::move(edge_)});
    return;
  }
  QueueEdge();
}

// Queues the edge just read (its fields are swapped out, so their buffers are reused) and moves
// the queued ones a stage on: a random target costs three cache misses (slot, node, id bytes),
// which overlap when each is prefetched a few edges ahead of the one that needs it.
void GraphReader::QueueEdge() {
  if (queue_end_ - queue_begin_ == kLookahead) ResolveQueued();
  const NodeIdIndex& ids = graph_.id_index();
  const BoostGraph& g = graph_.g();
  QueuedEdge& q = queue_[queue_end_ % kLookahead];
  q.index = record_;
  q.source.swap(source_);
  q.target.swap(target_);
  q.edge = std::move(edge_);
  q.hash = NodeIdIndex::Hash(q.target);
  q.candidate.reset();
  ids.PrefetchSlot(q.hash);
  ++queue_end_;
  constexpr size_t kSlotAge = kLookahead / 3, kNodeAge = 2 * kLookahead / 3;
  if (queue_end_ - queue_begin_ > kSlotAge) {  // its slot has arrived: prefetch the node
    QueuedEdge& older = queue_[(queue_end_ - 1 - kSlotAge) % kLookahead];
    older.candidate = ids.Candidate(older.hash);
    if (older.candidate) __builtin_prefetch(&g[*older.candidate].id);
  }
  if (queue_end_ - queue_begin_ > kNodeAge) {  // its node has arrived: prefetch the id bytes
    const QueuedEdge& older = queue_[(queue_end_ - 1 - kNodeAge) % kLookahead];
    if (older.candidate) __builtin_prefetch(g[*older.candidate].id.data());
  }
}

void GraphReader::ResolveQueued() {
  QueuedEdge& q = queue_[queue_begin_++ % kLookahead];
  ResolveEdge(q.index, q.source, q.target, std::move(q.edge), q.hash);
}

void GraphReader::ResolveEdge(uint32_t index, const std::string& source, const std::string& target,
                              Edge&& e, std::optional<uint64_t> target_hash) {
  // Edges come sorted by source: the previous edge's source, or the next node, is usually it.
  std::optional<Vertex> s;
  if (last_source_ && graph_.node(*last_source_).id == source) {
    s = last_source_;
  } else if (last_source_ && *last_source_ + 1 < graph_.node_count() &&
             graph_.node(*last_source_ + 1).id == source) {
    s = *last_source_ + 1;
  } else {
    s = graph_.FindById(source);
  }
  if (!s) {
    Fail(
        Rank{kEdgesSection, index, kEdgeUnknownSource},
        [&] { return fmt::format("/edges/{}/source", index); }, "unknown node id " + source);
    return;
  }
  last_source_ = s;
  auto t = target_hash ? graph_.id_index().Find(target, *target_hash, graph_.g())
                       : graph_.FindById(target);
  if (!t) {
    Fail(
        Rank{kEdgesSection, index, kEdgeUnknownTarget},
        [&] { return fmt::format("/edges/{}/target", index); }, "unknown node id " + target);
    return;
  }
  AddEdge(*s, *t, std::move(e));
}

void GraphReader::AddEdge(Vertex s, Vertex t, Edge&& e) {
  if (resolved_.empty() || resolved_.back().size() == kChunk) {
    resolved_.emplace_back();
    resolved_.back().reserve(kChunk);
  }
  resolved_.back().push_back(
      ResolvedEdge{static_cast<uint32_t>(s), static_cast<uint32_t>(t), std::move(e)});
  if (nodes_done_ && resolved_.back().size() == kChunk) {  // every vertex exists: build beside
    for (auto& chunk : resolved_) HandOff(std::move(chunk));
    resolved_.clear();
  }
}

void GraphReader::HandOff(std::vector<ResolvedEdge>&& chunk) {
  {
    std::lock_guard<std::mutex> lock(edge_mutex_);
    edge_chunks_.push_back(std::move(chunk));
  }
  edge_chunk_ready_.notify_one();
  if (!edge_builder_.joinable()) edge_builder_ = std::thread([this] { RunEdgeBuilder(); });
}

// The edge builder thread: adds handed-off chunks in order. It touches only the vertices' edge
// lists and the edge list, never what the parsing thread reads (node properties, the id index).
void GraphReader::RunEdgeBuilder() {
  try {
    for (;;) {
      std::vector<ResolvedEdge> chunk;
      {
        std::unique_lock<std::mutex> lock(edge_mutex_);
        edge_chunk_ready_.wait(
            lock, [&] { return !edge_chunks_.empty() || edges_closed_ || edges_abandoned_; });
        if (edges_abandoned_ || edge_chunks_.empty()) return;
        chunk = std::move(edge_chunks_.front());
        edge_chunks_.pop_front();
      }
      AddChunk(chunk);
    }
  } catch (...) {
    edge_builder_error_ = std::current_exception();  // rethrown by TakeGraph, after the join
  }
}

// Closes the hand-off (abandon: drops what is queued) and waits for the builder thread.
void GraphReader::StopEdgeBuilder(bool abandon) {
  if (!edge_builder_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(edge_mutex_);
    edges_closed_ = true;
    edges_abandoned_ = edges_abandoned_ || abandon;
  }
  edge_chunk_ready_.notify_one();
  edge_builder_.join();
}

// Adds one chunk of edges in order, a target's in-edge list prefetched a few edges ahead.
void GraphReader::AddChunk(std::vector<ResolvedEdge>& chunk) {
  BoostGraph& g = graph_.g();
  constexpr size_t kAhead = 8;
  for (size_t i = 0; i < chunk.size(); ++i) {
    if (i + 2 * kAhead < chunk.size())
      __builtin_prefetch(&in_edge_list(g, chunk[i + 2 * kAhead].target));
    if (i + kAhead < chunk.size()) {
      const auto& list = in_edge_list(g, chunk[i + kAhead].target);
      __builtin_prefetch(list.data() + list.size(), 1);
    }
    AddEdgeNow(chunk[i].source, chunk[i].target, std::move(chunk[i].edge));
  }
  std::vector<ResolvedEdge>().swap(chunk);
}

// Adds the resolved edges not handed to the builder thread, in file order, as they were read:
// every out- and in-edge list is sized first (no regrowth).
void GraphReader::BuildEdges() {
  BoostGraph& g = graph_.g();
  const size_t n = graph_.node_count();
  {
    std::vector<uint32_t> out(n), in(n);
    for (const auto& chunk : resolved_) {
      for (const ResolvedEdge& r : chunk) ++out[r.source], ++in[r.target];
    }
    for (size_t v = 0; v < n; ++v) {
      if (out[v]) g.out_edge_list(v).reserve(out[v]);
      if (in[v]) in_edge_list(g, v).reserve(in[v]);
    }
  }
  for (auto& chunk : resolved_) AddChunk(chunk);
  resolved_.clear();
}

void GraphReader::AddEdgeNow(Vertex s, Vertex t, Edge&& e) {
  if (edges_sorted_) {
    if (!have_last_ || std::tie(last_s_, last_relation_, last_t_) < std::tie(s, e.relation, t)) {
      last_s_ = s, last_t_ = t, last_relation_ = e.relation;
      have_last_ = true;
      graph_.AddEdgeUnchecked(s, t, std::move(e));
      return;
    }
    edges_sorted_ = false;  // from here on, look every edge up
    const auto& g = graph_.g();
    for (auto [it, end] = boost::edges(g); it != end; ++it) {
      edge_keys_.emplace(boost::source(*it, g), boost::target(*it, g), RelationId(g[*it].relation));
    }
  }
  if (edge_keys_.emplace(s, t, RelationId(e.relation)).second) {
    graph_.AddEdgeUnchecked(s, t, std::move(e));
  } else {
    // Files we write hold each (source, relation, target) once; a repeated one is merged.
    const double weight = e.weight;
    auto ed = graph_.AddOrMergeEdge(s, t, std::move(e));
    graph_.edge(ed).weight = weight;
  }
}

std::optional<Error> GraphReader::FinishChecks() {
  FlushQueue();
  if (!seen_format_) {
    Fail(
        Rank{1}, [] { return std::string("/format"); }, "missing field");
  } else if (format_is_string_ && format_ != "policykg") {
    Fail(
        Rank{1}, [] { return std::string("/format"); },
        fmt::format("expected \"policykg\", got \"{}\"", format_));
  }
  if (!seen_version_) {
    Fail(
        Rank{2}, [] { return std::string("/version"); }, "missing field");
  } else if (version_is_unsigned_ && version_ != 1) {
    Fail(
        Rank{2}, [] { return std::string("/version"); },
        fmt::format("unsupported version {}", version_));
  }
  if (!seen_documents_)
    Fail(
        Rank{3, 0}, [] { return std::string("/documents"); }, "missing field");
  if (!seen_nodes_)
    Fail(
        Rank{3, 1}, [] { return std::string("/nodes"); }, "missing field");
  if (!seen_edges_)
    Fail(
        Rank{3, 2}, [] { return std::string("/edges"); }, "missing field");
  for (const auto& entry : pending_ends_) {
    const auto& pending = entry.second;
    if (auto past = PastTheText(entry.first, pending.end)) {
      Fail(
          pending.rank, [&] { return pending.pointer; }, *past);
    }
  }
  for (const auto& entry : pending_docs_) {  // not a structured binding: clang 14 cannot capture one
    const auto& pending = entry.second;
    if (!document_ids_.count(entry.first)) {
      Fail(
          pending.rank, [&] { return pending.pointer; }, "unknown document " + entry.first);
    }
  }
  return error_;
}

KnowledgeGraph GraphReader::TakeGraph() {
  if (edge_builder_.joinable()) {  // the rest goes the same way, in order
    for (auto& chunk : resolved_) HandOff(std::move(chunk));
    resolved_.clear();
    StopEdgeBuilder(/*abandon=*/false);
    if (edge_builder_error_) std::rethrow_exception(edge_builder_error_);
  } else {
    BuildEdges();
  }
  return std::move(graph_);
}

}  // namespace

Result<KnowledgeGraph> ParseGraphJson(std::string_view json, const std::string& origin) {
  GraphReader reader(origin);
  POLICYKG_RETURN_IF_ERROR(ParseJsonSax(json, origin, reader));
  if (auto error = reader.FinishChecks()) return *std::move(error);
  return reader.TakeGraph();
}

Result<KnowledgeGraph> LoadGraph(const std::string& path) {
  const std::string origin = path == "-" ? "<stdin>" : path;
  // Standard input through /dev/stdin: what it is (a pipe, a file, /dev/zero) decides, as for a
  // named file, so `query - < /dev/zero` is refused instead of read until memory runs out.
  auto bytes = FileBytes::Open(path == "-" ? "/dev/stdin" : path);
  if (!bytes.ok()) {
    Error error = bytes.error();
    if (path == "-") error.file = origin;
    return error;
  }
  FileBytes file = std::move(bytes).value();
  GraphReader reader(origin);
  POLICYKG_RETURN_IF_ERROR(ParseJsonSax(file.view(), origin, reader));
  if (auto error = reader.FinishChecks()) return *std::move(error);
  // The text is no longer needed: free it before the edges are added.
  file.Release();
  return reader.TakeGraph();
}

}  // namespace policykg::graph
