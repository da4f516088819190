"""The directory of who does what, extracted from the chunks at ingest.

`sync_directory(store, chunks)` is called by ingest after the chunks are written: it reads every
chunk (the report and fetched pages alike) with patterns of the language, in English and Dutch,
and keeps the entries in the Chroma collection `<chunks>-directory`, replaced whole each time.

Nothing here names a person, a role or a body: the vocabulary (role nouns, verbs, head words,
column headers, level words) lives in directory_vocab.yaml, and the names come from the
documents themselves (capitalised runs, acronyms defined in brackets, link anchors). The
bilingual glossary only merges names that were extracted (BOSA = FPS BOSA).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from engine.evidence import _BODY_RUN, _rare_capitalised, body_names, person_names
from engine.glossary import load_glossary
from engine.question import ROLE_WORDS
from engine.text import tokens
from ingest.chunk import SECTION_SEP, Chunk
from ingest.sentences import chunk_units

SUFFIX = "-directory"
_PAGE = 500
_VOCAB_PATH = Path(__file__).with_name("directory_vocab.yaml")


# -- vocabulary ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Vocab:
    role_nouns: frozenset[str]
    political: tuple[str, ...]
    honorifics: frozenset[str]
    plan_heads: frozenset[str]
    body_heads: frozenset[str]
    not_bodies: frozenset[str]
    governments: dict[str, str]
    levels: dict[str, list[str]]
    level_fallback: str
    np_triggers: tuple[str, ...]
    verb_triggers: tuple[str, ...]
    passives: tuple[str, ...]
    role_preps: frozenset[str]
    resp_verbs: tuple[str, ...]
    mission_nouns: tuple[str, ...]
    designations: tuple[str, ...]
    relations: dict[str, tuple[str, ...]]
    columns: dict[str, list[str]]
    unknown_cells: frozenset[str]


def _longest_first(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({str(i).lower() for i in items}, key=lambda s: (-len(s), s)))


@cache
def vocab() -> Vocab:
    """The extractor's vocabulary, with the engine's role nouns and body head words."""
    from engine.evidence import _BODY_HEADS

    d = yaml.safe_load(_VOCAB_PATH.read_text(encoding="utf-8"))
    return Vocab(
        role_nouns=frozenset(ROLE_WORDS) | {str(w).lower() for w in d["role_nouns"]},
        political=_longest_first(d["political_roles"]),
        honorifics=frozenset(str(w).lower().strip(".") for w in d["honorifics"]),
        plan_heads=frozenset(str(w).lower() for w in d["plan_heads"]),
        body_heads=frozenset(_BODY_HEADS) | {str(w).lower() for w in d["body_heads"]},
        not_bodies=frozenset(str(w) for w in d["not_bodies"]),
        governments={str(k): str(v) for k, v in d["governments"].items()},
        levels={str(k): [str(w).lower() for w in v] for k, v in d["levels"].items()},
        level_fallback=str(d["level_fallback"]),
        np_triggers=_longest_first(d["person_predicates"]["np"]),
        verb_triggers=_longest_first(d["person_predicates"]["verb"]),
        passives=_longest_first(d["agent_passives"]),
        role_preps=frozenset(str(w).lower() for w in d["role_prepositions"]),
        resp_verbs=_longest_first(d["responsibility_verbs"]),
        mission_nouns=_longest_first(d["mission_nouns"]),
        designations=_longest_first(d["designation_verbs"]),
        relations={k: _longest_first(v) for k, v in d["body_relations"].items()},
        columns={k: [str(w).lower() for w in v] for k, v in d["columns"].items()},
        unknown_cells=frozenset(str(w).lower() for w in d["unknown_cells"]),
    )


# -- entries -------------------------------------------------------------------------------------
@dataclass
class Entry:
    """One line of the directory: a person's role in a body, or what a body does or is tied to.

    relation: "role" (person -> role -> body), "responsibility" (body -> what it does),
    "people_unknown" (a body whose key people a source leaves open), or a body -> body tie
    (led_by, managed_by, part_of, advises, manages, collaboration_of, leads, mandate).
    """

    person: str | None
    role: str
    body: str
    level: str
    relation: str
    target: str | None = None
    citations: list[dict[str, Any]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # other names of the body, for search

    def key(self) -> tuple[str, ...]:
        return (
            (self.person or "").lower(),
            self.role.lower(),
            self.body.lower(),
            self.relation,
            (self.target or "").lower(),
        )

    @property
    def id(self) -> str:
        """Content hash: the same entry with the same sources gets the same id."""
        payload = json.dumps([self.key(), [c["quote"] for c in self.citations]], sort_keys=True)
        return hashlib.sha1(payload.encode()).hexdigest()

    def searchable(self) -> str:
        parts = [self.person or "", self.role, self.body, self.target or "", self.level]
        return " | ".join(p for p in [*parts, *self.aliases] if p)

    def to_public(self) -> dict[str, Any]:
        """The `who --json` object."""
        return {
            "person": self.person,
            "role": self.role,
            "body": self.body,
            "level": self.level,
            "relation": self.relation,
            "target": self.target,
            "citations": [{k: v for k, v in c.items() if k != "chunk_id"} for c in self.citations],
        }


# -- names in a sentence -------------------------------------------------------------------------
_ACRO_TOKEN = re.compile(r"(?<![\w.#-])[A-Za-z][A-Za-z0-9&!-]*[A-Za-z0-9!](?![\w-])")
_DEFINITION = re.compile(
    r"((?:[A-Z][\w&'’.-]*(?:,\s+|\s+(?:(?:and|for|of|&|en|voor|van|de|der)\s+)*)){0,7}"
    r"[A-Z][\w&'’.-]*)"
    r"\s+\(([A-Z][A-Za-z0-9&-]{1,11})\)"
)
_LEADING_ARTICLE = re.compile(r"^(?:the|de|het|een|a|an)\s+", re.I)
_ROMAN = re.compile(r"^[IVX]+$")


@dataclass
class Mention:
    start: int
    end: int
    name: str
    kind: str  # body or plan


def _is_acronym(tok: str) -> bool:
    v = vocab()
    caps = sum(ch.isupper() for ch in tok)
    return (
        caps >= 2
        and tok not in v.not_bodies
        and tok.rstrip("s") not in v.not_bodies
        and tok.lower() not in v.role_nouns
        and not _ROMAN.match(tok)
        and not tok.isdigit()
        and not re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+", tok)  # "Data-Driven"
    )


def _kind(name: str) -> str:
    """A plan (or law, or programme document) when its last head word is a plan word."""
    v = vocab()
    kind = "body"
    for w in re.split(r"[\s/-]+", name.lower()):
        w = w.strip("().,;:!")
        if w in v.plan_heads:
            kind = "plan"
        elif w in v.body_heads:
            kind = "body"
    return kind


class Lexicon:
    """Names of bodies and plans found in the corpus itself: runs with a head word, acronyms
    defined in brackets, link anchors that are not people. Aliases join a name and its acronym."""

    def __init__(self, texts: list[str], anchors: list[str], rare: frozenset[str]) -> None:
        self.rare = rare
        names: set[str] = set()
        self.parent: dict[str, str] = {}
        for text in texts:
            for m in _DEFINITION.finditer(text):
                long = _LEADING_ARTICLE.sub("", m.group(1).strip())
                acr = m.group(2)
                if _is_acronym(acr) and len(long.split()) >= 2 and not self._role_like(long):
                    names.update({long, acr})
                    self.union(long, acr)
        for a in anchors:
            a = _LEADING_ARTICLE.sub("", a.strip())
            if not a or len(a.split()) > 6 or "(" in a or "/" in a:
                continue
            if person_names(a, rare) or self._role_like(a) or not a[0].isalpha():
                continue
            if a.islower() and " " in a:
                continue
            names.add(a)
        self.names = sorted(names, key=len, reverse=True)
        self._pattern = (
            re.compile(
                "|".join(rf"(?<![\w-]){self._pat(n)}(?![\w-])" for n in self.names),
            )
            if self.names
            else None
        )

    @staticmethod
    def _pat(name: str) -> str:
        first = name[0]
        rest = re.escape(name[1:])
        return f"[{first.lower()}{first.upper()}]{rest}" if first.isalpha() else re.escape(name)

    @staticmethod
    def _role_like(text: str) -> bool:
        words = [w.lower().strip(".,()") for w in re.split(r"[\s]+", text)]
        return any(w in vocab().role_nouns for w in words) and not any(
            w in vocab().body_heads for w in words
        )

    def find(self, root: str) -> str:
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb

    def mentions(self, sentence: str) -> list[Mention]:
        """Bodies and plans named in a sentence, longest first where they overlap."""
        found: list[tuple[int, int]] = []
        if self._pattern:
            found += [(m.start(), m.end()) for m in self._pattern.finditer(sentence)]
        for name in _body_runs(sentence):
            i = sentence.find(name)
            if i >= 0:
                found.append((i, i + len(name)))
        # consecutive acronyms are one name ("FPS BOSA", "DG SD")
        acr = [m for m in _ACRO_TOKEN.finditer(sentence) if _is_acronym(m.group(0))]
        k = 0
        while k < len(acr):
            j = k
            while j + 1 < len(acr) and sentence[acr[j].end() : acr[j + 1].start()] == " ":
                j += 1
            found.append((acr[k].start(), acr[j].end()))
            k = j + 1
        found.sort(key=lambda p: (p[0], -(p[1] - p[0])))
        merged: list[tuple[int, int]] = []
        for s, e in found:
            if merged and s < merged[-1][1]:
                if e > merged[-1][1]:
                    merged[-1] = (merged[-1][0], e)
                continue
            merged.append((s, e))
        out: list[Mention] = []
        heads = vocab().body_heads
        for s, e in merged:
            # "VAIA (Flemish AI Academy) steering committee", "AI4Belgium coalition"
            if _is_acronym(sentence[s:e].split()[-1]):  # "FPS Foreign Affairs", "FOD Economie"
                run = re.match(r"(?:\s+(?:&\s+|and\s+|en\s+)?[A-Z][a-zà-ÿ]+){1,3}", sentence[e:])
                if (
                    run
                    and not has_role_noun(run.group(0))
                    and not person_names(run.group(0), frozenset())
                ):
                    e += run.end()
            for n_words in (3, 2, 1):
                tail = re.match(
                    r"(\s+\([^()]{1,60}\))?((?:\s+[a-z][\w-]*){" + str(n_words) + r"})(?![\w-])",
                    sentence[e:],
                )
                if tail and tail.group(2).split()[-1] in heads:
                    e += tail.end()
                    break
            raw = sentence[s:e].rstrip(".,;:'’")
            if raw.endswith(("'s", "’s")):
                raw = raw[:-2]
            name = re.sub(r"\s+\([^()]*\)", "", raw).strip()
            name = re.sub(r"^.*?['’]s\s+(?=[A-Z])", "", name)  # "Digitaal Vlaanderen's AI ..."
            name = _LEADING_ARTICLE.sub("", name)
            if not name or name.lower() in vocab().role_nouns:
                continue
            out.append(Mention(s, s + len(raw), name, _kind(name)))
        return out


# -- small helpers -------------------------------------------------------------------------------
def _body_runs(sentence: str) -> list[str]:
    """Capitalised runs with a body's head word (the engine's and this vocabulary's)."""
    heads = vocab().body_heads
    out = list(body_names(sentence))
    for m in _BODY_RUN.finditer(sentence):
        run = re.sub(r"^(?:The|De|Het)\s+", "", m.group(0))
        if run not in out and any(w.lower() in heads for w in re.split(r"[\s-]+", run)):
            out.append(run)
    return out


