"""Release pages: what changed in each SEC version, and the index of versions."""

from __future__ import annotations

from .. import paths
from ..engine import row_label
from ..model import Version
from ..redline import redline
from . import Site
from .common import NAMED, answer_html, front_matter, heading, html, source_note, text, version_date, version_title


def render(site: Site, version: Version) -> str:
    corpus, here = site.corpus, paths.version(version)
    previous = corpus.previous(version)
    # "SEC 5.20" as the heading: a search for 5.20 then finds this page first.
    title = (f"SEC {version.number}" + (f" · {version.release}" if version.release else "") if version.number
             else version_title(version))
    out = [front_matter(title, "release"), f"# {text(title)}{NAMED}"]
    facts = [("Date", text(version_date(version))), ("Release", text(version.release or "not named"))]
    if version.number is None:
        facts.append(("Version number", "unknown" + (f". {text(version.number_note)}" if version.number_note else "")))
    if previous:
        facts.append(("Previous version", f"[{text(previous.label)}]({paths.link(here, paths.version(previous))})"))
    if version.index + 1 < len(corpus.versions):
        nxt = corpus.versions[version.index + 1]
        facts.append(("Next version", f"[{text(nxt.label)}]({paths.link(here, paths.version(nxt))})"))
    out.append("\n".join(f"- **{k}:** {v}" for k, v in facts))
    out.append(source_note(version.date_provenance, "date"))
    if version.notes:
        out.append(text(version.notes))
    mods = [m for m in corpus.modifications.values() if m.implemented_in == version]
    out.append("## Modifications implemented {#modifications}")
    # Weighted for search: what a release implemented is what a search for the modification in releases means.
    out.append('<div data-pagefind-weight="3" markdown>\n\n'
               + "\n".join(f"- [{m.id}: {text(m.title)}]({paths.link(here, paths.modification(m))})" for m in mods)
               + "\n\n</div>" if mods else "No modification held here was implemented in this version.")
    out.append("## Clauses changed {#clauses}")
    texts = corpus.texts_introduced_in(version)
    if not texts:
        out.append("No clause held here changed in this version.")
    parts, headings = [], []
    for t in texts:
        clause = corpus.clauses[t.clause_id]
        before = clause.texts[clause.texts.index(t) - 1] if clause.texts.index(t) else None
        how = "new clause" if before is None else "amended"
        by = (f', by <a href="{paths.href(here, paths.modification(t.modification))}">{html(t.modification)}</a>'
              if t.modification else "")
        anchor = f"clause-{clause.id}"
        headings.append((anchor, html(clause.id)))
        # Weighted as running text for search: a release lists clauses, it is not the page of one.
        parts.append(heading(3, anchor, html(clause.id), weight=1))
        parts.append(f'<p><a href="{paths.href(here, paths.clause(clause), t.anchor)}">{html(clause.id)}</a> {how}{by}. '
                     f"{html(t.change_note) if t.change_note else ''}</p>")
        parts.append(source_note(t.provenance))
        if before:
            parts.append(f'<div class="sec-redline__text" data-pagefind-ignore>{redline(before.plain(), t.plain())}</div>')
    if parts:  # finished HTML: a release may change hundreds of clauses
        out.append(site.block("".join(parts), headings=("clauses", headings)))
    out += responsibility_changes(site, version, here)
    return "\n\n".join(out) + "\n"


def responsibility_changes(site: Site, version: Version, here: str) -> list[str]:
    """Who gained or lost which duty for which device in this version, computed from the engine."""
    matrix = site.matrix
    out = ["## Responsibility changes {#responsibility}"]
    if version.index == 0:
        return out + ["This is the first version held here: there is nothing to compare it with."]
    previous = site.corpus.previous(version)
    rows = matrix.changed_rows.get(version.index, [])
    if not rows:
        return out + ["No answer in the decision table changed in this version."]
    body = "".join(
        f'<tr><td>{html(r.obligation.short)}</td><th scope="row">{html(row_label(r))}</th>'
        f"<td>{answer_html(matrix.verdict(r, previous))}</td><td>{answer_html(matrix.verdict(r, version))}</td></tr>"
        for r in rows)
    return out + [site.block(f'<table><thead><tr><th scope="col">Obligation</th><th scope="col">Device</th>'
                             f'<th scope="col">Before ({html(previous.label)})</th><th scope="col">From {html(version.label)}</th>'
                             f"</tr></thead><tbody>{body}</tbody></table>")]


def render_index(site: Site) -> str:
    here, corpus = paths.VERSIONS, site.corpus
    lines = []
    for v in reversed(corpus.versions):
        mods = [m.id for m in corpus.modifications.values() if m.implemented_in == v]
        changed = len(corpus.texts_introduced_in(v))
        lines.append(f"| [{text(version_title(v))}]({paths.link(here, paths.version(v))}) | {text(version_date(v))} | "
                     f"{', '.join(mods) or '–'} | {changed} |")
    return "\n\n".join([
        front_matter("SEC versions", "release"), "# SEC versions",
        "Every version of the code held here, newest first. Open a version to see what changed in it: "
        "modifications implemented, clauses changed with their redlines, and responsibility changes.",
        "| Version | Date | Modifications | Clauses changed |\n|---|---|---|---|\n" + "\n".join(lines),
    ]) + "\n"
