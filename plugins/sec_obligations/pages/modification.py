"""Modification pages, with the redline of every clause changed, and their index."""

from __future__ import annotations

from .. import paths
from ..engine import row_label
from ..model import Modification
from ..proposal import Effect
from ..redline import redline
from . import Site
from .common import NAMED, Writer, admonition, answer_html, bullets, facts, heading, html, page_facts, source_note, title_heading
from .responsibility import KIND_WORDS


def render(site: Site, mod: Modification) -> str:
    w = Writer(site, paths.modification(mod))
    title = f"{mod.id}: {mod.title}"
    out = [page_facts(title, "modification") + title_heading(title, NAMED)]
    known = [("Type", html(mod.type)), ("Status", html(mod.status.capitalize()))]
    if mod.drafted_against:
        known.append(("Drafted against", w.a(paths.version(mod.drafted_against), html(mod.drafted_against.label))))
    if mod.implemented_in:
        known.append(("Implemented in", w.a(paths.version(mod.implemented_in), html(mod.implemented_in.label))))
    known += [(html(event.event), html(event.date)) for event in mod.dates]
    if mod.impacted_parties:
        known.append(("Parties impacted", ", ".join(html(p) for p in mod.impacted_parties)))
    out += [facts(known), source_note(mod.provenance)]
    if mod.proposal:
        out.append(admonition("warning sec-proposed", "Proposed: not in force",
                              f"<p>{html(mod.id)} is {html(mod.status)}, not part of the code. Below: the wording it would "
                              f"give each clause, against the wording in force in {html(site.corpus.latest.label)}, and "
                              f'{w.a(w.here, "its effect on responsibility", "effect")}.</p>'))
    out += [heading(2, "summary", "Summary"), f"<p>{w.prose(mod.summary)}</p>"]
    for name, anchor, value in (("Background", "background", mod.background), ("Decision", "decision", mod.decision)):
        if value:
            out += [heading(2, anchor, name), f"<p>{w.prose(value)}</p>"]
    changes = site.index.changes_by.get(mod.id, [])
    if mod.changes or changes:
        out.append(heading(2, "changes", "Changes to the code"))
        if mod.changes:
            out.append(bullets(f"{w.a(paths.clause(site.corpus.clauses[clause_id]), html(clause_id))}: {w.prose(description)}"
                               for clause_id, description in mod.changes))
        for clause, before, after in changes:
            out.append(heading(3, f"change-{clause.id}", html(clause.id)))
            out.append(f"<p>{w.a(paths.clause(clause), f'{html(clause.id)} as amended', paths.text_anchor(after))}, "
                       f"in force from {html(after.first.label)}.</p>")
            if before:
                out.append(f'<div class="sec-redline__text" data-pagefind-ignore>{redline(before.plain(), after.plain())}</div>')
    if mod.proposal:
        out += proposed(w, site.index.effects[mod.id])
    for name, anchor, pairs in (("Impacts", "impacts", mod.impacts), ("Costs", "costs", mod.costs)):
        if pairs:
            out += [heading(2, anchor, name), facts((w.prose(k), w.prose(v)) for k, v in pairs)]
    for name, anchor, items in (("Benefits", "benefits", mod.benefits), ("Drawbacks", "drawbacks", mod.drawbacks)):
        if items:
            out += [heading(2, anchor, name), bullets(w.prose(i) for i in items)]
    if mod.objectives:
        out += [heading(2, "objectives", "Against the SEC Objectives"),
                bullets(f"<strong>Objective {html(o)}</strong>{': “' + html(t) + '”' if t else ''}. {w.prose(r)}"
                        for o, t, r in mod.objectives)]
    if mod.views:
        out += [heading(2, "views", "Views"), facts((w.prose(body), w.prose(view)) for body, view in mod.views)]
    return "\n".join(out) + "\n"


def render_index(site: Site) -> str:
    w = Writer(site, paths.MODIFICATIONS)
    mods = sorted(site.corpus.modifications.values(), key=lambda m: (m.date or "", m.id), reverse=True)
    rows = "".join(
        f"<tr><td>{w.a(paths.modification(m), html(m.id))}</td>"
        f"<td>{html(m.title)}</td><td>{html(m.status)}</td>"
        f'<td data-sort="{html(m.date or "")}">{html(m.date or "unknown")}</td>'
        f"<td>{html(m.implemented_in.label) if m.implemented_in else ''}</td></tr>" for m in mods)
    return (page_facts("Modifications", "modification") + title_heading("Modifications")
            + "<p>Changes to the code held here, newest first. Select a column heading to sort by it.</p>"
            + '<table class="sec-sortable"><thead><tr><th scope="col">Id</th><th scope="col">Title</th>'
            '<th scope="col">Status</th><th scope="col">Date</th><th scope="col">Version</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>\n")


def proposed(w: Writer, found: Effect) -> list[str]:
    """A proposal's wordings (redlined against those in force) and its effect on responsibility."""
    corpus = w.site.corpus
    out = [heading(2, "proposed", "Proposed wording (not in force)")]
    for now, then in found.texts:
        clause = corpus.clauses[now.clause_id]
        out.append(heading(3, f"proposed-{clause.id}", html(clause.id)))
        out.append(f"<p>Against {w.a(paths.clause(clause), f'{html(clause.id)} as in force', paths.text_anchor(now))} from "
                   f"{html(now.first.label)}:</p>"
                   f'<div class="sec-redline__text" data-pagefind-ignore>{redline(now.plain(), then.plain())}</div>'
                   + source_note(then.provenance))
    out.append(heading(2, "effect", "Effect on responsibility"))
    out.append(f"<p>The decision table run on {html(found.now.label)} with this modification applied "
               f"({html(found.then.label)}): a version that does not exist.</p>")
    if found.answers:
        body = "".join(f'<tr><td>{html(row.obligation.short)}</td><th scope="row">{html(row_label(row))}</th>'
                       f"<td>{answer_html(now)}</td><td>{answer_html(then)}</td></tr>" for row, now, then in found.answers)
        out.append('<table><thead><tr><th scope="col">Obligation</th><th scope="col">Device</th>'
                   f'<th scope="col">Now ({html(found.now.label)})</th><th scope="col">With {html(found.mod.id)}</th>'
                   f"</tr></thead><tbody>{body}</tbody></table>")
    else:
        out.append("<p>No answer of the decision table would change.</p>")
    for what, findings in (("would open", found.opened), ("would close", found.closed)):
        if findings:
            out.append(f"<p><strong>It {what}:</strong></p>"
                       + bullets(f"{html(KIND_WORDS[f.kind])}: {html(f.detail)}" for f in findings))
    if not found.opened:
        out.append("<p>It would open no gap, overlap or twin-duty difference.</p>")
    return out
