// The graph snapshot: writing (SnapshotWriter), validated reading (ParseSnapshot) and the loader
// that picks the snapshot or the JSON (LoadGraphFile). The layout is in snapshot.h.
#include "graph/snapshot.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "common/file_io.h"
#include "common/hash64.h"
#include "common/utf8.h"
#include "graph/graph_view.h"
#include "graph/snapshot_format.h"
#include "text/normalize.h"

namespace policykg::graph {

using namespace snapshot_format;

namespace {

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

}  // namespace

// ASCII 8 bytes at a time.
bool snapshot_format::IsValidUtf8(std::string_view s) {
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
  const uint32_t id_key = Str(text::NameKey(node.id)), name_key = Str(text::NameKey(node.name));
  PutU32(node_keys_, id_key);
  PutU32(node_keys_, name_key);
  key_pairs_[kIdKeys].emplace_back(id_key, node_count_);
  key_pairs_[kNameKeys].emplace_back(name_key, node_count_);
  for (const auto& alias : node.aliases) {
    PutU32(aliases_, Str(alias));
    const uint32_t alias_key = Str(text::NameKey(alias));
    PutU32(alias_keys_, alias_key);
    key_pairs_[kAliasKeys].emplace_back(alias_key, node_count_);
  }
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
  AddEdgeBetween(ends[0], ends[1], record.relation, record.weight, record.attributes, record.evidence, texts);
}

void SnapshotWriter::AddEdgeBetween(uint32_t source, uint32_t target, std::string_view relation_name,
                                    double weight, const Attributes& attributes, const EvidenceList& evidence,
                                    const DocumentTexts* texts) {
  const uint32_t ends[2] = {source, target};
  Rec rec;
  rec.U32(ends[0]).U32(ends[1]);
  const uint32_t relation_string = Str(relation_name);
  auto [relation, added] =
      relation_ids_.try_emplace(relation_string, static_cast<uint32_t>(relations_.size()));
  if (added) relations_.push_back(relation_string);
  rec.U32(relation->second).U64(std::bit_cast<uint64_t>(weight + 0.0));
  AddAttributes(attributes);
  for (size_t i = 0; i < evidence.size(); ++i) {
    const EvidenceRef ev = evidence[i];
    Rec item;
    // Offsets of a schema fact (no document) are not written to the JSON, so read back as 0.
    item.U32(Str(ev.doc)).U32(ev.doc.empty() ? 0 : ev.start).U32(ev.doc.empty() ? 0 : ev.end);
    item.U32(Str(ev.rule)).U32(Str(ev.source));
    std::string_view text = ev.text;
    if (text.empty() && !ev.doc.empty() && texts != nullptr)
      text = texts->Span(ev.doc, ev.start, ev.end);
    item.U32(Str(text)).AppendTo(evidence_);
  }
  evidence_count_ += evidence.size();
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
  section(kKeys, [&] {
    PutU32(out, node_count_);
    out.append(node_keys_);
    PutU64(out, alias_count_);
    out.append(alias_keys_);
    for (int list = 0; list < kKeyListCount; ++list) {
      std::vector<std::pair<uint32_t, uint32_t>> pairs = key_pairs_[list];
      std::sort(pairs.begin(), pairs.end(), [&](const auto& a, const auto& b) {
        if (a.first != b.first) return strings_[a.first] < strings_[b.first];
        return a.second < b.second;
      });
      pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
      PutU64(out, pairs.size());
      for (const auto& [key, node] : pairs) PutU32(out, key), PutU32(out, node);
    }
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
    writer.AddEdgeBetween(static_cast<uint32_t>(boost::source(*it, graph.g())),
                          static_cast<uint32_t>(boost::target(*it, graph.g())), graph.edge(*it),
                          EvidenceList(graph.edge(*it).evidence), nullptr);
  }
  return writer.Serialize(json_size, json_hash);
}

Status SaveSnapshot(const std::string& bytes, const std::string& path) {
  return WriteFileAtomic(path, bytes);
}

// ---------------------------------------------------------------------------------------------
// Reading

namespace {

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
  auto view = GraphView::OpenBorrowed(bytes, origin, header);
  if (!view.ok()) return view.error();
  return (*view)->ToKnowledgeGraph();
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

namespace {

// What a loader makes of each kind of input: the graph type it returns, from snapshot bytes (read
// from a file or a pipe) and from a JSON graph.
struct KnowledgeGraphLoader {
  using Graph = KnowledgeGraph;
  static Result<Graph> FromSnapshot(FileBytes bytes, const std::string& origin) {
    return ParseSnapshot(bytes.view(), origin);
  }
  static Result<Graph> FromJson(Result<KnowledgeGraph> graph) { return graph; }
};

struct GraphViewLoader {
  using Graph = std::unique_ptr<GraphView>;
  static Result<Graph> FromSnapshot(FileBytes bytes, const std::string& origin) {
    return GraphView::Open(std::move(bytes), origin);
  }
  static Result<Graph> FromJson(Result<KnowledgeGraph> graph) {
    if (!graph.ok()) return graph.error();
    return GraphView::Of(*graph);
  }
};

// LoadGraphFile's choice between the snapshot and the JSON, for either loader.
template <typename Loader>
Result<typename Loader::Graph> LoadGraphInput(const std::string& path, GraphSource* source) {
  GraphSource unused;
  if (source == nullptr) source = &unused;
  *source = {};
  auto open_snapshot = [&](const std::string& file) -> Result<typename Loader::Graph> {
    auto bytes = FileBytes::Open(file);
    if (!bytes.ok()) return bytes.error();
    return Loader::FromSnapshot(std::move(bytes).value(), file);
  };
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
      return Loader::FromSnapshot(std::move(bytes).value(), origin);
    }
    return Loader::FromJson(ParseGraphJson(bytes->view(), origin));
  }
  auto head = ReadPrefix(path, kSnapshotMagic.size());
  if (head.ok() && IsSnapshot(*head)) {
    source->snapshot = path;
    return open_snapshot(path);
  }
  const std::string snapshot = SnapshotPathFor(path);
  if (!head.ok() || ::access(snapshot.c_str(), F_OK) != 0) return Loader::FromJson(LoadGraph(path));
  // A snapshot is there: use it only when it was made from exactly these JSON bytes.
  auto not_used = [&](const std::string& why) {
    source->note = fmt::format("not using the snapshot {}: {}; reading the JSON", snapshot, why);
    return Loader::FromJson(LoadGraph(path));
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
  auto graph = open_snapshot(snapshot);
  if (!graph.ok()) return not_used(graph.error().ToString());
  source->snapshot = snapshot;
  return graph;
}

}  // namespace

Result<KnowledgeGraph> LoadGraphFile(const std::string& path, GraphSource* source) {
  return LoadGraphInput<KnowledgeGraphLoader>(path, source);
}

Result<std::unique_ptr<GraphView>> LoadGraphView(const std::string& path, GraphSource* source) {
  return LoadGraphInput<GraphViewLoader>(path, source);
}

}  // namespace policykg::graph
