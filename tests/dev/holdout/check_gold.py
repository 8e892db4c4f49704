#!/usr/bin/env python3
"""Checks for the hand-made holdout gold files in this directory (no extractor output involved).

usage: python3 check_gold.py [GOLD.gold.json ...]   (default: every *.gold.json next to this script)

Paths are relative to the repository (this file is tests/dev/holdout/check_gold.py):
  documents  <repo>/../shared/corpus/**.txt   (the provinces are in ../shared/corpus/provinces_2026/)
  scorer     <repo>/../shared/tools/kg_score.py

For each gold file:
  * it parses as JSON and has the expected keys, entity types and relation types;
  * scope_lines is [first, last], 1-based, inclusive and inside the document;
  * every relation / optional-relation endpoint is an entity name, an entity alias or an optional name,
    and every required relation has entities at both ends;
  * no normalized name belongs to two entities, no optional name is listed twice or is also an entity
    name or alias;
  * no relation appears twice (cooperates_with undirected), within a list or across required and optional;
  * every target metric occurs in the scope text and every target value is a number;
  * names of entities that do not occur literally in the scope are listed (blends, implicit subjects);
  * a synthetic graph (every entity a node mentioned at the start of the scope, every required relation
    an edge, every target a Target node) is written to the temp directory and scored with kg_score.py
    --text; it must give F1 = 1.0 for entities and relations and recall 1.0 for targets (None if none).
"""
import json
import os
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = Path(__file__).resolve().parents[3]          # tests/dev/holdout -> tests/dev -> tests -> repository root
SHARED = REPO.parent / "shared"                      # ../shared relative to the repository root
CORPUS = SHARED / "corpus"
SCORER = SHARED / "tools" / "kg_score.py"
QUOTES = "“”‘’\"'《》〈〉「」『』 \t\u3000"
TYPES = ["Region", "Platform", "Lab", "Institution", "Facility", "Plan", "Initiative", "Project", "Brand",
         "Organization", "Event", "Target"]
RELS = ["part_of", "located_in", "cooperates_with", "involves", "develops", "targets"]
KEYS = ["document", "about", "scope_lines", "entity_types", "relation_types", "entities", "targets", "optional",
        "relations", "optional_relations"]


def norm(s):
    s = unicodedata.normalize("NFKC", s or "")
    return "".join(ch for ch in s if ch not in QUOTES)


def documents():
    """Every corpus text by file name (provinces_2026/ and the top level)."""
    return {p.name: p for p in sorted(CORPUS.rglob("*.txt"))}


def scope_text(path, lines):
    text = path.read_text(encoding="utf-8")
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    n_lines = len(starts) if text and not text.endswith("\n") else len(starts) - 1
    lo = starts[lines[0] - 1]
    hi = starts[lines[1]] if lines[1] < len(starts) else len(text)
    return text, lo, hi, n_lines


