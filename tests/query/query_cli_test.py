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
