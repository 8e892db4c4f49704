// The graph snapshot: writing (SnapshotWriter), validated reading (ParseSnapshot) and the loader
// that picks the snapshot or the JSON (LoadGraphFile). The layout is in snapshot.h.
#include "graph/snapshot.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <tuple>
#include <unordered_set>

#include "common/file_io.h"
#include "common/hash64.h"
#include "common/utf8.h"

namespace policykg::graph {

namespace {

// Sections, in file order: their tags and names.
enum Section {
  kStrings,
  kRelations,
  kTypes,
  kDocs,
  kNodes,
  kEdges,
  kAliases,
  kAttrs,
  kMentions,
  kEvidence,
  kSectionCount
};
constexpr std::array<std::string_view, kSectionCount> kTags = {
    "STRS", "RELS", "TYPS", "DOCS", "NODS", "EDGS", "ALIS", "ATTR", "MENT", "EVID"};
constexpr std::string_view TagOf(int section) { return kTags[static_cast<size_t>(section)]; }
constexpr const char* kSectionNames[kSectionCount] = {
    "strings", "relations", "types",      "documents", "nodes",
    "edges",   "aliases",   "attributes", "mentions",  "evidence"};

// Record sizes in bytes.
constexpr size_t kDocBytes = 7 * 4 + 8;
constexpr size_t kNodeBytes = 2 * 4 + 4 + 3 * 8;
constexpr size_t kEdgeBytes = 3 * 4 + 8 + 2 * 8;
constexpr size_t kAttrBytes = 4 + 1 + 8;
constexpr size_t kMentionBytes = 4 * 4;
constexpr size_t kEvidenceBytes = 6 * 4;

enum AttrKind : uint8_t { kText = 0, kNumber = 1, kFlag = 2 };

// --- little-endian encoding ---

void PutU32(std::string& out, uint32_t v) {
  char b[4];
  for (int i = 0; i < 4; ++i) b[i] = static_cast<char>(v >> (8 * i));
  out.append(b, 4);
}
void PutU64(std::string& out, uint64_t v) {
  char b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<char>(v >> (8 * i));
  out.append(b, 8);
}
void SetU64(std::string& out, size_t at, uint64_t v) {
  for (int i = 0; i < 8; ++i) out[at + static_cast<size_t>(i)] = static_cast<char>(v >> (8 * i));
}

// One record encoded in place, then appended at once (an append per field costs a call each).
class Rec {
 public:
  Rec& U8(uint8_t v) {
    b_[n_++] = static_cast<char>(v);
    return *this;
  }
  Rec& U32(uint32_t v) {
    for (int i = 0; i < 4; ++i) b_[n_++] = static_cast<char>(v >> (8 * i));
    return *this;
  }
  Rec& U64(uint64_t v) {
    for (int i = 0; i < 8; ++i) b_[n_++] = static_cast<char>(v >> (8 * i));
    return *this;
  }
  void AppendTo(std::string& out) const { out.append(b_, n_); }

 private:
  char b_[40];  // the largest record (a document) is 36 bytes
  size_t n_ = 0;
};

uint32_t GetU32(const char* p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}
uint64_t GetU64(const char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF), ASCII 8 bytes at a time.
bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    if (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        p += 8;
        continue;
      }
    }
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;
    unsigned char lo = 0x80, hi = 0xBF;  // bounds of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (end - p <= n) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (int i = 2; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
    }
    p += n + 1;
  }
  return true;
}

std::string ShortHex(uint64_t v) { return fmt::format("{:016x}", v); }

}  // namespace

std::string SnapshotPathFor(const std::string& json_path) {
  constexpr std::string_view kJson = ".json";
  if (json_path.size() > kJson.size() &&
      std::string_view(json_path).substr(json_path.size() - kJson.size()) == kJson) {
    return json_path.substr(0, json_path.size() - kJson.size()) + ".pkgs";
  }
  return json_path + ".pkgs";
}

bool IsSnapshot(std::string_view bytes) {
  return bytes.size() >= kSnapshotMagic.size() &&
         bytes.substr(0, kSnapshotMagic.size()) == kSnapshotMagic;
}

Result<SnapshotHeader> ReadSnapshotHeader(std::string_view bytes, const std::string& origin) {
  if (!IsSnapshot(bytes)) {
    return MakeFileError(origin, "not a policykg graph snapshot (no \\x89PKGS magic at the start)");
  }
  if (bytes.size() < kSnapshotHeaderSize) {
    return MakeFileError(
        origin, fmt::format("snapshot truncated: {} bytes, shorter than its {}-byte header",
                            bytes.size(), kSnapshotHeaderSize));
  }
  SnapshotHeader h;
  h.version = GetU32(bytes.data() + 8);
  const uint32_t flags = GetU32(bytes.data() + 12);
  h.file_size = GetU64(bytes.data() + 16);
  h.checksum = GetU64(bytes.data() + 24);
  h.json_size = GetU64(bytes.data() + 32);
  h.json_hash = GetU64(bytes.data() + 40);
  if (h.version != kSnapshotVersion) {
    return MakeFileError(origin, fmt::format("unsupported snapshot version {} (this policykg reads "
                                             "version {}); rebuild it with `policykg build`",
                                             h.version, kSnapshotVersion));
  }
  if (flags != 0) return MakeFileError(origin, fmt::format("unknown snapshot flags {:#x}", flags));
  if (h.file_size < kSnapshotHeaderSize) {
    return MakeFileError(origin, fmt::format("snapshot header states a size of {} bytes, shorter "
                                             "than the header",
                                             h.file_size));
  }
  return h;
}

