"""Parts of the theme's header that only its scripts use (the search dialog, the palette toggle),
written once per build into a script of their own instead of into every page.

A page holds ``<script src=".../assets/sec-obligations/insert-<name>.js">`` where the part would be; the
script, run as the page is read (before the theme's bundle looks for the part), puts the part's
HTML in its own place. The HTML is the theme's template rendered once (the same on every page);
without JavaScript the part did nothing, and now is not there. Nothing here knows MkDocs.
"""

from __future__ import annotations

import json
from pathlib import Path

from .htmlspace import without_indentation

FOLDER = "assets/sec-obligations"


class Inserts:
    def __init__(self) -> None:
        self.parts: dict[str, str] = {}

    def tag(self, name: str, base_url: str, *, caller) -> str:
        """The script that puts the part ``name`` (what ``caller`` renders, once a build) in its place;
        ``base_url``: the site's address from the page (``../..``; ``/`` on the 404 page)."""
        if name not in self.parts:
            self.parts[name] = caller()
        return f'<script src="{base_url.rstrip("/")}/{FOLDER}/insert-{name}.js"></script>'

    def files(self) -> dict[str, str]:
        """Path in the site -> the script of each part rendered in this build."""
        return {f"{FOLDER}/insert-{name}.js": "/* The theme's " + name + " (see inserts.py), put where this script is. */\n"
                f"document.currentScript.insertAdjacentHTML(\"beforebegin\", {json.dumps(without_indentation(html).strip())});\n"
                for name, html in sorted(self.parts.items())}

    def write(self, site_dir: str) -> None:
        for path, content in self.files().items():
            target = Path(site_dir, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
