"""Modification pages and their index (pages/modification.py), rendered in-process: a report's facts,
the redline of each clause it changed, and for one not yet in force, its proposed wording and its
effect on responsibility."""

from __future__ import annotations

import re

import pytest

from markup import links, part, words
from sec_obligations.pages.modification import render, render_index


@pytest.fixture(scope="module")
def mp087(site_pinned, corpus):
    return render(site_pinned, corpus.modifications["MP087"])


@pytest.fixture(scope="module")
def dp999(site_written, fixture_corpus):
    return render(site_written, fixture_corpus.modifications["DP999"])


def test_the_facts_of_the_report(mp087):
    facts = words(mp087[mp087.index("<h1"):mp087.index('<p class="sec-source"')])
    assert facts.startswith("MP087: Correction to SEC Section G – User Responsibilities Type: Fast-Track Modification "
                            "Proposal Status: Implemented Drafted against: v6.17 Implemented in: 4 Nov 2019 ad-hoc release")
    assert "Parties impacted: Large Suppliers, Small Suppliers, DCC" in facts
    assert [href for href, _ in links(mp087[:mp087.index('<p class="sec-source"')])] == [
        "../../versions/6.17/", "../../versions/2019-11-04-ad-hoc/"]
    for heading in ("summary", "background", "changes", "impacts", "costs", "benefits", "objectives", "views"):
        assert f'<h2 id="{heading}">' in mp087, heading
    assert "£1,200" in words(part(mp087, "costs")) and "Objective (g)" in words(part(mp087, "objectives"))
    assert "Security Sub-Committee (SSC)" in words(part(mp087, "views"))


def test_each_clause_changed_with_its_redline(mp087):
    change = part(mp087, "change-G3.20")
    assert links(change) == [("../../sec/G/G3.20/#v-2019-11-04-ad-hoc", "G3.20 as amended")]
    assert "in force from 4 Nov 2019 ad-hoc release" in words(change)
    assert change.count("<ins>") == 1 and "<del>" not in change
    assert "Proposed" not in words(mp087) and 'id="effect"' not in mp087


def test_a_proposal_says_it_is_not_in_force_and_redlines_what_it_would_change(dp999):
    assert "Proposed: not in force DP999 is proposed, not part of the code." in words(dp999)
    proposed = part(dp999, "proposed-G3.20")
    assert links(proposed) == [("../../sec/G/G3.20/#v-2019-11-04-ad-hoc", "G3.20 as in force")]
    assert "[deleted: which forms part of a SMETS2+ Device]" in words(proposed) and "<ins>" not in proposed


def test_a_proposal_shows_its_effect_on_responsibility(dp999):
    effect = part(dp999, "effect")
    rows = [words(row) for row in re.findall(r"<tr>(.*?)</tr>", effect)]
    assert rows == ["Obligation Device Now (v6.21) With DP999",
                    "Be notified (G3.20) SMETS1 Communications Hub Function User nobody (gap)",
                    "Be notified (G3.20) SMETS1 Gas Proxy Function User nobody (gap)"]
    opened = words(effect[effect.index("It would open:"):])
    assert opened.startswith("It would open: Gap: SMETS1 Communications Hub Function: nobody bears 'Arrange to be "
                             "notified of security vulnerabilities' Twin duties differ:")
    assert "It would open no gap" not in words(effect)


def test_the_index_lists_modifications_newest_first_with_their_status(site_written):
    html = render_index(site_written)
    rows = [words(row) for row in re.findall(r"<tr>(.*?)</tr>", html)]
    assert rows == ["Id Title Status Date Version",
                    "MP087 Correction to SEC Section G – User Responsibilities implemented 2019-11-04 "
                    "4 Nov 2019 ad-hoc release",
                    "DP999 Test proposal: narrow Section G3.20 again proposed unknown"]
    assert '<td data-sort="2019-11-04">' in html and '<table class="sec-sortable">' in html
