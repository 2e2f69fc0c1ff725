"""The linker (linking.py): clause references and defined terms in running text, found by one
matcher; and the short references of hand-written pages, resolved. On corpora loaded in-process."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from sec_obligations.linking import CLAUSE, MODIFICATION, TERM, VERSION, Linker, trie_pattern


@pytest.fixture(scope="module")
def linker(corpus):
    return Linker(corpus)


def found(linker: Linker, text: str) -> list[tuple[str, str, str]]:
    """What the linker finds in ``text``: (the words, their kind, what they name)."""
    return [(text[m.start:m.end], m.kind, m.target) for m in linker.find(text)]


def test_the_longest_spelling_wins(linker):
    text = "a Gas Proxy Function, a Communications Hub Function in a Communications Hub, and SMETS2+ Devices"
    assert found(linker, text) == [
        ("Gas Proxy Function", TERM, "gas-proxy-function"),
        ("Communications Hub Function", TERM, "communications-hub-function"),
        ("Communications Hub", TERM, "communications-hub"),
        ("SMETS2+ Devices", TERM, "smets2plus-device"),
    ]


def test_acronyms_and_aliases_name_the_same_term(linker):
    assert found(linker, "GPF, Gas Proxy Functions; Users") == [
        ("GPF", TERM, "gas-proxy-function"), ("Gas Proxy Functions", TERM, "gas-proxy-function"), ("Users", TERM, "user")]


@pytest.mark.parametrize("text", ["Userland", "SUPERUSER", "SMETS2 meters", "G3.201", "XG3.20", "CHFs", "the DCCs"])
def test_a_spelling_inside_a_longer_word_is_not_a_reference(linker, text):
    assert found(linker, text) == []


def test_punctuation_ends_a_spelling(linker):
    assert found(linker, "(CHF), the SSC's view; G3.20.") == [
        ("CHF", TERM, "communications-hub-function"), ("SSC", TERM, "security-sub-committee"), ("G3.20", CLAUSE, "G3.20")]


def test_a_clause_reference_takes_the_provisions_the_clause_has(linker):
    text = "G3.18(a), G3.20 (b), G3.18(c)(ii) and G3.19(z)"
    assert [(text[m.start:m.end], m.target, m.provision) for m in linker.find(text)] == [
        ("G3.18(a)", "G3.18", ("a",)), ("G3.20 (b)", "G3.20", ("b",)),
        ("G3.18(c)", "G3.18", ("c",)),  # G3.18(c) has no (ii): the reference stops where the clause does
        ("G3.19", "G3.19", ()),
    ]


def test_provisions_are_known_to_any_depth(fixture_corpus):
    linker = Linker(fixture_corpus)
    assert linker.has_provision("H1.1", ("a", "ii", "A", "2")) and not linker.has_provision("H1.1", ("a", "iii"))
    assert not linker.has_provision("H1.2", ("a",))


@pytest.mark.parametrize("text", [
    "https://example.org/sec/G3.20/User", "www.example.org/G3.20", "ftp://example.org/CHF", "User@dcc.example",
])
def test_nothing_inside_a_web_or_e_mail_address_is_found(linker, text):
    assert found(linker, f"{text} and G3.21") == [("G3.21", CLAUSE, "G3.21")]


def test_a_corpus_without_spellings_finds_nothing(corpus):
    empty = replace(corpus, terms={}, sections={})
    assert found(Linker(empty), "G3.20 and the User") == []


@pytest.mark.parametrize("ref, kind, target, provision", [
    ("G3.20", CLAUSE, "G3.20", ()),
    ("g3.20(b)", CLAUSE, "G3.20", ("b",)),
    ("G3.20 (b)", CLAUSE, "G3.20", ("b",)),
    ("  G3.18(a) ", CLAUSE, "G3.18", ("a",)),
    ("MP087", MODIFICATION, "MP087", ()),
    ("mp087", MODIFICATION, "MP087", ()),
    ("CHF", TERM, "communications-hub-function", ()),
    ("gas proxy\n function", TERM, "gas-proxy-function", ()),
    ("v6.17", VERSION, "6.17", ()),
    ("SEC 6.17", VERSION, "6.17", ()),
    ("6.17", VERSION, "6.17", ()),
    ("4 Nov 2019 ad-hoc release", VERSION, "2019-11-04-ad-hoc", ()),  # a version without a number, by its label
    ("SEC", TERM, "sec", ()),
])
def test_short_references_resolve(linker, ref, kind, target, provision):
    match = linker.resolve(ref)
    assert (match.kind, match.target, match.provision) == (kind, target, provision)


@pytest.mark.parametrize("ref", ["G9.99", "G3.20(z)", "G3.18(c)(ii)", "MP999", "v9.99", "Gas", "G3.20|x", ""])
def test_a_short_reference_that_names_nothing_resolves_to_none(linker, ref):
    assert linker.resolve(ref) is None


def test_the_trie_matches_every_word_and_the_longest_first():
    words = ["ab", "abc", "a.b", "C++", "x(y)", "abd"]
    pattern = re.compile(trie_pattern(words))
    assert all(pattern.fullmatch(w) for w in words)
    assert not pattern.fullmatch("a") and not pattern.fullmatch("aXb") and not pattern.fullmatch("C")
    assert [m.group() for m in pattern.finditer("abc abd ab a.b C++ x(y)")] == ["abc", "abd", "ab", "a.b", "C++", "x(y)"]
