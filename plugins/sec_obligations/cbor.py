"""CBOR (RFC 8949), the part of it Pagefind's index files use: integers, byte and text strings,
arrays, maps, false, true and null, all of definite length.

:func:`encode` writes every head in its shortest form (the RFC's preferred serialisation, as
Pagefind's encoder does), so decoding a Pagefind file and encoding it again gives the same bytes.
Anything else (floats, tags, indefinite lengths) is refused with a :class:`ValueError`.
"""

from __future__ import annotations

UNSIGNED, NEGATIVE, BYTES, TEXT, ARRAY, MAP, TAG, SIMPLE = range(8)  # the major types
SIMPLE_VALUES = {20: False, 21: True, 22: None}


def decode(data: bytes) -> object:
    """The one item ``data`` holds, from its first byte to its last."""
    value, end = _item(data, 0)
    if end != len(data):
        raise ValueError(f"CBOR: {len(data) - end} byte(s) after the item")
    return value


def _item(data: bytes, at: int) -> tuple[object, int]:
    if at >= len(data):
        raise ValueError("CBOR: the data ends inside an item")
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if major == SIMPLE:
        if info not in SIMPLE_VALUES:
            raise ValueError(f"CBOR: unsupported simple value or float (additional information {info})")
        return SIMPLE_VALUES[info], at
    if info < 24:
        argument = info
    elif info <= 27:
        width = 1 << (info - 24)
        if at + width > len(data):
            raise ValueError("CBOR: the data ends inside a head")
        argument, at = int.from_bytes(data[at:at + width], "big"), at + width
    else:
        raise ValueError(f"CBOR: unsupported additional information {info} (major type {major})")
    if major == UNSIGNED:
        return argument, at
    if major == NEGATIVE:
        return -1 - argument, at
    if major in (BYTES, TEXT):
        if at + argument > len(data):
            raise ValueError("CBOR: the data ends inside a string")
        raw = data[at:at + argument]
        return (raw.decode("utf-8") if major == TEXT else bytes(raw)), at + argument
    if major == ARRAY:
        items = []
        for _ in range(argument):
            item, at = _item(data, at)
            items.append(item)
        return items, at
    if major == MAP:
        pairs = {}
        for _ in range(argument):
            key, at = _item(data, at)
            pairs[key], at = _item(data, at)
        return pairs, at
    raise ValueError(f"CBOR: unsupported tag (major type {TAG})")


def encode(value: object) -> bytes:
    out = bytearray()
    _write(value, out)
    return bytes(out)


def _write(value: object, out: bytearray) -> None:
    if value is None or isinstance(value, bool):
        out.append(SIMPLE << 5 | next(k for k, v in SIMPLE_VALUES.items() if v is value))
    elif isinstance(value, int):
        _head(UNSIGNED, value, out) if value >= 0 else _head(NEGATIVE, -1 - value, out)
    elif isinstance(value, bytes):
        _head(BYTES, len(value), out)
        out += value
    elif isinstance(value, str):
        raw = value.encode("utf-8")
        _head(TEXT, len(raw), out)
        out += raw
    elif isinstance(value, list):
        _head(ARRAY, len(value), out)
        for item in value:
            _write(item, out)
    elif isinstance(value, dict):
        _head(MAP, len(value), out)
        for key, item in value.items():
            _write(key, out)
            _write(item, out)
    else:
        raise ValueError(f"CBOR: cannot encode {type(value).__name__}")


def _head(major: int, argument: int, out: bytearray) -> None:
    if argument < 24:
        out.append(major << 5 | argument)
        return
    for info, width in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * width):
            out.append(major << 5 | info)
            out += argument.to_bytes(width, "big")
            return
    raise ValueError(f"CBOR: {argument} does not fit in 64 bits")
