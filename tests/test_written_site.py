"""The site built from the fixture data (tests/data/fixture): nested provisions, whole sections as at
a version, definitions with a history, "[Not used]" and table clauses, as the reader gets them."""

from __future__ import annotations

import re

import pytest

from sitebuild import broken_links, parse

pytestmark = pytest.mark.build
@pytest.fixture(scope="module")
def site(fixture_site):
    return fixture_site


def article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def provision(html: str, anchor: str) -> str:
    """The text of the paragraph at ``anchor``, tags removed."""
    match = re.search(rf'<p [^>]*id="{re.escape(anchor)}"[^>]*>(.*?)</p>', html)
    assert match, anchor
    return re.sub(r"<[^>]+>", "", match.group(1))


def test_nested_provisions_are_addressable(site):
    page = site.page("sec/H/H1.1/")
    ids = parse(page).ids
    assert {"a", "a-ii", "a-ii-A", "a-ii-A-1", "v-5.20-a-ii-A-1", "v-2019-11-04-ad-hoc-a-ii-A-1"} <= ids
    assert provision(page, "a-ii-A-1") == "(1) once a year; or"
    assert 'data-sec-para="(a)(ii)(A)(1)" data-sec-para-anchor="a-ii-A-1"' in page  # the Cite button's citation
    # In data text, H1.1(a)(ii)(A)(2) links to the provision.
    assert re.search(r'<a [^>]*href="#a-ii-A-2"[^>]*>H1.1\(a\)\(ii\)\(A\)\(2\)</a>', page)
    home = article(site.page(""))
    assert 'href="sec/H/H1.1/#a-ii-A-1"' in home and 'href="sec/G/G3.18/#c"' in home
    assert broken_links(site.site) == []


def wordings_in(page: str, version: str) -> dict[str, str]:
    """Clause id -> the wording a section-as-at page shows in ``version`` (tags removed)."""
    found = {}
    for block in re.findall(r'<div class="sec-w[^"]*" data-in="([^"]*)">(.*?)</div></div>', page, re.S):
        versions, body = block
        if version in versions.split():
            clause = re.search(r'<h3 id="([^"]+?)--v-', body).group(1)
            found[clause] = re.sub(r"<[^>]+>", "", body)
    return found


def test_a_whole_section_as_at_a_version(site):
    page = site.page("sec/G/v/")
    words = "which forms part of a SMETS2+ Device"
    before, after = wordings_in(page, "6.17"), wordings_in(page, "2019-11-04-ad-hoc")
    assert list(before) == ["G3.17", "G3.18", "G3.19", "G3.20", "G3.21"]  # in order, one wording each
    assert words not in before["G3.20"] and words in before["G3.17"]
    assert words in after["G3.20"] and words in after["G3.17"]
    # Each version's address leads there, at its anchor; the page names the version and its date.
    redirect = (site.site / "sec/G/v/6.17/index.html").read_text()
    assert 'content="0; url=../#v-6.17"' in redirect and "Section G as at v6.17 (date unknown)" in redirect
    assert '<span class="sec-at" id="v-6.17"></span>' in page
    note = re.search(r'<div class="sec-asat-note" data-in="6.17">(.*?)</div></div>', page, re.S).group(1)
    assert "as at v6.17" in note and "date unknown" in note and "Reconstructed" in note and "G3.20" in note
    assert "SEC Section G as at v6.17 · reconstructed text marked" in note  # the running line in print
    css = (site.site / "assets/sec-obligations/as-at.css").read_text()
    assert '[id="v-6.17"]:target~.sec-asat [data-in~="6.17"]' in css
    # A clause page links to its section as at its version.
    assert 'href="../v/#v-6.21"' in site.page("sec/G/G3.20/")


