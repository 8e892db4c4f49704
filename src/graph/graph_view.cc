// GraphView: opening (one validating pass over a snapshot, then the CSR edge lists) and the
// in-place accessors. The layout is in snapshot.h, its constants in snapshot_format.h.
#include "graph/graph_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "common/hash64.h"
#include "common/utf8.h"
#include "graph/snapshot.h"
#include "graph/snapshot_format.h"

namespace policykg::graph {

using namespace snapshot_format;

namespace {

std::string ShortHex(uint64_t v) { return fmt::format("{:016x}", v); }

// False only when `s` surely holds no control or format character: printable ASCII and the
// letters of U+3000..U+9FFF (CJK), which is what nearly every id, name and alias is made of.
bool MayHoldControlOrFormat(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7F) return true;
    if (c >= 0xC0 && (c < 0xE3 || c > 0xE9)) return true;
  }
  return false;
}

}  // namespace

Mention MentionRef::ToMention() const {
  return Mention{std::string(doc), start, end, std::string(rule)};
}

Evidence EvidenceRef::ToEvidence() const {
  return Evidence{std::string(doc), start, end, std::string(rule), std::string(source),
                  std::string(text)};
}

Attributes NodeRef::attributes() const {
  return view->AttributesIn(attributes_begin, attributes_end);
}

Node NodeRef::ToNode() const {
  Node node;
  node.id = id;
  node.name = name;
  node.type = type;
  node.aliases.reserve(aliases.size());
  for (std::string_view alias : aliases) node.aliases.emplace_back(alias);
  node.attributes = attributes();
  node.mentions.reserve(mentions.size());
  for (const MentionRef& m : mentions) node.mentions.push_back(m.ToMention());
  return node;
}

Attributes EdgeRef::attributes() const {
  return view->AttributesIn(attributes_begin, attributes_end);
}

Edge EdgeRef::ToEdge() const {
  Edge edge;
  edge.relation = relation;
  edge.weight = weight;
  edge.attributes = attributes();
  edge.evidence.reserve(evidence.size());
  for (const EvidenceRef& ev : evidence) edge.evidence.push_back(ev.ToEvidence());
  return edge;
}

// ---------------------------------------------------------------------------------------------
// Opening: every check of the file, in one pass per section. A failure sets error_ (the first
// one wins) and the caller stops.

class GraphView::Opener {
 public:
  Opener(GraphView& view, const std::string& origin) : v_(view), origin_(origin) {}
  Status Open(SnapshotHeader* header_out);

 private:
  Error InSection(int section, std::string message) const {
    return MakeFileError(origin_,
                         fmt::format("snapshot {} section: {}", kSectionNames[section], message));
  }
  Error At(size_t at, std::string message) const {
    Error e = MakeFileError(origin_, std::move(message));
    e.byte_offset = static_cast<int64_t>(at);
    return e;
  }
  bool Fail(Error e) {
    if (!error_) error_ = std::move(e);
    return false;
  }

  bool SplitSections();
  bool Records(int section, bool wide_count, size_t record_bytes, uint64_t& count,
               const char*& records);
  bool ReadStrings();
  bool ReadNameTable(int section, NameTable& table);
  bool ReadDocuments();
  bool ReadNodes();
  bool ReadEdges();
  bool ReadKeys();
  void BuildEdgeLists();

  bool Str(uint32_t s, std::string_view& out, int section, uint64_t record, const char* what) {
    if (s >= v_.string_count_) {
      return Fail(InSection(section, fmt::format("record {}: {} string {} out of range ({} "
                                                 "strings)",
                                                 record, what, s, v_.string_count_)));
    }
    out = v_.StringAt(s);
    return true;
  }
  bool CheckName(std::string_view name, uint64_t record, const char* what) {
    if (!MayHoldControlOrFormat(name)) return true;
    if (auto found = FindControlOrFormat(name, /*allow_whitespace=*/true)) {
      return Fail(InSection(
          kNodes, fmt::format("node {}: {} holds control or format character U+{:04X} "
                              "at code point {}; names may not hold them",
                              record, what, static_cast<uint32_t>(found->second), found->first)));
    }
    return true;
  }
  bool CheckRange(uint64_t previous_end, uint64_t end, uint64_t total, int section, uint64_t record,
                  const char* what) {
    if (end < previous_end || end > total) {
      return Fail(InSection(section, fmt::format("record {}: {} end {} outside [{}, {}]", record,
                                                 what, end, previous_end, total)));
    }
    return true;
  }
  bool CheckAttributes(uint64_t begin, uint64_t end, int owner_section, uint64_t record);
  // The document with the id of string `s`, or -1.
  int64_t DocumentOf(uint32_t s) {
    if (s == last_doc_string_) return last_doc_;
    auto it = doc_index_.find(v_.StringAt(s));
    last_doc_string_ = s;
    last_doc_ = it == doc_index_.end() ? -1 : it->second;
    return last_doc_;
  }
  // A mention's or evidence's document span: a known document, offsets inside it.
  bool CheckSpan(int section, uint64_t k, uint32_t doc, uint32_t start, uint32_t end,
                 bool allow_no_document);

