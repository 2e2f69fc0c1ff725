"""Where a build writes the site: beside the old one, which only a build that succeeded replaces
(Output), and what a signal during a build does (Interruptions)."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import threading
from contextlib import contextmanager, suppress

from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)
BUILDING, ASIDE = ".building-", ".old-"  # then the process id: the new site beside the old, the old site on its way out


class Output:
    """The output folder of a build: MkDocs writes the new site in a folder beside it (on the same
    file system), and only a build that succeeds puts it in its place, by renaming; a build that
    fails or is interrupted leaves the previous site as it was, and its own folder nowhere. The old
    folder's hidden files are kept, as MkDocs' cleaning keeps them (a ``.git`` checkout, say)."""

    def __init__(self, config: MkDocsConfig, target: str) -> None:
        self.config = config
        self.requested = config.site_dir  # given back to MkDocs at the end (gh-deploy reads it)
        self.target = target
        parent, name = os.path.split(target)
        self.building = os.path.join(parent, f"{name}{BUILDING}{os.getpid()}")
        self.aside = os.path.join(parent, f"{name}{ASIDE}{os.getpid()}")

    @classmethod
    def beside(cls, config: MkDocsConfig) -> Output | None:
        """None where the site is built in place, as MkDocs does: a mount point cannot be renamed, and
        what is not a folder is MkDocs' to complain about."""
        target = os.path.realpath(config.site_dir)  # a link to the site: the site it links to is replaced
        if os.path.lexists(target) and not os.path.isdir(target):
            return None
        if os.path.ismount(target):
            log.info(f"{target} is a mount point: the site is built in place, not beside it")
            return None
        return cls(config, target)

    def create(self, *, dirty: bool) -> bool:
        """Make the new site's folder and point MkDocs at it; False if it cannot be (then the site is
        built in place). A dirty build rewrites only what changed: it starts from a copy of the site,
        with its files' dates."""
        try:
            if os.path.isdir(self.aside) and not os.path.lexists(self.target):
                os.rename(self.aside, self.target)  # a swap cut short by a killed build with our process id
            remove(self.aside)
            remove(self.building)  # a killed build's, with our process id
            os.makedirs(os.path.dirname(self.target), exist_ok=True)
            if dirty and os.path.isdir(self.target):
                top = self.target
                shutil.copytree(top, self.building, symlinks=True,
                                ignore=lambda folder, names: [n for n in names if n.startswith(".")] if folder == top else [])
            else:
                os.mkdir(self.building)
                if os.path.isdir(self.target):
                    shutil.copymode(self.target, self.building)
        except OSError as error:
            remove(self.building)
            log.info(f"the site is built in place, not beside {self.target} ({error})")
            return False
        self.config.site_dir = self.building
        return True

    def publish(self) -> None:
        """The new site in the old one's place (with its hidden files), then the old site removed."""
        moved: list[str] = []
        old = os.path.isdir(self.target)
        try:
            if old:
                for name in sorted(os.listdir(self.target)):
                    if name.startswith(".") and not os.path.lexists(os.path.join(self.building, name)):
                        os.rename(os.path.join(self.target, name), os.path.join(self.building, name))
                        moved.append(name)
                os.rename(self.target, self.aside)
            try:
                os.rename(self.building, self.target)
            except OSError:
                if old:
                    os.rename(self.aside, self.target)
                raise
        except OSError:
            for name in moved:  # as it was, as far as it can be
                with suppress(OSError):
                    os.rename(os.path.join(self.building, name), os.path.join(self.target, name))
            raise
        self.config.site_dir = self.requested
        remove(self.aside)

    def abandon(self) -> None:
        """The build will not finish: its folder goes, the previous site stays."""
        remove(self.building)
        self.config.site_dir = self.requested


def remove(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        os.unlink(path)


def warnings_counted() -> bool:
    """Whether the strict build's warning counter has counted anything: the handler MkDocs' build()
    adds to its logger (``mkdocs``; ``properdocs`` under ProperDocs) and reads after post_build."""
    logger = logging.getLogger(utils.CountHandler.__module__.partition(".")[0])
    return any(h.get_counts() for h in logger.handlers if isinstance(h, utils.CountHandler))


class Interruptions:
    """SIGINT and SIGTERM during a build: clean up (``cleanup``), then end as the signal would have
    ended the process without us: KeyboardInterrupt for Ctrl-C, death by SIGTERM. MkDocs hands only
    an Exception to on_build_error, and SIGTERM kills without any Python running at all. Installed
    only for the length of a build, from the main thread (where Python runs signal handlers)."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self, cleanup) -> None:
        self.cleanup = cleanup
        self.previous: dict[int, signal._HANDLER] = {}
        self.deferring = False
        self.pending: int | None = None
        self.handling = False

    def install(self) -> None:
        if self.previous or threading.current_thread() is not threading.main_thread():
            return
        for signum in self.SIGNALS:
            previous = signal.getsignal(signum)
            if previous in (signal.SIG_IGN, None):  # ignored on purpose, or handled outside Python: as it is
                continue
            self.previous[signum] = previous
            signal.signal(signum, self._handle)

    def uninstall(self) -> None:
        if threading.current_thread() is threading.main_thread():
            while self.previous:
                signum, previous = self.previous.popitem()
                signal.signal(signum, previous)

    @contextmanager
    def deferred(self):
        """A signal during the block is handled after it (the swap of the sites is not cut in two)."""
        self.deferring = True
        try:
            yield
        finally:
            self.deferring = False
            if self.pending is not None:
                signum, self.pending = self.pending, None
                self._handle(signum, None)

    def _handle(self, signum: int, frame) -> None:
        if self.deferring:
            self.pending = signum
            return
        if self.handling:  # a second Ctrl-C while cleaning up: the first one is being dealt with
            return
        self.handling = True
        previous = self.previous.get(signum, signal.SIG_DFL)
        try:
            self.cleanup()
        finally:
            self.uninstall()
            self.handling = False
        if callable(previous):
            previous(signum, frame)  # Python's own for SIGINT: KeyboardInterrupt
        else:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
