"""The live data, ``obligations/``: what must hold for any correct data, whatever a release adds.

Every other test of behaviour runs on the pinned copy (tests/data/pinned), whose counts, ids and
dates it may assert. These tests assert nothing about what the live data holds, only that it is
sound and publishable: it validates, the site builds strictly without a warning, every link and
anchor resolves, every URL listed in urls.txt is still produced, every id has its page, the
findings published are the engine's, and ``sec-obligations check`` passes as the workflow runs it.

``SEC_OBLIGATIONS_LIVE_DATA`` names another data folder to test instead (and
``SEC_OBLIGATIONS_LIVE_MANIFEST`` another urls.txt): tests/test_release_day.py points them at a
copy of the data with a new release applied, which must pass these tests untouched.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
from pathlib import Path

import pytest
import yaml

from sec_obligations import manifest, paths
from sec_obligations.cli import main
from sec_obligations.engine import Matrix
from sec_obligations.loader import load

from sitebuild import ROOT, broken_links, build, parse

LIVE = Path(os.environ.get("SEC_OBLIGATIONS_LIVE_DATA") or ROOT / "obligations").resolve()
LIVE_MANIFEST = Path(os.environ.get("SEC_OBLIGATIONS_LIVE_MANIFEST") or ROOT / "urls.txt").resolve()


@pytest.fixture(scope="module")
def live():
    return load(LIVE)


@pytest.fixture(scope="module")
def live_site(tmp_path_factory):
    """The site built from the live data, strictly, with urls.txt beside mkdocs.yml (as in the
    project), so that the plugin's own gate on published URLs runs too."""
    tmp = tmp_path_factory.mktemp("live")
    (tmp / "project").mkdir()
    shutil.copy(LIVE_MANIFEST, tmp / "project" / "urls.txt")
    return build(tmp, data=LIVE)


def test_the_live_data_validates(live):
    assert live.versions and live.sections and live.obligations


@pytest.mark.build
def test_the_site_builds_strictly_without_a_warning(live_site):
    assert live_site.returncode == 0, live_site.output
    assert "WARNING" not in live_site.output, live_site.output


@pytest.mark.build
def test_every_link_and_anchor_resolves(live_site):
    assert live_site.returncode == 0, live_site.output
    assert broken_links(live_site.site) == []


@pytest.mark.build
def test_every_url_in_the_manifest_is_still_produced(live_site):
    """New URLs are fine (``urls --update`` appends them); a listed one that is gone is not."""
    assert live_site.returncode == 0, live_site.output
    assert manifest.missing(manifest.read(LIVE_MANIFEST), manifest.produced(live_site.site)) == []


@pytest.mark.build
def test_every_id_in_the_data_has_its_page(live, live_site):
    assert live_site.returncode == 0, live_site.output
    uris = [paths.section(s) for s in live.sections] + [paths.clause(c) for c in live.clauses.values()]
    uris += [paths.version(v) for v in live.versions] + [paths.modification(m) for m in live.modifications]
    uris += [paths.obligation(o) for o in live.obligations.values()]
    assert [uri for uri in uris if not (live_site.site / paths.url(uri) / "index.html").is_file()] == []
    glossary = parse(live_site.page("glossary/")).ids
    assert [term for term in live.terms if term not in glossary] == []
    for clause in live.clauses.values():  # every wording of a clause has its anchor in its history
        ids = parse(live_site.page(paths.url(paths.clause(clause)))).ids
        assert [t.first.id for t in clause.texts if paths.text_anchor(t) not in ids] == [], clause.id


@pytest.mark.build
def test_the_published_findings_are_the_engines(live, live_site):
    assert live_site.returncode == 0, live_site.output
    published = json.loads((live_site.site / "findings" / "data.json").read_text(encoding="utf-8"))["findings"]
    engine = Matrix(live).findings
    assert sorted((f["kind"], row, f["first"], f["last"]) for f in published for row in f["rows"]) == sorted(
        (f.kind, f.row.id, f.first.id, f.last.id) for f in engine)


def workflow_accepts() -> list[str]:
    """The ``--accept`` options of the workflow's check step: findings a maintainer accepted after review."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    (step,) = [s["run"] for s in workflow["jobs"]["build"]["steps"] if "sec-obligations check" in s.get("run", "")]
    words = shlex.split(step)
    return [a for i, word in enumerate(words) if word == "--accept" for a in ("--accept", words[i + 1])]


def test_check_passes_as_the_workflow_runs_it(capsys):
    assert main(["--data", str(LIVE), "check", *workflow_accepts()]) == 0, capsys.readouterr()
