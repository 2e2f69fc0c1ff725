"""`sec-obligations import section`: a section document as published (text, Word, PDF), made here
from a corpus, taken into a copy of the data: unchanged clauses untouched, changed ones amended,
new ones added, missing ones reported; the definitions table into the glossary; bad input refused."""

from __future__ import annotations

import html
import json
import shutil
import sys
from pathlib import Path

import docx
import pytest
import yaml

from sec_obligations.cli import main
from sec_obligations.loader import load
from sec_obligations.model import Corpus, Version
from test_intake_report import snapshot

from conftest import DATA, FIXTURE, DataCopy

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import Generator


def section_lines(corpus: Corpus, section_id: str, version: Version) -> list[str]:
    """A section as at a version as its document prints it: one paragraph a line, provisions labelled."""
    section = corpus.sections[section_id]
    lines = [f"Section {section.id} '{section.title}'", ""]

    def provisions(items):
        for p in items:
            yield f"({p.id}) {p.text}"
            yield from provisions(p.paragraphs)
            if p.tail:
                yield p.tail

    for heading in section.headings:
        texts = [t for c in heading.clauses if (t := c.text_at(version)) is not None]
        if not texts:
            continue
        lines += [heading.title, ""]
        for t in texts:
            if t.not_used:
                lines += [f"{t.clause_id} [Not used]", ""]
                continue
            lines += [f"{t.clause_id} {t.lead}", "", *[x for line in provisions(t.paragraphs) for x in (line, "")]]
            if t.tail:
                lines += [t.tail, ""]
    return lines


def as_docx(lines: list[str], path: Path) -> Path:
    document = docx.Document()
    for line in lines:
        if line:
            document.add_paragraph(line)
    document.save(path)
    return path


def as_pdf(lines: list[str], path: Path, print_pdf) -> Path:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)
    return print_pdf(path, "<html><head><style>@page { size: A4; margin: 18mm } body { font: 10.5pt serif }"
                     "p { margin: 0 0 0.5em }</style></head><body>" + body + "</body></html>", display_header_footer=True,
                     header_template='<div style="font-size:8px;width:100%;text-align:center">Smart Energy Code — Section</div>',
                     footer_template='<div style="font-size:8px;width:100%;text-align:center"><span class="pageNumber"></span></div>')


def run(*argv) -> int:
    return main([str(a) for a in argv])


@pytest.fixture(scope="module")
def corpus_folder(tmp_path_factory) -> Path:
    """A synthetic corpus of 400 clauses (sections of up to 160 clauses) and 8 versions."""
    folder = tmp_path_factory.mktemp("section-import") / "data"
    Generator(400, 8, 12, 6, 40, 12).write(folder)
    return folder


def held_until(source: Path, target: Path, section_id: str, last: str) -> None:
    """A copy of ``source`` in which ``section_id``'s wordings stop at version ``last``: what the data
    held before the next version's document came."""
    shutil.copytree(source, target)
    versions = [v["id"] for v in yaml.safe_load((source / "versions.yaml").read_text())["versions"]]
    keep = versions.index(last)
    file = target / "sections" / f"{section_id}.yaml"
    data = yaml.safe_load(file.read_text())
    for heading in data["headings"]:
        for clause in heading["clauses"]:
            texts = [t for t in clause["texts"] if versions.index(t["from"]) <= keep]
            if texts and "to" in texts[-1] and versions.index(texts[-1]["to"]) >= keep:
                del texts[-1]["to"]
            clause["texts"] = texts
        heading["clauses"] = [c for c in heading["clauses"] if c["texts"]]
    file.write_text(json.dumps(data, indent=1) + "\n")


@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
def test_the_next_versions_document_gives_exactly_its_changes(corpus_folder, tmp_path, kind, capsys, request):
    full = load(corpus_folder)
    section = next(s for s in full.sections.values() if len(s.clauses) >= 150)
    before, after = full.versions[4], full.versions[5]
    data = tmp_path / "obligations"
    held_until(corpus_folder, data, section.id, before.id)
    lines = section_lines(full, section.id, after)
    file = tmp_path / f"{section.id}.{kind}"
    if kind == "txt":
        file.write_text("\n".join(lines), encoding="utf-8")
    elif kind == "docx":
        as_docx(lines, file)
    else:
        as_pdf(lines, file, request.getfixturevalue("print_pdf"))
    assert run("--data", data, "import", "section", file, "--version", after.id) == 0, capsys.readouterr()
    imported = load(data)
    changed = {c.id for c in section.clauses if any(t.first == after for t in c.texts)}
    found = {c.id for c in imported.sections[section.id].clauses if any(t.first == after for t in c.texts)}
    assert found == changed and changed
    for clause in section.clauses:
        want, got = clause.text_at(after), imported.clauses[clause.id].text_at(after)
        assert (want is None) == (got is None), clause.id
        if want:
            assert got.plain().split() == want.plain().split(), clause.id
    # Taken in again: nothing changes.
    written = snapshot(data)
    assert run("--data", data, "import", "section", file, "--version", after.id) == 0
    assert snapshot(data) == written


