"""The responsibility matrix as plain data: JSON-ready dicts and CSV."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from .engine import Matrix, Reason, Verdict
from .model import ClauseText, Corpus, DateInfo, Definition, Modification, Obligation, Paragraph, Provenance, Rule, Version


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
    cited = reason.text or reason.definition
    return {"party": rule.party.id, "includes": reason.includes, "clause": rule.clause, "paragraph": rule.paragraph,
            "term": rule.term, "text_from": cited.first.id if cited else None, "modification": reason.modification,
            "source": rule.provenance.source.id, "status": rule.provenance.status, "note": rule.provenance.note}


def reason_words(reason: Reason) -> str:
    """A reason in plain words: the citation, the wording it rests on, and its effect."""
    verb = "includes" if reason.includes else "excludes"
    party = reason.rule.party.short
    cited = reason.text or reason.definition
    if reason.citation and cited:
        by = f" (changed by {reason.modification})" if reason.modification else ""
        return f"{reason.citation}, text in force from {cited.first.label}{by}, {verb} it for the {party}"
    return f"{party}: {reason.rule.provenance.source.title} ({reason.rule.provenance.status})"


def answer_fields(verdict: Verdict) -> dict:
    """The answer as data: its status, the parties bearing it, and in words."""
    return {"status": verdict.status, "parties": [p.id for p in verdict.parties], "answer": verdict.answer}


def reason_code(reason: Reason) -> str:
    """A reason in a few characters, for a table cell: ``+G3.17`` (the clause includes it) or ``-user``."""
    return f"{'+' if reason.includes else '-'}{reason.citation or reason.rule.party.id}"


def verdict_json(verdict: Verdict, version: Version) -> dict:
    return {"obligation": verdict.obligation.id, "version": version.id,
            "generation": verdict.generation.id if verdict.generation else None, "device": verdict.device.id if verdict.device else None,
            **answer_fields(verdict), "reasons": [reason_json(r) for r in verdict.reasons]}


def matrix_json(matrix: Matrix) -> dict:
    """Every row with its runs of versions that read the same, as numbers into ``runs``: the distinct
    runs, each listed once (a run's answer and reasons are shared by many rows)."""
    corpus: Corpus = matrix.corpus
    runs = Distinct()
    return {
        "versions": [version_json(v) for v in corpus.versions],
        "parties": [{"id": p.id, "name": p.name, "short": p.short} for p in corpus.parties.values()],
        "obligations": [{"id": o.id, "title": o.title, "short": o.short, "twin": o.twin} for o in corpus.obligations.values()],
        "generations": [{"id": g.id, "name": g.name, "in_scope_from": g.in_scope_from.id} for g in corpus.generations.values()],
        "device_types": [{"id": d.id, "name": d.name, "short": d.short, "generations": [g.id for g in d.generations]}
                         for d in corpus.device_types.values() if d.assessed],
        "rows": [{"id": row.id, "obligation": row.obligation.id, "device": row.device_id,
                  "generation": row.generation_id,
                  "runs": [runs.number({"from": run.first.id, "to": run.last.id, "status": run.verdict.status,
                                        "parties": [p.id for p in run.verdict.parties], "answer": run.verdict.answer,
                                        "changed": run.changed, "twin_mismatch": run.mismatch,
                                        "reasons": [reason_json(r) for r in run.verdict.reasons]})
                           for run in matrix.runs(row)]}
                 for row in matrix.rows],
        "runs": runs.items,
    }


class Distinct:
    """JSON objects listed once each, in the order first given, and known by their number: the runs
    of versions that many rows share (a row lists its runs as numbers into ``items``)."""

    def __init__(self) -> None:
        self.items: list[dict] = []
        self._numbers: dict[str, int] = {}

    def number(self, item: dict) -> int:
        key = json.dumps(item, sort_keys=True)
        if key not in self._numbers:
            self._numbers[key] = len(self.items)
            self.items.append(item)
        return self._numbers[key]


CSV_FIELDS = ("obligation", "generation", "device", "from_version", "to_version", "status", "parties", "answer",
              "changed", "twin_mismatch", "reasons")


def matrix_csv(matrix: Matrix) -> str:
    """One line per row and run of versions that read the same, in the order of the data. The answer
    is the data's words (a party's short name), made text where a spreadsheet would read a formula;
    every other cell is an id, a version, a word of ours or a reason code (``+G3.17``, ``-user``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for row in matrix.rows:
        for run in matrix.runs(row):
            verdict = run.verdict
            writer.writerow((row.obligation.id, row.generation_id or "", row.device_id or "",
                             run.first.id, run.last.id, verdict.status, " ".join(p.id for p in verdict.parties),
                             as_text(verdict.answer), str(run.changed).lower(), str(run.mismatch).lower(),
                             "; ".join(map(reason_code, verdict.reasons))))
    return out.getvalue()


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet reads a cell beginning so as a formula


def as_text(cell: str) -> str:
    """A cell a spreadsheet would read as a formula, made text by a leading apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def csv_text(fields: tuple[str, ...], rows) -> str:
    """RFC 4180 CSV (CRLF line ends, fields quoted where they must be), every cell that a spreadsheet
    would read as a formula made text (:func:`as_text`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fields)
    writer.writerows([as_text(cell) for cell in row] for row in rows)
    return out.getvalue()


# -- the whole model ---------------------------------------------------------------------------------

def provenance_json(p: Provenance | None) -> dict | None:
    return {"source": p.source.id, "status": p.status, "note": p.note} if p else None


def provision_json(p: Paragraph) -> dict:
    """A provision and its own, to any depth."""
    return {"id": p.id, "text": p.text, "paragraphs": [provision_json(q) for q in p.paragraphs], "tail": p.tail}


def wording_json(t: ClauseText) -> dict:
    """What a wording says: lead, provisions, tail, and whether it is "[Not used]" or holds a table."""
    return {"lead": t.lead, "paragraphs": [provision_json(p) for p in t.paragraphs], "tail": t.tail,
            "not_used": t.not_used, "definitions_table": t.definitions,
            "table": {"columns": list(t.table.columns), "rows": [list(r) for r in t.table.rows]} if t.table else None}


def clause_text_json(t: ClauseText) -> dict:
    return {"from": t.first.id, "to": t.last.id if t.last else None, "modification": t.modification,
            "change_note": t.change_note, "provenance": provenance_json(t.provenance)} | wording_json(t)


def definition_json(d: Definition) -> dict:
    return {"from": d.first.id, "to": d.last.id if d.last else None, "text": d.text, "modification": d.modification,
            "change_note": d.change_note, "provenance": provenance_json(d.provenance)}


def scope_json(o: Obligation) -> str | list:
    """``no-device``, or the selectors of the devices it concerns (empty: every assessed device type)."""
    return "no-device" if o.device_less else selectors_json(o.scope)


def selectors_json(items) -> list[dict]:
    return [{"devices": sorted(s.devices) if s.devices is not None else None,
             "generations": sorted(s.generations) if s.generations is not None else None} for s in items]


def rule_json(r: Rule) -> dict:
    return {"party": r.party.id, "role": r.role.id if r.role else None, "clause": r.clause, "paragraph": r.paragraph,
            "term": r.term, "from": r.first.id, "to": r.last.id if r.last else None, "covers": selectors_json(r.covers),
            "excludes": selectors_json(r.excludes), "provenance": provenance_json(r.provenance)}


def model_json(corpus: Corpus) -> dict:
    """Every fact of the data, resolved and in data order: what the site is built from, as JSON."""
    return {
        "sources": [asdict(s) for s in corpus.sources.values()],
        "versions": [version_json(v) | {"date_provenance": provenance_json(v.date_provenance),
                                         "number_note": v.number_note, "notes": v.notes,
                                         "sources": [s.id for s in v.sources]} for v in corpus.versions],
        "parties": [asdict(p) for p in corpus.parties.values()],
        "generations": [{"id": g.id, "name": g.name, "description": g.description, "in_scope_from": g.in_scope_from.id,
                         "in_scope_provenance": provenance_json(g.in_scope_provenance), "term": g.term}
                        for g in corpus.generations.values()],
        "device_types": [{"id": d.id, "name": d.name, "short": d.short, "description": d.description,
                          "generations": [g.id for g in d.generations], "term": d.term, "assessed": d.assessed,
                          "assessment_note": d.assessment_note} for d in corpus.device_types.values()],
        "terms": [{"id": t.id, "term": t.term, "acronym": t.acronym, "aliases": list(t.aliases),
                   "definition": t.definition, "provenance": provenance_json(t.provenance), "defined_in": t.defined_in,
                   "definitions": [definition_json(d) for d in t.definitions]} for t in corpus.terms.values()],
        "sections": [{"id": s.id, "title": s.title, "description": s.description,
                      "headings": [{"id": h.id, "title": h.title,
                                    "clauses": [{"id": c.id, "title": c.title,
                                                 "texts": [clause_text_json(t) for t in c.texts]} for c in h.clauses]}
                                   for h in s.headings]} for s in corpus.sections.values()],
        "obligations": [{"id": o.id, "title": o.title, "short": o.short, "description": o.description,
                         "clauses": list(o.clauses), "twin": o.twin, "applies_to": scope_json(o),
                         "rules": [rule_json(r) for r in o.rules]}
                        for o in corpus.obligations.values()],
        "modifications": [modification_json(m) for m in corpus.modifications.values()],
    }


def modification_json(m: Modification) -> dict:
    return {"id": m.id, "title": m.title, "type": m.type, "status": m.status, "summary": m.summary,
            "background": m.background, "decision": m.decision,
            "drafted_against": m.drafted_against.id if m.drafted_against else None,
            "implemented_in": m.implemented_in.id if m.implemented_in else None,
            "dates": [{"event": e.event, "date": e.date, "provenance": provenance_json(e.provenance)} for e in m.dates],
            "impacted_parties": list(m.impacted_parties),
            "impacts": [{"area": a, "impact": i} for a, i in m.impacts],
            "costs": [{"party": p, "cost": c} for p, c in m.costs],
            "benefits": list(m.benefits), "drawbacks": list(m.drawbacks),
            "objectives": [{"objective": o, "text": t, "rationale": r} for o, t, r in m.objectives],
            "views": [{"body": b, "view": v} for b, v in m.views],
            "changes": [{"clause": c, "description": d} for c, d in m.changes],
            "provenance": provenance_json(m.provenance)}
