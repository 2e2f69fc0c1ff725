"""The JSON Schemas of the data files, shared by the validator and by editors.

The schemas live in ``schema/`` as plain JSON files; the YAML files point editors at them with a
``# yaml-language-server: $schema=...`` comment. Here they check parsed documents, and every
error is mapped back to the file, line and column of the offending value.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeAlias

import fastjsonschema
from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource

from .yamldoc import Document, Problem, shorten

SCHEMA_DIR = Path(__file__).parent / "schema"


@cache
def _registry() -> Registry:
    """The schemas by file name. They have no ``$id``: a ``$ref`` such as ``common.schema.json#/...``
    then resolves against the schema file's own location, in every validator and editor (a relative
    ``$id`` was resolved against the working directory by some, an absolute one would be fetched)."""
    resources = []
    for file in sorted(SCHEMA_DIR.glob("*.schema.json")):
        schema = json.loads(file.read_text(encoding="utf-8"))
        resources.append((file.name, Resource.from_contents(schema)))
    return Registry().with_resources(resources)


@cache
def validator(kind: str) -> Draft202012Validator:
    """The validator of one kind of file, e.g. ``versions`` or ``section``."""
    return Draft202012Validator(_inlined(f"{kind}.schema.json"), registry=_registry())


Schema: TypeAlias = dict[str, Any]


def _inlined(name: str) -> Schema:
    """The schema with every ``$ref`` replaced by its target: resolving references while
    validating thousands of objects costs more than the checks themselves. A recursive reference
    (a provision holding provisions) stays a reference, to a copy kept under the root's ``$defs``."""
    recursive: dict[str, tuple[str, str]] = {}  # $defs name -> (schema file, JSON pointer)
    schema = _inline(_registry().contents(name), name, (), recursive)
    defs: Schema = {}
    while len(defs) < len(recursive):
        for key, (uri, pointer) in list(recursive.items()):
            if key not in defs:
                defs[key] = _inline(_target(uri, pointer), uri, (f"{uri}#{pointer}",), recursive)
    return dict(schema) | ({"$defs": defs} if defs else {})


def _target(uri: str, pointer: str) -> Any:
    target = _registry().contents(uri)
    for part in filter(None, pointer.split("/")):
        target = target[part]
    return target


def _inline(schema: Any, base: str, stack: tuple[str, ...], recursive: dict[str, tuple[str, str]]) -> Any:
    if isinstance(schema, list):
        return [_inline(item, base, stack, recursive) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if set(schema) - {"description"} == {"$ref"}:
        uri, _, pointer = schema["$ref"].partition("#")
        uri = uri or base
        key = f"{uri}#{pointer}"
        if key in stack:
            name = (uri.split(".")[0] + "-" + pointer.rsplit("/", 1)[-1]).strip("-")
            recursive[name] = (uri, pointer)
            return {"$ref": f"#/$defs/{name}"}
        return _inline(_target(uri, pointer), uri, stack + (key,), recursive)
    return {key: _inline(value, base, stack, recursive) for key, value in schema.items() if key != "$defs"}


@cache
def _fast(kind: str) -> Callable[[Any], Any]:
    """A compiled check of one kind of file: valid data (the usual case) passes many times faster."""
    schema = dict(validator(kind).schema)
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"  # the same keywords, compiled
    return fastjsonschema.compile(schema)


def check(doc: Document, kind: str) -> list[Problem]:
    """Every schema problem in ``doc``, located, in document order."""
    try:
        _fast(kind)(doc.data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass  # jsonschema then finds and describes every problem
    problems = []
    for error in validator(kind).iter_errors(doc.data):
        problems.extend(_describe(doc, error))
    return sorted(problems, key=lambda p: (p.where.line, p.where.column))


def _describe(doc: Document, error: ValidationError) -> list[Problem]:
    path = tuple(error.absolute_path)
    field = ".".join(str(p) for p in path) or "(top level)"
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        return [Problem(doc.locate(path + (key,)),
                        f"unknown field '{key}' in {field} (allowed: {', '.join(allowed)})")
                for key in error.instance if key not in allowed]
    if error.validator == "required":
        return [Problem(doc.locate(path), f"{field}: {error.message}")]
    if error.validator == "oneOf":
        options = "; ".join(sorted({c.message for c in error.context}))
        return [Problem(doc.locate(path), f"{field}: {shorten(repr(error.instance))} is not valid here ({shorten(options)})")]
    message = shorten(error.message)
    if error.validator == "maxLength":
        message = f"{len(error.instance):,} characters: more than the {error.validator_value:,} a text may have"
    if error.validator == "type" and isinstance(error.instance, (int, float)) and "string" in str(error.validator_value):
        message += " (put it in quotes: unquoted, YAML reads 5.20 as the number 5.2)"
    if error.validator == "pattern":
        rule = error.schema.get("description", "does not match " + error.validator_value)
        message = f"{shorten(repr(error.instance))} is not allowed: {rule}"
    if error.validator == "not" and "description" in error.schema:
        message = f"{shorten(repr(error.instance))} is not allowed: {error.schema['description']}"
    return [Problem(doc.locate(path), f"{field}: {message}")]

