#!/usr/bin/env python3
"""Every export format loaded by its real consumers, on the bundled graph and on graphs of
hostile names; the README's Export examples run as written.

Usage: export_consumers_test.py PATH/TO/policykg SOURCE_DIR

Consumers: networkx under every interpreter found (Debian's python3-networkx 2.8 at
/usr/bin/python3 and the newest one on PATH), xmllint against tests/export/graphml.xsd, rdflib,
and from npm (tests/export/consumers/package-lock.json, installed with `npm ci` into
BUILD_DIR/export-consumers once per lock file) cytoscape.js, graphology, graphology-gexf and
Kuzu, which also answers `neighbors` and `path` as `policykg query` does. Node ids, names, types,
aliases, relations, directions and every evidence sentence with its document must survive.
"""

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

BINARY = None
SOURCE = None
NODE_MODULES = None
FIXTURES = ("graphs/chengdu_chongqing.kg.json", "tests/data/escape.kg.json",
            "tests/export/data/hostile.kg.json")
SYMMETRIC = {"cooperates_with"}


def run(cmd, cwd=None, env=None, timeout=300):
    proc = subprocess.run(cmd, capture_output=True, cwd=cwd, env=env, timeout=timeout)
    if proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} exited {proc.returncode}:\n"
                             f"{proc.stderr.decode('utf-8', 'replace')[-3000:]}")
    return proc.stdout.decode("utf-8")


def policykg(*args, cwd=None):
    env = dict(os.environ, POLICYKG_SCHEMA=os.path.join(SOURCE, "schema"))
    return run([BINARY, *args], cwd=cwd, env=env)


def node_env():
    return dict(os.environ, NODE_PATH=NODE_MODULES)


def install_npm_consumers():
    """npm ci of tests/export/consumers into BUILD_DIR/export-consumers, skipped when the
    installed lock file is the committed one."""
    global NODE_MODULES
    source = os.path.join(SOURCE, "tests", "export", "consumers")
    target = os.path.join(os.path.dirname(BINARY), "export-consumers")
    NODE_MODULES = os.path.join(target, "node_modules")
    with open(os.path.join(source, "package-lock.json"), "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    stamp = os.path.join(target, "installed.sha256")
    if os.path.exists(stamp) and open(stamp).read() == digest and os.path.isdir(NODE_MODULES):
        return
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            raise AssertionError(f"`{tool}` is not installed (tools/setup.sh --all installs it)")
    os.makedirs(target, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(os.path.join(source, name), os.path.join(target, name))
    run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=target, timeout=900)
    with open(stamp, "w") as f:
        f.write(digest)


def networkx_interpreters():
    """Debian's python3 (networkx 2.8) and every other python3 whose networkx differs."""
    found = {}
    for python in ("/usr/bin/python3", sys.executable, shutil.which("python3") or ""):
        if not python or not os.path.exists(python):
            continue
        proc = subprocess.run([python, "-c", "import networkx; print(networkx.__version__)"],
                              capture_output=True, timeout=60)
        if proc.returncode == 0:
            found.setdefault(proc.stdout.decode().strip(), python)
    return found


def xml_text(text):
    """What an XML format can hold of `text`: characters XML 1.0 forbids become U+FFFD."""
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "\ufffd", text)


def expected(src, xml=False):
    t = xml_text if xml else (lambda text: text)
    nodes = sorted((n["id"], n["name"], n["type"], tuple(n["aliases"])) for n in src["nodes"])
    edges = sorted((e["source"], e["target"], e["relation"],
                    tuple(t(ev.get("text", "")) for ev in e["evidence"]),
                    tuple(ev.get("doc", "") for ev in e["evidence"])) for e in src["edges"])
    return nodes, edges


def loaded(summary, none_is_empty=False):
    def text(value):
        return "" if value is None and none_is_empty else value
    nodes = sorted((n["id"], text(n["name"]), n["type"], tuple(text(a) for a in n["aliases"]))
                   for n in summary["nodes"])
    edges = sorted((e["source"], e["target"], e["relation"],
                    tuple(text(t) for t in e["evidence"]),
                    tuple(text(d) for d in e["evidence_docs"])) for e in summary["edges"])
    return nodes, edges


