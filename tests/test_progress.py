"""A long build shows its phase and pages done: one line in place on a terminal, a line now and then
in a CI log, nothing under -q and nothing for a small site. In-process on a fake clock and a fake
terminal, then in a real build of a synthetic corpus."""

from __future__ import annotations

import io
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sec_obligations import progress
from sec_obligations.progress import AFTER, EVERY, REDRAW, Progress

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import SIZES, Generator  # noqa: E402
from run import project  # noqa: E402


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Stream(io.StringIO):
    def __init__(self, terminal: bool) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def logged(request):
    """A logger as MkDocs sets one up (a stream handler, no propagation), with its stream and records."""
    logger = logging.getLogger(f"progress-test.{request.node.name}")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    stream, records = Stream(terminal=request.param), Records()
    handler = logging.StreamHandler(stream)
    logger.handlers[:] = [handler, records]
    yield logger, stream, records
    logger.handlers[:] = []


def pages(shown: Progress, clock: Clock, count: int, seconds_each: float) -> None:
    for _ in range(count):
        clock.now += seconds_each
        shown.advance()


@pytest.mark.parametrize("logged", [True, False], indirect=True, ids=["terminal", "log"])
def test_a_small_site_shows_nothing(logged):
    logger, stream, records = logged
    clock = Clock()
    shown = Progress(logger, stream=stream, clock=clock)
    shown.phase("reading pages", 200)
    pages(shown, clock, 200, (AFTER - 0.5) / 400)
    shown.phase("writing pages", 200)
    pages(shown, clock, 200, (AFTER - 0.5) / 400)
    shown.phase("search index: waiting for Pagefind")
    shown.finish()
    assert stream.getvalue() == "" and records.records == []


@pytest.mark.parametrize("logged", [True], indirect=True, ids=["terminal"])
def test_on_a_terminal_one_line_is_rewritten_in_place_then_cleared(logged):
    logger, stream, records = logged
    clock = Clock()
    shown = Progress(logger, stream=stream, clock=clock)
    shown.phase("reading pages", 1000)
    clock.now += AFTER
    pages(shown, clock, 1000, 1 / 16)  # a sixteenth of a second a page: redrawn every fourth page
    assert REDRAW * 16 / 4 <= 1 < REDRAW * 16 / 3
    written = stream.getvalue()
    assert "\n" not in written and records.records == []  # nothing logged: the line only
    drawn = written.split("\r")[1:]
    assert drawn[0] == "reading pages: 1/1000 (0 %)" and drawn[-1] == "reading pages: 997/1000 (99 %)"
    assert len(drawn) == 250
    waiting, writing = "search index: waiting for Pagefind", "writing pages: 0/1000 (0 %)"
    shown.phase(waiting)
    assert stream.getvalue().endswith("\r" + waiting)
    shown.phase("writing pages", 1000)  # shorter than the line before: blanks cover the rest
    assert stream.getvalue().endswith("\r" + writing + " " * (len(waiting) - len(writing)))
    shown.finish()
    assert stream.getvalue().endswith("\r" + " " * len(writing) + "\r")
    before = stream.getvalue()
    pages(shown, clock, 10, 1.0)
    assert stream.getvalue() == before  # finished: nothing more


@pytest.mark.parametrize("logged", [True], indirect=True, ids=["terminal"])
def test_on_a_terminal_another_message_clears_the_line_first(logged):
    logger, stream, _ = logged
    clock = Clock()
    shown = Progress(logger, stream=stream, clock=clock)
    clock.now += AFTER
    shown.phase("writing pages", 10)
    logger.warning("a broken link")
    line = "writing pages: 0/10 (0 %)"
    assert stream.getvalue() == f"\r{line}\r{' ' * len(line)}\ra broken link\n"
    shown.finish()
    assert all(handler.filters == [] for handler in logger.handlers)  # each handler left as it was


@pytest.mark.parametrize("logged", [False], indirect=True, ids=["log"])
def test_in_a_log_a_line_each_tenth_and_no_sooner_than_every_few_seconds(logged):
    logger, stream, records = logged
    clock = Clock()
    shown = Progress(logger, stream=stream, clock=clock)
    shown.phase("reading pages", 4000)
    pages(shown, clock, 4000, 1 / 8192)  # half a second for all: within AFTER, nothing
    shown.phase("writing pages", 4000)
    # A tenth (400 pages) in 6.25 s: a line at the first tenth, then none sooner than EVERY (10 s, 640 pages) after the last.
    pages(shown, clock, 4000, 1 / 64)
    shown.phase("search index: waiting for Pagefind")
    shown.finish()
    said = [r.getMessage() for r in records.records]
    assert EVERY == 10
    assert said == [f"writing pages: {n}/4000 ({n // 40} %)" for n in (400, 1040, 1680, 2320, 2960, 3600)] + \
        ["search index: waiting for Pagefind"]
    assert {r.levelno for r in records.records} == {logging.INFO}  # not a warning: --strict does not count it
    assert stream.getvalue() == "\n".join(said) + "\n"  # lines of their own, no carriage return


