"""The glossary (pages/glossary.py), rendered in-process: every term at its anchor, its definition
and provenance, its spellings and uses, and every definition it has had with a redline."""

from __future__ import annotations

import re

from markup import element, ids, links, part, words
from sec_obligations.pages.glossary import render


def test_every_term_has_a_heading_at_its_id_in_alphabetical_order(site_pinned, corpus):
    glossary = render(site_pinned)
    headings = re.findall(r'<h2 id="([^"]+)"', glossary)
    assert sorted(headings) == sorted(corpus.terms)
    assert headings == [t.id for t in sorted(corpus.terms.values(), key=lambda t: t.term.lower())]
    assert words(element(glossary, "communications-hub-function")) == "Communications Hub Function (CHF)"
    assert not re.search(r"<h[1-6][^>]*>[^<]*<a class=\"sec-ref", glossary)  # headings are never linked


def test_an_entry_gives_the_definition_its_provenance_spellings_and_uses(site_pinned):
    glossary = render(site_pinned)
    entry = part(glossary, "communications-hub-function")
    definition = element(entry, "communications-hub-function--v-5.14")  # the current one, at its own anchor too
    assert words(definition).startswith("The part of a Communications Hub that connects the smart metering equipment")
    assert "<strong>Description, not the legal definition</strong>" in entry
    assert "Also written: Communications Hub Functions, Communication Hub Function." in words(entry)
    assert links(entry)[-2:] == [("../sec/G/G3.17/", "G3.17"), ("../sec/G/G3.20/", "G3.20")]
    assert "Used in: G3.17, G3.20." in words(entry)


def test_terms_in_definitions_link_to_their_entries(site_pinned):
    glossary = render(site_pinned)
    assert ("#dcc", "DCC") in links(part(glossary, "communications-hub-function"))
    assert ("#type-2-device", "Type 2 Devices") in links(part(glossary, "ihd"))


def test_a_definition_that_changed_lists_every_wording_with_a_redline(site_written):
    written = render(site_written)
    entry = part(written, "dcc-total-system")
    assert ("../sec/A/A1.1/", "A1.1") in links(entry)
    history = entry[entry.index('<details class="sec-definitions" open'):]
    assert words(history).startswith("Every definition of DCC Total System (2), with the changes from each to the next")
    old = element(history, "dcc-total-system--v-5.14")
    assert words(old).startswith("v5.14 to v6.17. The systems the DCC provides, including every Communications Hub.")
    newer = history[history.index(old) + len(old):]
    assert words(newer).startswith("4 Nov 2019 ad-hoc release onwards (current). Introduced by MP087.")
    assert ("../modifications/MP087/", "MP087") in links(newer)
    assert "[inserted: Hubs except SMETS1 ones]" in words(newer) and "[deleted: every]" in words(newer)
    # The current definition keeps one anchor: the paragraph above, not the last item of the list.
    assert "dcc-total-system--v-2019-11-04-ad-hoc" in ids(entry) and history.count('<li id="') == 1


def test_a_definition_that_never_changed_has_no_history(site_written):
    written = render(site_written)
    assert "sec-definitions" not in part(written, "user-systems")


def test_a_definition_never_links_to_its_own_entry_but_others_still_do(site_pinned, corpus):
    glossary = render(site_pinned)
    for term in corpus.terms.values():
        definition = element(glossary, f"{term.id}--v-{term.current.first.id}")
        assert [href for href, _ in links(definition) if href.endswith(f"#{term.id}")] == [], term.id
    # "Communications Hub" is defined by words that name it; the entry for the Function still links it.
    hub = [href for href, _ in links(part(glossary, "communications-hub-function")) if href.endswith("#communications-hub")]
    assert hub, "another entry links the term at its first use"
