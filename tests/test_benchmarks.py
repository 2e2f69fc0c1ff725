"""Smoke test of the benchmark tools at a tiny size: they still run (no timing is asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from sec_obligations.engine import Matrix  # noqa: E402
from sec_obligations.loader import load  # noqa: E402

from generate import SIZES, Generator  # noqa: E402
from run import measure, plain_pages, project, site_size, size_by_part  # noqa: E402

pytestmark = pytest.mark.build


def test_the_generator_is_deterministic_and_valid(tmp_path):
    for name in ("a", "b"):
        Generator(*SIZES["smoke"], seed=3).write(tmp_path / name)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.yaml"))
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    corpus = load(tmp_path / "a")
    assert (len(corpus.clauses), len(corpus.versions), len(corpus.obligations)) == (60, 8, 12)
    findings = {f.kind for f in Matrix(corpus).findings}
    assert "gap" in findings and "twin-mismatch" in findings  # the engine has something to find


def test_the_benchmark_builds_a_small_corpus(tmp_path):
    data = tmp_path / "data"
    Generator(*SIZES["smoke"]).write(data)
    base = project(tmp_path / "ours", data)
    result = measure([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"], base)
    pages, megabytes = site_size(base / "site")
    assert pages > 60 and megabytes > 0 and result["cpu"] > 0
    assert (base / "site" / "sec" / "A" / "A1.1" / "index.html").is_file()
    parts = size_by_part(base / "site")  # the size by folder and by kind adds up to the whole
    assert sum(parts["folder"].values()) == pytest.approx(megabytes) == sum(parts["kind"].values())
    assert parts["kind"]["matrix.csv"] > 0 and parts["folder"]["versions/"] > parts["kind"]["matrix.json"] > 0


def test_the_baseline_builds_the_same_pages_as_plain_files(tmp_path):
    data = tmp_path / "data"
    Generator(*SIZES["smoke"]).write(data)
    pages = plain_pages(data)
    base = project(tmp_path / "plain", data, pages)
    measure([sys.executable, "-m", "mkdocs", "build", "-d", "site"], base)
    assert site_size(base / "site")[0] >= len(pages) and (base / "docs" / pages[0][0]).read_text() == pages[0][1]
