"""The URL manifest: every URL the site has published, so that none silently disappears.

``urls.txt`` (at the project's root) lists one URL path a line, ``/sec/G/G3.20/#b``: pages, open
data files, feeds, and the sub-paragraph and version anchors of clause pages. The list only grows:
after a release, ``sec-obligations urls --update`` appends what the new build publishes; a line is
removed only by a person, on purpose. A URL the list holds that the build no longer produces is a
warning naming it, so the strict build (the one that publishes) and the test suite fail.

URLs are read from a built site, not predicted: what is checked is what was published.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

MANIFEST = "urls.txt"
HEADER = """\
# Every URL the SEC Obligation Explorer has published: pages, open data files, feeds, and the
# sub-paragraph (#b, #v-5.14-b) and version (#v-6.17) anchors of clause pages. Links from
# modification reports, letters and guidance rely on them, so the strict build fails when one listed
# here is no longer produced: renumber or delete a clause with a 'status' in its section file (its page
# stays), never by removing it. After a release, `sec-obligations urls --update` appends the new
# URLs. Remove a line only on purpose, and say why in the commit.
"""
# Not permanent: the theme's assets (their names carry a hash), the search indexes (the theme's and
# Pagefind's, whose file names change with every build), the 404 page and
# the compressed copy of the sitemap.
SKIP_PREFIXES = ("assets/", "search/", "pagefind/")
SKIP_FILES = {"404.html", "sitemap.xml.gz"}
TAG = re.compile(r"<[a-z][a-z0-9]*\s([^>]*)>")
ID = re.compile(r'\bid="([^"]+)"')
CLASS = re.compile(r'\bclass="([^"]*)"')
CLAUSE_PAGE_MARK = 'data-sec-cite="'  # a clause page's wordings (not a whole section's page)


def url_of(rel: str) -> str | None:
    """The URL path of a file of the built site (``sec/G/G3.20/index.html`` -> ``/sec/G/G3.20/``), or
    None for a file that is not a permanent address."""
    if rel.startswith(SKIP_PREFIXES) or rel in SKIP_FILES:
        return None
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def anchors(html: str) -> list[str]:
    """The permanent anchors of a clause page: provisions (``b``, ``b-ii``, ``v-5.14-b``) and versions (``v-6.17``)."""
    if CLAUSE_PAGE_MARK not in html:
        return []
    found = []
    for attrs in TAG.findall(html):
        match = ID.search(attrs)
        if not match:
            continue
        ident = match.group(1)
        classes = CLASS.search(attrs)
        if ident.startswith("v-") or (classes and "sec-para" in classes.group(1).split()):
            found.append(ident)
    return found


def produced(site_dir: str | Path, known: dict[str, list[str]] | None = None) -> set[str]:
    """Every permanent URL that the site built in ``site_dir`` publishes.

    ``known``: page URL -> its anchors, for pages already read (the plugin collects them while it
    builds, so that the check after the build need not read every page again)."""
    root = Path(site_dir)
    known = known or {}
    urls: set[str] = set()
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        base = Path(folder).relative_to(root).as_posix()
        for name in files:
            rel = name if base == "." else f"{base}/{name}"
            url = url_of(rel)
            if url is None:
                continue
            urls.add(url)
            if name == "index.html":
                found = known.get(url)
                if found is None:
                    found = anchors((Path(folder) / name).read_text(encoding="utf-8"))
                urls.update(f"{url}#{a}" for a in found)
    return urls


def read(path: str | Path) -> list[str]:
    """The URLs a manifest lists, in its order (comments and blank lines skipped)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def missing(listed: Iterable[str], found: set[str]) -> list[str]:
    """The listed URLs that the site no longer produces, in the manifest's order."""
    return [url for url in listed if url not in found]


def new(listed: Iterable[str], found: set[str]) -> list[str]:
    """The URLs the site produces that the manifest does not list yet, sorted."""
    known = set(listed)
    return sorted(url for url in found if url not in known)


def append(path: str | Path, urls: list[str]) -> None:
    """Add ``urls`` at the end of the manifest (created with its header if it does not exist)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if text and not text.endswith("\n"):
        text += "\n"
    path.write_text(text + "".join(url + "\n" for url in urls), encoding="utf-8")