def _words(text: str) -> list[str]:
    out = [w.lower().strip(".,;:()!") for w in re.split(r"[\s/]+", text) if w]
    return [re.sub(r"['’]s?$", "", w) for w in out]


def has_role_noun(text: str) -> bool:
    nouns = vocab().role_nouns
    for w in _words(text):
        if w in nouns or any(p in nouns for p in w.split("-") if len(w.split("-")) == 1):
            return True
    return False


def _political(role: str) -> bool:
    low = " " + role.lower() + " "
    return any(f" {p} " in low or low.strip().startswith(p) for p in vocab().political)


def _level_in(text: str, levels: Iterable[str] | None = None) -> str | None:
    low = " " + re.sub(r"[^\w\s'’-]", " ", text.lower()) + " "
    v = vocab()
    for level in levels or v.levels:
        for w in v.levels[level]:
            if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", low):
                return level
    return None


def _nearest_level(text: str) -> str | None:
    """The government level named last in a text (federal, Flemish, ...), research aside."""
    v = vocab()
    best: tuple[int, str] | None = None
    low = text.lower()
    for level, words in v.levels.items():
        if level == "research":
            continue
        for w in words:
            for m in re.finditer(rf"(?<![\w-]){re.escape(w)}(?![\w-])", low):
                if best is None or m.start() > best[0]:
                    best = (m.start(), level)
    return best[1] if best else None


