#!/usr/bin/env python3
"""Whole-document audit of extraction, as a user reads it: graphs of reports nobody tuned for, a
fixed-seed sample of their nodes, Targets and edges with the evidence sentence of each, and the
precision of that sample once a reader has judged it.

  tools/audit.py sample POLICYKG [DOC.txt ...] [--seed N] [--nodes N] [--targets N] [--edges N]
                        [--type T] [-o SAMPLE.jsonl]
      Builds one graph per document (default: the bundled provinces_2026 reports that are not in
      the dev sets, tests/dev/provinces, provinces2, provinces3, provinces4, provinces5 and provinces6), prints per document how many nodes there are and the share
      of non-Target nodes with an edge besides part_of/targets, and writes the sample: one JSON
      object a line with a stable `key`, the document, what was found (node: name, type, aliases;
      edge: source, relation, target, rule) and the evidence sentence with the mention in 【】.
      Judgments are not in it: a reader adds them in a separate file.
  tools/audit.py score SAMPLE.jsonl JUDGMENTS.jsonl
      JUDGMENTS.jsonl has one {"key": ..., "correct": true|false, "note": ...} a line. Prints the
      precision per kind (node, target, edge) and per type or relation, and how many sample items
      have no judgment yet.

Items are chosen with random.Random(seed) over the sorted ids, so the same graphs and seed give
the same sample; keys are a hash of (document file, kind, name or triple), so judgments survive a
rebuild as long as the fact is still found.
"""
import argparse
import collections
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from region_audit import sentence_around  # noqa: E402  (one sentence cutter for both audits)

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def default_documents():
    dev = set()
    for folder in ("provinces", "provinces2", "provinces3", "provinces4", "provinces5", "provinces6"):  # the development sets rules were written from
        dev_dir = os.path.join(ROOT, "tests", "dev", folder)
        for name in os.listdir(dev_dir):
            if name.endswith(".gold.json"):
                dev.add(json.load(open(os.path.join(dev_dir, name), encoding="utf-8"))["document"])
    corpus = os.path.join(ROOT, "corpus", "provinces_2026")
    return [os.path.join(corpus, n) for n in sorted(os.listdir(corpus)) if n.endswith(".txt") and n not in dev]


def build(kg, doc, out):
    subprocess.run([kg, "-q", "build", doc, "-o", out], check=True)
    return json.load(open(out, encoding="utf-8"))


def key_of(*parts):
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def linked_share(graph):
    linked = set()
    for e in graph["edges"]:
        if e["relation"] not in ("part_of", "targets"):
            linked.update((e["source"], e["target"]))
    entities = [n["id"] for n in graph["nodes"] if n["type"] != "Target"]
    return sum(i in linked for i in entities), len(entities)


def items_of(graph, doc_name):
    text = graph["documents"][0]["text"]
    nodes, targets, edges = [], [], []
    for n in graph["nodes"]:
        m = n["mentions"][0]
        item = {"doc": doc_name, "kind": "target" if n["type"] == "Target" else "node", "name": n["name"],
                "type": n["type"], "aliases": n.get("aliases", []), "rule": m["rule"],
                "evidence": sentence_around(text, m["start"], m["end"])}
        if n["type"] == "Target":
            item["attributes"] = n.get("attributes", {})
        item["key"] = key_of(doc_name, item["kind"], n["id"])
        (targets if n["type"] == "Target" else nodes).append(item)
    for e in graph["edges"]:
        if e["relation"] == "targets":
            continue  # the report's region targets each Target: judged with the Target
        ev = e["evidence"][0]
        evidence = ev.get("text", "")
        if "start" in ev:
            evidence = text[ev["start"]:ev["end"]]
        edges.append({"doc": doc_name, "kind": "edge", "source": e["source"], "relation": e["relation"],
                      "target": e["target"], "rule": ev["rule"], "evidence": evidence,
                      "key": key_of(doc_name, "edge", e["source"], e["relation"], e["target"])})
    return nodes, targets, edges


def sample(args):
    docs = args.docs or default_documents()
    pools = {"node": [], "target": [], "edge": []}
    print(f"{'document':40} {'nodes':>6} {'non-Target':>10} {'linked':>7} {'share':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for doc in docs:
            name = os.path.basename(doc)
            graph = build(args.kg, doc, os.path.join(tmp, name + ".json"))
            linked, entities = linked_share(graph)
            print(f"{name:40} {len(graph['nodes']):6} {entities:10} {linked:7} {linked / max(entities, 1):6.3f}")
            nodes, targets, edges = items_of(graph, name)
            if args.type:
                nodes = [n for n in nodes if n["type"] == args.type]
            pools["node"] += nodes
            pools["target"] += targets
            pools["edge"] += edges
    rng = random.Random(args.seed)
    chosen = []
    for kind, count in (("node", args.nodes), ("target", args.targets), ("edge", args.edges)):
        pool = sorted(pools[kind], key=lambda i: i["key"])
        chosen += rng.sample(pool, min(count, len(pool)))
    out = open(args.output, "w", encoding="utf-8") if args.output != "-" else sys.stdout
    for item in chosen:
        out.write(json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n")
    if out is not sys.stdout:
        out.close()
        print(f"sample: {len(chosen)} items -> {args.output}", file=sys.stderr)


def score(args):
    items = [json.loads(l) for l in open(args.sample, encoding="utf-8") if l.strip()]
    judged = {}
    for line in open(args.judgments, encoding="utf-8"):
        if line.strip():
            j = json.loads(line)
            judged[j["key"]] = bool(j["correct"])
    by_kind = collections.defaultdict(lambda: [0, 0])
    by_class = collections.defaultdict(lambda: [0, 0])
    unjudged = 0
    for item in items:
        if item["key"] not in judged:
            unjudged += 1
            continue
        ok = judged[item["key"]]
        cls = item["relation"] if item["kind"] == "edge" else item["type"]
        for table, k in ((by_kind, item["kind"]), (by_class, f'{item["kind"]}:{cls}')):
            table[k][0] += ok
            table[k][1] += 1
    for k, (ok, n) in sorted(by_kind.items()):
        print(f"{k:8} precision {ok / n:.3f} ({ok}/{n})")
    for k, (ok, n) in sorted(by_class.items()):
        print(f"  {k:28} {ok / n:.3f} ({ok}/{n})")
    print(f"unjudged sample items: {unjudged}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample")
    s.add_argument("kg")
    s.add_argument("docs", nargs="*")
    s.add_argument("--seed", type=int, default=2026)
    s.add_argument("--nodes", type=int, default=100)
    s.add_argument("--targets", type=int, default=50)
    s.add_argument("--edges", type=int, default=100)
    s.add_argument("--type", help="sample only nodes of this type (e.g. Region)")
    s.add_argument("-o", "--output", default="-")
    c = sub.add_parser("score")
    c.add_argument("sample")
    c.add_argument("judgments")
    args = parser.parse_args()
    return sample(args) if args.command == "sample" else score(args)


if __name__ == "__main__":
    sys.exit(main())
