"""Build safety: only a build that succeeded replaces the output folder. A build that fails (strict
mode, bad data, a plugin error) or is interrupted (SIGTERM, Ctrl-C) leaves the previous site byte for
byte, and nothing of its own anywhere: neither the folder it wrote the new site in, beside the output
folder, nor the search index's scratch folder (in /dev/shm where it has room), nor a Pagefind still
running."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from sec_obligations import search
from sec_obligations.plugin import Interruptions

from sitebuild import ROOT, build

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import SIZES, Generator
from run import project

pytestmark = pytest.mark.build
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def snapshot(site: Path) -> dict[str, str]:
    """Every file of a site by path, as a hash of its bytes."""
    assert site.is_dir()
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def beside(site: Path) -> list[str]:
    """What a build left next to the output folder (``site.building-<pid>``, ``site.old-<pid>``)."""
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(site.name + "."))


def scratch_of(pid: int | None, *folders: Path | str) -> list[str]:
    """The search scratch folders of the build with that process id (of any build: None) in ``folders``."""
    prefix = search.scratch_prefix(pid) if pid else search.SCRATCH_PREFIX
    return sorted(str(p) for folder in folders if os.path.isdir(folder)
                  for p in Path(folder).iterdir() if p.name.startswith(prefix))


def processes_naming(*paths: Path | str) -> list[str]:
    """The command lines of running processes that name one of ``paths`` (Pagefind names both folders)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    found = []
    for cmdline in proc.glob("[0-9]*/cmdline"):
        try:
            line = cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if any(str(path) in line for path in paths):
            found.append(line)
    return found


@pytest.fixture
def scratch(tmp_path, monkeypatch) -> Path:
    """The search index's scratch goes here in the builds of the test (a set TMPDIR wins over /dev/shm)."""
    folder = tmp_path / "tmpdir"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


@pytest.fixture
def built(tmp_path, scratch):
    """The bundled site, built strictly once: the previous site of each test."""
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    assert beside(result.site) == []
    return result


def assert_untouched(result, before: dict[str, str], scratch: Path) -> None:
    assert result.returncode != 0, result.output
    assert snapshot(result.site) == before  # the previous site, byte for byte, and nothing more
    assert beside(result.site) == []
    assert scratch_of(None, scratch) == []


def test_a_strict_build_that_fails_leaves_the_previous_site(tmp_path, built, scratch):
    """The warning comes while the pages are built: without the swap, strict mode failed only after
    MkDocs had written the whole new site into the output folder."""
    before = snapshot(built.site)
    index = tmp_path / "project" / "docs" / "index.md"
    index.write_text(index.read_text() + "\nSee [[NoSuchThing]].\n")
    result = build(tmp_path)
    assert "unresolved reference '[[NoSuchThing]]'" in result.output
    assert "in strict mode" in result.output
    assert_untouched(result, before, scratch)


def test_a_url_manifest_failure_leaves_the_previous_site(tmp_path, built, scratch):
    """The warning comes in the plugin's own post_build, after the search index is finished, right
    before the swap: the swap is decided after it, on MkDocs' own count of warnings."""
    before = snapshot(built.site)
    (tmp_path / "project" / "urls.txt").write_text("/no-such-page/\n")
    result = build(tmp_path)
    assert "no longer produced" in result.output and "/no-such-page/" in result.output
    assert_untouched(result, before, scratch)


def test_bad_data_fails_before_anything_is_written(tmp_path, built, scratch):
    before = snapshot(built.site)
    versions = tmp_path / "project" / "obligations" / "versions.yaml"
    versions.write_text(versions.read_text() + "\nbroken: [unclosed\n")
    result = build(tmp_path)
    assert "versions.yaml" in result.output
    assert_untouched(result, before, scratch)


def test_an_error_after_mkdocs_cleans_the_output_leaves_the_previous_site(tmp_path, built, scratch):
    """A plugin error in on_files comes after MkDocs has emptied the output folder (a clean build):
    it empties the new site's folder instead. Not strict: an error fails any build."""
    before = snapshot(built.site)
    clash = tmp_path / "project" / "docs" / "glossary" / "index.md"
    clash.parent.mkdir(parents=True, exist_ok=True)
    clash.write_text("# A page where the glossary is generated\n")
    result = build(tmp_path, strict=False)
    assert "these files in docs/ have the address of generated pages: glossary/index.md" in result.output
    assert_untouched(result, before, scratch)


