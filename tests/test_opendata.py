"""Open data: every emitted file validates against its published schema and says what the pages say;
links that travel (canonical, Open Graph, a sitemap dated by the data)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from xml.etree import ElementTree as ET

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from sec_obligations import export
from sec_obligations.engine import Matrix

from sitebuild import PINNED, ROOT, is_redirect, pages

pytestmark = pytest.mark.build

BASE = "https://sec-obligations.example.org/"


@pytest.fixture(scope="module")
def site(real_site):
    return real_site.site


@pytest.fixture(scope="module")
def schemas(site):
    """The schemas as published, by their absolute $id."""
    found = {}
    for file in (site / "data" / "schema").glob("*.schema.json"):
        schema = json.loads(file.read_text(encoding="utf-8"))
        assert schema["$id"] == BASE + "data/schema/" + file.name
        found[schema["$id"]] = schema
    return found


@pytest.fixture(scope="module")
def validate(schemas):
    registry = Registry().with_resources([(k, Resource.from_contents(v)) for k, v in schemas.items()])
    validators = {}

    def check(schema_url: str, instance) -> list[str]:
        if schema_url not in validators:
            Draft202012Validator.check_schema(schemas[schema_url])
            validators[schema_url] = Draft202012Validator(schemas[schema_url], registry=registry)
        return [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validators[schema_url].iter_errors(instance)]

    return check


def local(site, url: str):
    assert url.startswith(BASE), url
    return site / url[len(BASE):]


def load_json(site, url: str):
    return json.loads(local(site, url).read_text(encoding="utf-8"))


def test_every_emitted_data_file_validates_against_its_schema(site, validate):
    catalogue = json.loads((site / "data" / "index.json").read_text(encoding="utf-8"))
    assert validate(catalogue["$schema"], catalogue) == []
    checked = 0
    for page in catalogue["pages"]:
        data = load_json(site, page["data_url"])
        assert data["$schema"] == page["schema"] and data["url"] == page["url"]
        assert validate(page["schema"], data) == [], page["data_url"]
        assert local(site, page["url"]).joinpath("index.html").is_file()  # the page it sits beside
        checked += 1
    for entry in catalogue["files"]:
        assert local(site, entry["url"]).is_file(), entry["url"]
        if entry["schema"] is None:
            continue
        text = local(site, entry["url"]).read_text(encoding="utf-8")
        if entry["media_type"] == "text/csv":
            for line in csv.DictReader(io.StringIO(text)):
                assert validate(entry["schema"], line) == [], (entry["url"], line)
        else:
            assert validate(entry["schema"], json.loads(text)) == [], entry["url"]
        checked += 1
    # Every data file the site holds is in the catalogue (and so was validated).
    listed = {p["data_url"] for p in catalogue["pages"]} | {f["url"] for f in catalogue["files"]}
    on_disk = {BASE + p.relative_to(site).as_posix() for p in site.rglob("data.json")}
    on_disk |= {BASE + p.relative_to(site).as_posix() for p in site.glob("versions/*/matrix.*")}
    assert on_disk <= listed
    assert set(catalogue["schemas"]) == {BASE + "data/schema/" + p.name for p in (site / "data/schema").iterdir()}
    assert checked >= 5 + 1 + 1 + 6 + 1 + 12 + 2


def test_the_schemas_reject_what_they_do_not_describe(site, validate):
    data = json.loads((site / "sec/G/G3.20/data.json").read_text(encoding="utf-8"))
    assert validate(data["$schema"], data | {"surprise": 1})
    broken = json.loads(json.dumps(data))
    broken["texts"][0]["provenance"]["status"] = "rumoured"
    assert validate(data["$schema"], broken)
    assert validate(BASE + "data/schema/matrix-version-row.schema.json", {"version": "6.17"})


def test_clause_data_has_texts_per_version_with_provenance_status_and_responsibility(site):
    data = json.loads((site / "sec/G/G3.20/data.json").read_text(encoding="utf-8"))
    assert data["id"] == "G3.20" and data["url"] == BASE + "sec/G/G3.20/"
    assert data["status"]["state"] == "in-force"
    first, second = data["texts"]
    assert first["from"]["id"] == "5.14" and first["to"]["id"] == "6.17"
    assert "in_force" not in first  # the versions from "from" to "to", in the order of versions.yaml
    assert first["provenance"]["status"] == "reconstructed" and second["provenance"]["status"] == "verbatim"
    assert second["modification"] == "MP087" and second["to"] is None
    b = second["paragraphs"][1]
    assert b["id"] == "b" and "SMETS2+ Device" in b["text"]
    assert b["url"] == BASE + "sec/G/G3.20/#v-2019-11-04-ad-hoc-b"
    assert [o["id"] for o in data["obligations"]] == ["arrange-to-be-notified"]
    row = next(r for r in data["responsibility"] if r["row"] == "arrange-to-be-notified/smets1/chf")
    runs = [data["runs"][number] for number in row["runs"]]  # the runs the rows share, each listed once
    assert [(run["from"], run["to"], run["answer"]) for run in runs] == [
        ("5.14", "5.14", "not applicable"), ("5.20", "6.17", "nobody (gap)"), ("2019-11-04-ad-hoc", "6.21", "User")]
    listed = [json.dumps(run, sort_keys=True) for run in data["runs"]]
    assert len(listed) == len(set(listed)) < sum(len(r["runs"]) for r in data["responsibility"])
    assert data["modifications"][0]["url"] == BASE + "modifications/MP087/"


def test_findings_data_lists_the_mp087_gap_with_its_first_and_last_versions(site):
    data = json.loads((site / "findings/data.json").read_text(encoding="utf-8"))
    gaps = [f for f in data["findings"] if f["kind"] == "gap"]
    # once for the devices it holds for in the same versions, for the same reasons, with the same end
    (smets1,) = gaps
    assert smets1["rows"] == ["arrange-to-be-notified/smets1/chf", "arrange-to-be-notified/smets1/gpf"]
    assert smets1["obligation"] == "arrange-to-be-notified"
    assert smets1["detail"] == "nobody bears 'Arrange to be notified of security vulnerabilities'"
    assert smets1["first"] == "5.20" and smets1["last"] == "6.17"
    assert "versions" not in smets1  # every version from "first" to "last"
    assert smets1["ended_by"]["id"] == "2019-11-04-ad-hoc" and smets1["ended_by_modifications"] == ["MP087"]
    assert smets1["clauses"] == ["G3.20(b)"]
    assert smets1["url"] == BASE + "responsibility/arrange-to-be-notified/#row-arrange-to-be-notified-smets1-chf"


def test_release_and_modification_data(site):
    adhoc = json.loads((site / "versions/2019-11-04-ad-hoc/data.json").read_text(encoding="utf-8"))
    assert adhoc["number"] is None and "6.18" in adhoc["number_note"]
    assert [m["id"] for m in adhoc["modifications"]] == ["MP087"]
    assert [(c["clause"], c["kind"]) for c in adhoc["clauses_changed"]] == [("G3.20", "amended")]
    assert {(r["row"], r["before"]["status"], r["after"]["answer"]) for r in adhoc["responsibility_changes"]} >= {
        ("arrange-to-be-notified/smets1/chf", "gap", "User")}
    assert json.loads((site / "versions/5.20/data.json").read_text())["date"] == {"earliest": "2018-02-22", "latest": "2018-10-04"}
    mp087 = json.loads((site / "modifications/MP087/data.json").read_text(encoding="utf-8"))
    assert mp087["date"] == "2019-11-04" and mp087["implemented_in"]["id"] == "2019-11-04-ad-hoc"
    assert mp087["texts_introduced"] == [{"clause": "G3.20", "from": "2019-11-04-ad-hoc",
                                          "url": BASE + "sec/G/G3.20/#v-2019-11-04-ad-hoc"}]


def csv_answers(text: str) -> dict[str, dict]:
    """A version's grouped matrix.csv read back as one answer per row id (obligation/generation/device)."""
    answers = {}
    for line in csv.DictReader(io.StringIO(text)):
        for device in line["devices"].split() or [""]:
            row_id = line["obligation"] + ("/" + device if device else "")
            assert row_id not in answers, row_id  # each row in one line only
            answers[row_id] = line
    return answers


