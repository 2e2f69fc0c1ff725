"""The authors' workflow on a copy of the data: a scripted new release, `check`, `export`, the editor schema.

The release is the worked example of docs/authoring.md: a hypothetical SEC 99.0 implements a
hypothetical MP999 that drops the words "which forms part of a SMETS2+ Device" from G3.17(b),
so that nobody has the G3.17 duty for SMETS1 hub functions: a new gap. Their ids begin "example-"
(version example-99.0, modification example-MP999, source example-mp999-report), ids reserved for
examples that no real release can take; and it is applied to copies of the pinned data
(tests/data/pinned), which a real release never changes.
"""

from __future__ import annotations

import io
import json
import re

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from sec_obligations import cli
from sec_obligations.cli import main
from sec_obligations.loader import DataError, load
from test_timeline import figure_of

from conftest import DATA, DataCopy
from sitebuild import ROOT, broken_links, build

NARROW = "which forms part of a SMETS2+ Device"

EXAMPLE = "example-"  # the prefix of the ids reserved for examples

SOURCE = """  - id: example-mp999-report
    title: "MP999 Modification Report (hypothetical, for the authoring guide)"
    publisher: SECAS
"""

VERSION = """
  - id: "example-{number}"
    number: "{number}"
    date: "{date}"
    date_provenance: {{source: example-mp999-report, status: stated}}
    release: "{release}"
    sources: [example-mp999-report]
"""

MODIFICATION = """# yaml-language-server: $schema=../../plugins/sec_obligations/schema/modification.schema.json
id: {id}
title: "{title}"
type: Path 3 Modification Proposal
status: implemented
summary: {summary}
drafted_against: "{against}"
implemented_in: "{version}"
changes:
  - clause: G3.17
    description: {summary}
provenance: {{source: example-mp999-report, status: stated}}
"""

G317_B = '''                  (where applicable) any Smart Metering System (excluding a Communications Hub
                  Function or Gas Proxy Function{words}) for which it is the Responsible Supplier,'''

G317_TEXT = '''          - from: "{version}"
            modification: {mod}
            provenance: {{source: example-mp999-report, status: verbatim}}
            lead: >-
              Where a User becomes aware of any material security vulnerability in, or likely
              cause of a material adverse effect on the security of:
            paragraphs:
              - id: a
                text: any hardware, software or firmware which forms part of its User Systems; or
              - id: b
                text: >-
{b}
            tail: it shall comply with the requirements of Section G3.18.
'''

RULE = '''      - party: user
        role: responsible-supplier
        cite: {{clause: G3.17, paragraph: b}}
        from: "{version}"
        covers: [{{devices: [chf, gpf, esme, gsme, ppmid, hcalcs]}}]
        excludes: [{{devices: [chf, gpf]{generations}}}]
        provenance: {{source: example-mp999-report, status: stated}}
'''


def release(data: DataCopy, number: str, mod: str, after: str, date: str, narrow: bool) -> None:
    """Add the version numbered ``number`` (id ``example-<number>``) implementing ``mod`` (id
    ``example-<mod>``), which rewrites G3.17(b) with or without the SMETS2+ words.

    Edits the files exactly as the authoring guide tells an author to: versions.yaml, a new
    modifications/<id>.yaml, the clause's texts in sections/G.yaml and the rules in obligations.yaml.
    """
    version, mod = EXAMPLE + number, EXAMPLE + mod
    if mod == "example-MP999":
        with open(data.file("sources.yaml"), "a", encoding="utf-8") as f:
            f.write(SOURCE)
    with open(data.file("versions.yaml"), "a", encoding="utf-8") as f:
        f.write(VERSION.format(number=number, date=date, release=f"Hypothetical release {number}"))
    what = "keeps only SMETS2+ hub functions out" if narrow else "takes every hub function out"
    data.file(f"modifications/{mod}.yaml").write_text(MODIFICATION.format(
        id=mod, title=f"Example: G3.17(b) {what}", summary=f"Section G3.17(b) {what} of the User's duty.",
        against=after, version=version), encoding="utf-8")
    # The wording in force so far ends with the version before; the new one follows it.
    g = data.file("sections/G.yaml")
    text = g.read_text(encoding="utf-8")
    next_clause = text.index("      - id: G3.18")
    current = text.index("\n", text.rindex("          - from: ", 0, next_clause)) + 1
    new = G317_TEXT.format(version=version, mod=mod, b=G317_B.format(words=" " + NARROW if narrow else ""))
    g.write_text(text[:current] + f'            to: "{after}"\n' + text[current:next_clause].rstrip("\n") + "\n"
                 + new + "\n" + text[next_clause:], encoding="utf-8")
    # The rule citing G3.17(b) ends too; a new rule, before the DCC's, says whom the new wording covers.
    o = data.file("obligations.yaml")
    rules = o.read_text(encoding="utf-8")
    start = rules.rindex("        cite: {clause: G3.17, paragraph: b}\n        from: ")
    current = rules.index("\n", start + len("        cite: {clause: G3.17, paragraph: b}\n")) + 1
    dcc = rules.index("      - party: dcc", start)
    rule = RULE.format(version=version, generations=", generations: [smets2plus]" if narrow else "")
    o.write_text(rules[:current] + f'        to: "{after}"\n' + rules[current:dcc] + rule + rules[dcc:], encoding="utf-8")


