"""The site's own styles and scripts, each set written into one file, and the theme's files the site
never loads.

The sources stay a file per feature (theme/assets/sec-obligations/: site.js, the shared helpers and
the start-up, first; then the features; then the decision table's views). Every page loads the two
bundles: two tags in its head and foot instead of eight, and two requests instead of eight. Nothing
here knows MkDocs.
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

FOLDER = "assets/sec-obligations"
STYLES = [f"{FOLDER}/{name}.css" for name in ("site", "timeline", "party")]
SCRIPTS = [f"{FOLDER}/{name}.js" for name in ("site", "explorer", "clause", "timeline", "party")]
STYLESHEET, SCRIPT = f"{FOLDER}/sec-obligations.css", f"{FOLDER}/sec-obligations.js"
# The theme's source maps (for its developers), and its own search (a worker and the lunr languages),
# which the Pagefind index replaces (search.py).
NEVER_LOADED = ("*.map",)
THEME_SEARCH = ("assets/javascripts/lunr/*", "assets/javascripts/workers/search.*")


def bundles(theme_dir: Path) -> dict[str, str]:
    """Path in the site -> content of the two bundles, each source headed by its name, in order."""
    def joined(sources: list[str]) -> str:
        return "".join(f"/* ---- {Path(uri).name} ---- */\n{(theme_dir / uri).read_text(encoding='utf-8').rstrip()}\n"
                       for uri in sources)

    return {STYLESHEET: joined(STYLES), SCRIPT: joined(SCRIPTS)}


def left_out(uri: str, pagefind: bool) -> bool:
    """Whether a file of the theme (its path in the site) stays out of the site: the bundles' sources,
    source maps, and the theme's own search where Pagefind answers it."""
    patterns = NEVER_LOADED + (THEME_SEARCH if pagefind else ())
    return uri in STYLES or uri in SCRIPTS or any(fnmatch(uri, pattern) for pattern in patterns)
