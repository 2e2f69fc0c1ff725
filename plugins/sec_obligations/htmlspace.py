"""Written pages without their indentation: the theme's templates indent every line of every page
(a fifth of the site's HTML at 4,000 clauses). Outside ``<pre>`` and ``<textarea>`` a run of white
space that begins with a line break renders as one line break does, so each becomes one; those two
elements keep theirs."""

from __future__ import annotations

import re

_KEPT = re.compile(r"<(pre|textarea)\b.*?</\1\s*>", re.S | re.I)  # white space that is content
_BREAK = re.compile(r"\n\s+")  # a line break with the blanks and lines after it (4 times faster than with those before)


def without_indentation(html: str) -> str:
    """``html`` with each run of white space beginning with a line break made one line break, but in
    ``<pre>`` and ``<textarea>``."""
    out, at = [], 0
    for kept in _KEPT.finditer(html):
        out += [_BREAK.sub("\n", html[at:kept.start()]), kept.group()]
        at = kept.end()
    out.append(_BREAK.sub("\n", html[at:]))
    return "".join(out)
