"""The site as built from the pinned data and from the synthetic smoke corpus, file by file.

A change meant to leave the site alone (a refactoring) must leave both the same, byte for byte:
``tests/test_snapshot.py`` compares each build with its digest list here, one ``sha256  path`` a
line. After a change meant to change the site, write the lists again and commit them with it; their
diff names every file that changed::

    .venv/bin/python tests/snapshot.py --update

Pagefind's files are left out: its filter chunks come out in hash-map order (see
sitebuild.comparable_files), and test_search.py tests what the index answers.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DIGESTS = {"pinned": HERE / "data" / "snapshot-pinned.txt", "smoke": HERE / "data" / "snapshot-smoke.txt"}


def digests(site: Path) -> dict[str, str]:
    """Path in the site -> SHA-256 of its bytes, for every file outside pagefind/."""
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file() and not path.relative_to(site).as_posix().startswith("pagefind/")}


def read(name: str) -> dict[str, str]:
    found = {}
    for line in DIGESTS[name].read_text(encoding="utf-8").splitlines():
        digest, _, path = line.partition("  ")
        found[path] = digest
    return found


def write(name: str, site: Path) -> None:
    DIGESTS[name].write_text("".join(f"{d}  {p}\n" for p, d in digests(site).items()), encoding="utf-8")


def build_smoke(tmp: Path) -> Path:
    """The synthetic corpus at smoke size, built as the benchmark builds it (generated pages only)."""
    sys.path.insert(0, str(HERE.parent / "benchmarks"))
    from generate import SIZES, Generator
    from run import measure, project

    Generator(*SIZES["smoke"]).write(tmp / "data")
    base = project(tmp / "project", tmp / "data")
    measure([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"], base)
    return base / "site"


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        raise SystemExit(__doc__)
    import os

    os.environ.setdefault("SEC_OBLIGATIONS_EXAMPLES", "1")
    from sitebuild import build

    with tempfile.TemporaryDirectory() as scratch:
        pinned = build(Path(scratch) / "pinned")
        if pinned.returncode:
            raise SystemExit(pinned.output)
        write("pinned", pinned.site)
        write("smoke", build_smoke(Path(scratch) / "smoke"))
    print("wrote", *DIGESTS.values())
