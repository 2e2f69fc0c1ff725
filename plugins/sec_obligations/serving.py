"""What `mkdocs serve --dirty` (``./dev serve``) keeps from one build to the next, so that an edit
renders again only what it reaches (reach.py) and MkDocs writes again only the files that changed."""

from __future__ import annotations

import gc
import logging
import os
from dataclasses import dataclass

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from .pages import Page, Site

IDLE = 1.0  # seconds after a build under `mkdocs serve` before its memory is set aside (set_aside_memory)


class GeneratedFile(File):
    """A file the plugin generated. Under ``mkdocs serve --dirty`` MkDocs writes again only the files
    that say they changed: ``modified`` says whether this one did (see on_files)."""

    modified = True

    @classmethod
    def made(cls, config: MkDocsConfig, uri: str, content: str, inclusion: InclusionLevel, modified: bool) -> GeneratedFile:
        file = cls.generated(config, uri, content=content, inclusion=inclusion)
        assert isinstance(file, GeneratedFile)
        file.modified = modified
        return file

    def is_modified(self) -> bool:
        return self.modified


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept in memory by name; Jinja compares each with its source."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


@dataclass(frozen=True)
class Built:
    """What a build wrote, kept for the next under ``mkdocs serve --dirty``: the next renders again
    only the pages an edit reaches (reach.py) and writes again only what differs."""

    frame: tuple  # what every page shows around its content (ObligationsPlugin._frame)
    site: Site
    pages: dict[str, Page]  # source path -> page
    files: dict[str, str]  # path in the site -> content, for the other generated files
    dests: set[str]  # the path in the site of every file (a file no longer made is removed)


def set_aside_memory() -> None:
    """Under ``mkdocs serve``, once a build is done: collect what the builds before left, and set
    what is kept (the data, the pages) aside from Python's garbage collector, whose passes over
    millions of objects were a third of a rebuild at 4,000 clauses (2.7 s, against 1.9 s)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def stale(files: Files) -> None:
    """Hand-written pages written again by a dirty build (their copy in the site made older than their source)."""
    for file in files.documentation_pages():
        if not isinstance(file, GeneratedFile) and os.path.exists(file.abs_dest_path):
            os.utime(file.abs_dest_path, ns=(0, 0))


def without_dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns that a dirty build may leave the navigation and links stale; under this plugin
    it does not (reach.py, ObligationsPlugin.on_files), and the strict build would count the warning."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")
