"""Helpers shared by the page renderers: safe text, headings, links, provenance, versions, answers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from markdown.extensions.toc import slugify

from .. import paths
from ..engine import GAP, NOT_APPLICABLE, OVERLAP, Verdict
from ..model import Provenance, Version

if TYPE_CHECKING:
    from . import Site

# Characters that could start Markdown or HTML syntax, written as numeric character references so
# that text from the data is always shown as written and never interpreted (a "<script>" stays text).
_MARKDOWN_SAFE = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]{}<>&~^=|#"})


def text(value: str | None) -> str:
    """Data text for a hand-written Markdown page: one line, every syntax character neutralised."""
    return " ".join((value or "").split()).translate(_MARKDOWN_SAFE)


def html(value: str | None) -> str:
    """Data text for raw HTML."""
    return escape(" ".join((value or "").split()), quote=True)


STATUS_WORDS = {
    "verbatim": "Verbatim",
    "stated": "Stated in the source",
    "reconstructed": "Reconstructed",
    "description": "Description, not the legal definition",
}


class Writer:
    """One generated page being written: links relative to it, and data text as HTML with its
    references and defined terms linked (a term at its first occurrence on the page only)."""

    def __init__(self, site: Site, here: str):
        self.site, self.here = site, here
        self.terms_linked: set[str] = set()

    def prose(self, words: str | None, as_at: Version | None = None) -> str:
        """Data text as HTML, linked; defined terms point at their definition in force in ``as_at``
        (default: the current one)."""
        return self.site.linked_html(self.here, " ".join((words or "").split()), self.terms_linked, as_at)

    def href(self, to: str, anchor: str | None = None) -> str:
        return paths.href(self.here, to, anchor)

    def a(self, to: str, words: str, anchor: str | None = None) -> str:
        """A link to a page of the site; ``words`` are HTML."""
        return f'<a href="{self.href(to, anchor)}">{words}</a>'


@dataclass
class Written:
    """What a renderer said of the page it wrote, recorded as it wrote it (see :func:`writing`)."""

    title: str = ""
    kind: str = ""
    section: str | None = None
    toc: list[tuple[int, str, str]] = field(default_factory=list)  # (level, id, title as HTML)
    ids: set[str] = field(default_factory=set)  # every id on the page
    anchors: list[str] = field(default_factory=list)  # the permanent ones: provisions and versions


_WRITING: ContextVar[Written | None] = ContextVar("sec_obligations_writing", default=None)


@contextmanager
def writing() -> Iterator[Written]:
    """Record what the renderer called inside says of its page: its title and kind, and the
    headings and ids it writes. Nothing reads them back from the HTML."""
    written = Written()
    token = _WRITING.set(written)
    try:
        yield written
    finally:
        _WRITING.reset(token)


def page_facts(title: str, kind: str, section: str | None = None) -> str:
    """Say what the page is: its title (text), kind and section, the page's search filters
    (``kind:clause``, ``section:G``). Returns nothing to write."""
    if written := _WRITING.get():
        written.title, written.kind, written.section = title, kind, section
    return ""


def anchor_id(ident: str, permanent: bool = False) -> str:
    """An ``id`` attribute, recorded; ``permanent``: an anchor the URL manifest lists (a provision or
    a version on a clause page), which published links may point at."""
    if written := _WRITING.get():
        written.ids.add(ident)
        if permanent:
            written.anchors.append(ident)
    return f'id="{escape(ident, quote=True)}"'


def heading(level: int, anchor: str, title: str, weight: float | None = None, in_toc: bool = True) -> str:
    """A heading (title already HTML) with the permalink Markdown's toc adds, in the page's table of
    contents unless not ``in_toc``. A heading at a version's anchor (``v-5.14``) is permanent."""
    if in_toc and (written := _WRITING.get()):
        written.toc.append((level, anchor, title))
    weighted = f' data-pagefind-weight="{weight}"' if weight is not None else ""
    return (f'<h{level} {anchor_id(anchor, anchor.startswith("v-"))}{weighted}>{title}'
            f'<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a></h{level}>')


# Search weight of the heading of a page named by an identifier (a clause, a release, a modification):
# the page a reader means by "G3.20", "5.20" or "MP087" must outrank pages that merely mention it.
NAMED = 10


def title_heading(title: str, weight: float | None = None) -> str:
    """The page's h1, at the id Markdown's toc gave it when these pages were Markdown (``#a11``)."""
    return heading(1, slugify(title, "-"), html(title), weight)


def bullets(items) -> str:
    """Items (HTML) as a list."""
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def breadcrumb(w: Writer, *links: str) -> str:
    """Where a page sits in the code (links, HTML), after the code's index: the nav lists no section."""
    return (f'<nav class="sec-context" aria-label="Breadcrumb">{w.a(paths.CODE, "The code")} › '
            + " › ".join(links) + "</nav>")


def facts(pairs) -> str:
    """``(label, value)`` pairs (HTML) as a list of facts."""
    return bullets(f"<strong>{label}:</strong> {value}" for label, value in pairs)


def admonition(kind: str, title: str, body: str, attributes: str = "") -> str:
    """A call-out box as the theme draws Markdown's admonitions (``body`` is HTML, ``title`` text)."""
    return (f'<div class="admonition {kind}"{attributes}><p class="admonition-title">{html(title)}</p>'
            f"{body}</div>")


def source_note(p: Provenance, what: str = "") -> str:
    """The one-line provenance paragraph, finished HTML: reconstructed facts are flagged plainly.
    Search weighs it low: every page names its sources, none is about them."""
    label = html(STATUS_WORDS[p.status])
    lead = f"<strong>{label}</strong>" if p.status in ("reconstructed", "description") else label
    note = f" {html(p.note)}" if p.note else ""
    return (f'<p class="sec-source" data-pagefind-weight="0.3"><span class="sec-prov sec-prov--{p.status}">{lead}'
            f'{" " + html(what) if what else ""}</span>. Source: {html(p.source.title)}.{note}</p>')


ICONS = {"party": "✔", OVERLAP: "⚠", GAP: "✖", NOT_APPLICABLE: "–"}


def answer_html(verdict: Verdict) -> str:
    """The answer in words, never colour alone; site.css draws its icon (``ICONS``) before them."""
    return f'<span class="sec-answer sec-answer--{verdict.status}">{html(verdict.answer)}</span>'
