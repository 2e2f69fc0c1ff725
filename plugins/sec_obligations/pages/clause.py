"""The clause page: current wording, obligations, full history with redlines, links."""

from __future__ import annotations

from itertools import groupby

from .. import paths
from ..engine import row_label
from ..model import Clause, ClauseText, Obligation, Version
from ..redline import redline
from . import Site, tombstone
from .common import NAMED, answer_html, front_matter, heading, html, source_note, text, version_date, version_title


CITATION_PREFIX = "SEC"  # a citation reads "SEC G3.20(b), as at v6.17"
# Search weight of earlier wordings: still found, ranked below every page's current text.
HISTORY_WEIGHT = 0.3


def wording(site: Site, t: ClauseText, as_at: Version, here: str) -> str:
    """The current wording as finished HTML, its sub-paragraphs at ``#a``, ``#b``, its defined
    terms and references linked as in Markdown (a clause page is mostly finished HTML: see Site.block).

    ``as_at`` is the version a citation names (the last the wording was in force in): the block
    carries what site.js needs for its "copy citation" buttons; the URLs use permanent anchors."""
    linked: set[str] = set()

    def link(words: str | None) -> str:
        return site.linked_html(here, " ".join((words or "").split()), linked)

    parts = [f'<p class="sec-lead">{link(t.lead)}</p>']
    parts += [f'<p class="sec-para" id="{html(p.id)}" data-sec-para="{html(p.id)}">({html(p.id)}) {link(p.text)}</p>'
              for p in t.paragraphs]
    if t.tail:
        parts.append(f'<p class="sec-tail">{link(t.tail)}</p>')
    return f'<div class="sec-text"{cite_attributes(t, as_at)}>{"".join(parts)}</div>'


def cite_attributes(t: ClauseText, as_at: Version) -> str:
    """What site.js needs for the "copy citation" buttons of a wording."""
    return (f' data-sec-cite="{html(CITATION_PREFIX + " " + t.clause_id)}" data-sec-as-at="{html(as_at.label)}"'
            f' data-sec-anchor="{html(t.anchor)}" data-sec-as-at-anchor="{html(paths.as_at(as_at))}"')


def wording_html(t: ClauseText, as_at: Version) -> str:
    """An earlier wording as finished HTML, its sub-paragraphs at ``#v-<version>-<letter>``.

    Earlier wordings skip Markdown (a clause page may hold many); the current wording above is
    Markdown, so its defined terms and references are linked."""
    parts = [f'<p class="sec-lead">{html(t.lead)}</p>']
    parts += [f'<p class="sec-para" id="{paths.text_anchor(t, p.id)}" data-sec-para="{html(p.id)}">'
              f"({html(p.id)}) {html(p.text)}</p>" for p in t.paragraphs]
    if t.tail:
        parts.append(f'<p class="sec-tail">{html(t.tail)}</p>')
    return f'<div class="sec-text"{cite_attributes(t, as_at)} data-pagefind-weight="{HISTORY_WEIGHT}">{"".join(parts)}</div>'


def in_force(site: Site, t: ClauseText) -> str:
    last = f"to {t.last.label}" if t.last else "to date (current)"
    return f"in force from {t.first.label} ({version_date(t.first)}) {last}"


def render(site: Site, clause: Clause) -> str:
    corpus, here = site.corpus, paths.clause(clause)
    section = corpus.sections[clause.section_id]
    topic = next(h for h in section.headings if h.id == clause.heading_id)
    current = clause.current
    out = [
        front_matter(clause.id + (f" {clause.title}" if clause.title else ""), "clause", clause.section_id),
        f"# {clause.id}" + (f" {text(clause.title)}" if clause.title else "") + NAMED,
        site.block(f'<p class="sec-context"><a href="{paths.href(here, paths.section(section.id))}">Section '
                   f'{html(section.id)}: {html(section.title)}</a> › <a href="{paths.href(here, paths.section(section.id), topic.id)}">'
                   f"{html(topic.title)}</a></p>"),
    ]
    if clause.status is not None:
        out += tombstone.notice(site, clause, here)
    elif current.last is not None:
        out.append(f'!!! warning "No longer in force"\n    This clause was last in force in {text(current.last.label)}.')
    out += tombstone.formerly(site, clause, here)
    changed_by = (f' Changed by <a href="{paths.href(here, paths.modification(current.modification))}">'
                  f"{html(current.modification)}</a>." if current.modification else "")
    out.append(site.block(f'<p class="sec-meta">Wording {html(in_force(site, current))}.{changed_by}</p>'
                          + wording(site, current, as_at=current.last or corpus.latest, here=here)
                          + source_note(current.provenance)))
    out += obligations(site, clause, here)
    out += history(site, clause, here)
    out += related(site, clause, here)
    return "\n\n".join(out) + "\n"


