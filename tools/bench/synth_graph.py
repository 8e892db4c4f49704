#!/usr/bin/env python3
"""Writes a synthetic policykg graph JSON (format "policykg", version 1) with ~N edges, shaped like
the graphs `policykg build` makes: a few thousand Region hubs, many Target/entity leaves.

Relation mix (of --edges): targets Region→Target 30%, involves Entity→Region 20%, develops
Region→Entity 15%, located_in Entity→Entity 15%, cooperates_with Region—Region 10% (stored once,
source id < target id), part_of 10% (Region→Region 1%, Entity→Entity 9%). Regions are picked
with a skew (u² over the region list) so some regions are hubs with thousands of edges, as
provinces are in a real corpus; entities with a milder skew (u^1.5). Every edge carries one
evidence entry. Deterministic for --seed.

usage: synth_graph.py OUT.json [--edges 1000000] [--regions 2000] [--entities 150000] [--seed 1]
"""
import argparse
import json
import os
import random
import sys
import time

ENTITY_TYPES = ["Platform", "Project", "Initiative", "Institution", "Facility", "Plan", "Event",
                "Brand", "Organization", "Lab"]
PROVINCE_CHARS = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新"
HEADS = {"Platform": "示范区", "Project": "工程", "Initiative": "行动", "Institution": "研究院",
         "Facility": "枢纽", "Plan": "规划", "Event": "博览会", "Brand": "品牌", "Organization": "联盟",
         "Lab": "实验室"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--edges", type=int, default=1_000_000)
    ap.add_argument("--regions", type=int, default=2000)
    ap.add_argument("--entities", type=int, default=150_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    t0 = time.time()
    E = args.edges

    def region_name(i):
        return f"{PROVINCE_CHARS[i % len(PROVINCE_CHARS)]}区域{i:05d}"

    regions = [f"Region:{region_name(i)}" for i in range(args.regions)]
    entities = []
    for i in range(args.entities):
        t = ENTITY_TYPES[i % len(ENTITY_TYPES)]
        entities.append((f"{t}:{region_name(i % args.regions)}第{i}号{HEADS[t]}", t))
    n_targets = int(E * 0.30)
    targets = [f"Target:指标{i:07d}" for i in range(n_targets)]

    def pick_region():
        return regions[int(len(regions) * rng.random() ** 2)]

    def pick_entity():
        return entities[int(len(entities) * rng.random() ** 1.5)][0]

    edges = set()
    out_edges = []

    def add(s, t, rel):
        if s == t:
            return False
        if rel == "cooperates_with" and t < s:
            s, t = t, s
        key = (s, t, rel)
        if key in edges:
            return False
        edges.add(key)
        out_edges.append(key)
        return True

    for i in range(n_targets):
        add(pick_region(), targets[i], "targets")
    quotas = [("involves", 0.20, lambda: (pick_entity(), pick_region())),
              ("develops", 0.15, lambda: (pick_region(), pick_entity())),
              ("located_in", 0.15, lambda: (pick_entity(), pick_entity())),
              ("cooperates_with", 0.10, lambda: (pick_region(), pick_region())),
              ("part_of", 0.01, lambda: (pick_region(), pick_region())),
              ("part_of", 0.09, lambda: (pick_entity(), pick_entity()))]
    for rel, share, make in quotas:
        want = int(E * share)
        got = 0
        while got < want:
            s, t = make()
            got += add(s, t, rel)
    while len(out_edges) < E:  # rounding
        s, t = pick_entity(), pick_entity()
        add(s, t, "located_in")

    nodes = sorted([(r, "Region") for r in regions] + entities + [(t, "Target") for t in targets])
    index = {nid: i for i, (nid, _) in enumerate(nodes)}
    out_edges.sort(key=lambda e: (index[e[0]], e[2], index[e[1]]))
    dumps = json.dumps
    with open(args.out + ".tmp", "w", encoding="utf-8") as f:
        f.write('{"format":"policykg","version":1,"documents":[\n')
        f.write(' {"id":"d1","path":"synthetic","sha256":"","encoding":"UTF-8","chars":100000000}]')
        f.write(',"nodes":[')
        for i, (nid, t) in enumerate(nodes):
            name = nid.split(":", 1)[1]
            f.write(("," if i else "") + "\n " + dumps({"id": nid, "name": name, "type": t, "aliases": [],
                                                       "attributes": {}, "mentions": [{"doc": "d1", "start": i, "end": i + len(name), "rule": "synthetic"}]},
                                                      ensure_ascii=False, separators=(",", ":")))
        f.write("]\n,\"edges\":[")
        for i, (s, t, rel) in enumerate(out_edges):
            f.write(("," if i else "") + "\n " + dumps({"source": s, "target": t, "relation": rel, "weight": 1,
                                                       "evidence": [{"doc": "d1", "start": i, "end": i + 40, "rule": "synthetic"}]},
                                                      ensure_ascii=False, separators=(",", ":")))
        f.write("]\n}\n")
    os.replace(args.out + ".tmp", args.out)
    print(json.dumps({"out": args.out, "nodes": len(nodes), "edges": len(out_edges),
                      "bytes": os.path.getsize(args.out), "seconds": round(time.time() - t0, 2)}))


if __name__ == "__main__":
    sys.exit(main())
