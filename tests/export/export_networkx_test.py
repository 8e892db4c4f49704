#!/usr/bin/env python3
"""End-to-end checks of `policykg export`: what other tools read back.

Usage: export_networkx_test.py PATH/TO/policykg SOURCE_DIR

node-link, GraphML and GEXF are loaded with networkx; DOT is laid out by `dot -Tsvg`; the neo4j
CSVs are checked against the neo4j-admin header rules and parsed with the csv module (RFC 4180);
TSV and N-Triples are checked line by line. Names, relations and weights must match the source
graph JSON exactly, including a node whose name holds quotes, <>, &, backslashes, a tab and a
newline.
"""

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

import networkx as nx

BINARY = None
SOURCE = None
FIXTURES = ("small.kg.json", "escape.kg.json")


def fixture(name):
    return os.path.join(SOURCE, "tests", "data", name)


def source_graph(name):
    with open(fixture(name), encoding="utf-8") as f:
        return json.load(f)


def run(*args, stdin=None, check=True):
    env = dict(os.environ, POLICYKG_SCHEMA=os.path.join(SOURCE, "schema"))
    proc = subprocess.run([BINARY, *args], input=stdin, capture_output=True, env=env, timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError(f"policykg {' '.join(args)} exited {proc.returncode}: "
                             f"{proc.stderr.decode('utf-8', 'replace')}")
    return proc


class ExportTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="policykg_export_e2e_")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def export(self, name, fmt, suffix):
        out = os.path.join(self.tmp, f"{name}.{suffix}")
        run("export", fixture(name), "--format", fmt, "-o", out)
        return out

    def check_graph(self, name, g, name_of, relation_of, weight_of, id_of=lambda n, d: n,
                    mutual=False):
        """Compares a networkx multigraph with the source JSON. `mutual`: GEXF's mutual edges
        (symmetric relations) are read as both directions."""
        src = source_graph(name)
        self.assertEqual(g.number_of_nodes(), len(src["nodes"]))
        self.assertEqual(sorted(name_of(n, d) for n, d in g.nodes(data=True)),
                         sorted(n["name"] for n in src["nodes"]))
        ids = {n: id_of(n, d) for n, d in g.nodes(data=True)}
        expected = [(e["source"], e["target"], e["relation"], float(e["weight"]))
                    for e in src["edges"]]
        if mutual:
            expected += [(t, s, r, w) for s, t, r, w in expected if r == "cooperates_with"]
        actual = sorted((ids[u], ids[v], relation_of(d), float(weight_of(d)))
                        for u, v, d in g.edges(data=True))
        self.assertEqual(actual, sorted(expected))

    def test_node_link_loads_in_networkx(self):
        for name in FIXTURES:
            with open(self.export(name, "node-link", "json"), encoding="utf-8") as f:
                data = json.load(f)
            try:
                g = nx.node_link_graph(data, edges="links")
            except TypeError:  # networkx < 3.4
                g = nx.node_link_graph(data, link="links")
            self.assertTrue(g.is_directed() and g.is_multigraph())
            self.check_graph(name, g, lambda n, d: d["name"], lambda d: d["relation"],
                             lambda d: d["weight"])
            src = source_graph(name)
            for node in src["nodes"]:
                got = g.nodes[node["id"]]
                self.assertEqual(got["type"], node["type"])
                self.assertEqual(got["aliases"], node["aliases"])
                for key, value in node["attributes"].items():
                    key = "attr_" + key if key in ("name", "type", "id", "aliases") else key
                    self.assertEqual(got[key], value, key)
            for edge in src["edges"]:
                texts = [ev.get("text", "") for ev in edge["evidence"]]
                found = [d for u, v, d in g.edges(data=True)
                         if (u, v, d["relation"]) == (edge["source"], edge["target"], edge["relation"])]
                self.assertEqual(len(found), 1)
                self.assertEqual(found[0]["evidence"], texts)

    def test_graphml_loads_in_networkx_with_typed_attributes(self):
        for name in FIXTURES:
            g = nx.read_graphml(self.export(name, "graphml", "graphml"), force_multigraph=True)
            self.check_graph(name, g, lambda n, d: d["name"], lambda d: d["relation"],
                             lambda d: d["weight"], id_of=lambda n, d: d["id"])
            for _, _, d in g.edges(data=True):
                self.assertIsInstance(d["weight"], float)
                json.loads(d["evidence"])
        g = nx.read_graphml(self.export("escape.kg.json", "graphml", "graphml"),
                            force_multigraph=True)
        nasty = next(d for _, d in g.nodes(data=True) if d["type"] == "Institution")
        self.assertEqual(nasty["name"],
                         'A&B <研究院> "引号" \\N 反\\斜杠\t制表;分号,逗号\n换行的机构')
        self.assertEqual(nasty["count"], 3)
        self.assertEqual(nasty["score"], 1.5)
        self.assertIs(nasty["flag"], True)
        self.assertEqual(nasty["value"], "5500")  # a string column: 五千 elsewhere
        self.assertEqual(nasty["attr_name"], "collides")
        self.assertEqual(json.loads(nasty["aliases"]), ["别名;含分号", 'alias "q" <x> & y'])

    def test_gexf_loads_in_networkx(self):
        for name in FIXTURES:
            g = nx.read_gexf(self.export(name, "gexf", "gexf"))
            self.check_graph(name, g, lambda n, d: d["label"], lambda d: d["relation"],
                             lambda d: d["weight"], mutual=True)
            src = source_graph(name)
            for node in src["nodes"]:
                self.assertEqual(g.nodes[node["id"]]["type"], node["type"])
                self.assertEqual(json.loads(g.nodes[node["id"]]["aliases"]), node["aliases"])
            region = next(n for n in src["nodes"] if n["type"] == "Region")
            self.assertEqual(g.nodes[region["id"]]["viz"]["color"]["r"], 0xcf)

    def test_dot_is_laid_out_by_graphviz(self):
        dot = shutil.which("dot")
        if dot is None:
            self.fail("Graphviz `dot` is not installed")
        for name in FIXTURES:
            path = self.export(name, "dot", "dot")
            proc = subprocess.run([dot, "-Tsvg", path], capture_output=True, timeout=60)
            self.assertEqual(proc.returncode, 0, proc.stderr.decode("utf-8", "replace"))
            self.assertEqual(proc.stderr, b"", "no Graphviz warnings")
            svg = ET.fromstring(proc.stdout)
            ns = "{http://www.w3.org/2000/svg}"
            titles = [t.text for g in svg.iter(ns + "g") if g.get("class") == "node"
                      for t in g.iter(ns + "title")]
            src = source_graph(name)
            # Node ids are raw DOT strings: Graphviz reads them back exactly.
            self.assertEqual(sorted(titles), sorted(n["id"] for n in src["nodes"]))
            texts = "".join(t.text or "" for t in svg.iter(ns + "text"))
            for node in src["nodes"]:
                self.assertIn(node["name"].replace("\n", "").replace("\t", ""),
                              texts.replace("\t", ""))

    def test_neo4j_csv_follows_import_rules(self):
        header_field = re.compile(
            r"^(?P<name>[^:]*)(:(?P<type>ID|LABEL|START_ID|END_ID|TYPE|int|long|float|double|"
            r"boolean|byte|short|char|string|point|date|localtime|time|localdatetime|datetime|"
            r"duration)(?P<array>\[\])?(\((?P<group>\w+)\))?)?$")
        for name in FIXTURES:
            out = os.path.join(self.tmp, name + ".neo4j")
            run("export", fixture(name), "--format", "neo4j", "-o", out)
            self.assertEqual(sorted(os.listdir(out)),
                             ["constraints.cypher", "documents.csv", "import.sh", "mentions.csv",
                              "nodes.csv", "relationships.csv"])
            src = source_graph(name)
            with open(os.path.join(out, "nodes.csv"), encoding="utf-8", newline="") as f:
                nodes = list(csv.reader(f, strict=True))
            with open(os.path.join(out, "relationships.csv"), encoding="utf-8", newline="") as f:
                rels = list(csv.reader(f, strict=True))
            for header in (nodes[0], rels[0]):
                names = []
                for field in header:
                    m = header_field.match(field)
                    self.assertIsNotNone(m, f"bad header field {field!r}")
                    if m.group("name"):
                        names.append(m.group("name"))
                self.assertEqual(len(names), len(set(names)), f"duplicate properties {header}")
            self.assertEqual(nodes[0][:4], ["id:ID(Entity)", "name", "type", "aliases:string[]"])
            self.assertEqual(nodes[0][-1], ":LABEL")
            self.assertEqual(rels[0][:6], [":START_ID(Entity)", ":END_ID(Entity)", ":TYPE",
                                           "relation", "weight:double", "evidence_doc:string[]"])
            self.assertEqual(len(nodes) - 1, len(src["nodes"]))
            self.assertEqual(len(rels) - 1, len(src["edges"]))
            for rows in (nodes, rels):
                for row in rows[1:]:
                    self.assertEqual(len(row), len(rows[0]), row)
            by_id = {row[0]: row for row in nodes[1:]}
            for node in src["nodes"]:
                row = by_id[node["id"]]
                self.assertEqual(row[1], node["name"])
                self.assertEqual(row[-1], "Entity\x1f" + node["type"])
                self.assertEqual(row[3].split("\x1f") if row[3] else [], node["aliases"])
            ids = set(by_id)
            for row in rels[1:]:
                self.assertIn(row[0], ids)
                self.assertIn(row[1], ids)
                float(row[4])
            self.assertEqual(sorted((r[0], r[1], r[2], r[3]) for r in rels[1:]),
                             sorted((e["source"], e["target"], e["relation"].upper(), e["relation"])
                                    for e in src["edges"]))

    def test_tsv_one_triple_per_line(self):
        def unescape(field):
            return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}[m.group(1)],
                          field)
        for name in FIXTURES:
            proc = run("export", fixture(name), "--format", "tsv", "-o", "-")
            lines = proc.stdout.decode("utf-8").split("\n")
            self.assertEqual(lines[-1], "")
            lines = lines[:-1]
            src = source_graph(name)
            self.assertEqual(len(lines), len(src["edges"]) + 1)
            self.assertEqual(lines[0].split("\t"), ["source", "relation", "target", "weight",
                                                    "evidence"])
            names = {n["id"]: n["name"] for n in src["nodes"]}
            expected = sorted((names[e["source"]], e["relation"], names[e["target"]],
                               float(e["weight"])) for e in src["edges"])
            actual = []
            for line in lines[1:]:
                fields = line.split("\t")
                self.assertEqual(len(fields), 5, line)
                actual.append((unescape(fields[0]), fields[1], unescape(fields[2]),
                               float(fields[3])))
            self.assertEqual(sorted(actual), expected)

    def test_ntriples_grammar_and_literals(self):
        iri = r'<[^\x00-\x20<>"{}|^`\\]*>'
        bnode = r"_:[A-Za-z0-9_]+"
        literal = r'"(?:[^"\\\n\r]|\\[tbnrf"\'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*"'
        line_re = re.compile(rf"^({iri}|{bnode}) ({iri}) ({iri}|{bnode}|{literal}"
                             rf"(?:\^\^{iri}|@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)?) \.$")

        def decode(lit):
            body = lit[1:lit.rindex('"')]
            return re.sub(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)',
                          lambda m: chr(int(m.group(1)[1:], 16)) if m.group(1)[0] in "uU"
                          else {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f",
                                '"': '"', "'": "'", "\\": "\\"}[m.group(1)], body)

        for name in FIXTURES:
            path = self.export(name, "ntriples", "nt")
            with open(path, encoding="utf-8", newline="") as f:
                lines = f.read().split("\n")
            self.assertEqual(lines[-1], "")
            labels = []
            for line in lines[:-1]:
                m = line_re.match(line)
                self.assertIsNotNone(m, f"not an N-Triples line: {line!r}")
                if (m.group(1).startswith("<https://policykg.example/node/")
                        and m.group(2) == "<http://www.w3.org/2000/01/rdf-schema#label>"):
                    labels.append(decode(m.group(3)))
            self.assertEqual(sorted(labels), sorted(n["name"] for n in source_graph(name)["nodes"]))

    def test_errors_and_streams(self):
        proc = run("export", fixture("small.kg.json"), "--format", "xlsx", "-o",
                   os.path.join(self.tmp, "x"), check=False)
        self.assertEqual(proc.returncode, 2)
        err = proc.stderr.decode("utf-8").strip()
        self.assertEqual(len(err.splitlines()), 1, err)
        self.assertIn("node-link, graphml, gexf, cytoscape, graphology, dot, neo4j, kuzu, tsv, "
                      "ntriples", err)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "x")))

        proc = run("export", fixture("small.kg.json"), "-o", os.path.join(self.tmp, "x.unknown"),
                   check=False)
        self.assertEqual(proc.returncode, 2)

        proc = run("export", os.path.join(self.tmp, "missing.json"), "--format", "tsv", "-o", "-",
                   check=False)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("missing.json", proc.stderr.decode("utf-8"))

        with open(fixture("small.kg.json"), "rb") as f:
            proc = run("export", "-", "--format", "graphml", "-o", "-", stdin=f.read())
        g = nx.read_graphml(io.BytesIO(proc.stdout), force_multigraph=True)
        self.assertEqual(g.number_of_nodes(), 14)

        out = os.path.join(self.tmp, "by_extension.gexf")
        run("export", fixture("small.kg.json"), "-o", out)
        self.assertEqual(nx.read_gexf(out).number_of_edges(), 14 + 4, "4 mutual cooperates_with")

        for args in (["export", "--help"], ["render", "--help"]):
            proc = run(*args)
            self.assertIn(b"--format", proc.stdout)


def main():
    global BINARY, SOURCE
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    BINARY, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(ExportTest)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
