"""The MkDocs adapter on its own: configuration checks, the serve watch and the URLs it writes."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from sec_obligations import paths

from conftest import ROOT


def plugin_of(config):
    return config.plugins["sec-obligations"]


def test_serve_watches_the_data_folder():
    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = plugin_of(config)
    plugin.on_startup(command="serve", dirty=False)
    plugin.on_config(config)

    class Server:
        watched: ClassVar[list[str]] = []

        def watch(self, path):
            self.watched.append(path)

    server = plugin.on_serve(Server(), config=config, builder=None)
    assert Path(server.watched[0]) == ROOT / "obligations"


def test_the_data_is_loaded_once_while_it_does_not_change():
    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = plugin_of(config)
    plugin.on_startup(command="serve", dirty=False)
    plugin.on_config(config)
    first = plugin.site
    plugin.on_config(load_config(str(ROOT / "mkdocs.yml")))
    assert plugin.site is first


def test_directory_urls_are_required(tmp_path):
    config = load_config(str(ROOT / "mkdocs.yml"), use_directory_urls=False)
    with pytest.raises(PluginError, match="use_directory_urls"):
        plugin_of(config).on_config(config)


@pytest.mark.parametrize("source, target, anchor, expected", [
    ("sec/G/G3.20.md", "glossary/index.md", "user", "../../../glossary/#user"),
    ("sec/G/G3.20.md", "sec/G/G3.21.md", None, "../G3.21/"),
    ("sec/G/G3.20.md", "sec/G/index.md", "g3", "../#g3"),
    ("sec/G/index.md", "sec/GX/index.md", None, "../GX/"),  # a common prefix of letters is not a common folder
    ("sec/G/G3.20.md", "sec/G/G3.20.md", "b", "#b"),  # within the page: no reload
    ("sec/G/G3.20.md", "sec/G/G3.20.md", None, "./"),
    ("index.md", "versions/5.20.md", None, "versions/5.20/"),
    ("authoring.md", "index.md", None, "../"),
])
def test_relative_urls_between_published_pages(source, target, anchor, expected):
    assert paths.href(source, target, anchor) == expected


def test_a_data_folder_that_is_not_there_is_named_before_anything_is_built(tmp_path):
    from sitebuild import ROOT, build

    config = (ROOT / "mkdocs.yml").read_text().replace("      data_dir: obligations\n", "      data_dir: no-such-folder\n")
    result = build(tmp_path, config=config)
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "no-such-folder" in result.output and "isn't an existing directory" in result.output
    assert not result.site.exists()


@pytest.mark.build
def test_what_a_renderer_records_of_its_page_is_what_the_page_holds(fixture_site):
    # The toc, ids and anchors the plugin uses are recorded as the renderers write, never read back
    # from the HTML: each must match the built page, read here with an HTML parser.
    from sec_obligations import manifest, paths
    from sec_obligations.loader import load
    from sec_obligations.pages import Site

    from conftest import FIXTURE
    from sitebuild import parse

    clause_pages = 0
    for page in Site(load(FIXTURE)).pages():
        built = (fixture_site.site / paths.url(page.uri) / "index.html").read_text(encoding="utf-8")
        content = parse(page.html)
        assert set(content.ids) == page.ids, page.uri
        where = [page.html.index(f'id="{ident}"') for _, ident, _ in page.toc]
        assert where == sorted(where) and all(f"<h{level} " in page.html for level, _, _ in page.toc), page.uri
        assert sorted(page.anchors) == sorted(manifest.anchors(built)), page.uri
        assert page.title and page.kind, page.uri
        clause_pages += page.kind == "clause"
    assert clause_pages >= 7
