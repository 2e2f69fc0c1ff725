"""``sec-obligations``: check the data and ask it questions from the command line.

Version, generation, device type and obligation names are looked up in the data folder: use the
ids written there (or a number, label or short name).
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

from . import diff, engine, export, manifest, party, proposal
from .loader import DataError, data_files, load

EPILOG = """examples:
  sec-obligations validate                      check ./obligations; every problem with file:line:column
  sec-obligations check                         what CI runs: validate, then fail on a gap, overlap or
                                                twin-duty difference that the latest version opens
  sec-obligations diff OLD NEW                  what changed from version OLD to version NEW
  sec-obligations who --version V --device D    who is responsible, with the clauses that decide it
  sec-obligations party user --version V        every duty one party bears in a version, as CSV
  sec-obligations export --format csv > matrix.csv
  sec-obligations export --what model > model.json
  sec-obligations --data path/to/obligations check
  sec-obligations urls --update                 after a release: add the new URLs of site/ to urls.txt

Run "sec-obligations COMMAND --help" for the options and examples of one command.
"""


class Progress:
    """Short notes on stderr while a long step runs; silent unless stderr is a terminal."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.on = self.stream.isatty()

    def step(self, message: str) -> None:
        if self.on:
            self.stream.write(f"\r\033[K{message} …")
            self.stream.flush()

    def done(self) -> None:
        if self.on:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _command(commands, name: str, help: str, examples: str):
    return commands.add_parser(name, help=help, description=textwrap.fill(help[0].upper() + help[1:] + ".", 100),
                               epilog="examples:\n" + examples, formatter_class=argparse.RawDescriptionHelpFormatter)


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="sec-obligations", description=__doc__, epilog=EPILOG,
                                          formatter_class=argparse.RawDescriptionHelpFormatter)
    main_parser.add_argument("--data", default="obligations", help="the data folder (default: ./obligations)")
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = _command(commands, "validate", "check every data file and list every problem with file:line:column",
                        "  sec-obligations validate\n  sec-obligations validate path/to/obligations\n")
    check = _command(commands, "check", "validate, then fail if the latest version opens a gap, an overlap or a "
                     "twin-duty difference (findings that ended earlier, or were already open in the version "
                     "before, are reported, not failures)",
                     "  sec-obligations check                 exit status 0: publishable; 1: a data problem or a new finding\n"
                     "  sec-obligations check path/to/obligations\n"
                     "  sec-obligations check --accept gap:OBLIGATION/GENERATION/DEVICE   a reviewed finding that is a fact\n")
    for command in (validate, check):
        command.add_argument("dir", nargs="?", help="the data folder (default: --data)")
    check.add_argument("--proposed", metavar="ID", action="append", default=[],
                       help="a modification not yet in force: fail if it would open a gap, an overlap or a twin-duty "
                            "difference (the engine run on the latest version plus it); repeat for several")
    check.add_argument("--accept", action="append", default=[], metavar="FINDING",
                       help="a new finding that was reviewed and is a true fact of the code, by the id that "
                            "check prints (KIND:ROW); repeat for several")

    compare = _command(commands, "diff", "what changed between two versions: clause wordings, with a word "
                       "redline, and answers of the decision table",
                       "  sec-obligations diff OLD NEW          OLD, NEW: version ids, numbers or labels\n"
                       "  sec-obligations diff OLD NEW --json > changes.json\n\n"
                       "In the text, [-words-] were deleted and {+words+} inserted.\n")
    compare.add_argument("version_a", metavar="VERSION_A", help="the version to compare from (usually the older)")
    compare.add_argument("version_b", metavar="VERSION_B", help="the version to compare with (usually the newer)")
    compare.add_argument("--json", action="store_true", help="print JSON instead of text")

    who = _command(commands, "who", "who is responsible, with the reasons",
                   "  sec-obligations who --version V --generation G --device D\n"
                   "  sec-obligations who --device D        every version, every generation\n"
                   "  sec-obligations who --obligation O --json\n")
    who.add_argument("--version", help="a version id, number or label (default: every version)")
    who.add_argument("--generation", help="a generation id or name (default: every generation)")
    who.add_argument("--device", help="a device type id, short name or name (default: every device type)")
    who.add_argument("--obligation", help="an obligation id (default: every obligation)")
    who.add_argument("--json", action="store_true", help="print JSON instead of text")

    one = _command(commands, "party", "every duty one party bears in a version, or what it gained or lost "
                   "between two versions and the modifications that did it, as CSV (what the decision table's "
                   "party view lists and saves)",
                   "  sec-obligations party user                   in the latest version\n"
                   "  sec-obligations party dcc --version 6.17\n"
                   "  sec-obligations party user --from 5.14 --to 6.21 > user-changes.csv\n")
    one.add_argument("party", metavar="PARTY", help="a party id or name")
    one.add_argument("--version", help="a version id, number or label (default: the latest)")
    one.add_argument("--from", dest="first", metavar="VERSION", help="compare from this version (with --to)")
    one.add_argument("--to", dest="second", metavar="VERSION", help="compare with this version (with --from)")

    exp = _command(commands, "export", "the responsibility matrix as JSON or CSV, or the whole model as JSON",
                   "  sec-obligations export > matrix.json\n"
                   "  sec-obligations export --format csv > matrix.csv\n"
                   "  sec-obligations export --what model > model.json\n")
    exp.add_argument("--what", choices=("matrix", "model"), default="matrix",
                     help="matrix: who bears each duty, by device and version (default); model: every fact of the data")
    exp.add_argument("--format", choices=("json", "csv"), default="json", help="csv is for the matrix only")

    take = _command(commands, "import", "take in a document as published: a Modification Report (Word, PDF or text), "
                    "checked against the wordings held, written into the data",
                    "  sec-obligations import report MP087.docx --version 2019-11-04-ad-hoc --dry-run\n"
                    "  sec-obligations import report MP087.pdf --version 2019-11-04-ad-hoc\n"
                    "  sec-obligations import report DP123.txt     no --version: a proposal, not in force\n"
                    "  sec-obligations import section Section_G.docx --version 6.22 --dry-run\n")
    kinds = take.add_subparsers(dest="kind", required=True, metavar="KIND")
    take_report = kinds.add_parser("report", help="a Modification Report in the SECAS template",
                                   description="Read a Modification Report (.docx, .pdf, .txt or .md), check its Annex A "
                                               "against the wordings held for the version it was drafted against, and "
                                               "write the modification, its new wordings and the report as a source.")
    take_report.add_argument("file", type=Path, metavar="FILE")
    take_report.add_argument("--version", help="the version implementing it (a version id); without it the "
                                               "modification is proposed, not in force")
    take_report.add_argument("--dry-run", action="store_true", help="print what would change; write nothing")

    take_section = kinds.add_parser("section", help="one SEC section document as published, as at a version",
                                    description="Read one section document (.docx, .pdf, .txt or .md) as at VERSION and "
                                                "compare it with the wordings held: unchanged clauses are left as they are, "
                                                "changed ones get a new wording from VERSION, new ones are added, missing "
                                                "ones are reported; Section A's definitions table updates the glossary.")
    take_section.add_argument("file", type=Path, metavar="FILE")
    take_section.add_argument("--version", required=True, help="the version the document is (a version id)")
    take_section.add_argument("--dry-run", action="store_true", help="print what would change; write nothing")

    urls = _command(commands, "urls", "compare the URLs a built site publishes with the list of published URLs "
                    "(urls.txt): fail if one listed is no longer produced; with --update, append the new ones",
                    "  ./dev build && sec-obligations urls            exit status 0: every listed URL is still there\n"
                    "  ./dev build && sec-obligations urls --update   after a release: append the new URLs\n"
                    "  sec-obligations urls --site path/to/site --manifest path/to/urls.txt\n")
    urls.add_argument("--site", default="site", help="the built site (default: ./site)")
    urls.add_argument("--manifest", default=manifest.MANIFEST, help=f"the list of URLs (default: ./{manifest.MANIFEST})")
    urls.add_argument("--update", action="store_true", help="append the URLs the site publishes that are not listed yet")
    return main_parser


