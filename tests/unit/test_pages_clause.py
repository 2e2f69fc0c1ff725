"""The clause page (pages/clause.py, wording.py, tombstone.py), rendered in-process: the current
wording linked, provisions at any depth at permanent anchors, every earlier wording with its
redline, "[Not used]", tables, the definitions table, proposals, tombstones and the lists of links."""

from __future__ import annotations

import re

from corpora import delete_g321, edited, renumber_g318
from markup import element, ids, links, part, tags, words
from sec_obligations.markdown_ext import tooltips
from sec_obligations.pages import Site
from sec_obligations.pages.clause import render
from sec_obligations.pages.common import writing


def page(site: Site, clause_id: str) -> str:
    return render(site, site.corpus.clauses[clause_id])


def current(html: str) -> str:
    """The current wording: the first wording on the page."""
    return html[html.index('<div class="sec-text"'):html.index('<p class="sec-source"')]


def test_the_page_says_its_title_kind_and_section(site_pinned):
    with writing() as written:
        html = page(site_pinned, "G3.20")
    assert (written.title, written.kind, written.section) == ("G3.20", "clause", "G")
    assert html.startswith('<h1 id="g320"')
    meta = html[html.index('<p class="sec-meta">'):html.index('<div class="sec-text"')]
    assert words(meta) == ("Wording in force from 4 Nov 2019 ad-hoc release (2019-11-04) to date (current). Changed by "
                           "MP087. Read it in Section G as at v6.21.")
    assert links(meta) == [("../../../modifications/MP087/", "MP087"), ("../v/#v-6.21", "Section G as at v6.21")]


def test_references_in_the_current_wording_link_to_the_clause_and_provision(site_pinned):
    assert ("../G3.18/#a", "G3.18(a)") in links(current(page(site_pinned, "G3.19")))
    assert links(current(page(site_pinned, "G3.21")))[0] == ("../G3.20/", "G3.20")
    # Earlier wordings are plain text (a page may hold dozens).
    assert "sec-ref" not in part(page(site_pinned, "G3.17"), "history")


def test_terms_link_to_the_glossary_once_with_their_definition_as_tooltip(site_pinned, corpus):
    wording = current(page(site_pinned, "G3.17"))
    found = tooltips(corpus)  # site.js sets a link's title from them, by the anchor it points at
    terms = [(a["href"], found[a["href"].partition("#")[2]]) for tag, a in tags(wording)
             if tag == "a" and "sec-ref--term" in a["class"]]
    hrefs = [href for href, _ in terms]
    assert "../../../glossary/#gas-proxy-function" in hrefs and "../../../glossary/#user-systems" in hrefs
    assert "../../../glossary/#communications-hub-function" in hrefs  # the longest spelling, not "Communications Hub"
    assert len(hrefs) == len(set(hrefs)) and hrefs.count("../../../glossary/#user") == 1
    assert dict(terms)["../../../glossary/#user-systems"] == " ".join(corpus.terms["user-systems"].definition.split())


def test_every_wording_and_provision_has_its_permanent_anchor(site_pinned, corpus):
    html = page(site_pinned, "G3.20")
    assert {"a", "b", "obligations", "history", "v-5.14", "v-5.14-a", "v-5.14-b", "v-2019-11-04-ad-hoc",
            "v-2019-11-04-ad-hoc-b", "terms", "referenced-by", "modifications"} <= ids(html)
    # "#v-6.17" lands on the wording in force in v6.17: a marker in each wording's history entry.
    assert {"v-5.20", "v-5.23", "v-6.17"} <= ids(part(html, "v-5.14")) and "v-6.21" in ids(part(html, "v-2019-11-04-ad-hoc"))
    anchors = sorted(re.findall(r'\sid="(v-[^"]+)"', html))
    assert len(anchors) == len(set(anchors))
    assert len([v for v in corpus.versions if f'id="v-{v.id}"' in html]) == len(corpus.versions)


