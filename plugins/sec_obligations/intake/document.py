"""One published file (Word .docx, PDF or UTF-8 text/Markdown) read into blocks of plain text.

The kind is told by the bytes, not the name: a zip holding ``word/document.xml`` is Word, bytes
starting ``%PDF`` are PDF, anything else is text. Bad input of any kind raises :class:`DocumentError`
naming the file, never a library's own exception.

**Join rule** (text and PDF, :func:`joins`): an export re-wraps a paragraph over several lines, so a
non-empty line continues the block above it unless it starts a new unit -- a clause number
(``G3.18``, ``A1.1``, ``1.2``), a provision label (``(a)``, ``(ii)``, ``(A)``, ``(1)``), a list marker
(``-``, ``*``, ``1.``), a Markdown heading or a table row -- or the line above is itself a heading or a
table row. An empty line ends a block. A PDF's text has no empty lines, so there one stands where a
line sits further below the one above than 1.3 line spacings (paragraph spacing), and a line well
short of the usual full line (a heading, a title, a paragraph's last line) ends its block too.

**Header/footer rule** (PDF): a line within the top or bottom 3 lines of a page is a running header or
footer when, with every run of digits read as ``#``, it is at the top or bottom of at least half of the
pages (and at least 2); a line there that is only a page number (``12``, ``Page 3 of 9``, ``- 3 -``)
goes too. What is left is joined across pages with the join rule, so a sentence broken by a page
break is one block.

**Redlines** (Word): text in ``w:ins`` is only in the final words, text in ``w:del`` only in ``before``.
Marked-up copies without tracked changes show changes as formatting (underline inserted, strike
deleted); that is read only when asked, or by default when the document has no tracked change but
some struck text -- ordinary documents underline headings. ``paragraph N`` counts the body's
paragraphs (empty ones too, and those in content controls, but not a table of contents) from 1;
``table N, row M`` the tables and their rows.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import docx
import pypdf
from docx.oxml.ns import qn


@dataclass(frozen=True)
class Block:
    text: str  # the final words, whitespace collapsed to single spaces
    where: str  # "paragraph 12", "table 2, row 3" (docx); "page 3, line 7" (pdf); "line 41" (text)
    before: str | None = None  # the words before the redline; None when the file cannot tell
    cells: tuple[str, ...] | None = None  # a table row's cells (text is then them joined by " | ")
    heading: bool = False  # a Word Heading N / Title style, or a Markdown '#' line


@dataclass(frozen=True)
class Document:
    name: str
    sha256: str
    kind: str  # "docx", "pdf" or "text"
    blocks: tuple[Block, ...]
    title: str | None  # Word core properties or PDF metadata


class DocumentError(Exception):
    """A file that cannot be read; the message names the file and, where known, the place."""


def read(path: Path | str, *, formatting_redlines: bool | None = None) -> Document:
    """Read one file. ``formatting_redlines``: read Word underline/strike as a redline (None: decide)."""
    path = Path(path)
    name, suffix = path.name, path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"{name}: cannot open it ({error.strerror or error})") from error
    try:
        if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE compound file: .doc, or an encrypted .docx
            raise DocumentError(f"{name}: is password-protected or not a Word 2007+ document")
        if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            return _document(name, data, "docx", *_read_docx(name, data, formatting_redlines))
        if data.startswith(b"%PDF"):
            return _document(name, data, "pdf", *_read_pdf(name, data))
        if suffix in (".docx", ".docm", ".dotx"):
            raise DocumentError(f"{name}: not a Word document (not a zip file)")
        if suffix == ".pdf":
            raise DocumentError(f"{name}: not a PDF (it does not start with %PDF)")
        return _document(name, data, "text", _text_blocks(_decode(name, data)), None)
    except DocumentError:
        raise
    except zipfile.BadZipFile as error:
        raise DocumentError(f"{name}: not a Word document (the zip is corrupt)") from error
    except Exception as error:  # a library's own error on a malformed file
        raise DocumentError(f"{name}: cannot read it ({type(error).__name__}: {error})") from error


def from_text(text: str, name: str = "<text>") -> Document:
    """Pasted text (or a test's) read as a text file."""
    return _document(name, text.encode("utf-8"), "text", _text_blocks(text), None)


def _document(name, data, kind, blocks, title) -> Document:
    return Document(name, hashlib.sha256(data).hexdigest(), kind, tuple(blocks), title or None)


def _collapse(text: str) -> str:
    return " ".join(text.split())


# --- the join rule, shared by text and PDF ---------------------------------------------------------

_CLAUSE = r"[A-Z]{1,2}\d+(?:\.\d+)*[A-Z]?|\d+(?:\.\d+)+"  # G3.18, A1.1, H14.32A, 1.2
_LABEL = r"\((?:[ivxlc]+|[a-z]{1,2}|[IVXLC]+|[A-Z]{1,2}|\d{1,3})\)"  # (a) (ii) (aa) (A) (1)
_LIST = r"[-*+•]|\d{1,3}[.)]"  # - * + • 1. 1)
_UNIT = re.compile(rf"(?:{_CLAUSE}|{_LABEL}|{_LIST})(?:\s|$)")
_HEADING = re.compile(r"#{1,6}(?:\s|$)")
_ROW = re.compile(r"^\||\t| \| ")  # a pipe table row, or tab-separated cells
_REFERENCE_END = re.compile(r"\b(?:Sections?|Appendix|Appendices|Schedule|Clauses?|paragraphs?)$")
SHORT = 0.65  # a PDF line shorter than this share of a full line ends its paragraph
ENDED = 0.85  # ... and one shorter than this that ends a sentence, before a capital
GAP = 1.3  # a PDF line further below the one above than this many line spacings starts a paragraph


def _alone(line: str) -> bool:
    """A heading or a table row: a line that is a block by itself."""
    return bool(_HEADING.match(line) or _ROW.search(line))


def _heading_like(line: str, width: int) -> bool:
    """A short line with no closing punctuation: a heading, after a sentence that filled its line."""
    return len(line) < 0.6 * width and not line.endswith((".", ";", ",", ":"))


def joins(previous: str, line: str, width: int = 0) -> bool:
    """Whether ``line`` continues the block whose last line is ``previous`` (both stripped).

    ``width``: the length of a full line (PDF), when a line well short of it ended its paragraph."""
    if _REFERENCE_END.search(previous) and line[:1].isupper():
        return True  # "... Section" / "G3.20 ...": a reference broken over two lines, not a new clause
    short = len(previous) < SHORT * width
    # A sentence that ends well before the margin, and a capital after it: a paragraph ended there.
    ended = bool(width) and previous.endswith((".", ":", "?", "!")) and line[:1].isupper() and (
        len(previous) < ENDED * width or _heading_like(line, width))
    return bool(previous and line) and not (short or ended or _UNIT.match(line) or _alone(line) or _alone(previous))


def _group(lines: list[tuple[str, str]], width: int = 0) -> list[tuple[str, list[str]]]:
    """(where, line) pairs grouped into blocks by the join rule: (where of the first line, lines)."""
    groups: list[tuple[str, list[str]]] = []
    previous = ""
    for where, line in lines:
        if joins(previous, line, width):
            groups[-1][1].append(line)
        elif line:
            groups.append((where, [line]))
        previous = line
    return groups


# --- text and Markdown ------------------------------------------------------------------------------

def _decode(name: str, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Word's "Unicode text" is UTF-16
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DocumentError(f"{name}: not UTF-8 text at line {line}") from None


def _inline(text: str) -> str:
    """Text without Markdown bold/italic markers."""
    text = re.sub(r"\*\*|__", "", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", text)
    return _collapse(re.sub(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)", r"\1", text))


def _cells(line: str) -> list[str]:
    cells = line.split("\t") if "\t" in line else re.sub(r"^\||\|$", "", line).split("|")
    return [_inline(cell) for cell in cells]


def _text_blocks(text: str) -> list[Block]:
    lines = [(f"line {n}", line.strip()) for n, line in enumerate(text.splitlines(), 1)]
    blocks = []
    for where, group in _group(lines):
        first = group[0]
        if _HEADING.match(first):
            blocks.append(Block(_inline(first.strip("#")), where, heading=True))
        elif _ROW.search(first):
            cells = _cells(first)
            if not all(re.fullmatch(r":?-+:?", cell) for cell in cells):  # not a |---|---| line
                blocks.append(Block(" | ".join(cells), where, cells=tuple(cells)))
        else:
            group[0] = re.sub(rf"^(?:{_LIST})\s+", "", first)  # a list marker, not a "(a)" label
            blocks.append(Block(_inline(" ".join(group)), where))
    return [block for block in blocks if block.text]


# --- PDF --------------------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"(?:page\s+)?[-–—]?\s*\d+\s*[-–—]?(?:\s*(?:of|/)\s*\d+)?", re.IGNORECASE)


def _read_pdf(name: str, data: bytes) -> tuple[list[Block], str | None]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("") != pypdf.PasswordType.NOT_DECRYPTED
        except pypdf.errors.DependencyError as error:  # AES needs the 'cryptography' package
            raise DocumentError(f"{name}: encrypted with AES: cannot read it ({error})") from error
        if not opened:
            raise DocumentError(f"{name}: password-protected: cannot read it")
    pages = [_page_lines(name, number, page) for number, page in enumerate(reader.pages, 1)]
    if not any(line.strip() for lines in pages for line, _ in lines):
        raise DocumentError(f"{name}: has no text layer (a scan?): cannot read it")
    lines = _with_gaps(_without_furniture(pages))
    lengths = sorted(len(line) for _, line in lines if line)
    width = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0  # most lines are no longer
    blocks = [Block(_collapse(" ".join(group)), where) for where, group in _group(lines, width)]
    title = reader.metadata.title if reader.metadata else None
    return blocks, str(title) if title else None


def _page_lines(name: str, number: int, page) -> list[tuple[str, float | None]]:
    """The lines of ``page.extract_text()``, each with the height on the page of its first words."""
    lines: list[list] = [["", None]]

    def visit(text, cm, tm, font, size):  # called with each piece of the text, in order
        for i, piece in enumerate(text.split("\n")):
            if i:
                lines.append(["", None])
            if piece.strip() and lines[-1][1] is None:
                lines[-1][1] = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            lines[-1][0] += piece

    try:
        page.extract_text(visitor_text=visit)
    except Exception as error:
        raise DocumentError(f"{name}: page {number}: cannot extract its text ({error})") from error
    return [(text, y) for text, y in lines]


def _key(line: str) -> str:
    return re.sub(r"\d+", "#", _collapse(line))


def _without_furniture(pages: list[list[tuple[str, float | None]]]) -> list[list[tuple[int, str, float]]]:
    """Each page's (line number, line, height) without blank lines, running headers/footers, page numbers."""
    # A line with text has its height (only a blank line has none).
    numbered = [[(n, line.strip(), y) for n, (line, y) in enumerate(lines, 1) if line.strip() and y is not None]
                for lines in pages]
    edges = [page[:3] + page[3:][-3:] for page in numbered]  # the top 3 and bottom 3 lines
    seen = Counter(key for edge in edges for key in {_key(line) for _, line, _ in edge})
    running = {key for key, count in seen.items() if count >= max(2, (len(pages) + 1) // 2)}
    dropped = [{n for n, line, _ in edge if _key(line) in running or _PAGE_NUMBER.fullmatch(line)} for edge in edges]
    return [[line for line in page if line[0] not in drop] for page, drop in zip(numbered, dropped)]


def _with_gaps(pages: list[list[tuple[int, str, float]]]) -> list[tuple[str, str]]:
    """(where, line) of every line, with an empty line where a gap wider than the usual line spacing
    (paragraph spacing) ends a paragraph; a page break is no gap."""
    steps = Counter(round(a[2] - b[2]) for page in pages for a, b in itertools.pairwise(page) if a[2] - b[2] >= 1)
    common = [step for step, count in steps.items() if count >= max(2, steps.total() / 10)]
    pitch = min(common, default=0)  # the line spacing: the smallest common step down a page
    lines = []
    for p, page in enumerate(pages, 1):
        for i, (n, line, y) in enumerate(page):
            if pitch and i and page[i - 1][2] - y > GAP * pitch:
                lines.append(("", ""))
            lines.append((f"page {p}, line {n}", line))
    return lines


# --- Word -------------------------------------------------------------------------------------------

_P, _TBL, _TR, _TC, _R = (qn(f"w:{tag}") for tag in ("p", "tbl", "tr", "tc", "r"))
_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}  # content controls around content
_INSERTED = {qn("w:ins"), qn("w:moveTo")}
_DELETED = {qn("w:del"), qn("w:moveFrom")}
_CHARS = {qn("w:t"): None, qn("w:delText"): None, qn("w:tab"): " ", qn("w:br"): " ", qn("w:cr"): " ",
          qn("w:noBreakHyphen"): "-"}  # None: the element's own text
_HEADING_STYLE = re.compile(r"(heading \d|title)", re.IGNORECASE)


def _read_docx(name: str, data: bytes, formatting: bool | None) -> tuple[list[Block], str | None]:
    if "word/document.xml" not in zipfile.ZipFile(io.BytesIO(data)).namelist():
        raise DocumentError(f"{name}: not a Word document (a zip without word/document.xml)")
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    tracked = next(body.iter(*_INSERTED, *_DELETED), None) is not None
    if formatting is None:  # auto: tracked changes if any, else formatting if anything is struck
        formatting = not tracked and any(_struck(run) for run in body.iter(_R))
    redlined = tracked or formatting
    headings = _heading_styles(document)
    blocks: list[Block] = []
    count: Counter[str] = Counter()
    for item in _items(body, {_P, _TBL}):
        count[item.tag] += 1
        if item.tag == _P:
            text, before = _paragraph(item, formatting)
            style = item.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            heading = style is not None and style.get(qn("w:val")) in headings
            blocks.append(Block(text, f"paragraph {count[_P]}", before if redlined else None, heading=heading))
        for number, row in enumerate(_items(item, {_TR}) if item.tag == _TBL else (), 1):
            cells = [_paragraphs(cell, formatting) for cell in _items(row, {_TC})]
            finals = tuple(text for text, _ in cells)
            joined = " | ".join(before for _, before in cells) if redlined else None
            blocks.append(Block(" | ".join(finals), f"table {count[_TBL]}, row {number}", joined, finals))
    kept = [block for block in blocks if block.text or block.before]  # a deleted paragraph has a before
    return kept, document.core_properties.title


def _items(element, tags: set[str]):
    """The children of ``element`` with one of ``tags``, looking inside content controls (not a TOC)."""
    for child in element.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS and not _is_toc(child):
            yield from _items(child, tags)


def _is_toc(element) -> bool:
    gallery = element.find(f"{qn('w:sdtPr')}/{qn('w:docPartObj')}/{qn('w:docPartGallery')}")
    return gallery is not None and (gallery.get(qn("w:val")) or "").startswith("Table of Contents")


def _heading_styles(document) -> set[str]:
    """The ids of the styles that are, or are directly based on, Heading N or Title."""
    return {style.style_id for style in document.styles
            if any(_HEADING_STYLE.fullmatch(getattr(s, "name", None) or "")
                   for s in (style, getattr(style, "base_style", None)))}


def _on(run, prop: str) -> bool:
    """Whether a run's own properties switch ``prop`` on (w:u is on unless 'none')."""
    element = run.find(f"{qn('w:rPr')}/{qn(prop)}")
    return element is not None and element.get(qn("w:val"), "on") not in ("0", "false", "off", "none")


def _struck(run) -> bool:
    return _on(run, "w:strike") or _on(run, "w:dstrike")


def _paragraph(p, formatting: bool) -> tuple[str, str]:
    """A paragraph's (final, before) text; text boxes and other nested paragraphs are left out."""
    final, before = [], []
    for element in p.iter(*_CHARS):
        run = element.getparent()
        context = _context(run, p) if run.tag == _R and not _on(run, "w:vanish") else None
        if context is None:
            continue
        char = _CHARS[element.tag] or element.text or ""
        inserted = bool(context & _INSERTED) or (formatting and _on(run, "w:u"))
        deleted = bool(context & _DELETED) or (formatting and _struck(run))
        if not deleted:
            final.append(char)
        if not inserted:
            before.append(char)
    return _collapse("".join(final)), _collapse("".join(before))


def _context(run, p) -> set[str] | None:
    """The tags between a run and paragraph ``p``, or None when the run is in a nested paragraph."""
    tags: set[str] = set()
    for ancestor in run.iterancestors():
        if ancestor is p:
            return tags
        if ancestor.tag == _P:
            return None
        tags.add(ancestor.tag)
    return None


def _paragraphs(cell, formatting: bool) -> tuple[str, str]:
    """A table cell's (final, before) text: its paragraphs joined."""
    texts = [_paragraph(p, formatting) for p in cell.iter(_P)]
    return _collapse(" ".join(t for t, _ in texts)), _collapse(" ".join(b for _, b in texts))
