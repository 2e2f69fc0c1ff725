"""Text from the data is shown as written on every page and never becomes markup: a corpus whose
section, heading, clause, provenance, definition, modification, release and obligation texts hold
a script, an image with a handler, an attribute breaking out of its quotes and Markdown."""

from __future__ import annotations

import json

import pytest

from corpora import EVIL, edited, hostile
from markup import links, tags, words
from sec_obligations import paths
from sec_obligations.markdown_ext import tooltips
from sec_obligations.pages import Site
from sec_obligations.plugin import theme_meta


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return Site(edited(tmp_path_factory.mktemp("hostile"), hostile))


@pytest.fixture(scope="module")
def pages(site) -> dict[str, str]:
    return {page.uri: page.html for page in site.pages()} | dict(site.redirects())


def test_no_page_holds_markup_from_the_data(pages):
    for uri, html in pages.items():
        found = tags(html)
        assert not [tag for tag, _ in found if tag in ("script", "img")], uri
        assert not [(tag, name) for tag, attributes in found for name in attributes if name.startswith("on")], uri
        assert "http://e.com" not in [href for href, _ in links(html)], uri  # Markdown is not read either


@pytest.mark.parametrize("uri, where", [
    (paths.section("G"), "the section's title and a heading"),
    ("sec/G/G3.18.md", "a lead, current and earlier, and a provenance note"),
    ("sec/G/G3.21.md", "a lead, linked"),
    ("sec/G/v/index.md", "the whole section as at a version"),
    (paths.GLOSSARY, "a definition"),
    (paths.modification("MP087"), "a modification's title"),
    (paths.MODIFICATIONS, "the index of modifications"),
    ("versions/6.21.md", "a release's name"),
    (paths.VERSIONS, "the index of versions"),
    ("responsibility/arrange-to-be-notified.md", "an obligation's title"),
    ("sec/G/G3.20.md", "an obligation's title on a clause page"),
])
def test_the_words_are_shown_as_written(pages, uri, where):
    assert EVIL in words(pages[uri]), where


def test_a_definition_breaking_out_of_its_quotes_stays_data(pages, site):
    definition = " ".join(site.corpus.terms["user-systems"].definition.split())
    (attributes,) = [a for tag, a in tags(pages["sec/G/G3.17.md"])
                     if tag == "a" and a.get("href") == "../../../glossary/#user-systems"
                     and "sec-ref--term" in (a.get("class") or "")]
    assert set(attributes) == {"class", "href"}
    # its tooltip: a JSON string, which site.js sets as the link's title (setAttribute, never markup)
    assert json.loads(json.dumps(tooltips(site.corpus)))["user-systems"] == definition


@pytest.mark.parametrize("uri, title", [
    (paths.section("G"), f"Section G: Security {EVIL}"),
    (paths.modification("MP087"), f"MP087: Correction {EVIL}"),
])
def test_page_titles_are_escaped_for_the_theme(site, uri, title):
    """Themes print a page's title without escaping it: the meta the plugin gives it holds it escaped."""
    (page,) = [p for p in site.pages() if p.uri == uri]
    assert page.title == title  # as written, for everything but the theme
    assert theme_meta(page)["title"] == title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

