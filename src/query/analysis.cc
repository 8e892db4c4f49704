#include "query/analysis.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/property_map/property_map.hpp>
#include <cmath>
#include <random>
#include <tuple>

#include "query/traverse.h"

namespace policykg::query {

namespace {

using graph::Vertex;

void SortUnique(std::vector<Vertex>& vertices) {
  std::sort(vertices.begin(), vertices.end());
  vertices.erase(std::unique(vertices.begin(), vertices.end()), vertices.end());
}

}  // namespace

std::optional<RankMeasure> ParseRankMeasure(std::string_view name) {
  if (name == "degree") return RankMeasure::kDegree;
  if (name == "pagerank") return RankMeasure::kPageRank;
  if (name == "betweenness") return RankMeasure::kBetweenness;
  return std::nullopt;
}

const char* RankMeasureName(RankMeasure measure) {
  switch (measure) {
    case RankMeasure::kDegree:
      return "degree";
    case RankMeasure::kPageRank:
      return "pagerank";
    case RankMeasure::kBetweenness:
      return "betweenness";
  }
  return "";
}

std::vector<double> DegreeScores(const GraphIndex& index) {
  const auto& g = index.graph().g();
  std::vector<double> scores(boost::num_vertices(g));
  for (Vertex v = 0; v < scores.size(); ++v) {
    scores[v] = static_cast<double>(boost::out_degree(v, g) + boost::in_degree(v, g));
  }
  return scores;
}

std::vector<double> PageRankScores(const GraphIndex& index, double damping, double tolerance,
                                   int max_iterations) {
  const auto& g = index.graph().g();
  const size_t n = boost::num_vertices(g);
  if (n == 0) return {};
  // Arcs of the directed graph, symmetric relations both ways.
  std::vector<std::pair<Vertex, Vertex>> arcs;
  arcs.reserve(boost::num_edges(g) * 2);
  std::vector<double> out_weight(n, 0.0);
  for (auto [it, end] = boost::edges(g); it != end; ++it) {
    Vertex s = boost::source(*it, g), t = boost::target(*it, g);
    arcs.emplace_back(s, t);
    if (s != t && index.IsSymmetricId(g[*it].relation_id)) arcs.emplace_back(t, s);
  }
  for (const auto& [s, t] : arcs) out_weight[s] += 1;

  const double uniform = 1.0 / static_cast<double>(n);
  std::vector<double> rank(n, uniform), next(n);
  int iteration = 0;
  for (; iteration < max_iterations; ++iteration) {
    double dangling = 0;
    for (Vertex v = 0; v < n; ++v) {
      if (out_weight[v] == 0) dangling += rank[v];
    }
    std::fill(next.begin(), next.end(), (1 - damping) * uniform + damping * dangling * uniform);
    for (const auto& [s, t] : arcs) next[t] += damping * rank[s] / out_weight[s];
    double change = 0;
    for (Vertex v = 0; v < n; ++v) change += std::fabs(next[v] - rank[v]);
    rank.swap(next);
    if (change < tolerance * static_cast<double>(n)) break;
  }
  if (iteration == max_iterations) {
    spdlog::warn("pagerank did not converge in {} iterations", max_iterations);
  }
  return rank;
}

namespace {

// Brandes' accumulation from the given sources only: the sum over them of each node's dependency
// δ_s(v) = Σ_t σ_st(v) / σ_st. O(sources · (nodes + links)) time, O(nodes + links) memory.
std::vector<double> DependencySums(const UndirectedGraph& ug, const std::vector<uint32_t>& sources) {
  const size_t n = boost::num_vertices(ug);
  std::vector<size_t> offset(n + 1, 0);
  for (size_t v = 0; v < n; ++v) offset[v + 1] = offset[v] + boost::degree(v, ug);
  std::vector<uint32_t> neighbor(offset[n]);
  for (size_t v = 0; v < n; ++v) {
    size_t k = offset[v];
    for (auto [it, end] = boost::adjacent_vertices(v, ug); it != end; ++it) {
      neighbor[k++] = static_cast<uint32_t>(*it);
    }
  }
  std::vector<double> sum(n, 0.0), sigma(n), delta(n);
  std::vector<int64_t> dist(n, -1);
  std::vector<uint32_t> order;
  order.reserve(n);
  for (uint32_t s : sources) {
    order.clear();
    std::fill(sigma.begin(), sigma.end(), 0.0);
    std::fill(delta.begin(), delta.end(), 0.0);
    std::fill(dist.begin(), dist.end(), -1);
    sigma[s] = 1;
    dist[s] = 0;
    order.push_back(s);
    for (size_t head = 0; head < order.size(); ++head) {  // BFS; `order` is by distance
      uint32_t v = order[head];
      for (size_t k = offset[v]; k < offset[v + 1]; ++k) {
        uint32_t w = neighbor[k];
        if (dist[w] < 0) {
          dist[w] = dist[v] + 1;
          order.push_back(w);
        }
        if (dist[w] == dist[v] + 1) sigma[w] += sigma[v];
      }
    }
    for (size_t i = order.size(); i-- > 1;) {  // farthest first
      uint32_t w = order[i];
      for (size_t k = offset[w]; k < offset[w + 1]; ++k) {
        uint32_t v = neighbor[k];
        if (dist[v] == dist[w] - 1) delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
      }
      sum[w] += delta[w];
    }
  }
  return sum;
}

}  // namespace

std::vector<double> BetweennessScores(const GraphIndex& index, uint64_t max_work,
                                      BetweennessEstimate* estimate) {
  const UndirectedGraph& ug = index.Undirected();
  const size_t n = boost::num_vertices(ug);
  const uint64_t per_source = static_cast<uint64_t>(n) + 2 * boost::num_edges(ug);
  size_t samples = n;
  if (n > 2 && static_cast<uint64_t>(n) * per_source > max_work) {
    samples = static_cast<size_t>(std::clamp<uint64_t>(max_work / per_source, 1, n));
  }
  if (estimate) *estimate = BetweennessEstimate{samples, n, 0.0};
  if (samples == n) {  // exact: Boost's Brandes
    std::vector<double> centrality(n, 0.0);
    boost::brandes_betweenness_centrality(
        ug, boost::centrality_map(boost::make_iterator_property_map(
                centrality.begin(), boost::get(boost::vertex_index, ug))));
    if (n > 2) {
      const double scale = 2.0 / (static_cast<double>(n - 1) * static_cast<double>(n - 2));
      for (double& c : centrality) c *= scale;
    }
    return centrality;
  }
  // Sampled (Brandes & Pich 2007): the dependencies of `samples` sources drawn without
  // replacement by a fixed-seed generator (same answer every run), scaled by n / samples. Each
  // source's dependency divided by (n - 2) lies in [0, 1], so by Hoeffding's inequality a score
  // is within sqrt(ln(2 / 0.05) / (2 · samples)) · n / (n - 1) of the exact one with
  // probability 0.95.
  std::vector<uint32_t> sources(n);
  for (size_t v = 0; v < n; ++v) sources[v] = static_cast<uint32_t>(v);
  std::mt19937_64 random(0x706f6c6963796b67ULL);  // "policykg"
  for (size_t i = 0; i < samples; ++i) std::swap(sources[i], sources[i + random() % (n - i)]);
  sources.resize(samples);
  std::sort(sources.begin(), sources.end());
  std::vector<double> sum = DependencySums(ug, sources);
  const double nn = static_cast<double>(n);
  const double scale = nn / static_cast<double>(samples) / ((nn - 1) * (nn - 2));
  for (double& c : sum) c *= scale;
  if (estimate) {
    estimate->error_95 = std::sqrt(std::log(2 / 0.05) / (2.0 * static_cast<double>(samples))) * nn / (nn - 1);
  }
  return sum;
}

std::vector<RankedNode> Rank(const GraphIndex& index, const RankOptions& options) {
  std::vector<double> scores;
  switch (options.measure) {
    case RankMeasure::kDegree:
      scores = DegreeScores(index);
      break;
    case RankMeasure::kPageRank:
      scores = PageRankScores(index);
      break;
    case RankMeasure::kBetweenness: {
      BetweennessEstimate estimate;
      scores = BetweennessScores(index, options.betweenness_work, &estimate);
      if (estimate.sources < estimate.nodes) {
        spdlog::warn("betweenness estimated from {} of {} sources: each score within ±{:.3f} of "
                     "the exact one with probability 0.95",
                     estimate.sources, estimate.nodes, estimate.error_95);
      }
      break;
    }
  }
  const graph::KnowledgeGraph& g = index.graph();
  std::vector<RankedNode> ranked;
  const std::vector<char> type_selected = index.TypeSelection(options.types);
  for (Vertex v = 0; v < scores.size(); ++v) {
    if (!type_selected[g.node(v).type_id]) continue;
    ranked.push_back({v, scores[v]});
  }
  auto better = [](const RankedNode& a, const RankedNode& b) {
    return a.score != b.score ? a.score > b.score : a.vertex < b.vertex;
  };
  if (options.top != 0 && options.top < ranked.size()) {
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<ptrdiff_t>(options.top),
                      ranked.end(), better);
    ranked.resize(options.top);
  } else {
    std::sort(ranked.begin(), ranked.end(), better);
  }
  return ranked;
}

