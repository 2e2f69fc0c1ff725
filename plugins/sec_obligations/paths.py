"""The permanent address of every generated page, and links between pages.

Addresses are source paths as MkDocs sees them (``sec/G/G3.20.md`` is published at
``/sec/G/G3.20/``). They are built from ids only, so they never change once published.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from .model import Clause, ClauseText, Definition, Modification, Obligation, ProvisionPath, Version

if TYPE_CHECKING:
    from .engine import Row

HOME = "index.md"
CODE = "sec/index.md"
GLOSSARY = "glossary/index.md"
MODIFICATIONS = "modifications/index.md"
VERSIONS = "versions/index.md"
RESPONSIBILITY = "responsibility/index.md"
FINDINGS = "findings/index.md"


def section(section_id: str) -> str:
    return f"sec/{section_id}/index.md"


def section_as_at(section_id: str) -> str:
    """A whole section as in force in any version: ``sec/G/v/index.md`` (``/sec/G/v/``); the version
    shown is chosen by the anchor, ``#v-6.17`` (see pages/section.py)."""
    return f"sec/{section_id}/v/index.md"


def section_version(section_id: str, v: Version) -> str:
    """The permanent address of a section as at one version, ``/sec/G/v/6.17/``: a small page that
    leads to :func:`section_as_at` at ``#v-6.17``."""
    return f"sec/{section_id}/v/{v.id}/index.html"


def clause(c: Clause) -> str:
    return f"sec/{c.section_id}/{c.id}.md"


def modification(m: Modification | str) -> str:
    return f"modifications/{m if isinstance(m, str) else m.id}.md"


def version(v: Version) -> str:
    return f"versions/{v.id}.md"


def version_anchor(v: Version) -> str:
    """``v-6.17``: on a clause page the wording in force in the version, on a section's as-at page
    the section as at it."""
    return "v-" + v.id


def provision_anchor(path: ProvisionPath) -> str:
    """``("b", "ii")`` -> ``b-ii``: the provision's anchor on its clause page."""
    return "-".join(path)


def text_anchor(text: ClauseText, provision: ProvisionPath = ()) -> str:
    """Anchor of a wording on its clause page (``v-5.14``: its first version), or of one of its
    provisions (``v-5.14-b``, ``v-5.14-b-ii``)."""
    return version_anchor(text.first) + (f"-{provision_anchor(provision)}" if provision else "")


def row_anchor(row: Row) -> str:
    """A matrix row's anchor on its obligation's page, after ``row-`` or ``reasons-``."""
    return row.id.replace("/", "-")


def definition_anchor(d: Definition) -> str:
    """A definition's anchor on the glossary: ``<term id>--v-<first version id>`` (the current one
    is also at ``#<term id>``)."""
    return f"{d.term_id}--{version_anchor(d.first)}"


def url(uri: str) -> str:
    """The published address of a page, relative to the site root: ``sec/G/G3.20/``."""
    if uri == "index.md":
        return ""
    return uri[: -len("index.md")] if uri.endswith("/index.md") else uri[: -len(".md")] + "/"


def link(from_uri: str, to_uri: str, anchor: str | None = None) -> str:
    """A Markdown link target from one page's source to another's, which MkDocs checks and rewrites."""
    target = posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
    if target == posixpath.basename(from_uri) and to_uri == from_uri:
        target = "" if anchor else target
    return target + (f"#{anchor}" if anchor else "")


def obligation(o: Obligation) -> str:
    return f"responsibility/{o.id}.md"


def href(from_uri: str, to_uri: str, anchor: str | None = None) -> str:
    """A relative URL between two published pages, for raw HTML (which MkDocs does not rewrite);
    just ``#anchor`` within a page."""
    if anchor and to_uri == from_uri:
        return f"#{anchor}"
    # Both addresses are folders ("sec/G/G3.20/"): up to their common part, then down (called
    # hundreds of thousands of times in a build, so without posixpath.relpath's generality).
    here, there = url(from_uri).split("/")[:-1], url(to_uri).split("/")[:-1]
    common = 0
    while common < len(here) and common < len(there) and here[common] == there[common]:
        common += 1
    rel = "../" * (len(here) - common) + "".join(part + "/" for part in there[common:])
    return (rel or "./") + (f"#{anchor}" if anchor else "")
