#!/usr/bin/env python3
"""Takes the README's pictures in headless Chromium at a laptop's 1440x900, as an analyst sees them.

usage: tools/screenshots.py [BUILD_DIR] [OUT_DIR]     (defaults: build, docs)

From graphs/chengdu_chongqing.kg.json:
  collaboration.png    the collaboration view's SVG fitted to the window
  explorer_fit.png     the HTML explorer of that view just after loading (fit)
  explorer_click.png   the explorer after typing 成都, picking the suggestion, fit, clicking 成都
  focus.png            `--focus 成都 --depth 2` fitted to the window
and, when corpus/ builds, collaboration_all.png: every bundled report, `--top 30`.
Needs Chromium (apt-get install chromium); uses tests/browser/cdp.py to drive it.
"""

import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "browser"))
from cdp import Chromium, find_chromium  # noqa: E402

FIT_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
html, body {{ margin: 0; height: 100%; background: #fff; }}
img {{ display: block; width: 100%; height: 100%; object-fit: contain; }}
</style></head><body><img src="{src}"></body></html>"""


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    out = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "docs"))
    binary = os.path.abspath(os.path.join(build, "policykg"))
    chromium = find_chromium()
    if chromium is None:
        sys.exit("screenshots: chromium is not installed (apt-get install chromium)")
    os.makedirs(out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="policykg_shots_")
    env = dict(os.environ, POLICYKG_SCHEMA=os.path.join(ROOT, "schema"))
    graph = os.path.join(ROOT, "graphs", "chengdu_chongqing.kg.json")

    def render(source, name, *args):
        path = os.path.join(tmp, name)
        subprocess.run([binary, "render", source, "-o", path, *args], check=True, env=env)
        return path

    def fitted(svg):
        page = svg + ".html"
        with open(page, "w", encoding="utf-8") as f:
            f.write(FIT_PAGE.format(src=os.path.basename(svg)))
        return page

    pages = [("collaboration.png", fitted(render(graph, "collab.svg", "--view", "collaboration"))),
             ("focus.png", fitted(render(graph, "focus.svg", "--focus", "成都", "--depth", "2")))]
    everything = os.path.join(tmp, "all.kg.json")
    built = subprocess.run([binary, "build", os.path.join(ROOT, "corpus"), "-o", everything],
                           env=env, capture_output=True)
    if built.returncode == 0:
        pages.append(("collaboration_all.png", fitted(render(
            everything, "all.svg", "--view", "collaboration", "--top", "30"))))
    explorer = render(graph, "explorer.html", "--view", "collaboration")

    browser = Chromium(chromium, os.path.join(tmp, "profile"))
    try:
        for name, page in pages:
            browser.open_page("file://" + page)
            browser.screenshot(os.path.join(out, name))
        browser.open_page("file://" + explorer)
        browser.screenshot(os.path.join(out, "explorer_fit.png"))
        browser.evaluate("document.getElementById('search').focus()")
        browser.type_text("成都")
        browser.key("Enter", vk=13)  # the first suggestion: 成都
        browser.evaluate("window.policykg.fit()")
        x, y = browser.evaluate(
            "(() => { const r = document.getElementById('n-Region.3a.成都')"
            ".querySelector('ellipse').getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()")
        browser.click(x, y)
        browser.screenshot(os.path.join(out, "explorer_click.png"))
    finally:
        browser.close()
    for name in sorted(os.listdir(out)):
        if name.endswith(".png"):
            print(f"{os.path.join(out, name)}: {os.path.getsize(os.path.join(out, name))} bytes")


if __name__ == "__main__":
    main()