// ---------------------------------------------------------------------------------------------
// Writing

SnapshotWriter::SnapshotWriter() { Str(""); }  // string 0 is the empty string
SnapshotWriter::~SnapshotWriter() = default;

std::string_view SnapshotWriter::Store(std::string_view s) {
  constexpr size_t kChunk = size_t{1} << 20;
  if (s.empty()) return {};
  char* at;
  if (s.size() > kChunk / 8) {  // a block of its own
    chunks_.push_back(std::unique_ptr<char[]>(new char[s.size()]));
    at = chunks_.back().get();
  } else {
    if (chunk_left_ < s.size()) {
      chunks_.push_back(std::unique_ptr<char[]>(new char[kChunk]));  // not zero-filled
      chunk_ = chunks_.back().get();
      chunk_left_ = kChunk;
    }
    at = chunk_;
    chunk_ += s.size();
    chunk_left_ -= s.size();
  }
  std::memcpy(at, s.data(), s.size());
  return std::string_view(at, s.size());
}

void SnapshotWriter::Rehash(size_t capacity) {
  slots_.assign(capacity, 0);
  const size_t mask = capacity - 1;
  for (uint32_t id = 0; id < strings_.size(); ++id) {
    size_t k = hashes_[id] & mask;
    while (slots_[k] != 0) k = (k + 1) & mask;
    slots_[k] = (hashes_[id] >> 32 << 32) | (uint64_t{id} + 1);
  }
}

std::optional<uint32_t> SnapshotWriter::Find(std::string_view s, uint64_t hash) const {
  if (slots_.empty()) return std::nullopt;
  const size_t mask = slots_.size() - 1;
  for (size_t k = hash & mask;; k = (k + 1) & mask) {
    const uint64_t slot = slots_[k];
    if (slot == 0) return std::nullopt;
    const uint32_t id = static_cast<uint32_t>(slot) - 1;
    if ((slot >> 32) == (hash >> 32) && strings_[id] == s) return id;
  }
}

uint32_t SnapshotWriter::Str(std::string_view s) {
  const uint64_t hash = Hash64(s);
  if (auto found = Find(s, hash)) return *found;
  if (strings_.size() >= 0xFFFFFFFEu) throw std::length_error("snapshot: more than 2^32-2 strings");
  const uint32_t id = static_cast<uint32_t>(strings_.size());
  strings_.push_back(Store(s));
  hashes_.push_back(hash);
  if ((strings_.size()) * 2 > slots_.size()) {
    Rehash(std::max<size_t>(1024, slots_.size() * 2));  // places the new string too
  } else {
    const size_t mask = slots_.size() - 1;
    size_t k = hash & mask;
    while (slots_[k] != 0) k = (k + 1) & mask;
    slots_[k] = (hash >> 32 << 32) | (uint64_t{id} + 1);
  }
  return id;
}

void SnapshotWriter::AddAttributes(const Attributes& attributes) {
  for (const auto& [key, value] : attributes) {
    Rec rec;
    rec.U32(Str(key));
    if (const auto* s = std::get_if<std::string>(&value)) {
      rec.U8(kText).U64(Str(*s));
    } else if (const auto* b = std::get_if<bool>(&value)) {
      rec.U8(kFlag).U64(*b ? 1 : 0);
    } else {
      const double d = std::get<double>(value);
      if (!std::isfinite(d)) {  // as the JSON writer writes it, and its reader reads it back
        rec.U8(kText).U64(Str(d != d ? "nan" : d > 0 ? "inf" : "-inf"));
      } else {
        rec.U8(kNumber).U64(std::bit_cast<uint64_t>(d + 0.0));  // -0.0 is written as 0
      }
    }
    rec.AppendTo(attributes_);
    ++attribute_count_;
  }
}

void SnapshotWriter::AddDocuments(const std::vector<Document>& documents, bool embed_text) {
  for (const Document& d : documents) {
    Rec rec;
    for (const std::string* s : {&d.id, &d.path, &d.title, &d.sha256, &d.encoding, &d.region}) {
      rec.U32(Str(*s));
    }
    rec.U32(Str(embed_text ? std::string_view(d.text) : std::string_view())).U64(d.chars);
    rec.AppendTo(docs_);
    ++doc_count_;
  }
}

void SnapshotWriter::AddNode(const Node& node) {
  const uint32_t id = Str(node.id);
  if (node_of_string_.size() <= id) node_of_string_.resize(strings_.size() + 1024, 0xFFFFFFFFu);
  if (node_of_string_[id] == 0xFFFFFFFFu) node_of_string_[id] = node_count_;
  Rec rec;
  rec.U32(id).U32(Str(node.name));
  const uint32_t type_string = Str(node.type);
  auto [type, added] = type_ids_.try_emplace(type_string, static_cast<uint32_t>(types_.size()));
  if (added) types_.push_back(type_string);
  rec.U32(type->second);
  for (const auto& alias : node.aliases) PutU32(aliases_, Str(alias));
  alias_count_ += node.aliases.size();
  AddAttributes(node.attributes);
  for (const Mention& m : node.mentions) {
    Rec mention;
    mention.U32(Str(m.doc)).U32(m.start).U32(m.end).U32(Str(m.rule)).AppendTo(mentions_);
  }
  mention_count_ += node.mentions.size();
  rec.U64(alias_count_).U64(attribute_count_).U64(mention_count_).AppendTo(nodes_);
  ++node_count_;
}

