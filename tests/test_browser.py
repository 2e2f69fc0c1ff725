"""Browser tests: the built site served on loopback, clicked in headless Chromium."""

from __future__ import annotations

import csv
import io
import json

import pytest

from sec_obligations.engine import Matrix
from sec_obligations.export import matrix_json

from browser import Server, describe, run_axe, set_palette

pytestmark = pytest.mark.browser


def answers(row) -> list[str]:
    """The answers in a matrix row, one per version, in words (a cell may span several versions)."""
    cells = row.locator("td.sec-cell")
    result = []
    for i in range(cells.count()):
        words = cells.nth(i).locator(".sec-answer").inner_text()  # its sign is drawn before it (site.css)
        result += [words] * int(cells.nth(i).get_attribute("colspan") or 1)
    return result


def open_explorer(page, server, query: str = ""):
    page.goto(server.url + "responsibility/" + query)
    page.wait_for_selector("#sec-explorer[data-ready='true']")
    return page


@pytest.mark.parametrize("url", ["", "sec/G/G3.20/", "glossary/", "modifications/MP087/"])
def test_key_pages_render_without_errors_or_outside_requests(page, server, url, tmp_path):
    response = page.goto(server.url + url)
    assert response.ok
    page.wait_for_load_state("networkidle")
    assert page.locator("article h1").count() == 1
    shot = tmp_path / "page.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


PAGES_FOR_AXE = ["", "sec/", "sec/G/", "sec/G/G3.20/", "glossary/", "modifications/", "modifications/MP087/",
                 "versions/", "versions/2019-11-04-ad-hoc/", "responsibility/", "responsibility/arrange-to-be-notified/",
                 "findings/"]


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_pages_are_axe_clean_in_both_palettes(page, server, scheme):
    failures = {}
    for url in PAGES_FOR_AXE:
        page.goto(server.url + url)
        if url == "responsibility/":
            page.wait_for_selector("#sec-explorer[data-ready='true']")
        set_palette(page, scheme)
        violations = run_axe(page)
        if violations:
            failures[url] = describe(violations)
    assert failures == {}


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_search_dialog_with_results_is_axe_clean(page, server, scheme):
    page.goto(server.url)
    set_palette(page, scheme)
    page.keyboard.press("s")  # the theme's keyboard shortcut opens search
    page.keyboard.type("vulnerability")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    violations = run_axe(page)
    assert violations == [], describe(violations)


def test_explorer_answers_the_mp087_questions(page, server):
    open_explorer(page, server)
    page.select_option("#sec-explorer-obligation", "arrange-to-be-notified")
    page.select_option("#sec-explorer-generation", "smets1")
    page.select_option("#sec-explorer-device", "chf")
    page.select_option("#sec-explorer-version", "6.17")
    answer = page.locator("#sec-explorer-answer")
    assert "nobody (gap)" in answer.inner_text()
    reason = answer.locator("a", has_text="G3.20(b) as at v6.17")
    assert reason.count() == 1 and reason.get_attribute("href") == "../sec/G/G3.20/#v-5.14-b"
    assert "nobody (gap)" in page.locator("#sec-explorer-live").inner_text()
    assert "version=6.17" in page.url and "generation=smets1" in page.url and "device=chf" in page.url

    page.select_option("#sec-explorer-version", "2019-11-04-ad-hoc")
    assert "User" in answer.inner_text() and "MP087" in answer.inner_text()
    page.select_option("#sec-explorer-generation", "smets2plus")
    assert ": DCC" in answer.inner_text().replace("\u2714 ", "")

    # Back and forward walk the choices; a reload restores the view.
    page.go_back()
    page.wait_for_selector("#sec-explorer[data-ready='true']")
    assert page.locator("#sec-explorer-generation").input_value() == "smets1"
    assert "User" in page.locator("#sec-explorer-answer").inner_text()
    page.go_back()
    page.wait_for_selector("#sec-explorer[data-ready='true']")
    assert page.locator("#sec-explorer-version").input_value() == "6.17"
    page.reload()
    page.wait_for_selector("#sec-explorer[data-ready='true']")
    assert page.locator("#sec-explorer-version").input_value() == "6.17"
    assert "nobody (gap)" in page.locator("#sec-explorer-answer").inner_text()


def test_a_shared_link_opens_exactly_that_view(page, server):
    open_explorer(page, server, "?version=6.17&generation=smets1&device=chf&obligation=arrange-to-be-notified")
    text = page.locator("#sec-explorer-live").inner_text()
    assert text == "Be notified (G3.20), SMETS1 Communications Hub Function, v6.17: nobody (gap)."


