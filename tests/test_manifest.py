"""Permanent URLs: the manifest gate, and renumbered and deleted clauses that keep their address.

The bundled data has no renumbering or deletion (none is known in G3.17-G3.21): those are tried on
copies of its pinned copy, with a hypothetical version numbered 7.0 whose id, example-7.0, is one
reserved for examples (a real release cannot take it). The gate's tests read the pinned copy's
manifest (tests/data/pinned-urls.txt); the live urls.txt is checked against the live data in
test_live_data.py.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from sec_obligations import manifest
from sec_obligations.cli import main
from sec_obligations.loader import DataError, load

from conftest import PINNED_MANIFEST, DataCopy
from sitebuild import broken_links, build, parse

pytestmark = pytest.mark.build

MANIFEST = PINNED_MANIFEST  # urls.txt as it was for the pinned data
VERSION_7 = """
  - id: "example-7.0"
    number: "7.0"
    date: "2020-01-01"
    date_provenance: {source: sec-release-history, status: stated}
"""
G322 = """
      - id: G3.22
        texts:
          - from: "example-7.0"
            provenance: {source: mp087-annex-a, status: description, note: "A hypothetical renumbering, for the tests."}
            lead: "The requirements of this Section are that the User shall:"
            paragraphs:
              - {id: a, text: notify the manufacturer;}
              - {id: b, text: take reasonable steps to rectify the cause; and}
              - {id: c, text: ensure that the Security Sub-Committee is promptly notified.}
