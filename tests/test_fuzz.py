"""Random mutations of the data never crash the validator: each data set either validates or gives
located problems, and never takes long. Hypothesis makes the mutations (a bounded number in CI;
``SEC_FUZZ_EXAMPLES=1000`` for a long run, which prints its figures)."""

from __future__ import annotations

import os
import shutil
import time
import traceback

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sec_obligations.loader import DataError, load

from conftest import FIXTURE

EXAMPLES = int(os.environ.get("SEC_FUZZ_EXAMPLES", "60"))
BOUND = 10.0  # seconds a validation may take, whatever the data
FILES = sorted(p.relative_to(FIXTURE).as_posix() for p in FIXTURE.rglob("*.yaml"))
HOSTILE = ["&a ", "*a", "!!str ", "!!map ", "!x ", "? ", "- ", ": ", "\t", "'", '"', "[", "]", "{", "}", "#", "|", ">",
           "\x00", "\ufeff", "é", "𝔊", "\u202e", "CON", "..", "G3.20\n", "null", "~", "5.20", "0x1", "1e400", "-.inf",
           "2019-11-04", "yes", "  ", "\n"]


@st.composite
def mutation(draw):
    """A file of the fixture and one edit: replace, delete or duplicate a piece, or insert YAML syntax."""
    name = draw(st.sampled_from(FILES))
    text = (FIXTURE / name).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    kind = draw(st.sampled_from(["insert", "replace-line", "delete-line", "duplicate-line", "value", "truncate"]))
    i = draw(st.integers(0, max(0, len(lines) - 1)))
    if kind == "insert":
        at = draw(st.integers(0, len(text)))
        piece = draw(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12)))
        text = text[:at] + piece + text[at:]
    elif kind == "replace-line":
        lines[i] = draw(st.text(max_size=40)) + "\n"
        text = "".join(lines)
    elif kind == "delete-line":
        text = "".join(lines[:i] + lines[i + 1:])
    elif kind == "duplicate-line":
        text = "".join(lines[:i + 1] + lines[i:])
    elif kind == "value" and ": " in lines[i]:
        head = lines[i].split(": ", 1)[0]
        lines[i] = f"{head}: {draw(st.sampled_from(HOSTILE + ['[1, 2]', '{a: b}', '123', '-1', 'true', '']))}\n"
        text = "".join(lines)
    else:
        text = text[:draw(st.integers(0, len(text)))]
    return name, text


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz") / "obligations"
    shutil.copytree(FIXTURE, folder)
    return folder


FIGURES: list[tuple[float, str]] = []


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])
@given(mutation())
def test_validate_never_crashes_and_is_bounded(workspace, change):
    name, text = change
    file = workspace / name
    original = (FIXTURE / name).read_bytes()
    if _encodable(text):
        file.write_text(text, encoding="utf-8", errors="surrogatepass")
    else:
        file.write_bytes(text.encode("utf-8", "replace"))
    start = time.perf_counter()
    try:
        load(workspace)
        outcome = "valid"
    except DataError as error:  # every run ends one of two ways: valid, or located problems
        assert error.problems, "a DataError names at least one problem"  # noqa: PT017
        for problem in error.problems:
            assert problem.where.file and problem.where.line >= 1 and problem.where.column >= 1
            assert len(problem.message) < 1000, problem.message[:200]
        outcome = "problems"
    except Exception:
        pytest.fail(f"validate crashed on {name} mutated:\n{traceback.format_exc()}")
    finally:
        file.write_bytes(original)
    elapsed = time.perf_counter() - start
    FIGURES.append((elapsed, outcome))
    assert elapsed < BOUND, f"validation took {elapsed:.1f} s"


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def teardown_module():
    if EXAMPLES >= 200 and FIGURES:
        times = sorted(t for t, _ in FIGURES)
        valid = sum(o == "valid" for _, o in FIGURES)
        print(f"\nfuzz: {len(FIGURES)} mutated data sets, {valid} valid, {len(FIGURES) - valid} with located problems, "
              f"no traceback; validation median {times[len(times) // 2]:.3f} s, slowest {times[-1]:.3f} s")
