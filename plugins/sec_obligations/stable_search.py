"""Pagefind's index, the same bytes from one build to the next.

Pagefind (1.5) keeps each filter's values (kind: clause, glossary ...) in a hash map seeded afresh
by every run, and writes them in its order; it names each filter file by a hash of its content,
and lists the filters in the language's metadata file (``pagefind.<hash>.pf_meta``) in hash-map
order too; that file is named by its own hash, and ``pagefind-entry.json`` names it. So two runs
over the same pages differ in those files, and only those. Feeding it the pages in a fixed order
would not help: the order is its hash map's. :func:`normalise` puts them in order after it: the
values and the filters sorted, each file written again and renamed by its hash as Pagefind names
it, and the files that name them rewritten. The browser's search reads the same index.

Each of those files is gzip'd: Pagefind's signature, then one CBOR item (see cbor.py).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from . import cbor

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
FILTERS = "filter"
META_FILTERS, META_SORTS = 3, 4  # in the metadata file's array: [[filter, file hash], ...], [[sort, pages], ...]


def normalise(bundle: Path) -> None:
    """Rewrite the filter files, metadata files and entry file of the index in ``bundle`` (the
    site's ``pagefind/``) in an order of their content alone. A layout other than Pagefind 1.5's
    raises ValueError, and leaves the index as it was."""
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    writes: dict[Path, bytes] = {}
    removed: list[Path] = []
    for language, about in sorted(entry["languages"].items()):
        meta_file = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = read(meta_file)
        if not (isinstance(meta, list) and len(meta) > META_SORTS and meta[META_FILTERS] is not None):
            raise ValueError(f"{meta_file.name}: not the layout of Pagefind 1.5's metadata")
        filters: list[tuple[str, str]] = []  # (filter name, chunk hash)
        for name, old_hash in sorted(meta[META_FILTERS]):
            old = bundle / FILTERS / f"{old_hash}.pf_filter"
            content = sorted_filter(read(old), old.name)
            new_hash = short_name(language, content, taken={h for _, h in filters})
            filters.append((name, new_hash))
            removed.append(old)
            writes[bundle / FILTERS / f"{new_hash}.pf_filter"] = content
        meta[META_FILTERS] = [list(pair) for pair in filters]
        meta[META_SORTS] = sorted(meta[META_SORTS])
        content = cbor.encode(meta)
        about["hash"] = f"{language}_{pagefind_hash(content)[:len(language) + 8]}"
        removed.append(meta_file)
        writes[bundle / f"pagefind.{about['hash']}.pf_meta"] = content
    entry["languages"] = dict(sorted(entry["languages"].items()))
    for path in removed:
        path.unlink()
    for path, content in writes.items():
        path.write_bytes(gzip.compress(SIGNATURE + content, compresslevel=9, mtime=0))
    (bundle / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def read(path: Path) -> object:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: no Pagefind signature")
    return cbor.decode(data[len(SIGNATURE):])


def sorted_filter(chunk: object, name: str) -> bytes:
    """A filter file's content, ``[filter, [[value, [page, ...]], ...]]``, with its values in order."""
    if not (isinstance(chunk, list) and len(chunk) == 2 and isinstance(chunk[1], list)):
        raise ValueError(f"{name}: not the layout of Pagefind 1.5's filter files")
    return cbor.encode([chunk[0], sorted(chunk[1])])


def short_name(language: str, content: bytes, taken: set[str]) -> str:
    """A filter file's name as Pagefind gives it: the language, then its hash cut to 7 digits, or
    longer where that is taken."""
    full = f"{language}_{pagefind_hash(content)}"
    length = len(language) + 8
    while full[:length] in taken and length < len(full):
        length += 1
    return full[:length]


def pagefind_hash(content: bytes) -> str:
    """Pagefind's hash of a file: SHA-1, each byte in hexadecimal without a leading zero."""
    return "".join(f"{byte:x}" for byte in hashlib.sha1(content).digest())
