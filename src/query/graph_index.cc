#include "query/graph_index.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "text/normalize.h"

namespace policykg::query {

namespace {

// True when text::NameKey(s) == s for sure: ASCII other than quotes and white space, and
// well-formed sequences whose lead byte starts no code point that folding or key building touches
// (those all start with C2, E2, E3 or EF). Anything else (and anything ill-formed) may change.
bool IsOwnNameKey(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  auto continuation = [&](const unsigned char* q, int n) {
    if (end - q < n) return false;
    for (int i = 0; i < n; ++i) {
      if ((q[i] & 0xC0) != 0x80) return false;
    }
    return true;
  };
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      if (c == '"' || c == '\'' || c == ' ' || c == '\t' || c == '\n' || c == '\r') return false;
      ++p;
    } else if (c >= 0xC3 && c <= 0xDF && continuation(p + 1, 1)) {
      p += 2;
    } else if ((c == 0xE1 || (c >= 0xE4 && c <= 0xEC) || c == 0xEE) && continuation(p + 1, 2)) {
      p += 3;
    } else if (c >= 0xF1 && c <= 0xF3 && continuation(p + 1, 3)) {
      p += 4;
    } else {
      return false;
    }
  }
  return true;
}

// text::NameKey without its three conversions when nothing in `s` can change.
std::string FastNameKey(std::string_view s) {
  return IsOwnNameKey(s) ? std::string(s) : text::NameKey(s);
}

}  // namespace

void GraphIndex::KeyMap::Build(
    const std::vector<std::pair<std::string_view, graph::Vertex>>& keys) {
  size_t capacity = 16;
  while (capacity < keys.size() * 2) capacity *= 2;
  slots_.assign(capacity, Slot{});
  entries_.clear();
  const size_t mask = capacity - 1;
  std::vector<uint32_t> entry_of(keys.size());  // per key: its entry, or kRepeat
  constexpr uint32_t kRepeat = 0xFFFFFFFFu;
  std::vector<graph::Vertex> last;  // per entry: the last vertex counted
  for (size_t k = 0; k < keys.size(); ++k) {
    const auto& [key, v] = keys[k];
    const uint32_t hash = static_cast<uint32_t>(std::hash<std::string_view>()(key));
    size_t i = hash & mask;
    for (; slots_[i].entry != 0xFFFFFFFFu; i = (i + 1) & mask) {
      if (slots_[i].hash == hash && entries_[slots_[i].entry].key == key) break;
    }
    if (slots_[i].entry == 0xFFFFFFFFu) {
      slots_[i] = Slot{hash, static_cast<uint32_t>(entries_.size())};
      entries_.push_back(Entry{key, 0, 0});
      last.push_back(v);
    } else if (last[slots_[i].entry] == v) {
      entry_of[k] = kRepeat;
      continue;
    }
    last[slots_[i].entry] = v;
    entry_of[k] = slots_[i].entry;
    ++entries_[slots_[i].entry].count;
  }
  uint32_t total = 0;
  for (Entry& e : entries_) e.first = total, total += e.count, e.count = 0;
  vertices_.resize(total);
  for (size_t k = 0; k < keys.size(); ++k) {
    if (entry_of[k] == kRepeat) continue;
    Entry& e = entries_[entry_of[k]];
    vertices_[e.first + e.count++] = keys[k].second;
  }
}

std::span<const graph::Vertex> GraphIndex::KeyMap::Find(std::string_view key) const {
  if (slots_.empty()) return {};
  const uint32_t hash = static_cast<uint32_t>(std::hash<std::string_view>()(key));
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask; slots_[i].entry != 0xFFFFFFFFu; i = (i + 1) & mask) {
    if (slots_[i].hash != hash) continue;
    const Entry& e = entries_[slots_[i].entry];
    if (e.key == key) return std::span<const graph::Vertex>(vertices_.data() + e.first, e.count);
  }
  return {};
}

GraphIndex::GraphIndex(const graph::KnowledgeGraph& graph,
                       std::vector<std::string> symmetric_relations)
    : graph_(graph), symmetric_relations_(std::move(symmetric_relations)) {
  const size_t n = graph.node_count();
  // Keys are views into the graph (which outlives the index) unless NameKey changes the text.
  auto key_of = [&](const std::string& text) -> std::string_view {
    if (IsOwnNameKey(text)) return text;
    return owned_keys_.emplace_back(text::NameKey(text));
  };
  name_keys_.resize(n);
  alias_keys_.resize(n);
  std::vector<std::pair<std::string_view, graph::Vertex>> keys;
  keys.reserve(n);
  // Types and relations present: by id (an integer per node and edge), named once at the end.
  std::vector<char> type_used(graph.types().size(), 0);
  for (graph::Vertex v = 0; v < n; ++v) {
    const graph::Node& node = graph.node(v);
    keys.emplace_back(key_of(node.id), v);
    name_keys_[v] = key_of(node.name);
    for (const auto& alias : node.aliases) alias_keys_[v].push_back(FastNameKey(alias));
    type_used[node.type_id] = 1;
  }
  by_id_key_.Build(keys);
  keys.clear();
  for (graph::Vertex v = 0; v < n; ++v) keys.emplace_back(name_keys_[v], v);
  by_name_key_.Build(keys);
  keys.clear();
  for (graph::Vertex v = 0; v < n; ++v) {  // alias_keys_ no longer grows: views into it hold
    for (const auto& key : alias_keys_[v]) keys.emplace_back(key, v);
  }
  by_alias_key_.Build(keys);
  std::vector<std::pair<std::string_view, graph::Vertex>>().swap(keys);
  std::vector<char> relation_used(graph.relations().size(), 0);
  for (auto [it, end] = boost::edges(graph.g()); it != end; ++it) {
    relation_used[graph.edge(*it).relation_id] = 1;
  }
  for (uint32_t id = 0; id < type_used.size(); ++id) {
    if (type_used[id]) node_types_.push_back(graph.types().Name(id));
  }
  for (uint32_t id = 0; id < relation_used.size(); ++id) {
    if (relation_used[id]) relations_.push_back(graph.relations().Name(id));
  }
  std::sort(node_types_.begin(), node_types_.end());
  std::sort(relations_.begin(), relations_.end());
  symmetric_by_id_.assign(graph.relations().size(), 0);
  bit_by_id_.assign(graph.relations().size(), -1);
  for (uint32_t id = 0; id < graph.relations().size(); ++id) {
    symmetric_by_id_[id] = IsSymmetric(graph.relations().Name(id)) ? 1 : 0;
    if (relation_used[id]) {
      bit_by_id_[id] = static_cast<int8_t>(RelationBit(graph.relations().Name(id)));
    }
  }
  if (relations_.size() > kMaxRelationBits) {
    spdlog::warn("{} relation types: filters on relations after the {}th share one bit",
                 relations_.size(), kMaxRelationBits - 1);
  }
}

