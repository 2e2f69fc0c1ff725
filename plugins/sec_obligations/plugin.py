"""The MkDocs adapter: load the data once, add the generated pages, keep the nav small.

Everything about the SEC lives in the data and the core modules; this file only tells MkDocs
where the pages, links, theme overrides and assets are, and where it writes the site: beside the
output folder, which only a build that succeeded replaces (output.py). Under ``mkdocs serve
--dirty`` a rebuild renders only what an edit reaches (reach.py, serving.py).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections import Counter
from contextlib import nullcontext, suppress
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import assets, export, feeds, manifest, paths, search
from .htmlspace import without_indentation
from .inserts import Inserts
from .loader import DataError, ReadCache, data_files, load
from .markdown_ext import TOOLTIPS, Context, LinkExtension, tooltips
from .opendata import OpenData
from .output import Interruptions, Output, remove, warnings_counted
from .pages import Page as GeneratedContent
from .pages import Site
from .pages.downloads import DOWNLOADS_MARK, downloads_markdown
from .pages.responsibility import TABLE_WORDS, explorer_data, table_words
from .pages.section import AS_AT_CSS, AS_AT_KIND, as_at_css
from .progress import AFTER, Progress
from .reach import reached
from .serving import IDLE, Built, CompiledTemplates, GeneratedFile, set_aside_memory, stale, without_dirty_warning

if TYPE_CHECKING:
    from mkdocs.structure.toc import _TocToken

log = get_plugin_logger(__name__)
THEME_DIR = Path(__file__).parent / "theme"
THEME_SEARCH = "material/search"  # draws the search box and dialog; our index answers them
REQUIRED_EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc"]



class ObligationsConfig(Config):
    data_dir = c.Dir(exists=True, default="obligations")
    """The data folder, relative to mkdocs.yml."""
    autolink = c.Type(bool, default=True)
    """Link defined terms and clause ids found in running text (the [[...]] syntax always works)."""
    manifest = c.File(exists=False, default=manifest.MANIFEST)
    """The list of published URLs, relative to mkdocs.yml: a URL it lists and the build no longer
    produces is a warning, so the strict build fails; without the file the check is skipped."""
    search = c.Type(bool, default=True)
    """Build the Pagefind search index behind the theme's search box (see search.py)."""
    progress_after = c.Type((int, float), default=AFTER)
    """Seconds a build runs before it shows its phase and pages done (see progress.py); 0: from the start."""


