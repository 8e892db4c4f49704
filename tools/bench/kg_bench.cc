// In-process query benchmark for policykg graphs: times what a `policykg query` process does
// without its per-process overhead. Links build-bench/libpolicykg_core.a (see CMakeLists.txt here).
//
// usage: kg_bench GRAPH.json [--samples N] [--seed S] [--center NAME] [--path A B]
//                 [--pagerank-runs N] [--render-svg OUT.svg] [--schema DIR] [--snapshot]
//                 [--emit-sample FILE]
//          --snapshot: also writes the graph's snapshot beside GRAPH.json (GRAPH.pkgs), times
//          opening it in place (graph::GraphView, what `query` does; 3 runs: best and median), the
//          open the CLI does given GRAPH.json (size + XXH64 of the JSON checked first), and decoding
//          it into a KnowledgeGraph (what render and export do), against the JSON load; the
//          queries then run on the snapshot's view.
//          --emit-sample FILE: writes the sampled centers, path pairs, betweenness source count and
//          hub as JSON to FILE, and the edges as little-endian int32 triples (source, target,
//          1 if symmetric) to FILE.edges, so that tools/bench/peer_queries.py asks other graph
//          libraries the same questions.
//        kg_bench --calibrate
//          spins the same amount of work on 1 thread and then on each of 2 threads: the speed-up
//          the machine can give a 2-thread job right now (< 2 when the cores are shared).
//        kg_bench --stages FILE… [--schema DIR]
//          times each stage of `policykg build -j1` separately (read, sha256, decode, fold,
//          layout, extract, graph building, JSON writing) on one thread.
// Prints one JSON object on stdout (times in seconds unless the key says _us).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <numeric>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "common/file_io.h"
#include "common/utf8.h"
#include "extract/document_extraction.h"
#include "extract/pipeline.h"
#include "graph/graph_view.h"
#include "graph/json_io.h"
#include "graph/snapshot.h"
#include "lexicon/compiled_lexicon.h"
#include "query/analysis.h"
#include "query/graph_index.h"
#include "query/resolve.h"
#include "query/traverse.h"
#include "render/render.h"
#include "schema/schema.h"
#include "text/decode.h"
#include "text/layout.h"
#include "text/normalize.h"
#include "text/sha256.h"

// The policykg executable's jemalloc options (src/cli/main.cc): transparent huge pages for the
// heap, so that loads here fault pages in as the CLI does.
extern "C" {
const char* malloc_conf = "thp:always,metadata_thp:always";
}

namespace {

using namespace policykg;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// Latency summary of per-query times (seconds) → JSON fragment in microseconds.
std::string Summary(std::vector<double> t, double extra_mean = -1, const char* extra_key = nullptr) {
  if (t.empty()) return "null";
  std::sort(t.begin(), t.end());
  auto pct = [&](double p) { return t[std::min(t.size() - 1, static_cast<size_t>(p * (t.size() - 1) + 0.5))]; };
  double mean = std::accumulate(t.begin(), t.end(), 0.0) / static_cast<double>(t.size());
  std::string s = fmt::format(R"({{"n":{},"mean_us":{:.2f},"p50_us":{:.2f},"p90_us":{:.2f},"p99_us":{:.2f},"max_us":{:.2f})",
                              t.size(), mean * 1e6, pct(0.5) * 1e6, pct(0.9) * 1e6, pct(0.99) * 1e6, t.back() * 1e6);
  if (extra_key) s += fmt::format(R"(,"{}":{:.1f})", extra_key, extra_mean);
  return s + "}";
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", c);
      continue;
    }
    out += c;
  }
  return out + "\"";
}

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "kg_bench: %s\n", message.c_str());
  std::exit(2);
}

// CPU-bound work that the compiler cannot drop.
uint64_t Spin(uint64_t iterations) {
  uint64_t x = 88172645463325252ull, acc = 0;
  for (uint64_t i = 0; i < iterations; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    acc += x >> 60;
  }
  return acc;
}

int RunCalibrate() {
  const uint64_t work = 300'000'000;
  volatile uint64_t sink = 0;
  auto t0 = Clock::now();
  sink = sink + Spin(work);
  double one = Since(t0);
  t0 = Clock::now();
  uint64_t a = 0, b = 0;
  std::thread other([&] { b = Spin(work); });
  a = Spin(work);
  other.join();
  double two = Since(t0);
  sink = sink + a + b;
  std::cout << fmt::format(R"({{"one_thread_s":{:.4f},"two_threads_s":{:.4f},"speedup":{:.3f}}})", one, two,
                           2 * one / two)
            << "\n";
  return 0;
}

