"""The responsibility engine on the real data (the MP087 story) and on a synthetic data set."""

from __future__ import annotations

import pytest

from sec_obligations import engine
from sec_obligations.engine import GAP, NOT_APPLICABLE, OVERLAP, PARTY, Matrix, Row


def answers(matrix: Matrix, obligation: str, generation: str | None, device: str) -> list[str]:
    corpus = matrix.corpus
    row = Row(corpus.obligations[obligation], corpus.device_types[device],
              corpus.generations[generation] if generation else None)
    return [matrix.verdict(row, v).answer for v in corpus.versions]


@pytest.fixture(scope="module")
def matrix(corpus):
    return Matrix(corpus)


NOTIFY, ARRANGE = "notify-vulnerability", "arrange-to-be-notified"
NA, USER, DCC, NOBODY = "not applicable", "User", "DCC", "nobody (gap)"


@pytest.mark.parametrize("device", ["chf", "gpf"])
def test_mp087_story_for_hub_functions(matrix, device):
    # versions: 5.14, 5.20, 5.23, 6.17, MP087 ad-hoc release, 6.21
    assert answers(matrix, NOTIFY, "smets1", device) == [NA, USER, USER, USER, USER, USER]
    assert answers(matrix, ARRANGE, "smets1", device) == [NA, NOBODY, NOBODY, NOBODY, USER, USER]
    assert answers(matrix, NOTIFY, "smets2plus", device) == [DCC] * 6
    assert answers(matrix, ARRANGE, "smets2plus", device) == [DCC] * 6


@pytest.mark.parametrize("device", ["esme", "gsme", "ppmid", "hcalcs"])
def test_meters_and_other_devices_stay_with_the_user(matrix, device):
    for obligation in (NOTIFY, ARRANGE):
        assert answers(matrix, obligation, "smets2plus", device) == [USER] * 6
        assert answers(matrix, obligation, "smets1", device) == [NA] + [USER] * 5


def test_user_systems_do_not_depend_on_a_generation(matrix):
    assert answers(matrix, NOTIFY, None, "user-systems") == [USER] * 6
    assert answers(matrix, ARRANGE, None, "user-systems") == [USER] * 6


def test_unassessed_devices_are_not_guessed(matrix):
    assert not any(r.device.id == "ihd" for r in matrix.rows)


def test_the_gap_is_the_only_gap_and_ends_with_mp087(matrix):
    gaps = [f for f in matrix.findings if f.kind == GAP]
    assert sorted(f.row.id for f in gaps) == [f"{ARRANGE}/smets1/chf", f"{ARRANGE}/smets1/gpf"]
    for gap in gaps:
        assert (gap.first.id, gap.last.id, gap.ended_by.id) == ("5.20", "6.17", "2019-11-04-ad-hoc")
        assert matrix.ending_modifications(gap) == ("MP087",)
    assert not [f for f in matrix.findings if f.kind == OVERLAP]


def test_findings_that_say_the_same_of_several_devices_are_listed_together(matrix, synthetic):
    gaps, twins = matrix.alike_findings
    assert [f.row.id for f in gaps] == [f"{ARRANGE}/smets1/chf", f"{ARRANGE}/smets1/gpf"]
    assert {f.kind for f in gaps} == {GAP} and {f.kind for f in twins} == {"twin-mismatch"}
    assert gaps[0].what == "nobody bears 'Arrange to be notified of security vulnerabilities'"
    assert gaps[0].detail == "SMETS1 Communications Hub Function: " + gaps[0].what
    # on a corpus of many findings: every finding once, each group alike in all but its row, in order
    many = Matrix(synthetic)
    groups = many.alike_findings
    assert sorted(id(f) for g in groups for f in g) == sorted(id(f) for f in many.findings)
    assert len(groups) < len(many.findings)
    for group in groups:
        said = {(f.kind, f.row.obligation.id, f.what, f.first, f.last, f.ended_by, many.ending_modifications(f),
                 tuple(f.citations)) for f in group}
        assert len(said) == 1 and len({f.row.id for f in group}) == len(group)
    firsts = [many.findings.index(g[0]) for g in groups]
    assert firsts == sorted(firsts)


