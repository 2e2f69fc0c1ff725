"""The site's search index: Pagefind, run alongside the build.

Pagefind splits its index into small chunks that the browser fetches as a query needs them, so a
first search on a site of thousands of clauses downloads a few hundred kilobytes instead of one
index of tens of megabytes. The theme's search box queries it through
theme/assets/sec-obligations/search-worker.js.

What is indexed is each page's content, with its kind and section as filters: :meth:`Index.add`
writes it, as a small HTML document at the page's path, into a scratch folder as soon as the page's
content is final. Pagefind indexes that folder (:meth:`Index.start`) while MkDocs renders the theme
around every page and writes the site, so on a two-core machine most of its 13 s at 4,000 clauses
overlaps the build instead of following it; :meth:`Index.finish` waits for it, then puts the files
Pagefind writes in hash-map order in order (stable_search.py): two builds give the same bytes.
Inside the content, the renderers mark what counts less or not at all (``data-pagefind-weight``,
``data-pagefind-ignore``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from html import escape
from pathlib import Path

from . import stable_search

OUTPUT = "pagefind"  # the index's folder in the site
# Not indexed: the heading permalinks' pilcrows.
EXCLUDE = ".headerlink"
# Kept inside words: a dot, so "A1.2" and "5.20" are words of their own. Without it Pagefind also
# indexes them as "a12" and "520", and a search for A1.2 ranks A12.5 and SEC 1.1 above clause A1.2.
WORD_CHARACTERS = "."
MEMORY_FOLDER = "/dev/shm"
MEMORY_NEEDED = 1 << 30  # free bytes the memory file system must have for the pages to go there
SCRATCH_PREFIX = "sec-search-"  # then the process id and a random part (see scratch_prefix)


class SearchIndexError(Exception):
    pass


def command(pages: str | Path, output: str | Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(output),
            "--exclude-selectors", EXCLUDE, "--include-characters", WORD_CHARACTERS, "--force-language", "en", "--silent"]


def document(content: str, kind: str, section: str | None) -> str:
    """What Pagefind reads of a page: its content, filtered by kind (and section)."""
    filters = "kind[data-sec-kind]" + (", section[data-sec-section]" if section else "")
    section_attribute = f' data-sec-section="{escape(section)}"' if section else ""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title></title></head><body>'
            f'<div data-pagefind-body data-sec-kind="{escape(kind)}"{section_attribute} '
            f'data-pagefind-filter="{filters}" data-pagefind-meta="kind[data-sec-kind]">{content}</div></body></html>')


def scratch_parent() -> str | None:
    """Where to write the pages to index: the temporary folder if one is set, else a memory file
    system with room to spare where there is one (creating 4,892 small files took 5.4 s on a disk
    here, 0.3 s in memory; they hold about 90 MB at 4,000 clauses, and containers often give the
    memory file system only 64 MB)."""
    if os.environ.get("TMPDIR") or not os.access(MEMORY_FOLDER, os.W_OK):
        return None
    return MEMORY_FOLDER if shutil.disk_usage(MEMORY_FOLDER).free >= MEMORY_NEEDED else None


def scratch_prefix(pid: int | None = None) -> str:
    """The start of the scratch folder's name: it names the build's process, so that what a build
    left behind can be told from the scratch of another build running at the same time."""
    return f"{SCRATCH_PREFIX}{os.getpid() if pid is None else pid}-"


class Index:
    """The search index of one build: pages in, then Pagefind over them in the background.
    Whatever happens, :meth:`finish` or :meth:`discard` leaves no scratch folder and no Pagefind."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.bundle: Path | None = None  # where Pagefind writes the index
        self.output = tempfile.TemporaryFile()  # noqa: SIM115 -- what Pagefind says, until discard() closes it (a pipe could fill)
        self.pages = Path(tempfile.mkdtemp(prefix=scratch_prefix(), dir=scratch_parent()))
        self.thread: threading.Thread | None = None  # works in the background under mkdocs serve (refresh)
        self.lock = threading.Lock()  # the thread starts Pagefind, or discard() stops it from starting
        self.cancelled = False

    def add(self, path: str, content: str, kind: str, section: str | None = None) -> None:
        """A page's content (HTML, with its h1) at its path in the site (``sec/G/G3.20/index.html``)."""
        target = self.pages / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(document(content, kind, section), encoding="utf-8")

    def start(self, site_dir: str | Path, folder: str = OUTPUT) -> None:
        """Index the pages added so far into the site's ``pagefind/`` folder (or ``folder``), in the background."""
        self.bundle = Path(site_dir) / folder
        try:
            self.process = subprocess.Popen(command(self.pages, self.bundle), stdout=self.output,
                                            stderr=subprocess.STDOUT)
        except OSError as error:
            self.discard()
            raise SearchIndexError(f"could not run Pagefind: {error}") from None

    def finish(self) -> None:
        """Wait for Pagefind, then put its index in order; a failure names what it said."""
        assert self.process is not None, "start() first"
        self._finish(self.process)

    def _finish(self, process: subprocess.Popen) -> None:
        status = process.wait()
        self.output.seek(0)
        said = self.output.read().decode("utf-8", "replace").strip()
        self.discard()
        if status != 0:
            raise SearchIndexError(f"Pagefind could not index the site (exit {status}): {said[-2000:]}")
        assert self.bundle is not None, "start() names the bundle"
        try:
            stable_search.normalise(self.bundle)
        except (OSError, ValueError, LookupError, TypeError) as error:
            raise SearchIndexError(f"Pagefind's index in {self.bundle} could not be put in order: {error!r}") from None

    def refresh(self, site_dir: str | Path, pages: list[tuple[str, str, str, str | None]],
                done: Callable[[str | None], None]) -> None:
        """Under ``mkdocs serve``: in the background, write ``pages`` ((path, content, kind, section),
        in the order a full build adds them: Pagefind numbers pages in the order it finds them),
        index them beside the site's index, then put the new index in its place at once. ``done``
        gets None, or what went wrong (unless a build that started since discarded this one). The
        page an edit changed shows without waiting; search follows a few seconds later."""
        site = Path(site_dir)

        def run() -> None:
            try:
                for page in pages:
                    self.add(*page)
                with self.lock:
                    if self.cancelled:
                        return
                    self.start(site, f".{OUTPUT}-{os.getpid()}")
                process, bundle = self.process, self.bundle
                assert process is not None and bundle is not None
                try:
                    self._finish(process)
                    live, old = site / OUTPUT, site / f".{OUTPUT}-old-{os.getpid()}"
                    if live.exists():
                        live.rename(old)
                    bundle.rename(live)
                    shutil.rmtree(old, ignore_errors=True)
                finally:
                    shutil.rmtree(bundle, ignore_errors=True)  # gone once renamed
            except (SearchIndexError, OSError) as error:
                if not self.cancelled:  # a build that started since replaces this index: not a failure
                    done(str(error))
            else:
                done(None)

        self.thread = threading.Thread(target=run, name="search index", daemon=True)
        self.thread.start()

    def discard(self) -> None:
        """Stop Pagefind if it runs, and remove the scratch folder (after finish, or a failed or
        interrupted build: it may run again, and from a signal handler)."""
        with self.lock:
            self.cancelled = self.cancelled or threading.current_thread() is not self.thread
            process = self.process
        if process is not None and process.poll() is None:
            process.kill()  # before the folders go: it writes into the site's
            process.wait()
        if self.thread is not None and self.thread is not threading.current_thread():
            self.thread.join()
            self.thread = None
        self.output.close()
        shutil.rmtree(self.pages, ignore_errors=True)
