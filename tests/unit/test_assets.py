"""The site's styles and scripts in one file each, and the theme's files left out (assets.py)."""

from __future__ import annotations

from sec_obligations import assets
from sec_obligations.plugin import THEME_DIR


def test_each_bundle_holds_its_sources_whole_in_order():
    bundles = assets.bundles(THEME_DIR)
    assert list(bundles) == [assets.STYLESHEET, assets.SCRIPT]
    for bundle, sources in ((assets.STYLESHEET, assets.STYLES), (assets.SCRIPT, assets.SCRIPTS)):
        text, at = bundles[bundle], -1
        for uri in sources:
            source = (THEME_DIR / uri).read_text(encoding="utf-8").rstrip()
            start = text.index(f"/* ---- {uri.rpartition('/')[2]} ---- */\n{source}\n")
            assert start > at, uri  # site.js, the shared helpers and the start-up, first
            at = start
    assert assets.SCRIPTS[0].endswith("/site.js")


def test_the_bundles_sources_source_maps_and_the_theme_search_stay_out():
    for uri in [*assets.STYLES, *assets.SCRIPTS, "assets/javascripts/bundle.a5f9d56c.min.js.map",
                "assets/stylesheets/main.57a0d79d.min.css.map"]:
        assert assets.left_out(uri, pagefind=False), uri
    theme_search = ["assets/javascripts/lunr/min/lunr.de.min.js", "assets/javascripts/workers/search.a7633da7.min.js"]
    assert all(assets.left_out(uri, pagefind=True) for uri in theme_search)
    assert not any(assets.left_out(uri, pagefind=False) for uri in theme_search)  # the theme's search answers then
    for uri in ["assets/javascripts/bundle.a5f9d56c.min.js", "assets/stylesheets/main.57a0d79d.min.css",
                "assets/sec-obligations/search.js", "assets/sec-obligations/search-worker.js", "assets/sec-obligations/scope.js"]:
        assert not assets.left_out(uri, pagefind=True), uri
