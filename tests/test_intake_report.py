"""`sec-obligations import report`: the seed Modification Report (MP087) taken into a copy of the data
without MP087, as text, as Word with the insertion as a tracked change, and as PDF; and bad input."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from sec_obligations.cli import main
from sec_obligations.loader import load

from conftest import DATA, DataCopy

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_f992db65c7ef312b.txt"
FALLBACK = Path(__file__).parent / "data" / "reports" / "MP087.txt"  # a copy, for a checkout without shared/
INSERTED = "which forms part of a SMETS2+ Device"


def seed_text() -> str:
    return (SEED if SEED.exists() else FALLBACK).read_text(encoding="utf-8")


@pytest.fixture
def without_mp087(tmp_path) -> DataCopy:
    """The bundled data without MP087: its file, and the wording of G3.20 it introduced."""
    copy = DataCopy(tmp_path / "obligations")
    shutil.copytree(DATA, copy.path)
    text = copy.file("sections/G.yaml").read_text()
    start = text.index('          - from: "2019-11-04-ad-hoc"\n            modification: MP087')
    text = text[:start] + "\n" + text[text.index("      - id: G3.21"):]
    copy.file("sections/G.yaml").write_text(text.replace('          - from: "5.14"\n            to: "6.17"\n',
                                                         '          - from: "5.14"\n', 1))
    copy.file("modifications/MP087.yaml").unlink()
    return copy


def run(*argv) -> int:
    return main([str(a) for a in argv])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def restored_like_the_bundled_data(folder: Path) -> None:
    bundled, imported = load(DATA), load(folder)
    want, got = bundled.modifications["MP087"], imported.modifications["MP087"]
    assert (got.title, got.type, got.status) == (want.title, want.type, want.status)
    assert (got.drafted_against.id, got.implemented_in.id) == ("6.17", "2019-11-04-ad-hoc")
    assert got.impacted_parties == want.impacted_parties == ("Large Suppliers", "Small Suppliers", "DCC")
    assert [party for party, _ in got.costs] == [party for party, _ in want.costs]
    assert dict(got.costs)["DCC"] == "None" and "£1,200" in dict(got.costs)["SECAS"]
    assert len(got.benefits) == len(want.benefits) == 2 and "originally intended" in got.benefits[0]
    assert [(o, t) for o, t, _ in got.objectives] == [(o, t) for o, t, _ in want.objectives]
    assert [body for body, _ in got.views] == [body for body, _ in want.views]
    assert [c for c, _ in got.changes] == [c for c, _ in want.changes] == ["G3.20"]
    assert got.dates[0].date == "2019-11-04"
    g320 = imported.clauses["G3.20"]
    assert [t.first.id for t in g320.texts] == ["5.14", "2019-11-04-ad-hoc"] and g320.texts[0].last.id == "6.17"
    assert g320.current.plain() == bundled.clauses["G3.20"].current.plain()  # word for word
    assert g320.current.modification == "MP087" and g320.current.provenance.status == "verbatim"
    source = imported.sources[g320.current.provenance.source.id]
    assert source.sha256 and re.fullmatch(r"[0-9a-f]{64}", source.sha256) and source.sec_version == "6.17"
    assert source.document_version == "1.0"


def test_the_seed_as_text_restores_mp087(without_mp087, tmp_path, capsys):
    report = tmp_path / "MP087.txt"
    report.write_text(seed_text(), encoding="utf-8")
    before = snapshot(without_mp087.path)
    assert run("--data", without_mp087.path, "import", "report", report, "--version", "2019-11-04-ad-hoc", "--dry-run") == 0
    out = capsys.readouterr().out
    assert snapshot(without_mp087.path) == before  # a dry run writes nothing
    for clause in ("G3.17", "G3.18", "G3.19", "G3.21"):
        assert f"  {clause}: unchanged" in out
    assert f"G3.20: amended: … Hub Function or Gas Proxy Function {{+{INSERTED}+}})" in out
    assert run("--data", without_mp087.path, "import", "report", report, "--version", "2019-11-04-ad-hoc") == 0
    restored_like_the_bundled_data(without_mp087.path)
    # Only the files it had to touch: the section, the sources and the new modification.
    after = snapshot(without_mp087.path)
    assert {k for k in after if after[k] != before.get(k)} == {"sections/G.yaml", "sources.yaml", "modifications/MP087.yaml"}
    # Comments and layout are kept: the section file differs from the bundled one only in the new wording.
    bundled = (DATA / "sections/G.yaml").read_text().splitlines()
    imported = after["sections/G.yaml"].decode().splitlines()
    at = bundled.index('          - from: "2019-11-04-ad-hoc"')
    assert imported[:at] == bundled[:at]
    # Taking it in again changes nothing.
    capsys.readouterr()
    assert run("--data", without_mp087.path, "import", "report", report, "--version", "2019-11-04-ad-hoc") == 0
    assert snapshot(without_mp087.path) == after
    assert "the wording from 4 Nov 2019 ad-hoc release is held already" in capsys.readouterr().out


def seed_docx(path: Path) -> None:
    """The seed as Word: one paragraph a block, its tab-separated rows as Word tables, and G3.20(b)'s
    inserted words as a tracked insertion (the published report's redline)."""
    document = docx.Document()
    table = None
    for line in seed_text().splitlines():
        line = line.replace("**", "").rstrip()
        if "\t" in line:  # a row of a table
            cells = line.split("\t")
            if table is None or len(table.columns) != len(cells):
                table = document.add_table(rows=0, cols=len(cells))
            for cell, words in zip(table.add_row().cells, cells):
                cell.text = words
            continue
        table = None
        line = line.strip()
        if not line:
            continue
        if line.startswith("- (b) (where applicable)") and INSERTED in line and \
                document.paragraphs[-1].text.startswith("(a) the manufacturers"):
            before, after = line[2:].split(" " + INSERTED)
            p = document.add_paragraph(before)
            p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="SECAS" w:date="2019-10-01T00:00:00Z">'
                                  f'<w:r><w:t xml:space="preserve"> {INSERTED}</w:t></w:r></w:ins>'))
            p.add_run(after)
        else:
            document.add_paragraph(line[2:] if line.startswith("- ") else line)
    document.save(path)


