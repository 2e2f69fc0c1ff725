"""Comparing two versions: clause wordings with their redline, and answers of the decision table."""

from __future__ import annotations

import json

import pytest

from sec_obligations.cli import main
from sec_obligations.diff import as_text, compare, excerpt
from sec_obligations.loader import load

from conftest import DATA

NEW_WORDS = "which forms part of a SMETS2+ Device"


def between(corpus, a: str, b: str) -> dict:
    return compare(corpus, corpus.version[a], corpus.version[b])


def changed_words(report: dict, clause: str, op: str) -> list[str]:
    (change,) = [c for c in report["clauses"] if c["clause"] == clause]
    return [text.strip() for o, text in change["redline"] if o == op]


def test_mp087_release_changes_g320_and_closes_the_gap(corpus):
    report = between(corpus, "6.17", "2019-11-04-ad-hoc")
    assert report["versions"] == ["2019-11-04-ad-hoc"] and report["direction"] == "forward"
    assert [m["id"] for m in report["modifications"]] == ["MP087"]
    (change,) = report["clauses"]
    assert (change["clause"], change["change"], change["modifications"]) == ("G3.20", "amended", ["MP087"])
    assert (change["before"]["text_from"], change["before"]["status"]) == ("5.14", "reconstructed")
    assert (change["after"]["text_from"], change["after"]["status"]) == ("2019-11-04-ad-hoc", "verbatim")
    assert changed_words(report, "G3.20", "+") == [NEW_WORDS] and changed_words(report, "G3.20", "-") == []
    # the redline rebuilds both wordings
    assert "".join(t for o, t in change["redline"] if o != "-") == " ".join(change["after"]["text"].split())
    rows = {(r["obligation"], r["generation"], r["device"]): r for r in report["responsibilities"]}
    assert set(rows) == {("arrange-to-be-notified", "smets1", "chf"), ("arrange-to-be-notified", "smets1", "gpf")}
    chf = rows["arrange-to-be-notified", "smets1", "chf"]
    assert (chf["before"]["status"], chf["after"]["parties"]) == ("gap", ["user"])
    assert chf["before"]["citations"] == chf["after"]["citations"] == ["G3.20(b)"]
    assert json.loads(json.dumps(report)) == report  # JSON-ready as it is


def test_the_comparison_is_net_over_several_versions(corpus):
    report = between(corpus, "5.14", "6.21")
    assert report["versions"] == ["5.20", "5.23", "6.17", "2019-11-04-ad-hoc", "6.21"]
    assert [c["clause"] for c in report["clauses"]] == ["G3.17", "G3.20"]
    g317 = report["clauses"][0]
    assert g317["modifications"] == [] and g317["after"]["change_note"].startswith("Narrowed")
    answers = {(r["obligation"], r["generation"], r["device"]): (r["before"]["answer"], r["after"]["answer"])
               for r in report["responsibilities"]}
    assert answers["arrange-to-be-notified", "smets1", "chf"] == ("not applicable", "User")
    assert ("notify-vulnerability", "smets2plus", "chf") not in answers  # DCC throughout


def test_backwards_and_same_version(corpus):
    back = between(corpus, "2019-11-04-ad-hoc", "6.17")
    assert back["direction"] == "backward" and changed_words(back, "G3.20", "-") == [NEW_WORDS]
    assert {r["after"]["answer"] for r in back["responsibilities"]} == {"nobody (gap)"}
    assert "(undoing MP087)" in as_text(back)
    same = between(corpus, "6.21", "6.21")
    assert same["versions"] == same["clauses"] == same["responsibilities"] == []
    assert "nothing to compare" in as_text(same)


def test_added_and_removed_clauses(synthetic_copy):
    # X1.2 ends in 1.100 and a new clause X1.3 comes in with 2.0.
    synthetic_copy.replace("sections/X.yaml", '      - id: X1.2\n        texts:\n          - from: "1.9"\n',
                           '      - id: X1.2\n        texts:\n          - from: "1.9"\n            to: "1.100"\n')
    synthetic_copy.replace("obligations.yaml", 'cite: {clause: X1.2, paragraph: a}\n        from: "1.9"\n',
                           'cite: {clause: X1.2, paragraph: a}\n        from: "1.9"\n        to: "1.100"\n')
    with open(synthetic_copy.file("sections/X.yaml"), "a", encoding="utf-8") as f:
        f.write('      - id: X1.3\n        texts:\n          - from: "2.0"\n'
                '            provenance: {source: handbook, status: verbatim}\n'
                '            lead: "The Operator shall keep a log."\n')
    corpus = load(synthetic_copy.path)
    report = between(corpus, "1.10", "2.0")
    changes = {c["clause"]: c for c in report["clauses"]}
    assert changes["X1.2"]["change"] == "removed" and changes["X1.2"]["after"] is None
    assert changes["X1.3"]["change"] == "added" and changes["X1.3"]["before"] is None
    assert changes["X1.3"]["redline"] == [["+", "The Operator shall keep a log."]]
    assert changes["X1.1"]["modifications"] == ["CP1"]
    # "repair" rests on X1.2 alone: without its clause the duty is not in the code, never a gap.
    repair = [r for r in report["responsibilities"] if r["obligation"] == "repair"]
    assert repair and {r["after"]["status"] for r in repair} == {"not-applicable"}


def test_excerpt_keeps_context_around_each_change():
    pieces = [["=", "one two three four five six "], ["-", "old"], ["+", "new"], ["=", " seven eight nine ten"]]
    assert excerpt(pieces, 2) == "… five six [-old-]{+new+} seven eight …"
    assert excerpt(pieces, 10) == "one two three four five six [-old-]{+new+} seven eight nine ten"
    assert excerpt([["=", "a b"], ["+", " c d"], ["=", "."]], 5) == "a b {+c d+}."


def test_cli_diff_text(capsys):
    assert main(["--data", str(DATA), "diff", "v6.17", "2019-11-04-ad-hoc"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Changes from v6.17 to 4 Nov 2019 ad-hoc release\n")
    assert "  G3.20  amended by MP087\n" in out
    assert "Gas Proxy Function {+which forms part of a SMETS2+ Device+})" in out
    assert "Be notified (G3.20): SMETS1 Communications Hub Function: nobody (gap) -> User" in out
    assert "Responsibilities changed: 2\n" in out


def test_cli_diff_json_and_unknown_version(capsys):
    assert main(["--data", str(DATA), "diff", "5.20", "6.21", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["from"]["id"] == "5.20" and [c["clause"] for c in report["clauses"]] == ["G3.20"]
    with pytest.raises(SystemExit, match=r"unknown version '9\.99'"):
        main(["--data", str(DATA), "diff", "6.17", "9.99"])
