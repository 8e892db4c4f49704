// Whole-graph analysis: node rankings (degree, PageRank, betweenness), connected components,
// counts per type/relation/document, and the collaboration structure among regions.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/model.h"
#include "query/graph_index.h"

namespace policykg::query {

enum class RankMeasure { kDegree, kPageRank, kBetweenness };

std::optional<RankMeasure> ParseRankMeasure(std::string_view name);
const char* RankMeasureName(RankMeasure measure);

// Edges at each node (in + out; parallel edges count).
std::vector<double> DegreeScores(const GraphIndex& index);

// PageRank by power iteration on the directed graph, symmetric relations counted both ways,
// parallel edges adding weight, dangling nodes spreading their rank evenly (as networkx does).
// Sums to 1 (empty graph: empty vector).
std::vector<double> PageRankScores(const GraphIndex& index, double damping = 0.85,
                                   double tolerance = 1e-12, int max_iterations = 500);

// Work bound of betweenness: source nodes × (nodes + 2 · links) visited (2^27: about 10 s on
// the project's machine).
inline constexpr uint64_t kBetweennessWork = uint64_t{1} << 27;

// How a betweenness ranking was computed: from `sources` of `nodes` source nodes (all: exact);
// when sampled, each score is within ±error_95 of the exact one with probability 0.95.
struct BetweennessEstimate {
  size_t sources = 0;
  size_t nodes = 0;
  double error_95 = 0;
};

// Brandes betweenness on the undirected simple view, normalized by 2 / ((n-1)(n-2)) as
// networkx.betweenness_centrality(G) does: exact while nodes · (nodes + 2 · links) is within
// `max_work`, else estimated from as many sources as the bound allows (at least one), drawn with
// a fixed seed (same scores every run), so time stays O(max_work + nodes + links).
std::vector<double> BetweennessScores(const GraphIndex& index, uint64_t max_work = kBetweennessWork,
                                      BetweennessEstimate* estimate = nullptr);

struct RankOptions {
  RankMeasure measure = RankMeasure::kDegree;
  size_t top = 10;                 // 0: all
  std::vector<std::string> types;  // report only these types (scores use the whole graph)
  uint64_t betweenness_work = kBetweennessWork;  // see BetweennessScores
};

struct RankedNode {
  graph::Vertex vertex;
  double score = 0;
};

// Highest score first; ties by vertex (id order).
std::vector<RankedNode> Rank(const GraphIndex& index, const RankOptions& options);

struct ComponentsResult {
  // Every component, largest first (ties: by first member); members by degree (most edges
  // first), then vertex order, so the hubs of a component are listed first.
  std::vector<std::vector<graph::Vertex>> components;
};

// Connected components of the undirected view (boost::connected_components).
ComponentsResult ConnectedComponents(const GraphIndex& index);

struct DocumentStats {
  const graph::Document* document = nullptr;
  size_t mentions = 0;  // node mentions in this document
  size_t evidence = 0;  // edge evidence entries from this document
};

struct GraphStats {
  size_t nodes = 0;
  size_t edges = 0;
  std::map<std::string, size_t> nodes_by_type;
  std::map<std::string, size_t> edges_by_relation;
  size_t mentions = 0;
  size_t evidence = 0;
  size_t gazetteer_facts = 0;  // evidence entries without a document
  size_t components = 0;
  size_t isolated_nodes = 0;
  std::vector<DocumentStats> documents;  // in graph order
};

GraphStats ComputeStats(const GraphIndex& index);

struct CollaborationOptions {
  std::string region_type = "Region";
  std::string cooperation_relation = "cooperates_with";
  std::string involvement_relation = "involves";
  size_t top = 10;  // 0: all
};

struct RegionCollaboration {
  graph::Vertex region;
  std::vector<graph::Vertex> partners;     // joined by the cooperation relation, any type
  std::vector<graph::Vertex> involved_in;  // platforms/plans/… joined by the involvement relation
  size_t score = 0;                        // partners + involved_in
};

struct SharedInvolvement {
  graph::Vertex a;  // a < b
  graph::Vertex b;
  std::vector<graph::Vertex> shared;  // nodes that involve both regions
  bool cooperate = false;             // a and b are also directly joined by cooperation
};

struct CollaborationReport {
  std::vector<RegionCollaboration> regions;  // score desc, then partners desc, then id
  std::vector<SharedInvolvement> pairs;      // shared count desc, cooperating first, then ids
  size_t total_regions = 0;                  // regions with any collaboration (before top)
  size_t total_pairs = 0;
};

CollaborationReport AnalyzeCollaboration(const GraphIndex& index,
                                         const CollaborationOptions& options);

}  // namespace policykg::query
