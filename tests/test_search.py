"""Search: the Pagefind index built with the site, queried through the theme's own search box.

Each query is typed into the real search box of the built site; the test presses Enter (the
theme opens the best result) and reads the address the browser lands on."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from sec_obligations import search as search_index

from browser import Server, describe, run_axe, set_palette
from sitebuild import build

ROOT = Path(__file__).resolve().parent.parent


def search(page, query: str) -> None:
    page.keyboard.press("/")  # the theme's keyboard shortcut
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=15000)


def opened_by_enter(page, query: str) -> str:
    """Where Enter takes the reader after typing ``query``: path and fragment, without ``?h=``."""
    search(page, query)
    return opened_by_enter_now(page)


def first_listed(page) -> str:
    href = page.locator(".md-search-result__item").first.locator("a").first.get_attribute("href")
    return urlsplit(href).path


@pytest.mark.browser
@pytest.mark.parametrize("query, expected", [
    ("G3.20", "/sec/G/G3.20/"),
    ("g3.20", "/sec/G/G3.20/"),
    ("G3.20(b)", "/sec/G/G3.20/#b"),
    ("G3.20 (b)", "/sec/G/G3.20/#b"),
    ("MP087", "/modifications/MP087/"),
    ("5.20", "/versions/5.20/"),
    ("SEC 5.20", "/versions/5.20/"),
    ("CHF", "/glossary/#communications-hub-function"),
    ("Communications Hub Function", "/glossary/#communications-hub-function"),
    ("Gas Proxy Function", "/glossary/#gas-proxy-function"),
    ("MP087 G3.20", "/modifications/MP087/"),
    # narrowed to a kind of page ("release" or "releases")
    ("G3.20 kind:modification", "/modifications/MP087/#change-G3.20"),
    ("kind:glossary CHF", "/glossary/#communications-hub-function"),
    ("kind:releases MP087", "/versions/2019-11-04-ad-hoc/#modifications"),
])
def test_the_page_named_comes_first(page, server, query, expected):
    page.goto(server.url)
    assert opened_by_enter(page, query) == expected


@pytest.mark.browser
def test_the_first_result_listed_is_the_one_enter_opens(page, server):
    page.goto(server.url)
    search(page, "MP087")
    assert first_listed(page) == "/modifications/MP087/"


@pytest.mark.browser
def test_a_search_can_be_narrowed_to_a_section(page, server):
    page.goto(server.url)
    search(page, "section:G User")
    paths = {urlsplit(a.get_attribute("href")).path for a in page.locator(".md-search-result__item > a").all()}
    assert paths and all(p.startswith("/sec/G/") for p in paths), paths


@pytest.mark.browser
def test_keyboard_only_open_type_move_enter(page, server):
    page.goto(server.url + "glossary/")
    page.keyboard.press("s")
    page.keyboard.type("G3.17")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.keyboard.press("ArrowDown")  # focus moves from the box to the first result
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert urlsplit(focused).path == "/sec/G/G3.17/"
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == "/sec/G/G3.17/")


@pytest.mark.browser
def test_search_keeps_working_after_instant_navigation(page, server):
    page.goto(server.url)
    assert opened_by_enter(page, "MP087") == "/modifications/MP087/"
    assert page.evaluate("document.getElementById('__search').checked") is False  # the dialog closed
    assert opened_by_enter(page, "G3.21") == "/sec/G/G3.21/"


@pytest.mark.browser
def test_the_first_query_downloads_a_small_part_of_the_index(browser, server):
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda r: fetched.append(urlsplit(r.url).path))
    page.goto(server.url)
    search(page, "G3.20")
    context.close()
    index = [p for p in fetched if p.startswith("/pagefind/")]
    assert "/pagefind/pagefind.js" in index and any(p.startswith("/pagefind/index/") for p in index)
    assert "/search/search_index.json" in fetched  # the theme's own index, left empty
    assert not any(p.endswith(("pagefind-ui.js", "pagefind-ui.css")) for p in index)  # Pagefind's own UI is unused


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_dialog_with_results_is_axe_clean(page, server, scheme):
    page.goto(server.url)
    set_palette(page, scheme)
    search(page, "vulnerability")
    page.keyboard.press("ArrowDown")
    violations = run_axe(page)
    assert violations == [], describe(violations)


@pytest.mark.browser
def test_text_from_the_data_shows_as_text_in_results(page, hostile_site):
    with Server(hostile_site.site) as server:
        page.goto(server.url)
        search(page, "quokka")
        shown = page.locator(".md-search-result").inner_text()
        assert "quokka" in shown and "<img src=x" in shown  # the words, as written
        assert page.locator(".md-search-result img").count() == 0
        assert page.evaluate("window.sec_xss") is None


# -- the index itself ---------------------------------------------------------------------------

def indexed_pages(site: Path) -> dict[str, dict]:
    """URL -> what Pagefind holds of the page (its fragment: text, filters, meta, anchors)."""
    found = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        raw = gzip.decompress(path.read_bytes())
        fragment = json.loads(raw[len(b"pagefind_dcd"):])
        found[fragment["url"]] = fragment
    return found


@pytest.mark.build
def test_the_index_holds_every_page_with_its_kind_and_section(real_site):
    indexed = indexed_pages(real_site.site)
    published = {"/" + p.relative_to(real_site.site).as_posix()[: -len("index.html")]
                 for p in real_site.site.rglob("index.html") if not p.is_relative_to(real_site.site / "pagefind")}
    # Every page, and not the 404 page, nor the whole sections as at a version (they repeat the clause pages).
    as_at = {url for url in published if "/v/" in url}
    assert as_at and set(indexed) == published - as_at
    clause = indexed["/sec/G/G3.20/"]
    assert clause["filters"] == {"kind": ["clause"], "section": ["G"]} and clause["meta"]["title"] == "G3.20"
    assert {"b", "v-5.14-b", "history"} <= {a["id"] for a in clause["anchors"]}  # results open sub-paragraphs and parts
    assert "inserted:" not in clause["content"] and "Permanent link" not in clause["content"]  # redlines, permalinks
    assert indexed["/modifications/MP087/"]["filters"] == {"kind": ["modification"]}
    assert indexed["/authoring/"]["filters"] == {"kind": ["guide"]}  # hand-written pages
    html = real_site.page("sec/G/G3.20/")
    assert 'data-pagefind-weight="0.3"' in html  # earlier wordings: found, ranked below current text
    theme_index = json.loads((real_site.site / "search" / "search_index.json").read_text())
    assert theme_index["docs"] == []  # the theme's own index is left empty: no 13 MB download


def test_pages_to_index_go_to_memory_only_where_it_has_room(monkeypatch):
    monkeypatch.delenv("TMPDIR", raising=False)
    monkeypatch.setattr(search_index, "MEMORY_NEEDED", 1)
    assert search_index.scratch_parent() == (search_index.MEMORY_FOLDER if os.access(search_index.MEMORY_FOLDER, os.W_OK) else None)
    monkeypatch.setattr(search_index, "MEMORY_NEEDED", 1 << 60)  # more than any machine has: the disk's temporary folder
    assert search_index.scratch_parent() is None
    monkeypatch.setattr(search_index, "MEMORY_NEEDED", 1)
    monkeypatch.setenv("TMPDIR", "/somewhere")  # a temporary folder set on purpose wins
    assert search_index.scratch_parent() is None


def test_the_index_of_pages_added_is_written_into_the_site(tmp_path):
    index = search_index.Index()
    index.add("sec/A/A1.1/index.html", "<h1>A1.1</h1><p>The Panel shall meet.</p>", "clause", "A")
    index.add("glossary/index.html", "<h1>Glossary</h1><h2 id='panel'>Panel</h2><p>The SEC Panel.</p>", "glossary")
    index.start(tmp_path / "site")
    index.finish()
    indexed = indexed_pages(tmp_path / "site")
    assert set(indexed) == {"/sec/A/A1.1/", "/glossary/"}
    assert indexed["/sec/A/A1.1/"]["filters"] == {"kind": ["clause"], "section": ["A"]}
    assert indexed["/glossary/"]["meta"]["title"] == "Glossary"
    assert not index.pages.exists()  # the pages written for Pagefind are removed


def test_a_build_that_fails_stops_the_indexer_and_removes_its_pages(tmp_path):
    index = search_index.Index()
    index.add("index.html", "<h1>Home</h1>", "guide")
    index.start(tmp_path / "site")
    index.discard()
    assert index.process.returncode is not None and not index.pages.exists()


@pytest.mark.build
def test_a_failing_indexer_fails_the_build_and_says_why(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")  # Pagefind's own override of its binary
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))  # where the pages to index are written during the build
    result = build(tmp_path)
    assert result.returncode != 0
    assert "Pagefind could not index" in result.output
    assert list(scratch.iterdir()) == []  # the pages written for the index are removed


@pytest.mark.build
def test_search_false_goes_back_to_the_themes_own_index(tmp_path):
    config = (ROOT / "mkdocs.yml").read_text()
    result = build(tmp_path, config=config.replace("      data_dir: obligations\n", "      data_dir: obligations\n      search: false\n"))
    assert result.returncode == 0, result.output
    assert not (result.site / "pagefind").exists()
    theme_index = json.loads((result.site / "search" / "search_index.json").read_text())
    assert any(doc["location"] == "sec/G/G3.20/" for doc in theme_index["docs"])
    assert "sec-obligations/search.js" not in result.page("")  # the hand-over to Pagefind
    assert "sec-obligations/insert-search.js" in result.page("")  # the dialog, as with Pagefind


# -- a synthetic corpus at smoke size: the same kinds of query -----------------------------------

@pytest.fixture(scope="module")
def synthetic_server(smoke_site):
    with Server(smoke_site) as running:
        yield running


@pytest.mark.browser
@pytest.mark.parametrize("query, expected", [
    ("A1.1", "/sec/A/A1.1/"),  # not A1.10
    ("A6.10", "/sec/A/A6.10/"),
    ("A1.3(a)", "/sec/A/A1.3/#a"),
    ("ERC", "/glossary/#export-request-channel"),
    ("Shared Incident Process", "/glossary/#shared-incident-process"),
    ("MP003", "/modifications/MP003/"),
    ("1.1", "/versions/1.1/"),
    ("1.5", "/versions/1.5/"),
])
def test_synthetic_corpus_queries(page, synthetic_server, query, expected):
    page.goto(synthetic_server.url)
    assert opened_by_enter(page, query) == expected


# -- the fixture of the code as written: provisions at any depth ----------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("query, expected", [
    ("H1.1(a)(ii)(A)(1)", "/sec/H/H1.1/#a-ii-A-1"),
    ("H1.1 (a)(ii)", "/sec/H/H1.1/#a-ii"),
    ("h1.1(a)(ii)(a)", "/sec/H/H1.1/#a-ii-A"),  # typed in lower case: the provision (A) still
    ("G3.20(b)", "/sec/G/G3.20/#b"),
])
def test_search_opens_a_provision_at_any_depth(page, fixture_server, query, expected):
    page.goto(fixture_server.url)
    assert opened_by_enter(page, query) == expected


# -- queries that name the decision table's choices ---------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("query, chosen", [
    ("SMETS1 CHF", {"generation": "smets1", "device": "chf"}),
    ("who is responsible for SMETS1 gas proxy", {"generation": "smets1", "device": "gpf"}),
    ("Who bears the CHF duties?", {"device": "chf"}),
    ("DCC 6.17", {"party": "dcc", "version": "6.17"}),
    ("smets2+ communications hub v5.20 be notified (G3.20)",
     {"obligation": "arrange-to-be-notified", "device": "chf", "generation": "smets2plus", "version": "5.20"}),
])
def test_a_query_naming_the_tables_choices_opens_it_with_them_set(page, fixture_server, query, chosen):
    page.goto(fixture_server.url)
    search(page, query)
    first = page.locator(".md-search-result__item").first
    assert first.inner_text().startswith("Decision table:")
    address = urlsplit(first.locator("a").first.get_attribute("href"))
    assert (address.path, dict(parse_qsl(address.query))) == ("/responsibility/", chosen)
    before = page.url
    page.keyboard.press("Enter")  # the theme opens the first result
    page.wait_for_url(lambda url: url != before)
    page.wait_for_selector("#sec-explorer[data-ready=true]")
    for field, value in chosen.items():
        control = page.locator(f"#sec-explorer-{field}")
        if control.count():  # the party has its own view, checked with it
            assert control.input_value() == value


@pytest.mark.browser
@pytest.mark.parametrize("query, expected", [
    ("CHF", "/glossary/#communications-hub-function"),  # one choice alone: the page that defines it
    ("6.17", "/versions/6.17/"),
    ("SMETS1 Device", "/glossary/#smets1-device"),
])
def test_a_query_naming_one_choice_alone_is_left_to_the_pages(page, fixture_server, query, expected):
    page.goto(fixture_server.url)
    search(page, query)
    assert not page.locator(".md-search-result__item").first.inner_text().startswith("Decision table:")
    assert opened_by_enter_now(page) == expected


def opened_by_enter_now(page) -> str:
    """Where Enter takes the reader from the results shown: path and fragment."""
    before = page.url
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url != before)
    address = urlsplit(page.url)
    return address.path + (f"#{address.fragment}" if address.fragment else "")


def test_the_tables_words_are_the_names_readers_type():
    from sec_obligations.loader import load
    from sec_obligations.pages.responsibility import table_words

    from conftest import FIXTURE

    words = {field: {entry["id"]: entry["words"] for entry in entries} for field, entries in table_words(load(FIXTURE)).items()}
    assert list(words) == ["obligation", "device", "generation", "party", "version"]  # the order search tries them
    assert words["device"]["gpf"] == ["gas proxy functions", "gas proxy function", "gas proxy", "gpf"]
    assert "user" not in words["device"]["user-systems"]  # "User" is a party; "User Systems" a device type
    assert words["party"]["dcc"] == ["data and communications company", "dcc"]
    assert words["version"]["6.17"] == ["v6.17", "6.17"]
    assert "smets2+" in words["generation"]["smets2plus"]
    assert all(w == w.lower() and w.strip() == w for field in words.values() for ws in field.values() for w in ws)
