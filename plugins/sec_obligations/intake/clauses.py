"""Clauses as a document prints them, read into the data's shape.

A clause starts with its number (``G3.20 Each User shall ...``); the lines after it are its
provisions, labelled ``(a)``, ``(i)``, ``(A)``, ``(1)`` (a list marker before the label is
ignored), each level nested in the one before, and then its tail. ``G3.5 [Not used]`` keeps a
number that says nothing. A line without a number before a clause is a heading.

Which level a label is: letters (a), (b) ... are the first level, roman numerals (i), (ii) ... the
second, capitals (A), (B) ... the third, digits (1), (2) ... the fourth; "(i)" after "(h)" at the
first level is the letter i, and "(v)", "(x)" likewise continue letters when that is where they fit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CLAUSE = re.compile(r"^([A-Z]{1,2}\d+(?:\.\d+)+[A-Z]?)\s+(.*)$")
LABEL = re.compile(r"^(?:[-–•*]\s*)?\(([A-Za-z]{1,6}|\d{1,3})\)\s*(.*)$")
NOT_USED = re.compile(r"^\[?\s*not used\s*\]?\.?$", re.IGNORECASE)
ROMAN = re.compile(r"^(?=[ivxl])m{0,3}(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$")


@dataclass
class Provision:
    id: str
    text: str
    paragraphs: list[Provision] = field(default_factory=list)
    tail: str | None = None

    def as_dict(self) -> dict:
        out: dict = {"id": self.id, "text": self.text}
        if self.paragraphs:
            out["paragraphs"] = [p.as_dict() for p in self.paragraphs]
        if self.tail:
            out["tail"] = self.tail
        return out


@dataclass
class ParsedClause:
    id: str
    where: str  # the place in the document where it starts
    heading: str | None  # the heading printed above it, if any
    lead: str | None = None
    paragraphs: list[Provision] = field(default_factory=list)
    tail: str | None = None
    not_used: bool = False

    def wording(self) -> dict:
        """The wording in the data's shape."""
        if self.not_used:
            return {"not_used": True}
        out: dict = {"lead": self.lead}
        if self.paragraphs:
            out["paragraphs"] = [p.as_dict() for p in self.paragraphs]
        if self.tail:
            out["tail"] = self.tail
        return out

    def plain(self) -> str:
        """One line a part, as :meth:`.model.ClauseText.plain` writes a wording."""
        if self.not_used:
            return "[Not used]"

        def lines(items: list[Provision]) -> list[str]:
            found = []
            for p in items:
                found.append(f"({p.id}) {p.text}")
                found += lines(p.paragraphs)
                if p.tail:
                    found.append(p.tail)
            return found
        return "\n".join([self.lead or "", *lines(self.paragraphs), *([self.tail] if self.tail else [])]).strip("\n")


def level(label: str, open_: list[Provision]) -> int:
    """The nesting level (1-4) of a provision label, given the provisions open at each level."""
    def follows(previous: str | None, label: str) -> bool:
        return previous is not None and len(previous) == 1 and len(label) == 1 and ord(label) == ord(previous) + 1
    first = open_[0].id if open_ else None
    if label.isdigit():
        return 4
    if label.islower():
        if ROMAN.match(label) and not follows(first, label) and (len(open_) >= 2 or (label == "i" and open_)):
            return 2
        return 1
    if ROMAN.match(label.lower()) and len(open_) >= 3 and open_[2].id.lower() == open_[2].id and ROMAN.match(open_[2].id):
        return 3
    return 3


def parse(lines: list[tuple[str, str]], stop: re.Pattern | None = None) -> list[ParsedClause]:
    """Clauses from ``(text, where)`` lines, in order; parsing ends at a line matching ``stop``."""
    clauses: list[ParsedClause] = []
    heading: str | None = None
    current: ParsedClause | None = None
    open_: list[Provision] = []
    for words, where in lines:
        words = " ".join(words.split())
        if not words:
            continue
        if stop and stop.match(words):
            break
        number = CLAUSE.match(words)
        label = LABEL.match(words)
        if number:
            rest = number.group(2)
            current = ParsedClause(number.group(1), where, heading)
            clauses.append(current)
            heading, open_ = None, []
            if NOT_USED.match(rest):
                current.not_used = True
            else:
                current.lead = rest
        elif current is not None and label and not current.not_used:
            depth = min(level(label.group(1), open_), len(open_) + 1)
            provision = Provision(label.group(1), label.group(2))
            del open_[depth - 1:]
            (open_[-1].paragraphs if open_ else current.paragraphs).append(provision)
            open_.append(provision)
        elif current is not None and open_ and not current.not_used and current.tail is None and len(open_) > 1 \
                and open_[-1].paragraphs == [] and open_[-2].tail is None and _is_tail_of(words, open_[-2]):
            open_[-2].tail = words
        elif current is not None and (current.paragraphs or current.not_used):
            current.tail = f"{current.tail} {words}" if current.tail else words
            open_ = []
        elif current is not None and current.lead is not None and not current.paragraphs:
            current.lead = f"{current.lead} {words}"
        else:
            heading = words
            current = None
    return clauses


def _is_tail_of(words: str, parent: Provision) -> bool:
    """Words after a provision's own sub-provisions that close it (not the clause): they end with
    ';' or ',' and go on at the parent's level ("in each case ...;")."""
    return parent.text.endswith(":") and words.endswith((";", ", and", "; and", "; or"))
