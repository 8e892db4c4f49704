#!/usr/bin/python3
"""The pipeline a user would write without policykg: jieba POS tagging (jieba.posseg) plus a
networkx co-occurrence graph of place (ns) and organization (nt) words per sentence.
Runs single-threaded on the given files and prints one JSON line:
  {"bytes":…, "init_s":…, "tag_s":…, "graph_s":…, "total_s":…, "nodes":…, "edges":…}
Needs Debian's python3-jieba and python3-networkx (run with /usr/bin/python3).

usage: jieba_pipeline.py FILE…
"""
import itertools
import json
import logging
import re
import sys
import time

SENTENCE_END = re.compile(r"[。！？；!?;\n]+")
KEEP = {"ns", "nt"}  # jieba tags: ns place name, nt organization name


def main(paths):
    t0 = time.time()
    import jieba
    import jieba.posseg as pseg
    import networkx as nx

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    list(pseg.cut("成渝地区双城经济圈"))  # loads the POS model too
    init_s = time.time() - t0

    graph = nx.Graph()
    total_bytes = 0
    tag_s = graph_s = 0.0
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        total_bytes += len(data)
        for sentence in SENTENCE_END.split(data.decode("utf-8")):
            if not sentence.strip():
                continue
            t = time.time()
            words = sorted({p.word for p in pseg.cut(sentence) if p.flag in KEEP and len(p.word) > 1})
            t2 = time.time()
            tag_s += t2 - t
            for w in words:
                graph.add_node(w)
            for a, b in itertools.combinations(words, 2):
                if graph.has_edge(a, b):
                    graph[a][b]["weight"] += 1
                else:
                    graph.add_edge(a, b, weight=1)
            graph_s += time.time() - t2
    print(json.dumps({"bytes": total_bytes, "init_s": round(init_s, 3), "tag_s": round(tag_s, 3),
                      "graph_s": round(graph_s, 3), "total_s": round(time.time() - t0, 3),
                      "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