def test_matrix_flags_the_gap_and_changes(page, server):
    open_explorer(page, server, "?version=all&generation=smets1&device=chf&obligation=all")
    rows = page.locator("#sec-explorer-matrix tbody tr")
    assert rows.count() == 2
    gap_row = rows.nth(1)
    cells = gap_row.locator("td.sec-cell")
    assert answers(gap_row) == ["not applicable", "nobody (gap)", "nobody (gap)", "nobody (gap)", "User", "User"]
    assert cells.count() == 3  # one cell per run of versions: not applicable, gap, User
    assert "changed" in cells.nth(1).inner_text() and "differs from twin duty" in cells.nth(1).inner_text()
    assert "changed" in cells.nth(2).inner_text() and "changed" not in cells.nth(0).inner_text()


def test_the_changes_marked_are_the_engines_not_a_comparison_of_words(page, server):
    """explorer.json served with every answer in the same words (as two parties of one short name
    would read): the table and the timeline still mark where the engine says the answer changed."""
    def same_words(route):
        data = json.loads(route.fetch().text())
        for state in data["states"]:
            state["answer"] = "the same words"
        route.fulfill(json=data)

    page.route("**/responsibility/explorer.json", same_words)
    open_explorer(page, server, "?version=all&generation=smets1&device=chf&obligation=arrange-to-be-notified")
    cells = page.locator("#sec-explorer-matrix tbody tr").nth(0).locator("td.sec-cell")
    assert cells.all_text_contents() == ["the same words",  # (each answer's sign is drawn by site.css)
                                         "the same words\u25b2 changed\u2260 differs from twin duty",
                                         "the same words\u25b2 changed"]
    bands = page.locator("#sec-explorer-timeline a.sec-tl__band .sec-sr")
    assert bands.all_text_contents() == [", v5.14", ", v5.20 to v6.17; changed; differs from twin duty",
                                         ", 4 Nov 2019 ad-hoc release to v6.21; changed; wording introduced by MP087"]


def test_as_at_date_picks_the_version_or_says_it_cannot(page, server):
    open_explorer(page, server)
    page.fill("#sec-explorer-date", "2019-11-10")
    page.click("text=Pick the version in force")
    assert page.locator("#sec-explorer-version").input_value() == "2019-11-04-ad-hoc"
    assert "was 4 Nov 2019 ad-hoc release" in page.locator("#sec-explorer-date-note").inner_text()
    page.fill("#sec-explorer-date", "2018-06-01")
    page.click("text=Pick the version in force")
    note = page.locator("#sec-explorer-date-note").inner_text()
    assert "cannot tell" in note and "v5.14" in note and "v5.20" in note


def test_csv_download_matches_the_engine(page, server, corpus):
    open_explorer(page, server)
    text = page.evaluate("async () => (await fetch('matrix.csv')).text()")
    expected = matrix_json(Matrix(corpus))
    served = json.loads(page.evaluate("async () => (await fetch('matrix.json')).text()"))
    assert served == json.loads(json.dumps(expected))
    lines = list(csv.DictReader(io.StringIO(text)))
    runs = [(r, expected["runs"][number]) for r in expected["rows"] for number in r["runs"]]
    fields = ("obligation", "generation", "device", "from_version", "to_version", "status", "parties")
    assert [tuple(line[f] for f in fields) for line in lines] == [
        (r["obligation"], r["generation"] or "", r["device"], run["from"], run["to"], run["status"],
                                 " ".join(run["parties"])) for r, run in runs]
    assert page.locator("a", has_text="CSV").get_attribute("href").endswith("responsibility/matrix.csv")


def test_explorer_is_keyboard_usable(page, server):
    open_explorer(page, server)
    page.focus("#sec-explorer-version")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "sec-explorer-generation"
    page.keyboard.press("ArrowDown")  # choose the first generation with the keyboard
    assert page.locator("#sec-explorer-generation").input_value() != ""


def test_explorer_survives_instant_navigation(page, server):
    page.goto(server.url)
    page.click("nav.md-nav--primary >> text=Who is responsible?")
    page.wait_for_selector("#sec-explorer[data-ready='true']")
    page.select_option("#sec-explorer-device", "gpf")
    assert "Gas Proxy Function" in page.locator("#sec-explorer-answer").inner_text()


def band_answers(line) -> list[str]:
    """The answers of a line of an obligation page's timeline, one per version, in words."""
    bands = line.locator(".sec-tl__bands > li")
    result = []
    for i in range(bands.count()):
        span = int(bands.nth(i).get_attribute("style").removeprefix("flex-grow:"))
        result += [bands.nth(i).locator(".sec-tl__word").inner_text()] * span
    return result