def test_definitions_with_a_history_on_the_glossary(site):
    glossary = site.page("glossary/")
    start = glossary.index('<h2 id="dcc-total-system"')
    entry = glossary[start:glossary.index("<h2", start + 1)]
    assert "<ins>" in entry and "except SMETS1" in entry and 'id="dcc-total-system--v-5.14"' in entry
    release = site.page("versions/2019-11-04-ad-hoc/")
    assert 'id="definitions"' in release and "glossary/#dcc-total-system--v-2019-11-04-ad-hoc" in release
    # Section A1.1's table: each row a term's definition, the one in force in the version shown.
    table = article(site.page("sec/A/A1.1/"))
    assert "Defined terms, as at v6.21" in table and "except SMETS1" in table and "every Communications Hub" not in table
    older = site.page("sec/A/v/")
    assert "every Communications Hub" in older and 'href="../../../glossary/#dcc-total-system--v-5.14"' in older


def test_not_used_and_table_clauses(site):
    assert "[Not used]" in article(site.page("sec/H/H1.2/"))
    table = article(site.page("sec/H/H1.3/"))
    assert '<table class="sec-table">' in table and "30 September &lt;b&gt;bold&lt;/b&gt;" in table


def test_device_less_and_scoped_duties_on_the_decision_table(site):
    page = article(site.page("responsibility/report-yearly/"))
    assert "No device (a duty of the party itself)" in page and "gap" not in re.sub(r"<[^>]+>", "", page).lower().split("legend")[0]
    widget = article(site.page("responsibility/keep-widget-records/"))
    assert widget.count('<tr id="row-') == 1


@pytest.fixture(scope="module")
def served(site):
    from browser import Server

    with Server(site.site) as running:
        yield running


@pytest.mark.browser
def test_the_explorer_shows_a_duty_about_no_device(page, served):
    page.goto(served.url + "responsibility/?version=5.14&generation=all&device=all&obligation=report-yearly")
    page.wait_for_selector("#sec-explorer[data-ready='true']")
    answer = page.locator("#sec-explorer-answer").inner_text()
    assert "No device (a duty of the party itself)" in answer and "User" in answer
    page.goto(served.url + "responsibility/?version=6.21&generation=all&device=all&obligation=report-yearly")
    page.wait_for_selector("#sec-explorer[data-ready='true']")
    assert "not applicable" in page.locator("#sec-explorer-answer").inner_text()


def visible_wording(page, clause: str) -> str:
    """The text of the one wording of ``clause`` the as-at page shows."""
    shown = page.locator(f".sec-w:visible:has(h3[id^='{clause}--'])")
    assert shown.count() == 1, clause
    return shown.inner_text()


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False])
def test_a_section_as_at_a_version_shows_that_version(browser, served, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    words = "which forms part of a SMETS2+ Device"
    page.goto(served.url + "sec/G/v/6.17/")  # the version's address leads to the page, at its anchor
    page.wait_for_url("**/sec/G/v/#v-6.17")
    assert words not in visible_wording(page, "G3.20") and words in visible_wording(page, "G3.17")
    assert page.locator(".sec-asat-note:visible").inner_text().count("as at v6.17") >= 1
    page.goto(served.url + "sec/G/v/")  # no anchor: the latest
    assert words in visible_wording(page, "G3.20")
    page.goto(served.url + "sec/A/v/#v-6.17")  # the definitions table as at 6.17
    assert "every Communications Hub" in page.locator(".sec-w:visible").inner_text()
    context.close()


@pytest.mark.browser
def test_a_section_as_at_a_version_after_instant_navigation(page, served):
    words = "which forms part of a SMETS2+ Device"
    page.goto(served.url + "sec/G/G3.20/")
    page.locator("a", has_text="Section G as at v5.14").first.click()
    page.wait_for_url("**/sec/G/v/#v-5.14")
    page.wait_for_selector(".sec-asat[data-at='5.14']", state="attached")
    assert words not in visible_wording(page, "G3.20") and words not in visible_wording(page, "G3.17")