  GraphView& v_;
  const std::string& origin_;
  std::optional<Error> error_;
  std::string_view sections_[kSectionCount];
  std::unordered_map<std::string_view, int64_t> doc_index_;
  uint32_t last_doc_string_ = 0xFFFFFFFFu;
  int64_t last_doc_ = -1;
  uint64_t alias_count_ = 0, attr_count_ = 0, mention_count_ = 0, evidence_count_ = 0;
  std::vector<uint32_t> out_degree_, in_degree_;
};

bool GraphView::Opener::SplitSections() {
  const std::string_view bytes = v_.bytes_;
  size_t pos = kSnapshotHeaderSize;
  for (int s = 0; s < kSectionCount; ++s) {
    if (bytes.size() - pos < 16) {
      return Fail(At(pos, fmt::format("snapshot ends before its {} section", kSectionNames[s])));
    }
    const std::string_view tag = bytes.substr(pos, 4);
    if (tag != TagOf(s) || GetU32(bytes.data() + pos + 4) != 0) {
      return Fail(At(
          pos, fmt::format("expected the {} section (tag {}) here", kSectionNames[s], TagOf(s))));
    }
    const uint64_t length = GetU64(bytes.data() + pos + 8);
    pos += 16;
    if (length > bytes.size() - pos) {
      return Fail(At(pos - 8, fmt::format("{} section length {} runs past the end of the file ({} "
                                          "bytes left)",
                                          kSectionNames[s], length, bytes.size() - pos)));
    }
    sections_[s] = bytes.substr(pos, length);
    pos += length;
  }
  if (pos != bytes.size()) {
    return Fail(At(pos, fmt::format("{} bytes after the last section", bytes.size() - pos)));
  }
  return true;
}

bool GraphView::Opener::Records(int section, bool wide_count, size_t record_bytes, uint64_t& count,
                                const char*& records) {
  const std::string_view body = sections_[section];
  const size_t count_bytes = wide_count ? 8 : 4;
  if (body.size() < count_bytes) return Fail(InSection(section, "too short to hold its count"));
  count = wide_count ? GetU64(body.data()) : GetU32(body.data());
  const size_t rest = body.size() - count_bytes;
  if (count > rest / record_bytes || count * record_bytes != rest) {
    return Fail(InSection(section, fmt::format("count {} of {}-byte records does not match its {} "
                                               "bytes",
                                               count, record_bytes, rest)));
  }
  records = body.data() + count_bytes;
  return true;
}

bool GraphView::Opener::ReadStrings() {
  const std::string_view body = sections_[kStrings];
  if (body.size() < 8) return Fail(InSection(kStrings, "too short to hold its count"));
  const uint64_t n = GetU64(body.data());
  if (n > (body.size() - 8) / 8 || n > 0xFFFFFFFFull) {
    return Fail(
        InSection(kStrings, fmt::format("count {} does not fit in its {} bytes", n, body.size())));
  }
  const char* ends = body.data() + 8;
  const std::string_view blob = body.substr(8 + 8 * n);
  uint64_t begin = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(blob.data());
  for (uint64_t i = 0; i < n; ++i) {
    const uint64_t end = GetU64(ends + 8 * i);
    if (end < begin || end > blob.size()) {
      return Fail(InSection(kStrings, fmt::format("string {} ends at {}, outside [{}, {}]", i, end,
                                                  begin, blob.size())));
    }
    // The blob is checked as a whole below; a string ending inside a character is not valid.
    if (end < blob.size() && end > begin && (bytes[end] & 0xC0) == 0x80) {
      return Fail(InSection(kStrings, fmt::format("string {} is not valid UTF-8", i)));
    }
    begin = end;
  }
  if (begin != blob.size()) {
    return Fail(
        InSection(kStrings, fmt::format("{} bytes after the last string", blob.size() - begin)));
  }
  v_.string_ends_ = ends;
  v_.blob_ = blob.data();
  v_.string_count_ = n;
  if (!IsValidUtf8(blob)) {  // say which string
    for (uint64_t i = 0; i < n; ++i) {
      if (!IsValidUtf8(v_.StringAt(i))) {
        return Fail(InSection(kStrings, fmt::format("string {} is not valid UTF-8", i)));
      }
    }
    return Fail(InSection(kStrings, "the strings are not valid UTF-8"));
  }
  return true;
}