void SnapshotWriter::AddEdge(const EdgeRecord& record, const DocumentTexts* texts) {
  uint32_t ends[2];
  const std::string* ids[2] = {&record.source_id, &record.target_id};
  for (int i = 0; i < 2; ++i) {
    auto s = Find(*ids[i], Hash64(*ids[i]));
    if (!s || *s >= node_of_string_.size() || node_of_string_[*s] == 0xFFFFFFFFu) {
      if (!error_) error_ = MakeError("snapshot: edge end " + *ids[i] + " is no node");
      return;
    }
    ends[i] = node_of_string_[*s];
  }
  const Edge& edge = record.edge;
  Rec rec;
  rec.U32(ends[0]).U32(ends[1]);
  const uint32_t relation_string = Str(edge.relation);
  auto [relation, added] =
      relation_ids_.try_emplace(relation_string, static_cast<uint32_t>(relations_.size()));
  if (added) relations_.push_back(relation_string);
  rec.U32(relation->second).U64(std::bit_cast<uint64_t>(edge.weight + 0.0));
  AddAttributes(edge.attributes);
  for (const Evidence& ev : edge.evidence) {
    Rec item;
    // Offsets of a schema fact (no document) are not written to the JSON, so read back as 0.
    item.U32(Str(ev.doc)).U32(ev.doc.empty() ? 0 : ev.start).U32(ev.doc.empty() ? 0 : ev.end);
    item.U32(Str(ev.rule)).U32(Str(ev.source));
    std::string_view text = ev.text;
    if (text.empty() && !ev.doc.empty() && texts != nullptr)
      text = texts->Span(ev.doc, ev.start, ev.end);
    item.U32(Str(text)).AppendTo(evidence_);
  }
  evidence_count_ += edge.evidence.size();
  rec.U64(attribute_count_).U64(evidence_count_).AppendTo(edges_);
  ++edge_count_;
}

std::string SnapshotWriter::Serialize(uint64_t json_size, uint64_t json_hash) const {
  std::string out;
  uint64_t blob = 0;
  for (std::string_view s : strings_) blob += s.size();
  out.reserve(kSnapshotHeaderSize + 16 * kSectionCount + 8 + 8 * strings_.size() + blob +
              docs_.size() + nodes_.size() + edges_.size() + aliases_.size() + attributes_.size() +
              mentions_.size() + evidence_.size() + 64);
  out.append(kSnapshotMagic);
  PutU32(out, kSnapshotVersion);
  PutU32(out, 0);  // flags
  PutU64(out, 0);  // file size, set below
  PutU64(out, 0);  // checksum, set below
  PutU64(out, json_size);
  PutU64(out, json_hash);
  auto section = [&](int tag, auto&& body) {
    out.append(TagOf(tag));
    PutU32(out, 0);
    const size_t length_at = out.size();
    PutU64(out, 0);
    body();
    SetU64(out, length_at, out.size() - length_at - 8);
  };
  section(kStrings, [&] {
    PutU64(out, strings_.size());
    uint64_t end = 0;
    for (std::string_view s : strings_) PutU64(out, end += s.size());
    for (std::string_view s : strings_) out.append(s);
  });
  auto table = [&](const std::vector<uint32_t>& ids) {
    PutU32(out, static_cast<uint32_t>(ids.size()));
    for (uint32_t id : ids) PutU32(out, id);
  };
  section(kRelations, [&] { table(relations_); });
  section(kTypes, [&] { table(types_); });
  section(kDocs, [&] {
    PutU32(out, doc_count_);
    out.append(docs_);
  });
  section(kNodes, [&] {
    PutU32(out, node_count_);
    out.append(nodes_);
  });
  section(kEdges, [&] {
    PutU32(out, edge_count_);
    out.append(edges_);
  });
  section(kAliases, [&] {
    PutU64(out, alias_count_);
    out.append(aliases_);
  });
  section(kAttrs, [&] {
    PutU64(out, attribute_count_);
    out.append(attributes_);
  });
  section(kMentions, [&] {
    PutU64(out, mention_count_);
    out.append(mentions_);
  });
  section(kEvidence, [&] {
    PutU64(out, evidence_count_);
    out.append(evidence_);
  });
  SetU64(out, 16, out.size());
  SetU64(out, 24, Hash64(std::string_view(out).substr(32)));
  return out;
}

std::string SerializeSnapshot(const KnowledgeGraph& graph, uint64_t json_size, uint64_t json_hash,
                              bool embed_text) {
  SnapshotWriter writer;
  writer.AddDocuments(graph.documents, embed_text);
  for (Vertex v = 0; v < graph.node_count(); ++v) writer.AddNode(graph.node(v));
  // In the order the edges were added (a bidirectional adjacency_list lists its edges so), which
  // read back in that order gives every vertex the same out- and in-edge order: the same answers.
  for (auto [it, end] = boost::edges(graph.g()); it != end; ++it) {
    writer.AddEdge({graph.node(boost::source(*it, graph.g())).id,
                    graph.node(boost::target(*it, graph.g())).id, graph.edge(*it)},
                   nullptr);  // the ends are the graph's own nodes: no error
  }
  return writer.Serialize(json_size, json_hash);
}

Status SaveSnapshot(const std::string& bytes, const std::string& path) {
  return WriteFileAtomic(path, bytes);
}

// ---------------------------------------------------------------------------------------------
// Reading

namespace {

// Decodes and validates one snapshot. Every read goes through a bounds check first; a failure
// sets error_ (the first one wins) and the caller stops.
class SnapshotReader {
 public:
  SnapshotReader(std::string_view bytes, const std::string& origin)
      : bytes_(bytes), origin_(origin) {}

