"""Word-level differences between two texts, as HTML that reads without colour."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from html import escape

_TOKEN = re.compile(r"\s+|\w(?:[\w.'’+-]*[\w+])?|[^\w\s]")


def tokens(text: str) -> list[str]:
    """Words (``G3.18``, ``SMETS2+`` are one word), punctuation marks and the spaces between."""
    return _TOKEN.findall(" ".join(text.split()))


def diff(old: str, new: str) -> list[tuple[str, str]]:
    """``(op, text)`` pieces where op is ``=``, ``-`` (deleted) or ``+`` (inserted)."""
    a, b = tokens(old), tokens(new)
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("equal",):
            pieces.append(("=", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(("-", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(("+", "".join(b[j1:j2])))
    return pieces


def to_html(pieces: list[tuple[str, str]]) -> str:
    """``<del>``/``<ins>`` markup; each change also says "deleted"/"inserted" to screen readers."""
    out = []
    for op, text in pieces:
        if op == "=":
            out.append(escape(text))
        else:
            tag, word = ("del", "deleted") if op == "-" else ("ins", "inserted")
            # Keep spaces outside the mark so the struck or underlined run has no ragged ends.
            lead, core, trail = re.match(r"(\s*)(.*?)(\s*)$", text, re.S).groups()
            out.append(f'{lead}<{tag}><span class="sec-sr">[{word}: </span>{escape(core)}'
                       f'<span class="sec-sr">]</span></{tag}>{trail}')
    return "".join(out)


def redline(old: str, new: str) -> str:
    return to_html(diff(old, new))
