"""Modification pages, with the redline of every clause changed, and their index."""

from __future__ import annotations

from .. import paths
from ..model import Modification
from ..redline import redline
from . import Site
from .common import NAMED, Writer, bullets, facts, front_matter, heading, html, source_note, title_heading


def render(site: Site, mod: Modification) -> str:
    w = Writer(site, paths.modification(mod))
    title = f"{mod.id}: {mod.title}"
    out = [front_matter(title, "modification") + title_heading(title, NAMED)]
    known = [("Type", html(mod.type)), ("Status", html(mod.status.capitalize()))]
    if mod.drafted_against:
        known.append(("Drafted against", w.a(paths.version(mod.drafted_against), html(mod.drafted_against.label))))
    if mod.implemented_in:
        known.append(("Implemented in", w.a(paths.version(mod.implemented_in), html(mod.implemented_in.label))))
    known += [(html(event.event), html(event.date)) for event in mod.dates]
    if mod.impacted_parties:
        known.append(("Parties impacted", ", ".join(html(p) for p in mod.impacted_parties)))
    out += [facts(known), source_note(mod.provenance), heading(2, "summary", "Summary"), f"<p>{w.prose(mod.summary)}</p>"]
    for name, anchor, value in (("Background", "background", mod.background), ("Decision", "decision", mod.decision)):
        if value:
            out += [heading(2, anchor, name), f"<p>{w.prose(value)}</p>"]
    changes = site.changes_by.get(mod.id, [])
    if mod.changes or changes:
        out.append(heading(2, "changes", "Changes to the code"))
        if mod.changes:
            out.append(bullets(f"{w.a(paths.clause(site.corpus.clauses[clause_id]), html(clause_id))}: {w.prose(description)}"
                               for clause_id, description in mod.changes))
        for clause, before, after in changes:
            out.append(heading(3, f"change-{clause.id}", html(clause.id)))
            out.append(f"<p>{w.a(paths.clause(clause), f'{html(clause.id)} as amended', after.anchor)}, "
                       f"in force from {html(after.first.label)}.</p>")
            if before:
                out.append(f'<div class="sec-redline__text" data-pagefind-ignore>{redline(before.plain(), after.plain())}</div>')
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
    return (front_matter("Modifications", "modification") + title_heading("Modifications")
            + "<p>Changes to the code held here, newest first. Select a column heading to sort by it.</p>"
            + '<table class="sec-sortable"><thead><tr><th scope="col">Id</th><th scope="col">Title</th>'
            '<th scope="col">Status</th><th scope="col">Date</th><th scope="col">Version</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>\n")
