"""Browser tests of the timeline picture: on each obligation page (plain HTML, also without
JavaScript) and in the explorer; its layout at four widths and in print (the page never scrolls
sideways; the figure fits its box or scrolls inside it with its row labels in view; the axis labels
shown never overlap), gaps that stand out in both palettes, axe in both palettes, the reasons a band
is described by, shows on focus and hover and leads to, and the explorer's bands asking the table
their question.

Pages: the pinned copy of the bundled data (6 versions), and a generated corpus of 120 versions
for the picture that must stay readable in a laptop's width.

Screenshots and PDFs go to /tmp/screens/ (timeline-*.png, print-table-timeline-*) for a person to look at."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from test_browser_table import COLUMN, PRINTED, WIDTHS, colours, contrast, generated_server, open_page, over, print_page

from browser import describe, run_axe, set_palette

pytestmark = pytest.mark.browser

OBLIGATIONS = ["responsibility/notify-vulnerability/", "responsibility/arrange-to-be-notified/"]
EXPLORER = "responsibility/?version=all&generation=all&device=all&obligation=all"
PAGES = {"notify": OBLIGATIONS[0], "arrange": OBLIGATIONS[1], "explorer": EXPLORER}
GAP_BAND = "figure.sec-tl a.sec-tl__band--gap"
LAPTOP = 1280


# Each timeline of the article: whether its grid fits its box; where it does not (or the box
# scrolls down), whether its row labels and axis stay in view scrolled to the far end; the axis
# labels shown, which must not overlap; and every problem in words.
LAYOUT = """() => {
  const problems = [], slack = 0.5;
  if (document.scrollingElement.scrollWidth > innerWidth)
    problems.push('page scrolls sideways: ' + document.scrollingElement.scrollWidth + ' > ' + innerWidth);
  const article = document.querySelector('article').getBoundingClientRect();
  const figures = Array.from(document.querySelectorAll('article figure.sec-tl')).filter(f => f.getClientRects().length);
  const found = figures.map(figure => {
    const r = figure.getBoundingClientRect();
    if (r.left < article.left - slack || r.right > article.right + slack) problems.push('figure out of the article');
    for (const part of figure.querySelectorAll('figcaption, .sec-tl__tip')) {
      const p = part.getBoundingClientRect();
      if (p.right > r.right + slack || part.scrollWidth > part.clientWidth + 1) problems.push('clipped: ' + part.className);
    }
    const box = figure.querySelector('.sec-tl__box');
    const fits = box.scrollWidth <= box.clientWidth + 1, down = box.scrollHeight > box.clientHeight + 1;
    const visible = text => text.getClientRects().length > 0;
    const ticks = Array.from(figure.querySelectorAll('.sec-tl__tick:not(.sec-tl__tick--selected) .sec-tl__tick-text'))
      .filter(visible).map(t => t.getBoundingClientRect()).sort((a, b) => a.left - b.left);
    ticks.forEach((t, i) => { if (i && t.left < ticks[i - 1].right - slack) problems.push('axis labels overlap'); });
    const b = box.getBoundingClientRect();
    const left = b.left + box.clientLeft, right = left + box.clientWidth, top = b.top + box.clientTop;
    const bands = Array.from(figure.querySelectorAll('.sec-tl__band'));
    let sticky = null;
    if (!fits || down) {
      box.scrollLeft = box.scrollWidth;
      box.scrollTop = box.scrollHeight;
      const labels = Array.from(figure.querySelectorAll('.sec-tl__row .sec-tl__label')).map(l => l.getBoundingClientRect())
        .filter(l => l.bottom > top && l.top < top + box.clientHeight);
      if (!labels.length) problems.push('no row label in view');
      if (labels.some(l => l.left < left - slack || l.left > left + slack)) problems.push('row labels scroll out of view');
      const axis = figure.querySelector('.sec-tl__axis').getBoundingClientRect();
      if (down && Math.abs(axis.top - top) > 1) problems.push('the axis scrolls out of view');
      sticky = {label: labels.length ? Math.round(labels[0].left - left) : null, axis: Math.round(axis.top - top)};
      box.scrollLeft = 0;
      box.scrollTop = 0;
    }
    return {fits, down, sticky, box: box.clientWidth, grid: box.scrollWidth, ticks: ticks.length, bands: bands.length,
            narrowest: Math.min(...bands.map(x => x.getBoundingClientRect().width))};
  });
  return {figures: found, problems};
}"""


def shoot(page, screens, name: str) -> None:
    page.screenshot(path=str(screens / f"{name}-page.png"), full_page=True)
    figure = page.locator("article figure.sec-tl").first
    figure.scroll_into_view_if_needed()
    figure.screenshot(path=str(screens / f"{name}.png"))


@pytest.mark.parametrize("width", WIDTHS)
def test_the_timeline_fits_or_scrolls_in_its_box_with_its_labels_in_view(page, server, screens, width):
    page.set_viewport_size({"width": width, "height": 900})
    failures, figures = {}, {}
    for name, url in PAGES.items():
        open_page(page, server, url)
        result = page.evaluate(LAYOUT)
        (figure,) = result["figures"]
        figures[name] = figure
        problems = result["problems"]
        if width >= 768 and not figure["fits"]:  # six versions fit any but a phone's width
            problems.append(f"does not fit its box ({figure['grid']} > {figure['box']} px)")
        if figure["ticks"] < (3 if width < 768 else 6):
            problems.append(f"only {figure['ticks']} version labels shown")
        if problems:
            failures[url] = problems
        shoot(page, screens, f"timeline-{name}-{width}")
    print(f"\n{width} px:", figures)
    assert failures == {}


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_a_gap_band_stands_out_by_a_frame_and_hatching_not_colour_alone(page, server, screens, scheme):
    open_page(page, server, OBLIGATIONS[1])
    set_palette(page, scheme)
    style = page.evaluate("""() => {
      const gap = getComputedStyle(document.querySelector('a.sec-tl__band--gap'));
      const party = document.querySelector('a.sec-tl__band--party');
      return {frame: gap.borderTopColor, width: parseFloat(gap.borderTopWidth), image: gap.backgroundImage,
              weight: gap.fontWeight, text: gap.color, page: getComputedStyle(document.body).backgroundColor,
              fill: getComputedStyle(party).backgroundColor, edge: getComputedStyle(party).borderTopColor,
              partyText: getComputedStyle(party).color,
              icon: getComputedStyle(document.querySelector('a.sec-tl__band--gap'), '::before').content};
    }""")
    page_bg = colours(style["page"])[0]
    hatch = over(colours(style["image"])[0], page_bg)
    fill = over(colours(style["fill"])[0], page_bg)
    figures = {"frame/page": contrast(colours(style["frame"])[0], page_bg),
               "frame/hatching": contrast(colours(style["frame"])[0], hatch),
               "text/hatching": contrast(over(colours(style["text"])[0], hatch), hatch),
               "party text/fill": contrast(over(colours(style["partyText"])[0], fill), fill),
               "party edge/page": contrast(over(colours(style["edge"])[0], page_bg), page_bg)}
    print(f"\n{scheme}: timeline contrast", {k: round(v, 2) for k, v in figures.items()})
    assert figures["frame/page"] >= 3 and figures["frame/hatching"] >= 3 and style["width"] >= 2
    assert figures["text/hatching"] >= 4.5 and figures["party text/fill"] >= 4.5
    assert figures["party edge/page"] >= 3
    assert style["icon"].startswith('"✖"') and int(style["weight"]) >= 700  # drawn, not read out: '"✖" / ""'
    page.locator("figure.sec-tl").screenshot(path=str(screens / f"timeline-gap-{scheme}.png"))


@pytest.mark.parametrize("width", [375, LAPTOP])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_timeline_pages_are_axe_clean_with_a_bands_reasons_shown(page, server, scheme, width):
    page.set_viewport_size({"width": width, "height": 900})
    failures = {}
    for url in PAGES.values():
        open_page(page, server, url)
        set_palette(page, scheme)
        page.locator("figure.sec-tl a.sec-tl__band").nth(1).hover()
        page.locator("figure.sec-tl a.sec-tl__band").nth(1).focus()
        violations = run_axe(page)
        if violations:
            failures[url] = describe(violations)
    assert failures == {}


# -- the reasons of a band ------------------------------------------------------------------------

TIP = """band => {
  const figure = band.closest('figure'), tip = figure.querySelector('.sec-tl__tip');
  const box = figure.querySelector('.sec-tl__box').getBoundingClientRect();
  const r = tip.getBoundingClientRect(), next = figure.nextElementSibling.getBoundingClientRect();
  return {shown: tip.classList.contains('sec-tl__tip--shown'), text: tip.textContent,
          clear: r.top >= box.bottom - 0.5 && r.bottom <= next.top + 0.5};  // under the box, over nothing
}"""
REASONS = "reasons-arrange-to-be-notified-smets1-chf--5.20"


@pytest.mark.parametrize("javascript", [True, False])
def test_a_band_is_described_by_its_reasons_shows_them_and_leads_to_them(browser, server, screens, javascript):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(server.url + OBLIGATIONS[1])
    band = page.locator(GAP_BAND).first
    # Its name says the answer and versions; its description, the line under the picture: there the
    # reasons listed on the page are written when it has the focus or the pointer.
    # (its sign and ≠ are drawn by the stylesheet, for the eye: the words say the same)
    assert band.evaluate("b => b.textContent").endswith("nobody (gap), v5.20 to v6.17; changed; differs from twin duty")
    band.focus()
    tip = band.evaluate(TIP)
    assert tip["clear"], tip
    if javascript:
        expect(band).to_have_accessible_description(tip["text"])
        assert tip["shown"] and tip["text"] == ("SMETS1 CHF, GPF, v5.20 to v6.17: nobody (gap). "
                                                "G3.20(b) as at v5.20: excludes it for the User.")
        user = page.locator("figure.sec-tl a.sec-tl__band--modified").first
        user.hover()
        assert user.evaluate(TIP)["text"].endswith("G3.20(b) as at 4 Nov 2019 ad-hoc release: includes it for the User "
                                                   "(wording introduced by MP087).")
        band.focus()
    else:
        assert not tip["shown"] and tip["text"] == "Select a band to read its reasons."
        expect(band).to_have_accessible_description("")  # its link leads to the reasons
    page.locator("figure.sec-tl").screenshot(path=str(screens / f"timeline-tip-375-{'js' if javascript else 'nojs'}.png"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**#{REASONS}")
    reasons = page.locator(f'[id="{REASONS}"]')
    expect(reasons).to_be_in_viewport()  # (the theme's instant navigation scrolls there without :target)
    assert reasons.inner_text().startswith("v5.20 to v6.17:")
    if not javascript:  # (without scripts the theme's header runs past a narrow window: the picture does not)
        assert [p for p in page.evaluate(LAYOUT)["problems"] if not p.startswith("page scrolls sideways")] == []
        assert page.evaluate("""() => Array.from(document.querySelectorAll('figure.sec-tl *')).filter(el =>
            el.getClientRects().length && !el.closest('.sec-sr, .sec-tl__box') && el.getBoundingClientRect().right > innerWidth + 0.5)
            .length""") == 0
    context.close()


# -- print --------------------------------------------------------------------------------------

def test_the_timeline_prints_within_an_a4_column(page, server, screens):
    page.set_viewport_size({"width": COLUMN, "height": 1000})
    for name, url in PAGES.items():
        open_page(page, server, url)
        page.emulate_media(media="print")
        printed = page.evaluate(PRINTED)
        assert printed["scrollWidth"] <= COLUMN and printed["wide"] == [], (url, printed["wide"][:5])
        grid = page.evaluate("() => { const b = document.querySelector('figure.sec-tl .sec-tl__box'); "
                             "return [b.scrollWidth, b.clientWidth, getComputedStyle(document.querySelector('.sec-tl__tip')).display]; }")
        assert grid[0] <= grid[1] + 1 and grid[2] == "none", (url, grid)
        text = " ".join(print_page(page, screens, f"timeline-{name}"))
        assert "Timeline of" in text and ("nobody (gap)" in text) == (name != "notify")
        page.emulate_media(media="screen")


# -- the explorer -------------------------------------------------------------------------------

def test_the_explorers_timeline_follows_the_filters_and_its_bands_ask_the_table(page, server, screens):
    open_page(page, server, "responsibility/?version=6.21&generation=smets1&device=chf&obligation=all")
    timeline = page.locator("#sec-explorer-timeline")
    assert timeline.locator(".sec-tl__row").count() == 2  # Notify and Be notified, for SMETS1 CHF
    assert timeline.locator(".sec-tl__group a").all_inner_texts() == ["Notify (G3.17)", "Be notified (G3.20)"]
    assert timeline.locator(".sec-tl__band.sec-selected").count() == 2  # the bands holding v6.21
    length = page.evaluate("history.length")
    gap = timeline.locator("a.sec-tl__band--gap")
    assert gap.get_attribute("href") == "?version=5.20&generation=smets1&device=chf&obligation=arrange-to-be-notified"
    # (Chromium puts a space before the words for screen readers, placed apart: harmless when read.)
    expect(gap).to_have_accessible_name(re.compile(r"^nobody \(gap\) ?, v5\.20 to v6\.17; changed; differs from twin duty$"))
    gap.click()
    page.wait_for_url("**?version=5.20&generation=smets1&device=chf&obligation=arrange-to-be-notified")
    assert page.evaluate("history.length") == length + 1
    assert page.locator("#sec-explorer-live").inner_text().endswith(
        "Be notified (G3.20), SMETS1 Communications Hub Function, v5.20: nobody (gap).")
    assert timeline.locator(".sec-tl__row").count() == 1
    focused = page.locator(":focus")
    expect(focused).to_have_attribute("data-sec-version", "5.20")  # the band of the answer shown
    described = focused.evaluate("b => document.getElementById(b.getAttribute('aria-describedby')).textContent")
    assert "G3.20(b) excludes it for the User" in described
    page.locator("#sec-explorer").screenshot(path=str(screens / "timeline-explorer-asked.png"))
    page.go_back()
    expect(timeline.locator(".sec-tl__row")).to_have_count(2)


def test_the_explorers_timeline_draws_at_most_a_hundred_rows(page, many_server):
    open_page(page, many_server, EXPLORER)
    timeline = page.locator("#sec-explorer-timeline")
    rows = page.evaluate("fetch('explorer.json').then(r => r.json()).then(d => d.rows.length)")
    assert rows > 100 and timeline.locator(".sec-tl__row").count() == 100
    assert f"Showing the first 100 of {rows} rows" in timeline.inner_text()


# -- 120 versions ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def many_server(tmp_path_factory):
    """A site of a generated corpus of 120 versions and 3 obligations."""
    yield from generated_server(tmp_path_factory, "many", 12, 120, 2, 20, 8, 3)


@pytest.mark.parametrize("width", [375, LAPTOP])
def test_120_versions_stay_readable_in_a_laptops_width(page, many_server, screens, width):
    page.set_viewport_size({"width": width, "height": 900})
    for name, url in (("obligation", "responsibility/duty-1/"), ("explorer", EXPLORER)):
        open_page(page, many_server, url)
        result = page.evaluate(LAYOUT)
        (figure,) = result["figures"]
        print(f"\n{width} px, 120 versions, {name}:", figure)
        assert result["problems"] == [], result["problems"]
        if width == LAPTOP:
            assert figure["fits"] and figure["ticks"] >= 6  # the whole history in the column, a date every few versions
        else:
            assert not figure["fits"] and figure["sticky"]["label"] == 0  # it scrolls, its labels stay
        shoot(page, screens, f"timeline-120-{name}-{width}")
    page.set_viewport_size({"width": COLUMN, "height": 1000})
    open_page(page, many_server, "responsibility/duty-1/")
    page.emulate_media(media="print")
    assert page.evaluate(PRINTED)["wide"] == []
    if width == LAPTOP:
        print_page(page, screens, "timeline-120")
