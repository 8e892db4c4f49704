#!/usr/bin/python3
"""Asks graph-tool, igraph and networkx (Debian's python3-graph-tool, python3-igraph,
python3-networkx; run with Debian's /usr/bin/python3) the questions kg_bench asked policykg, on the
same graph: kg_bench --emit-sample FILE writes the sampled centers, path pairs and betweenness source
count to FILE and the edges to FILE.edges (int32 triples: source, target, 1 if the relation is
symmetric). Prints one JSON object: per library, the time to build its graph from the edge list and
the p50 / mean of each query kind, in milliseconds. A library that is not installed is skipped.

Each query as its library's users would write it:
  2-hop neighbors (edges either way)  graph-tool shortest_distance(max_dist=2) on the undirected view;
                                      igraph neighborhood(order=2, mode="all");
                                      networkx single_source_shortest_path_length(cutoff=2) on G.to_undirected(as_view)
  shortest path (either way)          graph-tool shortest_path; igraph get_shortest_paths(mode="all");
                                      networkx shortest_path (bidirectional BFS)
  PageRank (symmetric relations both ways, damping 0.85)
  connected components                graph-tool label_components; igraph connected_components("weak");
                                      networkx number_connected_components
  betweenness from k sources          graph-tool betweenness(pivots=k random vertices);
                                      networkx betweenness_centrality(k=…) (igraph has no sampled form)
networkx is slow to build at 1M edges and is skipped for betweenness (minutes).

usage: peer_queries.py SAMPLE.json [--libraries graph-tool,igraph,networkx] [--samples N]
"""
import argparse
import json
import random
import statistics
import sys
import time

import numpy as np


def summary(times):
    times = sorted(times)
    return {"n": len(times), "p50_ms": times[len(times) // 2] * 1e3,
            "mean_ms": statistics.fmean(times) * 1e3}


def timed(fn, items):
    out = []
    for item in items:
        t0 = time.perf_counter()
        fn(item)
        out.append(time.perf_counter() - t0)
    return summary(out)


def arcs_of(edges):
    """Directed arcs for PageRank: every edge, and symmetric ones (not loops) back again."""
    back = edges[(edges[:, 2] == 1) & (edges[:, 0] != edges[:, 1])][:, [1, 0]]
    return np.concatenate([edges[:, :2], back])


def run_graph_tool(n, edges, sample, reps):
    import graph_tool.all as gt
    t0 = time.perf_counter()
    g = gt.Graph(directed=True)
    g.add_vertex(n)
    g.add_edge_list(arcs_of(edges))
    build = time.perf_counter() - t0
    u = gt.GraphView(g, directed=False)
    out = {"build_s": build}
    out["neighbors2_random"] = timed(
        lambda c: int((gt.shortest_distance(u, source=u.vertex(c), max_dist=2).a <= 2).sum()),
        sample["centers"][:reps])
    out["neighbors2_hub"] = timed(
        lambda c: int((gt.shortest_distance(u, source=u.vertex(c), max_dist=2).a <= 2).sum()),
        [sample["hub"]] * 20)
    out["path_random"] = timed(lambda p: gt.shortest_path(u, u.vertex(p[0]), u.vertex(p[1])),
                               sample["pairs"][:reps])
    out["pagerank"] = timed(lambda _: gt.pagerank(g), range(3))
    out["components"] = timed(lambda _: gt.label_components(u), range(3))
    k = sample["betweenness_sources"]
    rng = random.Random(1)
    pivots = rng.sample(range(n), k)
    out["betweenness"] = timed(lambda _: gt.betweenness(u, pivots=pivots), range(1))
    return out


def run_igraph(n, edges, sample, reps):
    import igraph as ig
    t0 = time.perf_counter()
    g = ig.Graph(n=n, edges=arcs_of(edges).tolist(), directed=True)
    build = time.perf_counter() - t0
    out = {"build_s": build}
    out["neighbors2_random"] = timed(lambda c: len(g.neighborhood(c, order=2, mode="all")),
                                     sample["centers"][:reps])
    out["neighbors2_hub"] = timed(lambda c: len(g.neighborhood(c, order=2, mode="all")),
                                  [sample["hub"]] * 20)
    out["path_random"] = timed(lambda p: g.get_shortest_paths(p[0], to=p[1], mode="all"),
                               sample["pairs"][:reps])
    out["pagerank"] = timed(lambda _: g.pagerank(damping=0.85), range(3))
    out["components"] = timed(lambda _: g.connected_components(mode="weak"), range(3))
    return out


def run_networkx(n, edges, sample, reps):
    import networkx as nx
    t0 = time.perf_counter()
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(arcs_of(edges).tolist())
    u = g.to_undirected(as_view=True)
    build = time.perf_counter() - t0
    out = {"build_s": build}
    out["neighbors2_random"] = timed(lambda c: len(nx.single_source_shortest_path_length(u, c, cutoff=2)),
                                     sample["centers"][:reps])
    out["neighbors2_hub"] = timed(lambda c: len(nx.single_source_shortest_path_length(u, c, cutoff=2)),
                                  [sample["hub"]] * 5)

    def path(p):
        try:
            nx.shortest_path(u, p[0], p[1])
        except nx.NetworkXNoPath:
            pass
    out["path_random"] = timed(path, sample["pairs"][:reps])
    out["pagerank"] = timed(lambda _: nx.pagerank(g, alpha=0.85), range(1))
    out["components"] = timed(lambda _: nx.number_connected_components(u), range(1))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sample")
    ap.add_argument("--libraries", default="graph-tool,igraph,networkx")
    ap.add_argument("--samples", type=int, default=200, help="random centers and pairs asked")
    args = ap.parse_args()
    with open(args.sample) as f:
        sample = json.load(f)
    edges = np.fromfile(args.sample + ".edges", dtype="<i4").reshape(-1, 3)
    n = sample["nodes"]
    runners = {"graph-tool": run_graph_tool, "igraph": run_igraph, "networkx": run_networkx}
    result = {}
    for name in args.libraries.split(","):
        try:
            result[name] = runners[name](n, edges, sample, args.samples)
        except ImportError as e:
            result[name] = {"skipped": str(e)}
        print(f"peer_queries: {name} done", file=sys.stderr)
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
