"""A Markdown extension that links clause references and defined terms in the hand-written pages
(:func:`linked_html` links them by the same rules in the generated pages, which skip Markdown).

It works on the element tree after inline parsing, so it never touches headings, code, existing
links or raw HTML, and it also resolves the short syntax of hand-written pages:
``[[G3.20(b)]]``, ``[[MP087]]``, ``[[CHF]]``, ``[[v6.17]]`` and ``[[G3.20|link text]]``.
Links point at source files (``../glossary/index.md#chf``); MkDocs then checks and rewrites them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree  # noqa: N813 -- Python-Markdown's own name for it
from collections.abc import Callable, Iterator
from html import escape

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from . import paths
from .linking import CLAUSE, MODIFICATION, TERM, VERSION, Linker, Match
from .model import Corpus, Definition, Term, Version

NO_LINK_CLASSES = {"sec-nolink", "sec-source", "sec-context", "sec-meta"}
SKIP = {"a", "code", "pre", "kbd", "samp", "script", "style", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "title"}
SHORT_REF = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]]+?))?\]\]")
TITLE_LIMIT = 240
# One tag of raw HTML written inline, as Markdown keeps it aside (a placeholder stands in the text).
RAW_TAG = re.compile(r"\s*<(/?)([A-Za-z][A-Za-z0-9-]*)\b([^>]*?)(/?)>\s*")
RAW_CLASS = re.compile(r"""\bclass\s*=\s*["']([^"']*)""")
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"}


class Context:
    """What the linker needs to know about the page being rendered; the plugin sets it."""

    def __init__(self, linker: Linker, warn: Callable[[str], None]):
        self.linker = linker
        self.warn = warn
        self.page = ""  # source path of the page being rendered
        self.source: str = ""  # its Markdown, to name the line of an unresolved reference
        self.autolink = True  # link defined terms and clause ids found in running text

    def line_of(self, words: str) -> int | None:
        """The first line of the page's Markdown holding ``words``."""
        return next((i for i, line in enumerate(self.source.splitlines(), 1) if words in line), None)


def target(linker: Linker, match: Match) -> tuple[str, str | None]:
    """The page and anchor a match points to."""
    corpus = linker.corpus
    if match.kind == CLAUSE:
        return paths.clause(corpus.clauses[match.target]), paths.provision_anchor(match.provision) if match.provision else None
    if match.kind == TERM:
        return paths.GLOSSARY, match.target
    if match.kind == MODIFICATION:
        return paths.modification(match.target), None
    assert match.kind == VERSION
    return paths.version(corpus.version[match.target]), None


class LinkTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, context: Context):
        super().__init__(md)
        self.context = context

    def run(self, root: etree.Element) -> None:
        if self.context.page is None:
            return
        self.linked_terms: set[str] = set()
        self.raw_open: list[str] = []  # raw inline tags open at this point, inside one that no link may enter
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in SKIP:
            return
        classes = element.get("class")
        if classes and NO_LINK_CLASSES.intersection(classes.split()):
            return
        children = list(element)  # the links inserted below are not walked again
        if element.text:
            element.text, new = self._split(element.text)
            for i, node in enumerate(new):
                element.insert(i, node)
        for child in children:
            self._walk(child)
            if child.tail:
                child.tail, new = self._split(child.tail)
                position = list(element).index(child) + 1
                for i, node in enumerate(new):
                    element.insert(position + i, node)

    def _split(self, text: str) -> tuple[str, list[etree.Element]]:
        """Cut ``text`` into leading text and link elements (each carrying the text after it)."""
        head, last = "", 0
        nodes: list[etree.Element] = []
        for start, end, node in self._links(text):
            piece = text[last:start]
            if nodes:
                nodes[-1].tail = piece
            else:
                head = piece
            nodes.append(node)
            last = end
        if not nodes:
            return text, []
        nodes[-1].tail = text[last:]
        return head, nodes

    def _links(self, text: str):
        """The links in ``text``, none inside raw inline HTML that links may not enter (``<a href>``)."""
        position = 0
        for raw in HTML_PLACEHOLDER_RE.finditer(text):
            if not self.raw_open:
                yield from self._links_between(text, position, raw.start())
            self._follow_raw(self.md.htmlStash.rawHtmlBlocks[int(raw.group(1))])
            position = raw.end()
        if not self.raw_open:
            yield from self._links_between(text, position, len(text))

    def _links_between(self, text: str, start: int, end: int):
        position = start
        for short in SHORT_REF.finditer(text, start, end):
            yield from self._auto(text, position, short.start())
            node = self._short(short.group(1), short.group(2))
            if node is not None:
                yield short.start(), short.end(), node
            position = short.end()
        yield from self._auto(text, position, end)

    def _follow_raw(self, raw) -> None:
        """Keep count of the raw inline tags open: from one of SKIP or NO_LINK_CLASSES to its end tag."""
        tag = RAW_TAG.fullmatch(raw) if isinstance(raw, str) else None
        if tag is None:
            return
        closing, name, attributes, empty = tag.groups()
        name = name.lower()
        if closing:
            if self.raw_open and self.raw_open[-1] == name:
                self.raw_open.pop()
        elif not empty and name not in VOID:
            classes = RAW_CLASS.search(attributes)
            if self.raw_open or name in SKIP or (classes and NO_LINK_CLASSES.intersection(classes.group(1).split())):
                self.raw_open.append(name)

    def _short(self, ref: str, label: str | None) -> etree.Element | None:
        match = self.context.linker.resolve(ref)
        if match is None:
            line = self.context.line_of(f"[[{ref}")
            self.context.warn(f"{self.context.page}{f':{line}' if line else ''}: unresolved reference '[[{ref}]]': no "
                              "clause, provision, modification, version or glossary term has that name")
            return None
        return self._anchor(match, label or ref.strip())

    def _auto(self, text: str, start: int, end: int):
        if not self.context.autolink:
            return
        for m_start, m_end, match in auto_links(self.context.linker, self.context.page, text[start:end], self.linked_terms):
            yield start + m_start, start + m_end, self._anchor(match, text[start + m_start:start + m_end])

    def _anchor(self, match: Match, label: str) -> etree.Element:
        node = etree.Element("a", link_attributes(self.context.linker, self.context.page, match, paths.link))
        node.text = label
        return node


