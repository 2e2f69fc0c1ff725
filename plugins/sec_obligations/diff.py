"""What changed between two versions of the code: clause wordings and answers of the decision table.

:func:`compare` returns plain, JSON-ready data; :func:`as_text` words it for a terminal. The
comparison is net: a clause changed and changed back between the two versions is not listed.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

from . import export, paths, redline
from .engine import Matrix, Verdict, row_label
from .model import Clause, ClauseText, Corpus, Definition, Term, Version


def compare(corpus: Corpus, a: Version, b: Version, matrix: Matrix | None = None) -> dict:
    """The differences from version ``a`` to version ``b`` (``b`` is usually the later one)."""
    matrix = matrix or Matrix(corpus)
    between = corpus.between(a, b)
    return {
        "from": export.version_json(a),
        "to": export.version_json(b),
        "direction": "forward" if a <= b else "backward",
        "versions": [v.id for v in between],
        "modifications": [{"id": m.id, "title": m.title, "implemented_in": m.implemented_in.id}
                          for m in corpus.modifications.values() if m.implemented_in in between],
        "clauses": [change for clause in corpus.clauses.values() if (change := clause_change(clause, a, b, between))],
        "definitions": [change for term in corpus.terms.values() if (change := definition_change(term, a, b, between))],
        "responsibilities": [
            {"row": row.id, "obligation": row.obligation.id, "obligation_short": row.obligation.short,
             "generation": row.generation_id, "device": row.device_id,
             "label": row_label(row), "before": answer_json(before), "after": answer_json(after)}
            for row in matrix.rows
            if (before := matrix.verdict(row, a)).key != (after := matrix.verdict(row, b)).key],
    }


def clause_change(clause: Clause, a: Version, b: Version, between: tuple[Version, ...]) -> dict | None:
    """How one clause's wording differs from ``a`` to ``b``, or ``None`` if it reads the same."""
    old, new = clause.text_at(a), clause.text_at(b)
    if old is new or (old and new and old.plain() == new.plain()):
        return None
    kind = "added" if old is None else "removed" if new is None else "amended"
    return {
        "clause": clause.id, "section": clause.section_id, "change": kind,
        "modifications": sorted({t.modification for t in clause.texts if t.modification and t.first in between}),
        "before": text_json(old), "after": text_json(new),
        "redline": [list(piece) for piece in redline.diff(old.plain() if old else "", new.plain() if new else "")],
    }


def definition_change(term: Term, a: Version, b: Version, between: tuple[Version, ...]) -> dict | None:
    """How one term's definition differs from ``a`` to ``b``, or ``None`` if it reads the same."""
    old, new = term.definition_at(a), term.definition_at(b)
    if old is new or (old and new and old.text == new.text):
        return None
    kind = "added" if old is None else "removed" if new is None else "amended"
    def side(d: Definition | None) -> dict[str, Any] | None:
        if d is None:
            return None
        return {"text_from": d.first.id, "text_to": d.last.id if d.last else None, "anchor": paths.definition_anchor(d),
                "modification": d.modification, "source": d.provenance.source.id, "status": d.provenance.status,
                "text": d.text}

    return {"term": term.id, "name": term.term, "change": kind,
            "modifications": sorted({d.modification for d in term.definitions if d.modification and d.first in between}),
            "before": side(old), "after": side(new),
            "redline": [list(piece) for piece in redline.diff(old.text if old else "", new.text if new else "")]}


def text_json(text: ClauseText | None) -> dict | None:
    if text is None:
        return None
    return {"text_from": text.first.id, "text_to": text.last.id if text.last else None, "anchor": paths.text_anchor(text),
            "modification": text.modification, "change_note": text.change_note, "source": text.provenance.source.id,
            "status": text.provenance.status, "text": text.plain()}


def answer_json(verdict: Verdict) -> dict:
    return export.answer_fields(verdict) | {"citations": sorted({r.citation for r in verdict.reasons if r.citation})}


# -- as text ---------------------------------------------------------------------------------------

def as_text(report: dict, context: int = 8, width: int = 100) -> str:
    """The report in plain words; redlines show ``[-deleted-]`` and ``{+inserted+}`` words in context."""
    a, b = report["from"]["label"], report["to"]["label"]
    out = [f"Changes from {a} to {b}" + (" (backwards: the first version is the later one)"
                                         if report["direction"] == "backward" else "")]
    if not report["versions"]:
        return out[0] + "\nThe same version: nothing to compare.\n"
    out.append("Versions after the first, up to the second: " + ", ".join(report["versions"]))
    mods = report["modifications"]
    out.append("Modifications implemented: " + ("; ".join(f"{m['id']} {m['title']} (in {m['implemented_in']})"
                                                          for m in mods) or "none held here"))
    out.append(f"\nClauses changed: {len(report['clauses'])}")
    for change in report["clauses"]:
        mods = ", ".join(change["modifications"])
        by = "" if not mods else f" by {mods}" if report["direction"] == "forward" else f" (undoing {mods})"
        out.append(f"  {change['clause']}  {change['change']}{by}")
        for label, side in (("before", change["before"]), ("after", change["after"])):
            if side:
                out.append(f"    {label}: wording in force from {side['text_from']} ({side['status']})")
        shown = excerpt(change["redline"], context)
        out += textwrap.wrap(shown, width, initial_indent="    ", subsequent_indent="    ",
                             break_long_words=False, break_on_hyphens=False)
    out.append(f"\nDefinitions changed: {len(report['definitions'])}")
    for change in report["definitions"]:
        mods = ", ".join(change["modifications"])
        out.append(f"  {change['name']}  {change['change']}" + (f" by {mods}" if mods else ""))
        out += textwrap.wrap(excerpt(change["redline"], context), width, initial_indent="    ", subsequent_indent="    ",
                             break_long_words=False, break_on_hyphens=False)
    out.append(f"\nResponsibilities changed: {len(report['responsibilities'])}")
    for r in report["responsibilities"]:
        out.append(f"  {r['obligation_short']}: {r['label']}: {r['before']['answer']} -> {r['after']['answer']}")
    return "\n".join(out) + "\n"


def excerpt(pieces: list, context: int) -> str:
    """A redline as one line of text, keeping ``context`` words either side of each change."""
    marked = ""
    for op, text in pieces:
        lead, core, trail = redline.spaces_apart(text)
        if op == "=" or not core:
            marked += text
        else:
            marked += lead + CHANGED + (MARKS[op] % GLUE.join(core.split())) + trail
    words = re.findall(r"\s*\S+", " ".join(marked.split()))
    changed = [i for i, word in enumerate(words) if CHANGED in word]
    keep = {j for i in changed for j in range(i - context, i + context + 1)}
    out = []
    for i, word in enumerate(words):
        if i in keep:
            out.append(word)
        elif not out or out[-1] != " …":
            out.append(" …")
    return "".join(out).replace(CHANGED, "").replace(GLUE, " ").strip()


MARKS = {"-": "[-%s-]", "+": "{+%s+}"}
CHANGED, GLUE = "\x01", "\x00"  # flags a changed word; keeps the words of one change together
