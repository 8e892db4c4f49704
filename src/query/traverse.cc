#include "query/traverse.h"

#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/visitors.hpp>
#include <boost/property_map/property_map.hpp>
#include <limits>
#include <tuple>

namespace policykg::query {

namespace {

using graph::Vertex;

// Keeps the undirected links that carry at least one wanted relation.
struct RelationMaskFilter {
  const UndirectedGraph* graph = nullptr;
  uint64_t mask = ~uint64_t{0};
  bool operator()(const UndirectedGraph::edge_descriptor& e) const {
    return ((*graph)[e].relation_mask & mask) != 0;
  }
};
using FilteredUndirected = boost::filtered_graph<UndirectedGraph, RelationMaskFilter>;

constexpr int kUnreached = std::numeric_limits<int>::max();

Path MakePath(const GraphIndex& index, std::vector<Vertex> nodes,
              const std::vector<std::string>& relations) {
  Path path;
  for (size_t i = 0; i + 1 < nodes.size(); ++i) {
    path.hops.push_back(
        {nodes[i], nodes[i + 1], LinksBetween(index, nodes[i], nodes[i + 1], relations)});
  }
  path.nodes = std::move(nodes);
  return path;
}

// Bidirectional breadth-first search on the relation-filtered undirected view: the smaller of the
// two frontiers grows by one whole level at a time, and the search stops at the first level where
// they meet, so it visits about the balls of half the distance around each end instead of
// everything nearer `from` than `to`. Every meeting found in that level lies on a shortest path;
// the one with the smallest vertex index (canonical id order) is taken, so the answer depends only
// on the graph.
PathResult ShortestPath(const GraphIndex& index, Vertex from, Vertex to,
                        const std::vector<std::string>& relations) {
  const UndirectedGraph& ug = index.Undirected();
  const uint64_t mask = index.RelationMask(relations);
  constexpr Vertex kNone = std::numeric_limits<Vertex>::max();
  // parent[0]: the forward tree from `from`; parent[1]: the backward tree from `to`.
  std::vector<Vertex> parent[2] = {std::vector<Vertex>(boost::num_vertices(ug), kNone),
                                   std::vector<Vertex>(boost::num_vertices(ug), kNone)};
  parent[0][from] = from;
  parent[1][to] = to;
  std::vector<Vertex> frontier[2] = {{from}, {to}};
  std::vector<Vertex> next;
  Vertex meeting = kNone;
  while (meeting == kNone && !frontier[0].empty() && !frontier[1].empty()) {
    const int side = frontier[0].size() <= frontier[1].size() ? 0 : 1;
    std::vector<Vertex>& mine = parent[side];
    const std::vector<Vertex>& other = parent[1 - side];
    next.clear();
    for (Vertex u : frontier[side]) {
      for (auto [it, end] = boost::out_edges(u, ug); it != end; ++it) {
        if ((ug[*it].relation_mask & mask) == 0) continue;
        const Vertex v = boost::target(*it, ug);
        if (mine[v] != kNone) continue;
        mine[v] = u;
        next.push_back(v);
        if (other[v] != kNone && v < meeting) meeting = v;
      }
    }
    frontier[side].swap(next);
  }
  PathResult result;
  if (meeting == kNone) return result;  // not reached
  std::vector<Vertex> nodes;
  for (Vertex v = meeting; v != from; v = parent[0][v]) nodes.push_back(v);
  nodes.push_back(from);
  std::reverse(nodes.begin(), nodes.end());
  for (Vertex v = meeting; v != to;) nodes.push_back(v = parent[1][v]);
  result.paths.push_back(MakePath(index, std::move(nodes), relations));
  return result;
}

// Hop distances to `to` over the filtered view (kUnreached where there is no path).
std::vector<int> DistancesTo(const GraphIndex& index, const FilteredUndirected& view, Vertex to) {
  std::vector<int> distance(boost::num_vertices(index.Undirected()), kUnreached);
  distance[to] = 0;
  auto distance_map = boost::make_iterator_property_map(
      distance.begin(), boost::get(boost::vertex_index, index.Undirected()));
  boost::breadth_first_search(view, to,
                              boost::visitor(boost::make_bfs_visitor(
                                  boost::record_distances(distance_map, boost::on_tree_edge()))));
  return distance;
}

PathResult AllSimplePaths(const GraphIndex& index, const FilteredUndirected& view, Vertex from,
                          Vertex to, const PathOptions& options) {
  PathResult result;
  const std::vector<int> distance = DistancesTo(index, view, to);
  if (distance[from] == kUnreached || distance[from] > options.max_length) return result;
  const UndirectedGraph& ug = index.Undirected();
  const uint64_t mask = index.RelationMask(options.relations);
  using OutIterator = boost::graph_traits<UndirectedGraph>::out_edge_iterator;
  std::vector<bool> on_path(boost::num_vertices(ug), false);
  std::vector<std::vector<Vertex>> found;
  size_t steps = 0;

  // Paths of exactly `length` hops; pruned by the distance still needed to reach `to`.
  for (int length = distance[from]; length <= options.max_length && !result.capped; ++length) {
    std::vector<Vertex> path{from};
    std::vector<std::pair<OutIterator, OutIterator>> pending{boost::out_edges(from, ug)};
    on_path[from] = true;
    while (!pending.empty()) {
      auto& [it, end] = pending.back();
      if (it == end) {
        on_path[path.back()] = false;
        path.pop_back();
        pending.pop_back();
        continue;
      }
      if (++steps > options.max_steps) {
        result.capped = true;
        break;
      }
      auto e = *it++;
      if ((ug[e].relation_mask & mask) == 0) continue;
      Vertex next = boost::target(e, ug);
      const int hops = static_cast<int>(path.size());  // after stepping to `next`
      if (on_path[next]) continue;
      if (next == to) {
        if (hops != length) continue;
        found.push_back(path);
        found.back().push_back(to);
        if (found.size() > options.max_paths) {
          found.pop_back();
          result.capped = true;
          break;
        }
        continue;
      }
      if (hops >= length || distance[next] == kUnreached || hops + distance[next] > length)
        continue;
      path.push_back(next);
      on_path[next] = true;
      pending.push_back(boost::out_edges(next, ug));
    }
    for (Vertex v : path) on_path[v] = false;
  }
  for (auto& nodes : found)
    result.paths.push_back(MakePath(index, std::move(nodes), options.relations));
  return result;
}

}  // namespace

const char* DirectionName(LinkDirection direction) {
  switch (direction) {
    case LinkDirection::kForward:
      return "out";
    case LinkDirection::kBackward:
      return "in";
    case LinkDirection::kUndirected:
      return "undirected";
  }
  return "";
}

const char* DirectionArrow(LinkDirection direction) {
  switch (direction) {
    case LinkDirection::kForward:
      return "→";
    case LinkDirection::kBackward:
      return "←";
    case LinkDirection::kUndirected:
      return "—";
  }
  return "";
}

std::vector<Link> LinksBetween(const GraphIndex& index, Vertex from, Vertex to,
                               const std::vector<std::string>& relations) {
  const auto& g = index.graph().g();
  std::vector<Link> links;
  const std::vector<char> selected = index.RelationSelection(relations);
  auto wanted = [&](graph::EdgeDescriptor e) { return selected[g[e].relation_id] != 0; };
  auto direction = [&](graph::EdgeDescriptor e, bool forward) {
    if (index.IsSymmetricId(g[e].relation_id)) return LinkDirection::kUndirected;
    return forward ? LinkDirection::kForward : LinkDirection::kBackward;
  };
  // Scan the side with fewer edges.
  const bool scan_from = boost::out_degree(from, g) + boost::in_degree(from, g) <=
                         boost::out_degree(to, g) + boost::in_degree(to, g);
  const Vertex base = scan_from ? from : to;
  const Vertex other = scan_from ? to : from;
  for (auto [it, end] = boost::out_edges(base, g); it != end; ++it) {
    if (boost::target(*it, g) == other && wanted(*it)) {
      links.push_back({*it, direction(*it, /*forward=*/scan_from)});
    }
  }
  if (from != to) {
    for (auto [it, end] = boost::in_edges(base, g); it != end; ++it) {
      if (boost::source(*it, g) == other && wanted(*it)) {
        links.push_back({*it, direction(*it, /*forward=*/!scan_from)});
      }
    }
  }
  std::sort(links.begin(), links.end(), [&](const Link& a, const Link& b) {
    return std::tie(g[a.edge].relation, a.direction) < std::tie(g[b.edge].relation, b.direction);
  });
  return links;
}

NeighborResult Neighbors(const GraphIndex& index, Vertex center, const NeighborOptions& options) {
  const auto& g = index.graph().g();
  NeighborResult result{center, {}};
  if (options.depth <= 0) return result;
  const bool follow_out = options.direction != Direction::kIn;
  const bool follow_in = options.direction != Direction::kOut;
  std::vector<bool> visited(boost::num_vertices(g), false);
  visited[center] = true;
  std::vector<Vertex> frontier{center}, next;
  // Relations and types compared as integer ids (graph::Edge::relation_id, Node::type_id).
  const std::vector<char> relation_selected = index.RelationSelection(options.relations);
  const std::vector<char> type_selected = index.TypeSelection(options.types);

  auto reach = [&](Vertex from, Vertex to, graph::EdgeDescriptor e, bool outgoing, int distance) {
    if (to == from || visited[to]) return;
    const uint32_t relation = g[e].relation_id;
    if (!relation_selected[relation]) return;
    const bool symmetric = index.IsSymmetricId(relation);
    if (!symmetric && !(outgoing ? follow_out : follow_in)) return;
    visited[to] = true;
    next.push_back(to);
    if (!type_selected[g[to].type_id]) return;
    LinkDirection direction = symmetric  ? LinkDirection::kUndirected
                              : outgoing ? LinkDirection::kForward
                                         : LinkDirection::kBackward;
    result.hits.push_back({to, distance, from, {e, direction}});
  };

  for (int distance = 1; distance <= options.depth && !frontier.empty(); ++distance) {
    for (Vertex u : frontier) {
      for (auto [it, end] = boost::out_edges(u, g); it != end; ++it) {
        reach(u, boost::target(*it, g), *it, /*outgoing=*/true, distance);
      }
      for (auto [it, end] = boost::in_edges(u, g); it != end; ++it) {
        reach(u, boost::source(*it, g), *it, /*outgoing=*/false, distance);
      }
    }
    frontier.swap(next);
    next.clear();
  }
  // BFS already yields hits by distance; order within a distance by vertex (id order in a
  // canonical graph).
  std::sort(result.hits.begin(), result.hits.end(), [](const NeighborHit& a, const NeighborHit& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.vertex < b.vertex;
  });
  return result;
}

PathResult FindPaths(const GraphIndex& index, Vertex from, Vertex to, const PathOptions& options) {
  if (from == to) {
    PathResult result;
    result.paths.push_back(Path{{from}, {}});
    return result;
  }
  if (!options.all) return ShortestPath(index, from, to, options.relations);
  const UndirectedGraph& ug = index.Undirected();
  FilteredUndirected view(ug, RelationMaskFilter{&ug, index.RelationMask(options.relations)});
  return AllSimplePaths(index, view, from, to, options);
}

}  // namespace policykg::query
