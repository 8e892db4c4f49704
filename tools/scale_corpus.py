#!/usr/bin/env python3
"""Scales the bundled report corpus up to a benchmark corpus (10 MB, 100 MB, 1 GB, …).

Each output file (~1 MB) is a run of *variants* of the bundled reports. A variant:
  * renames regions: every gazetteer region (schema/gazetteer/regions_*.json) named in the report
    is, with probability --rename, replaced by another region of the same tier (province ↔
    province, city/prefecture ↔ city/prefecture, district/county ↔ district/county), consistently
    within the variant and in every written form (四川 → 湖南, 四川省 → 湖南省), so platform names,
    blends-in-names and cooperation pairs change the way they would across many real reports;
  * shuffles paragraphs inside each chapter (headings 一、二、… stay in place, so a target keeps
    its achieved/planned status), and keeps the title block first.
Everything is deterministic for a given --seed. Generated corpora are never meant to be committed:
the output must be outside the git working tree (default: /tmp/policykg-corpus-<size>-s<seed>).

usage: tools/scale_corpus.py [OUT_DIR] --size 10MB|100MB|1GB|<n>[KB|MB|GB] [--seed N]
                             [--file-size 1MB] [--rename 0.7] [--corpus DIR …]
Sizes are decimal (1 MB = 10^6 bytes of UTF-8). Prints a one-line JSON summary on stdout.
"""
import argparse
import glob
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UNITS = {"": 1, "B": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9}
# Gazetteer levels that may stand in for each other.
TIERS = {
    "province": "province",
    "city": "city", "prefecture": "city", "autonomous_prefecture": "city",
    "district": "county", "county": "county", "county_city": "county",
}
CHAPTER = re.compile(r"^\s*[一二三四五六七八九十]+、")
FORMAT_VERSION = 1  # bump when the output for a given seed changes


def parse_size(text):
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([KMG]?B?)\s*", text.upper())
    if not m:
        raise argparse.ArgumentTypeError(f"bad size {text!r} (e.g. 10MB, 100MB, 1GB)")
    return int(float(m.group(1)) * UNITS[m.group(2)])


def load_regions(gazetteer_dir):
    """Regions that can be renamed: {tier: [region]}, and every written form → (tier, index, form kind)."""
    by_tier = {}
    forms = {}
    for path in sorted(glob.glob(os.path.join(gazetteer_dir, "regions_*.json"))):
        with open(path, encoding="utf-8") as f:
            for r in json.load(f)["regions"]:
                tier = TIERS.get(r.get("level"))
                name = r["name"]
                if tier is None or len(name) < 2:
                    continue
                regions = by_tier.setdefault(tier, [])
                if any(x["name"] == name for x in regions):
                    continue
                regions.append({"name": name, "full": r.get("full_name") or name})
                idx = len(regions) - 1
                forms.setdefault(name, (tier, idx, "name"))
                for alt in [r.get("full_name")] + list(r.get("aliases", [])):
                    if alt and len(alt) >= 2 and alt != name:
                        forms.setdefault(alt, (tier, idx, "full"))
    return by_tier, forms


def tokenize(text, pattern, forms):
    """Splits text into literal strings and (tier, index, kind) region references."""
    out = []
    last = 0
    for m in pattern.finditer(text):
        if m.start() > last:
            out.append(text[last:m.start()])
        out.append(forms[m.group(0)])
        last = m.end()
    if last < len(text):
        out.append(text[last:])
    return out


class Report:
    def __init__(self, path, pattern, forms):
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        # Title block: everything before the first chapter heading or the first long paragraph.
        head = 0
        while head < len(lines) and not CHAPTER.match(lines[head]) and len(lines[head]) < 120:
            head += 1
        head = min(head, 12)
        self.head = [tokenize(l, pattern, forms) for l in lines[:head]]
        self.chapters = []  # [(heading tokens or None, [paragraph tokens])]
        current = (None, [])
        for line in lines[head:]:
            if CHAPTER.match(line):
                if current[0] is not None or current[1]:
                    self.chapters.append(current)
                current = (tokenize(line, pattern, forms), [])
            elif line.strip():
                current[1].append(tokenize(line, pattern, forms))
        self.chapters.append(current)
        self.regions = sorted({(t[0], t[1]) for part in self.all_parts() for t in part if isinstance(t, tuple)})

    def all_parts(self):
        yield from self.head
        for heading, paragraphs in self.chapters:
            if heading is not None:
                yield heading
            yield from paragraphs


def render(tokens, mapping, by_tier):
    pieces = []
    for t in tokens:
        if isinstance(t, str):
            pieces.append(t)
        else:
            tier, idx, kind = t
            r = by_tier[tier][mapping.get((tier, idx), idx)]
            pieces.append(r["name"] if kind == "name" else r["full"])
    return "".join(pieces)


