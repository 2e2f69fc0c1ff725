"""Browser tests of the decision table and the other tables of answers: their layout at four widths
(the page never scrolls sideways; a table fits its box or scrolls in it with its first column and
header row in view), their look in both palettes (a gap marked by more than a tint), keyboard use
and history of the explorer, and print.

Pages: /responsibility/ (every choice "all"), each /responsibility/<obligation>/, a clause page
(/sec/G/G3.20/), a release page (/versions/2019-11-04-ad-hoc/) and /findings/, on the pinned copy of
the bundled data; a corpus of 30 versions for the table that must scroll even on a desktop; the
fixture data for a row without a device.

Screenshots and PDFs go to /tmp/screens/ (table-*.png, print-table-*) for a person to look at."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from sec_obligations.engine import NO_DEVICE

from browser import Server, describe, require, run_axe, set_palette
from conftest import ROOT, SCREENS

pytestmark = pytest.mark.browser

WIDTHS = [375, 768, 1280, 1920]
DESKTOP = 1280  # from this width every table of the bundled data fits its box
EXPLORER = "responsibility/?version=all&generation=all&device=all&obligation=all"
OTHER_PAGES = {"clause": "sec/G/G3.20/", "release": "versions/2019-11-04-ad-hoc/", "findings": "findings/"}
MM = 96 / 25.4  # CSS pixels in a millimetre
PT_PER_MM = 72 / 25.4
COLUMN = round((210 - 28) * MM)  # the printed column of an A4 page (the @page margins are 14 mm a side)
AD_HOC = "4 Nov 2019 ad-hoc release"


def pages_of(corpus) -> dict[str, str]:
    """Short name -> URL of every page with a table: the explorer, and the others (an obligation's
    page shows its timeline instead: test_browser_timeline.py)."""
    return {"responsibility": EXPLORER} | OTHER_PAGES


def open_page(page, server, url: str):
    response = page.goto(server.url + url)
    assert response.ok, url
    page.wait_for_load_state("networkidle")
    if url.split("?")[0] == "responsibility/":
        page.wait_for_selector("#sec-explorer[data-ready='true']")
    return page


# -- layout -------------------------------------------------------------------------------------

# Every table of the article: its width and its box's (the nearest box that scrolls sideways, or
# its container), whether it fits, and, where it does not, whether its first column and header row
# stay in view when the box is scrolled to its far end. Headers that wrap a word a line. And every
# problem in words.
LAYOUT = """() => {
  const problems = [], tables = [], slack = 0.5;
  const shown = node => node.getClientRects().length > 0;
  const scroller = table => {
    for (let node = table; node && node !== document.body; node = node.parentElement)
      if (['auto', 'scroll'].includes(getComputedStyle(node).overflowX)) return node;
    return null;
  };
  const words = node => {
    const parts = [], walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text; (text = walker.nextNode());)
      if (!text.parentElement.closest('.sec-sr')) parts.push(text.textContent);
    return parts.join('').split(/\\s+/).filter(Boolean);
  };
  const lines = node => {  // the line boxes of its visible text
    const tops = [], walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text; (text = walker.nextNode());) {
      if (text.parentElement.closest('.sec-sr') || !text.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(text);
      for (const r of range.getClientRects())
        if (r.width > 0 && !tops.some(top => Math.abs(top - r.top) < 3)) tops.push(r.top);
    }
    return tops.length;
  };
  const page = document.scrollingElement.scrollWidth;
  if (page > innerWidth) problems.push('page scrolls sideways: ' + page + ' > ' + innerWidth);
  const article = document.querySelector('article').getBoundingClientRect();
  const content = document.querySelector('.md-content').getBoundingClientRect();
  document.querySelectorAll('article table').forEach(table => {
    if (!shown(table)) return;
    const name = (table.caption ? table.caption.textContent : table.className || 'table').trim().slice(0, 40);
    const box = scroller(table);
    const outer = (box || table).getBoundingClientRect();
    // The theme's own scroll box reaches into the article's padding on purpose; ours stay in it.
    const limit = box && box.matches('.md-typeset__scrollwrap') ? content : article;
    if (outer.left < limit.left - slack || outer.right > limit.right + slack)
      problems.push('out of the article: ' + name);
    const width = box ? box.clientWidth : table.parentElement.clientWidth;
    const fits = box ? box.scrollWidth <= box.clientWidth + 1 : table.getBoundingClientRect().width <= width + slack;
    const record = {name, table: Math.round(table.scrollWidth), box: Math.round(width), fits,
                    scrolls: !!box, down: !!box && box.scrollHeight > box.clientHeight + 1, wraps: []};
    table.querySelectorAll('th').forEach(th => {
      const w = words(th).length, n = lines(th);
      const width = Math.round(th.getBoundingClientRect().width);
      if (w > 1 && n >= w) record.wraps.push(words(th).join(' ') + ' (' + n + ' lines, ' + width + ' px)');
    });
    if (!fits && !box) problems.push('wider than its box, which does not scroll: ' + name);
    if (box && (!fits || record.down)) {
      const x = box.scrollLeft, y = box.scrollTop;
      box.scrollLeft = box.scrollWidth;
      box.scrollTop = box.scrollHeight;
      const r = box.getBoundingClientRect();
      const left = r.left + box.clientLeft, right = left + box.clientWidth;
      const top = r.top + box.clientTop, bottom = top + box.clientHeight;
      const rows = Array.from(table.rows);
      const firsts = rows.map(row => row.cells[0].getBoundingClientRect());
      if (!fits && firsts.some(c => c.left < left - slack || c.right > right + slack))
        problems.push('first column scrolls out of view: ' + name);
      const head = table.tHead ? Array.from(table.tHead.rows[0].cells).map(c => c.getBoundingClientRect()) : [];
      if (record.down) {
        if (head.some(c => c.top < top - slack || c.bottom > bottom + slack)) problems.push('header row scrolls out of view: ' + name);
      } else if (r.height > innerHeight) {
        problems.push('the box is taller than the window and its header row scrolls away: ' + name);
      }
      record.sticky = {first: firsts.length ? Math.round(firsts[firsts.length - 1].left - left) : null,
                       header: head.length ? Math.round(head[0].top - top) : null};
      box.scrollLeft = x;
      box.scrollTop = y;
    }
    tables.push(record);
  });
  return {page, width: innerWidth, tables, problems};
}"""


def shoot(page, screens: Path, name: str) -> None:
    """The whole page, and its first table (in its scroll box, if any)."""
    page.screenshot(path=str(screens / f"{name}.png"), full_page=True)
    box = page.locator("article :is(.sec-scroll, .md-typeset__scrollwrap):has(table):visible, article table:visible").first
    if box.count():
        box.scroll_into_view_if_needed()
        box.screenshot(path=str(screens / f"{name}-table.png"))


@pytest.mark.parametrize("width", WIDTHS)
def test_tables_fit_or_scroll_with_their_first_column_and_header_in_view(page, server, corpus, screens, width):
    page.set_viewport_size({"width": width, "height": 900})
    failures, figures = {}, {}
    for name, url in pages_of(corpus).items():
        open_page(page, server, url)
        result = page.evaluate(LAYOUT)
        shoot(page, screens, f"table-{name}-{width}")
        figures[name] = [(t["table"], t["box"]) for t in result["tables"]]
        problems = result["problems"]
        assert result["tables"], f"no table on {url}"
        if width >= DESKTOP:
            problems += [f"does not fit its box ({t['table']} > {t['box']} px): {t['name']}" for t in result["tables"] if not t["fits"]]
            problems += [f"a header wraps a word a line: {w}" for t in result["tables"] for w in t["wraps"]]
        if problems:
            failures[url] = problems
    print(f"\n{width} px, (table, box) widths:", figures)
    assert failures == {}


def test_without_javascript_the_static_tables_lay_out_the_same(browser, server, corpus, screens):
    """The tables only: without scripts the theme's header may run past a narrow window (its
    second title line, the page's title, sits off to the right)."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    for name, url in pages_of(corpus).items():
        if name == "responsibility":
            url = "responsibility/"
        page.goto(server.url + url)
        result = page.evaluate(LAYOUT)
        wide = page.evaluate("""() => Array.from(document.querySelectorAll('article *')).filter(el =>
            el.getClientRects().length && !el.closest('.sec-sr, table') && el.getBoundingClientRect().right > innerWidth + 0.5)
            .map(el => el.tagName + '.' + el.className)""")
        assert wide == [], url
        assert [p for p in result["problems"] if not p.startswith("page scrolls sideways")] == [], url
        page.screenshot(path=str(screens / f"table-{name}-375-nojs.png"), full_page=True)
    context.close()


