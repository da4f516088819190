"""Sentences as evidence: each retrievable sentence with its vector, stems and features.

Built once when the engine loads, from what Chroma holds (chunk texts and the sentence vectors
embedded at ingest), so that answering a question never embeds a sentence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from engine.retrieve import ChunkRecord
from engine.text import MONTHS, stems, stems_of, tokens, word_forms
from ingest.sentences import chunk_units, sentence_id

if TYPE_CHECKING:
    from engine.directory import Role

_MONTHS = "|".join(MONTHS)
DATE = re.compile(
    r"\b(?:\d{1,2}\s+(?:" + _MONTHS + r")\s+(?:19|20)\d\d"
    r"|(?:" + _MONTHS + r")\s+\d{1,2},?\s+(?:19|20)\d\d"
    r"|(?:" + _MONTHS + r")\s+(?:19|20)\d\d"
    r"|(?:in|since|sinds|sedert)\s+(?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)\b",
    re.I,
)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
AMOUNT = re.compile(r"€\s?\d|\d\s?(?:million|miljoen|billion|miljard)\b|\beuro\b|\d\s?M\b", re.I)
# a whole sum of money ("€1 million", "~€9.5 million", "12 miljoen"): it counts no things
MONEY_SPAN = re.compile(
    r"[~≈]?€\s?[\d.,]+(?:\s?(?:million|miljoen|billion|miljard|M)\b)?"
    r"|\b[\d.,]+\s?(?:million|miljoen|billion|miljard)\b",
    re.I,
)
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
# "BOSA", "AI4Belgium", "Leuven.AI"
_ACRONYM = re.compile(r"\b[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)?[A-Z][A-Za-z0-9]*\b")
# Head words of a body's name: "Federal AI Steering Committee", "Vlaams Agentschap ...".
_BODY_HEADS = frozenset(
    "committee council agency centre center institute department group lab laboratory academy"
    " authority coalition network hub foundation university service office ministry commission"
    " directorate directorate-general comité raad agentschap academie departement kenniscentrum"
    " instituut universiteit dienst adviesraad stuurgroep".split()
)
_BODY_RUN = re.compile(
    r"(?:[A-Z][\w'’-]*|&)(?:\s+(?:(?:and|for|of|en|voor|van|&)\s+)?(?:[A-Z][\w'’-]*|&))+"
)

_LEANING = frozenset(
    "it its this these they their he she his her het dit deze zij ze hij zijn haar hun".split()
)
# "The center ...", "The committee's ...": a body named only by its kind was named before.
_LEANING_NOUNS = frozenset(
    "center centre institute committee council agency group body program programme coalition"
    " lab academy department minister centrum instituut comité raad agentschap groep programma"
    " academie departement".split()
)


# "A specific funding stream ...", "Een aparte ...": one of the things the text named before
_ONE_OF = frozenset(
    "specific particular dedicated separate specifieke specifiek bijzondere aparte apart".split()
)

_CONNECTIVES = frozenset(
    "furthermore moreover however additionally also finally ultimately thus therefore"
    " consequently simultaneously instead bovendien daarnaast verder echter ook ten slotte"
    " uiteindelijk dus daarom tegelijk".split()
)


def leans_on_context(text: str) -> bool:
    """'It ...', 'This ...', 'The center ...', 'A specific ...': its subject was named before it."""
    words = text.lower().replace("’", "'").split()
    while words and words[0].strip(",") in _CONNECTIVES and words[0] != words[-1]:
        words = words[1:]  # "Furthermore, it coordinates ...": the connective comes first
    if words[:2] == ["in", "addition,"]:
        words = words[2:]
    if not words:
        return False
    if words[0] in _LEANING:
        return True
    if words[0] in ("a", "an", "een") and len(words) > 1 and words[1] in _ONE_OF:
        return True  # "A specific funding stream, known as ...": one of those named before
    noun = words[1].removesuffix("'s").strip(",.:;") if len(words) > 1 else ""
    return words[0] in ("the", "de", "het") and noun in _LEANING_NOUNS


_PERSONAL = re.compile(r"\b(?:he|his|him|she|her|hij|hem)\b", re.I)


HEAD_WORDS = 6  # a sentence's head: the words it opens with, what it is about
# a relation to another thing ends the head: "The internal counterpart *to* VLAIO is the AI
# Expertise Center" is about the center, not about VLAIO
_HEAD_ENDS = frozenset({"to", "than"})


def _head_words(words: list[str]) -> list[str]:
    head = words[:HEAD_WORDS]
    cut = next((k for k, w in enumerate(head) if k and w in _HEAD_ENDS), len(head))
    return head[:cut]


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
    orgs: list[str] = field(default_factory=list)  # acronyms
    bodies: list[str] = field(default_factory=list)  # names of bodies ("... Committee")
    place: str = "prose"  # prose, item (opens a list item) or more (rest of an item)
    leans: bool = False  # its subject is named before it ("It is ...", "In his role ..., he")
    n_tokens: int = 0  # how many words it has
    head: frozenset[str] = frozenset()  # stems of its first HEAD_WORDS words: what it opens with
    # stems of the names it only lists, three or more together ("Flanders, Wallonia, and
    # Brussels"): listed alike, none of them is what the sentence is about
    listed: frozenset[str] = frozenset()
    # a table row's column heads' stems that its values do not say ("Annual Budget",
    # "Key Document/Mandate"): every row has them, so they say little about which row
    labels: frozenset[str] = frozenset()
    # stems of the words an apposition follows ("the AI Adviesraad (AI Advisory Council), a
    # strategic body ..."): what the sentence says what it is of (only the word before it: the
    # answerer asks this of every candidate, so it is read once, here)
    apposed: frozenset[str] = frozenset()


# a word, then (an optional bracket and) a comma and an article: "the AI Adviesraad (AI Advisory
# Council), a strategic body ..."
_APPOSITION = re.compile(
    r"([\w'’&.-]+)\s*(?:\([^)]{1,80}\)\s*)?,\s*(?:a|an|the|een|de|het)\s+\w", re.I
)


def _apposed(text: str) -> frozenset[str]:
    words = (m.group(1).lower().strip(".'’&-") for m in _APPOSITION.finditer(text))
    return frozenset().union(*(stems(w) for w in words if w))


class EvidenceIndex:
    def __init__(self, chunks: list[ChunkRecord], vectors: dict[str, np.ndarray]) -> None:
        raw: list[tuple[str, ChunkRecord]] = []
        places: list[str] = []
        for c in chunks:
            for s, place in chunk_units(c.text, bool(c.meta.get("is_table_row"))):
                raw.append((s, c))
                places.append(place)
        # (a one-word name must be seen inside a sentence too: "Finally, Amai! is ...")
        self.rare_caps, self.opening_only = _rare_capitalised([s for s, _ in raw])
        self.languages = frozenset(c.language for c in chunks)  # what the sources are written in
        dim = next(iter(vectors.values())).shape[0] if vectors else 1
        self.matrix = np.zeros((len(raw), dim), dtype=np.float32)
        self.sentences: list[Sentence] = []
        self.by_chunk: dict[str, list[int]] = defaultdict(list)
        self.df: dict[str, int] = defaultdict(int)
        for i, (s, c) in enumerate(raw):
            vec = vectors.get(sentence_id(s))
            if vec is not None:
                self.matrix[i] = vec
            st = stems_of(s)
            for f in st:
                self.df[f] += 1
            self.sentences.append(
                Sentence(
                    idx=i,
                    text=s,
                    chunk=c,
                    stems=st,
                    has_date=bool(DATE.search(s)),
                    has_amount=bool(AMOUNT.search(s)),
                    has_number=bool(NUMBER.search(s)),
                    names=person_names(s, self.rare_caps),
                    orgs=_ACRONYM.findall(s),
                    bodies=body_names(s),
                    place=places[i],
                )
            )
            sent = self.sentences[-1]
            words = tokens(s)
            sent.n_tokens = len(words)
            sent.head = frozenset().union(*(stems(w) for w in _head_words(words)))
            sent.listed = _listed(s)
            sent.apposed = _apposed(s)
            if c.meta.get("is_table_row"):
                cells = table_cells(s)
                values = frozenset().union(*(stems_of(v) for _, v in cells)) if cells else st
                sent.labels = st - values
            sent.leans = leans_on_context(s) or (
                not sent.names and bool(_PERSONAL.search(s))  # "In his dual role ..., he ..."
            )
            self.by_chunk[c.id].append(i)
        self.by_chunk = dict(self.by_chunk)  # read-only from here: nothing inserts on lookup
        self.table_rows = [x for x in self.sentences if x.chunk.meta.get("is_table_row")]
        self.roles: dict[int, list[Role]] = {}  # the directory's role entries, once attached
        counts: dict[str, int] = defaultdict(int)
        for sent in self.sentences:
            for o in set(sent.orgs):
                counts[o] += 1
        self.common_acronyms = frozenset(
            o for o, n in counts.items() if n > max(3, len(self.sentences) // 8)
        )
        # the same, as the lowercase tokens a question is read in ("ai", "eu")
        self.common_words = frozenset(o.lower() for o in self.common_acronyms)
        # what the report is about as a whole ("A.I. Governance in Belgium"): "in Belgium"
        # in a question narrows nothing down
        titles = {
            s.chunk.meta.get("title", "")
            for s in self.sentences
            if s.chunk.meta.get("kind") == "report"
        }
        self.scope = frozenset().union(*(stems_of(str(t)) for t in titles))
        # A list may run on into the next chunk of the same section.
        self.next_chunk: dict[str, str] = {
            a.id: b.id
            for a, b in pairwise(chunks)
            if a.meta.get("doc_id") == b.meta.get("doc_id") and a.section == b.section
        }
        heading: dict[str, frozenset[str]] = {}  # words of each chunk's heading path
        own: dict[str, frozenset[str]] = {}  # ...and of the chunk around each sentence
        for c in chunks:
            # the document's title says what all of it is about ("... in Belgium")
            heading[c.id] = stems_of(f"{c.meta.get('title', '')} {c.meta.get('prefix', '')}")
            own[c.id] = heading[c.id] | stems_of(c.text)
        self.context = own
        # A paragraph split over two chunks ("The center is led by ..." opens the second one):
        # for coverage, and for what a leaning sentence is about, the chunk before it counts too.
        before = {b: a for a, b in self.next_chunk.items()}
        self.previous_chunk = before
        self.wide_context: dict[str, frozenset[str]] = {
            cid: words | own.get(before.get(cid, ""), frozenset()) for cid, words in own.items()
        }
        # What a section is about: its heading path and its opening sentence ("AI4Belgium is
        # ... led by FPS BOSA"), which the section's later chunks go on about.
        self.topic: dict[str, frozenset[str]] = {}
        for c in chunks:
            first = c.id
            while first in before:
                first = before[first]
            opening = self.by_chunk.get(first, [])
            start = self.sentences[opening[0]].stems if opening else frozenset()
            self.topic[c.id] = heading[c.id] | start
        # The sentence that names what a leaning sentence is about: the nearest prose sentence
        # before it (in its chunk or the chunk before), not a list or a lead-in in between.
        self.antecedent: dict[int, int] = {}
        self.owner: dict[int, int] = {}  # an item of a list -> what its lead-in is about
        for c in chunks:
            seq = self.by_chunk.get(c.id, [])
            earlier = self.by_chunk.get(before.get(c.id, ""), [])
            for pos, i in enumerate(seq):
                # (an item of a list is about what the list's lead-in is about: "2.
                # Innovation, which includes piloting ... Copilot" is the AI Expertise Center's
                # pillar, named before "Its work is structured around five pillars:"; its
                # owner, for who does what it says, not for what its words cover)
                item = self.sentences[i].place == "item" and not self.sentences[i].leans
                if not self.sentences[i].leans and not item:
                    continue
                # within a list item ("* The VUB AI Lab ... It plays ..."), the item names it
                places = ("prose", "item") if self.sentences[i].place == "more" else ("prose",)
                for j in reversed([*earlier, *seq[:pos]]):
                    b = self.sentences[j]
                    text = b.text.rstrip()
                    if b.place in places and not text.endswith(":") and not b.leans:
                        (self.owner if item else self.antecedent)[i] = j
                        break
        # What a sentence that leans on earlier text ("It is ...", "This group ...") can be
        # about: its heading path and what comes before it, never what follows it.
        self.preceding: list[frozenset[str]] = [frozenset()] * len(self.sentences)
        # ...and the same without the names that earlier sentences only listed
        self.preceding_unlisted: list[frozenset[str]] = [frozenset()] * len(self.sentences)
        for c in chunks:
            acc = heading[c.id] | own.get(before.get(c.id, ""), frozenset())
            plain = acc
            for i in self.by_chunk.get(c.id, []):
                self.preceding[i] = acc
                self.preceding_unlisted[i] = plain
                sent = self.sentences[i]
                acc = acc | sent.stems
                plain = plain | (sent.stems - sent.listed)

    def __len__(self) -> int:
        return len(self.sentences)

    def opening_name(self, text: str) -> str | None:
        """The name a text opens with, as written with its "!" ("Amai! actively involves the
        public ..."): one word, no acronym, but a word the sources only write capitalised."""
        m = _OPENING_NAME.match(text)
        return m.group(1) if m and self._rare_name(m.group(1)) else None

    def one_word_names(self, text: str) -> list[str]:
        """One-word names anywhere in a text, as written with their "!" ("the Amai!
        initiative"): words the sources only write capitalised, not acronyms."""
        return [m.group(1) for m in _ONE_WORD_NAME.finditer(text) if self._rare_name(m.group(1))]

    def _rare_name(self, word: str) -> bool:
        """A word the sources only write capitalised ("Amai!", its "!" aside)."""
        word = word.rstrip("!").lower()
        return word in self.rare_caps and word not in self.opening_only

    def known(self, word: str) -> bool:
        """Do the sources use this word (in any of its forms)?"""
        return any(self.df.get(f, 0) for f in word_forms(word))

    def attach_roles(self, roles: dict[int, list[Role]]) -> None:
        """The directory's role entries per sentence (engine/directory.py)."""
        self.roles = roles

    def antecedent_of(self, s: Sentence, items: bool = False) -> Sentence | None:
        """The sentence that names what a leaning sentence is about, if it has one (`items`:
        or what an item of a list is about, the sentence before the list's lead-in names)."""
        j = self.antecedent.get(s.idx)
        if j is None and items:
            j = self.owner.get(s.idx)
        return None if j is None else self.sentences[j]


# a capitalised word that opens a text, with its "!" ("Amai!"), not "The" or "In" (rare_caps)
_OPENING_NAME = re.compile(r"\W*([A-Z][\w'’-]+!?)(?=\s)")
_ONE_WORD_NAME = re.compile(r"(?<![\w'’-])([A-Z][a-z][\w'’-]*!?)(?=[\s,.;:])")


def _rare_capitalised(sentences: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Words that only ever appear capitalised: names, not common nouns like 'Minister'; and
    of those, the ones only ever seen opening a sentence ('Finally', 'Moreover', but also a
    first name like 'Jan' in "Jan Smedts, as the head ...")."""
    caps: set[str] = set()
    inner: set[str] = set()
    lower: set[str] = set()
    for s in sentences:
        for k, w in enumerate(re.findall(r"[A-Za-zÀ-ÿ'’-]+", s)):
            if w[0].isupper() and not w.isupper():
                caps.add(w.lower())
                if k:
                    inner.add(w.lower())
            elif w[0].islower():
                lower.add(w.lower())
    rare = frozenset(caps - lower)
    return rare, rare - inner


_ENUMERATION = re.compile(
    r"\b[A-Z][\w'’-]*(?:,\s+[A-Z][\w'’-]*)+,?\s+(?:and|en|or|of)\s+[A-Z][\w'’-]*"
)


def _listed(sentence: str) -> frozenset[str]:
    """Stems of the one-word names the sentence lists three or more together."""
    out: set[str] = set()
    for m in _ENUMERATION.finditer(sentence):
        words = re.findall(r"[A-Z][\w'’-]*", m.group(0))
        if len(words) >= 3:
            for w in words:
                out |= stems(w.lower())
    return frozenset(out)


def body_names(sentence: str) -> list[str]:
    """Capitalised runs of two or more words with a body's head word in them."""
    return [
        re.sub(r"^(?:The|De|Het)\s+", "", m.group(0))
        for m in _BODY_RUN.finditer(sentence)
        if any(w.lower() in _BODY_HEADS for w in re.split(r"[\s-]+", m.group(0)))
    ]


def person_names(sentence: str, rare_caps: frozenset[str]) -> list[str]:
    """Runs of capitalised words (with 'Van den' particles) holding at least two name-like words,
    or one after a title ('Minister Vanessa Matz', 'Dr. Rob Heyman')."""
    # a comma or bracket ends a name: "Ultimately, Belgium's approach" names nobody
    words = re.findall(r"[A-Za-zÀ-ÿ'’.-]+|[,;:()]", sentence)
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
        if w in ",;:()":
            close()
            continue
        bare = re.sub(r"['’]s$", "", w.strip(".,"))  # "Belgium's" is Belgium
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


def attached_list(best: Sentence, ev: EvidenceIndex, limit: int = 12) -> list[Sentence]:
    """The list a sentence introduces ('... nine core objectives. The nine objectives are' and
    the items after it) or belongs to: the first sentence of each item, in order."""
    seq = ev.by_chunk[best.chunk.id]
    pos = seq.index(best.idx)
    if best.place != "prose":
        while pos > 0 and ev.sentences[seq[pos]].place != "item":
            pos -= 1
        while pos > 0 and ev.sentences[seq[pos - 1]].place != "prose":
            pos -= 1
    else:
        pos += 1
        for _ in range(2):  # lead-in sentences may stand between ("The nine objectives are")
            if pos < len(seq) and ev.sentences[seq[pos]].place == "prose":
                pos += 1
    items: list[Sentence] = []
    chunk_id = best.chunk.id
    while len(items) < limit:
        if pos >= len(seq):  # the list may run on into the next chunk of the section
            nxt = ev.next_chunk.get(chunk_id)
            if not nxt or not items or not ev.by_chunk.get(nxt):
                break
            if ev.sentences[ev.by_chunk[nxt][0]].place != "item":
                break
            chunk_id, seq, pos = nxt, ev.by_chunk[nxt], 0
        s = ev.sentences[seq[pos]]
        if s.place == "prose":
            break
        if s.place == "item":
            items.append(s)
        pos += 1
    return items


def table_cells(row: str) -> list[tuple[str, str]]:
    """A table row as ingest writes it ('Institution: BIPT; Key Personnel: unknown') as
    (column, value) pairs, in order."""
    out = []
    for part in row.split("; "):
        head, colon, value = part.partition(":")
        if colon:
            out.append((head.strip(), value.strip()))
    return out


def item_head(s: Sentence) -> str:
    """An item's own name: the words before its colon ('Promoting Trustworthy AI: Ensuring ...')."""
    head, colon, _ = s.text.partition(":")
    text = head if colon and len(head) <= 80 else s.text
    return re.sub(r"[\s.;,]*(?:\b(?:and|en|or|of))?[\s.;,]*$", "", text.strip())
