"""The decision table's CSV files hold the data's words in one column, the answer (a party's short
name): a word that a spreadsheet would read as a formula is made text, in the all-versions matrix
and in each version's. Every other cell is an id, a version or a reason code of ours."""

from __future__ import annotations

import csv
import io
import shutil

from sec_obligations import export
from sec_obligations.loader import load
from sec_obligations.opendata import OpenData
from sec_obligations.pages import Site

from conftest import DATA

FORMULA = '=HYPERLINK("http://example.com/x","User")'


def answers(text: str) -> list[str]:
    return [line["answer"] for line in csv.DictReader(io.StringIO(text))]


def test_a_party_named_like_a_formula_is_text_in_every_matrix_csv(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    parties = tmp_path / "data" / "parties.yaml"
    parties.write_text(parties.read_text(encoding="utf-8").replace("short: User", f"short: '{FORMULA}'", 1), encoding="utf-8")
    site = Site(load(tmp_path / "data"))
    whole = answers(export.matrix_csv(site.matrix))
    per_version = [a for _, _, as_csv in OpenData(site.index, site.matrix, "https://example.org/").version_matrices()
                   for a in answers(as_csv)]
    for cells in (whole, per_version):
        assert "'" + FORMULA in cells and not any(a.startswith("=") for a in cells)
