"""Browser tests of the pages built from the fixture data (tests/data/fixture): nested provisions,
clause tables, whole sections as at a version (on screen and printed), definitions with a history,
the comparison of any two wordings, and what a reader of a malformed link or without JavaScript gets.

Screenshots and PDFs go to /tmp/screens/ for a person to look at."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sec_obligations.assets import SCRIPTS

from browser import Server, Watch, describe, require, run_axe, set_palette
from conftest import ROOT

pytestmark = pytest.mark.browser

BASE = "https://sec-obligations.example.org/"
WIDTHS = [375, 768, 1280, 1920]
# A whole section as at a version: one page per section holds every version; the #v-... anchor
# names the one it shows (each version's own address, sec/G/v/5.20/, leads there).
LAYOUT_PAGES = ["sec/G/", "sec/H/H1.1/", "sec/H/H1.3/", "sec/A/A1.1/", "sec/G/v/#v-5.20", "glossary/"]
AS_AT_PAGES = ["sec/G/v/#v-5.20", "sec/G/v/#v-2019-11-04-ad-hoc"]
MM = 96 / 25.4  # CSS pixels in a millimetre
PT_PER_MM = 72 / 25.4


@pytest.fixture(scope="module")
def written(fixture_site):
    return fixture_site


@pytest.fixture(scope="module")
def server(written):
    with Server(written.site) as running:
        yield running


def shot_name(url: str) -> str:
    return url.replace("#", "").strip("/").replace("/", "_") or "home"


def open_page(page, server, url: str):
    response = page.goto(server.url + url)
    assert response.ok, url
    page.wait_for_load_state("networkidle")
    return page


# -- layout at four widths ----------------------------------------------------------------------

# Every problem of the article's layout, in words (an empty list: none). Nested provisions: each
# paragraph stays in its wording's box, does not overflow, keeps most of the box's width, and the
# first one at each depth sits further right than the one a depth above. Tables fit their box or
# sit in a box that scrolls sideways.
LAYOUT = """() => {
  const problems = [], slack = 0.5, article = document.querySelector('article');
  const where = node => (node.id ? '#' + node.id : node.className || node.tagName) + ' ' +
    (node.textContent || '').trim().slice(0, 30);
  if (document.scrollingElement.scrollWidth > window.innerWidth)
    problems.push('page scrolls sideways: ' + document.scrollingElement.scrollWidth + ' > ' + window.innerWidth);
  const depths = [];
  const shown = node => node.getClientRects().length > 0;
  article.querySelectorAll('.sec-text').forEach(block => {
    if (!shown(block)) return;
    const box = block.getBoundingClientRect();
    const inner = block.clientWidth - parseFloat(getComputedStyle(block).paddingLeft) -
      parseFloat(getComputedStyle(block).paddingRight);
    const first = {};
    block.querySelectorAll('.sec-para, .sec-ptail').forEach(p => {
      const r = p.getBoundingClientRect();
      if (r.left < box.left - slack || r.right > box.right + slack) problems.push('out of its box: ' + where(p));
      if (p.scrollWidth > p.clientWidth + 1) problems.push('text overflows: ' + where(p));
      if (r.width < 0.6 * inner) problems.push('indented to ' + Math.round(r.width) + 'px of ' + Math.round(inner) + ': ' + where(p));
      const depth = (p.className.match(/sec-depth-(\\d+)/) || [])[1];
      if (p.classList.contains('sec-para') && depth && !(depth in first)) first[depth] = r.left;
    });
    const levels = Object.keys(first).map(Number).sort((a, b) => a - b);
    depths.push(levels.length);
    for (let i = 1; i < levels.length; i++) {
      if (!(first[levels[i]] > first[levels[i - 1]] + 4))
        problems.push('depth ' + levels[i] + ' at x=' + first[levels[i]] + ' not right of depth ' + levels[i - 1] +
                      ' at x=' + first[levels[i - 1]] + ' in ' + where(block));
    }
  });
  const tables = [];
  article.querySelectorAll('table').forEach(table => {
    if (!shown(table)) return;
    const scroll = table.closest('.sec-scroll');
    const container = (scroll || table).parentElement, limit = container.getBoundingClientRect();
    const style = getComputedStyle(container);
    const right = limit.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
    const outer = (scroll || table).getBoundingClientRect();
    const scrolls = scroll && ['auto', 'scroll'].includes(getComputedStyle(scroll).overflowX);
    if (outer.right > right + slack) problems.push('table box runs out of its container: ' + where(table));
    if (scroll && !scrolls) problems.push('scroll box does not scroll: ' + where(table));
    if (!scroll && table.scrollWidth > table.clientWidth + 1) problems.push('table overflows: ' + where(table));
    tables.push({scroll: !!scroll, fits: table.getBoundingClientRect().right <= outer.right + slack});
  });
  return {problems, depths, tables};
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("url", LAYOUT_PAGES)
def test_layout_at_each_width(page, server, screens, url, width):
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, server, url)
    result = page.evaluate(LAYOUT)
    page.screenshot(path=str(screens / f"{shot_name(url)}-{width}.png"), full_page=True)
    assert result["problems"] == []
    if url == "sec/H/H1.1/":
        # The current wording and the earlier one in the history (the current one is not repeated there),
        # each nested to depth 4.
        assert result["depths"] == [4, 4]
    if url in ("sec/H/H1.3/", "sec/A/A1.1/"):
        assert result["tables"] and all(t["scroll"] for t in result["tables"])
    if "#" in url:  # landing on a version's anchor shows the page's title, not hidden by the header
        title, header = page.evaluate("""() => [document.querySelector('article h1').getBoundingClientRect().top,
            document.querySelector('.md-header').getBoundingClientRect().bottom]""")
        assert title >= header


