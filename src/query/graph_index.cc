#include "query/graph_index.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "text/normalize.h"

namespace policykg::query {

namespace {

// text::NameKey without its three conversions when nothing in `s` can change: ASCII other than
// quotes and white space, and well-formed sequences whose lead byte starts no code point that
// folding or key building touches (those all start with C2, E2, E3 or EF). Anything else (and
// anything ill-formed) takes the general path.
std::string FastNameKey(std::string_view s) {
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
      if (c == '"' || c == '\'' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        return text::NameKey(s);
      }
      ++p;
    } else if (c >= 0xC3 && c <= 0xDF && continuation(p + 1, 1)) {
      p += 2;
    } else if ((c == 0xE1 || (c >= 0xE4 && c <= 0xEC) || c == 0xEE) && continuation(p + 1, 2)) {
      p += 3;
    } else if (c >= 0xF1 && c <= 0xF3 && continuation(p + 1, 3)) {
      p += 4;
    } else {
      return text::NameKey(s);
    }
  }
  return std::string(s);
}

}  // namespace

GraphIndex::GraphIndex(const graph::KnowledgeGraph& graph,
                       std::vector<std::string> symmetric_relations)
    : graph_(graph), symmetric_relations_(std::move(symmetric_relations)) {
  const size_t n = graph.node_count();
  name_keys_.resize(n);
  alias_keys_.resize(n);
  by_id_key_.reserve(n);
  by_name_key_.reserve(n);
  std::vector<std::string_view> names;  // into the graph's nodes, which outlive this constructor
  names.reserve(n);
  std::set<std::string> types, relations;
  const std::string* last_type = nullptr;  // nodes come sorted by id, so by type: skip repeats
  for (graph::Vertex v = 0; v < n; ++v) {
    const graph::Node& node = graph.node(v);
    by_id_key_[FastNameKey(node.id)].push_back(v);
    name_keys_[v] = FastNameKey(node.name);
    by_name_key_[name_keys_[v]].push_back(v);
    names.push_back(node.name);
    for (const auto& alias : node.aliases) {
      std::string key = FastNameKey(alias);
      auto& list = by_alias_key_[key];
      if (list.empty() || list.back() != v) list.push_back(v);
      alias_keys_[v].push_back(std::move(key));
      names.push_back(alias);
    }
    if (!last_type || *last_type != node.type) types.insert(node.type);
    last_type = &node.type;
  }
  const std::string* last_relation = nullptr;
  for (auto [it, end] = boost::edges(graph.g()); it != end; ++it) {
    const std::string& relation = graph.edge(*it).relation;
    if (last_relation && *last_relation == relation) continue;  // runs of one relation are common
    relations.insert(relation);
    last_relation = &relation;
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  all_names_.assign(names.begin(), names.end());
  node_types_.assign(types.begin(), types.end());
  relations_.assign(relations.begin(), relations.end());
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

std::span<const graph::Vertex> GraphIndex::Find(const KeyMap& map, const std::string& key) {
  auto it = map.find(key);
  if (it == map.end()) return {};
  return it->second;
}

std::span<const graph::Vertex> GraphIndex::WithIdKey(const std::string& key) const {
  return Find(by_id_key_, key);
}
std::span<const graph::Vertex> GraphIndex::WithNameKey(const std::string& key) const {
  return Find(by_name_key_, key);
}
std::span<const graph::Vertex> GraphIndex::WithAliasKey(const std::string& key) const {
  return Find(by_alias_key_, key);
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
    int bit = RelationBit(g[*it].relation);
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
