"""What the head of each generated page says (pagemeta.py): its date from the data, never the clock,
and its description."""

from __future__ import annotations

import pytest

from corpora import delete_g321, edited, renumber_g318
from sec_obligations import paths
from sec_obligations.corpus_index import CorpusIndex
from sec_obligations.pagemeta import LIMIT, page_meta, summary


@pytest.fixture(scope="module")
def meta(corpus):
    return page_meta(CorpusIndex(corpus))


def test_a_clause_is_dated_by_the_latest_release_that_changed_it(meta, corpus):
    clauses = corpus.clauses
    assert meta[paths.clause(clauses["G3.18"])][0] == "2018-02-22"  # one wording, from 5.14
    assert meta[paths.clause(clauses["G3.20"])][0] == "2019-11-04"  # changed by MP087's release
    # G3.17 changed in 5.20, whose date is known only to lie between two dates: the latest it can have.
    assert meta[paths.clause(clauses["G3.17"])][0] == "2018-10-04"


def test_a_section_is_dated_by_its_latest_clause_and_the_indexes_by_the_latest_version(meta):
    assert meta[paths.section("G")] == ("2019-11-04", "5 clauses of the code.")
    for uri in (paths.CODE, paths.MODIFICATIONS, paths.VERSIONS, paths.RESPONSIBILITY, paths.FINDINGS):
        assert meta[uri] == ("2019-11-29", None), uri


def test_a_version_of_unknown_date_takes_the_latest_date_it_can_have(meta, corpus):
    v = corpus.version
    assert meta[paths.version(v["6.17"])] == ("2019-11-04", "v6.17, date unknown: what changed in the code.")
    assert meta[paths.version(v["5.20"])] == (
        "2018-10-04", "v5.20, between 2018-02-22 and 2018-10-04 (exact date unknown): what changed in the code.")
    assert meta[paths.modification("MP087")][0] == "2019-11-04"


def test_pages_without_a_date_in_the_data_get_none(meta):
    assert paths.GLOSSARY not in meta and paths.HOME not in meta


def test_descriptions_start_with_what_the_page_is_and_stop_at_a_word(meta, corpus):
    for uri, (_, description) in meta.items():
        assert description is None or len(description) <= LIMIT + 2, uri
    g320 = meta[paths.clause(corpus.clauses["G3.20"])][1]
    assert g320.startswith("G3.20: Each User shall, wherever it is practicable to do so, establish with: (a) the ")
    assert g320.endswith(" …") and "\n" not in g320
    assert meta[paths.modification("MP087")][1].startswith("MP087: An error in SEC Section G meant")


@pytest.mark.parametrize("words, expected", [
    ("Short\n  and   plain.", "Short and plain."),
    ("word " * 50, ("word " * 40).strip() + " …"),
    ("x" * 250, "x" * LIMIT + " …"),  # one word longer than the limit: cut at the limit
])
def test_summary(words, expected):
    assert summary(words) == expected


def test_a_renumbered_or_deleted_clause_says_so(tmp_path_factory):
    renumbered = edited(tmp_path_factory.mktemp("renumbered"), renumber_g318)
    day, description = page_meta(CorpusIndex(renumbered))[paths.clause(renumbered.clauses["G3.18"])]
    assert day == "2020-01-01" and description.startswith("G3.18 (renumbered as G3.22 in v7.0): The requirements of")
    deleted = edited(tmp_path_factory.mktemp("deleted"), delete_g321)
    description = page_meta(CorpusIndex(deleted))[paths.clause(deleted.clauses["G3.21"])][1]
    assert description.startswith("G3.21 (deleted in v7.0): Any arrangements") and len(description) <= LIMIT + 2
