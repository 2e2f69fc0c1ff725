"""The decision table: the explorer page, one static matrix per obligation, and the findings."""

from __future__ import annotations

from .. import paths
from ..engine import GAP, NO_DEVICE, OVERLAP, Reason, Row, Run, Verdict, exists, row_label
from ..export import reason_words
from ..model import Corpus, Obligation, Version
from . import Site, timeline
from .common import ICONS, Writer, answer_html, bullets, front_matter, heading, html, title_heading

KIND_WORDS = {GAP: "Gap", OVERLAP: "Overlap", "twin-mismatch": "Twin duties differ"}


def reason_html(site: Site, here: str, verdict: Verdict, version: Version) -> str:
    """The reasons for one answer, each linked to the clause wording and sub-paragraph it cites."""
    items = []
    for reason in verdict.reasons:
        words = html(reason_words(reason))
        if reason.citation:
            target = paths.href(here, *citation_target(site.corpus, reason))
            words = (f'<a href="{target}">{html(reason.citation)} as at {html(version.label)}</a>: '
                     + html(f"{'includes' if reason.includes else 'excludes'} it for the {reason.rule.party.short}"))
            if reason.modification:
                words += f' (wording introduced by <a href="{paths.href(here, paths.modification(reason.modification))}">{html(reason.modification)}</a>)'
        items.append(f"<li>{words}</li>")
    if not exists(site.corpus, verdict.obligation, version):
        named = ", ".join(verdict.obligation.clauses) or "its clauses"
        items.append(f"<li>The obligation is not in the code in {html(version.label)}: {html(named)} "
                     "not in force.</li>")
    elif verdict.generation and version < verdict.generation.in_scope_from:
        items.append(f"<li>{html(verdict.generation.name)} Devices are covered from "
                     f"{html(verdict.generation.in_scope_from.label)}.</li>")
    return f"<ul>{''.join(items)}</ul>" if items else "<p>No rule held here covers it.</p>"


def cell(run: Run) -> str:
    """One run of versions reading the same, as one table cell spanning their columns."""
    flags = []
    if run.changed:
        flags.append('<span class="sec-flag" title="Changed from the previous version"><span aria-hidden="true">▲</span>'
                     '<span class="sec-sr"> changed</span></span>')
    if run.mismatch:
        flags.append('<span class="sec-flag" title="Differs from its twin duty"><span aria-hidden="true">≠</span>'
                     '<span class="sec-sr"> differs from twin duty</span></span>')
    span = run.last.index - run.first.index + 1
    classes = f"sec-cell sec-cell--{run.verdict.status}" + (" sec-cell--changed" if run.changed else "")
    return (f'<td class="{classes}"' + (f' colspan="{span}"' if span > 1 else "")
            + f">{answer_html(run.verdict)}{''.join(flags)}</td>")


SHORT = 11  # the longest version label a column header shows whole ("v5.14", "4 Nov 2019")


def short_labels(versions) -> list[str]:
    """Each version's label as a column header shows it: whole when short (v5.14), else its first
    words (4 Nov 2019 for "4 Nov 2019 ad-hoc release"); whole again where two would read the same."""
    shorts = []
    for v in versions:
        words, kept = v.label.split(), []
        for word in words:
            if kept and len(" ".join(kept + [word])) > SHORT:
                break
            kept.append(word)
        short = " ".join(kept)
        shorts.append(short if len(short) <= SHORT + 1 else short[:SHORT - 1] + "…")
    return [s if shorts.count(s) == 1 else v.label for v, s in zip(versions, shorts)]


def version_header(version: Version, short: str) -> str:
    """A version's column header: the short label, the full one as its name and its tooltip."""
    if short == version.label:
        return f'<th scope="col" class="sec-matrix__version">{html(version.label)}</th>'
    return (f'<th scope="col" class="sec-matrix__version" aria-label="{html(version.label)}">'
            f'<abbr title="{html(version.label)}">{html(short)}</abbr></th>')


def matrix_table(site: Site, obligation: Obligation) -> str:
    matrix, versions = site.matrix, site.corpus.versions
    rows = matrix.rows_of[obligation.id]
    head = "".join(version_header(v, s) for v, s in zip(versions, short_labels(versions)))
    body = "".join(
        f'<tr id="row-{row_anchor(row)}"><th scope="row">{html(row_label(row))}</th>'
        + "".join(cell(run) for run in matrix.runs(row)) + "</tr>" for row in rows)
    return (
        f'<div class="sec-scroll sec-scroll--matrix" tabindex="0" role="region" aria-label="{html(obligation.short)} by device and version">'
        f'<table class="sec-matrix" data-pagefind-ignore><caption>{html(obligation.title)}: who bears it, by device (rows) and SEC version '
        f'(columns); a cell spanning several versions holds for each of them</caption>'
        f'<thead><tr><th scope="col">Device</th>{head}</tr></thead><tbody>{body}</tbody></table></div>')


