// Graph traversal queries: ego graphs (neighbors up to a depth, by direction, relation and node
// type) and paths (the shortest, or every simple path up to a length, capped).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "graph/model.h"
#include "query/graph_index.h"

namespace policykg::query {

enum class Direction { kOut, kIn, kBoth };

// How an edge runs relative to a step from one node to the next.
enum class LinkDirection {
  kForward,    // the edge points from the step's start to its end
  kBackward,   // the edge points from the step's end to its start
  kUndirected  // a symmetric relation (e.g. cooperates_with)
};

const char* DirectionName(LinkDirection direction);   // "out", "in", "undirected"
const char* DirectionArrow(LinkDirection direction);  // "→", "←", "—"

struct Link {
  graph::EdgeIndex edge = 0;
  LinkDirection direction = LinkDirection::kForward;
};

// Every edge between `from` and `to` (either way) whose relation is in `relations` (empty =
// any), in canonical edge order; directions are relative to from → to.
std::vector<Link> LinksBetween(const GraphIndex& index, graph::Vertex from, graph::Vertex to,
                               const std::vector<std::string>& relations = {});

struct NeighborOptions {
  int depth = 1;
  Direction direction = Direction::kBoth;  // symmetric relations are followed either way
  std::vector<std::string> relations;      // edges to follow; empty = all
  std::vector<std::string> types;          // neighbors to report; empty = all (traversal is not
                                           // restricted: depth 2 reaches Platforms via Regions)
};

struct NeighborHit {
  graph::Vertex vertex;
  int distance = 0;
  graph::Vertex via;  // the node one step closer to the center
  Link link;          // the first edge found from `via` to `vertex` (LinksBetween gives all)
};

struct NeighborResult {
  graph::Vertex center;
  std::vector<NeighborHit> hits;  // by distance, then id
};

// Breadth-first search from `center`; cost proportional to the part of the graph visited.
NeighborResult Neighbors(const GraphIndex& index, graph::Vertex center,
                         const NeighborOptions& options);

struct Hop {
  graph::Vertex from;
  graph::Vertex to;
  std::vector<Link> links;  // the edges joining from and to, relation-filtered
};

struct Path {
  std::vector<graph::Vertex> nodes;
  std::vector<Hop> hops;  // nodes.size() - 1 hops
};

struct PathOptions {
  std::vector<std::string> relations;  // edges to use; empty = all. Paths ignore direction.
  bool all = false;                    // every simple path up to max_length, shortest first
  int max_length = 4;                  // in hops, for `all`
  size_t max_paths = 100;              // stop after this many paths (`all`)
  size_t max_steps = 2'000'000;        // stop after this many search steps (`all`)
};

struct PathResult {
  std::vector<Path> paths;
  bool capped = false;  // `all` stopped at max_paths or max_steps; more paths may exist
};

// The shortest path (breadth-first search on the undirected view), or with `all` every simple
// path of at most max_length hops. A path from a node to itself has no hops.
PathResult FindPaths(const GraphIndex& index, graph::Vertex from, graph::Vertex to,
                     const PathOptions& options);

}  // namespace policykg::query
