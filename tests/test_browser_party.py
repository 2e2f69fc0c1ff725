"""Browser tests of the party view of the decision table on the fixture's site: what the page lists
for ?party=... and ?party=...&from=A&to=B, and the CSV file it saves, against what the engine's
functions (party.py) return for the same question; unknown parties and versions; history, reload
and keyboard; layout at four widths and in print; axe in both palettes; the Nu Html Checker on
the page as drawn; hostile text in the data.

Screenshots go to /tmp/screens/ (party-*.png, print-table-party-*) for a person to look at."""

from __future__ import annotations

import csv
import io
import json
import subprocess

import pytest
from playwright.sync_api import expect

from sec_obligations.engine import Matrix, row_label
from sec_obligations.export import csv_text
from sec_obligations.loader import load
from sec_obligations.party import BORNE_FIELDS, borne_by, borne_csv, changes_csv, party_changes
from test_browser_table import COLUMN, DESKTOP, LAYOUT, PRINTED, WIDTHS, open_page, print_page, shoot
from test_validity import ALLOWED, VNU

from browser import describe, require, run_axe, set_palette
from conftest import FIXTURE, SCREENS

pytestmark = pytest.mark.browser

AD_HOC = "2019-11-04-ad-hoc"
BORNE = "responsibility/?version=6.17&generation=all&device=all&obligation=all&party=user"
CHANGES = "responsibility/?version=6.17&generation=all&device=all&obligation=all&party=user&from=5.14&to=6.21"


@pytest.fixture(scope="module")
def engine():
    corpus = load(FIXTURE)
    return corpus, Matrix(corpus)


def table(page) -> list[list[str]]:
    """The party view's table: each row's header and cells as read, the answers' icons left out."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('#sec-party-result tbody tr')).map(tr =>
        Array.from(tr.cells).map(cell => {
          const copy = cell.cloneNode(true);
          copy.querySelectorAll('[aria-hidden="true"]').forEach(icon => icon.remove());
          return copy.textContent.replace(/\\s+/g, ' ').trim();
        }))""")


def saved_csv(page) -> tuple[str, str]:
    """Press the download button: the file's suggested name and its text."""
    with page.expect_download() as download:
        page.locator("#sec-party-result .sec-party__download button").click()
    saved = download.value
    return saved.suggested_filename, saved.path().read_bytes().decode("utf-8")


def heading(row) -> str:
    return f"{row.obligation.short}: {row_label(row)}"


PARTIES = ["user", "responsible-supplier", "dcc", "security-sub-committee"]


@pytest.mark.parametrize("version", ["5.14", "6.17", AD_HOC])
@pytest.mark.parametrize("party", PARTIES)
def test_the_party_view_lists_what_the_engine_says_it_bears(page, fixture_server, engine, party, version):
    corpus, matrix = engine
    who, at = corpus.parties[party], corpus.version[version]
    borne = borne_by(matrix, who, at)
    open_page(page, fixture_server, f"responsibility/?version={version}&party={party}")
    expected = []
    for b in borne:
        capacity = ", as " + " and ".join(p.name for p in b.capacities) if b.capacities else ""
        expected.append([heading(b.row), b.verdict.answer + capacity, ", ".join(b.citations)])
    assert table(page) == expected
    summary = (f"{who.name} bears {len(borne)} dut{'y' if len(borne) == 1 else 'ies'} in {at.label}" if borne
               else f"{who.name} bears no duty held here in {at.label}")
    assert page.locator("#sec-explorer-live").inner_text().startswith(summary)
    name, text = saved_csv(page)
    assert name == f"party-{party}-{version}.csv"
    assert text == borne_csv(who, at, borne)


def test_a_citation_leads_to_the_provision_in_force(page, fixture_server):
    open_page(page, fixture_server, "responsibility/?version=2019-11-04-ad-hoc&party=user")
    link = page.locator("#sec-party-result tbody tr", has_text="Be notified (G3.20): SMETS1 Communications Hub Function")
    link.get_by_role("link", name="G3.20(b)").click()
    page.wait_for_url("**/sec/G/G3.20/#v-2019-11-04-ad-hoc-b")


