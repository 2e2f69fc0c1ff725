"""Safe YAML reading that remembers where every value was written.

PyYAML's safe loader silently keeps the last of two equal keys and turns ``2019-11-04`` into a
date object. Here a duplicate key is an error, dates stay strings (as in YAML 1.2 and the JSON
Schemas), and every value's position is kept so that any later problem can be located.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import yaml

from .model import Location

Path_: TypeAlias = tuple[Any, ...]  # a path into a document: keys and list indexes


# libyaml's parser when it is there (about ten times faster), PyYAML's own otherwise.
if TYPE_CHECKING:
    _Base = yaml.SafeLoader
else:
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


@dataclass(eq=False)
class Document:
    """A parsed YAML file: its data, and the position of every value in it when asked. Compared
    (and hashed) as itself: a document read once may be kept and used again (loader.ReadCache)."""

    name: str  # the file's path as shown in messages
    data: Any
    text: str = ""
    _positions: dict[Path_, Location] | None = field(default=None, repr=False)

    @property
    def positions(self) -> dict[Path_, Location]:
        # Positions cost as much as parsing: they are worked out only when a problem needs one.
        if self._positions is None:
            located = _located(self.text, self.name)[0]
            self._positions = (located._positions if located else None) or {}
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
        data = file.read_bytes()
    except OSError as error:
        return None, [Problem(Location(name, 1, 1), f"cannot read the file: {error.strerror or error}")]
    return parse_bytes(data, name)


def parse_bytes(data: bytes, name: str) -> tuple[Document | None, list[Problem]]:
    """Parse a file's bytes (UTF-8 YAML, not too large), as :func:`read`."""
    if len(data) > MAX_FILE_BYTES:
        return None, [Problem(Location(name, 1, 1), f"the file is {len(data):,} bytes: more than the {MAX_FILE_BYTES:,} "
                                                    "a data file may hold (split it)")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(Location(name, line, column), f"not UTF-8 text: the byte 0x{data[error.start]:02x} "
                                                            "cannot start a character (save the file as UTF-8)")]
    return parse(text, name)


MAX_FILE_BYTES = 64 * 1024 * 1024  # far above any section of the code; a bound on what one file may cost
# What YAML refuses to read (PyYAML's own rule, checked first to be located).
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
SHOWN_OF_A_KIND = 3  # aliases, anchors or tags reported one by one in a file; the rest counted in one line
MAX_DEPTH = 60  # nesting of mappings and lists: the data's own shapes need fewer than 30
# Where a YAML alias, anchor or tag could start: at the start of a node. Text that merely contains
# "&", "*" or "!" elsewhere is not matched; quoted text can be, and only costs the slower, exact walk.
_SUSPECT = re.compile(r"(?:^|[\[{,]|[:?-][ \t])[ \t]*[&*!]", re.M)


