"""Section pages, the index of sections, and the whole section as at any version (pages/section.py),
rendered in-process."""

from __future__ import annotations

import re

from corpora import delete_g321, edited
from markup import element, links, part, words
from sec_obligations.pages import Site
from sec_obligations.pages.section import as_at_css, as_at_redirect, render, render_as_at, render_index

REMOVED_IN_G320 = "which forms part of a SMETS2+ Device"


def wordings_in(page: str, version: str) -> dict[str, str]:
    """Clause id -> the words of the wording an as-at page shows in ``version``."""
    found = {}
    for versions, body in re.findall(r'<div class="sec-w[^"]*" data-in="([^"]*)">(.*?)</div></div>', page, re.S):
        if version in versions.split():
            # the definitions table's rows, each shown in the versions it names
            body = re.sub(r'<tr[^>]* data-in="([^"]*)">.*?</tr>',
                          lambda row: row.group(0) if version in row.group(1).split() else "", body)
            found[re.search(r'<h3 id="([^"]+?)--v-', body).group(1)] = words(body)
    return found


def test_the_index_lists_each_section_with_its_clauses(site_written):
    html = render_index(site_written)
    assert links(html) == [("A/", "Section A: Definitions and Interpretation"), ("G/", "Section G: Security"),
                               ("H/", "Section H: Test Provisions")]
    assert "Section G: Security (5 clauses)" in words(html)


def test_a_section_lists_its_clauses_under_their_headings(site_pinned):
    html = render(site_pinned, site_pinned.corpus.sections["G"])
    topic = part(html, "manufacturers-duty-to-notify-and-be-notified")
    assert [w for _, w in links(topic)] == ["G3.17", "User", "G3.18", "G3.19", "G3.18(a)", "G3.20", "G3.21", "G3.20"]
    # Each clause with the first words of its lead, cut at a word; terms linked once on the page.
    assert ("G3.19: A User shall not be required to notify a manufacturer or developer in accordance with Section "
            "G3.18(a) where it has reason to be satisfied that the …") in words(topic)
    as_at = part(html, "as-at")
    assert [href for href, _ in links(as_at)] == ["v/#v-6.21", "v/#v-2019-11-04-ad-hoc", "v/#v-6.17", "v/#v-5.23",
                                                      "v/#v-5.20", "v/#v-5.14"]  # newest first


def test_a_clause_not_in_force_or_not_used_says_so_in_its_section(site_written, tmp_path_factory):
    assert "H1.2: [Not used]" in words(render(site_written, site_written.corpus.sections["H"]))
    deleted = Site(edited(tmp_path_factory.mktemp("deleted"), delete_g321))
    assert "G3.21 (not in force since v6.21): Any arrangements" in words(render(deleted, deleted.corpus.sections["G"]))


def test_the_section_as_at_a_version_shows_each_clause_in_force_in_order(site_written):
    page = render_as_at(site_written, site_written.corpus.sections["G"])
    before, after = wordings_in(page, "6.17"), wordings_in(page, "2019-11-04-ad-hoc")
    assert list(before) == list(after) == ["G3.17", "G3.18", "G3.19", "G3.20", "G3.21"]  # in order, one wording each
    assert REMOVED_IN_G320 not in before["G3.20"] and REMOVED_IN_G320 in before["G3.17"]
    assert REMOVED_IN_G320 in after["G3.20"] and REMOVED_IN_G320 in after["G3.17"]
    assert wordings_in(page, "5.14")["G3.17"].startswith("G3.17 Reconstructed G3.17: its page, with every wording")


def test_each_wording_as_at_a_version_has_its_anchors_and_links(site_written):
    page = render_as_at(site_written, site_written.corpus.sections["G"])
    wording = element(page, "G3.20--v-5.14")  # the heading of the wording in force from 5.14
    assert words(wording) == "G3.20 Reconstructed"
    assert 'id="G3.20--v-5.14-b"' in page and 'id="G3.20--v-2019-11-04-ad-hoc-b"' in page
    assert ("../G3.20/#v-5.14", "G3.20: its page, with every wording") in links(page)
    # Terms are linked at their first use in each wording, not once on the whole page.
    assert len([href for href, _ in links(page) if href == "../../../glossary/#user"]) == 7  # each of 7 wordings


