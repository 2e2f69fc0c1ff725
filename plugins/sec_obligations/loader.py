"""Load the ``obligations/`` folder into a validated, immutable :class:`Corpus`.

Three passes, each collecting every problem before giving up: parse the YAML (with positions),
check each file against its JSON Schema, then build the model while checking that every id
referred to exists and that version ranges fit together. Problems carry ``file:line:column``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeAlias, TypeVar

from . import schemas, yamldoc
from .linking import ADDRESS
from .model import (
    Clause,
    ClauseStatus,
    ClauseText,
    Corpus,
    DatedEvent,
    DateInfo,
    Definition,
    DeviceType,
    Generation,
    Heading,
    Location,
    Modification,
    Obligation,
    Paragraph,
    Party,
    Proposal,
    Provenance,
    ProvisionPath,
    Rule,
    Section,
    Selector,
    Source,
    Table,
    Term,
    Version,
    provision_label,
    provision_path,
    section_of,
)
from .yamldoc import Document, Path_, Problem

T = TypeVar("T")
Raw: TypeAlias = dict[str, Any]  # an entry of a data file, as YAML reads it (checked by its schema)

# file (or folder of files) -> schema kind. Folders hold one entity per file, named by its id.
SINGLE_FILES = {
    "sources.yaml": "sources",
    "versions.yaml": "versions",
    "parties.yaml": "parties",
    "devices.yaml": "devices",
    "glossary.yaml": "glossary",
    "obligations.yaml": "obligations",
}
FOLDERS = {"sections": "section", "modifications": "modification"}
# A single file the schema refuses is replaced by these empty lists, so the other files are still
# checked; not versions.yaml, which every other file names.
STAND_IN = {"sources.yaml": ("sources",), "parties.yaml": ("parties",), "devices.yaml": ("generations", "device_types"),
            "glossary.yaml": ("terms",), "obligations.yaml": ("obligations",)}
EXAMPLE_PREFIX = "example-"  # the worked example's ids (versions, modifications, sources)
EXAMPLES_ALLOWED = "SEC_OBLIGATIONS_EXAMPLES"

# Data text that is prose (where a reference to a clause is written), by its field name.
TEXT_FIELDS = {"lead", "text", "tail", "definition", "summary", "background", "decision", "description", "note",
               "change_note", "rationale", "view", "impact", "cost", "benefits", "drawbacks", "assessment_note", "notes"}
REFERENCE = re.compile(r"(?<![\w/.+@-])([A-Z]{1,2}\d+(?:\.\d+)+)(?![\w+])((?:\s?\([A-Za-z0-9]{1,8}\))*)")
PROVISION_PART = re.compile(r"\(([A-Za-z0-9]{1,8})\)")


def _texts(data: Any, path: Path_, field: str | None = None) -> Iterator[tuple[Path_, str]]:
    """(path, text) of every prose string in a document."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, path + (key,), key if isinstance(key, str) else field)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _texts(value, path + (i,), field)
    elif isinstance(data, str) and field in TEXT_FIELDS:
        yield path, data


_REFERENCES: weakref.WeakKeyDictionary[Document, list[tuple[Path_, str, str, ProvisionPath]]] = weakref.WeakKeyDictionary()


def _references(doc: Document) -> list[tuple[Path_, str, str, ProvisionPath]]:
    """(path, as written, clause id, provision path) of every reference to a clause in a document's
    prose; kept while the document is (a document read again unchanged is not searched again)."""
    found = _REFERENCES.get(doc)
    if found is None:
        found = []
        for path, words in _texts(doc.data, ()):
            addresses = [(a.start(), a.end()) for a in ADDRESS.finditer(words)]
            for m in REFERENCE.finditer(words):
                if not any(a <= m.start() < b for a, b in addresses):  # a number in a web or e-mail address is not one
                    found.append((path, m.group(0).strip(), m.group(1), tuple(PROVISION_PART.findall(m.group(2)))))
        _REFERENCES[doc] = found
    return found


