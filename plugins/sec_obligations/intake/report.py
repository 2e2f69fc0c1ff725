"""A Modification Report in the SECAS template, read into the facts of a modification.

The template: the id and quoted title, "Modification Report", "Version 1.0", numbered sections
(1 Summary, 2 Background, 3 Solution, 4 Impacts, 5 Costs, 6 Implementation approach,
7 Conclusions), "Appendix 1: Glossary", then "Annex A" with the legal text: "These changes have
been drafted against SEC Version X", "Amend Section G3.20 as follows:" and the clauses. Every
fact is read from where the template puts it; a fact the report does not state is left out, never
guessed. Problems name the place in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import clauses as clause_text
from .clauses import ParsedClause

MOD_ID = re.compile(r"^((?:SEC)?MP\d{2,4}[A-Z]?|DP\d{2,4}[A-Z]?)\b")
TITLE = re.compile(r"^(?:(?:SEC)?MP\d+[A-Z]?|DP\d+[A-Z]?)?\s*['‘\"“](.+?)['’\"”]\s*$")
# A numbered section heading ("1. Summary"; a text export may drop the number) or its line in the contents.
SECTION = re.compile(r"^(?:(\d)\.\s+)?(Summary|Background|Solution|Impacts|Costs|Implementation approach|Conclusions)"
                     r"\s*(\.{2,}.*|\t.*|\s\|\s*\d+)?$")
CONTENTS_LINE = re.compile(r"\.{3,}|\t|\s\|\s*\d+$")
APPENDIX = re.compile(r"^Appendix \d+:?\s+(.*)$")
ANNEX = re.compile(r"^Annex A\s*$")
DRAFTED = re.compile(r"drafted against SEC Version (\d+(?:\.\d+)?)", re.IGNORECASE)
AMEND = re.compile(r"^Amend (?:Sections?|Clauses?) (.+?) as follows:?$", re.IGNORECASE)
CLAUSE_REF = re.compile(r"[A-Z]{1,2}\d+(?:\.\d+)+")
TYPE = re.compile(r"\b(Fast-Track Modification Proposal|Self-Governance Modification Proposal|"
                  r"Authority Determination Modification Proposal|Path \d Modification)", re.IGNORECASE)
DATE = re.compile(r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
FOOTNOTE = re.compile(r"^([¹²³⁴⁵⁶⁷⁸⁹]|\d)\s+(.+)$")
SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹"


class ReportError(Exception):
    """The document is not a Modification Report this reader can take in; the message says where."""


@dataclass
class Report:
    id: str
    title: str
    document_version: str | None
    facts: dict  # the modification's fields in the data's shape (no id, versions or provenance)
    drafted_against: str | None  # a version number as printed ("6.17")
    amended: list[str]  # clause ids the annex says it amends
    clauses: list[ParsedClause] = field(default_factory=list)  # every clause the annex prints
    annex_where: str = ""


def _iso(day: str, month: str, year: str) -> str:
    return f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"


def read(lines: list[tuple[str, str]], name: str) -> Report:
    """The report in ``lines`` (``(text, where)``, in order); :class:`ReportError` if it is not one."""
    lines = [(" ".join(t.replace("**", "").split()), w) for t, w in lines if t.strip()]
    head = [t for t, _ in lines[:40]]
    if not any(t == "Modification Report" for t in head):
        raise ReportError(f"{name}: not a Modification Report: no 'Modification Report' line near the start")
    mod_id = next((m.group(1) for t in head if (m := MOD_ID.match(t))), None)
    title = next((m.group(1) for t in head if (m := TITLE.match(t))), None)
    if not mod_id or not title:
        raise ReportError(f"{name}: the first page names no modification id and quoted title (e.g. MP087 'Title')")
    annex = next((i for i, (t, _) in enumerate(lines) if ANNEX.match(t)), None)
    if annex is None:
        raise ReportError(f"{name}: no 'Annex A' (the legal text) after the report")
    body, legal = lines[:annex], lines[annex:]
    parts = _sections(body)
    facts = _facts(parts, mod_id)
    drafted = next((m.group(1) for t, _ in legal if (m := DRAFTED.search(t))), None)
    amend_at = next((i for i, (t, _) in enumerate(legal) if AMEND.match(t)), None)
    if amend_at is None:
        raise ReportError(f"{name}: {legal[0][1]}: Annex A says no 'Amend Section ... as follows:'")
    amended = [ref for t, _ in legal if (m := AMEND.match(t)) for ref in CLAUSE_REF.findall(m.group(1))]
    printed = _all_clauses(legal[amend_at:])
    if not printed:
        raise ReportError(f"{name}: {legal[amend_at][1]}: Annex A prints no clause after '{legal[amend_at][0]}'")
    version = next((m.group(1) for t in head if (m := re.match(r"^Version (\d+(?:\.\d+)*)$", t))), None)
    return Report(mod_id, title, version, facts, drafted, amended, printed, legal[0][1])


def _all_clauses(lines: list[tuple[str, str]]) -> list[ParsedClause]:
    """The clauses after each "Amend ... as follows:" line of the annex."""
    found, start = [], None
    for i, (t, _) in enumerate(lines + [("Amend Section X as follows:", "")]):
        if AMEND.match(t):
            if start is not None:
                found += clause_text.parse(lines[start:i])
            start = i + 1
    return found


def _sections(lines: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The report's numbered sections and appendices, by name, skipping the table of contents."""
    parts: dict[str, list[str]] = {}
    current = None
    for t, _ in lines:
        m, a = SECTION.match(t), APPENDIX.match(t)
        if (m or a) and CONTENTS_LINE.search(t):
            continue  # a line of the table of contents
        if m:
            current = m.group(2).lower()
            parts[current] = []
        elif a:
            current = "appendix: " + a.group(1).lower()
            parts[current] = []
        elif current:
            parts[current].append(t)
    return parts