def _starts(text: str, options: Iterable[str]) -> str | None:
    low = text.lower()
    for o in options:
        if low.startswith(o) and (len(low) == len(o) or not low[len(o)].isalnum()):
            return text[: len(o)]
    return None


_CONNECTORS = re.compile(
    r"^(?:(?:who|which|that|but|also|and|both|not only|die|dat|en|maar|ook|zowel|tevens)\s+)+",
    re.I,
)
_CLAUSE_SPLIT = re.compile(
    r",|;|\s(?=(?:who|which|that|but also|and is|and also|and serves|and chairs|and leads|die|dat"
    r"|en is|en zit|en leidt|maar ook|where|waar)\b)"
)
# "The primary administrative body overseeing the plan is the ...": what comes after is named
_INVERTED = (
    r"(?:^|[,:;]\s+)((?:The|the|De|de|Het|het)\s+(?:[\w'’-]+\s+){1,14}?)(?:is|was)\s+"
    r"(?:the\s+|de\s+|het\s+)?"
)
# what may stand before a sentence's subject: a lead-in ending in a comma, an article
_CLAUSE_START = re.compile(
    r"(?:.*[,:;]\s+|.*\b(?:and|en)\s+)?"
    r"(?:(?:the|de|het|its|their|zijn|haar|The|De|Het|Its|Their|Zijn|Haar)\s+"
    r"(?:[a-z][\w-]*\s+){0,2})?\s*",
    re.S,
)
_ARTICLES = re.compile(
    r"^(?:(?:the|a|an|de|het|een|currently|now|also|both|momenteel|ook|thus)\s+)+", re.I
)


# -- the extractor -------------------------------------------------------------------------------
@dataclass
class _Unit:
    text: str
    chunk: Chunk
    place: str
    index: int  # position among the document's units
    doc_units: list[_Unit] = field(default_factory=list, repr=False)  # all of them, in order


@dataclass
class _Raw:
    person: str | None
    role: str
    body: str | None
    relation: str
    units: list[_Unit]
    target: str | None = None
    level_hint: str | None = None


