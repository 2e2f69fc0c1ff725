"""The timeline of an obligation: for each row (a device type of a generation, or no device), one
band per run of versions that read the same, labelled by who bears it; on the obligation's page,
the devices that read the same in every version share a row.

Plain HTML drawn by timeline.css, without a script: the versions are the columns of the axis, in
equal steps; a band is as wide as its run. The picture is its own text alternative: each row is a
list item named by its devices, each band a link whose words give its answer and versions, leading
to its reasons (those listed under "Reasons" on the page, not repeated here). timeline.js writes
the reasons of the band focused or pointed at in the line under the picture, and makes that line
every band's description (without scripts it says to select one). The axis (versions, dates, the modifications that
changed a band) is for the eye only: the bands' words say the same.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import paths
from ..engine import GAP, NO_DEVICE, OVERLAP, PARTY, Row, Run, introduced_by, row_label
from ..model import Generation, Obligation, Version
from . import Site
from .common import ICONS, anchor_id, html

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
PALETTE = 4  # party colours (timeline.css); the words and icons say who, the colour only helps the eye
TIP, HINT = "timeline-tip", "Select a band to read its reasons."  # timeline.js writes them there on hover and focus


def run_anchor(row_anchor: str, run: Run) -> str:
    """The anchor of a run's reasons on the obligation page: ``reasons-<row>--<first version id>``."""
    return f"reasons-{row_anchor}--{run.first.id}"


def axis_date(version: Version, low: str | None, high: str | None) -> tuple[str, bool]:
    """A version's date as the axis shows it, and whether it is known: ``Feb 2018``; where it is not,
    the years it must lie in, with a question mark (``2018 ?``, ``2018–19 ?``), or just ``?``."""
    if version.date.exact:
        year, month, _ = version.date.exact.split("-")
        return f"{MONTHS[int(month) - 1]} {year}", True
    if low and high:
        first, last = low[:4], high[:4]
        return (first if first == last else f"{first}–{last[2:]}") + " ?", False
    return "?", False


def tick_span(index: int, count: int) -> int:
    """How many columns a version's label may use: the largest power of two dividing its index (all
    of them for the first), up to the last column. Labels wider than their span hide (timeline.css),
    so those shown are evenly spaced at any width: every version, every second, fourth, ..."""
    return count if index == 0 else min(index & -index, count - index)


def axis(versions: Sequence[Version], shorts: Sequence[str], bounds: tuple[list, list]) -> str:
    """The versions' axis (the same on every page): a tick per version, dashed where its date is
    uncertain, labelled with its short label and date where there is room."""
    ticks = []
    for v, short, low, high in zip(versions, shorts, *bounds):
        when, known = axis_date(v, low, high)
        span = tick_span(v.index, len(versions))
        ticks.append(f'<li class="sec-tl__tick{"" if known else " sec-tl__tick--uncertain"}" '
                     f'style="grid-column:{v.index + 1}/span {span}"><span class="sec-tl__tick-text">'
                     f'{html(short)}<br>{html(when)}</span></li>')
    return (f'<div class="sec-tl__axis" aria-hidden="true"><span class="sec-tl__corner">SEC version and date '
            f'(? not known)</span><ol class="sec-tl__ticks">{"".join(ticks)}</ol></div>')


def modification_track(marks: dict[int, set[str]], count: int) -> str:
    """Where a modification changed a band of the picture: its id from that version on."""
    if not marks:
        return ""
    starts = sorted(marks)
    items = [f'<li style="grid-column:{i + 1}/{(starts[k + 1] if k + 1 < len(starts) else count) + 1}">'
             f'<span aria-hidden="true">◆</span> {html(", ".join(sorted(marks[i])))}</li>'
             for k, i in enumerate(starts)]
    return (f'<div class="sec-tl__axis sec-tl__axis--mods" aria-hidden="true"><span class="sec-tl__corner">'
            f'Changed by</span><ol class="sec-tl__ticks">{"".join(items)}</ol></div>')


def versions_words(run: Run) -> str:
    """``v5.14`` or ``v5.20 to v6.17``."""
    return run.first.label + (f" to {run.last.label}" if run.last != run.first else "")


def band(run: Run, anchor: str, mods: tuple[str, ...], party_colour: dict[str, int]) -> str:
    """One run as a band: its answer and versions in words, and a link to its reasons on the page
    (the ``<dt>`` at ``anchor``). timeline.css draws its icon, ◆ where a modification changed it and
    ≠ where the twin duty differs; timeline.js makes the line under the picture its description."""
    verdict = run.verdict
    classes = f"sec-tl__band sec-tl__band--{verdict.status}"
    if verdict.status == PARTY:
        classes += f" sec-tl__band--p{party_colour[verdict.parties[0].id] % PALETTE}"
    if mods:
        classes += " sec-tl__band--modified"
    if run.mismatch:
        classes += " sec-tl__band--mismatch"
    notes = []
    if run.changed:
        notes.append("changed")
    if run.mismatch:
        notes.append("differs from twin duty")
    if mods:
        notes.append("wording introduced by " + ", ".join(mods))
    said = ", " + versions_words(run) + "".join("; " + n for n in notes)
    return (f'<li style="flex-grow:{run.last.index - run.first.index + 1}"><a class="{classes}" href="#{anchor}">'
            f'<span class="sec-tl__word">{html(verdict.answer)}</span><span class="sec-sr">{html(said)}</span></a></li>')


