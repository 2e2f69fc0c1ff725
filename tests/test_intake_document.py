"""Reading published files into blocks: Word (with tracked and formatting redlines), PDF (running
headers and footers, sentences broken by a page), text and Markdown, and bad input of every kind."""

from __future__ import annotations

import html
import io
import random
import zipfile

import docx
import pypdf
import pytest
from docx.enum.text import WD_UNDERLINE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from sec_obligations.intake.document import Block, DocumentError, from_text, joins, read

W = nsdecls("w")


# --- Word -------------------------------------------------------------------------------------------

def _tracked(kind: str, text: str, change_id: int) -> str:
    tag = "w:delText" if kind == "del" else "w:t"
    return (f'<w:{kind} {W} w:id="{change_id}" w:author="SECAS" w:date="2024-11-04T00:00:00Z">'
            f'<w:r><{tag} xml:space="preserve">{text}</{tag}></w:r></w:{kind}>')


def _section_g(path, *, tracked: bool = True):
    document = docx.Document()
    document.core_properties.title = "Section G: Security"
    document.add_heading("Section G: Security", level=1)  # paragraph 1
    document.add_paragraph("G3.20 Each User shall take reasonable steps to ensure that its Systems "
                           "are protected.")  # paragraph 2
    document.add_paragraph("(a) to detect any Compromise;")  # paragraph 3
    numbered = document.add_paragraph("to notify the DCC of any Compromise.")  # paragraph 4: auto-numbered
    numbered._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
    table = document.add_table(rows=2, cols=2)  # table 1
    for row, (term, meaning) in zip(table.rows, [("Term", "Meaning"), ("Compromise", "any breach of security")]):
        row.cells[0].text, row.cells[1].text = term, meaning
    changed = document.add_paragraph("G3.21 The User shall notify the DCC ")  # paragraph 5
    if tracked:
        changed._p.append(parse_xml(_tracked("del", "promptly", 1)))
        changed._p.append(parse_xml(_tracked("ins", "within five Working Days", 2)))
    changed.add_run(".")
    removed = document.add_paragraph()  # paragraph 6: deleted as a whole
    if tracked:
        removed._p.append(parse_xml(_tracked("del", "G3.22 [Not used]", 3)))
    document.add_heading("G4 Obligations", level=2)  # paragraph 7
    document.save(path)
    return path


def test_docx_blocks_in_body_order_with_tracked_changes(tmp_path):
    doc = read(_section_g(tmp_path / "G.docx"))
    assert (doc.name, doc.kind, doc.title) == ("G.docx", "docx", "Section G: Security")
    by_where = {block.where: block for block in doc.blocks}
    assert [block.where for block in doc.blocks] == [
        "paragraph 1", "paragraph 2", "paragraph 3", "paragraph 4", "table 1, row 1", "table 1, row 2",
        "paragraph 5", "paragraph 6", "paragraph 7"]
    assert by_where["paragraph 1"] == Block("Section G: Security", "paragraph 1", "Section G: Security",
                                            heading=True)
    assert by_where["paragraph 2"].text.startswith("G3.20 Each User shall")
    assert not by_where["paragraph 2"].heading
    assert by_where["paragraph 3"].text == "(a) to detect any Compromise;"
    assert by_where["paragraph 4"].text == "to notify the DCC of any Compromise."  # no label invented
    row = by_where["table 1, row 2"]
    assert row.cells == ("Compromise", "any breach of security")
    assert row.text == "Compromise | any breach of security" == row.before
    changed = by_where["paragraph 5"]
    assert changed.text == "G3.21 The User shall notify the DCC within five Working Days."
    assert changed.before == "G3.21 The User shall notify the DCC promptly."
    assert (by_where["paragraph 6"].text, by_where["paragraph 6"].before) == ("", "G3.22 [Not used]")
    assert by_where["paragraph 7"].heading


def test_docx_without_redlines_has_no_before(tmp_path):
    doc = read(_section_g(tmp_path / "G.docx", tracked=False))
    assert all(block.before is None for block in doc.blocks)
    assert "paragraph 6" not in {block.where for block in doc.blocks}  # an empty paragraph is no block
    assert [b.text for b in doc.blocks if b.where == "paragraph 7"] == ["G4 Obligations"]  # still counted


