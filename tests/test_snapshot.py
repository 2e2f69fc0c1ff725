"""The site is the same, byte for byte, as the digest lists say (see snapshot.py): a refactoring
changes no file; a change meant to change the site writes the lists again, and their diff shows
which files it changed."""

from __future__ import annotations

import pytest

import snapshot

pytestmark = pytest.mark.build


def changed(name: str, site) -> dict[str, list[str]]:
    want, have = snapshot.read(name), snapshot.digests(site)
    return {"changed": [p for p in want if p in have and want[p] != have[p]],
            "gone": [p for p in want if p not in have], "new": [p for p in have if p not in want]}


HINT = "the site changed: if meant, run `.venv/bin/python tests/snapshot.py --update` and commit the lists"


def test_the_pinned_data_builds_the_site_recorded(real_site):
    assert changed("pinned", real_site.site) == {"changed": [], "gone": [], "new": []}, HINT


def test_the_smoke_corpus_builds_the_site_recorded(smoke_site):
    assert changed("smoke", smoke_site) == {"changed": [], "gone": [], "new": []}, HINT