def test_without_javascript_the_obligation_page_gives_the_same_answers(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "responsibility/")
    assert page.locator("#sec-explorer").is_hidden()
    page.click("text=Arrange to be notified of security vulnerabilities")
    smets1_chf = page.locator("li.sec-tl__row", has=page.locator("#row-arrange-to-be-notified-smets1-chf"))
    assert band_answers(smets1_chf) == ["not applicable", "nobody (gap)", "nobody (gap)", "nobody (gap)", "User", "User"]
    reasons = page.locator("#reasons-arrange-to-be-notified-smets1-chf + dl").inner_text()
    assert "G3.20(b) as at v5.20" in reasons and "excludes it for the User" in reasons
    smets2_chf = page.locator("li.sec-tl__row", has=page.locator("#row-arrange-to-be-notified-smets2plus-chf"))
    assert band_answers(smets2_chf) == ["DCC"] * 6
    # a band leads to its reasons
    smets1_chf.locator("a.sec-tl__band--gap").click()
    page.wait_for_url("**#reasons-arrange-to-be-notified-smets1-chf--5.20")
    context.close()


def test_the_search_dialog_and_palette_toggle_come_with_the_scripts(browser, server):
    html = (server.root / "sec/G/G3.20/index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in html and 'data-md-component="palette"' not in html  # once, in a script
    for scripts in (True, False):
        context = browser.new_context(java_script_enabled=scripts, viewport={"width": 375, "height": 800})
        page = context.new_page()
        page.goto(server.url + "sec/G/G3.20/")  # on a phone, where the theme shows a search button
        assert page.locator('[data-md-component="search"][role="dialog"][aria-label="Search"]').count() == int(scripts)
        assert page.locator('form[data-md-component="palette"] input[name="__palette"]').count() == 2 * scripts
        # without scripts, no search button that would open nothing
        assert page.locator('label.md-header__button[for="__search"]').is_visible() == scripts
        context.close()


def test_the_palette_chosen_is_restored_before_the_themes_script_runs(browser, server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + "sec/G/G3.20/")
    page.click('label[for="__palette_1"]')  # the toggle: to the dark palette
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    # the page's own script restores it: without the theme's bundle, on the next page loaded
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto(server.url + "glossary/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    context.close()


def test_a_defined_terms_definition_is_its_tooltip_on_hover_and_focus(page, server, corpus):
    page.goto(server.url + "sec/G/G3.17/")
    links = page.locator("article a.sec-ref--term")
    assert links.count() > 1
    assert page.locator("article a.sec-ref--term[title]").count() == 0  # not written into the page
    user_systems = page.locator('article a.sec-ref--term[href$="#user-systems"]').first
    user_systems.hover()
    page.wait_for_function("el => el.hasAttribute('title')", arg=user_systems.element_handle())
    assert user_systems.get_attribute("title") == " ".join(corpus.terms["user-systems"].definition.split())
    # by keyboard, from the file read once
    other = page.locator("article a.sec-ref--term:not([title])").first.element_handle()
    href = other.get_attribute("href")
    other.focus()
    page.wait_for_function("el => el.hasAttribute('title')", arg=other)
    term = next(t for t in corpus.terms.values() if href.endswith("#" + t.id))
    assert other.get_attribute("title").rstrip(" …") in " ".join(term.definition.split())


def test_cite_buttons_give_the_permanent_url_of_a_sub_paragraph_as_at_a_version(page, server):
    page.goto(server.url + "sec/G/G3.20/")
    base = "https://sec-obligations.example.org/sec/G/G3.20/"
    old_b = page.locator('[id="v-5.14-b"] button.sec-cite')
    assert old_b.get_attribute("data-sec-citation") == f"SEC G3.20(b), as at v6.17 \u2014 {base}#v-5.14-b"
    current_b = page.locator("#b button.sec-cite")
    assert current_b.get_attribute("data-sec-citation") == f"SEC G3.20(b), as at v6.21 \u2014 {base}#v-2019-11-04-ad-hoc-b"
    heading = page.locator('h3[id="v-5.14"] button.sec-cite')
    assert heading.get_attribute("data-sec-citation") == f"SEC G3.20, as at v6.17 \u2014 {base}#v-6.17"
    assert page.locator("h3 button.sec-cite").count() == 2  # one per version heading, none twice
    old_b.click()
    status = page.locator('[id="v-5.14-b"] .sec-cite__status')
    status.wait_for()
    page.wait_for_function("document.getElementById('v-5.14-b').querySelector('.sec-cite__status').textContent !== ''")
    assert status.inner_text().endswith(f"SEC G3.20(b), as at v6.17 \u2014 {base}#v-5.14-b")


@pytest.fixture(scope="module")
def renumbered_server(renumbered):
    with Server(renumbered.site) as running:
        yield running


def test_a_renumbered_clauses_old_url_with_its_fragment_leads_to_the_new_one(page, renumbered_server):
    server = renumbered_server
    page.goto(server.url + "sec/G/G3.18/#b")
    page.wait_for_url(server.url + "sec/G/G3.22/#b")
    assert page.locator("#b").inner_text().startswith("(b) take reasonable steps")
    page.goto(server.url + "sec/G/G3.18/#v-5.14-b")  # a history anchor stays on the old page
    page.wait_for_timeout(300)
    assert page.url == server.url + "sec/G/G3.18/#v-5.14-b"