bool GraphView::Opener::ReadNameTable(int section, NameTable& table) {
  uint64_t n;
  const char* p;
  if (!Records(section, false, 4, n, p)) return false;
  std::unordered_set<std::string_view> seen;
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view name;
    if (!Str(GetU32(p + 4 * i), name, section, i, "name")) return false;
    if (!seen.insert(name).second) {
      return Fail(InSection(section, fmt::format("name {} repeated", EscapeControls(name))));
    }
    table.Intern(name);  // ids are indexes: no name is there twice
  }
  return true;
}

bool GraphView::Opener::ReadDocuments() {
  uint64_t n;
  const char* p;
  if (!Records(kDocs, false, kDocBytes, n, p)) return false;
  v_.documents_.reserve(n);
  for (uint64_t i = 0; i < n; ++i, p += kDocBytes) {
    std::string_view f[7];
    static constexpr const char* kFields[7] = {"id",       "path",   "title", "sha256",
                                               "encoding", "region", "text"};
    for (int k = 0; k < 7; ++k) {
      if (!Str(GetU32(p + 4 * k), f[k], kDocs, i, kFields[k])) return false;
    }
    if (!doc_index_.emplace(f[0], static_cast<int64_t>(i)).second) {
      return Fail(InSection(kDocs, fmt::format("duplicate document id {}", EscapeControls(f[0]))));
    }
    Document d;
    d.id = f[0], d.path = f[1], d.title = f[2], d.sha256 = f[3], d.encoding = f[4];
    d.region = f[5], d.text = f[6];
    d.chars = GetU64(p + 28);
    v_.documents_.push_back(std::move(d));
  }
  return true;
}

bool GraphView::Opener::CheckAttributes(uint64_t begin, uint64_t end, int owner_section,
                                        uint64_t record) {
  std::string_view previous;
  for (uint64_t a = begin; a < end; ++a) {
    const char* p = v_.attributes_ + kAttrBytes * a;
    std::string_view key;
    if (!Str(GetU32(p), key, kAttrs, a, "key")) return false;
    if (a > begin && !(previous < key)) {
      return Fail(InSection(owner_section, fmt::format("record {}: attribute keys not strictly "
                                                       "ascending at {}",
                                                       record, EscapeControls(key))));
    }
    previous = key;
    const uint8_t kind = static_cast<uint8_t>(p[4]);
    const uint64_t value = GetU64(p + 5);
    switch (kind) {
      case kText: {
        if (value > 0xFFFFFFFFull) {
          return Fail(
              InSection(kAttrs, fmt::format("record {}: string {} out of range", a, value)));
        }
        std::string_view text;
        if (!Str(static_cast<uint32_t>(value), text, kAttrs, a, "value")) return false;
        break;
      }
      case kNumber:
        if (!std::isfinite(std::bit_cast<double>(value))) {
          return Fail(InSection(kAttrs, fmt::format("record {}: number is not finite", a)));
        }
        break;
      case kFlag:
        if (value > 1) {
          return Fail(
              InSection(kAttrs, fmt::format("record {}: flag value {} is not 0 or 1", a, value)));
        }
        break;
      default:
        return Fail(InSection(kAttrs, fmt::format("record {}: unknown value kind {}", a, kind)));
    }
  }
  return true;
}

bool GraphView::Opener::CheckSpan(int section, uint64_t k, uint32_t doc, uint32_t start,
                                  uint32_t end, bool allow_no_document) {
  const std::string_view id = v_.StringAt(doc);
  if (id.empty() && allow_no_document) {
    if (start != 0 || end != 0) {
      return Fail(InSection(section, fmt::format("record {}: offsets without a document", k)));
    }
    return true;
  }
  const int64_t d = DocumentOf(doc);
  if (d < 0) {
    return Fail(
        InSection(section, fmt::format("record {}: unknown document {}", k, EscapeControls(id))));
  }
  if (section == kMentions && end < start) {
    return Fail(InSection(section, fmt::format("record {}: end is before start", k)));
  }
  const uint64_t chars = v_.documents_[static_cast<size_t>(d)].chars;
  if (chars > 0 && end > chars) {
    return Fail(InSection(section, fmt::format("record {}: {} is past the end of document {} "
                                               "({} code points)",
                                               k, end, EscapeControls(id), chars)));
  }
  return true;
}