def test_the_history_entry_of_the_current_wording_does_not_repeat_it_but_its_anchors_land_on_it(site_pinned):
    html = page(site_pinned, "G3.20")
    top, entry, older = current(html), part(html, "v-2019-11-04-ad-hoc"), part(html, "v-5.14")
    assert '<div class="sec-text"' not in entry and "This is the wording shown at the top of the page." in words(entry)
    assert 'class="sec-para' not in entry and "sec-redline" in entry  # the redline from the wording before stays
    assert "Communications Hub Function" in words(older) and '<div class="sec-text"' in older  # earlier ones: in full
    # the permanent anchors of the entry's sub-paragraphs are in the current wording's, at the top
    assert element(top, "b").startswith('<p class="sec-para sec-depth-1" id="b"')
    assert '<span class="sec-anchor" id="v-2019-11-04-ad-hoc-b"></span>(b)' in element(top, "b")
    assert html.count('id="v-2019-11-04-ad-hoc-b"') == 1


def test_each_later_wording_shows_the_redline_from_the_one_before(site_pinned):
    html = page(site_pinned, "G3.20")
    assert "sec-redline" not in part(html, "v-5.14")
    later = part(html, "v-2019-11-04-ad-hoc")
    assert later.count('<details class="sec-redline" open') == 1
    assert later.count("<ins>") == 1 and "<del>" not in later
    assert words(later[later.index("<ins>"):later.index("</ins>")]) == "[inserted: which forms part of a SMETS2+ Device]"
    assert "Changes from the wording in force until v6.17" in words(later)
    assert "Introduced by MP087." in words(later) and ("../../../modifications/MP087/", "MP087") in links(later)


def test_provenance_is_named_and_reconstructed_text_flagged(site_pinned):
    html = page(site_pinned, "G3.20")
    assert '<strong>Reconstructed</strong>' in part(html, "v-5.14")
    after_current = html.split(current(html))[1]
    assert after_current.startswith('<p class="sec-source" data-pagefind-weight="0.3"><span class="sec-prov '
                                    'sec-prov--verbatim">Verbatim</span>. Source: MP087 Annex A')


def test_lists_of_terms_backlinks_and_modifications(site_pinned):
    g320 = page(site_pinned, "G3.20")
    assert links(part(g320, "referenced-by")) == [("../G3.21/", "G3.21")]
    assert links(part(g320, "modifications")) == [("../../../modifications/MP087/",
                                                       "MP087: Correction to SEC Section G – User Responsibilities")]
    assert "Communications Hub Function (CHF)" in words(part(g320, "terms"))
    assert [w for _, w in links(part(page(site_pinned, "G3.18"), "referenced-by"))] == ["G3.17", "G3.19"]
    g321 = page(site_pinned, "G3.21")
    assert "No other clause held here refers to this one." in words(part(g321, "referenced-by"))
    assert "No modification held here changed this clause." in words(part(g321, "modifications"))


def test_the_obligations_a_clause_creates_with_who_bore_them(site_pinned):
    duties = part(page(site_pinned, "G3.20"), "obligations")
    assert "Who bears “Be notified (G3.20)”, by device" in words(duties)
    # the devices that read the same throughout in one row (each answer's sign is drawn by site.css)
    row = re.search(r"<tr><th scope=\"row\">SMETS1 Communications Hub Function, SMETS1 Gas Proxy Function</th>(.*?)</tr>",
                    duties).group(1)
    assert words(row) == "User v5.14: not applicable; v5.20 – v6.17: nobody (gap); 4 Nov 2019 ad-hoc release – v6.21: User"
    assert len(re.findall(r"<tr><th", duties)) == 5  # of 13 devices
    assert ("../../../responsibility/arrange-to-be-notified/", "Who bore it in every version, and why") in links(duties)


def test_provisions_nest_to_any_depth_each_at_its_anchor(site_written):
    html = page(site_written, "H1.1")
    wording = current(html)
    assert {"a", "a-i", "a-ii", "a-ii-A", "a-ii-A-1", "a-ii-A-2", "a-ii-B", "b"} <= ids(wording)
    deepest = element(wording, "a-ii-A-1")
    assert 'class="sec-para sec-depth-4"' in deepest and 'data-sec-para="(a)(ii)(A)(1)"' in deepest
    assert words(deepest) == "(1) once a year; or"
    # A provision's own tail follows its sub-provisions, at its depth.
    assert re.search(r'id="a-ii-B"[^>]*><span class="sec-anchor" id="v-2019-11-04-ad-hoc-a-ii-B"></span>[^<]*</p>'
                     r'<p class="sec-ptail sec-depth-2">in each case as at the end of the month;</p>', wording)
    # References in data text reach nested provisions: on this page by anchor, elsewhere by address.
    assert links(element(wording, "b")) == [("../../G/G3.18/#b", "G3.18(b)"), ("#a-ii-A-2", "H1.1(a)(ii)(A)(2)")]
    assert {"v-5.20-a-ii-A-1", "v-2019-11-04-ad-hoc-a-ii-A-1"} <= ids(html)


