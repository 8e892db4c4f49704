// The graph snapshot: a compact binary copy of a graph JSON file that loads without parsing JSON.
// `policykg build -o G.kg.json` writes G.kg.pkgs beside it (SnapshotPathFor); `query`, `render`,
// `export` and `eval` given G.kg.json read the snapshot instead when it was made from exactly
// those JSON bytes (size and XXH64 recorded in it), and read the JSON otherwise (a one-line note
// says why when a snapshot is there but not used). A snapshot path may also be given directly.
// The JSON stays the interchange format; the snapshot is a cache of it, never its only copy.
//
// Contract: a graph loaded from the snapshot is the graph the JSON reader gives for the JSON it
// was made from (same documents, nodes, edges and order, so the same answers and output bytes).
// Reading validates everything before any of it is used: magic, version, size, checksum, every
// count, offset, length and index, UTF-8 of every string, and the JSON reader's own rules (unique
// document and node ids, known documents, offsets inside the document, no control characters in
// node ids, names and aliases, no edge twice). Any violation is an Error
// naming the file and what is wrong; a corrupt, truncated or hostile file never crashes the reader.
// The file is read into memory, not mapped: a snapshot truncated by another process while mapped
// would end the process with SIGBUS (the same reason the JSON is read, not mapped). `query` reads
// it in place (GraphView, graph_view.h): nothing is decoded per node or edge.
//
// Layout (version 2; version 1 had no KEYS section). Integers are little-endian, doubles IEEE-754 binary64 bit patterns; nothing
// is aligned. A string is a u32 index into the string table. Ranges of a record's items are given
// by cumulative ends (item i of a list of records owns [end[i-1], end[i]), end[-1] = 0).
//
//   header, 48 bytes:
//     0   magic "\x89PKGS\r\n\x1a" (8 bytes)
//     8   u32 version (1)
//     12  u32 flags (0)
//     16  u64 file size in bytes
//     24  u64 checksum: XXH64, seed 0, of bytes [32, file size)
//     32  u64 size of the JSON file this snapshot was made from (0: none recorded)
//     40  u64 XXH64 of that JSON file
//   then 11 sections in this order, each a u32 tag (ASCII, e.g. "STRS"), u32 0, u64 body length,
//   and a body of exactly that length:
//     STRS strings:   u64 n; u64 end[n] (byte ends in the blob, non-decreasing); the blob
//     RELS relations: u32 n; string[n] (distinct relation names; relation ids are indexes here)
//     TYPS types:     u32 n; string[n] (distinct node types)
//     DOCS documents: u32 n; n × {string id, path, title, sha256, encoding, region, text; u64
//     chars} NODS nodes:     u32 n; n × {string id, name; u32 type; u64 alias_end, attribute_end,
//                     mention_end}
//     EDGS edges:     u32 n; n × {u32 source node, target node, relation; f64 weight;
//                     u64 attribute_end, evidence_end}; in the order the JSON reader adds them
//                     (file order: by source, relation name, target in the files policykg
//                     writes); no (source, relation, target) twice
//     ALIS aliases:   u64 n; string[n]
//     ATTR attributes of nodes, then of edges (edge ends continue from the last node end):
//                     u64 n; n × {string key; u8 kind (0 text, 1 number, 2 flag); u64 value
//                     (string / f64 bits, finite / 0 or 1)}; keys of one record strictly ascending
//     MENT mentions:  u64 n; n × {string doc; u32 start, end; string rule}
//     EVID evidence:  u64 n; n × {string doc; u32 start, end; string rule, source, text}
//     KEYS name keys (text::NameKey, for look-ups by name): u32 node count; per node {string
//                     id key, name key}; u64 alias count; per alias its string key; then three
//                     lists (keys of ids, of names, of aliases), each u64 n and n × {string key;
//                     u32 node}, sorted by key bytes then node, no pair twice
//   The file ends with the last section. Writing is deterministic: strings are numbered in order of
//   first use (documents, nodes, edges, in that order), so the same graph gives the same bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "graph/json_io.h"
#include "graph/model.h"

namespace policykg::graph {

inline constexpr std::string_view kSnapshotMagic{"\x89PKGS\r\n\x1a", 8};
inline constexpr uint32_t kSnapshotVersion = 2;
inline constexpr size_t kSnapshotHeaderSize = 48;

// "G.kg.json" -> "G.kg.pkgs"; a path not ending in ".json" gets ".pkgs" appended.
std::string SnapshotPathFor(const std::string& json_path);

// True when `bytes` start with the snapshot magic.
bool IsSnapshot(std::string_view bytes);
// Whether a regular file starts with the snapshot magic; an error for anything else (a pipe is
// not read, so as not to consume it).
Result<bool> IsSnapshotFile(const std::string& path);

// What the header says. ReadSnapshotHeader checks magic, version and that `file_size` is at least
// the header's size; not the checksum (ParseSnapshot does).
struct SnapshotHeader {
  uint32_t version = 0;
  uint64_t file_size = 0;
  uint64_t checksum = 0;
  uint64_t json_size = 0;
  uint64_t json_hash = 0;
};
Result<SnapshotHeader> ReadSnapshotHeader(std::string_view bytes, const std::string& origin);

// Collects a graph record by record, as the JSON reader would read it back from the JSON written
// from the same records (GraphJsonWriter hands them over when WriteOptions::snapshot is set), and
// serializes it. Call AddDocuments once, then AddNode for every node in file order, then AddEdge
// for every edge in file order; then Serialize.
class SnapshotWriter {
 public:
  SnapshotWriter();
  ~SnapshotWriter();
  SnapshotWriter(const SnapshotWriter&) = delete;
  SnapshotWriter& operator=(const SnapshotWriter&) = delete;