ComponentsResult ConnectedComponents(const GraphIndex& index) {
  const UndirectedGraph& ug = index.Undirected();
  const size_t n = boost::num_vertices(ug);
  std::vector<int> component(n, 0);
  const int count = n == 0 ? 0
                           : boost::connected_components(
                                 ug, boost::make_iterator_property_map(
                                         component.begin(), boost::get(boost::vertex_index, ug)));
  ComponentsResult result;
  result.components.resize(static_cast<size_t>(count));
  for (Vertex v = 0; v < n; ++v) result.components[static_cast<size_t>(component[v])].push_back(v);
  // Members are in vertex order here: order the components before re-sorting their members.
  std::sort(result.components.begin(), result.components.end(),
            [](const std::vector<Vertex>& a, const std::vector<Vertex>& b) {
              return a.size() != b.size() ? a.size() > b.size() : a.front() < b.front();
            });
  const auto& g = index.graph().g();
  auto degree = [&](Vertex v) { return boost::out_degree(v, g) + boost::in_degree(v, g); };
  for (auto& members : result.components) {
    std::stable_sort(members.begin(), members.end(),
                     [&](Vertex a, Vertex b) { return degree(a) > degree(b); });
  }
  return result;
}

GraphStats ComputeStats(const GraphIndex& index) {
  const graph::KnowledgeGraph& kg = index.graph();
  const auto& g = kg.g();
  GraphStats stats;
  stats.nodes = kg.node_count();
  stats.edges = kg.edge_count();
  std::map<std::string, size_t> doc_position;
  for (const auto& d : kg.documents) {
    doc_position.emplace(d.id, stats.documents.size());
    stats.documents.push_back({&d, 0, 0});
  }
  for (Vertex v = 0; v < stats.nodes; ++v) {
    const graph::Node& node = kg.node(v);
    ++stats.nodes_by_type[node.type];
    stats.mentions += node.mentions.size();
    for (const auto& m : node.mentions) {
      if (auto it = doc_position.find(m.doc); it != doc_position.end()) {
        ++stats.documents[it->second].mentions;
      }
    }
    if (boost::out_degree(v, g) + boost::in_degree(v, g) == 0) ++stats.isolated_nodes;
  }
  for (auto [it, end] = boost::edges(g); it != end; ++it) {
    const graph::Edge& edge = g[*it];
    ++stats.edges_by_relation[edge.relation];
    stats.evidence += edge.evidence.size();
    for (const auto& ev : edge.evidence) {
      if (ev.doc.empty()) {
        ++stats.gazetteer_facts;
      } else if (auto pos = doc_position.find(ev.doc); pos != doc_position.end()) {
        ++stats.documents[pos->second].evidence;
      }
    }
  }
  stats.components = ConnectedComponents(index).components.size();
  return stats;
}