def test_a_not_used_clause_says_so_and_keeps_its_history(site_written):
    html = page(site_written, "H1.2")
    assert '<p class="sec-lead sec-not-used">[Not used]</p>' in current(html)
    earlier = part(html, "v-5.14")
    assert "Each User shall report to the Security Sub-Committee once a year." in words(earlier)
    later = part(html, "v-6.17")
    assert "[inserted: [Not used]]" in words(later) and "[deleted: Each User shall report" in words(later)


def test_a_table_in_a_clause_comes_between_its_lead_and_tail(site_written):
    wording = current(page(site_written, "H1.3"))
    assert words(wording) == ("The report periods are: Period Ends First 31 March Second 30 September <b>bold</b> "
                              "Each report covers one period.")
    assert '<th scope="col">Period</th><th scope="col">Ends</th>' in wording
    assert "<td>30 September &lt;b&gt;bold&lt;/b&gt;</td>" in wording
    assert '<div class="sec-scroll" tabindex="0" role="region" aria-label="Table of the clause">' in wording


def test_the_definitions_table_holds_each_definition_in_force(site_written, fixture_corpus):
    wording = current(page(site_written, "A1.1"))
    assert "<caption>Defined terms, as at v6.21</caption>" in wording
    assert links(wording) == [("../../../glossary/#dcc-total-system--v-2019-11-04-ad-hoc", "DCC Total System"),
                              ("../../../glossary/#user-systems--v-5.14", "User Systems")]
    old, new = fixture_corpus.terms["dcc-total-system"].definitions
    assert new.text in words(wording) and old.text not in words(wording)


def test_a_proposal_not_in_force_is_shown_as_such(site_written, site_pinned):
    proposed = part(page(site_written, "G3.20"), "proposed")
    assert "DP999 (proposed): not in force" in words(proposed)
    assert ("2 answer(s) of the decision table would change, and would open 4 gap(s), overlap(s) or twin "
            "difference(s)") in words(proposed)
    assert ("../../../modifications/DP999/#effect", "its effect on responsibility") in links(proposed)
    assert proposed.count("<del>") == 1 and "<ins>" not in proposed
    assert 'id="proposed"' not in page(site_pinned, "G3.20")


def test_a_renumbered_clause_names_its_successor_which_names_it(tmp_path_factory):
    site = Site(edited(tmp_path_factory.mktemp("renumbered"), renumber_g318))
    old = page(site, "G3.18")
    notice = old[old.index('<div class="admonition warning sec-tombstone"'):old.index('<p class="sec-meta">')]
    assert 'data-sec-successor="../G3.22/"' in notice
    assert words(notice).startswith("Renumbered as G3.22 G3.18 was renumbered as G3.22 in v7.0. Links to this address "
                                    "lead to G3.22, keeping the sub-paragraph they name. The last text in force, "
                                    "from v5.14 to v6.21, and its history are kept below.")
    assert links(notice)[:3] == [("../G3.22/", "G3.22"), ("../../../versions/example-7.0/", "v7.0"), ("../G3.22/", "G3.22")]
    assert ("#v-5.14", "The last text in force") in links(notice)
    assert {"a", "b", "c", "v-5.14-b", "v-6.21"} <= ids(old)  # old links still land
    new = page(site, "G3.22")
    assert re.search(r'<p class="sec-meta">Formerly <a href="../G3.18/">G3.18</a>, renumbered as G3.22 in '
                     r'<a href="../../../versions/example-7.0/">v7.0</a>', new)


def test_a_deleted_clause_keeps_its_last_text_and_sends_nobody_on(tmp_path_factory):
    html = page(Site(edited(tmp_path_factory.mktemp("deleted"), delete_g321)), "G3.21")
    notice = html[html.index('<div class="admonition warning sec-tombstone"'):html.index('<p class="sec-meta">')]
    assert words(notice).startswith("Deleted G3.21 was deleted in v7.0. The last text in force, from v5.14 to v6.21")
    assert "data-sec-successor" not in html and "No longer in force" not in html