// The stages of `policykg build -j1` (extract::BuildGraphJson) as the pipeline itself times them
// (BuildStats::stage_seconds), plus schema loading, lexicon compilation and JSON writing (the rest
// of BuildGraphJson's time: with one thread, writing does not overlap finishing).
int RunStages(const std::vector<std::string>& files, const std::string& schema_dir) {
  auto t0 = Clock::now();
  auto schema = schema::LoadSchema(schema_dir.empty() ? schema::DefaultSchemaDirectory() : schema_dir);
  if (!schema.ok()) Die(schema.error().ToString());
  double schema_s = Since(t0);
  t0 = Clock::now();
  { lexicon::CompiledLexicon lex(*schema); }
  double lexicon_s = Since(t0);
  size_t bytes = 0;
  for (const auto& f : files) {
    auto data = ReadFileBytes(f);
    if (!data.ok()) Die(data.error().ToString());
    bytes += data->size();
  }
  extract::BuildOptions options;
  options.threads = 1;
  extract::BuildStats stats;
  std::ofstream null("/dev/null", std::ios::binary);
  t0 = Clock::now();
  Status built = extract::BuildGraphJson(files, *schema, options, null, {}, &stats);
  if (!built.ok()) Die(built.error().ToString());
  null.flush();
  double write_s = Since(t0) - lexicon_s;  // BuildGraphJson compiles the lexicon too
  for (const auto& [stage, seconds] : stats.stage_seconds) write_s -= seconds;
  write_s = std::max(write_s, 0.0);
  std::string stages = fmt::format(R"("schema":{:.4f},"lexicon":{:.4f})", schema_s, lexicon_s);
  double total = schema_s + lexicon_s + write_s;
  for (const auto& [stage, seconds] : stats.stage_seconds) {
    stages += fmt::format(R"(,"{}":{:.4f})", stage, seconds);
    total += seconds;
  }
  stages += fmt::format(R"(,"write_json":{:.4f})", write_s);
  std::cout << fmt::format(R"({{"files":{},"bytes":{},"chars":{},"nodes":{},"edges":{},"stages":{{{}}},)"
                           R"("total_s":{:.4f},"peak_rss_kb":{}}})",
                           files.size(), bytes, stats.bytes, stats.nodes, stats.edges, stages, total,
                           PeakRssKb())
            << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string graph_path, center_name, path_a, path_b, render_svg, schema_dir;
  size_t samples = 1000;
  unsigned seed = 1;
  int pagerank_runs = 3;
  bool stages = false;
  bool snapshot = false;
  std::string emit_sample;
  std::vector<std::string> stage_files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) Die("missing value after " + a);
      return argv[++i];
    };
    if (a == "--samples") samples = std::stoul(next());
    else if (a == "--seed") seed = static_cast<unsigned>(std::stoul(next()));
    else if (a == "--center") center_name = next();
    else if (a == "--path") path_a = next(), path_b = next();
    else if (a == "--pagerank-runs") pagerank_runs = std::stoi(next());
    else if (a == "--render-svg") render_svg = next();
    else if (a == "--schema") schema_dir = next();
    else if (a == "--stages") stages = true;
    else if (a == "--snapshot") snapshot = true;
    else if (a == "--emit-sample") emit_sample = next();
    else if (a == "--calibrate") return RunCalibrate();
    else if (!a.empty() && a[0] == '-') Die("unknown flag " + a);
    else if (stages) stage_files.push_back(a);
    else graph_path = a;
  }
  spdlog::set_level(spdlog::level::warn);
  if (stages) return RunStages(stage_files, schema_dir);
  if (graph_path.empty()) Die("usage: kg_bench GRAPH.json [--samples N] [--center NAME] [--path A B] ...");
  spdlog::set_level(spdlog::level::warn);

  std::vector<std::string> fields;
  auto t0 = Clock::now();
  auto loaded = graph::LoadGraph(graph_path);
  if (!loaded.ok()) Die(loaded.error().ToString());
  double load_s = Since(t0);
  graph::KnowledgeGraph& kg = *loaded;
  const size_t n = kg.node_count();
  fields.push_back(fmt::format(R"("graph":{},"nodes":{},"edges":{},"load_s":{:.4f},"rss_after_load_kb":{})",
                               JsonString(graph_path), n, kg.edge_count(), load_s, PeakRssKb()));

  std::unique_ptr<graph::GraphView> view;  // what the queries run on
  if (snapshot) {
    // The snapshot of the graph just loaded, recording the JSON file, beside it.
    t0 = Clock::now();
    auto digest = graph::DigestFile(graph_path);
    if (!digest.ok()) Die(digest.error().ToString());
    const double digest_s = Since(t0);
    t0 = Clock::now();
    const std::string bytes = graph::SerializeSnapshot(kg, digest->size, digest->hash);
    const std::string snapshot_path = graph::SnapshotPathFor(graph_path);
    if (Status saved = graph::SaveSnapshot(bytes, snapshot_path); !saved.ok()) {
      Die(saved.error().ToString());
    }
    const double write_s = Since(t0);
    std::vector<double> direct, via_json, decode;
    for (int run = 0; run < 3; ++run) {
      view.reset();
      t0 = Clock::now();
      auto file = FileBytes::Open(snapshot_path);
      if (!file.ok()) Die(file.error().ToString());
      auto opened = graph::GraphView::Open(std::move(file).value(), snapshot_path);
      direct.push_back(Since(t0));
      if (!opened.ok()) Die(opened.error().ToString());
      view = std::move(opened).value();
      if (view->node_count() != n || view->edge_count() != kg.edge_count()) {
        Die("snapshot: other counts");
      }
    }
    for (int run = 0; run < 3; ++run) {
      graph::GraphSource source;
      t0 = Clock::now();
      auto g = graph::LoadGraphView(graph_path, &source);
      via_json.push_back(Since(t0));
      if (!g.ok()) Die(g.error().ToString());
      if (source.snapshot.empty()) Die("LoadGraphView did not use the snapshot: " + source.note);
    }
    for (int run = 0; run < 3; ++run) {
      t0 = Clock::now();
      auto g = graph::LoadSnapshot(snapshot_path);
      decode.push_back(Since(t0));
      if (!g.ok()) Die(g.error().ToString());
    }
    std::sort(direct.begin(), direct.end());
    std::sort(via_json.begin(), via_json.end());
    std::sort(decode.begin(), decode.end());
    fields.push_back(fmt::format(
        R"("json_bytes":{},"snapshot_bytes":{},"json_digest_s":{:.4f},"snapshot_write_s":{:.4f},)"
        R"("snapshot_load_best_s":{:.4f},"snapshot_load_median_s":{:.4f},)"
        R"("snapshot_via_json_best_s":{:.4f},"snapshot_via_json_median_s":{:.4f},)"
        R"("snapshot_decode_best_s":{:.4f},"snapshot_decode_median_s":{:.4f})",
        digest->size, bytes.size(), digest_s, write_s, direct[0], direct[1], via_json[0],
        via_json[1], decode[0], decode[1]));
  } else {
    t0 = Clock::now();
    view = graph::GraphView::Of(kg);
    fields.push_back(fmt::format(R"("view_of_json_graph_s":{:.4f})", Since(t0)));
  }

  t0 = Clock::now();
  query::GraphIndex index(*view, {"cooperates_with"});
  double index_s = Since(t0);
  t0 = Clock::now();
  const query::UndirectedView& ug = index.Undirected();
  double undirected_s = Since(t0);
  fields.push_back(fmt::format(R"("index_s":{:.4f},"undirected_s":{:.4f},"undirected_links":{})", index_s,
                               undirected_s, ug.link_count()));
  if (n == 0) Die("empty graph");

  // Degrees, for the hub and for describing the graph.
  // Random centers and path ends are drawn from the nodes with at least one edge (a query about
  // an isolated node returns at once and would flatter the figures).
  size_t hub = 0, max_degree = 0;
  std::vector<graph::Vertex> linked;
  for (graph::Vertex v = 0; v < n; ++v) {
    size_t d = view->degree(v);
    if (d > max_degree) max_degree = d, hub = v;
    if (d > 0) linked.push_back(v);
  }
  fields.push_back(fmt::format(R"("max_degree":{},"hub":{},"isolated_nodes":{})", max_degree,
                               JsonString(kg.node(hub).id), n - linked.size()));
  if (linked.empty()) Die("graph has no edges");

  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<size_t> pick_index(0, linked.size() - 1);
  auto pick = [&](std::mt19937_64& r) { return linked[pick_index(r)]; };
  query::NeighborOptions depth2;
  depth2.depth = 2;
  std::vector<graph::Vertex> centers;
  std::vector<std::pair<graph::Vertex, graph::Vertex>> pairs;

  // Neighbors, depth 2, from random centers (each timed on its own), from the hub, from a name.
  {
    std::vector<double> times;
    double hits = 0;
    for (size_t k = 0; k < samples; ++k) {
      graph::Vertex c = pick(rng);
      centers.push_back(c);
      auto s = Clock::now();
      auto r = query::Neighbors(index, c, depth2);
      times.push_back(Since(s));
      hits += static_cast<double>(r.hits.size());
    }
    fields.push_back(fmt::format(R"("neighbors2_random":{})", Summary(times, hits / samples, "mean_hits")));
    times.clear();
    size_t hub_hits = 0;
    for (int k = 0; k < 20; ++k) {
      auto s = Clock::now();
      hub_hits = query::Neighbors(index, hub, depth2).hits.size();
      times.push_back(Since(s));
    }
    fields.push_back(fmt::format(R"("neighbors2_hub":{})", Summary(times, static_cast<double>(hub_hits), "hits")));
    if (!center_name.empty()) {
      auto res = query::ResolveEntity(index, center_name);
      if (res.found()) {
        times.clear();
        size_t named_hits = 0;
        for (int k = 0; k < 200; ++k) {
          auto s = Clock::now();
          named_hits = query::Neighbors(index, res.vertex, depth2).hits.size();
          times.push_back(Since(s));
        }
        fields.push_back(fmt::format(R"("neighbors2_named":{},"named_center":{})",
                                     Summary(times, static_cast<double>(named_hits), "hits"),
                                     JsonString(kg.node(res.vertex).id)));
      } else {
        fields.push_back(fmt::format(R"("neighbors2_named":null,"named_center_missing":{})", JsonString(center_name)));
      }
    }
  }

  // Shortest path between random pairs, and between two names.
  {
    query::PathOptions shortest;
    std::vector<double> times;
    size_t found = 0, path_samples = std::max<size_t>(1, std::min<size_t>(samples, 200));
    for (size_t k = 0; k < path_samples; ++k) {
      graph::Vertex a = pick(rng), b = pick(rng);
      pairs.emplace_back(a, b);
      auto s = Clock::now();
      auto r = query::FindPaths(index, a, b, shortest);
      times.push_back(Since(s));
      found += r.paths.empty() ? 0 : 1;
    }
    fields.push_back(fmt::format(R"("path_random":{},"path_random_found":{})", Summary(times), found));
    // The same pairs by what `path` did before its bidirectional search (issue 15): one
    // breadth-first search from the start over the whole component, predecessors filled for every
    // node; the hop count must agree.
    times.clear();
    size_t disagree = 0;
    const size_t nv = ug.node_count();
    std::vector<uint32_t> predecessor(nv);
    std::vector<uint32_t> queue;
    for (auto [a, b] : pairs) {
      auto s = Clock::now();
      for (uint32_t v = 0; v < nv; ++v) predecessor[v] = v;
      queue.assign(1, static_cast<uint32_t>(a));
      for (size_t head = 0; head < queue.size(); ++head) {
        const uint32_t u = queue[head];
        for (uint32_t k = ug.begin[u]; k < ug.begin[u + 1]; ++k) {
          const uint32_t w = ug.neighbor[k];
          if (w != a && predecessor[w] == w) predecessor[w] = u, queue.push_back(w);
        }
      }
      size_t hops = 0;
      const bool reached = a == b || predecessor[b] != b;
      for (graph::Vertex v = b; reached && v != a; v = predecessor[v]) ++hops;
      times.push_back(Since(s));
      auto r = query::FindPaths(index, a, b, shortest);
      if (reached != !r.paths.empty() || (reached && hops != r.paths[0].hops.size())) ++disagree;
    }
    fields.push_back(fmt::format(R"("path_random_plain_bfs":{},"path_plain_bfs_disagree":{})",
                                 Summary(times), disagree));
    if (!path_a.empty()) {
      auto ra = query::ResolveEntity(index, path_a), rb = query::ResolveEntity(index, path_b);
      if (ra.found() && rb.found()) {
        times.clear();
        size_t hops = 0;
        for (int k = 0; k < 50; ++k) {
          auto s = Clock::now();
          auto r = query::FindPaths(index, ra.vertex, rb.vertex, shortest);
          times.push_back(Since(s));
          hops = r.paths.empty() ? 0 : r.paths[0].hops.size();
        }
        fields.push_back(fmt::format(R"("path_named":{},"path_named_hops":{})", Summary(times), hops));
      }
    }
  }

  // Connected components (as `query components`), and betweenness from the sources the work
  // bound allows (as `query rank --by betweenness`).
  size_t betweenness_sources = 0;
  {
    std::vector<double> times;
    size_t count = 0;
    for (int k = 0; k < 3; ++k) {
      auto s = Clock::now();
      count = query::ConnectedComponents(index).components.size();
      times.push_back(Since(s));
    }
    fields.push_back(fmt::format(R"("components":{},"component_count":{})", Summary(times), count));
    query::BetweennessEstimate estimate;
    auto s = Clock::now();
    query::BetweennessScores(index, query::kBetweennessWork, &estimate);
    betweenness_sources = estimate.sources;
    fields.push_back(fmt::format(R"("betweenness_s":{:.4f},"betweenness_sources":{})", Since(s),
                                 estimate.sources));
  }

  if (!emit_sample.empty()) {
    std::string out = fmt::format(R"({{"nodes":{},"edges":{},"hub":{},"betweenness_sources":{},"centers":[)",
                                  n, view->edge_count(), hub, betweenness_sources);
    for (size_t k = 0; k < centers.size(); ++k) out += fmt::format("{}{}", k ? "," : "", centers[k]);
    out += R"(],"pairs":[)";
    for (size_t k = 0; k < pairs.size(); ++k) {
      out += fmt::format("{}[{},{}]", k ? "," : "", pairs[k].first, pairs[k].second);
    }
    std::ofstream(emit_sample, std::ios::binary) << out << "]}\n";
    std::string edges;
    edges.reserve(12 * view->edge_count());
    for (graph::EdgeIndex e = 0; e < view->edge_count(); ++e) {
      const int32_t triple[3] = {static_cast<int32_t>(view->source(e)),
                                 static_cast<int32_t>(view->target(e)),
                                 index.IsSymmetricId(view->relation_id(e)) ? 1 : 0};
      edges.append(reinterpret_cast<const char*>(triple), sizeof triple);
    }
    std::ofstream(emit_sample + ".edges", std::ios::binary) << edges;
  }

  // PageRank over the whole graph (top 10, as `query rank --by pagerank --top 10`).
  {
    query::RankOptions rank;
    rank.measure = query::RankMeasure::kPageRank;
    rank.top = 10;
    std::vector<double> times;
    std::string top;
    for (int k = 0; k < pagerank_runs; ++k) {
      auto s = Clock::now();
      auto r = query::Rank(index, rank);
      times.push_back(Since(s));
      if (!r.empty()) top = std::string(view->node_id(r[0].vertex));
    }
    fields.push_back(fmt::format(R"("pagerank":{},"pagerank_top":{})", Summary(times), JsonString(top)));
  }

  // Collaboration view as SVG.
  if (!render_svg.empty()) {
    auto schema = schema::LoadSchema(schema_dir.empty() ? schema::DefaultSchemaDirectory() : schema_dir);
    if (!schema.ok()) Die(schema.error().ToString());
    render::RenderOptions options;
    options.format = "svg";
    options.view = render::kCollaborationView;
    auto s = Clock::now();
    auto bytes = render::RenderGraph(kg, *schema, options);
    double render_s = Since(s);
    if (!bytes.ok()) Die(bytes.error().ToString());
    std::ofstream(render_svg, std::ios::binary) << *bytes;
    fields.push_back(fmt::format(R"("render_collaboration_s":{:.4f},"render_bytes":{})", render_s, bytes->size()));
  }

  fields.push_back(fmt::format(R"("peak_rss_kb":{})", PeakRssKb()));
  std::string out = "{";
  for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + fields[i];
  std::cout << out << "}\n";
  return 0;
}