def test_version_headers_are_short_with_the_full_label_as_their_name(page, server):
    open_page(page, server, EXPLORER)
    scope = page.locator("#sec-explorer-matrix")
    header = scope.get_by_role("columnheader", name=AD_HOC, exact=True)
    assert header.count() == 1
    assert header.inner_text() == "4 Nov 2019"
    assert header.locator("abbr").get_attribute("title") == AD_HOC
    # A label short already is shown whole, with no abbreviation.
    plain = scope.get_by_role("columnheader", name="v6.17", exact=True)
    assert plain.inner_text() == "v6.17" and plain.locator("abbr").count() == 0


def test_the_explorer_rows_name_their_obligation(page, server):
    open_page(page, server, EXPLORER)
    rows = page.locator("#sec-explorer-matrix tbody tr")
    assert rows.count() == 26
    # The obligation heads the first of its rows, as a link; every row header names it.
    names = page.evaluate("""() => Array.from(document.querySelectorAll('#sec-explorer-matrix tbody th'))
        .map(th => th.textContent)""")
    assert names[0] == "Notify (G3.17): SMETS1 Communications Hub Function"
    assert names[13] == "Be notified (G3.20): SMETS1 Communications Hub Function"
    assert all(n.startswith(("Notify (G3.17): ", "Be notified (G3.20): ")) for n in names)
    links = page.locator("#sec-explorer-matrix tbody th a.sec-matrix__group")
    assert links.all_inner_texts() == ["Notify (G3.17)", "Be notified (G3.20)"]
    # (Chromium puts a space before the colon, which is hidden text: harmless when read.)
    assert page.get_by_role("rowheader", name=re.compile(r"^Be notified \(G3\.20\) ?: SMETS1 Gas Proxy Function$")).count() == 1