def variant(report, rng, by_tier, rename):
    mapping = {}
    for tier, idx in report.regions:
        if rng.random() < rename:
            mapping[(tier, idx)] = rng.randrange(len(by_tier[tier]))
    lines = [render(t, mapping, by_tier) for t in report.head]
    for heading, paragraphs in report.chapters:
        if heading is not None:
            lines.append(render(heading, mapping, by_tier))
        order = list(range(len(paragraphs)))
        rng.shuffle(order)
        lines.extend(render(paragraphs[i], mapping, by_tier) for i in order)
    return "\n".join(lines) + "\n\n"


def inside_git_tree(path):
    probe = path
    while not os.path.exists(probe):
        probe = os.path.dirname(probe) or "."
    try:
        top = subprocess.run(["git", "-C", probe, "rev-parse", "--show-toplevel"], capture_output=True,
                             text=True, check=False).stdout.strip()
    except OSError:
        return False
    return bool(top)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", nargs="?", help="output folder (default /tmp/policykg-corpus-<size>-s<seed>)")
    ap.add_argument("--size", required=True, type=parse_size, help="total size: 10MB, 100MB, 1GB, …")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--file-size", type=parse_size, default=10**6, help="approximate size of each file (1MB)")
    ap.add_argument("--rename", type=float, default=0.7, help="probability a region is renamed in a variant")
    ap.add_argument("--corpus", nargs="+", default=[os.path.join(ROOT, "corpus")], help="source folders (*.txt)")
    ap.add_argument("--gazetteer", default=os.path.join(ROOT, "schema", "gazetteer"))
    ap.add_argument("--allow-in-repo", action="store_true", help="write inside a git working tree anyway")
    args = ap.parse_args()

    out_dir = os.path.abspath(args.out_dir or f"/tmp/policykg-corpus-{args.size // 10**6}MB-s{args.seed}")
    if inside_git_tree(out_dir) and not args.allow_in_repo:
        sys.exit(f"scale_corpus: {out_dir} is inside a git working tree; generated corpora must not be "
                 "committed (write under /tmp, or pass --allow-in-repo)")

    sources = sorted(p for d in args.corpus for p in glob.glob(os.path.join(d, "**", "*.txt"), recursive=True))
    if not sources:
        sys.exit("scale_corpus: no *.txt under " + ", ".join(args.corpus))
    digest = hashlib.sha1()  # the cache is valid while the reports and the gazetteer are unchanged
    for p in sources + sorted(glob.glob(os.path.join(args.gazetteer, "regions_*.json"))):
        with open(p, "rb") as f:
            digest.update(f.read())
    stamp = {"format": FORMAT_VERSION, "size": args.size, "seed": args.seed, "file_size": args.file_size,
             "rename": args.rename, "sources": [os.path.relpath(p, ROOT) for p in sources],
             "inputs_sha1": digest.hexdigest()}
    stamp_path = os.path.join(out_dir, ".scale.json")
    if os.path.exists(stamp_path):
        with open(stamp_path, encoding="utf-8") as f:
            old = json.load(f)
        if {k: old.get(k) for k in stamp} == stamp:  # same parameters: reuse (it is deterministic)
            print(json.dumps({**{k: v for k, v in old.items() if k != "sources"}, "out_dir": out_dir, "reused": True},
                             ensure_ascii=False))
            return

    t0 = time.time()
    by_tier, forms = load_regions(args.gazetteer)
    pattern = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
    reports = [Report(p, pattern, forms) for p in sources]

    os.makedirs(out_dir, exist_ok=True)
    for old in glob.glob(os.path.join(out_dir, "part-*.txt")):
        os.remove(old)
    total = files = variants = 0
    width = max(5, len(str(args.size // max(args.file_size, 1) + 1)))
    while total < args.size:
        chunks, size = [], 0
        budget = min(args.file_size, args.size - total)
        while size < budget:
            rng = random.Random(f"{args.seed}:{files}:{len(chunks)}")
            report = reports[(files * 7 + len(chunks)) % len(reports)]
            data = variant(report, rng, by_tier, args.rename).encode("utf-8")
            chunks.append(data)
            size += len(data)
            variants += 1
        files += 1
        with open(os.path.join(out_dir, f"part-{files:0{width}d}.txt"), "wb") as f:
            for c in chunks:
                f.write(c)
        total += size
    summary = {**stamp, "files": files, "variants": variants, "bytes": total, "seconds": round(time.time() - t0, 2)}
    with open(stamp_path, "w", encoding="utf-8") as f:
        json.dump(summary, f, ensure_ascii=False)
    print(json.dumps({**{k: v for k, v in summary.items() if k != "sources"}, "out_dir": out_dir, "reused": False},
                     ensure_ascii=False))


if __name__ == "__main__":
    main()
