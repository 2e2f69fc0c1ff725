"""The Markdown extension of hand-written pages (markdown_ext.py), run by a Markdown instance as
MkDocs runs it, and ``linked_html``, which links generated pages by the same rules: source in,
HTML and warnings out."""

from __future__ import annotations

from textwrap import dedent

import markdown
import pytest

from markup import links, tags, words
from sec_obligations.linking import Linker
from sec_obligations.markdown_ext import Context, LinkExtension, linked_html, tooltips
from sec_obligations.pages import Site
from sec_obligations.plugin import REQUIRED_EXTENSIONS

USER = ("A SEC Party that has become a User of the DCC's services in one or more User Roles "
        "(for example as an Import Supplier).")


@pytest.fixture(scope="module")
def linker(corpus):
    return Linker(corpus)


def convert(linker: Linker, source: str, page: str | None = "index.md", autolink: bool = True) -> tuple[str, list[str]]:
    """``source`` as the hand-written ``page``, through Markdown with the extensions the plugin
    requires and ours: (the HTML, the warnings)."""
    warnings: list[str] = []
    context = Context(linker, warnings.append)
    context.page, context.source, context.autolink = page, source, autolink
    md = markdown.Markdown(extensions=[*REQUIRED_EXTENSIONS, LinkExtension(context)])
    return md.convert(dedent(source)), warnings


@pytest.mark.parametrize("source, expected", [
    ("[[G3.20(b)]]", '<a class="sec-ref sec-ref--clause" href="sec/G/G3.20.md#b">G3.20(b)</a>'),
    ("[[G3.20 (b)]]", '<a class="sec-ref sec-ref--clause" href="sec/G/G3.20.md#b">G3.20 (b)</a>'),
    ("[[G3.20]]", '<a class="sec-ref sec-ref--clause" href="sec/G/G3.20.md">G3.20</a>'),
    ("[[G3.20|the duty to arrange]]", '<a class="sec-ref sec-ref--clause" href="sec/G/G3.20.md">the duty to arrange</a>'),
    ("[[mp087]]", '<a class="sec-ref sec-ref--modification" href="modifications/MP087.md">mp087</a>'),
    ("[[v6.17]]", '<a class="sec-ref sec-ref--version" href="versions/6.17.md">v6.17</a>'),
    ("[[SEC 6.21|the November release]]", '<a class="sec-ref sec-ref--version" href="versions/6.21.md">the November release</a>'),
    ("[[User]]", '<a class="sec-ref sec-ref--term" href="glossary/index.md#user">User</a>'),
])
def test_a_short_reference_links_what_it_names(linker, source, expected):
    html, warnings = convert(linker, f"See {source}.", autolink=False)
    assert html == f"<p>See {expected}.</p>" and warnings == []


def test_links_are_relative_to_the_page(linker):
    html, _ = convert(linker, "[[G3.20(b)]] and [[CHF]]", page="guides/reading.md")
    assert [href for href, _ in links(html)] == ["../sec/G/G3.20.md#b", "../glossary/index.md#communications-hub-function"]
    html, _ = convert(linker, "[[G3.20(b)]], [[G3.20]], [[G3.21]] and G3.20", page="sec/G/G3.20.md")
    # On the clause's own page: its provision by anchor; the clause found in running text is not
    # linked to itself (a [[G3.20]] written on purpose is).
    assert links(html) == [("#b", "G3.20(b)"), ("G3.20.md", "G3.20"), ("G3.21.md", "G3.21")]


def test_an_unresolved_reference_stays_as_written_and_warns_with_its_line(linker):
    source = "# Home\n\nThe [[CHF]] and\n[[G9.99]], [[G3.20(z)]], [[G9.99]] again.\n"
    html, warnings = convert(linker, source)
    assert "[[G9.99]], [[G3.20(z)]], [[G9.99]] again." in html
    why = "no clause, provision, modification, version or glossary term has that name"
    assert warnings == [f"index.md:4: unresolved reference '[[G9.99]]': {why}",
                        f"index.md:4: unresolved reference '[[G3.20(z)]]': {why}",
                        f"index.md:4: unresolved reference '[[G9.99]]': {why}"]


def test_a_warning_without_a_line_names_the_page(linker):
    warnings: list[str] = []
    context = Context(linker, warnings.append)
    context.page = "guides/x.md"  # no source given: the line is not known
    markdown.Markdown(extensions=[LinkExtension(context)]).convert("[[G9.99]]")
    assert warnings == ["guides/x.md: unresolved reference '[[G9.99]]': no clause, provision, modification, "
                        "version or glossary term has that name"]


def test_running_text_links_every_reference_and_each_term_once(linker):
    html, warnings = convert(linker, "A User, the User Systems and Users; G3.18(a), G3.19 and G3.18(a) again.")
    assert links(html) == [
        ("glossary/index.md#user", "User"), ("glossary/index.md#user-systems", "User Systems"),
        ("sec/G/G3.18.md#a", "G3.18(a)"), ("sec/G/G3.19.md", "G3.19"), ("sec/G/G3.18.md#a", "G3.18(a)")]
    assert warnings == []


