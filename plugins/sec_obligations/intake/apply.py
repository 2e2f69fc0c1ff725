"""Edits to the data folder that an import makes, written only when asked, keeping the comments and
layout of every file touched (a round trip through ruamel.yaml; files not touched stay byte for byte).

A wording is given as a dict in the data's own shape (``lead``, ``paragraphs``, ``tail``, ``not_used``);
long text is written as a folded block (``>-``) wrapped near :data:`WIDTH` characters.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString

WIDTH = 96  # where folded text is wrapped
SCHEMA_COMMENT = "# yaml-language-server: $schema={path}/plugins/sec_obligations/schema/{kind}.schema.json\n"


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a line that is already written
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def text(value: str, indent: int) -> str | FoldedScalarString:
    """``value`` as YAML text: plain when short, else a folded block wrapped at :data:`WIDTH`."""
    value = " ".join(value.split())
    if len(value) + indent <= WIDTH - 12 and value[:1] not in "'\"[{&*!|>%@`#" and ": " not in value and " #" not in value:
        return value
    folded = FoldedScalarString(value)
    breaks, start, last_space = [], 0, -1
    for i, char in enumerate(value):
        if char != " ":
            continue
        if i - start > WIDTH - indent and last_space > start:  # the line would be too long: break before
            breaks.append(last_space)
            start = last_space + 1
        last_space = i
    if len(value) - start > WIDTH - indent and last_space > start:
        breaks.append(last_space)
    folded.fold_pos = breaks
    return folded


def version(value: str) -> DoubleQuotedScalarString:
    """Version ids are always quoted: unquoted, YAML reads 5.20 as the number 5.2."""
    return DoubleQuotedScalarString(value)


def wording_yaml(wording: dict, indent: int, flow: bool = False) -> CommentedMap:
    """A wording dict (lead, paragraphs nested to any depth, tail, not_used, table) as YAML nodes;
    ``flow``: inside a flow collection (a file written as JSON), where no block scalar may go."""
    if flow:
        return CommentedMap(wording)
    out = CommentedMap()
    if wording.get("not_used"):
        out["not_used"] = True
        return out
    if wording.get("lead"):
        out["lead"] = text(wording["lead"], indent + 6)
    if wording.get("paragraphs"):
        out["paragraphs"] = _provisions(wording["paragraphs"], indent + 2)
    if wording.get("table"):
        out["table"] = wording["table"]
    if wording.get("tail"):
        out["tail"] = text(wording["tail"], indent + 6)
    return out


def _provisions(items: list[dict], indent: int) -> CommentedSeq:
    seq = CommentedSeq()
    for p in items:
        node = CommentedMap()
        node["id"] = p["id"] if not p["id"].isdigit() else DoubleQuotedScalarString(p["id"])
        node["text"] = text(p["text"], indent + 6)
        if p.get("paragraphs"):
            node["paragraphs"] = _provisions(p["paragraphs"], indent + 4)
        if p.get("tail"):
            node["tail"] = text(p["tail"], indent + 6)
        seq.append(node)
    return seq


class DataFolder:
    """The data folder being edited: files are read when first needed and written by :meth:`write`."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.yaml = _yaml()
        self.loaded: dict[Path, Any] = {}
        self.changed: set[Path] = set()
        self.created: dict[Path, str] = {}
        self._rendered: tuple[tuple[frozenset[Path], frozenset[Path]], dict[Path, str]] | None = None

    def load(self, relative: str) -> Any:
        path = self.root / relative
        if path not in self.loaded:
            self.loaded[path] = self.yaml.load(path.read_text(encoding="utf-8"))
        return self.loaded[path]

    def touch(self, relative: str) -> None:
        self.changed.add(self.root / relative)

    def section_files(self) -> list[str]:
        return sorted(f"sections/{p.name}" for p in (self.root / "sections").glob("*.yaml"))

    def find_clause(self, clause_id: str) -> tuple[str, CommentedMap] | None:
        """The section file and the YAML node of a clause."""
        for name in self.section_files():
            for heading in self.load(name)["headings"]:
                for clause in heading["clauses"]:
                    if clause["id"] == clause_id:
                        return name, clause
        return None

    def new_wording(self, clause_id: str, first: str, before: str | None, wording: dict, provenance: dict,
                    modification: str | None = None, change_note: str | None = None) -> None:
        """Close the wording in force (``to: before``) and add ``wording`` from version ``first``."""
        found = self.find_clause(clause_id)
        if found is None:
            raise KeyError(f"{clause_id} is not in any section file")  # callers take in only clauses the data holds
        name, clause = found
        texts = clause["texts"]
        if before is not None and "to" not in texts[-1]:
            texts[-1].insert(1, "to", version(before))
        entry = CommentedMap()
        entry["from"] = version(first)
        if modification:
            entry["modification"] = modification
        if change_note:
            entry["change_note"] = text(change_note, 12)
        entry["provenance"] = CommentedMap(provenance)
        entry["provenance"].fa.set_flow_style()
        entry.update(wording_yaml(wording, 10, _flow(texts)))
        _move_trailing_comment(texts[-1], entry)
        texts.append(entry)
        self.touch(name)

    def new_clause(self, section_id: str, heading: str | None, clause_id: str, first: str, wording: dict,
                   provenance: dict) -> None:
        """Add a clause, in force from ``first``, at the end of its heading (found by its title, else the last)."""
        name = f"sections/{section_id}.yaml"
        headings = self.load(name)["headings"]
        target = next((h for h in headings if heading and " ".join(str(h["title"]).split()) == heading), headings[-1])
        clause = CommentedMap()
        clause["id"] = clause_id
        entry = CommentedMap()
        entry["from"] = version(first)
        entry["provenance"] = CommentedMap(provenance)
        entry["provenance"].fa.set_flow_style()
        entry.update(wording_yaml(wording, 10, _flow(target["clauses"])))
        clause["texts"] = CommentedSeq([entry])
        if target["clauses"]:
            _move_trailing_comment(target["clauses"][-1], clause)
        target["clauses"].append(clause)
        self.touch(name)

    def new_definition(self, term_id: str, first: str, before: str | None, text_: str, provenance: dict,
                       earliest: str | None = None) -> None:
        """A term's new definition from ``first``; a one-wording ``definition:`` becomes a ``definitions:`` list."""
        terms = self.load("glossary.yaml")["terms"]
        term = next(t for t in terms if t["id"] == term_id)
        if "definitions" not in term:
            old = CommentedMap()
            old["from"] = version(earliest or first)
            old["text"] = term["definition"]
            old["provenance"] = term["definition_provenance"]
            position = list(term).index("definition")
            del term["definition"], term["definition_provenance"]
            term.insert(position, "definitions", CommentedSeq([old]))
        definitions = term["definitions"]
        if before is not None and "to" not in definitions[-1]:
            definitions[-1].insert(1, "to", version(before))
        entry = CommentedMap()
        entry["from"] = version(first)
        entry["text"] = " ".join(text_.split()) if _flow(definitions) else text(text_, 8)
        entry["provenance"] = CommentedMap(provenance)
        entry["provenance"].fa.set_flow_style()
        definitions.append(entry)
        self.touch("glossary.yaml")

    def add_source(self, entry: dict) -> None:
        """Record a document as a source (replacing an entry with the same id)."""
        sources = self.load("sources.yaml")["sources"]
        node = CommentedMap((k, text(v, 4) if isinstance(v, str) and k in ("title", "description") else v)
                            for k, v in entry.items() if v is not None)
        for i, existing in enumerate(sources):
            if existing["id"] == entry["id"]:
                if {k: str(v) for k, v in existing.items()} == {k: str(v) for k, v in node.items()}:
                    return  # recorded already, as it is
                sources[i] = node
                break
        else:
            _move_trailing_comment(sources[-1], node)
            sources.append(node)
        self.touch("sources.yaml")

    def create(self, relative: str, data: dict, kind: str, comment: str) -> None:
        """A new data file (e.g. ``modifications/MP087.yaml``), with its schema comment."""
        out = io.StringIO()
        self.yaml.dump(data, out)
        depth = "/".join([".."] * (relative.count("/") + 1))
        self.created[self.root / relative] = (SCHEMA_COMMENT.format(path=depth, kind=kind)
                                              + "".join(f"# {line}\n" for line in comment.splitlines()) + out.getvalue())

    def render(self) -> dict[Path, str]:
        """Every file this import writes, and its new text (worked out once: dumping is slow)."""
        key = (frozenset(self.changed), frozenset(self.created))
        if self._rendered is not None and self._rendered[0] == key:
            return self._rendered[1]
        found = dict(self.created)
        for path in sorted(self.changed):
            out = io.StringIO()
            self.yaml.dump(self.loaded[path], out)
            found[path] = out.getvalue()
        self._rendered = (key, found)
        return found

    def write(self) -> list[Path]:
        """Write every file at once, each through a temporary file renamed over it."""
        files = self.render()
        for path, content in files.items():
            temporary = path.with_name(f".{path.name}.import")
            temporary.write_text(content, encoding="utf-8")
            os.replace(temporary, path)
        return sorted(files)


def _last(node: Any) -> tuple[Any, Any] | None:
    """The innermost last (container, key) of a YAML node: where the blank lines after it are kept."""
    if isinstance(node, CommentedMap) and node:
        key = list(node)[-1]
        return _last(node[key]) or (node, key)
    if isinstance(node, CommentedSeq) and node:
        return _last(node[-1]) or (node, len(node) - 1)
    return None


def _move_trailing_comment(old: Any, new: Any) -> None:
    """Keep the blank lines (and comments) that followed the last item after the item appended to it."""
    found, target = _last(old), _last(new)
    if not found or not target:
        return
    container, key = found
    token = container.ca.items.get(key)
    if not token or len(token) < 3 or token[2] is None:
        return
    new_container, new_key = target
    moved = list(token)
    container.ca.items[key] = [*token[:2], None, *token[3:]]
    slot = [None] * len(moved)
    slot[2] = moved[2]
    new_container.ca.items[new_key] = slot


def _flow(node: Any) -> bool:
    """Whether a collection is written in flow style (``[...]``, ``{...}``: a file written as JSON)."""
    return bool(getattr(node, "fa", None) and node.fa.flow_style())