def main(argv: list[str] | None = None) -> int:
    cli = parser()
    args = cli.parse_args(argv)
    if args.command == "export" and args.what == "model" and args.format == "csv":
        cli.error("the model is exported as JSON only: use --format json (or leave it out)")
    if args.command == "urls":
        return _urls(args)
    if args.command == "import":
        return _import(args)
    progress = Progress()
    root = Path(getattr(args, "dir", None) or args.data)
    try:
        progress.step(f"loading {len(data_files(root)) if root.is_dir() else 0} data files from {root}")
        corpus = load(root)
    except DataError as error:
        progress.done()
        print(error, file=sys.stderr)
        return 1
    for warning in corpus.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.command == "validate":
        progress.done()
        print(_summary(corpus) + (f" ({len(corpus.warnings)} warning(s): the strict build fails on them)"
                                  if corpus.warnings else ""))
        return 0
    if args.command == "export" and args.what == "model":
        progress.done()
        print(json.dumps(export.model_json(corpus), indent=1, ensure_ascii=False))
        return 0
    progress.step(f"deciding who is responsible in {len(corpus.versions)} versions")
    matrix = engine.Matrix(corpus)
    if args.command == "check":
        progress.step("looking for gaps, overlaps and twin-duty differences")
        findings = matrix.findings
        progress.done()
        status = _check(matrix, findings, set(args.accept))
        for mod_id in args.proposed:
            status = max(status, _check_proposed(corpus, mod_id))
        return status
    if args.command == "diff":
        a, b = _version(corpus, args.version_a), _version(corpus, args.version_b)
        progress.step(f"comparing {a.label} with {b.label}")
        report = diff.compare(corpus, a, b, matrix)
        progress.done()
        sys.stdout.write(json.dumps(report, indent=1, ensure_ascii=False) + "\n" if args.json else diff.as_text(report))
        return 0
    progress.done()
    if args.command == "party":
        return _party(matrix, args)
    if args.command == "export":
        sys.stdout.write(export.matrix_csv(matrix) if args.format == "csv" else
                         json.dumps(export.matrix_json(matrix), indent=1, ensure_ascii=False) + "\n")
        return 0
    return _who(matrix, args)


