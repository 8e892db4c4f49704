#!/usr/bin/env python3
"""County-level region coverage, the companion of ../shared/tools/region_coverage.py (prefecture level).

usage: tools/county_coverage.py GRAPH.json DOC.txt... [--divisions DIR]

County-level divisions of mainland China (modood_areas.csv, DIR defaults to ../shared/data/divisions)
whose official name occurs in the documents, or whose plain short form (区/县/市 dropped, three characters
or more left) does: how many are Region nodes (by name or alias, matched by code when the node has one).
A name shared by several divisions (鼓楼区) counts once per division it could be, found when any Region
node carries one of their codes. Development zones (codes ..7x) are not divisions and are left out."""
import csv
import json
import os
import sys
import unicodedata


def main(argv):
    args = [a for a in argv[1:]]
    div = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "divisions")
    if "--divisions" in args:
        k = args.index("--divisions")
        div = args[k + 1]
        del args[k:k + 2]
    if len(args) < 2:
        sys.exit(__doc__)
    g = json.load(open(args[0], encoding="utf-8"))
    norm = lambda s: unicodedata.normalize("NFKC", s or "")
    text = norm("".join(open(p, encoding="utf-8").read() for p in args[1:]))
    codes, names = set(), set()
    for n in g["nodes"]:
        if n.get("type") == "Region":
            codes.add(n.get("attributes", {}).get("code", ""))
            names |= {norm(n.get("name"))} | {norm(a) for a in n.get("aliases", [])}
    by_forms = {}
    for row in csv.DictReader(open(os.path.join(div, "modood_areas.csv"), encoding="utf-8")):
        if row["code"][4] == "7":
            continue
        full = row["name"]
        short = full[:-1] if full[-1] in "区县市" and len(full) >= 4 else None
        forms = tuple(f for f in (full, short) if f and len(f) >= 3)
        if forms and any(f in text for f in forms):
            by_forms.setdefault(forms, []).append(row["code"])
    occurring = found = 0
    missed = []
    for forms, group in sorted(by_forms.items()):
        occurring += 1
        if any(c in codes for c in group) or (len(group) == 1 and any(f in names for f in forms)):
            found += 1
        else:
            missed.append(forms[-1])
    print("missed: " + "、".join(missed[:60]) + (" …" if len(missed) > 60 else ""))
    print(f"county-level regions: {found}/{occurring} = {found / max(occurring, 1):.3f}")


if __name__ == "__main__":
    main(sys.argv)
