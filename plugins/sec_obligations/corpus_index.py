"""The cross-cutting questions about a corpus, each answered once for the whole of it.

Which clauses a clause refers to and which refer to it, the terms it uses, the obligations that
name it, what each modification changed, what each version brought, which clauses were renumbered
as another, and the dates a version can have. Renderers, open data, feeds and page metadata all
ask these; :class:`CorpusIndex` works each out on first use. It knows nothing of HTML or MkDocs.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import NamedTuple

from .linking import CLAUSE, TERM, Linker
from .model import Clause, ClauseText, Corpus, Modification, Obligation, Term, Version
from .proposal import Effect, effect


class Change(NamedTuple):
    """A wording a modification introduced, and the one it replaced (None for a new clause)."""

    clause: Clause
    before: ClauseText | None
    after: ClauseText


class CorpusIndex:
    def __init__(self, corpus: Corpus, linker: Linker | None = None):
        self.corpus = corpus
        self._linker = linker
        self._found: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}  # clause id -> references_of

    @cached_property
    def linker(self) -> Linker:
        return self._linker or Linker(self.corpus)

    # -- clauses and terms -----------------------------------------------------------------------

    def references_of(self, clause: Clause) -> tuple[frozenset[str], tuple[str, ...]]:
        """The clauses a clause's wordings refer to, and the terms they use in order of first use."""
        found = self._found.get(clause.id)
        if found is None:
            cites: set[str] = set()
            uses: dict[str, None] = {}
            for wording in clause.texts:
                for match in self.linker.find(wording.plain()):
                    if match.kind == CLAUSE and match.target != clause.id:
                        cites.add(match.target)
                    elif match.kind == TERM:
                        uses[match.target] = None
            found = self._found[clause.id] = (frozenset(cites), tuple(uses))
        return found

    def adopt(self, before: CorpusIndex) -> None:
        """Take what the index of the corpus before an edit found in the clauses the edit left as
        they were; only for an edit that changes no defined term and no clause id (see reach.py)."""
        clauses = self.corpus.clauses
        self._found.update({c: found for c, found in before._found.items() if c in clauses and before.corpus.clauses[c] == clauses[c]})

    @cached_property
    def _references(self) -> tuple[dict[str, set[str]], dict[str, list[str]], dict[str, list[str]]]:
        cites: dict[str, set[str]] = {}
        uses: dict[str, list[str]] = {}
        used_by: dict[str, dict[str, None]] = defaultdict(dict)
        for clause in self.corpus.clauses.values():
            targets, terms = self.references_of(clause)
            if targets:
                cites[clause.id] = set(targets)
            if terms:
                uses[clause.id] = list(terms)
            for term in terms:
                used_by[term][clause.id] = None
        return cites, uses, {k: list(v) for k, v in used_by.items()}

    @property
    def cites(self) -> dict[str, set[str]]:
        """Clause id -> the clauses any of its wordings refers to."""
        return self._references[0]

    @property
    def terms_used(self) -> dict[str, list[str]]:
        """Clause id -> the glossary terms its wordings use, in order of first use."""
        return self._references[1]

    @property
    def used_by(self) -> dict[str, list[str]]:
        """Term id -> the clauses whose wordings use it."""
        return self._references[2]

    @cached_property
    def referenced_by(self) -> dict[str, list[str]]:
        """Clause id -> the clauses whose wordings refer to it."""
        back: dict[str, list[str]] = defaultdict(list)
        for source, targets in self.cites.items():
            for target in targets:
                back[target].append(source)
        return back

    @cached_property
    def obligations_of(self) -> dict[str, list[Obligation]]:
        """Clause id -> the obligations that name or cite it."""
        found: dict[str, dict[str, Obligation]] = defaultdict(dict)
        for o in self.corpus.obligations.values():
            for clause_id in (*o.clauses, *(r.clause for r in o.rules if r.clause)):
                found[clause_id][o.id] = o
        return {k: list(v.values()) for k, v in found.items()}

    @cached_property
    def defined_in(self) -> dict[str, list[Term]]:
        """Clause id -> the terms its definitions table holds, in alphabetical order."""
        found: dict[str, list[Term]] = defaultdict(list)
        for term in sorted(self.corpus.terms.values(), key=lambda t: t.term.lower()):
            if term.defined_in:
                found[term.defined_in].append(term)
        return found

    @cached_property
    def _withdrawn(self) -> tuple[dict[str, list[Clause]], dict[str, list[Clause]]]:
        """The renumbered and deleted clauses, by successor and by the modification that withdrew them."""
        by_successor: dict[str, list[Clause]] = defaultdict(list)
        by_modification: dict[str, list[Clause]] = defaultdict(list)
        for clause in self.corpus.clauses.values():
            if clause.status is not None:
                if clause.status.successor:
                    by_successor[clause.status.successor].append(clause)
                if clause.status.modification:
                    by_modification[clause.status.modification].append(clause)
        return by_successor, by_modification

    @property
    def predecessors(self) -> dict[str, list[Clause]]:
        """Clause id -> the clauses renumbered as it (their pages say so and forward to it)."""
        return self._withdrawn[0]

    # -- modifications ---------------------------------------------------------------------------

    @cached_property
    def changes_by(self) -> dict[str, list[Change]]:
        """Modification id -> each wording it introduced, in clause order."""
        found: dict[str, list[Change]] = defaultdict(list)
        for clause in self.corpus.clauses.values():
            for i, wording in enumerate(clause.texts):
                if wording.modification:
                    found[wording.modification].append(Change(clause, clause.texts[i - 1] if i else None, wording))
        return found

    @property
    def withdrawn_by(self) -> dict[str, list[Clause]]:
        """Modification id -> the clauses it renumbered or deleted."""
        return self._withdrawn[1]

    @staticmethod
    def modifications_of(clause: Clause) -> list[str]:
        """The modifications that introduced a wording of the clause, oldest first."""
        return list(dict.fromkeys(t.modification for t in clause.texts if t.modification))

    @cached_property
    def effects(self) -> dict[str, Effect]:
        """Modification id -> what it would change, for each modification not yet in force."""
        return {m.id: effect(self.corpus, m) for m in self.corpus.modifications.values() if m.proposal}

    @cached_property
    def proposals_of(self) -> dict[str, list[tuple[Modification, ClauseText]]]:
        """Clause id -> the modifications not yet in force that would change it, with their wording."""
        found: dict[str, list[tuple[Modification, ClauseText]]] = defaultdict(list)
        for m in self.corpus.modifications.values():
            for t in m.proposal.texts if m.proposal else ():
                found[t.clause_id].append((m, t))
        return found

    # -- versions --------------------------------------------------------------------------------

    @cached_property
    def introduced_in(self) -> dict[int, list[tuple[Clause, int]]]:
        """Version index -> (clause, index of the wording) for each wording that came into force in it."""
        found: dict[int, list[tuple[Clause, int]]] = defaultdict(list)
        for clause in self.corpus.clauses.values():
            for i, t in enumerate(clause.texts):
                found[t.first.index].append((clause, i))
        return found

    @cached_property
    def withdrawn_in(self) -> dict[int, list[Clause]]:
        """Version index -> the clauses renumbered or deleted from it on."""
        found: dict[int, list[Clause]] = defaultdict(list)
        for clause in self.corpus.clauses.values():
            if clause.status is not None:
                found[clause.status.version.index].append(clause)
        return found

    @cached_property
    def implemented_in(self) -> dict[int, list[Modification]]:
        """Version index -> the modifications it implemented."""
        found: dict[int, list[Modification]] = defaultdict(list)
        for m in self.corpus.modifications.values():
            if m.implemented_in:
                found[m.implemented_in.index].append(m)
        return found

    @cached_property
    def date_bounds(self) -> tuple[list[str | None], list[str | None]]:
        """Earliest and latest possible start date of each version (by index), narrowed by its
        neighbours' dates: a version starts no earlier than the one before and no later than the next."""
        versions = self.corpus.versions
        lows: list[str | None] = []
        highs: list[str | None] = [None] * len(versions)
        low = high = None
        for v in versions:
            low = v.date.exact or v.date.earliest or low
            lows.append(low)
        for i in range(len(versions) - 1, -1, -1):
            high = versions[i].date.exact or versions[i].date.latest or high
            highs[i] = high
        return lows, highs

    def latest_date(self, version: Version) -> str | None:
        """The latest date the version can have started (its date, when known)."""
        return self.date_bounds[1][version.index]
