"""Renderers: the model in, one page of finished HTML out. :class:`Site` computes what pages share, once.

Generated pages skip Markdown: they are nearly all tables, lists and wordings built from the data,
and Markdown would parse every tag of them again on each of thousands of pages. Each renderer
writes HTML directly (headings through :func:`.common.heading`, data text escaped or linked by
:meth:`Site.linked_html`); the plugin reads the table of contents back with :func:`headings`.
Hand-written pages in docs/ stay Markdown.
"""

from __future__ import annotations

import re
from html import escape
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from .. import paths
from ..corpus_index import CorpusIndex
from ..engine import Matrix
from ..linking import Linker
from ..markdown_ext import linked_html
from ..model import Corpus, Version


# A heading as :func:`.common.heading` writes it: level, id, title (HTML).
# The title may not run past the heading's end: a heading written without a permalink (the as-at
# page's) is not part of the table of contents, and must not send the search to the next one.
HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>((?:[^<]|<(?!a class="headerlink"|/h[1-6]>))*)<a class="headerlink"')


@dataclass(frozen=True)
class Page:
    uri: str  # source path, e.g. "sec/G/G3.20.md"
    source: str  # YAML front matter, then the page's finished HTML
    in_nav: bool = False  # index pages are in the navigation; clause pages are not (see README)


def headings(html: str) -> list[tuple[int, str, str]]:
    """The headings of a generated page, in order: (level, id, title as HTML)."""
    return [(int(level), anchor, title) for level, anchor, title in HEADING.findall(html)]


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

    def redirects(self) -> Iterator[tuple[str, str]]:
        """(path, HTML) of each section's address as at each version: a small page leading to the
        whole section as at any version, at that version's anchor."""
        from .section import as_at_redirect

        for s in self.corpus.sections.values():
            for v in self.corpus.versions:
                yield paths.section_version(s.id, v), as_at_redirect(s, v)

    def pages(self) -> Iterator[Page]:
        from . import clause, glossary, modification, release, responsibility, section

        corpus = self.corpus
        yield Page(paths.CODE, section.render_index(self), in_nav=True)
        for s in corpus.sections.values():
            yield Page(paths.section(s.id), section.render(self, s), in_nav=True)
            for c in s.clauses:
                yield Page(paths.clause(c), clause.render(self, c))
            yield Page(paths.section_as_at(s.id), section.render_as_at(self, s))
        yield Page(paths.GLOSSARY, glossary.render(self), in_nav=True)
        yield Page(paths.MODIFICATIONS, modification.render_index(self), in_nav=True)
        for m in corpus.modifications.values():
            yield Page(paths.modification(m), modification.render(self, m))
        yield Page(paths.VERSIONS, release.render_index(self), in_nav=True)
        for v in corpus.versions:
            yield Page(paths.version(v), release.render(self, v))
        yield Page(paths.RESPONSIBILITY, responsibility.render_index(self), in_nav=True)
        for o in corpus.obligations.values():
            yield Page(paths.obligation(o), responsibility.render(self, o))
        yield Page(paths.FINDINGS, responsibility.render_findings(self), in_nav=True)
