"""The Atom feeds of releases and modifications: valid Atom, dated by the data, linked from the pages."""

from __future__ import annotations

import re
from datetime import datetime
from xml.etree import ElementTree as ET

import pytest

from sec_obligations import feeds
from sec_obligations.corpus_index import CorpusIndex
from sec_obligations.loader import load

from conftest import DATA
from sitebuild import pages

pytestmark = pytest.mark.build

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://sec-obligations.example.org/"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def check_atom(xml: bytes) -> ET.Element:
    """Parse a feed and check what RFC 4287 requires of a feed and of each entry."""
    root = ET.fromstring(xml)
    assert root.tag == f"{ATOM}feed"

    def one(parent: ET.Element, tag: str) -> ET.Element:
        found = parent.findall(f"{ATOM}{tag}")
        assert len(found) == 1, (tag, len(found))
        return found[0]

    for tag in ("id", "title", "updated"):
        assert one(root, tag).text
    assert RFC3339.match(one(root, "updated").text)
    assert one(one(root, "author"), "name").text  # the feed's author covers every entry
    links = {(link.get("rel") or "alternate"): link for link in root.findall(f"{ATOM}link")}
    assert links["self"].get("href") == one(root, "id").text
    ids = []
    for entry in root.findall(f"{ATOM}entry"):
        ids.append(one(entry, "id").text)
        assert one(entry, "title").text and RFC3339.match(one(entry, "updated").text)
        alternate = [link for link in entry.findall(f"{ATOM}link") if (link.get("rel") or "alternate") == "alternate"]
        assert len(alternate) == 1 and alternate[0].get("href") == ids[-1]  # id = the permanent URL
        assert one(entry, "summary").text
        assert one(entry, "updated").text <= one(root, "updated").text
    assert len(ids) == len(set(ids)) and all(i.startswith(BASE) for i in ids)
    return root


def entries(root: ET.Element) -> dict[str, tuple[str, str]]:
    return {e.find(f"{ATOM}id").text: (e.find(f"{ATOM}updated").text, e.find(f"{ATOM}title").text)
            for e in root.findall(f"{ATOM}entry")}


def test_the_modifications_feed_lists_mp087_with_its_date(real_site):
    root = check_atom((real_site.site / feeds.MODIFICATIONS).read_bytes())
    found = entries(root)
    assert found[BASE + "modifications/MP087/"] == ("2019-11-04T00:00:00Z", "MP087: Correction to SEC Section G – User Responsibilities")
    assert root.find(f"{ATOM}updated").text == "2019-11-04T00:00:00Z"  # the data's date, not the build's


def test_the_releases_feed_lists_every_version_newest_first_and_says_when_a_date_is_not_known(real_site):
    root = check_atom((real_site.site / feeds.RELEASES).read_bytes())
    found = entries(root)
    assert list(found) == [BASE + f"versions/{v}/" for v in ("6.21", "2019-11-04-ad-hoc", "6.17", "5.23", "5.20", "5.14")]
    assert found[BASE + "versions/2019-11-04-ad-hoc/"][0] == "2019-11-04T00:00:00Z"
    assert found[BASE + "versions/6.21/"] == ("2019-11-29T00:00:00Z", "v6.21 · November 2019 SEC Release")
    summaries = {e.find(f"{ATOM}id").text: e.find(f"{ATOM}summary").text for e in root.findall(f"{ATOM}entry")}
    assert "Modifications implemented: MP087" in summaries[BASE + "versions/2019-11-04-ad-hoc/"]
    assert "the latest date it can have" in summaries[BASE + "versions/6.17/"]  # 6.17's date is unknown
    assert found[BASE + "versions/6.17/"][0] == "2019-11-04T00:00:00Z"
    assert root.find(f"{ATOM}updated").text == "2019-11-29T00:00:00Z"


def test_feeds_are_linked_from_the_pages_of_the_nav_and_from_the_home_page(real_site):
    """From the head of each page the nav lists (the home page, the indexes, the guides), where a
    feed reader is pointed; not from the thousands of clause and other generated pages."""
    nav = {"", "sec/", "responsibility/", "findings/", "glossary/", "modifications/", "versions/", "authoring/", "open-data/"}
    linked = set()
    for url in pages(real_site.site):
        html = (real_site.site / url / "index.html").read_text(encoding="utf-8") if url != "404.html" else ""
        found = [re.search(rf'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" href="(\.\./)*{feed}">', html)
                 for feed in (feeds.RELEASES, feeds.MODIFICATIONS)]
        assert all(found) or not any(found), url
        if all(found):
            linked.add(url)
    assert linked == nav
    home = real_site.page("")
    article = home[home.index("<article"):home.index("</article>")]
    assert f'href="{feeds.RELEASES}"' in article and f'href="{feeds.MODIFICATIONS}"' in article


def test_feeds_escape_the_data_and_do_not_depend_on_the_clock(data_copy):
    data_copy.replace("modifications/MP087.yaml", 'title: "Correction to SEC Section G – User Responsibilities"',
                      "title: \"Correction <script>alert('x')</script> & more\"")
    corpus = load(data_copy.path)
    xml = feeds.modifications(corpus, BASE, "Site")
    root = check_atom(xml.encode("utf-8"))
    assert entries(root)[BASE + "modifications/MP087/"][1] == "MP087: Correction <script>alert('x')</script> & more"
    assert "<script>" not in xml
    assert feeds.releases(CorpusIndex(load(DATA)), BASE, "Site") == feeds.releases(CorpusIndex(load(DATA)), BASE, "Site")
    assert str(datetime.now().year) not in xml.replace("2019", "")
