"""Open data: a ``data.json`` beside every clause, section, modification and release page, the bulk
downloads (the whole model, the responsibility matrix of each version as CSV and JSON), a catalogue
of them all, and the JSON Schemas they follow.

Everything is computed from the model and the matrix, indexed once; each page's file costs what its
page costs. Every URL in the files is absolute (``base`` is the site's ``site_url``) and permanent.
JSON is written with sorted keys and fixed separators, so the same data gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Container, Iterable, Iterator
from pathlib import Path

from . import export, feeds, paths
from .corpus_index import CorpusIndex
from .engine import Matrix, Row, Run, row_label
from .model import Clause, ClauseText, Modification, Paragraph, Provenance, Section, Version

SCHEMA_SOURCE = Path(__file__).parent / "schema" / "published"
SCHEMA_DIR = "data/schema/"  # where the schemas are published
CATALOGUE = "data/index.json"
MODEL = "data/model.json"
MATRIX = "responsibility/matrix.json"  # every version, by runs (written by the plugin, described here)
MATRIX_CSV = "responsibility/matrix.csv"
DATA = "data.json"


_COMPACT = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
_PRETTY = json.JSONEncoder(sort_keys=True, ensure_ascii=False, indent=1, separators=(",", ": "))


def dumps(value, pretty: bool = False) -> str:
    """JSON that is the same, byte for byte, for the same data (one encoder each: json.dumps with
    options builds a new one per call)."""
    return _PRETTY.encode(value) + "\n" if pretty else _COMPACT.encode(value)


def data_uri(page_uri: str) -> str:
    """The source path of a page's data file: ``sec/G/G3.20.md`` -> ``sec/G/G3.20/data.json``."""
    return paths.url(page_uri) + DATA


def version_matrix_uri(version: Version, extension: str) -> str:
    """The responsibility matrix of one version, beside its release page: ``versions/6.17/matrix.csv``."""
    return paths.url(paths.version(version)) + "matrix." + extension


def schema_names() -> list[str]:
    return sorted(p.name for p in SCHEMA_SOURCE.glob("*.schema.json"))


