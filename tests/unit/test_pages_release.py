"""Release pages and the index of versions (pages/release.py), rendered in-process: what changed in
each version, said plainly where a number or date is not known."""

from __future__ import annotations

import re

import pytest

from markup import element, links, part, words
from sec_obligations.pages import Site
from sec_obligations.pages.common import writing
from sec_obligations.pages.release import render, render_index


def page(site: Site, version_id: str) -> str:
    return render(site, site.corpus.version[version_id])


def test_a_version_of_unknown_number_and_its_neighbours(site_pinned):
    with writing() as written:
        html = page(site_pinned, "2019-11-04-ad-hoc")
    assert (written.title, written.kind) == (
        "4 Nov 2019 ad-hoc release (version number unknown) · Ad-hoc SEC Release, 4 November 2019", "release")
    facts = words(html[:html.index('<p class="sec-source"')])
    assert ("Date: 2019-11-04 Release: Ad-hoc SEC Release, 4 November 2019 Version number: unknown. The version "
            "number of this ad-hoc release was not found: it is one of 6.18, 6.19 or 6.20.") in facts
    assert links(html[:html.index('<p class="sec-source"')]) == [("../6.17/", "v6.17"), ("../6.21/", "v6.21")]


@pytest.mark.parametrize("version_id, title, date", [
    ("5.20", "SEC 5.20", "Date: between 2018-02-22 and 2018-10-04 (exact date unknown)"),
    ("6.17", "SEC 6.17", "Date: date unknown"),
    ("6.21", "SEC 6.21 · November 2019 SEC Release", "Date: 2019-11-29"),
])
def test_a_numbered_version_is_titled_by_its_number_and_says_what_is_known_of_its_date(site_pinned, version_id, title, date):
    html = page(site_pinned, version_id)
    assert words(html[html.index("<h1"):html.index("</h1>")]) == title
    assert date in words(html)


def test_the_modifications_and_clauses_a_version_changed_with_their_redlines(site_pinned):
    html = page(site_pinned, "2019-11-04-ad-hoc")
    assert links(part(html, "modifications")) == [("../../modifications/MP087/",
                                                       "MP087: Correction to SEC Section G – User Responsibilities")]
    change = part(html, "clause-G3.20")
    assert words(change).startswith("G3.20 G3.20 amended, by MP087.")
    assert links(change) == [("../../sec/G/G3.20/#v-2019-11-04-ad-hoc", "G3.20"), ("../../modifications/MP087/", "MP087")]
    assert change.count("<ins>") == 1 and "<del>" not in change
    assert "No definition held here changed in this version." in words(part(html, "definitions"))


def test_who_gained_or_lost_a_duty_in_a_version(site_pinned):
    changes = part(page(site_pinned, "2019-11-04-ad-hoc"), "responsibility")
    rows = [words(row) for row in re.findall(r"<tr>(.*?)</tr>", changes)]
    assert rows == ["Obligation Device Before (v6.17) From 4 Nov 2019 ad-hoc release",
                    "Be notified (G3.20) SMETS1 Communications Hub Function nobody (gap) User",
                    "Be notified (G3.20) SMETS1 Gas Proxy Function nobody (gap) User"]
    assert "No answer in the decision table changed in this version." in words(part(page(site_pinned, "6.21"), "responsibility"))


def test_the_first_version_has_nothing_to_compare_with(site_pinned):
    html = page(site_pinned, "5.14")
    assert "This is the first version held here: there is nothing to compare it with." in words(part(html, "responsibility"))
    assert "Previous version" not in words(html)
    # the clauses that came in: a line for those of one source, each at its anchor; no redline
    new = part(html, "new-clauses")
    assert "G3.18, G3.21: new clauses. Verbatim. Source: MP087 Annex A" in words(new)
    assert element(new, "clause-G3.21") == '<a id="clause-G3.21" href="../../sec/G/G3.21/#v-5.14">G3.21</a>'
    assert sorted(re.findall(r'id="clause-([^"]+)"', new)) == sorted(c.id for c in site_pinned.corpus.clauses.values()
                                                                     if c.texts[0].first.id == "5.14")
    assert "sec-redline" not in new
    assert "No modification held here was implemented in this version." in words(part(html, "modifications"))


def test_a_definition_that_changed_in_a_version_is_listed_with_its_redline(site_written, fixture_corpus):
    changed = part(render(site_written, fixture_corpus.version["2019-11-04-ad-hoc"]), "definitions")
    assert words(changed).startswith("Definitions changed DCC Total System amended, by MP087.")
    assert links(changed)[0] == ("../../glossary/#dcc-total-system--v-2019-11-04-ad-hoc", "DCC Total System")
    assert "[inserted: Hubs except SMETS1 ones]" in words(changed)


def test_the_index_lists_every_version_newest_first(site_pinned):
    html = render_index(site_pinned)
    rows = [words(row) for row in re.findall(r"<tr>(.*?)</tr>", html)]
    assert rows[1:] == [
        "v6.21 · November 2019 SEC Release 2019-11-29 – 0",
        "4 Nov 2019 ad-hoc release (version number unknown) · Ad-hoc SEC Release, 4 November 2019 2019-11-04 MP087 1",
        "v6.17 date unknown – 0",
        "v5.23 2018-10-04 – 0",
        "v5.20 between 2018-02-22 and 2018-10-04 (exact date unknown) – 1",
        "v5.14 2018-02-22 – 5",
    ]