  Result<KnowledgeGraph> Read(SnapshotHeader* header_out);

 private:
  // An error about the byte at `at` of the file.
  Error At(size_t at, std::string message) const {
    Error e = MakeFileError(origin_, std::move(message));
    e.byte_offset = static_cast<int64_t>(at);
    return e;
  }
  Error InSection(int section, std::string message) const {
    return MakeFileError(origin_,
                         fmt::format("snapshot {} section: {}", kSectionNames[section], message));
  }
  size_t Offset(const char* p) const { return static_cast<size_t>(p - bytes_.data()); }

  bool SplitSections();
  bool ReadStrings();
  bool ReadNameTable(int section, std::vector<uint32_t>& names);
  bool ReadDocuments();
  bool ReadNodes();
  bool ReadEdges();

  // The count at the start of a section and where its records start; false (with an error) when
  // count × record bytes does not fill the rest of the section exactly.
  bool Records(int section, bool wide_count, size_t record_bytes, uint64_t& count,
               const char*& records);
  // String index `s` as a view; false (with an error naming `what`) when out of range.
  bool Str(uint32_t s, std::string_view& out, int section, uint64_t record, const char* what);
  // A node id, name or alias: no control or format character.
  bool CheckName(std::string_view name, uint64_t record, const char* what);
  // Index of the document named by string `s`, or -1 when no document has that id.
  int64_t DocumentOf(uint32_t s);
  bool Attributes(uint64_t begin, uint64_t end, graph::Attributes& out, int owner_section,
                  uint64_t record);
  bool CheckRange(uint64_t previous_end, uint64_t end, uint64_t total, int section, uint64_t record,
                  const char* what);

