"""A clause wording as HTML: lead, provisions to any depth, tables, "[Not used]" and the definitions
table, shared by the clause pages and the whole-section pages."""

from __future__ import annotations

from collections.abc import Callable

from .. import paths
from ..model import NOT_USED, ClauseText, Paragraph, ProvisionPath, Version, provision_label
from .common import Writer, anchor_id, html


def wording_parts(t: ClauseText, words: Callable[[str], str], anchor: Callable[[ProvisionPath], str],
          definitions: str = "", also: Callable[[ProvisionPath], str] | None = None) -> str:
    """A wording's lead, provisions (one paragraph each, indented by depth, at ``anchor(path)``, and
    at ``also(path)`` too where given), table and tail as HTML; ``words`` turns data text into HTML
    (linked or escaped)."""
    if t.not_used:
        return f'<p class="sec-lead sec-not-used">{NOT_USED}</p>'
    out = [f'<p class="sec-lead">{words(t.lead)}</p>'] if t.lead else []

    def provisions(items: tuple[Paragraph, ...], above: ProvisionPath) -> None:
        for p in items:
            path = (*above, p.id)
            depth = len(path)
            second = f'<span class="sec-anchor" {anchor_id(also(path), permanent=True)}></span>' if also else ""
            out.append(f'<p class="sec-para sec-depth-{min(depth, 6)}" {anchor_id(anchor(path), permanent=True)} '
                       f'data-sec-para="{html(provision_label(path))}" data-sec-para-anchor="{html(paths.provision_anchor(path))}">'
                       f"{second}({html(p.id)}) {words(p.text)}</p>")
            provisions(p.paragraphs, path)
            if p.tail:
                out.append(f'<p class="sec-ptail sec-depth-{min(depth, 6)}">{words(p.tail)}</p>')

    provisions(t.paragraphs, ())
    if t.table:
        out.append(table_html(t.table.columns, [[words(cell) for cell in row] for row in t.table.rows]))
    out.append(definitions)
    if t.tail:
        out.append(f'<p class="sec-tail">{words(t.tail)}</p>')
    return "".join(out)


def table_html(columns, rows, caption: str = "", row_attributes=None) -> str:
    """A table of a clause (cells already HTML), in a box that scrolls sideways when it must;
    ``row_attributes``: each row's attributes (HTML, with a leading space)."""
    head = "".join(f'<th scope="col">{html(c)}</th>' for c in columns)
    attributes = row_attributes or [""] * len(rows)
    body = "".join(f"<tr{a}>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row, a in zip(rows, attributes))
    label = html(caption or "Table of the clause")
    caption = f"<caption>{html(caption)}</caption>" if caption else ""
    return (f'<div class="sec-scroll" tabindex="0" role="region" aria-label="{label}">'
            f'<table class="sec-table">{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>')


def definitions_table(w: Writer, t: ClauseText, as_at: Version) -> str:
    """The definitions table (Section A1.1): each term defined in the clause, with its definition in force."""
    if not t.definitions:
        return ""
    rows = []
    for term in w.site.index.defined_in.get(t.clause_id, []):
        d = term.definition_at(as_at)
        if d is not None:
            rows.append([w.a(paths.GLOSSARY, html(term.term), paths.definition_anchor(d)), html(d.text)])
    if not rows:
        return NO_DEFINITIONS
    return table_html(("Expression", "Meaning"), rows, f"Defined terms, as at {as_at.label}")


NO_DEFINITIONS = "<p>No defined term held here is in this table.</p>"


def definitions_in(w: Writer, t: ClauseText, first: Version, last: Version, now: Version) -> str:
    """The definitions table of the versions ``first`` .. ``last`` (a whole section as at any version):
    every definition in force in one of them, once, its row marked with those versions (``data-in``,
    ``sec-now`` when in force in ``now``); the page's CSS shows the rows of the version chosen."""
    versions = w.site.corpus.versions[first.index:last.index + 1]
    rows, attributes = [], []
    for term in w.site.index.defined_in.get(t.clause_id, []):
        for d in term.definitions:
            ids = [v.id for v in versions if d.in_force(v)]
            if ids:
                rows.append([w.a(paths.GLOSSARY, html(term.term), paths.definition_anchor(d)), html(d.text)])
                attributes.append(' class="sec-now"' * d.in_force(now) + f' data-in="{html(" ".join(ids))}"')
    if not rows:
        return NO_DEFINITIONS
    return table_html(("Expression", "Meaning"), rows, "Defined terms", attributes)


