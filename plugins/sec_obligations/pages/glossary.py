"""The glossary: every term with its anchor, definition, acronym, source and the clauses using it."""

from __future__ import annotations

from .. import paths
from . import Site
from .common import Writer, front_matter, heading, html, source_note, title_heading


USED_IN_LIMIT = 40  # a common term is used by thousands of clauses: list the first ones
INTRODUCTION = ("Acronyms and defined terms used in the clauses held here. Where the SEC's legal definition "
                "was not available, the entry gives a plain description and says so.")
TERM_WEIGHT = 10  # search weight of a term's name: the glossary is one long page, its entries must still come first


def render(site: Site) -> str:
    w, corpus = Writer(site, paths.GLOSSARY), site.corpus
    _, _, used_by = site.references
    out = [front_matter("Glossary", "glossary") + title_heading("Glossary"),
           f"<p>{w.prose(INTRODUCTION)}</p>"]
    for term in sorted(corpus.terms.values(), key=lambda t: t.term.lower()):
        name = html(term.term) + (f" ({html(term.acronym)})" if term.acronym else "")
        out.append(heading(2, term.id, name, TERM_WEIGHT))
        out.append(f"<p>{w.prose(term.definition)}</p>")
        out.append(source_note(term.provenance))
        if term.aliases:
            out.append(f"<p>Also written: {', '.join(html(a) for a in term.aliases)}.</p>")
        clauses = used_by.get(term.id, [])
        if clauses:
            shown = ", ".join(w.a(paths.clause(corpus.clauses[c]), html(c)) for c in clauses[:USED_IN_LIMIT])
            more = f" and {len(clauses) - USED_IN_LIMIT} more clauses" if len(clauses) > USED_IN_LIMIT else ""
            out.append(f"<p data-pagefind-ignore>Used in: {shown}{more}.</p>")
    return "\n".join(out) + "\n"
