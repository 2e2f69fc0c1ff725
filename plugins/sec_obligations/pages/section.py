"""Section pages (clauses grouped under their headings) and the index of sections."""

from __future__ import annotations

from .. import paths
from ..model import Section
from . import Site
from .common import Writer, bullets, front_matter, heading, html, title_heading


def render_index(site: Site) -> str:
    w = Writer(site, paths.CODE)
    items = (f"{w.a(paths.section(s.id), f'Section {html(s.id)}: {html(s.title)}')} ({len(s.clauses)} clauses)"
             for s in site.corpus.sections.values())
    return (front_matter("The code", "section") + title_heading("The Smart Energy Code")
            + "<p>The sections of the code held here. Each clause has its own page with every wording it has had.</p>"
            + bullets(items) + "\n")


def render(site: Site, section: Section) -> str:
    w = Writer(site, paths.section(section.id))
    title = f"Section {section.id}: {section.title}"
    out = [front_matter(title, "section", section.id) + title_heading(title)]
    if section.description:
        out.append(f"<p>{w.prose(section.description)}</p>")
    for topic in section.headings:
        out.append(heading(2, topic.id, html(topic.title)))
        items = []
        for c in topic.clauses:
            current = c.current
            status = "" if current.last is None else f" (not in force since {html(current.last.label)})"
            items.append(f"{w.a(paths.clause(c), html(c.id))}{status}: {w.prose(_summary(current.lead))}")
        out.append(bullets(items))
    return "\n".join(out) + "\n"


def _summary(words: str, limit: int = 160) -> str:
    """The first words of a clause, cut at a word boundary."""
    words = " ".join(words.split())
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + " …"