COMPARISONS = [("user", "5.14", "6.21"), ("user", "6.21", "5.14"), ("user", "6.17", AD_HOC), ("dcc", "5.14", "6.21"),
               ("responsible-supplier", "5.20", AD_HOC), ("user", "6.17", "6.17")]


@pytest.mark.parametrize(("party", "first", "second"), COMPARISONS)
def test_the_comparison_lists_what_the_engine_says_was_gained_and_lost(page, fixture_server, engine, party, first, second):
    corpus, matrix = engine
    comparison = party_changes(matrix, corpus.parties[party], corpus.version[first], corpus.version[second])
    open_page(page, fixture_server, f"responsibility/?party={party}&from={first}&to={second}")
    expected = [[heading(c.row), "Gained" if c.gained else "Lost", c.before.answer, c.after.answer,
                 "; ".join(s.version.label + (" by " + ", ".join(s.modifications) if s.modifications else "")
                           for s in c.steps)] for c in comparison.changes]
    assert table(page) == expected
    result = page.locator("#sec-party-result").inner_text()
    if first == second:
        assert "nothing to compare" in result
    else:
        gained = sum(c.gained for c in comparison.changes)
        assert f"{len(comparison.versions)} version" in result
        if comparison.changes:
            assert f"gained {gained} dut" in result
            assert f"lost {len(comparison.changes) - gained} dut" in result
        else:
            assert "gained and lost no duty" in result
        for mod in comparison.modifications:
            assert page.locator("#sec-party-result > p a", has_text=mod.id).count() == 1
    name, text = saved_csv(page)
    assert name == f"party-{party}-{first}-to-{second}.csv"
    assert text == changes_csv(comparison)


def test_mp087_is_what_gave_the_user_the_smets1_hubs(page, fixture_server):
    open_page(page, fixture_server, "responsibility/?party=user&from=6.17&to=2019-11-04-ad-hoc")
    rows = table(page)
    assert [r[0] for r in rows] == ["Be notified (G3.20): SMETS1 Communications Hub Function",
                                    "Be notified (G3.20): SMETS1 Gas Proxy Function"]
    assert all(r[1:] == ["Gained", "nobody (gap)", "User", "4 Nov 2019 ad-hoc release by MP087"] for r in rows)


@pytest.mark.parametrize(("query", "message"), [
    ("party=nobody", "No party “nobody” is held here: choose one of User, Responsible Supplier"),
    ("party=constructor", "No party “constructor” is held here"),
    ("party=user&from=9.99&to=6.21", "No version “9.99” is held here"),
    ("party=%3Cb%3Ex%3C%2Fb%3E", "No party “<b>x</b>” is held here"),
])
def test_an_unknown_party_or_version_is_said_plainly(page, fixture_server, query, message):
    open_page(page, fixture_server, "responsibility/?" + query)
    problem = page.locator("#sec-party-result .sec-party__problem").first
    assert problem.inner_text().startswith(message)
    assert page.locator("#sec-party-result b").count() == 0  # text, never markup
    assert message in page.locator("#sec-explorer-live").inner_text()
    assert page.locator("#sec-explorer-matrix tbody tr").count() > 0  # the rest of the explorer still works


def test_one_version_of_two_asks_for_the_other(page, fixture_server):
    open_page(page, fixture_server, "responsibility/?version=6.17&party=dcc&from=5.14")
    assert "Choose both versions to compare them." in page.locator("#sec-party-result").inner_text()
    assert len(table(page)) == 4  # and meanwhile what it bears in the version chosen


# -- the address, history and keyboard ----------------------------------------------------------

