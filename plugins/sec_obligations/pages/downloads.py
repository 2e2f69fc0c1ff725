"""The open data page's table of every version's downloads, written into a hand-written page."""

from __future__ import annotations

from .. import paths
from ..model import Corpus
from ..opendata import data_uri, version_matrix_uri
from .common import text

DOWNLOADS_MARK = "<!-- sec-obligations: downloads -->"  # a hand-written page's place for the table below


def downloads_markdown(corpus: Corpus, here: str) -> str:
    """The downloads of every version, newest first, as a Markdown table for the page ``here``."""
    lines = ["| Version | Date | Responsibility matrix | Release data |", "|---|---|---|---|"]
    for v in reversed(corpus.versions):
        lines.append(f"| [{text(v.title)}]({paths.link(here, paths.version(v))}) | {text(v.date.describe())} | "
                     f"[CSV]({paths.link(here, version_matrix_uri(v, 'csv'))}) · "
                     f"[JSON]({paths.link(here, version_matrix_uri(v, 'json'))}) | "
                     f"[data.json]({paths.link(here, data_uri(paths.version(v)))}) |")
    return "\n".join(lines)
