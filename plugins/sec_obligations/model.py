"""The immutable in-memory model of the obligation data.

Every object is a frozen dataclass built by the loader. Nothing here knows about YAML or MkDocs.
Versions are ordered by their position in the data (``Version.index``), never by their numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Location:
    """Where an object was written: ``file:line:column`` (1-based)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str | None = None
    description: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Provenance:
    """Where a fact comes from. ``status`` is verbatim, stated, reconstructed or description."""

    source: Source
    status: str
    note: str | None = None

    @property
    def is_reconstructed(self) -> bool:
        return self.status == "reconstructed"


@dataclass(frozen=True)
class DateInfo:
    """An exact date, a range of possible dates, or unknown (all fields ``None``)."""

    exact: str | None = None
    earliest: str | None = None
    latest: str | None = None

    @property
    def known(self) -> bool:
        return self.exact is not None

    def describe(self) -> str:
        if self.exact:
            return self.exact
        if self.earliest:
            return f"between {self.earliest} and {self.latest}"
        return "date unknown"


@dataclass(frozen=True)
class Version:
    id: str
    index: int  # position in the data's version list: the only ordering used
    number: str | None
    date: DateInfo
    date_provenance: Provenance
    label: str
    release: str | None = None
    number_note: str | None = None
    notes: str | None = None
    sources: tuple[Source, ...] = ()

    def __lt__(self, other: Version) -> bool:
        return self.index < other.index

    def __le__(self, other: Version) -> bool:
        return self.index <= other.index


@dataclass(frozen=True)
class Party:
    id: str
    name: str
    short: str
    description: str
    term: str | None = None


@dataclass(frozen=True)
class Generation:
    id: str
    name: str
    description: str
    in_scope_from: Version
    in_scope_provenance: Provenance
    term: str | None = None


@dataclass(frozen=True)
class DeviceType:
    id: str
    name: str
    short: str
    description: str
    generations: tuple[Generation, ...]  # empty: does not depend on a generation
    term: str | None = None
    assessed: bool = True
    assessment_note: str | None = None


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    definition: str
    provenance: Provenance
    acronym: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """Every spelling that refers to this term in running text."""
        return (self.term, *self.aliases, *((self.acronym,) if self.acronym else ()))


@dataclass(frozen=True)
class Paragraph:
    id: str
    text: str


@dataclass(frozen=True)
class ClauseText:
    """One wording of a clause and the versions ``first``..``last`` it was in force."""

    clause_id: str
    first: Version
    last: Version | None  # None: still in force
    provenance: Provenance
    lead: str
    paragraphs: tuple[Paragraph, ...] = ()
    tail: str | None = None
    modification: str | None = None
    change_note: str | None = None

    def in_force(self, version: Version) -> bool:
        return self.first <= version and (self.last is None or version <= self.last)

    def paragraph(self, pid: str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.id == pid), None)

    @property
    def anchor(self) -> str:
        """The anchor of this wording on its clause page: ``v-<first version id>``."""
        return version_anchor(self.first)

    def plain(self) -> str:
        """The whole wording as one string, sub-paragraphs labelled (a), (b)..."""
        parts = [self.lead, *(f"({p.id}) {p.text}" for p in self.paragraphs)]
        if self.tail:
            parts.append(self.tail)
        return "\n".join(parts)


def version_anchor(version: Version) -> str:
    return "v-" + version.id


@dataclass(frozen=True)
class ClauseStatus:
    """A clause that no longer exists from ``version`` on: renumbered (as ``successor``) or deleted.

    The clause keeps its texts (the last one ends in the version before ``version``) and its page,
    at the same address, says what happened: links to it never break."""

    kind: str  # "renumbered" or "deleted"
    version: Version  # the first version without the clause
    provenance: Provenance
    successor: str | None = None  # renumbered: the id of the clause it became
    modification: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Clause:
    id: str
    section_id: str
    heading_id: str
    texts: tuple[ClauseText, ...]  # oldest first
    title: str | None = None
    status: ClauseStatus | None = None  # renumbered or deleted; None for a clause that still exists

    def text_at(self, version: Version) -> ClauseText | None:
        return next((t for t in self.texts if t.in_force(version)), None)

    @property
    def current(self) -> ClauseText:
        return self.texts[-1]


