"""The decision table's pages (pages/responsibility.py), rendered in-process: one page per obligation
(its timeline and every reason), the explorer page, the findings, and the explorer's compact data."""

from __future__ import annotations

import re

from markup import links, part, words
from sec_obligations.pages.responsibility import explorer_data, render, render_findings, render_index


def lines(html: str) -> list[str]:
    """The lines of an obligation page's timeline, each from its label to its last band."""
    return re.findall(r'<li class="sec-tl__row">.*?</ol></li>', html)


def bands(line: str) -> list[tuple[str, int]]:
    """The bands of one line of the timeline: (status, number of versions it spans)."""
    return [(status, int(span)) for span, status in
            re.findall(r'<li style="flex-grow:(\d+)"><a class="sec-tl__band sec-tl__band--([a-z-]+)', line)]


def test_each_row_runs_across_the_versions_in_bands_that_read_the_same(site_pinned):
    html = render(site_pinned, site_pinned.corpus.obligations["arrange-to-be-notified"])
    (smets1_chf,) = [line for line in lines(html) if 'id="row-arrange-to-be-notified-smets1-chf"' in line]
    assert words(smets1_chf).startswith("SMETS1 CHF, GPF not applicable, v5.14 nobody (gap), v5.20 to v6.17; changed")
    assert bands(smets1_chf) == [("not-applicable", 1), ("gap", 3), ("party", 2)]
    for line in lines(html):
        assert sum(span for _, span in bands(line)) == len(site_pinned.corpus.versions)


def test_devices_that_read_the_same_in_every_version_share_a_line_and_their_reasons(site_pinned):
    obligation = site_pinned.corpus.obligations["arrange-to-be-notified"]
    html = render(site_pinned, obligation)
    # User Systems reads "User" in the same versions as the SMETS2+ meters, for another reason (G3.20(a)): a line of its own.
    assert [words(line[:line.index("<ol")]) for line in lines(html)] == [
        "SMETS1 CHF, GPF", "SMETS2+ CHF, GPF", "SMETS1 ESME, GSME, PPMID, HCALCS", "SMETS2+ ESME, GSME, PPMID, HCALCS",
        "User Systems"]
    for row in site_pinned.matrix.rows_of[obligation.id]:  # where the findings lead, for each device
        assert html.count(f'id="row-{row.id.replace("/", "-")}"') == 1
    headings = re.findall(r'<h3 id="(reasons-[^"]+)">(.*?)<a class="headerlink"', html)
    assert [h for h, _ in headings] == ["reasons-arrange-to-be-notified-smets1-chf", "reasons-arrange-to-be-notified-smets2plus-chf",
                                        "reasons-arrange-to-be-notified-smets1-esme", "reasons-arrange-to-be-notified-smets2plus-esme",
                                        "reasons-arrange-to-be-notified-any-user-systems"]
    assert headings[0][1] == "SMETS1 Communications Hub Function, SMETS1 Gas Proxy Function"
    # each band leads to its line's reasons, which say the same answer for the same versions
    for line in lines(html):
        for href, said in re.findall(r'href="#([^"]+)"><span class="sec-tl__word">(.*?)</span>', line):
            term = re.search(rf'<dt id="{re.escape(href)}">(.*?)</dt>', html)
            assert term and words(term.group(1)).endswith(": " + said), href


def test_the_reasons_cite_the_provision_in_force_and_say_why_a_row_does_not_apply(site_pinned):
    html = render(site_pinned, site_pinned.corpus.obligations["arrange-to-be-notified"])
    reasons = part(html, "reasons-arrange-to-be-notified-smets1-chf")
    assert links(reasons)[0] == ("../../sec/G/G3.20/#v-5.14-b", "G3.20(b) as at v5.14")
    assert "G3.20(b) as at v5.14: excludes it for the User SMETS1 Devices are covered from v5.20." in words(reasons)
    assert ("../../modifications/MP087/", "MP087") in links(reasons)  # the wording that ended the gap
    assert words(html).count("Twin duty (meant to have the same scope): Notify and act on a security vulnerability.") == 1


