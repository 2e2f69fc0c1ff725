"""Write a synthetic SEC-sized data folder in the format of ``obligations/``, deterministically.

    python benchmarks/generate.py OUT_DIR [--size full|1000|250|smoke] [--clauses 4000] [--versions 60] [--seed 1] ...

The corpus is valid under the validator and shaped like the real code: Section A first, whose
clause A1.1 holds the definitions table (every glossary term is defined in it; one term in eight
has a history of definitions, changed by modifications); then sections of headed clauses with
lettered sub-paragraphs, a quarter of them with a nested level ((a)(i)) and a few three or four
deep ((a)(i)(A)(1)); texts that cite other clauses, and provisions that exist in them, and use
defined terms; wordings that change release after release through modifications (the words of
nested provisions too); a few clauses that only come into force in a later version, a few whose
last wording reads "[Not used]" and a couple "[Not used]" throughout; and obligations whose scope
changes with them, twin duties included, so the engine finds gaps, overlaps and mismatches. Most
obligations concern every device type, some a few named ones and some no device at all (a duty of
a party as such); a few rules cite a definition instead of a clause; and obligations whose clause
comes later, or reads "[Not used]" from some version, are not applicable outside their clause's
versions.
"""

from __future__ import annotations

import argparse
import json
import random
import string
from datetime import date, timedelta
from pathlib import Path

SIZES = {  # clauses, versions, changes per version, modifications, terms, obligations
    "full": (4000, 60, 15, 300, 800, 500),
    "1000": (1000, 60, 15, 300, 800, 500),
    "250": (250, 60, 15, 300, 800, 500),
    "smoke": (60, 8, 4, 6, 40, 12),
}
WORDS = ["shall", "ensure", "that", "each", "relevant", "party", "takes", "all", "reasonable", "steps", "to", "comply", "with", "the", "requirements", "applicable", "to", "the", "provision", "operation", "maintenance", "and", "security", "of", "the", "systems", "and", "services", "described", "in", "accordance", "with", "good", "industry", "practice", "within", "the", "timescales", "and", "subject", "to", "the", "conditions", "set", "out", "where", "practicable", "having", "regard", "to", "the", "interests", "of", "energy", "consumers", "and", "the", "efficient", "administration", "of", "this", "Code", "including", "any", "information", "notified", "or", "made", "available", "under", "the", "arrangements"]
ADJECTIVES = ["Adjusted", "Annual", "Authorised", "Central", "Commercial", "Critical", "Enrolled", "Export", "Import", "Local", "Maintained", "Network", "Operational", "Primary", "Registered", "Remote", "Secondary", "Shared", "Smart", "Standard", "Technical", "Validated"]
NOUNS = ["Account", "Agreement", "Alert", "Certificate", "Channel", "Command", "Consumption", "Data", "Device", "Event", "Function", "Gateway", "Hub", "Incident", "Interface", "Key", "Meter", "Notice", "Party", "Process", "Profile", "Record", "Register", "Release", "Report", "Request", "Response", "Role", "Schedule", "Service", "Signal", "Switch", "System", "Tariff", "Test", "Token", "Update"]
PROVENANCE = {"source": "synthetic", "status": "verbatim"}
STATED = {"source": "synthetic", "status": "stated"}
# Provision numbers by depth: (a), (i), (A), (1).
ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")
LEVELS = (string.ascii_lowercase, ROMAN, string.ascii_uppercase, [str(n) for n in range(1, 10)])
CHANGES = {"amended": "Amends the wording.", "inserted": "Inserts the clause.",
           "removed": "Removes the text: the clause reads [Not used]."}
NOTES = {"amended": "Amended by a direction of the Secretary of State.",
         "inserted": "Inserted by a direction of the Secretary of State.",
         "removed": "Text removed by a direction of the Secretary of State: the clause reads [Not used]."}
DEFINITIONS = "A1.1"  # the clause holding the definitions table
DEFINITIONS_LEAD = ("In this Code, except where the context otherwise requires, the expressions in the left hand "
                    "column below shall have the meanings given to them in the right hand column below:")


