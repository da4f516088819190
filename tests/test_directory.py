"""The directory (issue 11): extraction quality against the hand-written gold file, the `who`
command, and a new document whose new people appear after ingest with no code change."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from app.who import filter_entries, run_who
from eval.directory import load_gold, score, supports
from ingest.directory import load_directory, sync_directory
from tests.conftest import REPO, make_settings

GOLD = REPO / "eval" / "sets" / "directory_gold.yaml"


@pytest.fixture(scope="module")
def entries(engine):
    """The directory that ingest stored next to the session's index of the report."""
    found = load_directory(engine.store)
    assert found, "ingest stored no directory"
    return found


def _who_json(settings, query: str | None, capsys) -> list[dict]:
    assert run_who(settings, query, as_json=True) == 0
    return json.loads(capsys.readouterr().out)


def test_directory_meets_the_gold_targets(entries) -> None:
    s = score(entries, load_gold(GOLD))
    assert s.person_recall >= 0.95, s.missed_people
    assert s.person_precision >= 0.95, s.wrong_people
    assert s.body_recall >= 0.9, s.missed_bodies
    assert s.citation_support == 1.0, s.unsupported


def test_every_entry_cites_a_quote_holding_its_name_and_role(entries) -> None:
    for e in entries:
        assert e.citations, e
        for c in e.citations:
            assert {"n", "title", "section", "quote", "url", "links", "date"} <= set(c)
            assert supports(e, c), (e.person or e.body, e.role, c["quote"])


def test_unknown_key_personnel_gives_a_body_without_a_guessed_person(entries) -> None:
    unknown = [e for e in entries if e.relation == "people_unknown"]
    assert unknown, "the report's '?' personnel cells give bodies with unknown people"
    for u in unknown:
        assert re.search(r"\bunknown\b", u.citations[0]["quote"])
        row = u.citations[0]["quote"]
        assert not [e for e in entries if e.person and any(c["quote"] == row for c in e.citations)]


def test_a_person_with_two_roles_keeps_both(entries) -> None:
    by_person: dict[str, set[str]] = {}
    for e in entries:
        if e.person:
            by_person.setdefault(e.person, set()).add(e.body)
    assert any(len(bodies) >= 2 for bodies in by_person.values())


def test_who_filters_fuzzily_in_both_languages(engine, settings, capsys) -> None:
    heyman = _who_json(settings, "Heymann", capsys)  # one letter off
    assert heyman and all("Heyman" in (x["person"] or "") for x in heyman)
    dutch = _who_json(settings, "Kenniscentrum", capsys)
    assert any("Knowledge Centre" in x["body"] for x in dutch)
    imec = _who_json(settings, "imec", capsys)
    people = [x["person"] for x in imec if x["person"]]
    assert len(set(people)) >= 2
    assert {"person", "role", "body", "level", "relation", "citations"} <= set(imec[0])
    everything = _who_json(settings, None, capsys)
    assert len(everything) > len(imec) and any(x["person"] is None for x in everything)
    assert filter_entries(load_directory(engine.store), "zzqxv") == []


def test_who_prints_groups_by_level_and_body(engine, settings, capsys) -> None:
    assert run_who(settings, None, as_json=False) == 0
    out = capsys.readouterr().out
    assert re.search(r"^== Federal ==$", out, re.M) and re.search(r"^== Flemish ==$", out, re.M)
    assert re.search(r"^BIPT", out, re.M)


def test_who_without_an_index_says_to_ingest(tmp_path: Path, capsys) -> None:
    assert run_who(make_settings(tmp_path / "nothing"), None, as_json=False) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "wiedoetwat ingest" in err


_NEW_DOC = """---
title: Robotics Governance in Westhoek
date: 2025-10-01
permalink: /2025/2025-10-01/westhoek-robotics/
---
Who looks after robots in the Westhoek region? A short note.

## 1. Federal level

Dr. Annelies Vercammen, the Scientific Director of the Coastal Robotics Institute, advises the
federal government on autonomous ships. The Federal Drone Safety Office is led by Director
Koenraad Pauwelyn. Minister Sofie Dewindt, who is in charge of Maritime Affairs, sets the
federal robotics agenda.

The Harbour Data Authority is responsible for the supervision of data shared between ports.

| Institution | Core Responsibilities | Key Personnel |
|---|---|---|
| Coastal Robotics Institute | Research into robot ships | Dr. Annelies Vercammen (Director) |
| Harbour Data Authority | Supervision of port data | ? |

## 2. Flemish level

Joris Haverbeke serves as the chair of the Westhoek Automation Council. The Westhoek
Automation Council advises the Flemish Department of Ports on the adoption of robots.

## 3. Vlaams niveau

Lotte Degryse is voorzitter van de Raad voor Robotica. Het Agentschap Zeevisserij wordt geleid
door Pieter Vandamme.
"""


