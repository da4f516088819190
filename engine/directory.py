"""The directory as evidence: a sentence that ingest already read as "person -> role -> body".

"Who is the Operational Coordinator of the Knowledge Centre?" is answered by a sentence that
names two coordinators; the directory knows which name goes with which role. A sentence that
cites an entry matching the question's role and body (or the person a "who is X" names) is
flagged for the scorer, and the entry's person is the direct answer. The entries are extracted
at ingest from the wording of the documents (ingest/directory.py), never listed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from engine.question import QuestionInfo
from engine.text import stems_of

if TYPE_CHECKING:
    from engine.evidence import EvidenceIndex, Sentence
    from ingest.directory import Entry


@dataclass(frozen=True)
class Role:
    """A person's role in a body, as one sentence states it."""

    person: str
    role: frozenset[str]  # stems of the role's words ("academic", "coordinator")
    body: frozenset[str]  # stems of the body's names ("knowledge", "centre", ...)
    names: frozenset[str]  # stems of the person's name


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def roles_by_sentence(entries: list[Entry], ev: EvidenceIndex) -> dict[int, list[Role]]:
    """The role entries cited to each sentence of the evidence (by its index)."""
    out: dict[int, list[Role]] = {}
    for e in entries:
        if e.relation != "role" or not e.person:
            continue
        role = Role(
            e.person,
            stems_of(e.role),
            stems_of(" ".join([e.body, *e.aliases])),
            stems_of(e.person),
        )
        for c in e.citations:
            quote = _plain(str(c.get("quote", "")))
            for i in ev.by_chunk.get(str(c.get("chunk_id", "")), []):
                text = _plain(ev.sentences[i].text)
                if quote and (quote[:80] in text or text in quote):
                    out.setdefault(i, []).append(role)
    return out


def matching_role(info: QuestionInfo, s: Sentence, roles: dict[int, list[Role]]) -> Role | None:
    """The entry of this sentence that answers the question: for "who is the <role> of <body>"
    one whose role has the asked role words and whose body (or role) has the other words the
    question names; for "who is <person>" the entry of that person."""
    found = roles.get(s.idx)
    if not found:
        return None
    asked_roles = info.roles
    if info.wants_person and asked_roles:
        named = [f for f in info.focus if f not in asked_roles]
        others = [t for t in info.terms if t not in asked_roles]
        holders = []
        weight = sum(t.weight for t in others)
        best: tuple[float, Role] | None = None
        for r in found:
            if not all(t.found_in(r.role) for t in asked_roles):
                continue
            # the names the question writes, and most of its other words ("wie is de ceo van
            # imec" writes no name), are the entry's body or role; of two such entries, the one
            # that holds more of them ("the *academic* coordinator", not the operational one)
            where = r.body | r.role
            if all(f.found_in(where) for f in named):
                got = sum(t.weight for t in others if t.found_in(where))
                if got > weight / 2 and (best is None or got > best[0]):
                    best = (got, r)
                holders.append(r)
        if best is not None:
            return best[1]
        # "welke staatssecretaris is erbij betrokken?": the one entry of the sentence that holds
        # the asked role, though the question's other words are not its body's
        return holders[0] if len(holders) == 1 and len(found) > 1 else None
    if info.focus and info.qtype == "what":  # "who is Hans Arents?", "wie is Jan Smedts"
        for r in found:
            if all(f.found_in(r.names) for f in info.focus if f not in info.roles):
                return r
    return None
