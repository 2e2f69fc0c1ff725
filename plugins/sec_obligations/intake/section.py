"""``sec-obligations import section``: take in one SEC section document as published.

The document's clauses (:mod:`.clauses`) are compared with the wordings held for the version
before the one named: an unchanged clause is left as it is (its YAML untouched); a changed one
gets a new wording from that version, the one before closing at the version before; a new one is
added under its heading; one held but missing from the document is reported as a candidate for a
deleted or renumbered status, never dropped. Section A's definitions table (rows of term and
meaning) updates the glossary the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import diff, redline
from ..loader import load
from ..model import Corpus, Version, section_of
from . import apply, document
from .clauses import CLAUSE, ParsedClause, parse, same_words
from .importer import IntakeError, Outcome, validate

SECTION_TITLE = re.compile(r"^Section ([A-Z]{1,2})\b[:\s–-]*(.*)$")


@dataclass
class Row:
    term: str
    meaning: str
    where: str


def read(doc: document.Document) -> tuple[str | None, str | None, list[ParsedClause], list[Row]]:
    """The section id and title the document names, its clauses, and its definitions table rows."""
    section_id = title = None
    for block in doc.blocks[:20]:
        if m := SECTION_TITLE.match(block.text):
            section_id, title = m.group(1), m.group(2).strip(" '‘’\"") or None
            break
    rows = [Row(b.cells[0], b.cells[1], b.where) for b in doc.blocks
            if b.cells and len(b.cells) == 2 and b.cells[0] and b.cells[1] and not CLAUSE.match(b.cells[0])
            and b.cells[0].lower() not in ("expression", "term", "defined term")]
    clauses = parse([(b.text, b.where) for b in doc.blocks if not b.cells])
    return section_id, title, clauses, rows


def _problems_of_order(name: str, clauses: list[ParsedClause]) -> list[str]:
    """Clause numbers repeated or out of order: a document read wrongly, or a wrong document."""
    problems: list[str] = []
    seen: dict[str, str] = {}  # clause id -> where it is first printed
    last = None
    for c in clauses:
        if c.id in seen:
            problems.append(f"{name}: {c.where}: {c.id} is printed twice (first at {seen[c.id]})")
        seen.setdefault(c.id, c.where)
        key = _order(c.id)
        if last is not None and key < last[0]:
            problems.append(f"{name}: {c.where}: {c.id} comes after {last[1]}: the clauses are out of order")
        last = (key, c.id)
    return problems


def _order(clause_id: str) -> tuple:
    return tuple(int(n) if n.isdigit() else n for n in re.findall(r"\d+|[A-Z]+", clause_id))


def import_section(root: Path, file: Path, version_id: str, dry_run: bool) -> Outcome:
    try:
        doc = document.read(file)
    except document.DocumentError as error:
        raise IntakeError(str(error)) from None
    corpus = load(root)
    target = corpus.version.get(version_id)
    if target is None:
        raise IntakeError(f"--version {version_id}: no such version in versions.yaml (known: {', '.join(corpus.version)})")
    section_id, title, clauses, rows = read(doc)
    if not clauses:
        raise IntakeError(f"{doc.name}: no clause found (a clause starts with its number, e.g. 'G3.20 Each User ...')")
    problems = _problems_of_order(doc.name, clauses)
    prefixes = {section_of(c.id) for c in clauses}
    if section_id is None:
        section_id = prefixes.pop() if len(prefixes) == 1 else None
    if section_id is None:
        problems.append(f"{doc.name}: the document names no section ('Section G ...') and its clauses belong to several")
    elif prefixes - {section_id}:
        odd = next(c for c in clauses if not c.id.startswith(section_id))
        problems.append(f"{doc.name}: {odd.where}: {odd.id} is not a clause of Section {section_id}")
    if problems:
        raise IntakeError("\n".join(problems))
    if section_id not in corpus.sections:
        raise IntakeError(f"{doc.name}: Section {section_id} is not held: add sections/{section_id}.yaml with its id, "
                           "title and headings first")
    previous = corpus.versions[target.index - 1] if target.index else None
    source_id = f"sec-section-{section_id.lower()}-{target.id}".lower()
    provenance = {"source": source_id, "status": "verbatim"}
    edits, out = apply.DataFolder(root), Outcome()
    out.lines.append(f"Section {section_id} as at {target.label}: {len(clauses)} clauses in {doc.name}")
    counts = {"unchanged": 0, "amended": 0, "new": 0}
    for clause in clauses:
        kind = _take(corpus, edits, clause, target, previous, provenance, out, doc.name)
        counts[kind] += 1
    printed = {c.id for c in clauses}
    for held in corpus.sections[section_id].clauses:
        text = held.text_at(previous) if previous else None
        if held.id not in printed and held.status is None and text is not None and held.current.last is None:
            out.lines.append(f"  {held.id}: held, but not in the document: a candidate for a 'status' (deleted or "
                             f"renumbered in {target.label}); left as it is")
    counts["definitions"] = _definitions(corpus, edits, rows, target, previous, provenance, out) if rows else 0
    if counts["amended"] or counts["new"] or counts["definitions"]:
        edits.add_source({"id": source_id, "title": f"SEC Section {section_id}" + (f" '{title}'" if title else "")
                          + f", as at {target.label}", "file": doc.name, "sha256": doc.sha256, "sec_version": target.id})
    out.lines.append(f"{counts['unchanged']} unchanged, {counts['amended']} amended, {counts['new']} new clause(s), "
                     f"{counts['definitions']} definition(s) changed")
    out.files = sorted(edits.render())
    if out.files:
        validate(root, edits)
    if not dry_run:
        edits.write()
    return out


def _take(corpus: Corpus, edits: apply.DataFolder, clause: ParsedClause, target: Version, previous: Version | None,
          provenance: dict, out: Outcome, name: str) -> str:
    held = corpus.clauses.get(clause.id)
    if held is None:
        edits.new_clause(section_of(clause.id), clause.heading, clause.id, target.id, clause.wording(), provenance)
        out.lines.append(f"  {clause.id}: new clause: {clause.plain()[:100]}")
        return "new"
    at = held.text_at(target)
    if at is not None and same_words(at.plain(), clause.plain()):
        return "unchanged"
    before = held.text_at(previous) if previous else None
    if previous is None or before is None or held.current is not before or before.last is not None:
        after = previous.label if previous else "the first version"
        raise IntakeError(f"{name}: {clause.where}: {clause.id} already has a wording after {after}: "
                           f"a wording from {target.label} cannot be added (take the documents in in version order)")
    pieces = [list(p) for p in redline.diff(before.plain(), clause.plain())]
    out.lines.append(f"  {clause.id}: amended: {diff.excerpt(pieces, 6)}")
    edits.new_wording(clause.id, target.id, previous.id, clause.wording(), provenance)
    return "amended"


def _definitions(corpus: Corpus, edits: apply.DataFolder, rows: list[Row], target: Version, previous: Version | None,
                 provenance: dict, out: Outcome) -> int:
    """The definitions table: each row a term's definition; a changed one gets a new wording from ``target``."""
    by_name = {t.term.lower(): t for t in corpus.terms.values()}
    changed = 0
    for row in rows:
        term = by_name.get(row.term.lower())
        if term is None:
            out.lines.append(f"  definition of '{row.term}' ({row.where}): not in the glossary: add the term to "
                             "glossary.yaml (id, term), then take the document in again")
            continue
        now = term.definition_at(target)
        if now is not None and " ".join(now.text.split()) == " ".join(row.meaning.split()):
            continue
        before = term.definition_at(previous) if previous else None
        pieces = [list(p) for p in redline.diff(before.text if before else "", row.meaning)]
        out.lines.append(f"  definition of {term.term}: {diff.excerpt(pieces, 6)}")
        edits.new_definition(term.id, target.id, previous.id if previous and before else None, row.meaning, provenance,
                             corpus.versions[0].id)
        changed += 1
    return changed