bool GraphView::Opener::ReadNodes() {
  uint64_t n;
  const char* p;
  if (!Records(kNodes, false, kNodeBytes, n, p)) return false;
  if (!Records(kAliases, true, 4, alias_count_, v_.aliases_)) return false;
  if (!Records(kAttrs, true, kAttrBytes, attr_count_, v_.attributes_)) return false;
  if (!Records(kMentions, true, kMentionBytes, mention_count_, v_.mentions_)) return false;
  v_.nodes_ = p;
  v_.node_count_ = n;
  uint64_t alias_end = 0, attr_end = 0, mention_end = 0;
  std::string_view previous_id;
  for (uint64_t i = 0; i < n; ++i, p += kNodeBytes) {
    std::string_view id, name, alias;
    if (!Str(GetU32(p), id, kNodes, i, "id") || !Str(GetU32(p + 4), name, kNodes, i, "name")) {
      return false;
    }
    if (!CheckName(id, i, "id") || !CheckName(name, i, "name")) return false;
    const uint32_t type = GetU32(p + 8);
    if (type >= v_.types_.size()) {
      return Fail(InSection(kNodes, fmt::format("record {}: type {} out of range ({} types)", i,
                                                type, v_.types_.size())));
    }
    const uint64_t a_end = GetU64(p + 12), t_end = GetU64(p + 20), m_end = GetU64(p + 28);
    if (!CheckRange(alias_end, a_end, alias_count_, kNodes, i, "alias") ||
        !CheckRange(attr_end, t_end, attr_count_, kNodes, i, "attribute") ||
        !CheckRange(mention_end, m_end, mention_count_, kNodes, i, "mention")) {
      return false;
    }
    for (uint64_t k = alias_end; k < a_end; ++k) {
      if (!Str(GetU32(v_.aliases_ + 4 * k), alias, kAliases, k, "alias")) return false;
      if (!CheckName(alias, i, "alias")) return false;
    }
    if (!CheckAttributes(attr_end, t_end, kNodes, i)) return false;
    for (uint64_t k = mention_end; k < m_end; ++k) {
      const char* m = v_.mentions_ + kMentionBytes * k;
      const uint32_t doc = GetU32(m);
      if (doc >= v_.string_count_) {
        return Fail(
            InSection(kMentions, fmt::format("record {}: doc string {} out of range", k, doc)));
      }
      std::string_view rule;
      if (!Str(GetU32(m + 12), rule, kMentions, k, "rule")) return false;
      if (!CheckSpan(kMentions, k, doc, GetU32(m + 4), GetU32(m + 8), false)) return false;
    }
    alias_end = a_end, attr_end = t_end, mention_end = m_end;
    if (i > 0 && v_.ids_sorted_ && !(previous_id < id)) {
      if (previous_id == id) {
        return Fail(InSection(kNodes, fmt::format("duplicate node id {}", EscapeControls(id))));
      }
      v_.ids_sorted_ = false;
    }
    previous_id = id;
  }
  if (alias_end != alias_count_ || mention_end != mention_count_) {
    return Fail(InSection(kNodes, "the nodes do not own every alias and mention"));
  }
  v_.node_attribute_end_ = attr_end;
  if (!v_.ids_sorted_) {  // a file not written in canonical order: sort once, find repeats
    v_.id_order_.resize(n);
    for (uint32_t i = 0; i < n; ++i) v_.id_order_[i] = i;
    std::stable_sort(v_.id_order_.begin(), v_.id_order_.end(),
                     [&](uint32_t a, uint32_t b) { return v_.node_id(a) < v_.node_id(b); });
    for (size_t i = 1; i < n; ++i) {
      if (v_.node_id(v_.id_order_[i]) == v_.node_id(v_.id_order_[i - 1])) {
        return Fail(InSection(kNodes, fmt::format("duplicate node id {}",
                                                  EscapeControls(v_.node_id(v_.id_order_[i])))));
      }
    }
  }
  return true;
}

