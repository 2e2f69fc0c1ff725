"""``sec-obligations``: check the data and ask it questions from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import engine, export
from .loader import DataError, load

EPILOG = """examples:
  sec-obligations validate                      check ./obligations
  sec-obligations validate path/to/obligations
  sec-obligations who --version 6.17 --generation SMETS1 --device CHF
  sec-obligations who --device CHF              every version, every generation
  sec-obligations export --format csv > matrix.csv
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sec-obligations", description=__doc__, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="obligations", help="the data folder (default: ./obligations)")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check every data file; list every problem with file:line:column",
                                   epilog="example: sec-obligations validate obligations")
    validate.add_argument("dir", nargs="?", help="the data folder (default: --data)")

    who = commands.add_parser("who", help="who is responsible, with the reasons",
                              epilog="example: sec-obligations who --version 6.17 --generation SMETS1 --device CHF",
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    who.add_argument("--version", help="a version id, number or label (default: every version)")
    who.add_argument("--generation", help="a generation id or name (default: every generation)")
    who.add_argument("--device", help="a device type id, short name or name (default: every device type)")
    who.add_argument("--obligation", help="an obligation id (default: every obligation)")
    who.add_argument("--json", action="store_true", help="print JSON instead of text")

    exp = commands.add_parser("export", help="the responsibility matrix as JSON or CSV",
                              epilog="example: sec-obligations export --format csv > matrix.csv")
    exp.add_argument("--format", choices=("json", "csv"), default="json")

    args = parser.parse_args(argv)
    try:
        corpus = load(Path(getattr(args, "dir", None) or args.data))
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    if args.command == "validate":
        print(f"OK: {len(corpus.clauses)} clauses, {len(corpus.versions)} versions, {len(corpus.terms)} terms, "
              f"{len(corpus.obligations)} obligations, {len(corpus.modifications)} modifications")
        return 0
    matrix = engine.Matrix(corpus)
    if args.command == "export":
        sys.stdout.write(export.matrix_csv(matrix) if args.format == "csv" else
                         json.dumps(export.matrix_json(matrix), indent=1, ensure_ascii=False) + "\n")
        return 0
    return _who(matrix, args)


def _pick(table: dict, wanted: str | None, names, what: str):
    """The entries of ``table`` matching ``wanted`` by id or any of ``names(entry)`` (case-insensitive)."""
    if wanted is None:
        return list(table.values())
    found = [x for k, x in table.items() if wanted.lower() in {k.lower(), *(n.lower() for n in names(x) if n)}]
    if not found:
        raise SystemExit(f"unknown {what} '{wanted}' (known: {', '.join(table)})")
    return found


def _who(matrix: engine.Matrix, args) -> int:
    corpus = matrix.corpus
    versions = _pick(corpus.version, args.version, lambda v: (v.number, v.label), "version")
    generations = _pick(corpus.generations, args.generation, lambda g: (g.name,), "generation")
    devices = _pick(corpus.device_types, args.device, lambda d: (d.short, d.name), "device type")
    obligations = _pick(corpus.obligations, args.obligation, lambda o: (o.short, o.title), "obligation")
    rows = [r for r in matrix.rows if r.obligation in obligations and r.device in devices
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