class OpenData:
    """The open data files of one site, addressed from ``base`` (the site URL, ending in ``/``)."""

    def __init__(self, index: CorpusIndex, matrix: Matrix, base: str):
        self.index, self.corpus, self.matrix = index, index.corpus, matrix
        self.base = base if base.endswith("/") else base + "/"

    # -- small pieces ----------------------------------------------------------------------------

    def url(self, uri: str, anchor: str | None = None) -> str:
        """The permanent absolute URL of a page (source path ``uri``) or of a file (its own path)."""
        path = paths.url(uri) if uri.endswith(".md") else uri
        return self.base + path + (f"#{anchor}" if anchor else "")

    def schema(self, name: str) -> str:
        return self.base + SCHEMA_DIR + name + ".schema.json"

    def envelope(self, kind: str, page_uri: str) -> dict:
        return {"$schema": self.schema(kind), "kind": kind, "url": self.url(page_uri),
                "data_url": self.url(data_uri(page_uri))}

    def version_ref(self, version: Version | None) -> dict | None:
        if version is None:
            return None
        return {"id": version.id, "label": version.label, "url": self.url(paths.version(version))}

    @staticmethod
    def provenance(p: Provenance | None) -> dict | None:
        return {"source": p.source.id, "source_title": p.source.title, "status": p.status, "note": p.note} if p else None

    def clause_ref(self, clause: Clause) -> dict:
        return {"id": clause.id, "url": self.url(paths.clause(clause))}

    def modification_ref(self, mod_id: str) -> dict:
        return {"id": mod_id, "title": self.corpus.modifications[mod_id].title, "url": self.url(paths.modification(mod_id))}

    @staticmethod
    def verdict(run: Run, changed: bool | None = None) -> dict:
        verdict = run.verdict
        return export.answer_fields(verdict) | {
                "changed": run.changed if changed is None else changed, "twin_mismatch": run.mismatch,
                "reasons": [export.reason_json(r) for r in verdict.reasons]}

    @staticmethod
    def row_ids(row: Row) -> dict:
        return {"row": row.id, "obligation": row.obligation.id, "device": row.device_id,
                "generation": row.generation_id, "label": row_label(row)}

    # -- one data.json per page ------------------------------------------------------------------

    def clause_status(self, clause: Clause) -> dict:
        status = clause.status
        if status is None:
            state = "in-force" if clause.current.last is None else "not-in-force"
            return {"state": state, "in": None, "successor": None, "modification": None, "note": None, "provenance": None}
        successor = self.corpus.clauses[status.successor] if status.successor else None
        return {"state": status.kind, "in": self.version_ref(status.version),
                "successor": successor and self.clause_ref(successor), "modification": status.modification,
                "note": status.note, "provenance": self.provenance(status.provenance)}

    def clause_text(self, clause: Clause, t: ClauseText) -> dict:
        here = paths.clause(clause)
        return {"anchor": paths.text_anchor(t), "url": self.url(here, paths.text_anchor(t)), "from": self.version_ref(t.first),
                "to": self.version_ref(t.last),
                "modification": t.modification, "change_note": t.change_note, "provenance": self.provenance(t.provenance)
                } | export.wording_json(t) | {"paragraphs": self.provisions(here, t, t.paragraphs, ())}

    def provisions(self, here: str, t: ClauseText, items: tuple[Paragraph, ...], above: tuple[str, ...]) -> list[dict]:
        """Provisions with their anchors in the wording's history on the clause page, to any depth."""
        found = []
        for p in items:
            path = (*above, p.id)
            anchor = paths.text_anchor(t, path)
            found.append({"id": p.id, "text": p.text, "anchor": anchor, "url": self.url(here, anchor),
                          "paragraphs": self.provisions(here, t, p.paragraphs, path), "tail": p.tail})
        return found

    def clause(self, clause: Clause) -> dict:
        corpus, matrix, here = self.corpus, self.matrix, paths.clause(clause)
        section = corpus.sections[clause.section_id]
        heading = next(h for h in section.headings if h.id == clause.heading_id)
        obligations = self.index.obligations_of.get(clause.id, [])
        return self.envelope("clause", here) | {
            "id": clause.id, "title": clause.title,
            "section": {"id": section.id, "title": section.title, "url": self.url(paths.section(section.id))},
            "heading": {"id": heading.id, "title": heading.title, "url": self.url(paths.section(section.id), heading.id)},
            "status": self.clause_status(clause),
            "formerly": [self.clause_ref(c) | {"renumbered_in": c.ended.version.id} for c in self.index.predecessors.get(clause.id, [])],
            "current": {"from": clause.current.first.id, "url": self.url(here, paths.text_anchor(clause.current))},
            "texts": [self.clause_text(clause, t) for t in clause.texts],
            "modifications": [self.modification_ref(m) for m in dict.fromkeys(t.modification for t in clause.texts if t.modification)],
            "obligations": [{"id": o.id, "title": o.title, "short": o.short, "url": self.url(paths.obligation(o))}
                            for o in obligations],
        } | self.responsibility([row for o in obligations for row in matrix.rows_of[o.id]])

    def responsibility(self, rows: list[Row]) -> dict:
        """Who bore each row's duty, version by version: each row's runs of versions that read the same,
        as numbers in ``runs``, the list of the distinct runs (many rows share them: listed once)."""
        runs = export.Distinct()
        listed = [self.row_ids(row) | {"runs": [runs.number({"from": run.first.id, "to": run.last.id} | self.verdict(run))
                                                for run in self.matrix.runs(row)]}
                  for row in rows]
        return {"responsibility": listed, "runs": runs.items}

    def section(self, section: Section) -> dict:
        here = paths.section(section.id)
        return self.envelope("section", here) | {
            "id": section.id, "title": section.title, "description": section.description,
            "headings": [{"id": h.id, "title": h.title, "url": self.url(here, h.id),
                          "clauses": [self.clause_ref(c) | {"title": c.title, "data_url": self.url(data_uri(paths.clause(c))),
                                                            "state": self.clause_status(c)["state"],
                                                            "current_from": c.current.first.id,
                                                            "last_in_force": c.current.last.id if c.current.last else None}
                                      for c in h.clauses]}
                         for h in section.headings],
        }

    def modification(self, mod: Modification) -> dict:
        corpus, here = self.corpus, paths.modification(mod)
        facts = export.modification_json(mod)
        return self.envelope("modification", here) | facts | {
            "date": mod.date,
            "drafted_against": self.version_ref(mod.drafted_against),
            "implemented_in": self.version_ref(mod.implemented_in),
            "changes": [{"clause": c, "description": d, "url": self.url(paths.clause(corpus.clauses[c]))}
                        for c, d in mod.changes],
            "texts_introduced": [{"clause": c.id, "from": t.first.id, "url": self.url(paths.clause(c), paths.text_anchor(t))}
                                 for c, _, t in self.index.changes_by.get(mod.id, [])],
            "clauses_withdrawn": [self.clause_ref(c) | {"kind": c.ended.kind, "in": c.ended.version.id}
                                  for c in self.index.withdrawn_by.get(mod.id, [])],
        }

    def version(self, version: Version) -> dict:
        corpus, matrix, here = self.corpus, self.matrix, paths.version(version)
        previous = corpus.previous(version)
        nxt = corpus.versions[version.index + 1] if version.index + 1 < len(corpus.versions) else None
        changed = []
        for clause, i in self.index.introduced_in.get(version.index, []):
            t = clause.texts[i]
            changed.append({"clause": clause.id, "kind": "amended" if i else "new", "modification": t.modification,
                            "change_note": t.change_note, "url": self.url(paths.clause(clause), paths.text_anchor(t)),
                            "provenance": self.provenance(t.provenance)})
        answers = [self.row_ids(r) | {"before": export.answer_fields(matrix.verdict(r, previous)),
                                      "after": export.answer_fields(matrix.verdict(r, version))}
                   for r in matrix.changed_rows.get(version.index, [])] if previous else []
        return self.envelope("version", here) | export.version_json(version) | {
            "date_provenance": self.provenance(version.date_provenance), "number_note": version.number_note,
            "notes": version.notes, "sources": [s.id for s in version.sources],
            "previous": self.version_ref(previous), "next": self.version_ref(nxt),
            "modifications": [self.modification_ref(m.id) for m in self.index.implemented_in.get(version.index, [])],
            "clauses_changed": changed,
            "definitions_changed": [{"term": d.term_id, "kind": "amended" if corpus.terms[d.term_id].definitions.index(d) else "new",
                                     "modification": d.modification, "url": self.url(paths.GLOSSARY, paths.definition_anchor(d)),
                                     "provenance": self.provenance(d.provenance)}
                                    for d in corpus.definitions_introduced_in(version)],
            "clauses_withdrawn": [self.clause_ref(c) | {"kind": c.ended.kind, "successor": c.ended.successor,
                                                        "modification": c.ended.modification}
                                  for c in self.index.withdrawn_in.get(version.index, [])],
            "responsibility_changes": answers,
            "downloads": {"matrix_csv": self.url(version_matrix_uri(version, "csv")),
                          "matrix_json": self.url(version_matrix_uri(version, "json"))},
        }

    def findings(self) -> dict:
        """Each finding once for the rows of its obligation it holds for (as the findings page lists
        them): at 500 obligations, one entry a row was 8 MB, and is 1 MB so."""
        matrix = self.matrix
        items = []
        for alike in matrix.alike_findings:
            f = alike[0]
            items.append({"kind": f.kind, "obligation": f.row.obligation.id, "rows": [g.row.id for g in alike],
                          "detail": f.what, "first": f.first.id, "last": f.last.id,
                          "ended_by": self.version_ref(f.ended_by), "ended_by_modifications": list(matrix.ending_modifications(f)),
                          "clauses": f.citations, "url": self.url(paths.obligation(f.row.obligation), "row-" + paths.row_anchor(f.row))})
        return self.envelope("findings", paths.FINDINGS) | {"findings": items}

    # -- bulk downloads --------------------------------------------------------------------------

    def model(self) -> dict:
        model = export.model_json(self.corpus)
        clauses = self.corpus.clauses
        for section in model["sections"]:
            for heading in section["headings"]:
                for clause in heading["clauses"]:
                    status = clauses[clause["id"]].status
                    clause["status"] = status and {
                        "kind": status.kind, "in": status.version.id, "to": status.successor,
                        "modification": status.modification, "note": status.note,
                        "provenance": export.provenance_json(status.provenance)}
        return {"$schema": self.schema("model"), "url": self.url(MODEL)} | model

    STATE_COLUMNS = ("status", "parties", "answer", "changed", "twin_mismatch", "reasons")
    CSV_FIELDS = ("version", "obligation", *STATE_COLUMNS, "devices")

    def version_matrices(self) -> Iterator[tuple[Version, str, str]]:
        """(version, JSON, CSV) of every version's matrix, built from the runs: each run's answer is
        written once (twice: for its first version, which may be a change, and for the others) and shared.

        Both are compact, since they are what grows with each version (20,000 rows at 4,000 clauses;
        one line a row was 1.2 MB of CSV and 1.5 MB of JSON a version). The JSON holds the version's
        distinct answers once each (``states``) and for each row of responsibility/matrix.json, in its
        order, the number of its answer (0.13 MB). The CSV has one line per obligation and answer,
        listing the devices that have it (0.4 MB); reasons are the compact citations (``+G3.20(b)``)."""
        versions, matrix = self.corpus.versions, self.matrix
        state_rows: list[list[str]] = []  # per row, its answer (as JSON) in each version
        for row in matrix.rows:
            as_state: list[str] = []
            for run in matrix.runs(row):
                length = run.last.index - run.first.index + 1
                as_state += [dumps(self._state(run, run.changed))] + [dumps(self._state(run, False))] * (length - 1)
            state_rows.append(as_state)
        cells: dict[str, tuple[str, ...]] = {}  # an answer's CSV fields, made once
        # zip(*rows): the answers of each version, in row order.
        for version, states in zip(versions, zip(*state_rows) if state_rows else [()] * len(versions)):
            yield version, self._compact_matrix(version, states), self._grouped_csv(version, states, cells)

    def _compact_matrix(self, version: Version, states: Iterable[str]) -> str:
        """A version's matrix.json: each distinct state once, in order of first use, and a state number per row."""
        numbers: dict[str, int] = {}
        indexes = [str(numbers.setdefault(state, len(numbers))) for state in states]
        head = dumps({"$schema": self.schema("matrix-version"), "url": self.url(version_matrix_uri(version, "json")),
                      "version": export.version_json(version), "rows_url": self.url(MATRIX),
                      "state_columns": list(self.STATE_COLUMNS)})
        return head[:-1] + ',"states":[\n' + ",\n".join(numbers) + '\n],"rows":[' + ",".join(indexes) + "]}\n"

    def _grouped_csv(self, version: Version, states: Iterable[str], cells: dict[str, tuple[str, ...]]) -> str:
        """A version's matrix.csv: one line per obligation and answer, in order of first row; ``devices``
        lists each row's id less the obligation (``smets1/chf``; empty for a duty of no device)."""
        groups: dict[tuple[str, str], list[str]] = {}
        for row, state in zip(self.matrix.rows, states):
            groups.setdefault((row.obligation.id, state), []).append(row.id[len(row.obligation.id) + 1:])
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.CSV_FIELDS)
        for (obligation, state), devices in groups.items():
            if state not in cells:
                status, parties, answer, changed, mismatch, reasons = json.loads(state)
                cells[state] = (status, " ".join(parties), export.as_text(answer), str(changed).lower(), str(mismatch).lower(),
                                "; ".join(reasons))
            writer.writerow((version.id, obligation, *cells[state], " ".join(devices)))
        return out.getvalue()

    @staticmethod
    def _reasons(run: Run) -> list[str]:
        return [export.reason_code(r) for r in run.verdict.reasons]

    def _state(self, run: Run, changed: bool) -> list:
        """A row's answer in a version, in the order of STATE_COLUMNS."""
        verdict = run.verdict
        return [verdict.status, [p.id for p in verdict.parties], verdict.answer, changed, run.mismatch, self._reasons(run)]

    # -- schemas and catalogue -------------------------------------------------------------------

    def schemas(self) -> Iterator[tuple[str, str]]:
        """Each published schema, its ``$id`` made the absolute URL it is published at."""
        for name in schema_names():
            schema = json.loads((SCHEMA_SOURCE / name).read_text(encoding="utf-8"))
            schema["$id"] = self.base + SCHEMA_DIR + name
            yield SCHEMA_DIR + name, dumps(schema, pretty=True)

    @staticmethod
    def kind_of(uri: str, subject: object) -> str | None:
        """The kind of the data.json of the page at ``uri`` about ``subject``; None: it has none."""
        for cls, kind in ((Clause, "clause"), (Section, "section"), (Modification, "modification"), (Version, "version")):
            if isinstance(subject, cls):
                return kind
        return "findings" if uri == paths.FINDINGS else None

    def page_data(self, uri: str, subject: object) -> dict | None:
        """The data.json of the page at ``uri`` about ``subject``, or None for a page without one."""
        if isinstance(subject, Clause):
            return self.clause(subject)
        if isinstance(subject, Section):
            return self.section(subject)
        if isinstance(subject, Modification):
            return self.modification(subject)
        if isinstance(subject, Version):
            return self.version(subject)
        return self.findings() if uri == paths.FINDINGS else None

    def catalogue(self, pages: list[tuple[str, str]]) -> dict:
        """The catalogue of every file, with ``pages``: (kind, source path) of each page with a data.json."""
        def entry(uri: str, kind: str, media: str, schema: str | None, title: str) -> dict:
            return {"url": self.url(uri), "kind": kind, "media_type": media,
                    "schema": self.schema(schema) if schema else None, "title": title}

        files = [entry(MODEL, "model", "application/json", "model", "Every fact of the data: the whole model"),
                 entry(MATRIX, "matrix", "application/json", "matrix", "The responsibility matrix, every version, by runs of versions"),
                 entry(MATRIX_CSV, "matrix", "text/csv", None, "The responsibility matrix, every version, by runs of versions (CSV)")]
        for v in self.corpus.versions:
            files.append(entry(version_matrix_uri(v, "json"), "matrix-version", "application/json", "matrix-version",
                               f"The responsibility matrix as at {v.label}"))
            files.append(entry(version_matrix_uri(v, "csv"), "matrix-version", "text/csv", "matrix-version-row",
                               f"The responsibility matrix as at {v.label} (CSV; the schema describes one line)"))
        for uri, title in feeds.FEEDS.items():
            files.append(entry(uri, "feed", "application/atom+xml", None, f"{title} (Atom feed)"))
        listed = [{"kind": kind, "url": self.url(uri), "data_url": self.url(data_uri(uri)), "schema": self.schema(kind)}
                  for kind, uri in pages]
        return {"$schema": self.schema("catalogue"), "url": self.url(CATALOGUE), "files": files, "pages": listed,
                "schemas": [self.base + SCHEMA_DIR + name for name in schema_names()]}

    # -- everything ------------------------------------------------------------------------------

    def files(self, pages: Iterable[tuple[str, object]], again: Container[str] | None = None) -> Iterator[tuple[str, str]]:
        """(path in the site, content) of every open data file but the all-versions matrix: the
        data.json of each of ``pages`` ((source path, subject) of every generated page) that has one,
        then the matrices, the model, the catalogue and the schemas. With ``again`` (after an edit
        that leaves the decision table's answers as they were, see reach.py), only the data.json of
        those pages, and no matrices: the rest is as before.

        Compact JSON: thousands of files, and Python's indenting encoder is many times slower."""
        described = []
        for uri, subject in pages:
            if (kind := self.kind_of(uri, subject)) is not None:
                described.append((kind, uri))
                if again is None or uri in again:
                    yield data_uri(uri), dumps(self.page_data(uri, subject))
        if again is None:
            for version, as_json, as_csv in self.version_matrices():
                yield version_matrix_uri(version, "json"), as_json
                yield version_matrix_uri(version, "csv"), as_csv
        yield MODEL, dumps(self.model())
        yield CATALOGUE, dumps(self.catalogue(described), pretty=True)
        yield from self.schemas()
