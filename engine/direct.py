"""The direct answer: the value a question asks for, taken from the sentence that answers it.

"Wie is de CEO van imec?" opens with **Luc Van den hove**; "when was it approved?" with
**28 oktober 2022** for a Dutch question. The value is always a span of the cited sentence,
reformatted only for dates and amounts (month names, decimal commas, "million" -> "miljoen"),
so nothing is invented. None for explanations, lists and abstentions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from engine.directory import matching_role
from engine.evidence import (
    DATE,
    MONEY_SPAN,
    NUMBER,
    YEAR,
    EvidenceIndex,
    Sentence,
    table_cells,
)
from engine.glossary import Glossary
from engine.question import (
    ANY_BODY,
    GENERIC_COUNTED,
    NUMERALS,
    ORG_NOUNS,
    ROLE_WORDS,
    QuestionInfo,
    Term,
    counts_people,
    plural_role,
)
from engine.text import MONTHS, NUMBER_WORDS, STOPWORDS, content_tokens, fold, stems, tokens

_MONTH_NAMES = {
    "en": "January February March April May June July August September October November December",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
_AMOUNT_SPAN = re.compile(
    r"(?:(?:approximately|about|around|roughly|over|more than|less than|under|nearly|almost|"
    r"up to|ongeveer|circa|meer dan|minder dan|bijna|tot)\s+|~\s?)?"
    r"(?:€\s?\d[\d.,]*(?:\s?-\s?\d[\d.,]*)?(?:\s?(?:million|miljoen|billion|miljard|M)\b)?"
    r"|\d[\d.,]*(?:\s?-\s?\d[\d.,]*)?\s?(?:million|miljoen|billion|miljard)\s+(?:euro|EUR)\b)"
    r"(?:\s+(?:annually|per year|a year|each year|every year|per jaar|jaarlijks))?",
    re.I,
)
_NL_WORDS = {
    "approximately": "ongeveer",
    "about": "ongeveer",
    "around": "ongeveer",
    "roughly": "ongeveer",
    "over": "meer dan",
    "more than": "meer dan",
    "less than": "minder dan",
    "under": "minder dan",
    "nearly": "bijna",
    "almost": "bijna",
    "up to": "tot",
    "million": "miljoen",
    "billion": "miljard",
    "annually": "per jaar",
    "per year": "per jaar",
    "a year": "per jaar",
    "each year": "per jaar",
    "every year": "per jaar",
}
_EN_WORDS = {v: k for k, v in _NL_WORDS.items() if k not in ("about", "around", "roughly")}
_EN_WORDS |= {"jaarlijks": "annually", "circa": "approximately", "miljoen": "million"}
_ENGLISH_NUMBERS = frozenset("two three four five six seven eight nine ten eleven twelve".split())


# where an office sits: "Headquartered in Leuven", "a Leuven-based institute", "gevestigd te Gent"
SEATED = re.compile(
    r"\b(?i:headquartered|based|located|situated|seated|gevestigd|offices?|kantoor|kantoren"
    r"|hoofdkantoor|zetel|headquarters|campus)\s+(?:in|at|te|op)\s+"
    r"(?P<place>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)|\b(?P<before>[A-Z][\w]+)-based\b"
)


# "the Department of Economy, Science and Innovation (EWI)" and "imec (Interuniversity
# Microelectronics Centre)": a name and its acronym, either way round
# (a name may hold its own part's short name: "Federal Public Service (FPS) Policy and Support")
_NAME_THEN_SHORT = re.compile(
    r"(?P<long>[A-Z][\w&'’-]*(?:,?\s+(?:\([A-Z]{2,8}\)\s+)?(?:(?:of|and|for|the|van|voor|en|&)"
    r"\s+)*[A-Z][\w&'’-]*)+)\s*\((?P<short>[\w&-]{2,12})\)"
)
# (not "BOSA (DG Simplification ...)": a part of it, named by its own short name)
_SHORT_THEN_NAME = re.compile(
    r"\b(?P<short>[\w&-]{2,12})\s+\((?P<long>(?![A-Z]{2,}\b)[A-Z][^()]{5,90})\)"
)


def _short_and_long(text: str) -> Iterator[tuple[str, str]]:
    """The (short name, full name) pairs a sentence writes: "Name (SHORT)", "SHORT (Name)"."""
    for pattern in (_NAME_THEN_SHORT, _SHORT_THEN_NAME):
        for m in pattern.finditer(text):
            yield m.group("short"), m.group("long")


def expansion(info: QuestionInfo, text: str) -> str | None:
    """The full name the sentence gives for an acronym the question names."""
    for short, long in _short_and_long(text):
        initials = sum(ch.isupper() for ch in short) >= 2 or short.islower()
        if initials and short.lower() in info.tokens and len(long.split()) >= 2:
            long = re.sub(r"\s*\([A-Z]{2,8}\)", "", long.strip())
            return re.sub(r"^(?:The|De|Het)\s+", "", long)
    return None


def short_name(info: QuestionInfo, text: str) -> str | None:
    """The short name the sentence gives for a full name the question writes ("VAIA (Flemish
    AI Academy)", "Department of Economy, Science and Innovation (EWI)"): half of the full
    name's words are the question's, the short one is not."""
    asked = [t for t in info.terms if not t.carried]
    best, best_share = None, 0.0
    for short, long in _short_and_long(text):
        words = [w for w in tokens(long) if w not in STOPWORDS]
        said = sum(any(t.forms & stems(w) for t in asked) for w in words)
        share = said / len(words) if words else 0.0
        if (
            sum(ch.isupper() for ch in short) >= 2
            and short.lower() not in info.tokens
            and len(words) >= 2
            and share >= 0.5
            and share > best_share  # of a list of them, the one the question spells out most
        ):
            best, best_share = short, share
    return best


def direct_answer(
    info: QuestionInfo,
    lang: str,
    s: Sentence,
    ev: EvidenceIndex | None,
    glossary: Glossary | None = None,
) -> str | None:
    """The asked-for value in `s`, written for a reader of `lang`, or None. Of several values
    in the sentence, the one nearest to the words the question asks with ("renewed in March
    2024", "€12 million for SME digitalisation")."""
    if info.wants_list:
        return None
    anchors = _anchors(info, s.text)
    if info.expands:
        return expansion(info, s.text)
    if info.shortens:
        return short_name(info, s.text)
    # "which pillar": the row's "Pillar" cell ("Pillar III: Societal Framework")
    if info.qtype == "what" and s.chunk.meta.get("is_table_row"):
        cell = _asked_cell(info, _cells(s.text))
        if cell is not None:
            return cell
    if info.located == "seat" and (m := SEATED.search(s.text)):
        return m.group("place") or m.group("before")
    if info.qtype == "when":
        if info.duration:
            return None
        spans = [(m.start(), m.group(0)) for m in DATE.finditer(s.text)]
        # ("the 2025-2029 government agreement": a span of years stays whole)
        spans = spans or [(m.start(), m.group(0)) for m in _YEARS.finditer(s.text)]
        best = _closest(spans, anchors, lead_up=True)
        return _date(best, lang) if best else None
    if info.qtype == "amount":
        best = _closest([(m.start(), m.group(0)) for m in _AMOUNT_SPAN.finditer(s.text)], anchors)
        return _amount(best, lang) if best else None
    if info.qtype == "count":
        return _count(info, s.text, lang)
    if info.recipient:  # "advice to the Department of ... and the minister, X"
        spans = [
            (m.start("whom"), m.group("whom").strip()) for m in RECIPIENT_SPAN.finditer(s.text)
        ]
        if whom := _closest(spans, anchors, lead_up=True):
            return re.sub(r"^(?:the|de|het)\s+", "", whom)
    ante = ev.antecedent_of(s) if ev is not None else None
    if asks_people(info):
        # "Who are its two coordinators?": every person the sentence itself names
        # (the directory's people first: a name as the sentence runs on may carry its title)
        entries = ev.roles.get(s.idx, []) if ev is not None else []
        # "who are the coordinators?": the people the sentence gives that role, not every
        # person in a row that mentions "coordination" ("the bosses": whoever leads)
        specific = [t for t in info.roles if t.token not in _ANY_LEADER]
        if specific and entries:
            entries = [r for r in entries if all(t.found_in(r.role) for t in specific)]
            if not entries:
                return None
        listed = [r.person for r in entries]
        own = sorted(
            (n for n in dict.fromkeys(listed or s.names) if _new(info, n)),
            key=lambda n: _position(s.text, n),
        )
        if len(own) >= 2:
            return AND[lang].join(own)
    if info.wants_person and ev is not None:
        # the directory read this sentence as "person -> the asked role -> the asked body"
        role = matching_role(info, s, ev.roles)
        if role is not None and _new(info, role.person):
            return role.person
    # a capitalised title ("Chief Technology Officer") is no person's name
    people = [n for n in s.names + (ante.names if ante else []) if _new(info, n) and not _title(n)]
    if info.wants_person and not people:
        # "chaired by the Director-General of DG X": the office holds the role, no name given
        return _office(s.text)
    if info.wants_person or (info.qtype == "who" and people):
        held = _holder([(_position(s.text, n), n) for n in dict.fromkeys(people)], anchors, s.text)
        # "Operational Coordinator Jan Peeters": the directory read the name without its title
        listed = [r.person for r in ev.roles.get(s.idx, [])] if ev is not None else []
        held = [next((p for p in listed if h.endswith(" " + p)), h) for h in held]
        return AND[lang].join(held) if held else None
    if info.qtype in ("who", "org") or info.names_thing:
        if s.chunk.meta.get("is_table_row"):
            return _table_cell(info, s.text)
        known, other = _named_bodies(s, lang, ev, glossary, things=info.names_thing)
        named = known + other  # (before the asked names are set aside below)
        # "which council does he chair?": a person acts, the body is what he acts on
        acts = None if _PERSON_ACTS.search(info.text) else s.text
        # ("Pillar III provides the societal framework": a part's numeral names no thing)
        known, other = (
            [n for n in dict.fromkeys(names) if _new(info, n) and n.lower() not in NUMERALS]
            for names in (known, other)
        )
        # "It leads the AI4Belgium coalition" for "which coalition ...": a name the sentence
        # itself gives as of the asked kind, before what "It" stands for (the name the glossary
        # knows first: "imec", not its long name written beside it)
        if spelled := _spelled_out_as_asked(info, s.text, known + other):
            return spelled
        for names in (known, other):
            if kind := _of_asked_kind(info, s, names, glossary):
                return _closest([(_position(s.text, n), n) for n in kind], anchors, acts=acts)
        # (an item of a list that names no one is about what the list's lead-in is about)
        # ("The VUB AI Lab at ... is renowned for ...": an item that opens with a name, even
        # the asked one, is about that name, not about what its list is about)
        item = s.place == "item" and not (known or other) and not _opens_with(s.text, named)
        owner = ev.antecedent_of(s, items=True) if ev is not None and item else ante
        if owner is not None and (s.leans or item) and not _PASSIVE.search(s.text):
            # "It does this by developing ... the ALLY framework": who does it is what "It"
            # stands for, the body the sentence before names first, not a name in this one
            bodies = _bodies(owner, lang, ev, glossary)
            subject = (
                _item_referent(s, owner, ev, bodies)
                if ev is not None and item
                else _referent(s.text, bodies)
            )
            if subject and _new(info, subject):
                return subject
        # a body the glossary knows: its name as the sentence gives it, in `lang`
        return _closest([(_position(s.text, n), n) for n in known or other], anchors, acts=acts)
    return None


# whom something goes to: "to" or "aan", then a name or "the ..." (not "to support"), up to
# the clause's end
RECIPIENT_SPAN = re.compile(
    r"\b(?:to|aan)\s+(?P<whom>(?:(?:the|its|their|de|het|zijn|haar)\s+[\w-]+|[A-Z][\w-]*)"
    r"[^.;:!?]*?)(?=[.;:!?]|,\s+(?:which|who|that|die|dat|to|in order)\b|$)"
)


# the words an item opens with, after its article
_OPENING_NAME = re.compile(r"^\W*(?:(?:[Tt]he|[Dd]e|[Hh]et)\s+)?([A-Z].*)")


def _opens_with(text: str, names: list[str]) -> bool:
    """Does the text open with one of the names (after its article)?"""
    opening = _OPENING_NAME.match(text)
    return opening is not None and any(
        opening.group(1).lower().startswith(n.lower()) for n in names
    )


# "It is housed within X", "it was designated by Y": the doer is named in the sentence itself
_PASSIVE = re.compile(
    r"\b(?:is|was|are|were|been|being|wordt|werd|worden|werden)\s+(?:\w+\s+)?\w+(?:ed|en|t|d)"
    r"\s+(?:by|within|under|door|binnen|onder)\b",
    re.I,
)


_YEARS = re.compile(r"\b(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d\b)?")
_PERSON_ACTS = re.compile(r"\b(?:he|she|hij)\b", re.I)
PLURAL_WHO = re.compile(r"^\W*(?:who|wie)\s+(?:are|were|zijn|waren)\b", re.I)


def asks_people(info: QuestionInfo) -> bool:
    """Several people asked for, not one: "who are its two coordinators?", "which politicians
    oversee it?"."""
    if not info.wants_person:
        return False
    asked = info.asked.token if info.asked is not None else ""
    return bool(PLURAL_WHO.match(info.text)) or plural_role(asked)


AND = {"en": " and ", "nl": " en "}
# "is chaired by the Director-General of ...", "wordt geleid door de ...": an office, up to the
# clause's end
_BY_OFFICE = re.compile(
    r"\b(?:chaired|led|headed|run|directed|coordinated|managed|presided over|overseen|"
    r"voorgezeten|geleid|gecoördineerd)\s+(?:by|door)\s+(?:the|de|het)\s+"
    r"(?P<office>[A-Z][^,;.:]{2,120})"
)


def _office(text: str) -> str | None:
    m = _BY_OFFICE.search(text)
    return m.group("office").strip() if m else None


def _referent(text: str, bodies: list[tuple[int, str]], first: bool = True) -> str | None:
    """What "It ..." or "The center ..." stands for among the bodies the sentence before names:
    the one whose name holds the noun ("the center": the AI Expertise Center), else the first
    (`first`; else none)."""
    words = tokens(text)[:2]
    if len(words) == 2 and words[0] in ("the", "this", "that", "de", "het", "dit", "deze"):
        noun = stems(words[1])
        named = [b for _, b in bodies if any(stems(w) & noun for w in tokens(b))]
        if named:
            return named[0]
    return bodies[0][1] if bodies and first else None


def _item_referent(
    s: Sentence, ante: Sentence, ev: EvidenceIndex, bodies: list[tuple[int, str]]
) -> str | None:
    """What an item of a list is about: the body that a sentence leading up to the list names
    by its kind ("The center's mission is ...", after "... is the AI Expertise Center"), else
    the first the antecedent names."""
    seq = ev.by_chunk[s.chunk.id]
    for j in reversed(seq[: seq.index(s.idx)]):
        if j == ante.idx:
            break
        lead = ev.sentences[j]
        if lead.leans and (found := _referent(lead.text, bodies, first=False)):
            return found
    return _referent(s.text, bodies)


def _named_bodies(
    s: Sentence,
    lang: str,
    ev: EvidenceIndex | None,
    glossary: Glossary | None,
    things: bool = False,
) -> tuple[list[str], list[str]]:
    """The bodies a sentence names: those the glossary knows (no documents: "ALLY framework",
    unless `things`, plans and initiatives, are asked), then its other body names and acronyms
    (not those on every page: "AI")."""
    known = glossary_names(s.text, lang, glossary) if glossary is not None else []
    if not things:
        known = [n for n in known if not set(tokens(n)) & _DOCUMENTS]
    common = ev.common_acronyms if ev is not None else frozenset()
    # (a two-letter acronym is a kind more than a name: "the Directorate-General (DG) X")
    other = [*s.bodies, *(o for o in s.orgs if o not in common and len(o) > 2)]
    if things and ev is not None and (head := ev.opening_name(s.text)):
        other.insert(0, head)  # "Amai! actively involves the public ..."
    if things and ev is not None:  # "... through the Amai! initiative, ..."
        other += [n for n in ev.one_word_names(s.text) if n not in other]
    return known, other


def _bodies(
    s: Sentence, lang: str, ev: EvidenceIndex | None, glossary: Glossary | None
) -> list[tuple[int, str]]:
    """The bodies a sentence names, in the order it names them."""
    known, other = _named_bodies(s, lang, ev, glossary)
    return sorted({(_position(s.text, n), n) for n in dict.fromkeys(known + other)})


def _cells(row: str) -> list[tuple[set[str], str]]:
    return [
        (set(tokens(head)), value.rstrip("."))
        for head, value in table_cells(row)
        if value and value.lower() not in ("unknown", "?")
    ]


def _asked_cell(info: QuestionInfo, cells: list[tuple[set[str], str]]) -> str | None:
    """The cell of the column named by the noun asked for ("which *pillar*" -> "Pillar")."""
    asked = info.asked
    if asked is None:
        return None
    for head, value in cells:
        if any(asked.forms & stems(w) for w in head) and _new(info, value):
            return value
    return None


def _table_cell(info: QuestionInfo, row: str) -> str | None:
    """The cell of a table row that answers: the one whose column names what was asked
    ("Lead Agency/Initiative" for "which agency"), else the first body-like column; of a
    cell's alternatives, the one the row ties to the question's words."""
    value = _body_cell(info, row)
    return _alternative(info, row, value) if value else value


def _body_cell(info: QuestionInfo, row: str) -> str | None:
    cells = _cells(row)
    if (value := _asked_cell(info, cells)) is not None:
        return value if _all_new(info, value) else None
    # "who manages X", "which service leads X": the row's leadership column, its agent
    leading = info.qtype == "who" or any(stems(w) & _LEADING_HEADS for w in info.tokens)
    if leading:
        for head, value in cells:
            if head & _LEADING_HEADS:
                # ("who runs VAIA?": a "Lead Agency/Initiative" cell that holds VAIA itself)
                return _BY_AGENT.sub("", value) if _all_new(info, value) else None
    for head, value in cells:
        if head & ORG_NOUNS and _all_new(info, value):
            return value
    return next((v for _, v in cells if _all_new(info, v)), None)


def _all_new(info: QuestionInfo, value: str) -> bool:
    """None of a cell's alternatives ("Knowledge Centre Data & Society / VAIA") is what the
    question itself names."""
    return all(_new(info, alt) for alt in value.split(" / "))


_FOR_WHOM = re.compile(r"\b(?:by|within|for|in|among|door|binnen|voor|bij|onder)\b", re.I)


def _alternative(info: QuestionInfo, row: str, value: str) -> str:
    """'VLAIO / Digitaal Vlaanderen', asked about the government's digital transformation: the
    row says which does what ("by businesses (VLAIO) and within the government (Digitaal
    Vlaanderen)"); the alternative whose words there meet the question's, else the cell."""
    options = [o.strip() for o in value.split(" / ")]
    if len(options) < 2:
        return value
    terms = [t for t in info.terms if not t.carried]
    scores = []
    for option in options:
        said = [m.start() for m in re.finditer(rf"\(\s*{re.escape(option)}\s*\)", row)]
        got = 0.0
        for at in said:
            # what the row says this one does it for: the words after the last preposition
            # before it ("by businesses (VLAIO)", "within the government (Digitaal ...)")
            clause = re.split(_FOR_WHOM, re.split(r"[;(),]", row[:at])[-1])[-1]
            words = frozenset().union(*(stems(w) for w in tokens(clause.lower())))
            got = max(got, sum(t.weight for t in terms if t.forms & words))
        scores.append(got)
    best = max(scores)
    return options[scores.index(best)] if best > 0 and scores.count(best) == 1 else value


# role nouns any leader fits: "who are the bosses of X?"
_ANY_LEADER = frozenset(
    "lead leads leader leaders head heads chief chiefs baas bazen hoofd hoofden leider leiders"
    " leidt leiden topman topvrouw".split()
)
# a table's column of who leads ("Key Personnel/Leadership", "Lead Agency/Initiative")
_LEADING_HEADS = frozenset(
    "lead leadership leader personnel leiding leider verantwoordelijke".split()
)
_BY_AGENT = re.compile(
    r"^(?:led|managed|run|chaired|headed|coordinated|geleid|beheerd)\s+(?:by|door)\s+", re.I
)


def _anchors(info: QuestionInfo, text: str) -> list[tuple[int, int, float]]:
    """Where the sentence says what the question asks with: the positions of its words that
    meet a question term, with the term's weight (the names the question is about at half:
    they say which sentence, less which value in it)."""
    focus = {f.token for f in info.focus}
    # a person asked by role ("the AI Strategy Advisor") stands next to the role's name
    roles = info.roles if info.wants_person else []
    # "... and when was it renewed?": the part's own words pick the value; the words carried
    # from the part before ("first launched") only when its own meet nothing in the sentence
    own = [t for t in info.terms if not t.carried]
    return _anchored(text, own, roles, focus) or _anchored(text, info.terms, roles, focus)


def _anchored(
    text: str, terms: list[Term], roles: list[Term], focus: set[str]
) -> list[tuple[int, int, float]]:
    out = []
    words = [(m, stems(fold(m.group(0).lower()))) for m in re.finditer(r"[\w'-]+", text)]
    # (a longer name is matched on its content words: "Sec. of State" is "sec state")
    words = [(m, forms) for m, forms in words if m.group(0).lower() not in STOPWORDS]
    for k, (m, forms) in enumerate(words):
        for t in terms:
            # the word or an equivalent, or a longer name it goes by that starts here
            # ("staatssecretaris": "Sec. of State Mathieu Michel")
            end = m.end() if t.forms & forms else _phrase_end(t, words, k)
            if end is None:
                continue
            if roles:  # the role decides; its other words ("operational") only tip the balance
                share = 1.0 if t in roles else (0.0 if t.token in focus else _QUALIFIER)
            else:
                share = 0.5 if t.token in focus else 1.0
            if share:
                out.append((m.start(), end, t.weight * share))
    return out


def _phrase_end(
    term: Term, words: list[tuple[re.Match[str], frozenset[str]]], k: int
) -> int | None:
    """Where a multi-word name of `term` that starts at word `k` ends, if one does."""
    for phrase in term.phrases:
        span = words[k : k + len(phrase)]
        if (
            len(phrase) > 1
            and len(span) == len(phrase)
            and all(w & forms for w, (_, forms) in zip(phrase, span, strict=True))
        ):
            return span[-1][0].end()
    return None


_QUALIFIER = 0.3  # weight of a question's other words next to the role it asks about


_REACH = 25.0  # characters over which a question word's pull halves


def _closest(
    spans: list[tuple[int, str]],
    anchors: list[tuple[int, int, float]],
    lead_up: bool = False,
    acts: str | None = None,
) -> str | None:
    """The span with the most question words, weighted, close around it (the first one when
    the sentence has none). `lead_up`: the words that ask come before the value ("renewed ...
    in March 2024"), so those after it pull less. `acts` (the sentence): the values are bodies
    that act, and what a body does follows its name ("VLAIO stimulating adoption through
    subsidies, and the AI Expertise Center promoting ..."), unless the body is the agent of
    a passive ("led by X"), so the words before a name pull less."""
    if not spans:
        return None
    if not anchors:
        return min(spans)[1]

    def pull(span: tuple[int, str]) -> float:
        start, end = span[0], span[0] + len(span[1])
        before = acts[max(0, start - 16) : start] if acts is not None else ""
        agent = bool(_AGENT.search(before))
        # "a key partner in the Flanders AI Research Program and also coordinates ...": a name
        # after a preposition is what something is done to or in, not who does it
        # (unless an apposition says what it is: "within Digitaal Vlaanderen, the agency ...")
        governed = (
            acts is not None
            and not agent
            and bool(_GOVERNED.search(before))
            and not _APPOSITION.match(acts[end:])
        )
        return (_AFTER if governed else 1.0) * sum(
            w
            # a question word in the value's own name says which value less than one around
            # it says what it does ("in Vlaanderen" meets "Flanders AI Research Program")
            * (_INSIDE if acts is not None and start <= pos < end else 1.0)
            * (_AFTER if lead_up and pos >= start else 1.0)
            * (_AFTER if acts is not None and not agent and pos < start else 1.0)
            / (1.0 + max(start - pos, pos - end, 0) / _REACH)
            for pos, _, w in anchors
        )

    return max(spans, key=lambda sp: (pull(sp), -sp[0]))[1]


_AFTER = 0.25  # the pull of a question word that comes after the value
_INSIDE = 0.5  # the pull of a question word inside a body's own name
_GOVERNED = re.compile(
    r"\b(?:in|of|for|to|from|at|on|within|under|into|van|voor|naar|uit|bij|op|binnen|onder)"
    r"\s+(?:the\s+|de\s+|het\s+)?$",
    re.I,
)
_APPOSITION = re.compile(r"\s*,\s*(?:the|a|an|de|het|een)\s", re.I)
_AGENT = re.compile(r"\b(?:by|door)\s+(?:the\s+|de\s+|het\s+)?$", re.I)
_TITLE_GAP = 6  # "Operational Coordinator Nathalie Duysburgh": a role right before a name


def _titles_only(gap: str) -> bool:
    """Only a title between a role word and a name: "Operational | Coordinator | Jan Peeters",
    "CEO | Dr. | ..." (the role word belongs to that name)."""
    words = tokens(gap)
    return len(gap.strip()) <= _TITLE_GAP or (
        len(words) <= 3 and all(w in ROLE_WORDS or w in _TITLE_WORDS for w in words)
    )


def _holder(
    names: list[tuple[int, str]],
    anchors: list[tuple[int, int, float]],
    text: str,
) -> list[str]:
    """The person who holds the role asked about. A role word belongs to the name right after
    it ("CEO is Luc Van den hove", "Coordinator Dr. Rob Heyman"), else to the nearest name
    before it ("Karl Tuyls, who serves as ... CTO ..., and Steven Latré, who holds the
    position of AI Strategy Advisor"), else in equal shares to every name after it ("led by
    A and B": the question's other words decide; if they don't, both hold it)."""
    if not names:
        return []
    if not anchors:
        return [min(names)[1]]
    votes: dict[str, float] = {}
    for pos, end, w in anchors:
        inside = [n for n in names if n[0] <= pos < n[0] + len(n[1]) or pos <= n[0] < end]
        # "Operational Coordinator Pieter Duysburgh", "Sec. of State Mathieu Michel": read as
        # one name, or the name runs on from the role's last word
        if inside:
            votes[inside[0][1]] = votes.get(inside[0][1], 0.0) + w
            continue
        after = [n for n in names if n[0] >= end]
        before = [n for n in names if n[0] + len(n[1]) <= pos]
        nxt = min(after, default=None)
        if nxt is not None and ":" in text[end : nxt[0]]:
            # a table's column head ("Key Personnel/Leadership: Minister A; B (DG a.i.)") is
            # the role of every name in its cell, not of the first one
            owners = after
        elif nxt is not None and _titles_only(text[end : nxt[0]]):
            owners = [nxt]
        elif before:
            owners = [max(before)]
        else:  # "led by A and B": the word belongs to every name it introduces
            owners = after
        for owner in owners:
            votes[owner[1]] = votes.get(owner[1], 0.0) + w / len(owners)
    if not votes:
        return [min(names)[1]]
    best = max(names, key=lambda n: (votes.get(n[1], 0.0), -n[0]))
    # "led by A and B": the role word went to both in equal shares, and the sentence joins them
    tied = sorted(n for n in names if abs(votes.get(n[1], 0.0) - votes[best[1]]) < 1e-9)
    if len(tied) == 2 and _JOINED.fullmatch(text[tied[0][0] + len(tied[0][1]) : tied[1][0]]):
        return [n[1] for n in tied]
    return [best[1]]


# only "and" and a title between two names: "Dr. A and Operational Coordinator B"
_JOINED = re.compile(r"\s+(?:and|en)\s+(?:[A-Z][\w.-]*\s+){0,3}")


def _of_asked_kind(
    info: QuestionInfo,
    s: Sentence,
    names: list[str],
    glossary: Glossary | None = None,
) -> list[str]:
    """Of the names, those the sentence gives as of the asked kind: "the VAIA *steering
    committee*" for "which other committee", "VAIA" for "which academy" (its other name is
    the Flemish AI Academy); none when the question's noun picks none out."""
    text = s.text
    if info.asked is None or info.asked.token in ANY_BODY:
        return []  # every body is an organisation: the word picks none out
    asked = info.asked

    def said_with(name: str) -> frozenset[str]:
        words = tokens(name) + tokens(text[_position(text, name) + len(name) :])[:2]
        if glossary is not None:  # what the glossary also calls it
            words += [
                w for m in glossary.matches(name) if m.kind == "organisations" for w in m.others
            ]
        return frozenset().union(*(stems(w) for w in words))

    kind = [n for n in names if asked.found_in(said_with(n))]
    if not kind and asked.found_in(s.stems):
        # "AI4Belgium is a cornerstone ..., operating as a community-driven coalition": what
        # the sentence opens with is what it says is one
        kind = [n for n in names if _position(text, n) == 0]
    return kind


def _spelled_out_as_asked(info: QuestionInfo, text: str, names: list[str]) -> str | None:
    """Of names the sentence spells out in brackets ("VIB (Flanders Institute for
    Biotechnology), VITO (Flemish Institute for Technological Research)"), the one whose long
    form holds most of what the question describes it by ("which research centre for
    biotechnology", "onder welke afkorting staat het Vlaams Instituut voor Technologisch
    Onderzoek"), when one holds more than the others."""
    asked = info.asked.token if info.asked is not None else ""
    weighed = [t for t in info.terms if t.token != asked]
    scores: dict[str, float] = {}
    for name in dict.fromkeys(names):
        if not _new(info, name):
            continue
        m = re.match(r"\s*\(([^)]*)\)", text[_position(text, name) + len(name) :])
        if m:
            long_form = frozenset().union(*map(stems, content_tokens(m.group(1))))
            scores[name] = sum(t.weight for t in weighed if t.found_in(long_form))
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    # (among several: one long form alone is the name's own, not a list to pick from)
    if len(ranked) >= 2 and ranked[0][1] > ranked[1][1]:
        return ranked[0][0]
    return None


def _position(text: str, name: str) -> int:
    k = text.find(name)
    return k if k >= 0 else len(text)


def _date(span: str, lang: str) -> str:
    """'October 28, 2022' as '28 oktober 2022' for a Dutch reader ('28 October 2022' else)."""
    raw = re.sub(r"^(?:in|since|sinds|sedert)\s+", "", span, flags=re.I)
    words = raw.replace(",", "").split()
    month = next((MONTHS[w.lower()] for w in words if w.lower() in MONTHS), 0)
    year = next((w for w in words if _YEARS.fullmatch(w)), "")  # a year or a span of years
    day = next((w for w in words if w.isdigit() and len(w) <= 2), "")
    if re.fullmatch(r"(?:19|20)\d\d-\d\d-\d\d", raw):
        year, mm, dd = raw.split("-")
        month, day = int(mm), str(int(dd))
    if not month:
        return year or raw
    name = _MONTH_NAMES[lang if lang == "nl" else "en"].split()[month - 1]
    return " ".join(p for p in (day, name, year) if p)


def _amount(span: str, lang: str) -> str:
    """'approximately €32-36 million' -> 'ongeveer € 32-36 miljoen' for a Dutch reader."""
    text = re.sub(r"\s+", " ", span.strip())
    if lang == "nl":
        for en, nl in sorted(_NL_WORDS.items(), key=lambda kv: -len(kv[0])):
            text = re.sub(rf"\b{re.escape(en)}\b", nl, text, flags=re.I)
        # English decimal point and thousands comma become Dutch decimal comma and point
        text = re.sub(r"(?<=\d)[.,](?=\d)", lambda m: "," if m.group(0) == "." else ".", text)
    else:
        for nl, en in sorted(_EN_WORDS.items(), key=lambda kv: -len(kv[0])):
            text = re.sub(rf"\b{re.escape(nl)}\b", en, text, flags=re.I)
    return re.sub(r"€\s?", "€ ", text).replace("~ ", "~")


def _count(info: QuestionInfo, text: str, lang: str) -> str | None:
    """The number that counts what was asked ('nine core objectives' -> nine / negen). "How
    many universities and research centres": both numbers, each with the question's noun."""
    if info.counted is not None and info.counted.token in GENERIC_COUNTED:
        # "how many people took part?": a number of people of any kind ("60 Belgians")
        people = people_counted(text)
        return _number(people.lower(), lang) if people else None
    toks = tokens(MONEY_SPAN.sub(" ", text))  # "€1 million" counts no members
    asked = [info.counted] if info.counted else info.terms
    found = _counting(toks, asked, require=info.counted is not None)
    if found is None:
        return None
    first, at = found
    if (second := _second_counted(info)) is not None:
        head, words = second
        for j in range(at + 1, len(toks)):
            tok = toks[j]
            if not _is_count(tok):
                continue
            after = frozenset().union(*(stems(w) for w in toks[j + 1 : j + 4]))
            met = [k for k, (_, terms) in enumerate(words) if any(t.found_in(after) for t in terms)]
            if met:  # the second phrase runs to its last word that the sentence says
                noun = " ".join(w for w, _ in words[: max(met) + 1])
                return f"{_number(first, lang)} {head}{AND[lang]}{_number(tok, lang)} {noun}"
    return _number(first, lang)


def people_counted(text: str) -> str | None:
    """The first number of people of any kind in `text` ("60 Belgians", "300 researchers"),
    not "6 steps", "two federal bodies" or the day of a date: what "how many people" asks."""
    words = re.findall(r"[\w'’-]+", DATE.sub(" ", text))
    return next(
        (
            w
            for i, w in enumerate(words)
            if NUMBER.fullmatch(w)
            and not YEAR.fullmatch(w)
            and any(counts_people(x) for x in words[i + 1 : i + 4])
        ),
        None,
    )


def _is_count(tok: str) -> bool:
    """A number that can count things: digits (not a year) or a number word."""
    return (tok.isdigit() and not YEAR.fullmatch(tok)) or tok in NUMBER_WORDS


def _counting(toks: list[str], asked: list[Term], require: bool) -> tuple[str, int] | None:
    """The first number in `toks` followed (within three words) by one of `asked`."""
    for i, tok in enumerate(toks):
        if not _is_count(tok):
            continue
        after = frozenset().union(*(stems(w) for w in toks[i + 1 : i + 4]))
        if not require or any(t is not None and t.found_in(after) for t in asked):
            return tok, i
    return None


_HOW_MANY = re.compile(r"\b(?:how many|hoeveel)\s+", re.I)
# "how many universities and (strategic) research centres ...": a second thing counted
_AND_COUNTED = re.compile(r"^([\w'-]+(?:\s+[\w'-]+)?)\s+(?:and|en)\s+((?:[\w'-]+\s+){0,2}[\w'-]+)")


def _second_counted(info: QuestionInfo) -> tuple[str, list[tuple[str, list[Term]]]] | None:
    """Of "how many X and Y ...": X as the question writes it, and the words that may make up
    Y, each with its terms."""
    m = _HOW_MANY.search(info.text)
    if m is None or info.counted is None:
        return None
    pair = _AND_COUNTED.match(info.text[m.end() :])
    if pair is None or not info.counted.found_in(stems(fold(pair.group(1).split()[-1].lower()))):
        return None
    terms = [t for t in info.terms if t is not info.counted]
    words = [
        (w, [t for t in terms if t.found_in(stems(fold(w.lower())))]) for w in pair.group(2).split()
    ]
    return pair.group(1), words


def _number(tok: str, lang: str) -> str:
    """A number as the sentence gives it: digits as they are, a number word in `lang`."""
    n = NUMBER_WORDS.get(tok)
    if n is None:  # digits, or a number the word list does not pair ("sixty")
        return tok
    english = lang != "nl"
    return next(
        (w for w, k in NUMBER_WORDS.items() if k == n and (w in _ENGLISH_NUMBERS) == english), tok
    )


def _title(name: str) -> bool:
    """A role's name, not a person's: all its words are role or body vocabulary."""
    words = tokens(name)
    return bool(words) and all(
        w in ROLE_WORDS or w in ORG_NOUNS or w in _TITLE_WORDS for w in words
    )


_TITLE_WORDS = frozenset(
    "chief senior deputy acting general technology officer executive dr prof mr ms mrs".split()
)


def _new(info: QuestionInfo, name: str) -> bool:
    """A name the question did not give, in either language ('EU' is part of the
    'AI-verordening' a Dutch question asked about)."""
    words = content_tokens(name)
    # "AI Steering Group" for "the Flemish steering group": "AI", "EU" name nothing particular
    if set(w for w in words if len(w) > 2 or len(words) == 1) <= info.tokens:
        return False
    # only what the question names counts: "Digitaal Vlaanderen" answers "which agency does
    # the digital transformation of the Flemish public sector", whose words are not names
    named = info.focus or info.terms if len(words) == 1 else info.focus
    said = frozenset().union(*(t.forms for t in named)) if named else frozenset()
    said |= {w for t in named for phrase in t.phrases for part in phrase for w in part}
    return not all(stems(w) & said for w in words)


# an act or a plan is what bodies act on, not a body that acts ("supervises the Data Act")
_DOCUMENTS = frozenset(
    "act plan decree regulation agreement roadmap strategy law verordening besluit wet akkoord"
    " plan beleidsplan convergentieplan".split()
)
_DUTCH = frozenset("en van voor de het fod vlaams vlaamse agentschap departement".split())


def glossary_names(text: str, lang: str, glossary: Glossary) -> list[str]:
    """Bodies the glossary knows, as the text writes them, in order; of a body's several
    names in the text, the one in `lang` ('FOD Beleid en Ondersteuning' for Dutch)."""
    out: list[tuple[int, str]] = []
    for group, kind in zip(glossary.groups, glossary.kinds, strict=True):
        if kind != "organisations":
            continue
        spans = []  # (position, text, glossary order) of each of the group's names found
        for order, phrase in enumerate(group):
            pattern = r"\b" + r"\s+(?:(?:and|en|&)\s+)?".join(map(re.escape, phrase)) + r"\b"
            if m := re.search(pattern, fold(text), re.I):
                spans.append((m.start(), text[m.start() : m.end()], order))
        if not spans:
            continue
        dutch = [sp for sp in spans if set(tokens(sp[1])) & _DUTCH]
        other = [sp for sp in spans if sp not in dutch]
        pick = (dutch or other) if lang == "nl" else (other or dutch)
        # the glossary lists a body's usual name first ("BOSA", "BIPT")
        out.append((min(sp[0] for sp in spans), min(pick, key=lambda sp: sp[2])[1]))
    return [name for _, name in sorted(out)]