def _formatted(path, *, strike: bool = True):
    document = docx.Document()
    heading = document.add_paragraph()
    heading.add_run("Definitions").underline = True  # an ordinary underlined heading
    paragraph = document.add_paragraph("G3.22 The User shall notify the DCC ")
    if strike:
        paragraph.add_run("promptly").font.strike = True
    paragraph.add_run("within two days").underline = WD_UNDERLINE.SINGLE
    paragraph.add_run(".")
    document.save(path)
    return path


def test_docx_formatting_redlines(tmp_path):
    path = _formatted(tmp_path / "marked.docx")
    heading, clause = read(path).blocks  # auto: something is struck, so formatting is a redline
    assert clause.text == "G3.22 The User shall notify the DCC within two days."
    assert clause.before == "G3.22 The User shall notify the DCC promptly."
    assert (heading.text, heading.before) == ("Definitions", "")  # underlined, so read as inserted
    heading, clause = read(path, formatting_redlines=False).blocks
    assert clause.text == "G3.22 The User shall notify the DCC promptlywithin two days."
    assert clause.before is None and heading.before is None


def test_docx_underline_alone_is_no_redline(tmp_path):
    path = _formatted(tmp_path / "plain.docx", strike=False)
    assert [(b.text, b.before) for b in read(path).blocks] == [
        ("Definitions", None), ("G3.22 The User shall notify the DCC within two days.", None)]
    assert read(path, formatting_redlines=True).blocks[1].before == "G3.22 The User shall notify the DCC ."


def test_docx_tracked_changes_win_over_formatting(tmp_path):
    path = _section_g(tmp_path / "G.docx")
    document = docx.Document(path)
    document.add_paragraph().add_run("Underlined heading").underline = True
    document.save(path)
    last = read(path).blocks[-1]
    assert (last.text, last.before) == ("Underlined heading", "Underlined heading")


def test_docx_content_controls_tabs_and_breaks(tmp_path):
    document = docx.Document()
    body = document.element.body
    sdt = '<w:sdt {W}><w:sdtPr>{gallery}</w:sdtPr><w:sdtContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:sdtContent></w:sdt>'
    toc = '<w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj>'
    body.insert(0, parse_xml(sdt.format(W=W, gallery=toc, text="G1 Obligations 3")))  # not content
    body.insert(1, parse_xml(sdt.format(W=W, gallery="", text="G3.1 In a content control.")))
    run = document.add_paragraph().add_run("G3.2\tWords")
    run.add_break()
    run.add_text("over a  line break.")
    document.save(tmp_path / "G.docx")
    assert [(b.where, b.text) for b in read(tmp_path / "G.docx").blocks] == [
        ("paragraph 1", "G3.1 In a content control."), ("paragraph 2", "G3.2 Words over a line break.")]


def test_kind_is_told_by_content(tmp_path):
    path = _section_g(tmp_path / "G.docx")
    renamed = tmp_path / "download.bin"
    renamed.write_bytes(path.read_bytes())
    assert read(renamed).kind == "docx"
    assert read(renamed).sha256 == read(path).sha256


# --- PDF --------------------------------------------------------------------------------------------

HEADER = "Smart Energy Code v6.17 — Section G"


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


WORDS = ["shall", "User", "DCC", "Systems", "Compromise", "notify", "ensure", "reasonable", "steps", "protect", "Device", "Party", "security", "breach", "event", "detect", "respond", "without", "undue", "delay", "relevant", "Panel", "report", "each", "any", "information", "promptly", "take", "measures", "appropriate", "its", "their", "such", "where", "becomes", "aware", "assess", "threat", "vulnerability", "incident", "record", "maintain"]


def _section_g_paragraphs() -> list[str]:
    """A heading, two unnumbered paragraphs, clauses and provisions, each worded differently (repeated
    lines would look like running headers)."""
    rng = random.Random(617)
    texts = ["Section G: Security", f"This Section {_words(rng, 50)}.", f"Each Party {_words(rng, 45)}."]
    for n in range(1, 31):
        texts.append(f"G3.{n} {_words(rng, rng.randint(30, 60))}.")
        if n % 4 == 0:
            texts += [f"(a) {_words(rng, 12)};", f"(b) {_words(rng, 20)},", f"provided that {_words(rng, 25)}."]
    return texts


