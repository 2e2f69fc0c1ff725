"""The command line: validate, who, party and export."""

from __future__ import annotations

import csv
import io
import json

from sec_obligations.cli import main
from sec_obligations.engine import Matrix
from sec_obligations.export import matrix_json
from sec_obligations.loader import load
from sec_obligations.party import borne_by, borne_csv, changes_csv, party_changes

from conftest import DATA, FIXTURE


def test_validate_ok(capsys):
    assert main(["validate", str(DATA)]) == 0
    assert capsys.readouterr().out.startswith("OK: 5 clauses, 6 versions")


def test_validate_lists_every_problem(data_copy, capsys):
    data_copy.replace("obligations.yaml", "party: dcc", "party: dcx")
    data_copy.replace("versions.yaml", 'number: "5.23"', "number: 5.23")
    assert main(["validate", str(data_copy.path)]) == 1
    err = capsys.readouterr().err
    assert "versions.yaml:" in err and "5.23 is not of type" in err


def test_who_answers_with_reasons(capsys):
    assert main(["--data", str(DATA), "who", "--version", "6.17", "--generation", "SMETS1", "--device", "CHF"]) == 0
    out = capsys.readouterr().out
    assert "Be notified (G3.20): SMETS1 Communications Hub Function\n  v6.17  nobody (gap)" in out
    assert "G3.20(b), text in force from v5.14, excludes it for the User" in out
    assert "Notify (G3.17): SMETS1 Communications Hub Function\n  v6.17  User" in out


def test_who_json(capsys):
    assert main(["--data", str(DATA), "who", "--version", "2019-11-04-ad-hoc", "--generation", "smets1",
                 "--device", "gpf", "--obligation", "arrange-to-be-notified", "--json"]) == 0
    (cell,) = json.loads(capsys.readouterr().out)
    assert cell["parties"] == ["user"] and cell["reasons"][0]["modification"] == "MP087"


def test_export_csv_matches_json(corpus, capsys):
    assert main(["--data", str(DATA), "export", "--format", "csv"]) == 0
    lines = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    expected = matrix_json(Matrix(corpus))
    runs = [(r["id"], expected["runs"][number]) for r in expected["rows"] for number in r["runs"]]
    assert len(lines) == len(runs)
    for line, (row_id, run) in zip(lines, runs):
        assert "/".join((line["obligation"], line["generation"] or "any", line["device"])) == row_id
        assert (line["from_version"], line["to_version"], line["status"], line["parties"].split()) == (
            run["from"], run["to"], run["status"], run["parties"])
    gap = [line for line in lines if line["status"] == "gap"]
    assert {(line["device"], line["from_version"], line["to_version"]) for line in gap} == {
        ("chf", "5.20", "6.17"), ("gpf", "5.20", "6.17")}


def test_party_gives_the_csv_of_the_party_view(capsys):
    corpus = load(FIXTURE)
    matrix, user = Matrix(corpus), corpus.parties["user"]
    assert main(["--data", str(FIXTURE), "party", "User", "--version", "6.17"]) == 0
    assert capsys.readouterr().out == borne_csv(user, corpus.version["6.17"], borne_by(matrix, user, corpus.version["6.17"]))
    assert main(["--data", str(FIXTURE), "party", "user", "--from", "6.17", "--to", "2019-11-04-ad-hoc"]) == 0
    out = capsys.readouterr().out
    assert out == changes_csv(party_changes(matrix, user, corpus.version["6.17"], corpus.version["2019-11-04-ad-hoc"]))
    assert out.count("MP087") == 2
