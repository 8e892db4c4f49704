#!/usr/bin/env python3
"""Region audit sample: 200 Region nodes of a graph of the 25 provincial reports, for a blind reading.

usage: tools/region_audit.py [--graph G.kg.json] [--policykg build/policykg] [--corpus DIR]
                             [--out tests/audit/region_sample.jsonl] [--seed 20261202] [--n 200]

Without --graph it builds the graph of DIR (default ../shared/corpus/provinces_2026) with the given
binary. It draws --n Region nodes that have a mention read from the text (groups and provinces included,
every node equally likely; not the marks of a report's own region as the implicit subject of a verb or
a cooperation cue, unless --include-implicit, as seeds 7 and 11 were drawn) with a fixed seed, and writes
one JSON line per node: id, name, type, code, level, the rule of the chosen mention (one of those read
from the text), the document, and one evidence sentence with the mention marked 【…】.
No judgment is written: the reader adds a judgments file (tests/audit/region_judgments.jsonl, one line
{"id": …, "correct": true|false, "note": …} per sampled node) and `--score` prints the precision.
It also prints, per document, its detected region and its Region mentions by rule."""
import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile

SENTENCE_END = "。！？；\n"


def sentence_around(text, start, end):
    s = start
    while s > 0 and text[s - 1] not in SENTENCE_END:
        s -= 1
    e = end
    while e < len(text) and text[e] not in SENTENCE_END:
        e += 1
    e = min(len(text), e + 1)
    snippet = text[s:start] + "【" + text[start:end] + "】" + text[end:e]
    return snippet.strip()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--graph")
    ap.add_argument("--policykg", default=os.path.join(root, "build", "policykg"))
    ap.add_argument("--corpus", default=os.path.join(root, "..", "shared", "corpus", "provinces_2026"))
    ap.add_argument("--out", default=os.path.join(root, "tests", "audit", "region_sample.jsonl"))
    ap.add_argument("--seed", type=int, default=20261202)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--score", help="a judgments file: print the precision of the sample")
    ap.add_argument("--include-implicit", action="store_true",
                    help="also draw the marks of a report's own region as an implicit subject (as seeds 7 and 11 were drawn)")
    a = ap.parse_args()

    if a.score:
        sample = [json.loads(l) for l in open(a.out, encoding="utf-8")]
        judged = {j["id"]: j for j in map(json.loads, open(a.score, encoding="utf-8"))}
        missing = [s["id"] for s in sample if s["id"] not in judged]
        if missing:
            sys.exit(f"{len(missing)} sampled nodes have no judgment, e.g. {missing[:3]}")
        ok = sum(1 for s in sample if judged[s["id"]]["correct"])
        print(f"region precision: {ok}/{len(sample)} = {ok / len(sample):.3f}")
        return

    graph = a.graph
    if graph is None:
        graph = os.path.join(tempfile.mkdtemp(), "provinces_2026.kg.json")
        subprocess.run([a.policykg, "build", a.corpus, "-o", graph, "-q", "-j", "1"], check=True)
    g = json.load(open(graph, encoding="utf-8"))
    docs = {d["id"]: d for d in g["documents"]}
    # A report's own region is also marked, with the rule that says so, where it is the implicit
    # subject of a verb (develops.implicit at 建设) or of a cooperation cue: no reading of a name, so
    # not what this audit judges (the whole-document audit, tools/audit.py, judges those edges).
    def read_from_text(m):
        return a.include_implicit or not m["rule"].startswith(("develops.", "cooperates_with."))
    regions = [n for n in g["nodes"] if n["type"] == "Region" and any(read_from_text(m) for m in n.get("mentions", []))]
    regions.sort(key=lambda n: n["id"])
    rng = random.Random(a.seed)
    picked = rng.sample(regions, min(a.n, len(regions)))
    picked.sort(key=lambda n: n["id"])
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w", encoding="utf-8") as f:
        for n in picked:
            m = rng.choice([m for m in n["mentions"] if read_from_text(m)])
            d = docs[m["doc"]]
            attrs = n.get("attributes", {})
            f.write(json.dumps({
                "id": n["id"], "name": n["name"], "type": n["type"], "code": attrs.get("code", ""),
                "level": attrs.get("level", ""), "rule": m["rule"], "document": os.path.basename(d["path"]),
                "evidence": sentence_around(d["text"], m["start"], m["end"])}, ensure_ascii=False) + "\n")
    print(f"{len(picked)} of {len(regions)} Region nodes -> {a.out} (seed {a.seed})", file=sys.stderr)

    per_doc = collections.defaultdict(collections.Counter)
    for n in g["nodes"]:
        if n["type"] != "Region":
            continue
        for m in n.get("mentions", []):
            per_doc[m["doc"]][m["rule"].replace(".in_name", "")] += 1
    rules = sorted({r for c in per_doc.values() for r in c})
    short = {r: r.replace("gazetteer.", "").replace("short_form", "sf").replace("province_context", "prov") for r in rules}
    print("document\tregion\tmentions\t" + "\t".join(short[r] for r in rules))
    for did in sorted(docs, key=lambda k: int(k[1:])):
        d, c = docs[did], per_doc[did]
        print(f"{os.path.basename(d['path'])}\t{d.get('region', '')}\t{sum(c.values())}\t" +
              "\t".join(str(c[r]) for r in rules))


if __name__ == "__main__":
    main()