def _under(lines: list[str], heading: str, headings: set[str]) -> list[str]:
    """The lines under a sub-heading, up to the next of ``headings``."""
    if heading not in lines:
        return []
    out = []
    for t in lines[lines.index(heading) + 1:]:
        if t in headings:
            break
        out.append(t)
    return out


# The template's party categories: a PDF prints the table's row as words, without its cells.
CATEGORIES = ("Large Suppliers", "Small Suppliers", "Electricity Network Operators", "Gas Network Operators",
              "Other SEC Parties", "DCC")


def _ticked(row: str) -> list[str]:
    """The parties ticked in one row of the impacts table: the cell after each tick, or, in a row
    without cells, the category name the words after each tick begin with."""
    cells = _cells(row)
    if len(cells) > 1:
        return [cells[i + 1] for i, cell in enumerate(cells[:-1]) if cell == "✓" and cells[i + 1]]
    after = [part.strip() for part in row.split("✓")[1:]]
    return [next((name for name in CATEGORIES if part.startswith(name)), part) for part in after if part]


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"\t| \| ", row)]


def _items(lines: list[str]) -> list[str]:
    return [re.sub(r"^[-–•*]\s*", "", t) for t in lines]


def _none(sentence: str) -> str:
    """"There are no impacts on DCC Systems." reads "None"; anything else is kept as written."""
    return "None" if re.match(r"^(There (are|is) no|No )", sentence) and "anticipated" not in sentence else sentence


