"""What a renumbered or deleted clause's page says, and the "formerly" note on its successor's page.

A clause that no longer exists keeps its page at its permanent address, with its last text in
force and its history, as legislation.gov.uk keeps repealed sections in place. The page of a
renumbered clause names its successor in ``data-sec-successor``: site.js forwards a visit there,
keeping the #fragment (a history anchor ``#v-...`` of the old page stays on the old page).
"""

from __future__ import annotations

from .. import paths
from ..model import Clause
from . import Site
from .common import html, source_note, text

KIND_WORDS = {"renumbered": "Renumbered", "deleted": "Deleted"}


def notice(site: Site, clause: Clause, here: str) -> list[str]:
    """The notice at the top of a renumbered or deleted clause's page."""
    status, corpus = clause.status, site.corpus
    last = clause.current
    when = f"in [{text(status.version.label)}]({paths.link(here, paths.version(status.version))})"
    by = (f" by [{status.modification}]({paths.link(here, paths.modification(status.modification))})"
          if status.modification else "")
    kept = (f"[The last text in force]({paths.link(here, here, last.anchor)}), from {text(last.first.label)} to "
            f"{text(last.last.label)}, and its history are kept below.")
    if status.kind == "renumbered":
        successor = corpus.clauses[status.successor]
        target = paths.link(here, paths.clause(successor))
        title = f"Renumbered as {successor.id}"
        body = (f"{clause.id} was renumbered as [{successor.id}]({target}) {when}{by}. Links to this address lead to "
                f"[{successor.id}]({target}), keeping the sub-paragraph they name. {kept}")
        attrs = f' data-sec-successor="{html(paths.href(here, paths.clause(successor)))}"'
    else:
        title, attrs = "Deleted", ""
        body = f"{clause.id} was deleted {when}{by}. {kept}"
    note = f"\n\n{text(status.note)}" if status.note else ""
    return [f'<div class="admonition warning sec-tombstone"{attrs} markdown>\n'
            f'<p class="admonition-title">{html(title)}</p>\n\n{body}{note}\n\n'
            + source_note(status.provenance) + "\n\n</div>"]


def formerly(site: Site, clause: Clause, here: str) -> list[str]:
    """On a successor's page: the clauses renumbered as this one, whose earlier wordings stay on their pages."""
    notes = []
    for old in site.predecessors.get(clause.id, []):
        version = old.status.version
        notes.append(f'<p class="sec-meta" markdown="span">Formerly [{old.id}]({paths.link(here, paths.clause(old))}), '
                     f"renumbered as {clause.id} in [{text(version.label)}]({paths.link(here, paths.version(version))}): "
                     f"its wordings before then are on its page.</p>")
    return notes
