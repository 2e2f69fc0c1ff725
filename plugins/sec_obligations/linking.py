"""Find clause references and defined terms in running text, with one matcher built once.

All spellings (term names, aliases, acronyms and clause ids) go into a single regular expression
shaped as a trie, so a page is scanned once whatever the size of the glossary, and the longest
spelling wins: "Gas Proxy Function" is one term, never "Gas" and "Proxy Function".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Corpus

TERM, CLAUSE, MODIFICATION, VERSION = "term", "clause", "modification", "version"


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    kind: str  # TERM or CLAUSE
    target: str  # term id or clause id
    paragraph: str | None = None  # for clauses: the sub-paragraph cited, e.g. "a"


def trie_pattern(words: list[str]) -> str:
    """A regular expression matching any of ``words``, longest first, without backtracking blow-up."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:  # a word ends here, but a longer one may go on: prefer the longer (greedy)
            body = f"(?:{body})?"
        return body

    return build(trie)


class Linker:
    """Finds references to the corpus in text."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.spellings: dict[str, tuple[str, str]] = {}
        for term in corpus.terms.values():
            for form in term.forms:
                self.spellings[form] = (TERM, term.id)
        for clause_id in corpus.clauses:
            self.spellings[clause_id] = (CLAUSE, clause_id)
        words = sorted(self.spellings)
        body = trie_pattern(words) if words else "(?!)"
        # Not inside a longer word; a clause id may be followed by a sub-paragraph: G3.18(a), G3.18 (a).
        self.pattern = re.compile(rf"(?<![\w+])({body})(?![\w+])(?:\s?\(([a-z0-9]{{1,8}})\))?")
        self.ids = self._short_ids()

    def find(self, text: str) -> Iterator[Match]:
        for m in self.pattern.finditer(text):
            word = m.group(1)
            kind, target = self.spellings[word]
            paragraph = m.group(2)
            if kind == CLAUSE and paragraph and self._has_paragraph(target, paragraph):
                yield Match(m.start(), m.end(), kind, target, paragraph)
            else:
                yield Match(m.start(), m.start() + len(word), kind, target)

    def _has_paragraph(self, clause_id: str, paragraph: str) -> bool:
        return any(t.paragraph(paragraph) for t in self.corpus.clauses[clause_id].texts)

    # -- the short syntax of hand-written pages: [[G3.20(b)]], [[MP087]], [[CHF]], [[v6.17]] -------

    def _short_ids(self) -> dict[str, tuple[str, str]]:
        ids = {word.lower(): hit for word, hit in self.spellings.items()}
        for mod in self.corpus.modifications:
            ids[mod.lower()] = (MODIFICATION, mod)
        for version in self.corpus.versions:
            for name in {version.id, version.label, *((f"v{version.number}", f"SEC {version.number}") if version.number else ())}:
                ids.setdefault(name.lower(), (VERSION, version.id))
        return ids

    def resolve(self, ref: str) -> Match | None:
        """Resolve a short reference (case-insensitive); ``None`` if it names nothing."""
        ref = " ".join(ref.split())
        m = re.fullmatch(r"(.+?)\s?\(([a-z0-9]{1,8})\)", ref)
        if m and (hit := self.ids.get(m.group(1).lower())) and hit[0] == CLAUSE:
            return Match(0, len(ref), CLAUSE, hit[1], m.group(2)) if self._has_paragraph(hit[1], m.group(2)) else None
        hit = self.ids.get(ref.lower())
        return Match(0, len(ref), *hit) if hit else None