  std::string_view bytes_;
  const std::string& origin_;
  std::optional<Error> error_;
  std::string_view sections_[kSectionCount];
  std::vector<std::string_view> strings_;
  std::vector<uint32_t> relations_, types_;  // string ids
  std::vector<int64_t> doc_of_string_;  // per string: document index, -1 none, -2 not yet known
  std::unordered_map<std::string_view, int64_t> doc_index_;
  // Arrays the nodes and edges index into: start of the records, and count.
  const char* aliases_ = nullptr;
  const char* attrs_ = nullptr;
  const char* mentions_ = nullptr;
  const char* evidence_ = nullptr;
  uint64_t alias_count_ = 0, attr_count_ = 0, mention_count_ = 0, evidence_count_ = 0;
  uint64_t node_attr_end_ = 0;  // edges' attributes start here
  KnowledgeGraph graph_;
};

bool SnapshotReader::SplitSections() {
  size_t pos = kSnapshotHeaderSize;
  for (int s = 0; s < kSectionCount; ++s) {
    if (bytes_.size() - pos < 16) {
      error_ = At(pos, fmt::format("snapshot ends before its {} section", kSectionNames[s]));
      return false;
    }
    const std::string_view tag = bytes_.substr(pos, 4);
    if (tag != TagOf(s) || GetU32(bytes_.data() + pos + 4) != 0) {
      error_ =
          At(pos, fmt::format("expected the {} section (tag {}) here", kSectionNames[s], TagOf(s)));
      return false;
    }
    const uint64_t length = GetU64(bytes_.data() + pos + 8);
    pos += 16;
    if (length > bytes_.size() - pos) {
      error_ = At(pos - 8, fmt::format("{} section length {} runs past the end of the file ({} "
                                       "bytes left)",
                                       kSectionNames[s], length, bytes_.size() - pos));
      return false;
    }
    sections_[s] = bytes_.substr(pos, length);
    pos += length;
  }
  if (pos != bytes_.size()) {
    error_ = At(pos, fmt::format("{} bytes after the last section", bytes_.size() - pos));
    return false;
  }
  return true;
}

bool SnapshotReader::Records(int section, bool wide_count, size_t record_bytes, uint64_t& count,
                             const char*& records) {
  const std::string_view body = sections_[section];
  const size_t count_bytes = wide_count ? 8 : 4;
  if (body.size() < count_bytes) {
    error_ = InSection(section, "too short to hold its count");
    return false;
  }
  count = wide_count ? GetU64(body.data()) : GetU32(body.data());
  const size_t rest = body.size() - count_bytes;
  if (count > rest / record_bytes || count * record_bytes != rest) {
    error_ = InSection(section, fmt::format("count {} of {}-byte records does not match its {} "
                                            "bytes",
                                            count, record_bytes, rest));
    return false;
  }
  records = body.data() + count_bytes;
  return true;
}

bool SnapshotReader::ReadStrings() {
  const std::string_view body = sections_[kStrings];
  if (body.size() < 8) {
    error_ = InSection(kStrings, "too short to hold its count");
    return false;
  }
  const uint64_t n = GetU64(body.data());
  if (n > (body.size() - 8) / 8 || n > 0xFFFFFFFFull) {
    error_ =
        InSection(kStrings, fmt::format("count {} does not fit in its {} bytes", n, body.size()));
    return false;
  }
  const char* ends = body.data() + 8;
  const std::string_view blob = body.substr(8 + 8 * n);
  strings_.reserve(n);
  uint64_t begin = 0;
  for (uint64_t i = 0; i < n; ++i) {
    const uint64_t end = GetU64(ends + 8 * i);
    if (end < begin || end > blob.size()) {
      error_ = InSection(kStrings, fmt::format("string {} ends at {}, outside [{}, {}]", i, end,
                                               begin, blob.size()));
      return false;
    }
    const std::string_view s = blob.substr(begin, end - begin);
    if (!IsValidUtf8(s)) {
      error_ = InSection(kStrings, fmt::format("string {} is not valid UTF-8", i));
      return false;
    }
    strings_.push_back(s);
    begin = end;
  }
  if (begin != blob.size()) {
    error_ =
        InSection(kStrings, fmt::format("{} bytes after the last string", blob.size() - begin));
    return false;
  }
  doc_of_string_.assign(strings_.size(), -2);
  return true;
}

bool SnapshotReader::Str(uint32_t s, std::string_view& out, int section, uint64_t record,
                         const char* what) {
  if (s >= strings_.size()) {
    error_ = InSection(section, fmt::format("record {}: {} string {} out of range ({} strings)",
                                            record, what, s, strings_.size()));
    return false;
  }
  out = strings_[s];
  return true;
}

bool SnapshotReader::CheckName(std::string_view name, uint64_t record, const char* what) {
  if (auto found = FindControlOrFormat(name, /*allow_whitespace=*/true)) {
    error_ = InSection(
        kNodes, fmt::format("node {}: {} holds control or format character U+{:04X} "
                            "at code point {}; names may not hold them",
                            record, what, static_cast<uint32_t>(found->second), found->first));
    return false;
  }
  return true;
}

bool SnapshotReader::ReadNameTable(int section, std::vector<uint32_t>& names) {
  uint64_t n;
  const char* p;
  if (!Records(section, false, 4, n, p)) return false;
  std::unordered_set<std::string_view> seen;
  for (uint64_t i = 0; i < n; ++i) {
    const uint32_t s = GetU32(p + 4 * i);
    std::string_view name;
    if (!Str(s, name, section, i, "name")) return false;
    if (!seen.insert(name).second) {
      error_ = InSection(section, fmt::format("name {} repeated", EscapeControls(name)));
      return false;
    }
    names.push_back(s);
  }
  return true;
}

int64_t SnapshotReader::DocumentOf(uint32_t s) {
  int64_t& cached = doc_of_string_[s];
  if (cached == -2) {
    auto it = doc_index_.find(strings_[s]);
    cached = it == doc_index_.end() ? -1 : it->second;
  }
  return cached;
}

bool SnapshotReader::ReadDocuments() {
  uint64_t n;
  const char* p;
  if (!Records(kDocs, false, kDocBytes, n, p)) return false;
  graph_.documents.reserve(n);
  for (uint64_t i = 0; i < n; ++i, p += kDocBytes) {
    std::string_view f[7];
    static constexpr const char* kFields[7] = {"id",       "path",   "title", "sha256",
                                               "encoding", "region", "text"};
    for (int k = 0; k < 7; ++k) {
      if (!Str(GetU32(p + 4 * k), f[k], kDocs, i, kFields[k])) return false;
    }
    if (!doc_index_.emplace(f[0], static_cast<int64_t>(i)).second) {
      error_ = InSection(kDocs, fmt::format("duplicate document id {}", EscapeControls(f[0])));
      return false;
    }
    Document d;
    d.id = f[0], d.path = f[1], d.title = f[2], d.sha256 = f[3], d.encoding = f[4];
    d.region = f[5], d.text = f[6];
    d.chars = GetU64(p + 28);
    graph_.documents.push_back(std::move(d));
  }
  return true;
}

bool SnapshotReader::CheckRange(uint64_t previous_end, uint64_t end, uint64_t total, int section,
                                uint64_t record, const char* what) {
  if (end < previous_end || end > total) {
    error_ = InSection(section, fmt::format("record {}: {} end {} outside [{}, {}]", record, what,
                                            end, previous_end, total));
    return false;
  }
  return true;
}

bool SnapshotReader::Attributes(uint64_t begin, uint64_t end, graph::Attributes& out,
                                int owner_section, uint64_t record) {
  std::string_view previous;
  for (uint64_t a = begin; a < end; ++a) {
    const char* p = attrs_ + kAttrBytes * a;
    std::string_view key;
    if (!Str(GetU32(p), key, kAttrs, a, "key")) return false;
    if (a > begin && !(previous < key)) {
      error_ = InSection(owner_section, fmt::format("record {}: attribute keys not strictly "
                                                    "ascending at {}",
                                                    record, EscapeControls(key)));
      return false;
    }
    previous = key;
    const uint8_t kind = static_cast<uint8_t>(p[4]);
    const uint64_t value = GetU64(p + 5);
    switch (kind) {
      case kText: {
        if (value > 0xFFFFFFFFull) {
          error_ = InSection(kAttrs, fmt::format("record {}: string {} out of range", a, value));
          return false;
        }
        std::string_view text;
        if (!Str(static_cast<uint32_t>(value), text, kAttrs, a, "value")) return false;
        out.emplace_hint(out.end(), std::string(key), std::string(text));
        break;
      }
      case kNumber: {
        const double d = std::bit_cast<double>(value);
        if (!std::isfinite(d)) {
          error_ = InSection(kAttrs, fmt::format("record {}: number is not finite", a));
          return false;
        }
        out.emplace_hint(out.end(), std::string(key), d);
        break;
      }
      case kFlag:
        if (value > 1) {
          error_ =
              InSection(kAttrs, fmt::format("record {}: flag value {} is not 0 or 1", a, value));
          return false;
        }
        out.emplace_hint(out.end(), std::string(key), value == 1);
        break;
      default:
        error_ = InSection(kAttrs, fmt::format("record {}: unknown value kind {}", a, kind));
        return false;
    }
  }
  return true;
}

bool SnapshotReader::ReadNodes() {
  uint64_t n;
  const char* p;
  if (!Records(kNodes, false, kNodeBytes, n, p)) return false;
  if (!Records(kAliases, true, 4, alias_count_, aliases_)) return false;
  if (!Records(kAttrs, true, kAttrBytes, attr_count_, attrs_)) return false;
  if (!Records(kMentions, true, kMentionBytes, mention_count_, mentions_)) return false;
  // Every vertex's room at once (n is bounded by the section's size): no regrowth, which moves
  // every vertex with its edge lists and properties.
  graph_.g().m_vertices.reserve(n);
  uint64_t alias_end = 0, attr_end = 0, mention_end = 0;
  for (uint64_t i = 0; i < n; ++i, p += kNodeBytes) {
    Node node;
    std::string_view id, name, alias;
    if (!Str(GetU32(p), id, kNodes, i, "id") || !Str(GetU32(p + 4), name, kNodes, i, "name")) {
      return false;
    }
    if (!CheckName(id, i, "id") || !CheckName(name, i, "name")) return false;
    const uint32_t type = GetU32(p + 8);
    if (type >= types_.size()) {
      error_ = InSection(kNodes, fmt::format("record {}: type {} out of range ({} types)", i, type,
                                             types_.size()));
      return false;
    }
    const uint64_t a_end = GetU64(p + 12), t_end = GetU64(p + 20), m_end = GetU64(p + 28);
    if (!CheckRange(alias_end, a_end, alias_count_, kNodes, i, "alias") ||
        !CheckRange(attr_end, t_end, attr_count_, kNodes, i, "attribute") ||
        !CheckRange(mention_end, m_end, mention_count_, kNodes, i, "mention")) {
      return false;
    }
    node.id = id;
    node.name = name;
    node.type = strings_[types_[type]];
    node.aliases.reserve(a_end - alias_end);
    for (uint64_t k = alias_end; k < a_end; ++k) {
      if (!Str(GetU32(aliases_ + 4 * k), alias, kAliases, k, "alias")) return false;
      if (!CheckName(alias, i, "alias")) return false;
      node.aliases.emplace_back(alias);
    }
    if (!Attributes(attr_end, t_end, node.attributes, kNodes, i)) return false;
    node.mentions.reserve(m_end - mention_end);
    for (uint64_t k = mention_end; k < m_end; ++k) {
      const char* m = mentions_ + kMentionBytes * k;
      std::string_view rule;
      const uint32_t doc = GetU32(m);
      if (doc >= strings_.size()) {
        error_ = InSection(kMentions, fmt::format("record {}: doc string {} out of range", k, doc));
        return false;
      }
      if (!Str(GetU32(m + 12), rule, kMentions, k, "rule")) return false;
      const int64_t d = DocumentOf(doc);
      if (d < 0) {
        error_ = InSection(kMentions, fmt::format("record {}: unknown document {}", k,
                                                  EscapeControls(strings_[doc])));
        return false;
      }
      Mention mention{std::string(strings_[doc]), GetU32(m + 4), GetU32(m + 8), std::string(rule)};
      if (mention.end < mention.start) {
        error_ = InSection(kMentions, fmt::format("record {}: end is before start", k));
        return false;
      }
      const uint64_t chars = graph_.documents[static_cast<size_t>(d)].chars;
      if (chars > 0 && mention.end > chars) {
        error_ = InSection(kMentions, fmt::format("record {}: {} is past the end of document {} "
                                                  "({} code points)",
                                                  k, mention.end, mention.doc, chars));
        return false;
      }
      node.mentions.push_back(std::move(mention));
    }
    alias_end = a_end, attr_end = t_end, mention_end = m_end;
    if (!graph_.TryAddNode(std::move(node))) {
      error_ = InSection(kNodes, fmt::format("duplicate node id {}", EscapeControls(id)));
      return false;
    }
  }
  if (alias_end != alias_count_ || mention_end != mention_count_) {
    error_ = InSection(kNodes, "the nodes do not own every alias and mention");
    return false;
  }
  node_attr_end_ = attr_end;
  return true;
}

bool SnapshotReader::ReadEdges() {
  uint64_t n;
  const char* p;
  if (!Records(kEdges, false, kEdgeBytes, n, p)) return false;
  if (!Records(kEvidence, true, kEvidenceBytes, evidence_count_, evidence_)) return false;
  const uint64_t nodes = graph_.node_count();
  struct Checked {
    uint32_t source, target, relation;
  };
  // Pass 1: ends and order, and each node's degree, so that every edge list is sized once.
  {
    std::vector<uint32_t> out(nodes), in(nodes);
    const char* q = p;
    Checked last{};
    bool sorted = true;
    struct KeyHash {
      size_t operator()(const std::tuple<uint32_t, uint32_t, uint32_t>& k) const {
        const uint64_t h =
            (uint64_t{std::get<0>(k)} << 32 | std::get<1>(k)) * 0x9E3779B97F4A7C15ULL;
        return static_cast<size_t>(h ^ (h >> 29) ^
                                   (uint64_t{std::get<2>(k)} * 0xC2B2AE3D27D4EB4FULL));
      }
    };
    using Key = std::tuple<uint32_t, uint32_t, uint32_t>;
    std::unordered_set<Key, KeyHash> keys;  // used once the edges are found out of order
    for (uint64_t i = 0; i < n; ++i, q += kEdgeBytes) {
      const Checked c{GetU32(q), GetU32(q + 4), GetU32(q + 8)};
      if (c.source >= nodes || c.target >= nodes) {
        error_ = InSection(kEdges, fmt::format("record {}: node {} out of range ({} nodes)", i,
                                               c.source >= nodes ? c.source : c.target, nodes));
        return false;
      }
      if (c.relation >= relations_.size()) {
        error_ = InSection(kEdges, fmt::format("record {}: relation {} out of range ({} relations)",
                                               i, c.relation, relations_.size()));
        return false;
      }
      // No (source, relation, target) twice (the JSON reader would merge them): in canonical
      // order (strictly ascending, the files policykg writes) that is a comparison with the last
      // edge; otherwise every edge is looked up in a set from there on.
      if (sorted && i > 0) {
        int order = c.source < last.source ? -1 : c.source > last.source ? 1 : 0;
        if (order == 0 && c.relation != last.relation) {
          order = strings_[relations_[c.relation]] < strings_[relations_[last.relation]] ? -1 : 1;
        }
        if (order == 0) order = c.target < last.target ? -1 : c.target > last.target ? 1 : 0;
        if (order <= 0) {
          sorted = false;
          const char* r = p;
          for (uint64_t k = 0; k < i; ++k, r += kEdgeBytes)
            keys.insert(Key(GetU32(r), GetU32(r + 4), GetU32(r + 8)));
        }
      }
      if (!sorted && !keys.insert(Key(c.source, c.target, c.relation)).second) {
        error_ = InSection(kEdges, fmt::format("record {}: the edge {} -{}-> {} is there twice", i,
                                               c.source, c.relation, c.target));
        return false;
      }
      last = c;
      ++out[c.source], ++in[c.target];
    }
    BoostGraph& g = graph_.g();
    for (Vertex v = 0; v < nodes; ++v) {
      if (out[v]) g.out_edge_list(v).reserve(out[v]);
      if (in[v]) in_edge_list(g, v).reserve(in[v]);
    }
  }
  // Pass 2: the edges. A target's in-edge list is a cache miss (edges come by source): it is
  // prefetched a few edges ahead, as the JSON reader does.
  BoostGraph& g = graph_.g();
  constexpr uint64_t kAhead = 8;
  uint64_t attr_end = node_attr_end_, evidence_end = 0;
  for (uint64_t i = 0; i < n; ++i, p += kEdgeBytes) {
    if (i + 2 * kAhead < n)
      __builtin_prefetch(&in_edge_list(g, GetU32(p + 2 * kAhead * kEdgeBytes + 4)));
    if (i + kAhead < n) {
      const auto& list = in_edge_list(g, GetU32(p + kAhead * kEdgeBytes + 4));
      __builtin_prefetch(list.data() + list.size(), 1);
    }
    const Checked c{GetU32(p), GetU32(p + 4), GetU32(p + 8)};
    Edge edge;
    edge.relation = strings_[relations_[c.relation]];
    edge.weight = std::bit_cast<double>(GetU64(p + 12));
    if (!std::isfinite(edge.weight)) {
      error_ = InSection(kEdges, fmt::format("record {}: weight is not finite", i));
      return false;
    }
    const uint64_t t_end = GetU64(p + 20), e_end = GetU64(p + 28);
    if (!CheckRange(attr_end, t_end, attr_count_, kEdges, i, "attribute") ||
        !CheckRange(evidence_end, e_end, evidence_count_, kEdges, i, "evidence")) {
      return false;
    }
    if (!Attributes(attr_end, t_end, edge.attributes, kEdges, i)) return false;
    edge.evidence.reserve(e_end - evidence_end);
    for (uint64_t k = evidence_end; k < e_end; ++k) {
      const char* r = evidence_ + kEvidenceBytes * k;
      std::string_view f[4];
      static constexpr const char* kFields[4] = {"doc", "rule", "source", "text"};
      static constexpr size_t kAt[4] = {0, 12, 16, 20};
      for (int j = 0; j < 4; ++j) {
        if (!Str(GetU32(r + kAt[j]), f[j], kEvidence, k, kFields[j])) return false;
      }
      Evidence ev{std::string(f[0]), GetU32(r + 4),     GetU32(r + 8),
                  std::string(f[1]), std::string(f[2]), std::string(f[3])};
      if (ev.doc.empty()) {
        if (ev.start != 0 || ev.end != 0) {
          error_ = InSection(kEvidence, fmt::format("record {}: offsets without a document", k));
          return false;
        }
      } else {
        const int64_t d = DocumentOf(GetU32(r));
        if (d < 0) {
          error_ = InSection(
              kEvidence, fmt::format("record {}: unknown document {}", k, EscapeControls(ev.doc)));
          return false;
        }
        const uint64_t chars = graph_.documents[static_cast<size_t>(d)].chars;
        if (chars > 0 && ev.end > chars) {
          error_ = InSection(kEvidence, fmt::format("record {}: {} is past the end of document {} "
                                                    "({} code points)",
                                                    k, ev.end, ev.doc, chars));
          return false;
        }
      }
      edge.evidence.push_back(std::move(ev));
    }
    attr_end = t_end, evidence_end = e_end;
    graph_.AddEdgeUnchecked(c.source, c.target, std::move(edge));
  }
  if (attr_end != attr_count_ || evidence_end != evidence_count_) {
    error_ = InSection(kEdges, "the nodes and edges do not own every attribute and evidence");
    return false;
  }
  return true;
}

Result<KnowledgeGraph> SnapshotReader::Read(SnapshotHeader* header_out) {
  auto header = ReadSnapshotHeader(bytes_, origin_);
  if (!header.ok()) return header.error();
  if (header->file_size != bytes_.size()) {
    return MakeFileError(origin_, fmt::format("snapshot truncated or extended: its header says {} "
                                              "bytes, the file has {}",
                                              header->file_size, bytes_.size()));
  }
  const uint64_t checksum = Hash64(bytes_.substr(32));
  if (checksum != header->checksum) {
    return MakeFileError(origin_,
                         fmt::format("snapshot checksum mismatch (stored {}, computed {}): "
                                     "the file is corrupt; rebuild it",
                                     ShortHex(header->checksum), ShortHex(checksum)));
  }
  if (header_out) *header_out = *header;
  if (SplitSections() && ReadStrings() && ReadNameTable(kRelations, relations_) &&
      ReadNameTable(kTypes, types_) && ReadDocuments() && ReadNodes() && ReadEdges()) {
    return std::move(graph_);
  }
  return *error_;
}

// The first `n` bytes of a regular file (fewer if it is shorter); opened without blocking, so a
// FIFO or device is refused instead of waited on.
Result<std::string> ReadPrefix(const std::string& path, size_t n) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return MakeFileError(path, std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return MakeFileError(path, "not a regular file");
  }
  std::string out(n, '\0');
  size_t got = 0;
  while (got < n) {
    const ssize_t r = ::read(fd, out.data() + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      const int saved = errno;
      ::close(fd);
      return MakeFileError(path, std::strerror(saved));
    }
    if (r == 0) break;
    got += static_cast<size_t>(r);
  }
  ::close(fd);
  out.resize(got);
  return out;
}