class ObligationsPlugin(BasePlugin[ObligationsConfig]):
    # For the life of the process (`mkdocs serve` rebuilds with this one instance):
    command: str | None = None  # as on_startup says: "build", "gh-deploy", "serve"; None if it was not called
    dirty = False
    _cache: tuple[tuple, Site] | None = None  # the data loaded, and the files' stamps it was loaded from
    _reads = ReadCache()  # what each data file read to: a file unchanged is not parsed again
    _compiled: CompiledTemplates | None = None  # the theme's templates, compiled once (one changed is compiled again)
    _last: Built | None = None  # what the build before wrote, under `mkdocs serve --dirty` (see Built)
    # Under `mkdocs serve`: what Pagefind reads of each page (by its path in the site), kept from build
    # to build (a dirty build renders only some pages), and the order a full build gives them in.
    _documents: dict[str, tuple[str, str, str | None]] = {}  # noqa: RUF012 -- set afresh by on_startup
    _order: list[str] = []  # noqa: RUF012
    _refresh: search.Index | None = None  # the search index being made again in the background, under serve

    # For the build under way, all set afresh by on_config (see _start_build), then filled in by the hooks:
    data_dir: Path
    site: Site  # the data and what the renderers share
    context: Context  # what the Markdown extension needs of the page being rendered
    gone: list[str]  # under `mkdocs serve --dirty`: what the build before wrote and this one does not
    written = False  # every file of the site is written (on_post_build)
    anchors: dict[str, list[str]]  # page URL -> its permanent anchors (the URL manifest's)
    data_date: str  # the latest date in the data: the date of pages that have none
    rendered: dict[tuple, str]  # template blocks rendered once per build (sec_once)
    inserts: Inserts  # parts of the header written once, as scripts (sec_insert)
    index: search.Index | None = None  # the search index (on_pre_build)
    output: Output | None = None  # the new site's folder, beside the old (see Output)
    _guard: Interruptions | None = None
    progress = Progress(None)

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds: the cache survives.
        self._cache, self._reads, self._last, self._documents, self._order = None, ReadCache(), None, {}, []
        self._compiled = CompiledTemplates()
        self.command, self.dirty = command, dirty
        if self.incremental:  # MkDocs warns that a dirty build may leave links stale: this plugin sees to that
            logging.getLogger("mkdocs.commands.build").addFilter(without_dirty_warning)

    @property
    def incremental(self) -> bool:
        """Whether a rebuild renders only what an edit reaches (`mkdocs serve --dirty`, see reach.py)."""
        return self.command == "serve" and self.dirty

    def _start_build(self) -> None:
        """Forget everything of an earlier build in this process (it cannot have left a folder: on_build_error)."""
        self._abandon()
        self.anchors, self.rendered, self.data_date, self.gone, self.written = {}, {}, "1970-01-01", [], False
        self.inserts = Inserts()
        self.progress = Progress(log, after=self.config.progress_after)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._start_build()
        if not config.use_directory_urls:
            raise PluginError("sec-obligations: permanent URLs need 'use_directory_urls: true'")
        if not config.site_url:
            raise PluginError("sec-obligations: 'site_url' is required in mkdocs.yml (e.g. site_url: https://example.org/): "
                              "canonical links, the sitemap, the feeds and the open data give absolute, permanent URLs")
        self.data_dir = Path(self.config.data_dir)
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
        config.extra_css.append(assets.STYLESHEET)  # the site's styles and scripts, each in one file (assets.py)
        config.extra_javascript.append(assets.SCRIPT)
        config.extra["sec_search"] = self.config.search  # theme/main.html loads search.js only then
        if self.config.search:
            self._replace_theme_index(config)
        config.extra["sec_feeds"] = [{"title": f"{config.site_name}: {title}", "href": uri} for uri, title in feeds.FEEDS.items()]
        # Last, once the data has loaded: a build that fails before this point has written nothing anywhere.
        # `mkdocs serve` builds into a folder of its own, and its dirty rebuilds rewrite only what changed there.
        output = Output.beside(config) if self.command in ("build", "gh-deploy") else None
        if output:
            self._guard = Interruptions(self._abandon)
            self._guard.install()
            self.output = output  # first: an interruption while it is made removes it
            if not output.create(dirty=self.dirty):
                self.output = None
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
            site = Site(load(self.data_dir, self._reads))
        except DataError as error:
            raise PluginError(f"sec-obligations: {error}") from None
        self._cache = (stamp, site)
        return site

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        frame = self._frame(config)
        last = self._last if self.incremental and self._last and self._last.frame == frame else None
        again = reached(last.site.index, self.site.index) if last else None  # None: every page
        kept = last.pages if last and again is not None else None
        if last and again is not None and last.site is not self.site:
            self.site.keep_from(last.site)
        rendered = list(self.progress.counted("rendering pages", self.site.pages(again, kept)))
        for file in [f for f in files if f.src_dir != config.docs_dir and assets.left_out(f.src_uri, self.config.search)]:
            files.remove(file)
        made = self._generated_files(config, rendered, again)
        twice = [uri for uri, n in Counter([p.uri for p in rendered] + [uri for uri, _ in made]).items() if n > 1]
        if twice:  # e.g. a withdrawn clause's page at the address of a live page
            raise PluginError("sec-obligations: two generated files have the same address: " + ", ".join(twice))
        pages = {page.uri: page for page in rendered}
        generated = (dict(last.files) if last and again is not None else {}) | dict(made)  # kept: what the edit left as it was
        clashes = [uri for uri in [*pages, *generated] if files.get_file_from_path(uri)]
        if clashes:
            raise PluginError("sec-obligations: these files in docs/ have the address of generated pages: "
                              + ", ".join(clashes))
        self.anchors = {"/" + paths.url(uri): list(page.anchors) for uri, page in pages.items()}  # the URL manifest's
        self.data_date = max(filter(None, (page.lastmod for page in rendered)), default="1970-01-01")
        titles = nav_titles(config.nav or [])
        for uri, page in pages.items():
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            changed = last is None or uri not in last.pages or last.pages[uri].shown != page.shown
            file = GeneratedFile.made(config, uri, page.html, inclusion, changed)
            files.append(file)
            # MkDocs' navigation takes this page object, titled as the nav says
            GeneratedPage(titles.get(uri), file, config, page, self.data_date)
        for uri, content in generated.items():
            file = GeneratedFile.made(config, uri, content, InclusionLevel.NOT_IN_NAV, last is None or last.files.get(uri) != content)
            files.append(file)
        if self.incremental:
            if self._last and (last is None or last.site is not self.site):
                stale(files)  # hand-written pages link to the data (and every page shows the frame): write them again
            dests = {file.dest_uri for file in files}
            self.gone = sorted(self._last.dests - dests) if self._last else []
            self._last = Built(frame, self.site, pages, generated, dests)
        return files

    def _generated_files(self, config: MkDocsConfig, pages: list[GeneratedContent], again: set[str] | None) -> list[tuple[str, str]]:
        """(path in the site, content) of the files beside the pages: all of them, or with ``again``
        (an edit that reaches those pages only and leaves the decision table's answers as they were:
        see reach.py) those it can change."""
        site, base = self.site, config.site_url or ""  # on_config refuses a config without site_url
        made = []
        if again is None:
            made += [(paths.RESPONSIBILITY.replace("index.md", "matrix.json"), compact(export.matrix_json(site.matrix))),
                     (paths.RESPONSIBILITY.replace("index.md", "matrix.csv"), export.matrix_csv(site.matrix)),
                     (paths.RESPONSIBILITY.replace("index.md", "explorer.json"), compact(explorer_data(site))),
                     (TABLE_WORDS, compact(table_words(site.corpus))),
                     (TOOLTIPS, compact(tooltips(site.corpus))),
                     *assets.bundles(THEME_DIR).items()]
        open_data = OpenData(site.index, site.matrix, base).files(((p.uri, p.subject) for p in pages), again)
        made += self.progress.counted("rendering open data files", open_data)
        made += [(feeds.RELEASES, feeds.releases(site.index, base, config.site_name)),
                 (feeds.MODIFICATIONS, feeds.modifications(site.corpus, base, config.site_name))]
        if again is None:
            made += site.redirects()
        made.append((AS_AT_CSS, as_at_css(site)))
        return made

    def _frame(self, config: MkDocsConfig) -> tuple:
        """What every page shows around its content: the configuration (the navigation in it), the
        plugin's settings and the theme's templates as they are now. A change to it rewrites every page."""
        theme = [Path(d) for d in config.theme.dirs if Path(d) == THEME_DIR or (config.theme.custom_dir and
                                                                                 Path(d) == Path(config.theme.custom_dir))]
        stamps = tuple((str(f), f.stat().st_mtime_ns) for d in theme for f in sorted(d.rglob("*")) if f.is_file())
        source = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
        return source, repr(config.nav), repr(dict(self.config)), stamps

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self._guard is None:  # `mkdocs serve`: its own folder, but the search scratch is ours to remove
            self._guard = Interruptions(self._abandon)
            self._guard.install()
        if self._refresh:  # the index of the build before, still being made: this build's replaces it
            self._refresh.discard()
            self._refresh = None
        self.index = search.Index() if self.config.search else None

    @event_priority(-100)  # once every plugin has added its pages
    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        built = InclusionLevel.is_in_serve if self.command == "serve" else InclusionLevel.is_included
        self._order = [file.dest_uri for file in files.documentation_pages(inclusion=built)]  # as MkDocs reads them
        self._documents = {dest: self._documents[dest] for dest in self._order if dest in self._documents}
        self.progress.phase("reading pages", len(files.documentation_pages(inclusion=built)))
        return nav

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        env.globals["sec_once"] = self._once  # see theme/main.html
        env.bytecode_cache = self._compiled  # MkDocs makes a new environment for each build: keep its templates compiled
        env.globals["sec_insert"] = self.inserts.tag  # see inserts.py
        self.progress.phase("writing pages", self.progress.total)
        if self.index and self.command != "serve":  # every page's content is final: index it while MkDocs writes the site
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
        self.progress.advance()
        self.context.page = page.file.src_uri
        self.context.source = markdown
        if not isinstance(page, GeneratedPage):  # a generated page is dated as it is made
            page.update_date = self.data_date  # not by the build clock (MkDocs' default): by the data
        if DOWNLOADS_MARK in markdown:  # the open data page's table of every version's downloads
            markdown = markdown.replace(DOWNLOADS_MARK, downloads_markdown(self.site.corpus, page.file.src_uri))
        return markdown

    @event_priority(-50)  # after other plugins have changed the content
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.index and page.meta.get("sec_kind") != AS_AT_KIND:  # as-at pages repeat the clause pages
            # the theme writes the title as the h1 of a page whose content has none
            document = (html if "<h1" in html else f"<h1>{page.title}</h1>{html}", page.meta.get("sec_kind") or "guide",
                        page.meta.get("sec_section"))
            if self.command == "serve":  # added once the build is done (on_post_build)
                self._documents[page.file.dest_uri] = document
            else:
                self.index.add(page.file.dest_uri, *document)
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.progress.advance()
        return without_indentation(output)

    @event_priority(-1000)  # after every other plugin's post_build (-100 is the recommended "last")
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        for dest in self.gone:  # what this build no longer makes (a dirty build leaves the site's files in place)
            remove(os.path.join(config.site_dir, dest))
            with suppress(OSError):
                os.removedirs(os.path.dirname(os.path.join(config.site_dir, dest)))  # the folders it leaves empty
        if self.command == "serve":
            idle = threading.Timer(IDLE, set_aside_memory)
            idle.daemon = True
            idle.start()
        if self.index and self.command == "serve":  # the page shows now; search follows when Pagefind is done
            pages = [(dest, *self._documents[dest]) for dest in self._order if dest in self._documents]
            self._refresh, self.index = self.index, None
            self._refresh.refresh(config.site_dir, pages, self._search_refreshed)
        elif self.index:
            self.progress.phase("search index: waiting for Pagefind")
            try:
                self.index.finish()
            except search.SearchIndexError as error:
                raise PluginError(f"sec-obligations: {error}") from None
        self.inserts.write(config.site_dir)
        self.written = True  # MkDocs may still fail the build (strict mode), but the site is as `_last` says
        self.progress.phase("checking published URLs")
        self._check_manifest(config)
        # Nothing runs between here and MkDocs' last check: in strict mode, a warning so far fails the
        # build right after this hook (an Abort that MkDocs hands to on_build_error): then keep the old site.
        if self.output and not (config.strict and warnings_counted()):
            self.progress.phase("putting the new site in place")
            with self._guard.deferred() if self._guard else nullcontext():  # a signal waits for the swap to end
                try:
                    self.output.publish()
                except OSError as error:
                    raise PluginError(f"sec-obligations: could not put the new site in {self.output.target}: {error}") from None
                self.output = None
            log.info(f"the new site is in {config.site_dir}")
        self.progress.finish()
        if self._guard and not self.output:
            self._guard.uninstall()
            self._guard = None

    @staticmethod
    def _search_refreshed(error: str | None) -> None:
        if error:
            log.error(f"the search index was not made again: {error}")
        else:
            log.info("search index updated")

    def on_build_error(self, *, error: Exception) -> None:
        if not self.written:  # the site may be written in part: the next build writes every file
            self._last = None
        self._abandon()

    def on_shutdown(self) -> None:
        self._abandon()  # a build ended by an exception MkDocs does not catch (KeyboardInterrupt)
        if self._refresh:
            self._refresh.discard()
            self._refresh = None

    def _abandon(self) -> None:
        """The build under way will not finish: stop Pagefind, remove the search scratch and the new
        site's folder, and give MkDocs back the output folder, which still holds the previous site."""
        self.progress.finish()
        if self.index:
            self.index.discard()
            self.index = None
        if self.output:
            self.output.abandon()
            self.output = None
        if self._guard:
            self._guard.uninstall()
            self._guard = None

    def _check_manifest(self, config: MkDocsConfig) -> None:
        """The URL manifest gate: every URL listed must still be produced (see manifest.py)."""
        listed_file = Path(self.config.manifest)
        if not listed_file.is_file():
            log.info(f"no URL manifest at {listed_file}: the check of published URLs is skipped")
            return
        gone = manifest.missing(manifest.read(listed_file), manifest.produced(config.site_dir, self.anchors))
        if gone:
            shown = "\n  ".join(gone[:100]) + (f"\n  ... and {len(gone) - 100} more" if len(gone) > 100 else "")
            log.warning(f"{len(gone)} published URL(s) listed in {listed_file.name} are no longer produced "
                        f"(renumber or delete a clause with a 'status', never by removing it):\n  {shown}")

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        server.watch(str(self.data_dir))
        return server


