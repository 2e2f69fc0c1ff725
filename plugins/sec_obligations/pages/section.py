"""Section pages (clauses grouped under their headings) and the index of sections."""

from __future__ import annotations

from html import escape

from .. import paths
from ..model import NOT_USED, ClauseText, Section, Version
from . import Site
from .common import STATUS_WORDS, Writer, admonition, anchor_id, breadcrumb, bullets, heading, html, page_facts, title_heading
from .wording import definitions_in, wording_parts


def render_index(site: Site) -> str:
    w = Writer(site, paths.CODE)
    items = (f"{w.a(paths.section(s.id), f'Section {html(s.id)}: {html(s.title)}')} ({len(s.clauses)} clauses)"
             for s in site.corpus.sections.values())
    return (page_facts("The code", "section") + title_heading("The Smart Energy Code")
            + "<p>The sections of the code held here. Each clause has its own page with every wording it has had.</p>"
            + bullets(items) + "\n")


def render(site: Site, section: Section) -> str:
    w = Writer(site, paths.section(section.id))
    title = f"Section {section.id}: {section.title}"
    out = [page_facts(title, "section", section.id) + title_heading(title), breadcrumb(w, f"Section {html(section.id)}")]
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
    links = ", ".join(w.a(paths.section_as_at(section.id), html(v.label), paths.version_anchor(v)) for v in versions)
    out += [heading(2, "as-at", "The whole section as at a version"),
            f"<p>Every clause of Section {html(section.id)} in force in one version, in order, to read or print "
            f"(newest first): {links}.</p>"]
    return "\n".join(out) + "\n"


AS_AT_KIND = "as-at"  # this page repeats the clause pages: search leaves it out (see plugin.py)
AS_AT_CSS = "assets/sec-obligations/as-at.css"  # its rules, one set per version (see as_at_css)


def render_as_at(site: Site, section: Section) -> str:
    """The whole section as at any version, on one page: every wording of every clause, each marked
    with the versions it was in force (``data-in``). The version shown is the one the address names,
    ``#v-6.17``: CSS (``:target``) shows only its wordings, without JavaScript; the latest without an
    anchor. One page holds what a page per version would repeat a hundred times."""
    here, corpus = paths.section_as_at(section.id), site.corpus
    w = Writer(site, here)
    latest = corpus.latest
    title = f"Section {section.id}: {section.title}, as at a version"
    out = [page_facts(title, AS_AT_KIND, section.id) + title_heading(title),
           breadcrumb(w, w.a(paths.section(section.id), f"Section {html(section.id)}"), "As at a version")]
    # The targets first: the CSS shows what follows them by the one the address names.
    out.append("".join(f'<span class="sec-at" {anchor_id(paths.version_anchor(v))}></span>' for v in corpus.versions))
    body = [_versions_nav(w, section), _notes(site, section)]
    for topic in section.headings:
        wordings = [t for c in topic.clauses for t in c.texts]
        if not wordings:
            continue
        body.append(f'<h2 class="sec-asat-heading" {anchor_id(topic.id)}>{html(topic.title)}</h2>')
        body += [_wording_as_at(w, t) for t in wordings]
    out.append(f'<div class="sec-asat" data-sec-latest="{html(latest.id)}">{"".join(body)}</div>')
    return "\n".join(out) + "\n"


def _in_force(site: Site, first: Version, last: Version | None) -> str:
    return " ".join(v.id for v in site.corpus.versions[first.index:(last.index + 1) if last else None])


def _versions_nav(w: Writer, section: Section) -> str:
    """Links to every version (newest first): each shows the section as at it, on this page."""
    items = "".join(f'<li><a href="#{html(paths.version_anchor(v))}">{html(v.label)}</a> ({html(v.date.describe())})</li>'
                    for v in reversed(w.site.corpus.versions))
    return (f'<details class="sec-asat-versions"><summary>Choose the version</summary>'
            f'<ul class="sec-asat-versions__list">{items}</ul></details>')


