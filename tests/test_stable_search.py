"""Pagefind's index in an order of its content alone (stable_search.py), and the CBOR it is written in.

Pagefind writes its filter files, and the metadata file listing them, in the order of hash maps
seeded afresh by every run. The tests here write such files by hand in two orders and check that
both come out as the same bytes; run Pagefind itself on a few pages; and check the CBOR codec on
every kind of item Pagefind writes, and on what it does not.
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from sec_obligations import cbor, search, stable_search

VALUES = {"kind": {k: [i, i + 20] for i, k in enumerate(["clause", "glossary", "guide", "release", "modification",
                                                          "responsibility", "section", "findings"])},
          "section": {s: [i] for i, s in enumerate("ABCDEFGHX")}}


def write(path: Path, item) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(stable_search.SIGNATURE + cbor.encode(item)))


def pagefind_bundle(folder: Path, shuffle: random.Random) -> Path:
    """An index as Pagefind 1.5 lays it out, with its filters' values and the filters in a shuffled order."""
    filters = []
    for name, values in shuffle.sample(sorted(VALUES.items()), len(VALUES)):
        pairs = shuffle.sample([[value, pages] for value, pages in values.items()], len(values))
        hash_ = f"en_{shuffle.randrange(16 ** 7):07x}"
        write(folder / "filter" / f"{hash_}.pf_filter", [name, pairs])
        filters.append([name, hash_])
    meta = ["1.5.2", [["en_3920d81", 153]], [[".", "z", "en_5640e61"]], filters, [], ["kind", "title"]]
    meta_hash = f"en_{shuffle.randrange(16 ** 10):010x}"
    write(folder / f"pagefind.{meta_hash}.pf_meta", meta)
    entry = {"version": "1.5.2", "languages": {"en": {"hash": meta_hash, "wasm": "en", "page_count": 1}},
             "include_characters": ["_", "‿", "."]}
    (folder / stable_search.ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_orders_of_the_same_filters_give_the_same_bytes(tmp_path):
    one, two = pagefind_bundle(tmp_path / "one", random.Random(1)), pagefind_bundle(tmp_path / "two", random.Random(2))
    assert files(one) != files(two)
    stable_search.normalise(one)
    stable_search.normalise(two)
    assert files(one) == files(two)


def test_the_files_are_sorted_named_by_their_hash_and_named_by_the_files_that_list_them(tmp_path):
    bundle = pagefind_bundle(tmp_path, random.Random(3))
    stable_search.normalise(bundle)
    entry = json.loads((bundle / stable_search.ENTRY).read_text())
    meta_file = bundle / f"pagefind.{entry['languages']['en']['hash']}.pf_meta"
    assert [p.name for p in bundle.glob("*.pf_meta")] == [meta_file.name]  # Pagefind's own is gone
    meta = stable_search.read(meta_file)
    raw_meta = gzip.decompress(meta_file.read_bytes())[len(stable_search.SIGNATURE):]
    assert meta_file.name == f"pagefind.en_{stable_search.pagefind_hash(raw_meta)[:10]}.pf_meta"
    assert [name for name, _ in meta[3]] == ["kind", "section"]
    assert meta[:3] == ["1.5.2", [["en_3920d81", 153]], [[".", "z", "en_5640e61"]]] and meta[5] == ["kind", "title"]
    assert sorted(p.stem for p in (bundle / "filter").iterdir()) == sorted(h for _, h in meta[3])
    for name, hash_ in meta[3]:
        path = bundle / "filter" / f"{hash_}.pf_filter"
        raw = gzip.decompress(path.read_bytes())[len(stable_search.SIGNATURE):]
        assert hash_ == "en_" + stable_search.pagefind_hash(raw)[:7]
        assert cbor.decode(raw) == [name, sorted([value, pages] for value, pages in VALUES[name].items())]
    assert gzip.decompress(meta_file.read_bytes()).startswith(b"pagefind_dcd")
    assert (bundle / stable_search.ENTRY).read_text(encoding="utf-8").startswith('{"version":"1.5.2","languages":{"en":{"hash":')


def test_a_short_name_taken_is_made_longer_as_pagefind_does():
    content = b"a filter"
    full = "en_" + stable_search.pagefind_hash(content)
    assert stable_search.short_name("en", content, taken=set()) == full[:10]
    assert stable_search.short_name("en", content, taken={full[:10]}) == full[:11]


def test_pagefind_hash_writes_each_byte_without_a_leading_zero():
    # SHA-1 of "abc" is a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d: Pagefind writes its byte 06 as 6
    assert stable_search.pagefind_hash(b"abc") == "a9993e36476816aba3e25717850c26c9cd0d89d"


def test_a_layout_it_does_not_know_is_refused_and_the_index_left_as_it_was(tmp_path):
    bundle = pagefind_bundle(tmp_path, random.Random(4))
    meta_file, = bundle.glob("*.pf_meta")
    write(meta_file, {"a map": "not Pagefind 1.5's array"})
    before = files(bundle)
    with pytest.raises(ValueError, match=r"not the layout of Pagefind 1\.5"):
        stable_search.normalise(bundle)
    assert files(bundle) == before


def test_pagefind_run_twice_on_the_same_pages_writes_the_same_index(tmp_path):
    """Pagefind itself, through the plugin's Index, on pages with many filter values."""
    for site in ("one", "two"):
        index = search.Index()
        for n, (kind, section) in enumerate((k, s) for k in VALUES["kind"] for s in "ABC"):
            index.add(f"p{n}/index.html", f"<h1>Page {n}</h1><p>The {kind} of section {section}.</p>", kind, section)
        index.start(tmp_path / site)
        index.finish()
    one, two = files(tmp_path / "one" / search.OUTPUT), files(tmp_path / "two" / search.OUTPUT)
    assert one == two and any(name.startswith("filter/") for name in one)
    for name, content in one.items():  # the codec gives back every index file Pagefind wrote, byte for byte
        if name.endswith((".pf_meta", ".pf_filter", ".pf_index")):
            raw = gzip.decompress(content)[len(stable_search.SIGNATURE):]
            assert cbor.encode(cbor.decode(raw)) == raw, name


def test_an_index_that_cannot_be_put_in_order_fails_and_says_why(tmp_path, monkeypatch):
    def refuse(bundle):
        raise ValueError("not the layout of Pagefind 1.5's metadata")
    monkeypatch.setattr(stable_search, "normalise", refuse)
    index = search.Index()
    index.add("index.html", "<h1>Home</h1>", "guide")
    index.start(tmp_path / "site")
    with pytest.raises(search.SearchIndexError, match=r"could not be put in order.*Pagefind 1\.5"):
        index.finish()
    assert not index.pages.exists()


# -- CBOR -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, encoded", [
    (0, "00"), (23, "17"), (24, "1818"), (255, "18ff"), (256, "190100"), (65536, "1a00010000"),
    (2 ** 32, "1b0000000100000000"), (-1, "20"), (-25, "3818"),
    ("", "60"), ("a", "6161"), ("é", "62c3a9"), (b"\x01", "4101"),
    ([], "80"), ([1, [2, 3]], "8201820203"), ({"a": 1}, "a1616101"),
    (False, "f4"), (True, "f5"), (None, "f6"),
])
def test_cbor_items_in_their_shortest_form(value, encoded):
    assert cbor.encode(value).hex() == encoded
    assert cbor.decode(bytes.fromhex(encoded)) == value


def test_cbor_a_long_array_and_text_take_a_longer_head():
    long = ["x" * 300] * 30
    data = cbor.encode(long)
    assert data[:2] == bytes([0x98, 30]) and data[2:5] == bytes([0x79, 1, 44])
    assert cbor.decode(data) == long


@pytest.mark.parametrize("data, problem", [
    ("f93c00", "float"),  # 1.0 as a half-precision float
    ("c11a514b67b0", "tag"),  # an epoch date
    ("9f01ff", "additional information 31"),  # an indefinite-length array
    ("0000", "after the item"),
    ("8201", "ends inside an item"),
    ("1901", "ends inside a head"),
    ("6461", "ends inside a string"),
])
def test_cbor_refuses_what_pagefind_does_not_write(data, problem):
    with pytest.raises(ValueError, match=problem):
        cbor.decode(bytes.fromhex(data))


def test_cbor_refuses_to_encode_a_float():
    with pytest.raises(ValueError, match="float"):
        cbor.encode(1.5)