def open_gap(data: DataCopy) -> None:
    release(data, "99.0", "MP999", "6.21", "2030-02-27", narrow=False)


def close_gap(data: DataCopy) -> None:
    release(data, "99.1", "MP1000", "example-99.0", "2030-06-26", narrow=True)


def quiet_release(data: DataCopy) -> None:
    """A version that changes nothing held here."""
    with open(data.file("versions.yaml"), "a", encoding="utf-8") as f:
        f.write(VERSION.format(number="99.1", date="2030-06-26", release="Hypothetical release 99.1"))


# -- the CLI on the new release ---------------------------------------------------------------------

def test_new_release_validates_and_check_fails_on_the_gap_it_opens(data_copy, capsys):
    open_gap(data_copy)
    assert main(["validate", str(data_copy.path)]) == 0
    assert capsys.readouterr().out.startswith("OK: 5 clauses, 7 versions, 25 terms, 2 obligations, 2 modifications")
    assert main(["check", str(data_copy.path)]) == 1
    out, err = capsys.readouterr()
    assert "check failed: the latest version (v99.0) opens 4 new finding(s):\n" in err
    assert ("\n  gap: SMETS1 Communications Hub Function: nobody bears 'Notify and act on a security vulnerability' "
            "[gap:notify-vulnerability/smets1/chf]\n") in err
    assert ("\n  twin-mismatch: SMETS1 Gas Proxy Function: Be notified (G3.20) gives User, its twin Notify (G3.17) "
            "gives nobody (gap) [twin-mismatch:arrange-to-be-notified/smets1/gpf]\n") in err
    # the MP087 gap is history, reported but not a failure
    assert ("gap: SMETS1 Communications Hub Function: nobody bears 'Arrange to be notified of security "
            "vulnerabilities' (v5.20 to v6.17); ended in 4 Nov 2019 ad-hoc release by MP087") in out
    assert out.count("NEW in the latest version") == 4