bool GraphView::Opener::ReadEdges() {
  uint64_t n;
  const char* p;
  if (!Records(kEdges, false, kEdgeBytes, n, p)) return false;
  if (!Records(kEvidence, true, kEvidenceBytes, evidence_count_, v_.evidence_)) return false;
  v_.edges_ = p;
  const uint64_t nodes = v_.node_count_;
  const size_t relations = v_.relations_.size();
  v_.edge_source_.resize(n);
  v_.edge_target_.resize(n);
  v_.edge_relation_.resize(n);
  v_.relation_edges_.assign(relations, 0);
  out_degree_.assign(nodes, 0);
  in_degree_.assign(nodes, 0);
  using Key = std::tuple<uint32_t, uint32_t, uint32_t>;
  struct KeyHash {
    size_t operator()(const Key& k) const {
      const uint64_t h = (uint64_t{std::get<0>(k)} << 32 | std::get<1>(k)) * 0x9E3779B97F4A7C15ULL;
      return static_cast<size_t>(h ^ (h >> 29) ^
                                 (uint64_t{std::get<2>(k)} * 0xC2B2AE3D27D4EB4FULL));
    }
  };
  std::unordered_set<Key, KeyHash> keys;  // used once the edges are found out of order
  bool sorted = true;
  uint32_t last_source = 0, last_target = 0, last_relation = 0;
  uint64_t attr_end = v_.node_attribute_end_, evidence_end = 0;
  for (uint64_t i = 0; i < n; ++i, p += kEdgeBytes) {
    const uint32_t source = GetU32(p), target = GetU32(p + 4), relation = GetU32(p + 8);
    if (source >= nodes || target >= nodes) {
      return Fail(InSection(kEdges, fmt::format("record {}: node {} out of range ({} nodes)", i,
                                                source >= nodes ? source : target, nodes)));
    }
    if (relation >= relations) {
      return Fail(InSection(kEdges, fmt::format("record {}: relation {} out of range ({} "
                                                "relations)",
                                                i, relation, relations)));
    }
    // No (source, relation, target) twice (the JSON reader would merge them): in canonical order
    // (strictly ascending, the files policykg writes) that is a comparison with the last edge;
    // otherwise every edge is looked up in a set from there on.
    if (sorted && i > 0) {
      int order = source < last_source ? -1 : source > last_source ? 1 : 0;
      if (order == 0 && relation != last_relation) {
        order = v_.relations_.Name(relation) < v_.relations_.Name(last_relation) ? -1 : 1;
      }
      if (order == 0) order = target < last_target ? -1 : target > last_target ? 1 : 0;
      if (order <= 0) {
        sorted = false;
        for (uint64_t k = 0; k < i; ++k)
          keys.insert(Key(v_.edge_source_[k], v_.edge_target_[k], v_.edge_relation_[k]));
      }
    }
    if (!sorted && !keys.insert(Key(source, target, relation)).second) {
      return Fail(InSection(kEdges, fmt::format("record {}: the edge {} -{}-> {} is there twice", i,
                                                source, relation, target)));
    }
    last_source = source, last_target = target, last_relation = relation;
    if (!std::isfinite(std::bit_cast<double>(GetU64(p + 12)))) {
      return Fail(InSection(kEdges, fmt::format("record {}: weight is not finite", i)));
    }
    const uint64_t t_end = GetU64(p + 20), e_end = GetU64(p + 28);
    if (!CheckRange(attr_end, t_end, attr_count_, kEdges, i, "attribute") ||
        !CheckRange(evidence_end, e_end, evidence_count_, kEdges, i, "evidence")) {
      return false;
    }
    if (!CheckAttributes(attr_end, t_end, kEdges, i)) return false;
    for (uint64_t k = evidence_end; k < e_end; ++k) {
      const char* r = v_.evidence_ + kEvidenceBytes * k;
      static constexpr const char* kFields[4] = {"doc", "rule", "source", "text"};
      static constexpr size_t kAt[4] = {0, 12, 16, 20};
      std::string_view field;
      for (int j = 0; j < 4; ++j) {
        if (!Str(GetU32(r + kAt[j]), field, kEvidence, k, kFields[j])) return false;
      }
      if (!CheckSpan(kEvidence, k, GetU32(r), GetU32(r + 4), GetU32(r + 8), true)) return false;
    }
    attr_end = t_end, evidence_end = e_end;
    v_.edge_source_[i] = source;
    v_.edge_target_[i] = target;
    v_.edge_relation_[i] = relation;
    ++v_.relation_edges_[relation];
    ++out_degree_[source];
    ++in_degree_[target];
  }
  if (attr_end != attr_count_ || evidence_end != evidence_count_) {
    return Fail(InSection(kEdges, "the nodes and edges do not own every attribute and evidence"));
  }
  return true;
}