def test_unchanged_clauses_keep_their_yaml_and_missing_ones_are_reported(tmp_path, capsys):
    data = DataCopy(tmp_path / "obligations")
    shutil.copytree(DATA, data.path)
    corpus = load(data.path)
    lines = [line for line in section_lines(corpus, "G", corpus.latest) if not line.startswith("G3.21")
             and "need not be required to notify the User" not in line]
    lines = [line.replace("promptly notified of the steps", "notified at once of the steps") for line in lines]
    file = tmp_path / "G.txt"
    file.write_text("\n".join(lines + ["G3.22 [Not used]"]), encoding="utf-8")
    before = (data.path / "sections/G.yaml").read_text()
    assert run("--data", data.path, "import", "section", file, "--version", "6.21") == 0
    out = capsys.readouterr().out
    assert "G3.18: amended: … ensure that the Security Sub-Committee is [-promptly-] notified {+at once+} of the steps" in out
    assert "G3.21: held, but not in the document: a candidate for a 'status'" in out
    assert "G3.22: new clause: [Not used]" in out
    after = (data.path / "sections/G.yaml").read_text()
    # G3.17's YAML, G3.19's and G3.20's are as they were, byte for byte.
    for clause in ("G3.17", "G3.19", "G3.20"):
        start = f"      - id: {clause}\n"
        chunk = before[before.index(start):before.index("      - id:", before.index(start) + 5)]
        assert chunk in after, clause
    imported = load(data.path)
    assert imported.clauses["G3.18"].texts[-1].first.id == "6.21" and imported.clauses["G3.18"].texts[-2].last.id == "2019-11-04-ad-hoc"
    assert imported.clauses["G3.21"].current.last is None  # never dropped
    assert imported.clauses["G3.22"].current.not_used
    source = imported.sources[imported.clauses["G3.18"].current.provenance.source.id]
    assert source.file == "G.txt" and len(source.sha256) == 64 and source.sec_version == "6.21"


def test_the_definitions_table_updates_the_glossary(tmp_path, capsys):
    data = tmp_path / "obligations"
    shutil.copytree(FIXTURE, data)
    file = tmp_path / "A.txt"
    file.write_text("Section A 'Definitions and Interpretation'\n\nDefinitions\n\n"
                    "A1.1 In this Code, the expressions in the left hand column have the meanings in the right hand column:\n\n"
                    "Expression\tMeaning\n"
                    "DCC Total System\tThe systems the DCC provides, including Communications Hubs except SMETS1 ones.\n"
                    "User Systems\tThe systems, other than Devices, that a User uses to communicate with the DCC.\n",
                    encoding="utf-8")
    assert run("--data", data, "import", "section", file, "--version", "6.21") == 0, capsys.readouterr()
    out = capsys.readouterr().out
    assert "definition of User Systems:" in out and "1 definition(s) changed" in out
    corpus = load(data)
    term = corpus.terms["user-systems"]
    assert [(d.first.id, d.last.id if d.last else None) for d in term.definitions] == [("5.14", "2019-11-04-ad-hoc"), ("6.21", None)]
    assert term.definition.startswith("The systems, other than Devices")
    assert len(corpus.terms["dcc-total-system"].definitions) == 2  # unchanged: as held


@pytest.mark.parametrize("content, message", [
    (b"PK\x03\x04broken", "G.docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "password-protected"),
    (b"Section G 'Security'\n\nNothing here is a clause.\n", "no clause found"),
    (b"G3.17 One.\n\nG3.18 Two.\n\nG3.17 Again.\n", "G3.17 is printed twice"),
    (b"G3.18 Two.\n\nG3.17 One.\n", "G3.17 comes after G3.18: the clauses are out of order"),
    (b"G3.17 One.\n\nH1.1 Two.\n", "the document names no section ('Section G ...') and its clauses belong to several"),
    (b"Section G 'Security'\n\nG3.17 One.\n\nH1.1 Two.\n", "line 5: H1.1 is not a clause of Section G"),
])
def test_bad_section_documents_are_refused_and_nothing_is_written(tmp_path, capsys, content, message):
    data = tmp_path / "obligations"
    shutil.copytree(DATA, data)
    file = tmp_path / ("G.docx" if content[:2] in (b"PK", b"\xd0\xcf") else "G.txt")
    file.write_bytes(content)
    before = snapshot(data)
    assert run("--data", data, "import", "section", file, "--version", "6.21") == 1
    err = capsys.readouterr().err
    assert message in err and "nothing was written" in err and "Traceback" not in err
    assert snapshot(data) == before