@pytest.mark.parametrize("logged", [False], indirect=True, ids=["log"])
def test_in_a_log_a_fast_phase_says_at_most_one_line(logged):
    logger, stream, records = logged
    clock = Clock()
    shown = Progress(logger, stream=stream, clock=clock)
    clock.now += AFTER
    shown.phase("writing pages", 6000)
    pages(shown, clock, 6000, EVERY / 2 / 6000)
    assert [r.getMessage() for r in records.records] == ["writing pages: 600/6000 (10 %)"]


@pytest.mark.parametrize("logged", [False], indirect=True, ids=["log"])
def test_in_a_log_each_phase_has_its_first_tenth_however_soon_after_the_last_phase(logged):
    logger, stream, records = logged
    clock = Clock()
    shown = Progress(logger, stream=stream, clock=clock, after=0)
    for name in ("reading pages", "writing pages"):
        shown.phase(name, 100)
        pages(shown, clock, 100, EVERY / 1000)
    assert [r.getMessage() for r in records.records] == ["reading pages: 10/100 (10 %)", "writing pages: 10/100 (10 %)"]


@pytest.mark.parametrize("logged", [True, False], indirect=True, ids=["terminal", "log"])
def test_a_phase_whose_total_is_not_known_counts_what_it_has_done(logged):
    logger, stream, records = logged
    clock = Clock()
    shown = Progress(logger, stream=stream, clock=clock)
    clock.now += AFTER
    for _ in shown.counted("rendering pages", range(100)):
        clock.now += EVERY / 4  # a line every fourth page in a log
    said = [r.getMessage() for r in records.records]
    if stream.isatty():
        assert said == [] and stream.getvalue().split("\r")[1:3] == ["rendering pages", "rendering pages: 1"]
        assert stream.getvalue().split("\r")[-1].rstrip() == "rendering pages: 100"
    else:
        assert said == ["rendering pages"] + [f"rendering pages: {n}" for n in range(4, 101, 4)]


@pytest.mark.parametrize("logged", [True, False], indirect=True, ids=["terminal", "log"])
def test_nothing_where_the_logger_hides_info(logged):
    logger, stream, records = logged
    logger.setLevel(logging.ERROR)  # what -q does to MkDocs' logger
    clock = Clock()
    shown = Progress(logger, stream=stream, clock=clock, after=0)
    shown.phase("writing pages", 100)
    pages(shown, clock, 100, EVERY)
    shown.finish()
    assert stream.getvalue() == "" and records.records == []


def test_without_a_logger_nothing_is_shown():
    stream, clock = Stream(terminal=True), Clock()
    shown = Progress(None, stream=stream, clock=clock, after=0)
    shown.phase("writing pages", 10)
    pages(shown, clock, 10, EVERY)
    assert stream.getvalue() == ""


def test_handlers_are_found_through_an_adapter_and_the_loggers_above():
    top, below = logging.getLogger("progress-top"), logging.getLogger("progress-top.below")
    handler = logging.StreamHandler(io.StringIO())
    top.addHandler(handler)
    try:
        assert handler in progress.handlers(logging.LoggerAdapter(below, {}))
        top.propagate, below.propagate = True, False
        assert handler not in progress.handlers(below)
    finally:
        top.removeHandler(handler)
        below.propagate = True


# -- a real build ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def synthetic_project(tmp_path_factory):
    """The benchmark's project on the smoke-size synthetic corpus, showing progress from the start."""
    tmp = tmp_path_factory.mktemp("progress")
    Generator(*SIZES["smoke"]).write(tmp / "data")
    base = project(tmp / "project", tmp / "data")
    config = yaml.safe_load((base / "mkdocs.yml").read_text())
    next(p for p in config["plugins"] if isinstance(p, dict) and "sec-obligations" in p)["sec-obligations"]["progress_after"] = 0
    (base / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return base


def build_output(base: Path, *options: str) -> str:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site", *options], cwd=base,
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


@pytest.mark.build
def test_a_build_logs_its_progress_for_ci_and_not_under_quiet(synthetic_project):
    output = build_output(synthetic_project)
    lines = re.findall(r"^INFO    -  sec_obligations: (reading pages|writing pages): (\d+)/(\d+) \(\d+ %\)$", output, re.M)
    assert lines and lines[0][:1] == ("reading pages",)  # the first tenth of the pages read, at least
    assert len({total for _, _, total in lines}) == 1 and int(lines[0][2]) > 60  # every page, generated ones too
    assert "INFO    -  sec_obligations: search index: waiting for Pagefind" in output
    assert "\r" not in output  # not a terminal: lines of their own
    quiet = build_output(synthetic_project, "-q")
    assert "pages:" not in quiet and "Pagefind" not in quiet
