"""The decision table: the explorer page, one page per obligation (its timeline and reasons), and the findings."""

from __future__ import annotations

from .. import paths
from ..engine import GAP, NO_DEVICE, OVERLAP, Reason, Row, Run, Verdict, exists, row_label
from ..export import reason_words
from ..model import Corpus, Obligation, Version
from . import Site, timeline
from .common import ICONS, Writer, anchor_id, answer_html, bullets, heading, html, page_facts, title_heading

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
                link = paths.href(here, paths.modification(reason.modification))
                words += f' (wording introduced by <a href="{link}">{html(reason.modification)}</a>)'
        items.append(f"<li>{words}</li>")
    if not exists(site.corpus, verdict.obligation, version):
        named = ", ".join(verdict.obligation.clauses) or "its clauses"
        items.append(f"<li>The obligation is not in the code in {html(version.label)}: {html(named)} "
                     "not in force.</li>")
    elif verdict.generation and version < verdict.generation.in_scope_from:
        items.append(f"<li>{html(verdict.generation.name)} Devices are covered from "
                     f"{html(verdict.generation.in_scope_from.label)}.</li>")
    return f"<ul>{''.join(items)}</ul>" if items else "<p>No rule held here covers it.</p>"


SHORT = 11  # the longest version label a column header shows whole ("v5.14", "4 Nov 2019")


def short_labels(versions) -> list[str]:
    """Each version's label as a column header shows it: whole when short (v5.14), else its first
    words (4 Nov 2019 for "4 Nov 2019 ad-hoc release"); whole again where two would read the same."""
    shorts = []
    for v in versions:
        words, kept = v.label.split(), list[str]()
        for word in words:
            if kept and len(" ".join(kept + [word])) > SHORT:
                break
            kept.append(word)
        short = " ".join(kept)
        shorts.append(short if len(short) <= SHORT + 1 else short[:SHORT - 1] + "…")
    return [s if shorts.count(s) == 1 else v.label for v, s in zip(versions, shorts)]


def citation_target(corpus: Corpus, reason: Reason) -> tuple[str, str]:
    """The page and anchor a reason cites: the clause's provision in the wording in force, or the
    glossary's definition in force."""
    if reason.text is not None and reason.rule.clause:
        return paths.clause(corpus.clauses[reason.rule.clause]), paths.text_anchor(reason.text, reason.rule.provision)
    assert reason.definition is not None
    return paths.GLOSSARY, paths.definition_anchor(reason.definition)


LEGEND = (f"Legend: {ICONS['party']} a single party bears the duty; {ICONS[OVERLAP]} more than one party bears it "
          f"(overlap); {ICONS[GAP]} nobody bears it (gap); {ICONS['not-applicable']} not applicable (the devices were "
          "not yet covered); ▲ the answer changed from the previous version; ≠ the twin duty gives a different answer.")


def render(site: Site, obligation: Obligation) -> str:
    here = paths.obligation(obligation)
    w = Writer(site, here)
    out = [page_facts(f"Who bears: {obligation.title}", "responsibility") + title_heading(obligation.title),
           f"<p>{w.prose(obligation.description)}</p>"]
    if obligation.clauses:
        out.append("<p>Clauses: " + ", ".join(w.a(paths.clause(site.corpus.clauses[c]), html(c)) for c in obligation.clauses) + ".</p>")
    if obligation.twin:
        twin = site.corpus.obligations[obligation.twin]
        out.append(f"<p>Twin duty (meant to have the same scope): {w.a(paths.obligation(twin), html(twin.title))}.</p>")
    groups = alike_rows(site, here, obligation)
    out += [f"<p>{html(LEGEND)}</p>",
            timeline.figure(site, obligation, short_labels(site.corpus.versions), site.index.date_bounds,
                            [rows for rows, _ in groups]),
            heading(2, "reasons", "Reasons"),
            # The reasons repeat a few words thousands of times: search skips them.
            f'<div data-pagefind-ignore>{reasons_html(site, groups)}</div>']
    return "\n".join(out) + "\n"


def alike_rows(site: Site, here: str, obligation: Obligation) -> list[tuple[list[Row], tuple]]:
    """The obligation's rows, those that read the same in every version together (the same runs,
    answers, marks and reasons), each group with what its runs say: (term, reasons) as HTML last."""
    groups: dict[tuple, list[Row]] = {}
    for row in site.matrix.rows_of[obligation.id]:
        said = tuple((run.first.index, run.last.index, run.verdict.key, run.changed, run.mismatch,
                      f"{html(timeline.versions_words(run))}: {answer_html(run.verdict)}",
                      reason_html(site, here, run.verdict, run.first)) for run in site.matrix.runs(row))
        groups.setdefault(said, []).append(row)
    return [(rows, said) for said, rows in groups.items()]