@dataclass(frozen=True)
class Heading:
    id: str
    title: str
    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    headings: tuple[Heading, ...]
    description: str | None = None

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return tuple(c for h in self.headings for c in h.clauses)


@dataclass(frozen=True)
class Selector:
    """Matches device types and generations; ``None`` matches every one."""

    devices: frozenset[str] | None = None
    generations: frozenset[str] | None = None

    def matches(self, device: str, generation: str | None) -> bool:
        if self.devices is not None and device not in self.devices:
            return False
        if self.generations is not None and generation not in self.generations:
            return False
        return True


@dataclass(frozen=True)
class Rule:
    party: Party
    first: Version
    last: Version | None
    covers: tuple[Selector, ...]
    excludes: tuple[Selector, ...]
    provenance: Provenance
    clause: str | None = None
    paragraph: str | None = None
    role: Party | None = None

    def in_force(self, version: Version) -> bool:
        return self.first <= version and (self.last is None or version <= self.last)

    def covered(self, device: str, generation: str | None) -> bool:
        return any(s.matches(device, generation) for s in self.covers)

    def excluded(self, device: str, generation: str | None) -> bool:
        return any(s.matches(device, generation) for s in self.excludes)


@dataclass(frozen=True)
class Obligation:
    id: str
    title: str
    short: str
    description: str
    rules: tuple[Rule, ...]
    clauses: tuple[str, ...] = ()
    twin: str | None = None


@dataclass(frozen=True)
class DatedEvent:
    event: str
    date: str
    provenance: Provenance | None = None


@dataclass(frozen=True)
class Modification:
    id: str
    title: str
    type: str
    status: str
    summary: str
    provenance: Provenance
    background: str | None = None
    decision: str | None = None
    drafted_against: Version | None = None
    implemented_in: Version | None = None
    dates: tuple[DatedEvent, ...] = ()
    impacted_parties: tuple[str, ...] = ()
    impacts: tuple[tuple[str, str], ...] = ()
    costs: tuple[tuple[str, str], ...] = ()
    benefits: tuple[str, ...] = ()
    drawbacks: tuple[str, ...] = ()
    objectives: tuple[tuple[str, str | None, str], ...] = ()  # (objective, its text, rationale)
    views: tuple[tuple[str, str], ...] = ()
    changes: tuple[tuple[str, str], ...] = ()  # (clause id, description)

    @property
    def date(self) -> str | None:
        """The modification's key date: the date of its implementing version, else its last event."""
        if self.implemented_in and self.implemented_in.date.exact:
            return self.implemented_in.date.exact
        return self.dates[-1].date if self.dates else None


@dataclass(frozen=True)
class Corpus:
    """The whole data set, with lookups by id."""

    sources: dict[str, Source]
    versions: tuple[Version, ...]
    parties: dict[str, Party]
    generations: dict[str, Generation]
    device_types: dict[str, DeviceType]
    terms: dict[str, Term]
    sections: dict[str, Section]
    obligations: dict[str, Obligation]
    modifications: dict[str, Modification]

    @cached_property
    def version(self) -> dict[str, Version]:
        return {v.id: v for v in self.versions}

    @cached_property
    def clauses(self) -> dict[str, Clause]:
        return {c.id: c for s in self.sections.values() for c in s.clauses}

    @property
    def latest(self) -> Version:
        return self.versions[-1]

    def previous(self, version: Version) -> Version | None:
        return self.versions[version.index - 1] if version.index else None

    def texts_introduced_in(self, version: Version) -> list[ClauseText]:
        """Every clause wording that came into force in ``version``, in clause order."""
        return [t for c in self.clauses.values() for t in c.texts if t.first == version]