def auto_links(linker: Linker, page: str, text: str, linked_terms: set[str]) -> Iterator[tuple[int, int, Match]]:
    """The references and defined terms to link in ``text`` on ``page``: every clause reference,
    the first occurrence of each term (``linked_terms`` is updated), never a clause naming itself."""
    for match in linker.find(text):
        if match.kind == TERM:
            if match.target in linked_terms:
                continue
            linked_terms.add(match.target)
        destination, anchor = target(linker, match)
        if destination == page and not anchor:
            continue
        yield match.start, match.end, match


def link_attributes(linker: Linker, page: str, match: Match, address: Callable[[str, str, str | None], str],
                    as_at: Version | None = None) -> dict[str, str]:
    """``address`` is :func:`paths.link` in Markdown (MkDocs rewrites it) and :func:`paths.href` in HTML.
    A defined term points at its definition in force in ``as_at`` where that is not the current one."""
    destination, anchor = target(linker, match)
    if match.kind == TERM:
        term = linker.corpus.terms[match.target]
        definition = (term.definition_at(as_at) if as_at else None) or term.current
        anchor = definition_anchor(term, definition)
    return {"href": address(page, destination, anchor), "class": f"sec-ref sec-ref--{match.kind}"}


def definition_anchor(term: Term, definition: Definition) -> str:
    """Where a link to a term's definition points on the glossary page: its current one at the term's id."""
    return term.id if definition is term.current else paths.definition_anchor(definition)


TOOLTIPS = "assets/sec-obligations/tooltips.json"  # read by site.js; not a published address


def tooltips(corpus: Corpus) -> dict[str, str]:
    """Each definition, cut at a word, by the glossary anchor its links point at: a link's tooltip,
    which site.js sets as the pointer or focus reaches it. One file for the site, where a ``title``
    on every link repeated each definition thousands of times (21 MB at 4,000 clauses)."""
    found = {}
    for term in corpus.terms.values():
        for d in term.definitions:
            words = " ".join(d.text.split())
            found[definition_anchor(term, d)] = words if len(words) <= TITLE_LIMIT else words[:TITLE_LIMIT].rsplit(" ", 1)[0] + " …"
    return found


def linked_html(linker: Linker, page: str, text: str, linked_terms: set[str], as_at: Version | None = None) -> str:
    """Plain text as HTML with its references and defined terms linked, as the treeprocessor links
    them in Markdown: for the generated pages, which skip Markdown (see pages/__init__.py)."""
    out, last = [], 0
    for start, end, match in auto_links(linker, page, text, linked_terms):
        attributes = "".join(f' {k}="{escape(v, quote=True)}"'
                             for k, v in sorted(link_attributes(linker, page, match, paths.href, as_at).items()))
        out += [escape(text[last:start], quote=False), f"<a{attributes}>{escape(text[start:end], quote=False)}</a>"]
        last = end
    out.append(escape(text[last:], quote=False))
    return "".join(out)


class LinkExtension(Extension):
    def __init__(self, context: Context):
        super().__init__()
        self.context = context

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 -- Python-Markdown's hook
        # After inline parsing (20) and the table of contents (5), before MkDocs rewrites links (0).
        md.treeprocessors.register(LinkTreeprocessor(md, self.context), "sec_obligations_links", 4)
