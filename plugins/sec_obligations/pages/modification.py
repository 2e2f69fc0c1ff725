"""Modification pages, with the redline of every clause changed, and their index."""

from __future__ import annotations

from .. import paths
from ..model import Modification
from ..redline import redline
from . import Site
from .common import NAMED, front_matter, html, source_note, text


def render(site: Site, mod: Modification) -> str:
    here = paths.modification(mod)
    out = [front_matter(f"{mod.id}: {mod.title}", "modification"), f"# {mod.id}: {text(mod.title)}{NAMED}"]
    facts = [("Type", text(mod.type)), ("Status", text(mod.status.capitalize()))]
    if mod.drafted_against:
        facts.append(("Drafted against", f"[{text(mod.drafted_against.label)}]({paths.link(here, paths.version(mod.drafted_against))})"))
    if mod.implemented_in:
        facts.append(("Implemented in", f"[{text(mod.implemented_in.label)}]({paths.link(here, paths.version(mod.implemented_in))})"))
    for event in mod.dates:
        facts.append((text(event.event), text(event.date)))
    if mod.impacted_parties:
        facts.append(("Parties impacted", ", ".join(text(p) for p in mod.impacted_parties)))
    out.append("\n".join(f"- **{k}:** {v}" for k, v in facts))
    out.append(source_note(mod.provenance))
    out += ["## Summary {#summary}", text(mod.summary)]
    for heading, anchor, value in (("Background", "background", mod.background), ("Decision", "decision", mod.decision)):
        if value:
            out += [f"## {heading} {{#{anchor}}}", text(value)]
    changes = site.changes_by.get(mod.id, [])
    if mod.changes or changes:
        out.append("## Changes to the code {#changes}")
        for clause_id, description in mod.changes:
            out.append(f"- [{clause_id}]({paths.link(here, paths.clause(site.corpus.clauses[clause_id]))}): {text(description)}")
        for clause, before, after in changes:
            target = paths.link(here, paths.clause(clause), after.anchor)
            out.append(f"### {clause.id} {{#change-{clause.id}}}")
            out.append(f"[{clause.id} as amended]({target}), in force from {text(after.first.label)}.")
            if before:
                out.append(site.block(f'<div class="sec-redline__text" data-pagefind-ignore>{redline(before.plain(), after.plain())}</div>'))
    for heading, anchor, pairs in (("Impacts", "impacts", mod.impacts), ("Costs", "costs", mod.costs)):
        if pairs:
            out += [f"## {heading} {{#{anchor}}}", "\n".join(f"- **{text(k)}:** {text(v)}" for k, v in pairs)]
    for heading, anchor, items in (("Benefits", "benefits", mod.benefits), ("Drawbacks", "drawbacks", mod.drawbacks)):
        if items:
            out += [f"## {heading} {{#{anchor}}}", "\n".join(f"- {text(i)}" for i in items)]
    if mod.objectives:
        out.append("## Against the SEC Objectives {#objectives}")
        out += [f"- **Objective {text(o)}**{': ' + chr(8220) + text(t) + chr(8221) if t else ''}. {text(r)}"
                for o, t, r in mod.objectives]
    if mod.views:
        out += ["## Views {#views}", "\n".join(f"- **{text(b)}:** {text(v)}" for b, v in mod.views)]
    return "\n\n".join(out) + "\n"


def render_index(site: Site) -> str:
    here = paths.MODIFICATIONS
    mods = sorted(site.corpus.modifications.values(), key=lambda m: (m.date or "", m.id), reverse=True)
    rows = "".join(
        f'<tr><td><a href="{paths.href(here, paths.modification(m))}">{html(m.id)}</a></td>'
        f"<td>{html(m.title)}</td><td>{html(m.status)}</td>"
        f'<td data-sort="{html(m.date or "")}">{html(m.date or "unknown")}</td>'
        f"<td>{html(m.implemented_in.label) if m.implemented_in else ''}</td></tr>" for m in mods)
    return "\n\n".join([
        front_matter("Modifications", "modification"), "# Modifications",
        "Changes to the code held here, newest first. Select a column heading to sort by it.",
        site.block('<table class="sec-sortable"><thead><tr><th scope="col">Id</th><th scope="col">Title</th>'
                   '<th scope="col">Status</th><th scope="col">Date</th><th scope="col">Version</th></tr></thead>'
                   f"<tbody>{rows}</tbody></table>"),
    ]) + "\n"
