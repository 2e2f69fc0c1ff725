"""One party's view of the decision table: what it bears in a version, and what it gained or lost
between two versions, with the modifications that did it. The answers are the engine's; this
module only selects them, and writes them as CSV.

A party bears a row when the answer names it (alone or with others), or when a rule that includes
the row names it as the capacity in which another party bears it (the User as Responsible Supplier).
"""

from __future__ import annotations

from dataclasses import dataclass

from .engine import Matrix, Reason, Row, Verdict, row_label
from .export import csv_text
from .model import Modification, Party, Version


def grounds(verdict: Verdict, party: Party) -> tuple[Reason, ...]:
    """The reasons by which ``party`` bears the answer: rules that include the row and name it as
    the party or as the capacity; none where nobody bears it (a gap, or not applicable)."""
    if not verdict.parties:
        return ()
    return tuple(r for r in verdict.reasons if r.includes and party in (r.rule.party, r.rule.role))


@dataclass(frozen=True)
class Borne:
    """A row the party bears in one version, and why."""

    row: Row
    verdict: Verdict
    grounds: tuple[Reason, ...]

    @property
    def bearers(self) -> tuple[Party, ...]:
        """The parties of its grounds: the party itself, or the one that bears it in the party's capacity."""
        return tuple(dict.fromkeys(r.rule.party for r in self.grounds))

    @property
    def capacities(self) -> tuple[Party, ...]:
        return tuple(dict.fromkeys(r.rule.role for r in self.grounds if r.rule.role))

    @property
    def shared_with(self) -> tuple[Party, ...]:
        """The other parties that bear it (an overlap)."""
        return tuple(p for p in self.verdict.parties if p not in self.bearers and p not in self.capacities)

    @property
    def citations(self) -> tuple[str, ...]:
        """What its grounds cite (a clause and provision, a definition), or their source where they cite nothing."""
        return tuple(dict.fromkeys(r.citation or r.rule.provenance.source.title for r in self.grounds))


def borne_by(matrix: Matrix, party: Party, version: Version) -> list[Borne]:
    """Every row ``party`` bears in ``version``, in the matrix's order."""
    found = []
    for row in matrix.rows:
        verdict = matrix.verdict(row, version)
        if reasons := grounds(verdict, party):
            found.append(Borne(row, verdict, reasons))
    return found


@dataclass(frozen=True)
class Step:
    """A version in which the party came to bear a row, or stopped bearing it."""

    version: Version
    bears: bool  # from this version on
    modifications: tuple[str, ...]  # the modifications that did it (see Matrix.modifications_at)


@dataclass(frozen=True)
class Change:
    """A row the party bears in one of two versions and not in the other."""

    row: Row
    gained: bool  # borne in the second version, not in the first
    before: Verdict
    after: Verdict
    steps: tuple[Step, ...]  # every version between the two in which that changed

    @property
    def modifications(self) -> tuple[str, ...]:
        return tuple(sorted({m for step in self.steps for m in step.modifications}))


@dataclass(frozen=True)
class Comparison:
    """What ``party`` gained and lost going from version ``first`` to ``second`` (either may be the later)."""

    party: Party
    first: Version
    second: Version
    versions: tuple[Version, ...]  # after the earlier of the two, up to the later
    modifications: tuple[Modification, ...]  # implemented in those versions
    changes: tuple[Change, ...]


def party_changes(matrix: Matrix, party: Party, first: Version, second: Version) -> Comparison:
    """The rows ``party`` bears in one version and not in the other, in the matrix's order: net, so a
    duty gained and lost again between the two is not listed (as in the comparison of two versions)."""
    corpus = matrix.corpus
    between = corpus.between(first, second)
    changes = []
    for row in matrix.rows:
        before, after = matrix.verdict(row, first), matrix.verdict(row, second)
        had, has = bool(grounds(before, party)), bool(grounds(after, party))
        if had != has:
            changes.append(Change(row, has, before, after, steps(matrix, party, row, between)))
    implemented = tuple(m for m in corpus.modifications.values() if m.implemented_in in between)
    return Comparison(party, first, second, between, implemented, tuple(changes))


def steps(matrix: Matrix, party: Party, row: Row, versions: tuple[Version, ...]) -> tuple[Step, ...]:
    """The versions among ``versions`` in which ``party`` came to bear ``row`` or stopped (only where
    the row's answer changed: where a run of versions reading the same begins)."""
    found, span = [], {v.index for v in versions}
    for run in matrix.runs(row):
        if not run.changed or run.first.index not in span:
            continue
        bears, previous = bool(grounds(run.verdict, party)), matrix.corpus.versions[run.first.index - 1]
        if bears != bool(grounds(matrix.verdict(row, previous), party)):
            found.append(Step(run.first, bears, matrix.modifications_at(row, run.first)))
    return tuple(found)


# -- as CSV -------------------------------------------------------------------------------------------

BORNE_FIELDS = ("party", "version", "obligation", "generation", "device", "device_label", "answer", "borne_by",
                "capacity", "shared_with", "citations")
CHANGE_FIELDS = ("party", "from_version", "to_version", "change", "obligation", "generation", "device", "device_label",
                 "before", "after", "changed_in", "modifications")


def ids(parties: tuple[Party, ...]) -> str:
    return " ".join(p.id for p in parties)


def row_cells(row: Row) -> tuple[str, str, str, str]:
    return row.obligation.id, row.generation_id or "", row.device_id or "", row_label(row)


def borne_csv(party: Party, version: Version, borne: list[Borne]) -> str:
    """What :func:`borne_by` found, one line a row."""
    return csv_text(BORNE_FIELDS, [
        (party.id, version.id, *row_cells(b.row), b.verdict.answer, ids(b.bearers), ids(b.capacities),
         ids(b.shared_with), "; ".join(b.citations)) for b in borne])


def changes_csv(comparison: Comparison) -> str:
    """What :func:`party_changes` found, one line a row gained or lost."""
    c = comparison
    return csv_text(CHANGE_FIELDS, [
        (c.party.id, c.first.id, c.second.id, "gained" if change.gained else "lost", *row_cells(change.row),
         change.before.answer, change.after.answer, " ".join(s.version.id for s in change.steps),
         " ".join(change.modifications)) for change in c.changes])
