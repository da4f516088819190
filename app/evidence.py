"""Sentences as evidence: each retrievable sentence with its vector, stems and features.

Built once when the engine loads, from what Chroma holds (chunk texts and the sentence vectors
embedded at ingest), so that answering a question never embeds a sentence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from app.retrieve import ChunkRecord
from app.text import stems, tokens
from ingest.sentences import chunk_sentences, sentence_id

_MONTHS = (
    "january february march april may june july august september october november december"
    " januari februari maart mei juni juli augustus oktober"
)
DATE = re.compile(
    r"\b(?:\d{1,2}\s+(?:" + "|".join(_MONTHS.split()) + r")\s+(?:19|20)\d\d"
    r"|(?:" + "|".join(_MONTHS.split()) + r")\s+\d{1,2},?\s+(?:19|20)\d\d"
    r"|(?:" + "|".join(_MONTHS.split()) + r")\s+(?:19|20)\d\d"
    r"|(?:in|since|sinds|sedert)\s+(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)\b",
    re.I,
)
AMOUNT = re.compile(r"€\s?\d|\d\s?(?:million|miljoen|billion|miljard)\b|\beuro\b|\d\s?M\b", re.I)
AGE = re.compile(
    r"\b\d{1,3}[ -](?:years?[ -]old|jaar oud|jarige?)\b|\b(?:born|geboren|aged)\b", re.I
)
NUMBER = re.compile(
    r"\b\d+\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|sixty|"
    r"hundred|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf)\b",
    re.I,
)
_CAP = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ]+)?")
_PARTICLES = frozenset("van den de der von le la du di da ter ten".split())
_TITLES = frozenset("Minister Dr Prof Professor Mr Mrs Ms Secretary President CEO".split())
# Words that make a capitalised run an institution or a place, not a person.
_NOT_NAMES = frozenset(
    "centre center society university universiteit institute instituut council committee group"
    " plan program programme act union commission lab academy academie agency agentschap"
    " department departement service services office ministry federal flemish flanders belgium"
    " belgian european europe wallonia brussels vlaanderen brussel maatschappij kenniscentrum"
    " coalition authority network hub foundation strategy data research government digitaal"
    " digital affairs economy innovation".split()
)
_ACRONYM = re.compile(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b")


@dataclass
class Sentence:
    idx: int
    text: str
    chunk: ChunkRecord
    stems: frozenset[str]
    has_date: bool
    has_amount: bool
    has_number: bool
    names: list[str] = field(default_factory=list)  # person-like names
    orgs: list[str] = field(default_factory=list)  # acronyms and capitalised names


class EvidenceIndex:
    def __init__(self, chunks: list[ChunkRecord], vectors: dict[str, np.ndarray]) -> None:
        raw: list[tuple[str, ChunkRecord]] = []
        for c in chunks:
            for s in chunk_sentences(c.text, bool(c.meta.get("is_table_row"))):
                raw.append((s, c))
        self.rare_caps = _rare_capitalised([s for s, _ in raw])
        dim = next(iter(vectors.values())).shape[0] if vectors else 1
        self.matrix = np.zeros((len(raw), dim), dtype=np.float32)
        self.sentences: list[Sentence] = []
        self.by_chunk: dict[str, list[int]] = defaultdict(list)
        self.df: dict[str, int] = defaultdict(int)
        for i, (s, c) in enumerate(raw):
            vec = vectors.get(sentence_id(s))
            if vec is not None:
                self.matrix[i] = vec
            st: set[str] = set()
            for tok in tokens(s):
                st |= stems(tok)
            for f in st:
                self.df[f] += 1
            self.sentences.append(
                Sentence(
                    idx=i,
                    text=s,
                    chunk=c,
                    stems=frozenset(st),
                    has_date=bool(DATE.search(s)),
                    has_amount=bool(AMOUNT.search(s)),
                    has_number=bool(NUMBER.search(s)),
                    names=person_names(s, self.rare_caps),
                    orgs=_ACRONYM.findall(s),
                )
            )
            self.by_chunk[c.id].append(i)
        self.context: dict[str, frozenset[str]] = {}
        for c in chunks:  # words of the heading path and the chunk around each sentence
            st = set()
            for tok in tokens(f"{c.meta.get('prefix', '')} {c.text}"):
                st |= stems(tok)
            self.context[c.id] = frozenset(st)

    def __len__(self) -> int:
        return len(self.sentences)


def _rare_capitalised(sentences: list[str]) -> frozenset[str]:
    """Words that only ever appear capitalised: names, not common nouns like 'Minister'."""
    caps: set[str] = set()
    lower: set[str] = set()
    for s in sentences:
        for w in re.findall(r"[A-Za-zÀ-ÿ'’-]+", s):
            if w[0].isupper() and not w.isupper():
                caps.add(w.lower())
            elif w[0].islower():
                lower.add(w.lower())
    return frozenset(caps - lower)


def person_names(sentence: str, rare_caps: frozenset[str]) -> list[str]:
    """Runs of capitalised words (with 'Van den' particles) holding at least two name-like words,
    or one after a title ('Minister Vanessa Matz', 'Dr. Rob Heyman')."""
    words = re.findall(r"[A-Za-zÀ-ÿ'’.-]+", sentence)
    out: list[str] = []
    run: list[str] = []
    titled = False

    def close() -> None:
        nonlocal run, titled
        core = [w for w in run if w.lower() not in _PARTICLES]
        rare = sum(w.lower().strip(".") in rare_caps or w.islower() for w in core)
        institutional = any(w.lower().strip(".") in _NOT_NAMES for w in core)
        if institutional or len(core) > 4:
            pass
        elif (len(core) >= 2 and rare >= 2) or (titled and rare >= 1):
            out.append(" ".join(run).strip(" .,"))
        run, titled = [], False

    for w in words:
        bare = w.strip(".,")
        if bare in _TITLES:
            close()
            titled = True
            continue
        after_particle = bool(run) and run[-1].lower() in _PARTICLES and len(run) >= 2
        if _CAP.fullmatch(bare) or (run and bare.lower() in _PARTICLES):
            run.append(bare)
        elif after_particle and bare.isalpha() and bare.islower():  # "Luc Van den hove"
            run.append(bare)
            close()
        else:
            close()
    close()
    return out