def test_each_versions_matrix_agrees_with_the_engine(site, corpus):
    matrix = Matrix(corpus)
    all_rows = json.loads((site / "responsibility/matrix.json").read_text(encoding="utf-8"))["rows"]
    for version in corpus.versions:
        data = json.loads((site / f"versions/{version.id}/matrix.json").read_text(encoding="utf-8"))
        text = (site / f"versions/{version.id}/matrix.csv").read_text(encoding="utf-8")
        lines, answers = list(csv.DictReader(io.StringIO(text))), csv_answers(text)
        # The compact JSON: row i of responsibility/matrix.json has the state numbered data["rows"][i].
        items = [dict(zip(data["state_columns"], data["states"][n])) for n in data["rows"]]
        assert data["version"]["id"] == version.id and data["rows_url"] == BASE + "responsibility/matrix.json"
        assert len(items) == len(matrix.rows) == len(answers) == len(all_rows)
        assert len(data["states"]) == len({json.dumps(s) for s in data["states"]}) <= len(items)  # each state once
        assert len(lines) < len(matrix.rows)  # rows that read the same share a line
        assert len({(line["obligation"], *(line[c] for c in data["state_columns"])) for line in lines}) == len(lines)
        for row, listed, item in zip(matrix.rows, all_rows, items):
            verdict, line = matrix.verdict(row, version), answers[row.id]
            assert listed["id"] == row.id and line["version"] == version.id
            assert item["answer"] == verdict.answer == line["answer"] and item["status"] == verdict.status == line["status"]
            assert item["parties"] == [p.id for p in verdict.parties] == line["parties"].split()
            assert item["changed"] == matrix.changed(row, version) and line["changed"] == str(item["changed"]).lower()
            assert item["twin_mismatch"] == matrix.mismatch(row, version) and line["twin_mismatch"] == str(item["twin_mismatch"]).lower()
            assert item["reasons"] == [("+" if r.includes else "-") + (r.citation or r.rule.party.id) for r in verdict.reasons]
            assert line["reasons"] == "; ".join(item["reasons"])
    gap = json.loads((site / "versions/6.17/matrix.json").read_text(encoding="utf-8"))
    at = next(i for i, r in enumerate(all_rows) if r["id"] == "arrange-to-be-notified/smets1/chf")
    assert gap["states"][gap["rows"][at]] == ["gap", [], "nobody (gap)", False, True, ["-G3.20(b)"]]
    line = csv_answers((site / "versions/6.17/matrix.csv").read_text(encoding="utf-8"))["arrange-to-be-notified/smets1/chf"]
    assert (line["answer"], line["reasons"], line["devices"].split()) == ("nobody (gap)", "-G3.20(b)", ["smets1/chf", "smets1/gpf"])


