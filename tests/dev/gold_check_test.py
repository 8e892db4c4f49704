#!/usr/bin/env python3
"""Checks for the hand-made gold files in this directory (no extractor output involved).

usage: python3 gold_check_test.py [POLICYKG_BINARY SOURCE_DIR]   (as ctest runs it: every
       tests/dev/**/*.gold.json, texts from SOURCE_DIR/corpus, scorer ../shared/tools/kg_score.py)

For each gold file:
  * it parses as JSON and has the expected keys, entity types and relation types;
  * every relation / optional-relation endpoint is an entity name, an entity alias or an optional name;
  * no normalized name belongs to two entities, and no optional name is also an entity name or alias;
  * no relation appears twice (cooperates_with undirected), and no required relation is repeated as optional;
  * every target metric occurs in the scope text;
  * names of entities that do not occur literally in the scope are listed (blends, implicit subjects);
  * a synthetic graph (every entity a node mentioned at the start of the scope, every required
    relation an edge, every target a Target node) is written to /tmp and scored with
    ../shared/tools/kg_score.py; it must give F1 = 1.0 for entities and relations and recall 1.0 for targets.
"""
import glob
import json
import os
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.normpath(os.path.join(HERE, "..", ".."))
SCORER = os.path.join(SOURCE, "..", "shared", "tools", "kg_score.py")
# Every bundled report by file name.
DOCUMENTS = {name: os.path.join(root, name) for root, _, files in os.walk(os.path.join(SOURCE, "corpus"))
             for name in files if name.endswith(".txt")}
QUOTES = "“”‘’\"'《》〈〉「」『』 \t\u3000"
TYPES = ["Region", "Platform", "Lab", "Institution", "Facility", "Plan", "Initiative", "Project", "Brand",
         "Organization", "Event", "Target"]
RELS = ["part_of", "located_in", "cooperates_with", "involves", "develops", "targets"]


def norm(s):
    s = unicodedata.normalize("NFKC", s or "")
    return "".join(ch for ch in s if ch not in QUOTES)


def scope_text(doc, lines):
    with open(DOCUMENTS[doc], encoding="utf-8") as f:
        text = f.read()
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    lo = starts[lines[0] - 1]
    hi = starts[lines[1]] if lines[1] < len(starts) else len(text)
    return text, lo, hi


def check(path):
    errors, notes = [], []
    with open(path, encoding="utf-8") as f:
        gold = json.load(f)
    for k in ["document", "about", "entity_types", "relation_types", "scope_lines", "entities", "targets",
              "optional", "relations", "optional_relations"]:
        if k not in gold:
            errors.append(f"missing key {k}")
    if gold["entity_types"] != TYPES or gold["relation_types"] != RELS:
        errors.append("entity_types / relation_types differ from the reference")
    text, lo, hi = scope_text(gold["document"], gold["scope_lines"])
    scope = norm(text[lo:hi])

    owner = {}
    for i, e in enumerate(gold["entities"]):
        if e["type"] not in TYPES or e["type"] == "Target":
            errors.append(f"bad type {e['type']} for {e['name']}")
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
        if not isinstance(t["value"], (int, float)):
            errors.append(f"target value not a number: {t}")

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
    synth = os.path.join("/tmp", "synth_" + os.path.basename(path).replace(".gold.json", ".json"))
    with open(synth, "w", encoding="utf-8") as f:
        json.dump(graph, f, ensure_ascii=False)
    out = subprocess.run([sys.executable, SCORER, synth, path, "--text", DOCUMENTS[gold["document"]],
                          "--json"], capture_output=True, text=True)
    res = json.loads(out.stdout)
    ok = res["entities"]["f1"] == 1.0 and res["relations"]["f1"] == 1.0 and \
        res["targets"]["recall"] in (1.0, None)
    if not ok:
        errors.append(f"synthetic graph does not score 1.0: {json.dumps(res, ensure_ascii=False)}")
    counts = (len(gold["entities"]), len(gold["targets"]), len(gold["relations"]), len(gold["optional"]),
              len(gold["optional_relations"]))
    return gold, errors, notes, res, counts


def main(argv):
    if not os.path.exists(SCORER):
        print("SKIPPED: ../shared/tools/kg_score.py not found")
        return 0
    paths = sorted(glob.glob(os.path.join(HERE, "**", "*.gold.json"), recursive=True))
    bad = 0
    for p in paths:
        gold, errors, notes, res, c = check(p)
        e, r = res["entities"], res["relations"]
        by = {}
        for rel in gold["relations"]:
            by[rel["relation"]] = by.get(rel["relation"], 0) + 1
        print(f"{os.path.basename(p)}: lines {gold['scope_lines']} entities={c[0]} targets={c[1]} relations={c[2]} "
              f"optional={c[3]} optional_relations={c[4]} | synth entF1={e['f1']} relF1={r['f1']} "
              f"targetR={res['targets']['recall']} | {by}")
        if notes:
            print("  not literally in scope:", ", ".join(notes))
        for x in errors:
            print("  ERROR:", x)
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
