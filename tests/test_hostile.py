"""Hostile and malformed data: every problem refused, located and bounded; never a traceback, a
hang or a value echoed whole. Ids that would make bad folder names are refused."""

from __future__ import annotations

import re
import time

import pytest

from sec_obligations.cli import main
from sec_obligations.loader import DataError, load
from sec_obligations.yamldoc import parse


def problems_of(folder) -> list[str]:
    with pytest.raises(DataError) as error:
        load(folder)
    return [str(p) for p in error.value.problems]


LAUGHS = ("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
          + "".join(f"{x}: &{x} [{', '.join(['*' + y] * 9)}]\n" for y, x in zip("abcdefgh", "bcdefghi")))


def test_aliases_are_refused_without_being_expanded():
    start = time.perf_counter()
    doc, problems = parse(LAUGHS, "f.yaml")  # nine levels of nine: 387 million strings if expanded
    assert doc is None and time.perf_counter() - start < 2
    assert str(problems[0]) == "f.yaml:1:4: an anchor (&a) is not allowed: write the value out"
    assert any(str(p).startswith("f.yaml:2:8: an alias (*a) is not allowed") for p in problems)
    assert len(problems) <= 12  # a few of each kind, then one line counting the rest


def test_an_alias_that_passes_the_schema_is_refused_in_the_data(data_copy):
    data_copy.replace("obligations.yaml", "    applies_to: [{devices: [user-systems, chf, gpf, esme, gsme, ppmid, hcalcs]}]\n",
                      "    applies_to: &scope [{devices: [user-systems, chf, gpf, esme, gsme, ppmid, hcalcs]}]\n", 1)
    data_copy.replace("obligations.yaml", "    applies_to: [{devices: [user-systems, chf, gpf, esme, gsme, ppmid, hcalcs]}]\n",
                      "    applies_to: *scope\n", 1)
    problems = problems_of(data_copy.path)
    line = data_copy.line_of("obligations.yaml", "applies_to: *scope")
    assert (f"obligations/obligations.yaml:{line}:17: an alias (*scope) is not allowed: write the value out "
            "(aliases can make a small file expand without bound)") in problems


@pytest.mark.parametrize("text, message", [
    ("a: !!map {b: 1}\n", "1:4: a tag (tag:yaml.org,2002:map) is not allowed"),
    ("a: !!seq [1]\n", "1:4: a tag (tag:yaml.org,2002:seq) is not allowed"),
    ("a: !custom 5\n", "1:4: a tag (!custom) is not allowed"),
    ("a: !!str 5.20\n", "1:4: a tag (tag:yaml.org,2002:str) is not allowed"),
    ("a: !!python/object/apply:os.system [ls]\n", "1:4: a tag (tag:yaml.org,2002:python/object/apply:os.system) is not allowed"),
    ("a: 1\n0x1: 2\n1: 3\n", "3:1: duplicate key '1' (first written at line 2)"),
    ("a:\n\tb: 1\n", "(a tab: YAML indents with spaces only)"),
    ("a: " + "[" * 3000 + "]" * 3000 + "\n", "1:1: the file nests lists and mappings too deeply to be data"),
    ("? [a, b]\n: 1\n", "1:3: a mapping key must be a plain value"),
])
def test_malformed_yaml_is_located(text, message):
    doc, problems = parse(text, "f.yaml")
    assert doc is None and any(message in str(p) for p in problems), problems


def test_text_that_only_looks_like_an_alias_or_tag_is_read():
    doc, problems = parse('a: "x, *y & !z"\nb: \'[&c]\'\nc: fine & *well* !\n', "f.yaml")
    assert problems == [] and doc.data == {"a": "x, *y & !z", "b": "[&c]", "c": "fine & *well* !"}


