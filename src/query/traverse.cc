#include "query/traverse.h"

#include <algorithm>
#include <limits>
#include <tuple>

namespace policykg::query {

namespace {

using graph::Vertex;

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
  const UndirectedView& ug = index.Undirected();
  const uint64_t mask = index.RelationMask(relations);
  constexpr Vertex kNone = std::numeric_limits<Vertex>::max();
  // parent[0]: the forward tree from `from`; parent[1]: the backward tree from `to`.
  std::vector<Vertex> parent[2] = {std::vector<Vertex>(ug.node_count(), kNone),
                                   std::vector<Vertex>(ug.node_count(), kNone)};
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
      for (uint32_t k = ug.begin[u]; k < ug.begin[u + 1]; ++k) {
        if ((ug.mask[k] & mask) == 0) continue;
        const Vertex v = ug.neighbor[k];
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

// Hop distances to `to` over the links carrying a relation of `mask` (kUnreached where there is
// no path).
std::vector<int> DistancesTo(const UndirectedView& ug, uint64_t mask, Vertex to) {
  std::vector<int> distance(ug.node_count(), kUnreached);
  distance[to] = 0;
  std::vector<Vertex> order{to};
  for (size_t head = 0; head < order.size(); ++head) {
    const Vertex u = order[head];
    for (uint32_t k = ug.begin[u]; k < ug.begin[u + 1]; ++k) {
      if ((ug.mask[k] & mask) == 0 || distance[ug.neighbor[k]] != kUnreached) continue;
      distance[ug.neighbor[k]] = distance[u] + 1;
      order.push_back(ug.neighbor[k]);
    }
  }
  return distance;
}

PathResult AllSimplePaths(const GraphIndex& index, Vertex from, Vertex to,
                          const PathOptions& options) {
  PathResult result;
  const UndirectedView& ug = index.Undirected();
  const uint64_t mask = index.RelationMask(options.relations);
  const std::vector<int> distance = DistancesTo(ug, mask, to);
  if (distance[from] == kUnreached || distance[from] > options.max_length) return result;
  std::vector<bool> on_path(ug.node_count(), false);
  std::vector<std::vector<Vertex>> found;
  size_t steps = 0;

  // Paths of exactly `length` hops; pruned by the distance still needed to reach `to`.
  for (int length = distance[from]; length <= options.max_length && !result.capped; ++length) {
    std::vector<Vertex> path{from};
    // Per vertex on the path: the next of its links to try, and the end of its links.
    std::vector<std::pair<uint32_t, uint32_t>> pending{{ug.begin[from], ug.begin[from + 1]}};
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
      const uint32_t k = it++;
      if ((ug.mask[k] & mask) == 0) continue;
      const Vertex next = ug.neighbor[k];
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
      pending.emplace_back(ug.begin[next], ug.begin[next + 1]);
    }
    for (Vertex v : path) on_path[v] = false;
  }
  for (auto& nodes : found)
    result.paths.push_back(MakePath(index, std::move(nodes), options.relations));
  return result;
}

// Sorts hits[begin, end) by vertex (vertices are distinct): std::sort for a few, else a stable
// radix sort on the vertex, 11 bits a pass, between the range and a scratch buffer kept for the
// thread's next query — a hub's second ring holds hundreds of thousands.
void SortHitsByVertex(std::vector<NeighborHit>& hits, size_t begin, size_t end) {
  const auto first = hits.begin() + static_cast<ptrdiff_t>(begin);
  const auto last = hits.begin() + static_cast<ptrdiff_t>(end);
  if (end - begin < 4096) {
    std::sort(first, last, [](const NeighborHit& a, const NeighborHit& b) { return a.vertex < b.vertex; });
    return;
  }
  Vertex largest = 0;
  for (auto it = first; it != last; ++it) largest = std::max(largest, it->vertex);
  constexpr int kBits = 11;
  constexpr Vertex kMask = (Vertex{1} << kBits) - 1;
  thread_local std::vector<NeighborHit> scratch;
  scratch.resize(end - begin);
  NeighborHit* from = &*first;
  NeighborHit* to = scratch.data();
  const size_t n = end - begin;
  for (int shift = 0; (largest >> shift) != 0; shift += kBits) {
    size_t count[(1 << kBits) + 1] = {};
    for (size_t i = 0; i < n; ++i) ++count[((from[i].vertex >> shift) & kMask) + 1];
    for (int b = 0; b < (1 << kBits); ++b) count[b + 1] += count[b];
    for (size_t i = 0; i < n; ++i) to[count[(from[i].vertex >> shift) & kMask]++] = from[i];
    std::swap(from, to);
  }
  if (from != &*first) std::copy(from, from + n, first);  // an odd number of passes
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
  const graph::GraphView& g = index.graph();
  std::vector<Link> links;
  const std::vector<char> selected = index.RelationSelection(relations);
  auto wanted = [&](graph::EdgeIndex e) { return selected[g.relation_id(e)] != 0; };
  auto direction = [&](graph::EdgeIndex e, bool forward) {
    if (index.IsSymmetricId(g.relation_id(e))) return LinkDirection::kUndirected;
    return forward ? LinkDirection::kForward : LinkDirection::kBackward;
  };
  // Scan the side with fewer edges.
  const bool scan_from = g.degree(from) <= g.degree(to);
  const Vertex base = scan_from ? from : to;
  const Vertex other = scan_from ? to : from;
  for (const auto [end, e] : g.out_edges(base)) {
    if (end == other && wanted(e)) links.push_back({e, direction(e, /*forward=*/scan_from)});
  }
  if (from != to) {
    for (const auto [end, e] : g.in_edges(base)) {
      if (end == other && wanted(e)) {
        links.push_back({e, direction(e, /*forward=*/!scan_from)});
      }
    }
  }
  std::sort(links.begin(), links.end(), [&](const Link& a, const Link& b) {
    return std::tie(g.relations().Name(g.relation_id(a.edge)), a.direction) <
           std::tie(g.relations().Name(g.relation_id(b.edge)), b.direction);
  });
  return links;
}

NeighborResult Neighbors(const GraphIndex& index, Vertex center, const NeighborOptions& options) {
  const graph::GraphView& g = index.graph();
  NeighborResult result{center, {}};
  if (options.depth <= 0) return result;
  const bool follow_out = options.direction != Direction::kIn;
  const bool follow_in = options.direction != Direction::kOut;
  std::vector<bool> visited(g.node_count(), false);
  visited[center] = true;
  std::vector<Vertex> frontier{center}, next;
  // Relations and types compared as integer ids.
  const std::vector<char> relation_selected = index.RelationSelection(options.relations);
  const std::vector<char> type_selected = index.TypeSelection(options.types);
  const bool every_type = options.types.empty();  // no look-up of each neighbor's type

  // With no relation filter and both directions followed, an edge's relation matters only for the
  // direction reported, which is looked up for the hits alone.
  const bool every_edge = options.relations.empty() && follow_out && follow_in;
  auto reach = [&](Vertex from, Vertex to, graph::EdgeIndex e, bool outgoing, int distance) {
    if (to == from || visited[to]) return;
    bool symmetric = false;
    if (!every_edge) {
      const uint32_t relation = g.relation_id(e);
      if (!relation_selected[relation]) return;
      symmetric = index.IsSymmetricId(relation);
      if (!symmetric && !(outgoing ? follow_out : follow_in)) return;
    }
    visited[to] = true;
    next.push_back(to);
    if (!every_type && !type_selected[g.type_id(to)]) return;
    if (every_edge) symmetric = index.IsSymmetricId(g.relation_id(e));
    LinkDirection direction = symmetric  ? LinkDirection::kUndirected
                              : outgoing ? LinkDirection::kForward
                                         : LinkDirection::kBackward;
    result.hits.push_back({to, distance, from, {e, direction}});
  };

  for (int distance = 1; distance <= options.depth && !frontier.empty(); ++distance) {
    const size_t level_begin = result.hits.size();
    for (Vertex u : frontier) {
      for (const auto [to, e] : g.out_edges(u)) reach(u, to, e, /*outgoing=*/true, distance);
      for (const auto [to, e] : g.in_edges(u)) reach(u, to, e, /*outgoing=*/false, distance);
    }
    // BFS yields hits by distance; within a distance, by vertex (id order in a canonical graph).
    SortHitsByVertex(result.hits, level_begin, result.hits.size());
    frontier.swap(next);
    next.clear();
  }
  return result;
}

PathResult FindPaths(const GraphIndex& index, Vertex from, Vertex to, const PathOptions& options) {
  if (from == to) {
    PathResult result;
    result.paths.push_back(Path{{from}, {}});
    return result;
  }
  if (!options.all) return ShortestPath(index, from, to, options.relations);
  return AllSimplePaths(index, from, to, options);
}

}  // namespace policykg::query
