#!/usr/bin/env python3
"""`policykg eval` must agree with the project's scorer, tools/kg_score.py.

usage: eval_matches_scorer_test.py POLICYKG_BINARY SOURCE_DIR

For each graph/gold pair (the tests/data/eval_* fixtures and, when the shared directory
SOURCE_DIR/../shared exists, graphs built from its corpus scored with its gold and with the
development golds in tests/dev), runs
`policykg eval --json` and `kg_score.py --json` and requires identical numbers and lists, and
the same text report. Also checks the quality-gate exit codes and error reporting, which do not
need the scorer. Exits 1 on any failure.
"""
import concurrent.futures
import glob
import json
import os
import subprocess
import sys
import tempfile

FAILURES = []


def fail(msg):
    FAILURES.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def run(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=240)


def diff_json(a, b, path=""):
    """Human-readable differences between two JSON values."""
    out = []
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{path}/{k}: only in {'scorer' if k in a else 'policykg'}")
            else:
                out += diff_json(a[k], b[k], f"{path}/{k}")
    elif isinstance(a, list) and isinstance(b, list):
        if a != b:
            only_a = [x for x in a if x not in b]
            only_b = [x for x in b if x not in a]
            out.append(f"{path}: lists differ (scorer {len(a)} items, policykg {len(b)});"
                       f" only scorer: {only_a[:5]}; only policykg: {only_b[:5]}"
                       + ("; same items, other order" if not only_a and not only_b else ""))
    elif type(a) is not type(b) or a != b:
        out.append(f"{path}: scorer {a!r}, policykg {b!r}")
    return out


def compare(binary, scorer, label, graph, gold, extra):
    """Runs both tools on one pair; returns (failure messages, ok line or None)."""
    problems = []
    py = run([sys.executable, scorer, graph, gold, "--json"] + extra)
    cc = run([binary, "eval", graph, gold, "--json"] + extra)
    if py.returncode != 0:
        return [f"{label}: kg_score.py exited {py.returncode}: {py.stderr.strip()[-500:]}"], None
    if cc.returncode != 0:
        return [f"{label}: policykg eval exited {cc.returncode}: {cc.stderr.strip()[-500:]}"], None
    try:
        want, got = json.loads(py.stdout), json.loads(cc.stdout)
    except json.JSONDecodeError as e:
        return [f"{label}: policykg eval --json printed invalid JSON ({e}): {cc.stdout[:300]!r}"], None
    problems = [f"{label}: {p}" for p in diff_json(want, got)]

    py_text = run([sys.executable, scorer, graph, gold] + extra)
    cc_text = run([binary, "eval", graph, gold] + extra)
    if py_text.stdout != cc_text.stdout:
        a, b = py_text.stdout.splitlines(), cc_text.stdout.splitlines()
        first = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
        problems.append(f"{label}: text reports differ at line {first + 1}:\n  scorer:   "
                        f"{a[first] if first < len(a) else '<end>'}\n  policykg: "
                        f"{b[first] if first < len(b) else '<end>'}")
    if problems:
        return problems, None
    summary = cc_text.stdout.splitlines()[-1] if cc_text.stdout else ""
    return [], f"ok   {label}: {summary}"


