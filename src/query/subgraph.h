// Query results as graphs: the result's nodes, every edge among them, and the documents their
// mentions and evidence cite — a valid policykg graph for `render -` or another `query -`.
#pragma once

#include <vector>

#include "graph/graph_view.h"
#include "graph/model.h"
#include "query/analysis.h"
#include "query/evidence.h"
#include "query/find.h"
#include "query/traverse.h"

namespace policykg::query {

// Copies `nodes` (duplicates ignored), the edges among them and the cited documents (with their
// text); canonicalized.
graph::KnowledgeGraph ExtractSubgraph(const graph::GraphView& graph,
                                      std::vector<graph::Vertex> nodes);

// The nodes each result is about.
std::vector<graph::Vertex> ResultNodes(const FindResult& result);
std::vector<graph::Vertex> ResultNodes(const NeighborResult& result);  // center included
std::vector<graph::Vertex> ResultNodes(const PathResult& result);
std::vector<graph::Vertex> ResultNodes(const std::vector<RankedNode>& result);
std::vector<graph::Vertex> ResultNodes(const CollaborationReport& result);
// The first `top` components (0 = all).
std::vector<graph::Vertex> ResultNodes(const ComponentsResult& result, size_t top);

}  // namespace policykg::query
