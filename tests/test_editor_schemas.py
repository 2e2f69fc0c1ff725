"""The schemas as editors and validators read them: each data file names its schema on its first line
(``# yaml-language-server: $schema=<path>``), and that schema must resolve as written, from any
working directory, in every common validator.

The schemas have no ``$id``: their ``$ref``s (``common.schema.json#/$defs/id``) then resolve against
the schema file's own location. A relative ``$id`` ("section.schema.json") made check-jsonschema
resolve them against the working directory, so that it failed on every file outside
plugins/sec_obligations/schema/; an absolute one would make validators fetch common.schema.json
from the network. check-jsonschema is run on every data file here (the tests' extra installs it;
missing, it fails in CI and skips elsewhere, as the browser does).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from browser import require
from conftest import FIXTURE, PINNED, ROOT

SCHEMAS = ROOT / "plugins" / "sec_obligations" / "schema"
COMMENT = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")
FOLDERS = {"obligations": ROOT / "obligations", "pinned": PINNED, "fixture": FIXTURE}


def check_jsonschema() -> Path:
    found = shutil.which("check-jsonschema")
    path = Path(found) if found else Path(sys.executable).parent / "check-jsonschema"
    require(path, "check-jsonschema (pip install check-jsonschema; the tests' extra installs it)")
    return path


def named_schema(file: Path) -> Path:
    """The schema a data file names on its first line, resolved as an editor does: from the file's folder."""
    first = file.read_text(encoding="utf-8").split("\n", 1)[0] + "\n"
    match = COMMENT.fullmatch(first)
    assert match, f"{file}: the first line does not name a schema"
    schema = (file.parent / match.group(1)).resolve()
    assert schema.is_file() and schema.parent == SCHEMAS, f"{file}: names {schema}, not a schema of {SCHEMAS}"
    return schema


def run(tool: Path, schema: Path, files: list[Path], cwd: Path) -> subprocess.CompletedProcess:
    """``check-jsonschema --schemafile`` from ``cwd``, every path given relative to it."""
    rel = [os.path.relpath(p, cwd) for p in [schema, *files]]
    return subprocess.run([str(tool), "--schemafile", rel[0], *rel[1:]], cwd=cwd, capture_output=True, text=True)


def test_the_schemas_have_no_id_and_refer_to_each_other_by_file_name():
    for file in sorted(SCHEMAS.glob("*.schema.json")):
        schema = json.loads(file.read_text(encoding="utf-8"))
        assert "$id" not in schema, f"{file.name}: an $id changes what its $refs resolve against"
        refs = re.findall(r'"\$ref":\s*"([^"#]*)#', file.read_text(encoding="utf-8"))
        assert [r for r in refs if r and not (SCHEMAS / r).is_file()] == [], file.name


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_check_jsonschema_accepts_every_data_file_with_the_schema_it_names(folder, tmp_path):
    tool = check_jsonschema()
    by_schema: dict[Path, list[Path]] = {}
    for file in sorted(FOLDERS[folder].rglob("*.yaml")):
        by_schema.setdefault(named_schema(file), []).append(file)
    assert len(by_schema) == 8  # every kind of data file
    for schema, files in by_schema.items():
        result = run(tool, schema, files, cwd=tmp_path)  # a working directory far from the schemas
        assert result.returncode == 0, result.stdout + result.stderr
        assert "ok -- validation done" in result.stdout


def test_check_jsonschema_reports_a_mistake_as_a_validation_error(tmp_path):
    tool = check_jsonschema()
    original = ROOT / "obligations" / "versions.yaml"
    text = original.read_text(encoding="utf-8")
    number = re.search(r'\n    number: "([0-9.]+)"\n', text)
    broken = tmp_path / "versions.yaml"
    broken.write_text(text.replace(number.group(0), f"\n    number: {number.group(1)}\n", 1), encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    result = run(tool, named_schema(original), [broken], cwd=tmp_path / "elsewhere")
    assert result.returncode != 0
    assert "Schema validation errors were encountered" in result.stdout, result.stdout + result.stderr
    assert f"number: {number.group(1)} is not of type 'string', 'null'" in result.stdout
    assert "resolving $ref" not in result.stdout + result.stderr
