"""The site built from the fixture data (tests/data/fixture): nested provisions and whole sections as
at a version, as the reader gets them. What each page says is tested in-process (tests/unit/)."""

from __future__ import annotations

import json

import pytest

from sitebuild import broken_links, parse

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def site(fixture_site):
    return fixture_site


def article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def test_references_to_nested_provisions_resolve_in_the_built_site(site):
    """What the pages say is tested in-process (tests/unit/); the build rewrites the hand-written
    pages' links to published addresses, and checks every anchor."""
    home = article(site.page(""))
    assert 'href="sec/H/H1.1/#a-ii-A-1"' in home and 'href="sec/G/G3.18/#c"' in home
    assert {"a-ii-A-1", "v-5.20-a-ii-A-1"} <= parse(site.page("sec/H/H1.1/")).ids
    assert broken_links(site.site) == []


def test_a_whole_section_as_at_a_version_is_one_page_and_an_address_per_version(site):
    page = site.page("sec/G/v/")
    assert '<span class="sec-at" id="v-6.17"></span>' in page
    # Each version's address is a small page leading there, at its anchor.
    redirect = (site.site / "sec/G/v/6.17/index.html").read_text()
    assert 'content="0; url=../#v-6.17"' in redirect and "<article" not in redirect  # not one of the theme's pages
    css = (site.site / "assets/sec-obligations/as-at.css").read_text()
    assert '[id="v-6.17"]:target~.sec-asat [data-in~="6.17"]' in css
    assert 'href="assets/sec-obligations/as-at.css"' in page.replace("../../../", "")  # the page loads it


def test_the_explorer_data_holds_what_the_party_view_needs(site):
    """Each answer's parties, each reason's party and capacity, and the modifications that changed a
    run (party.js reads them; test_browser_party checks what it makes of them against the engine)."""
    data = json.loads((site.site / "responsibility" / "explorer.json").read_text())
    assert [p["id"] for p in data["parties"]] == ["user", "responsible-supplier", "dcc", "security-sub-committee",
                                                  "manufacturer"]
    assert {tuple(s["parties"]) for s in data["states"]} == {(), ("user",), ("dcc",)}
    g317b = [r for r in data["reasons"] if r["citation"] == "G3.17(b)" and r["includes"]]
    assert g317b
    assert all((r["party_id"], r["role"]) == ("user", "responsible-supplier") for r in g317b)
    row = next(r for r in data["rows"] if r[:3] == ["arrange-to-be-notified", "smets1", "chf"])
    mp087 = [m["id"] for m in data["modifications"]].index("MP087")
    assert [run[1:] for run in row[3]] == [[1], [3, []], [2, [mp087]]]  # n/a; the gap (changed); the User from MP087 on
    assert data["modifications"][mp087]["implemented_in"] == [v["id"] for v in data["versions"]].index("2019-11-04-ad-hoc")
    downloads = article(site.page("responsibility/"))
    assert "<code>?party=user&amp;from=5.14&amp;to=6.21</code>" in downloads
    assert "the <code>parties</code> column of the full matrix gives the same answers" in downloads


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
