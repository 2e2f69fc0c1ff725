"""Corpora for the unit tests that the pinned and fixture data do not hold, loaded in-process from an
edited copy: hostile text in every kind of data text, a renumbered clause, a deleted one."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from sec_obligations.loader import load
from sec_obligations.model import Corpus

from conftest import PINNED, DataCopy
from test_manifest import delete_g321, renumber_g318

# Markup, an attribute breaking out of its quotes, and Markdown: each must come out as the words written.
EVIL = "<script>alert('x')</script><img src=x onerror=alert(1)> \" onmouseover=\"alert(2) *bold* [x](http://e.com) &amp;"

# (file, text in the pinned data, the same field with EVIL in it): one of each kind of data text.
HOSTILE_EDITS = [
    ("sections/G.yaml", "title: Security", f"title: {json.dumps('Security ' + EVIL)}"),
    ("sections/G.yaml", 'title: "Manufacturers: Duty to Notify and Be Notified"',
     f"title: {json.dumps('Manufacturers ' + EVIL)}"),
    ("sections/G.yaml", 'lead: "The requirements of this Section are that the User shall:"',
     f"lead: {json.dumps('The requirements ' + EVIL + ' of this Section are that the User shall:')}"),
    ("sections/G.yaml", "may be) need not be required", f"may be) {EVIL} need not be required"),  # a folded scalar
    ("sections/G.yaml", "Wording as at SEC 6.17 (MP087 Annex A); earlier versions are assumed to match.",
     json.dumps("Wording as at SEC 6.17. " + EVIL)),
    ("glossary.yaml", "The systems (hardware, software and firmware) that a User uses", f"The systems {EVIL} that a User uses"),
    ("modifications/MP087.yaml", 'title: "Correction to SEC Section G – User Responsibilities"',
     f"title: {json.dumps('Correction ' + EVIL)}"),
    ("versions.yaml", 'release: "November 2019 SEC Release"', f"release: {json.dumps('November ' + EVIL)}"),
    ("obligations.yaml", "title: Arrange to be notified of security vulnerabilities",
     f"title: {json.dumps('Arrange ' + EVIL)}"),
]


def edited(tmp: Path, *edits: Callable[[DataCopy], None], source: Path = PINNED) -> Corpus:
    """A copy of ``source`` in ``tmp``, changed by each of ``edits``, loaded."""
    copy = DataCopy(tmp / "obligations")
    shutil.copytree(source, copy.path)
    for edit in edits:
        edit(copy)
    return load(copy.path)


def hostile(copy: DataCopy) -> None:
    for name, old, new in HOSTILE_EDITS:
        copy.replace(name, old, new)


__all__ = ["EVIL", "delete_g321", "edited", "hostile", "renumber_g318"]