def test_a_successful_build_replaces_the_old_site_completely(tmp_path, built, scratch):
    site = built.site
    (site / "only-the-old-site.html").write_text("old")
    (site / "old-folder").mkdir()
    (site / "old-folder" / "index.html").write_text("old")
    (site / ".kept").write_text("hidden")  # MkDocs' cleaning keeps hidden files (a .git checkout, say)
    index = tmp_path / "project" / "docs" / "index.md"
    index.write_text(index.read_text() + "\nA sentence only the new site has.\n")
    result = build(tmp_path)
    assert result.returncode == 0, result.output
    assert not (site / "only-the-old-site.html").exists()
    assert not (site / "old-folder").exists()
    assert (site / ".kept").read_text() == "hidden"
    assert "A sentence only the new site has." in result.page("")
    assert (site / "pagefind" / "pagefind-entry.json").is_file()  # written beside, moved in with the rest
    assert beside(site) == []
    assert scratch_of(None, scratch) == []


def test_a_dirty_build_still_only_adds_to_the_site(tmp_path, built, scratch):
    """`mkdocs build --dirty` starts from a copy of the previous site: what it does not rewrite stays."""
    site = built.site
    (site / "only-the-old-site.html").write_text("old")
    index = tmp_path / "project" / "docs" / "index.md"
    index.write_text(index.read_text() + "\nA sentence only the new site has.\n")
    command = [sys.executable, "-m", "mkdocs", "build", "--dirty", "-f", str(tmp_path / "project" / "mkdocs.yml"), "-d", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, env={**ENV, "TMPDIR": str(scratch)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "only-the-old-site.html").read_text() == "old"
    assert "A sentence only the new site has." in built.page("")
    assert beside(site) == []
    assert scratch_of(None, scratch) == []


# -- interrupted builds --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def synthetic_project(tmp_path_factory) -> Path:
    """A synthetic corpus of 250 clauses, built once (about 3,000 files): a build long enough to be
    interrupted in the middle."""
    base = tmp_path_factory.mktemp("interrupted")
    Generator(*SIZES["250"]).write(base / "data")
    ours = project(base / "ours", base / "data")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"], cwd=ours, env=ENV,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return ours


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_an_interrupted_build_leaves_the_previous_site_and_no_scratch(tmp_path, synthetic_project, signum):
    ours = tmp_path / "ours"
    shutil.copytree(synthetic_project, ours, symlinks=True)
    site = ours / "site"
    before = snapshot(site)
    # Where the search scratch goes by default: /dev/shm when it has room, else the temporary folder.
    places = [search.MEMORY_FOLDER, tempfile.gettempdir()]
    with open(tmp_path / "output.txt", "w+") as output:
        # Ctrl-C as a terminal sends it; the child must not inherit an ignored SIGINT (a shell's background job).
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"], cwd=ours, env=ENV,
                                   stdout=output, stderr=subprocess.STDOUT,
                                   preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        building = ours / f"site.building-{process.pid}"
        # Wait for the middle of the build: every page's content indexed in the scratch folder, Pagefind
        # started, MkDocs writing the new site (it copies the theme's assets first, then the pages).
        while not ((building / "assets").is_dir() and scratch_of(process.pid, *places)):
            time.sleep(0.02)  # (a poll, not a measure: nothing here is timed)
            if process.poll() is not None:
                output.seek(0)
                pytest.fail(f"the build ended (exit {process.returncode}) before it wrote the new site beside "
                            f"the old one, with its search scratch:\n{output.read()[-3000:]}")
        scratch = scratch_of(process.pid, *places)
        process.send_signal(signum)
        process.wait()
        output.seek(0)
        said = output.read()

    if signum == signal.SIGTERM:
        assert process.returncode == -signal.SIGTERM, said  # it ends as SIGTERM ends a process, after cleaning up
    else:
        assert process.returncode != 0 and "Aborted!" in said, said  # KeyboardInterrupt, as MkDocs' command line says
    assert "Documentation built" not in said
    assert snapshot(site) == before
    assert beside(site) == []
    assert scratch_of(process.pid, *places) == []
    assert processes_naming(building, *scratch) == []  # Pagefind was stopped, not left writing


def test_the_interruption_handler_cleans_up_and_waits_for_the_swap_to_end():
    """The handler cleans up then raises KeyboardInterrupt as Python's own would; during the swap
    (``deferred``), it waits for the end of the block."""
    cleaned: list[str] = []
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        guard = Interruptions(lambda: cleaned.append("cleaned"))
        guard.install()
        assert signal.getsignal(signal.SIGINT) == guard._handle
        swapped = []
        with pytest.raises(KeyboardInterrupt), guard.deferred():  # noqa: PT012 -- the steps under a deferred signal
            os.kill(os.getpid(), signal.SIGINT)
            swapped += ["aside", "in"]  # the signal is taken while these run: they still run
        assert swapped == ["aside", "in"] and cleaned == ["cleaned"]
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the previous handler again

        guard.install()
        with pytest.raises(KeyboardInterrupt):  # noqa: PT012 -- the signal arrives during the loop
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(1000):  # the handler runs between two bytecodes, soon after the signal
                pass
        assert cleaned == ["cleaned", "cleaned"]
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, previous)
