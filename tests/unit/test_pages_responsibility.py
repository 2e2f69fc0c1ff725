"""The decision table's pages (pages/responsibility.py), rendered in-process: one static matrix per
obligation with every reason, the explorer page, the findings, and the explorer's compact data."""

from __future__ import annotations

import re

from markup import element, links, part, words
from sec_obligations.pages.responsibility import explorer_data, render, render_findings, render_index


def cells(row: str) -> list[tuple[str, int]]:
    """The cells of one row of a matrix: (status, number of versions it spans)."""
    return [(status, int(span or 1)) for status, span in
            re.findall(r'<td class="sec-cell sec-cell--([a-z-]+)[^"]*"(?: colspan="(\d+)")?>', row)]


def test_each_row_runs_across_the_versions_in_cells_that_read_the_same(site_pinned):
    html = render(site_pinned, site_pinned.corpus.obligations["arrange-to-be-notified"])
    smets1_chf = element(html, "row-arrange-to-be-notified-smets1-chf")
    assert words(smets1_chf).startswith("SMETS1 Communications Hub Function – not applicable ✖ nobody (gap)")
    assert cells(smets1_chf) == [("not-applicable", 1), ("gap", 3), ("party", 2)]
    for row in re.findall(r'<tr id="row-[^"]+">.*?</tr>', html):
        assert sum(span for _, span in cells(row)) == len(site_pinned.corpus.versions)


def test_a_long_version_label_is_shortened_in_its_column_and_named_in_full(site_pinned):
    html = render(site_pinned, site_pinned.corpus.obligations["arrange-to-be-notified"])
    assert ('<th scope="col" class="sec-matrix__version" aria-label="4 Nov 2019 ad-hoc release">'
            '<abbr title="4 Nov 2019 ad-hoc release">4 Nov 2019</abbr></th>') in html
    assert '<th scope="col" class="sec-matrix__version">v6.17</th>' in html


def test_the_reasons_cite_the_provision_in_force_and_say_why_a_row_does_not_apply(site_pinned):
    html = render(site_pinned, site_pinned.corpus.obligations["arrange-to-be-notified"])
    reasons = part(html, "reasons-arrange-to-be-notified-smets1-chf")
    assert links(reasons)[0] == ("../../sec/G/G3.20/#v-5.14-b", "G3.20(b) as at v5.14")
    assert "G3.20(b) as at v5.14: excludes it for the User SMETS1 Devices are covered from v5.20." in words(reasons)
    assert ("../../modifications/MP087/", "MP087") in links(reasons)  # the wording that ended the gap
    assert words(html).count("Twin duty (meant to have the same scope): Notify and act on a security vulnerability.") == 1


def test_a_duty_about_no_device_is_one_row_and_a_scoped_one_has_only_its_devices(site_written):
    yearly = render(site_written, site_written.corpus.obligations["report-yearly"])
    (row,) = re.findall(r'<tr id="row-[^"]+">.*?</tr>', yearly)
    assert words(row) == "No device (a duty of the party itself) ✔ User – not applicable▲ changed"
    assert cells(row) == [("party", 3), ("not-applicable", 3)]
    assert "gap" not in words(yearly[:yearly.index("Legend")]).lower()
    widget = render(site_written, site_written.corpus.obligations["keep-widget-records"])
    assert re.findall(r'<tr id="(row-[^"]+)">', widget) == ["row-keep-widget-records-any-widget"]


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
    assert ("Gap SMETS1 Communications Hub Function: nobody bears 'Arrange to be notified of security vulnerabilities' "
            "v5.20 to v6.17 G3.20(b) ended in 4 Nov 2019 ad-hoc release by MP087") in rows
    assert len(rows) == 1 + 4 and sum(row.startswith("Twin duties differ") for row in rows) == 2
    assert ("../responsibility/arrange-to-be-notified/#row-arrange-to-be-notified-smets1-gpf",
            "SMETS1 Gas Proxy Function: nobody bears 'Arrange to be notified of security vulnerabilities'") in links(html)


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