def _unwrap(markdown: str) -> str:
    """Paragraphs on one line each (they are wrapped here only to keep the source short)."""
    parts = markdown.strip().split("\n\n")
    keep = ("---", "|", "#")
    return "\n\n".join(p if p.startswith(keep) else " ".join(p.split("\n")) for p in parts) + "\n"


@pytest.fixture(scope="module")
def westhoek(tmp_path_factory: pytest.TempPathFactory, embedder):
    """A corpus of one new document, ingested for real (real embedder, real Chroma)."""
    from ingest.pipeline import run_ingest

    root = tmp_path_factory.mktemp("westhoek")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "westhoek.md").write_text(_unwrap(_NEW_DOC), encoding="utf-8")
    settings = make_settings(root / "data", corpus)
    run_ingest(settings, embedder=embedder, progress=False, say=lambda _m: None)
    return settings


def test_a_new_document_yields_its_people_after_ingest(westhoek, capsys) -> None:
    """No code change: new people, roles and bodies appear in `who --json`."""
    got = _who_json(westhoek, None, capsys)

    def has(person: str, role: str, body: str) -> bool:
        return any(x["person"] == person and role in x["role"] and x["body"] == body for x in got)

    assert has("Annelies Vercammen", "Scientific Director", "Coastal Robotics Institute")
    assert has("Koenraad Pauwelyn", "Director", "Federal Drone Safety Office")
    assert has("Joris Haverbeke", "chair", "Westhoek Automation Council")
    assert has("Lotte Degryse", "voorzitter", "Raad voor Robotica")
    assert any(
        x["person"] == "Pieter Vandamme" and x["body"] == "Agentschap Zeevisserij" for x in got
    )
    minister = [x for x in got if x["person"] == "Sofie Dewindt"]
    assert minister and minister[0]["level"] == "federal" and "Maritime" in minister[0]["role"]
    harbour = [x for x in got if x["body"] == "Harbour Data Authority"]
    assert any(x["relation"] == "people_unknown" for x in harbour)
    assert not any(x["person"] for x in harbour)
    assert any(x["relation"] == "responsibility" and "supervision" in x["role"] for x in harbour)
    assert {x["level"] for x in got if x["person"] == "Joris Haverbeke"} == {"flemish"}
    for x in got:  # every entry is cited from the new document, nothing from elsewhere
        assert x["citations"][0]["url"] == "/2025/2025-10-01/westhoek-robotics/"
    assert not any(x["body"] == "BIPT" for x in got)


def test_the_answerer_reads_roles_from_the_directory(westhoek, embedder) -> None:
    """The engine over the new index (no code change) flags the sentences the directory read
    as "person -> role -> body", and a who-question opens with that entry's person."""
    from engine.core import Engine
    from ingest.index import Store

    engine = Engine(westhoek, Store(westhoek, create=False), embedder)
    people = {r.person for roles in engine.evidence.roles.values() for r in roles}
    assert {"Annelies Vercammen", "Joris Haverbeke", "Koenraad Pauwelyn"} <= people
    answer = engine.ask("Who chairs the Westhoek Automation Council?")
    assert answer.direct == "Joris Haverbeke", answer.answer
    answer = engine.ask("Wie is de Scientific Director van het Coastal Robotics Institute?")
    assert answer.direct == "Annelies Vercammen", answer.answer


def test_sync_replaces_the_directory_whole(westhoek) -> None:
    from ingest.index import Store
    from ingest.pipeline import collect_chunks

    store = Store(westhoek)
    _, chunks = collect_chunks(westhoek)
    before = {e.id for e in load_directory(store)}
    half = [c for c in chunks if "Flemish" not in c.section and "Vlaams" not in c.section]
    n = sync_directory(store, half)
    after = {e.id for e in load_directory(store)}
    assert len(after) == n and after < before
    assert sync_directory(store, chunks) == len(before)
    assert {e.id for e in load_directory(store)} == before
