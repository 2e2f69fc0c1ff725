"""Time the decision table's response to a filter change, and the timeline's first render, in
headless Chromium.

    ./dev bench-explorer            (or: python benchmarks/explorer.py)

Builds a site whose matrix is about 8,000 rows (140 obligations, each for the device types and
generations it concerns: some concern a few device types, some none) x 50 versions (about 400,000
cells; the figure is printed), opens /responsibility/ and measures, inside the page, the time from a
control's change to the finished view (the answers, the timeline and the table), for several filter
changes and choices of the party view (what a party bears; what it gained or lost between two
versions). Prints each figure and the worst. Then the same rows x 120 versions (about 960,000 cells):
the timeline's first render (the view the page opens with), from the explorer's own measure
(``sec-timeline-render``, timeline.js), and the same filter changes.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))
from generate import Generator  # noqa: E402
from run import measure, project  # noqa: E402

CHANGES = [  # (control, value): each applied in turn, timed separately
    ("version", ""), ("version", "3.2"), ("obligation", "duty-7"), ("generation", "gen-2"), ("device", "device-3"),
    ("device", ""), ("generation", ""), ("obligation", ""), ("version", "1.1"),
    # the party view: what a party bears, then what it gained or lost between two versions
    ("party", "user"), ("version", "3.2"), ("party", "dcc"), ("from", "1.1"), ("to", "5.2"), ("party", "user"),
    ("from", ""), ("party", ""),
]
TIMER = """([name, value]) => {
  const select = document.getElementById('sec-explorer-' + name);
  const start = performance.now();
  select.value = value;
  select.dispatchEvent(new Event('change'));
  return performance.now() - start;   // rendering is synchronous: the view is finished here
}"""


def explorer(work: Path, versions: int, playwright) -> None:
    from browser import ARGS, CHROMIUM, Server

    data = work / f"data-{versions}"
    Generator(60, versions, 4, 20, 100, 140, every_generation=True).write(data)
    base = project(work / f"site-{versions}", data)
    build = measure([sys.executable, "-m", "mkdocs", "build", "-d", "site"], base)
    print(f"{versions} versions: built in {build['wall']:.1f} s")
    with Server(base / "site") as server:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        page.goto(server.url + "responsibility/")
        page.wait_for_selector("#sec-explorer[data-ready='true']", timeout=60000)
        rows = page.evaluate("document.querySelectorAll('#sec-explorer-matrix tbody tr').length")
        bands = page.evaluate("document.querySelectorAll('#sec-explorer-timeline .sec-tl__band').length")
        cells = page.evaluate("fetch('explorer.json').then(r => r.json()).then(d => d.rows.length * d.versions.length)")
        first = page.evaluate("performance.getEntriesByName('sec-timeline-render')[0].duration")
        print(f"matrix: {cells:,} cells; rows on screen after load: {rows}; timeline bands: {bands}")
        print(f"  timeline's first render: {first:.1f} ms")
        worst = 0.0
        for name, value in CHANGES:
            elapsed = page.evaluate(TIMER, [name, value])
            worst = max(worst, elapsed)
            print(f"  {name} = {value or 'all':<10} {elapsed:7.1f} ms")
        print(f"worst filter change: {worst:.1f} ms (goal: under 100 ms)")
        browser.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="sec-explorer-bench-"))
    try:
        with sync_playwright() as playwright:
            for versions in (50, 120):
                explorer(work, versions, playwright)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
