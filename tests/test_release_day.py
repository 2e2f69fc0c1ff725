"""Release day: a new release applied to a copy of the project's data passes the live-data tests untouched.

The issue this answers: after a first real release (a version 6.22, a modification, a changed
G3.17), tests that asserted the bundled data's counts, ids and dates failed, and publication
stopped. Now the tests of behaviour run on a pinned copy (tests/data/pinned) and the live data is
tested for invariants only (tests/test_live_data.py). Here a realistic release (tests/release.py,
made as docs/authoring.md tells an author) is applied to a copy of ``obligations/``, and
tests/test_live_data.py is run on that copy, in a subprocess, exactly as it is: it must pass. A
release that breaks a published URL must still fail it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from sec_obligations.loader import load

import release
from sitebuild import ROOT

pytestmark = pytest.mark.build


def live_tests(data, manifest) -> subprocess.CompletedProcess:
    """tests/test_live_data.py run on ``data`` (and ``manifest`` as urls.txt), as CI would run it."""
    env = {**os.environ, "SEC_OBLIGATIONS_LIVE_DATA": str(data), "SEC_OBLIGATIONS_LIVE_MANIFEST": str(manifest)}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rfEs",
                           str(ROOT / "tests" / "test_live_data.py")],
                          cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.fixture
def project(tmp_path):
    """A copy of the project's data and its urls.txt, as they are in the repository now."""
    shutil.copytree(ROOT / "obligations", tmp_path / "obligations")
    shutil.copy(ROOT / "urls.txt", tmp_path / "urls.txt")
    return tmp_path


@pytest.mark.parametrize("new_section", [False, True], ids=["new-version-modification-and-wording", "and-a-new-section"])
def test_a_new_release_passes_the_live_data_tests_untouched(project, new_section):
    before = load(project / "obligations")
    made = release.apply(project / "obligations", new_section=new_section)

    # The release is what it says: a new latest version, its modification, G3.17's new wording.
    after = load(project / "obligations")
    assert [v.id for v in after.versions] == [v.id for v in before.versions] + [made.version]
    assert after.modifications[made.modification].implemented_in.id == made.version
    old, new = after.clauses["G3.17"].texts[-2:]
    assert (old.last.id, new.first.id, new.modification) == (made.previous, made.version, made.modification)
    assert new.plain() != old.plain() and new.paragraph("b").text == old.paragraph("b").text
    if new_section:
        assert set(after.sections) == set(before.sections) | {made.section}
        assert after.clauses[made.clause].texts[0].first.id == made.version
        assert made.obligation in after.obligations

    result = live_tests(project / "obligations", project / "urls.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout and "skipped" not in result.stdout and "failed" not in result.stdout, result.stdout


def test_a_release_that_drops_a_published_clause_fails_them(project):
    """The live-data tests have teeth: a clause taken out without a tombstone loses published URLs."""
    release.apply(project / "obligations")
    g = project / "obligations" / "sections" / "G.yaml"
    text = g.read_text(encoding="utf-8")
    g.write_text(text[: text.index("      - id: G3.21")], encoding="utf-8")
    o = project / "obligations" / "obligations.yaml"
    o.write_text(o.read_text(encoding="utf-8").replace("clauses: [G3.20, G3.21]", "clauses: [G3.20]"), encoding="utf-8")
    result = live_tests(project / "obligations", project / "urls.txt")
    assert result.returncode != 0
    assert "FAILED" in result.stdout and "/sec/G/G3.21/" in result.stdout, result.stdout