CollaborationReport AnalyzeCollaboration(const GraphIndex& index,
                                         const CollaborationOptions& options) {
  const graph::KnowledgeGraph& kg = index.graph();
  const auto& g = kg.g();
  const size_t n = kg.node_count();
  std::vector<RegionCollaboration> regions;
  std::map<std::pair<Vertex, Vertex>, std::vector<Vertex>> shared;
  std::vector<Vertex> involved;  // scratch: regions one node involves
  // Relations and types compared as integer ids; a name absent from the graph matches no id.
  constexpr uint32_t kAbsent = 0xFFFFFFFFu;
  const uint32_t region_type = kg.types().Find(options.region_type).value_or(kAbsent);
  const uint32_t cooperation = kg.relations().Find(options.cooperation_relation).value_or(kAbsent);
  const uint32_t involvement = kg.relations().Find(options.involvement_relation).value_or(kAbsent);

  for (Vertex v = 0; v < n; ++v) {
    const bool is_region = kg.node(v).type_id == region_type;
    RegionCollaboration entry{v, {}, {}, 0};
    involved.clear();
    auto visit = [&](Vertex other, graph::EdgeDescriptor e) {
      if (other == v) return;
      const uint32_t relation = g[e].relation_id;
      if (is_region && relation == cooperation) entry.partners.push_back(other);
      if (relation == involvement) {
        if (is_region) entry.involved_in.push_back(other);
        if (kg.node(other).type_id == region_type) involved.push_back(other);
      }
    };
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it)
      visit(boost::target(*it, g), *it);
    for (auto [it, end] = boost::in_edges(v, g); it != end; ++it) visit(boost::source(*it, g), *it);
    // v involves several regions: each pair of them shares v.
    SortUnique(involved);
    for (size_t i = 0; i < involved.size(); ++i) {
      for (size_t j = i + 1; j < involved.size(); ++j)
        shared[{involved[i], involved[j]}].push_back(v);
    }
    if (!is_region) continue;
    SortUnique(entry.partners);
    SortUnique(entry.involved_in);
    entry.score = entry.partners.size() + entry.involved_in.size();
    if (entry.score > 0) regions.push_back(std::move(entry));
  }

  CollaborationReport report;
  std::sort(regions.begin(), regions.end(),
            [](const RegionCollaboration& a, const RegionCollaboration& b) {
              return std::make_tuple(b.score, b.partners.size(), a.region) <
                     std::make_tuple(a.score, a.partners.size(), b.region);
            });
  report.total_regions = regions.size();
  if (options.top != 0 && regions.size() > options.top) regions.resize(options.top);
  report.regions = std::move(regions);

  std::vector<SharedInvolvement> pairs;
  for (auto& [key, nodes] : shared) {
    bool cooperate =
        !LinksBetween(index, key.first, key.second, {options.cooperation_relation}).empty();
    pairs.push_back({key.first, key.second, std::move(nodes), cooperate});
  }
  std::sort(pairs.begin(), pairs.end(), [](const SharedInvolvement& x, const SharedInvolvement& y) {
    return std::make_tuple(y.shared.size(), y.cooperate, x.a, x.b) <
           std::make_tuple(x.shared.size(), x.cooperate, y.a, y.b);
  });
  report.total_pairs = pairs.size();
  if (options.top != 0 && pairs.size() > options.top) pairs.resize(options.top);
  report.pairs = std::move(pairs);
  return report;
}

}  // namespace policykg::query
