"""The clause page: current wording, obligations, full history with redlines, links."""

from __future__ import annotations

from itertools import groupby

from .. import paths
from ..engine import row_label
from ..model import Clause, ClauseText, Obligation, Version
from ..redline import redline
from . import Site, tombstone
from .common import NAMED, Writer, admonition, anchor_id, answer_html, breadcrumb, heading, html, page_facts, source_note, title_heading
from .wording import definitions_table, wording_parts

CITATION_PREFIX = "SEC"  # a citation reads "SEC G3.20(b), as at v6.17"
# Search weight of earlier wordings: still found, ranked below every page's current text.
HISTORY_WEIGHT = 0.3


def wording(w: Writer, t: ClauseText, as_at: Version) -> str:
    """The current wording, its provisions at ``#a``, ``#b-ii`` and at their anchors in its history
    entry (``#v-6.21-b-ii``, not repeated there), its defined terms and references linked.

    ``as_at`` is the version a citation names (the last the wording was in force in): the wording
    carries what clause.js needs for its "copy citation" buttons; the URLs use permanent anchors."""
    body = wording_parts(t, lambda words: w.prose(words, as_at), paths.provision_anchor, definitions_table(w, t, as_at),
                         also=lambda path: paths.text_anchor(t, path))
    return f'<div class="sec-text"{cite_attributes(t, as_at)}>{body}</div>'


def cite_attributes(t: ClauseText, as_at: Version) -> str:
    """What clause.js needs for the "copy citation" buttons of a wording."""
    return (f' data-sec-cite="{html(CITATION_PREFIX + " " + t.clause_id)}" data-sec-as-at="{html(as_at.label)}"'
            f' data-sec-anchor="{html(paths.text_anchor(t))}" data-sec-as-at-anchor="{html(paths.version_anchor(as_at))}"')


def wording_html(w: Writer, t: ClauseText, as_at: Version) -> str:
    """An earlier wording, its provisions at ``#v-<version>-b-ii``: plain text (a clause page may hold
    dozens; the current wording above links its terms and references)."""
    body = wording_parts(t, html, lambda path: paths.text_anchor(t, path), definitions_table(w, t, as_at))
    return f'<div class="sec-text"{cite_attributes(t, as_at)} data-pagefind-weight="{HISTORY_WEIGHT}">{body}</div>'


def in_force(site: Site, t: ClauseText) -> str:
    last = f"to {t.last.label}" if t.last else "to date (current)"
    return f"in force from {t.first.label} ({t.first.date.describe()}) {last}"


def render(site: Site, clause: Clause) -> str:
    corpus = site.corpus
    w = Writer(site, paths.clause(clause))
    section = corpus.sections[clause.section_id]
    topic = next(h for h in section.headings if h.id == clause.heading_id)
    current = clause.current
    title = clause.id + (f" {clause.title}" if clause.title else "")
    out = [
        title_heading(title, NAMED),
        breadcrumb(w, w.a(paths.section(section.id), f"Section {html(section.id)}: {html(section.title)}"),
                   w.a(paths.section(section.id), html(topic.title), topic.id)),
    ]
    if clause.status is not None:
        out.append(tombstone.notice(w, clause))
    elif current.last is not None:
        out.append(admonition("warning", "No longer in force",
                              f"<p>This clause was last in force in {w.prose(current.last.label)}.</p>"))
    out += tombstone.formerly(w, clause)
    changed_by = f" Changed by {w.a(paths.modification(current.modification), html(current.modification))}." if current.modification else ""
    as_at = current.last or corpus.latest
    whole = w.a(paths.section_as_at(section.id), f"Section {html(section.id)} as at {html(as_at.label)}", paths.version_anchor(as_at))
    out.append(f'<p class="sec-meta">Wording {html(in_force(site, current))}.{changed_by} Read it in {whole}.</p>'
               + wording(w, current, as_at=current.last or corpus.latest) + source_note(current.provenance))
    out += proposals(w, clause)
    out += obligations(w, clause)
    out += history(w, clause)
    out += related(w, clause)
    return page_facts(title, "clause", clause.section_id) + "\n".join(out) + "\n"


def proposals(w: Writer, clause: Clause) -> list[str]:
    """Wordings that modifications not yet in force would give the clause: plainly not in force."""
    found = w.site.index.proposals_of.get(clause.id, [])
    if not found:
        return []
    out = [heading(2, "proposed", "Proposed wording (not in force)")]
    for mod, text in found:
        effect = w.site.index.effects[mod.id]
        changes = len(effect.answers)
        opens = f", and would open {len(effect.opened)} gap(s), overlap(s) or twin difference(s)" if effect.opened else ""
        out.append(admonition("warning sec-proposed", f"{mod.id} ({mod.status}): not in force",
                              f"<p>{w.a(paths.modification(mod), html(mod.id) + ': ' + html(mod.title))} would change this "
                              f"clause as below; {changes} answer(s) of the decision table would change{opens} "
                              f"({w.a(paths.modification(mod), 'its effect on responsibility', 'effect')}).</p>"
                              f'<div class="sec-redline__text" data-pagefind-ignore>'
                              f"{redline(clause.current.plain(), text.plain())}</div>"))
    return out


def obligations(w: Writer, clause: Clause) -> list[str]:
    """The duties this clause creates, and a compact history of who bore them."""
    obligations_ = w.site.index.obligations_of.get(clause.id, [])
    if not obligations_:
        return []
    out = [heading(2, "obligations", "Obligations and who bears them")]
    for o in obligations_:
        out.append(heading(3, f"obligation-{o.id}", html(o.title)))
        out.append(f"<p>{w.prose(o.description)} {w.a(paths.obligation(o), 'Who bore it in every version, and why')}.</p>")
        out.append(mini_table(w.site, o))
    return out


