#!/usr/bin/env python3
"""End-to-end checks of `policykg render`.

Usage: render_e2e_test.py PATH/TO/policykg SOURCE_DIR

SVG: valid XML, legend, CJK labels, scriptable ids/classes, tooltips with evidence sentences.
PNG: signature and a sensible size. DOT: laid out. Views, filters, errors and exit codes.
HTML: self-contained (tests/browser/explorer_test.py drives it in headless Chromium).
"""

import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

BINARY = None
SOURCE = None
SVG = "{http://www.w3.org/2000/svg}"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"
NASTY = '名字含"引号"<尖括号>&和\\反斜杠\n换行的机构研究院'


def small():
    return os.path.join(SOURCE, "tests", "data", "small.kg.json")


def run(*args, stdin=None, check=True, timeout=180):
    env = dict(os.environ, POLICYKG_SCHEMA=os.path.join(SOURCE, "schema"))
    proc = subprocess.run([BINARY, *args], input=stdin, capture_output=True, env=env,
                          timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"policykg {' '.join(args)} exited {proc.returncode}: "
                             f"{proc.stderr.decode('utf-8', 'replace')}")
    return proc


def svg_groups(root, kind):
    """{id: element} for the <g class="kind …"> groups of a Graphviz SVG."""
    return {g.get("id"): g for g in root.iter(SVG + "g")
            if (g.get("class") or "").split(" ")[0] == kind}


def tooltip(group):
    a = group.find(f".//{SVG}a")
    return a.get(XLINK_TITLE) if a is not None else None


class RenderTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="policykg_render_e2e_")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def render(self, *args, name="out.svg"):
        out = os.path.join(self.tmp, name)
        proc = run("render", small(), "-o", out, *args)
        return out, proc

    def test_svg_is_valid_xml_with_legend_cjk_classes_and_tooltips(self):
        out, _ = self.render()
        root = ET.parse(out).getroot()
        nodes = svg_groups(root, "node")
        edges = svg_groups(root, "edge")
        self.assertIn("legend", nodes)
        legend = nodes.pop("legend")
        self.assertEqual(len(nodes), 14)
        self.assertEqual(len(edges), 14)
        legend_text = [t.text for t in legend.iter(SVG + "text")]
        for entry in ("图例 Legend", "地区 Region", "平台 Platform", "合作 cooperates with",
                      "隶属于 part of", "目标 targets"):
            self.assertIn(entry, legend_text)
        self.assertEqual(nodes["n-Region.3a.重庆"].get("class"), "node type-Region")
        self.assertEqual(edges["e-Region.3a.万州-cooperates_with-Region.3a.开州"].get("class"),
                         "edge rel-cooperates_with")
        labels = [t.text for t in root.iter(SVG + "text")]
        self.assertIn("渝东北三峡库区城镇群", labels)
        self.assertIn("民族地区产城景", labels)  # wrapped long name
        self.assertIn("融合发展示范区", labels)
        fonts = {t.get("font-family") for t in root.iter(SVG + "text")}
        self.assertEqual(fonts, {"WenQuanYi Zen Hei"})
        self.assertEqual(tooltip(edges["e-Region.3a.万州-cooperates_with-Region.3a.开州"]),
                         "万州 —合作— 开州\n“推进万开云同城化发展。”")
        self.assertEqual(tooltip(nodes["n-Region.3a.彭水"]),
                         "彭水\n地区 Region\n别名 aliases: 彭水县、彭水苗族土家族自治县\n"
                         "“支持彭水建设民族地区产城景融合发展示范区。”")
        nasty = [g for g in nodes.values() if g.get("class") == "node type-Institution"
                 and tooltip(g).startswith("名字含")]
        self.assertEqual(len(nasty), 1)
        self.assertTrue(tooltip(nasty[0]).startswith(NASTY + "\n机构 Institution"))
        self.assertEqual(nasty[0].find(SVG + "title").text, "Institution:" + NASTY)
        # Symmetric relations have no arrowhead: their edge group holds only the path.
        coop = edges["e-Region.3a.四川-cooperates_with-Region.3a.重庆"]
        self.assertEqual(len(list(coop.iter(SVG + "polygon"))), 0)
        part_of = edges["e-Region.3a.万州-part_of-Region.3a.渝东北三峡库区城镇群"]
        self.assertEqual(len(list(part_of.iter(SVG + "polygon"))), 1)

    def test_png_and_laid_out_dot(self):
        out, _ = self.render(name="out.png")
        with open(out, "rb") as f:
            data = f.read()
        self.assertEqual(data[:8], b"\x89PNG\r\n\x1a\n")
        width, height = struct.unpack(">II", data[16:24])
        self.assertGreater(width, 600)
        self.assertGreater(height, 300)
        out, _ = self.render(name="out.gv")
        with open(out, encoding="utf-8") as f:
            dot = f.read()
        self.assertTrue(dot.startswith("digraph policykg {"))
        self.assertIn("pos=", dot)

    def test_stdin_and_stdout(self):
        with open(small(), "rb") as f:
            proc = run("render", "-", "-o", "-", "--format", "svg", stdin=f.read())
        root = ET.fromstring(proc.stdout)
        self.assertEqual(len(svg_groups(root, "node")), 15)

    def test_views_filters_and_focus(self):
        out, _ = self.render("--view", "collaboration", "--clusters")
        root = ET.parse(out).getroot()
        nodes = set(svg_groups(root, "node")) - {"legend"}
        self.assertEqual(nodes, {"n-Region.3a.万州", "n-Region.3a.开州", "n-Region.3a.云阳",
                                 "n-Region.3a.四川", "n-Region.3a.重庆",
                                 "n-Platform.3a.川渝高竹新区"})
        clusters = svg_groups(root, "cluster")
        self.assertEqual(len(clusters), 1)
        cluster_title = [t.text for t in next(iter(clusters.values())).iter(SVG + "text")]
        self.assertEqual(cluster_title, ["渝东北三峡库区城镇群"])
        self.assertEqual({g.get("class") for g in svg_groups(root, "edge").values()},
                         {"edge rel-cooperates_with", "edge rel-involves"})

        out, _ = self.render("--focus", "重庆市", "--depth", "1", "--relation", "cooperates_with",
                             "--no-legend")
        root = ET.parse(out).getroot()
        self.assertEqual(set(svg_groups(root, "node")), {"n-Region.3a.重庆", "n-Region.3a.四川"})

        out, _ = self.render("--type", "Region,Platform", "--layout", "neato")
        root = ET.parse(out).getroot()
        classes = {g.get("class") for i, g in svg_groups(root, "node").items() if i != "legend"}
        self.assertEqual(classes, {"node type-Region", "node type-Platform"})

        # Repeated flags before the positional GRAPH take one value each.
        out = os.path.join(self.tmp, "repeated.svg")
        run("render", "--type", "Region", "--type", "Platform", small(), "-o", out)
        self.assertEqual(len(svg_groups(ET.parse(out).getroot(), "node")) - 1, 10)

    def test_force_layouts_of_the_bundled_reports_do_not_abort(self):
        # Graphviz's spline router (splines=true: multispline.c findMap) aborted the process on the
        # collaboration view of the bundled Chengdu–Chongqing graph; force layouts draw curved edges.
        graph = os.path.join(self.tmp, "cc.kg.json")
        run("-q", "build", os.path.join(SOURCE, "corpus", "chengdu_chongqing"), "-o", graph)
        for layout in ("sfdp", "neato", "fdp"):
            out = os.path.join(self.tmp, f"cc_{layout}.svg")
            run("-q", "render", graph, "--view", "collaboration", "--layout", layout, "-o", out)
            self.assertTrue(len(svg_groups(ET.parse(out).getroot(), "node")) > 20, layout)

    def test_errors_and_exit_codes(self):
        out = os.path.join(self.tmp, "x.svg")
        proc = run("render", small(), "-o", out, "--focus", "重庆科技城", check=False)
        self.assertEqual(proc.returncode, 1)
        err = proc.stderr.decode("utf-8")
        self.assertIn("did you mean", err)
        self.assertIn("重庆科学城", err)
        self.assertFalse(os.path.exists(out))

        for args in (["--type", "Regoin"], ["--layout", "dott"], ["--view", "nope"],
                     ["--format", "jpeg"]):
            proc = run("render", small(), "-o", out, *args, check=False)
            self.assertEqual(proc.returncode, 2, args)
            lines = proc.stderr.decode("utf-8").strip().splitlines()
            self.assertEqual(len(lines), 1, lines)
        proc = run("render", small(), "-o", os.path.join(self.tmp, "x.jpg"), check=False)
        self.assertEqual(proc.returncode, 2)
        bad = os.path.join(self.tmp, "bad.json")
        with open(bad, "w", encoding="utf-8") as f:
            f.write('{"format": "policykg",\n "version": 1,,}')
        proc = run("render", bad, "-o", out, check=False)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("bad.json:2:", proc.stderr.decode("utf-8"))

    def test_huge_graph_is_bounded_not_a_hairball(self):
        nodes, edges = [], []
        for i in range(2000):
            nodes.append({"id": f"Region:地区{i}", "name": f"地区{i}", "type": "Region",
                          "aliases": [], "attributes": {}, "mentions": []})
        for i in range(1, 2000):
            src = 0 if i <= 40 else i - 1
            edges.append({"source": f"Region:地区{src}", "target": f"Region:地区{i}",
                          "relation": "cooperates_with", "weight": 1, "evidence": []})
        path = os.path.join(self.tmp, "huge.kg.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump({"format": "policykg", "version": 1, "documents": [], "nodes": nodes,
                       "edges": edges}, f, ensure_ascii=False)
        out = os.path.join(self.tmp, "huge.svg")
        proc = run("render", path, "-o", out)  # the work is bounded (600 nodes laid out), not timed
        err = proc.stderr.decode("utf-8")
        self.assertIn("--focus", err)
        self.assertIn("showing only the 600", err)
        root = ET.parse(out).getroot()
        self.assertEqual(len(svg_groups(root, "node")) - 1, 600)
        self.assertLess(len(svg_groups(root, "edge")), 600)  # only edges among the 600
        self.assertIn("n-Region.3a.地区0", svg_groups(root, "node"))  # the hub survives


class HtmlViewTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="policykg_html_e2e_")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_html_is_self_contained(self):
        out = os.path.join(self.tmp, "kg.html")
        run("render", small(), "-o", out)
        with open(out, encoding="utf-8") as f:
            html = f.read()
        self.assertTrue(html.startswith("<!DOCTYPE html>"))
        self.assertIn("default-src 'none'", html)
        for forbidden in ('src="http', "src='http", 'href="http', "@import", "url(http"):
            self.assertNotIn(forbidden, html)
        self.assertEqual(html.count("<svg"), 1)
        blob = html.split('<script type="application/json" id="policykg-data">')[1]
        data = json.loads(blob.split("</script>")[0])
        self.assertEqual(len(data["nodes"]), 14)
        self.assertEqual(data["nodes"]["n-Region.3a.万州"]["attributes"],
                         {"code": "500101", "level": "district"})


def main():
    global BINARY, SOURCE
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    BINARY, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    loader = unittest.defaultTestLoader
    suite = unittest.TestSuite([loader.loadTestsFromTestCase(RenderTest),
                                loader.loadTestsFromTestCase(HtmlViewTest)])
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    for test, reason in result.skipped:
        print(f"SKIPPED {test.id()}: {reason}")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
