"""Time `sec-obligations import section` on a section document of about 300 clauses.

    ./dev bench-intake              (or: python benchmarks/intake.py)

Makes a synthetic corpus with a section of 300 clauses, writes that section as at the next
version as text, Word and PDF (printed by Chromium), takes each into a copy of the data held up to
the version before, then takes it in again (which must change nothing). Prints, per format: the
seconds to read and take it in, the clauses amended, and the seconds of the second, idle import.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))
from sec_obligations.intake.section import import_section  # noqa: E402
from sec_obligations.loader import load  # noqa: E402

from generate import Generator  # noqa: E402


def main() -> None:
    from test_intake_section import as_docx, as_pdf, held_until, section_lines

    from browser import standalone_printer

    with tempfile.TemporaryDirectory() as scratch, standalone_printer() as print_pdf:
        tmp = Path(scratch)
        generator = Generator(600, 8, 20, 6, 40, 12)
        generator.per_section = 300
        generator.write(tmp / "data")
        full = load(tmp / "data")
        section = max(full.sections.values(), key=lambda s: len(s.clauses))
        before, after = full.versions[4], full.versions[5]
        lines = section_lines(full, section.id, after)
        print(f"Section {section.id}: {len(section.clauses)} clauses, as at {after.label}")
        print(f"{'format':<6} {'import s':>9} {'amended':>8} {'again s':>8} {'again changed':>14}")
        for kind in ("txt", "docx", "pdf"):
            data = tmp / f"held-{kind}"
            held_until(tmp / "data", data, section.id, before.id)
            file = tmp / f"{section.id}.{kind}"
            if kind == "txt":
                file.write_text("\n".join(lines), encoding="utf-8")
            elif kind == "docx":
                as_docx(lines, file)
            else:
                as_pdf(lines, file, print_pdf)
            start = time.perf_counter()
            outcome = import_section(data, file, after.id, dry_run=False)
            first = time.perf_counter() - start
            amended = sum(": amended:" in line for line in outcome.lines)
            start = time.perf_counter()
            again = import_section(data, file, after.id, dry_run=False)
            second = time.perf_counter() - start
            print(f"{kind:<6} {first:>9.2f} {amended:>8} {second:>8.2f} {len(again.files):>14}")
            shutil.rmtree(data)


if __name__ == "__main__":
    main()
