"""The glossary: every term with its anchor, definition, acronym, source and the clauses using it."""

from __future__ import annotations

from .. import paths
from . import Site
from .common import front_matter, source_note, text


USED_IN_LIMIT = 40  # a common term is used by thousands of clauses: list the first ones
TERM_WEIGHT = 10  # search weight of a term's name: the glossary is one long page, its entries must still come first


def render(site: Site) -> str:
    here, corpus = paths.GLOSSARY, site.corpus
    _, _, used_by = site.references
    out = [front_matter("Glossary", "glossary"), "# Glossary",
           "Acronyms and defined terms used in the clauses held here. Where the SEC's legal definition "
           "was not available, the entry gives a plain description and says so."]
    for term in sorted(corpus.terms.values(), key=lambda t: t.term.lower()):
        name = text(term.term) + (f" ({text(term.acronym)})" if term.acronym else "")
        out.append(f'## {name} {{#{term.id} data-pagefind-weight="{TERM_WEIGHT}"}}')
        out.append(text(term.definition))
        facts = [source_note(term.provenance)]
        if term.aliases:
            facts.append(f"Also written: {', '.join(text(a) for a in term.aliases)}.")
        clauses = used_by.get(term.id, [])
        if clauses:
            shown = ", ".join(f"[{c}]({paths.link(here, paths.clause(corpus.clauses[c]))})" for c in clauses[:USED_IN_LIMIT])
            more = f" and {len(clauses) - USED_IN_LIMIT} more clauses" if len(clauses) > USED_IN_LIMIT else ""
            facts.append(f'<p data-pagefind-ignore markdown="span">Used in: {shown}{more}.</p>')
        out.append("\n\n".join(facts))
    return "\n\n".join(out) + "\n"
