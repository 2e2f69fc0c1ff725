"""The plugin under ProperDocs, the maintained continuation of MkDocs 1.x: the same site, page for page."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys

import pytest

from sitebuild import PINNED, ROOT, Build, broken_links, comparable_files

pytestmark = pytest.mark.build


def properdocs_build(tmp) -> Build:
    """``properdocs build --strict`` (never ``-q``) on a copy of the project, as ``sitebuild.build`` does with MkDocs."""
    if importlib.util.find_spec("properdocs") is None:
        message = "ProperDocs is not installed: pip install -e '.[test]' installs it"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    project = tmp / "project"
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name, source in (("docs", ROOT / "docs"), ("obligations", PINNED)):  # the data of real_site
        if not (project / name).exists():  # a test may have put its own there
            shutil.copytree(source, project / name)
    site = tmp / "site"
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return Build(result.returncode, result.stdout + result.stderr, site)


def article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def test_properdocs_builds_the_same_site(tmp_path, real_site):
    result = properdocs_build(tmp_path)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output, result.output
    assert 'content="mkdocs-ProperDocs' in result.page("")  # built by ProperDocs, not MkDocs
    assert 'content="mkdocs-1.' in real_site.page("")

    assert sorted(comparable_files(result.site)) == sorted(comparable_files(real_site.site))
    for page in real_site.site.rglob("index.html"):
        url = page.parent.relative_to(real_site.site).as_posix()
        url = "" if url == "." else url + "/"
        mkdocs_html, properdocs_html = real_site.page(url), result.page(url)
        if "<article" in mkdocs_html:
            assert article(properdocs_html) == article(mkdocs_html), url
    for name in ("matrix.json", "matrix.csv", "explorer.json"):
        path = f"responsibility/{name}"
        assert (result.site / path).read_bytes() == (real_site.site / path).read_bytes(), path
    assert "nobody (gap)" in result.page("responsibility/arrange-to-be-notified/")
    assert broken_links(result.site) == []


def test_properdocs_strict_mode_fails_on_an_unresolved_reference(tmp_path):
    shutil.copytree(ROOT / "docs", tmp_path / "project" / "docs")
    index = tmp_path / "project" / "docs" / "index.md"
    index.write_text(index.read_text() + "\nSee [[G9.99]].\n")
    result = properdocs_build(tmp_path)
    assert result.returncode != 0
    assert re.search(r"index\.md:\d+: unresolved reference '\[\[G9\.99\]\]'", result.output)  # with its line