def check(path, docs):
    errors, notes = [], []
    gold = json.loads(Path(path).read_text(encoding="utf-8"))
    for k in KEYS:
        if k not in gold:
            errors.append(f"missing key {k}")
    if errors:
        return gold, errors, notes, None
    if gold["entity_types"] != TYPES or gold["relation_types"] != RELS:
        errors.append("entity_types / relation_types differ from the reference")
    if gold["document"] not in docs:
        errors.append(f"document {gold['document']} not found under {CORPUS}")
        return gold, errors, notes, None
    lines = gold["scope_lines"]
    text, lo, hi, n_lines = scope_text(docs[gold["document"]], lines)
    if not (isinstance(lines, list) and len(lines) == 2 and 1 <= lines[0] <= lines[1] <= n_lines):
        errors.append(f"bad scope_lines {lines} (document has {n_lines} lines)")
    scope = norm(text[lo:hi])

    owner = {}
    for i, e in enumerate(gold["entities"]):
        if e.get("type") not in TYPES or e.get("type") == "Target":
            errors.append(f"bad type {e.get('type')} for {e['name']}")
        for nm in [e["name"]] + e.get("aliases", []):
            n = norm(nm)
            if n in owner and owner[n] != i:
                errors.append(f"name {nm} belongs to two entities")
            owner[n] = i
        if not any(norm(nm) in scope for nm in [e["name"]] + e.get("aliases", [])):
            notes.append(e["name"])
    opt = {norm(x) for x in gold["optional"]}
    if len(opt) != len(gold["optional"]):
        errors.append("duplicate optional names")
    for x in gold["optional"]:
        if norm(x) in owner:
            errors.append(f"optional name {x} is also an entity name/alias")

    seen = {}
    for kind in ["relations", "optional_relations"]:
        for r in gold[kind]:
            if r["relation"] not in RELS:
                errors.append(f"bad relation {r}")
            ends = []
            for end in (r["source"], r["target"]):
                n = norm(end)
                if n in owner:
                    ends.append(("e", owner[n]))
                elif n in opt:
                    ends.append(("o", n))
                else:
                    errors.append(f"{kind}: endpoint {end} is neither an entity nor optional ({r})")
                    ends.append(("?", n))
            if kind == "relations" and any(t != "e" for t, _ in ends):
                errors.append(f"required relation with a non-entity endpoint: {r}")
            key = (ends[0], r["relation"], ends[1])
            if r["relation"] == "cooperates_with":
                key = (min(ends[0], ends[1]), r["relation"], max(ends[0], ends[1]))
            if ends[0] == ends[1]:
                errors.append(f"self relation {r}")
            if key in seen:
                errors.append(f"relation twice ({seen[key]} and {kind}): {r}")
            seen[key] = kind
    for t in gold["targets"]:
        if norm(t["metric"]) not in scope:
            errors.append(f"target metric {t['metric']} not in scope")
        if not isinstance(t["value"], (int, float)) or isinstance(t["value"], bool):
            errors.append(f"target value not a number: {t}")
    if errors:
        return gold, errors, notes, None

    # synthetic graph
    nodes, edges = [], []
    for i, e in enumerate(gold["entities"]):
        nodes.append({"id": f"n{i}", "name": e["name"], "type": e["type"], "aliases": e.get("aliases", []),
                      "mentions": [{"doc": "d0", "start": lo, "end": lo + 1}]})
    for r in gold["relations"]:
        edges.append({"source": f"n{owner[norm(r['source'])]}", "target": f"n{owner[norm(r['target'])]}",
                      "relation": r["relation"]})
    for j, t in enumerate(gold["targets"]):
        nodes.append({"id": f"t{j}", "name": f"{t['metric']}{t['value']}{t['unit']}", "type": "Target",
                      "attributes": {"metric": t["metric"], "value": t["value"], "unit": t["unit"]},
                      "mentions": [{"doc": "d0", "start": lo, "end": lo + 1}]})
    graph = {"documents": [{"id": "d0", "path": gold["document"], "title": gold["document"]}],
             "nodes": nodes, "edges": edges}
    synth = Path(tempfile.gettempdir()) / ("synth_holdout_" + Path(path).name.replace(".gold.json", ".json"))
    synth.write_text(json.dumps(graph, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run([sys.executable, str(SCORER), str(synth), str(path), "--text",
                          str(docs[gold["document"]]), "--json"], capture_output=True, text=True)
    try:
        res = json.loads(out.stdout)
    except ValueError:
        errors.append(f"scorer failed: {out.stderr.strip()}")
        return gold, errors, notes, None
    ok = res["entities"]["f1"] == 1.0 and res["relations"]["f1"] == 1.0 and res["targets"]["recall"] in (1.0, None)
    if not ok:
        errors.append(f"synthetic graph does not score 1.0: {json.dumps(res, ensure_ascii=False)}")
    return gold, errors, notes, res


def main(argv):
    if not SCORER.exists() or not CORPUS.exists():
        print(f"SKIPPED: {SCORER} or {CORPUS} not found")
        return 0
    docs = documents()
    paths = [Path(p).resolve() for p in argv[1:]] or sorted(HERE.glob("*.gold.json"))
    bad = 0
    for p in paths:
        gold, errors, notes, res = check(p, docs)
        by = {}
        for rel in gold.get("relations", []):
            by[rel["relation"]] = by.get(rel["relation"], 0) + 1
        line = (f"{p.name}: lines {gold.get('scope_lines')} entities={len(gold.get('entities', []))} "
                f"targets={len(gold.get('targets', []))} relations={len(gold.get('relations', []))} "
                f"optional={len(gold.get('optional', []))} optional_relations={len(gold.get('optional_relations', []))}")
        if res:
            line += (f" | synth entF1={res['entities']['f1']} relF1={res['relations']['f1']} "
                     f"targetR={res['targets']['recall']}")
        print(line + f" | {by}")
        if notes:
            print("  not literally in scope:", ", ".join(notes))
        for x in errors:
            print("  ERROR:", x)
        bad += bool(errors)
    print("OK" if not bad else f"FAILED: {bad} file(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
