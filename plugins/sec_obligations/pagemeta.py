"""What the head of each generated page says about it: a description (Open Graph, search engines)
and a last-modified date for the sitemap, both from the data.

The date is that of the latest release that changed what the page is about (a clause's wordings
or status, a section's clauses, a modification's implementation, a version itself); where that
release's date is known only as a range or not at all, the latest date it can have. Pages with no
date in the data (the glossary, hand-written pages) get none: never the build clock.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import paths
from .corpus_index import CorpusIndex
from .model import Clause, Corpus

LIMIT = 200


def summary(words: str, limit: int = LIMIT) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + " …"


def page_meta(index: CorpusIndex) -> dict[str, tuple[str | None, str | None]]:
    """Source path of each generated page -> (last-modified date or None, description or None)."""
    return dict(_meta(index.corpus, index.date_bounds[1]))


def _meta(corpus: Corpus, highs: list[str | None]) -> Iterator[tuple[str, tuple[str | None, str | None]]]:

    def when(versions) -> str | None:
        return max(filter(None, (highs[v.index] for v in versions)), default=None)

    latest = when(corpus.versions)
    for uri in (paths.CODE, paths.MODIFICATIONS, paths.VERSIONS, paths.RESPONSIBILITY, paths.FINDINGS):
        yield uri, (latest, None)
    for section in corpus.sections.values():
        dates = []
        for clause in section.clauses:
            day = when([t.first for t in clause.texts] + ([clause.status.version] if clause.status else []))
            dates.append(day)
            yield paths.clause(clause), (day, _clause_description(clause))
        yield paths.section(section.id), (max(filter(None, dates), default=None),
                                          summary(section.description or f"{len(section.clauses)} clauses of the code."))
    for m in corpus.modifications.values():
        yield paths.modification(m), (m.date, summary(f"{m.id}: {m.summary}"))
    for v in corpus.versions:
        yield paths.version(v), (highs[v.index], summary(f"{v.title}, {v.date.describe()}: what changed in the code."))
    for o in corpus.obligations.values():
        yield paths.obligation(o), (latest, summary(o.description))


def _clause_description(clause: Clause) -> str:
    if clause.status is not None:
        status = clause.status
        what = f"renumbered as {status.successor}" if status.successor else "deleted"
        return f"{clause.id} ({what} in {status.version.label}): {summary(clause.current.plain(), LIMIT - 60)}"
    return summary(f"{clause.id}: {clause.current.plain()}")
