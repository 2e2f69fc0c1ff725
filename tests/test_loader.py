"""The loader: real data loads; every kind of bad input is reported with its file and line."""

from __future__ import annotations

import pytest

from sec_obligations.loader import DataError, load
from sec_obligations.yamldoc import parse


def problems_of(path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(path)
    return [str(p) for p in caught.value.problems]


def test_real_data_loads(corpus):
    assert [v.id for v in corpus.versions] == ["5.14", "5.20", "5.23", "6.17", "2019-11-04-ad-hoc", "6.21"]
    assert set(corpus.clauses) == {"G3.17", "G3.18", "G3.19", "G3.20", "G3.21"}
    g320 = corpus.clauses["G3.20"]
    assert [t.first.id for t in g320.texts] == ["5.14", "2019-11-04-ad-hoc"]
    assert g320.texts[0].provenance.status == "reconstructed"
    assert g320.texts[1].provenance.status == "verbatim" and g320.texts[1].modification == "MP087"
    assert "which forms part of a SMETS2+ Device" in g320.current.paragraph("b").text
    assert "SMETS2+" not in g320.texts[0].paragraph("b").text
    mp087 = corpus.modifications["MP087"]
    assert mp087.drafted_against.id == "6.17" and mp087.implemented_in.id == "2019-11-04-ad-hoc"
    assert mp087.date == "2019-11-04"


def test_versions_are_ordered_by_the_data_not_by_number(synthetic):
    ids = [v.id for v in synthetic.versions]
    assert ids == ["1.9", "1.10", "1.100", "2.0"]
    assert synthetic.version["1.9"] < synthetic.version["1.10"] < synthetic.version["1.100"]
    assert sorted(synthetic.versions, reverse=True)[0].id == "2.0"
    assert float("1.9") > float("1.10")  # what the data order protects us from


def test_unknown_and_ranged_version_facts_are_kept(corpus):
    adhoc = corpus.version["2019-11-04-ad-hoc"]
    assert adhoc.number is None and "6.18" in adhoc.number_note
    assert corpus.version["6.17"].date.describe() == "date unknown"
    assert corpus.version["5.20"].date.describe() == "between 2018-02-22 and 2018-10-04 (exact date unknown)"
    assert corpus.version["5.20"].date_provenance.is_reconstructed


def test_malformed_yaml_is_located(data_copy):
    data_copy.replace("parties.yaml", "  - id: dcc", "  - id: [dcc")
    (problem,) = problems_of(data_copy.path)
    assert problem.startswith("obligations/parties.yaml:") and "invalid YAML" in problem


def test_duplicate_key_is_an_error(data_copy):
    data_copy.replace("parties.yaml", "    short: DCC\n", "    short: DCC\n    short: Other\n")
    line = data_copy.line_of("parties.yaml", "short: Other")
    (problem,) = problems_of(data_copy.path)
    assert problem.startswith(f"obligations/parties.yaml:{line}:5: duplicate key 'short'")


def test_unknown_reference_is_located(data_copy):
    data_copy.replace("obligations.yaml", "covers: [{devices: [user-systems]}]", "covers: [{devices: [toaster]}]")
    line = data_copy.line_of("obligations.yaml", "toaster")
    (problem,) = problems_of(data_copy.path)
    assert problem.startswith(f"obligations/obligations.yaml:{line}:") and "unknown device type 'toaster'" in problem


def test_unknown_version_is_located(data_copy):
    data_copy.replace("sections/G.yaml", 'from: "2019-11-04-ad-hoc"', 'from: "6.99"')
    line = data_copy.line_of("sections/G.yaml", '"6.99"')
    problems = problems_of(data_copy.path)
    assert any(p.startswith(f"obligations/sections/G.yaml:{line}:") and "unknown version '6.99'" in p for p in problems)


def test_overlapping_text_ranges(data_copy):
    data_copy.replace("sections/G.yaml", 'to: "6.17"', 'to: "6.21"')
    line = data_copy.line_of("sections/G.yaml", 'from: "2019-11-04-ad-hoc"')
    (problem,) = [p for p in problems_of(data_copy.path) if "overlaps" in p]
    assert problem.startswith(f"obligations/sections/G.yaml:{line}:") and "G3.20" in problem


def test_hole_between_text_ranges(data_copy):
    data_copy.replace("sections/G.yaml", 'to: "6.17"', 'to: "5.23"')
    line = data_copy.line_of("sections/G.yaml", 'from: "2019-11-04-ad-hoc"')
    problems = problems_of(data_copy.path)
    assert f"obligations/sections/G.yaml:{line}:13: leaves a hole after the previous text of G3.20: no text in force in 6.17" in problems


def test_text_without_end_followed_by_another(data_copy):
    data_copy.replace("sections/G.yaml", '            to: "6.17"\n', "")
    problems = problems_of(data_copy.path)
    assert any("still in force and overlaps" in p for p in problems)


def test_bad_type_names_the_field_and_suggests_quotes(data_copy):
    data_copy.replace("versions.yaml", 'number: "5.20"', "number: 5.20")
    line = data_copy.line_of("versions.yaml", "number: 5.20")
    (problem,) = problems_of(data_copy.path)
    assert problem.startswith(f"obligations/versions.yaml:{line}:5: versions.1.number: 5.2 is not of type")
    assert "quotes" in problem


def test_unknown_field_is_located_at_the_key(data_copy):
    data_copy.replace("parties.yaml", "    short: DCC\n", "    short: DCC\n    shrot: DCC\n")
    line = data_copy.line_of("parties.yaml", "shrot")
    (problem,) = problems_of(data_copy.path)
    assert problem.startswith(f"obligations/parties.yaml:{line}:5: unknown field 'shrot'")


@pytest.mark.parametrize("bad_id", ["../etc", "G 3.20", "a/b", "x..y", "-x", "\u0007bell"])
def test_unsafe_ids_are_rejected(data_copy, bad_id):
    data_copy.replace("parties.yaml", "  - id: manufacturer", f"  - id: {bad_id!r}".replace("'", '"'))
    problems = problems_of(data_copy.path)
    assert any("parties.yaml" in p and "is not allowed" in p for p in problems), problems


def test_every_problem_is_reported_at_once(data_copy):
    data_copy.replace("obligations.yaml", "party: dcc", "party: dcx")
    data_copy.replace("obligations.yaml", "cite: {clause: G3.20, paragraph: a}", "cite: {clause: G3.20, paragraph: z}")
    data_copy.replace("glossary.yaml", "source: sec-section-a", "source: nowhere")
    problems = problems_of(data_copy.path)
    assert any("unknown party 'dcx'" in p for p in problems)
    assert any("G3.20 has no provision (z)" in p for p in problems)
    assert any("glossary.yaml" in p and "unknown source 'nowhere'" in p for p in problems)


def test_modification_version_must_match_the_text_it_introduced(data_copy):
    data_copy.replace("modifications/MP087.yaml", 'implemented_in: "2019-11-04-ad-hoc"', 'implemented_in: "6.21"')
    problems = problems_of(data_copy.path)
    assert any("sections/G.yaml" in p and "MP087 was implemented in '6.21'" in p for p in problems)


def test_file_must_be_named_after_its_id(data_copy):
    (data_copy.path / "modifications" / "MP087.yaml").rename(data_copy.path / "modifications" / "MP88.yaml")
    problems = problems_of(data_copy.path)
    assert any("modifications/MP88.yaml:" in p and "named after its id" in p for p in problems)


def test_one_spelling_for_two_terms_is_an_error(data_copy):
    data_copy.replace("glossary.yaml", "acronym: CSC", "acronym: CHF")
    assert any("'CHF' already names term" in p for p in problems_of(data_copy.path))


def test_missing_file_and_folder(tmp_path):
    assert any("the data folder does not exist" in p for p in problems_of(tmp_path / "nope"))
    assert any("sources.yaml:1:1: required file is missing" in p for p in problems_of(tmp_path))


def test_dates_stay_strings_and_multiple_documents_fail():
    doc, problems = parse("date: 2019-11-04\n", "x.yaml")
    assert doc.data == {"date": "2019-11-04"} and not problems
    doc, problems = parse("a: 1\n---\nb: 2\n", "x.yaml")
    assert doc is None and "x.yaml:2:1: invalid YAML" in str(problems[0])
