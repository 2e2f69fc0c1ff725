"""Headless Chromium (Debian's package, driven by Playwright) on a site served from loopback."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def require(path: Path, what: str) -> None:
    """A missing tool fails in CI and skips elsewhere (with the reason)."""
    if not path.exists():
        message = f"{what} is missing ({path}); './dev test' installs it"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@dataclass
class Server:
    root: Path
    url: str = ""

    def __enter__(self) -> Server:
        handler = functools.partial(_QuietHandler, directory=str(self.root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass
class Watch:
    """What a page did that a test should know: console errors and requests off this machine."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(r.url))

        def route(route):
            host = urlsplit(route.request.url).hostname
            if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
                route.continue_()
            else:
                self.external.append(route.request.url)
                route.abort()

        page.route("**/*", route)

    def assert_clean(self) -> None:
        assert self.external == [], f"requests left this machine: {self.external}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"
        assert self.page_errors == [], f"page errors: {self.page_errors}"


SETTLED = "() => !document.getAnimations().some(a => a instanceof CSSTransition && a.playState === 'running')"


def run_axe(page, context: str = "document") -> list[dict]:
    """axe-core's violations for the page, WCAG 2.2 AA and best practice, once the page's colour
    transitions have ended (a dialog that opens fades in: axe would read a colour halfway)."""
    page.wait_for_function(SETTLED)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async ([context, tags]) => (await axe.run(context === 'document' ? document : document.querySelector(context),"
        " {runOnly: {type: 'tag', values: tags}})).violations",
        [context, AXE_TAGS])


def describe(violations: list[dict]) -> str:
    return json.dumps([{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5],
                        "summary": v["nodes"][0].get("failureSummary", "")[:300]} for v in violations], indent=1)


def set_palette(page, scheme: str) -> None:
    """Switch the theme's palette the way its toggle does, then let styles settle: the theme's colour
    transitions end (on a busy machine they outlast a fixed wait, and axe would read a colour between)."""
    page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
    page.wait_for_timeout(50)
    page.wait_for_function(SETTLED)


def printer(browser):
    """A function that prints HTML to a PDF (A4) in ``browser``: ``print_(path, html, **page.pdf options)``."""
    def print_(path, page_html: str, **options):
        page = browser.new_page()
        page.set_content(page_html)
        page.pdf(path=str(path), format="A4", **options)
        page.close()
        return path
    return print_


@contextlib.contextmanager
def standalone_printer():
    """:func:`printer` with a Chromium of its own, for scripts outside the test session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield printer(chromium)
        finally:
            chromium.close()
