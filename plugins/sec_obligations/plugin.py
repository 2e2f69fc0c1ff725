"""The MkDocs adapter: load the data once, add the generated pages, keep the nav small.

Everything about the SEC lives in the data and the core modules; this file only tells MkDocs
where the pages, links, theme overrides and assets are.
"""

from __future__ import annotations

import json
import re
from functools import cached_property
from html import escape
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import export, feeds, manifest, paths, search
from .loader import DataError, data_files, load
from .opendata import DOWNLOADS_MARK, OpenData, downloads_markdown
from .pagemeta import page_meta
from .markdown_ext import Context, LinkExtension
from .pages import Site, headings
from .pages.responsibility import explorer_data
from .pages.section import AS_AT_CSS, AS_AT_KIND, as_at_css

log = get_plugin_logger(__name__)
THEME_DIR = Path(__file__).parent / "theme"
ASSETS = ["assets/sec-obligations/site.css", "assets/sec-obligations/site.js"]
THEME_SEARCH = "material/search"  # draws the search box and dialog; our index answers them
ID = re.compile(r'\sid="([^"]+)"')
REQUIRED_EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc"]


class ObligationsConfig(Config):
    data_dir = c.Type(str, default="obligations")
    """The data folder, relative to mkdocs.yml."""
    autolink = c.Type(bool, default=True)
    """Link defined terms and clause ids found in running text (the [[...]] syntax always works)."""
    manifest = c.Type(str, default=manifest.MANIFEST)
    """The list of published URLs, relative to mkdocs.yml: the build fails if one is no longer produced."""
    search = c.Type(bool, default=True)
    """Build the Pagefind search index behind the theme's search box (see search.py)."""


