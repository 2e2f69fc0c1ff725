"""The timeline picture (pages/timeline.py) as written: on the pinned copy of the bundled data, in
process, then in the built site. Its look and use in a browser: test_browser_timeline.py."""

from __future__ import annotations

import itertools
import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest

from sec_obligations.engine import NO_DEVICE
from sec_obligations.loader import load
from sec_obligations.pages import Site, responsibility
from sec_obligations.pages.timeline import axis_date, group_label, tick_span

from conftest import DATA

ARRANGE = "arrange-to-be-notified"
SMETS1_CHF = "SMETS1 Communications Hub Function"


VOID = {"br", "img", "input", "meta", "link", "hr"}


class Node:
    def __init__(self, tag: str, attrs: dict, parent: Node | None = None):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else (" / " if c.tag == "br" else c.text()) for c in self.children)

    def find(self, cls: str = "", tag: str = "") -> list[Node]:
        """Every element below this one with the class ``cls`` (or the tag), in document order."""
        found = []
        for child in self.children:
            if isinstance(child, Node):
                found += ([child] if cls in child.classes or child.tag == tag else []) + child.find(cls, tag)
        return found


def span(band: Node) -> int | None:
    """How many versions a band of an obligation page spans (its item's flex-grow)."""
    item = band.parent
    found = re.fullmatch(r"flex-grow:(\d+)", item.attrs.get("style", "")) if item else None
    return int(found.group(1)) if found else None