def _facts(parts: dict[str, list[str]], mod_id: str) -> dict:
    text = " ".join(t for lines in parts.values() for t in lines)
    facts: dict = {}
    if m := TYPE.search(text):
        facts["type"] = m.group(1)[0].upper() + m.group(1)[1:]
    facts["status"] = "approved" if re.search(r"has been approved|Panel has approved|approved by the Panel", text) else "proposed"
    if parts.get("summary"):
        facts["summary"] = " ".join(parts["summary"])
    background = _under(parts.get("background", []), "What is the issue?", {"What are the impacts of doing nothing?"})
    if background:
        facts["background"] = " ".join(background)
    decision = parts.get("implementation approach", [])
    if decision:
        facts["decision"] = " ".join(t for t in decision if t != "Approved implementation approach")
    implemented = re.search(r"implemented on (?:\*\*)?(" + DATE.pattern[2:-2] + r")", text)
    if implemented and (d := DATE.search(implemented.group(1))):
        how = "as an ad-hoc SEC release" if re.search(r"ad-hoc SEC Release", text, re.IGNORECASE) else ""
        facts["dates"] = [{"event": f"Implemented {how}".strip(), "date": _iso(*d.groups())}]
    impacts = parts.get("impacts", [])
    table_at = next((i for i, t in enumerate(impacts) if t.startswith("SEC Party Categories impacted")), None)
    if table_at is not None:
        rows = []
        for t in impacts[table_at + 1:]:
            if "✓" not in t and not re.search(r"Suppliers|Operators|Parties|DCC", t):
                break
            rows.append(t)
        facts["impacted_parties"] = [party for row in rows for party in _ticked(row)]
    areas = {"DCC System": "DCC Systems", "SEC and subsidiary documents": "SEC and subsidiary documents",
             "Other industry Codes": "Other industry codes", "Greenhouse gas emissions": "Greenhouse gas emissions"}
    found = []
    for heading, area in areas.items():
        lines = _under(impacts, heading, set(areas))
        lines = [t for t in lines if not t.startswith("The following parts")]
        if lines:
            found.append({"area": area, "impact": "; ".join(_none(x) for x in _items(lines))})
    if found:
        facts["impacts"] = found
    costs = parts.get("costs", [])
    headings = {"DCC costs": "DCC", "SECAS costs": "SECAS", "SEC Party costs": "SEC Parties"}
    found = [{"party": party, "cost": " ".join(_none(x) for x in _items(_under(costs, heading, set(headings))))}
             for heading, party in headings.items() if _under(costs, heading, set(headings))]
    if found:
        facts["costs"] = found
    conclusions = parts.get("conclusions", [])
    stops = {"Benefits", "Drawbacks", "Proposer's rationale against the General SEC Objectives", "Sub-Committee views",
             "Panel's views"}
    for key, heading in (("benefits", "Benefits"), ("drawbacks", "Drawbacks")):
        if items := _items(_under(conclusions, heading, stops)):
            facts[key] = items
    facts.update(_objectives(conclusions, stops))
    views = []
    bodies = {"CSC": "Change Sub-Committee (CSC)", "SSC": "Security Sub-Committee (SSC)", "TABASC": "TABASC"}
    for t in _under(conclusions, "Sub-Committee views", stops):
        if m := re.match(r"^The (CSC|SSC|TABASC)\b", t):
            views.append({"body": bodies[m.group(1)], "view": t})
    panel = [t for t in _under(conclusions, "Panel's views", stops) if not FOOTNOTE.match(t)]
    if panel:
        views.append({"body": "SEC Panel", "view": " ".join(panel)})
    if views:
        facts["views"] = views
    return facts


def _objectives(conclusions: list[str], stops: set[str]) -> dict:
    """"Objective (a)¹" headings with the rationale under them; the objective's words from its footnote."""
    lines = _under(conclusions, "Proposer's rationale against the General SEC Objectives", stops)
    notes = {m.group(1): m.group(2) for t in conclusions if (m := FOOTNOTE.match(t))}
    found, current = [], None
    for t in lines:
        if m := re.match(rf"^Objective (\([a-z]\))\s*([{SUPERSCRIPTS}\d]?)$", t):
            current = {"objective": m.group(1), "rationale": ""}
            if m.group(2) in notes:
                current["text"] = notes[m.group(2)]
            found.append(current)
        elif current is not None and not FOOTNOTE.match(t):
            current["rationale"] = (current["rationale"] + " " + t).strip()
    return {"objectives": [{"objective": o["objective"], **({"text": o["text"]} if "text" in o else {}),
                            "rationale": o["rationale"]} for o in found if o["rationale"]]} if found else {}
