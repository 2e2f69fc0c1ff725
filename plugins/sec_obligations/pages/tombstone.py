"""What a renumbered or deleted clause's page says, and the "formerly" note on its successor's page.

A clause that no longer exists keeps its page at its permanent address, with its last text in
force and its history, as legislation.gov.uk keeps repealed sections in place. The page of a
renumbered clause names its successor in ``data-sec-successor``: clause.js forwards a visit there,
keeping the #fragment (a history anchor ``#v-...`` of the old page stays on the old page).
"""

from __future__ import annotations

from .. import paths
from ..model import Clause
from .common import Writer, admonition, html, source_note

KIND_WORDS = {"renumbered": "Renumbered", "deleted": "Deleted"}


def notice(w: Writer, clause: Clause) -> str:
    """The notice at the top of a renumbered or deleted clause's page."""
    status, corpus = clause.ended, w.site.corpus
    last = clause.current
    assert last.last is not None  # its last text ends in the version before it went
    when = f"in {w.a(paths.version(status.version), html(status.version.label))}"
    by = f" by {w.a(paths.modification(status.modification), html(status.modification))}" if status.modification else ""
    kept = (f"{w.a(w.here, 'The last text in force', paths.text_anchor(last))}, from {html(last.first.label)} to "
            f"{html(last.last.label)}, and its history are kept below.")
    if status.successor:
        successor = corpus.clauses[status.successor]
        to = w.a(paths.clause(successor), html(successor.id))
        title = f"Renumbered as {successor.id}"
        body = (f"{html(clause.id)} was renumbered as {to} {when}{by}. Links to this address lead to "
                f"{to}, keeping the sub-paragraph they name. {kept}")
        attributes = f' data-sec-successor="{w.href(paths.clause(successor))}"'
    else:
        title, attributes = "Deleted", ""
        body = f"{html(clause.id)} was deleted {when}{by}. {kept}"
    note = f"<p>{w.prose(status.note)}</p>" if status.note else ""
    return admonition("warning sec-tombstone", title, f"<p>{body}</p>{note}{source_note(status.provenance)}", attributes)


def formerly(w: Writer, clause: Clause) -> list[str]:
    """On a successor's page: the clauses renumbered as this one, whose earlier wordings stay on their pages."""
    notes = []
    for old in w.site.index.predecessors.get(clause.id, []):
        version = old.ended.version
        notes.append(f'<p class="sec-meta">Formerly {w.a(paths.clause(old), html(old.id))}, renumbered as {html(clause.id)} '
                     f"in {w.a(paths.version(version), html(version.label))}: its wordings before then are on its page.</p>")
    return notes
