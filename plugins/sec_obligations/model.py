"""The immutable in-memory model of the obligation data.

Every object is a frozen dataclass built by the loader. Nothing here knows about YAML or MkDocs.
Versions are ordered by their position in the data (``Version.index``), never by their numbers.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any


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
    file: str | None = None  # an imported document: its file name, SHA-256, own version, SEC version
    sha256: str | None = None
    document_version: str | None = None
    sec_version: str | None = None


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
        """``2019-11-04``, or how uncertain it is."""
        if self.exact:
            return self.exact
        if self.earliest:
            return f"between {self.earliest} and {self.latest} (exact date unknown)"
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

    @property
    def title(self) -> str:
        """Its full name: label, release name and the note on an unknown number."""
        parts = [self.label if self.number else self.label + " (version number unknown)"]
        if self.release and self.release != self.label:
            parts.append(self.release)
        return " · ".join(parts)

    def __le__(self, other: Version) -> bool:
        return self.index <= other.index



class InForce:
    """Something in force from version ``first`` to ``last`` (None: still in force)."""

    first: Version
    last: Version | None

    def in_force(self, version: Version) -> bool:
        return self.first <= version and (self.last is None or version <= self.last)

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
class Definition(InForce):
    """One wording of a defined term's definition and the versions ``first``..``last`` it was in force."""

    term_id: str
    first: Version
    last: Version | None  # None: still in force
    text: str
    provenance: Provenance
    modification: str | None = None
    change_note: str | None = None



@dataclass(frozen=True)
class Term:
    id: str
    term: str
    definitions: tuple[Definition, ...]  # oldest first; a definition: shorthand is one in force throughout
    acronym: str | None = None
    aliases: tuple[str, ...] = ()
    defined_in: str | None = None  # the clause whose definitions table holds it (Section A1.1)

    @property
    def forms(self) -> tuple[str, ...]:
        """Every spelling that refers to this term in running text."""
        return (self.term, *self.aliases, *((self.acronym,) if self.acronym else ()))

    @property
    def current(self) -> Definition:
        return self.definitions[-1]

    @property
    def definition(self) -> str:
        return self.current.text

    @property
    def provenance(self) -> Provenance:
        return self.current.provenance

    def definition_at(self, version: Version) -> Definition | None:
        return next((d for d in self.definitions if d.in_force(version)), None)


ProvisionPath = tuple[str, ...]  # a provision's place in its clause: ("b", "ii") is (b)(ii)


def provision_label(path: ProvisionPath) -> str:
    """``("b", "ii")`` -> ``(b)(ii)``."""
    return "".join(f"({part})" for part in path)


def section_of(clause_id: str) -> str:
    """``G3.20`` -> ``G``: a clause id is its section's letters, then numbers and dots."""
    return clause_id.rstrip("0123456789.")


def provision_path(written: str) -> ProvisionPath:
    """A provision as data writes it, ``b`` or ``b(ii)(A)``, as a path: ``("b", "ii", "A")``."""
    head, _, rest = written.partition("(")
    return (head, *(part for part in rest.replace(")", "").split("(") if part)) if rest else (head,)


@dataclass(frozen=True)
class Paragraph:
    """A provision: (a), (b) ... and, inside one, (i), (ii) ... to any depth. ``text`` comes before its own
    sub-provisions, ``tail`` after them."""

    id: str
    text: str
    paragraphs: tuple[Paragraph, ...] = ()
    tail: str | None = None