def _summary(corpus) -> str:
    return (f"OK: {len(corpus.clauses)} clauses, {len(corpus.versions)} versions, {len(corpus.terms)} terms, "
            f"{len(corpus.obligations)} obligations, {len(corpus.modifications)} modifications")


def finding_id(f: engine.Finding) -> str:
    """``KIND:ROW``, e.g. ``gap:<obligation>/<generation>/<device>``: what ``check --accept`` takes."""
    return f"{f.kind}:{f.row.id}"


def _check(matrix: engine.Matrix, findings: list[engine.Finding], accept: set[str]) -> int:
    """Report every finding; fail on those the latest version opens (not open in the version before)."""
    latest = matrix.corpus.latest
    print(_summary(matrix.corpus))
    new = [f for f in findings if f.ended_by is None and f.first == latest]
    failing = [f for f in new if finding_id(f) not in accept]
    print(f"Findings across the history: {len(findings)}; open in the latest version ({latest.label}): "
          f"{sum(f.ended_by is None for f in findings)}; new in it: {len(new)}")
    for f in findings:
        if f.ended_by:
            mods = matrix.ending_modifications(f)
            state = f"ended in {f.ended_by.label}" + (f" by {', '.join(mods)}" if mods else "")
        elif f in new:
            state = "NEW in the latest version" + (", accepted" if f not in failing else "") + f" [{finding_id(f)}]"
        else:
            state = f"still open (since {f.first.label}: not new)"
        span = f.first.label + (f" to {f.last.label}" if f.last != f.first else "")
        print(f"  {f.kind}: {f.detail} ({span}); {state}")
    for unused in sorted(accept - {finding_id(f) for f in new}):
        print(f"note: --accept {unused} matches no new finding")
    if failing:
        print(f"check failed: the latest version ({latest.label}) opens {len(failing)} new finding(s):\n"
              + "".join(f"  {f.kind}: {f.detail} [{finding_id(f)}]\n" for f in failing)
              + "Correct the data, or, if the finding is a true fact of the code, accept it after review "
                "with --accept and its [id].", file=sys.stderr)
        return 1
    print("OK: the latest version opens no new gap, overlap or twin-duty difference"
          + (" that was not accepted" if new else ""))
    return 0


def _check_proposed(corpus, mod_id: str) -> int:
    """What a proposal would change in the decision table; 1 if it would open a finding."""
    mod = corpus.modifications.get(mod_id)
    if mod is None or mod.proposal is None:
        known = ", ".join(m.id for m in corpus.modifications.values() if m.proposal) or "none"
        print(f"check --proposed: '{mod_id}' is not a modification with proposed wording (those held: {known})",
              file=sys.stderr)
        return 1
    found = proposal.effect(corpus, mod)
    print(f"\n{mod.id} (proposed, not in force), as {found.then.label}: {len(found.texts)} clause(s) changed, "
          f"{len(found.answers)} answer(s) would change")
    for row, now, then in found.answers:
        print(f"  {row.obligation.short}: {engine.row_label(row)}: {now.answer} -> {then.answer}")
    for f in found.closed:
        print(f"  would close {f.kind}: {f.detail}")
    if found.opened:
        print(f"check failed: {mod.id} would open {len(found.opened)} finding(s):\n"
              + "".join(f"  {f.kind}: {f.detail} [{finding_id(f)}]\n" for f in found.opened), file=sys.stderr)
        return 1
    print(f"OK: {mod.id} would open no gap, overlap or twin-duty difference")
    return 0