def test_the_choice_lives_in_the_address_through_back_forward_and_reload(page, fixture_server):
    open_page(page, fixture_server, "responsibility/")
    length = page.evaluate("history.length")
    party, first, second = (page.locator(f"#sec-explorer-{n}") for n in ("party", "from", "to"))
    page.select_option("#sec-explorer-party", "dcc")
    assert "party=dcc" in page.url
    assert page.evaluate("history.length") == length + 1
    page.select_option("#sec-explorer-from", "5.14")
    page.select_option("#sec-explorer-to", AD_HOC)
    assert page.url.endswith(f"&party=dcc&from=5.14&to={AD_HOC}")
    changed = page.locator("#sec-party-result").inner_text()
    page.reload()
    page.wait_for_selector("#sec-explorer[data-ready='true']")
    expect(second).to_have_value(AD_HOC)
    assert page.locator("#sec-party-result").inner_text() == changed
    page.evaluate("document.activeElement.blur()")
    page.go_back()
    expect(second).to_have_value("")
    expect(second).to_be_focused()
    expect(page.locator("#sec-party-result tbody tr")).to_have_count(4)  # the DCC's duties again, once redrawn
    page.go_back()
    page.go_back()
    expect(party).to_have_value("")
    expect(party).to_be_focused()
    assert "party=" not in page.url
    expect(page.locator("#sec-party-result")).to_have_text("")
    page.go_forward()
    expect(party).to_have_value("dcc")
    expect(first).to_have_value("")


def test_stepping_through_the_parties_with_the_arrow_keys_adds_no_history(page, fixture_server):
    open_page(page, fixture_server, "responsibility/")
    length = page.evaluate("history.length")
    page.focus("#sec-explorer-party")
    seen = []
    for _ in range(3):
        page.keyboard.press("ArrowDown")
        seen.append(page.locator("#sec-explorer-party").input_value())
    assert seen == ["user", "responsible-supplier", "dcc"]
    assert "party=dcc" in page.url
    assert page.evaluate("history.length") == length
    assert page.locator("#sec-explorer-live").inner_text().startswith("Data and Communications Company bears 4 duties")


# -- layout, print, accessibility, validity -------------------------------------------------------

VIEWS = {"party": BORNE, "party-changes": CHANGES}


@pytest.mark.parametrize("width", WIDTHS)
def test_the_party_tables_fit_or_scroll_with_their_first_column_and_header_in_view(page, fixture_server, screens, width):
    page.set_viewport_size({"width": width, "height": 900})
    failures = {}
    for name, url in VIEWS.items():
        open_page(page, fixture_server, url)
        page.locator(".sec-party").scroll_into_view_if_needed()
        result = page.evaluate(LAYOUT)
        page.locator(".sec-party").screenshot(path=str(screens / f"{name}-{width}.png"))
        shoot(page, screens, f"{name}-page-{width}")
        party = [t for t in result["tables"] if t["name"].startswith(("Duties", "What"))]
        assert len(party) == 1, result["tables"]
        problems = result["problems"]
        if width >= DESKTOP:
            problems += [f"does not fit its box ({t['table']} > {t['box']} px)" for t in party if not t["fits"]]
            problems += [f"a header wraps a word a line: {w}" for t in party for w in t["wraps"]]
        print(f"\n{width} px {name}: table {party[0]['table']} px in a box of {party[0]['box']} px,"
              f" scrolls down: {party[0]['down']}, sticky {party[0].get('sticky')}")
        if problems:
            failures[url] = problems
    assert failures == {}


def test_printed_the_party_view_fits_a4_without_its_controls(page, fixture_server, screens):
    page.set_viewport_size({"width": COLUMN, "height": 1000})
    for name, url in VIEWS.items():
        open_page(page, fixture_server, url)
        page.emulate_media(media="print")
        printed = page.evaluate(PRINTED)
        assert printed["scrollWidth"] <= COLUMN, url
        assert printed["wide"] == [], (url, printed["wide"][:5])
        assert printed["controls"] == 0, "a control is printed"
        words = " ".join(print_page(page, screens, name))
        assert ("Duties the User bears in v6.17" if name == "party" else "What the User gained and lost") in words
        page.emulate_media(media="screen")