class GeneratedPage(Page):
    """A page the plugin generated: its content is the finished HTML its renderer wrote (see
    pages/__init__.py), so Markdown is skipped; its title, search filters, table of contents and ids
    are those the renderer recorded as it wrote them, known from the start (a page a dirty build
    does not write again is still in the sitemap, and links to its anchors are still checked)."""

    def __init__(self, title: str | None, file: File, config: MkDocsConfig, content: GeneratedContent, data_date: str):
        super().__init__(title, file, config)
        self.generated = content
        self.read_source(config)
        self.present_anchor_ids = set(content.ids)  # what MkDocs checks links to its anchors against
        # MkDocs dates every page by the build clock and stamps sitemap.xml.gz with the latest: use the data's.
        self.update_date = content.lastmod or data_date

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = self.generated.html
        self.meta = theme_meta(self.generated)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = self.markdown
        tokens: list[_TocToken] = []
        open_: list[_TocToken] = []  # the last token at each depth
        for level, anchor, title in self.generated.toc:
            token: _TocToken = {"level": level, "id": anchor, "name": title, "children": []}
            while open_ and open_[-1]["level"] >= level:
                open_.pop()
            (open_[-1]["children"] if open_ else tokens).append(token)
            open_.append(token)
        self.toc = get_toc(tokens)


def compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def theme_meta(page: GeneratedContent) -> dict[str, str]:
    """A generated page's meta as the theme and our templates read it: the title and description
    HTML-escaped (themes print them without escaping), its kind and section (the search filters),
    its date (the sitemap's lastmod, theme/sitemap.xml)."""
    meta = {"title": escape(page.title, quote=False), "sec_kind": page.kind}
    if page.section:
        meta["sec_section"] = page.section
    if page.lastmod:
        meta["sec_lastmod"] = page.lastmod
    if page.description:
        meta["description"] = escape(page.description, quote=True)
    return meta


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