def test_the_seed_as_word_with_a_tracked_change_gives_the_same(without_mp087, tmp_path, capsys):
    report = tmp_path / "MP087.docx"
    seed_docx(report)
    assert run("--data", without_mp087.path, "import", "report", report, "--version", "2019-11-04-ad-hoc") == 0, capsys.readouterr()
    restored_like_the_bundled_data(without_mp087.path)


def test_the_seed_as_pdf_gives_the_same(without_mp087, tmp_path, capsys, print_pdf):
    body = "".join(f"<p>{html.escape(line.replace('**', ''))}</p>" for line in seed_text().splitlines() if line.strip())
    page_html = ("<html><head><style>@page { size: A4; margin: 20mm } body { font: 11pt serif }"
                 "p { margin: 0 0 0.6em }</style></head><body>" + body + "</body></html>")
    report = print_pdf(tmp_path / "MP087.pdf", page_html, display_header_footer=True,
                       header_template='<div style="font-size:8px;width:100%;text-align:center">MP087 Modification Report</div>',
                       footer_template='<div style="font-size:8px;width:100%;text-align:center"><span class="pageNumber"></span></div>')
    assert run("--data", without_mp087.path, "import", "report", report, "--version", "2019-11-04-ad-hoc") == 0, capsys.readouterr()
    restored_like_the_bundled_data(without_mp087.path)


def test_without_a_version_it_is_a_proposal(without_mp087, tmp_path, capsys):
    report = tmp_path / "MP087.txt"
    report.write_text(seed_text(), encoding="utf-8")
    assert run("--data", without_mp087.path, "import", "report", report) == 0
    corpus = load(without_mp087.path)
    mod = corpus.modifications["MP087"]
    assert mod.implemented_in is None and mod.status == "approved" and mod.proposal is not None
    assert [t.clause_id for t in mod.proposal.texts] == ["G3.20"]
    assert len(corpus.clauses["G3.20"].texts) == 1  # nothing in force changed


@pytest.mark.parametrize("edit, message", [
    (lambda t: t[:t.index("MP087 ‘Correction to SEC Section G – User Responsibilities’\n\nAnnex A")],
     "no 'Annex A' (the legal text) after the report"),
    (lambda t: t.replace("Modification Report\n", "Some Report\n"), "not a Modification Report"),
    (lambda t: t.replace("drafted against SEC Version 6.17", "drafted against SEC Version 6.16"),
     "drafted against SEC Version 6.16, which versions.yaml does not hold"),
    (lambda t: t.replace("G3.18 The requirements of this Section are that the User shall:",
                         "G3.18 The requirements of this Section are that each User shall:"),
     "G3.18 differs from the wording held for v6.17, though the annex does not say it amends it"),
    (lambda t: t.replace("Amend Section G3.20 as follows:", "Amend Section G3.22 as follows:"),
     "the annex says it amends G3.22 but prints no text of it"),
])
def test_bad_reports_are_refused_and_nothing_is_written(without_mp087, tmp_path, capsys, edit, message):
    report = tmp_path / "report.txt"
    report.write_text(edit(seed_text()), encoding="utf-8")
    before = snapshot(without_mp087.path)
    assert run("--data", without_mp087.path, "import", "report", report, "--version", "2019-11-04-ad-hoc") == 1
    err = capsys.readouterr().err
    assert message in err and "nothing was written" in err and "Traceback" not in err
    assert snapshot(without_mp087.path) == before


def test_a_corrupt_file_is_refused(without_mp087, tmp_path, capsys):
    report = tmp_path / "MP087.docx"
    report.write_bytes(b"PK\x03\x04 not really a zip")
    assert run("--data", without_mp087.path, "import", "report", report, "--version", "2019-11-04-ad-hoc") == 1
    assert "MP087.docx" in capsys.readouterr().err


def test_the_annex_base_text_is_checked_against_the_held_wording(without_mp087, tmp_path, capsys):
    """In Word the redline shows the text before: it must be the wording held for 6.17."""
    report = tmp_path / "MP087.docx"
    seed_docx(report)
    without_mp087.replace("sections/G.yaml", "any material\n              security vulnerability in, or likely",
                          "any serious\n              security vulnerability in, or likely")
    assert run("--data", without_mp087.path, "import", "report", report, "--version", "2019-11-04-ad-hoc") == 1
    err = capsys.readouterr().err
    assert "the annex's text of G3.20 before its changes is not the wording held for v6.17" in err
    assert "[-serious-] {+material+}" in err