@pytest.mark.parametrize("width", [375, DESKTOP])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_party_view_is_axe_clean(page, fixture_server, scheme, width):
    page.set_viewport_size({"width": width, "height": 900})
    failures = {}
    for url in (*VIEWS.values(), "responsibility/?party=nobody"):
        open_page(page, fixture_server, url)
        set_palette(page, scheme)
        violations = run_axe(page)
        if violations:
            failures[url] = describe(violations)
    if width == 375:
        page.screenshot(path=str(SCREENS / f"party-unknown-{width}-{scheme}.png"), full_page=True)
    assert failures == {}


def test_the_page_as_drawn_is_valid_html(page, fixture_server, tmp_path):
    """The Nu Html Checker on each view as the script drew it (the build's pages are checked in test_validity)."""
    require(VNU, "the Nu Html Checker (npm vnu-jar)")
    for name, url in {**VIEWS, "unknown": "responsibility/?party=nobody"}.items():
        open_page(page, fixture_server, url)
        (tmp_path / f"{name}.html").write_text("<!doctype html>\n" + page.evaluate("document.documentElement.outerHTML"))
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", str(tmp_path)],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert len({m["url"] for m in messages if m["message"] == ALLOWED}) == 3  # the theme's own, on each page
    assert [m for m in messages if m["message"] != ALLOWED] == []


# -- hostile text in the data ----------------------------------------------------------------------

HOSTILE_DEVICE = '=HYPERLINK("http://example.invalid","x")'
HOSTILE_CITATION = '-G3.17(a), "quoted"\nnext line'
HOSTILE_PARTY = "<img src=x onerror=window.pwned=1> User"


def test_hostile_text_is_shown_as_text_and_saved_as_inert_csv(page, fixture_server, engine):
    """explorer.json served with a device name that a spreadsheet would run, a citation with a comma,
    quotes and a line break, and a party name that is markup: the page shows them as text and the
    CSV holds them quoted and neutralised, as the engine's CSV writer writes them."""
    corpus, matrix = engine

    def hostile(route):
        data = json.loads(route.fetch().text())
        next(d for d in data["devices"] if d["id"] == "user-systems")["name"] = HOSTILE_DEVICE
        for reason in data["reasons"]:
            if reason["citation"] == "G3.17(a)":  # in each wording of G3.17
                reason["citation"] = HOSTILE_CITATION
        next(p for p in data["parties"] if p["id"] == "user")["name"] = HOSTILE_PARTY
        route.fulfill(json=data)

    page.route("**/responsibility/explorer.json", hostile)
    open_page(page, fixture_server, BORNE)
    assert page.evaluate("window.pwned") is None
    assert page.locator("#sec-party-result img").count() == 0
    assert HOSTILE_PARTY in page.locator("#sec-party-result").inner_text()
    systems = next(r for r in table(page) if r[0] == f"Notify (G3.17): {HOSTILE_DEVICE}")
    assert systems[2] == " ".join(HOSTILE_CITATION.split())
    _, text = saved_csv(page)
    user, version = corpus.parties["user"], corpus.version["6.17"]
    rows = list(csv.reader(io.StringIO(borne_csv(user, version, borne_by(matrix, user, version)), newline="")))[1:]
    for row in rows:
        row[5] = HOSTILE_DEVICE if row[5] == "User Systems" else row[5]
        row[10] = HOSTILE_CITATION if row[10] == "G3.17(a)" else row[10]
    assert text == csv_text(BORNE_FIELDS, rows)
    saved = list(csv.reader(io.StringIO(text, newline="")))
    systems = next(r for r in saved if r[2] == "notify-vulnerability" and r[4] == "user-systems")
    assert systems[5] == "'" + HOSTILE_DEVICE
    assert systems[10] == "'" + HOSTILE_CITATION
