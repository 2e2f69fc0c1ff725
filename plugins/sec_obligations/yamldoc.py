"""Safe YAML reading that remembers where every value was written.

PyYAML's safe loader silently keeps the last of two equal keys and turns ``2019-11-04`` into a
date object. Here a duplicate key is an error, dates stay strings (as in YAML 1.2 and the JSON
Schemas), and every value's position is kept so that any later problem can be located.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .model import Location

Path_ = tuple  # a path into a document: keys and list indexes


# libyaml's parser when it is there (about ten times faster), PyYAML's own otherwise.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """The safe loader without the YAML 1.1 timestamp type."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Problem:
    where: Location
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Document:
    """A parsed YAML file: its data, and the position of every value in it when asked."""

    name: str  # the file's path as shown in messages
    data: Any
    text: str = ""
    _positions: dict[Path_, Location] | None = field(default=None, repr=False)

    @property
    def positions(self) -> dict[Path_, Location]:
        # Positions cost as much as parsing: they are worked out only when a problem needs one.
        if self._positions is None:
            self._positions = _located(self.text, self.name)[0]._positions
        return self._positions

    def locate(self, path: Path_ = ()) -> Location:
        """The position of ``path``, or of its nearest located parent."""
        path = tuple(path)
        positions = self.positions
        while path not in positions and path:
            path = path[:-1]
        return positions.get(path, Location(self.name, 1, 1))


def read(file: Path, name: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Parse ``file``; return the document, or ``None`` and the problems found."""
    name = name or str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(Location(name, 1, 1), f"cannot read the file: {error}")]
    return parse(text, name)


class _FastLoader(_Loader):
    """Plain loading, failing on the first duplicate key; the located path reports them all."""

    def construct_mapping(self, node, deep=False):
        keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
        if len(keys) != len(set(keys)):
            raise yaml.constructor.ConstructorError(None, None, "duplicate key", node.start_mark)
        return super().construct_mapping(node, deep=deep)


def parse(text: str, name: str) -> tuple[Document | None, list[Problem]]:
    """Parse ``text``; return the document, or ``None`` and every problem found, located."""
    loader = _FastLoader(text)
    try:
        return Document(name, loader.get_single_data(), text), []
    except yaml.YAMLError:
        return _located(text, name)  # the slower walk that locates every problem
    finally:
        loader.dispose()


def _located(text: str, name: str) -> tuple[Document | None, list[Problem]]:
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = _location(name, mark) if mark else Location(name, 1, 1)
        reason = " ".join(str(p) for p in (error.context, error.problem) if p)
        return None, [Problem(where, f"invalid YAML: {reason}")]
    except yaml.YAMLError as error:
        return None, [Problem(Location(name, 1, 1), f"invalid YAML: {error}")]
    doc = Document(name, None, text, {(): Location(name, 1, 1)})
    problems: list[Problem] = []
    if root is not None:
        doc.data = _build(loader, root, (), doc, problems)
    loader.dispose()
    return (None if problems else doc), problems


def _location(name: str, mark: yaml.Mark) -> Location:
    return Location(name, mark.line + 1, mark.column + 1)


def _build(loader: _Loader, node: yaml.Node, path: Path_, doc: Document, problems: list) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        first_seen: dict[Any, Location] = {}
        for key_node, value_node in node.value:
            where = _location(doc.name, key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(where, "a mapping key must be a plain value"))
                continue
            key = loader.construct_object(key_node)
            if key in first_seen:
                problems.append(Problem(where, f"duplicate key '{key}' (first written at line "
                                               f"{first_seen[key].line}); YAML would silently keep only the last"))
                continue
            first_seen[key] = where
            doc.positions[path + (key,)] = where
            result[key] = _build(loader, value_node, path + (key,), doc, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            doc.positions[path + (index,)] = _location(doc.name, item.start_mark)
            items.append(_build(loader, item, path + (index,), doc, problems))
        return items
    return loader.construct_object(node)