def reasons_html(site: Site, groups: list[tuple[list[Row], tuple]]) -> str:
    """Each group's reasons, run by run, under a heading naming its devices (at the first one's
    anchor, where the timeline's bands lead)."""
    parts = []
    for rows, said in groups:
        first = paths.row_anchor(rows[0])
        items = "".join(f'<dt {anchor_id(timeline.run_anchor(first, run))}>{term}</dt><dd>{reasons}</dd>'
                        for run, (*_, term, reasons) in zip(site.matrix.runs(rows[0]), said))
        parts.append(heading(3, f"reasons-{first}", html(", ".join(row_label(r) for r in rows)), in_toc=False)
                     + f'<dl class="sec-reasons">{items}</dl>')
    return "".join(parts)


INTRODUCTION = ("For each duty the clauses create, this table says who bears it (the User, the DCC, nobody or "
                "several parties) for each device type and generation, in each SEC version, with the clauses that "
                "decide it.")


def render_index(site: Site) -> str:
    corpus, w = site.corpus, Writer(site, paths.RESPONSIBILITY)
    out = [page_facts("Who is responsible?", "responsibility") + title_heading("Who is responsible?"),
           f"<p>{w.prose(INTRODUCTION)}</p>",
           f'<div {anchor_id("sec-explorer")} class="sec-explorer" data-src="explorer.json" hidden></div>',
           heading(2, "obligations", "Obligations"),
           bullets(f"{w.a(paths.obligation(o), html(o.title))}: its timeline, with every reason" for o in corpus.obligations.values())]
    unassessed = [d for d in corpus.device_types.values() if not d.assessed]
    if unassessed:
        out += [heading(2, "not-assessed", "Not assessed"),
                bullets(f"<strong>{html(d.name)}</strong>: {w.prose(d.assessment_note)}" for d in unassessed)]
    out += [heading(2, "downloads", "Downloads"),
            '<p>The full matrix, every obligation, device and version with its reasons: '
            '<a href="matrix.csv">CSV</a> · <a href="matrix.json">JSON</a>.</p>',
            party_downloads(corpus)]
    return "\n".join(out) + "\n"


def party_downloads(corpus: Corpus) -> str:
    """Where one party's duties and changes are saved, with an address of the data's own as example."""
    party = next(iter(corpus.parties), None)
    if party is None:
        return ""
    ask = f"?party={party}&from={corpus.versions[0].id}&to={corpus.latest.id}"
    return ("<p>One party's duties in a version, or what it gained or lost between two versions, are saved as CSV "
            f"from the table above (<code>{html(ask)}</code>); without JavaScript, the <code>parties</code> column of "
            "the full matrix gives the same answers.</p>")


