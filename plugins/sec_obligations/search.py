"""The site's search index: Pagefind, run over the built HTML at the end of every build.

Pagefind splits its index into small chunks that the browser fetches as a query needs them, so a
first search on a site of thousands of clauses downloads a few hundred kilobytes instead of one
index of tens of megabytes. The pages say what is indexed (``data-pagefind-body``, ``-ignore``,
``-weight``, ``-filter``: see theme/main.html and the page renderers); the theme's search box
queries the index through theme/assets/sec-obligations/search-worker.js.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

OUTPUT = "pagefind"  # the index's folder in the site
# Not indexed: the heading permalinks' pilcrows.
EXCLUDE = ".headerlink"
# Kept inside words: a dot, so "A1.2" and "5.20" are words of their own. Without it Pagefind also
# indexes them as "a12" and "520", and a search for A1.2 ranks A12.5 and SEC 1.1 above clause A1.2.
WORD_CHARACTERS = "."


class SearchIndexError(Exception):
    pass


def command(site_dir: str | Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", OUTPUT,
            "--exclude-selectors", EXCLUDE, "--include-characters", WORD_CHARACTERS, "--force-language", "en", "--silent"]


def build_index(site_dir: str | Path) -> None:
    """Index the built site in place; a failure names what Pagefind said."""
    try:
        done = subprocess.run(command(site_dir), capture_output=True, text=True)
    except OSError as error:
        raise SearchIndexError(f"could not run Pagefind: {error}") from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip()
        raise SearchIndexError(f"Pagefind could not index {site_dir} (exit {done.returncode}): {said[-2000:]}")
