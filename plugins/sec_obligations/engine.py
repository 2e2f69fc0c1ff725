"""Who is responsible: a pure function of the model, with cited reasons.

For one cell (obligation, version, generation, device type) the answer is one of:

* ``party``: exactly one party bears the duty (the User, the DCC ...);
* ``overlap``: more than one party bears it;
* ``gap``: the device is within the code's scope but nobody bears the duty;
* ``not-applicable``: the question does not arise: the obligation's clauses are not in that
  version of the code, or the generation was not yet covered.

An obligation concerns the device types its scope names (every assessed one by default), or no
device at all: a duty of a party as such is one row without a device.

Findings gather the cells worth a reader's attention across the whole history: gaps, overlaps and
differences between twin duties (duties meant to have the same scope).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property, partial

from .model import ClauseText, Corpus, Definition, DeviceType, Generation, Obligation, Party, Rule, Version, provision_label

PARTY, OVERLAP, GAP, NOT_APPLICABLE = "party", "overlap", "gap", "not-applicable"


@dataclass(frozen=True)
class Reason:
    """A rule in force that covers the cell, and whether it includes or excludes it."""

    rule: Rule
    includes: bool
    text: ClauseText | None  # the cited clause's wording in force at the version
    definition: Definition | None = None  # the cited definition in force at the version
    term_name: str | None = None  # the term whose definition is cited, as written

    @cached_property
    def citation(self) -> str | None:
        """``G3.20(b)(ii)``, ``definition of DCC Total System``, or None for a rule that cites nothing."""
        if self.rule.clause:
            return self.rule.clause + provision_label(self.rule.provision)
        if self.definition:
            return f"definition of {self.term_name}"
        return None

    @property
    def modification(self) -> str | None:
        cited = self.text or self.definition
        return cited.modification if cited else None


@dataclass(frozen=True)
class Verdict:
    """The answer for one row over a stretch of versions (the same object serves them all)."""

    obligation: Obligation
    generation: Generation | None
    device: DeviceType | None
    status: str
    parties: tuple[Party, ...]
    reasons: tuple[Reason, ...]

    @property
    def answer(self) -> str:
        """The answer in words, e.g. ``User``, ``nobody (gap)``, ``User and DCC (overlap)``."""
        if self.status == PARTY:
            return self.parties[0].short
        if self.status == OVERLAP:
            return " and ".join(p.short for p in self.parties) + " (overlap)"
        return "nobody (gap)" if self.status == GAP else "not applicable"

    @cached_property
    def key(self) -> tuple[str, tuple[str, ...]]:
        """What makes two answers the same: status and parties, not reasons."""
        return self.status, tuple(p.id for p in self.parties)

    @cached_property
    def signature(self) -> tuple[object, ...]:
        """The answer and the exact wordings it rests on: equal signatures read the same."""
        return self.key + tuple((r.citation, cited.first.id if (cited := r.text or r.definition) else None,
                                 r.includes, r.rule.party.id) for r in self.reasons)


@dataclass(frozen=True)
class Row:
    """One line of the matrix: an obligation for one device type of one generation, or for no device."""

    obligation: Obligation
    device: DeviceType | None  # None: a duty of a party as such
    generation: Generation | None

    @property
    def device_id(self) -> str | None:
        return self.device.id if self.device else None

    @property
    def generation_id(self) -> str | None:
        return self.generation.id if self.generation else None

    @property
    def id(self) -> str:
        """``obligation/generation/device`` (``any`` for no generation); just ``obligation`` without a device."""
        if self.device is None:
            return self.obligation.id
        return "/".join((self.obligation.id, self.generation.id if self.generation else "any", self.device.id))


def rows(corpus: Corpus) -> Iterator[Row]:
    """Every row of the matrix, in data order: each obligation for each device type and generation it
    concerns (device types not assessed are left out), or its one row without a device."""
    for obligation in corpus.obligations.values():
        if obligation.device_less:
            yield Row(obligation, None, None)
            continue
        for device in corpus.device_types.values():
            if device.assessed:
                for generation in device.generations or (None,):
                    if obligation.concerns(device.id, generation.id if generation else None):
                        yield Row(obligation, device, generation)


def clauses_of(obligation: Obligation) -> set[str]:
    """The clauses an obligation rests on: those it names and those its rules cite."""
    return {*obligation.clauses, *(r.clause for r in obligation.rules if r.clause)}


def exists(corpus: Corpus, obligation: Obligation, version: Version) -> bool:
    """Whether the obligation is in the code in ``version``: one of its clauses (named, or cited by a
    rule) says something there. An obligation that names no clause exists throughout."""
    named = clauses_of(obligation)
    return not named or any(corpus.clauses[c].exists_in(version) for c in named)


def decide(corpus: Corpus, row: Row, version: Version) -> Verdict:
    """Who bears ``row.obligation`` for ``row.device`` of ``row.generation`` in ``version``."""
    device = row.device.id if row.device else None
    generation = row.generation.id if row.generation else None
    reasons, parties = [], []
    for rule in row.obligation.rules:
        if not (rule.in_force(version) and (device is None or rule.covered(device, generation))):
            continue
        includes = device is None or not rule.excluded(device, generation)
        text = corpus.clauses[rule.clause].text_at(version) if rule.clause else None
        term = corpus.terms[rule.term] if rule.term else None
        definition = term.definition_at(version) if term else None
        reasons.append(Reason(rule, includes, text, definition, term.term if term else None))
        if includes and rule.party not in parties:
            parties.append(rule.party)
    if not exists(corpus, row.obligation, version) or (row.generation and version < row.generation.in_scope_from):
        status, parties = NOT_APPLICABLE, []
    elif not parties:
        status = GAP
    else:
        status = PARTY if len(parties) == 1 else OVERLAP
    return Verdict(row.obligation, row.generation, row.device, status, tuple(parties), tuple(reasons))


@dataclass(frozen=True)
class Run:
    """Consecutive versions in which a row reads the same (same answer, reasons and twin agreement)."""

    first: Version
    last: Version
    verdict: Verdict
    changed: bool  # the answer differs from the run before
    mismatch: bool  # the twin duty gives a different answer


def introduced_by(run: Run) -> tuple[str, ...]:
    """The modifications whose wordings (clause or definition) the run's reasons cite and which came
    into force where the run begins: what changed the row there."""
    found = {r.modification for r in run.verdict.reasons
             if r.modification and (cited := r.text or r.definition) is not None and cited.first == run.first}
    return tuple(sorted(found))


@dataclass(frozen=True)
class Finding:
    """A run of consecutive versions in which one row shows a gap, an overlap or a twin mismatch."""

    kind: str  # "gap", "overlap" or "twin-mismatch"
    row: Row
    first: Version
    last: Version
    ended_by: Version | None  # the first version after the run, if the run ended
    what: str  # what it says of its row, without naming it: "nobody bears 'Arrange to be notified ...'"
    verdicts: tuple[Verdict, ...]  # the row's verdicts in the run (for twins: this row's)
    twin_verdicts: tuple[Verdict, ...] = ()

    @property
    def detail(self) -> str:
        """``SMETS1 Communications Hub Function: nobody bears 'Arrange to be notified ...'``."""
        return f"{row_label(self.row)}: {self.what}"

    @property
    def citations(self) -> list[str]:
        """The provisions its answers rest on (``G3.20(b)``), sorted."""
        return sorted({r.citation for v in self.verdicts + self.twin_verdicts for r in v.reasons if r.citation})


class Matrix:
    """Every verdict, computed once: rows x versions."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.rows = list(rows(corpus))
        breaks = {o.id: self._breaks(o) for o in corpus.obligations.values()}
        self.cells: dict[str, tuple[Verdict, ...]] = {row.id: self._row(row, breaks[row.obligation.id]) for row in self.rows}
        self.rows_of: dict[str, list[Row]] = {o: [] for o in corpus.obligations}
        for row in self.rows:
            self.rows_of[row.obligation.id].append(row)

    def _breaks(self, obligation: Obligation) -> set[int]:
        """Version indexes where an answer for ``obligation`` may change: rule, wording and definition boundaries."""
        found = {0}
        for rule in obligation.rules:
            found.add(rule.first.index)
            if rule.last is not None:
                found.add(rule.last.index + 1)
            if rule.term:
                found.update(d.first.index for d in self.corpus.terms[rule.term].definitions)
        for clause_id in clauses_of(obligation):
            for t in self.corpus.clauses[clause_id].texts:
                found.add(t.first.index)
                if t.last is not None:
                    found.add(t.last.index + 1)
        return found

    def _row(self, row: Row, breaks: set[int]) -> tuple[Verdict, ...]:
        """A row's verdicts, decided once per stretch of versions in which nothing can change."""
        if row.generation:
            breaks = breaks | {row.generation.in_scope_from.index}
        cells, current = [], None
        for version in self.corpus.versions:
            if current is None or version.index in breaks:
                current = decide(self.corpus, row, version)
            cells.append(current)
        return tuple(cells)

    def verdict(self, row: Row, version: Version) -> Verdict:
        return self.cells[row.id][version.index]

    def changed(self, row: Row, version: Version) -> bool:
        """Whether the answer differs from the previous version's."""
        cells = self.cells[row.id]
        return version.index > 0 and cells[version.index].key != cells[version.index - 1].key

    def twin_row(self, row: Row) -> Row | None:
        """The twin duty's row for the same device, if the twin concerns that device too."""
        twin = self.corpus.obligations.get(row.obligation.twin or "")
        found = twin and Row(twin, row.device, row.generation)
        return found if found and found.id in self.cells else None

    @cached_property
    def _mismatches(self) -> dict[str, tuple[bool, ...]]:
        flags = {}
        for row in self.rows:
            twin = self.twin_row(row)
            mine, theirs = self.cells[row.id], self.cells[twin.id] if twin else ()
            flags[row.id] = tuple(a.key != b.key for a, b in zip(mine, theirs)) if twin else (False,) * len(mine)
        return flags

    def mismatch(self, row: Row, version: Version) -> bool:
        """Whether the twin duty gives a different answer in ``version``."""
        return self._mismatches[row.id][version.index]

    def runs(self, row: Row) -> list[Run]:
        """The row's runs of versions that read the same (computed once per row)."""
        found = self._runs_cache.get(row.id)
        if found is None:
            found = self._runs_cache[row.id] = self._compute_runs(row)
        return found

    @cached_property
    def _runs_cache(self) -> dict[str, list[Run]]:
        return {}

    @cached_property
    def changed_rows(self) -> dict[int, list[Row]]:
        """Version index -> the rows whose answer changed in that version."""
        found: dict[int, list[Row]] = {}
        for row in self.rows:
            for run in self.runs(row):
                if run.changed:
                    found.setdefault(run.first.index, []).append(row)
        return found

    def _compute_runs(self, row: Row) -> list[Run]:
        versions, cells, flags = self.corpus.versions, self.cells[row.id], self._mismatches[row.id]
        runs: list[Run] = []
        start = 0
        for i in range(1, len(cells) + 1):
            if i < len(cells) and (cells[i] is cells[start] or cells[i].signature == cells[start].signature) \
                    and flags[i] == flags[start]:
                continue
            changed = start > 0 and cells[start].key != cells[start - 1].key
            runs.append(Run(versions[start], versions[i - 1], cells[start], changed, flags[start]))
            start = i
        return runs

    @cached_property
    def findings(self) -> list[Finding]:
        found: list[Finding] = []
        for row in self.rows:
            cells = self.cells[row.id]
            for kind in (GAP, OVERLAP):
                found += self._findings_where(row, kind, [c.status == kind for c in cells], partial(kind_detail, kind=kind))
            twin = self.twin_row(row)
            if twin and row.obligation.id < twin.obligation.id:  # report each pair once
                flags = list(self._mismatches[row.id])
                found += self._findings_where(row, "twin-mismatch", flags, partial(self._twin_detail, twin=twin), twin)
        return found

    @cached_property
    def alike_findings(self) -> list[list[Finding]]:
        """The findings, those that say the same of several rows of one obligation together (the
        same kind, words, versions, provisions and end): in the order of the first of each."""
        groups: dict[tuple[object, ...], list[Finding]] = {}
        for f in self.findings:
            key = (f.kind, f.row.obligation.id, f.what, f.first.index, f.last.index,
                   f.ended_by.index if f.ended_by else None, self.ending_modifications(f), tuple(f.citations))
            groups.setdefault(key, []).append(f)
        return list(groups.values())

    def _findings_where(self, row: Row, kind: str, flags: list[bool], what: Callable[[Finding], str],
                        twin: Row | None = None) -> list[Finding]:
        """A finding of ``kind`` for each run of versions where ``flags`` hold, worded by ``what``."""
        versions, result, start = self.corpus.versions, [], None
        for i, flag in enumerate(flags + [False]):
            if flag and start is None:
                start = i
            elif not flag and start is not None:
                ended = versions[i] if i < len(versions) else None
                run = self.cells[row.id][start:i]
                twin_run = self.cells[twin.id][start:i] if twin else ()
                finding = Finding(kind, row, versions[start], versions[i - 1], ended, "", run, twin_run)
                result.append(_saying(finding, what(finding)))
                start = None
        return result

    def _twin_detail(self, finding: Finding, twin: Row) -> str:
        mine, theirs = finding.verdicts[0], finding.twin_verdicts[0]
        return f"{finding.row.obligation.short} gives {mine.answer}, its twin {twin.obligation.short} gives {theirs.answer}"

    def ending_modifications(self, finding: Finding) -> tuple[str, ...]:
        """The modifications that ended the run (see :meth:`modifications_at`), for the row and, for twins, its twin's."""
        if not finding.ended_by:
            return ()
        twin = self.twin_row(finding.row) if finding.kind == "twin-mismatch" else None
        rows_ = [finding.row] + ([twin] if twin else [])
        return tuple(sorted({m for row in rows_ for m in self.modifications_at(row, finding.ended_by)}))

    def modifications_at(self, row: Row, version: Version) -> tuple[str, ...]:
        """The modifications that brought in, in ``version``, a wording the row's answer rests on: a
        clause or definition its rules cite there or in the version before, or a clause the obligation
        names (its new wording, or its renumbering or deletion)."""
        corpus, previous = self.corpus, self.corpus.previous(version)
        reasons = [r for v in (version, previous) if v for r in self.verdict(row, v).reasons]
        mods = set()
        for clause_id in {*row.obligation.clauses, *(r.rule.clause for r in reasons if r.rule.clause)}:
            clause = corpus.clauses[clause_id]
            text = clause.text_at(version)
            if text and text.first == version:
                mods.add(text.modification)
            if clause.status and clause.status.version == version:
                mods.add(clause.status.modification)
        for term_id in {r.rule.term for r in reasons if r.rule.term}:
            definition = corpus.terms[term_id].definition_at(version)
            if definition and definition.first == version:
                mods.add(definition.modification)
        return tuple(sorted(filter(None, mods)))


def _saying(finding: Finding, what: str) -> Finding:
    return Finding(finding.kind, finding.row, finding.first, finding.last, finding.ended_by, what,
                   finding.verdicts, finding.twin_verdicts)


NO_DEVICE = "No device (a duty of the party itself)"


def row_label(row: Row) -> str:
    """``SMETS1 Communications Hub Function``, just the device type's name, or :data:`NO_DEVICE`."""
    if row.device is None:
        return NO_DEVICE
    return f"{row.generation.name} {row.device.name}" if row.generation else row.device.name


def kind_detail(finding: Finding, kind: str) -> str:
    if kind == GAP:
        return f"nobody bears '{finding.row.obligation.title}'"
    return f"{finding.verdicts[0].answer} bear '{finding.row.obligation.title}'"