def test_diff_of_the_new_release(data_copy, capsys):
    open_gap(data_copy)
    assert main(["--data", str(data_copy.path), "diff", "6.21", "example-99.0", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (change,) = report["clauses"]
    assert (change["clause"], change["modifications"]) == ("G3.17", ["example-MP999"])
    assert [t.strip() for op, t in change["redline"] if op != "="] == [NARROW]
    assert {(r["obligation"], r["generation"], r["device"], r["before"]["answer"], r["after"]["answer"])
            for r in report["responsibilities"]} == {
        ("notify-vulnerability", "smets1", "chf", "User", "nobody (gap)"),
        ("notify-vulnerability", "smets1", "gpf", "User", "nobody (gap)")}


def test_a_gap_already_open_in_the_version_before_is_not_new(data_copy, capsys):
    open_gap(data_copy)
    quiet_release(data_copy)
    assert main(["check", str(data_copy.path)]) == 0
    out = capsys.readouterr().out
    assert out.count("still open (since v99.0: not new)") == 4
    assert out.endswith("OK: the latest version opens no new gap, overlap or twin-duty difference\n")


def test_a_release_that_closes_the_gap_passes(data_copy, capsys):
    open_gap(data_copy)
    close_gap(data_copy)
    assert main(["check", str(data_copy.path)]) == 0
    out = capsys.readouterr().out
    assert ("gap: SMETS1 Communications Hub Function: nobody bears 'Notify and act on a security vulnerability' "
            "(v99.0); ended in v99.1 by example-MP1000") in out
    assert "new in it: 0" in out


def test_check_on_the_bundled_data_passes_with_the_mp087_gap_as_history(capsys):
    assert main(["check", str(DATA)]) == 0
    out = capsys.readouterr().out
    assert "Findings across the history: 4; open in the latest version (v6.21): 0; new in it: 0" in out
    assert out.count("ended in 4 Nov 2019 ad-hoc release by MP087") == 4


def test_check_fails_on_bad_data(data_copy, capsys):
    data_copy.replace("obligations.yaml", "party: dcc", "party: dcx")
    assert main(["check", str(data_copy.path)]) == 1
    assert "unknown party 'dcx'" in capsys.readouterr().err


def test_the_guide_shows_exactly_the_scripted_release(data_copy, capsys):
    """The worked example of docs/authoring.md: its edits are the ones applied here, its outputs real."""
    guide = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^``` \{ \.(\w+) data-pagefind-ignore \}\n(.*?)^```$",
                        guide[guide.index("{#worked-example}"):], re.M | re.S)
    assert [kind for kind, _ in blocks] == ["yaml"] * 3 + ["diff", "yaml", "diff"] + ["text"] * 3
    open_gap(data_copy)
    data = "\n".join(f.read_text(encoding="utf-8") for f in sorted(data_copy.path.rglob("*.yaml")))
    for kind, body in blocks:
        if kind == "yaml":
            assert body in data, body
        elif kind == "diff":
            assert all(line[1:] in data for line in body.splitlines() if line[:1] in " +"), body
        else:
            command, *expected = body.splitlines()
            assert command.startswith("$ ./dev sec-obligations ")
            main(["--data", str(data_copy.path), *command.split()[3:]])
            shown = capsys.readouterr()
            if "..." in expected:
                assert all(line in (shown.out + shown.err).splitlines() for line in expected if line != "..."), body
            else:
                assert shown.out.splitlines() == expected


# -- the site built from the new release ------------------------------------------------------------

def line(figure, row: str) -> dict:
    """The line of an obligation page's timeline that holds a row (its anchor less ``row-``)."""
    (found,) = [line for line in figure.rows if f"row-{row}" in line["ids"]]
    return found


def spans(line: dict) -> list[tuple[str, int]]:
    """A line's bands as (status, number of versions)."""
    return [(next(c.removeprefix("sec-tl__band--") for c in band["classes"] if c.startswith("sec-tl__band--")), band["span"])
            for band in line["bands"]]


def article(html: str) -> str:
    return html[html.index("<article"):html.index("</article>")]


@pytest.mark.build
def test_the_new_release_is_published(data_copy, tmp_path):
    open_gap(data_copy)
    result = build(tmp_path / "out", data=data_copy.path)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output, result.output
    assert broken_links(result.site) == []

    # The release page: the modification, the clause with its redline, who lost the duty.
    page = article(result.page("versions/example-99.0/"))
    assert 'href="../../modifications/example-MP999/"' in page
    assert 'id="clause-G3.17"' in page and 'href="../../sec/G/G3.17/#v-example-99.0"' in page
    deleted = re.findall(r"<del>(.*?)</del>", page, re.S)
    assert len(deleted) == 1 and re.sub(r"<[^>]+>|\[deleted: |\]", "", deleted[0]) == NARROW
    changes = page.split('id="responsibility"')[1]
    assert re.search(r"SMETS1 Communications Hub Function</th><td>.*?User</span></td><td>.*?nobody \(gap\)", changes)

    # The clause page: the new wording is current, and its history has the redline.
    clause = article(result.page("sec/G/G3.17/"))
    history = clause.split('id="v-example-99.0"')[1]
    assert "Introduced by" in history and "example-MP999" in history
    assert re.search(r"<del><span class=\"sec-sr\">\[deleted: </span>which forms part of a", history)
    assert "to date (current)" in clause.split('id="history"')[0]

    # The decision table: the User's duty ends, a gap opens in 99.0; bands cover versions that read the same.
    notify = figure_of(result.page("responsibility/notify-vulnerability/"))
    # versions: 5.14 | 5.20 5.23 6.17 (the MP087 gap in the twin duty) | ad-hoc 6.21 | 99.0
    smets1_chf = line(notify, "notify-vulnerability-smets1-chf")
    assert spans(smets1_chf) == [("not-applicable", 1), ("party", 3), ("party", 2), ("gap", 1)]
    # a band of its own, marked with the modification that opened it
    assert "sec-tl__band--mismatch" in smets1_chf["bands"][-1]["classes"]
    assert smets1_chf["bands"][-1]["words"] == ("nobody (gap), v99.0; changed; differs from twin duty; wording introduced "
                                                "by example-MP999")
    # a row the release does not change still starts a new band: the wording it rests on changed
    assert spans(line(notify, "notify-vulnerability-smets2plus-esme")) == [("party", 1), ("party", 5), ("party", 1)]
    twin = figure_of(result.page("responsibility/arrange-to-be-notified/"))
    assert line(twin, "arrange-to-be-notified-smets1-chf")["bands"][-1]["words"] == "User, v99.0; differs from twin duty"
    # G3.20 did not change: its DCC band runs on, one band from the MP087 release to 99.0
    assert spans(line(twin, "arrange-to-be-notified-smets2plus-chf")) == [("party", 4), ("party", 3)]

    findings = article(result.page("findings/"))
    assert "still open" in findings and "v99.0 to v99.0" in findings


# -- the publication workflow -----------------------------------------------------------------------

def test_the_workflow_checks_tests_and_builds_before_it_publishes():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    on = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert on["push"]["branches"] == ["main"] and on["push"]["tags"]
    build_job, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = [step.get("run") or step.get("uses") for step in build_job["steps"]]
    order = [next(i for i, step in enumerate(steps) if needle in step)
             for needle in ("checkout", "./dev sec-obligations check", "./dev test", "./dev build", "upload-pages-artifact")]
    assert order == sorted(order)
    assert not [step for step in steps if "build" in step and re.search(r"\s-q\b|--quiet", step)]
    assert re.search(r"mkdocs\" build --strict", (ROOT / "dev").read_text())  # what ./dev build runs
    assert deploy["needs"] == "build" and deploy["steps"][-1]["uses"].startswith("actions/deploy-pages@")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


# -- export of the whole model, help and progress ----------------------------------------------------

def test_export_model_holds_every_fact(corpus, capsys):
    assert main(["--data", str(DATA), "export", "--what", "model"]) == 0
    model = json.loads(capsys.readouterr().out)
    assert [v["id"] for v in model["versions"]] == [v.id for v in corpus.versions]
    (section,) = model["sections"]
    g320 = next(c for h in section["headings"] for c in h["clauses"] if c["id"] == "G3.20")
    assert [(t["from"], t["to"], t["modification"], t["provenance"]["status"]) for t in g320["texts"]] == [
        ("5.14", "6.17", None, "reconstructed"), ("2019-11-04-ad-hoc", None, "MP087", "verbatim")]
    assert g320["texts"][1]["paragraphs"][1]["text"].endswith("for which it is the Responsible Supplier,")
    rule = model["obligations"][1]["rules"][1]
    assert rule["excludes"] == [{"devices": ["chf", "gpf"], "generations": None}] and rule["to"] == "6.17"
    assert model["modifications"][0]["implemented_in"] == "2019-11-04-ad-hoc"
    assert {t["id"] for t in model["terms"]} == set(corpus.terms)
    with pytest.raises(SystemExit):
        main(["export", "--what", "model", "--format", "csv"])
    assert "the model is exported as JSON only" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["validate", "check", "diff", "who", "export"])
