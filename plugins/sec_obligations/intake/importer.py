"""``sec-obligations import report``: take in a Modification Report as published.

The report is read (:mod:`.document`, :mod:`.report`), checked against the data (the annex's
clauses against the wordings held for the version it was drafted against), and turned into edits
(:mod:`.apply`): the modification's file, each amended clause's new wording from the implementing
version (or, with no version, the modification's proposed wording), and the report as a source.
The edits are tried on a copy of the data first: nothing is written unless the result validates.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .. import diff, redline
from ..loader import DataError, display_path, load
from ..model import Clause, Corpus, Version
from . import apply, document, report
from .clauses import ParsedClause, same_words


class IntakeError(Exception):
    """The document cannot be taken in; the message names the file and the place in it."""


@dataclass
class Outcome:
    """What an import found and would write."""

    lines: list[str] = field(default_factory=list)  # the summary, as printed
    files: list[Path] = field(default_factory=list)  # written (or, in a dry run, that would be)


def _number(corpus: Corpus, number: str, name: str, where: str) -> Version:
    found = [v for v in corpus.versions if v.number == number]
    if not found:
        raise IntakeError(f"{name}: {where}: drafted against SEC Version {number}, which versions.yaml does not hold: "
                           "add that version first")
    return found[0]


def import_report(root: Path, file: Path, version_id: str | None, dry_run: bool) -> Outcome:
    try:
        doc = document.read(file)
    except document.DocumentError as error:
        raise IntakeError(str(error)) from None
    lines = [(b.text, b.where) for b in doc.blocks]
    try:
        parsed = report.read(lines, doc.name)
    except report.ReportError as error:
        raise IntakeError(str(error)) from None
    corpus = load(root)
    if parsed.drafted_against is None:
        raise IntakeError(f"{doc.name}: {parsed.annex_where}: Annex A does not say which SEC Version it was drafted against")
    base = _number(corpus, parsed.drafted_against, doc.name, parsed.annex_where)
    target = corpus.version.get(version_id) if version_id else None
    if version_id and target is None:
        raise IntakeError(f"--version {version_id}: no such version in versions.yaml (known: {', '.join(corpus.version)})")
    if target is not None and not base < target:
        raise IntakeError(f"--version {target.id}: the report was drafted against {base.label}; it must be implemented "
                           "in a later version")
    befores = _befores(doc, parsed)
    out, edits = Outcome(), apply.DataFolder(root)
    out.lines.append(f"{parsed.id} '{parsed.title}' (Modification Report, version {parsed.document_version or 'not stated'}), "
                     f"drafted against {base.label}" + (f", implemented in {target.label}" if target else ", not in force (proposed)"))
    source_id = f"{parsed.id.lower()}-report" + (f"-{parsed.document_version}" if parsed.document_version else "")
    provenance = {"source": source_id, "status": "verbatim"}
    changed: list[tuple[ParsedClause, Clause]] = []
    problems: list[str] = []
    for clause in parsed.clauses:
        held = corpus.clauses.get(clause.id)
        if held is None:
            problems.append(f"{doc.name}: {clause.where}: {clause.id} is not held in the data (a new clause: add it to "
                            "its section first, then take the report in)")
            continue
        wording = held.text_at(base)
        if wording is None:
            problems.append(f"{doc.name}: {clause.where}: {clause.id} has no wording held for {base.label}")
            continue
        before = befores.get(clause.id)
        if before is not None and not same_words(before, wording.plain()):
            problems.append(f"{doc.name}: {clause.where}: the annex's text of {clause.id} before its changes is not the "
                            f"wording held for {base.label}: {diff.excerpt([list(p) for p in redline.diff(wording.plain(), before)], 6)}")
            continue
        if same_words(clause.plain(), wording.plain()):
            out.lines.append(f"  {clause.id}: unchanged")
            continue
        if clause.id not in parsed.amended and before is None:
            problems.append(f"{doc.name}: {clause.where}: {clause.id} differs from the wording held for {base.label}, "
                            "though the annex does not say it amends it: is the annex drafted against another version?")
            continue
        changed.append((clause, held))
        pieces = [list(p) for p in redline.diff(wording.plain(), clause.plain())]
        out.lines.append(f"  {clause.id}: amended: {diff.excerpt(pieces, 6)}")
    for clause_id in parsed.amended:
        if not any(c.id == clause_id for c in parsed.clauses):
            problems.append(f"{doc.name}: {parsed.annex_where}: the annex says it amends {clause_id} but prints no text of it")
    if problems:
        raise IntakeError("\n".join(problems))
    if not changed:
        out.lines.append("  no clause is changed by the annex")
    mod_file = root / "modifications" / f"{parsed.id}.yaml"
    if mod_file.exists():
        out.lines.append(f"  modifications/{parsed.id}.yaml is held already: left as it is")
    else:
        edits.create(f"modifications/{parsed.id}.yaml", _modification(parsed, base, target, source_id, changed, provenance),
                     "modification", f"Taken in from {doc.name} (sha256 {doc.sha256[:12]}...) by sec-obligations import report.")
    if target is not None:
        previous = corpus.versions[target.index - 1]
        for clause, held in changed:
            current = held.text_at(previous)
            already = held.text_at(target)
            if already is not None and already.first == target and same_words(already.plain(), clause.plain()):
                out.lines.append(f"  {clause.id}: the wording from {target.label} is held already")
                continue
            if current is None or current.last is not None or held.current is not current:
                raise IntakeError(f"{doc.name}: {clause.where}: {clause.id}'s wording in force in {previous.label} is not "
                                   f"its last one: a wording from {target.label} cannot be added after it")
            edits.new_wording(clause.id, target.id, previous.id, clause.wording(), provenance, parsed.id)
    edits.add_source({"id": source_id, "title": f"{parsed.id} '{parsed.title}', Modification Report"
                      + (f" v{parsed.document_version}" if parsed.document_version else ""),
                      "publisher": "SECAS", "file": doc.name, "sha256": doc.sha256,
                      "document_version": parsed.document_version, "sec_version": base.id})
    out.files = sorted(edits.render())
    validate(root, edits)
    if not dry_run:
        edits.write()
    return out


def _modification(parsed: report.Report, base: Version, target: Version | None, source_id: str,
                  changed: list, provenance: dict) -> dict:
    facts = dict(parsed.facts)
    if target is not None:
        facts["status"] = "implemented"
    data = {"id": parsed.id, "title": parsed.title, **{k: facts[k] for k in ("type", "status", "summary") if k in facts}}
    data.setdefault("type", "Modification Proposal")
    data.setdefault("summary", f"{parsed.id}: {parsed.title}.")
    for key in ("background", "decision"):
        if key in facts:
            data[key] = facts[key]
    data["drafted_against"] = apply.version(base.id)
    if target is not None:
        data["implemented_in"] = apply.version(target.id)
    for key in ("dates", "impacted_parties", "impacts", "costs", "benefits", "drawbacks", "objectives", "views"):
        if key in facts:
            data[key] = facts[key]
    for event in data.get("dates", []):
        event["date"] = apply.DoubleQuotedScalarString(event["date"])
        event["provenance"] = {"source": source_id, "status": "stated"}
    data["changes"] = [{"clause": c.id, "description": f"Amended by Annex A of the {parsed.id} Modification Report."}
                       for c, _ in changed]
    if not data["changes"]:
        del data["changes"]
    if target is None and changed:
        data["proposed"] = {"texts": [{"clause": c.id, "provenance": provenance, **c.wording()} for c, _ in changed]}
    data["provenance"] = {"source": source_id, "status": "stated"}
    return data


def _befores(doc: document.Document, parsed: report.Report) -> dict[str, str]:
    """Each annex clause's text before its redline, where the document marks changes (Word)."""
    if not any(b.before is not None and b.before != b.text for b in doc.blocks):
        return {}
    lines = [(b.before if b.before is not None else b.text, b.where) for b in doc.blocks]
    try:
        before = report.read(lines, doc.name)
    except report.ReportError:
        return {}
    return {c.id: c.plain() for c in before.clauses}


def validate(root: Path, edits: apply.DataFolder) -> None:
    """Try the edits on a copy of the data: nothing is written that does not validate."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / root.name
        shutil.copytree(root, copy)
        for path, content in edits.render().items():
            (copy / path.relative_to(root)).write_text(content, encoding="utf-8")
        try:
            load(copy)
        except DataError as error:
            raise IntakeError("the data would not validate after this import, so nothing was written:\n"
                               + str(error).replace(str(copy), str(root))) from None


def print_outcome(outcome: Outcome, root: Path, dry_run: bool, out: TextIO) -> None:
    for line in outcome.lines:
        print(line, file=out)
    verb = "would write" if dry_run else "wrote"
    for path in outcome.files:
        print(f"{verb} {display_path(path)}", file=out)