def test_a_duty_about_no_device_is_one_row_and_a_scoped_one_has_only_its_devices(site_written):
    yearly = render(site_written, site_written.corpus.obligations["report-yearly"])
    (line,) = lines(yearly)
    assert words(line) == "No device (a duty of the party itself) User, v5.14 to v5.23 not applicable, v6.17 to v6.21; changed"
    assert bands(line) == [("party", 3), ("not-applicable", 3)]
    assert "gap" not in words(yearly[:yearly.index("Legend")]).lower()
    widget = render(site_written, site_written.corpus.obligations["keep-widget-records"])
    assert re.findall(r'id="(row-[^"]+)"', widget) == ["row-keep-widget-records-any-widget"]


def test_the_explorer_page_lists_the_obligations_what_is_not_assessed_and_the_downloads(site_pinned):
    html = render_index(site_pinned)
    assert '<div id="sec-explorer" class="sec-explorer" data-src="explorer.json" hidden></div>' in html
    assert [href for href, _ in links(part(html, "obligations"))] == ["notify-vulnerability/", "arrange-to-be-notified/"]
    assert words(part(html, "not-assessed")).startswith("Not assessed In-Home Display: The treatment of In-Home Displays")
    assert links(part(html, "downloads")) == [("matrix.csv", "CSV"), ("matrix.json", "JSON")]


def test_the_findings_list_each_gap_and_twin_difference_with_what_ended_it(site_pinned):
    html = render_findings(site_pinned)
    rows = [words(row) for row in re.findall(r"<tr>(.*?)</tr>", html)]
    assert rows[0] == "Kind What Versions Clauses Ended"
    # the devices for which a finding reads the same, in one line, each linked to its row of the timeline
    assert rows[1:] == [
        "Gap SMETS1 Communications Hub Function, SMETS1 Gas Proxy Function: nobody bears 'Arrange to be notified of "
        "security vulnerabilities' v5.20 to v6.17 G3.20(b) ended in 4 Nov 2019 ad-hoc release by MP087",
        "Twin duties differ SMETS1 Communications Hub Function, SMETS1 Gas Proxy Function: Be notified (G3.20) gives "
        "nobody (gap), its twin Notify (G3.17) gives User v5.20 to v6.17 G3.17(b), G3.20(b) ended in 4 Nov 2019 "
        "ad-hoc release by MP087"]
    assert ("../responsibility/arrange-to-be-notified/#row-arrange-to-be-notified-smets1-gpf",
            "SMETS1 Gas Proxy Function") in links(html)


def test_the_explorer_data_refers_to_each_answer_once_and_covers_every_version(site_pinned):
    data = explorer_data(site_pinned)
    versions = len(data["versions"])
    assert [v["short"] for v in data["versions"]] == ["v5.14", "v5.20", "v5.23", "v6.17", "4 Nov 2019", "v6.21"]
    for obligation, generation, device, runs in data["rows"]:  # [state, length] or [state, length, modifications]
        assert sum(run[1] for run in runs) == versions, (obligation, generation, device)
        assert all(0 <= run[0] < len(data["states"]) for run in runs)
        assert all(0 <= m < len(data["modifications"]) for run in runs for m in (run[2] if len(run) > 2 else []))
    assert all(0 <= r < len(data["reasons"]) for s in data["states"] for r in s["reasons"])
    assert len({(s["status"], s["answer"], tuple(s["reasons"]), s["mismatch"]) for s in data["states"]}) == len(data["states"])
    assert "ihd" not in {d["id"] for d in data["devices"]}  # not assessed: not offered


def test_the_explorer_data_says_which_runs_changed_as_the_engine_does(site_written):
    """A run whose answer changed carries the modifications that changed it, none or some: the
    explorer reads "changed" there, never compares answers itself."""
    data, matrix = explorer_data(site_written), site_written.matrix
    changed = [[len(run) > 2 for run in runs] for *_, runs in data["rows"]]
    assert changed == [[run.changed for run in matrix.runs(row)] for row in matrix.rows]
    assert any(len(run) == 3 and not run[2] for *_, runs in data["rows"] for run in runs)  # changed, by no modification