def _import(args) -> int:
    from .intake import importer, section

    root = Path(args.data)
    try:
        if args.kind == "section":
            outcome = section.import_section(root, args.file, args.version, args.dry_run)
        else:
            outcome = importer.import_report(root, args.file, args.version, args.dry_run)
    except (importer.IntakeError, DataError) as error:
        print(error, file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return 1
    importer.print_outcome(outcome, root, args.dry_run, sys.stdout)
    return 0


def _urls(args) -> int:
    """The URL manifest gate on a built site (see manifest.py)."""
    site, listed_file = Path(args.site), Path(args.manifest)
    if not (site / "index.html").is_file():
        print(f"no built site in {site}: build it first (./dev build)", file=sys.stderr)
        return 1
    found = manifest.produced(site)
    listed = manifest.read(listed_file) if listed_file.exists() else []
    gone, added = manifest.missing(listed, found), manifest.new(listed, found)
    print(f"{listed_file} lists {len(listed)} URLs; {site} publishes {len(found)}; {len(added)} not listed yet")
    if args.update and added:
        manifest.append(listed_file, added)
        print(f"appended {len(added)} URL(s) to {listed_file}")
    elif added:
        print("not listed yet (run with --update to append them):\n" + "".join(f"  {url}\n" for url in added), end="")
    if gone:
        print(f"{len(gone)} URL(s) listed in {listed_file} are no longer produced:\n" + "".join(f"  {u}\n" for u in gone)
              + "Keep a renumbered or deleted clause in the data with a 'status' (its page stays); remove a line "
                "from the list only on purpose.", file=sys.stderr)
        return 1
    return 0


def _version(corpus, wanted: str):
    found = _pick(corpus.version, wanted, lambda v: (v.number, v.label), "version")
    if len(found) > 1:
        raise SystemExit(f"'{wanted}' names several versions ({', '.join(v.id for v in found)}): use an id")
    return found[0]


def _pick(table: dict, wanted: str | None, names, what: str):
    """The entries of ``table`` matching ``wanted`` by id or any of ``names(entry)`` (case-insensitive)."""
    if wanted is None:
        return list(table.values())
    found = [x for k, x in table.items() if wanted.lower() in {k.lower(), *(n.lower() for n in names(x) if n)}]
    if not found:
        raise SystemExit(f"unknown {what} '{wanted}' (known: {', '.join(table)})")
    return found


def _party(matrix: engine.Matrix, args) -> int:
    corpus = matrix.corpus
    who = _pick(corpus.parties, args.party, lambda p: (p.name, p.short), "party")[0]
    if (args.first is None) != (args.second is None):
        raise SystemExit("party: give both --from and --to, or neither")
    if args.first is not None:
        found = party.party_changes(matrix, who, _version(corpus, args.first), _version(corpus, args.second))
        sys.stdout.write(party.changes_csv(found))
    else:
        version = _version(corpus, args.version) if args.version else corpus.latest
        sys.stdout.write(party.borne_csv(who, version, party.borne_by(matrix, who, version)))
    return 0


def _who(matrix: engine.Matrix, args) -> int:
    corpus = matrix.corpus
    versions = _pick(corpus.version, args.version, lambda v: (v.number, v.label), "version")
    generations = _pick(corpus.generations, args.generation, lambda g: (g.name,), "generation")
    devices = _pick(corpus.device_types, args.device, lambda d: (d.short, d.name), "device type")
    obligations = _pick(corpus.obligations, args.obligation, lambda o: (o.short, o.title), "obligation")
    rows = [r for r in matrix.rows if r.obligation in obligations
            and (r.device in devices or (r.device is None and args.device is None))
            and (r.generation is None or r.generation in generations)]
    if args.json:
        print(json.dumps([export.verdict_json(matrix.verdict(r, v), v) for r in rows for v in versions], indent=1,
                         ensure_ascii=False))
        return 0
    width = max((len(v.label) for v in versions), default=0)
    for row in rows:
        print(f"{row.obligation.short}: {engine.row_label(row)}")
        for version in versions:
            verdict = matrix.verdict(row, version)
            flag = "  <- changed" if matrix.changed(row, version) else ""
            print(f"  {version.label:<{width}}  {verdict.answer}{flag}")
            for reason in verdict.reasons:
                print(f"  {'':<{width}}    {export.reason_words(reason)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