def test_a_selected_version_outlines_its_column(page, server):
    open_page(page, server, "responsibility/?version=2019-11-04-ad-hoc&generation=all&device=all&obligation=all")
    header = page.locator("#sec-explorer-matrix thead th.sec-selected")
    assert header.count() == 1 and header.get_attribute("aria-label") == AD_HOC


# -- palettes -----------------------------------------------------------------------------------

def luminance(rgb) -> float:
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def colours(css: str) -> list[tuple[float, ...]]:
    return [tuple(float(x) for x in re.split(r"[,\s/]+", m.strip()) if x) for m in re.findall(r"rgba?\(([^)]*)\)", css)]


def over(top, bottom) -> tuple[float, float, float]:
    """A colour (with its alpha) laid on an opaque one."""
    alpha = top[3] if len(top) > 3 else 1.0
    return tuple(alpha * t + (1 - alpha) * b for t, b in zip(top[:3], bottom[:3]))


GAP_STYLE = """() => {
  const cell = document.querySelector('article td.sec-cell--gap');
  const plain = document.querySelector('article td.sec-cell--party');
  const style = getComputedStyle(cell);
  return {shadow: style.boxShadow, image: style.backgroundImage, tint: style.backgroundColor,
          text: getComputedStyle(cell.querySelector('.sec-answer')).color,
          page: getComputedStyle(document.body).backgroundColor, plain: getComputedStyle(plain).boxShadow,
          frame: parseFloat(style.boxShadow.match(/([\\d.]+)px inset/)[1])};
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_a_gap_is_marked_by_a_frame_that_contrasts_not_by_a_tint(page, server, screens, scheme):
    open_page(page, server, EXPLORER)
    set_palette(page, scheme)
    style = page.evaluate(GAP_STYLE)
    page_bg = colours(style["page"])[0]
    frame = colours(style["shadow"])[0]  # the first shadow is the frame (the second, the "changed" bar)
    hatch = colours(style["image"])[0]
    cell_bg = over(hatch, page_bg)  # the darker stripe of the hatching
    text = over(colours(style["text"])[0], cell_bg)
    figures = {"frame/page": contrast(frame, page_bg), "frame/hatching": contrast(frame, cell_bg),
               "text/hatching": contrast(text, cell_bg), "hatching/page": contrast(cell_bg, page_bg)}
    print(f"\n{scheme}: gap marking contrast", {k: round(v, 2) for k, v in figures.items()}, "frame", style["frame"], "px")
    assert figures["frame/page"] >= 3 and figures["frame/hatching"] >= 3  # WCAG 1.4.11, non-text contrast
    assert figures["text/hatching"] >= 4.5  # the answer stays readable on the hatching
    assert style["frame"] >= 2
    assert colours(style["tint"])[0][3:] == (0.0,)  # no tint of the cell itself: the frame and hatching mark it
    assert style["plain"].startswith("rgba(0, 0, 0, 0)")  # a cell with an answer has no frame
    page.locator(".sec-scroll--matrix").first.screenshot(path=str(screens / f"table-gap-{scheme}.png"))


@pytest.mark.parametrize("width", [375, DESKTOP])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_tables_pages_are_axe_clean(page, server, corpus, scheme, width):
    page.set_viewport_size({"width": width, "height": 900})
    failures = {}
    for name, url in pages_of(corpus).items():
        open_page(page, server, url)
        set_palette(page, scheme)
        violations = run_axe(page)
        if violations:
            failures[url] = describe(violations)
        if width == 375 and name in ("responsibility", "obligation-arrange-to-be-notified"):
            page.screenshot(path=str(SCREENS / f"table-{name}-{width}-{scheme}.png"), full_page=True)
    assert failures == {}


# -- keyboard and history -----------------------------------------------------------------------

def test_stepping_through_a_select_with_the_arrow_keys_adds_no_history(page, server):
    open_page(page, server, "")
    home = page.url
    page.goto(server.url + "responsibility/")
    page.wait_for_selector("#sec-explorer[data-ready='true']")
    length = page.evaluate("history.length")
    page.focus("#sec-explorer-version")
    seen = []
    for _ in range(4):
        page.keyboard.press("ArrowUp")
        seen.append(page.locator("#sec-explorer-version").input_value())
    assert seen == ["2019-11-04-ad-hoc", "6.17", "5.23", "5.20"]  # each step shows its version
    assert "version=5.20" in page.url  # the address says what is shown
    assert page.locator("#sec-explorer-live").inner_text() == "26 answers for v5.20."
    page.keyboard.press("Home")
    assert page.locator("#sec-explorer-version").input_value() == ""
    assert page.evaluate("history.length") == length
    page.go_back()  # one Back leaves the page
    page.wait_for_url(home)
    assert page.url == home


def test_back_returns_focus_to_the_control_it_changed(page, server):
    # The theme's instant navigation loads the page afresh on the first Back: expect() waits for
    # the explorer built then.
    open_page(page, server, "responsibility/")
    length = page.evaluate("history.length")
    page.select_option("#sec-explorer-version", "6.17")  # a choice: an entry of its own
    page.select_option("#sec-explorer-device", "chf")
    assert page.evaluate("history.length") == length + 2
    page.evaluate("document.activeElement.blur()")
    version, device = page.locator("#sec-explorer-version"), page.locator("#sec-explorer-device")
    page.go_back()
    expect(device).to_have_value("")
    expect(device).to_be_focused()
    page.go_back()
    expect(version).to_have_value("6.21")
    expect(version).to_be_focused()
    page.go_forward()
    expect(version).to_have_value("6.17")
    expect(version).to_be_focused()


def test_steps_after_a_choice_update_its_entry(page, server):
    open_page(page, server, "responsibility/")
    length = page.evaluate("history.length")
    page.select_option("#sec-explorer-device", "chf")
    page.focus("#sec-explorer-generation")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # steps: the current entry follows them
    assert page.locator("#sec-explorer-generation").input_value() == "smets2plus"
    assert "generation=smets2plus" in page.url and page.evaluate("history.length") == length + 1
    page.go_back()  # undoes the choice and the steps after it; focus on the control last used
    expect(page.locator("#sec-explorer-device")).to_have_value("")
    expect(page.locator("#sec-explorer-generation")).to_have_value("")
    expect(page.locator("#sec-explorer-generation")).to_be_focused()


def test_the_as_at_dates_note_is_in_the_live_region(page, server):
    open_page(page, server, "responsibility/")
    live = page.locator("#sec-explorer-live")
    assert live.get_attribute("role") == "status" and live.get_attribute("aria-live") == "polite"
    assert live.get_attribute("aria-atomic") == "true"  # read whole: the note with what it led to
    assert live.locator("#sec-explorer-date-note").count() == 1
    page.click("text=Pick the version in force")
    assert live.inner_text().startswith("Enter a date first.")
    page.fill("#sec-explorer-date", "2019-11-10")
    page.keyboard.press("Enter")
    text = live.inner_text()
    assert text.startswith("On 2019-11-10 the version in force was 4 Nov 2019 ad-hoc release (2019-11-04).")
    assert text.endswith("26 answers for 4 Nov 2019 ad-hoc release.")
    page.select_option("#sec-explorer-device", "gpf")  # another choice: the note no longer applies
    assert live.inner_text() == "4 answers for 4 Nov 2019 ad-hoc release."


def test_the_hidden_search_results_box_never_takes_focus(page, server):
    for url in ("responsibility/", "sec/G/G3.20/"):
        open_page(page, server, url)
        stops = []
        for _ in range(8):  # from the top: skip link, logo, palette, search field, then the navigation
            page.keyboard.press("Tab")
            stops.append(page.evaluate("document.activeElement.className"))
        assert "md-search__input" in " ".join(stops)
        assert not [s for s in stops if "md-search__scrollwrap" in s], stops
    # Open (the field taking the focus opens the theme's dialog), the box shows the results.
    page.focus(".md-search__input")
    expect(page.locator("#__search")).to_be_checked()
    page.keyboard.type("vulnerability")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search__scrollwrap").evaluate("b => getComputedStyle(b).visibility") == "visible"


# -- print --------------------------------------------------------------------------------------

# What a printed page shows: every element and table wider than the column, the form and the
# question asked, with the explorer's answer.
PRINTED = """() => {
  const shown = el => !!el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
  const wide = [];
  document.querySelectorAll('article *').forEach(el => {
    if (!shown(el) || el.closest('.sec-sr')) return;
    const r = el.getBoundingClientRect();
    if (r.right > innerWidth + 0.5 || r.left < -0.5) wide.push(el.tagName + '.' + el.className);
  });
  const tables = Array.from(document.querySelectorAll('article table')).filter(shown).map(t => Math.round(t.getBoundingClientRect().width));
  const text = sel => { const el = document.querySelector(sel); return shown(el) ? el.innerText : null; };
  return {scrollWidth: document.scrollingElement.scrollWidth, wide, tables,
          form: shown(document.querySelector('.sec-explorer__form')),
          controls: Array.from(document.querySelectorAll('article select, article input, article button')).filter(shown).length,
          question: text('#sec-explorer-question'), answer: text('#sec-explorer-answer')};
}"""


def pdf_words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words with their boxes (points, from the top left), by pdftotext."""
    require(Path("/usr/bin/pdftotext"), "poppler-utils' pdftotext")
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[(float(a), float(b), float(c), float(d), word) for a, b, c, d, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', chunk)]
        for chunk in xml.split("<page ")[1:]]