def test_each_version_has_a_note_naming_its_reconstructed_texts_and_a_running_line(site_written):
    page = render_as_at(site_written, site_written.corpus.sections["G"])
    note = re.search(r'<div class="sec-asat-note" data-in="6.17">(.*?)</div></div>', page, re.S).group(1)
    assert words(note) == ("SEC Section G as at v6.17 · reconstructed text marked Section G as at v6.17 The section as "
                           "held here in v6.17 (date unknown). The section page lists each clause with its whole "
                           "history. Texts marked Reconstructed are deduced, not quoted from the code: G3.20.")
    assert '<div class="sec-asat-note sec-now" data-in="6.21">' in page
    latest = re.search(r'data-in="6.21">(.*?)</div></div>', page, re.S).group(1)
    assert "Every text below is given as the source prints it." in words(latest)
    # A description is not called reconstructed (A1.1's text describes the definitions table).
    a11 = re.search(r'data-in="6.21">(.*?)</div></div>', render_as_at(site_written, site_written.corpus.sections["A"]),
                    re.S).group(1)
    assert words(a11).startswith("SEC Section A as at v6.21 · descriptions marked ")
    assert words(a11).endswith("Texts marked Description, not the legal definition are written here to describe the clause, "
                               "not quoted from the code: A1.1.")


def test_the_definitions_table_as_at_a_version_holds_the_definitions_then_in_force(site_written):
    page = render_as_at(site_written, site_written.corpus.sections["A"])
    old = wordings_in(page, "6.17")["A1.1"]
    new = wordings_in(page, "6.21")["A1.1"]
    assert "every Communications Hub" in old and "except SMETS1" not in old
    assert "except SMETS1" in new and "every Communications Hub" not in new
    assert ("../../../glossary/#dcc-total-system--v-5.14", "DCC Total System") in links(page)
    # One table per wording of A1.1, each definition in it once, marked with the versions it was in force.
    a11 = site_written.corpus.clauses["A1.1"]
    assert page.count("<caption>Defined terms</caption>") == len(a11.texts)
    assert page.count('href="../../../glossary/#dcc-total-system--v-5.14"') == 1
    row = re.search(r'<tr( class="sec-now")? data-in="([^"]*)"><td><a href="../../../glossary/#dcc-total-system--v-5.14"', page)
    assert row.group(1) is None and row.group(2) == "5.14 5.20 5.23 6.17"


def test_the_css_shows_the_version_the_address_names(site_written):
    css = as_at_css(site_written)
    assert css.startswith(".sec-asat [data-in]:not(.sec-now){display:none}\n")  # wordings, notes, definitions
    # shown as what they are: a block, a table's row
    assert ('[id="v-6.17"]:target~.sec-asat [data-in~="6.17"],.sec-asat[data-at="6.17"] [data-in~="6.17"]{display:revert}'
            in css.splitlines())
    assert ('[id="v-6.17"]:target~.sec-asat .sec-now:not([data-in~="6.17"]),.sec-asat[data-at="6.17"] '
            '.sec-now:not([data-in~="6.17"]){display:none}' in css.splitlines())
    assert len(css.splitlines()) == 1 + 2 * len(site_written.corpus.versions)


def test_the_address_of_a_version_leads_to_its_anchor(site_pinned):
    html = as_at_redirect(site_pinned.corpus.sections["G"], site_pinned.corpus.version["6.17"])
    assert '<meta http-equiv="refresh" content="0; url=../#v-6.17">' in html and '<link rel="canonical" href="../">' in html
    assert '<title>Section G as at v6.17 (date unknown)</title>' in html
    assert links(html) == [("../#v-6.17", "Section G as at v6.17 (date unknown)")]
    assert '<meta name="robots" content="noindex">' in html