bool GraphView::Opener::ReadKeys() {
  std::string_view body = sections_[kKeys];
  auto take = [&](size_t bytes, const char*& at) {
    if (body.size() < bytes) return false;
    at = body.data();
    body.remove_prefix(bytes);
    return true;
  };
  const char* at;
  if (!take(4, at) || GetU32(at) != v_.node_count_ || !take(8 * v_.node_count_, v_.node_keys_)) {
    return Fail(InSection(kKeys, "node keys do not match the nodes"));
  }
  if (!take(8, at) || GetU64(at) != alias_count_ || !take(4 * alias_count_, v_.alias_keys_)) {
    return Fail(InSection(kKeys, "alias keys do not match the aliases"));
  }
  std::string_view key;
  for (uint64_t i = 0; i < 2 * v_.node_count_; ++i) {
    if (!Str(GetU32(v_.node_keys_ + 4 * i), key, kKeys, i / 2, "key")) return false;
  }
  for (uint64_t i = 0; i < alias_count_; ++i) {
    if (!Str(GetU32(v_.alias_keys_ + 4 * i), key, kKeys, i, "alias key")) return false;
  }
  for (int list = 0; list < kKeyListCount; ++list) {
    uint64_t count;
    if (!take(8, at) || (count = GetU64(at)) > body.size() / kKeyPairBytes ||
        !take(count * kKeyPairBytes, v_.key_lists_[list])) {
      return Fail(InSection(kKeys, fmt::format("key list {} does not fit in the section", list)));
    }
    v_.key_list_sizes_[list] = count;
    // Keys and nodes in range (an edited order only makes look-ups miss, never read outside).
    for (uint64_t i = 0; i < count; ++i) {
      const char* pair = v_.key_lists_[list] + kKeyPairBytes * i;
      if (!Str(GetU32(pair), key, kKeys, i, "key")) return false;
      if (GetU32(pair + 4) >= v_.node_count_) {
        return Fail(InSection(kKeys, fmt::format("key list {} record {}: node {} out of range",
                                                 list, i, GetU32(pair + 4))));
      }
    }
  }
  if (!body.empty()) {
    return Fail(InSection(kKeys, fmt::format("{} bytes after the key lists", body.size())));
  }
  return true;
}

void GraphView::Opener::BuildEdgeLists() {
  const size_t n = v_.node_count_;
  v_.out_begin_.resize(n + 1);
  v_.in_begin_.resize(n + 1);
  uint32_t out = 0, in = 0;
  for (size_t v = 0; v < n; ++v) {
    v_.out_begin_[v] = out, out += out_degree_[v], out_degree_[v] = v_.out_begin_[v];
    v_.in_begin_[v] = in, in += in_degree_[v], in_degree_[v] = v_.in_begin_[v];
  }
  v_.out_begin_[n] = out, v_.in_begin_[n] = in;
  v_.out_edges_.resize(v_.edge_source_.size());
  v_.in_edges_.resize(v_.edge_source_.size());
  for (EdgeIndex e = 0; e < v_.edge_source_.size(); ++e) {  // each list in edge order
    v_.out_edges_[out_degree_[v_.edge_source_[e]]++] = Incidence{v_.edge_target_[e], e};
    v_.in_edges_[in_degree_[v_.edge_target_[e]]++] = Incidence{v_.edge_source_[e], e};
  }
}

Status GraphView::Opener::Open(SnapshotHeader* header_out) {
  const std::string_view bytes = v_.bytes_;
  auto header = ReadSnapshotHeader(bytes, origin_);
  if (!header.ok()) return header.error();
  if (header->file_size != bytes.size()) {
    return MakeFileError(origin_, fmt::format("snapshot truncated or extended: its header says {} "
                                              "bytes, the file has {}",
                                              header->file_size, bytes.size()));
  }
  const uint64_t checksum = Hash64(bytes.substr(32));
  if (checksum != header->checksum) {
    return MakeFileError(origin_,
                         fmt::format("snapshot checksum mismatch (stored {}, computed {}): "
                                     "the file is corrupt; rebuild it",
                                     ShortHex(header->checksum), ShortHex(checksum)));
  }
  if (header_out) *header_out = *header;
  if (SplitSections() && ReadStrings() && ReadNameTable(kRelations, v_.relations_) &&
      ReadNameTable(kTypes, v_.types_) && ReadDocuments() && ReadNodes() && ReadEdges() &&
      ReadKeys()) {
    BuildEdgeLists();
    return Status::Ok();
  }
  return *error_;
}