bool IsRegularFile(const std::string& path, uint64_t* size = nullptr) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  if (size) *size = static_cast<uint64_t>(st.st_size);
  return true;
}

}  // namespace

Result<bool> IsSnapshotFile(const std::string& path) {
  auto head = ReadPrefix(path, kSnapshotMagic.size());
  if (!head.ok()) return head.error();
  return IsSnapshot(*head);
}

Result<KnowledgeGraph> ParseSnapshot(std::string_view bytes, const std::string& origin,
                                     SnapshotHeader* header) {
  SnapshotReader reader(bytes, origin);
  return reader.Read(header);
}

Result<KnowledgeGraph> LoadSnapshot(const std::string& path) {
  auto bytes = FileBytes::Open(path);
  if (!bytes.ok()) return bytes.error();
  return ParseSnapshot(bytes->view(), path);
}

Result<FileDigest> DigestFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return MakeFileError(path, std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return MakeFileError(path, "not a regular file");
  }
  Hash64Stream hash;
  std::vector<char> buffer(size_t{1} << 20);
  for (;;) {
    const ssize_t r = ::read(fd, buffer.data(), buffer.size());
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      const int saved = errno;
      ::close(fd);
      return MakeFileError(path, std::strerror(saved));
    }
    if (r == 0) break;
    hash.Update(buffer.data(), static_cast<size_t>(r));
  }
  ::close(fd);
  return FileDigest{hash.size(), hash.Digest()};
}

