"""Write a synthetic SEC-sized data folder in the format of ``obligations/``, deterministically.

    python benchmarks/generate.py OUT_DIR [--clauses 4000] [--versions 60] [--seed 1] ...

The corpus is valid under the validator and shaped like the real code: sections of headed
clauses with lettered sub-paragraphs, texts that cite other clauses and use defined terms,
wordings that change release after release through modifications, and obligations whose scope
changes with them, twin duties included, so the engine finds gaps, overlaps and mismatches.
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
WORDS = ("shall ensure that each relevant party takes all reasonable steps to comply with the requirements "
         "applicable to the provision operation maintenance and security of the systems and services described "
         "in accordance with good industry practice within the timescales and subject to the conditions set out "
         "where practicable having regard to the interests of energy consumers and the efficient administration "
         "of this Code including any information notified or made available under the arrangements").split()
ADJECTIVES = ("Adjusted Annual Authorised Central Commercial Critical Enrolled Export Import Local Maintained "
              "Network Operational Primary Registered Remote Secondary Shared Smart Standard Technical Validated").split()
NOUNS = ("Account Agreement Alert Certificate Channel Command Consumption Data Device Event Function Gateway "
         "Hub Incident Interface Key Meter Notice Party Process Profile Record Register Release Report Request "
         "Response Role Schedule Service Signal Switch System Tariff Test Token Update").split()
PROVENANCE = {"source": "synthetic", "status": "verbatim"}


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

    def glossary(self) -> list[dict]:
        terms, seen_acronyms, names = [], set(), set()
        while len(terms) < self.n_terms:
            name = f"{self.rng.choice(ADJECTIVES)} {self.rng.choice(NOUNS)} {self.rng.choice(NOUNS)}"
            if name in names:
                continue
            names.add(name)
            entry = {"id": name.lower().replace(" ", "-"), "term": name, "aliases": [name + "s"],
                     "definition": f"The {name.lower()}: {self.words(25)}.",
                     "definition_provenance": {"source": "synthetic", "status": "description"}}
            acronym = "".join(w[0] for w in name.split())
            if len(terms) % 3 == 0:
                while acronym in seen_acronyms:
                    acronym += str(len(terms) % 10)
                seen_acronyms.add(acronym)
                entry["acronym"] = acronym
            terms.append(entry)
        return terms

    def sentence(self, length: int, terms: list[str], clause_ids: list[str]) -> str:
        parts = self.words(length).split()
        for _ in range(2):
            parts.insert(self.rng.randrange(len(parts)), self.rng.choice(terms))
        if clause_ids and self.rng.random() < 0.6:
            target = self.rng.choice(clause_ids)
            parts.insert(self.rng.randrange(len(parts)), f"Section {target}" + ("(a)" if self.rng.random() < 0.5 else ""))
        return " ".join(parts)

    def wording(self, paragraphs: int, terms: list[str], clause_ids: list[str]) -> dict:
        text = {"lead": self.sentence(self.rng.randint(35, 70), terms, clause_ids) + ":"}
        if paragraphs:
            text["paragraphs"] = [{"id": string.ascii_lowercase[i],
                                   "text": self.sentence(self.rng.randint(15, 30), terms, clause_ids) + ";"}
                                  for i in range(paragraphs)]
            text["tail"] = self.sentence(self.rng.randint(8, 20), terms, []) + "."
        return text

    def amend(self, wording: dict) -> dict:
        """A new wording: a few words of one part changed."""
        new = json.loads(json.dumps(wording))
        parts = [new] + new.get("paragraphs", [])
        part = self.rng.choice(parts)
        key = "lead" if part is new else "text"
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
        terms = self.glossary()
        spellings = [t["term"] for t in terms] + [t["acronym"] for t in terms if "acronym" in t]
        generations = [{"id": f"gen-{i}", "name": f"Generation {i}", "description": f"Devices of generation {i}.",
                        "in_scope_from": vids[min(10, len(vids) - 1)] if i == 1 else vids[0],
                        "in_scope_provenance": {"source": "synthetic", "status": "stated"}} for i in range(1, 5)]
        devices = []
        for i in range(20):
            count = 4 if self.every_generation else rng.randint(2, 4)
            gens = [] if i >= 18 and not self.every_generation else sorted(rng.sample([g["id"] for g in generations], count))
            devices.append({"id": f"device-{i}", "name": f"Device Type {i}", "short": f"DT{i}",
                            "description": f"Device type {i}.", "generations": gens})

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

        # Clauses: sections of headed clauses; every clause has the same sub-paragraphs in every wording.
        per_section = 160
        sections = section_ids((self.n_clauses + per_section - 1) // per_section)
        ids, layout = [], []
        for s_index, section in enumerate(sections):
            count = min(per_section, self.n_clauses - s_index * per_section)
            for n in range(count):
                clause_id = f"{section}{n // 10 + 1}.{n % 10 + 1}"
                ids.append(clause_id)
                layout.append((section, n // 10, clause_id))
        paragraphs = {c: rng.choice([0, 2, 2, 3, 4]) for c in ids}
        wordings = {c: [(0, self.wording(paragraphs[c], spellings, [x for x in rng.sample(ids, 3) if x != c]))] for c in ids}
        for v in range(1, len(vids)):
            for clause in rng.sample(ids, min(self.n_changes, len(ids))):
                wordings[clause].append((v, self.amend(wordings[clause][-1][1])))
        texts_of = {}
        for clause, history in wordings.items():
            texts = []
            for k, (v, wording) in enumerate(history):
                entry = {"from": vids[v]}
                if k + 1 < len(history):
                    entry["to"] = vids[history[k + 1][0] - 1]
                candidates = mods_by_version.get(vids[v], []) if v else []
                if candidates:
                    mod = rng.choice(candidates)
                    entry["modification"] = mod["id"]
                    mod["changes"].append({"clause": clause, "description": "Amends the wording."})
                elif v:
                    entry["change_note"] = "Amended by a direction of the Secretary of State."
                entry["provenance"] = PROVENANCE
                entry.update(wording)
                texts.append(entry)
            texts_of[clause] = texts

        for section in sections:
            headings = []
            for section_id, heading, clause in layout:
                if section_id != section:
                    continue
                if not headings or headings[-1]["index"] != heading:
                    headings.append({"index": heading, "id": f"heading-{heading + 1}",
                                     "title": f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} Arrangements", "clauses": []})
                headings[-1]["clauses"].append({"id": clause, "texts": texts_of[clause]})
            for h in headings:
                del h["index"]
            dump(out / "sections" / f"{section}.yaml", {"id": section, "title": f"Section {section} Provisions",
                                                       "headings": headings}, "section")

        obligations = []
        for i in range(self.n_obligations):
            clause = rng.choice(ids)
            history = wordings[clause]
            paragraph = "a" if paragraphs[clause] else None
            cite = {"clause": clause, **({"paragraph": paragraph} if paragraph else {})}
            covered = sorted(rng.sample([d["id"] for d in devices], rng.randint(4, 12)))
            rules = []
            split = history[1][0] if len(history) > 1 else None
            ranges = [(0, split - 1), (split, None)] if split else [(0, None)]
            for k, (first, last) in enumerate(ranges):
                rule = {"party": "user", "cite": cite, "from": vids[first], "covers": [{"devices": covered}],
                        "provenance": {"source": "synthetic", "status": "stated"}}
                if last is not None:
                    rule["to"] = vids[last]
                if k == 0 or rng.random() < 0.5:
                    rule["excludes"] = [{"devices": covered[:2], "generations": ["gen-4"]}]
                rules.append(rule)
            rules.append({"party": "dcc", "from": vids[0], "covers": [{"devices": covered[:2], "generations": ["gen-4"]}],
                          "provenance": {"source": "synthetic", "status": "stated"}})
            obligation = {"id": f"duty-{i + 1}", "title": f"Duty {i + 1}: {self.words(5)}", "short": f"Duty {i + 1}",
                          "description": self.words(30) + ".", "clauses": [clause], "rules": rules}
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