def _notes(site: Site, section: Section) -> str:
    """For each version: its name and date, which texts are reconstructed, the running line in print."""
    notes = []
    for v in site.corpus.versions:
        texts = [(c, t) for c in section.clauses if (t := c.text_at(v)) is not None]
        reconstructed = [c.id for c, t in texts if t.provenance.status == "reconstructed"]
        described = [c.id for c, t in texts if t.provenance.status == "description"]
        kinds = (("reconstructed", "are deduced, not quoted from the code", reconstructed),
                 ("description", "are written here to describe the clause, not quoted from the code", described))
        said = "".join(f"<p>Texts marked <strong>{STATUS_WORDS[status]}</strong> {meaning}: {html(', '.join(ids))}.</p>"
                       for status, meaning, ids in kinds if ids) or "<p>Every text below is given as the source prints it.</p>"
        if not texts:
            said = f"<p>No clause of Section {html(section.id)} held here is in force in {html(v.label)}.</p>"
        marks = [words for ids, words in ((reconstructed, "reconstructed text"), (described, "descriptions")) if ids]
        running = f"SEC Section {section.id} as at {v.label}" + (f" · {' and '.join(marks)} marked" if marks else "")
        now = " sec-now" if v == site.corpus.latest else ""
        notes.append(f'<div class="sec-asat-note{now}" data-in="{html(v.id)}">'
                     f'<p class="sec-print-running" aria-hidden="true">{html(running)}</p>'
                     + admonition("info", f"Section {section.id} as at {v.label}",
                                  f"<p>The section as held here in {html(v.title)} ({html(v.date.describe())}). "
                                  f"The section page lists each clause with its whole history.</p>{said}") + "</div>")
    return "".join(notes)


def _wording_as_at(w: Writer, t: ClauseText) -> str:
    """One wording of a clause, shown in the versions it was in force (the definitions table, if it
    holds it, with each definition shown in the versions it was in force)."""
    site = w.site
    latest = site.corpus.latest
    first, last = t.first, t.last or site.corpus.versions[-1]
    clause = site.corpus.clauses[t.clause_id]
    words = Writer(site, w.here)  # terms linked at their first use in each wording
    status = t.provenance.status
    mark = (f' <span class="sec-prov sec-prov--{status}">{html(STATUS_WORDS[status])}</span>'
            if status in ("reconstructed", "description") else "")
    anchor = f"{clause.id}--{paths.text_anchor(t)}"
    body = wording_parts(t, words.prose, lambda path: f"{anchor}-{paths.provision_anchor(path)}",
                         definitions_in(words, t, first, last, latest) if t.definitions else "")
    now = " sec-now" if first <= latest <= last else ""
    page = words.a(paths.clause(clause), f"{html(clause.id)}: its page, with every wording", paths.text_anchor(t))
    return (f'<div class="sec-w{now}" data-in="{_in_force(site, first, last)}">'
            f'<h3 {anchor_id(anchor)}>{html(clause.id)}{mark}</h3><p class="sec-context">{page}</p>'
            f'<div class="sec-text sec-text--as-at">{body}</div></div>')


def as_at_css(site: Site) -> str:
    """The rules that show the wordings of the version an as-at page's address names: by its anchor
    (``:target``, without JavaScript) or as clause.js marks it (``data-at``, after instant navigation)."""
    # "revert": what the element is (a block, a table row), whatever the rule that hid it.
    rules = [".sec-asat [data-in]:not(.sec-now){display:none}"]
    for v in site.corpus.versions:
        key = v.id  # ids hold letters, digits, "_", "." and "-" only: safe inside a quoted CSS string
        at = (f'[id="v-{key}"]:target~.sec-asat', f'.sec-asat[data-at="{key}"]')
        rules.append(",".join(f'{a} [data-in~="{key}"]' for a in at) + "{display:revert}")
        rules.append(",".join(f'{a} .sec-now:not([data-in~="{key}"])' for a in at) + "{display:none}")
    return "\n".join(rules) + "\n"


def as_at_redirect(section: Section, version: Version) -> str:
    """The permanent address of a section as at one version: a small page that names the version and
    leads to the section as at any version, at its anchor (a meta refresh: works without JavaScript)."""
    target = escape(f"../#{paths.version_anchor(version)}")
    words = escape(f"Section {section.id} as at {version.label} ({version.date.describe()})")
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<title>{words}</title><meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="refresh" content="0; url={target}"><link rel="canonical" href="../">'
            f'<meta name="robots" content="noindex"></head><body><main><p><a href="{target}">{words}</a></p></main>'
            '</body></html>\n')


def _summary(words: str, limit: int = 160) -> str:
    """The first words of a clause, cut at a word boundary."""
    words = " ".join(words.split())
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + " …"