  // `embed_text` false leaves document texts out, as WriteOptions::embed_text does.
  void AddDocuments(const std::vector<Document>& documents, bool embed_text);
  void AddNode(const Node& node);
  // Evidence with a document span and no text takes the span's text from `texts` (may be null),
  // as GraphJsonWriter writes it. An end node not among the nodes added is an error (status()).
  void AddEdge(const EdgeRecord& record, const DocumentTexts* texts);
  // The same with the ends given as node numbers (in the order AddNode saw them): no look-up;
  // the relation, weight and attributes from `edge`, the evidence from `evidence`.
  void AddEdgeBetween(uint32_t source, uint32_t target, const Edge& edge,
                      const EvidenceList& evidence, const DocumentTexts* texts) {
    AddEdgeBetween(source, target, edge.relation, edge.weight, edge.attributes, evidence, texts);
  }
  void AddEdgeBetween(uint32_t source, uint32_t target, std::string_view relation, double weight,
                      const Attributes& attributes, const EvidenceList& evidence, const DocumentTexts* texts);
  // The first error met while adding records (the snapshot is then not to be written).
  Status status() const { return error_ ? Status(*error_) : Status::Ok(); }

  // The snapshot's bytes, recording the JSON it stands for (size and Hash64; 0, 0 for none).
  std::string Serialize(uint64_t json_size, uint64_t json_hash) const;

 private:
  struct Attribute {
    uint32_t key;
    uint8_t kind;
    uint64_t value;
  };
  // The id of `s`, interned if new; Find: nullopt when not interned.
  uint32_t Str(std::string_view s);
  std::optional<uint32_t> Find(std::string_view s, uint64_t hash) const;
  void Rehash(size_t capacity);
  void AddAttributes(const Attributes& attributes);

  // A copy of `s` that lives as long as the writer: in 1 MiB chunks (no allocation per string),
  // or a block of its own when long.
  std::string_view Store(std::string_view s);

  // Interned strings: views into `chunks_`, numbered in order of first use.
  std::vector<std::unique_ptr<char[]>> chunks_;
  char* chunk_ = nullptr;  // free room of the current chunk
  size_t chunk_left_ = 0;
  // Open addressing: (high 32 bits of the string's Hash64, id + 1) per slot, 0 = empty; a
  // power-of-two size, at most half full.
  std::vector<uint64_t> slots_;
  std::vector<std::string_view> strings_;
  std::vector<uint64_t> hashes_;                                    // per string id
  std::unordered_map<uint32_t, uint32_t> relation_ids_, type_ids_;  // name's string id -> id
  std::vector<uint32_t> relations_, types_;                         // string ids
  std::vector<uint32_t> node_of_string_;  // string id -> index of the node with that id, or ~0
  std::string docs_, nodes_, edges_, aliases_, attributes_, mentions_, evidence_;
  std::string node_keys_, alias_keys_;  // KEYS: per node {id key, name key}; per alias its key
  std::vector<std::pair<uint32_t, uint32_t>> key_pairs_[3];  // {key string, node} per key list
  uint32_t doc_count_ = 0, node_count_ = 0, edge_count_ = 0;
  uint64_t alias_count_ = 0, attribute_count_ = 0, mention_count_ = 0, evidence_count_ = 0;
  std::optional<Error> error_;
};

// The snapshot of `graph` (as WriteGraphJson would write it, read back), recording the JSON given.
std::string SerializeSnapshot(const KnowledgeGraph& graph, uint64_t json_size = 0,
                              uint64_t json_hash = 0, bool embed_text = true);

// Writes `bytes` to `path` atomically (temp file + rename; see WriteFileAtomic).
Status SaveSnapshot(const std::string& bytes, const std::string& path);

// Validates and decodes a snapshot held in memory; `origin` names it in errors. `header`, when
// given, receives its header.
Result<KnowledgeGraph> ParseSnapshot(std::string_view bytes, const std::string& origin,
                                     SnapshotHeader* header = nullptr);
// Reads and decodes a snapshot file.
Result<KnowledgeGraph> LoadSnapshot(const std::string& path);

// Size and Hash64 of a file's bytes, read in pieces (never all in memory).
struct FileDigest {
  uint64_t size = 0;
  uint64_t hash = 0;
};
Result<FileDigest> DigestFile(const std::string& path);

// How LoadGraphFile found its graph.
struct GraphSource {
  std::string snapshot;  // the snapshot read, or empty when the JSON was read
  std::string note;      // why a snapshot beside the JSON was not used (stale, unreadable,
                         // corrupt: one line), empty otherwise
};

// Loads a graph file, "-" = stdin, JSON or snapshot (recognized by its magic bytes, whatever the
// name). Given a JSON file, reads the snapshot beside it (SnapshotPathFor) instead when it records
// exactly this JSON's size and hash and is valid; a missing snapshot is silently skipped, any
// other reason not to use it is said in `source->note` and the JSON is read.
Result<KnowledgeGraph> LoadGraphFile(const std::string& path, GraphSource* source = nullptr);

}  // namespace policykg::graph
