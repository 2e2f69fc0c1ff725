"""Renderers: the model in, one page of finished HTML out. :class:`Site` computes what pages share, once.

Generated pages skip Markdown: they are nearly all tables, lists and wordings built from the data,
and Markdown would parse every tag of them again on each of thousands of pages. Each renderer
writes HTML directly (headings through :func:`.common.heading`, ids through :func:`.common.anchor_id`,
data text escaped or linked by :meth:`Site.linked_html`) and says what the page is with
:func:`.common.page_facts`. :meth:`Site.pages` records all of it as the renderer writes it, into one
:class:`Page` per address, which the plugin, open data, the URL manifest and the sitemap read.
Hand-written pages in docs/ stay Markdown.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property, partial
from html import escape

from .. import paths
from ..corpus_index import CorpusIndex
from ..engine import Matrix
from ..linking import Linker
from ..markdown_ext import linked_html
from ..model import Corpus, Version
from ..pagemeta import page_meta
from .common import writing


@dataclass(frozen=True)
class Page:
    """A generated page, as its renderer wrote it."""

    uri: str  # source path, e.g. "sec/G/G3.20.md"
    html: str  # the page's finished content
    title: str  # text (not HTML)
    kind: str  # clause, section, glossary, modification, release, responsibility, findings (a search filter)
    section: str | None = None  # the section a clause or section page belongs to (a search filter)
    toc: tuple[tuple[int, str, str], ...] = ()  # (level, id, title as HTML) of each heading, in order
    ids: frozenset[str] = frozenset()  # every id on the page: links to its anchors are checked against them
    anchors: tuple[str, ...] = ()  # the permanent anchors a clause page publishes (see manifest.py)
    in_nav: bool = False  # index pages are in the navigation; clause pages are not (see README)
    lastmod: str | None = None  # the sitemap's date (see pagemeta.py)
    description: str | None = None
    subject: object = None  # what the page is about (a clause, section, modification, version), for its data.json

    @property
    def shown(self) -> tuple:
        """All the page shows (its subject aside): pages equal in this are written the same."""
        return (self.html, self.title, self.kind, self.section, self.toc, self.ids, self.anchors, self.in_nav, self.lastmod,
                self.description)


def in_page_order(content: str, toc: list[tuple[int, str, str]]) -> tuple[tuple[int, str, str], ...]:
    """The headings recorded, in the order the page shows them: a renderer may write a part (a
    clause's history) before the part it follows. Each is found by the start of the tag it wrote,
    searching on from the one before (they are nearly always in order already)."""
    placed, start = [], 0
    for entry in toc:
        level, ident, _ = entry
        tag = f'<h{level} id="{escape(ident, quote=True)}"'
        at = content.find(tag, start)
        if at < 0:
            at = content.find(tag)
        placed.append((at, entry))
        start = max(at, 0)
    return tuple(entry for _, entry in sorted(placed, key=lambda item: item[0]))


class Site:
    """Everything the renderers share, computed once per build."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.linker = Linker(corpus)
        self.index = CorpusIndex(corpus, self.linker)  # what pages ask about each other
        self.autolink = True  # link defined terms and references found in data text (the plugin's setting)
        self.shared: dict[tuple, str] = {}  # finished HTML that several pages show, made once

    def linked_html(self, page: str, text: str, linked_terms: set[str], as_at: Version | None = None) -> str:
        """Text as HTML with references and defined terms linked (unless ``autolink`` is off)."""
        if not self.autolink:
            return escape(text, quote=False)
        return linked_html(self.linker, page, text, linked_terms, as_at)

    @cached_property
    def matrix(self) -> Matrix:
        return Matrix(self.corpus)

    def keep_from(self, before: Site) -> None:
        """After an edit that leaves the decision table's answers as they were (reach.py), take them
        from the site before, and what its index found in the clauses the edit did not change:
        working them out again would be most of the rebuild."""
        self.__dict__["matrix"] = before.matrix
        self.index.adopt(before.index)

    def redirects(self) -> Iterator[tuple[str, str]]:
        """(path, HTML) of each section's address as at each version: a small page leading to the
        whole section as at any version, at that version's anchor."""
        from .section import as_at_redirect

        for s in self.corpus.sections.values():
            for v in self.corpus.versions:
                yield paths.section_version(s.id, v), as_at_redirect(s, v)

    def pages(self, again: Container[str] | None = None, kept: Mapping[str, Page] | None = None) -> Iterator[Page]:
        """Every generated page, in the order of the site. With ``again``, only those are rendered;
        every other page is as in ``kept`` (the pages of the build before an edit that reaches
        ``again`` only: see reach.py)."""
        meta = page_meta(self.index)
        for uri, render, subject, in_nav in self._renderers():
            if again is not None and kept is not None and uri not in again and uri in kept:
                yield kept[uri]
                continue
            with writing() as written:
                content = render()
            lastmod, description = meta.get(uri, (None, None))
            yield Page(uri, content, written.title, written.kind, written.section, in_page_order(content, written.toc),
                       frozenset(written.ids), tuple(written.anchors) if written.kind == "clause" else (), in_nav,
                       lastmod, description, subject)

    def _renderers(self) -> Iterator[tuple[str, Callable[[], str], object, bool]]:
        """(address, renderer, subject, in the navigation) of every generated page."""
        from . import clause, glossary, modification, release, responsibility, section

        corpus = self.corpus
        yield paths.CODE, lambda: section.render_index(self), None, True
        for s in corpus.sections.values():
            yield paths.section(s.id), partial(section.render, self, s), s, False
            for c in s.clauses:
                yield paths.clause(c), partial(clause.render, self, c), c, False
            yield paths.section_as_at(s.id), partial(section.render_as_at, self, s), None, False
        yield paths.GLOSSARY, lambda: glossary.render(self), None, True
        yield paths.MODIFICATIONS, lambda: modification.render_index(self), None, True
        for m in corpus.modifications.values():
            yield paths.modification(m), partial(modification.render, self, m), m, False
        yield paths.VERSIONS, lambda: release.render_index(self), None, True
        for v in corpus.versions:
            yield paths.version(v), partial(release.render, self, v), v, False
        yield paths.RESPONSIBILITY, lambda: responsibility.render_index(self), None, True
        for o in corpus.obligations.values():
            yield paths.obligation(o), partial(responsibility.render, self, o), o, False
        yield paths.FINDINGS, lambda: responsibility.render_findings(self), None, True
