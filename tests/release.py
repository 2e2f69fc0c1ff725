"""A realistic new SEC release applied to a copy of a data folder, as docs/authoring.md tells an author.

The steps are the guide's ("Adding a new SEC version", "Recording a modification", "Recording a
changed clause", "Adding an obligation"), made as an author makes them, by editing the text of the
files: a new version after the latest (6.22 after 6.21 for the data as it is today), a modification
(MP100) implemented in it that rewords G3.17, the wording in force so far getting its ``to``; and,
with ``new_section``, a new section file (H) with one clause and a duty that concerns some device
types only (``applies_to``).

The ids are worked out from the data, so that the release is still a new one once the live data
has moved on: the next version number after the latest numbered one, the first free MPnnn from
MP100, the first free section letter from H. Used by tests/test_release_day.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass
class Release:
    version: str  # the new version's id (and number)
    previous: str  # the latest version before it
    modification: str
    section: str | None = None  # the new section's id, with new_section
    clause: str | None = None  # its clause
    obligation: str | None = None  # the duty it creates


AMENDMENTS = [(" shall promptly ", " shall without undue delay "), (" shall without undue delay ", " shall promptly "),
              (" shall ", " shall promptly ")]  # what MP100 does to G3.17's words


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as f:
        f.write(text)


def _next_number(versions: list[dict]) -> str:
    numbered = [v["number"] for v in versions if re.fullmatch(r"\d+\.\d+", str(v.get("number") or ""))]
    major, minor = (numbered[-1] if numbered else "6.21").split(".")
    taken = {str(v["id"]) for v in versions} | {str(v.get("number")) for v in versions}
    candidate = int(minor) + 1
    while f"{major}.{candidate}" in taken:
        candidate += 1
    return f"{major}.{candidate}"


def _next_date(versions: list[dict]) -> str:
    dates = []
    for v in versions:
        date = v.get("date")
        if isinstance(date, dict):
            date = date.get("latest")
        if date:
            dates.append(dt.date.fromisoformat(str(date)))
    return str((max(dates) if dates else dt.date(2019, 11, 29)) + dt.timedelta(days=21))


def apply(data: Path, new_section: bool = False) -> Release:
    versions = _read(data / "versions.yaml")["versions"]
    previous = str(versions[-1]["id"])
    version = _next_number(versions)
    mods = {p.stem for p in (data / "modifications").glob("*.yaml")}
    mod = next(f"MP{n}" for n in range(100, 1000) if f"MP{n}" not in mods)
    release = Release(version, previous, mod)
    source = f"{mod.lower()}-report"

    # 1. The source (sources.yaml: a new document gets an entry first).
    _append(data / "sources.yaml", f"""  - id: {source}
    title: "{mod} 'Prompt action on security vulnerabilities', Modification Report v1.0"
    publisher: SECAS
    description: The Modification Report, with its legal text in Annex A.
""")

    # 2. The version, at the end of versions.yaml ("Adding a new SEC version").
    _append(data / "versions.yaml", f"""
  - id: "{version}"
    number: "{version}"
    date: "{_next_date(versions)}"
    date_provenance: {{source: {source}, status: stated}}
    release: "SEC Release {version}"
    notes: Implements {mod}.
    sources: [{source}]
""")

    # 3. The changed clause ("Recording a changed clause"): the wording in force so far gets a
    # "to", the version before; the new wording follows it, from the new version, naming the
    # modification. Its words are the old ones with one change ("shall" becomes "shall promptly"),
    # so that every provision a rule cites is still there.
    g = data / "sections" / "G.yaml"
    lines = g.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip() == "      - id: G3.17")
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"      - id: |  - id: |\S", lines[i])), len(lines))
    while not lines[end - 1].strip():
        end -= 1
    current = max(i for i in range(start, end) if lines[i].startswith("          - from: "))
    entry = lines[current + 1:end]
    assert not any(line.startswith("            to: ") for line in entry), "G3.17's last wording already has a 'to'"
    kept, skipping = [], False
    for line in entry:  # the wording's own words: lead, paragraphs, tail, table ...
        if re.match(r"            \w", line):
            skipping = line.split(":")[0].strip() in ("change_note", "modification", "provenance", "to")
        if not skipping:
            kept.append(line)
    words = "".join(kept)
    for before, after in AMENDMENTS:  # the first that applies (a release after this one's undoes it)
        if before in words:
            words = words.replace(before, after, 1)
            break
    else:
        raise AssertionError("G3.17's wording has no 'shall' to amend")
    new = (f'          - from: "{version}"\n            modification: {mod}\n'
           f"            provenance: {{source: {source}, status: verbatim}}\n" + words)
    lines[current + 1:current + 1] = [f'            to: "{previous}"\n']
    lines.insert(end + 1, new)
    g.write_text("".join(lines), encoding="utf-8")

    changes = [("G3.17", "Section G3.17 requires the User to act promptly.")]

    if new_section:
        # 4. A new section file, with one clause, and a duty that concerns some device types only.
        held = {p.stem for p in (data / "sections").glob("*.yaml")}
        letter = next(c for c in "HIJKLMNOPQRSTUVWXYZ" if c not in held)
        clause = f"{letter}1.1"
        obligations = {o["id"] for o in _read(data / "obligations.yaml")["obligations"]}
        duty = next(d for d in ("keep-meter-records", "keep-meter-records-2", "keep-meter-records-3")
                    if d not in obligations)
        release.section, release.clause, release.obligation = letter, clause, duty
        (data / "sections" / f"{letter}.yaml").write_text(f"""# yaml-language-server: $schema=../../plugins/sec_obligations/schema/section.schema.json
id: {letter}
title: Meter Records
headings:
  - id: meter-records
    title: Records of Smart Meters
    clauses:
      - id: {clause}
        texts:
          - from: "{version}"
            modification: {mod}
            provenance: {{source: {source}, status: verbatim}}
            lead: "Each User shall, for each Smart Meter for which it is the Responsible Supplier:"
            paragraphs:
              - id: a
                text: keep a record of its location and of the firmware it runs; and
              - id: b
                text: provide that record to the Security Sub-Committee on request.
""", encoding="utf-8")
        _append(data / "obligations.yaml", f"""
  - id: {duty}
    title: Keep records of Smart Meters
    short: Meter records ({clause})
    description: Each User keeps a record of each Smart Meter for which it is the Responsible Supplier (Section {clause}).
    clauses: [{clause}]
    applies_to: [{{devices: [esme, gsme]}}]
    rules:
      - party: user
        role: responsible-supplier
        cite: {{clause: {clause}, paragraph: a}}
        from: "{version}"
        provenance: {{source: {source}, status: stated}}
""")
        changes.append((clause, "A new clause, by which Users keep records of their Smart Meters."))

    # 5. The modification, a new file named after its id ("Recording a modification").
    listed = "".join(f'  - clause: {c}\n    description: "{d}"\n' for c, d in changes)
    (data / "modifications" / f"{mod}.yaml").write_text(f"""# yaml-language-server: $schema=../../plugins/sec_obligations/schema/modification.schema.json
id: {mod}
title: "Prompt action on security vulnerabilities"
type: Self-Governance Modification Proposal
status: implemented
summary: >-
  Requires a User that becomes aware of a material security vulnerability to act promptly.
drafted_against: "{previous}"
implemented_in: "{version}"
changes:
{listed}provenance: {{source: {source}, status: stated}}
""", encoding="utf-8")
    return release