GraphIndex::~GraphIndex() = default;

bool GraphIndex::IsSymmetric(std::string_view relation) const {
  for (const auto& r : symmetric_relations_) {
    if (r == relation) return true;
  }
  return false;
}

std::span<const graph::Vertex> GraphIndex::WithIdKey(const std::string& key) const {
  return by_id_key_.Find(key);
}
std::span<const graph::Vertex> GraphIndex::WithNameKey(const std::string& key) const {
  return by_name_key_.Find(key);
}
std::span<const graph::Vertex> GraphIndex::WithAliasKey(const std::string& key) const {
  return by_alias_key_.Find(key);
}

const std::vector<std::string>& GraphIndex::AllNames() const {
  if (all_names_built_) return all_names_;
  std::vector<std::string_view> names;  // into the graph's nodes
  names.reserve(graph_.node_count());
  for (graph::Vertex v = 0; v < graph_.node_count(); ++v) {
    const graph::Node& node = graph_.node(v);
    names.push_back(node.name);
    for (const auto& alias : node.aliases) names.push_back(alias);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  all_names_.assign(names.begin(), names.end());
  all_names_built_ = true;
  return all_names_;
}

std::vector<char> GraphIndex::RelationSelection(const std::vector<std::string>& relations) const {
  const graph::NameTable& table = graph_.relations();
  std::vector<char> selected(table.size(), relations.empty() ? 1 : 0);
  for (const auto& r : relations) {
    if (auto id = table.Find(r)) selected[*id] = 1;
  }
  return selected;
}

std::vector<char> GraphIndex::TypeSelection(const std::vector<std::string>& types) const {
  const graph::NameTable& table = graph_.types();
  std::vector<char> selected(table.size(), types.empty() ? 1 : 0);
  for (const auto& t : types) {
    if (auto id = table.Find(t)) selected[*id] = 1;
  }
  return selected;
}

int GraphIndex::RelationBit(std::string_view relation) const {
  auto it = std::lower_bound(relations_.begin(), relations_.end(), relation);
  if (it == relations_.end() || *it != relation) return -1;
  return std::min<int>(static_cast<int>(it - relations_.begin()), kMaxRelationBits - 1);
}

uint64_t GraphIndex::RelationMask(const std::vector<std::string>& relations) const {
  if (relations.empty()) return ~uint64_t{0};
  uint64_t mask = 0;
  for (const auto& r : relations) {
    int bit = RelationBit(r);
    if (bit >= 0) mask |= uint64_t{1} << bit;
  }
  return mask;
}

const UndirectedGraph& GraphIndex::Undirected() const {
  if (undirected_) return *undirected_;
  const auto& g = graph_.g();
  const size_t n = graph_.node_count();
  // Collect (low, high, bit) per edge, sort, merge parallel edges into one link.
  struct Pair {
    graph::Vertex low, high;
    uint64_t mask;
  };
  std::vector<Pair> pairs;
  pairs.reserve(graph_.edge_count());
  for (auto [it, end] = boost::edges(g); it != end; ++it) {
    graph::Vertex s = boost::source(*it, g), t = boost::target(*it, g);
    if (s == t) continue;
    int bit = RelationBitOfId(g[*it].relation_id);
    pairs.push_back({std::min(s, t), std::max(s, t), uint64_t{1} << bit});
  }
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
    return a.low != b.low ? a.low < b.low : a.high < b.high;
  });
  auto view = std::make_unique<UndirectedGraph>(n);
  for (size_t i = 0; i < pairs.size();) {
    size_t j = i;
    uint64_t mask = 0;
    for (; j < pairs.size() && pairs[j].low == pairs[i].low && pairs[j].high == pairs[i].high;
         ++j) {
      mask |= pairs[j].mask;
    }
    boost::add_edge(pairs[i].low, pairs[i].high, UndirectedLink{mask}, *view);
    i = j;
  }
  undirected_ = std::move(view);
  return *undirected_;
}

}  // namespace policykg::query
