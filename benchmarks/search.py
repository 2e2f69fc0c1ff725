"""Time a reader's first search on sites built from synthetic corpora, and what it downloads.

    ./dev bench-search                           # 250, 1000 and 4000 clauses, both indexes
    ./dev bench-search --sizes 250 --index pagefind

Per size and index: the index's size on disk, the bytes the browser downloads for index data up
to the answer (a fresh browser: nothing cached; the local server does not compress), and the
time from the page's load event until the clause's page is listed first (median of three runs), typing its id into the
theme's search box in headless Chromium.

Two indexes: "pagefind", the site's (chunked: a query fetches only the parts it needs), and
"theme", mkdocs-material's own lunr index (one JSON file that every page load downloads and the
browser indexes before the first answer), built with the plugin's ``search: false``: the option
not taken, measured the same way.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))
from browser import ARGS, CHROMIUM, Server  # noqa: E402
from generate import SIZES, Generator  # noqa: E402
from run import measure, project  # noqa: E402

INDEXES = ("pagefind", "theme")
TIMEOUT_MS = 600_000


def site_for(size: int, index: str, out: Path, reuse: bool) -> Path:
    data = out / f"data-{size}"
    if not data.exists():
        Generator(size, *SIZES["full"][1:]).write(data)
    base = out / f"search-{index}-{size}"
    if reuse and (base / "site" / "index.html").exists():
        return base / "site"
    shutil.rmtree(base, ignore_errors=True)
    project(base, data)
    if index == "theme":
        config = yaml.safe_load((base / "mkdocs.yml").read_text())
        plugin = next(p for p in config["plugins"] if isinstance(p, dict) and "sec-obligations" in p)
        plugin["sec-obligations"]["search"] = False
        (base / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    measure([sys.executable, "-m", "mkdocs", "build", "-d", "site"], base)
    return base / "site"


def index_bytes(site: Path, index: str) -> int:
    if index == "theme":
        return (site / "search" / "search_index.json").stat().st_size
    return sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())


def is_index_data(path: str, index: str) -> bool:
    return path.startswith("/pagefind/") if index == "pagefind" else path.startswith("/search/")


def first_search(browser, url: str, query: str, expected: str, index: str) -> tuple[float, int]:
    """(milliseconds from the load event to the expected page listed first, bytes of index data)."""
    context = browser.new_context()
    page = context.new_page()
    fetched: list = []
    page.on("requestfinished", lambda request: fetched.append(request))
    page.goto(url, wait_until="load")
    start = page.evaluate("performance.now()")
    page.keyboard.press("/")
    page.keyboard.type(query)
    # The answer to the whole query, not to the first letters typed: the clause's page listed first.
    page.wait_for_function("path => { const a = document.querySelector('.md-search-result__item a');"
                           " return a && new URL(a.href).pathname === path; }", arg=expected, timeout=TIMEOUT_MS)
    elapsed = page.evaluate("performance.now()") - start
    transferred = sum(r.sizes()["responseBodySize"] for r in fetched if is_index_data(urlsplit(r.url).path, index))
    context.close()
    return elapsed, transferred


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 4000], help="numbers of clauses")
    parser.add_argument("--index", choices=INDEXES, nargs="+", default=list(INDEXES), help="which indexes to measure")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="working folder (default: benchmarks/out)")
    parser.add_argument("--reuse", action="store_true", help="reuse sites built by an earlier run")
    parser.add_argument("--runs", type=int, default=3, help="first searches per site, each in a fresh browser context (median shown)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    print(f"{'clauses':>8} {'index':>9} {'on disk MB':>10} {'fetched MB':>10} {'first result s':>14}  query", flush=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        for size in args.sizes:
            query, expected = "A1.2", "/sec/A/A1.2/"  # a clause every synthetic corpus has
            for index in args.index:
                site = site_for(size, index, args.out, args.reuse)
                with Server(site) as server:
                    runs = [first_search(browser, server.url, query, expected, index) for _ in range(args.runs)]
                elapsed, transferred = sorted(runs)[len(runs) // 2]
                print(f"{size:>8} {index:>9} {index_bytes(site, index) / 1e6:>10.2f} {transferred / 1e6:>10.2f} "
                      f"{elapsed / 1000:>14.2f}  {query} -> {expected}", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
