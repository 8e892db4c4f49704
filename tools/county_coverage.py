#!/usr/bin/env python3
"""County-level region coverage, the companion of ../shared/tools/region_coverage.py (prefecture level).

usage: tools/county_coverage.py GRAPH.json DOC.txt... [--divisions DIR] [--exclude TSV]

County-level divisions of mainland China (modood_areas.csv, DIR defaults to ../shared/data/divisions)
whose official name occurs in the documents, or whose plain short form (区/县/市 dropped, three characters
or more left) does: how many are Region nodes (by name or alias, matched by code when the node has one).
A name shared by several divisions (鼓楼区) counts once per division it could be, found when any Region
node carries one of their codes. Development zones (codes ..7x) are not divisions and are left out.

--exclude TSV (e.g. tests/lexicon/county_coverage_exclusions.tsv) lists reviewed occurrences that do
not name the county (中南部县城 is not 南部县): form, the text around it, the report's file name, the
reason. An occurrence inside that text in that report does not count; the figure is printed both
without and with the exclusions, and an exclusion that matches nothing is an error."""
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
    exclusions = []
    if "--exclude" in args:
        k = args.index("--exclude")
        for line in open(args[k + 1], encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                form, context, report, reason = line.rstrip("\n").split("\t")
                exclusions.append((form, context, report))
        del args[k:k + 2]
    if len(args) < 2:
        sys.exit(__doc__)
    g = json.load(open(args[0], encoding="utf-8"))
    norm = lambda s: unicodedata.normalize("NFKC", s or "")
    texts = {os.path.basename(p): norm(open(p, encoding="utf-8").read()) for p in args[1:]}
    text = "".join(texts.values())
    # Per report, the spans of each form's excluded occurrences.
    excluded = {}
    for form, context, report in exclusions:
        if report not in texts or context not in texts[report] or form not in context:
            sys.exit(f"county_coverage: exclusion {form} / {context} matches nothing in {report}")
        at = texts[report].find(context)
        while at >= 0:
            excluded.setdefault((report, form), set()).add(at + context.index(form))
            at = texts[report].find(context, at + 1)

    def occurs_outside_exclusions(form):
        for name, t in texts.items():
            at = t.find(form)
            while at >= 0:
                if at not in excluded.get((name, form), ()):
                    return True
                at = t.find(form, at + 1)
        return False

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
    honest_occurring = honest_found = 0
    missed, not_the_county = [], []
    for forms, group in sorted(by_forms.items()):
        occurring += 1
        hit = any(c in codes for c in group) or (len(group) == 1 and any(f in names for f in forms))
        if hit:
            found += 1
        else:
            missed.append(forms[-1])
        if exclusions and not any(occurs_outside_exclusions(f) for f in forms):
            not_the_county.append(forms[-1])
            continue
        honest_occurring += 1
        honest_found += hit
    print("missed: " + "、".join(missed[:60]) + (" …" if len(missed) > 60 else ""))
    print(f"county-level regions: {found}/{occurring} = {found / max(occurring, 1):.3f}")
    if exclusions:
        print("not the county (excluded): " + "、".join(not_the_county))
        print(f"county-level regions, excluding reviewed occurrences that are not the county: "
              f"{honest_found}/{honest_occurring} = {honest_found / max(honest_occurring, 1):.3f}")


if __name__ == "__main__":
    main(sys.argv)
