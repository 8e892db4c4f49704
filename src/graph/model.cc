#include "graph/model.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>
#include <tuple>
#include <utility>

#include <fmt/format.h>

namespace policykg::graph {

std::string AttrToString(const AttrValue& value) {
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  if (const auto* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  double d = std::get<double>(value);
  if (d == static_cast<double>(static_cast<int64_t>(d)) && d > -1e15 && d < 1e15) {
    return fmt::format("{}", static_cast<int64_t>(d));
  }
  return fmt::format("{}", d);
}

std::string MakeNodeId(std::string_view type, std::string_view name) {
  std::string id;
  id.reserve(type.size() + 1 + name.size());
  id.append(type).append(1, ':').append(name);
  return id;
}

uint64_t NodeIdIndex::Hash(std::string_view id) {
  uint64_t h = std::hash<std::string_view>()(id);
  return h ^ (h >> 29);  // the slot takes low bits, the tag the high ones: mix both
}

void NodeIdIndex::Clear() {
  slots_.clear();
  size_ = 0;
}

void NodeIdIndex::Reserve(size_t nodes) {
  size_t capacity = 16;
  while (capacity < nodes * 2) capacity *= 2;  // load factor at most 1/2
  if (capacity > slots_.size()) Grow(capacity);
}

void NodeIdIndex::Grow(size_t capacity) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(capacity, Slot{});
  const size_t mask = capacity - 1;
  for (const Slot& slot : old) {
    if (slot.vertex == kEmpty) continue;
    size_t i = slot.hash & mask;
    while (slots_[i].vertex != kEmpty) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

template <typename Accept>
std::optional<Vertex> NodeIdIndex::Probe(uint64_t full_hash, Accept&& accept) const {
  if (slots_.empty()) return std::nullopt;
  const uint32_t hash = static_cast<uint32_t>(full_hash);
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.vertex == kEmpty) return std::nullopt;
    if (slot.hash == hash && accept(Vertex{slot.vertex})) return Vertex{slot.vertex};
  }
}

std::optional<Vertex> NodeIdIndex::Candidate(uint64_t full_hash) const {
  return Probe(full_hash, [](Vertex) { return true; });
}

std::optional<Vertex> NodeIdIndex::Find(std::string_view id, uint64_t full_hash,
                                        const BoostGraph& g) const {
  return Probe(full_hash, [&](Vertex v) { return g[v].id == id; });
}

std::optional<Vertex> NodeIdIndex::Insert(Vertex v, const BoostGraph& g) {
  if (v >= kEmpty) throw std::length_error("more than 2^32-1 nodes");
  if ((size_ + 1) * 2 > slots_.size()) Grow(std::max<size_t>(16, slots_.size() * 2));
  const std::string& id = g[v].id;
  const uint32_t hash = static_cast<uint32_t>(Hash(id));
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  for (; slots_[i].vertex != kEmpty; i = (i + 1) & mask) {
    if (slots_[i].hash == hash && g[slots_[i].vertex].id == id) return Vertex{slots_[i].vertex};
  }
  slots_[i] = Slot{hash, static_cast<uint32_t>(v)};
  ++size_;
  return std::nullopt;
}

DocumentTexts::DocumentTexts(const std::vector<Document>& documents) {
  for (const Document& d : documents) {
    if (d.text.empty()) continue;
    Text text;
    text.utf8 = d.text;
    text.byte_of.reserve(d.text.size() / kStep + 1);
    uint64_t cp = 0;
    for (size_t b = 0; b < d.text.size(); ++b) {
      if ((static_cast<unsigned char>(d.text[b]) & 0xC0) == 0x80) continue;  // continuation byte
      if (cp % kStep == 0) text.byte_of.push_back(b);
      ++cp;
    }
    text.chars = cp;
    texts_.emplace(d.id, std::move(text));
  }
}

size_t DocumentTexts::ByteOffset(const Text& text, uint64_t cp) const {
  if (cp >= text.chars) return text.utf8.size();
  const size_t b = text.byte_of[cp / kStep];
  uint64_t k = cp % kStep;
  if (k == 0) return b;
  // The k-th byte after b that does not continue a sequence (one exists: cp < chars), found
  // eight bytes at a time: such a byte has its top bit clear or its next bit set.
  const char* s = text.utf8.data();
  const size_t n = text.utf8.size();
  size_t p = b + 1;
  for (; std::endian::native == std::endian::little && p + 8 <= n; p += 8) {
    uint64_t word;
    std::memcpy(&word, s + p, 8);
    uint64_t starts = ((~word >> 7) | (word >> 6)) & 0x0101010101010101ULL;  // bit 0 of each byte
    const uint64_t count = (starts * 0x0101010101010101ULL) >> 56;  // the bytes' sum (no popcnt call)
    if (count < k) {
      k -= count;
      continue;
    }
    for (; k > 1; --k) starts &= starts - 1;  // drop the first k - 1
    return p + static_cast<size_t>(std::countr_zero(starts)) / 8;  // (little-endian bytes)
  }
  for (;; ++p) {
    if (p >= n) return n;
    if ((static_cast<unsigned char>(s[p]) & 0xC0) != 0x80 && --k == 0) return p;
  }
}

std::string_view DocumentTexts::Span(std::string_view doc, uint64_t start, uint64_t end) const {
  auto it = texts_.find(doc);
  if (it == texts_.end() || start > end || end > it->second.chars) return {};
  const Text& text = it->second;
  size_t from = ByteOffset(text, start);
  return text.utf8.substr(from, ByteOffset(text, end) - from);
}

NameTable::NameTable(const NameTable& other) {
  for (const std::string& name : other.names_) Intern(name);
}

NameTable& NameTable::operator=(const NameTable& other) {
  if (this != &other) *this = NameTable(other);
  return *this;
}

uint32_t NameTable::Intern(std::string_view name) {
  if (last_ < names_.size() && names_[last_] == name) return last_;
  auto it = ids_.find(name);
  if (it != ids_.end()) return last_ = it->second;
  if (names_.size() >= 0xFFFFFFFFu) throw std::length_error("more than 2^32-1 names");
  const uint32_t id = static_cast<uint32_t>(names_.size());
  ids_.emplace(names_.emplace_back(name), id);
  return last_ = id;
}

std::optional<uint32_t> NameTable::Find(std::string_view name) const {
  auto it = ids_.find(name);
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

namespace {

template <typename T>
void SortUnique(std::vector<T>& items) {
  if (!std::is_sorted(items.begin(), items.end())) std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
}

// Boost 1.74's add_vertex and add_edge take the property by const reference and copy it (add_edge
// twice, evidence and all): add a default-constructed one and move ours in.
Vertex AddVertexMoving(BoostGraph& g, Node&& node) {
  Vertex v = boost::add_vertex(g);
  g[v] = std::move(node);
  return v;
}

EdgeDescriptor AddEdgeMoving(BoostGraph& g, Vertex source, Vertex target, Edge&& edge) {
  EdgeDescriptor e = boost::add_edge(source, target, g).first;
  g[e] = std::move(edge);
  return e;
}

void AddAlias(Node& node, const std::string& alias) {
  if (alias.empty() || alias == node.name) return;
  if (std::find(node.aliases.begin(), node.aliases.end(), alias) == node.aliases.end()) {
    node.aliases.push_back(alias);
  }
}

}  // namespace

void MergeNodeInto(Node& into, Node&& from) {
  for (const auto& a : from.aliases) AddAlias(into, a);
  AddAlias(into, from.name);
  for (auto& [k, val] : from.attributes) into.attributes.try_emplace(k, std::move(val));
  into.mentions.insert(into.mentions.end(), std::make_move_iterator(from.mentions.begin()),
                       std::make_move_iterator(from.mentions.end()));
}

KnowledgeGraph::KnowledgeGraph() : g_(std::make_unique<BoostGraph>()) {}

KnowledgeGraph::KnowledgeGraph(const KnowledgeGraph& other)
    : documents(other.documents),
      g_(std::make_unique<BoostGraph>(*other.g_)),
      index_(other.index_),
      relations_(other.relations_),
      types_(other.types_) {}

KnowledgeGraph& KnowledgeGraph::operator=(const KnowledgeGraph& other) {
  if (this != &other) *this = KnowledgeGraph(other);
  return *this;
}

KnowledgeGraph::KnowledgeGraph(KnowledgeGraph&& other) noexcept
    : documents(std::move(other.documents)),
      g_(std::exchange(other.g_, std::make_unique<BoostGraph>())),
      index_(std::move(other.index_)),
      relations_(std::exchange(other.relations_, NameTable())),
      types_(std::exchange(other.types_, NameTable())) {
  other.documents.clear();
  other.index_.Clear();
}

KnowledgeGraph& KnowledgeGraph::operator=(KnowledgeGraph&& other) noexcept {
  if (this != &other) {
    documents = std::move(other.documents);
    g_ = std::exchange(other.g_, std::make_unique<BoostGraph>());
    index_ = std::move(other.index_);
    relations_ = std::exchange(other.relations_, NameTable());
    types_ = std::exchange(other.types_, NameTable());
    other.documents.clear();
    other.index_.Clear();
  }
  return *this;
}

Vertex KnowledgeGraph::AddOrMergeNode(Node node) {
  auto found = index_.Find(node.id, g());
  if (!found) {
    node.type_id = types_.Intern(node.type);
    Vertex v = AddVertexMoving(g(), std::move(node));
    index_.Insert(v, g());
    return v;
  }
  MergeNodeInto(g()[*found], std::move(node));
  return *found;
}

std::optional<Vertex> KnowledgeGraph::TryAddNode(Node&& node) {
  if (index_.Find(node.id, g())) return std::nullopt;
  node.type_id = types_.Intern(node.type);
  Vertex v = AddVertexMoving(g(), std::move(node));
  index_.Insert(v, g());
  return v;
}

std::optional<Vertex> KnowledgeGraph::FindById(std::string_view id) const {
  return index_.Find(id, g());
}

std::optional<EdgeDescriptor> KnowledgeGraph::FindEdge(Vertex source, Vertex target,
                                                       std::string_view relation) const {
  for (auto [it, end] = boost::out_edges(source, g()); it != end; ++it) {
    if (boost::target(*it, g()) == target && g()[*it].relation == relation) return *it;
  }
  return std::nullopt;
}

EdgeDescriptor KnowledgeGraph::AddOrMergeEdge(Vertex source, Vertex target, Edge edge,
                                              bool symmetric) {
  if (symmetric && g()[target].id < g()[source].id) std::swap(source, target);
  if (auto found = FindEdge(source, target, edge.relation)) {
    Edge& existing = g()[*found];
    existing.evidence.insert(existing.evidence.end(), std::make_move_iterator(edge.evidence.begin()),
                             std::make_move_iterator(edge.evidence.end()));
    for (auto& [k, val] : edge.attributes) existing.attributes.try_emplace(k, std::move(val));
    return *found;
  }
  edge.relation_id = relations_.Intern(edge.relation);
  return AddEdgeMoving(g(), source, target, std::move(edge));
}

EdgeDescriptor KnowledgeGraph::AddEdgeUnchecked(Vertex source, Vertex target, Edge edge) {
  edge.relation_id = relations_.Intern(edge.relation);
  return AddEdgeMoving(g(), source, target, std::move(edge));
}

void KnowledgeGraph::MergeNodes(Vertex into, Vertex from, const std::string& rule) {
  if (into == from) return;
  struct Pending {
    Vertex s, t;
    Edge e;
  };
  std::vector<Pending> moved;
  for (auto [it, end] = boost::out_edges(from, g()); it != end; ++it) {
    Vertex t = boost::target(*it, g());
    moved.push_back({into, t == from ? into : t, g()[*it]});
  }
  for (auto [it, end] = boost::in_edges(from, g()); it != end; ++it) {
    Vertex s = boost::source(*it, g());
    if (s == from) continue;  // self loop already taken
    moved.push_back({s, into, g()[*it]});
  }
  Node& target = g()[into];
  Node& source = g()[from];
  AddAlias(target, source.name);
  for (const auto& a : source.aliases) AddAlias(target, a);
  for (auto& [k, val] : source.attributes) target.attributes.try_emplace(k, val);
  target.mentions.insert(target.mentions.end(), source.mentions.begin(), source.mentions.end());
  auto& rules = target.attributes["merged_by"];
  std::string joined = std::holds_alternative<std::string>(rules) ? std::get<std::string>(rules) : "";
  if (joined.find(rule) == std::string::npos) joined = joined.empty() ? rule : joined + "," + rule;
  rules = joined;

  std::string into_id = target.id;
  boost::clear_vertex(from, g());
  boost::remove_vertex(from, g());  // vecS: descriptors above `from` shift down by one
  RebuildIndex();
  Vertex new_into = *FindById(into_id);
  auto fix = [&](Vertex v) { return v > from ? v - 1 : v; };
  for (auto& p : moved) {
    Vertex s = p.s == into ? new_into : fix(p.s);
    Vertex t = p.t == into ? new_into : fix(p.t);
    if (s == t) continue;  // an edge between the two merged nodes disappears
    AddOrMergeEdge(s, t, std::move(p.e));
  }
}

const Document* KnowledgeGraph::FindDocument(std::string_view id) const {
  for (const auto& d : documents) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

void KnowledgeGraph::RebuildIndex() {
  index_.Clear();
  index_.Reserve(boost::num_vertices(g()));
  for (auto [it, end] = boost::vertices(g()); it != end; ++it) index_.Insert(*it, g());
}

void KnowledgeGraph::Canonicalize() {
  const size_t n = boost::num_vertices(g());
  std::vector<Vertex> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](Vertex a, Vertex b) { return g()[a].id < g()[b].id; });
  std::vector<Vertex> new_index(n);
  for (size_t i = 0; i < n; ++i) new_index[order[i]] = i;

  auto sorted_graph = std::make_unique<BoostGraph>(n);  // vertices made once: no regrowth
  BoostGraph& sorted = *sorted_graph;
  for (size_t i = 0; i < n; ++i) {
    Node& node = sorted[i];
    node = std::move(g()[order[i]]);
    SortUnique(node.aliases);
    SortUnique(node.mentions);
  }
  struct Item {
    Vertex s, t;
    Edge e;
  };
  std::vector<Item> items;
  for (auto [it, end] = boost::edges(g()); it != end; ++it) {
    items.push_back({new_index[boost::source(*it, g())], new_index[boost::target(*it, g())],
                     std::move(g()[*it])});
  }
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return std::tie(a.s, a.e.relation, a.t) < std::tie(b.s, b.e.relation, b.t);
  });
  for (auto& item : items) {
    SortUnique(item.e.evidence);
    item.e.weight = std::max<double>(1.0, static_cast<double>(item.e.evidence.size()));
    AddEdgeMoving(sorted, item.s, item.t, std::move(item.e));
  }
  g_ = std::move(sorted_graph);
  RebuildIndex();
}

std::vector<EdgeDescriptor> KnowledgeGraph::SortedEdges() const {
  std::vector<EdgeDescriptor> edges;
  edges.reserve(boost::num_edges(g()));
  for (auto [it, end] = boost::edges(g()); it != end; ++it) edges.push_back(*it);
  std::sort(edges.begin(), edges.end(), [&](const EdgeDescriptor& a, const EdgeDescriptor& b) {
    return std::make_tuple(boost::source(a, g()), std::cref(g()[a].relation), boost::target(a, g())) <
           std::make_tuple(boost::source(b, g()), std::cref(g()[b].relation), boost::target(b, g()));
  });
  return edges;
}

}  // namespace policykg::graph
