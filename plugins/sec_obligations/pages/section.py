"""Section pages (clauses grouped under their headings) and the index of sections."""

from __future__ import annotations

from html import escape

from .. import paths
from ..model import NOT_USED, ClauseText, Section, Version, provision_anchor
from . import Site
from .wording import definitions_table, wording_parts
from .common import STATUS_WORDS, Writer, admonition, bullets, front_matter, heading, html, title_heading, version_date


def render_index(site: Site) -> str:
    w = Writer(site, paths.CODE)
    items = (f"{w.a(paths.section(s.id), f'Section {html(s.id)}: {html(s.title)}')} ({len(s.clauses)} clauses)"
             for s in site.corpus.sections.values())
    return (front_matter("The code", "section") + title_heading("The Smart Energy Code")
            + "<p>The sections of the code held here. Each clause has its own page with every wording it has had.</p>"
            + bullets(items) + "\n")


def render(site: Site, section: Section) -> str:
    w = Writer(site, paths.section(section.id))
    title = f"Section {section.id}: {section.title}"
    out = [front_matter(title, "section", section.id) + title_heading(title)]
    if section.description:
        out.append(f"<p>{w.prose(section.description)}</p>")
    for topic in section.headings:
        out.append(heading(2, topic.id, html(topic.title)))
        items = []
        for c in topic.clauses:
            current = c.current
            status = "" if current.last is None else f" (not in force since {html(current.last.label)})"
            items.append(f"{w.a(paths.clause(c), html(c.id))}{status}: {w.prose(_summary(current.lead or NOT_USED))}")
        out.append(bullets(items))
    versions = list(reversed(site.corpus.versions))
    links = ", ".join(w.a(as_at_page(site, section.id, v), html(v.label)) for v in versions)
    out += [heading(2, "as-at", "The whole section as at a version"),
            f"<p>Every clause of Section {html(section.id)} in force in one version, in order, to read or print "
            f"(newest first): {links}.</p>"]
    return "\n".join(out) + "\n"


def as_at_page(site: Site, section_id: str, v: Version) -> str:
    """The as-at page showing the section in ``v`` (the first version of the run reading the same)."""
    return paths.section_as_at(section_id, site.section_state(section_id, v)[0])


AS_AT_KIND = "as-at"  # these pages repeat the clause pages: search leaves them out (see plugin.py)


def span(first: Version, last: Version) -> str:
    """``v5.20`` or ``v5.20 to v6.17``."""
    return first.label + ("" if last == first else f" to {last.label}")


def render_as_at(site: Site, section: Section, first: Version, last: Version) -> str:
    """The whole section as in force in ``first`` .. ``last`` (it reads the same in each): every clause in
    order, provisions at ``#<clause>-b-ii``, terms linked to the definitions then in force."""
    here = paths.section_as_at(section.id, first)
    w = Writer(site, here)
    title = f"Section {section.id}: {section.title}, as at {span(first, last)}"
    versions = site.corpus.versions[first.index:last.index + 1]
    dates = "; ".join(f"{html(v.label)}: {html(version_date(v))}" for v in versions)
    clauses = [(c, t) for c in section.clauses if (t := c.text_at(first)) is not None]
    marked = [c.id for c, t in clauses if t.provenance.status in ("reconstructed", "description")]
    said = (f"<p>Texts marked <strong>Reconstructed</strong> are deduced, not quoted from the code: "
            f"{html(', '.join(marked))}.</p>" if marked else "<p>Every text below is given as the source prints it.</p>")
    running = f"SEC Section {section.id} as at {span(first, last)}" + (" · reconstructed text marked" if marked else "")
    out = [front_matter(title, AS_AT_KIND, section.id) + title_heading(title),
           f'<p class="sec-print-running" aria-hidden="true">{html(running)}</p>',
           admonition("info sec-as-at", f"Section {section.id} as at {span(first, last)}",
                      f"<p>The section as held here in {'this version' if first == last else 'these versions, in which it reads the same'} "
                      f"({dates}). {w.a(paths.section(section.id), 'The section page')} lists each clause with its whole "
                      f"history.</p>{said}")]
    if not clauses:
        out.append(f"<p>No clause of Section {html(section.id)} held here is in force in {html(first.label)}.</p>")
    shown = {c.id for c, _ in clauses}
    for topic in section.headings:
        if not any(c.id in shown for c in topic.clauses):
            continue
        out.append(heading(2, topic.id, html(topic.title)))
        out += [_clause_as_at(w, t, first) for c in topic.clauses if (t := c.text_at(first)) is not None]
    return "\n".join(out) + "\n"


def _clause_as_at(w: Writer, t: ClauseText, version: Version) -> str:
    """One clause on an as-at page; the same wording in the same definitions reads the same on every
    page showing it, so it is written once (a section page per version would otherwise cost a build)."""
    site = w.site
    clause = site.corpus.clauses[t.clause_id]
    _, uses, _ = site.references
    changing = tuple(site.corpus.terms[term].definition_at(version) for term in uses.get(clause.id, [])
                     if len(site.corpus.terms[term].definitions) > 1)
    key = ("as-at", id(t), changing, w.here.rsplit("/", 2)[0])
    if key not in site.shared:
        clause_words = Writer(site, w.here)  # terms linked at their first use in each clause
        status = t.provenance.status
        mark = (f' <span class="sec-prov sec-prov--{status}">{html(STATUS_WORDS[status])}</span>'
                if status in ("reconstructed", "description") else "")
        body = wording_parts(t, lambda words: clause_words.prose(words, version),
                             lambda path: f"{clause.id}-{provision_anchor(path)}", definitions_table(clause_words, t, version))
        page = clause_words.a(paths.clause(clause), f"{html(clause.id)}: its page, with every wording", t.anchor)
        site.shared[key] = (heading(3, clause.id, html(clause.id) + mark) + f'<p class="sec-context">{page}</p>'
                            + f'<div class="sec-text sec-text--as-at">{body}</div>')
    return site.shared[key]


def as_at_redirect(site: Site, section: Section, version: Version, first: Version, last: Version) -> str:
    """A version's as-at address where the section reads as in ``first``: a small page that names the
    version and sends readers on, keeping the #fragment (a meta refresh: works without JavaScript)."""
    target = paths.href(paths.section_as_at(section.id, version), paths.section_as_at(section.id, first))
    words = (f"Section {section.id} as at {version.label} ({version_date(version)}) reads as it did from "
             f"{first.label} to {last.label}")
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<title>{escape(words)}</title><meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="refresh" content="0; url={escape(target)}"><link rel="canonical" href="{escape(target)}">'
            f'<meta name="robots" content="noindex"></head><body><main><p>{escape(words)}: '
            f'<a href="{escape(target)}">read Section {escape(section.id)} as at {escape(span(first, last))}</a>.</p></main>'
            '</body></html>\n')


def _summary(words: str, limit: int = 160) -> str:
    """The first words of a clause, cut at a word boundary."""
    words = " ".join(words.split())
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + " …"
