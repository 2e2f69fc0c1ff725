"""Data the pinned and fixture copies do not hold, made by editing a copy of them: hostile text in
every kind of data text, a renumbered clause, a deleted one (loaded in-process by the unit tests;
the hostile copy is also built, see conftest.py)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from sec_obligations.loader import load
from sec_obligations.model import Corpus
from test_manifest import delete_g321, renumber_g318

from conftest import PINNED, DataCopy

# Markup, an attribute breaking out of its quotes, and Markdown: each must come out as the words written.
# A browser that ran any of it would set window.sec_xss; "quokka" finds it in search.
EVIL = ("quokka <script>window.sec_xss=1</script><img src=x onerror=window.sec_xss=2> \" onmouseover=\"window.sec_xss=3 "
        "*bold* [x](http://e.com) &amp;")

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


def copy_of(tmp: Path, *edits: Callable[[DataCopy], None], source: Path = PINNED) -> Path:
    """A copy of the data folder ``source`` in ``tmp``, changed by each of ``edits``."""
    copy = DataCopy(tmp / "obligations")
    shutil.copytree(source, copy.path)
    for edit in edits:
        edit(copy)
    return copy.path


def edited(tmp: Path, *edits: Callable[[DataCopy], None], source: Path = PINNED) -> Corpus:
    """That copy, loaded."""
    return load(copy_of(tmp, *edits, source=source))


def hostile(copy: DataCopy) -> None:
    for name, old, new in HOSTILE_EDITS:
        copy.replace(name, old, new)


__all__ = ["EVIL", "copy_of", "delete_g321", "edited", "hostile", "renumber_g318"]
