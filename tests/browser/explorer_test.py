#!/usr/bin/env python3
"""The HTML explorer (`policykg render G -o x.html`) driven in headless Chromium like an analyst.

Usage: explorer_test.py PATH/TO/policykg SOURCE_DIR

Loads the page from disk (no network request may leave it), checks that "fit" fills the window,
types into the search box and picks a suggestion, clicks a node with the mouse (its neighbours
grouped by relation, its evidence under the report's title with the mention marked), filters by
type, relation and report, finds a path between two names, and takes a screenshot after each
step (kept in $POLICYKG_SCREENSHOT_DIR when set). Skipped, saying so, only when Chromium is not
installed (apt-get install chromium; tools/setup.sh --all installs it).
"""

import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import HEIGHT, WIDTH, Chromium, find_chromium  # noqa: E402

BINARY = None
SOURCE = None
NASTY = '名字含"引号"<尖括号>&和\\反斜杠\n换行的机构研究院'


def render(out, *args):
    env = dict(os.environ, POLICYKG_SCHEMA=os.path.join(SOURCE, "schema"))
    subprocess.run([BINARY, "render", os.path.join(SOURCE, "tests", "data", "small.kg.json"),
                    "-o", out, *args], check=True, env=env, capture_output=True, timeout=120)


class ExplorerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.chromium = find_chromium()
        if cls.chromium is None:
            raise unittest.SkipTest("chromium is not installed (apt-get install chromium, or "
                                    "tools/setup.sh --all); the HTML explorer was not tested")
        cls.tmp = tempfile.mkdtemp(prefix="policykg_explorer_")
        cls.shots = os.environ.get("POLICYKG_SCREENSHOT_DIR") or cls.tmp
        cls.page = os.path.join(cls.tmp, "kg.html")
        render(cls.page)
        cls.browser = Chromium(cls.chromium, os.path.join(cls.tmp, "profile"))
        cls.browser.open_page("file://" + cls.page)

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def js(self, expression):
        return self.browser.evaluate(expression)

    def shot(self, name):
        png = self.browser.screenshot(os.path.join(self.shots, f"explorer_{name}.png"))
        self.assertEqual(png[:8], b"\x89PNG\r\n\x1a\n")
        self.assertEqual(struct.unpack(">II", png[16:24]), (WIDTH, HEIGHT))

    def panel(self, field):
        return self.js("(() => { const e = document.querySelector('#panel [data-field=%s]');"
                       " return e ? e.innerText : null; })()" % field)

    def reset(self):
        self.js("{ window.policykg.filter({hideTypes: [], hideRelations: [], doc: ''});"
                "const s = document.getElementById('search'); s.value = '';"
                "s.dispatchEvent(new Event('input')); window.policykg.fit(); }")

    def click_node(self, svg_id):
        x, y = self.js(
            "(() => { const r = document.getElementById(%s)"
            ".querySelector('ellipse, polygon, path').getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()" % json.dumps(svg_id))
        self.browser.click(x, y)

    def test_1_load_offline_and_fit_fills_the_window(self):
        self.assertEqual(self.js("document.body.dataset.ready"), "true")
        self.assertEqual(self.js("document.querySelectorAll('#graph g.node').length"), 15)
        requests = [e["params"]["request"]["url"] for e in self.browser.events
                    if e.get("method") == "Network.requestWillBeSent"]
        self.assertTrue(requests, "the page load itself is seen")
        for url in requests:
            self.assertTrue(url.startswith(("file:", "data:")), f"network request {url}")
        self.reset()
        # The drawing touches two opposite sides of the graph area (aspect kept).
        area, drawing = self.js(
            "(() => { const a = document.getElementById('graph').getBoundingClientRect();"
            " const d = document.querySelector('#graph svg > g').getBoundingClientRect();"
            " return [[a.width, a.height], [d.width, d.height]]; })()")
        fill = max(drawing[0] / area[0], drawing[1] / area[1])
        self.assertGreater(fill, 0.9, f"fit leaves the window blank: {drawing} in {area}")
        self.assertGreater(area[0], WIDTH - 420)  # the side panel is the only other thing
        self.shot("fit")
        fitted_width = self.js("window.policykg.camera().w")
        self.js("window.policykg.zoom(2)")
        self.assertAlmostEqual(self.js("window.policykg.camera().w"), fitted_width / 2, places=1)
        self.js("document.getElementById('zoom-fit').click()")
        fill_again = self.js(
            "(() => { const a = document.getElementById('graph').getBoundingClientRect();"
            " const d = document.querySelector('#graph svg > g').getBoundingClientRect();"
            " return Math.max(d.width / a.width, d.height / a.height); })()")
        self.assertAlmostEqual(fill_again, fill, places=2)

    def test_2_search_suggests_and_picks(self):
        self.reset()
        self.js("document.getElementById('search').focus()")
        self.browser.type_text("重庆")
        suggestions = self.js(
            "Array.from(document.querySelectorAll('#suggest li')).map(li => li.dataset.id)")
        self.assertEqual(suggestions[0], "n-Region.3a.重庆", "the exact name comes first")
        self.assertIn("n-Platform.3a.西部.28.重庆.29.科学城", suggestions)
        self.assertEqual(self.js("document.getElementById('count').textContent"),
                         "2 个匹配 matches")
        self.assertEqual(self.js("document.querySelectorAll('#graph g.node.match').length"), 2)
        self.shot("search")
        self.browser.key("ArrowDown", vk=40)
        self.browser.key("Enter", vk=13)
        self.assertEqual(self.js("window.policykg.selected"), "n-Region.3a.重庆")
        self.assertEqual(self.js("document.querySelectorAll('#suggest li').length"), 0)
        # An alias finds its node.
        self.js("{ const s = document.getElementById('search'); s.value = '';"
                "s.dispatchEvent(new Event('input')); }")
        self.browser.type_text("万州区")
        self.assertEqual(self.js("document.querySelector('#suggest li').dataset.id"),
                         "n-Region.3a.万州")
        self.assertIn("万州区", self.js("document.querySelector('#suggest li').innerText"))
        self.js("window.policykg.fit()")
        fitted_width = self.js("window.policykg.camera().w")
        self.browser.key("Enter", vk=13)
        self.assertEqual(self.js("window.policykg.selected"), "n-Region.3a.万州")
        # Centred on the choice: zoomed in, the node inside the graph area.
        self.assertLess(self.js("window.policykg.camera().w"), fitted_width)
        inside = self.js(
            "(() => { const a = document.getElementById('graph').getBoundingClientRect();"
            " const r = document.getElementById('n-Region.3a.万州').getBoundingClientRect();"
            " return r.left >= a.left && r.right <= a.right && r.top >= a.top"
            " && r.bottom <= a.bottom; })()")
        self.assertTrue(inside)

    def test_3_click_lists_neighbours_by_relation_with_evidence(self):
        self.reset()
        self.click_node("n-Region.3a.重庆")
        self.assertEqual(self.js("window.policykg.selected"), "n-Region.3a.重庆")
        self.assertEqual(self.panel("name"), "重庆")
        self.assertEqual(self.panel("type"), "地区 Region")
        groups = self.js("Array.from(document.querySelectorAll('#panel h4'))"
                         ".map(h => h.dataset.relation)")
        self.assertEqual(sorted(set(groups)), sorted(groups), "one heading per relation")
        self.assertIn("cooperates_with", groups)
        self.assertIn("involves", groups)
        evidence = self.panel("evidence")
        self.assertIn("合作 cooperates with (1)\n四川  地区 Region", evidence)
        # Evidence is named by the report (title + issuing region), never by its id alone.
        self.assertIn("《重庆 fixture》", evidence)
        self.assertNotIn("d1", evidence)
        marks = self.js("Array.from(document.querySelectorAll('#panel [data-field=mentions] mark'))"
                        ".map(m => m.textContent)")
        self.assertTrue(marks and all(m in ("重庆", "重庆市", "渝") for m in marks), marks)
        self.assertGreaterEqual(self.js("document.querySelectorAll('#graph g.node.near').length"), 2)
        self.shot("click")
        # A neighbour's name in the panel selects it.
        self.js("Array.from(document.querySelectorAll('#panel .other'))"
                ".find(s => s.textContent === '四川').click()")
        self.assertEqual(self.js("window.policykg.selected"), "n-Region.3a.四川")
        # The name with quotes, brackets, ampersand and newline stays text.
        nasty = self.js("Object.keys(window.policykg.data.nodes).find(k =>"
                        " window.policykg.data.nodes[k].name.startsWith('名字含'))")
        self.js("window.policykg.fit()")
        self.click_node(nasty)
        self.assertEqual(self.js("document.querySelector('#panel [data-field=name]').textContent"),
                         NASTY)
        self.assertIn("&lt;尖括号&gt;&amp;", self.js("document.getElementById('panel').innerHTML"))

    def test_4_filters_by_type_relation_and_report(self):
        self.reset()
        self.js("document.getElementById('filters').open = true")
        self.js("document.querySelector('#type-filter input[value=Platform]').click()")
        hidden = self.js("Array.from(document.querySelectorAll('#graph g.node.off')).map(g => g.id)")
        self.assertEqual(len(hidden), 3)
        self.assertTrue(all(h.startswith("n-Platform") for h in hidden), hidden)
        self.assertEqual(self.js(
            "getComputedStyle(document.querySelector('#graph g.node.off')).display"), "none")
        self.assertTrue(self.js("document.getElementById("
                                "'e-Platform.3a.川渝高竹新区-involves-Region.3a.四川')"
                                ".classList.contains('off')"))
        self.js("document.querySelector('#relation-filter input[value=part_of]').click()")
        off_edges = self.js("Array.from(document.querySelectorAll('#graph g.edge.off'))"
                            ".map(g => window.policykg.data.edges[g.id].relation)")
        self.assertEqual(off_edges.count("part_of"), 3)
        self.shot("filter")
        self.js("document.querySelector('#type-filter input[value=Platform]').click()")
        self.js("document.querySelector('#relation-filter input[value=part_of]').click()")
        self.assertEqual(self.js("document.querySelectorAll('#graph g.off').length"), 0)
        # The report filter fades what no sentence of that report says (the gazetteer fact).
        options = self.js("Array.from(document.querySelectorAll('#doc-filter option'))"
                          ".map(o => [o.value, o.textContent])")
        self.assertEqual(options[1], ["d1", "重庆 fixture"])
        self.js("{ const d = document.getElementById('doc-filter'); d.value = 'd1';"
                "d.dispatchEvent(new Event('change')); }")
        self.assertEqual(self.js("Array.from(document.querySelectorAll('#graph g.edge.dim'))"
                                 ".map(g => g.id)"),
                         ["e-Region.3a.云阳-part_of-Region.3a.渝东北三峡库区城镇群"])

    def test_6_no_script_errors(self):
        errors = [e["params"]["exceptionDetails"] for e in self.browser.events
                  if e.get("method") == "Runtime.exceptionThrown"]
        self.assertEqual(errors, [])

    def test_5_path_between_two_names(self):
        self.reset()
        self.js("document.getElementById('pathfinder').open = true")
        self.js("document.getElementById('path-from').focus()")
        self.browser.type_text("川渝高竹新区")
        self.js("document.getElementById('path-to').focus()")
        self.browser.type_text("名字含")  # a prefix: the best suggestion is taken
        self.js("document.getElementById('path-go').click()")
        steps = self.js("Array.from(document.querySelectorAll('#panel ol.path > li'))"
                        ".map(li => li.innerText)")
        self.assertEqual(len(steps), 2, steps)
        self.assertIn("川渝高竹新区 →涉及 involves→ 重庆", steps[0])
        self.assertIn("重庆 ←位于 located in← 名字含", steps[1])
        self.assertEqual(self.js("document.querySelectorAll('#graph g.node.onpath').length"), 3)
        self.assertEqual(self.js("document.querySelectorAll('#graph g.edge.onpath').length"), 2)
        self.shot("path")
        self.assertEqual(self.js("window.policykg.path('万州', '重庆')"), [])
        self.assertIn("不相连", self.panel("path"))
        # Filters apply to paths: without involves, 川渝高竹新区 reaches nothing.
        self.js("window.policykg.filter({hideRelations: ['involves']})")
        self.assertEqual(self.js("window.policykg.path('川渝高竹新区', '重庆')"), [])


def main():
    global BINARY, SOURCE
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    BINARY, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(ExplorerTest)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    for test, reason in result.skipped:
        print(f"SKIPPED {test.id()}: {reason}")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