def print_page(page, screens: Path, name: str) -> list[str]:
    """Print the page to an A4 PDF (and its first pages to PNG): every word within the margins."""
    pdf = screens / f"print-table-{name}.pdf"
    page.pdf(path=str(pdf), format="A4")
    if shutil.which("pdftoppm"):
        for old in screens.glob(f"print-table-{name}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "2", "-png", str(pdf), str(screens / f"print-table-{name}")],
                       check=True)
    words = [w for page_words in pdf_words(pdf) for w in page_words]
    width = 210 * PT_PER_MM
    outside = [w[4] for w in words if w[0] < 14 * PT_PER_MM - 1 or w[2] > width - 14 * PT_PER_MM + 1]
    assert outside == [], f"words in the side margins of {name}: {outside[:10]}"
    return [w[4] for w in words]


QUESTION = "responsibility/?version=6.17&generation=smets1&device=chf&obligation=arrange-to-be-notified"


def test_print_fits_a4_and_shows_the_question_and_its_answer(page, server, corpus, screens):
    page.set_viewport_size({"width": COLUMN, "height": 1000})
    for name, url in [*pages_of(corpus).items(), ("question", QUESTION)]:
        open_page(page, server, url)
        page.emulate_media(media="print")
        printed = page.evaluate(PRINTED)
        assert printed["scrollWidth"] <= COLUMN and printed["wide"] == [], (url, printed["wide"][:5])
        assert printed["tables"] and max(printed["tables"]) <= COLUMN, url
        if url.startswith("responsibility/?"):
            assert not printed["form"] and printed["controls"] == 0, "the form is printed"
        words = print_page(page, screens, name)
        text = " ".join(words)
        if name == "question":
            assert printed["question"] == ("Question: SEC version: v6.17; Device generation: SMETS1; Device type: "
                                           "Communications Hub Function (CHF); Obligation: Be notified (G3.20).")
            assert "nobody (gap)" in printed["answer"] and "G3.20(b) as at v6.17" in printed["answer"]
            assert "Question: SEC version: v6.17;" in text and "nobody (gap)" in text
        if name.startswith("obligation-"):
            assert AD_HOC in text  # printed headers give the full label (no tooltip on paper)
        page.emulate_media(media="screen")


