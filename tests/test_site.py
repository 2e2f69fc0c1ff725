"""Build tests: build the site of the pinned copy of the bundled data once, then read the generated HTML."""

from __future__ import annotations

import re
import shutil
from urllib.parse import urljoin

import pytest

from corpora import EVIL
from markup import tags, words

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


def test_every_page_exists_at_its_permanent_url(site):
    for url in GENERATED:
        assert (site.site / url / "index.html").is_file(), url
    assert (site.site / "responsibility" / "matrix.json").is_file()
    assert (site.site / "responsibility" / "matrix.csv").is_file()


def test_the_table_of_contents_of_a_generated_page_follows_its_headings(site):
    page = site.page("sec/G/G3.20/")
    toc = page[page.index('md-nav--secondary'):page.index("<article")]
    assert re.findall(r'href="#([^"]+)"', toc) == ["obligations", "obligation-arrange-to-be-notified", "history", "v-5.14",
                                                   "v-2019-11-04-ad-hoc", "terms", "referenced-by", "modifications"]
    # h3 under their h2: the theme nests an entry's children in a nav named after it
    assert re.findall(r'<nav class="md-nav" aria-label="([^"]+)"', toc) == ["Obligations and who bears them", "History"]
    history = toc[toc.index('aria-label="History"'):]
    assert re.search(r'href="#v-5\.14"[^>]*>\s*<span class="md-ellipsis">\s*v5\.14 to v6\.17', history)
    # An obligation's page: "Reasons" only, not a heading a line of its devices (as many as the page's lines).
    reasons = site.page("responsibility/arrange-to-be-notified/")
    assert re.findall(r'href="#([^"]+)"', reasons[reasons.index('md-nav--secondary'):reasons.index("<article")]) == ["reasons"]


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


def test_navigation_lists_the_indexes_not_sections_or_clauses(site):
    for url in ("", "sec/G/G3.20/", "sec/G/", "glossary/"):
        html = site.page(url)
        outside = parse(html.replace(article(html), ""))
        targets = {urljoin("/" + url, href).split("#")[0] for href in outside.links}
        assert "/sec/" in targets and "/glossary/" in targets
        assert not [t for t in targets - {"/" + url} if re.search(r"/sec/[A-Z]+/", t)]


def test_a_breadcrumb_leads_from_clauses_and_sections_to_the_codes_index(site):
    """The nav lists no section (a line per section on every page): the code's index lists them."""
    for url, trail in (("sec/G/G3.20/", [("/sec/", "The code"), ("/sec/G/", "Section G: Security"),
                                         ("/sec/G/", "Manufacturers: Duty to Notify and Be Notified")]),
                       ("sec/G/", [("/sec/", "The code")]),
                       ("sec/G/v/", [("/sec/", "The code"), ("/sec/G/", "Section G")])):
        crumbs = re.search(r'<nav class="sec-context" aria-label="Breadcrumb">(.*?)</nav>', article(site.page(url))).group(1)
        found = re.findall(r'<a href="([^"]*)">([^<]*)</a>', crumbs)
        assert [(urljoin("/" + url, href).split("#")[0], words) for href, words in found] == trail
    assert ("/sec/G/", "Section G: Security") in {(urljoin("/sec/", h), w) for h, w in
                                                 re.findall(r'<a href="([^"]*)">([^<]*)</a>', article(site.page("sec/")))}


def test_every_page_has_the_same_navigation(site):
    """Pages outside the navigation share one rendering per folder: each must still point where the home page does."""
    def nav(url: str) -> set[tuple[str, str]]:
        html = site.page(url)
        primary = html[html.index("md-sidebar--primary"):html.index("md-sidebar--secondary")]
        links = re.findall(r'<a href="([^"]*)"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>', primary)
        return {(label, urljoin("/" + url, href)) for href, label in links if "#" not in href}  # not the page's own toc

    home = nav("")
    assert ("Glossary", "/glossary/") in home and ("The code", "/sec/") in home
    assert not [label for label, _ in home if label.startswith("Section ")]
    for url in GENERATED:
        assert nav(url) == home, url


def test_text_from_the_data_is_escaped_in_every_file_of_the_site(hostile_site):
    """What the renderers write is tested in-process (tests/unit/test_pages_hostile.py); the build adds
    the theme's page titles and navigation, and the description and Open Graph tags."""
    for file in hostile_site.site.rglob("*.html"):
        html = file.read_text(encoding="utf-8")
        found = tags(html)
        assert not [a for tag, a in found if tag == "img"], file
        assert not [(tag, name) for tag, a in found for name in a if name.startswith("on")], file
        assert "http://e.com" not in [a.get("href") for tag, a in found if tag == "a"], file
        assert "<script>window.sec_xss" not in html, file
    g318 = hostile_site.page("sec/G/G3.18/")
    crumbs = re.search(r'<nav class="sec-context" aria-label="Breadcrumb">(.*?)</nav>', g318).group(1)
    assert f"Section G: Security {EVIL}" in words(crumbs)
    (description,) = [a["content"] for tag, a in tags(g318) if tag == "meta" and a.get("name") == "description"]
    assert description.startswith(f"G3.18: The requirements {EVIL}")
    section = hostile_site.page("sec/G/")
    assert words(section[section.index("<title>"):section.index("</title>")]).startswith(f"Section G: Security {EVIL}")


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
    twin = "  - id: user\n    name: Twin\n    description: Again.\n"  # a second party 'user'
    (data / "parties.yaml").write_text((data / "parties.yaml").read_text().replace("party: x", "") + twin)
    result = build(tmp_path, data=data)
    assert result.returncode != 0
    assert "obligations/parties.yaml:" in result.output and "duplicate party id 'user'" in result.output
    assert not result.site.exists()



def test_pages_are_written_without_indentation_but_code_keeps_its_own(site):
    clause = site.page("sec/G/G3.20/")
    assert "\n" in clause and not re.search(r"\n[ \t\n]", clause)  # the theme indents every line
    guide = site.page("authoring/")
    assert not re.search(r"\n[ \t]", re.sub(r"<pre\b.*?</pre>", "", guide, flags=re.S))
    code = next(re.sub(r"<[^>]+>", "", block) for block in re.findall(r"<pre\b.*?</pre>", guide, flags=re.S) if "mp123-report" in block)
    assert "  - id: mp123-report\n    title: " in code