Result<std::unique_ptr<GraphView>> GraphView::Validated(std::unique_ptr<GraphView> view,
                                                        const std::string& origin,
                                                        SnapshotHeader* header) {
  Status status = Opener(*view, origin).Open(header);
  if (!status.ok()) return status.error();
  return view;
}

Result<std::unique_ptr<GraphView>> GraphView::Open(FileBytes bytes, const std::string& origin,
                                                   SnapshotHeader* header) {
  std::unique_ptr<GraphView> view(new GraphView());
  view->file_ = std::move(bytes);
  view->bytes_ = view->file_.view();
  return Validated(std::move(view), origin, header);
}

Result<std::unique_ptr<GraphView>> GraphView::Open(std::string bytes, const std::string& origin,
                                                   SnapshotHeader* header) {
  std::unique_ptr<GraphView> view(new GraphView());
  view->string_ = std::move(bytes);
  view->bytes_ = view->string_;
  return Validated(std::move(view), origin, header);
}

Result<std::unique_ptr<GraphView>> GraphView::OpenBorrowed(std::string_view bytes,
                                                           const std::string& origin,
                                                           SnapshotHeader* header) {
  std::unique_ptr<GraphView> view(new GraphView());
  view->bytes_ = bytes;
  return Validated(std::move(view), origin, header);
}

std::unique_ptr<GraphView> GraphView::Of(const KnowledgeGraph& graph) {
  auto view = Open(SerializeSnapshot(graph), "<graph in memory>");
  if (!view.ok()) {  // the writer's own output: a bug, not bad input
    throw std::logic_error("snapshot of an in-memory graph does not open: " +
                           view.error().ToString());
  }
  return std::move(view).value();
}

GraphView::~GraphView() = default;

// ---------------------------------------------------------------------------------------------
// Accessors

std::string_view GraphView::StringAt(uint64_t s) const {
  const uint64_t begin = s == 0 ? 0 : GetU64(string_ends_ + 8 * (s - 1));
  return std::string_view(blob_ + begin, GetU64(string_ends_ + 8 * s) - begin);
}

std::string_view GraphView::AliasAt(uint64_t k) const { return StringAt(GetU32(aliases_ + 4 * k)); }
std::string_view GraphView::AliasKeyAt(uint64_t k) const {
  return StringAt(GetU32(alias_keys_ + 4 * k));
}

MentionRef GraphView::MentionAt(uint64_t k) const {
  const char* m = mentions_ + kMentionBytes * k;
  return MentionRef{StringAt(GetU32(m)), GetU32(m + 4), GetU32(m + 8), StringAt(GetU32(m + 12))};
}

EvidenceRef GraphView::EvidenceAt(uint64_t k) const {
  const char* r = evidence_ + kEvidenceBytes * k;
  return EvidenceRef{
      StringAt(GetU32(r)),      GetU32(r + 4),           GetU32(r + 8), StringAt(GetU32(r + 12)),
      StringAt(GetU32(r + 16)), StringAt(GetU32(r + 20))};
}

Attributes GraphView::AttributesIn(uint64_t begin, uint64_t end) const {
  Attributes out;
  for (uint64_t a = begin; a < end; ++a) {
    const char* p = attributes_ + kAttrBytes * a;
    std::string key(StringAt(GetU32(p)));
    const uint64_t value = GetU64(p + 5);
    switch (static_cast<uint8_t>(p[4])) {
      case kText:
        out.emplace_hint(out.end(), std::move(key), std::string(StringAt(value)));
        break;
      case kNumber:
        out.emplace_hint(out.end(), std::move(key), std::bit_cast<double>(value));
        break;
      default:
        out.emplace_hint(out.end(), std::move(key), value == 1);
        break;
    }
  }
  return out;
}

std::string_view GraphView::node_id(Vertex v) const {
  return StringAt(GetU32(nodes_ + kNodeBytes * v));
}

uint32_t GraphView::type_id(Vertex v) const { return GetU32(nodes_ + kNodeBytes * v + 8); }