def test_a_wide_table_scrolls_in_its_box_not_the_page(page, server):
    """At 375 px a clause table too wide for the column scrolls inside its box."""
    page.set_viewport_size({"width": 375, "height": 900})
    open_page(page, server, "sec/H/H1.3/")
    page.evaluate("""() => document.querySelectorAll('table.sec-table td').forEach(td => {
        td.textContent = td.textContent + ' ' + 'Averyveryverylongunbreakableword'.repeat(2); })""")
    result = page.evaluate(LAYOUT)
    assert result["problems"] == []
    box = page.evaluate("""() => { const s = document.querySelector('.sec-scroll');
        return [s.scrollWidth, s.clientWidth]; }""")
    assert box[0] > box[1]  # the table is wider than its box, and the box scrolls


# -- print --------------------------------------------------------------------------------------

def pdf_words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]] | None:
    """Each page's words with their boxes (points, from the top left), by pdftotext; None without it."""
    require(Path("/usr/bin/pdftotext"), "poppler-utils' pdftotext")  # fails in CI, skips elsewhere
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for chunk in xml.split("<page ")[1:]:
        pages.append([(float(a), float(b), float(c), float(d), word) for a, b, c, d, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', chunk)])
    return pages


# What a printed page shows: the visible boxes of the chrome, the Cite buttons, the running line,
# and every element wider than the printed column.
PRINTED = """() => {
  const shown = el => !!el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0 &&
    getComputedStyle(el).visibility !== 'hidden';
  const chrome = {};
  ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer', '.md-top',
   '.md-search'].forEach(s => { chrome[s] = Array.from(document.querySelectorAll(s)).some(shown); });
  const wide = [];
  document.querySelectorAll('body *').forEach(el => {
    if (!shown(el)) return;
    const r = el.getBoundingClientRect();
    if (r.right > window.innerWidth + 0.5 || r.left < -0.5) wide.push(el.tagName + '.' + el.className);
  });
  return {
    chrome,
    cite: Array.from(document.querySelectorAll('.sec-cite')).filter(shown).length,
    citeTotal: document.querySelectorAll('.sec-cite').length,
    running: Array.from(document.querySelectorAll('.sec-print-running')).filter(shown).map(p => p.textContent.trim()),
    scrollWidth: document.scrollingElement.scrollWidth,
    wide,
  };
}"""


@pytest.mark.parametrize("url", AS_AT_PAGES)
def test_a_section_as_at_a_version_prints_cleanly(page, server, screens, url):
    # The printed column of an A4 page (210 mm less the @page margins of 14 mm each side).
    column = round((210 - 28) * MM)
    page.set_viewport_size({"width": column, "height": 1000})
    open_page(page, server, url)
    assert page.locator(".sec-print-running").count() >= 2  # one per version of the section
    assert page.locator(".sec-print-running:visible").count() == 0  # never on screen
    version = url.split("#v-")[1]
    expected = page.locator(f".sec-asat-note[data-in='{version}'] .sec-print-running").text_content().strip()
    assert expected.startswith("SEC Section G as at")

    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    assert printed["running"] == [expected]  # the line of the version shown, alone
    line = expected
    assert page.locator(".sec-asat-versions").is_hidden()  # the choice of version is not printed
    assert printed["chrome"] == dict.fromkeys(printed["chrome"], False), "navigation printed"
    assert printed["cite"] == 0, "Cite buttons printed"
    assert printed["scrollWidth"] <= column and printed["wide"] == []
    if version == "5.20":  # reconstructed text stays marked in print
        badge = page.locator("h3 .sec-prov--reconstructed:visible")
        assert badge.count() == 1 and badge.inner_text() == "Reconstructed"
        assert "G3.20" in page.locator("h3:has(.sec-prov--reconstructed):visible").inner_text()

    pdf = screens / f"print-{shot_name(url)}.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.stat().st_size > 10_000
    if shutil.which("pdftoppm"):
        for old in screens.glob(f"print-{shot_name(url)}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "70", "-f", "1", "-l", "3", "-png", str(pdf),
                        str(screens / f"print-{shot_name(url)}")], check=True)
    pages = pdf_words(pdf)
    if pages is None:
        return
    assert len(pages) >= 2, "the section fits one page: the running line's repetition is not tested"
    width = 210 * PT_PER_MM
    running_words = line.split()
    for number, words in enumerate(pages, 1):
        assert words, f"page {number} is empty"
        # The running line heads every page, above all the page's other text (over none of it).
        texts, k = [w[4] for w in words], len(running_words)
        starts = [i for i in range(len(words) - k + 1) if texts[i:i + k] == running_words]
        assert starts, f"no running line on page {number}"
        head, rest = words[starts[0]:starts[0] + k], words[:starts[0]] + words[starts[0] + k:]
        bottom = max(w[3] for w in head)
        assert rest and min(w[1] for w in rest) > bottom + 2, f"the running line covers text on page {number}"
        # Nothing runs into the side margins.
        assert all(w[0] >= 14 * PT_PER_MM - 1 and w[2] <= width - 14 * PT_PER_MM + 1 for w in words), number
    text = " ".join(w[4] for page_words in pages for w in page_words)
    if version == "5.20":
        assert "G3.20 Reconstructed" in text and "SMETS2+ Device" not in text.split("G3.20 Reconstructed")[1]
    else:
        assert "Reconstructed" not in text
    assert "Cite" not in text.split()


def test_a_clause_page_prints_without_its_buttons(page, server, screens):
    column = round((210 - 28) * MM)
    page.set_viewport_size({"width": column, "height": 1000})
    open_page(page, server, "sec/H/H1.1/")
    page.wait_for_selector("form.sec-compare")
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    assert printed["chrome"] == dict.fromkeys(printed["chrome"], False), "navigation printed"
    # 8 provisions in the current wording and in the earlier one (the current one is not repeated in
    # the history), and the two version headings
    assert printed["citeTotal"] == 2 * 8 + 2 and printed["cite"] == 0, "Cite buttons printed"
    assert page.locator("form.sec-compare").is_hidden()
    assert printed["scrollWidth"] <= column and printed["wide"] == []
    assert page.evaluate(LAYOUT)["problems"] == []  # nested provisions still indented, in their box
    pdf = screens / "print-sec_H_H1.1.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = pdf_words(pdf)
    if pages is not None:
        words = [w[4] for page_words in pages for w in page_words]
        assert "Cite" not in words and "(a)(ii)(A)(1)" not in " ".join(words)
        assert "(1) once a year; or" in " ".join(words)


# -- citations, redirects, malformed fragments ----------------------------------------------------

def test_cite_button_of_a_nested_provision(page, server):
    open_page(page, server, "sec/H/H1.1/")
    url = BASE + "sec/H/H1.1/"
    button = page.locator("#a-ii-A-1 button.sec-cite")
    assert button.count() == 1
    # The current wording cites its permanent anchor (the same wording in the history), the way the
    # Cite buttons of G3.20's current wording do.
    citation = f"SEC H1.1(a)(ii)(A)(1), as at v6.21 \u2014 {url}#v-2019-11-04-ad-hoc-a-ii-A-1"
    assert button.get_attribute("data-sec-citation") == citation
    # that anchor is on the current wording's provision (its history entry does not repeat it)
    assert page.locator('#a-ii-A-1 > [id="v-2019-11-04-ad-hoc-a-ii-A-1"]').count() == 1
    older = page.locator('[id="v-5.20-a-ii-A-1"] button.sec-cite')
    assert older.get_attribute("data-sec-citation") == f"SEC H1.1(a)(ii)(A)(1), as at v6.17 \u2014 {url}#v-5.20-a-ii-A-1"
    button.click()
    page.wait_for_function("document.querySelector('#a-ii-A-1 .sec-cite__status').textContent !== ''")
    assert page.locator("#a-ii-A-1 .sec-cite__status").inner_text().endswith(citation)


@pytest.mark.parametrize("javascript", [True, False])
def test_a_version_that_reads_as_an_earlier_one_redirects(browser, server, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    watch = Watch()
    watch.attach(page)
    page.goto(server.url + "sec/G/v/6.17/")
    page.wait_for_url(server.url + "sec/G/v/#v-6.17")
    assert page.locator("article h1").inner_text().startswith("Section G: Security, as at")
    assert page.locator(".sec-asat-note:visible .admonition-title").inner_text() == "Section G as at v6.17"
    # v6.17 reads as v5.20 did: G3.20 without the words MP087 inserted.
    shown = page.locator(".sec-w:visible:has(h3[id^='G3.20--'])")
    assert shown.count() == 1 and "SMETS2+ Device" not in shown.inner_text()
    page.wait_for_load_state("networkidle")
    context.close()
    watch.assert_clean()


def test_a_history_anchor_of_the_current_wording_lands_on_its_provision_at_the_top(page, server):
    page.goto(server.url + "sec/G/G3.20/#v-2019-11-04-ad-hoc-b")
    para = page.locator("p#b")
    assert "SMETS2+ Device" in para.inner_text()
    assert page.evaluate("() => getComputedStyle(document.querySelector('p#b')).outlineStyle") == "solid"
    top = page.evaluate("() => document.querySelector('p#b').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]


def test_a_malformed_fragment_does_not_break_the_scripts(page, server):
    page.goto(server.url + "sec/G/G3.20/#%E0%A4%A")
    page.wait_for_load_state("networkidle")
    page.wait_for_selector("button.sec-cite")
    assert page.locator(".sec-para button.sec-cite").count() == 4  # (a), (b) of both wordings
    assert page.locator("form.sec-compare").count() == 1
    # the page fixture fails the test on any console or page error


@pytest.fixture(scope="module")
def renumbered_server(renumbered):
    with Server(renumbered.site) as running:
        yield running


def test_a_malformed_fragment_on_a_renumbered_clause_still_forwards(page, renumbered_server):
    """The old page of a renumbered clause decodes the fragment to decide whether to forward: a
    malformed one is kept as written, and the reader still lands on the new number."""
    running = renumbered_server
    page.goto(running.url + "sec/G/G3.18/#%E0%A4%A")
    page.wait_for_url(running.url + "sec/G/G3.22/#%E0%A4%A")
    page.wait_for_selector(".sec-para button.sec-cite")
    assert page.locator("article h1").inner_text().startswith("G3.22")
    page.wait_for_load_state("networkidle")  # the search index loads before the page closes


# -- accessibility ------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_new_pages_are_axe_clean_in_both_palettes(page, server, scheme):
    failures = {}
    for url in ["sec/H/H1.1/", "sec/G/G3.20/", "sec/G/v/#v-5.20", "glossary/"]:
        open_page(page, server, url)
        set_palette(page, scheme)
        violations = run_axe(page)
        if violations:
            failures[url] = describe(violations)
    assert failures == {}


# -- comparing any two wordings -------------------------------------------------------------------

CHANGES = """() => Array.from(document.querySelectorAll('#sec-compare-result ins, #sec-compare-result del')).map(
  node => { const copy = node.cloneNode(true); copy.querySelectorAll('.sec-sr').forEach(s => s.remove());
            return [node.tagName.toLowerCase(), copy.textContent]; })"""


def redline_text(page) -> str:
    return page.locator("#sec-compare-result .sec-redline__text").text_content()


def test_compare_any_two_wordings_of_g320(page, server, screens):
    open_page(page, server, "sec/G/G3.20/")
    form = page.locator("form.sec-compare")
    assert form.count() == 1
    # At the top of the history, before its first wording.
    assert page.evaluate("""() => { const f = document.querySelector('form.sec-compare');
        const h = document.getElementById('history'), first = document.getElementById('v-5.14');
        return !!(h.compareDocumentPosition(f) & 4) && !!(f.compareDocumentPosition(first) & 4); }""")
    options = page.locator("#sec-compare-from option")
    assert options.all_inner_texts() == ["v5.14 to v6.17", "4 Nov 2019 ad-hoc release onwards"]
    assert page.locator("label[for='sec-compare-from']").count() == 1
    assert page.locator("label[for='sec-compare-to']").count() == 1
    result = page.locator("#sec-compare-result")
    assert result.get_attribute("aria-live") == "polite"

    page.select_option("#sec-compare-from", "v-5.14")
    page.select_option("#sec-compare-to", "v-2019-11-04-ad-hoc")
    assert page.evaluate(CHANGES) == [["ins", "which forms part of a SMETS2+ Device"]]
    assert "[inserted: which forms part of a SMETS2+ Device]" in redline_text(page)
    assert "Gas Proxy Function [inserted: which forms part of a SMETS2+ Device]) for which" in redline_text(page)
    # Said in words for screen readers, in spans drawn nowhere (clipped to nothing).
    assert result.locator("ins .sec-sr").count() == 2
    assert result.locator("ins .sec-sr").first.evaluate("s => getComputedStyle(s).clipPath") == "inset(50%)"
    summary = result.locator(".sec-compare__summary").inner_text()
    assert "v5.14 to v6.17" in summary and "4 Nov 2019 ad-hoc release onwards" in summary and "1 insertion" in summary
    # No Cite button or its words leak into the compared text.
    assert "Cite" not in redline_text(page)
    page.locator("form.sec-compare").screenshot(path=str(screens / "compare-sec_G_G3.20-form.png"))

    # The other way round, the words are deleted.
    page.select_option("#sec-compare-from", "v-2019-11-04-ad-hoc")
    page.select_option("#sec-compare-to", "v-5.14")
    assert page.evaluate(CHANGES) == [["del", "which forms part of a SMETS2+ Device"]]
    assert "[deleted: which forms part of a SMETS2+ Device]" in redline_text(page)

    # The same wording twice: nothing to compare.
    page.select_option("#sec-compare-from", "v-5.14")
    assert page.evaluate(CHANGES) == []
    assert "two different wordings" in result.inner_text()


def test_compare_the_nested_wordings_of_h11(page, server, screens):
    page.set_viewport_size({"width": 375, "height": 900})
    open_page(page, server, "sec/H/H1.1/")
    assert page.locator("#sec-compare-to option").all_inner_texts() == ["v5.20 to v6.17", "4 Nov 2019 ad-hoc release onwards"]
    # The defaults: the last change, as the last static redline shows it.
    assert page.locator("#sec-compare-from").input_value() == "v-5.20"
    assert page.locator("#sec-compare-to").input_value() == "v-2019-11-04-ad-hoc"
    assert page.evaluate(CHANGES) == [["ins", "and owner"]]
    text = redline_text(page)
    assert text.startswith("Each User shall, in respect of each Test Widget: (a) keep a record of: (i) its location ")
    assert "(1) once a year; or (2) when the Security Sub-Committee asks;" in text
    assert "in each case as at the end of the month; (b) repair it" in text
    assert page.evaluate(LAYOUT)["problems"] == []
    page.locator("#sec-compare-result").scroll_into_view_if_needed()
    page.screenshot(path=str(screens / "compare-sec_H_H1.1-375.png"), full_page=True)


def test_compare_a_clause_that_became_not_used(page, server):
    open_page(page, server, "sec/H/H1.2/")
    assert page.evaluate(CHANGES) == [["del", "Each User shall report to the Security Sub-Committee once a year."],
                                      ["ins", "[Not used]"]]
    assert redline_text(page) == ("[deleted: Each User shall report to the Security Sub-Committee once a year.] "
                                  "[inserted: [Not used]]")


@pytest.mark.parametrize("url", ["sec/H/H1.3/", "sec/A/A1.1/"])
def test_no_comparison_for_a_clause_with_one_wording(page, server, url):
    open_page(page, server, url)
    page.wait_for_selector("button.sec-cite")  # the scripts ran
    assert page.locator("form.sec-compare").count() == 0
    assert page.locator("#sec-compare-result").count() == 0


def test_compare_survives_instant_navigation(page, server):
    open_page(page, server, "sec/H/H1.1/")
    page.locator("a.sec-ref--clause", has_text="G3.18(b)").first.click()  # instant navigation
    page.wait_for_url("**/sec/G/G3.18/#b")
    page.wait_for_selector("button.sec-cite")
    wordings = page.locator("#history ~ div.sec-text[data-sec-anchor]").count()
    assert page.locator("form.sec-compare").count() == (1 if wordings >= 2 else 0)
    page.go_back()
    page.wait_for_url("**/sec/H/H1.1/")
    page.wait_for_selector("form.sec-compare")
    assert page.locator("form.sec-compare").count() == 1
    assert page.evaluate(CHANGES) == [["ins", "and owner"]]
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("name", [Path(script).name for script in SCRIPTS])
def test_site_js_builds_no_markup_from_strings(name):
    script = (ROOT / "plugins/sec_obligations/theme/assets/sec-obligations" / name).read_text()
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", script, flags=re.S)  # without its comments
    assert ".innerHTML" not in code and "outerHTML" not in code and "insertAdjacentHTML" not in code
    assert "eval(" not in code and "document.write" not in code
