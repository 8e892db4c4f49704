#!/usr/bin/env python3
"""Summarizes a callgrind.out file: top functions by inclusive and by self cost (Ir), and the
costliest source lines of chosen files, where a line's cost is its own instructions (inlined
code included) plus the inclusive cost of the calls made from it.

usage: callgrind_summary.py CALLGRIND_OUT [--root DIR] [--top N] [--lines-top N]
                            [--files SUFFIX …]
"""
import argparse
import collections
import os
import re


def parse(path):
    files, fns = {}, {}
    self_fn = collections.Counter()
    calls_fn = collections.Counter()     # (caller, callee) → inclusive Ir of the calls
    line_self = collections.Counter()    # (file, line) → Ir
    line_calls = collections.Counter()   # (file, line) → inclusive Ir of calls made there
    line_callees = collections.defaultdict(collections.Counter)
    total = 0
    cur_fl = cur_file = cur_fn = None
    pending_call = None  # callee of the next cost line
    last_line = 0
    name_re = re.compile(r"\((\d+)\)(?:\s+(.*))?")

    def lookup(table, text):
        m = name_re.match(text)
        if not m:
            return text
        if m.group(2) is not None:
            table[m.group(1)] = m.group(2)
        return table.get(m.group(1), text)

    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line:
                continue
            c = line[0]
            if c.isdigit() or c in "+-*":
                parts = line.split()
                pos = parts[0]
                if pos == "*":
                    ln = last_line
                elif pos[0] in "+-":
                    ln = last_line + int(pos)
                else:
                    ln = int(pos)
                last_line = ln
                ir = int(parts[1]) if len(parts) > 1 else 0
                if pending_call is not None:
                    if pending_call != cur_fn:
                        calls_fn[(cur_fn, pending_call)] += ir
                        line_calls[(cur_file, ln)] += ir
                        line_callees[(cur_file, ln)][pending_call] += ir
                    pending_call = None
                else:
                    self_fn[cur_fn] += ir
                    line_self[(cur_file, ln)] += ir
                    total += ir
                continue
            key, _, value = line.partition("=")
            if key == "fl":
                cur_fl = cur_file = lookup(files, value)
            elif key in ("fi", "fe"):
                cur_file = lookup(files, value)
            elif key == "fn":
                cur_fn = lookup(fns, value)
                cur_file = cur_fl
            elif key in ("cfi", "cfl"):
                lookup(files, value)
            elif key == "cfn":
                callee = lookup(fns, value)
            elif key == "calls":
                pending_call = callee
            elif line.startswith("summary:") or line.startswith("totals:"):
                pass
    inclusive = collections.Counter(self_fn)
    for (caller, _), ir in calls_fn.items():
        inclusive[caller] += ir
    return total, inclusive, self_fn, line_self, line_calls, line_callees


def short(name, width=100):
    """Drops argument lists, template arguments and namespaces that add nothing."""
    name = re.sub(r"'\d+$", "", name)
    for _ in range(8):
        new = re.sub(r"<[^<>]*>", "", name)
        if new == name:
            break
        name = new
    name = re.sub(r"\((?!anonymous namespace\))[^()]*\)", "()", name)
    name = re.sub(r"\((?!anonymous namespace\))[^()]*\)", "()", name)
    for junk in ("policykg::", "(anonymous namespace)::", "std::__cxx11::", " const", "[clone .isra.0]",
                 "[clone .constprop.0]", "[clone .cold]"):
        name = name.replace(junk, "")
    name = name.strip()
    return name if len(name) <= width else name[:width - 1] + "…"


SKIP = re.compile(r"^(0x[0-9a-f]+|\(below main\)|_start|__libc_start|main$|_dl_|CLI::|std::_Function_handler|"
                  r"policykg::cli::|std::function)")


def summarize(path, root, top=15, lines_top=15, suffixes=("src/extract/document_extraction.cc",
                                                         "src/lexicon/trie.cc", "src/lexicon/trie.h"),
              source_root=None, source_dir_name="src"):
    """source_root/source_dir_name: where to read the quoted source lines (a snapshot of src/
    taken at build time), instead of root/src."""
    total, inclusive, self_fn, line_self, line_calls, line_callees = parse(path)
    out = [f"{total:,} instructions (Ir) in total"]
    out.append("top functions by inclusive cost (self + callees; main and CLI plumbing omitted):")
    n = 0
    for fn, ir in inclusive.most_common():
        if SKIP.search(fn):
            continue
        out.append(f"  {100 * ir / total:6.2f}%  {short(fn)}")
        n += 1
        if n == top:
            break
    out.append("top functions by self cost:")
    for fn, ir in self_fn.most_common(top):
        out.append(f"  {100 * ir / total:6.2f}%  {short(fn)}")

    sources = {}

    def source_line(path_, ln):
        if path_ not in sources:
            full = path_ if os.path.isabs(path_) else os.path.join(root, path_)
            if source_root:
                rel = os.path.relpath(full, root)
                if rel.startswith("src" + os.sep):
                    full = os.path.join(source_root, source_dir_name, rel[4:])
            try:
                with open(full, encoding="utf-8") as f:
                    sources[path_] = f.read().split("\n")
            except OSError:
                sources[path_] = []
        lines = sources[path_]
        return lines[ln - 1].strip() if 0 < ln <= len(lines) else ""

    combined = collections.Counter()
    for key, ir in list(line_self.items()) + list(line_calls.items()):
        if key[0] and any(key[0].endswith(s) for s in suffixes):
            combined[key] += ir
    out.append("costliest source lines of the extractor and the trie (own Ir incl. inlined code + calls made there;"
               " nested lines overlap):")
    for (path_, ln), ir in combined.most_common(lines_top):
        rel = os.path.relpath(path_, root) if os.path.isabs(path_) else path_
        callees = line_callees.get((path_, ln))
        via = ""
        if callees:
            top_callee, cir = callees.most_common(1)[0]
            via = f"  [calls {short(top_callee, 60)} {100 * cir / total:.1f}%]"
        out.append(f"  {100 * ir / total:6.2f}%  {rel}:{ln}: {source_line(path_, ln)[:100]}{via}")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("callgrind_out")
    ap.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--source-snapshot", default=None, help="read quoted lines from this copy of src/")
    ap.add_argument("--lines-top", type=int, default=15)
    ap.add_argument("--files", nargs="+", default=["src/extract/document_extraction.cc", "src/lexicon/trie.cc",
                                                     "src/lexicon/trie.h"])
    args = ap.parse_args()
    snap = os.path.abspath(args.source_snapshot) if args.source_snapshot else None
    print(summarize(args.callgrind_out, args.root, args.top, args.lines_top, tuple(args.files),
                    source_root=os.path.dirname(snap) if snap else None,
                    source_dir_name=os.path.basename(snap) if snap else "src"))


if __name__ == "__main__":
    main()
