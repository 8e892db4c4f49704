#!/usr/bin/env python3
"""Loads policykg exports with the networkx (and rdflib, when present) of the interpreter running
this script, with the one call the README documents for each, and prints what was loaded as JSON.

Usage: networkx_load.py node-link|graphml|gexf|gexf13|ntriples FILE

Run by export_consumers_test.py under every interpreter it finds (Debian's python3-networkx 2.8
and a newer one), so that the same files are checked against each networkx version.
"""

import json
import sys


def summary_of(g, node_id, name, node_type, aliases, relation, evidence, docs, undirected):
    nodes = [{"id": node_id(n, d), "name": name(d), "type": node_type(d), "aliases": aliases(d)}
             for n, d in g.nodes(data=True)]
    ids = {n: node_id(n, d) for n, d in g.nodes(data=True)}
    edges = [{"source": ids[u], "target": ids[v], "relation": relation(d),
              "evidence": evidence(d), "evidence_docs": docs(d), "undirected": undirected(d)}
             for u, v, d in g.edges(data=True)]
    return {"nodes": nodes, "edges": edges, "directed": g.is_directed(),
            "multigraph": g.is_multigraph()}


def main():
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "ntriples":
        import rdflib  # Debian python3-rdflib
        g = rdflib.Graph()
        g.parse(path, format="nt")
        label = rdflib.RDFS.label
        langs = sorted({o.language or "" for _, _, o in g.triples((None, label, None))})
        print(json.dumps({"rdflib": rdflib.__version__, "triples": len(g), "label_languages": langs}))
        return 0
    import networkx as nx
    if kind == "node-link":
        with open(path, encoding="utf-8") as f:
            g = nx.node_link_graph(json.load(f))
        result = summary_of(g, lambda n, d: n, lambda d: d["name"], lambda d: d["type"],
                            lambda d: d["aliases"], lambda d: d["relation"],
                            lambda d: d["evidence"],
                            lambda d: [s["doc"] for s in d["evidence_spans"]],
                            lambda d: d["symmetric"])
    elif kind == "graphml":
        g = nx.read_graphml(path)
        result = summary_of(g, lambda n, d: d["id"], lambda d: d["name"], lambda d: d["type"],
                            lambda d: json.loads(d["aliases"]), lambda d: d["relation"],
                            lambda d: json.loads(d["evidence"]),
                            lambda d: [s["doc"] for s in json.loads(d["evidence_spans"])],
                            lambda d: d["symmetric"])
    elif kind in ("gexf", "gexf13"):
        g = nx.read_gexf(path) if kind == "gexf" else nx.read_gexf(path, version="1.3")
        result = summary_of(g, lambda n, d: n, lambda d: d["label"], lambda d: d["type"],
                            lambda d: json.loads(d["aliases"]), lambda d: d["relation"],
                            lambda d: json.loads(d["evidence"]),
                            lambda d: [s["doc"] for s in json.loads(d["evidence_spans"])],
                            lambda d: d["symmetric"])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    result["networkx"] = nx.__version__
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