"""
STATUS_PROVENANCE = "provenance: {source: mp087-report, status: description, note: Hypothetical.}"


def add_version_7(copy: DataCopy) -> None:
    with open(copy.file("versions.yaml"), "a", encoding="utf-8") as f:
        f.write(VERSION_7)


def renumber_g318(copy: DataCopy) -> None:
    """G3.18 becomes G3.22 in a hypothetical example-7.0."""
    add_version_7(copy)
    copy.replace("sections/G.yaml", '      - id: G3.18\n        texts:\n          - from: "5.14"\n',
                 '      - id: G3.18\n        status: {kind: renumbered, in: "example-7.0", to: G3.22, '
                 f'{STATUS_PROVENANCE}}}\n        texts:\n          - from: "5.14"\n            to: "6.21"\n')
    with open(copy.file("sections/G.yaml"), "a", encoding="utf-8") as f:
        f.write(G322)


def delete_g321(copy: DataCopy) -> None:
    """G3.21 is deleted in a hypothetical example-7.0."""
    add_version_7(copy)
    copy.replace("sections/G.yaml", '      - id: G3.21\n        texts:\n          - from: "5.14"\n',
                 f'      - id: G3.21\n        status: {{kind: deleted, in: "example-7.0", {STATUS_PROVENANCE}}}\n'
                 '        texts:\n          - from: "5.14"\n            to: "6.21"\n')


def remove_g321(copy: DataCopy) -> None:
    """G3.21 taken out of the data, with no tombstone: what must not happen."""
    g = copy.file("sections/G.yaml")
    text = g.read_text(encoding="utf-8")
    g.write_text(text[: text.index("      - id: G3.21")], encoding="utf-8")
    copy.replace("obligations.yaml", "clauses: [G3.20, G3.21]", "clauses: [G3.20]")


def article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


# -- the gate on the real site ---------------------------------------------------------------------

def test_every_listed_url_is_still_produced(real_site):
    listed = manifest.read(MANIFEST)
    assert manifest.missing(listed, manifest.produced(real_site.site)) == []


def test_the_manifest_lists_pages_data_feeds_and_clause_anchors():
    listed = set(manifest.read(MANIFEST))
    assert {"/", "/sec/G/G3.20/", "/sec/G/G3.20/#b", "/sec/G/G3.20/#v-5.14-b", "/sec/G/G3.20/#v-6.17",
            "/sec/G/G3.20/data.json", "/modifications/MP087/data.json", "/versions/6.17/matrix.csv",
            "/data/model.json", "/feed-releases.xml", "/feed-modifications.xml", "/findings/data.json",
            "/open-data/"} <= listed
    assert not [url for url in listed if url.startswith(("/assets/", "/search/"))]
    assert len(listed) == len(manifest.read(MANIFEST))  # no line twice


def test_produced_urls_are_read_from_the_built_html(real_site):
    found = manifest.produced(real_site.site)
    ids = parse(real_site.page("sec/G/G3.20/")).ids
    anchors = {url.split("#")[1] for url in found if url.startswith("/sec/G/G3.20/#")}
    assert anchors <= ids and {"a", "b", "v-5.14", "v-5.14-b", "v-6.17", "v-2019-11-04-ad-hoc-b"} <= anchors
    assert "history" not in anchors  # headings of the page are not permanent anchors
    assert not [url for url in found if "#" in url and not url.startswith("/sec/G/G3.")]


# -- removing a clause fails; a tombstone keeps every URL ----------------------------------------

def test_removing_a_clause_without_a_tombstone_fails_the_gate_naming_its_urls(tmp_path, data_copy):
    remove_g321(data_copy)
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(MANIFEST, project / "urls.txt")
    result = build(tmp_path, data=data_copy.path)
    assert result.returncode != 0  # the plugin's own check, in a strict build
    assert "are no longer produced" in result.output and "/sec/G/G3.21/\n" in result.output
    assert not result.site.exists()  # a failed build publishes nothing
    result = build(tmp_path, data=data_copy.path, strict=False)  # the site it would have published
    gone = manifest.missing(manifest.read(MANIFEST), manifest.produced(result.site))
    assert "/sec/G/G3.21/" in gone and "/sec/G/G3.21/data.json" in gone and "/sec/G/G3.21/#v-6.17" in gone
    assert gone == [url for url in manifest.read(MANIFEST) if url.startswith("/sec/G/G3.21/")]


def test_the_build_fails_when_an_anchor_of_a_page_that_still_exists_is_gone(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "urls.txt").write_text(MANIFEST.read_text(encoding="utf-8") + "/sec/G/G3.20/#v-example-9.99-b\n", encoding="utf-8")
    result = build(tmp_path)
    assert result.returncode != 0
    assert "1 published URL(s) listed in urls.txt are no longer produced" in result.output
    assert "  /sec/G/G3.20/#v-example-9.99-b\n" in result.output


def test_a_deleted_clause_keeps_its_page_and_every_url(tmp_path, data_copy):
    delete_g321(data_copy)
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(MANIFEST, project / "urls.txt")
    result = build(tmp_path, data=data_copy.path)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output
    assert manifest.missing(manifest.read(MANIFEST), manifest.produced(result.site)) == []
    html = article(result.page("sec/G/G3.21/"))
    assert "Deleted" in html and "was deleted in" in html and 'href="../../../versions/example-7.0/"' in html
    assert 'href="#v-5.14">The last text in force</a>, from v5.14 to v6.21' in html
    assert "data-sec-successor" not in html
    assert json.loads((result.site / "sec/G/G3.21/data.json").read_text())["status"]["state"] == "deleted"
    assert broken_links(result.site) == []


def test_a_renumbered_clause_keeps_its_page_and_names_its_successor(renumbered):
    assert manifest.missing(manifest.read(MANIFEST), manifest.produced(renumbered.site)) == []
    old = article(renumbered.page("sec/G/G3.18/"))
    assert 'data-sec-successor="../G3.22/"' in old
    assert re.search(r'G3.18 was renumbered as <a href="../G3.22/">G3.22</a> in <a href="../../../versions/example-7.0/">v7.0</a>', old)
    assert 'href="#v-5.14">The last text in force</a>, from v5.14 to v6.21' in old
    assert {"a", "b", "c", "v-5.14", "v-5.14-b", "v-6.21"} <= parse(old).ids  # old links still land
    new = article(renumbered.page("sec/G/G3.22/"))
    assert re.search(r'Formerly <a href="../G3.18/">G3.18</a>, renumbered as G3.22 in', new)
    status = json.loads((renumbered.site / "sec/G/G3.18/data.json").read_text())["status"]
    assert status["state"] == "renumbered" and status["successor"]["url"] == "https://sec-obligations.example.org/sec/G/G3.22/"
    assert broken_links(renumbered.site) == []


# -- the loader's checks -----------------------------------------------------------------------------

def problems_of(path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(path)
    return [str(p) for p in caught.value.problems]


def assert_located(data_copy, needle: str, message: str, occurrence: int = 1) -> None:
    """Loading fails with ``message`` at the line of sections/G.yaml that holds ``needle``."""
    line = data_copy.line_of("sections/G.yaml", needle, occurrence)
    problems = problems_of(data_copy.path)
    assert any(p.startswith(f"obligations/sections/G.yaml:{line}:") and message in p for p in problems), problems


def test_renumbered_and_deleted_clauses_load(data_copy):
    renumber_g318(data_copy)
    corpus = load(data_copy.path)
    g318 = corpus.clauses["G3.18"]
    assert g318.status.kind == "renumbered" and g318.status.successor == "G3.22"
    assert g318.status.version.id == "example-7.0" and g318.text_at(corpus.version["example-7.0"]) is None


def test_a_withdrawn_clause_must_end_in_the_version_before(data_copy):
    renumber_g318(data_copy)
    data_copy.replace("sections/G.yaml", '          - from: "5.14"\n            to: "6.21"\n',
                      '          - from: "5.14"\n            to: "6.17"\n')
    assert_located(data_copy, "kind: renumbered", "G3.18 is renumbered in 'example-7.0', so its last text must end in '6.21', "
                   "the version before; it ends in '6.17'")


def test_renumbered_needs_a_known_successor_in_force(data_copy):
    renumber_g318(data_copy)
    data_copy.replace("sections/G.yaml", "to: G3.22,", "to: G9.99,")
    assert any("unknown clause 'G9.99'" in p for p in problems_of(data_copy.path))
    data_copy.replace("sections/G.yaml", "to: G9.99,", "to: G3.17,")
    data_copy.replace("sections/G.yaml", '          - from: "5.20"\n', '          - from: "5.20"\n            to: "6.21"\n')
    assert any("G3.17 has no text in force in 'example-7.0', the version that renumbered G3.18 as it" in p
               for p in problems_of(data_copy.path))


def test_kind_and_successor_must_agree(data_copy):
    renumber_g318(data_copy)
    data_copy.replace("sections/G.yaml", "kind: renumbered", "kind: deleted")
    assert any("a deleted clause has no successor" in p for p in problems_of(data_copy.path))
    data_copy.replace("sections/G.yaml", "kind: deleted, in: \"example-7.0\", to: G3.22,", "kind: renumbered, in: \"example-7.0\",")
    assert any("a renumbered clause needs 'to'" in p for p in problems_of(data_copy.path))


def test_a_tombstone_colliding_with_a_live_clause_is_an_error(data_copy):
    delete_g321(data_copy)
    with open(data_copy.file("sections/G.yaml"), "a", encoding="utf-8") as f:
        f.write(G322.replace("G3.22", "G3.21"))
    assert_located(data_copy, "- id: G3.21", "'G3.21' is both a deleted clause and a live one", occurrence=2)


def test_a_withdrawal_in_an_unknown_version_is_located(data_copy):
    delete_g321(data_copy)
    data_copy.replace("sections/G.yaml", 'kind: deleted, in: "example-7.0"', 'kind: deleted, in: "example-7.9"')
    assert_located(data_copy, '"example-7.9"', "unknown version 'example-7.9'")


# -- the command that keeps the list -------------------------------------------------------------

def test_urls_command_reports_and_appends(real_site, tmp_path, capsys):
    listed = tmp_path / "urls.txt"
    assert main(["urls", "--site", str(real_site.site), "--manifest", str(listed), "--update"]) == 0
    first = manifest.read(listed)
    assert "/sec/G/G3.20/#b" in first and listed.read_text().startswith("# Every URL")
    assert main(["urls", "--site", str(real_site.site), "--manifest", str(listed)]) == 0
    assert "0 not listed yet" in capsys.readouterr().out
    with open(listed, "a", encoding="utf-8") as f:
        f.write("/sec/G/G9.99/\n")
    assert main(["urls", "--site", str(real_site.site), "--manifest", str(listed), "--update"]) == 1
    assert "  /sec/G/G9.99/\n" in capsys.readouterr().err
    assert manifest.read(listed) == first + ["/sec/G/G9.99/"]  # nothing re-sorted, nothing dropped