def section_ids(count: int) -> list[str]:
    letters = string.ascii_uppercase
    return [letters[i] if i < 26 else letters[i // 26 - 1] + letters[i % 26] for i in range(count)]


class Generator:
    def __init__(self, clauses: int, versions: int, changes: int, modifications: int, terms: int,
                 obligations: int, seed: int = 1, every_generation: bool = False):
        self.rng = random.Random(seed)
        self.every_generation = every_generation  # every device type in all four generations
        self.n_clauses, self.n_versions, self.n_changes = clauses, versions, changes
        self.n_mods, self.n_terms, self.n_obligations = modifications, terms, obligations
        self.shapes: dict[str, list] = {}  # clause id -> its provisions' numbers: [(id, [(id, [...]), ...]), ...]
        self.per_section = 160  # clauses a section

    # -- pieces ------------------------------------------------------------------------------

    def words(self, count: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(count))

    def versions(self) -> list[dict]:
        result, day = [], date(2015, 1, 5)
        for i in range(self.n_versions):
            number = f"{i // 12 + 1}.{i % 12 + 1}"
            entry = {"id": number, "number": number, "date": day.isoformat(),
                     "date_provenance": {"source": "synthetic", "status": "stated"}}
            if i % 17 == 5:
                entry["date"] = None
                entry["date_provenance"] = {"source": "synthetic", "status": "reconstructed", "note": "Date not found."}
            elif i % 13 == 7:
                entry["date"] = {"earliest": (day - timedelta(days=10)).isoformat(), "latest": (day + timedelta(days=10)).isoformat()}
                entry["date_provenance"] = {"source": "synthetic", "status": "reconstructed"}
            if i % 4 == 3:
                entry["release"] = f"{day:%B %Y} SEC Release"
            result.append(entry)
            day += timedelta(days=45)
        return result

    def glossary(self, vids: list[str], mods_by_version: dict[str, list[dict]]) -> list[dict]:
        """The terms, all defined in A1.1; one in eight with two or three definitions over time (the
        first from the first version, each next from the version after the last ends, the later ones
        changed by a modification implemented in the version they start in, where there is one)."""
        rng = self.rng
        terms, seen_acronyms, names = [], set(), set()
        while len(terms) < self.n_terms:
            name = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {rng.choice(NOUNS)}"
            if name in names:
                continue
            names.add(name)
            entry = {"id": name.lower().replace(" ", "-"), "term": name, "aliases": [name + "s"]}
            text = f"The {name.lower()}: {self.words(25)}."
            if len(terms) % 8 == 5 and len(vids) > 1:
                starts = [0, *sorted(rng.sample(range(1, len(vids)), min(rng.randint(1, 2), len(vids) - 1)))]
                definitions = []
                for k, start in enumerate(starts):
                    wording = {"from": vids[start]}
                    if k + 1 < len(starts):
                        wording["to"] = vids[starts[k + 1] - 1]
                    if k:
                        text = self.amend_definition(text)
                    wording["text"] = text
                    wording["provenance"] = PROVENANCE
                    candidates = mods_by_version.get(vids[start], []) if k else []
                    if candidates and rng.random() < 0.7:
                        wording["modification"] = rng.choice(candidates)["id"]
                    elif k:
                        wording["change_note"] = "Definition amended by a direction of the Secretary of State."
                    definitions.append(wording)
                entry["definitions"] = definitions
            else:
                entry["definition"] = text
                entry["definition_provenance"] = {"source": "synthetic", "status": "description"}
            entry["defined_in"] = DEFINITIONS
            acronym = "".join(w[0] for w in name.split())
            if len(terms) % 3 == 0:
                while acronym in seen_acronyms:
                    acronym += str(len(terms) % 10)
                seen_acronyms.add(acronym)
                entry["acronym"] = acronym
            terms.append(entry)
        return terms

    def shape(self, count: int, depth: int, level: int = 0) -> list:
        """The numbers of ``count`` provisions nested ``depth`` levels deep: the first of each level
        always holds the next level, the others sometimes."""
        result = []
        for k in range(count):
            inner = []
            if depth > 1 and (k == 0 or self.rng.random() < 0.4):
                inner = self.shape(self.rng.randint(2, 3), depth - 1, level + 1)
            result.append((LEVELS[level][k], inner))
        return result

    def reference(self, target: str) -> str:
        """``Section B2.3``, or half the time one of its provisions at any depth: ``Section B2.3(a)(i)``."""
        shape = self.shapes.get(target)
        if not shape or self.rng.random() >= 0.5:
            return f"Section {target}"
        number, inner = self.rng.choice(shape)
        path = [number]
        while inner and self.rng.random() < 0.6:
            number, inner = self.rng.choice(inner)
            path.append(number)
        return f"Section {target}" + "".join(f"({p})" for p in path)

    def sentence(self, length: int, terms: list[str], clause_ids: list[str]) -> str:
        parts = self.words(length).split()
        for _ in range(2):
            parts.insert(self.rng.randrange(len(parts)), self.rng.choice(terms))
        if clause_ids and self.rng.random() < 0.6:
            parts.insert(self.rng.randrange(len(parts)), self.reference(self.rng.choice(clause_ids)))
        return " ".join(parts)

    def provisions(self, shape: list, terms: list[str], clause_ids: list[str], depth: int = 1) -> list[dict]:
        result = []
        low, high = (15, 30) if depth == 1 else (8, 18)
        for number, inner in shape:
            provision = {"id": number, "text": self.sentence(self.rng.randint(low, high), terms, clause_ids)}
            if inner:
                provision["text"] += ":"
                provision["paragraphs"] = self.provisions(inner, terms, clause_ids, depth + 1)
                if self.rng.random() < 0.4:
                    provision["tail"] = self.sentence(self.rng.randint(6, 12), terms, []) + ";"
            else:
                provision["text"] += ";"
            result.append(provision)
        return result

    def wording(self, shape: list, terms: list[str], clause_ids: list[str]) -> dict:
        text = {"lead": self.sentence(self.rng.randint(35, 70), terms, clause_ids) + ":"}
        if shape:
            text["paragraphs"] = self.provisions(shape, terms, clause_ids)
            text["tail"] = self.sentence(self.rng.randint(8, 20), terms, []) + "."
        return text

    def amend_definition(self, text: str) -> str:
        """A definition ("The <term>: <words>.") with one to four of its words (never the last) changed."""
        words = text.split()
        for _ in range(self.rng.randint(1, 4)):
            words[self.rng.randrange(4, len(words) - 1)] = self.rng.choice(WORDS)
        return " ".join(words)

    def amend(self, wording: dict) -> dict:
        """A new wording: a few words of one part (the lead or a provision at any depth) changed."""
        new = json.loads(json.dumps(wording))
        parts = [(new, "lead")]
        stack = list(new.get("paragraphs", []))
        while stack:
            provision = stack.pop()
            parts.append((provision, "text"))
            stack += provision.get("paragraphs", [])
        part, key = self.rng.choice(parts)
        words = part[key].split()
        for _ in range(self.rng.randint(1, 4)):
            words[self.rng.randrange(len(words) - 1)] = self.rng.choice(WORDS)
        part[key] = " ".join(words)
        return new

    # -- the corpus --------------------------------------------------------------------------

    def write(self, out: Path) -> None:
        rng = self.rng
        out.mkdir(parents=True, exist_ok=True)
        (out / "sections").mkdir(exist_ok=True)
        (out / "modifications").mkdir(exist_ok=True)
        versions = self.versions()
        vids = [v["id"] for v in versions]

        # Modifications: spread over the versions after the first.
        mods = []
        for i in range(self.n_mods):
            index = 1 + i * (len(vids) - 1) // max(self.n_mods, 1)
            mods.append({"id": f"MP{i + 1:03d}", "title": f"Modification {i + 1}: {self.words(6)}",
                         "type": rng.choice(["Self-Governance", "Fast-Track Modification Proposal", "Authority Determination"]),
                         "status": "implemented", "summary": self.words(40) + ".", "drafted_against": vids[index - 1],
                         "implemented_in": vids[index], "provenance": {"source": "synthetic", "status": "stated"},
                         "changes": []})
        mods_by_version: dict[str, list[dict]] = {}
        for mod in mods:
            mods_by_version.setdefault(mod["implemented_in"], []).append(mod)

        terms = self.glossary(vids, mods_by_version)
        spellings = [t["term"] for t in terms] + [t["acronym"] for t in terms if "acronym" in t]
        history_terms = [t["id"] for t in terms if "definitions" in t] or [t["id"] for t in terms]
        generations = [{"id": f"gen-{i}", "name": f"Generation {i}", "description": f"Devices of generation {i}.",
                        "in_scope_from": vids[min(10, len(vids) - 1)] if i == 1 else vids[0],
                        "in_scope_provenance": {"source": "synthetic", "status": "stated"}} for i in range(1, 5)]
        devices = []
        for i in range(20):
            count = 4 if self.every_generation else rng.randint(2, 4)
            gens = [] if i >= 18 and not self.every_generation else sorted(rng.sample([g["id"] for g in generations], count))
            devices.append({"id": f"device-{i}", "name": f"Device Type {i}", "short": f"DT{i}",
                            "description": f"Device type {i}.", "generations": gens})
        device_ids = [d["id"] for d in devices]

        # Clauses: sections of headed clauses, Section A first with the definitions table in A1.1.
        per_section = self.per_section
        sections = section_ids((self.n_clauses + per_section - 1) // per_section)
        ids, layout = [], []
        for s_index, section in enumerate(sections):
            count = min(per_section, self.n_clauses - s_index * per_section)
            for n in range(count):
                clause_id = f"{section}{n // 10 + 1}.{n % 10 + 1}"
                ids.append(clause_id)
                layout.append((section, n // 10, clause_id))
        # A couple of clauses read "[Not used]" throughout; of the rest, one in forty comes into force
        # in a later version and one in a hundred reads "[Not used]" from some version on.
        others = [c for c in ids if c != DEFINITIONS]
        never = rng.sample(others, 2) if len(others) > 20 else []
        never_set = set(never)
        live = [c for c in others if c not in never_set]
        start = dict.fromkeys(ids, 0)  # the version (index) a clause comes into force in
        for c in rng.sample(live, max(1, len(live) // 40) if len(vids) > 2 else 0):
            start[c] = rng.randint(1, max(1, len(vids) // 2))
        late = [c for c in live if start[c]]
        retired = {}  # clause id -> the version (index) from which its last wording reads "[Not used]"
        for c in rng.sample([c for c in live if not start[c]], max(1, len(live) // 100) if len(vids) > 2 else 0):
            retired[c] = rng.randint(len(vids) // 2, len(vids) - 1)
        # Every wording of a clause has the same provisions; a quarter of those with sub-paragraphs
        # nest one level deeper, a few three or four levels.
        for c in ids:
            count = rng.choice([0, 2, 2, 3, 4]) if c != DEFINITIONS and c not in never_set else 0
            depth = 1
            if count:
                draw = rng.random()
                depth = rng.choice([3, 4]) if draw < 0.04 else 2 if draw < 0.29 else 1
            self.shapes[c] = self.shape(count, depth) if count else []

        wordings: dict[str, list[tuple[int, dict | None]]] = {}  # None: "[Not used]"
        for c in ids:
            if c == DEFINITIONS:
                wordings[c] = [(0, {"lead": DEFINITIONS_LEAD, "definitions": True})]
            elif c in never_set:
                wordings[c] = [(0, None)]
            else:
                wordings[c] = [(start[c], self.wording(self.shapes[c], spellings, [x for x in rng.sample(ids, 3) if x != c]))]
        if len(vids) > 1:  # the definitions clause's lead changes once
            wordings[DEFINITIONS].append((len(vids) // 2, self.amend(wordings[DEFINITIONS][-1][1])))
        for v in range(1, len(vids)):
            for clause in rng.sample(live, min(self.n_changes, len(live))):
                if start[clause] < v and v < retired.get(clause, len(vids)):
                    wordings[clause].append((v, self.amend(wordings[clause][-1][1])))
        for clause, v in retired.items():
            wordings[clause].append((v, None))
        texts_of = {}
        for clause, history in wordings.items():
            texts = []
            for k, (v, wording) in enumerate(history):
                entry = {"from": vids[v]}
                if k + 1 < len(history):
                    entry["to"] = vids[history[k + 1][0] - 1]
                what = "removed" if wording is None else "inserted" if k == 0 else "amended"
                candidates = mods_by_version.get(vids[v], []) if v else []
                if candidates:
                    mod = rng.choice(candidates)
                    entry["modification"] = mod["id"]
                    mod["changes"].append({"clause": clause, "description": CHANGES[what]})
                elif v:
                    entry["change_note"] = NOTES[what]
                entry["provenance"] = PROVENANCE
                if wording is None:
                    entry["not_used"] = True
                else:
                    entry.update(wording)
                texts.append(entry)
            texts_of[clause] = texts

        for section in sections:
            headings = []
            for section_id, heading, clause in layout:
                if section_id != section:
                    continue
                if not headings or headings[-1]["index"] != heading:
                    title = "Definitions and Interpretation" if clause == DEFINITIONS else \
                        f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} Arrangements"
                    headings.append({"index": heading, "id": f"heading-{heading + 1}", "title": title, "clauses": []})
                entry = {"id": clause, **({"title": "Definitions"} if clause == DEFINITIONS else {}), "texts": texts_of[clause]}
                headings[-1]["clauses"].append(entry)
            for h in headings:
                del h["index"]
            title = "Section A: Definitions and Interpretation" if section == "A" else f"Section {section} Provisions"
            dump(out / "sections" / f"{section}.yaml", {"id": section, "title": title, "headings": headings}, "section")

        # Obligations cite a clause (and a provision, nested or not) only in the versions it has text.
        obligations = []
        for i in range(self.n_obligations):
            if i % 10 == 4 and late:
                clause = rng.choice(late)  # not applicable before its clause comes into force
            elif i % 20 == 9 and retired:
                clause = rng.choice(sorted(retired))  # not applicable once its clause reads "[Not used]"
            else:
                clause = rng.choice(live)
            history = [v for v, wording in wordings[clause] if wording is not None]
            first, end = history[0], (retired[clause] - 1 if clause in retired else None)
            cite = {"clause": clause}
            shape = self.shapes[clause]
            if shape:
                number, inner = shape[0]
                path = [number]
                while inner and rng.random() < 0.5:
                    number, inner = inner[0]
                    path.append(number)
                cite["paragraph"] = path[0] + "".join(f"({p})" for p in path[1:])
            # Twins have the same scope: every device type, a few named ones, or no device.
            if i % 2 == 1:
                applies = obligations[-1].get("applies_to")
            else:
                kind = (i // 2) % 6
                applies = "no-device" if kind == 2 else \
                    [{"devices": sorted(rng.sample(device_ids, rng.randint(3, 6)))}] if kind == 4 else None
            device_less = applies == "no-device"
            if device_less:
                covered = []
            elif applies:  # within the device types the obligation concerns
                covered = sorted(rng.sample(applies[0]["devices"], rng.randint(1, len(applies[0]["devices"]))))
            else:
                covered = sorted(rng.sample(device_ids, rng.randint(4, 12)))
            rules = []
            split = history[1] if len(history) > 1 else None
            ranges = [(first, split - 1), (split, end)] if split else [(first, end)]
            for k, (low, high) in enumerate(ranges):
                rule = {"party": "user", "cite": cite, "from": vids[low]}
                if high is not None:
                    rule["to"] = vids[high]
                if device_less:
                    if k and rng.random() < 0.3:
                        continue  # nobody bears it from the new wording on: a gap
                else:
                    rule["covers"] = [{"devices": covered}]
                    if k == 0 or rng.random() < 0.5:
                        rule["excludes"] = [{"devices": covered[:2], "generations": ["gen-4"]}]
                rule["provenance"] = STATED
                rules.append(rule)
            if not device_less or rng.random() < 0.4:
                dcc = {"party": "dcc", "from": vids[first]}
                if end is not None:
                    dcc["to"] = vids[end]
                if i % 7 == 3:
                    dcc["cite"] = {"term": rng.choice(history_terms)}  # what the definition includes
                if not device_less:
                    dcc["covers"] = [{"devices": covered[:2], "generations": ["gen-4"]}]
                dcc["provenance"] = STATED
                rules.append(dcc)
            obligation = {"id": f"duty-{i + 1}", "title": f"Duty {i + 1}: {self.words(5)}", "short": f"Duty {i + 1}",
                          "description": self.words(30) + ".", "clauses": [clause], "rules": rules}
            if applies is not None:
                obligation["applies_to"] = applies
            if i % 2 == 1:
                obligation["twin"] = f"duty-{i}"
                obligations[-1]["twin"] = obligation["id"]
            obligations.append(obligation)

        dump(out / "sources.yaml", {"sources": [{"id": "synthetic", "title": "Synthetic corpus generator"}]}, "sources")
        dump(out / "versions.yaml", {"versions": versions}, "versions")
        dump(out / "parties.yaml", {"parties": [
            {"id": "user", "name": "User", "description": "A User."},
            {"id": "dcc", "name": "Data and Communications Company", "short": "DCC", "description": "The DCC."}]}, "parties")
        dump(out / "devices.yaml", {"generations": generations, "device_types": devices}, "devices")
        dump(out / "glossary.yaml", {"terms": terms}, "glossary")
        dump(out / "obligations.yaml", {"obligations": obligations}, "obligations")
        for mod in mods:
            if not mod["changes"]:
                del mod["changes"]
            dump(out / "modifications" / f"{mod['id']}.yaml", mod, "modification")


def dump(path: Path, data: dict, schema: str) -> None:
    """Write YAML (JSON is valid YAML, and much faster to write than PyYAML's emitter)."""
    path.write_text(f"# yaml-language-server: $schema={schema}.schema.json\n" + json.dumps(data, indent=1) + "\n",
                    encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", choices=SIZES, default="full", help="a preset (default: full)")
    for name in ("clauses", "versions", "changes", "modifications", "terms", "obligations"):
        parser.add_argument(f"--{name}", type=int, help=f"override the preset's number of {name}")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    preset = dict(zip(("clauses", "versions", "changes", "modifications", "terms", "obligations"), SIZES[args.size]))
    preset.update({k: v for k, v in vars(args).items() if k in preset and v is not None})
    Generator(**preset, seed=args.seed).write(args.out)


if __name__ == "__main__":
    main()
