#include "query/analysis.h"

#include <spdlog/spdlog.h>

#include <algorithm>
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
  const graph::GraphView& g = index.graph();
  std::vector<double> scores(g.node_count());
  for (Vertex v = 0; v < scores.size(); ++v) scores[v] = static_cast<double>(g.degree(v));
  return scores;
}

std::vector<double> PageRankScores(const GraphIndex& index, double damping, double tolerance,
                                   int max_iterations) {
  const graph::GraphView& g = index.graph();
  const size_t n = g.node_count();
  if (n == 0) return {};
  // Arcs of the directed graph, symmetric relations both ways.
  std::vector<std::pair<uint32_t, uint32_t>> arcs;
  arcs.reserve(g.edge_count() * 2);
  std::vector<double> out_weight(n, 0.0);
  for (graph::EdgeIndex e = 0; e < g.edge_count(); ++e) {
    const auto s = static_cast<uint32_t>(g.source(e)), t = static_cast<uint32_t>(g.target(e));
    arcs.emplace_back(s, t);
    if (s != t && index.IsSymmetricId(g.relation_id(e))) arcs.emplace_back(t, s);
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
std::vector<double> DependencySums(const UndirectedView& ug, const std::vector<uint32_t>& sources) {
  const size_t n = ug.node_count();
  const std::vector<uint32_t>& offset = ug.begin;
  const std::vector<uint32_t>& neighbor = ug.neighbor;
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
  const UndirectedView& ug = index.Undirected();
  const size_t n = ug.node_count();
  const uint64_t per_source = static_cast<uint64_t>(n) + 2 * ug.link_count();
  size_t samples = n;
  if (n > 2 && static_cast<uint64_t>(n) * per_source > max_work) {
    samples = static_cast<size_t>(std::clamp<uint64_t>(max_work / per_source, 1, n));
  }
  if (estimate) *estimate = BetweennessEstimate{samples, n, 0.0};
  // Exact: every source's dependencies (Brandes 2001; an undirected pair is counted from both its
  // ends, so the sum is twice networkx's unnormalized score and 2 / ((n-1)(n-2)) becomes
  // 1 / ((n-1)(n-2))). Sampled (Brandes & Pich 2007): the dependencies of `samples` sources drawn
  // without replacement by a fixed-seed generator (same answer every run), scaled by n / samples.
  // Each
  // source's dependency divided by (n - 2) lies in [0, 1], so by Hoeffding's inequality a score
  // is within sqrt(ln(2 / 0.05) / (2 · samples)) · n / (n - 1) of the exact one with
  // probability 0.95.
  std::vector<uint32_t> sources(n);
  for (size_t v = 0; v < n; ++v) sources[v] = static_cast<uint32_t>(v);
  if (samples < n) {
    std::mt19937_64 random(0x706f6c6963796b67ULL);  // "policykg"
    for (size_t i = 0; i < samples; ++i) std::swap(sources[i], sources[i + random() % (n - i)]);
    sources.resize(samples);
    std::sort(sources.begin(), sources.end());
  }
  std::vector<double> sum = DependencySums(ug, sources);
  if (n <= 2) return std::vector<double>(n, 0.0);
  const double nn = static_cast<double>(n);
  const double scale = nn / static_cast<double>(samples) / ((nn - 1) * (nn - 2));
  for (double& c : sum) c *= scale;
  if (estimate && samples < n) {
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
  const graph::GraphView& g = index.graph();
  std::vector<RankedNode> ranked;
  const std::vector<char> type_selected = index.TypeSelection(options.types);
  for (Vertex v = 0; v < scores.size(); ++v) {
    if (!type_selected[g.type_id(v)]) continue;
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
  const UndirectedView& ug = index.Undirected();
  const size_t n = ug.node_count();
  // Breadth-first from each unlabelled vertex in vertex order: components numbered by their
  // first vertex.
  constexpr uint32_t kUnlabelled = 0xFFFFFFFFu;
  std::vector<uint32_t> component(n, kUnlabelled);
  std::vector<uint32_t> queue;
  uint32_t count = 0;
  for (uint32_t s = 0; s < n; ++s) {
    if (component[s] != kUnlabelled) continue;
    component[s] = count;
    queue.assign(1, s);
    for (size_t head = 0; head < queue.size(); ++head) {
      const uint32_t u = queue[head];
      for (uint32_t k = ug.begin[u]; k < ug.begin[u + 1]; ++k) {
        if (component[ug.neighbor[k]] == kUnlabelled) {
          component[ug.neighbor[k]] = count;
          queue.push_back(ug.neighbor[k]);
        }
      }
    }
    ++count;
  }
  ComponentsResult result;
  result.components.resize(count);
  for (Vertex v = 0; v < n; ++v) result.components[component[v]].push_back(v);
  // Members are in vertex order here: order the components before re-sorting their members.
  std::sort(result.components.begin(), result.components.end(),
            [](const std::vector<Vertex>& a, const std::vector<Vertex>& b) {
              return a.size() != b.size() ? a.size() > b.size() : a.front() < b.front();
            });
  const graph::GraphView& g = index.graph();
  auto degree = [&](Vertex v) { return g.degree(v); };
  for (auto& members : result.components) {
    std::stable_sort(members.begin(), members.end(),
                     [&](Vertex a, Vertex b) { return degree(a) > degree(b); });
  }
  return result;
}

GraphStats ComputeStats(const GraphIndex& index) {
  const graph::GraphView& g = index.graph();
  GraphStats stats;
  stats.nodes = g.node_count();
  stats.edges = g.edge_count();
  std::map<std::string, size_t, std::less<>> doc_position;
  for (const auto& d : g.documents()) {
    doc_position.emplace(d.id, stats.documents.size());
    stats.documents.push_back({&d, 0, 0});
  }
  // Per document id seen: its position, or npos; the last one is cached (runs are common).
  std::string_view last_doc;
  size_t last_position = std::string::npos;
  auto position_of = [&](std::string_view doc) {
    if (doc.data() != last_doc.data() || doc.size() != last_doc.size()) {
      auto it = doc_position.find(doc);
      last_doc = doc;
      last_position = it == doc_position.end() ? std::string::npos : it->second;
    }
    return last_position;
  };
  std::vector<size_t> per_type(g.types().size(), 0);
  for (Vertex v = 0; v < stats.nodes; ++v) {
    const graph::NodeRef node = g.node(v);
    ++per_type[node.type_id];
    stats.mentions += node.mentions.size();
    for (const graph::MentionRef m : node.mentions) {
      if (size_t at = position_of(m.doc); at != std::string::npos) ++stats.documents[at].mentions;
    }
    if (g.degree(v) == 0) ++stats.isolated_nodes;
  }
  for (uint32_t t = 0; t < per_type.size(); ++t) {
    if (per_type[t] > 0) stats.nodes_by_type[g.types().Name(t)] = per_type[t];
  }
  for (uint32_t r = 0; r < g.relations().size(); ++r) {
    if (g.relation_edge_counts()[r] > 0) {
      stats.edges_by_relation[g.relations().Name(r)] = g.relation_edge_counts()[r];
    }
  }
  for (graph::EdgeIndex e = 0; e < g.edge_count(); ++e) {
    const graph::EdgeRef edge = g.edge(e);
    stats.evidence += edge.evidence.size();
    for (const graph::EvidenceRef ev : edge.evidence) {
      if (ev.doc.empty()) {
        ++stats.gazetteer_facts;
      } else if (size_t at = position_of(ev.doc); at != std::string::npos) {
        ++stats.documents[at].evidence;
      }
    }
  }
  stats.components = ConnectedComponents(index).components.size();
  return stats;
}

CollaborationReport AnalyzeCollaboration(const GraphIndex& index,
                                         const CollaborationOptions& options) {
  const graph::GraphView& g = index.graph();
  const size_t n = g.node_count();
  std::vector<RegionCollaboration> regions;
  std::map<std::pair<Vertex, Vertex>, std::vector<Vertex>> shared;
  std::vector<Vertex> involved;  // scratch: regions one node involves
  // Relations and types compared as integer ids; a name absent from the graph matches no id.
  constexpr uint32_t kAbsent = 0xFFFFFFFFu;
  const uint32_t region_type = g.types().Find(options.region_type).value_or(kAbsent);
  const uint32_t cooperation = g.relations().Find(options.cooperation_relation).value_or(kAbsent);
  const uint32_t involvement = g.relations().Find(options.involvement_relation).value_or(kAbsent);

  for (Vertex v = 0; v < n; ++v) {
    const bool is_region = g.type_id(v) == region_type;
    RegionCollaboration entry{v, {}, {}, 0};
    involved.clear();
    auto visit = [&](Vertex other, graph::EdgeIndex e) {
      if (other == v) return;
      const uint32_t relation = g.relation_id(e);
      if (is_region && relation == cooperation) entry.partners.push_back(other);
      if (relation == involvement) {
        if (is_region) entry.involved_in.push_back(other);
        if (g.type_id(other) == region_type) involved.push_back(other);
      }
    };
    for (const auto [other, e] : g.out_edges(v)) visit(other, e);
    for (const auto [other, e] : g.in_edges(v)) visit(other, e);
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
