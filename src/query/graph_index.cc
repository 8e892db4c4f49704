#include "query/graph_index.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "text/normalize.h"

namespace policykg::query {


GraphIndex::GraphIndex(const graph::GraphView& graph,
                       std::vector<std::string> symmetric_relations)
    : graph_(graph), symmetric_relations_(std::move(symmetric_relations)) {
  Init();
}

GraphIndex::GraphIndex(const graph::KnowledgeGraph& graph,
                       std::vector<std::string> symmetric_relations)
    : owned_(graph::GraphView::Of(graph)),
      graph_(*owned_),
      symmetric_relations_(std::move(symmetric_relations)) {
  Init();
}

void GraphIndex::Init() {
  const graph::GraphView& graph = graph_;
  // Types and relations present: by id (an integer per node and edge), named once at the end.
  std::vector<char> type_used(graph.types().size(), 0);
  for (graph::Vertex v = 0; v < graph.node_count(); ++v) type_used[graph.type_id(v)] = 1;
  std::vector<char> relation_used(graph.relations().size(), 0);
  for (uint32_t id = 0; id < relation_used.size(); ++id) {
    relation_used[id] = graph.relation_edge_counts()[id] > 0;
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

const std::vector<std::string>& GraphIndex::AllNames() const {
  if (all_names_built_) return all_names_;
  std::vector<std::string_view> names;  // into the graph's nodes
  names.reserve(graph_.node_count());
  for (graph::Vertex v = 0; v < graph_.node_count(); ++v) {
    const graph::NodeRef node = graph_.node(v);
    names.push_back(node.name);
    for (std::string_view alias : node.aliases) names.push_back(alias);
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

const UndirectedView& GraphIndex::Undirected() const {
  if (undirected_) return *undirected_;
  const graph::GraphView& g = graph_;
  const size_t n = g.node_count();
  auto view = std::make_unique<UndirectedView>();
  view->begin.resize(n + 1);
  view->neighbor.reserve(2 * g.edge_count());
  view->mask.reserve(2 * g.edge_count());
  // Per node: its other ends with their relation bits, sorted, parallel edges merged.
  std::vector<std::pair<uint32_t, uint64_t>> ends;
  for (graph::Vertex v = 0; v < n; ++v) {
    view->begin[v] = static_cast<uint32_t>(view->neighbor.size());
    ends.clear();
    for (const auto [other, e] : g.out_edges(v)) {
      if (other != v) ends.emplace_back(other, uint64_t{1} << RelationBitOfId(g.relation_id(e)));
    }
    for (const auto [other, e] : g.in_edges(v)) {
      if (other != v) ends.emplace_back(other, uint64_t{1} << RelationBitOfId(g.relation_id(e)));
    }
    std::sort(ends.begin(), ends.end());
    for (size_t i = 0; i < ends.size();) {
      uint64_t mask = 0;
      size_t j = i;
      for (; j < ends.size() && ends[j].first == ends[i].first; ++j) mask |= ends[j].second;
      view->neighbor.push_back(ends[i].first);
      view->mask.push_back(mask);
      i = j;
    }
  }
  view->begin[n] = static_cast<uint32_t>(view->neighbor.size());
  undirected_ = std::move(view);
  return *undirected_;
}

}  // namespace policykg::query
