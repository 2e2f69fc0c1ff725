"""The author's loop: under ``mkdocs serve --dirty`` (``./dev serve``) an edit renders again only
the pages it reaches (reach.py), and the served site must still be the site a fresh build makes.
A sequence of edits of every kind (a clause's words and title, which reach a few pages; an
obligation, which reaches every page; a clause added, then removed; a mistake, then put right) is
made under serve; the served folder is then compared with a fresh full build of the same data,
file by file, byte for byte, the search index included."""

from __future__ import annotations

import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import DATA
from sitebuild import ROOT

NEW_CLAUSE = """      - id: G3.22
        texts:
          - from: "5.14"
            provenance:
              source: mp087-annex-a
              status: verbatim
            lead: A clause added while the site is served, citing Section G3.20.

      - id: G3.21
"""
# (what the edit does, file, text before, text after): applied in turn, each waited for.
EDITS = [
    ("a word of a clause", "sections/G.yaml", "is already aware of the matter", "is already fully aware of the matter"),
    ("a clause's title", "sections/G.yaml", "      - id: G3.21\n        texts:",
     "      - id: G3.21\n        title: Notice not needed\n        texts:"),
    ("an obligation's title", "obligations.yaml", "title: Arrange to be notified of security vulnerabilities",
     "title: Arrange to be told of security vulnerabilities"),
    ("a clause added", "sections/G.yaml", "      - id: G3.21\n", NEW_CLAUSE),
    ("the clause removed", "sections/G.yaml", NEW_CLAUSE, "      - id: G3.21\n"),
    ("a mistake (an unknown version)", "sections/G.yaml", 'from: "5.14"', 'from: "5.99"'),
    ("the mistake put right", "sections/G.yaml", 'from: "5.99"', 'from: "5.14"'),
    ("the word put back", "sections/G.yaml", "is already fully aware of the matter", "is already aware of the matter"),
]
BUILT, SEARCHED, STARTED = "Reloading browsers", "search index updated", "Building documentation"
FAILED = "An error happened during the rebuild"


class Served:
    """``mkdocs serve --dirty --strict`` on a project, its output read line by line."""

    def __init__(self, project: Path, temp: Path, port: int):
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
        self.process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--strict", "-a", f"127.0.0.1:{port}"],
                                        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.said: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def settle(self, timeout: float = 180) -> list[str]:
        """The lines of the builds an edit started, once the last has finished and its search index is made."""
        end, seen, quiet_since = time.time() + timeout, [], None
        while time.time() < end:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                finished = [i for i, said in enumerate(seen) if SEARCHED in said or FAILED in said]
                started = [i for i, said in enumerate(seen) if STARTED in said]
                if finished and (not started or finished[-1] > started[-1]):
                    quiet_since = quiet_since or time.time()
                    if time.time() - quiet_since > 1.5:  # no build started since the index was made
                        self.said += seen
                        return seen
                continue
            quiet_since = None
            seen.append(line)
        raise AssertionError("mkdocs serve did not settle:\n" + "".join(self.said + seen)[-5000:])

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree(folder: Path) -> dict[str, bytes]:
    return {str(f.relative_to(folder)): f.read_bytes() for f in sorted(folder.rglob("*")) if f.is_file()}


def test_the_served_site_after_a_sequence_of_edits_is_the_site_a_fresh_build_makes(tmp_path):
    port = free_port()
    project, temp = tmp_path / "project", tmp_path / "tmp"
    temp.mkdir()
    project.mkdir()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    site_url = next(line for line in config.splitlines() if line.startswith("site_url:"))
    (project / "mkdocs.yml").write_text(config.replace(site_url, f"site_url: http://127.0.0.1:{port}/"), encoding="utf-8")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(DATA, project / "obligations")
    served = Served(project, temp, port)
    try:
        first = served.settle()
        assert any("Serving on" in line for line in first), "".join(first)
        for what, name, old, new in EDITS:
            file = project / "obligations" / name
            text = file.read_text(encoding="utf-8")
            assert old in text, what
            file.write_text(text.replace(old, new, 1), encoding="utf-8")
            said = served.settle()
            if "mistake" in what and "right" not in what:  # the build fails, saying where; the site stays
                assert any("unknown version '5.99'" in line for line in said), f"{what}:\n" + "".join(said)
                continue
            assert any(BUILT in line for line in said), f"{what}: no build\n" + "".join(said)
            assert not any("WARNING" in line or "ERROR" in line for line in said), f"{what}:\n" + "".join(said)
        (served_dir,) = temp.glob("mkdocs_*")
        served_files = tree(served_dir)
        served_dirs = sorted(str(d.relative_to(served_dir)) for d in served_dir.rglob("*") if d.is_dir())
    finally:
        served.stop()
    fresh = tmp_path / "fresh"
    # The same temporary folder as the server's: Pagefind numbers pages in the order a folder lists them.
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(fresh)], cwd=project,
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)})
    assert result.returncode == 0, result.stdout + result.stderr
    fresh_files = tree(fresh)
    assert sorted(served_files) == sorted(fresh_files)
    assert served_dirs == sorted(
        str(d.relative_to(fresh)) for d in fresh.rglob("*") if d.is_dir())
    differ = [name for name in fresh_files if served_files[name] != fresh_files[name]]
    assert not differ, f"{len(differ)} file(s) differ from a fresh build: {differ[:20]}"
    assert any(name.startswith("pagefind/") for name in fresh_files)
    assert "G3.22" not in " ".join(fresh_files)
