"""Build tests: build the site of the pinned copy of the bundled data once, then read the generated HTML."""

from __future__ import annotations

import re
import shutil
from html import unescape
from urllib.parse import urljoin

import pytest

from sitebuild import PINNED, broken_links, build, pages, parse

pytestmark = pytest.mark.build

GENERATED = [
    "", "sec/", "sec/G/", "sec/G/G3.17/", "sec/G/G3.18/", "sec/G/G3.19/", "sec/G/G3.20/", "sec/G/G3.21/",
    "glossary/", "modifications/", "modifications/MP087/", "versions/", "versions/5.14/", "versions/5.20/",
    "versions/5.23/", "versions/6.17/", "versions/2019-11-04-ad-hoc/", "versions/6.21/",
    "responsibility/", "responsibility/notify-vulnerability/", "responsibility/arrange-to-be-notified/", "findings/",
]


@pytest.fixture(scope="module")
def site(real_site):
    return real_site


def article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


def words(html: str) -> str:
    """The text of some HTML, tags removed."""
    return re.sub(r"<[^>]+>", "", html)


def test_every_page_exists_at_its_permanent_url(site):
    for url in GENERATED:
        assert (site.site / url / "index.html").is_file(), url
    assert (site.site / "responsibility" / "matrix.json").is_file()
    assert (site.site / "responsibility" / "matrix.csv").is_file()


def test_g320_shows_both_wordings_with_the_mp087_redline(site):
    html = article(site.page("sec/G/G3.20/"))
    ids = parse(html).ids
    assert {"a", "b", "history", "v-5.14", "v-5.20", "v-6.17", "v-2019-11-04-ad-hoc", "v-6.21",
            "v-5.14-b", "v-2019-11-04-ad-hoc-b", "obligations", "referenced-by", "modifications"} <= ids
    assert re.search(r"<ins><span class=\"sec-sr\">\[inserted: </span>which forms part of a "
                     r"<a[^>]*>SMETS2\+ Device</a>|<ins><span class=\"sec-sr\">\[inserted: </span>which forms part of a SMETS2\+ Device", html)
    assert html.count("<del>") == 0  # MP087 only inserted words
    assert "Reconstructed" in html and "Verbatim" in html
    assert 'href="../../../modifications/MP087/"' in html
    assert 'href="../G3.21/"' in article(site.page("sec/G/G3.20/")) or "G3.21" in html
    assert "nobody (gap)" in html  # mini responsibility table


def test_the_table_of_contents_of_a_generated_page_follows_its_headings(site):
    page = site.page("sec/G/G3.20/")
    toc = page[page.index('md-nav--secondary'):page.index("<article")]
    assert re.findall(r'href="#([^"]+)"', toc) == ["obligations", "obligation-arrange-to-be-notified", "history", "v-5.14",
                                                   "v-2019-11-04-ad-hoc", "terms", "referenced-by", "modifications"]
    # h3 under their h2: the theme nests an entry's children in a nav named after it
    assert re.findall(r'<nav class="md-nav" aria-label="([^"]+)"', toc) == ["Obligations and who bears them", "History"]
    history = toc[toc.index('aria-label="History"'):]
    assert re.search(r'href="#v-5\.14"[^>]*>\s*<span class="md-ellipsis">\s*v5\.14 to v6\.17', history)
    reasons = site.page("responsibility/arrange-to-be-notified/")
    assert 'href="#reasons-arrange-to-be-notified-smets1-chf"' in reasons[reasons.index('md-nav--secondary'):reasons.index("<article")]


def test_cross_references_link_to_clause_and_subparagraph(site):
    g319 = article(site.page("sec/G/G3.19/"))
    assert re.search(r'<a class="sec-ref sec-ref--clause" href="../G3.18/#a">G3.18\(a\)</a>', g319)
    g321 = article(site.page("sec/G/G3.21/"))
    assert '<a class="sec-ref sec-ref--clause" href="../G3.20/">G3.20</a>' in g321
    assert "G3.21" in article(site.page("sec/G/G3.20/")).split('id="referenced-by"')[1]


def test_terms_link_to_the_glossary_with_a_tooltip_and_longest_match(site):
    g317 = article(site.page("sec/G/G3.17/"))
    assert re.search(r'<a class="sec-ref sec-ref--term" href="../../../glossary/#gas-proxy-function" title="[^"]+">Gas Proxy Function</a>', g317)
    assert re.search(r'href="../../../glossary/#user-systems"[^>]*>User Systems</a>', g317)
    glossary = site.page("glossary/")
    ids = parse(glossary).ids
    assert {"communications-hub-function", "gas-proxy-function", "user", "smets1-device", "tabasc"} <= ids
    # headings are never linked
    assert not re.search(r"<h[1-6][^>]*>[^<]*<a class=\"sec-ref", glossary)


def test_hand_written_short_references_resolve(site):
    home = article(site.page(""))
    assert '<a class="sec-ref sec-ref--clause" href="sec/G/G3.20/#b">G3.20(b)</a>' in home
    assert '<a class="sec-ref sec-ref--modification" href="modifications/MP087/">MP087</a>' in home
    assert '<a class="sec-ref sec-ref--version" href="versions/5.20/">v5.20</a>' in home


def test_every_local_link_resolves(site):
    assert broken_links(site.site) == []


def test_no_request_to_another_host(site):
    for url, page in pages(site.site).items():
        external = [r for r in page.resources if re.match(r"^(https?:)?//", r)]
        assert external == [], url
    for asset in list(site.site.rglob("*.css")) + list(site.site.rglob("*.js")):
        text = asset.read_text(encoding="utf-8", errors="replace")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, asset


