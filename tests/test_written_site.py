"""The site built from the fixture data (tests/data/fixture): nested provisions, whole sections as at
a version, definitions with a history, "[Not used]" and table clauses, as the reader gets them."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT
from sitebuild import broken_links, build, follow, parse
from test_written import FIXTURE

pytestmark = pytest.mark.build
REFERENCE = "See [[H1.1(a)(ii)(A)(1)]] and [[G3.18(c)]]."


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("written")
    docs = tmp / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "index.md").write_text((docs / "index.md").read_text() + "\n" + REFERENCE + "\n")
    result = build(tmp, data=FIXTURE, docs=docs)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output, result.output
    return result


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


def test_a_whole_section_as_at_a_version(site):
    before, after = follow(site.site, "sec/G/v/6.17/"), follow(site.site, "sec/G/v/2019-11-04-ad-hoc/")
    words = "which forms part of a SMETS2+ Device"
    assert words not in provision(before, "G3.20-b") and words in provision(before, "G3.17-b")
    assert words in provision(after, "G3.20-b") and words in provision(after, "G3.17-b")
    assert "as at v5.20 to v6.17" in before and "v6.17: date unknown" in before
    assert "G3.20" in re.search(r"Texts marked <strong>Reconstructed</strong>[^<]*", before).group(0)
    redirect = (site.site / "sec/G/v/6.17/index.html").read_text()
    assert "Section G as at v6.17 (date unknown) reads as it did from v5.20 to v6.17" in redirect
    # Clauses in order under their headings; a clause page links to its section as at its version.
    assert [m for m in re.findall(r'<h3 id="(G3\.\d+)"', before)] == ["G3.17", "G3.18", "G3.19", "G3.20", "G3.21"]
    assert 'href="../v/2019-11-04-ad-hoc/"' in site.page("sec/G/G3.20/")
    assert "sec-print-running" in before


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
    older = follow(site.site, "sec/A/v/6.17/")
    assert "every Communications Hub" in older and 'href="../../../../glossary/#dcc-total-system--v-5.14"' in older


def test_not_used_and_table_clauses(site):
    assert "[Not used]" in article(site.page("sec/H/H1.2/"))
    table = article(site.page("sec/H/H1.3/"))
    assert '<table class="sec-table">' in table and "30 September &lt;b&gt;bold&lt;/b&gt;" in table


def test_device_less_and_scoped_duties_on_the_decision_table(site):
    page = article(site.page("responsibility/report-yearly/"))
    assert "No device (a duty of the party itself)" in page and "gap" not in re.sub(r"<[^>]+>", "", page).lower().split("legend")[0]
    widget = article(site.page("responsibility/keep-widget-records/"))
    assert widget.count('<tr id="row-') == 1


@pytest.mark.browser
def test_the_explorer_shows_a_duty_about_no_device(page, site):
    from browser import Server

    with Server(site.site) as running:
        page.goto(running.url + "responsibility/?version=5.14&generation=all&device=all&obligation=report-yearly")
        page.wait_for_selector("#sec-explorer[data-ready='true']")
        answer = page.locator("#sec-explorer-answer").inner_text()
        assert "No device (a duty of the party itself)" in answer and "User" in answer
        page.goto(running.url + "responsibility/?version=6.21&generation=all&device=all&obligation=report-yearly")
        page.wait_for_selector("#sec-explorer[data-ready='true']")
        assert "not applicable" in page.locator("#sec-explorer-answer").inner_text()


def test_a_proposal_on_its_page_and_on_the_clause_it_would_change(site):
    page = article(site.page("modifications/DP999/"))
    assert "Proposed: not in force" in page and 'id="effect"' in page
    assert re.search(r"<del><span class=\"sec-sr\">\[deleted: </span>which forms part of a SMETS2\+ Device", page)
    assert page.count("nobody (gap)") >= 2 and "It would open:" in page
    clause = article(site.page("sec/G/G3.20/"))
    assert 'id="proposed"' in clause and "DP999 (proposed): not in force" in clause
    assert "would open 4 gap(s), overlap(s) or twin difference(s)" in clause
    # Proposed wording is never the wording in force: the current text and the history are unchanged.
    assert provision(site.page("sec/G/G3.20/"), "b").count("which forms part of a SMETS2+ Device") == 1