def compare_all(binary, scorer, cases):
    """Compares every case, a few at a time (each is four short processes); reports in case order."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = pool.map(lambda c: compare(binary, scorer, *c), cases)
        for problems, ok in results:
            for p in problems:
                fail(p)
            if ok:
                print(ok)


def check_exit(binary, label, args, want_code, want_stderr=None, want_json=False):
    r = run([binary, "eval"] + args)
    if r.returncode != want_code:
        fail(f"{label}: exit {r.returncode}, expected {want_code}; stderr: {r.stderr.strip()[-300:]}")
        return
    if want_stderr and want_stderr not in r.stderr:
        fail(f"{label}: stderr lacks {want_stderr!r}: {r.stderr.strip()[-300:]}")
        return
    if want_code == 2 and r.stdout:
        fail(f"{label}: printed data on stdout despite the error: {r.stdout[:200]!r}")
        return
    if want_json:
        try:
            json.loads(r.stdout)
        except json.JSONDecodeError:
            fail(f"{label}: stdout is not JSON: {r.stdout[:200]!r}")
            return
    print(f"ok   {label}: exit {r.returncode}")


def fixture_cases(data):
    def d(name):
        return os.path.join(data, name)

    basic = (d("eval_basic.kg.json"), d("eval_basic.gold.json"))
    multi = (d("eval_multi.kg.json"), d("eval_multi.gold.json"))
    scope = (d("eval_scope.kg.json"), d("eval_scope.gold.json"))
    cases = [("fixture basic", *basic, []),
             ("fixture basic --doc (single document: ignored)", *basic, ["--doc", "nothing"]),
             ("fixture multi (gold document)", *multi, [])]
    for doc in ["b_report", "乙报告", ".md", "txt", "b_report.txt乙", "nomatch"]:
        cases.append((f"fixture multi --doc {doc}", *multi, ["--doc", doc]))
    cases += [("fixture scope without --text", *scope, []),
              ("fixture scope --text", *scope, ["--text", d("eval_scope.txt")]),
              ("fixture multi --text (no scope_lines: ignored)", *multi,
               ["--text", d("eval_scope.txt")])]
    return cases


def shared_cases(binary, src, shared, tmp):
    """Graphs built from the shared corpus, scored against the shared gold."""
    corpus = os.path.join(shared, "corpus")
    excerpt = os.path.join(corpus, "chongqing_2022_work_report_excerpt.txt")
    gold = os.path.join(shared, "gold", "chongqing_2022_work_report_excerpt.gold.json")
    if not (os.path.isfile(excerpt) and os.path.isfile(gold)):
        print("skip chongqing excerpt: corpus or gold not in " + shared)
        return []
    cases = []
    single = os.path.join(tmp, "excerpt.kg.json")
    r = run([binary, "build", excerpt, "-o", single])
    if r.returncode != 0:
        fail(f"policykg build {excerpt} exited {r.returncode}: {r.stderr.strip()[-500:]}")
        return []
    cases.append(("chongqing excerpt", single, gold, []))

    # The same gold restricted to a few lines of the text.
    with open(gold, encoding="utf-8") as f:
        scoped = json.load(f)
    scoped["scope_lines"] = [3, 12]
    scoped_gold = os.path.join(tmp, "excerpt_scoped.gold.json")
    with open(scoped_gold, "w", encoding="utf-8") as f:
        json.dump(scoped, f, ensure_ascii=False)
    cases.append(("chongqing excerpt, scope_lines 3-12", single, scoped_gold, ["--text", excerpt]))

    # Every corpus report in one graph: the gold's "document" (or --doc) picks the scored one.
    texts = sorted(os.path.join(corpus, f) for f in os.listdir(corpus) if f.endswith(".txt"))
    if len(texts) > 1:
        multi = os.path.join(tmp, "corpus.kg.json")
        r = run([binary, "build"] + texts + ["-o", multi])
        if r.returncode != 0:
            fail(f"policykg build of {len(texts)} documents exited {r.returncode}: "
                 f"{r.stderr.strip()[-500:]}")
        else:
            cases.append((f"{len(texts)} documents (gold document)", multi, gold, []))
            for doc in ["chongqing_2026", "national_2024", "work_report"]:
                cases.append((f"{len(texts)} documents --doc {doc}", multi, gold, ["--doc", doc]))
            # The development golds (tests/dev) cover line ranges of other reports: scope_lines.
            for dev_gold in sorted(glob.glob(os.path.join(src, "tests", "dev", "*.gold.json"))):
                with open(dev_gold, encoding="utf-8") as f:
                    text = os.path.join(corpus, json.load(f).get("document") or "-")
                if not os.path.isfile(text):
                    continue
                name = os.path.basename(dev_gold)
                cases.append((f"{len(texts)} documents, {name}", multi, dev_gold, []))
                cases.append((f"{len(texts)} documents, {name} --text", multi, dev_gold,
                              ["--text", text]))
    # The provincial dev and holdout golds, each on its report's own graph (targets in 万/亿 units).
    # One build per report: the golds cover a few dozen reports, and a build under the sanitizers
    # costs seconds.
    provinces = os.path.join(corpus, "provinces_2026")
    graphs = {}  # report path -> its graph, or None when the build failed
    for dev_gold in sorted(glob.glob(os.path.join(src, "tests", "dev", "*", "*.gold.json"))):
        with open(dev_gold, encoding="utf-8") as f:
            text = os.path.join(provinces, json.load(f).get("document") or "-")
        if not os.path.isfile(text):
            continue
        if text not in graphs:
            graph = os.path.join(tmp, os.path.basename(text) + ".kg.json")
            r = run([binary, "build", text, "-o", graph])
            if r.returncode != 0:
                fail(f"policykg build {text} exited {r.returncode}: {r.stderr.strip()[-500:]}")
                graph = None
            graphs[text] = graph
        if graphs[text] is None:
            continue
        cases.append((f"{os.path.basename(dev_gold)} --text", graphs[text], dev_gold,
                      ["--text", text]))
    return cases


def gate_and_error_checks(binary, data, tmp):
    graph = os.path.join(data, "eval_basic.kg.json")
    gold = os.path.join(data, "eval_basic.gold.json")
    # fixture basic: entity F1 0.769, relation F1 0.764 (as displayed)
    check_exit(binary, "gate at the displayed entity F1 passes", [graph, gold, "--min-entity-f1", "0.769"], 0)
    check_exit(binary, "gate above the entity F1 fails", [graph, gold, "--min-entity-f1", "0.7691"], 1,
               "entity F1 0.769 is below")
    check_exit(binary, "gate above the relation F1 fails", [graph, gold, "--min-relation-f1", "0.8"], 1,
               "relation F1 0.764 is below")
    check_exit(binary, "both gates pass", [graph, gold, "--min-entity-f1", "0.5",
                                           "--min-relation-f1", "0.5"], 0)
    check_exit(binary, "failed gate still prints JSON", [graph, gold, "--json", "--min-entity-f1", "1"],
               1, want_json=True)
    check_exit(binary, "gate outside [0, 1] is a usage error", [graph, gold, "--min-entity-f1", "1.5"], 2)

    bad_gold = os.path.join(tmp, "bad.gold.json")
    with open(bad_gold, "w", encoding="utf-8") as f:
        f.write('{"entities": [{"name": "a", "type": "R"}, {"name": "b", "type": 3}],\n "relations": []}')
    check_exit(binary, "structural gold error", [graph, bad_gold], 2,
               "bad.gold.json: /entities/1/type: expected a string")
    broken = os.path.join(tmp, "broken.gold.json")
    with open(broken, "w", encoding="utf-8") as f:
        f.write('{"entities": [],\n "relations": [}\n')
    check_exit(binary, "gold syntax error", [graph, broken], 2, "broken.gold.json:2:")
    check_exit(binary, "missing graph", [os.path.join(tmp, "none.kg.json"), gold], 2, "none.kg.json")
    check_exit(binary, "missing --text", [os.path.join(data, "eval_scope.kg.json"),
                                          os.path.join(data, "eval_scope.gold.json"),
                                          "--text", os.path.join(tmp, "none.txt")], 2, "none.txt")


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    binary, src = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    data = os.path.join(src, "tests", "data")
    shared = os.path.normpath(os.path.join(src, "..", "shared"))
    scorer = os.path.join(shared, "tools", "kg_score.py")
    with tempfile.TemporaryDirectory(prefix="policykg-eval-") as tmp:
        if os.path.isfile(scorer):
            cases = fixture_cases(data) + shared_cases(binary, src, shared, tmp)
            compare_all(binary, scorer, cases)
        else:
            print(f"skip comparisons: {scorer} not found")
        gate_and_error_checks(binary, data, tmp)
    if FAILURES:
        print(f"{len(FAILURES)} failure(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