# -- many versions: the table scrolls on a desktop too --------------------------------------------

def generated_server(tmp_path_factory, name: str, *sizes: int):
    """Serve the site of a generated corpus (``sizes``: as benchmarks/generate.py's Generator takes
    them), built not strictly: the hand-written pages refer to the bundled data's clauses."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import Generator
    from sitebuild import build

    tmp = tmp_path_factory.mktemp(name)
    Generator(*sizes).write(tmp / "data")
    result = build(tmp, data=tmp / "data", strict=False)
    assert result.returncode == 0, result.output
    with Server(result.site) as running:
        yield running


@pytest.fixture(scope="module")
def wide_server(tmp_path_factory):
    """A site of a generated corpus of 30 versions and 3 obligations."""
    yield from generated_server(tmp_path_factory, "wide", 12, 30, 2, 3, 8, 3)


@pytest.mark.parametrize("width", [375, DESKTOP])
def test_a_table_of_many_versions_scrolls_in_its_box_with_its_edges_in_view(page, wide_server, screens, width):
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, wide_server, EXPLORER)
    result = page.evaluate(LAYOUT)
    matrix = next(t for t in result["tables"] if t["scrolls"])
    print(f"\n{width} px, 30 versions: table {matrix['table']} px in a box of {matrix['box']} px, sticky {matrix.get('sticky')}")
    assert result["problems"] == []
    assert not matrix["fits"] and matrix["sticky"]["first"] == 0  # scrolled to the far end, the first column still at the left
    if width == DESKTOP:
        assert matrix["wraps"] == []
    # The box scrolls: a word in the caption says so (where the browser can tell), and a shadow marks the edge.
    name = "explorer"
    caption = page.locator("table.sec-matrix caption").first
    after = caption.evaluate("c => getComputedStyle(c, '::after').content")
    assert "Scroll sideways" in after
    shoot(page, screens, f"table-wide-{name}-{width}")
    page.set_viewport_size({"width": COLUMN, "height": 1000})
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    assert printed["scrollWidth"] <= COLUMN and printed["wide"] == [], printed["wide"][:5]
    assert "Scroll sideways" not in caption.evaluate("c => getComputedStyle(c, '::after').content")
    if width == DESKTOP:
        print_page(page, screens, f"wide-{name}")


# -- a row without a device -----------------------------------------------------------------------

def test_a_row_without_a_device_is_labelled_and_laid_out(page, fixture_server, screens):
    page.set_viewport_size({"width": 375, "height": 900})
    open_page(page, fixture_server, "responsibility/report-yearly/")
    assert page.locator("article .sec-tl__label").all_inner_texts() == [NO_DEVICE]
    assert page.evaluate(LAYOUT)["problems"] == []
    open_page(page, fixture_server, "responsibility/?version=all&generation=all&device=all&obligation=report-yearly")
    headers = page.locator("#sec-explorer-matrix tbody th")
    assert headers.count() == 1 and headers.first.text_content().endswith(": " + NO_DEVICE)
    assert page.evaluate(LAYOUT)["problems"] == []
    page.screenshot(path=str(screens / "table-no-device-375.png"), full_page=True)