def test_an_invalid_byte_is_placed_at_its_line(data_copy):
    file = data_copy.file("parties.yaml")
    lines = file.read_bytes().split(b"\n")
    lines[5] = lines[5][:6] + b"\xff" + lines[5][6:]
    file.write_bytes(b"\n".join(lines))
    assert "obligations/parties.yaml:6:7: not UTF-8 text: the byte 0xff cannot start a character (save the file as UTF-8)" \
        in problems_of(data_copy.path)


@pytest.mark.parametrize("bad, message", [
    ('"G3.20\\n"', "is not allowed"),  # a trailing line break: it would end a folder's name
    ("CON", "not a name Windows reserves for devices"),
    ("nul.1", "not a name Windows reserves for devices"),
])
def test_ids_that_would_make_bad_folder_names_are_refused(data_copy, bad, message):
    data_copy.replace("sections/G.yaml", "      - id: G3.21\n", f"      - id: {bad}\n")
    line = data_copy.line_of("sections/G.yaml", f"      - id: {bad}")
    assert any(p.startswith(f"obligations/sections/G.yaml:{line}:") and message in p for p in problems_of(data_copy.path))


def test_ids_that_differ_only_in_case_are_refused(data_copy):
    data_copy.replace("sections/G.yaml", "      - id: G3.21\n", "      - id: g3.20\n")
    assert any("clause id 'g3.20' differs from 'G3.20' only in case" in p for p in problems_of(data_copy.path))


def test_a_huge_value_is_refused_and_not_echoed(data_copy):
    data_copy.replace("parties.yaml", "name: User\n", f"name: {'x' * 200_000}\n")
    problems = problems_of(data_copy.path)
    assert any("200,000 characters: more than the 50,000 a text may have" in p for p in problems)
    assert all(len(p) < 1000 for p in problems)


def test_each_problem_is_reported_once(data_copy, capsys):
    data_copy.replace("obligations.yaml", "party: dcc", "party: dcx", 2)
    assert main(["validate", str(data_copy.path)]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "unknown party 'dcx'" in line]
    assert len(lines) == len(set(lines)) == 2


def test_validate_given_a_file_says_so(data_copy, capsys):
    assert main(["validate", str(data_copy.file("versions.yaml"))]) == 1
    assert "this is a file: give the data folder" in capsys.readouterr().err


def test_a_reference_to_a_clause_or_provision_not_held_warns_at_its_line(data_copy, capsys):
    data_copy.replace("sections/G.yaml", "it shall comply with the requirements of Section G3.18.",
                      "it shall comply with the requirements of Section G3.18(z) and G3.99.", 1)
    corpus = load(data_copy.path)  # a warning, not an error: the data loads
    line = data_copy.line_of("sections/G.yaml", "G3.18(z) and G3.99")
    warnings = [str(w) for w in corpus.warnings]
    assert f"obligations/sections/G.yaml:{line}:13: 'G3.18(z)' names no provision held here: G3.18 has no (z) in any wording" in warnings
    assert f"obligations/sections/G.yaml:{line}:13: 'G3.99' names no clause held here: G3.99 is not in its section file" in warnings
    assert main(["validate", str(data_copy.path)]) == 0
    out, err = capsys.readouterr()
    assert "2 warning(s): the strict build fails on them" in out and err.count("warning: ") == 2


def test_a_strict_build_fails_on_a_reference_not_held(data_copy, tmp_path):
    from sitebuild import build

    data_copy.replace("sections/G.yaml", "it shall comply with the requirements of Section G3.18.",
                      "it shall comply with the requirements of Section G3.18(z).", 1)
    result = build(tmp_path, data=data_copy.path)
    assert result.returncode != 0 and "'G3.18(z)' names no provision held here" in result.output


def test_urls_and_e_mail_addresses_are_never_linked(data_copy):
    from sec_obligations.linking import Linker

    linker = Linker(load(data_copy.path))
    text = "See https://example.org/sec/G3.20/User and write to User@dcc.example, or read G3.20 and the User."
    found = [(text[m.start:m.end], m.kind) for m in linker.find(text)]
    assert found == [("G3.20", "clause"), ("User", "term")]
    data_copy.replace("sections/G.yaml", "it shall comply with the requirements of Section G3.18.",
                      "it shall comply with the requirements at https://example.org/G3.99 and Section G3.18.", 1)
    assert load(data_copy.path).warnings == ()  # a clause number inside a URL is not a reference