@dataclass(frozen=True)
class Table:
    """A table written in a clause: a header row and rows of cells (text)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _walk(paragraphs: tuple[Paragraph, ...], above: ProvisionPath) -> Iterator[tuple[ProvisionPath, Paragraph]]:
    for p in paragraphs:
        path = (*above, p.id)
        yield path, p
        yield from _walk(p.paragraphs, path)


@dataclass(frozen=True)
class ClauseText(InForce):
    """One wording of a clause and the versions ``first``..``last`` it was in force.

    A wording is a lead, provisions nested to any depth and a tail; or "[Not used]" (``not_used``:
    the number is kept, the clause says nothing); it may hold a table, and the definitions table
    (``definitions``: each glossary term defined in this clause, with its definition in force)."""

    clause_id: str
    first: Version
    last: Version | None  # None: still in force
    provenance: Provenance
    lead: str | None
    paragraphs: tuple[Paragraph, ...] = ()
    tail: str | None = None
    modification: str | None = None
    change_note: str | None = None
    not_used: bool = False
    table: Table | None = None
    definitions: bool = False


    def provisions(self) -> Iterator[tuple[ProvisionPath, Paragraph]]:
        """Every provision, depth first: ``(("a",), (a))``, ``(("b",), (b))``, ``(("b", "i"), (b)(i))`` ..."""
        return _walk(self.paragraphs, ())

    def provision(self, path: ProvisionPath) -> Paragraph | None:
        """The provision at ``path`` (``("b", "ii")``), or None."""
        found, level = None, self.paragraphs
        for part in path:
            found = next((p for p in level if p.id == part), None)
            if found is None:
                return None
            level = found.paragraphs
        return found

    def paragraph(self, written: str) -> Paragraph | None:
        """The provision written ``b`` or ``b(ii)``, or None."""
        return self.provision(provision_path(written))

    def plain(self) -> str:
        """The whole wording as one string, one line a part, provisions labelled (a), (i) ..."""
        if self.not_used:
            return NOT_USED
        parts = [self.lead] if self.lead else []
        parts += provision_lines(self.paragraphs)
        if self.table:
            parts += [" | ".join(self.table.columns), *(" | ".join(row) for row in self.table.rows)]
        if self.tail:
            parts.append(self.tail)
        return "\n".join(parts)


NOT_USED = "[Not used]"


def provision_lines(paragraphs: Sequence[Any]) -> list[str]:
    """Provisions as :meth:`ClauseText.plain` writes them, one line a part: ``(a) ...``, then its own,
    then its tail (anything with ``id``, ``text``, ``paragraphs`` and ``tail``, as the importer's)."""
    lines = []
    for p in paragraphs:
        lines.append(f"({p.id}) {p.text}")
        lines += provision_lines(p.paragraphs)
        if p.tail:
            lines.append(p.tail)
    return lines


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

    @property
    def ended(self) -> ClauseStatus:
        """How a renumbered or deleted clause ended (ask only of those: the indexes of withdrawn clauses)."""
        if self.status is None:
            raise ValueError(f"{self.id} is still in the code")
        return self.status

    def text_at(self, version: Version) -> ClauseText | None:
        return next((t for t in self.texts if t.in_force(version)), None)

    def exists_in(self, version: Version) -> bool:
        """Whether the clause says something in ``version`` (a wording in force, not "[Not used]")."""
        text = self.text_at(version)
        return text is not None and not text.not_used

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
        return (self.devices is None or device in self.devices) and \
            (self.generations is None or generation in self.generations)


@dataclass(frozen=True)
class Rule(InForce):
    party: Party
    first: Version
    last: Version | None
    covers: tuple[Selector, ...]  # (Selector(),) where the data names none: the whole obligation's scope
    excludes: tuple[Selector, ...]
    provenance: Provenance
    clause: str | None = None
    paragraph: str | None = None  # the provision cited, as written: "b" or "b(ii)"
    role: Party | None = None
    term: str | None = None  # a definition cited (a glossary term id), e.g. what the DCC Total System includes

    @cached_property
    def provision(self) -> ProvisionPath:
        return provision_path(self.paragraph) if self.paragraph else ()


    def covered(self, device: str, generation: str | None) -> bool:
        return any(s.matches(device, generation) for s in self.covers)

    def excluded(self, device: str, generation: str | None) -> bool:
        return any(s.matches(device, generation) for s in self.excludes)


@dataclass(frozen=True)
class Obligation:
    """A duty the clauses create. It concerns the device types ``scope`` matches (every assessed one
    where empty), or, with ``device_less``, no device at all (a duty of a party as such). It exists in
    the versions in which one of its clauses does; elsewhere the answer is "not applicable"."""

    id: str
    title: str
    short: str
    description: str
    rules: tuple[Rule, ...]
    clauses: tuple[str, ...] = ()
    twin: str | None = None
    scope: tuple[Selector, ...] = ()
    device_less: bool = False

    def concerns(self, device: str, generation: str | None) -> bool:
        return not self.scope or any(s.matches(device, generation) for s in self.scope)


@dataclass(frozen=True)
class DatedEvent:
    event: str
    date: str
    provenance: Provenance | None = None


@dataclass(frozen=True)
class Proposal:
    """What a modification not yet in force would do: in ``version`` (the latest version plus the
    modification, a version that does not exist), these wordings and these rules would apply."""

    version: Version
    texts: tuple[ClauseText, ...]  # first == version, one per clause changed
    rules: dict[str, tuple[Rule, ...]]  # obligation id -> its rules from ``version`` on


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
    proposal: Proposal | None = None  # a modification not yet in force: what it would change

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
    warnings: tuple[object, ...] = ()  # located problems that do not stop the data loading (the strict build fails on them)

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

    def between(self, a: Version, b: Version) -> tuple[Version, ...]:
        """The versions after the earlier of ``a`` and ``b``, up to the later: what going from one to the other spans."""
        low, high = sorted((a, b))
        return self.versions[low.index + 1:high.index + 1]

    def definitions_introduced_in(self, version: Version) -> list[Definition]:
        """Every definition that came into force in ``version`` after the first version, in glossary order."""
        if version.index == 0:
            return []
        return [d for t in self.terms.values() for d in t.definitions if d.first == version]
