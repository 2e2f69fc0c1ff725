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

from ..model import NOT_USED as NOT_USED_TEXT
from ..model import provision_lines
from ..redline import tokens

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
            return NOT_USED_TEXT
        return "\n".join([self.lead or "", *provision_lines(self.paragraphs), *([self.tail] if self.tail else [])]).strip("\n")


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


def parse(lines: list[tuple], stop: re.Pattern | None = None) -> list[ParsedClause]:
    """Clauses from ``(text, where)`` (or ``(text, where, is_heading)``) lines, in order; parsing
    ends at a line matching ``stop``.

    A line without a number or label after a clause's provisions is placed by what follows it:
    before another provision at level d it closes the provisions inside the open one at level d
    (that provision's tail), or continues the last provision's words if that one holds none; before
    the next clause, or a heading, it is the clause's tail. A short line with no closing punctuation
    just before a clause number is a heading."""
    items = [(" ".join(line[0].split()), line[1], len(line) > 2 and bool(line[2])) for line in lines]
    items = [item for item in items if item[0]]
    clauses: list[ParsedClause] = []
    heading: str | None = None
    current: ParsedClause | None = None
    open_: list[Provision] = []
    loose: list[str] = []  # lines after provisions, placed when what follows them is known

    def settle(next_depth: int | None) -> None:
        """Place the loose lines: before a provision at ``next_depth``, or at the clause's end (None)."""
        if not loose or current is None:
            loose.clear()
            return
        words = " ".join(loose)
        loose.clear()
        if next_depth is None or not open_:
            current.tail = f"{current.tail} {words}" if current.tail else words
        elif len(open_) >= next_depth and open_[next_depth - 1].paragraphs:
            owner = open_[next_depth - 1]
            owner.tail = f"{owner.tail} {words}" if owner.tail else words
        else:
            open_[-1].text = f"{open_[-1].text} {words}"

    for i, (words, where, is_heading) in enumerate(items):
        if stop and stop.match(words):
            break
        following = items[i + 1][0] if i + 1 < len(items) else ""
        number, label = CLAUSE.match(words), LABEL.match(words)
        if number:
            settle(None)
            current = ParsedClause(number.group(1), where, heading)
            clauses.append(current)
            heading, open_ = None, []
            rest = number.group(2)
            if NOT_USED.match(rest):
                current.not_used = True
            else:
                current.lead = rest
        elif is_heading or (CLAUSE.match(following) and _looks_like_heading(words)):
            settle(None)
            heading, current, open_ = words, None, []
        elif current is None or current.not_used:
            heading = words if current is None else heading
        elif label:
            depth = min(level(label.group(1), open_), len(open_) + 1)
            settle(depth)
            provision = Provision(label.group(1), label.group(2))
            del open_[depth - 1:]
            (open_[-1].paragraphs if open_ else current.paragraphs).append(provision)
            open_.append(provision)
        elif current.paragraphs:
            loose.append(words)
        else:
            current.lead = f"{current.lead} {words}" if current.lead else words
    settle(None)
    return clauses


def _looks_like_heading(words: str) -> bool:
    """A heading: short, and no sentence punctuation at its end."""
    return len(words) <= 120 and not words.endswith((".", ";", ",", ":", ")")) and not LABEL.match(words)


def same_words(a: str, b: str) -> bool:
    """Whether two wordings read the same word for word, labels and punctuation included: how a
    document is laid out (a tail a text export ran into the provision before it, a space a PDF put
    before a bracket) is not a change of the code."""
    return [t for _, t in tokens(a)] == [t for _, t in tokens(b)]