class _FastLoader(_Loader):
    """Plain loading, failing on the first duplicate key; the located path reports them all."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not all(isinstance(k, yaml.ScalarNode) for k, _ in node.value):
            raise yaml.constructor.ConstructorError(None, None, "a key that is not a plain value", node.start_mark)
        keys = [self.construct_object(k) for k, _ in node.value]  # compared as YAML reads them: 1 and 0x1 are one key
        if len(keys) != len(set(keys)):
            raise yaml.constructor.ConstructorError(None, None, "duplicate key", node.start_mark)
        return super().construct_mapping(node, deep=deep)


def parse(text: str, name: str) -> tuple[Document | None, list[Problem]]:
    """Parse ``text``; return the document, or ``None`` and every problem found, located.

    Aliases, anchors and tags are refused: an alias can make a small file expand without bound
    ("billion laughs"), and a tag makes YAML read a value as something other than it looks."""
    if bad := _NON_PRINTABLE.search(text):
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        return None, [Problem(Location(name, line, column), f"the character U+{ord(bad.group()):04X} is not allowed in "
                                                            "YAML text (a control character: remove it)")]
    if "\t" in text or _SUSPECT.search(text):  # libyaml and PyYAML disagree on tabs: PyYAML's reading decides
        return _located(text, name)
    loader = _FastLoader(text)
    try:
        return Document(name, loader.get_single_data(), text), []
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return _located(text, name)  # the slower walk that locates every problem
    finally:
        loader.dispose()


class _Checking(yaml.SafeLoader):
    """PyYAML's own (Python) safe loader, which shows each alias, anchor and tag as written: every
    one becomes a located problem, and an alias is never followed."""

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

    def __init__(self, text: str, name: str):
        super().__init__(text)
        self.name = name
        self.found: list[Problem] = []
        self.counts: dict[str, int] = {}

    def refuse(self, mark: yaml.Mark, kind: str, message: str) -> None:
        """A located problem; past a few of one kind, one line counts the rest."""
        count = self.counts[kind] = self.counts.get(kind, 0) + 1
        if count <= SHOWN_OF_A_KIND:
            self.found.append(Problem(_location(self.name, mark), message))
        elif count == SHOWN_OF_A_KIND + 1:
            self.found.append(Problem(_location(self.name, mark), f"and every further {kind} from here on"))

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()  # type: ignore[no-untyped-call]  # PyYAML leaves it unannotated
            self.refuse(event.start_mark, "alias", f"an alias (*{shorten(event.anchor, 60)}) is not allowed: write the value "
                        "out (aliases can make a small file expand without bound)")
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if getattr(event, "anchor", None):
            self.refuse(event.start_mark, "anchor", f"an anchor (&{shorten(event.anchor, 60)}) is not allowed: write the value out")
            event.anchor = None
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") or (tag == "!" and not isinstance(event, yaml.ScalarEvent)):
            self.refuse(event.start_mark, "tag", f"a tag ({shorten(tag, 60)}) is not allowed: write the value without it")
            event.tag = None
            if isinstance(event, yaml.ScalarEvent):
                event.implicit = (True, True)
        return super().compose_node(parent, index)


SHOWN = 200  # characters of a value a message echoes


def shorten(value: str, limit: int = SHOWN) -> str:
    """At most about ``limit`` characters of a value, for a message: a huge bad value is not echoed
    whole, and the message says how long it was."""
    return value if len(value) <= limit else value[:limit] + f"… ({len(value):,} characters)"


def _located(text: str, name: str) -> tuple[Document | None, list[Problem]]:
    loader = _Checking(text, name)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = _location(name, mark) if mark else Location(name, 1, 1)
        reason = shorten(" ".join(str(p) for p in (error.context, error.problem) if p))
        if "'\\t'" in reason:
            reason += " (a tab: YAML indents with spaces only)"
        return None, [*loader.found, Problem(where, f"invalid YAML: {reason}")]
    except yaml.YAMLError as error:
        return None, [*loader.found, Problem(Location(name, 1, 1), f"invalid YAML: {shorten(str(error))}")]
    except RecursionError:
        return None, [Problem(Location(name, 1, 1), "the file nests lists and mappings too deeply to be data")]
    doc = Document(name, None, text, {(): Location(name, 1, 1)})
    problems: list[Problem] = list(loader.found)
    if root is not None:
        try:
            doc.data = _build(loader, root, (), doc, problems, 0)
        except RecursionError:
            problems.append(Problem(Location(name, 1, 1), "the file nests lists and mappings too deeply to be data"))
    loader.dispose()
    return (None if problems else doc), problems


def _location(name: str, mark: yaml.Mark) -> Location:
    return Location(name, mark.line + 1, mark.column + 1)


def _build(loader: yaml.SafeLoader, node: yaml.Node, path: Path_, doc: Document, problems: list[Problem], depth: int) -> Any:
    if depth > MAX_DEPTH:
        problems.append(Problem(_location(doc.name, node.start_mark), f"nested more than {MAX_DEPTH} levels deep: "
                                                                      "not the shape of any data file"))
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        first_seen: dict[Any, Location] = {}
        for key_node, value_node in node.value:
            where = _location(doc.name, key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(where, "a mapping key must be a plain value"))
                continue
            key = _scalar(loader, key_node, doc, problems)
            if key in first_seen:
                problems.append(Problem(where, f"duplicate key '{shorten(str(key), 60)}' (first written at line "
                                               f"{first_seen[key].line}); YAML would silently keep only the last"))
                continue
            first_seen[key] = where
            doc.positions[path + (key,)] = where
            result[key] = _build(loader, value_node, path + (key,), doc, problems, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            doc.positions[path + (index,)] = _location(doc.name, item.start_mark)
            items.append(_build(loader, item, path + (index,), doc, problems, depth + 1))
        return items
    return _scalar(loader, node, doc, problems)


def _scalar(loader: yaml.SafeLoader, node: yaml.Node, doc: Document, problems: list[Problem]) -> Any:
    try:
        return loader.construct_object(node)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as error:
        problems.append(Problem(_location(doc.name, node.start_mark), f"cannot read this value: {shorten(str(error), 120)}"))
        return None