class Extractor:
    def __init__(self, chunks: list[Chunk]) -> None:
        self.chunks = sorted(chunks, key=lambda c: (c.doc.doc_id, c.order))
        units_text: list[str] = []
        anchors: list[str] = []
        for c in self.chunks:
            units_text += [s for s, _ in chunk_units(c.text, c.is_table_row)]
            anchors += [lk.text for lk in c.links]
        self.rare, _ = _rare_capitalised(units_text)
        self.lex = Lexicon(units_text, anchors, self.rare)
        self.raw: list[_Raw] = []

    # persons ------------------------------------------------------------------------------------
    def persons(self, sentence: str) -> list[tuple[str, int, int]]:
        out = []
        pos = 0
        for found in person_names(sentence, self.rare):
            i = sentence.find(found, pos)
            if i < 0:
                continue
            pos = i + len(found)
            words = found.split()
            roles = [k for k, w in enumerate(words) if has_role_noun(w)]
            cut = roles[-1] + 1 if roles else 0
            # "Operational Coordinator Pieter Duysburgh", "(Secretary of) State Mathieu Michel"
            while cut < len(words) - 2 and words[cut].lower() not in self.rare:
                cut += 1
            name = " ".join(words[cut:])
            if len([w for w in words[cut:] if w[:1].isupper()]) < 2:
                continue
            start = i + found.index(name)
            out.append((name, start, start + len(name)))
        return out

    def bodies(self, text: str) -> list[Mention]:
        return [m for m in self.lex.mentions(text) if m.kind == "body"]

    def _title_before(self, sentence: str, start: int) -> str | None:
        m = re.search(r"((?:[A-Z][\w.'’-]*\s+(?:(?:of|van|for|voor)\s+)?){1,4})$", sentence[:start])
        if not m:
            return None
        words = m.group(1).split()
        while words and words[-1].lower().strip(".") in vocab().honorifics:
            words.pop()
        while words and words[0].lower() in ("of", "van", "for", "voor"):
            words.pop(0)
        title = " ".join(words)
        # only the words from the first role noun on ("... is Minister X" -> Minister)
        ws = title.split()
        first = next((i for i, w in enumerate(ws) if has_role_noun(w)), None)
        if first is None:
            return None
        # a title is capitalised role words; keep the capitalised run ending at the name
        return " ".join(ws[max(0, first - 2) :]) if ws else None

    def _role_np(self, phrase: str) -> list[tuple[str, str | None]]:
        """'the Academic Coordinator of the Knowledge Centre' -> [(Academic Coordinator, KC)];
        'an imec fellow and the CTO for AI' -> two roles sharing the body named in either."""
        phrase = _ARTICLES.sub("", phrase.strip()).strip()
        if not phrase or not has_role_noun(phrase):
            return []
        pieces = re.split(r"(\s+(?:and|en)\s+)(?=(?:the|a|an|de|het|een)\s|[A-Z])", phrase)
        parts = [pieces[0]]
        for sep, piece in zip(pieces[1::2], pieces[2::2], strict=True):
            if has_role_noun(piece) and len(piece.split()) > 1 and len(parts[-1].split()) > 1:
                parts.append(piece)
            else:
                parts[-1] += sep + piece
        out: list[tuple[str, str | None]] = []
        shared: str | None = None
        for part in parts:
            part = _ARTICLES.sub("", part).strip()
            role, body = part, None
            mentions = self.bodies(part)
            for m in mentions:
                before = part[: m.start].rstrip()
                prep = before.split()[-1].lower() if before.split() else ""
                if prep in ("the", "de", "het") and len(before.split()) > 1:
                    prep = before.split()[-2].lower()
                    before = " ".join(before.split()[:-1])
                if prep in vocab().role_preps and has_role_noun(before):
                    role = before[: before.lower().rfind(prep)].strip()
                    body = m.name
                    break
            if body is None and not _political(part):
                run = re.search(
                    r"\s(?:at|of|within|bij|van|binnen)\s+(?:the\s+|de\s+|het\s+)?"
                    r"([A-Z][\w&'’.-]*(?:\s+(?:(?:and|of|for|&|en|van|voor)\s+)?[A-Z][\w&'’.-]*)*)",
                    part,
                )
                if (
                    run
                    and run.group(1) not in vocab().not_bodies
                    and has_role_noun(part[: run.start()])
                ):
                    role, body = part[: run.start()].strip(), run.group(1)
            if body is None and mentions:
                body = mentions[0].name  # "imec fellow"
            shared = shared or body
            if len(role.split()) > 14 or not has_role_noun(role):
                continue
            role = role.strip(" ,;:")
            if role.endswith(".") and not re.search(r"\b\w\.\w\.$", role):
                role = role[:-1]
            out.append((role, body))
        return [(r, (b or shared or "").rstrip(".") or None) for r, b in out]

    def _predicates(self, text: str, title: str | None) -> list[tuple[str, str | None]]:
        """Roles said after a name: apposition, 'who serves as', 'chairs Y', 'is in charge of'."""
        v = vocab()
        out: list[tuple[str, str | None]] = []
        clauses = [c for c in _CLAUSE_SPLIT.split(text)]
        for k, clause in enumerate(clauses):
            c = _CONNECTORS.sub("", clause.strip())
            if not c:
                continue
            verb = _starts(c, v.verb_triggers) or _starts(
                re.sub(r"^(?:is|zijn)\s+", "", c), ("in charge of", "responsible for")
            )
            if verb:
                rest = c[len(verb) :].strip()
                targets = self.bodies(rest)
                if targets:
                    out += [(verb, m.name) for m in targets]
                elif rest:
                    what = c.removeprefix("is ").strip(" .")
                    out.append((f"{title} ({what})" if title else what, None))
                continue
            trig = _starts(c, v.np_triggers)
            if trig:
                out += self._role_np(c[len(trig) :])
                continue
            if k in (0, 1) and re.match(r"(?:the|a|an|de|het|een|as|als)\s", c, re.I):
                out += self._role_np(re.sub(r"^(?:as|als)\s+", "", c, flags=re.I))
        return out

    def _agent_subject(self, sentence: str, left: str, ctx: _Context) -> str | None:
        """'The center is led by ... X': the body of 'The center'."""
        head = left
        for p in vocab().passives:
            i = left.lower().rfind(p)
            if i >= 0 and not left[i + len(p) :].strip(" ,").count(","):
                head = left[:i]
                ms = self.bodies(head)
                if ms:
                    return ms[-1].name
                return ctx.resolve(head) or ctx.last_body()
        return None

    def person_entries(self, sentence: str, unit: _Unit, ctx: _Context) -> None:
        people = self.persons(sentence)
        prev_passive: tuple[int, str] | None = None
        for n, (name, a, b) in enumerate(people):
            nxt = people[n + 1][1] if n + 1 < len(people) else len(sentence)
            title = self._title_before(sentence, a)
            left = sentence[:a]
            if title:
                left = left[: left.rfind(title.split()[0])] if title.split()[0] in left else left
            left_bare = re.sub(r"(?:\b(?:Dr|Prof|Mr|Mrs|Ms)\.?\s*)+$", "", left).rstrip()
            roles: list[tuple[str, str | None]] = []
            passive = None
            for p in vocab().passives:
                if left_bare.lower().endswith(p):
                    passive = self._agent_subject(sentence, left_bare, ctx)
                    if not title:
                        roles.append((left_bare[-len(p) :], passive))
                    break
            if (
                passive is None
                and prev_passive
                and re.fullmatch(r"\s*(?:,|and|en|,\s*and)\s*", left_bare[prev_passive[0] :])
            ):
                passive = prev_passive[1]
            if passive:
                prev_passive = (b, passive)
            the_role = re.search(
                r"(?:^|[.:;]\s+|,\s+|\b)(?:The|the|De|de|Het|het)\s+([^,.;:]{1,60}?)\s+"
                r"(?:is|was|are|:)\s*$",
                left_bare,
            ) or re.search(r"(?:the|de|het)\s+([^,.;:]{1,50}),\s*$", left_bare)
            if the_role and has_role_noun(the_role.group(1)):
                roles += self._role_np(the_role.group(1))
            if title:
                preds = self._predicates(sentence[b:nxt], title)
                portfolio = [r for r in preds if r[0].startswith(title + " (")]
                if not portfolio:
                    roles.append((title, passive))
                roles += preds
            else:
                roles += self._predicates(sentence[b:nxt], None)
            for role, body in roles:
                political = _political(role)
                where = body or passive
                if where is None and not political:
                    where = ctx.body_near(sentence, a, self)
                hint = None
                if political and (where is None or where.lower() in vocab().levels):
                    hint = _nearest_level(ctx.before(unit) + " " + sentence[:a]) or ctx.level()
                    where = vocab().governments.get(hint, "")
                if not where:
                    continue
                self.raw.append(_Raw(name, role, where, "role", [unit], level_hint=hint))
        # "In his dual role as X and Y, he ...": the person of the sentence before
        m = re.match(
            r"^(?:In|As|Als|In)\s+(?:his|her|their|zijn|haar)\s+(?:\w+\s+)?"
            r"(?:role|capacity|roles|functie|rol|hoedanigheid)\s+(?:as|als)\s+(.+?),\s+"
            r"(?:he|she|they|hij|zij)\b",
            sentence,
        )
        if m and not people and ctx.last_person:
            person, punit = ctx.last_person
            for role, body in self._role_np(m.group(1)):
                hint = None
                where = body
                if where is None and _political(role):
                    hint = _nearest_level(sentence) or ctx.level()
                    where = vocab().governments.get(hint or "", "")
                where = where or ctx.body_near(sentence, 0, self)
                if where:
                    self.raw.append(_Raw(person, role, where, "role", [punit, unit], None, hint))
        if people:
            ctx.last_person = (people[-1][0], unit)

    # bodies -------------------------------------------------------------------------------------
    def _subject(self, sentence: str, p: int, ctx: _Context) -> str | None:
        """The body doing what is said at position p: named just before it (brackets, an
        apposition or an adverb between), or 'It', 'This committee', 'The center' before."""
        head = sentence[:p]
        all_ms = self.bodies(head)
        ends = {m.end for m in all_ms}

        def bracketed_alias(m: Mention) -> bool:  # "Knowledge Centre ... (Kenniscentrum ...)"
            before = head[: m.start]
            if before.count("(") <= before.count(")"):
                return False
            return before.rstrip().removesuffix("(").rstrip() and any(
                abs(len(before.rstrip().removesuffix("(").rstrip()) - x) < 1 for x in ends
            )

        ms = [m for m in all_ms if m.end <= p and not bracketed_alias(m)]
        if ms:
            gap = head[ms[-1].end :]
            gap = re.sub(r"\([^()]*\)", "", gap)
            lead = head[: ms[-1].start]
            if re.fullmatch(
                r"\s*(?:,[^,]{0,90},)?\s*(?:\w+ly\s+|also\s+|ook\s+)?", gap
            ) and _CLAUSE_START.fullmatch(lead):
                return ms[-1].name
        m = re.search(
            r"(?:^|[,:;]\s*)(?:it|its|this|these|the|het|dit|deze|de|zij)\s*([a-z]*)\s*"
            r"(?:'s|’s)?\s*(?:\w+ly\s+|also\s+)?$",
            head,
            re.I,
        )
        if m and (not m.group(1) or m.group(1).lower() in vocab().body_heads):
            return ctx.resolve(m.group(0))
        return None

    def sentence_subject(self, sentence: str, ctx: _Context) -> str | None:
        """The body a sentence is about, when it opens with it (or with 'It', 'The center')."""
        ms = self.bodies(sentence)
        if ms and _CLAUSE_START.fullmatch(sentence[: ms[0].start]) and ms[0].start < 60:
            return ms[0].name
        inv = re.search(_INVERTED, sentence)
        if inv:
            ms = [m for m in self.bodies(sentence[inv.end() :]) if m.start == 0]
            if ms:
                return ms[0].name
        m = re.match(
            r"(?:[^,]{0,60},\s+)?(it|its|this \w+|the \w+|het|dit \w+|de \w+)\b", sentence, re.I
        )
        if m and (
            m.group(1).lower() in ("it", "its", "het")
            or m.group(1).split()[-1].lower() in vocab().body_heads
        ):
            return ctx.resolve(m.group(1))
        return None

    def body_entries(self, sentence: str, unit: _Unit, ctx: _Context) -> None:
        v = vocab()
        low = sentence.lower()
        used: list[tuple[int, int]] = []

        def free(a: int, b: int) -> bool:
            if any(a < e and s < b for s, e in used):
                return False
            used.append((a, b))
            return True

        # "designating the BIPT as the lead supervisory authority for the EU AI Act"
        for verb in v.designations:
            for mv in re.finditer(rf"(?<![\w-]){re.escape(verb)}(?![\w-])", low):
                after = sentence[mv.end() :]
                ms = self.bodies(after[:140])
                if not ms:
                    continue
                m0 = ms[0]
                if after[: m0.start].strip(" ,").lower() not in ("", "the", "de", "het"):
                    continue
                rest = re.match(r"[^,;]*?\s(?:as|als)\s+(.+)$", after[m0.end :])
                if rest and has_word_count(rest.group(1), 2):
                    resp = "as " + _cut(rest.group(1))
                    self.raw.append(_Raw(None, resp, m0.name, "responsibility", [unit]))
        # "X is responsible for ...", "Its mandate is to ...", "VLAIO is the primary vehicle"
        for verb in v.resp_verbs:
            for mv in re.finditer(rf"(?<![\w-]){re.escape(verb)}(?![\w-])", low):
                body = self._subject(sentence, mv.start(), ctx)
                if body is None:
                    continue
                resp = _cut(sentence[mv.start() :])
                wanted = has_word_count(resp, 4) and not self.persons(resp[:40])
                if wanted and free(mv.start(), mv.end()):
                    self.raw.append(_Raw(None, resp, body, "responsibility", [unit]))
        # "The primary administrative body overseeing the plan is the Department of ... (EWI)"
        for mi in re.finditer(_INVERTED, sentence):
            ms = [m for m in self.bodies(sentence[mi.end() :]) if m.start == 0]
            if ms and re.match(
                r"\s*(?:\([^()]*\))?\s*(?:[.,;]|$)", sentence[mi.end() + ms[0].end :]
            ):
                what = mi.group(1).strip()
                if has_word_count(what, 3) and not self.persons(what) and not has_role_noun(what):
                    self.raw.append(_Raw(None, what, ms[0].name, "responsibility", [unit]))
        for noun in v.mission_nouns:
            pat = rf"\b((?:its|their|zijn|haar|the\s+\w+['’]s|[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*['’]s)\s+(?:\w+\s+)?{re.escape(noun)})\s+(?:is|was|are|bestaat erin)\s+(?:to|om|te)\s"  # noqa: E501
            for mm in re.finditer(pat, sentence, re.I):
                owner = mm.group(1)
                ms = self.bodies(owner)
                body = ms[0].name if ms else ctx.resolve(owner)
                if body:
                    resp = _cut(sentence[mm.start() :])
                    self.raw.append(_Raw(None, resp, body, "responsibility", [unit]))
        # body -> body
        for relation, phrases in v.relations.items():
            for ph in phrases:
                for mr in re.finditer(rf"(?<![\w-]){re.escape(ph)}(?![\w-])", low):
                    if not free(mr.start() + 10_000, mr.end() + 10_000):
                        continue
                    after = sentence[mr.end() :]
                    targets = self._targets(after)
                    if not targets:
                        continue
                    subj = self._subject(sentence, mr.start(), ctx)
                    if subj is None:
                        before = [m for m in self.bodies(sentence[: mr.start()])]
                        gap = sentence[before[-1].end : mr.start()] if before else ""
                        if before and re.fullmatch(r"[\s,]*(?:\w+\s+){0,2}[\s,]*", gap):
                            subj = before[-1].name
                    if subj is None:
                        continue
                    for t in targets:
                        if t.lower() != subj.lower():
                            role = sentence[mr.start() : mr.end()]
                            self.raw.append(_Raw(None, role, subj, relation, [unit], t))

    def _targets(self, after: str) -> list[str]:
        """Bodies named right after a relation phrase, a list of them included."""
        ms = self.lex.mentions(after[:300])
        out: list[str] = []
        pos = 0
        for m in ms:
            gap = after[pos : m.start]
            if out:
                ok = re.fullmatch(
                    r"\s*(?:\([^()]*\))?\s*(?:,|and|en|&|,\s*and|/)?\s*(?:the|de|het)?\s*"
                    r"(?:[\w-]+\s+){0,4}?(?:at|of|van|bij)?\s*",
                    gap,
                )
            else:
                ok = re.fullmatch(
                    r"\s*(?:both\s+|zowel\s+)?(?:the|de|het|a|an)?\s*(?:[\w-]+\s+){0,4}?"
                    r"(?:bodies|organisations|groups|partners|[\w-]+)?\s*:?\s*(?:the|de|het)?\s*",
                    gap,
                )
                if ok and len(gap.split()) > 4 and ":" not in gap:
                    ok = None
            if not ok:
                break
            if m.kind == "body":
                out.append(m.name)
            pos = m.end
            if re.match(r"\s*[.;]", after[pos:]):
                break
        return out

    # tables -------------------------------------------------------------------------------------
    def table(self, rows: list[_Unit], ctx: _Context) -> None:
        headers = _common_headers([r.text for r in rows])
        if not headers:
            return
        v = vocab()

        def column(kind: str) -> str | None:
            order = ["people", "responsibility", "document", "body", "part"]
            for h in headers:
                ws = _words(h.replace("/", " "))
                for k in order:
                    if any(w in v.columns[k] for w in ws):
                        if k == kind:
                            return h
                        break
            return None

        col = {k: column(k) for k in ("people", "responsibility", "document", "body", "part")}
        if not col["body"]:
            return
        for unit in rows:
            cells = _split_row(unit.text, headers)
            body_cell = cells.get(col["body"], "")
            names = [n.strip() for n in re.split(r"\s+/\s+|;\s*", body_cell) if n.strip()]
            bodies = []
            for n in names:
                ms = self.lex.mentions(n)
                base = re.sub(r"\s*\([^()]*\)", "", n).strip()
                bodies.append(base or (ms[0].name if ms else n))
            if not bodies:
                continue
            if col["part"]:
                part = cells.get(col["part"], "")
                for b in bodies:
                    self.raw.append(_Raw(None, col["body"], b, "leads", [unit], part or None))
            if col["responsibility"]:
                resp = cells.get(col["responsibility"], "").strip()
                if resp and resp.lower() not in v.unknown_cells:
                    for b in bodies:
                        self.raw.append(
                            _Raw(
                                None,
                                f"{col['responsibility']}: {resp}",
                                b,
                                "responsibility",
                                [unit],
                            )
                        )
            if col["document"]:
                doc = cells.get(col["document"], "").strip()
                if doc and doc.lower() not in v.unknown_cells:
                    for b in bodies:
                        self.raw.append(_Raw(None, col["document"], b, "mandate", [unit], doc))
            if col["people"]:
                self._people_cell(cells.get(col["people"], ""), col["people"], bodies, unit)

    def _people_cell(self, cell: str, header: str, bodies: list[str], unit: _Unit) -> None:
        v = vocab()
        if cell.strip().lower() in v.unknown_cells or not cell.strip():
            for b in bodies:
                self.raw.append(
                    _Raw(None, f"{header}: {cell.strip()}", b, "people_unknown", [unit])
                )
            return
        for part in [p.strip() for p in re.split(r";\s*", cell) if p.strip()]:
            people = self.persons(part)
            if people:
                name, a, b = people[0]
                title = self._title_before(part, a) or part[:a].strip()
                title = " ".join(
                    w for w in title.split() if w.lower().strip(".") not in v.honorifics
                )
                paren = re.match(r"\s*\(([^()]+)\)", part[b:])
                role = title or (paren.group(1) if paren else "")
                if paren and title:
                    role = f"{title} ({paren.group(1)})"
                role = role or header
                for body in bodies[:1]:
                    hint = None
                    where = body
                    self.raw.append(_Raw(name, role, where, "role", [unit], level_hint=hint))
                continue
            low = part.lower()
            for relation, phrases in v.relations.items():
                ph = _starts(low, phrases)
                if ph:
                    for t in self._targets(part[len(ph) :]):
                        for body in bodies:
                            self.raw.append(_Raw(None, part[: len(ph)], body, relation, [unit], t))
                    break

    # the run ------------------------------------------------------------------------------------
    def run(self) -> list[Entry]:
        by_doc: dict[str, list[Chunk]] = defaultdict(list)
        for c in self.chunks:
            by_doc[c.doc.doc_id].append(c)
        for chunks in by_doc.values():
            ctx = _Context(self)
            table: list[_Unit] = []
            for c in chunks:
                if c.section != ctx.section:
                    ctx.new_section(c.section)
                if c.is_table_row:
                    if table and table[-1].chunk.section != c.section:
                        self.table(table, ctx)
                        table = []
                    table.append(ctx.add(c.text, c, "row"))
                    continue
                if table:
                    self.table(table, ctx)
                    table = []
                for s, place in chunk_units(c.text, False):
                    unit = ctx.add(s, c, place)
                    head, colon, _ = s.partition(":")
                    if colon and place == "item" and len(head) < 90:
                        for m in self.bodies(head)[:1]:
                            ctx.subject(m.name)  # "2. Artificial Intelligence Steering Committee:"
                    subject = self.sentence_subject(s, ctx)
                    self.person_entries(s, unit, ctx)
                    self.body_entries(s, unit, ctx)
                    ctx.subject(subject)
                    for m in self.bodies(s):
                        ctx.note(m.name)
            if table:
                self.table(table, ctx)
            ctx.close()
        return _finish(self, self.raw)


