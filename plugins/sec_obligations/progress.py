"""What a long build is doing: its phase, and the pages done out of the total.

On a terminal, one line rewritten in place (``writing pages: 2400/4000 (60 %)``), cleared before
any other message and at the end. In a log that is not a terminal (CI), a line now and then, through
the build's logger at INFO: in each phase, once a tenth more of its pages is done and no sooner
than ``EVERY`` seconds after the phase's line before, whichever is rarer (a phase whose total is
not known beforehand: when it begins, then every ``EVERY`` seconds). Nothing in a build's first
seconds (``AFTER``), so a small site's build says nothing more, and nothing at all where the logger
hides INFO (``-q``)."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")

AFTER = 3.0  # seconds a build runs before its progress shows
EVERY = 10.0  # seconds at least between two lines of a log
STEPS = 10  # a log line for each tenth of the pages, at most
REDRAW = 0.2  # seconds at least between two redraws of the terminal's line


class Progress:
    def __init__(self, logger: logging.Logger | logging.LoggerAdapter | None, *, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic, after: float = AFTER) -> None:
        """``logger``: where a log's lines go (None: nothing is shown); ``stream``: where the logger
        writes (standard error if not given), a terminal or not."""
        self.logger, self.clock, self.after = logger, clock, after
        self.stream = sys.stderr if stream is None else stream
        self.started = clock()
        self.shown = logger is not None and logger.isEnabledFor(logging.INFO)
        self.terminal = self.shown and self.stream.isatty()
        self.phase_name, self.done = "", 0
        self.total: int | None = None
        self.logged_at: float | None = None
        self.logged_step = 0
        self.line = ""  # the terminal's line as drawn, and when
        self.drawn_at: float | None = None
        # the handlers writing to the terminal: a message they write clears the line first
        self.handlers = [h for h in handlers(logger) if self.terminal and getattr(h, "stream", None) is self.stream]
        for handler in self.handlers:
            handler.addFilter(self._clear_for_record)

    def phase(self, name: str, total: int | None = None) -> None:
        """A new phase: ``total`` pages to go through, or None where it is not known beforehand."""
        self.phase_name, self.done, self.total, self.logged_step, self.logged_at = name, 0, total, 0, None
        self._show(new_phase=True)

    def advance(self) -> None:
        """One more page done."""
        self.done += 1
        self._show()

    def counted(self, name: str, items: Iterable[T]) -> Iterator[T]:
        """``items``, each counted as a page done in a phase of that name."""
        self.phase(name)
        for item in items:
            yield item
            self.advance()

    def finish(self) -> None:
        """Clear the terminal's line; nothing more is shown."""
        self.clear()
        for handler in self.handlers:
            handler.removeFilter(self._clear_for_record)
        self.handlers, self.shown = [], False

    def text(self) -> str:
        if not self.total:
            return f"{self.phase_name}: {self.done}" if self.done else self.phase_name
        done = min(self.done, self.total)
        return f"{self.phase_name}: {done}/{self.total} ({done * 100 // self.total} %)"

    def clear(self) -> None:
        if self.line:
            self.stream.write("\r" + " " * len(self.line) + "\r")
            self.stream.flush()
            self.line = ""

    def _clear_for_record(self, record: logging.LogRecord) -> bool:
        self.clear()
        return True

    def _show(self, new_phase: bool = False) -> None:
        if not self.shown:
            return
        now = self.clock()
        if now - self.started < self.after:
            return
        if self.terminal:
            if new_phase or self.drawn_at is None or now - self.drawn_at >= REDRAW:
                text = self.text()
                self.stream.write("\r" + text + " " * (len(self.line) - len(text)))
                self.stream.flush()
                self.line, self.drawn_at = text, now
        elif self.total:
            step = min(self.done, self.total) * STEPS // self.total
            if step > self.logged_step and self._quiet_since(now):
                self.logged_step = step
                self._log(now)
        elif new_phase or self._quiet_since(now):  # a phase without a total: when it begins, then now and then
            self._log(now)

    def _quiet_since(self, now: float) -> bool:
        return self.logged_at is None or now - self.logged_at >= EVERY

    def _log(self, now: float) -> None:
        self.logged_at = now
        if self.logger is not None:  # always so when shown
            self.logger.info(self.text())


def handlers(logger: logging.Logger | logging.LoggerAdapter | None) -> list[logging.Handler]:
    """The handlers a message to ``logger`` reaches."""
    found: list[logging.Handler] = []
    current = getattr(logger, "logger", logger)  # an adapter's logger
    while isinstance(current, logging.Logger):
        found += current.handlers
        if not current.propagate:
            break
        current = current.parent
    return found