def test_the_whole_model_is_the_export_plus_clause_status(site, corpus):
    model = json.loads((site / "data/model.json").read_text(encoding="utf-8"))
    expected = json.loads(json.dumps(export.model_json(corpus)))
    for section in model["sections"]:
        for heading in section["headings"]:
            for clause in heading["clauses"]:
                assert clause.pop("status") is None
    assert {k: v for k, v in model.items() if k not in ("$schema", "url")} == expected


def test_every_page_has_a_canonical_link_and_open_graph_tags(site):
    for url in pages(site):
        if url == "404.html":
            continue
        html = (site / url / "index.html").read_text(encoding="utf-8")
        canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
        if is_redirect(html):  # names the page it sends readers to
            assert len(canonical) == 1 and canonical[0].startswith("../"), url
            continue
        assert canonical == [BASE + url], url
        assert f'<meta property="og:url" content="{BASE + url}">' in html, url
        assert re.search(r'<meta property="og:title" content="[^"<]+">', html), url
        assert '<meta property="og:description" content="' in html, url
    g320 = (site / "sec/G/G3.20/index.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="G3.20">' in g320
    assert re.search(r'<meta property="og:description" content="G3.20: Each User shall', g320)


def test_the_sitemap_is_dated_by_the_data(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site / "sitemap.xml").getroot()
    dates = {u.find("s:loc", ns).text: (u.find("s:lastmod", ns).text if u.find("s:lastmod", ns) is not None else None)
             for u in root.findall("s:url", ns)}
    assert dates[BASE + "sec/G/G3.20/"] == "2019-11-04"  # MP087's wording
    assert dates[BASE + "sec/G/G3.18/"] == "2018-02-22"  # unchanged since the first version held
    assert dates[BASE + "sec/G/G3.17/"] == "2018-10-04"  # changed in 5.20: dated by the latest it can be
    assert dates[BASE + "modifications/MP087/"] == "2019-11-04"
    assert dates[BASE + "versions/6.21/"] == "2019-11-29" and dates[BASE + "versions/6.17/"] == "2019-11-04"
    assert dates[BASE] is None and dates[BASE + "glossary/"] is None  # no date in the data: none at all
    known = {d for d in dates.values() if d}
    assert known <= {"2018-02-22", "2018-10-04", "2019-11-04", "2019-11-29"}


def test_site_url_is_required(tmp_path):
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(PINNED, tmp_path / "obligations")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(re.sub(r"(?m)^site_url:.*\n", "", text), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml"),
                             "-d", str(tmp_path / "site")], capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert "sec-obligations: 'site_url' is required in mkdocs.yml" in result.stdout + result.stderr