def render_findings(site: Site) -> str:
    here, matrix = paths.FINDINGS, site.matrix
    w = Writer(site, here)
    out = [page_facts("Findings: gaps, overlaps and twin duties", "findings") + title_heading("Findings"),
           "<p>Every gap (nobody bears a duty), overlap (several parties bear it) and difference between twin duties "
           "that the decision table shows across the whole history held here, with what ended it; the devices for "
           "which one reads the same, in one line.</p>"]
    findings = matrix.findings
    if not findings:
        return "\n".join(out + ["<p>No gap, overlap or twin-duty difference was found.</p>"]) + "\n"
    body = []
    for alike in matrix.alike_findings:  # the devices for which one reads the same, in one line
        f = alike[0]
        ended = "still open"
        if f.ended_by:
            by = ", ".join(w.a(paths.modification(m), html(m)) for m in matrix.ending_modifications(f))
            ended = f"ended in {w.a(paths.version(f.ended_by), html(f.ended_by.label))}" + (f" by {by}" if by else "")
        devices = ", ".join(w.a(paths.obligation(g.row.obligation), html(row_label(g.row)), "row-" + paths.row_anchor(g.row))
                            for g in alike)
        body.append(f"<tr><td>{html(KIND_WORDS[f.kind])}</td><td>{devices}: {html(f.what)}</td>"
                    f"<td>{html(f.first.label)} to {html(f.last.label)}</td>"
                    f"<td>{', '.join(html(c) for c in f.citations) or '–'}</td><td>{ended}</td></tr>")
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
        cited = (reason.citation, paths.href(here, *citation_target(corpus, reason)), reason.modification, None) \
            if reason.citation else (None, None, None, rule.provenance.source.title)
        key = (*cited, reason.includes, rule.party.short, rule.party.id, rule.role.id if rule.role else None)
        return reasons.setdefault(key, len(reasons))

    def state_id(run: Run) -> int:
        verdict = run.verdict
        key = (verdict.status, verdict.answer, tuple(reason_id(r) for r in verdict.reasons), run.mismatch,
               tuple(p.id for p in verdict.parties))
        return states.setdefault(key, len(states))

    # Each row: obligation, generation, device, then [state, number of versions] per run; a run whose
    # answer changed (Run.changed) adds the modifications that changed it, none or some (indexes into
    # "modifications"). Arrays, not named objects: those would double the file at 8,000 rows.
    mods = {m: i for i, m in enumerate(corpus.modifications)}
    rows = [[row.obligation.id, row.generation_id, row.device_id,
             [[state_id(run), run.last.index - run.first.index + 1]
              + ([[mods[m] for m in matrix.modifications_at(row, run.first)]] if run.changed else [])
              for run in matrix.runs(row)]] for row in matrix.rows]
    lows, highs = site.index.date_bounds
    return {
        "versions": [{"id": v.id, "label": v.label, "short": short, "date": v.date.describe(), "from": lo, "to": hi,
                      "url": paths.href(here, paths.version(v))}
                     for v, short, lo, hi in zip(corpus.versions, short_labels(corpus.versions), lows, highs)],
        "obligations": [{"id": o.id, "short": o.short, "title": o.title, "url": paths.href(here, paths.obligation(o))}
                        for o in corpus.obligations.values()],
        "generations": [{"id": g.id, "name": g.name, "from": g.in_scope_from.label} for g in corpus.generations.values()],
        "devices": [{"id": d.id, "name": d.name, "short": d.short} for d in corpus.device_types.values() if d.assessed],
        "no_device": NO_DEVICE,  # the label of a row without a device
        "states": [{"status": s, "answer": a, "reasons": list(r), "mismatch": m, "parties": list(p)}
                   for s, a, r, m, p in states],
        "reasons": [dict(zip(("citation", "href", "modification", "source", "includes", "party", "party_id", "role"), k))
                    | ({"modification_url": paths.href(here, paths.modification(k[2]))} if k[2] else {})
                    for k in reasons],
        "parties": [{"id": p.id, "name": p.name, "short": p.short} for p in corpus.parties.values()],
        "modifications": [{"id": m.id, "title": m.title, "url": paths.href(here, paths.modification(m)),
                           "implemented_in": m.implemented_in.index if m.implemented_in else None}
                          for m in corpus.modifications.values()],
        "rows": rows,
        "timeline": timeline.explorer_data(site, (lows, highs)),
    }


TABLE_WORDS = "assets/sec-obligations/table-words.json"  # read by the search worker; not a published address
GENERIC = {"function", "device", "devices", "equipment", "systems"}  # words a reader may leave out of a name


def table_words(corpus: Corpus) -> dict:
    """What search needs to offer the decision table for a query that names its choices
    ("SMETS1 CHF", "DCC 6.17"): each choice's id and the words a reader may type for it."""
    def forms(*names: str | None, term: str | None = None) -> list[str]:
        held = corpus.terms.get(term) if term else None
        words = [*names, *(held.forms if held else ())]
        for name in filter(None, list(words)):  # "gas proxy" for Gas Proxy Function, never "user" for User Systems
            kept = [w for w in name.split() if w.lower() not in GENERIC]
            words.append(" ".join(kept) if len(kept) > 1 else None)
        return sorted({w.lower() for w in words if w and w.strip()}, key=lambda w: (-len(w), w))

    return {  # in the order search looks for them: a longer name before the shorter ones it holds
        "obligation": [{"id": o.id, "name": o.short, "words": forms(o.id, o.short, o.title)}
                       for o in corpus.obligations.values()],
        "device": [{"id": d.id, "name": d.short, "words": forms(d.id, d.name, d.short, term=d.term)}
                   for d in corpus.device_types.values() if d.assessed],
        "generation": [{"id": g.id, "name": g.name, "words": forms(g.id, g.name, term=g.term)}
                       for g in corpus.generations.values()],
        "party": [{"id": p.id, "name": p.short, "words": forms(p.id, p.name, p.short, term=p.term)}
                  for p in corpus.parties.values()],
        "version": [{"id": v.id, "name": v.label, "words": forms(v.id, v.number, v.number and f"v{v.number}", v.label)}
                    for v in corpus.versions],
    }
