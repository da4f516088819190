"""`wiedoetwat eval --directory`: the extracted directory against a hand-written gold file.

Matching is deliberately plain, so the figures mean what they say:
- a person entry matches a gold entry when the surname is the same, one of the gold role's
  phrases is in the extracted role (all its words), and the body is one of the gold body's
  names (equal after normalising, or the same organisation in the bilingual glossary, or an
  alias the extractor itself linked: "BIPT" = "Belgian Institute for ...");
- a body's responsibility is found when an extracted responsibility of a matching body holds
  one of the gold words;
- a citation supports its entry when its quote holds the person's (or the body's) name and
  every word of the role.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from engine.glossary import load_glossary
from engine.text import tokens
from ingest.directory import Entry, load_directory
from ingest.errors import IngestError
from ingest.settings import Settings

_CONJ = frozenset({"and", "en"})


def _norm(name: str) -> str:
    return " ".join(t for t in tokens(name) if t not in _CONJ)


def _glossary_groups() -> list[set[str]]:
    g = load_glossary()
    return [{" ".join(p) for p in group} for group in g.groups]


def same_body(entry_names: list[str], gold_names: list[str], groups: list[set[str]]) -> bool:
    """Alias match: equal names, or names of one glossary group."""
    have = {_norm(n) for n in entry_names if n}
    want = {_norm(n) for n in gold_names}
    if have & want:
        return True
    return any(have & grp and want & grp for grp in groups)


def _surname(name: str) -> str:
    return tokens(name)[-1] if tokens(name) else ""


def _role_has(role: str, phrases: list[str]) -> bool:
    have = set(tokens(role))
    return any(set(tokens(p)) <= have for p in phrases)


def supports(entry: Entry, citation: dict[str, Any]) -> bool:
    """The quote holds the name (person, or body under any of its names) and the role's words."""
    quote = citation.get("quote", "")
    low = quote.lower()
    if entry.person:
        named = entry.person.lower() in low
    else:
        named = any(n.lower() in low for n in [entry.body, *entry.aliases] if n)
    return named and set(tokens(entry.role)) <= set(tokens(quote))


@dataclass
class DirectoryScores:
    person_precision: float
    person_recall: float
    name_precision: float
    name_recall: float
    body_recall: float
    citation_support: float
    missed_people: list[str]
    wrong_people: list[str]
    missed_bodies: list[str]
    unsupported: list[str]


def score(entries: list[Entry], gold: dict[str, Any]) -> DirectoryScores:
    groups = _glossary_groups()
    people = [e for e in entries if e.person and e.relation == "role"]
    gold_people = gold.get("people") or []
    gold_bodies = gold.get("bodies") or []

    def matches(e: Entry, g: dict[str, Any]) -> bool:
        return (
            _surname(e.person or "") == _surname(g["person"])
            and _role_has(e.role, list(g["role"]))
            and same_body([e.body, *e.aliases], list(g["body"]), groups)
        )

    found = [g for g in gold_people if any(matches(e, g) for e in people)]
    right = [e for e in people if any(matches(e, g) for g in gold_people)]
    gold_names = {_surname(g["person"]) for g in gold_people}
    got_names = {_surname(e.person or "") for e in people}
    resp = [e for e in entries if e.relation == "responsibility"]
    bodies_found = [
        g
        for g in gold_bodies
        if any(
            same_body([e.body, *e.aliases], list(g["body"]), groups)
            and any(w.lower() in e.role.lower() for w in g["responsibility"])
            for e in resp
        )
    ]
    cites = [(e, c) for e in entries for c in e.citations]
    bad = [f"{e.person or e.body} | {e.role}" for e, c in cites if not supports(e, c)]
    ratio = lambda a, b: a / b if b else 0.0  # noqa: E731
    return DirectoryScores(
        person_precision=ratio(len(right), len(people)),
        person_recall=ratio(len(found), len(gold_people)),
        name_precision=ratio(len(got_names & gold_names), len(got_names)),
        name_recall=ratio(len(got_names & gold_names), len(gold_names)),
        body_recall=ratio(len(bodies_found), len(gold_bodies)),
        citation_support=ratio(len(cites) - len(bad), len(cites)),
        missed_people=[
            f"{g['person']} | {g['role'][0]} | {g['body'][0]}"
            for g in gold_people
            if g not in found
        ],
        wrong_people=[f"{e.person} | {e.role} | {e.body}" for e in people if e not in right],
        missed_bodies=[g["body"][0] for g in gold_bodies if g not in bodies_found],
        unsupported=bad,
    )


def load_gold(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise IngestError(
            f"{path}: gold file not found: give the path of a directory gold YAML"
        ) from e
    except yaml.YAMLError as e:
        raise IngestError(f"{path}: not valid YAML: fix the gold file") from e
    if not isinstance(data, dict) or not isinstance(data.get("people"), list):
        raise IngestError(f"{path}: a directory gold file needs a 'people' list (and 'bodies')")
    return data


def run_directory_eval(settings: Settings, gold_path: Path) -> int:
    """Print person precision/recall, body-responsibility recall and citation support."""
    from ingest.index import Store

    gold = load_gold(gold_path)
    entries = load_directory(Store(settings, create=False))
    if not entries:
        print("error: the directory is empty: run `wiedoetwat ingest`", file=sys.stderr)
        return 1
    s = score(entries, gold)
    n_people = sum(1 for e in entries if e.person)
    print(f"directory: {len(entries)} entries ({n_people} about people) vs {gold_path}")
    rows = [
        ("person precision (surname + role + body)", s.person_precision),
        ("person recall (surname + role + body)", s.person_recall),
        ("name precision (surnames only)", s.name_precision),
        ("name recall (surnames only)", s.name_recall),
        ("body responsibility recall", s.body_recall),
        ("citations holding name and role", s.citation_support),
    ]
    for label, value in rows:
        print(f"  {label:44} {value:.3f}")
    for title, items in (
        ("missed people", s.missed_people),
        ("people entries not in gold", s.wrong_people),
        ("bodies without their responsibility", s.missed_bodies),
        ("citations not supporting their entry", s.unsupported),
    ):
        if items:
            print(f"{title}:")
            for it in items:
                print(f"  - {it}")
    return 0