def obligations(site: Site, clause: Clause, here: str) -> list[str]:
    """The duties this clause creates, and a compact history of who bore them."""
    obligations_ = site.obligations_of.get(clause.id, [])
    if not obligations_:
        return []
    out = ["## Obligations and who bears them {#obligations}"]
    for o in obligations_:
        out.append(f"### {text(o.title)} {{#obligation-{o.id}}}")
        out.append(f"{text(o.description)} [Full decision table for this obligation]"
                   f"({paths.link(here, paths.obligation(o))}).")
        out.append(site.block(mini_table(site, o)))
    return out


def mini_table(site: Site, o: Obligation) -> str:
    """Who bore an obligation, by device: the same on every clause page that cites it (no links)."""
    if ("mini-table", o.id) in site.shared:
        return site.shared["mini-table", o.id]
    matrix = site.matrix
    body = []
    for row in matrix.rows_of[o.id]:
        runs = []
        for _, group in groupby(matrix.runs(row), key=lambda run: run.verdict.key):
            group = list(group)
            span = group[0].first.label + (f" – {group[-1].last.label}" if group[-1].last != group[0].first else "")
            runs.append(f"{html(span)}: {answer_html(group[0].verdict)}")
        body.append(f'<tr><th scope="row">{html(row_label(row))}</th>'
                    f"<td>{answer_html(matrix.verdict(row, site.corpus.latest))}</td><td>{'; '.join(runs)}</td></tr>")
    site.shared["mini-table", o.id] = (
        f'<table class="sec-mini" data-pagefind-ignore><caption>Who bears “{html(o.short)}”, by device</caption>'
        f'<thead><tr><th scope="col">Device</th><th scope="col">Now ({html(site.corpus.latest.label)})</th>'
        f'<th scope="col">Over time</th></tr></thead><tbody>{"".join(body)}</tbody></table>')
    return site.shared["mini-table", o.id]


def history(site: Site, clause: Clause, here: str) -> list[str]:
    """Every wording, oldest first, as one block of finished HTML (a clause may have dozens)."""
    versions = site.corpus.versions
    parts, headings = [], []
    previous: ClauseText | None = None
    for t in clause.texts:
        title = html(t.first.label) + (" onwards" if t.last is None else " to " + html(t.last.label))
        headings.append((t.anchor, title))
        parts.append(heading(3, t.anchor, title, HISTORY_WEIGHT))
        markers = "".join(f'<span id="{paths.as_at(v)}"></span>' for v in versions if t.in_force(v) and v != t.first)
        if markers:
            parts.append(f'<p class="sec-markers">{markers}</p>')
        facts = [f"Wording {html(in_force(site, t))}."]
        if t.modification:
            facts.append(f'Introduced by <a href="{paths.href(here, paths.modification(t.modification))}">{html(t.modification)}</a>.')
        if t.change_note:
            facts.append(html(t.change_note))
        facts.append(f'Release: <a href="{paths.href(here, paths.version(t.first))}">{html(version_title(t.first))}</a>.')
        parts.append(f'<p data-pagefind-weight="{HISTORY_WEIGHT}">{" ".join(facts)}</p>')
        parts.append(source_note(t.provenance))
        if previous is not None:
            parts.append(f'<details class="sec-redline" open data-pagefind-ignore><summary>Changes from the wording in force until '
                         f'{html(previous.last.label)}</summary><div class="sec-redline__text">'
                         f"{redline(previous.plain(), t.plain())}</div></details>")
        parts.append(wording_html(t, as_at=t.last or site.corpus.latest))
        previous = t
    return ["## History {#history}",
            f"Every wording of {clause.id} held here, oldest first. Deleted words are struck through and "
            "inserted words underlined, each also marked in words for screen readers.",
            site.block("".join(parts), headings=("history", headings))]


def related(site: Site, clause: Clause, here: str) -> list[str]:
    """Terms used, backlinks and modifications: plain lists of links, written as finished HTML."""
    corpus, out = site.corpus, []
    _, uses, _ = site.references
    terms = [corpus.terms[t] for t in uses.get(clause.id, [])]
    if terms:
        out.append("## Defined terms used {#terms}")
        out.append(site.block(link_list((paths.href(here, paths.GLOSSARY, t.id), t.term, t.acronym) for t in terms)))
    back = site.referenced_by.get(clause.id, [])
    out.append("## Referenced by {#referenced-by}")
    out.append(site.block(link_list((paths.href(here, paths.clause(corpus.clauses[c])), c, None) for c in sorted(back)))
               if back else "No other clause held here refers to this one.")
    mods = site.clause_modifications(clause)
    out.append("## Modifications {#modifications}")
    out.append(site.block(link_list((paths.href(here, paths.modification(m)), f"{m}: {corpus.modifications[m].title}", None)
                                    for m in mods)) if mods else "No modification held here changed this clause.")
    return out


def link_list(items) -> str:
    """``(href, text, note)`` items as an HTML list of links."""
    return "<ul data-pagefind-ignore>" + "".join(f'<li><a href="{href}">{html(words)}</a>' + (f" ({html(note)})" if note else "") + "</li>"
                            for href, words, note in items) + "</ul>"
