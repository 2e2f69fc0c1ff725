"""What an edit reaches (reach.py), checked against rendering everything: after each edit, every
page (and page data file) whose content differs from before must be among the pages ``reached``
names, or ``reached`` must say "everything". Edits of every kind the fast path claims to bound, on
the code as written (tests/data/fixture) and on a smoke-size synthetic corpus."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from sec_obligations import export, paths
from sec_obligations.engine import clauses_of
from sec_obligations.loader import load
from sec_obligations.model import Corpus
from sec_obligations.opendata import OpenData, data_uri
from sec_obligations.pages import Page, Site
from sec_obligations.pages.responsibility import explorer_data
from sec_obligations.reach import reached

from conftest import FIXTURE, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import SIZES, Generator

Raw = dict
DATA, ENGINE = "#data", "the decision table's answers"  # a page's data file; what comes of the engine


@dataclass
class Rendered:
    site: Site
    pages: dict[str, Page]
    data: dict[str, str]  # open data file -> content
    shown: dict[str, object]  # page (or page + DATA, or ENGINE) -> what it shows


def rendered(corpus: Corpus, before: Rendered | None = None, again: set[str] | None = None) -> Rendered:
    """Every page's recorded facts and every page data file, by source path; with ``before``, as a
    rebuild after an edit makes them (only the pages ``again`` names rendered, the rest kept)."""
    site = Site(corpus)
    if before is not None:
        site.keep_from(before.site)
    pages = {p.uri: p for p in site.pages(again, before.pages if before else None)}
    data = dict(OpenData(site.index, site.matrix, "https://example.org/").files(((p.uri, p.subject) for p in pages.values()),
                                                                                  again))
    if before is not None:
        data = {**before.data, **data}
    shown: dict[str, object] = {p.uri: p.shown for p in pages.values()}
    shown |= {p.uri + DATA: data[data_uri(p.uri)] for p in pages.values() if data_uri(p.uri) in data}
    shown[ENGINE] = (export.matrix_json(site.matrix), explorer_data(site), [m for v, *m in OpenData(
        site.index, site.matrix, "https://example.org/").version_matrices()])
    return Rendered(site, pages, data, shown)


def prose(text: Raw) -> tuple[Raw, str]:
    """The first piece of prose in a wording (its lead, or its first provision's text)."""
    for key in ("lead", "text"):
        if isinstance(text.get(key), str):
            return text, key
    for part in text.get("provisions", text.get("paragraphs", [])):
        found = prose(part)
        if found[1]:
            return found
    return text, ""


def edit_prose(which: int, change: Callable[[str, Corpus], str]) -> Callable[[Raw, Corpus], bool]:
    def edit(clause: Raw, corpus: Corpus) -> bool:
        if len(clause["texts"]) <= abs(which) - (which < 0):
            return False
        holder, key = prose(clause["texts"][which])
        if not key:
            return False
        holder[key] = change(holder[key], corpus)
        return True
    return edit


def retitle(clause: Raw, corpus: Corpus) -> bool:
    clause["title"] = (clause.get("title") or "Untitled") + " and Notices"
    return True


def another_clause(clause_id: str, corpus: Corpus) -> str:
    return next(c for c in sorted(corpus.clauses) if c != clause_id and corpus.clauses[c].status is None)


EDITS = {
    "a word of the current wording": edit_prose(-1, lambda s, c: s.replace(" ", " promptly ", 1)),
    "a word of the first wording": edit_prose(0, lambda s, c: s + " (as amended)"),
    "a title": retitle,
    "a reference to another clause added": edit_prose(-1, lambda s, c: s + f" Subject to {another_clause('', c)}."),
    "a defined term used": edit_prose(-1, lambda s, c: s + f" The {sorted(t.term for t in c.terms.values())[0]} applies."),
}


def corpus_copy(kind: str, tmp: Path) -> Path:
    target = tmp / kind
    if kind == "fixture":
        shutil.copytree(FIXTURE, target)
    else:
        Generator(*SIZES["smoke"]).write(target)
    return target


def targets(corpus: Corpus) -> list[str]:
    """Clauses of several shapes: one with several wordings, one that another clause refers to, one
    that refers to another, a renumbered or deleted one, one an obligation rests on and one none does."""
    site = Site(corpus)
    rested_on = {c for o in corpus.obligations.values() for c in clauses_of(o)}
    shapes = [lambda c: len(c.texts) > 1, lambda c: c.id in site.index.referenced_by, lambda c: c.id in site.index.cites,
              lambda c: c.status is not None, lambda c: c.id in rested_on, lambda c: c.id not in rested_on]
    clauses = list(corpus.clauses.values())
    return list(dict.fromkeys(next(c.id for c in clauses if shape(c)) for shape in shapes if any(shape(c) for c in clauses)))


def apply(root: Path, clause_id: str, edit: Callable[[Raw, Corpus], bool], corpus: Corpus) -> bool:
    file = root / "sections" / f"{corpus.clauses[clause_id].section_id}.yaml"
    raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    clause = next(c for h in raw["headings"] for c in h["clauses"] if c["id"] == clause_id)
    if not edit(clause, corpus):
        return False
    file.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return True


@pytest.mark.parametrize("kind", ["fixture", "smoke"])
def test_every_page_an_edit_changes_is_among_those_it_reaches(tmp_path, kind):
    root = corpus_copy(kind, tmp_path)
    corpus = load(root)
    chosen = targets(corpus)
    assert len(chosen) >= 3, chosen
    bounded = 0
    for clause_id in chosen:
        for name, edit in EDITS.items():
            before = rendered(corpus := load(root))
            if not apply(root, clause_id, edit, corpus):
                continue
            after = rendered(load(root))
            changed = {uri.removesuffix(DATA) for uri in before.shown.keys() | after.shown.keys()
                       if before.shown.get(uri) != after.shown.get(uri)}
            reach = reached(before.site.index, after.site.index)
            assert changed, f"{name} of {clause_id} changed no page"
            assert reach is not None, f"{name} of {clause_id}: an edit to a clause's words is bounded"
            assert paths.clause(after.site.corpus.clauses[clause_id]) in reach
            assert ENGINE not in changed
            assert changed <= reach, f"{name} of {clause_id} changed pages it does not reach: {sorted(changed - reach)}"
            rebuilt = rendered(after.site.corpus, before, reach)  # as a rebuild under serve makes it
            assert rebuilt.shown == after.shown and rebuilt.data == after.data, f"{name} of {clause_id}: a rebuild differs"
            bounded += 1
    assert bounded >= 10


def test_an_edit_to_what_every_page_shows_reaches_everything(tmp_path):
    root = corpus_copy("fixture", tmp_path)
    before = Site(load(root))
    versions = root / "versions.yaml"
    versions.write_text(versions.read_text(encoding="utf-8").replace("release: ", "release: Revised ", 1), encoding="utf-8")
    assert reached(before.index, Site(load(root)).index) is None


def test_a_new_wording_of_a_clause_an_obligation_rests_on_reaches_everything(tmp_path):
    root = corpus_copy("fixture", tmp_path)
    corpus = load(root)
    rested_on = sorted({c for o in corpus.obligations.values() for c in clauses_of(o)})[0]

    def renamed_modification(clause: Raw, corpus: Corpus) -> bool:
        clause["texts"][-1]["modification"] = sorted(corpus.modifications)[0]
        return True

    assert apply(root, rested_on, renamed_modification, corpus)
    assert reached(Site(corpus).index, Site(load(root)).index) is None


def test_no_edit_reaches_nothing(tmp_path):
    corpus = load(corpus_copy("fixture", tmp_path))
    assert reached(Site(corpus).index, Site(load(FIXTURE)).index) == set()
