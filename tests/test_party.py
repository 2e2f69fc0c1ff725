"""One party's view of the decision table (party.py), in-process: what a party bears in a version,
what it gained or lost between two, and both as CSV; on the fixture (the code as written) and on
the synthetic data set (other parties, an overlap, a rule that cites no clause)."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from sec_obligations.engine import Matrix
from sec_obligations.export import csv_text
from sec_obligations.loader import load
from sec_obligations.party import BORNE_FIELDS, CHANGE_FIELDS, borne_by, borne_csv, changes_csv, party_changes

from conftest import FIXTURE

AD_HOC = "2019-11-04-ad-hoc"
SMETS1_HUBS = {"arrange-to-be-notified/smets1/chf", "arrange-to-be-notified/smets1/gpf"}


@pytest.fixture(scope="module")
def fixture():
    corpus = load(FIXTURE)
    return corpus, Matrix(corpus)


def rows_of(found) -> list[str]:
    return [item.row.id for item in found]


def read_csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_user_bears_what_the_answers_name_it_for_and_no_gap(fixture):
    corpus, matrix = fixture
    user = corpus.parties["user"]
    borne = borne_by(matrix, user, corpus.version["6.17"])
    expected = [row.id for row in matrix.rows if user in matrix.verdict(row, corpus.version["6.17"]).parties]
    assert rows_of(borne) == expected
    assert len(borne) == 21
    assert not SMETS1_HUBS & set(rows_of(borne))  # the gap MP087 closed: nobody bore them in 6.17
    assert "report-yearly" not in rows_of(borne)  # its rule ended in 5.23
    after = rows_of(borne_by(matrix, user, corpus.version[AD_HOC]))
    assert set(after) >= SMETS1_HUBS
    assert len(after) == 23
    chf = next(b for b in borne if b.row.id == "notify-vulnerability/smets1/chf")
    assert chf.citations == ("G3.17(b)",)
    assert [p.id for p in chf.capacities] == ["responsible-supplier"]
    assert [p.id for p in chf.bearers] == ["user"]
    assert chf.shared_with == ()
    systems = next(b for b in borne if b.row.id == "notify-vulnerability/any/user-systems")
    assert systems.citations == ("G3.17(a)",)
    assert systems.capacities == ()


def test_a_party_named_as_the_capacity_bears_what_is_borne_in_it(fixture):
    corpus, matrix = fixture
    supplier = corpus.parties["responsible-supplier"]
    borne = borne_by(matrix, supplier, corpus.latest)
    assert borne
    assert all(b.verdict.parties == (corpus.parties["user"],) for b in borne)
    assert {b.row.device_id for b in borne} == {"chf", "gpf", "esme", "gsme", "ppmid", "hcalcs"}
    assert all([p.id for p in b.bearers] == ["user"] and b.shared_with == () for b in borne)


def test_the_dcc_bears_smets2_hubs_by_a_definition_and_others_bear_nothing(fixture):
    corpus, matrix = fixture
    dcc = borne_by(matrix, corpus.parties["dcc"], corpus.version["5.14"])
    assert {b.row.id for b in dcc} == {f"{o}/smets2plus/{d}" for o in ("notify-vulnerability", "arrange-to-be-notified")
                                        for d in ("chf", "gpf")}
    assert {b.citations for b in dcc} == {("definition of DCC Total System",)}
    assert borne_by(matrix, corpus.parties["security-sub-committee"], corpus.latest) == []
    assert borne_by(matrix, corpus.parties["manufacturer"], corpus.latest) == []


def test_an_overlap_is_shared_and_a_rule_citing_nothing_gives_its_source(synthetic):
    matrix = Matrix(synthetic)
    vendor = borne_by(matrix, synthetic.parties["vendor"], synthetic.version["1.9"])
    console = next(b for b in vendor if b.row.id == "inspect/any/console")
    assert console.verdict.answer == "Operator and Vendor (overlap)"
    assert [p.id for p in console.shared_with] == ["operator"]
    assert console.citations == (synthetic.sources["handbook"].title,)
    operator = borne_by(matrix, synthetic.parties["operator"], synthetic.version["1.10"])
    assert "inspect/mk1/valve" not in rows_of(operator)  # a gap there
    assert [p.id for p in next(b for b in operator if b.row.id == "inspect/any/console").shared_with] == ["vendor"]


def test_what_the_user_gained_and_lost_and_the_modifications_that_did_it(fixture):
    corpus, matrix = fixture
    user = corpus.parties["user"]
    comparison = party_changes(matrix, user, corpus.version["5.14"], corpus.latest)
    assert [v.id for v in comparison.versions] == ["5.20", "5.23", "6.17", AD_HOC, "6.21"]
    assert [m.id for m in comparison.modifications] == ["MP087"]
    changes = {c.row.id: c for c in comparison.changes}
    assert {r for r, c in changes.items() if not c.gained} == {"report-yearly"}
    assert len(changes) == 14
    assert "keep-widget-records/any/widget" in changes
    hub = changes["arrange-to-be-notified/smets1/chf"]
    assert (hub.before.answer, hub.after.answer) == ("not applicable", "User")
    # Nobody bore it from 5.20 (a gap): the User came to bear it with MP087 alone.
    assert [(s.version.id, s.bears, s.modifications) for s in hub.steps] == [(AD_HOC, True, ("MP087",))]
    assert hub.modifications == ("MP087",)
    meter = changes["notify-vulnerability/smets1/esme"]
    assert [(s.version.id, s.modifications) for s in meter.steps] == [("5.20", ())]
    report = changes["report-yearly"]
    assert [(s.version.id, s.bears) for s in report.steps] == [("6.17", False)]


def test_going_back_swaps_gained_and_lost_and_keeps_the_steps(fixture):
    corpus, matrix = fixture
    user = corpus.parties["user"]
    forward = party_changes(matrix, user, corpus.version["5.14"], corpus.latest)
    back = party_changes(matrix, user, corpus.latest, corpus.version["5.14"])
    assert [(c.row.id, not c.gained, c.steps) for c in forward.changes] == [(c.row.id, c.gained, c.steps) for c in back.changes]
    assert back.versions == forward.versions
    assert party_changes(matrix, user, corpus.latest, corpus.latest).changes == ()


def test_a_comparison_is_net_and_lists_every_step_between(tmp_path):
    """A duty lost and gained again between the two versions is not a change; one gained, lost and
    gained again lists the three steps."""
    data = tmp_path / "fixture"
    shutil.copytree(FIXTURE, data)
    obligations = data / "obligations.yaml"
    text = obligations.read_text()
    widget = '        cite: {clause: H1.1, paragraph: "a(ii)(A)(1)"}\n        from: "5.20"\n'
    assert widget in text
    obligations.write_text(text.replace(widget, widget + '        to: "5.23"\n'
                                        '        provenance: {source: fixture, status: stated}\n'
                                        '      - party: user\n' + widget.replace('"5.20"', '"6.21"')))
    corpus = load(data)
    matrix, user, row = Matrix(corpus), corpus.parties["user"], "keep-widget-records/any/widget"
    across = {c.row.id: c for c in party_changes(matrix, user, corpus.version["5.14"], corpus.latest).changes}
    assert [(s.version.id, s.bears) for s in across[row].steps] == [("5.20", True), ("6.17", False), ("6.21", True)]
    assert row not in {c.row.id for c in party_changes(matrix, user, corpus.version["5.20"], corpus.latest).changes}


def test_the_csv_files_hold_what_the_functions_found(fixture):
    corpus, matrix = fixture
    user, version = corpus.parties["user"], corpus.version["6.17"]
    borne = borne_by(matrix, user, version)
    text = borne_csv(user, version, borne)
    assert text.startswith(",".join(BORNE_FIELDS) + "\r\n")
    assert text.endswith("\r\n")
    lines = read_csv(text)
    assert [(r["obligation"], r["generation"], r["device"]) for r in lines] == [
        (b.row.obligation.id, b.row.generation_id or "", b.row.device_id or "") for b in borne]
    first = lines[0]
    assert (first["party"], first["version"], first["answer"], first["borne_by"], first["capacity"], first["citations"]) == (
        "user", "6.17", "User", "user", "responsible-supplier", "G3.17(b)")
    assert first["device_label"] == "SMETS1 Communications Hub Function"
    changes = read_csv(changes_csv(party_changes(matrix, user, corpus.version["6.17"], corpus.version[AD_HOC])))
    assert list(changes[0]) == list(CHANGE_FIELDS)
    assert [(r["change"], r["device"], r["before"], r["after"], r["changed_in"], r["modifications"]) for r in changes] == [
        ("gained", "chf", "nobody (gap)", "User", AD_HOC, "MP087"), ("gained", "gpf", "nobody (gap)", "User", AD_HOC, "MP087")]


def test_csv_is_rfc_4180_and_a_formula_is_made_text():
    hostile = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tx", "a, \"quoted\"\ntext", "plain"]
    text = csv_text(("a", "b", "c", "d", "e", "f", "g"), [hostile])
    assert text.split("\r\n")[0] == "a,b,c,d,e,f,g"
    assert text.endswith("\r\n")
    assert text.count("\r\n") == 2
    assert '"a, ""quoted""\ntext"' in text
    (row,) = list(csv.reader(io.StringIO(text, newline="")))[1:]
    assert row == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "'\tx", "a, \"quoted\"\ntext", "plain"]
    assert '"\'=HYPERLINK(""http://x"")"' in text  # quoted, its quotes doubled