def row_anchor(row: Row) -> str:
    return row.id.replace("/", "-")


def citation_target(corpus: Corpus, reason: Reason) -> tuple[str, str]:
    """The page and anchor a reason cites: the clause's provision in the wording in force, or the
    glossary's definition in force."""
    if reason.text is not None and reason.rule.clause:
        return paths.clause(corpus.clauses[reason.rule.clause]), paths.text_anchor(reason.text, reason.rule.provision)
    assert reason.definition is not None
    return paths.GLOSSARY, reason.definition.anchor


LEGEND = (f"Legend: {ICONS['party']} a single party bears the duty; {ICONS[OVERLAP]} more than one party bears it "
          f"(overlap); {ICONS[GAP]} nobody bears it (gap); {ICONS['not-applicable']} not applicable (the devices were "
          "not yet covered); ▲ the answer changed from the previous version; ≠ the twin duty gives a different answer.")


def render(site: Site, obligation: Obligation) -> str:
    here, matrix = paths.obligation(obligation), site.matrix
    w = Writer(site, here)
    out = [front_matter(f"Who bears: {obligation.title}", "responsibility") + title_heading(obligation.title),
           f"<p>{w.prose(obligation.description)}</p>"]
    if obligation.clauses:
        out.append("<p>Clauses: " + ", ".join(w.a(paths.clause(site.corpus.clauses[c]), html(c)) for c in obligation.clauses) + ".</p>")
    if obligation.twin:
        twin = site.corpus.obligations[obligation.twin]
        out.append(f"<p>Twin duty (meant to have the same scope): {w.a(paths.obligation(twin), html(twin.title))}.</p>")
    versions = site.corpus.versions
    out += [f"<p>{html(LEGEND)}</p>", timeline.figure(site, obligation, short_labels(versions), date_bounds(versions), row_anchor),
            matrix_table(site, obligation), heading(2, "reasons", "Reasons")]
    parts = []
    for row in matrix.rows_of[obligation.id]:
        items = []
        for run in matrix.runs(row):
            anchor = timeline.run_anchor(row_anchor(row), run)  # a band of the timeline leads here
            items.append(f'<dt id="{anchor}">{html(timeline.versions_words(run))}: {answer_html(run.verdict)}</dt>'
                         f"<dd>{reason_html(site, here, run.verdict, run.first)}</dd>")
        parts.append(heading(3, f"reasons-{row_anchor(row)}", html(row_label(row))) + f'<dl class="sec-reasons">{"".join(items)}</dl>')
    # The table's cells and reasons repeat a few words thousands of times: search skips them.
    out.append(f'<div data-pagefind-ignore>{"".join(parts)}</div>')
    return "\n".join(out) + "\n"


INTRODUCTION = ("For each duty the clauses create, this table says who bears it (the User, the DCC, nobody or "
                "several parties) for each device type and generation, in each SEC version, with the clauses that "
                "decide it.")


def render_index(site: Site) -> str:
    corpus, w = site.corpus, Writer(site, paths.RESPONSIBILITY)
    out = [front_matter("Who is responsible?", "responsibility") + title_heading("Who is responsible?"),
           f"<p>{w.prose(INTRODUCTION)}</p>",
           '<div id="sec-explorer" class="sec-explorer" data-src="explorer.json" hidden></div>',
           heading(2, "obligations", "Obligations"),
           bullets(f"{w.a(paths.obligation(o), html(o.title))}: the full table with reasons" for o in corpus.obligations.values())]
    unassessed = [d for d in corpus.device_types.values() if not d.assessed]
    if unassessed:
        out += [heading(2, "not-assessed", "Not assessed"),
                bullets(f"<strong>{html(d.name)}</strong>: {w.prose(d.assessment_note)}" for d in unassessed)]
    out += [heading(2, "downloads", "Downloads"),
            '<p>The full matrix, every obligation, device and version with its reasons: '
            '<a href="matrix.csv">CSV</a> · <a href="matrix.json">JSON</a>.</p>']
    return "\n".join(out) + "\n"


