"""The MkDocs adapter on its own: configuration checks and the serve watch."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from conftest import ROOT


def plugin_of(config):
    return config.plugins["sec-obligations"]


def test_serve_watches_the_data_folder():
    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = plugin_of(config)
    plugin.on_startup(command="serve", dirty=False)
    plugin.on_config(config)

    class Server:
        watched: list[str] = []

        def watch(self, path):
            self.watched.append(path)

    server = plugin.on_serve(Server(), config=config, builder=None)
    assert Path(server.watched[0]) == ROOT / "obligations"


def test_the_data_is_loaded_once_while_it_does_not_change():
    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = plugin_of(config)
    plugin.on_startup(command="serve", dirty=False)
    plugin.on_config(config)
    first = plugin.site
    plugin.on_config(load_config(str(ROOT / "mkdocs.yml")))
    assert plugin.site is first


def test_directory_urls_are_required(tmp_path):
    config = load_config(str(ROOT / "mkdocs.yml"), use_directory_urls=False)
    with pytest.raises(PluginError, match="use_directory_urls"):
        plugin_of(config).on_config(config)
