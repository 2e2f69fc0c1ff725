"""Section pages (clauses grouped under their headings) and the index of sections."""

from __future__ import annotations

from .. import paths
from ..model import Section
from . import Site
from .common import front_matter, text


def render_index(site: Site) -> str:
    here = paths.CODE
    lines = [front_matter("The code", "section"), "# The Smart Energy Code",
             "The sections of the code held here. Each clause has its own page with every wording it has had.", ""]
    for s in site.corpus.sections.values():
        lines.append(f"- [Section {s.id}: {text(s.title)}]({paths.link(here, paths.section(s.id))}) "
                     f"({len(s.clauses)} clauses)")
    return "\n".join(lines) + "\n"


def render(site: Site, section: Section) -> str:
    here = paths.section(section.id)
    out = [front_matter(f"Section {section.id}: {section.title}", "section", section.id),
           f"# Section {section.id}: {text(section.title)}"]
    if section.description:
        out.append(text(section.description))
    for heading in section.headings:
        out.append(f"## {text(heading.title)} {{#{heading.id}}}")
        items = []
        for c in heading.clauses:
            current = c.current
            status = "" if current.last is None else f" (not in force since {text(current.last.label)})"
            items.append(f"- [{c.id}]({paths.link(here, paths.clause(c))}){status}: {text(_summary(current.lead))}")
        out.append("\n".join(items))
    return "\n\n".join(out) + "\n"


def _summary(words: str, limit: int = 160) -> str:
    """The first words of a clause, cut at a word boundary."""
    words = " ".join(words.split())
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + " …"
