"""The question(s) inside what a user typed: context sentences set apart, two questions split.

Real questions come with a situation ("I teach in Mechelen and ...") and often ask two things
("who chairs X, and when was it set up?"). Each asked part is answered on its own, the second
as a follow-up of the first, so that "it" finds what the first part was about. Vocabulary
only: question words and auxiliaries of both languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.sentences import split_sentences

_QW = (
    r"who|whom|whose|what|which|when|where|why|how|wie|wiens|wat|welke|welk|wanneer|waar"
    r"|waarom|hoe|hoeveel|waarvoor|waaraan|waarmee|waarin|waarop|waardoor|sinds wanneer"
)
_AUX = (
    r"is|are|was|were|does|do|did|has|have|had|can|could|will|would|should|may|zijn|heeft"
    r"|hebben|kan|kunnen|wordt|worden|werd|zal|zou|hoort|valt|doet|gaat|krijgt|bestaat|speelt"
    r"|zit|zitten|staat|komt"
)
_ASKS = re.compile(
    rf"^\W*(?:(?:and|en|but|maar|so|dus|also|ook|then|dan)\s+)?(?:{_QW}|{_AUX})\b", re.I
)
_IMPERATIVE = re.compile(
    r"^\W*(?:please\s+)?(?:tell|name|list|give|explain|describe|show|noem|geef|vertel|leg|"
    r"beschrijf|toon|som)\b",
    re.I,
)
_PREP = (
    r"under|in|at|for|with|from|by|to|of|on|via|since|until|onder|bij|voor|met|van|door|naar|op"
    r"|uit|aan|over|sinds|tot|binnen|within|inside|among|tussen|achter|behind"
)
_ADVERB = r"also|ook|then|dan|roughly|approximately|exactly|ongeveer|zowat|circa|precies"
# ", and when ...", " en onder welke ...", ", and roughly how many ...", ", and apart from the
# AI Act, which ...", "; who ...": a second question starts here
_SPLIT = re.compile(
    rf"(?:\s*[,;]\s*|\s+)(?:(?:and|en|&|but|maar)\s+(?:(?:{_ADVERB})\s+)?)"
    rf"(?=(?:(?:{_PREP})\s+)?(?:{_QW})\b|(?:{_AUX})\s+(?:it|they|he|she|this|that|het|hij|zij|ze"
    rf"|dat|die|deze|dit|er)\b)"
    rf"|\s*[,;]\s*(?:and|en|but|maar)\s+(?=[^,?]{{3,60}},\s*(?:{_QW})\b)"
    # ", and is healthcare one of them?": a yes/no question after a comma
    rf"|\s*[,;]\s*(?:and|en|but|maar)\s+(?=(?:{_AUX})\s+\w)"
    rf"|\s*;\s*(?=(?:{_QW})\b)"
    # ", and also whether BOSA has ...", "en ook of ...": a yes/no question reported
    rf"|(?:\s*[,;]\s*|\s+)(?:and|en)\s+(?:also\s+|ook\s+)?(?:whether|if)\s+"
    rf"|(?:\s*[,;]\s*|\s+)en\s+ook\s+of\s+",
    re.I,
)
# "Wij zijn een kmo: welk instituut ...?": the situation before the colon or dash
# (or a short lead before a colon: "OK, now: what ...", "Two things: who ..."; a short one
# before a dash is what is asked about: "hans arents - who is he?")
_LEAD = re.compile(
    rf"^(?:(?P<context>[^:?]{{12,}}?)\s*(?:—| - )|(?P<short>[^:?]*?[^\W\d_][^:?]*?)\s*:)"
    rf"\s*(?P<question>(?:{_QW})\b.+)$",
    re.I,
)
_ACCORDING_TO_REPORT = re.compile(
    r",?\s*\b(?:according to|volgens|in)\s+(?:the|this|het|dit)\s+(?:report|rapport|verslag)\b,?",
    re.I,
)
# "..., and when?", "en door wie?": a second question made of its question word alone
_ELLIPSIS = re.compile(rf"^((?:(?:{_PREP})\s+)?(?:{_QW}))\s*\?*$", re.I)
_LEADING_QW = re.compile(rf"^\W*(?:(?:{_PREP})\s+)?(?:{_QW})\b\s*", re.I)
MAX_PARTS = 3
# "... naast mijn job. welke organisatie ...": a sentence typed without its capital still
# starts where a question word follows the full stop
_LOWER_START = re.compile(rf"(?<=[.!?])\s+(?=(?:{_QW})\b)", re.I)


# "Can you tell me both?", "Weet u dat?": a request that asks nothing by itself; what it asks
# is said in the situation ("A client asked me whether ..., and which body ...")
_REQUEST_WORDS = frozenset(
    "can could would will you tell me us both either answer that this these those them please"
    " know explain help any idea for kun kunt kan je jij u me mij ons beide allebei vertellen"
    " zeggen dat dit die deze graag alstublieft aub weet weten iets daarover about op".split()
)
_EMBEDDED = re.compile(
    rf"\s(?:whether|if)\s+|\s(?:vroeg|vroegen|vraagt|vragen|vraag|weten|weet|afvroeg|afvraagt)"
    rf"\s+(?:me\s+|mij\s+|ons\s+|zich\s+)?(?:af\s+)?of\s+|\s(?=(?:{_QW})\b)",
    re.I,
)


def _asks_nothing(question: str) -> bool:
    words = re.findall(r"[\w'’]+", question.lower())
    return bool(words) and all(w in _REQUEST_WORDS for w in words)


def _embedded(context: list[str]) -> tuple[list[str], str] | None:
    """The questions a situation sentence reports ("asked me whether X, and which Y"), last
    such sentence first, and that sentence."""
    for sentence in reversed(context):
        if m := _EMBEDDED.search(sentence):
            asked = sentence[m.end() :].strip().rstrip(".!")
            pieces = [p.strip() for p in _SPLIT.split(asked) if p and p.strip()]
            if pieces and len(asked.split()) >= 4:
                return pieces, sentence
    return None


@dataclass
class Parts:
    questions: list[str]  # what is asked, in order; one or more
    context: list[str] = field(default_factory=list)  # the situation around it


def _asks(sentence: str) -> bool:
    s = sentence.strip()
    return s.endswith("?") or bool(_ASKS.match(s)) or bool(_IMPERATIVE.match(s))


def _tidy(text: str) -> str:
    # "according to the report": every answer is; the words would only mislead the search
    text = re.sub(r"\s{2,}", " ", _ACCORDING_TO_REPORT.sub(" ", text))
    return re.sub(r"\s+([?.!,])", r"\1", text).strip(" ,;")


def split_question(text: str) -> Parts:
    """The asked parts of a user's text and the context sentences around them."""
    sentences = split_sentences(text.strip()) or [text.strip()]
    sentences = [p for s in sentences for p in _LOWER_START.split(s) if p.strip()]
    asked = [s for s in sentences if s.strip().endswith("?")]
    if not asked:  # keywords, or a question without its mark: the asking sentences, or all
        asked = [s for s in sentences if _asks(s)] or sentences[-1:]
    context = [s for s in sentences if s not in asked]
    questions: list[str] = []
    for sentence in asked:
        if m := _LEAD.match(sentence.strip()):
            context.append(m.group("context") or m.group("short"))
            sentence = m.group("question")
        pieces = [p for p in _SPLIT.split(sentence) if p and p.strip()]
        for piece in pieces:
            if questions and (elided := _ELLIPSIS.match(piece.strip())):
                # "Who approved it, and when?": the bare question word asks the same thing again
                lead = _LEADING_QW.match(questions[-1])
                if lead:
                    questions.append(f"{elided.group(1)} {questions[-1][lead.end() :]}")
                    continue
            # a piece too short to ask anything stays with the one before
            if questions and len(piece.split()) < 2:
                questions[-1] = f"{questions[-1]} {piece}"
            else:
                questions.append(piece)
    questions = [q for q in (_tidy(q) for q in questions) if q]
    # ("Who leads imec? Can you tell me?": the request adds nothing to the question)
    questions = [q for q in questions if not _asks_nothing(q)] or questions
    if len(questions) == 1 and _asks_nothing(questions[0]) and (found := _embedded(context)):
        pieces, sentence = found  # "Can you tell me both?": the two things the situation asks
        questions = [q for q in (_tidy(p) for p in pieces) if q]
        context = [c for c in context if c != sentence]
    if len(questions) > MAX_PARTS:  # more is a list, not separate questions
        questions = [" ".join(questions)]
    return Parts(questions or [_tidy(text)], [c for c in context if c.strip()])