def caption(obligation: Obligation, versions: Sequence[Version], counts: dict[str, int], rows: int, lines: int) -> str:
    """What the picture shows (``rows``: the obligation's; ``lines``: the picture's, one for the
    devices that read the same)."""
    found = [f"{ICONS[kind]} {word}: {counts[kind]} of {rows} row{'s' if rows > 1 else ''}"
             for kind, word in ((GAP, "gaps"), (OVERLAP, "overlaps")) if counts[kind]]
    shared = " Devices that read the same in every version share a row." if lines < rows else ""
    return (f"Timeline of {obligation.short}: who bears it for each device (rows) in the {len(versions)} SEC versions "
            f"held, {versions[0].label} to {versions[-1].label}, in equal steps. Each band is a run of versions that "
            f"read the same; ◆ marks where a modification changed it.{shared} "
            + ("; ".join(found) + " (hatched and framed)." if found else "No gap or overlap."))


def group_label(rows: Sequence[Row]) -> str:
    """A row of the picture named, as HTML, each device at ``row-<row anchor>``: one device by its
    name; several by their short names after their generation's (``SMETS1 ESME, GSME; SMETS2+ ESME``),
    which the reasons below give in full."""
    def named(row: Row, words: str) -> str:
        return f'<span {anchor_id("row-" + paths.row_anchor(row))}>{html(words)}</span>'

    if len(rows) == 1:
        return named(rows[0], row_label(rows[0]))
    by_generation: dict[Generation | None, list[str]] = {}
    for row in rows:
        by_generation.setdefault(row.generation, []).append(named(row, row.device.short if row.device else NO_DEVICE))
    return "; ".join(f"{html(generation.name)} {', '.join(devices)}" if generation else ", ".join(devices)
                     for generation, devices in by_generation.items())


def figure(site: Site, obligation: Obligation, shorts: Sequence[str], bounds: tuple[list, list],
           groups: Sequence[Sequence[Row]]) -> str:
    """The timeline of one obligation, as a <figure> (``shorts``: the versions' short labels;
    ``bounds``: their earliest and latest possible dates): a row for each group of rows that read
    the same, labelled by its devices, each at ``row-<row anchor>`` (where the findings link); its
    bands lead to the first one's reasons."""
    matrix, versions = site.matrix, site.corpus.versions
    key = ("timeline-axis",)
    if key not in site.shared:
        site.shared[key] = axis(versions, shorts, bounds)
    party_colour = {p: i for i, p in enumerate(site.corpus.parties)}
    lines: list[str] = []
    marks: dict[int, set[str]] = {}  # version index -> the modifications that changed a band there
    counts = {GAP: 0, OVERLAP: 0}
    for rows in groups:
        anchor, bands, seen = paths.row_anchor(rows[0]), [], set()
        for run in matrix.runs(rows[0]):
            mods = introduced_by(run)
            if mods:
                marks.setdefault(run.first.index, set()).update(mods)
            seen.add(run.verdict.status)
            bands.append(band(run, run_anchor(anchor, run), mods, party_colour))
        counts[GAP] += len(rows) * (GAP in seen)
        counts[OVERLAP] += len(rows) * (OVERLAP in seen)
        label = f'<span class="sec-tl__label" {anchor_id("tl-" + anchor)}>{group_label(rows)}</span>'
        lines.append(f'<li class="sec-tl__row">{label}<ol class="sec-tl__bands" aria-labelledby="tl-{anchor}">'
                     f'{"".join(bands)}</ol></li>')
    total = sum(len(rows) for rows in groups)
    return (f'<figure class="sec-tl" {anchor_id("timeline")} style="--sec-tl-n:{len(versions)}" data-pagefind-ignore>'
            f'<figcaption>{html(caption(obligation, versions, counts, total, len(groups)))}</figcaption>'
            f'<div class="sec-tl__box">{site.shared[key]}{modification_track(marks, len(versions))}'
            f'<ol class="sec-tl__rows">{"".join(lines)}</ol></div>'
            f'<p class="sec-tl__tip" {anchor_id(TIP)} aria-hidden="true">{html(HINT)}</p></figure>')


def explorer_data(site: Site, bounds: tuple[list, list]) -> dict:
    """What the explorer's timeline (timeline.js) needs besides the explorer's data: the parties in
    their colours' order, each version's axis date and whether it is known, and the modifications
    that changed a band ([row index, run index, modification ...])."""
    matrix = site.matrix
    introduced = [[r, k, *mods] for r, row in enumerate(matrix.rows) for k, run in enumerate(matrix.runs(row))
                  if (mods := introduced_by(run))]
    return {"parties": [p.short for p in site.corpus.parties.values()],
            "when": [list(axis_date(v, low, high)) for v, low, high in zip(site.corpus.versions, *bounds)],
            "introduced": introduced}
