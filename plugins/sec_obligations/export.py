"""The responsibility matrix as plain data: JSON-ready dicts and CSV."""

from __future__ import annotations

import csv
import io

from .engine import Matrix, Reason, Verdict
from .model import Corpus, DateInfo, Version


def date_json(date: DateInfo) -> dict:
    if date.exact:
        return {"exact": date.exact}
    if date.earliest:
        return {"earliest": date.earliest, "latest": date.latest}
    return {"unknown": True}


def version_json(version: Version) -> dict:
    return {"id": version.id, "label": version.label, "number": version.number, "date": date_json(version.date),
            "date_status": version.date_provenance.status, "release": version.release}


def reason_json(reason: Reason) -> dict:
    rule = reason.rule
    return {"party": rule.party.id, "includes": reason.includes, "clause": rule.clause, "paragraph": rule.paragraph,
            "text_from": reason.text.first.id if reason.text else None, "modification": reason.modification,
            "source": rule.provenance.source.id, "status": rule.provenance.status, "note": rule.provenance.note}


def reason_words(reason: Reason) -> str:
    """``G3.20(b) as at the text from 5.14 excludes it (User)`` in plain words."""
    verb = "includes" if reason.includes else "excludes"
    party = reason.rule.party.short
    if reason.citation:
        by = f" (changed by {reason.modification})" if reason.modification else ""
        return f"{reason.citation}, text in force from {reason.text.first.label}{by}, {verb} it for the {party}"
    return f"{party}: {reason.rule.provenance.source.title} ({reason.rule.provenance.status})"


def verdict_json(verdict: Verdict, version: Version) -> dict:
    return {"obligation": verdict.obligation.id, "version": version.id,
            "generation": verdict.generation.id if verdict.generation else None, "device": verdict.device.id,
            "status": verdict.status, "parties": [p.id for p in verdict.parties], "answer": verdict.answer,
            "reasons": [reason_json(r) for r in verdict.reasons]}


def matrix_json(matrix: Matrix) -> dict:
    corpus: Corpus = matrix.corpus
    return {
        "versions": [version_json(v) for v in corpus.versions],
        "parties": [{"id": p.id, "name": p.name, "short": p.short} for p in corpus.parties.values()],
        "obligations": [{"id": o.id, "title": o.title, "short": o.short, "twin": o.twin} for o in corpus.obligations.values()],
        "generations": [{"id": g.id, "name": g.name, "in_scope_from": g.in_scope_from.id} for g in corpus.generations.values()],
        "device_types": [{"id": d.id, "name": d.name, "short": d.short, "generations": [g.id for g in d.generations]}
                         for d in corpus.device_types.values() if d.assessed],
        "rows": [{"id": row.id, "obligation": row.obligation.id, "device": row.device.id,
                  "generation": row.generation.id if row.generation else None,
                  "runs": [{"from": run.first.id, "to": run.last.id, "status": run.verdict.status,
                            "parties": [p.id for p in run.verdict.parties], "answer": run.verdict.answer,
                            "changed": run.changed, "twin_mismatch": run.mismatch,
                            "reasons": [reason_json(r) for r in run.verdict.reasons]}
                           for run in matrix.runs(row)]}
                 for row in matrix.rows],
    }


CSV_FIELDS = ("obligation", "generation", "device", "from_version", "to_version", "status", "parties", "answer",
              "changed", "twin_mismatch", "reasons")


def matrix_csv(matrix: Matrix) -> str:
    """One line per row and run of versions that read the same, in the order of the data."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for row in matrix.rows:
        for run in matrix.runs(row):
            verdict = run.verdict
            writer.writerow((row.obligation.id, row.generation.id if row.generation else "", row.device.id,
                             run.first.id, run.last.id, verdict.status, " ".join(p.id for p in verdict.parties),
                             verdict.answer, str(run.changed).lower(), str(run.mismatch).lower(),
                             "; ".join(f"{'+' if r.includes else '-'}{r.citation or r.rule.party.id}"
                                       for r in verdict.reasons)))
    return out.getvalue()
