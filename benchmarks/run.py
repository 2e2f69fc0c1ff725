"""Build the site from synthetic corpora of several sizes and print what it costs.

    ./dev bench                        # 250, 1000 and 4000 clauses
    ./dev bench --sizes 250 --no-serve
    ./dev bench --sizes 4000 --versions 60 120 --no-serve --no-plain   # the site's size, and its growth per version

Per size: validation time; our build (wall, CPU, peak memory, pages, output size, and the size by
top-level folder and by kind of file); the same
pages (the HTML our renderers write) built as plain Markdown files by MkDocs with the same theme,
plugins and navigation but without our plugin (the baseline), and the ratio of the two, which
isolates our plugin's cost;
and the time from saving an edit to a clause's words to the browser showing it under `mkdocs serve
--dirty` (./dev serve), beside the full build's. The build-time exponent
between two sizes is log(t2/t1) / log(n2/n1): 1 is linear, 2 quadratic.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from generate import SIZES, Generator  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def measure(command: list[str], cwd: Path) -> dict:
    """Run a command; its wall time, CPU time and peak memory (from the kernel's accounting)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output[-3000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024, "output": output}


def project(base: Path, data: Path, plain_pages: list | None = None) -> Path:
    """A project folder: our mkdocs.yml with a one-page docs/, or the plain-Markdown baseline."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    # Keep the home page and the generated pages; the hand-written guides are not part of the benchmark.
    config["nav"] = [item for item in config["nav"] if "/" in next(iter(item.values())) or next(iter(item.values())) == "index.md"]
    docs = base / "docs"
    shutil.rmtree(base, ignore_errors=True)
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Synthetic corpus\n\nA benchmark site.\n")
    if plain_pages is None:
        plugin = next(p for p in config["plugins"] if isinstance(p, dict) and "sec-obligations" in p)
        plugin["sec-obligations"]["data_dir"] = str(data)
    else:
        config["plugins"] = [p for p in config["plugins"] if not (isinstance(p, dict) and "sec-obligations" in p)]
        config["validation"]["omitted_files"] = "info"  # clause pages are outside the nav, as in ours
        for uri, markdown in plain_pages:
            (docs / uri).parent.mkdir(parents=True, exist_ok=True)
            (docs / uri).write_text(markdown, encoding="utf-8")
        config["nav"] = expand_nav(config["nav"], plain_pages)
    (base / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return base


def plain_pages(data: Path) -> list[tuple[str, str]]:
    """(source path, content) of the pages our plugin makes from ``data``, for the baseline: as
    plain files, MkDocs runs Markdown over their HTML."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from sec_obligations.loader import load
    from sec_obligations.pages import Site

    return [(p.uri, p.html) for p in Site(load(data)).pages()]


def expand_nav(nav: list, pages: list) -> list:
    """The nav our plugin would make: section pages under the code's index page."""
    sections = [{uri.split("/")[1]: uri} for uri, _ in pages if re.fullmatch(r"sec/[^/]+/index\.md", uri)]
    return [{k: ["sec/index.md", *sections]} if v == "sec/index.md" else {k: v} for item in nav for k, v in item.items()]


def site_size(site: Path) -> tuple[int, float]:
    pages = sum(1 for _ in site.rglob("index.html"))
    size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    return pages, size / 1e6


def file_kind(path: Path) -> str:
    """What a file of the site is, for the size by part: ``page``, ``data.json``, ``matrix.csv``, ``.js`` ..."""
    if path.name == "index.html":
        return "page"
    if path.name in ("data.json", "matrix.csv", "matrix.json"):
        return path.name
    return path.suffix or path.name


def size_by_part(site: Path) -> dict[str, dict[str, float]]:
    """Megabytes by top-level folder and by kind of file (``folder`` and ``kind`` tables)."""
    parts: dict[str, dict[str, float]] = {"folder": {}, "kind": {}}
    for f in site.rglob("*"):
        if f.is_file():
            rel = f.relative_to(site)
            size = f.stat().st_size / 1e6
            folder = rel.parts[0] + "/" if len(rel.parts) > 1 else "(top)"
            parts["folder"][folder] = parts["folder"].get(folder, 0) + size
            parts["kind"][file_kind(rel)] = parts["kind"].get(file_kind(rel), 0) + size
    return parts


def print_parts(label: str, parts: dict[str, dict[str, float]], limit: int = 8) -> None:
    for table, sizes in parts.items():
        top = sorted(sizes.items(), key=lambda kv: -kv[1])[:limit]
        print(f"  {label} by {table}: " + ", ".join(f"{name} {mb:.1f}" for name, mb in top) + " (MB)", flush=True)


def serve_rebuild(base: Path, data: Path) -> list[float]:
    """Seconds from saving a change to a word of a clause to the browser showing it, under
    `mkdocs serve --dirty` (./dev serve), for three clauses of three sections: the clause's page is
    open in headless Chromium, and the time runs until the page, reloaded by the server, shows the
    new word (MkDocs' watcher first waits a moment for writes to stop)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from playwright.sync_api import sync_playwright

    from browser import ARGS, CHROMIUM

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                               cwd=base, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    times = []
    try:
        wait_for(process, "search index updated")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page()
            for section in sorted((data / "sections").glob("*.yaml"))[1:4]:
                text = section.read_text(encoding="utf-8")
                clause = next(c for h in yaml.safe_load(text)["headings"] for c in h["clauses"] if " shall " in str(c["texts"]))
                page.goto(f"http://127.0.0.1:{port}/sec/{section.stem}/{clause['id']}/")
                start = time.perf_counter()
                section.write_text(text.replace(" shall ", " forthwith ", 1), encoding="utf-8")
                page.wait_for_function("document.body.textContent.includes('forthwith')", timeout=120_000, polling=50)
                times.append(time.perf_counter() - start)
                wait_for(process, "search index updated")
                section.write_text(text, encoding="utf-8")
                wait_for(process, "search index updated")
            browser.close()
        return times
    finally:
        process.terminate()
        process.wait()


def wait_for(process, needle: str, timeout: float = 900) -> None:
    end = time.time() + timeout
    for line in process.stdout:
        if needle in line:
            return
        if time.time() > end:
            break
    raise SystemExit(f"mkdocs serve never said {needle!r}")


def run(size: int, out: Path, serve: bool, versions: int | None = None, plain: bool = True) -> dict:
    preset = SIZES["full"]
    versions = versions or preset[1]
    data = out / (f"data-{size}" if versions == preset[1] else f"data-{size}-v{versions}")
    if not data.exists():
        Generator(size, versions, *preset[2:]).write(data)
    validate = measure([sys.executable, "-m", "sec_obligations.cli", "validate", str(data)], ROOT)
    ours_dir = project(out / f"ours-{data.name[5:]}", data)
    ours = measure([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"], ours_dir)
    pages, megabytes = site_size(ours_dir / "site")
    result = {"size": size, "versions": versions, "validate": validate["wall"], "wall": ours["wall"], "cpu": ours["cpu"],
              "rss_mb": ours["rss_mb"], "pages": pages, "mb": megabytes, "parts": size_by_part(ours_dir / "site")}
    if not plain:
        return result

    plain_dir = project(out / f"plain-{size}", data, plain_pages(data))
    plain = measure([sys.executable, "-m", "mkdocs", "build", "-d", "site"], plain_dir)
    result |= {"plain_wall": plain["wall"], "ratio": ours["wall"] / plain["wall"]}
    if serve:
        result["serve"] = serve_rebuild(ours_dir, data)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 4000], help="numbers of clauses")
    parser.add_argument("--versions", type=int, nargs="+", default=[SIZES["full"][1]],
                        help="numbers of SEC versions (default: 60); two or more print the site's growth per added version")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="working folder (default: benchmarks/out)")
    parser.add_argument("--no-serve", dest="serve", action="store_false", help="skip the serve rebuild")
    parser.add_argument("--no-plain", dest="plain", action="store_false", help="skip the plain-Markdown baseline")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    header = (f"{'clauses':>8} {'versions':>8} {'validate s':>10} {'build s':>8} {'cpu s':>7} {'peak MB':>8} {'pages':>6} "
              f"{'site MB':>8} {'plain s':>8} {'ratio':>6} {'serve s':>8}")
    print(header, flush=True)
    for size in args.sizes:
        for versions in args.versions:
            r = run(size, args.out, args.serve, versions, args.plain)
            rows.append(r)
            serve = f"{max(r['serve']):8.1f}" if "serve" in r else f"{'-':>8}"
            plain = f"{r['plain_wall']:>8.1f} {r['ratio']:>6.2f}" if "ratio" in r else f"{'-':>8} {'-':>6}"
            print(f"{r['size']:>8} {r['versions']:>8} {r['validate']:>10.1f} {r['wall']:>8.1f} {r['cpu']:>7.1f} {r['rss_mb']:>8.0f} "
                  f"{r['pages']:>6} {r['mb']:>8.1f} {plain} {serve}", flush=True)
            print_parts("MB", r["parts"])
            if "serve" in r:
                print(f"  serve, edit to the page showing it (s): {', '.join(f'{t:.2f}' for t in r['serve'])}; "
                      f"slowest / full build: {max(r['serve']) / r['wall']:.2f}", flush=True)
    for a, b in itertools.pairwise(rows):
        if a["versions"] == b["versions"]:
            exponent = math.log(b["wall"] / a["wall"]) / math.log(b["size"] / a["size"])
            print(f"build-time exponent {a['size']} -> {b['size']} clauses: {exponent:.2f}")
        elif a["size"] == b["size"]:
            added = b["versions"] - a["versions"]
            growth = {part: (b["parts"]["folder"].get(part, 0) - mb) / added for part, mb in a["parts"]["folder"].items()}
            print(f"{a['size']} clauses, {a['versions']} -> {b['versions']} versions: {(b['mb'] - a['mb']) / added:.2f} MB "
                  "per added version (" + ", ".join(f"{k} {v:.2f}" for k, v in sorted(growth.items(), key=lambda kv: -kv[1])[:6]) + ")")


if __name__ == "__main__":
    main()