def test_schema_and_reference_problems_are_reported_together(data_copy):
    # A modification file the schema refuses, and a reference problem elsewhere: both in one run,
    # and no spurious "unknown modification" for the file refused.
    data_copy.replace("modifications/MP087.yaml", "type: Fast-Track Modification Proposal", "type: [not, text]")
    data_copy.replace("obligations.yaml", "party: dcc", "party: dcx", 1)
    problems = problems_of(data_copy.path)
    assert any(p.startswith("obligations/modifications/MP087.yaml:") and "type" in p for p in problems)
    assert any("unknown party 'dcx'" in p for p in problems)
    assert not any("unknown modification 'MP087'" in p for p in problems)


@pytest.mark.parametrize("name", ["sources.yaml", "parties.yaml", "devices.yaml", "glossary.yaml", "obligations.yaml"])
def test_a_single_file_the_schema_refuses_leaves_the_rest_checked(data_copy, name):
    # An unknown field in the file, and a version no one defined in a section file: both reported,
    # and nothing that the refused file holds is reported unknown elsewhere.
    text = data_copy.file(name).read_text()
    entry = re.search(r"^( *)- id:", text, re.M)
    data_copy.replace(name, entry.group(0), f"{entry.group(1)}- bogus: 1\n{entry.group(1)}  id:")
    data_copy.replace("sections/G.yaml", 'from: "5.20"', 'from: "5.99"')
    problems = problems_of(data_copy.path)
    assert problems[0].startswith(f"obligations/{name}:{data_copy.line_of(name, 'bogus: 1')}:") and "bogus" in problems[0]
    line = data_copy.line_of("sections/G.yaml", '"5.99"')
    unknown = [p for p in problems[1:] if "unknown" in p]  # the rest follows from the unknown version
    assert unknown == [f"obligations/sections/G.yaml:{line}:13: unknown version '5.99' "
                       "(known: 2019-11-04-ad-hoc, 5.14, 5.20, 5.23, 6.17, 6.21)"]


def test_a_refused_versions_file_stops_the_run_with_its_own_problems(data_copy):
    data_copy.replace("versions.yaml", "  - id:", "  - bogus: 1\n    id:")
    data_copy.replace("obligations.yaml", "party: dcc", "party: dcx", 1)
    problems = problems_of(data_copy.path)
    assert len(problems) == 1 and "unknown field 'bogus'" in problems[0]  # every other file names versions


def test_messages_name_files_relative_to_the_working_directory(data_copy, monkeypatch):
    data_copy.replace("obligations.yaml", "party: dcc", "party: dcx", 1)
    line = data_copy.line_of("obligations.yaml", "party: dcx")
    monkeypatch.chdir(data_copy.path.parent.parent)  # above the data folder's parent
    above = data_copy.path.parent.name
    assert problems_of(data_copy.path)[0].startswith(f"{above}/obligations/obligations.yaml:{line}:")
    monkeypatch.chdir(data_copy.path / "sections")  # below it: the file is named in full
    assert problems_of(data_copy.path)[0].startswith(f"{data_copy.path}/obligations.yaml:{line}:")
    assert problems_of("..")[0].startswith(f"../obligations.yaml:{line}:")  # a relative path as given


def test_the_worked_examples_ids_are_refused_in_real_data(data_copy, monkeypatch):
    data_copy.replace("versions.yaml", 'id: "6.21"', 'id: "example-6.21"')
    monkeypatch.delenv("SEC_OBLIGATIONS_EXAMPLES")
    assert any("ids starting 'example-' belong to the authoring guide's worked example" in p
               for p in problems_of(data_copy.path))