@pytest.fixture(scope="module")
def section_g_pdf(print_pdf, tmp_path_factory):
    body = "".join(f"<p>{html.escape(p)}</p>" for p in _section_g_paragraphs())
    page_html = f"""<!doctype html><html><head><meta charset="utf-8"><title>Section G</title><style>
      @page {{ size: A4; margin: 15mm 20mm;
               @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font-size: 9pt; }} }}
      body {{ font: 11pt/1.4 serif; margin: 0; orphans: 1; widows: 1; }}
      .top, .bottom {{ position: fixed; left: 0; right: 0; font-size: 9pt; }}
      .top {{ top: 0; }} .bottom {{ bottom: 0; }} .space {{ height: 12mm; }}
      table {{ width: 100%; border-collapse: collapse; }}
    </style></head><body><div class="top">{HEADER}</div><div class="bottom">Designated 4 November 2024</div>
    <table><thead><tr><td><div class="space"></div></td></tr></thead>
    <tfoot><tr><td><div class="space"></div></td></tr></tfoot><tbody><tr><td>{body}</td></tr></tbody>
    </table></body></html>"""  # the empty thead/tfoot repeat on each page, keeping text off the header
    return print_pdf(tmp_path_factory.mktemp("pdf") / "section-g.pdf", page_html)


def test_pdf_without_headers_footers_and_page_numbers(section_g_pdf):
    doc = read(section_g_pdf)
    assert (doc.kind, doc.title) == ("pdf", "Section G")
    pages = [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(section_g_pdf).pages]
    assert len(pages) >= 3 and all(HEADER in page and "Designated" in page for page in pages)
    texts = [block.text for block in doc.blocks]
    assert texts == _section_g_paragraphs()  # each paragraph whole, nothing else
    assert doc.blocks[0].where == "page 1, line 2"  # line 1 is the page number
    broken = [text for text in texts if not any(text in page for page in pages)]
    assert broken, "no paragraph was broken across a page"
    block = next(b for b in doc.blocks if b.text == broken[0])
    page = int(block.where.split()[1].rstrip(","))
    assert block.text.split()[0] in pages[page - 1] and block.text.split()[-1] in pages[page]


def test_pdf_paragraphs_end_at_a_gap_or_a_short_line(print_pdf, tmp_path):
    rng = random.Random(3)
    full = [" ".join(rng.choice("abcdefgh") * 5 for _ in range(14)) for _ in range(5)]  # 83 characters
    page_html = ('<html><body style="font: 8pt monospace; margin: 0">'
                 f'<p style="margin: 0 0 1em">{full[0]}<br>{full[1]}</p>'  # spacing below: a gap
                 f'<p style="margin: 0">{full[2]}<br>{full[3]}</p>'  # no spacing, a full last line: joined
                 f'<p style="margin: 0">short words</p><p style="margin: 0">{full[4]}</p></body></html>')
    doc = read(print_pdf(tmp_path / "gaps.pdf", page_html))
    assert [b.text for b in doc.blocks] == [f"{full[0]} {full[1]}", f"{full[2]} {full[3]} short words", full[4]]
    assert [b.where for b in doc.blocks] == ["page 1, line 1", "page 1, line 3", "page 1, line 6"]


# --- text and Markdown ------------------------------------------------------------------------------

def test_text_rewrapped_lines_are_joined():
    doc = from_text("G3.18 Each User shall take\nreasonable steps to\n\nensure that:\n"
                    "(a) it detects\nany Compromise; and\n(ii) it responds;\nA1.1 Definitions\n"
                    "(A) capital;\n(1) numbered;\n- a list item\nthat wraps\n")
    assert [(b.where, b.text) for b in doc.blocks] == [
        ("line 1", "G3.18 Each User shall take reasonable steps to"), ("line 4", "ensure that:"),
        ("line 5", "(a) it detects any Compromise; and"), ("line 7", "(ii) it responds;"),
        ("line 8", "A1.1 Definitions"), ("line 9", "(A) capital;"), ("line 10", "(1) numbered;"),
        ("line 11", "a list item that wraps")]
    assert all(block.before is None and block.cells is None for block in doc.blocks)
    assert (doc.kind, doc.name, doc.title) == ("text", "<text>", None)