def render_findings(site: Site) -> str:
    here, matrix = paths.FINDINGS, site.matrix
    w = Writer(site, here)
    out = [front_matter("Findings: gaps, overlaps and twin duties", "findings") + title_heading("Findings"),
           "<p>Every gap (nobody bears a duty), overlap (several parties bear it) and difference between twin duties "
           "that the decision table shows across the whole history held here, with what ended it.</p>"]
    findings = matrix.findings
    if not findings:
        return "\n".join(out + ["<p>No gap, overlap or twin-duty difference was found.</p>"]) + "\n"
    body = []
    for f in findings:
        ended = "still open"
        if f.ended_by:
            by = ", ".join(w.a(paths.modification(m), html(m)) for m in matrix.ending_modifications(f))
            ended = f"ended in {w.a(paths.version(f.ended_by), html(f.ended_by.label))}" + (f" by {by}" if by else "")
        cites = sorted({r.citation for v in f.verdicts + f.twin_verdicts for r in v.reasons if r.citation})
        cited = ", ".join(html(c) for c in cites) or "–"
        body.append(f"<tr><td>{html(KIND_WORDS[f.kind])}</td>"
                    f"<td>{w.a(paths.obligation(f.row.obligation), html(f.detail), 'row-' + row_anchor(f.row))}</td>"
                    f"<td>{html(f.first.label)} to {html(f.last.label)}</td><td>{cited}</td><td>{ended}</td></tr>")
    out.append('<div class="sec-scroll sec-scroll--wide" tabindex="0" role="region" aria-label="Findings">'
               '<table class="sec-findings"><thead><tr><th scope="col">Kind</th><th scope="col">What</th>'
               '<th scope="col">Versions</th><th scope="col">Clauses</th><th scope="col">Ended</th></tr></thead>'
               f'<tbody>{"".join(body)}</tbody></table></div>')
    return "\n".join(out) + "\n"


def explorer_data(site: Site) -> dict:
    """The compact data of the interactive table: answers and reasons are stored once and referred to
    by number, so a matrix of hundreds of thousands of cells stays a small download."""
    here, matrix, corpus = paths.RESPONSIBILITY, site.matrix, site.corpus
    reasons: dict[tuple, int] = {}
    states: dict[tuple, int] = {}

    def reason_id(reason) -> int:
        rule = reason.rule
        if reason.citation:
            key = (reason.citation, paths.href(here, *citation_target(corpus, reason)),
                   reason.includes, rule.party.short, reason.modification)
        else:
            key = (None, None, reason.includes, rule.party.short, None, rule.provenance.source.title)
        return reasons.setdefault(key, len(reasons))

    def state_id(run: Run) -> int:
        verdict = run.verdict
        key = (verdict.status, verdict.answer, tuple(reason_id(r) for r in verdict.reasons), run.mismatch)
        return states.setdefault(key, len(states))

    # Each row: obligation, generation, device, then [state, number of versions] per run.
    rows = [[row.obligation.id, row.generation_id, row.device_id,
             [[state_id(run), run.last.index - run.first.index + 1] for run in matrix.runs(row)]] for row in matrix.rows]
    lows, highs = date_bounds(corpus.versions)
    return {
        "versions": [{"id": v.id, "label": v.label, "short": short, "date": v.date.describe(), "from": lo, "to": hi,
                      "url": paths.href(here, paths.version(v))}
                     for v, short, lo, hi in zip(corpus.versions, short_labels(corpus.versions), lows, highs)],
        "obligations": [{"id": o.id, "short": o.short, "title": o.title, "url": paths.href(here, paths.obligation(o))}
                        for o in corpus.obligations.values()],
        "generations": [{"id": g.id, "name": g.name, "from": g.in_scope_from.label} for g in corpus.generations.values()],
        "devices": [{"id": d.id, "name": d.name, "short": d.short} for d in corpus.device_types.values() if d.assessed],
        "no_device": NO_DEVICE,  # the label of a row without a device
        "states": [{"status": s, "answer": a, "reasons": list(r), "mismatch": m} for s, a, r, m in states],
        "reasons": [dict(zip(("citation", "href", "includes", "party", "modification", "source"), k))
                    | ({"modification_url": paths.href(here, paths.modification(k[4]))} if k[4] else {})
                    for k in reasons],
        "rows": rows,
        "timeline": timeline.explorer_data(site, (lows, highs)),
    }


def date_bounds(versions) -> tuple[list[str | None], list[str | None]]:
    """Earliest and latest possible start date of each version, narrowed by its neighbours' dates."""
    lows, highs, low, high = [], [None] * len(versions), None, None
    for v in versions:
        low = v.date.exact or v.date.earliest or low
        lows.append(low)
    for i in range(len(versions) - 1, -1, -1):
        v = versions[i]
        high = v.date.exact or v.date.latest or high
        highs[i] = high
    return lows, highs