class DataError(Exception):
    """The data has problems; ``problems`` lists every one, located, once."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems = list(dict.fromkeys(problems))
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the obligation data:\n{lines}")


def data_files(root: Path) -> list[Path]:
    """Every file the loader reads, for watching and caching."""
    files = [root / name for name in SINGLE_FILES]
    for folder in FOLDERS:
        files += sorted((root / folder).glob("*.yaml"))
    return files


class ReadCache:
    """What each data file was read to, kept from one load to the next in a process that loads
    again after an edit (``mkdocs serve``): a file whose bytes are unchanged is neither parsed nor
    checked against its schema again. Everything else is checked afresh on every load."""

    def __init__(self) -> None:
        self._files: dict[tuple[str, str], tuple[bytes, Document | None, list[Problem]]] = {}
        # Each clause built without a problem, by the document and place it was read from: valid while
        # the files it looks things up in (``context``: versions, sources, modifications) are the same.
        self.clauses: dict[tuple[Document, Path_], Clause] = {}
        self.context: tuple[Document, ...] = ()

    def read(self, file: Path, kind: str) -> tuple[Document | None, list[Problem], bytes | None]:
        """The file parsed and checked against the schema of ``kind``: (document or None, problems, its bytes)."""
        name = display_path(file)
        try:
            data = file.read_bytes()
        except OSError as error:
            return None, [Problem(Location(name, 1, 1), f"cannot read the file: {error.strerror or error}")], None
        digest = hashlib.blake2b(data, digest_size=16).digest()
        kept = self._files.get((name, kind))
        if kept and kept[0] == digest:
            return kept[1], kept[2], data
        doc, problems = yamldoc.parse_bytes(data, name)
        if doc is not None:
            problems = schemas.check(doc, kind)
        self._files[(name, kind)] = (digest, doc, problems)
        return doc, problems, data


def load(root: str | Path, cache: ReadCache | None = None) -> Corpus:
    """Load and validate the data folder ``root``; raise :class:`DataError` on any problem.
    ``cache`` keeps what unchanged files were read to, for the next load."""
    root = Path(root)
    cache = cache or ReadCache()
    problems: list[Problem] = []
    docs: dict[str, Document] = {}
    folders: dict[str, list[Document]] = {folder: [] for folder in FOLDERS}

    refused: list[str] = []  # the text of each file refused, for telling which ids it would have held
    unreadable: set[Path] = set()  # files that are not even YAML: the ids they hold are unknowable

    def read(file: Path, kind: str) -> Document | None:
        doc, found, data = cache.read(file, kind)
        problems.extend(found)
        if doc is None:
            unreadable.add(file)
        elif not found:
            return doc
        if data is not None:  # unreadable: its problem is reported already
            refused.append(data[:yamldoc.MAX_FILE_BYTES].decode("utf-8", errors="replace"))
        return None

    if root.is_file():
        raise DataError([Problem(Location(display_path(root), 1, 1), "this is a file: give the data folder, the one holding "
                                 "versions.yaml and sections/ (every file in it is checked together)")])
    if not root.is_dir():
        raise DataError([Problem(Location(display_path(root), 1, 1), "the data folder does not exist")])
    for name, kind in SINGLE_FILES.items():
        if not (root / name).is_file():
            problems.append(Problem(Location(display_path(root / name), 1, 1), "required file is missing"))
        elif doc := read(root / name, kind):
            docs[name] = doc
    for folder, kind in FOLDERS.items():
        for file in sorted((root / folder).glob("*.yaml")):
            if doc := read(file, kind):
                folders[folder].append(doc)
    for name in sorted(SINGLE_FILES.keys() - docs.keys()):
        if name not in STAND_IN or root / name in unreadable or not (root / name).is_file():
            raise DataError(problems)  # missing, unreadable, or versions.yaml: nothing to check references against
        # Refused by the schema: its problems are reported; the rest is checked against an empty
        # stand-in, and an id the refused file holds is not reported unknown (``held_in_refused``).
        docs[name] = Document(display_path(root / name), {key: [] for key in STAND_IN[name]})
    context = (docs["versions.yaml"], docs["sources.yaml"], *folders["modifications"])
    if len(context) != len(cache.context) or any(a is not b for a, b in zip(context, cache.context, strict=False)):
        cache.clauses, cache.context = {}, context
    builder = _Builder(docs, folders, refused, cache.clauses)
    try:
        corpus = builder.build()
    except DataError as error:
        raise DataError(problems + error.problems) from None
    if problems:  # a section or modification file refused: its problems, and the references of the rest
        raise DataError(problems)
    return corpus



def display_path(file: Path) -> str:
    """How a file is named in messages: as given when relative (to the working directory), else
    relative to the working directory when below it, else in full; a terminal or editor opens each."""
    if not file.is_absolute():
        return str(file)
    try:
        return str(file.relative_to(Path.cwd()))
    except ValueError:
        return str(file)


class _Builder:
    """Turns schema-valid documents into the model, checking references on the way."""

    def __init__(self, docs: dict[str, Document], folders: dict[str, list[Document]], refused: Sequence[str] = (),
                 built: dict[tuple[Document, Path_], Clause] | None = None):
        self.docs = docs
        self.built = {} if built is None else built  # clauses built before from the same documents (ReadCache)
        self.folders = folders
        self.problems: list[Problem] = []
        self.refused = refused  # files refused by the schema: an id they hold is not reported unknown

    # -- helpers ---------------------------------------------------------------------------

    def problem(self, doc: Document, path: Iterable[Any], message: str) -> None:
        self.problems.append(Problem(doc.locate(tuple(path)), message))

    def unique(self, doc: Document, path: Path_, items: list[Raw], what: str, seen: dict[str, Raw] | None = None) -> dict[str, Raw]:
        """Index ``items`` by id, reporting duplicates (also against ``seen``, across files), and ids
        that differ only in case: ids are addresses, which case-insensitive file systems mix up."""
        index: dict[str, Raw] = {} if seen is None else seen
        folded = {key.lower(): key for key in index}
        for i, item in enumerate(items):
            ident = item["id"]
            if ident in index:
                self.problem(doc, path + (i, "id"), f"duplicate {what} id '{ident}'")
            elif ident.lower() in folded:
                self.problem(doc, path + (i, "id"), f"{what} id '{ident}' differs from '{folded[ident.lower()]}' only in "
                             "case: on a case-insensitive file system their pages would be one")
            else:
                index[ident] = item
                folded[ident.lower()] = ident
        return index

    def lookup(self, table: Mapping[str, T], key: str | None, doc: Document, path: Iterable[Any], what: str) -> T | None:
        if key is None:
            return None
        if key not in table and self.held_in_refused(key):
            return None  # defined in a file refused above: its own problems say why
        if key not in table:
            known = ", ".join(sorted(table)[:12]) + (" ..." if len(table) > 12 else "")
            self.problem(doc, path, f"unknown {what} '{key}' (known: {known or 'none'})")
            return None
        return table[key]

    def check_examples(self) -> None:
        """Ids starting ``example-`` belong to the authoring guide's worked example: real data cannot
        use them (the tests, which apply the example, set ``SEC_OBLIGATIONS_EXAMPLES=1``)."""
        if os.environ.get(EXAMPLES_ALLOWED) == "1":
            return
        for key, items in (("versions.yaml", ("versions",)), ("sources.yaml", ("sources",))):
            for i, item in enumerate(self.docs[key].data[items[0]]):
                if str(item["id"]).startswith(EXAMPLE_PREFIX):
                    self.problem(self.docs[key], (items[0], i, "id"), f"'{item['id']}': ids starting "
                                 f"'{EXAMPLE_PREFIX}' belong to the authoring guide's worked example, not to real data")
        for doc in self.folders["modifications"]:
            if str(doc.data["id"]).startswith(EXAMPLE_PREFIX):
                self.problem(doc, ("id",), f"'{doc.data['id']}': ids starting '{EXAMPLE_PREFIX}' belong to the "
                             "authoring guide's worked example, not to real data")

    def held_in_refused(self, key: str) -> bool:
        """Whether a file the schema refused holds an entry with this id (so it is not unknown)."""
        return any(re.search(rf"\bid:\s*['\"]?{re.escape(str(key))}['\"]?\s*$", text, re.M) for text in self.refused)

    def provenance(self, raw: dict[str, Any], doc: Document, path: Path_) -> Provenance:
        """A source the data does not hold is reported (unless a refused file holds it) and stands in
        under its id, so that the rest is still checked; the run fails on the problem."""
        key = raw["source"]
        source = self.lookup(self.sources, key, doc, path + ("source",), "source") or Source(key, key)
        return Provenance(source, raw["status"], raw.get("note"))

    def version_range(self, raw: dict[str, Any], doc: Document, path: Path_) -> tuple[Version, Version | None] | None:
        """The versions ``from`` and ``to`` name, or None when one is unknown or they are the wrong
        way round (reported)."""
        first = self.lookup(self.version, raw["from"], doc, path + ("from",), "version")
        last = self.lookup(self.version, raw.get("to"), doc, path + ("to",), "version")
        if first is None or ("to" in raw and last is None):
            return None
        if last is not None and last < first:
            self.problem(doc, path + ("to",), f"version range ends ('{last.id}') before it starts ('{first.id}')")
            return None
        return first, last

    # -- build -----------------------------------------------------------------------------

    def build(self) -> Corpus:
        d = self.docs
        self.sources = {s["id"]: Source(**s) for s in self.unique(
            d["sources.yaml"], ("sources",), d["sources.yaml"].data["sources"], "source").values()}
        self.version = self.build_versions(d["versions.yaml"])
        self.corpus_versions = tuple(self.version.values())
        parties_doc = d["parties.yaml"]
        raw_parties = self.unique(parties_doc, ("parties",), parties_doc.data["parties"], "party")
        self.parties = {k: Party(p["id"], p["name"], p.get("short") or p["name"], p["description"], p.get("term"))
                        for k, p in raw_parties.items()}
        self.generations, self.device_types = self.build_devices(d["devices.yaml"])
        self.modifications = self.build_modifications()
        self.terms = self.build_terms(d["glossary.yaml"])
        self.sections = self.build_sections()
        self.check_defined_in(d["glossary.yaml"])
        self.obligations = self.build_obligations(d["obligations.yaml"])
        self.build_proposals()
        self.check_term_links(parties_doc)
        self.check_examples()
        if self.problems:
            raise DataError(self.problems)
        return Corpus(self.sources, tuple(self.version.values()), self.parties, self.generations,
                      self.device_types, self.terms, self.sections, self.obligations, self.modifications,
                      tuple(dict.fromkeys(self.dangling_references())))

    def dangling_references(self) -> Iterable[Problem]:
        """References in the data's text to a clause, or a provision, that the data does not hold:
        warnings, each at its file and line (the strict build fails on them)."""
        clauses = {c.id: c for section in self.sections.values() for c in section.clauses}
        provisions: dict[str, set[ProvisionPath]] = {}
        for doc in [*self.docs.values(), *self.folders["sections"], *self.folders["modifications"]]:
            for path, written, clause_id, parts in _references(doc):
                clause = clauses.get(clause_id)
                if clause is None:
                    if section_of(clause_id) in self.sections:  # its section is held
                        yield Problem(doc.locate(path), f"'{written}' names no clause held here: "
                                                        f"{clause_id} is not in its section file")
                    continue
                if parts:
                    known = provisions.get(clause_id)
                    if known is None:
                        known = provisions[clause_id] = {q for t in clause.texts for q, _ in t.provisions()}
                    if parts not in known:
                        yield Problem(doc.locate(path), f"'{written}' names no provision held here: "
                                                        f"{clause_id} has no {provision_label(parts)} in any wording")

    def build_versions(self, doc: Document) -> dict[str, Version]:
        raws = doc.data["versions"]
        self.unique(doc, ("versions",), raws, "version")
        versions: dict[str, Version] = {}
        last_date, last_id = "", None
        for i, raw in enumerate(raws):
            path = ("versions", i)
            if raw["id"] in versions:
                continue
            date = raw["date"]
            if isinstance(date, dict):
                info = DateInfo(earliest=date["earliest"], latest=date["latest"])
                if date["latest"] < date["earliest"]:
                    self.problem(doc, path + ("date",), "date range ends before it starts")
            else:
                info = DateInfo(exact=date)
            if info.exact:
                if info.exact < last_date:
                    self.problem(doc, path + ("date",), f"version '{raw['id']}' is dated {info.exact}, before the "
                                 f"earlier version '{last_id}' ({last_date}): the list must be oldest first")
                last_date, last_id = info.exact, raw["id"]
            sources = tuple(filter(None, (self.lookup(self.sources, s, doc, path + ("sources", j), "source")
                                          for j, s in enumerate(raw.get("sources", [])))))
            number = raw["number"]
            label = raw.get("label") or (f"v{number}" if number else raw["id"])
            versions[raw["id"]] = Version(
                raw["id"], len(versions), number, info, self.provenance(raw["date_provenance"], doc, path + ("date_provenance",)),
                label, raw.get("release"), raw.get("number_note"), raw.get("notes"), sources)
        return versions

    def build_devices(self, doc: Document) -> tuple[dict[str, Generation], dict[str, DeviceType]]:
        kept = {id(g) for g in self.unique(doc, ("generations",), doc.data["generations"], "generation").values()}
        generations: dict[str, Generation] = {}
        for i, g in enumerate(doc.data["generations"]):
            path = ("generations", i)
            first = self.lookup(self.version, g["in_scope_from"], doc, path + ("in_scope_from",), "version")
            if first and id(g) in kept:  # not a later entry with the same id
                generations[g["id"]] = Generation(g["id"], g["name"], g["description"], first,
                                                  self.provenance(g["in_scope_provenance"], doc, path + ("in_scope_provenance",)),
                                                  g.get("term"))
        self.unique(doc, ("device_types",), doc.data["device_types"], "device type")
        devices: dict[str, DeviceType] = {}
        for i, t in enumerate(doc.data["device_types"]):
            path = ("device_types", i)
            gens = tuple(filter(None, (self.lookup(generations, g, doc, path + ("generations", j), "generation")
                                       for j, g in enumerate(t["generations"]))))
            devices.setdefault(t["id"], DeviceType(
                t["id"], t["name"], t.get("short", t["name"]), t["description"], gens, t.get("term"),
                t.get("assessed", True), t.get("assessment_note")))
        return generations, devices

    def build_terms(self, doc: Document) -> dict[str, Term]:
        raws = self.unique(doc, ("terms",), doc.data["terms"], "term")
        terms: dict[str, Term] = {}
        spelled: dict[str, str] = {}
        for i, raw in enumerate(doc.data["terms"]):
            path = ("terms", i)
            if raws[raw["id"]] is not raw:
                continue
            definitions = self.build_definitions(raw, doc, path)
            if not definitions:
                continue
            term = Term(raw["id"], raw["term"], definitions, raw.get("acronym"), tuple(raw.get("aliases", [])),
                        raw.get("defined_in"))
            for form in term.forms:
                if form in spelled and spelled[form] != term.id:
                    self.problem(doc, path, f"'{form}' already names term '{spelled[form]}': text could not tell them apart")
                spelled[form] = term.id
            terms[term.id] = term
        return terms

    def build_definitions(self, raw: Raw, doc: Document, path: Path_) -> tuple[Definition, ...]:
        """A term's wordings, oldest first; ``definition:`` is one wording in force in every version."""
        if "definitions" not in raw:
            provenance = self.provenance(raw["definition_provenance"], doc, path + ("definition_provenance",))
            return (Definition(raw["id"], self.corpus_versions[0], None, raw["definition"], provenance),)
        found: list[Definition] = []
        for j, d in enumerate(raw["definitions"]):
            dpath = path + ("definitions", j)
            span = self.version_range(d, doc, dpath)
            provenance = self.provenance(d["provenance"], doc, dpath + ("provenance",))
            self.check_modification(d, span and span[0], doc, dpath, "definition")
            if span is None:
                continue
            first, last = span
            if found:
                self.check_follows(found[-1], first, doc, dpath, f"the definition of '{raw['term']}'")
            found.append(Definition(raw["id"], first, last, d["text"], provenance, d.get("modification"), d.get("change_note")))
        return tuple(found)

    def check_modification(self, raw: Raw, first: Version | None, doc: Document, path: Path_, what: str) -> None:
        """A wording's modification exists and was implemented in the version the wording starts in."""
        mod = self.lookup(self.modifications, raw.get("modification"), doc, path + ("modification",), "modification")
        if mod and first and mod.implemented_in and mod.implemented_in != first:
            self.problem(doc, path + ("modification",), f"{mod.id} was implemented in '{mod.implemented_in.id}', "
                         f"but this {what} says it came into force in '{first.id}'")

    def check_defined_in(self, doc: Document) -> None:
        """A term's ``defined_in`` names a clause holding the definitions table."""
        clauses = {c.id: c for s in self.sections.values() for c in s.clauses}
        for i, raw in enumerate(doc.data["terms"]):
            clause = self.lookup(clauses, raw.get("defined_in"), doc, ("terms", i, "defined_in"), "clause")
            if clause and not any(t.definitions for t in clause.texts):
                self.problem(doc, ("terms", i, "defined_in"), f"{clause.id} holds no definitions table: give one of its "
                             "wordings 'definitions: true'")

    def check_term_links(self, parties_doc: Document) -> None:
        devices_doc = self.docs["devices.yaml"]
        for file_doc, key, items in ((parties_doc, "parties", parties_doc.data["parties"]),
                                     (devices_doc, "generations", devices_doc.data["generations"]),
                                     (devices_doc, "device_types", devices_doc.data["device_types"])):
            for i, item in enumerate(items):
                self.lookup(self.terms, item.get("term"), file_doc, (key, i, "term"), "glossary term")

    def build_modifications(self) -> dict[str, Modification]:
        mods: dict[str, Modification] = {}
        for doc in self.folders["modifications"]:
            raw = doc.data
            if not self.file_named_by_id(doc, raw["id"]):
                continue
            twin = next((m for m in mods if m.lower() == raw["id"].lower()), None)
            if twin is not None:
                self.problem(doc, ("id",), f"duplicate modification id '{raw['id']}'" if twin == raw["id"] else
                             f"modification id '{raw['id']}' differs from '{twin}' only in case: on a case-insensitive "
                             "file system their pages would be one")
                continue
            def get_version(key: str, raw: dict[str, Any] = raw, doc: Document = doc) -> Version | None:
                return self.lookup(self.version, raw.get(key), doc, (key,), "version")

            dates = tuple(DatedEvent(e["event"], e["date"], e.get("provenance") and self.provenance(
                e["provenance"], doc, ("dates", i, "provenance"))) for i, e in enumerate(raw.get("dates", [])))
            mods[raw["id"]] = Modification(
                raw["id"], raw["title"], raw["type"], raw["status"], raw["summary"],
                self.provenance(raw["provenance"], doc, ("provenance",)), raw.get("background"), raw.get("decision"),
                get_version("drafted_against"), get_version("implemented_in"), dates,
                tuple(raw.get("impacted_parties", [])),
                tuple((x["area"], x["impact"]) for x in raw.get("impacts", [])),
                tuple((x["party"], x["cost"]) for x in raw.get("costs", [])),
                tuple(raw.get("benefits", [])), tuple(raw.get("drawbacks", [])),
                tuple((x["objective"], x.get("text"), x["rationale"]) for x in raw.get("objectives", [])),
                tuple((x["body"], x["view"]) for x in raw.get("views", [])),
                tuple((x["clause"], x["description"]) for x in raw.get("changes", [])))
            m = mods[raw["id"]]
            if m.drafted_against and m.implemented_in and not m.drafted_against < m.implemented_in:
                self.problem(doc, ("implemented_in",),
                             "a modification must be implemented in a version after the one it was drafted against")
        self.mod_docs = {doc.data["id"]: doc for doc in self.folders["modifications"]}
        return mods

    def file_named_by_id(self, doc: Document, id_: str) -> bool:
        if Path(doc.name).stem != id_:
            self.problem(doc, ("id",), f"the file must be named after its id: '{id_}.yaml'")
            return False
        return True

    def build_sections(self) -> dict[str, Section]:
        sections: dict[str, Section] = {}
        seen_clauses: dict[str, Any] = {}
        self.clause_docs: dict[str, tuple[Document, Path_]] = {}
        self.folded_clauses: dict[str, str] = {}  # lower case -> the id as written
        for doc in self.folders["sections"]:
            raw = doc.data
            if not self.file_named_by_id(doc, raw["id"]):
                continue
            self.unique(doc, ("headings",), raw["headings"], "heading")
            headings = []
            for h, head in enumerate(raw["headings"]):
                path = ("headings", h, "clauses")
                self.unique_clauses(doc, path, head["clauses"], seen_clauses)
                clauses = tuple(self.build_clause(c, raw["id"], head["id"], doc, path + (i,))
                                for i, c in enumerate(head["clauses"]))
                headings.append(Heading(head["id"], head["title"], clauses))
            sections[raw["id"]] = Section(raw["id"], raw["title"], tuple(headings), raw.get("description"))
        for mod_id, mod in self.modifications.items():
            for i, (clause_id, _) in enumerate(mod.changes):
                if clause_id not in seen_clauses and not self.held_in_refused(clause_id):
                    self.problem(self.mod_docs[mod_id], ("changes", i, "clause"), f"unknown clause '{clause_id}'")
        self.check_successors(sections)
        return sections

    def unique_clauses(self, doc: Document, path: Path_, items: list[Raw], seen: Raw) -> None:
        """Clause ids are unique across sections, ignoring case; a renumbered or deleted clause keeps its id (and address)."""
        for i, item in enumerate(items):
            folded = self.folded_clauses.get(item["id"].lower()) if item["id"] not in seen else None
            if folded is not None:
                self.problem(doc, path + (i, "id"), f"clause id '{item['id']}' differs from '{folded}' only in case: on a "
                             "case-insensitive file system their pages would be one")
                continue
            first = seen.get(item["id"])
            if first is None:
                seen[item["id"]] = item
                self.folded_clauses[item["id"].lower()] = item["id"]
                self.clause_docs[item["id"]] = (doc, path + (i,))
            elif "status" in item or "status" in first:
                kind = (item.get("status") or first["status"])["kind"]
                self.problem(doc, path + (i, "id"), f"'{item['id']}' is both a {kind} clause and a live one: the page of "
                             "a renumbered or deleted clause stays at its address, so its id cannot be used again")
            else:
                self.problem(doc, path + (i, "id"), f"duplicate clause id '{item['id']}'")

    def clause_status(self, raw: Raw, texts: list[ClauseText], doc: Document, path: Path_) -> ClauseStatus | None:
        """A renumbered or deleted clause: its last text must end in the version before the one without it."""
        if "status" not in raw:
            return None
        status, spath = raw["status"], path + ("status",)
        version = self.lookup(self.version, status["in"], doc, spath + ("in",), "version")
        mod = self.lookup(self.modifications, status.get("modification"), doc, spath + ("modification",), "modification")
        successor = status.get("to")
        if status["kind"] == "renumbered" and successor is None:
            self.problem(doc, spath, "a renumbered clause needs 'to': the id of the clause it became")
        elif status["kind"] == "deleted" and successor is not None:
            self.problem(doc, spath + ("to",), "a deleted clause has no successor: remove 'to' (or say kind: renumbered)")
            successor = None
        if successor == raw["id"]:
            self.problem(doc, spath + ("to",), "a clause cannot be renumbered as itself")
            successor = None
        if version is None:
            return None
        if mod and mod.implemented_in and mod.implemented_in != version:
            self.problem(doc, spath + ("modification",), f"{mod.id} was implemented in '{mod.implemented_in.id}', "
                         f"but this says the clause was {status['kind']} in '{version.id}'")
        if texts and len(texts) == len(raw["texts"]):
            last = texts[-1]
            before = self.corpus_versions[version.index - 1].id if version.index else None
            if last.last is None or last.last.index + 1 != version.index:
                ends = f"ends in '{last.last.id}'" if last.last else "has no 'to' (still in force)"
                wanted = f"end in '{before}', the version before" if before else "end before it, but it is the first version"
                self.problem(doc, spath + ("in",), f"{raw['id']} is {status['kind']} in '{version.id}', so its last text must "
                             f"{wanted}; it {ends}")
        provenance = self.provenance(status["provenance"], doc, spath + ("provenance",))
        return ClauseStatus(status["kind"], version, provenance, successor, status.get("modification"), status.get("note"))

    def check_successors(self, sections: dict[str, Section]) -> None:
        """A renumbered clause's successor exists and is in force in the version that renumbered it."""
        clauses = {c.id: c for s in sections.values() for c in s.clauses}
        for clause in clauses.values():
            status = clause.status
            if status is None or status.successor is None:
                continue
            doc, path = self.clause_docs[clause.id]
            successor = self.lookup(clauses, status.successor, doc, path + ("status", "to"), "clause")
            if successor is not None and successor.text_at(status.version) is None:
                self.problem(doc, path + ("status", "to"), f"{successor.id} has no text in force in "
                             f"'{status.version.id}', the version that renumbered {clause.id} as it")

    def build_clause(self, raw: Raw, section_id: str, heading_id: str, doc: Document, path: Path_) -> Clause:
        if (kept := self.built.get((doc, path))) is not None:
            return kept
        problems = len(self.problems)
        clause = self._build_clause(raw, section_id, heading_id, doc, path)
        if len(self.problems) == problems:
            self.built[(doc, path)] = clause
        return clause

    def _build_clause(self, raw: Raw, section_id: str, heading_id: str, doc: Document, path: Path_) -> Clause:
        texts: list[ClauseText] = []
        for i, t in enumerate(raw["texts"]):
            tpath = path + ("texts", i)
            span = self.version_range(t, doc, tpath)
            if span is None:
                continue
            first, last = span
            self.check_modification(t, first, doc, tpath, "text")
            self.check_wording(t, doc, tpath)
            if texts:
                self.check_follows(texts[-1], first, doc, tpath, f"the previous text of {raw['id']}")
            table = t.get("table")
            texts.append(ClauseText(raw["id"], first, last, self.provenance(t["provenance"], doc, tpath + ("provenance",)),
                                    t.get("lead"), self.provisions(t.get("paragraphs", []), doc, tpath + ("paragraphs",)),
                                    t.get("tail"), t.get("modification"), t.get("change_note"), t.get("not_used", False),
                                    table and Table(tuple(table["columns"]), tuple(tuple(r) for r in table["rows"])),
                                    t.get("definitions", False)))
        status = self.clause_status(raw, texts, doc, path)
        return Clause(raw["id"], section_id, heading_id, tuple(texts), raw.get("title"), status)

    def check_wording(self, t: Raw, doc: Document, path: Path_) -> None:
        if t.get("not_used"):
            said = [key for key in ("lead", "paragraphs", "tail", "table", "definitions") if key in t]
            if said:
                self.problem(doc, path + (said[0],), f"a \"[Not used]\" wording says nothing: remove {', '.join(said)}")
        elif "lead" not in t:
            self.problem(doc, path, "a wording needs 'lead' (or 'not_used: true' for a clause that reads \"[Not used]\")")
        table = t.get("table") or {"columns": [], "rows": []}
        for r, row in enumerate(table["rows"]):
            if len(row) != len(table["columns"]):
                self.problem(doc, path + ("table", "rows", r), f"this row has {len(row)} cells, the table "
                             f"{len(table['columns'])} columns")

    def provisions(self, raws: list[Raw], doc: Document, path: Path_) -> tuple[Paragraph, ...]:
        """Provisions at one level, each with its own, to any depth; ids unique at each level."""
        self.unique(doc, path, raws, "provision")
        return tuple(Paragraph(p["id"], p["text"], self.provisions(p.get("paragraphs", []), doc, path + (i, "paragraphs")),
                               p.get("tail")) for i, p in enumerate(raws))

    def check_follows(self, previous: ClauseText | Definition, first: Version, doc: Document, path: Path_, what: str) -> None:
        """Consecutive wordings must meet exactly: no hole, no overlap."""
        if previous.last is None:
            self.problem(doc, path + ("from",), f"{what} has no 'to', so it is still in force and overlaps this "
                         "one: give it \"to\" (the last version it was in force)")
        elif first.index <= previous.last.index:
            self.problem(doc, path + ("from",), f"overlaps {what}, in force until '{previous.last.id}'")
        elif first.index != previous.last.index + 1:
            missing = [v.id for v in self.version.values() if previous.last.index < v.index < first.index]
            self.problem(doc, path + ("from",), f"leaves a hole after {what}: no text in force in {', '.join(missing)}")

    def build_obligations(self, doc: Document) -> dict[str, Obligation]:
        raws = self.unique(doc, ("obligations",), doc.data["obligations"], "obligation")
        clauses = {c.id: c for s in self.sections.values() for c in s.clauses}
        result = {}
        for i, raw in enumerate(doc.data["obligations"]):
            path = ("obligations", i)
            if raws[raw["id"]] is not raw:
                continue
            for j, c in enumerate(raw.get("clauses", [])):
                self.lookup(clauses, c, doc, path + ("clauses", j), "clause")
            twin = raw.get("twin")
            if twin == raw["id"]:
                self.problem(doc, path + ("twin",), "an obligation cannot be its own twin")
            self.lookup(raws, twin, doc, path + ("twin",), "obligation")
            applies = raw.get("applies_to", [])
            device_less = applies == "no-device"
            scope = () if device_less else tuple(self.selector(s, doc, path + ("applies_to", k)) for k, s in enumerate(applies))
            rules = tuple(filter(None, (self.build_rule(r, clauses, device_less, doc, path + ("rules", j))
                                        for j, r in enumerate(raw["rules"]))))
            result[raw["id"]] = Obligation(raw["id"], raw["title"], raw.get("short") or raw["title"], raw["description"],
                                           rules, tuple(raw.get("clauses", [])), twin, scope, device_less)
        return result

    def build_proposals(self) -> None:
        """The wordings and rules of each modification not yet in force, in a version of their own
        after the latest (see :class:`Proposal`)."""
        clauses = {c.id: c for s in self.sections.values() for c in s.clauses}
        latest = self.corpus_versions[-1]
        for mod_id, mod in list(self.modifications.items()):
            doc = self.mod_docs[mod_id]
            raw = doc.data.get("proposed")
            if raw is None:
                continue
            if mod.implemented_in is not None:
                self.problem(doc, ("proposed",), f"{mod_id} is implemented in '{mod.implemented_in.id}': its wordings "
                             "belong in the section files, not under 'proposed'")
                continue
            version = Version(f"{latest.id}+{mod_id}", latest.index + 1, None, DateInfo(), mod.provenance,
                              f"{latest.label} + {mod_id} (proposed)")
            texts = {}
            for i, t in enumerate(raw["texts"]):
                path = ("proposed", "texts", i)
                clause = self.lookup(clauses, t["clause"], doc, path + ("clause",), "clause")
                if clause is None or not clause.texts:  # no wording held (its problems are reported)
                    continue
                if clause.current.last is not None:
                    self.problem(doc, path + ("clause",), f"{clause.id} is not in force in '{latest.id}', the latest version")
                if clause.id in texts:
                    self.problem(doc, path + ("clause",), f"{clause.id} is proposed twice")
                self.check_wording(t, doc, path)
                provenance = self.provenance(t["provenance"], doc, path + ("provenance",))
                texts[clause.id] = ClauseText(clause.id, version, None, provenance, t.get("lead"),
                                              self.provisions(t.get("paragraphs", []), doc, path + ("paragraphs",)),
                                              t.get("tail"), mod_id, None, t.get("not_used", False))
            rules = {}
            for i, entry in enumerate(raw.get("rules", [])):
                path = ("proposed", "rules", i)
                obligation = self.lookup(self.obligations, entry["obligation"], doc, path + ("obligation",), "obligation")
                if obligation is None:
                    continue
                at = {c.id: (texts.get(c.id) or c.current) for c in clauses.values() if c.texts}
                built = []
                for j, r in enumerate(entry["rules"]):
                    rule = self.build_rule(r | {"from": latest.id}, clauses, obligation.device_less, doc, path + ("rules", j),
                                           check_cites=False)
                    cite = r.get("cite", {})
                    wording = at.get(cite.get("clause", ""))
                    if wording is not None and cite.get("paragraph") and wording.paragraph(cite["paragraph"]) is None:
                        self.problem(doc, path + ("rules", j, "cite", "paragraph"), f"{wording.clause_id} has no provision "
                                     f"{provision_label(provision_path(cite['paragraph']))} in the proposed wording")
                    if rule:
                        built.append(dataclasses.replace(rule, first=version, last=None))
                rules[obligation.id] = tuple(built)
            self.modifications[mod_id] = dataclasses.replace(mod, proposal=Proposal(version, tuple(texts.values()), rules))

    def build_rule(self, raw: Raw, clauses: dict[str, Clause], device_less: bool, doc: Document, path: Path_,
                   check_cites: bool = True) -> Rule | None:
        party = self.lookup(self.parties, raw["party"], doc, path + ("party",), "party")
        role = self.lookup(self.parties, raw.get("role"), doc, path + ("role",), "party")
        span = self.version_range(raw, doc, path)
        cite = raw.get("cite", {})
        clause = self.lookup(clauses, cite.get("clause"), doc, path + ("cite", "clause"), "clause")
        term = self.lookup(self.terms, cite.get("term"), doc, path + ("cite", "term"), "glossary term")
        if clause and span and check_cites:
            self.check_citation(clause, cite.get("paragraph"), *span, doc, path + ("cite",))
        if term and span:
            self.check_definition_cited(term, *span, doc, path + ("cite", "term"))
        if "paragraph" in cite and "clause" not in cite:
            self.problem(doc, path + ("cite", "paragraph"), "a provision is cited with its clause: add 'clause'")
        if device_less and ("covers" in raw or "excludes" in raw):
            key = "covers" if "covers" in raw else "excludes"
            self.problem(doc, path + (key,), "this obligation applies to no device ('applies_to: no-device'): a rule "
                         "of it covers or excludes no device")
        selectors = {key: tuple(self.selector(s, doc, path + (key, k)) for k, s in enumerate(raw.get(key, [])))
                     for key in ("covers", "excludes")}
        provenance = self.provenance(raw["provenance"], doc, path + ("provenance",))
        if not (party and span):
            return None
        return Rule(party, *span, selectors["covers"] or (Selector(),), selectors["excludes"], provenance,
                    cite.get("clause"), cite.get("paragraph"), role, cite.get("term"))

    def in_range(self, first: Version, last: Version | None) -> Iterator[Version]:
        return (v for v in self.version.values() if first <= v and (last is None or v <= last))

    def check_citation(self, clause: Clause, paragraph: str | None, first: Version, last: Version | None,
                       doc: Document, path: Path_) -> None:
        """A rule's cited clause (and provision) must exist in every version the rule covers."""
        for version in self.in_range(first, last):
            text = clause.text_at(version)
            if text is None or text.not_used:
                said = "has no text in force" if text is None else "reads \"[Not used]\""
                self.problem(doc, path + ("clause",), f"{clause.id} {said} in '{version.id}'")
                return
            if paragraph and text.paragraph(paragraph) is None:
                self.problem(doc, path + ("paragraph",), f"{clause.id} has no provision {provision_label(provision_path(paragraph))} "
                             f"in '{version.id}'")
                return

    def check_definition_cited(self, term: Term, first: Version, last: Version | None, doc: Document, path: Path_) -> None:
        for version in self.in_range(first, last):
            if term.definition_at(version) is None:
                self.problem(doc, path, f"'{term.term}' has no definition in force in '{version.id}'")
                return

    def selector(self, raw: Raw, doc: Document, path: Path_) -> Selector:
        ids = {}
        for key, table, what in (("devices", self.device_types, "device type"), ("generations", self.generations, "generation")):
            if key in raw:
                for j, x in enumerate(raw[key]):
                    self.lookup(table, x, doc, path + (key, j), what)
                ids[key] = frozenset(raw[key])
        return Selector(ids.get("devices"), ids.get("generations"))