def test_without_autolink_only_short_references_link(linker):
    html, _ = convert(linker, "The User and G3.19, see [[G3.18(a)]].", autolink=False)
    assert links(html) == [("sec/G/G3.18.md#a", "G3.18(a)")]


def test_headings_code_links_and_marked_blocks_are_left_alone(linker):
    html, _ = convert(linker, """\
        # G3.20 and the User

        `G3.20` and [a link about the User](https://example.org/) and <abbr title="x">CHF</abbr>

        <a href="https://example.org/">raw HTML on *G3.20*</a>, <span class="sec-nolink">the <b>User</b> G3.19</span>

            G3.20 in a code block

        <div class="sec-nolink" markdown>The User under G3.20.</div>

        <div class="admonition note sec-source" markdown>The User again.</div>

        | Clause | Words |
        |---|---|
        | G3.21 | the User |
        """)
    assert links(html) == [("https://example.org/", "a link about the User"), ("https://example.org/", "raw HTML on G3.20"),
                           ("sec/G/G3.21.md", "G3.21"), ("glossary/index.md#user", "User")]


def test_nothing_is_linked_outside_a_page(linker):
    html, warnings = convert(linker, "The User and [[G9.99]].", page=None)
    assert html == "<p>The User and [[G9.99]].</p>" and warnings == []


def test_a_term_link_carries_no_tooltip_the_sites_one_file_of_tooltips_has_it(linker, corpus):
    html, _ = convert(linker, "[[CHF]]")
    (link,) = [a for tag, a in tags(html) if tag == "a"]
    assert "title" not in link  # site.js sets it from tooltips.json, by the anchor the link points at
    found = tooltips(corpus)
    assert found["user"] == USER and set(found) >= {t.id for t in corpus.terms.values()}
    title = found[link["href"].partition("#")[2]]
    definition = " ".join(corpus.terms["communications-hub-function"].definition.split())
    assert len(definition) > 240 and title.endswith(" …") and len(title) <= 242
    assert definition.startswith(title[:-2]) and definition[len(title) - 2] == " "


# -- linked_html: the same rules, for generated pages (HTML, no Markdown) ---------------------------

def test_linked_html_links_as_the_extension_does(linker):
    text = "The User must tell the SSC under G3.18(a), as G3.20 (b) and the User Systems say; the User again."
    markdown_html, _ = convert(linker, text)
    html = linked_html(linker, "index.md", text, set())
    shown = [(tag, a.get("class")) for tag, a in tags(html)]
    assert shown == [(tag, a.get("class")) for tag, a in tags(markdown_html) if tag == "a"]
    assert [w for _, w in links(html)] == [w for _, w in links(markdown_html)] == [
        "User", "SSC", "G3.18(a)", "G3.20 (b)", "User Systems"]
    assert words(html) == words(markdown_html) == text


def test_linked_html_gives_published_addresses_and_escapes_text_and_attributes(linker):
    html = linked_html(linker, "sec/G/G3.19.md", "<b>User</b> & G3.18(a) \"or\" G3.19", set())
    assert html == ('&lt;b&gt;<a class="sec-ref sec-ref--term" href="../../../glossary/#user">User</a>&lt;/b&gt; &amp; '
                    '<a class="sec-ref sec-ref--clause" href="../G3.18/#a">G3.18(a)</a> "or" G3.19')


def test_linked_html_never_links_a_clause_to_its_own_page(linker):
    html = linked_html(linker, "sec/G/G3.20.md", "G3.20, G3.20(b) and G3.21", set())
    assert links(html) == [("#b", "G3.20(b)"), ("../G3.21/", "G3.21")]


def test_linked_html_links_a_term_once_across_the_texts_of_a_page(linker):
    seen: set[str] = set()
    first = linked_html(linker, "index.md", "The User.", seen)
    second = linked_html(linker, "index.md", "The User and the DCC.", seen)
    assert links(first) == [("glossary/#user", "User")] and links(second) == [("glossary/#dcc", "DCC")]
    assert seen == {"user", "dcc"}


def test_a_term_links_to_its_definition_in_force_in_the_version_shown(fixture_corpus):
    linker = Linker(fixture_corpus)
    old, new = fixture_corpus.terms["dcc-total-system"].definitions

    def term_link(version):
        (_, attributes), = [t for t in tags(linked_html(linker, "index.md", "the DCC Total System", set(), version))
                              if t[0] == "a"]
        href = attributes["href"]
        return href, tooltips(fixture_corpus)[href.partition("#")[2]]

    assert term_link(fixture_corpus.version["6.17"]) == ("glossary/#dcc-total-system--v-5.14", old.text)
    assert term_link(fixture_corpus.latest) == term_link(None) == ("glossary/#dcc-total-system", new.text)


def test_a_site_without_autolink_only_escapes(corpus):
    site = Site(corpus)
    site.autolink = False
    assert site.linked_html("index.md", "<i>User</i> & G3.18", set()) == "&lt;i&gt;User&lt;/i&gt; &amp; G3.18"
