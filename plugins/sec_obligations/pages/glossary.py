"""The glossary: every term with its anchor, definition, acronym, source and the clauses using it."""

from __future__ import annotations

from .. import paths
from ..model import Term
from ..redline import redline
from . import Site
from .common import Writer, anchor_id, heading, html, page_facts, source_note, title_heading

USED_IN_LIMIT = 40  # a common term is used by thousands of clauses: list the first ones
INTRODUCTION = ("Acronyms and defined terms used in the clauses held here. Where the SEC's legal definition "
                "was not available, the entry gives a plain description and says so.")
TERM_WEIGHT = 10  # search weight of a term's name: the glossary is one long page, its entries must still come first


def render(site: Site) -> str:
    w, corpus = Writer(site, paths.GLOSSARY), site.corpus
    used_by = site.index.used_by
    out = [page_facts("Glossary", "glossary") + title_heading("Glossary"),
           f"<p>{w.prose(INTRODUCTION)}</p>"]
    for term in sorted(corpus.terms.values(), key=lambda t: t.term.lower()):
        name = html(term.term) + (f" ({html(term.acronym)})" if term.acronym else "")
        out.append(heading(2, term.id, name, TERM_WEIGHT))
        current = term.current
        if current.last is not None:
            out.append(f"<p><strong>No longer defined</strong> after {html(current.last.label)}. Its last definition:</p>")
        out.append(f'<p {anchor_id(paths.definition_anchor(current))}>{own_definition(w, term, current.text)}</p>')
        out.append(source_note(current.provenance))
        if term.defined_in and term.defined_in in corpus.clauses:
            clause = corpus.clauses[term.defined_in]
            out.append(f"<p>Defined in {w.a(paths.clause(clause), html(clause.id))}.</p>")
        if term.aliases:
            out.append(f"<p>Also written: {', '.join(html(a) for a in term.aliases)}.</p>")
        if len(term.definitions) > 1:
            out.append(history(w, term))
        clauses = used_by.get(term.id, [])
        if clauses:
            shown = ", ".join(w.a(paths.clause(corpus.clauses[c]), html(c)) for c in clauses[:USED_IN_LIMIT])
            more = f" and {len(clauses) - USED_IN_LIMIT} more clauses" if len(clauses) > USED_IN_LIMIT else ""
            out.append(f"<p data-pagefind-ignore>Used in: {shown}{more}.</p>")
    return "\n".join(out) + "\n"


def own_definition(w: Writer, term: Term, text: str) -> str:
    """A term's definition, linked, but never to the term's own entry (which it is)."""
    linked_before = term.id in w.terms_linked
    w.terms_linked.add(term.id)
    shown = w.prose(text)
    if not linked_before:
        w.terms_linked.discard(term.id)  # still linked at its first use in another entry
    return shown


def history(w: Writer, term: Term) -> str:
    """Every definition the term has had, oldest first, each at ``#<term>--v-<version>`` with a word
    redline from the one before (the current one is also shown above, at ``#<term>``)."""
    items, previous = [], None
    for d in term.definitions:
        span = f"{d.first.label} to {d.last.label}" if d.last else f"{d.first.label} onwards (current)"
        by = f" Introduced by {w.a(paths.modification(d.modification), html(d.modification))}." if d.modification else ""
        note = f" {html(d.change_note)}" if d.change_note else ""
        change = (f'<div class="sec-redline__text" data-pagefind-ignore>{redline(previous.text, d.text)}</div>'
                  if previous else f"<p>{html(d.text)}</p>")
        anchor = "" if d is term.current else f' {anchor_id(paths.definition_anchor(d))}'
        items.append(f"<li{anchor}><p><strong>{html(span)}</strong>.{by}{note}</p>{change}"
                     f"{source_note(d.provenance)}</li>")
        previous = d
    return (f'<details class="sec-definitions" open data-pagefind-weight="0.3"><summary>Every definition of '
            f"{html(term.term)} ({len(term.definitions)}), with the changes from each to the next</summary>"
            f'<ol class="sec-definitions__list">{"".join(items)}</ol></details>')
