"""Two builds of the same data give byte-identical files.

The second build runs with the clock MkDocs reads (SOURCE_DATE_EPOCH) set years apart from the
first: nothing may depend on it. MkDocs dates pages by that clock, and the sitemap and the gzip
header of sitemap.xml.gz with them; the plugin dates them by the data instead. Every file, the
search index and sitemap.xml.gz included, must be identical: Pagefind writes its filter chunks in
hash-map order, and the plugin puts them in order after it (stable_search.py).
"""

from __future__ import annotations

import pytest

from sitebuild import build, comparable_files

pytestmark = pytest.mark.build


def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")  # 2001
    first = build(tmp_path / "one")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")  # 2033
    second = build(tmp_path / "two")
    assert first.returncode == 0 and second.returncode == 0, first.output + second.output
    a, b = comparable_files(first.site), comparable_files(second.site)
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    assert len(a) > 100
    for clock in (b"2001-09-09", b"2033-05-18"):
        assert not [name for name, content in (a | {"2/" + k: v for k, v in b.items()}).items() if clock in content]
