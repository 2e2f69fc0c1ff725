"""Reading the HTML a renderer wrote: the words a reader sees, an element by its id, the part of a
page under a heading, the links, and every tag (to prove that data text never became markup)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Tags that end a line of text as a reader sees it: words either side of them are never one word.
PERMALINK = re.compile(r'<a class="headerlink" href="[^"]*" title="Permanent link">&para;</a>')
BLOCK = re.compile(r"</?(?:p|div|li|ul|ol|dl|dt|dd|h[1-6]|table|caption|thead|tbody|tr|th|td|details|summary|br)\b[^>]*>")


def words(html: str) -> str:
    """The text of some HTML as a reader sees it: tags (and headings' permalinks) removed, character
    references read, spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", BLOCK.sub(" ", PERMALINK.sub("", html)))).split())


def element(html: str, anchor: str) -> str:
    """The element whose id is ``anchor``, from its start tag to its matching end tag."""
    start = re.search(rf'<([a-z][a-z0-9]*)\b[^>]*\sid="{re.escape(anchor)}"', html)
    assert start, f"no element with id {anchor!r}"
    tag = start.group(1)
    if tag in VOID:
        return html[start.start():html.index(">", start.end()) + 1]
    depth = 0
    for t in re.compile(rf"<(/?){tag}\b[^>]*>").finditer(html, start.start()):
        depth += -1 if t.group(1) else 1
        if depth == 0:
            return html[start.start():t.end()]
    raise AssertionError(f"<{tag} id={anchor!r}> is never closed")


def part(html: str, anchor: str) -> str:
    """The heading with the id ``anchor`` and what follows it, up to the next heading of its level or above."""
    start = re.search(rf'<h([1-6]) id="{re.escape(anchor)}"', html)
    assert start, f"no heading with id {anchor!r}"
    end = re.compile(rf"<h[1-{start.group(1)}][ >]").search(html, start.end())
    return html[start.start():end.start() if end else len(html)]


def links(html: str) -> list[tuple[str, str]]:
    """Every link but headings' permalinks, as (href, the words it shows)."""
    return [(unescape(href), words(inner)) for href, inner in
            re.findall(r'<a\b[^>]*?\shref="([^"]*)"[^>]*>(.*?)</a>', PERMALINK.sub("", html), re.S)]


def ids(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every start tag as a browser's parser reads it: (name, attributes)."""
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags
