"""Find clause references and defined terms in running text, with one matcher built once.

All spellings (term names, aliases, acronyms and clause ids) go into a single regular expression
shaped as a trie, so a page is scanned once whatever the size of the glossary, and the longest
spelling wins: "Gas Proxy Function" is one term, never "Gas" and "Proxy Function".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .model import Corpus, ProvisionPath

TERM, CLAUSE, MODIFICATION, VERSION = "term", "clause", "modification", "version"


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    kind: str  # TERM, CLAUSE, MODIFICATION or VERSION
    target: str  # term id or clause id
    provision: ProvisionPath = ()  # for clauses: the provision cited, e.g. ("b", "ii") for G3.20(b)(ii)

# A web address or an e-mail address: text inside one is never linked (".../G3.20", "user@dcc.example").
ADDRESS = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"']+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A provision after a clause number, to any depth: G3.18(a), G3.18 (a), G3.20(b)(ii)(A).
PROVISION = re.compile(r"\s?\(([A-Za-z0-9]{1,8})\)")


Trie = dict[str, Any]  # a character -> the trie of what may follow ("" where a word ends)


def trie_pattern(words: list[str]) -> str:
    """A regular expression matching any of ``words``, longest first, without backtracking blow-up."""
    trie: Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: Trie) -> str:
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
        # Not inside a longer word; a clause id may be followed by its provisions: G3.18(a), G3.20 (b)(ii).
        self.pattern = re.compile(rf"(?<![\w+])({body})(?![\w+])((?:{PROVISION.pattern})*)")
        self.ids = self._short_ids()
        self._provisions: dict[str, set[ProvisionPath]] = {}

    def find(self, text: str) -> Iterator[Match]:
        """Every reference and defined term in ``text``, none inside a URL or an e-mail address."""
        skip = [(m.start(), m.end()) for m in ADDRESS.finditer(text)] if ("@" in text or "/" in text or "www." in text) else []
        for m in self.pattern.finditer(text):
            if skip and any(a < m.end() and m.start() < b for a, b in skip):
                continue
            word = m.group(1)
            kind, target = self.spellings[word]
            end = m.start() + len(word)
            path: ProvisionPath = ()
            if kind == CLAUSE and m.group(2):
                # The longest run of provisions the clause has: G3.20(b)(zz) links G3.20(b).
                for part in PROVISION.finditer(text, m.end(1), m.end()):
                    if not self.has_provision(target, (*path, part.group(1))):
                        break
                    path, end = (*path, part.group(1)), part.end()
            yield Match(m.start(), end, kind, target, path)

    def has_provision(self, clause_id: str, path: ProvisionPath) -> bool:
        """Whether some wording of the clause has the provision at ``path``."""
        known = self._provisions.get(clause_id)
        if known is None:
            known = self._provisions[clause_id] = {p for t in self.corpus.clauses[clause_id].texts for p, _ in t.provisions()}
        return path in known

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
        m = re.fullmatch(rf"(.+?)((?:{PROVISION.pattern})+)", ref)
        if m and (hit := self.ids.get(m.group(1).lower())) and hit[0] == CLAUSE:
            path = tuple(PROVISION.findall(m.group(2)))
            return Match(0, len(ref), CLAUSE, hit[1], path) if self.has_provision(hit[1], path) else None
        hit = self.ids.get(ref.lower())
        return Match(0, len(ref), *hit) if hit else None