def _spelling(word: str) -> str:
    """'centre' and 'center', 'programme' and 'program' are one head word."""
    return word.replace("centre", "center").replace("programme", "program")


def has_word_count(text: str, n: int) -> bool:
    return len(text.split()) >= n


def _cut(text: str, limit: int = 30) -> str:
    """A responsibility: up to the end of its clause, at most `limit` words, verbatim."""
    text = re.split(
        r";|\s[—–]\s|—|,\s(?=(?:which|while|ensuring|creating|placing|cementing|demonstrating|"
        r"reducing|enabling|ensuring|waardoor|terwijl)\b)",
        text,
    )[0]
    words = text.split()
    if len(words) > limit:
        text = " ".join(words[:limit])
    return text.strip().rstrip(".,:")


def _common_headers(rows: list[str]) -> list[str]:
    """The 'Header: ' keys every row of a table has, in order: a cell may hold ';' itself."""
    keys_per_row = [re.findall(r"(?:^|;\s)([^:;]{1,60}?):\s", r) for r in rows]
    if not keys_per_row:
        return []
    first = keys_per_row[0]
    return [k for k in dict.fromkeys(first) if all(k in ks for ks in keys_per_row)]


def _split_row(row: str, headers: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    starts = []
    pos = 0
    for h in headers:
        i = row.find(f"{h}: ", pos)
        if i < 0:
            continue
        starts.append((i, h))
        pos = i + len(h) + 2
    for k, (i, h) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(row)
        out[h] = row[i + len(h) + 2 : end].strip().removesuffix(";").strip()
    return out


class _Context:
    """What the text before a sentence named: the bodies of its section, the last person."""

    def __init__(self, ex: Extractor) -> None:
        self.ex = ex
        self.section = ""
        self.recent: list[str] = []
        self.subjects: list[str] = []
        self.units: list[_Unit] = []
        self.heading_bodies: list[str] = []
        self.last_person: tuple[str, _Unit] | None = None

    def new_section(self, section: str) -> None:
        self.section = section
        self.recent = []
        self.subjects = []
        self.last_person = None
        last = section.split(SECTION_SEP)[-1] if section else ""
        self.heading_bodies = [m.name for m in self.ex.bodies(last)]

    def add(self, text: str, chunk: Chunk, place: str) -> _Unit:
        u = _Unit(text, chunk, place, len(self.units), self.units)
        self.units.append(u)
        return u

    def note(self, name: str) -> None:
        self.recent.append(name)

    def last_body(self) -> str | None:
        if self.recent:
            return self.recent[-1]
        return self.heading_bodies[-1] if self.heading_bodies else None

    def subject(self, name: str | None) -> None:
        if name:
            self.subjects.append(name)

    def resolve(self, phrase: str) -> str | None:
        """'The center', 'this body', 'It': the latest subject (then the latest named body) of
        the section with that head word; for a bare pronoun, the latest subject."""
        words = _words(phrase)
        noun = next((_spelling(w) for w in reversed(words) if w in vocab().body_heads), None)
        if noun is None and words and words[-1] in (*vocab().mission_nouns, "function", "body"):
            noun = "body"  # "This mission serves as ...": what the list item names
        if noun:
            generic = noun in ("body", "orgaan", "entity")
            for pool in (self.subjects, self.heading_bodies, self.recent):
                for name in reversed(pool):
                    if generic or noun in {_spelling(w) for w in _words(name)}:
                        return name
            return None
        pool = self.subjects or self.heading_bodies
        return pool[-1] if pool else None

    def body_near(self, sentence: str, pos: int, ex: Extractor) -> str | None:
        ms = ex.bodies(sentence)
        before = [m for m in ms if m.end <= pos]
        if before:
            return before[-1].name
        after = [m for m in ms if m.start >= pos]
        if after:
            return after[0].name
        return self.last_body()

    def before(self, unit: _Unit) -> str:
        return " ".join(u.text for u in self.units[: unit.index] if u.chunk.id == unit.chunk.id)

    def level(self) -> str | None:
        for part in reversed(self.section.split(SECTION_SEP)):
            lv = _level_in(part)
            if lv:
                return lv
        return None

    def close(self) -> None:
        self.recent = []


# -- finishing: quotes, names, levels -------------------------------------------------------------
def _quote(units: list[_Unit], names: list[str]) -> tuple[str, _Unit]:
    """The sentence, or the shortest run of sentences of its chunk ending with it, that holds
    one of the names ("It is ..." brings the sentence naming 'it' along)."""
    last = units[-1]
    chunk = last.chunk
    if last.place == "row":
        return last.text, last
    text = chunk.text
    seq = [u for u in units if u.chunk.id == chunk.id]
    first = seq[0]
    low_names = [n.lower() for n in names if n]
    k = first.index
    while (
        low_names
        and not any(
            n in " ".join(u.text for u in last.doc_units[k : last.index + 1]).lower()
            for n in low_names
        )
        and k > 0
        and last.doc_units[k - 1].chunk.id == chunk.id
        and last.index - k < 3
    ):
        k -= 1
    first = last.doc_units[k] if last.doc_units else first

    def span(a: _Unit, b: _Unit) -> str:
        i = text.find(a.text)
        j = text.find(b.text, max(i, 0))
        if i < 0 or j < 0:
            return " ".join(u.text for u in (a, b))
        return text[i : j + len(b.text)]

    quote = span(first, last)
    return quote, last


def _finish(ex: Extractor, raws: list[_Raw]) -> list[Entry]:
    glossary_groups = [
        {" ".join(p) for p in g}
        for g, kind in zip(load_glossary().groups, load_glossary().kinds, strict=True)
        if kind == "organisations"
    ]
    # canonical body names: acronym definitions from the corpus, then the glossary's groups
    names: Counter[str] = Counter()
    for r in raws:
        if r.body:
            names[r.body] += 1
        if r.target:
            names[r.target] += 0
    lex = ex.lex

    def norm(s: str) -> str:
        return " ".join(t for t in tokens(s) if t not in ("and", "en"))

    keyed: dict[str, str] = {}
    for n in names:
        keyed.setdefault(norm(n), n)
    for n in list(names):
        if n in lex.parent or any(n == v for v in lex.parent.values()):
            root = lex.find(n)
            lex.union(n, root)
        parts = n.split()
        # "FPS BOSA": acronyms of which one is a known name's acronym
        if len(parts) > 1 and all(_is_acronym(p) for p in parts):
            for p in parts:
                if p in lex.parent or p in lex.parent.values():
                    lex.union(n, p)
    for group in glossary_groups:
        found = [n for n in names if norm(n) in group]
        for a in found[1:]:
            lex.union(a, found[0])
        # a found name equal to a glossary alias of an acronym the corpus defined
        for g in group:
            for n in names:
                if norm(n) == g:
                    for m in names:
                        if norm(m) in group:
                            lex.union(n, m)
    known = set(names) | set(lex.names)
    for n in list(names):  # "AI4Belgium coalition" is AI4Belgium
        *rest, last = n.split() or [""]
        if len(rest) == 1 and last.lower() in vocab().body_heads and rest[0] in known:
            names[rest[0]] += 0
            lex.union(n, rest[0])
    for n in names:  # the same name written twice ("AI Steering Group" / "AI steering group")
        lex.union(n, keyed.setdefault(norm(n), n))
    members: dict[str, list[str]] = defaultdict(list)
    for n in names:
        members[lex.find(n)].append(n)

    def canonical(n: str) -> str:
        group = members.get(lex.find(n), [n])
        return max(group, key=lambda x: (names[x], -len(x), x))

    def aliases(n: str) -> list[str]:
        return sorted(set(members.get(lex.find(n), [n])) - {canonical(n)})

    entries: dict[tuple[str, ...], Entry] = {}
    for r in raws:
        if not r.body:
            continue
        body = canonical(r.body)
        names_ = [r.person] if r.person else [r.body, body, *aliases(r.body)]
        quote, unit = _quote(r.units, [n for n in names_ if n])
        chunk = unit.chunk
        gov = [lv for lv in vocab().levels if lv != "research"]
        heading = chunk.section.split(SECTION_SEP)
        before = chunk.text[: max(chunk.text.find(unit.text), 0)]
        level = (
            r.level_hint
            or _level_in(body, gov)
            or next((lv for part in reversed(heading) if (lv := _level_in(part, gov))), None)
            or _level_in(unit.text, gov)
            or _nearest_level(before)
            or _level_in(" ".join([body, chunk.section, unit.text]), ["research"])
        )
        links = [
            {"text": lk.text, "url": lk.url} for lk in chunk.links if lk.text and lk.text in quote
        ]
        cite = {
            "n": 1,
            "title": chunk.doc.title,
            "section": chunk.section,
            "quote": quote,
            "url": chunk.doc.url,
            "links": links,
            "date": chunk.doc.date,
            "chunk_id": chunk.id,
        }
        e = Entry(
            person=r.person,
            role=r.role,
            body=body,
            level=level or "",
            relation=r.relation,
            target=canonical(r.target) if r.target else None,
            aliases=aliases(r.body),
        )
        if not r.person and not any(n.lower() in quote.lower() for n in names_ if n):
            continue  # "The center also manages ...", its name in an earlier chunk: no proof here
        found = entries.setdefault(e.key(), e)
        if all(c["quote"] != quote for c in found.citations):
            found.citations.append({**cite, "n": len(found.citations) + 1})
    # a body's level: the one its name says, else the most common among its entries
    by_body: dict[str, Counter[str]] = defaultdict(Counter)
    for e in entries.values():
        if e.level and not (e.person and _political(e.role)):
            by_body[e.body][e.level] += 1
    for e in entries.values():
        if e.person and _political(e.role) and e.level:
            continue
        named = _level_in(e.body, [lv for lv in vocab().levels if lv != "research"])
        common = by_body[e.body].most_common(1)
        e.level = named or (common[0][0] if common else "") or vocab().level_fallback
    return sorted(
        entries.values(),
        key=lambda e: (e.level, e.body.lower(), e.person is None, e.person or "", e.role),
    )


# -- store ---------------------------------------------------------------------------------------
def extract_entries(chunks: list[Chunk]) -> list[Entry]:
    """Every directory entry the chunks state, each citing its sentence or table row."""
    return Extractor(chunks).run() if chunks else []


def _collection(store: Any, *, create: bool) -> Any:
    name = store.name + SUFFIX
    if create:
        return store.client.get_or_create_collection(
            name=name, embedding_function=None, metadata={"kind": "directory"}
        )
    return store.client.get_collection(name=name, embedding_function=None)


def sync_directory(store: Any, chunks: list[Any]) -> int:
    """Extract entries from `chunks` and keep them in the store's directory collection, replaced
    whole: new entries are written before old ones are removed, so a reader never sees none."""
    entries = extract_entries(chunks)
    col = _collection(store, create=True)
    old = set()
    for offset in range(0, col.count(), _PAGE):
        old.update(col.get(include=[], limit=_PAGE, offset=offset)["ids"])
    ids = [e.id for e in entries]
    for i in range(0, len(entries), _PAGE):
        batch = entries[i : i + _PAGE]
        col.upsert(
            ids=ids[i : i + _PAGE],
            documents=[e.searchable() for e in batch],
            metadatas=[
                {
                    "entry": json.dumps(asdict(e), ensure_ascii=False),
                    "person": e.person or "",
                    "body": e.body,
                    "level": e.level,
                    "relation": e.relation,
                }
                for e in batch
            ],
            embeddings=[[1.0, 0.0] for _ in batch],  # looked up, never searched by vector
        )
    stale = sorted(old - set(ids))
    for i in range(0, len(stale), _PAGE):
        col.delete(ids=stale[i : i + _PAGE])
    return len(entries)


def load_directory(store: Any) -> list[Entry]:
    """Every stored entry, sorted by level, body and person; [] before the first sync."""
    try:
        col = _collection(store, create=False)
    except Exception:  # no directory collection yet: an index built before issue 11
        return []
    out: list[Entry] = []
    for offset in range(0, col.count(), _PAGE):
        got = col.get(include=["metadatas"], limit=_PAGE, offset=offset)
        for meta in got["metadatas"] or []:
            out.append(Entry(**json.loads(str((meta or {}).get("entry", "{}")))))
    return sorted(
        out, key=lambda e: (e.level, e.body.lower(), e.person is None, e.person or "", e.role)
    )