NodeRef GraphView::node(Vertex v) const {
  const char* p = nodes_ + kNodeBytes * v;
  const char* before = v == 0 ? nullptr : p - kNodeBytes;
  const uint64_t alias_begin = before ? GetU64(before + 12) : 0;
  const uint64_t attr_begin = before ? GetU64(before + 20) : 0;
  const uint64_t mention_begin = before ? GetU64(before + 28) : 0;
  NodeRef ref;
  ref.id = StringAt(GetU32(p));
  ref.name = StringAt(GetU32(p + 4));
  ref.type_id = GetU32(p + 8);
  ref.type = types_.Name(ref.type_id);
  ref.id_key = StringAt(GetU32(node_keys_ + 8 * v));
  ref.name_key = StringAt(GetU32(node_keys_ + 8 * v + 4));
  ref.aliases =
      RecordRange<std::string_view>(this, &GraphView::AliasAt, alias_begin, GetU64(p + 12));
  ref.alias_keys =
      RecordRange<std::string_view>(this, &GraphView::AliasKeyAt, alias_begin, GetU64(p + 12));
  ref.mentions =
      RecordRange<MentionRef>(this, &GraphView::MentionAt, mention_begin, GetU64(p + 28));
  ref.view = this;
  ref.attributes_begin = attr_begin;
  ref.attributes_end = GetU64(p + 20);
  return ref;
}

EdgeRef GraphView::edge(EdgeIndex e) const {
  const char* p = edges_ + kEdgeBytes * e;
  EdgeRef ref;
  ref.source = edge_source_[e];
  ref.target = edge_target_[e];
  ref.relation_id = edge_relation_[e];
  ref.relation = relations_.Name(ref.relation_id);
  ref.weight = std::bit_cast<double>(GetU64(p + 12));
  const uint64_t evidence_begin = e == 0 ? 0 : GetU64(p - kEdgeBytes + 28);
  ref.evidence =
      RecordRange<EvidenceRef>(this, &GraphView::EvidenceAt, evidence_begin, GetU64(p + 28));
  ref.view = this;
  ref.attributes_begin = e == 0 ? node_attribute_end_ : GetU64(p - kEdgeBytes + 20);
  ref.attributes_end = GetU64(p + 20);
  return ref;
}

const Document* GraphView::FindDocument(std::string_view id) const {
  for (const Document& d : documents_) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

std::optional<Vertex> GraphView::FindById(std::string_view id) const {
  size_t lo = 0, hi = node_count_;
  while (lo < hi) {  // binary search by id, in vertex order or in id_order_
    const size_t mid = lo + (hi - lo) / 2;
    const Vertex v = ids_sorted_ ? mid : id_order_[mid];
    const std::string_view at = node_id(v);
    if (at == id) return v;
    if (at < id) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return std::nullopt;
}

std::vector<Vertex> GraphView::KeyLookup(int list, std::string_view key) const {
  const char* pairs = key_lists_[list];
  auto key_at = [&](uint64_t i) { return StringAt(GetU32(pairs + kKeyPairBytes * i)); };
  uint64_t lo = 0, hi = key_list_sizes_[list];
  while (lo < hi) {  // the first pair whose key is not below `key`
    const uint64_t mid = lo + (hi - lo) / 2;
    if (key_at(mid) < key) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  std::vector<Vertex> out;
  for (uint64_t i = lo; i < key_list_sizes_[list] && key_at(i) == key; ++i) {
    out.push_back(GetU32(pairs + kKeyPairBytes * i + 4));
  }
  return out;
}

std::vector<Vertex> GraphView::WithIdKey(std::string_view key) const {
  return KeyLookup(kIdKeys, key);
}
std::vector<Vertex> GraphView::WithNameKey(std::string_view key) const {
  return KeyLookup(kNameKeys, key);
}
std::vector<Vertex> GraphView::WithAliasKey(std::string_view key) const {
  return KeyLookup(kAliasKeys, key);
}

KnowledgeGraph GraphView::ToKnowledgeGraph() const {
  KnowledgeGraph graph;
  graph.documents = documents_;
  BoostGraph& g = graph.g();
  // Every vertex's room at once: no regrowth, which moves every vertex with its edge lists.
  g.m_vertices.reserve(node_count_);
  for (Vertex v = 0; v < node_count_; ++v) graph.TryAddNode(node(v).ToNode());  // ids are unique
  for (Vertex v = 0; v < node_count_; ++v) {
    if (const size_t k = out_edges(v).size()) g.out_edge_list(v).reserve(k);
    if (const size_t k = in_edges(v).size()) in_edge_list(g, v).reserve(k);
  }
  for (EdgeIndex e = 0; e < edge_count(); ++e) {
    graph.AddEdgeUnchecked(edge_source_[e], edge_target_[e], edge(e).ToEdge());
  }
  return graph;
}

}  // namespace policykg::graph