def test_modification_page_has_the_report_and_the_redline(site):
    html = article(site.page("modifications/MP087/"))
    for fact in ("Fast-Track Modification Proposal", "2019-11-04", "Large Suppliers", "£1,200", "Objective (g)",
                 "Security Sub-Committee (SSC)"):
        assert fact in words(html), fact
    assert "<ins>" in html
    assert 'href="../../versions/6.17/"' in html


def test_release_pages_list_changes_and_responsibility(site):
    html = article(site.page("versions/2019-11-04-ad-hoc/"))
    assert "MP087" in html and "G3.20" in html and "<ins>" in html
    assert "version number unknown" in html and "6.18" in html
    changes = html.split('id="responsibility"')[1]
    assert "SMETS1 Communications Hub Function" in changes and "nobody (gap)" in changes
    assert "exact date unknown" in article(site.page("versions/5.20/"))
    assert "date unknown" in article(site.page("versions/6.17/"))


def test_findings_page_lists_the_mp087_gap(site):
    html = article(site.page("findings/"))
    assert "SMETS1 Communications Hub Function: nobody bears" in html
    assert "v5.20 to v6.17" in html and "MP087" in html


def test_navigation_lists_sections_not_clauses(site):
    for url in ("", "sec/G/G3.20/", "glossary/"):
        html = site.page(url)
        outside = parse(html.replace(article(html), ""))
        targets = {urljoin("/" + url, href).split("#")[0] for href in outside.links}
        assert "/sec/G/" in targets and "/glossary/" in targets
        assert not [t for t in targets - {"/" + url} if re.search(r"/sec/G/G3\.\d+/$", t)]


def test_every_page_has_the_same_navigation(site):
    """Pages outside the navigation share one rendering per folder: each must still point where the home page does."""
    def nav(url: str) -> set[tuple[str, str]]:
        html = site.page(url)
        primary = html[html.index("md-sidebar--primary"):html.index("md-sidebar--secondary")]
        links = re.findall(r'<a href="([^"]*)"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>', primary)
        return {(label, urljoin("/" + url, href)) for href, label in links if "#" not in href}  # not the page's own toc

    home = nav("")
    assert ("Glossary", "/glossary/") in home and ("Section G: Security", "/sec/G/") in home
    for url in GENERATED:
        assert nav(url) == home, url


def test_text_from_the_data_is_escaped(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(PINNED, data)
    evil = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    g = data / "sections" / "G.yaml"
    g.write_text(g.read_text().replace("title: Security", f'title: "Security {evil}"')
                 .replace("lead: \"The requirements of this Section are that the User shall:\"",
                          f'lead: "The requirements {evil} *bold* [x](http://e.com) of this Section are that the User shall:"'))
    glossary = data / "glossary.yaml"
    glossary.write_text(glossary.read_text().replace("The SEC Panel sub-committee on the technical and business architecture.",
                                                     f'"{evil}"'))
    result = build(tmp_path, data=data)
    assert result.returncode == 0, result.output
    for file in result.site.rglob("*.html"):
        html = file.read_text()
        assert "<script>alert" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", ""), file
        assert "<img src=x" not in html, file
    g318 = result.page("sec/G/G3.18/")
    shown = unescape(words(article(g318)))
    assert "The requirements <script>alert('x')</script><img src=x onerror=alert(1)> *bold* [x](http://e.com)" in shown
    assert "http://e.com" not in re.findall(r'href="([^"]+)"', g318)


def test_unresolved_reference_fails_a_strict_build(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(build.__globals__["ROOT"] / "docs", docs)
    (docs / "index.md").write_text((docs / "index.md").read_text() + "\nSee [[G9.99]] and [[Gas Proxy Function]].\n")
    result = build(tmp_path, docs=docs)
    assert result.returncode != 0
    assert re.search(r"index\.md:\d+: unresolved reference '\[\[G9\.99\]\]'", result.output)  # with its line
    assert "Gas Proxy Function" not in result.output.split("unresolved reference")[-1].split("\n")[0]


def test_a_link_to_a_missing_anchor_of_a_generated_page_fails_a_strict_build(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(build.__globals__["ROOT"] / "docs", docs)
    (docs / "index.md").write_text((docs / "index.md").read_text()
                                   + "\n[Sub-paragraph (b)](sec/G/G3.20.md#b), [history](sec/G/G3.20.md#nowhere).\n")
    result = build(tmp_path, docs=docs)
    assert result.returncode != 0
    assert "'sec/G/G3.20.md#nowhere'" in result.output and "#b'" not in result.output


def test_bad_data_fails_before_anything_is_written(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(PINNED, data)
    (data / "parties.yaml").write_text((data / "parties.yaml").read_text().replace("party: x", "") + "  - id: user\n    name: Twin\n    description: Again.\n")
    result = build(tmp_path, data=data)
    assert result.returncode != 0
    assert "obligations/parties.yaml:" in result.output and "duplicate party id 'user'" in result.output
    assert not result.site.exists()


def test_a_docs_page_at_a_generated_address_is_an_error(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(build.__globals__["ROOT"] / "docs", docs)
    (docs / "glossary").mkdir()
    (docs / "glossary" / "index.md").write_text("# Mine\n")
    result = build(tmp_path, docs=docs)
    assert result.returncode != 0 and "glossary/index.md" in result.output