def late_quote_graph(plain=400):
    """A graph whose CSV rows need no quotes for the first `plain` nodes, then a name with a comma
    and one with a quote: a consumer that guesses the CSV dialect from the first rows (Kuzu did)
    must still read them."""
    # (龙 sorts after 节: the rows of these two come last in every file)
    text = "".join(f"节点{i}建设。" for i in range(plain)) + "龙,凤中心建设。龙\"虎\"中心建设。"
    names = [f"节点{i}" for i in range(plain)] + ["龙,凤中心", '龙"虎"中心']
    nodes, pos = [], 0
    for name in names:
        nodes.append({"id": f"Platform:{name}", "name": name, "type": "Platform", "aliases": [],
                      "mentions": [{"doc": "d1", "start": pos, "end": pos + len(name), "rule": "fixture"}]})
        pos += len(name) + 3
    edges = [{"source": node["id"], "target": nodes[0]["id"], "relation": "involves", "weight": 1,
              "evidence": [{"doc": "d1", "start": 0, "end": 2, "rule": "fixture"}]}
             for node in nodes[1:]]  # a star: every path is short
    return {"format": "policykg", "version": 1,
            "documents": [{"id": "d1", "path": "late_quote.txt", "title": "late quote", "chars": len(text),
                           "text": text}],
            "nodes": sorted(nodes, key=lambda n: n["id"]),
            "edges": sorted(edges, key=lambda e: (e["source"], e["target"]))}


class ExportConsumersTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="policykg_consumers_")
        install_npm_consumers()
        cls.pythons = networkx_interpreters()
        cls.sources = {}
        for fixture in FIXTURES:
            with open(os.path.join(SOURCE, fixture), encoding="utf-8") as f:
                cls.sources[fixture] = json.load(f)
        late = os.path.join(cls.tmp, "late_quote.kg.json")
        cls.sources[late] = late_quote_graph()
        with open(late, "w", encoding="utf-8") as f:
            json.dump(cls.sources[late], f, ensure_ascii=False)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def export(self, fixture, fmt, *extra):
        name = os.path.basename(fixture).replace(".kg.json", "")
        suffix = hashlib.sha256("\0".join(extra).encode()).hexdigest()[:8] if extra else ""
        out = os.path.join(self.tmp, f"{name}{suffix}.{fmt}")
        policykg("export", os.path.join(SOURCE, fixture), "--format", fmt, "-o", out, *extra)
        return out

    def node_load(self, kind, path, *extra):
        script = os.path.join(SOURCE, "tests", "export", "consumers", "load.js")
        return json.loads(run(["node", script, kind, path, *extra], env=node_env()))

    def test_networkx_debian_and_newest(self):
        self.assertIn("/usr/bin/python3", self.pythons.values(),
                      "Debian's python3-networkx (tools/setup.sh --all) must be one consumer")
        print(f"networkx versions: {sorted(self.pythons)}", file=sys.stderr)
        loader = os.path.join(SOURCE, "tests", "export", "networkx_load.py")
        for fixture, src in self.sources.items():
            symmetric = sum(e["relation"] in SYMMETRIC for e in src["edges"])
            files = {"node-link": self.export(fixture, "node-link"),
                     "graphml": self.export(fixture, "graphml"),
                     "gexf": self.export(fixture, "gexf"),
                     "gexf13": self.export(fixture, "gexf", "--gexf-version", "1.3")}
            for version, python in self.pythons.items():
                for kind, path in files.items():
                    if kind == "gexf13" and version.startswith("2."):
                        continue  # networkx reads GEXF 1.3 from 3.0 on
                    with self.subTest(fixture=fixture, networkx=version, format=kind):
                        got = json.loads(run([python, loader, kind, path]))
                        # GraphML lists are JSON text (controls as \\u0001); GEXF's liststring
                        # is XML text, where U+0001 cannot be
                        want_nodes, want_edges = expected(src, xml=kind.startswith("gexf"))
                        self.assertTrue(got["directed"])
                        nodes, edges = loaded(got)
                        self.assertEqual(nodes, want_nodes)
                        if kind.startswith("gexf"):
                            # a mutual edge (symmetric relation) is read as both directions
                            self.assertEqual(len(edges), len(want_edges) + symmetric)
                            edges = [e for e in edges if e[2] not in SYMMETRIC or e[0] < e[1]]
                            want = [e for e in want_edges if e[2] not in SYMMETRIC or e[0] < e[1]]
                            want += [(t, s, *rest) for s, t, *rest in want_edges
                                     if rest[0] in SYMMETRIC and s > t]
                            self.assertEqual(edges, sorted(want))
                        else:
                            self.assertEqual(edges, want_edges)
                            self.assertEqual(sum(e["undirected"] for e in got["edges"]), symmetric)

    def test_graphml_is_valid_against_the_xsd(self):
        xsd = os.path.join(SOURCE, "tests", "export", "graphml.xsd")
        for fixture in self.sources:
            path = self.export(fixture, "graphml")
            proc = subprocess.run(["xmllint", "--noout", "--schema", xsd, path],
                                  capture_output=True, timeout=120)
            self.assertEqual(proc.returncode, 0, proc.stderr.decode("utf-8", "replace")[-2000:])
        # the check is not vacuous: a name that is not an NMTOKEN fails it
        with open(path, encoding="utf-8") as f:
            bad = f.read().replace('attr.name="relation"', 'attr.name="rel ation"', 1)
        bad_path = os.path.join(self.tmp, "bad.graphml")
        with open(bad_path, "w", encoding="utf-8") as f:
            f.write(bad)
        proc = subprocess.run(["xmllint", "--noout", "--schema", xsd, bad_path],
                              capture_output=True, timeout=120)
        self.assertNotEqual(proc.returncode, 0)

    def test_web_viewers_and_gephi_reader(self):
        for fixture, src in self.sources.items():
            symmetric = sum(e["relation"] in SYMMETRIC for e in src["edges"])
            for kind, path in (("cytoscape", self.export(fixture, "cytoscape")),
                               ("graphology", self.export(fixture, "graphology")),
                               ("gexf", self.export(fixture, "gexf")),
                               ("gexf", self.export(fixture, "gexf", "--gexf-version", "1.3"))):
                with self.subTest(fixture=fixture, consumer=kind, file=path):
                    got = self.node_load(kind, path)
                    self.assertEqual(loaded(got), expected(src, xml=kind == "gexf"))
                    self.assertEqual(sum(bool(e["undirected"]) for e in got["edges"]), symmetric)
                    if kind == "gexf":  # Gephi Lite shows attribute titles, lists as lists
                        self.assertTrue({"type", "aliases", "mentions"} <= set(got["node_attributes"]))
                        self.assertFalse([a for a in got["node_attributes"] if re.fullmatch(r"n\d+", a)])
                    if kind == "graphology":
                        self.assertEqual((got["type"], got["multi"]), ("mixed", True))
                    if kind != "gexf":
                        self.assertEqual(got["documents"], [d["id"] for d in src["documents"]])

    def test_kuzu_loads_and_answers_like_the_cli(self):
        for fixture, src in self.sources.items():
            directory = self.export(fixture, "kuzu")
            centers = sorted({e["target"] for e in src["edges"]})[:5]
            pairs = [(e["source"], f["target"]) for e, f in zip(src["edges"], src["edges"][1:])
                     if e["source"] != f["target"]][:5]
            queries = [{"neighbors": c} for c in centers] + [{"path": list(p)} for p in pairs]
            queries_path = os.path.join(self.tmp, "queries.json")
            with open(queries_path, "w", encoding="utf-8") as f:
                json.dump(queries, f, ensure_ascii=False)
            got = self.node_load("kuzu", directory, queries_path)
            with self.subTest(fixture=fixture):
                self.assertEqual(loaded(got, none_is_empty=True), expected(src))
                self.assertEqual(got["mentions"], sum(len(n["mentions"]) for n in src["nodes"]))
                self.assertEqual(sorted(got["documents"]), sorted(d["id"] for d in src["documents"]))
                want_starts = sorted(tuple(ev.get("start", 0) for ev in e["evidence"])
                                     for e in src["edges"])
                self.assertEqual(sorted(tuple(e["evidence_starts"]) for e in got["edges"]),
                                 want_starts)
                graph = os.path.join(SOURCE, fixture)
                for answer in got["answers"]:
                    if "neighbors" in answer:
                        cli = json.loads(policykg("query", graph, "neighbors", answer["neighbors"],
                                                  "--json"))
                        self.assertEqual(sorted(n["id"] for n in cli["neighbors"]), answer["ids"])
                    else:
                        cli = json.loads(policykg("query", graph, "path", *answer["path"], "--json"))
                        cli_path = [n["id"] for n in cli["paths"][0]["nodes"]]
                        self.assertIn(cli_path, answer["paths"], "the CLI's shortest path is one of Kuzu's")
                        self.assertEqual({len(p) for p in answer["paths"]}, {len(cli_path)})
            self.assertGreater(len(got["answers"]), 0)

    def test_neo4j_bulk_import_layout(self):
        header_field = re.compile(
            r"^(?P<name>[^:]*)(:(?P<type>ID|LABEL|START_ID|END_ID|TYPE|int|long|float|double|"
            r"boolean|string)(?P<array>\[\])?(\((?P<group>\w+)\))?)?$")
        for fixture, src in self.sources.items():
            out = self.export(fixture, "neo4j")
            self.assertEqual(sorted(os.listdir(out)),
                             ["constraints.cypher", "documents.csv", "import.sh", "mentions.csv",
                              "nodes.csv", "relationships.csv"])
            tables = {}
            for name in ("nodes", "documents", "relationships", "mentions"):
                with open(os.path.join(out, name + ".csv"), encoding="utf-8", newline="") as f:
                    rows = list(csv.reader(f, strict=True))
                for field in rows[0]:
                    self.assertRegex(field, header_field)
                for row in rows[1:]:
                    self.assertEqual(len(row), len(rows[0]))
                tables[name] = [dict(zip(rows[0], row)) for row in rows[1:]]

            def array(value):
                return value.split("\x1f") if value else []
            nodes = {r["id:ID(Entity)"]: r for r in tables["nodes"]}
            self.assertEqual(len(nodes), len(src["nodes"]))
            for node in src["nodes"]:
                row = nodes[node["id"]]
                self.assertEqual(array(row[":LABEL"]), ["Entity", node["type"]])
                self.assertEqual(row["name"], node["name"])
                if node["aliases"] != [""]:  # one empty item reads back as no item
                    self.assertEqual(array(row["aliases:string[]"]), node["aliases"])
            self.assertEqual(len(tables["documents"]), len(src["documents"]))
            self.assertEqual(len(tables["mentions"]), sum(len(n["mentions"]) for n in src["nodes"]))
            self.assertEqual({r[":TYPE"] for r in tables["mentions"]}, {"MENTIONS"} if tables["mentions"] else set())
            rels = tables["relationships"]
            self.assertEqual(len(rels), len(src["edges"]))
            want = sorted((e["source"], e["target"], e["relation"].upper(),
                           tuple(ev.get("doc", "") for ev in e["evidence"]),
                           tuple(str(ev.get("start", 0)) for ev in e["evidence"]),
                           tuple(ev.get("rule", "") for ev in e["evidence"]))
                          for e in src["edges"])
            got = sorted((r[":START_ID(Entity)"], r[":END_ID(Entity)"], r[":TYPE"],
                          tuple(r["evidence_doc:string[]"].split("\x1f")),
                          tuple(array(r["evidence_start:long[]"])),
                          tuple(array(r["evidence_rule:string[]"]))) for r in rels)
            self.assertEqual(got, want)
            with open(os.path.join(out, "constraints.cypher"), encoding="utf-8") as f:
                cypher = f.read()
            self.assertIn("FOR (n:Entity) REQUIRE n.id IS UNIQUE", cypher)
            self.assertIn("FOR (d:Document) REQUIRE d.id IS UNIQUE", cypher)
            with open(os.path.join(out, "import.sh"), encoding="utf-8") as f:
                self.assertIn("--array-delimiter=U+001F", f.read())
            self.assertTrue(os.access(os.path.join(out, "import.sh"), os.X_OK))

    def test_ntriples_in_rdflib(self):
        for fixture, src in self.sources.items():
            path = self.export(fixture, "ntriples", "--base-iri", "http://example.org/kg/")
            with open(path, encoding="utf-8") as f:
                text = f.read()
            self.assertNotIn("https://policykg.example/", text)
            got = json.loads(run(["/usr/bin/python3", os.path.join(SOURCE, "tests", "export",
                                                                   "networkx_load.py"),
                                  "ntriples", path]))
            self.assertEqual(got["triples"], len(text.splitlines()))
            self.assertIn("zh", got["label_languages"])
            evidence_docs = sum(1 for e in src["edges"] for ev in e["evidence"] if ev.get("doc"))
            self.assertEqual(text.count(" <http://example.org/kg/property/document> "
                                        "<http://example.org/kg/document/"),
                             evidence_docs + sum(len(n["mentions"]) for n in src["nodes"]))

    def test_readme_examples_run_as_written(self):
        with open(os.path.join(SOURCE, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        section = readme[readme.index("### Export"):]
        section = section[:section.index("\n### ", 1)]
        blocks = re.findall(r"```(sh|python|js)\n(.*?)```", section, re.S)
        self.assertGreaterEqual(len(blocks), 6, "one example per consumer")
        work = tempfile.mkdtemp(prefix="readme_", dir=self.tmp)
        os.symlink(os.path.join(SOURCE, "graphs"), os.path.join(work, "graphs"))
        os.makedirs(os.path.join(work, "build"))
        os.symlink(BINARY, os.path.join(work, "build", "policykg"))
        env = dict(node_env(), POLICYKG_SCHEMA=os.path.join(SOURCE, "schema"))
        for language, code in blocks:
            with self.subTest(code=code[:60]):
                if language == "sh":
                    run(["bash", "-euo", "pipefail", "-c", code], cwd=work, env=env)
                elif language == "js":
                    out = run(["node", "-e", code], cwd=work, env=env)
                    self.assertRegex(out, r"\d+ nodes")
                else:  # rdflib is Debian's python3-rdflib
                    pythons = (["/usr/bin/python3"] if "rdflib" in code
                               else self.pythons.values())
                    for python in pythons:
                        out = run([python, "-c", code], cwd=work, env=env)
                        self.assertRegex(out, r"\d+ nodes")
                    self.ran_python = True


def main():
    global BINARY, SOURCE
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    BINARY, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(ExportConsumersTest)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