def test_join_rule():
    assert joins("G3.18 Each User shall", "take reasonable steps")
    for line in ("G3.19 Next", "A1.1 Next", "(a) next", "(ii) next", "(A) next", "(1) next", "1. item",
                 "- item", "* item", "# Heading", "| a | b |", "a\tb"):
        assert not joins("previous words", line), line
    assert not joins("## Heading", "words") and not joins("a\tb", "words") and not joins("", "words")


def test_markdown_markers_and_tables():
    doc = from_text("# Section G\n\n## G3 **Unauthorised** Activities\n\n* **Bold** and *italic* "
                    "and __strong__ words\n1. first item\n\n| Term | Meaning |\n|---|:---:|\n"
                    "| **DCC** | the Data Communications Company |\n\nParty\tOne\tTwo\nsnake_case_name stays\n",
                    name="G.md")
    assert [(b.text, b.heading, b.cells) for b in doc.blocks] == [
        ("Section G", True, None), ("G3 Unauthorised Activities", True, None),
        ("Bold and italic and strong words", False, None), ("first item", False, None),
        ("Term | Meaning", False, ("Term", "Meaning")),
        ("DCC | the Data Communications Company", False, ("DCC", "the Data Communications Company")),
        ("Party | One | Two", False, ("Party", "One", "Two")), ("snake_case_name stays", False, None)]
    assert doc.blocks[5].where == "line 10"


def test_text_files(tmp_path):
    path = tmp_path / "G.txt"
    path.write_bytes("G3.1 Each User\r\nshall act.\r\n".encode("utf-16"))  # Word's "Unicode text"
    assert [b.text for b in read(path).blocks] == ["G3.1 Each User shall act."]
    path.write_bytes(b"\xef\xbb\xbfG3.1 caf\xc3\xa9\n#\n")
    assert [b.text for b in read(path).blocks] == ["G3.1 café"]
    path.write_bytes(b"PKI: the Public Key Infrastructure.\n")  # starts like a zip, but is text
    assert read(path).kind == "text"


# --- bad input --------------------------------------------------------------------------------------

def _encrypted_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _blank_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip_without_document() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


@pytest.mark.parametrize("name, content, message", [
    ("G.docx", "half a docx", "G.docx: not a Word document (the zip is corrupt)"),
    ("G.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "G.docx: is password-protected or not a Word 2007+"),
    ("G.docx", b"plain words", "G.docx: not a Word document (not a zip file)"),
    ("book.docx", _zip_without_document(), "book.docx: not a Word document (a zip without word/document.xml)"),
    ("G.docx", "docx with broken XML", "G.docx: cannot read it (XMLSyntaxError"),
    ("report.pdf", bytes(random.Random(1).randrange(256) for _ in range(2000)), "report.pdf: not a PDF"),
    ("report.pdf", b"%PDF-1.7\n" + bytes(random.Random(2).randrange(256) for _ in range(2000)), "report.pdf: "),
    ("report.pdf", _encrypted_pdf(), "report.pdf: password-protected: cannot read it"),
    ("scan.pdf", _blank_pdf(), "scan.pdf: has no text layer (a scan?): cannot read it"),
    ("x.txt", b"line one\nline two\nline \xff three\n", "x.txt: not UTF-8 text at line 3"),
])
def test_bad_input_is_a_document_error(tmp_path, name, content, message):
    if content == "half a docx":
        whole = _section_g(tmp_path / "whole.docx").read_bytes()
        content = whole[: len(whole) // 2]
    elif content == "docx with broken XML":
        source = zipfile.ZipFile(_section_g(tmp_path / "whole.docx"))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            for item in source.namelist():
                archive.writestr(item, b"<w:document" if item == "word/document.xml" else source.read(item))
        content = out.getvalue()
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        read(path)
    assert str(caught.value).startswith(message)


def test_missing_file_is_a_document_error(tmp_path):
    with pytest.raises(DocumentError, match=r"^absent\.docx: cannot open it"):
        read(tmp_path / "absent.docx")
