"""Atom feeds of the code's releases and of modifications, built from the data's dates only.

Entry ids are the permanent URLs of the pages; every date comes from the data (never the build
clock), so the same data gives the same bytes. A release whose date is known only as a range, or
not at all, is dated by the latest date it can have (from its neighbours), and its summary says so;
one with no such bound, and a modification with no date, are left out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from . import paths
from .corpus_index import CorpusIndex
from .model import Corpus, Version

ATOM = "http://www.w3.org/2005/Atom"
# At the site's root. The pages link them with rel="alternate feed" (theme/main.html): mkdocs-material
# reads the sitemap beside every link[rel=alternate] it finds, as if it were a language version.
RELEASES = "feed-releases.xml"
MODIFICATIONS = "feed-modifications.xml"
FEEDS = {RELEASES: "Releases of the code", MODIFICATIONS: "Modifications"}


def _stamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        node.text = text
    return node


def _feed(base: str, uri: str, title: str, site_name: str, alternate: str, entries: list[dict]) -> str:
    """``entries``: dicts of id, title, updated (YYYY-MM-DD), summary, and url; newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", base + uri)
    _add(feed, "title", f"{site_name}: {title}")
    _add(feed, "updated", _stamp(max((e["updated"] for e in entries), default="1970-01-01")))
    _add(_add(feed, "author"), "name", site_name)
    _add(feed, "link", rel="self", type="application/atom+xml", href=base + uri)
    _add(feed, "link", rel="alternate", type="text/html", href=base + paths.url(alternate))
    for e in entries:
        entry = _add(feed, "entry")
        _add(entry, "id", e["url"])
        _add(entry, "title", e["title"])
        _add(entry, "updated", _stamp(e["updated"]))
        _add(entry, "link", rel="alternate", type="text/html", href=e["url"])
        _add(entry, "link", rel="describedby", type="application/json", href=e["url"] + "data.json")
        _add(entry, "summary", e["summary"])
    ET.indent(feed, "  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def releases(index: CorpusIndex, base: str, site_name: str) -> str:
    """Every version, newest first."""
    entries = []
    for v in reversed(index.corpus.versions):
        day = index.latest_date(v)
        if day is None:
            continue
        when = f"Date: {v.date.describe()}." if v.date.exact else (
            f"Date: {v.date.describe()}; this entry is dated {day}, the latest date it can have.")
        mods = [m.id for m in index.implemented_in.get(v.index, [])]
        changed = [clause.id for clause, _ in index.introduced_in.get(v.index, [])]
        summary = [when, "Modifications implemented: " + (", ".join(mods) or "none") + ".",
                   "Clauses changed: " + (", ".join(changed) or "none") + "."]
        if v.number is None and v.number_note:
            summary.append(v.number_note)
        entries.append({"url": base + paths.url(paths.version(v)), "title": v.title, "updated": day,
                        "summary": " ".join(" ".join(s.split()) for s in summary)})
    return _feed(base, RELEASES, FEEDS[RELEASES], site_name, paths.VERSIONS, entries)


def modifications(corpus: Corpus, base: str, site_name: str) -> str:
    """Every dated modification, newest first (by date, then id)."""
    dated = sorted((m for m in corpus.modifications.values() if m.date), key=lambda m: (m.date, m.id), reverse=True)
    entries = []
    for m in dated:
        version: Version | None = m.implemented_in
        status = f"Status: {m.status}" + (f", implemented in {version.label}" if version else "") + "."
        entries.append({"url": base + paths.url(paths.modification(m)), "title": f"{m.id}: {m.title}", "updated": m.date,
                        "summary": f"{status} {' '.join(m.summary.split())}"})
    return _feed(base, MODIFICATIONS, FEEDS[MODIFICATIONS], site_name, paths.MODIFICATIONS, entries)
