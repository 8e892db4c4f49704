#!/usr/bin/env python3
"""End-to-end tests of `policykg query`: exit codes, table/JSON output, subgraph piping.

Usage: query_cli_test.py <policykg binary> <source dir>
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

BINARY = None
SOURCE = None


def data(name):
    return os.path.join(SOURCE, "tests", "data", name)


def run(*args, stdin=None):
    env = dict(os.environ, POLICYKG_SCHEMA=os.path.join(SOURCE, "schema"))
    env.pop("NO_COLOR", None)
    return subprocess.run([BINARY, *args], input=stdin, capture_output=True, env=env, timeout=120)


def query(graph, *args, stdin=None):
    return run("query", graph, *args, stdin=stdin)


def as_json(result):
    return json.loads(result.stdout.decode("utf-8"))


class ExitCodes(unittest.TestCase):
    def test_found_is_zero(self):
        r = query(data("small.kg.json"), "neighbors", "万州")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("渝东北三峡库区城镇群", r.stdout.decode())

    def test_unknown_entity_is_one_with_did_you_mean(self):
        r = query(data("small.kg.json"), "neighbors", "万洲")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, b"")
        self.assertIn("no entity named 万洲; did you mean: 万州", r.stderr.decode())

    def test_empty_answer_is_one(self):
        r = query(data("small.kg.json"), "path", "万州", "重庆")
        self.assertEqual(r.returncode, 1)
        r = query(data("small.kg.json"), "find", "不存在的名字")
        self.assertEqual(r.returncode, 1)
        r = query(data("small.kg.json"), "find", "--attr", "value>100000")
        self.assertEqual(r.returncode, 1)

    def test_errors_are_two(self):
        cases = [
            (["find", "([", "--regex"], "bad regular expression"),
            (["neighbors", "万州", "--relation", "cooperates"], "did you mean: cooperates_with"),
            (["find", "--type", "Regoin"], "did you mean: Region"),
            (["find", "--attr", "level>district"], "needs a number"),
            (["neighbors", "万州", "--direction", "sideways"], ""),
            (["neighbors", "万州", "--json", "--subgraph", "-"], "both write to stdout"),
        ]
        for args, message in cases:
            r = query(data("small.kg.json"), *args)
            self.assertEqual(r.returncode, 2, (args, r.stderr))
            self.assertIn(message, r.stderr.decode(), args)
        missing = query(os.path.join(SOURCE, "no_such_graph.kg.json"), "stats")
        self.assertEqual(missing.returncode, 2)
        self.assertIn("no such file", missing.stderr.decode())

    def test_ambiguous_name_is_two_and_type_picks(self):
        r = query(data("query_twin_cities.kg.json"), "neighbors", "高新区")
        self.assertEqual(r.returncode, 2)
        self.assertIn("Platform:高新区, Region:高新区", r.stderr.decode())
        r = query(data("query_twin_cities.kg.json"), "neighbors", "高新区", "--entity-type", "Platform",
                  "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(as_json(r)["center"]["id"], "Platform:高新区")
        r = query(data("query_twin_cities.kg.json"), "evidence", "Region:高新区", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        r = query(data("query_twin_cities.kg.json"), "evidence", "天府实验室", "高新区")
        self.assertEqual(r.returncode, 2)
        self.assertIn("--other-type", r.stderr.decode())
        r = query(data("query_twin_cities.kg.json"), "evidence", "天府实验室", "高新区",
                  "--other-type", "Platform", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(as_json(r)["evidence"][0]["evidence"]["text"], "高新区建设天府实验室！")


class EvidenceByRule(unittest.TestCase):
    """`evidence --rule`: mentions (or edge evidence) by some rules only, named by their dotted families."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        text = os.path.join(cls.dir.name, "report.txt")
        with open(text, "w", encoding="utf-8") as f:
            f.write("广东省政府工作报告\n推进广东自贸试验区建设。深化粤港澳合作。\n")
        cls.graph = os.path.join(cls.dir.name, "g.kg.json")
        r = run("build", text, "-o", cls.graph)
        assert r.returncode == 0, r.stderr

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def rules(self, *args):
        r = query(self.graph, "evidence", "广东", *args, "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        return {m["rule"] for m in as_json(r)["mentions"]}

    def test_a_family_keeps_its_rules_only(self):
        everything = self.rules()
        self.assertIn("develops.implicit", everything)  # the report's region as the implicit builder
        named = self.rules("--rule", "gazetteer")
        self.assertTrue(named and all(rule.startswith("gazetteer.") for rule in named), named)
        self.assertEqual(self.rules("--rule", "gazetteer,develops.implicit"), everything)

    def test_no_mention_by_the_rule_exits_one_and_lists_the_rules(self):
        r = query(self.graph, "evidence", "广东", "--rule", "entity")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, b"")
        self.assertIn("its mentions' rules: ", r.stderr.decode())
        self.assertIn("develops.implicit", r.stderr.decode())

    def test_edge_evidence_by_rule(self):
        r = query(self.graph, "evidence", "广东", "香港", "--rule", "cooperates_with", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        items = as_json(r)["evidence"]
        self.assertTrue(items)
        self.assertTrue(all(e["evidence"]["rule"].startswith("cooperates_with.") for e in items))
        r = query(self.graph, "evidence", "广东", "香港", "--rule", "located_in")
        self.assertEqual(r.returncode, 1)
        self.assertIn("no evidence between Region:广东 and Region:香港 by rule located_in", r.stderr.decode())


class JsonOutput(unittest.TestCase):
    def test_neighbors(self):
        r = query(data("small.kg.json"), "neighbors", "万州", "--json")
        doc = as_json(r)
        self.assertEqual(list(doc), ["center", "depth", "direction", "count", "neighbors"])
        self.assertEqual([n["name"] for n in doc["neighbors"]], ["云阳", "开州", "渝东北三峡库区城镇群"])
        self.assertEqual(doc["neighbors"][2]["links"][0]["direction"], "out")

    def test_full_width_name_resolves(self):
        r = query(data("small.kg.json"), "evidence", "西部（重庆）科学城", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = as_json(r)
        self.assertEqual(doc["entity"]["id"], "Platform:西部(重庆)科学城")
        self.assertEqual(doc["mentions"][0]["sentence"],
                         "高水平建设西部(重庆)科学城，建设金凤实验室和国家应用数学中心。")

    def test_paths_capped(self):
        r = query(data("small.kg.json"), "path", "万州", "云阳", "--all", "--max-paths", "2", "--json")
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = as_json(r)
        self.assertTrue(doc["capped"])
        self.assertEqual([p["length"] for p in doc["paths"]], [1, 2])
        self.assertIn("stopped after 2 paths", r.stderr.decode())
        full = as_json(query(data("small.kg.json"), "path", "万州", "云阳", "--all", "--json"))
        self.assertFalse(full["capped"])
        self.assertEqual(full["count"], 5)

    def test_analysis_commands_parse(self):
        g = data("query_twin_cities.kg.json")
        rank = as_json(query(g, "rank", "--by", "pagerank", "--top", "3", "--json"))
        self.assertEqual(rank["results"][0]["id"], "Region:重庆")
        self.assertAlmostEqual(rank["results"][0]["score"], 0.2229077849, places=8)
        between = as_json(query(g, "rank", "--by", "betweenness", "--type", "Platform", "--json"))
        self.assertEqual(len(between["results"]), 3)
        components = as_json(query(g, "components", "--json"))
        self.assertEqual(components["sizes"], [11, 1])
        stats = as_json(query(g, "stats", "--json"))
        self.assertEqual((stats["nodes"], stats["edges"]), (12, 13))
        collaboration = as_json(query(g, "collaboration", "--json"))
        self.assertEqual(collaboration["pairs"][0]["a"]["name"], "成都")
        found = as_json(query(g, "find", "--attr", "value>1000", "--json"))
        self.assertEqual([x["id"] for x in found["results"]], ["Target:成都:高新技术企业超过1500家"])


class Subgraph(unittest.TestCase):
    def test_piped_into_query_stdin(self):
        g = data("query_twin_cities.kg.json")
        sub = query(g, "neighbors", "重庆", "--subgraph", "-")
        self.assertEqual(sub.returncode, 0, sub.stderr)
        self.assertTrue(sub.stdout.startswith(b"{"), "subgraph only, no table")
        stats = query("-", "stats", "--json", stdin=sub.stdout)
        self.assertEqual(stats.returncode, 0, stats.stderr)
        doc = json.loads(stats.stdout)
        # 重庆, its six neighbors, and the 8 edges among those seven nodes.
        self.assertEqual((doc["nodes"], doc["edges"]), (7, 8))
        self.assertEqual([d["id"] for d in doc["documents"]], ["d1", "d2"])

    def test_file_plus_table(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "sub.kg.json")
            r = query(data("small.kg.json"), "path", "金凤实验室", "国家应用数学中心", "--subgraph", out)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("path 1 of 1, 2 hops", r.stdout.decode())
            again = query(out, "neighbors", "西部(重庆)科学城", "--json")
            self.assertEqual(again.returncode, 0, again.stderr)
            self.assertEqual(as_json(again)["count"], 2)


class Terminal(unittest.TestCase):
    def test_color_only_when_asked_or_tty(self):
        g = data("small.kg.json")
        always = query(g, "evidence", "金凤实验室", "--color", "always")
        self.assertIn(b"\x1b[1;31m\xe9\x87\x91", always.stdout)  # 金 in bold red
        never = query(g, "evidence", "金凤实验室", "--color", "never")
        self.assertNotIn(b"\x1b[", never.stdout)
        auto = query(g, "evidence", "金凤实验室")  # stdout is a pipe
        self.assertNotIn(b"\x1b[", auto.stdout)

    def test_table_columns_align_with_cjk(self):
        r = query(data("small.kg.json"), "neighbors", "万州")
        lines = r.stdout.decode().splitlines()

        def width(text):
            return sum(2 if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" else 1
                       for ch in text)

        type_columns = {width(line[:line.index("Region" if "Region" in line else "TYPE")])
                        for line in lines}
        self.assertEqual(len(type_columns), 1, lines)

    def test_help_for_every_subcommand(self):
        for sub in ["find", "neighbors", "path", "evidence", "rank", "components", "stats",
                    "collaboration"]:
            r = query(data("small.kg.json"), sub, "--help")
            self.assertEqual(r.returncode, 0, sub)
            self.assertIn("Usage", r.stdout.decode(), sub)


class Batch(unittest.TestCase):
    """`query G --batch FILE|-`: one JSON line out per line in, in order, the graph loaded once."""

    LINES = [
        "neighbors 万州 --depth 2",          # 1 found
        "",                                  # 2 blank
        "# a comment",                       # 3
        "path '金凤实验室' \"四川\" --json",   # 4 quoted words, --json accepted
        "neighbors 万洲",                    # 5 no such entity
        "neighbor 万州",                     # 6 misspelt subcommand
        "neighbors 万州 --depht 2",          # 7 misspelt flag
        "find '万州",                        # 8 unterminated quote
        "find 不存在的名字",                 # 9 nothing found, not a failure
        "stats",                             # 10
        "neighbors 万州 --subgraph -",       # 11 stdout is the answers'
        "neighbors --help",                  # 12
        "find ([ --regex",                   # 13 bad regex
    ]

    def lines_of(self, r):
        return [json.loads(line) for line in r.stdout.decode("utf-8").splitlines()]

    def check(self, out, source):
        self.assertEqual([o["line"] for o in out], list(range(1, len(self.LINES) + 1)))
        g = data("small.kg.json")
        single = as_json(query(g, "neighbors", "万州", "--depth", "2", "--json"))
        self.assertEqual(out[0], {"line": 1, "exit": 0, "result": single})
        self.assertEqual(out[1], {"line": 2, "exit": 0, "skipped": True})
        self.assertEqual(out[2], {"line": 3, "exit": 0, "skipped": True})
        self.assertEqual(out[3]["result"], as_json(query(g, "path", "金凤实验室", "四川", "--json")))
        self.assertEqual(out[4]["exit"], 1)
        self.assertTrue(out[4]["error"].startswith(f"{source}:5: no entity named 万洲; did you mean: 万州"))
        self.assertEqual(out[5]["exit"], 2)
        self.assertIn(f"{source}:6: 'neighbor' is not a `policykg query` subcommand; did you mean "
                      "'neighbors'?", out[5]["error"])
        self.assertIn("unknown flag --depht for `policykg query neighbors`; did you mean '--depth'?",
                      out[6]["error"])
        self.assertEqual(out[7]["error"], f"{source}:8:6: unterminated ' quote")
        self.assertEqual((out[8]["exit"], out[8]["result"]["count"]), (1, 0))
        self.assertNotIn("error", out[8])
        self.assertEqual(out[9]["result"], as_json(query(g, "stats", "--json")))
        self.assertIn("--subgraph - is not available in --batch", out[10]["error"])
        self.assertIn("help is not answered in --batch", out[11]["error"])
        self.assertIn("bad regular expression", out[12]["error"])
        for o in out:
            self.assertEqual(sorted(o), sorted(["line", "exit"] + [k for k in ("result", "error", "skipped") if k in o]))
            self.assertEqual(len([k for k in ("result", "error", "skipped") if k in o]), 1, o)

    def test_file_and_stdin_answer_every_line_in_order(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "queries.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(self.LINES) + "\n")
            r = run("-v", "query", data("small.kg.json"), "--batch", path)
            self.assertEqual(r.returncode, 1, r.stderr)  # some lines failed
            self.check(self.lines_of(r), path)
            self.assertEqual(r.stderr.decode().count("debug: loaded "), 1, "the graph is loaded once")
        r = query(data("small.kg.json"), "--batch", "-",
                  stdin=("\r\n".join(self.LINES)).encode("utf-8"))  # CRLF, no final newline
        self.assertEqual(r.returncode, 1, r.stderr)
        self.check(self.lines_of(r), "<stdin>")

    def test_all_lines_answered_exits_zero_and_subgraph_files_are_written(self):
        with tempfile.TemporaryDirectory() as tmp:
            sub = os.path.join(tmp, "sub.kg.json")
            r = query(data("small.kg.json"), "--batch", "-",
                      stdin=f"\ufeffstats\nfind 不存在\npath 金凤实验室 国家应用数学中心 --subgraph {sub}\n"
                      .encode("utf-8"))
            self.assertEqual(r.returncode, 0, r.stderr)
            out = self.lines_of(r)
            self.assertEqual([(o["line"], o["exit"]) for o in out], [(1, 0), (2, 1), (3, 0)])
            self.assertEqual(as_json(query(sub, "stats", "--json"))["nodes"], 3)
        empty = query(data("small.kg.json"), "--batch", "-", stdin=b"")
        self.assertEqual((empty.returncode, empty.stdout), (0, b""))

    def test_overlong_line_is_an_error_line(self):
        r = query(data("small.kg.json"), "--batch", "-",
                  stdin=b"find " + b"x" * (2 << 20) + b"\nstats")
        self.assertEqual(r.returncode, 1)
        out = self.lines_of(r)
        self.assertEqual(out[0]["error"], "<stdin>:1: line longer than 1048576 bytes")
        self.assertEqual((out[1]["line"], out[1]["exit"]), (2, 0))

    def test_invalid_utf8_line_is_an_error_line(self):
        r = query(data("small.kg.json"), "--batch", "-", stdin=b"find \xff\nstats\n")
        self.assertEqual(r.returncode, 1)
        out = self.lines_of(r)
        self.assertEqual(out[0]["error"], "<stdin>:1:6: not valid UTF-8")
        self.assertEqual(out[1]["exit"], 0)

    def test_batch_errors_are_two(self):
        g = data("small.kg.json")
        cases = [
            ([g, "--batch", os.path.join(SOURCE, "no_such_batch.txt")], "no_such_batch.txt"),
            ([os.path.join(SOURCE, "no_such_graph.kg.json"), "--batch", "-"], "no_such_graph"),
            (["-", "--batch", "-"], "cannot both be read from stdin"),
            ([g, "--batch", "-", "stats"], "excludes --batch"),
            ([g], "`policykg query` needs a subcommand"),
        ]
        for args, message in cases:
            r = query(*args, stdin=b"stats\n")
            self.assertEqual(r.returncode, 2, (args, r.stderr))
            self.assertIn(message, r.stderr.decode(), args)
            self.assertEqual(r.stdout, b"", args)


class BundledCorpus(unittest.TestCase):
    def test_smoke_if_present(self):
        graph = os.path.join(SOURCE, "graphs", "chengdu_chongqing.kg.json")
        if not os.path.exists(graph):
            self.skipTest("graphs/chengdu_chongqing.kg.json not built yet")
        stats = query(graph, "stats", "--json")
        self.assertEqual(stats.returncode, 0, stats.stderr)
        self.assertGreater(json.loads(stats.stdout)["nodes"], 0)
        for args in (["rank", "--by", "pagerank"], ["components"], ["collaboration"]):
            r = query(graph, *args, "--json")
            self.assertIn(r.returncode, (0, 1), (args, r.stderr))
            json.loads(r.stdout)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: query_cli_test.py <policykg binary> <source dir>")
    BINARY = os.path.abspath(sys.argv[1])
    SOURCE = os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0]], verbosity=2)
