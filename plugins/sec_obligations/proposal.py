"""What a modification not yet in force would change: the engine run on the latest version plus it.

A proposal's wordings and rules live in a version of their own after the latest
(:class:`.model.Proposal`). :func:`with_proposal` is the corpus in which that version exists;
:func:`effect` compares the two last versions of it: the wordings changed, each answer of the
decision table that would change, and each gap, overlap or twin difference it would open or close.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .engine import Finding, Matrix, Row, Verdict
from .model import Clause, ClauseText, Corpus, Modification, Version


def with_proposal(corpus: Corpus, mod: Modification) -> Corpus:
    """The corpus with the proposal's version after the latest: the clauses it changes end their
    current wording in the latest version, the obligations it changes end their rules there."""
    proposal, latest = mod.proposal, corpus.latest
    assert proposal is not None, f"{mod.id} proposes nothing"
    changed = {t.clause_id: t for t in proposal.texts}

    def clause(c: Clause) -> Clause:
        if c.id not in changed:
            return c
        return replace(c, texts=c.texts[:-1] + (replace(c.current, last=latest), changed[c.id]))

    sections = {s.id: replace(s, headings=tuple(replace(h, clauses=tuple(clause(c) for c in h.clauses))
                                                for h in s.headings)) for s in corpus.sections.values()}
    obligations = {o.id: replace(o, rules=tuple(replace(r, last=latest) if r.last is None else r for r in o.rules)
                                 + proposal.rules[o.id]) if o.id in proposal.rules else o
                   for o in corpus.obligations.values()}
    return replace(corpus, versions=corpus.versions + (proposal.version,), sections=sections, obligations=obligations)


@dataclass(frozen=True)
class Effect:
    """What the proposal would change, from the latest version (``now``) to ``then``."""

    mod: Modification
    now: Version
    then: Version
    matrix: Matrix  # of the corpus with the proposal
    texts: tuple[tuple[ClauseText, ClauseText], ...]  # (wording in force now, proposed wording)
    answers: tuple[tuple[Row, Verdict, Verdict], ...]  # each answer that would change: (row, now, then)
    opened: tuple[Finding, ...]  # gaps, overlaps and twin differences it would open
    closed: tuple[Finding, ...]  # those it would close


def effect(corpus: Corpus, mod: Modification) -> Effect:
    proposed = with_proposal(corpus, mod)
    matrix = Matrix(proposed)
    now, then = proposed.versions[-2], proposed.versions[-1]
    assert mod.proposal is not None, "only a modification not yet in force has an effect"
    texts = tuple((corpus.clauses[t.clause_id].current, t) for t in mod.proposal.texts)
    answers = tuple((row, matrix.verdict(row, now), matrix.verdict(row, then)) for row in matrix.rows
                    if matrix.verdict(row, now).key != matrix.verdict(row, then).key)
    opened = tuple(f for f in matrix.findings if f.first == then)
    closed = tuple(f for f in matrix.findings if f.ended_by == then)
    return Effect(mod, now, then, matrix, texts, answers, opened, closed)
