"""Build the site into a temporary folder and read the HTML it produced."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PINNED = Path(__file__).parent / "data" / "pinned"  # the data a build reads unless told: see conftest.py


@dataclass
class Build:
    returncode: int
    output: str
    site: Path

    def page(self, url: str) -> str:
        """The HTML of the page published at ``url`` (e.g. ``sec/G/G3.20/``)."""
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def build(tmp: Path, data: Path | None = None, docs: Path | None = None, strict: bool = True,
          config: str | None = None) -> Build:
    """Run ``mkdocs build`` (``--strict``, never ``-q``) on a copy of the project in ``tmp``
    (``data``: the data folder, the pinned copy of the bundled data if not given; ``config``: the
    text of mkdocs.yml, if not the project's)."""
    project = tmp / "project"
    project.mkdir(parents=True, exist_ok=True)
    (project / "mkdocs.yml").write_text(config or (ROOT / "mkdocs.yml").read_text())
    for name, source in (("docs", docs or ROOT / "docs"), ("obligations", data or PINNED)):
        if not (project / name).exists():
            shutil.copytree(source, project / name)
    site = tmp / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command + (["--strict"] if strict else []), capture_output=True, text=True, env=env)
    return Build(result.returncode, result.stdout + result.stderr, site)


def is_redirect(html: str) -> bool:
    """A small page that only sends readers on (a section as at a version reading as an earlier one)."""
    return '<meta http-equiv="refresh"' in html[:1000]


def follow(site: Path, url: str) -> str:
    """The page at ``url``, following a redirect page to the page it names."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    if is_redirect(html):
        target = re.search(r'url=([^"]+)"', html).group(1)
        return follow(site, urljoin("/" + url, target).lstrip("/"))
    return html


class PageParser(HTMLParser):
    """Collects ids, links and resource addresses of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for name in ("src", "srcset", "data"):
            if attrs.get(name):
                self.resources.append(attrs[name])
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical", "alternate feed"):
            self.resources.append(attrs["href"])


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


def pages(site: Path) -> dict[str, PageParser]:
    """Every HTML page of a built site by its URL path (``sec/G/G3.20/``)."""
    result = {}
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        result[url] = parse(file.read_text(encoding="utf-8"))
    return result


def broken_links(site: Path) -> list[str]:
    """Every local link whose page or anchor does not exist, as ``page -> href``."""
    parsed = pages(site)
    broken = []
    for url, page in parsed.items():
        for href in page.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            target = urlsplit(urljoin("/" + url, href))
            path = unquote(target.path).lstrip("/")
            file = site / path
            if file.is_dir() or path.endswith("/") or path == "":
                key = path if path.endswith("/") or path == "" else path + "/"
                if key not in parsed:
                    broken.append(f"{url} -> {href}")
                    continue
                if target.fragment and unquote(target.fragment) not in parsed[key].ids:
                    broken.append(f"{url} -> {href} (no anchor)")
            elif not file.exists():
                broken.append(f"{url} -> {href}")
    return broken


def comparable_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by path, for comparing two builds: Pagefind's index included."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}