def test_every_command_has_help_with_examples(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: sec-obligations {command}") and "\nexamples:\n  sec-obligations " in out


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal(monkeypatch, capsys):
    assert main(["--data", str(DATA), "check"]) == 0
    assert capsys.readouterr().err == ""  # not a terminal: nothing
    terminal = Terminal()
    monkeypatch.setattr(cli.sys, "stderr", terminal)
    assert main(["--data", str(DATA), "check"]) == 0
    shown = terminal.getvalue()
    assert "loading" in shown and "deciding who is responsible in 6 versions" in shown
    assert shown.endswith("\r\033[K")  # the line is cleared before the report


# -- the editor schema and the validator agree -------------------------------------------------------

class _Yaml12(yaml.SafeLoader):
    """As an editor reads YAML (1.2): dates stay strings."""


_Yaml12.yaml_implicit_resolvers = {k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
                                   for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def editor_problems(data: DataCopy, name: str) -> list[tuple[str, int]]:
    """What an editor shows: the schema named in the file's first line, applied with jsonschema
    alone, each problem as (dotted field, line), located with the YAML parser's own marks."""
    text = data.file(name).read_text(encoding="utf-8")
    at_home = (DATA / name).parent  # where the file lives in the repository, beside the schemas
    schema_file = (at_home / re.match(r"# yaml-language-server: \$schema=(\S+)", text).group(1)).resolve()
    registry = Registry(retrieve=lambda uri: Resource.from_contents(json.loads((schema_file.parent / uri).read_text())))
    validator = Draft202012Validator(json.loads(schema_file.read_text()), registry=registry)
    root = yaml.compose(text, Loader=_Yaml12)
    found = []
    for error in validator.iter_errors(yaml.load(text, Loader=_Yaml12)):
        paths = [tuple(error.absolute_path)]
        if error.validator == "additionalProperties":  # an editor marks the unknown key itself
            paths = [paths[0] + (key,) for key in error.instance if key not in error.schema.get("properties", {})]
        found += [(".".join(map(str, path)), _line(root, path)) for path in paths]
    return found


def _line(node, path: tuple) -> int:
    for step in path:
        if isinstance(node, yaml.MappingNode):
            key, node = next((k, v) for k, v in node.value if k.value == step)
            if step == path[-1] and node is not None and not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
                node = key
        else:
            node = node.value[step]
    return node.start_mark.line + 1


MISTAKES = [  # file, text, mistake, the field, the line's text
    ("versions.yaml", 'number: "5.23"', "number: 5.23", "versions.2.number", "number: 5.23"),
    ("parties.yaml", "    short: DCC\n", "    short: DCC\n    shrot: DCC\n", "parties.2.shrot", "shrot"),
    ("sections/G.yaml", "status: verbatim}", "status: guessed}", "headings.0.clauses.3.texts.1.provenance.status",
     "status: guessed"),
    ("obligations.yaml", "    title: Arrange to be notified", "    titel: Arrange to be notified",
     "obligations.1", "- id: arrange-to-be-notified"),
]


@pytest.mark.parametrize("name, old, new, field, needle", MISTAKES, ids=[m[3] for m in MISTAKES])
def test_editor_schema_and_validator_report_a_mistake_alike(data_copy, name, old, new, field, needle):
    data_copy.replace(name, old, new)
    line = data_copy.line_of(name, needle)
    editor = editor_problems(data_copy, name)
    with pytest.raises(DataError) as caught:
        load(data_copy.path)
    validator = [(str(p.where).split(":")[0], p.where.line, p.message) for p in caught.value.problems]
    assert (field, line) in editor
    assert sorted(n for _, n in editor) == sorted(n for _, n, _ in validator)  # every problem, same lines
    assert {f for f, _, _ in validator} == {f"obligations/{name}"}
    (message,) = [m for _, n, m in validator if n == line]
    assert message.startswith(field + ":") or f"unknown field '{field.rsplit('.', 1)[1]}'" in message, message


def test_a_reviewed_new_finding_can_be_accepted(data_copy, capsys):
    open_gap(data_copy)
    ids = [f"gap:notify-vulnerability/smets1/{device}" for device in ("chf", "gpf")]
    ids += [f"twin-mismatch:arrange-to-be-notified/smets1/{device}" for device in ("chf", "gpf")]
    assert main(["check", str(data_copy.path), *(a for i in ids[:3] for a in ("--accept", i))]) == 1
    out, err = capsys.readouterr()
    assert out.count("NEW in the latest version, accepted") == 3
    assert "opens 1 new finding(s):\n" in err and f"gives nobody (gap) [{ids[3]}]\n" in err
    assert main(["check", str(data_copy.path), "--accept", "gap:nothing/like/this",
                 *(a for i in ids for a in ("--accept", i))]) == 0
    out = capsys.readouterr().out
    assert "note: --accept gap:nothing/like/this matches no new finding" in out
    assert out.endswith("difference that was not accepted\n")