def mini_table(site: Site, o: Obligation) -> str:
    """Who bore an obligation, by device, the devices that read the same throughout in one row: the
    same on every clause page that cites it (no links)."""
    if ("mini-table", o.id) in site.shared:
        return site.shared["mini-table", o.id]
    matrix = site.matrix
    devices: dict[str, list[str]] = {}  # the row's answers as cells -> the devices that have them
    for row in matrix.rows_of[o.id]:
        runs = []
        for _, grouped in groupby(matrix.runs(row), key=lambda run: run.verdict.key):
            group = list(grouped)
            span = group[0].first.label + (f" – {group[-1].last.label}" if group[-1].last != group[0].first else "")
            runs.append(f"{html(span)}: {answer_html(group[0].verdict)}")
        cells = f"<td>{answer_html(matrix.verdict(row, site.corpus.latest))}</td><td>{'; '.join(runs)}</td>"
        devices.setdefault(cells, []).append(html(row_label(row)))
    body = "".join(f'<tr><th scope="row">{", ".join(names)}</th>{cells}</tr>' for cells, names in devices.items())
    site.shared["mini-table", o.id] = (
        f'<table class="sec-mini" data-pagefind-ignore><caption>Who bears “{html(o.short)}”, by device</caption>'
        f'<thead><tr><th scope="col">Device</th><th scope="col">Now ({html(site.corpus.latest.label)})</th>'
        f'<th scope="col">Over time</th></tr></thead><tbody>{body}</tbody></table>')
    return site.shared["mini-table", o.id]


def history(w: Writer, clause: Clause) -> list[str]:
    """Every wording, oldest first (a clause may have dozens)."""
    site = w.site
    versions = site.corpus.versions
    parts = []
    previous: ClauseText | None = None
    for t in clause.texts:
        title = html(t.first.label) + (" onwards" if t.last is None else " to " + html(t.last.label))
        parts.append(heading(3, paths.text_anchor(t), title, HISTORY_WEIGHT))
        # an empty element per version, the shortest there is: a clause has one a version (120 at 120 versions)
        markers = "".join(f'<i {anchor_id(paths.version_anchor(v), permanent=True)}></i>'
                          for v in versions if t.in_force(v) and v != t.first)
        if markers:
            parts.append(f'<p class="sec-markers">{markers}</p>')
        facts = [f"Wording {html(in_force(site, t))}."]
        if t.modification:
            facts.append(f"Introduced by {w.a(paths.modification(t.modification), html(t.modification))}.")
        if t.change_note:
            facts.append(html(t.change_note))
        facts.append(f"Release: {w.a(paths.version(t.first), html(t.first.title))}.")
        facts.append(w.a(paths.section_as_at(clause.section_id), f"Section {html(clause.section_id)} as at "
                         f"{html(t.first.label)}", paths.version_anchor(t.first)) + ".")
        parts.append(f'<p data-pagefind-weight="{HISTORY_WEIGHT}">{" ".join(facts)}</p>')
        parts.append(source_note(t.provenance))
        if previous is not None and previous.last is not None:  # a wording before this one ended
            parts.append(f'<details class="sec-redline" open data-pagefind-ignore><summary>Changes from the wording in force until '
                         f'{html(previous.last.label)}</summary><div class="sec-redline__text">'
                         f"{redline(previous.plain(), t.plain())}</div></details>")
        if t is clause.current:  # at the top of the page, with this entry's anchors: not twice
            parts.append('<p class="sec-meta">This is the wording shown at the top of the page.</p>')
        else:
            parts.append(wording_html(w, t, as_at=t.last or site.corpus.latest))
        previous = t
    return [heading(2, "history", "History"),
            f"<p>Every wording of {html(clause.id)} held here, oldest first. Deleted words are struck through and "
            "inserted words underlined, each also marked in words for screen readers.</p>",
            "".join(parts)]


def related(w: Writer, clause: Clause) -> list[str]:
    """Terms used, backlinks and modifications: plain lists of links."""
    site, out = w.site, []
    corpus = site.corpus
    uses = site.index.terms_used
    terms = [corpus.terms[t] for t in uses.get(clause.id, [])]
    if terms:
        out.append(heading(2, "terms", "Defined terms used"))
        out.append(link_list((w.href(paths.GLOSSARY, t.id), t.term, t.acronym) for t in terms))
    back = site.index.referenced_by.get(clause.id, [])
    out.append(heading(2, "referenced-by", "Referenced by"))
    out.append(link_list((w.href(paths.clause(corpus.clauses[c])), c, None) for c in sorted(back))
               if back else "<p>No other clause held here refers to this one.</p>")
    mods = site.index.modifications_of(clause)
    out.append(heading(2, "modifications", "Modifications"))
    out.append(link_list((w.href(paths.modification(m)), f"{m}: {corpus.modifications[m].title}", None) for m in mods)
               if mods else "<p>No modification held here changed this clause.</p>")
    return out


def link_list(items) -> str:
    """``(href, text, note)`` items as an HTML list of links."""
    return "<ul data-pagefind-ignore>" + "".join(f'<li><a href="{href}">{html(words)}</a>' + (f" ({html(note)})" if note else "") + "</li>"
                            for href, words, note in items) + "</ul>"
