"""Shared fixtures: the pinned copy of the bundled data, the synthetic data set, editable copies of
them, the built sites, and headless Chromium.

Every test of behaviour runs on ``tests/data/pinned``: a copy of ``obligations/`` as it was when
these tests were written (SEC 5.14 to 6.21, MP087), which a release never changes, so that the
tests may assert its counts, ids and dates. ``pinned-urls.txt`` beside it is the URL manifest of
that copy. The live data, ``obligations/``, which every release changes, is tested for invariants
only (tests/test_live_data.py).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sec_obligations.loader import load
from sec_obligations.pages import Site

from browser import ARGS, AXE, CHROMIUM, Server, Watch, printer, require

# The authoring guide's worked example uses ids that real data may not ("example-99.0"): the tests apply it.
os.environ["SEC_OBLIGATIONS_EXAMPLES"] = "1"

ROOT = Path(__file__).resolve().parent.parent
PINNED = Path(__file__).parent / "data" / "pinned"  # the bundled data as pinned for the tests
PINNED_MANIFEST = Path(__file__).parent / "data" / "pinned-urls.txt"  # urls.txt as it was for that data
DATA = PINNED  # what the tests of behaviour read; never ROOT / "obligations"
LIVE = ROOT / "obligations"  # the live data: tested for invariants only (test_live_data.py)
SYNTHETIC = Path(__file__).parent / "data" / "synthetic"


@pytest.fixture(scope="session")
def corpus():
    return load(DATA)


@pytest.fixture(scope="session")
def synthetic():
    return load(SYNTHETIC)


@pytest.fixture(scope="session")
def fixture_corpus():
    """The code as written (tests/data/fixture), loaded in-process."""
    return load(FIXTURE)


@pytest.fixture(scope="session")
def site_pinned(corpus):
    """What the renderers share (pages.Site) for the pinned data: its pages are rendered in-process."""
    return Site(corpus)


@pytest.fixture(scope="session")
def site_written(fixture_corpus):
    """What the renderers share (pages.Site) for the code as written (tests/data/fixture)."""
    return Site(fixture_corpus)


class DataCopy:
    """A copy of a data folder in a temporary directory, with helpers to edit it."""

    def __init__(self, path: Path):
        self.path = path

    def file(self, name: str) -> Path:
        return self.path / name

    def replace(self, name: str, old: str, new: str, count: int = 1) -> None:
        file = self.file(name)
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not found in {name}"
        file.write_text(text.replace(old, new, count), encoding="utf-8")

    def line_of(self, name: str, needle: str, occurrence: int = 1) -> int:
        """The 1-based line of the ``occurrence``-th line containing ``needle``."""
        hits = [i for i, line in enumerate(self.file(name).read_text().splitlines(), 1) if needle in line]
        return hits[occurrence - 1]


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> DataCopy:
    monkeypatch.chdir(tmp_path)  # messages name files relative to the working directory
    target = tmp_path / "obligations"
    shutil.copytree(DATA, target)
    return DataCopy(target)


@pytest.fixture
def synthetic_copy(tmp_path, monkeypatch) -> DataCopy:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "obligations"
    shutil.copytree(SYNTHETIC, target)
    return DataCopy(target)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The site built once from the pinned copy of the bundled data, strictly, with no warning."""
    from sitebuild import build

    result = build(tmp_path_factory.mktemp("real"), data=DATA)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output, result.output
    return result


@pytest.fixture(scope="session")
def smoke_site(tmp_path_factory) -> Path:
    """The synthetic corpus at smoke size, built as the benchmark builds it (generated pages only)."""
    from snapshot import build_smoke

    return build_smoke(tmp_path_factory.mktemp("smoke"))


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """The site built once from a copy of the pinned data with markup, a quote-breaking attribute and
    Markdown in every kind of data text (corpora.HOSTILE_EDITS)."""
    from corpora import copy_of, hostile

    from sitebuild import build

    tmp = tmp_path_factory.mktemp("hostile")
    result = build(tmp, data=copy_of(tmp / "data", hostile))
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def renumbered(tmp_path_factory):
    """The site built, with the URL manifest, from a copy of the data in which G3.18 was
    renumbered as G3.22 in a hypothetical example-7.0 (shared by the manifest and browser tests)."""
    from test_manifest import MANIFEST, renumber_g318

    from sitebuild import build

    tmp = tmp_path_factory.mktemp("renumbered")
    copy = DataCopy(tmp / "obligations")
    shutil.copytree(DATA, copy.path)
    renumber_g318(copy)
    (tmp / "project").mkdir()
    shutil.copy(MANIFEST, tmp / "project" / "urls.txt")
    result = build(tmp, data=copy.path)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output, result.output
    return result


# -- the browser (headless Chromium) and the bundled data's site on loopback ------------------------

SCREENS = Path("/tmp/screens")  # screenshots the browser tests write, for a person to look at


@pytest.fixture(scope="session")
def screens() -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    return SCREENS


@pytest.fixture(scope="session")
def fixture_server(fixture_site):
    """The site of the code as written (tests/data/fixture) on loopback."""
    with Server(fixture_site.site) as running:
        yield running


@pytest.fixture(scope="session")
def server(real_site):
    with Server(real_site.site) as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    require(CHROMIUM, "Debian's chromium")
    require(AXE, "axe-core (npm)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def watch():
    return Watch()


@pytest.fixture
def page(browser, watch):
    context = browser.new_context()
    page = context.new_page()
    watch.attach(page)
    yield page
    context.close()
    watch.assert_clean()


@pytest.fixture(scope="session")
def print_pdf(browser):
    """Print HTML to an A4 PDF in the suite's Chromium: ``print_pdf(path, html, **page.pdf options)``."""
    return printer(browser)


FIXTURE = Path(__file__).parent / "data" / "fixture"
FIXTURE_REFERENCES = "See [[H1.1(a)(ii)(A)(1)]] and [[G3.18(c)]]."  # added to the home page of its site


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory):
    """The site built once, strictly and without a warning, from tests/data/fixture (the code as written)."""
    from sitebuild import build

    tmp = tmp_path_factory.mktemp("fixture-site")
    docs = tmp / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "index.md").write_text((docs / "index.md").read_text() + "\n" + FIXTURE_REFERENCES + "\n")
    result = build(tmp, data=FIXTURE, docs=docs)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output, result.output
    return result
