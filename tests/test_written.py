"""The code as it is written, on the fixture data (tests/data/fixture: the bundled data pinned, plus
a Section A definitions table, a Section H with provisions nested to depth 4, a table, a "[Not
used]" clause, a definition that changes, a duty for one new device type and a duty about no device)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sec_obligations import diff, engine, export
from sec_obligations.engine import NOT_APPLICABLE, PARTY, Matrix, Row
from sec_obligations.linking import Linker
from sec_obligations.loader import DataError, load
from sec_obligations.pages import Site
from sec_obligations.pages.responsibility import citation_target

from conftest import FIXTURE, DataCopy

DEPTH_4 = ("a", "ii", "A", "1")


@pytest.fixture(scope="module")
def fixture():
    return load(FIXTURE)


@pytest.fixture
def fixture_copy(tmp_path, monkeypatch) -> DataCopy:
    monkeypatch.chdir(tmp_path)  # messages name files relative to the working directory
    shutil.copytree(FIXTURE, tmp_path / "obligations")
    return DataCopy(tmp_path / "obligations")


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(DataError) as error:
        load(folder)
    return [str(p) for p in error.value.problems]


# -- provisions to any depth ----------------------------------------------------------------------

def test_provisions_nest_to_depth_four(fixture):
    text = fixture.clauses["H1.1"].current
    assert text.provision(DEPTH_4).text == "once a year; or"
    assert text.paragraph("a(ii)(A)(1)") is text.provision(DEPTH_4)
    assert text.provision(("a", "ii", "C")) is None
    paths = [path for path, _ in text.provisions()]
    assert paths[:4] == [("a",), ("a", "i"), ("a", "ii"), ("a", "ii", "A")] and ("b",) in paths
    lines = text.plain().splitlines()
    assert lines[lines.index("(ii) its state, meaning:") + 1] == "(A) whether it works, tested:"
    assert "in each case as at the end of the month;" in lines  # a provision's own tail


def test_references_reach_nested_provisions(fixture):
    linker = Linker(fixture)
    found = list(linker.find("as H1.1(a)(ii)(A)(2) and G3.18 (b) and H1.1(a)(zz) say"))
    assert [(m.target, m.provision) for m in found[:3]] == [("H1.1", ("a", "ii", "A", "2")), ("G3.18", ("b",)),
                                                            ("H1.1", ("a",))]
    text = "as H1.1(a)(ii)(A)(2) and"
    assert text[found[0].start:found[0].end] == "H1.1(a)(ii)(A)(2)"
    assert linker.resolve("h1.1(a)(ii)(A)(1)").provision == DEPTH_4
    assert linker.resolve("H1.1(a)(ii)(Z)") is None  # [[...]] names nothing: the build warns


def test_a_rule_cites_a_provision_at_depth_four(fixture):
    matrix = Matrix(fixture)
    o = fixture.obligations["keep-widget-records"]
    (row,) = matrix.rows_of[o.id]
    verdict = matrix.verdict(row, fixture.version["6.21"])
    (reason,) = verdict.reasons
    assert reason.citation == "H1.1(a)(ii)(A)(1)"
    assert citation_target(fixture, reason) == ("sec/H/H1.1.md", "v-2019-11-04-ad-hoc-a-ii-A-1")
    assert export.reason_words(reason).startswith("H1.1(a)(ii)(A)(1), text in force from 4 Nov 2019")


def test_a_citation_of_a_missing_provision_is_located(fixture_copy):
    fixture_copy.replace("obligations.yaml", 'paragraph: "a(ii)(A)(1)"', 'paragraph: "a(ii)(A)(9)"')
    line = fixture_copy.line_of("obligations.yaml", 'paragraph: "a(ii)(A)(9)"')
    assert any(p.startswith(f"obligations/obligations.yaml:{line}:") and "H1.1 has no provision (a)(ii)(A)(9) in '5.20'" in p
               for p in problems_of(fixture_copy.path))


def test_provision_ids_are_unique_at_each_level(fixture_copy):
    fixture_copy.replace("sections/H.yaml", '- id: B\n', '- id: A\n')
    assert any("duplicate provision id 'A'" in p and p.startswith("obligations/sections/H.yaml:")
               for p in problems_of(fixture_copy.path))


# -- clauses as the code writes them ----------------------------------------------------------------

def test_not_used_and_table_wordings(fixture, fixture_copy):
    h12, h13 = fixture.clauses["H1.2"], fixture.clauses["H1.3"]
    assert h12.current.not_used and h12.current.plain() == "[Not used]" and not h12.exists_in(fixture.latest)
    assert h12.exists_in(fixture.version["5.14"])
    assert h13.current.table.columns == ("Period", "Ends") and "First | 31 March" in h13.current.plain()
    fixture_copy.replace("sections/H.yaml", "            not_used: true\n", "            not_used: true\n            lead: Words.\n")
    fixture_copy.replace("sections/H.yaml", "- [First, \"31 March\"]", "- [First]")
    problems = problems_of(fixture_copy.path)
    assert any('a "[Not used]" wording says nothing: remove lead' in p for p in problems)
    assert any("this row has 1 cells, the table 2 columns" in p for p in problems)


def test_a_rule_cannot_cite_a_clause_where_it_is_not_used(fixture_copy):
    fixture_copy.replace("obligations.yaml", '        from: "5.14"\n        to: "5.23"\n', '        from: "5.14"\n')
    assert any("H1.2 reads \"[Not used]\" in '6.17'" in p for p in problems_of(fixture_copy.path))


# -- definitions that change ---------------------------------------------------------------------

def test_definitions_have_a_history(fixture):
    term = fixture.terms["dcc-total-system"]
    assert len(term.definitions) == 2 and term.defined_in == "A1.1"
    assert "every Communications Hub" in term.definition_at(fixture.version["6.17"]).text
    assert "except SMETS1" in term.definition and term.current.modification == "MP087"
    assert fixture.definitions_introduced_in(fixture.version["2019-11-04-ad-hoc"]) == [term.current]
    report = diff.compare(fixture, fixture.version["6.17"], fixture.version["6.21"])
    (change,) = report["definitions"]
    assert change["term"] == "dcc-total-system" and change["modifications"] == ["MP087"]
    assert change["redline"] == [["=", "The systems the DCC provides, including"], ["-", " every"], ["=", " Communications"],
                                 ["-", " Hub"], ["+", " Hubs except SMETS1 ones"], ["=", "."]]
    assert "Definitions changed: 1" in diff.as_text(report)


@pytest.mark.parametrize("last, message", [
    ("5.23", "leaves a hole after the definition of 'DCC Total System': no text in force in 6.17"),
    ("2019-11-04-ad-hoc", "overlaps the definition of 'DCC Total System', in force until '2019-11-04-ad-hoc'"),
])
def test_definition_histories_are_checked_like_texts(fixture_copy, last, message):
    # The first definition ends in 6.17; the next starts in 2019-11-04-ad-hoc. End it earlier, or later.
    fixture_copy.replace("glossary.yaml", '        to: "6.17"\n', f'        to: "{last}"\n')
    line = fixture_copy.line_of("glossary.yaml", '- from: "2019-11-04-ad-hoc"')
    assert any(p.startswith(f"obligations/glossary.yaml:{line}:") and message in p
               for p in problems_of(fixture_copy.path)), problems_of(fixture_copy.path)


def test_a_rule_may_cite_a_definition(fixture):
    matrix = Matrix(fixture)
    row = Row(fixture.obligations["notify-vulnerability"], fixture.device_types["chf"], fixture.generations["smets2plus"])
    reasons = {r.citation: r for r in matrix.verdict(row, fixture.version["6.17"]).reasons}
    cited = reasons["definition of DCC Total System"]
    assert cited.definition.first.id == "5.14" and cited.includes
    assert citation_target(fixture, cited) == ("glossary/index.md", "dcc-total-system--v-5.14")
    later = {r.citation: r for r in matrix.verdict(row, fixture.latest).reasons}["definition of DCC Total System"]
    assert later.modification == "MP087"


# -- obligations apply where the code says ----------------------------------------------------------

def test_a_duty_for_one_device_type_gives_no_gap_elsewhere(fixture):
    matrix = Matrix(fixture)
    rows = matrix.rows_of["keep-widget-records"]
    assert [(r.device.id, r.generation) for r in rows] == [("widget", None)]
    answers = [matrix.verdict(rows[0], v).status for v in fixture.versions]
    assert answers == [NOT_APPLICABLE] + [PARTY] * 5  # H1.1 comes in with 5.20
    # The G duties say what they apply to: the new device type is not among them.
    assert all(r.device.id != "widget" for o in ("notify-vulnerability", "arrange-to-be-notified")
               for r in matrix.rows_of[o])
    # Exactly the findings of the bundled data: 2 gaps and 2 twin differences, none from Section H.
    assert sorted((f.kind, f.row.id) for f in matrix.findings) == [
        ("gap", "arrange-to-be-notified/smets1/chf"), ("gap", "arrange-to-be-notified/smets1/gpf"),
        ("twin-mismatch", "arrange-to-be-notified/smets1/chf"), ("twin-mismatch", "arrange-to-be-notified/smets1/gpf")]


def test_a_duty_about_no_device_is_one_row(fixture):
    matrix = Matrix(fixture)
    (row,) = matrix.rows_of["report-yearly"]
    assert row.device is None and row.id == "report-yearly" and engine.row_label(row).startswith("No device")
    assert [matrix.verdict(row, v).answer for v in fixture.versions] == ["User"] * 3 + ["not applicable"] * 3
    csv_lines = [line for line in export.matrix_csv(matrix).splitlines() if line.startswith("report-yearly,")]
    assert csv_lines[0].startswith("report-yearly,,,5.14,5.23,party,user,User")
    rows = {r["id"]: r for r in export.matrix_json(matrix)["rows"]}
    assert rows["report-yearly"]["device"] is None and rows["report-yearly"]["generation"] is None


def test_a_device_less_rule_covers_no_device(fixture_copy):
    fixture_copy.replace("obligations.yaml", "        cite: {clause: H1.2}\n",
                         "        cite: {clause: H1.2}\n        covers: [{devices: [widget]}]\n")
    assert any("applies to no device ('applies_to: no-device'): a rule of it covers or excludes no device" in p
               for p in problems_of(fixture_copy.path))


# -- pages, in-process ------------------------------------------------------------------------------

def test_a_section_as_at_any_version_is_one_page(fixture):
    from sec_obligations.pages.section import as_at_css, render_as_at

    site = Site(fixture)
    page = render_as_at(site, fixture.sections["G"])
    # Each wording once, marked with the versions it was in force; the latest's shown by default.
    assert page.count('<h3 id="G3.20--') == 2
    assert '<div class="sec-w" data-in="5.14 5.20 5.23 6.17">' in page
    assert '<div class="sec-w sec-now" data-in="2019-11-04-ad-hoc 6.21">' in page
    assert page.count('<span class="sec-at" id="v-') == len(fixture.versions)
    css = as_at_css(site)
    assert '[id="v-6.17"]:target~.sec-asat [data-in~="6.17"]' in css and '.sec-asat[data-at="6.17"]' in css
    assert [t.id for t in site.index.defined_in["A1.1"]] == ["dcc-total-system", "user-systems"]
    # The definitions table's one wording is shown once, each definition in it once, marked with its versions.
    a11 = render_as_at(site, fixture.sections["A"])
    assert a11.count('<h3 id="A1.1--') == 1 and '<tr class="sec-now" data-in="2019-11-04-ad-hoc 6.21">' in a11


# -- a modification not yet in force ------------------------------------------------------------------

def test_a_proposal_shows_its_effect_on_responsibility(fixture):
    from sec_obligations.proposal import effect, with_proposal

    mod = fixture.modifications["DP999"]
    assert mod.implemented_in is None and mod.proposal.version.label == "v6.21 + DP999 (proposed)"
    proposed = with_proposal(fixture, mod)
    assert proposed.clauses["G3.20"].texts[-2].last == fixture.latest  # the wording in force ends in the latest
    assert fixture.clauses["G3.20"].current.last is None  # the corpus itself is untouched
    found = effect(fixture, mod)
    assert [(r.id, a.answer, b.answer) for r, a, b in found.answers] == [
        ("arrange-to-be-notified/smets1/chf", "User", "nobody (gap)"),
        ("arrange-to-be-notified/smets1/gpf", "User", "nobody (gap)")]
    assert sorted(f.kind for f in found.opened) == ["gap", "gap", "twin-mismatch", "twin-mismatch"] and not found.closed


def test_check_proposed_fails_on_a_proposal_that_opens_a_gap(capsys):
    from sec_obligations.cli import main

    assert main(["check", str(FIXTURE), "--proposed", "DP999"]) == 1
    out, err = capsys.readouterr()
    assert "Be notified (G3.20): SMETS1 Communications Hub Function: User -> nobody (gap)" in out
    assert "check failed: DP999 would open 4 finding(s)" in err and "[gap:arrange-to-be-notified/smets1/chf]" in err
    assert main(["check", str(FIXTURE), "--proposed", "MP087"]) == 1
    assert "'MP087' is not a modification with proposed wording (those held: DP999)" in capsys.readouterr().err


def test_an_implemented_modification_proposes_nothing(fixture_copy):
    fixture_copy.replace("modifications/DP999.yaml", 'drafted_against: "6.21"\n',
                         'drafted_against: "6.17"\nimplemented_in: "6.21"\n')
    assert any("DP999 is implemented in '6.21': its wordings belong in the section files, not under 'proposed'" in p
               for p in problems_of(fixture_copy.path))


def test_a_proposed_rule_cites_the_proposed_wording(fixture_copy):
    fixture_copy.replace("modifications/DP999.yaml", "cite: {clause: G3.20, paragraph: b}", "cite: {clause: G3.20, paragraph: c}")
    assert any("G3.20 has no provision (c) in the proposed wording" in p for p in problems_of(fixture_copy.path))


def test_twins_with_different_scopes_compare_only_what_both_concern(fixture_copy):
    # The twin of "notify" concerns one device type only: the other rows have no twin to differ from.
    fixture_copy.replace("obligations.yaml", "    applies_to: [{devices: [user-systems, chf, gpf, esme, gsme, ppmid, hcalcs]}]\n"
                         "    rules:\n      - party: user\n        cite: {clause: G3.20, paragraph: a}",
                         "    applies_to: [{devices: [chf]}]\n"
                         "    rules:\n      - party: user\n        cite: {clause: G3.20, paragraph: a}")
    matrix = Matrix(load(fixture_copy.path))
    assert [r.device.id for r in matrix.rows_of["arrange-to-be-notified"]] == ["chf", "chf"]
    kinds = sorted((f.kind, f.row.id) for f in matrix.findings)
    assert ("twin-mismatch", "arrange-to-be-notified/smets1/chf") in kinds
    assert not any(f.row.device and f.row.device.id == "gpf" and f.kind == "twin-mismatch" for f in matrix.findings)
