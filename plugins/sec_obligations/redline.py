"""Word-level differences between two texts, as HTML that reads without colour."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from html import escape

_TOKEN = re.compile(r"(\s*)(\w(?:[\w.'’+-]*[\w+])?|[^\w\s])")


def tokens(text: str) -> list[tuple[str, str]]:
    """``(space before, token)`` pairs: words (``G3.18``, ``SMETS2+`` are one word) and punctuation."""
    return _TOKEN.findall(" ".join(text.split()))


def diff(old: str, new: str) -> list[tuple[str, str]]:
    """``(op, text)`` pieces where op is ``=``, ``-`` (deleted) or ``+`` (inserted).

    Words are compared without the spaces between them (spaces would anchor false matches and
    slow the comparison), then written back with their spacing."""
    a, b = tokens(old), tokens(new)
    pieces: list[tuple[str, str]] = []
    matcher = SequenceMatcher(None, [t for _, t in a], [t for _, t in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("=", "".join(map("".join, b[j1:j2]))))
            continue
        if op in ("delete", "replace"):
            pieces.append(("-", "".join(map("".join, a[i1:i2]))))
        if op in ("insert", "replace"):
            pieces.append(("+", "".join(map("".join, b[j1:j2]))))
    return pieces



def spaces_apart(text: str) -> tuple[str, str, str]:
    """The spaces before, the words, the spaces after: a mark goes around the words only."""
    core = text.strip()
    if not core:
        return text, "", ""
    start = len(text) - len(text.lstrip())
    return text[:start], core, text[start + len(core):]

def to_html(pieces: list[tuple[str, str]]) -> str:
    """``<del>``/``<ins>`` markup; each change also says "deleted"/"inserted" to screen readers."""
    out = []
    for op, text in pieces:
        if op == "=":
            out.append(escape(text))
        else:
            tag, word = ("del", "deleted") if op == "-" else ("ins", "inserted")
            # Keep spaces outside the mark so the struck or underlined run has no ragged ends.
            lead, core, trail = spaces_apart(text)
            out.append(f'{lead}<{tag}><span class="sec-sr">[{word}: </span>{escape(core)}'
                       f'<span class="sec-sr">]</span></{tag}>{trail}')
    return "".join(out)


@lru_cache(maxsize=4096)
def redline(old: str, new: str) -> str:
    """The redline of two texts as HTML (cached: a change is shown on several pages)."""
    return to_html(diff(old, new))