class Tree(HTMLParser):
    """Some HTML as a tree of :class:`Node` (enough for the timeline's markup)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.root = self.open = Node("root", {})
        self.parents: list[Node] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.open)
        self.open.children.append(node)
        if tag not in VOID:
            self.parents.append(self.open)
            self.open = node

    def handle_endtag(self, tag):
        if tag not in VOID:
            self.open = self.parents.pop()

    def handle_data(self, data):
        self.open.children.append(data)


class Figure:
    """The timeline in a page: its caption, rows (label, bands: link, classes, words, the id of
    what describes it), axis, modification track and the line under it."""

    def __init__(self, page: str):
        part = page[page.index('<figure class="sec-tl"'):page.index("</figure>") + len("</figure>")]
        figure = Tree(part).root
        self.caption = figure.find(tag="figcaption")[0].text()
        self.rows = [{"label": row.find("sec-tl__label")[0].text(),
                      "ids": [n.attrs["id"] for n in row.find(tag="span") if n.attrs.get("id", "").startswith("row-")],
                      "bands": [{"href": b.attrs["href"], "classes": b.classes, "words": b.text(),
                                 "described": b.attrs.get("aria-describedby"), "span": span(b)}
                                for b in row.find("sec-tl__band")]}
                     for row in figure.find("sec-tl__row")]
        self.tip = figure.find("sec-tl__tip")[0].text()
        self.ticks = [t.text() for t in figure.find("sec-tl__tick-text")]
        mods = figure.find("sec-tl__axis--mods")
        self.mods = [li.text() for li in mods[0].find("sec-tl__ticks")[0].children if isinstance(li, Node)] if mods else []


def figure_of(page: str) -> Figure:
    return Figure(page)


@pytest.fixture(scope="module")
def site():
    return Site(load(DATA))


@pytest.fixture(scope="module")
def arrange(site):
    return responsibility.render(site, site.corpus.obligations[ARRANGE])


def test_a_band_per_run_with_its_answer_and_versions_in_words(site, arrange):
    figure = figure_of(arrange)
    matrix = site.matrix
    rows = {row.id.replace("/", "-"): row for row in matrix.rows_of[ARRANGE]}
    # a line for the devices that read the same, each device at its row's anchor
    assert sorted(i for line in figure.rows for i in line["ids"]) == sorted(f"row-{anchor}" for anchor in rows)
    for line in figure.rows:
        alike = [rows[i.removeprefix("row-")] for i in line["ids"]]
        assert len(line["bands"]) == len(matrix.runs(alike[0]))  # runs, not versions
        assert all([(r.verdict.key, r.first, r.last) for r in matrix.runs(row)] ==
                   [(r.verdict.key, r.first, r.last) for r in matrix.runs(alike[0])] for row in alike)
    smets1 = figure.rows[0]
    assert smets1["label"] == "SMETS1 CHF, GPF" and smets1["ids"] == [f"row-{ARRANGE}-smets1-chf", f"row-{ARRANGE}-smets1-gpf"]
    alone = matrix.rows_of[ARRANGE][0]  # a device alone on its line is named in full
    assert group_label([alone]) == f'<span id="row-{ARRANGE}-smets1-chf">{SMETS1_CHF}</span>'
    # The sign is for the eye (timeline.css); the words say the answer, the versions and what stands out.
    assert [b["words"] for b in smets1["bands"]] == [
        "not applicable, v5.14",
        "nobody (gap), v5.20 to v6.17; changed; differs from twin duty",
        "User, 4 Nov 2019 ad-hoc release to v6.21; changed; wording introduced by MP087"]
    assert [c for c in smets1["bands"][1]["classes"] if c.startswith("sec-tl__band--")] == [
        "sec-tl__band--gap", "sec-tl__band--mismatch"]
    assert "sec-tl__band--modified" in smets1["bands"][2]["classes"]


def test_each_band_leads_to_its_reasons(site, arrange):
    """The reasons under "Reasons" on the page, not repeated in the picture: the line under it, which
    timeline.js makes every band's description, says to select one (it writes there the reasons of
    the band focused or pointed at: test_browser_timeline.py)."""
    figure = figure_of(arrange)
    terms = Tree(arrange).root.find(tag="dt")
    bands = [b for r in figure.rows for b in r["bands"]]
    assert [b["href"].lstrip("#") for b in bands] == [dt.attrs["id"] for dt in terms]  # every line's reasons, in order
    assert {b["described"] for b in bands} == {None} and figure.tip == "Select a band to read its reasons."
    gap = figure.rows[0]["bands"][1]
    assert gap["href"] == "#reasons-arrange-to-be-notified-smets1-chf--5.20"
    (dt,) = [dt for dt in terms if dt.attrs["id"] == gap["href"][1:]]
    assert dt.text() == "v5.20 to v6.17: nobody (gap)"


def test_the_axis_dates_versions_and_says_which_dates_are_not_known(site, arrange):
    figure = figure_of(arrange)
    assert figure.ticks == ["v5.14 / Feb 2018", "v5.20 / 2018 ?", "v5.23 / Oct 2018", "v6.17 / 2018–19 ?",
                            "4 Nov 2019 / Nov 2019", "v6.21 / Nov 2019"]
    assert len(re.findall(r'class="sec-tl__tick sec-tl__tick--uncertain"', arrange)) == 2  # dashed: 5.20, 6.17
    assert [m.strip() for m in figure.mods] == ["◆ MP087"]
    assert "the 6 SEC versions held, v5.14 to v6.21" in figure.caption
    assert "✖ gaps: 2 of 13 rows (hatched and framed)." in figure.caption


def test_axis_dates_never_invent_a_date(corpus):
    v514, v520, _, v617 = corpus.versions[:4]
    assert axis_date(v514, "2018-02-22", "2018-02-22") == ("Feb 2018", True)
    assert axis_date(v520, "2018-02-22", "2018-10-04") == ("2018 ?", False)
    assert axis_date(v617, "2018-10-04", "2019-11-04") == ("2018–19 ?", False)
    assert axis_date(v617, None, "2019-11-04") == ("?", False)


def test_labels_shown_at_any_density_are_evenly_spaced():
    """A label shows where its span is wide enough: at each density the labels shown are every
    version, every second, fourth ... (plus the first), so none overlaps the next."""
    count = 120
    spans = [tick_span(i, count) for i in range(count)]
    assert spans[:9] == [120, 1, 2, 1, 4, 1, 2, 1, 8] and spans[-1] == 1 and spans[96] == 24
    for needed in (1, 2, 3, 5, 16, 17, 40):
        shown = [i for i, span in enumerate(spans) if span >= needed]
        gaps = {b - a for a, b in itertools.pairwise(shown)}
        assert len(gaps) == 1 and gaps.pop() >= needed, needed


def test_explorer_data_has_what_the_timeline_needs(site):
    data = json.loads(json.dumps(responsibility.explorer_data(site)))["timeline"]
    assert data["parties"] == ["User", "Supplier", "DCC", "SSC", "Manufacturer"]
    assert data["when"][:2] == [["Feb 2018", True], ["2018 ?", False]]
    rows = site.matrix.rows
    changed = {(rows[r].id, k): mods for r, k, *mods in data["introduced"]}
    assert changed[(f"{ARRANGE}/smets1/chf", 2)] == ["MP087"]
    assert all(mods == ["MP087"] for mods in changed.values())


def test_data_text_in_the_timeline_is_escaped(data_copy):
    evil = "<img src=x onerror=alert(1)>"
    data_copy.replace("devices.yaml", "name: Communications Hub Function", f'name: "Hub {evil}"')
    data_copy.replace("devices.yaml", "short: CHF", f'short: "CHF{evil}"')
    data_copy.replace("parties.yaml", "short: User", f'short: "U{evil}"')
    site = Site(load(data_copy.path))
    page = responsibility.render(site, site.corpus.obligations[ARRANGE])
    part = page[page.index('<figure class="sec-tl"'):page.index("</figure>")]
    assert "<img" not in part and part.count("&lt;img src=x onerror=alert(1)&gt;") > 5
    figure = figure_of(page)
    assert figure.rows[0]["label"] == f"SMETS1 CHF{evil}, GPF"
    assert page.count("SMETS1 Hub &lt;img src=x onerror=alert(1)&gt;, SMETS1 Gas Proxy Function") == 1  # its reasons' heading
    assert unescape(part).count(f"U{evil}") > 5


@pytest.mark.build
def test_the_built_obligation_pages_hold_the_timeline(real_site):
    for obligation in ("notify-vulnerability", ARRANGE):
        page = real_site.page(f"responsibility/{obligation}/")
        article = page[page.index("<article"):page.index("</article>")]
        figure = figure_of(article)
        assert sum(len(line["ids"]) for line in figure.rows) == 13 and figure.caption.startswith("Timeline of ")
        # after the legend, before the reasons; no table besides
        assert article.index("Legend:") < article.index('<figure class="sec-tl"') < article.index('id="reasons"')
        assert "<table" not in article
    # its styles and script, in the site's one stylesheet and one script (assets.py)
    assert "assets/sec-obligations/sec-obligations.css" in page and "assets/sec-obligations/sec-obligations.js" in page
    assert "/* ---- timeline.js ---- */" in (real_site.site / "assets/sec-obligations/sec-obligations.js").read_text()
    explorer = json.loads((real_site.site / "responsibility" / "explorer.json").read_text())
    assert explorer["timeline"]["introduced"]


@pytest.mark.build
def test_a_duty_about_no_device_is_one_row_that_ends_when_its_clause_does(fixture_site):
    figure = figure_of(fixture_site.page("responsibility/report-yearly/"))
    (row,) = figure.rows
    assert row["label"] == NO_DEVICE
    assert [b["words"] for b in row["bands"]] == ["User, v5.14 to v5.23", "not applicable, v6.17 to v6.21; changed"]