Result<KnowledgeGraph> LoadGraphFile(const std::string& path, GraphSource* source) {
  GraphSource unused;
  if (source == nullptr) source = &unused;
  *source = {};
  uint64_t json_size = 0;
  if (path == "-" || !IsRegularFile(path, &json_size)) {
    // A pipe (or stdin, or whatever LoadGraph refuses): read once, then tell by the first bytes.
    const std::string origin = path == "-" ? "<stdin>" : path;
    auto bytes = FileBytes::Open(path == "-" ? "/dev/stdin" : path);
    if (!bytes.ok()) {
      Error error = bytes.error();
      if (path == "-") error.file = origin;
      return error;
    }
    if (IsSnapshot(bytes->view())) {
      source->snapshot = origin;
      return ParseSnapshot(bytes->view(), origin);
    }
    return ParseGraphJson(bytes->view(), origin);
  }
  auto head = ReadPrefix(path, kSnapshotMagic.size());
  if (head.ok() && IsSnapshot(*head)) {
    source->snapshot = path;
    return LoadSnapshot(path);
  }
  const std::string snapshot = SnapshotPathFor(path);
  if (!head.ok() || ::access(snapshot.c_str(), F_OK) != 0) return LoadGraph(path);
  // A snapshot is there: use it only when it was made from exactly these JSON bytes.
  auto not_used = [&](const std::string& why) {
    source->note = fmt::format("not using the snapshot {}: {}; reading the JSON", snapshot, why);
    return LoadGraph(path);
  };
  auto snapshot_head = ReadPrefix(snapshot, kSnapshotHeaderSize);
  if (!snapshot_head.ok()) return not_used(snapshot_head.error().message);
  auto header = ReadSnapshotHeader(*snapshot_head, snapshot);
  if (!header.ok()) return not_used(header.error().message);
  if (header->json_size != json_size) {
    return not_used(fmt::format("it is stale (made from a {}-byte {}, which now has {} bytes)",
                                header->json_size, path, json_size));
  }
  auto digest = DigestFile(path);
  if (!digest.ok()) return not_used(digest.error().message);
  if (digest->size != header->json_size || digest->hash != header->json_hash) {
    return not_used(fmt::format("it is stale (made from other contents of {})", path));
  }
  auto graph = LoadSnapshot(snapshot);
  if (!graph.ok()) return not_used(graph.error().ToString());
  source->snapshot = snapshot;
  return graph;
}

}  // namespace policykg::graph
