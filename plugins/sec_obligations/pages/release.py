"""Release pages: what changed in each SEC version, and the index of versions."""

from __future__ import annotations

from .. import paths
from ..engine import row_label
from ..model import Clause, ClauseText, Version
from ..redline import redline
from . import Site
from .common import NAMED, Writer, anchor_id, answer_html, bullets, facts, heading, html, page_facts, source_note, title_heading


def render(site: Site, version: Version) -> str:
    corpus, w = site.corpus, Writer(site, paths.version(version))
    previous = corpus.previous(version)
    # "SEC 5.20" as the heading: a search for 5.20 then finds this page first.
    title = (f"SEC {version.number}" + (f" · {version.release}" if version.release else "") if version.number
             else version.title)
    out = [page_facts(title, "release") + title_heading(title, NAMED)]
    known = [("Date", html(version.date.describe())), ("Release", html(version.release or "not named"))]
    if version.number is None:
        known.append(("Version number", "unknown" + (f". {html(version.number_note)}" if version.number_note else "")))
    if previous:
        known.append(("Previous version", w.a(paths.version(previous), html(previous.label))))
    if version.index + 1 < len(corpus.versions):
        nxt = corpus.versions[version.index + 1]
        known.append(("Next version", w.a(paths.version(nxt), html(nxt.label))))
    out += [facts(known), source_note(version.date_provenance, "date")]
    if version.notes:
        out.append(f"<p>{w.prose(version.notes)}</p>")
    mods = site.index.implemented_in.get(version.index, [])
    out.append(heading(2, "modifications", "Modifications implemented"))
    # Weighted for search: what a release implemented is what a search for the modification in releases means.
    out.append(f'<div data-pagefind-weight="3">{bullets(w.a(paths.modification(m), f"{html(m.id)}: {html(m.title)}") for m in mods)}</div>'
               if mods else "<p>No modification held here was implemented in this version.</p>")
    out.append(heading(2, "clauses", "Clauses changed"))
    introduced = site.index.introduced_in.get(version.index, [])
    if not introduced:
        out.append("<p>No clause held here changed in this version.</p>")
    new = [(clause, clause.texts[i]) for clause, i in introduced if i == 0]
    if new:
        out.append(new_clauses(w, new))
    for clause, i in (change for change in introduced if change[1]):  # a release may amend hundreds of clauses
        t, before = clause.texts[i], clause.texts[i - 1]
        # Weighted as running text for search: a release lists clauses, it is not the page of one.
        out.append(heading(3, f"clause-{clause.id}", html(clause.id), weight=1)
                   + f"<p>{w.a(paths.clause(clause), html(clause.id), paths.text_anchor(t))} amended{by(w, t.modification)}. "
                   f"{html(t.change_note) if t.change_note else ''}</p>" + source_note(t.provenance)
                   + f'<div class="sec-redline__text" data-pagefind-ignore>{redline(before.plain(), t.plain())}</div>')
    out += definition_changes(w, version)
    out += responsibility_changes(site, version)
    return "\n".join(out) + "\n"


def by(w: Writer, modification: str | None) -> str:
    """``, by MP087`` (linked) for a wording or definition a modification brought in."""
    return f", by {w.a(paths.modification(modification), html(modification))}" if modification else ""


def new_clauses(w: Writer, new: list[tuple[Clause, ClauseText]]) -> str:
    """The clauses that came into the code (every clause, in the first version held): one line for
    those of the same source, modification and note, each clause a link at its anchor (``#clause-G3.21``)."""
    lines: dict[tuple[str, str, str], list[str]] = {}
    for clause, t in new:
        link = f'<a {anchor_id(f"clause-{clause.id}")} href="{w.href(paths.clause(clause), paths.text_anchor(t))}">{html(clause.id)}</a>'
        lines.setdefault((by(w, t.modification), html(t.change_note) if t.change_note else "", source_note(t.provenance)), []).append(link)
    return (heading(3, "new-clauses", "New clauses", weight=1)
            + "".join(f"<p>{', '.join(links)}: new clause{'s' * (len(links) > 1)}{modification}.{' ' * bool(note)}{note}</p>"
                      f"{source}" for (modification, note, source), links in lines.items()))


def definition_changes(w: Writer, version: Version) -> list[str]:
    """The definitions that changed in this version (or came in), each with its redline."""
    corpus = w.site.corpus
    changed = corpus.definitions_introduced_in(version)
    out = [heading(2, "definitions", "Definitions changed")]
    if not changed:
        return out + ["<p>No definition held here changed in this version.</p>"]
    for d in changed:
        term = corpus.terms[d.term_id]
        before = term.definitions[term.definitions.index(d) - 1] if term.definitions.index(d) else None
        how = "amended" if before else "newly defined"
        out.append(f"<p>{w.a(paths.GLOSSARY, html(term.term), paths.definition_anchor(d))} {how}{by(w, d.modification)}."
                   f" {html(d.change_note) if d.change_note else ''}</p>" + source_note(d.provenance)
                   + (f'<div class="sec-redline__text" data-pagefind-ignore>{redline(before.text, d.text)}</div>'
                      if before else f"<p>{html(d.text)}</p>"))
    return out


def responsibility_changes(site: Site, version: Version) -> list[str]:
    """Who gained or lost which duty for which device in this version, computed from the engine."""
    matrix = site.matrix
    out = [heading(2, "responsibility", "Responsibility changes")]
    previous = site.corpus.previous(version)
    if previous is None:
        return out + ["<p>This is the first version held here: there is nothing to compare it with.</p>"]
    rows = matrix.changed_rows.get(version.index, [])
    if not rows:
        return out + ["<p>No answer in the decision table changed in this version.</p>"]
    body = "".join(
        f'<tr><td>{html(r.obligation.short)}</td><th scope="row">{html(row_label(r))}</th>'
        f"<td>{answer_html(matrix.verdict(r, previous))}</td><td>{answer_html(matrix.verdict(r, version))}</td></tr>"
        for r in rows)
    return out + ['<table><thead><tr><th scope="col">Obligation</th><th scope="col">Device</th>'
                  f'<th scope="col">Before ({html(previous.label)})</th><th scope="col">From {html(version.label)}</th>'
                  f"</tr></thead><tbody>{body}</tbody></table>"]


def render_index(site: Site) -> str:
    corpus, w = site.corpus, Writer(site, paths.VERSIONS)
    rows = []
    for v in reversed(corpus.versions):
        mods = [m.id for m in site.index.implemented_in.get(v.index, [])]
        changed = len(site.index.introduced_in.get(v.index, []))
        rows.append(f"<tr><td>{w.a(paths.version(v), html(v.title))}</td><td>{html(v.date.describe())}</td>"
                    f"<td>{html(', '.join(mods) or '–')}</td><td>{changed}</td></tr>")
    return (page_facts("SEC versions", "release") + title_heading("SEC versions")
            + "<p>Every version of the code held here, newest first. Open a version to see what changed in it: "
            "modifications implemented, clauses changed with their redlines, and responsibility changes.</p>"
            '<table><thead><tr><th scope="col">Version</th><th scope="col">Date</th><th scope="col">Modifications</th>'
            f'<th scope="col">Clauses changed</th></tr></thead><tbody>{"".join(rows)}</tbody></table>\n')
