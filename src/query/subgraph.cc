#include "query/subgraph.h"

#include <algorithm>
#include <set>
#include <string>

namespace policykg::query {

using graph::Vertex;

graph::KnowledgeGraph ExtractSubgraph(const graph::GraphView& graph, std::vector<Vertex> nodes) {
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  graph::KnowledgeGraph sub;
  std::set<std::string, std::less<>> cited;
  constexpr Vertex kNone = static_cast<Vertex>(-1);
  std::vector<Vertex> copy_of(graph.node_count(), kNone);
  for (Vertex v : nodes) {
    const graph::NodeRef node = graph.node(v);
    copy_of[v] = sub.AddOrMergeNode(node.ToNode());
    for (const graph::MentionRef m : node.mentions) cited.emplace(m.doc);
  }
  for (Vertex v : nodes) {
    for (const auto [t, e] : graph.out_edges(v)) {
      if (copy_of[t] == kNone) continue;
      const graph::EdgeRef edge = graph.edge(e);
      // Not merged as symmetric: the stored orientation is already canonical.
      sub.AddOrMergeEdge(copy_of[v], copy_of[t], edge.ToEdge(), /*symmetric=*/false);
      for (const graph::EvidenceRef ev : edge.evidence) {
        if (!ev.doc.empty()) cited.emplace(ev.doc);
      }
    }
  }
  for (const auto& d : graph.documents()) {
    if (cited.count(d.id)) sub.documents.push_back(d);
  }
  sub.Canonicalize();
  return sub;
}

std::vector<Vertex> ResultNodes(const FindResult& result) { return result.matches; }

std::vector<Vertex> ResultNodes(const NeighborResult& result) {
  std::vector<Vertex> out{result.center};
  for (const auto& hit : result.hits) out.push_back(hit.vertex);
  return out;
}

std::vector<Vertex> ResultNodes(const PathResult& result) {
  std::vector<Vertex> out;
  for (const auto& path : result.paths) out.insert(out.end(), path.nodes.begin(), path.nodes.end());
  return out;
}

std::vector<Vertex> ResultNodes(const std::vector<RankedNode>& result) {
  std::vector<Vertex> out;
  for (const auto& r : result) out.push_back(r.vertex);
  return out;
}

std::vector<Vertex> ResultNodes(const CollaborationReport& result) {
  std::vector<Vertex> out;
  for (const auto& r : result.regions) {
    out.push_back(r.region);
    out.insert(out.end(), r.partners.begin(), r.partners.end());
    out.insert(out.end(), r.involved_in.begin(), r.involved_in.end());
  }
  for (const auto& p : result.pairs) {
    out.push_back(p.a);
    out.push_back(p.b);
    out.insert(out.end(), p.shared.begin(), p.shared.end());
  }
  return out;
}

std::vector<Vertex> ResultNodes(const ComponentsResult& result, size_t top) {
  std::vector<Vertex> out;
  const size_t count =
      top == 0 ? result.components.size() : std::min(top, result.components.size());
  for (size_t i = 0; i < count; ++i) {
    out.insert(out.end(), result.components[i].begin(), result.components[i].end());
  }
  return out;
}

}  // namespace policykg::query
