#!/usr/bin/env python3
"""tools/audit.py end to end on one bundled report: the sample is deterministic for a seed, every
item carries its evidence with the mention marked, and `score` counts judgments by key.
usage: audit_test.py POLICYKG_BINARY SOURCE_DIR"""
import json
import os
import subprocess
import sys
import tempfile


def main(kg, src):
    tool = os.path.join(src, "tools", "audit.py")
    doc = os.path.join(src, "corpus", "provinces_2026", "jilin_2026_work_report.txt")
    with tempfile.TemporaryDirectory() as tmp:
        outs = []
        for run in range(2):
            out = os.path.join(tmp, f"s{run}.jsonl")
            subprocess.run([sys.executable, tool, "sample", kg, doc, "--nodes", "12", "--targets", "5",
                            "--edges", "6", "-o", out], check=True, capture_output=True)
            outs.append(open(out, encoding="utf-8").read())
        assert outs[0] == outs[1], "same graph and seed gave different samples"
        items = [json.loads(l) for l in outs[0].splitlines()]
        kinds = [i["kind"] for i in items]
        assert kinds.count("node") == 12 and kinds.count("target") == 5, kinds
        for i in items:
            if i["kind"] != "edge" or i["rule"] != "gazetteer.part_of":
                assert "【" in i["evidence"] or i["kind"] == "edge", i
        judgments = os.path.join(tmp, "j.jsonl")
        with open(judgments, "w", encoding="utf-8") as f:
            for n, i in enumerate(items[:10]):
                f.write(json.dumps({"key": i["key"], "correct": n % 2 == 0}) + "\n")
        report = subprocess.run([sys.executable, tool, "score", os.path.join(tmp, "s0.jsonl"), judgments],
                                check=True, capture_output=True, text=True).stdout
        assert "node     precision 0.500 (5/10)" in report, report
        assert f"unjudged sample items: {len(items) - 10}" in report, report
    print("audit: 1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