class ObligationsPlugin(BasePlugin[ObligationsConfig]):
    _cache: tuple[tuple, Site] | None = None
    index: search.Index | None = None  # the search index of the build under way

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds: the cache survives.
        self._cache: tuple[tuple, Site] | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("sec-obligations: permanent URLs need 'use_directory_urls: true'")
        if not config.site_url:
            raise PluginError("sec-obligations: 'site_url' is required in mkdocs.yml (e.g. site_url: https://example.org/): "
                              "canonical links, the sitemap, the feeds and the open data give absolute, permanent URLs")
        self.data_dir = Path(config.config_file_path).parent / self.config.data_dir
        self.site = self._load()
        for warning in self.site.corpus.warnings:  # each counts for --strict
            log.warning(f"sec-obligations: {warning}")
        self.context = Context(self.site.linker, log.warning)
        self.context.autolink = self.site.autolink = self.config.autolink
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        config.markdown_extensions.append(LinkExtension(self.context))
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        config.extra_css.append(ASSETS[0])
        config.extra_javascript.append(ASSETS[1])
        if config.nav is not None:
            config.nav = self._expand_nav(config.nav)
        config.extra["sec_search"] = self.config.search  # theme/main.html loads search.js only then
        if self.config.search:
            self._replace_theme_index(config)
        config.extra["sec_feeds"] = [{"title": f"{config.site_name}: {title}", "href": uri} for uri, title in feeds.FEEDS.items()]
        return config

    def _replace_theme_index(self, config: MkDocsConfig) -> None:
        """The theme's search plugin draws the search box; the Pagefind index answers it (search.py).
        The theme's own per-page indexing is left out: every page would be read for an index that
        nobody downloads (3 s of regular expressions over the pages at 4,000 clauses). The theme still
        writes its index file, empty, which its scripts expect."""
        theme_search = config.plugins.get(THEME_SEARCH)
        if theme_search is None:
            log.warning("the theme's 'search' plugin is not enabled in mkdocs.yml: the site has no search box, "
                        "though the search index is built")
            return
        handlers = config.plugins.events["page_context"]
        handlers[:] = [h for h in handlers if getattr(h, "__self__", None) is not theme_search]

    def _load(self) -> Site:
        """The data, loaded again only when a data file changed."""
        try:
            stamp = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in data_files(self.data_dir) if f.exists())
            if self._cache and self._cache[0] == stamp:
                return self._cache[1]
            site = Site(load(self.data_dir))
        except DataError as error:
            raise PluginError(f"sec-obligations: {error}") from None
        self._cache = (stamp, site)
        return site

    def _expand_nav(self, nav: list) -> list:
        """Put the section pages under the code's index page; clause pages stay out of the nav."""
        sections = [{escape(f"Section {s.id}: {s.title}"): paths.section(s.id)} for s in self.site.corpus.sections.values()]
        expanded = []
        for item in nav:
            if isinstance(item, dict):
                (title, value), = item.items()
                if value == paths.CODE:
                    item = {title: [paths.CODE, *sections]}
                elif isinstance(value, list):
                    item = {title: self._expand_nav(value)}
            expanded.append(item)
        return expanded

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        pages = {page.uri: page for page in self.site.pages()}
        generated = [(page.uri, page.source, page.in_nav) for page in pages.values()]
        matrix = export.matrix_json(self.site.matrix)
        generated.append((paths.RESPONSIBILITY.replace("index.md", "matrix.json"),
                          json.dumps(matrix, ensure_ascii=False, separators=(",", ":")), False))
        generated.append((paths.RESPONSIBILITY.replace("index.md", "matrix.csv"), export.matrix_csv(self.site.matrix), False))
        generated.append((paths.RESPONSIBILITY.replace("index.md", "explorer.json"),
                          json.dumps(explorer_data(self.site), ensure_ascii=False, separators=(",", ":")), False))
        corpus, base = self.site.corpus, config.site_url
        generated += [(uri, content, False) for uri, content in OpenData(corpus, self.site.matrix, base).files()]
        generated.append((feeds.RELEASES, feeds.releases(corpus, base, config.site_name), False))
        generated.append((feeds.MODIFICATIONS, feeds.modifications(corpus, base, config.site_name), False))
        generated += [(uri, content, False) for uri, content in self.site.redirects()]
        generated.append((AS_AT_CSS, as_at_css(self.site), False))
        self.meta = page_meta(corpus)
        self.anchors: dict[str, list[str]] = {}
        self.data_date = max(filter(None, (day for day, _ in self.meta.values())), default="1970-01-01")
        seen: set[str] = set()
        twice = [uri for uri, _, _ in generated if uri in seen or seen.add(uri)]
        if twice:  # e.g. a withdrawn clause's page at the address of a live page
            raise PluginError("sec-obligations: two generated files have the same address: " + ", ".join(twice))
        clashes = [uri for uri, _, _ in generated if files.get_file_from_path(uri)]
        if clashes:
            raise PluginError("sec-obligations: these files in docs/ have the address of generated pages: "
                              + ", ".join(clashes))
        titles = nav_titles(config.nav or [])
        for uri, content, in_nav in generated:
            inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, uri, content=content, inclusion=inclusion)
            files.append(file)
            if uri in pages:  # MkDocs' navigation takes this page object, titled as the nav says
                GeneratedPage(titles.get(uri), file, config)
        return files

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.index = search.Index() if self.config.search else None

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        self.rendered: dict[tuple, str] = {}
        env.globals["sec_once"] = self._once  # see theme/main.html
        if self.index:  # every page's content is final: index it while MkDocs writes the site
            try:
                self.index.start(config.site_dir)
            except search.SearchIndexError as error:
                raise PluginError(f"sec-obligations: {error}") from None
        return env

    def _once(self, *key, caller) -> str:
        """What a template block renders, rendered once per key in a build (``{% call sec_once(...) %}``)."""
        if key not in self.rendered:
            self.rendered[key] = caller()
        return self.rendered[key]

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.context.page = page.file.src_uri
        self.context.source = markdown
        lastmod, description = self.meta.get(page.file.src_uri, (None, None))
        if lastmod:
            page.meta["sec_lastmod"] = lastmod  # the sitemap's lastmod (theme/sitemap.xml)
        if description and "description" not in page.meta:
            page.meta["description"] = escape(description, quote=True)  # themes print it unescaped
        # MkDocs dates every page by the build clock and stamps sitemap.xml.gz with the latest: use the data's.
        page.update_date = lastmod or self.data_date
        if DOWNLOADS_MARK in markdown:  # the open data page's table of every version's downloads
            markdown = markdown.replace(DOWNLOADS_MARK, downloads_markdown(self.site.corpus, page.file.src_uri))
        return markdown

    @event_priority(-50)  # after other plugins have changed the content
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.anchors["/" + page.url] = manifest.anchors(html)  # for the URL manifest check after the build
        if self.index and page.meta.get("sec_kind") != AS_AT_KIND:  # as-at pages repeat the clause pages
            # the theme writes the title as the h1 of a page whose content has none
            self.index.add(page.file.dest_uri, html if "<h1" in html else f"<h1>{page.title}</h1>{html}",
                           page.meta.get("sec_kind") or "guide", page.meta.get("sec_section"))
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.index:
            try:
                self.index.finish()
            except search.SearchIndexError as error:
                raise PluginError(f"sec-obligations: {error}") from None
        self._check_manifest(config)

    def on_build_error(self, *, error: Exception) -> None:
        if self.index:
            self.index.discard()

    def _check_manifest(self, config: MkDocsConfig) -> None:
        """The URL manifest gate: every URL listed must still be produced (see manifest.py)."""
        listed_file = Path(config.config_file_path).parent / self.config.manifest
        if not listed_file.is_file():
            log.info(f"no URL manifest at {listed_file}: the check of published URLs is skipped")
            return
        gone = manifest.missing(manifest.read(listed_file), manifest.produced(config.site_dir, self.anchors))
        if gone:
            shown = "\n  ".join(gone[:100]) + (f"\n  ... and {len(gone) - 100} more" if len(gone) > 100 else "")
            log.warning(f"{len(gone)} published URL(s) listed in {self.config.manifest} are no longer produced "
                        f"(renumber or delete a clause with a 'status', never by removing it):\n  {shown}")

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        server.watch(str(self.data_dir))
        return server


class GeneratedPage(Page):
    """A page the plugin generated: its source is finished HTML (see pages/__init__.py), so
    Markdown is skipped; its table of contents is read from the headings the renderers wrote."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.markdown
        tokens: list[dict] = []
        open_: list[dict] = []  # the last token at each depth
        for level, anchor, title in headings(self.content):
            token = {"level": level, "id": anchor, "name": title, "children": []}
            while open_ and open_[-1]["level"] >= level:
                open_.pop()
            (open_[-1]["children"] if open_ else tokens).append(token)
            open_.append(token)
        self.toc = get_toc(tokens)

    @cached_property
    def present_anchor_ids(self) -> set[str]:
        """The page's ids, which MkDocs checks links to anchors against (read for pages linked to with one)."""
        return set(ID.findall(self.content or ""))


def nav_titles(nav: list) -> dict[str, str]:
    """Source path -> title, for the pages the nav names with a title."""
    found: dict[str, str] = {}
    for item in nav:
        if isinstance(item, dict):
            (title, value), = item.items()
            if isinstance(value, str):
                found[value] = title
            else:
                found.update(nav_titles(value))
    return found