def test_twin_duties_differ_exactly_during_the_gap(matrix):
    mismatches = [f for f in matrix.findings if f.kind == "twin-mismatch"]
    assert sorted(f.row.id for f in mismatches) == [f"{ARRANGE}/smets1/chf", f"{ARRANGE}/smets1/gpf"]
    assert {(f.first.id, f.last.id) for f in mismatches} == {("5.20", "6.17")}
    assert "gives nobody (gap), its twin Notify (G3.17) gives User" in mismatches[0].detail


def test_reasons_cite_clause_version_and_modification(matrix, corpus):
    row = Row(corpus.obligations[ARRANGE], corpus.device_types["chf"], corpus.generations["smets1"])
    gap = matrix.verdict(row, corpus.version["6.17"])
    (reason,) = gap.reasons
    assert (reason.citation, reason.includes, reason.text.first.id) == ("G3.20(b)", False, "5.14")
    fixed = matrix.verdict(row, corpus.version["2019-11-04-ad-hoc"])
    (reason,) = fixed.reasons
    assert (reason.citation, reason.includes, reason.modification) == ("G3.20(b)", True, "MP087")
    assert matrix.changed(row, corpus.version["2019-11-04-ad-hoc"]) and not matrix.changed(row, corpus.version["6.21"])


def test_dcc_reason_cites_a_definition_not_a_clause(matrix, corpus):
    row = Row(corpus.obligations[ARRANGE], corpus.device_types["chf"], corpus.generations["smets2plus"])
    verdict = matrix.verdict(row, corpus.latest)
    dcc = [r for r in verdict.reasons if r.rule.party.id == "dcc"]
    assert dcc and dcc[0].rule.clause is None and dcc[0].citation == "definition of DCC Total System"
    assert dcc[0].definition.provenance.status == "description" and dcc[0].rule.provenance.source.id == "mp087-report"


# The synthetic data set has other parties, devices, generations and version numbers: the same
# engine must give its answers, proving that nothing about the SEC is written into the code.

def test_synthetic_answers(synthetic):
    m = Matrix(synthetic)
    assert answers(m, "inspect", "mk1", "valve") == [NA, NOBODY, NOBODY, "Operator"]
    assert answers(m, "inspect", "mk2", "valve") == ["Operator"] * 4
    assert answers(m, "inspect", None, "console") == ["Operator and Vendor (overlap)"] * 4
    assert answers(m, "repair", "mk2", "valve") == [NOBODY] * 4
    assert answers(m, "repair", "mk1", "valve") == [NA, "Vendor", "Vendor", "Vendor"]


def test_synthetic_findings(synthetic):
    m = Matrix(synthetic)
    found = {(f.kind, f.row.id, f.first.id, f.last.id, f.ended_by.id if f.ended_by else None) for f in m.findings}
    assert ("gap", "inspect/mk1/valve", "1.10", "1.100", "2.0") in found
    assert ("overlap", "inspect/any/console", "1.9", "2.0", None) in found
    assert ("gap", "repair/mk2/valve", "1.9", "2.0", None) in found
    assert ("twin-mismatch", "inspect/mk1/valve", "1.10", "2.0", None) in found
    statuses = {c.status for cells in m.cells.values() for c in cells}
    assert statuses == {PARTY, OVERLAP, GAP, NOT_APPLICABLE}


def test_rows_follow_the_data_order(synthetic):
    assert [r.id for r in engine.rows(synthetic)][:3] == ["inspect/mk1/valve", "inspect/mk2/valve", "inspect/any/console"]


def test_the_modification_that_changed_a_run_is_the_one_whose_wording_begins_with_it(matrix, corpus):
    row = Row(corpus.obligations[ARRANGE], corpus.device_types["chf"], corpus.generations["smets1"])
    assert [(run.first.id, engine.introduced_by(run)) for run in matrix.runs(row)] == [
        ("5.14", ()), ("5.20", ()), ("2019-11-04-ad-hoc", ("MP087",))]
    # The DCC's answer stays, but the User's exclusion it rests on is MP087's wording from then on.
    dcc = Row(corpus.obligations[ARRANGE], corpus.device_types["chf"], corpus.generations["smets2plus"])
    assert [engine.introduced_by(run) for run in matrix.runs(dcc)] == [(), ("MP087",)]
    # A later run on the same wording is not said to be changed by it.
    notify = Row(corpus.obligations[NOTIFY], corpus.device_types["chf"], corpus.generations["smets1"])
    assert all(engine.introduced_by(run) == () for run in matrix.runs(notify))
