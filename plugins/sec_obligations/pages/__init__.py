"""Renderers: the model in, one Markdown page out. :class:`Site` computes what pages share, once."""

from __future__ import annotations

import re
from html import escape
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from .. import paths
from ..engine import Matrix
from ..linking import CLAUSE, TERM, Linker
from ..markdown_ext import linked_html
from ..model import Clause, Corpus


BLOCK = re.compile(r'<div data-sec-block="(\d+)"></div>')


@dataclass(frozen=True)
class Page:
    uri: str  # source path, e.g. "sec/G/G3.20.md"
    markdown: str
    in_nav: bool = False  # index pages are in the navigation; clause pages are not (see README)


class Site:
    """Everything the renderers share, computed once per build."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.linker = Linker(corpus)
        self.autolink = True  # link defined terms and references found in data text (the plugin's setting)
        self.blocks: list[str] = []
        self.block_headings: dict[int, tuple[str, list[tuple[str, str]]]] = {}
        self.shared: dict[tuple, str] = {}  # finished HTML that several pages show, made once

    def block(self, html: str, headings: tuple[str, list[tuple[str, str]]] | None = None) -> str:
        """A placeholder for finished HTML that needs no Markdown processing (tables, redlines,
        whole sections such as a clause's history).

        Markdown would parse every tag of a large table twice over; the plugin puts the HTML in
        place after Markdown has run (see :data:`BLOCK`). ``headings`` names the headings inside the
        block for the page's table of contents: (id of the heading it sits under, [(id, title)])."""
        self.blocks.append(html)
        if headings:
            self.block_headings[len(self.blocks) - 1] = headings
        return f'<div data-sec-block="{len(self.blocks) - 1}"></div>'

    def linked_html(self, page: str, text: str, linked_terms: set[str]) -> str:
        """Text as HTML with references and defined terms linked (unless ``autolink`` is off)."""
        if not self.autolink:
            return escape(text, quote=False)
        return linked_html(self.linker, page, text, linked_terms)

    def headings_in(self, html: str) -> list[tuple[str, list[tuple[str, str]]]]:
        """The headings inside the blocks placed in a page (see :meth:`block`)."""
        found = (self.block_headings.get(int(m.group(1))) for m in BLOCK.finditer(html))
        return [h for h in found if h]

    def fill(self, html: str) -> str:
        """Put the finished HTML back in place of its placeholders."""
        return BLOCK.sub(lambda m: self.blocks[int(m.group(1))], html)

    @cached_property
    def matrix(self) -> Matrix:
        return Matrix(self.corpus)

    @cached_property
    def references(self) -> tuple[dict[str, set[str]], dict[str, list[str]], dict[str, list[str]]]:
        """(clause -> clauses it references, clause -> terms it uses, term -> clauses using it)."""
        cites: dict[str, set[str]] = defaultdict(set)
        uses: dict[str, dict[str, None]] = defaultdict(dict)
        used_by: dict[str, dict[str, None]] = defaultdict(dict)
        for clause in self.corpus.clauses.values():
            for wording in clause.texts:
                for match in self.linker.find(wording.plain()):
                    if match.kind == CLAUSE and match.target != clause.id:
                        cites[clause.id].add(match.target)
                    elif match.kind == TERM:
                        uses[clause.id][match.target] = None
                        used_by[match.target][clause.id] = None
        return cites, {k: list(v) for k, v in uses.items()}, {k: list(v) for k, v in used_by.items()}

    @cached_property
    def referenced_by(self) -> dict[str, list[str]]:
        back: dict[str, list[str]] = defaultdict(list)
        for source, targets in self.references[0].items():
            for target in targets:
                back[target].append(source)
        return back

    @cached_property
    def obligations_of(self) -> dict[str, list]:
        """Clause id -> the obligations that name or cite it."""
        found: dict[str, dict] = defaultdict(dict)
        for o in self.corpus.obligations.values():
            for clause_id in (*o.clauses, *(r.clause for r in o.rules if r.clause)):
                found[clause_id][o.id] = o
        return {k: list(v.values()) for k, v in found.items()}

    @cached_property
    def changes_by(self) -> dict[str, list]:
        """Modification id -> (clause, previous wording or None, new wording) for each wording it introduced."""
        found: dict[str, list] = defaultdict(list)
        for clause in self.corpus.clauses.values():
            for i, wording in enumerate(clause.texts):
                if wording.modification:
                    found[wording.modification].append((clause, clause.texts[i - 1] if i else None, wording))
        return found

    @cached_property
    def predecessors(self) -> dict[str, list[Clause]]:
        """Clause id -> the clauses renumbered as it (their pages say so and forward to it)."""
        found: dict[str, list[Clause]] = defaultdict(list)
        for clause in self.corpus.clauses.values():
            if clause.status is not None and clause.status.successor:
                found[clause.status.successor].append(clause)
        return found

    def clause_modifications(self, clause: Clause) -> list[str]:
        return list(dict.fromkeys(t.modification for t in clause.texts if t.modification))

    def pages(self) -> Iterator[Page]:
        from . import clause, glossary, modification, release, responsibility, section

        corpus = self.corpus
        self.blocks.clear()
        self.block_headings.clear()
        yield Page(paths.CODE, section.render_index(self), in_nav=True)
        for s in corpus.sections.values():
            yield Page(paths.section(s.id), section.render(self, s), in_nav=True)
            for c in s.clauses:
                yield Page(paths.clause(c), clause.render(self, c))
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
