"""Word-level redlines (redline.py): what counts as a word, the pieces of a difference, and the HTML
that reads without colour."""

from __future__ import annotations

import pytest

from markup import tags, words
from sec_obligations.redline import diff, redline, to_html, tokens


def test_clause_numbers_and_device_names_are_one_word():
    assert [t for _, t in tokens("under G3.18(a), a SMETS2+ Device's User-owned  systems.")] == [
        "under", "G3.18", "(", "a", ")", ",", "a", "SMETS2+", "Device's", "User-owned", "systems", "."]


def test_spacing_is_kept_once_and_line_breaks_read_as_spaces():
    assert tokens("a\n  b") == [("", "a"), (" ", "b")]


@pytest.mark.parametrize("old, new, pieces", [
    ("the User shall act", "the User shall act", [("=", "the User shall act")]),
    ("a Device for", "a Device which forms part of for",
     [("=", "a Device"), ("+", " which forms part of"), ("=", " for")]),
    ("every Hub, and", "every Hub and", [("=", "every Hub"), ("-", ","), ("=", " and")]),
    ("notify the SSC", "notify the Panel", [("=", "notify the"), ("-", " SSC"), ("+", " Panel")]),
    ("", "New words.", [("+", "New words.")]),
])
def test_the_pieces_of_a_difference(old, new, pieces):
    assert diff(old, new) == pieces


def test_changes_are_marked_in_words_for_screen_readers_and_spaces_stay_outside():
    html = redline("keep a record of its location", "keep a record of its location and owner")
    assert html == ('keep a record of its location <ins><span class="sec-sr">[inserted: </span>and owner'
                    '<span class="sec-sr">]</span></ins>')
    html = redline("any Hub (excluding a CHF) for", "any Hub for")
    assert html == ('any Hub <del><span class="sec-sr">[deleted: </span>(excluding a CHF)'
                    '<span class="sec-sr">]</span></del> for')


def test_the_mp087_change_to_g320_is_one_insertion(corpus):
    before, after = corpus.clauses["G3.20"].texts
    html = redline(before.plain(), after.plain())
    assert html.count("<ins>") == 1 and "<del>" not in html
    assert words(html.split("<ins>")[1].split("</ins>")[0]) == "[inserted: which forms part of a SMETS2+ Device]"


def test_text_is_escaped_in_every_piece():
    evil = "<script>alert('x')</script> & <img src=x onerror=alert(1)>"
    html = redline(f"kept {evil} gone", f"kept {evil} \"<b>new</b>\"")
    assert [tag for tag, _ in tags(html)] == ["del", "span", "span", "ins", "span", "span"]
    assert words(html) == f"kept {evil} [deleted: gone] [inserted: \"<b>new</b>\"]"


def test_to_html_writes_the_pieces_it_is_given():
    assert to_html([("=", "a"), ("-", " b "), ("+", "c")]) == (
        'a <del><span class="sec-sr">[deleted: </span>b<span class="sec-sr">]</span></del> '
        '<ins><span class="sec-sr">[inserted: </span>c<span class="sec-sr">]</span></ins>')
