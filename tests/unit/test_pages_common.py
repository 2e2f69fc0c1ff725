"""What every renderer shares (pages/common.py, pages/__init__.py): safe text, what a renderer
records of its page as it writes it (title, kind, headings, ids, permanent anchors), provenance,
versions, answers, and the set of pages a corpus makes."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

import sec_obligations
from markup import tags, words
from sec_obligations import paths
from sec_obligations.engine import GAP, NOT_APPLICABLE, OVERLAP, PARTY, Matrix
from sec_obligations.pages import in_page_order
from sec_obligations.pages.common import ICONS, anchor_id, answer_html, heading, html, page_facts, source_note, text, title_heading, writing


def test_text_for_markdown_neutralises_every_syntax_character():
    assert text("a *b* _c_ [x](y) <b> & `d` #e |f|\n  next") == (
        "a &#42;b&#42; &#95;c&#95; &#91;x&#93;(y) &#60;b&#62; &#38; &#96;d&#96; &#35;e &#124;f&#124; next")
    assert text(None) == ""


def test_html_escapes_and_puts_text_on_one_line():
    assert html('<i>"x" & \'y\'</i>\n  z') == "&lt;i&gt;&quot;x&quot; &amp; &#x27;y&#x27;&lt;/i&gt; z"


def test_headings_and_ids_are_recorded_as_they_are_written():
    with writing() as written:
        history = heading(2, "history", "History", 0.3) + heading(3, "v-5.14", 'v5.14 to <a href="x">v6.17</a>')
        page = (page_facts("G3.20 Manufacturers", "clause", "G") + title_heading("G3.20 Manufacturers")
                + f'<p {anchor_id("b", permanent=True)}>(b)</p>' + f'<tr {anchor_id("row-x")}></tr>'
                + '<h2 class="sec-asat-heading" id="widgets">Widgets</h2>'  # not through heading(): not in the toc
                + history)  # written before the part it follows
    assert (written.title, written.kind, written.section) == ("G3.20 Manufacturers", "clause", "G")
    assert in_page_order(page, written.toc) == ((1, "g320-manufacturers", "G3.20 Manufacturers"), (2, "history", "History"),
                                                (3, "v-5.14", 'v5.14 to <a href="x">v6.17</a>'))
    assert written.ids == {"g320-manufacturers", "history", "v-5.14", "b", "row-x"}
    assert sorted(written.anchors) == ["b", "v-5.14"]  # a provision and a version: the URL manifest's
    assert 'data-pagefind-weight="0.3"' in page and not page.startswith("---")


def test_nothing_is_recorded_outside_a_page_and_ids_are_escaped():
    assert page_facts("Glossary", "glossary") == ""
    assert anchor_id('a"b') == 'id="a&quot;b"'


@pytest.mark.parametrize("status, shown", [
    ("verbatim", '<span class="sec-prov sec-prov--verbatim">Verbatim date</span>'),
    ("stated", '<span class="sec-prov sec-prov--stated">Stated in the source date</span>'),
    ("reconstructed", '<span class="sec-prov sec-prov--reconstructed"><strong>Reconstructed</strong> date</span>'),
    ("description", '<span class="sec-prov sec-prov--description"><strong>Description, not the legal definition'
                    '</strong> date</span>'),
])
def test_the_provenance_note_flags_what_is_not_quoted(corpus, status, shown):
    provenance = corpus.clauses["G3.20"].current.provenance
    note = source_note(replace(provenance, status=status, note="A <note>."), "date")
    assert note == (f'<p class="sec-source" data-pagefind-weight="0.3">{shown}. Source: MP087 Annex A: legal text v1.0 '
                    "(drafted against SEC Version 6.17). A &lt;note&gt;.</p>")


@pytest.mark.parametrize("version_id, date, title", [
    ("5.14", "2018-02-22", "v5.14"),
    ("5.20", "between 2018-02-22 and 2018-10-04 (exact date unknown)", "v5.20"),
    ("6.17", "date unknown", "v6.17"),
    ("2019-11-04-ad-hoc", "2019-11-04",
     "4 Nov 2019 ad-hoc release (version number unknown) · Ad-hoc SEC Release, 4 November 2019"),
    ("6.21", "2019-11-29", "v6.21 · November 2019 SEC Release"),
])
def test_versions_say_what_is_known_of_their_date_and_number(corpus, version_id, date, title):
    v = corpus.version[version_id]
    assert (v.date.describe(), v.title) == (date, title)


def test_an_answer_has_an_icon_and_words_never_colour_alone(synthetic):
    matrix = Matrix(synthetic)
    verdicts = {}
    for row in matrix.rows:
        for version in synthetic.versions:
            verdicts.setdefault(matrix.verdict(row, version).status, matrix.verdict(row, version))
    icons = {PARTY: "✔", OVERLAP: "⚠", GAP: "✖", NOT_APPLICABLE: "–"}
    assert set(verdicts) == set(icons)
    # the words in the page; the sign drawn before them by the stylesheet, not read out
    css = (Path(sec_obligations.__file__).parent / "theme/assets/sec-obligations/site.css").read_text(encoding="utf-8")
    for status, verdict in verdicts.items():
        shown = answer_html(verdict)
        assert words(shown) == verdict.answer and f"sec-answer--{status}" in shown
        assert [tag for tag, _ in tags(shown)] == ["span"]
        sign = re.search(rf'\.sec-answer--{status}\b[^{{]*\{{ --sec-sign: "\\([0-9A-F]{{4}})"; \}}', css)
        assert sign and chr(int(sign.group(1), 16)) == icons[status] == ICONS[status], status
    assert 'content: var(--sec-sign) / "";' in css


def test_every_page_of_a_corpus_once_with_its_kind_and_unique_ids(site_written, fixture_corpus):
    pages = list(site_written.pages())
    uris = [p.uri for p in pages]
    assert len(uris) == len(set(uris))
    expected = {paths.CODE, paths.GLOSSARY, paths.MODIFICATIONS, paths.VERSIONS, paths.RESPONSIBILITY, paths.FINDINGS,
                *(paths.section(s) for s in fixture_corpus.sections), *(paths.section_as_at(s) for s in fixture_corpus.sections),
                *(paths.clause(c) for c in fixture_corpus.clauses.values()),
                *(paths.modification(m) for m in fixture_corpus.modifications),
                *(paths.version(v) for v in fixture_corpus.versions),
                *(paths.obligation(o) for o in fixture_corpus.obligations.values())}
    assert set(uris) == expected
    # The navigation holds the indexes only: the code's index leads to the sections, a breadcrumb back (see README).
    assert {p.uri for p in pages if p.in_nav} == {paths.CODE, paths.GLOSSARY, paths.MODIFICATIONS, paths.VERSIONS,
                                                  paths.RESPONSIBILITY, paths.FINDINGS}
    for page in pages:
        assert page.title and page.kind in {"section", "clause", "as-at", "glossary", "modification", "release",
                                            "responsibility", "findings"}, page.uri
        repeated = [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', page.html)).items() if n > 1]
        assert repeated == [], page.uri


def test_each_section_has_an_address_per_version(site_written, fixture_corpus):
    redirects = dict(site_written.redirects())
    assert len(redirects) == len(fixture_corpus.sections) * len(fixture_corpus.versions)
    assert 'url=../#v-6.17"' in redirects["sec/H/v/6.17/index.html"]
