"""What an edit to the data reaches: the generated pages whose content it can change.

``mkdocs serve`` renders only these again after an edit (plugin.py); every other page keeps what
the build before wrote. The common edit, a clause's wording or title, reaches the clause's page,
its section's pages, the pages of the modifications and releases that show its wordings, and the
clauses whose backlinks or the glossary whose "used in" lists it changes. An edit this module does
not bound reaches everything (None): versions, sources, parties, devices, obligations, the
glossary, modifications, a section's headings or clause order, a clause added or removed, a
change to the provisions a clause has (references elsewhere link to them), or to the versions,
modification or status of the wordings of a clause an obligation rests on (the decision table
reads them). When it names the pages, the decision table's answers are the same as before. It
knows nothing of HTML or MkDocs.
"""

from __future__ import annotations

from . import paths
from .corpus_index import CorpusIndex
from .engine import clauses_of
from .model import Clause, Corpus

# What every page may show: a change to any of these reaches everything.
WHOLE = ("sources", "versions", "parties", "generations", "device_types", "terms", "obligations", "modifications")


def reached(old: CorpusIndex, new: CorpusIndex) -> set[str] | None:
    """The source paths of the generated pages an edit from ``old`` to ``new`` can change (their
    open data goes with them), or None when it can change any page."""
    before, after = old.corpus, new.corpus
    if any(getattr(before, name) != getattr(after, name) for name in WHOLE) or _outline(before) != _outline(after):
        return None
    changed = [c for c in after.clauses if before.clauses[c] != after.clauses[c]]
    rested_on = {c for o in after.obligations.values() for c in clauses_of(o)}
    pages: set[str] = set()
    for clause_id in changed:
        was, now = before.clauses[clause_id], after.clauses[clause_id]
        if _provisions(was) != _provisions(now) or (clause_id in rested_on and _in_force(was) != _in_force(now)):
            return None
        pages |= _shown_in(old, was) | _shown_in(new, now)
        (cited, used), (cites, uses) = old.references_of(was), new.references_of(now)
        pages |= {paths.clause(after.clauses[c]) for c in cited ^ cites}  # their backlinks
        if used != uses:  # the glossary says where each term is used
            pages.add(paths.GLOSSARY)
    if pages:
        pages |= {paths.CODE, paths.VERSIONS}
    return pages


def _outline(corpus: Corpus) -> tuple:
    """The sections, their headings and the order of their clauses: the navigation and every list of clauses."""
    return tuple((s.id, s.title, s.description, tuple((h.id, h.title, tuple(c.id for c in h.clauses)) for h in s.headings))
                 for s in corpus.sections.values())


def _provisions(clause: Clause) -> set:
    return {path for t in clause.texts for path, _ in t.provisions()}


def _in_force(clause: Clause) -> tuple:
    """What the decision table reads of a clause: which wording is in force when, and what brought it."""
    return tuple((t.first, t.last, t.modification) for t in clause.texts), clause.status


def _shown_in(index: CorpusIndex, clause: Clause) -> set[str]:
    """The pages that show something of the clause besides a link to it, as the index knows it."""
    corpus = index.corpus
    pages = {paths.clause(clause), paths.section(clause.section_id), paths.section_as_at(clause.section_id)}
    versions = {t.first for t in clause.texts} | ({clause.status.version} if clause.status else set())
    pages |= {paths.version(v) for v in versions}
    mods = {*index.modifications_of(clause), *(m.id for m, _ in index.proposals_of.get(clause.id, []))}
    pages |= {paths.modification(corpus.modifications[m]) for m in mods if m in corpus.modifications}
    related = [*index.predecessors.get(clause.id, [])]
    if clause.status and clause.status.successor in corpus.clauses:
        related.append(corpus.clauses[clause.status.successor])
    pages |= {paths.clause(c) for c in related}
    return pages
