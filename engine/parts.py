"""The question(s) inside what a user typed: context sentences set apart, two questions split.

Real questions come with a situation ("I teach in Mechelen and ...") and often ask two things
("who chairs X, and when was it set up?"). Each asked part is answered on its own, the second
as a follow-up of the first, so that "it" finds what the first part was about. Vocabulary
only: question words and auxiliaries of both languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from engine.text import QUESTION_WORDS
from ingest.sentences import is_abbreviation, split_sentences

_QW = QUESTION_WORDS + r"|waarvoor|waaraan|waarmee|waarin|waarop|waardoor|sinds wanneer"
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
# "Need two facts, nothing else: the date of X, and which Y", "twee namen op te zoeken ...: de
# adviseur van X, en de coördinator van Y": the things a count announces before a colon are
# what is asked, named or asked outright
_ANNOUNCED = re.compile(
    r"\b(?P<count>two|three|2|3|both|a\s+couple\s+of|twee|drie|beide|een\s+paar)\s+"
    r"(?:[\w'’-]+\s+){0,2}?(?P<noun>things|facts|questions|names|points|details|answers|bits"
    r"|dingen|vragen|namen|feiten|zaken|punten|gegevens|antwoorden|dingetjes)\b[^:?]{0,80}?:\s*",
    re.I,
)
# (things or points a sentence announces are asked only when it says they are needed or asked:
# "My thesis covers three things: ..." is the situation)
_ASKED_NOUNS = frozenset(
    "facts questions names answers details vragen namen feiten antwoorden gegevens".split()
)
_NEEDED = re.compile(
    r"\b(?:need|needs|needed|want|wants|like|ask|asks|asked|asking|know|wonder|wondering|look"
    r"|find|check|answer|answers|curious|nodig|wil|wilt|willen|weten|zoek|zoeken|opzoeken|op\s+te"
    r"\s+zoeken|vraag|vraagt|vroeg|vragen|benieuwd)\b",
    re.I,
)
_COUNTS = {"two": 2, "2": 2, "both": 2, "twee": 2, "beide": 2, "three": 3, "3": 3, "drie": 3}
# (the list's items: "X, and Y", "X; Y", "X, en ook Y")
_LIST_SPLIT = re.compile(
    r"\s*[,;]\s*(?:and|en|plus|as\s+well\s+as)\s+(?:(?:also|ook)\s+)?|\s*;\s*", re.I
)
# "we snappen het niet goed: welk instituut ..., en uit welk ...": after a colon, a question
# word asks, with or without the mark
_COLON_ASKS = re.compile(rf":\s*(?=(?:(?:{_PREP})\s+)?(?:{_QW})\b(?:\W*\w+){{3}})", re.I)
# "(1) who ..., and (2) which ...", "a) ... b) ...": the numbers of a list are no words of it
_ENUMERATOR = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=:))\(?(?:[1-9]|[a-cA-C])\)\s+")
_ACCORDING_TO_REPORT = re.compile(
    r",?\s*\b(?:according to|volgens|in)\s+(?:the|this|het|dit)\s+(?:report|rapport|verslag)\b,?",
    re.I,
)
# "..., and when?", "en door wie?", "and in what year?": a second question made of its question
# word alone, or with the time or place it asks for (the verb before it is said again: "in what
# year" it was approved; "and which budget?" asks something else of its own)
_WHEN_OR_WHERE = (
    r"year|date|day|month|city|town|place|jaar|jaartal|datum|dag|maand|stad|gemeente|plaats"
)
_ELLIPSIS = re.compile(rf"^((?:(?:{_PREP})\s+)?(?:{_QW})(?:\s+(?:{_WHEN_OR_WHERE}))?)\s*\?*$", re.I)
# "Which body approved it": the question word and the kind it asks for, which an ellipsis after
# it replaces ("in what year" approved it, not "in what year body")
_WHICH_KIND = re.compile(
    rf"^\W*(?:(?:{_PREP})\s+)?(?:which|what|welke|welk)\s+(?!(?:{_AUX})\b)[^\W\d_]+\s+", re.I
)
_QW_ANYWHERE = re.compile(rf"\b(?:{_QW})\b", re.I)
# "who ...", "to whom ...", "bij wie we terechtkunnen ...": a question word opens it, after its
# preposition
LEADING_QUESTION_WORD = re.compile(rf"^\W*(?:(?:{_PREP})\s+)?(?:{_QW})\b\s*", re.I)
# "And who is its academic coordinator.": a question word opens it (an auxiliary may open a
# statement of the situation: "Is het zo dat ...", "Can't find it anywhere.")
# "When we applied, ..." is a situation: alone, only words that cannot open one count
_LEADING_ASK = re.compile(
    rf"^\W*(?:(?:and|en|but|maar|also|ook)\s+(?:(?:also|ook)\s+)?(?:{_QW})|who|whom|whose|which|wie"
    rf"|wiens|welke|welk"
    rf"|hoeveel|(?:and|en)\s+(?:also\s+|ook\s+)?(?:whether|if|of)"
    # "how many people took part.", "what does it do.": a question word with the verb after it
    rf"|(?:how|hoe)\s+(?:many|much|long|old|big|large|veel|lang|groot|oud)"
    rf"|(?:what|where|when|how|wat|waar|wanneer|hoe)\s+(?:{_AUX}))\b",
    re.I,
)
# "Also, have they tested any tool ...", "Ook: bestaat er een hub ...": a verb before its
# subject asks, with or without the mark (but "Dan kan ze dat vergelijken": after an adverb,
# a Dutch verb comes before its subject in a statement too)
_INVERTED = re.compile(
    r"^\W*(?:(?:and|en|but|maar|plus)\s+|(?:also|ook|then|dan)\s*[,:]\s*)?"
    rf"(?:{_AUX})\s+"
    r"(?:it|they|he|she|there|you|we|i|its|their|the|this|that|these|those|het|hij|zij|ze|er|je"
    r"|jullie|u|ik|wij|die|dat|deze|dit|de)\b",
    re.I,
)
MAX_PARTS = 3
# "... naast mijn job. welke organisatie ...", "PINEAPPLE. ok now for real: who ...", "...?
# context: I'm ...": a sentence typed without its capital still starts after the mark (not
# after an abbreviation: "approx. the", "e.g. the"; nor after a name's "!": "Amai! nu")
_LOWER_START = re.compile(r"(?<=[.?])\s+(?=[\"“‘(]?[^\W\d_])")
# (beside the report's abbreviations, those users type)
_TYPED_ABBREVIATIONS = frozenset("etc incl resp excl bv".split())


def _abbreviated(before: str) -> bool:
    """Does the text end in an abbreviation's full stop ("approx.", "e.g.", "U.S.")?"""
    if not before.endswith("."):
        return False
    word = re.split(r"[^\w.]", before[:-1])[-1]
    return (
        is_abbreviation(word)
        or word.lower() in _TYPED_ABBREVIATIONS
        or bool(re.search(r"\.\w$", word))
    )


# "I also need to know which ...", "ik wil ook graag weten wie ...": a question told, not asked
_TOLD = re.compile(
    rf"\b(?:(?:i|we)(?:'d|\s+would)?\s+(?:also\s+|still\s+|really\s+)?(?:need|want|have|like)\s+"
    rf"to\s+(?:know|find\s+out|understand)|(?:i|we)(?:'m|\s+am|\s+are|'re)\s+(?:also\s+)?"
    rf"(?:wondering|curious(?:\s+about)?)|i\s+wonder|(?:ik\s+ben|we\s+zijn|wij\s+zijn)\s+(?:ook\s+)?"
    rf"(?:benieuwd|nieuwsgierig)(?:\s+naar)?|(?:ik|we|wij)\s+(?:wil|willen|moet|moeten|zou|zouden)\s+(?:ook\s+|"
    rf"nog\s+|graag\s+|ook\s+graag\s+|eigenlijk\s+)*(?:weten|uitzoeken|nagaan)|(?:ik|we|wij)\s+"
    rf"(?:vraag|vragen)\s+(?:me|mij|ons)\s+(?:ook\s+)?af)\s+(?=(?:(?:{_PREP})\s+)?(?:{_QW}|whether|if|of)\b)",
    re.I,
)
# ", because we might invite him": why the user asks is context, not part of the question
# (Dutch ", want", not the English verb: "They also want to know ..." is no reason)
_REASON = re.compile(
    r",?\s+\b(?:because|omdat|aangezien)\b\s+[^?]*\??$|,\s*want\b\s+[^?]*\??$", re.I
)


def _outside_reason(sentence: str, m: re.Match[str] | None) -> re.Match[str] | None:
    """The match, unless it lies inside the reason the sentence gives (", want ik wil weten of
    ..." only says why)."""
    reason = _REASON.search(sentence) if m else None
    return m if m and not (reason and reason.start() < m.start()) else None


def _told(sentence: str) -> re.Match[str] | None:
    """Where the sentence tells a question it asks ("I also need to know which ..."), unless
    that is inside the reason it gives."""
    return _outside_reason(sentence, _TOLD.search(sentence))


# "on what date - I want to quote it": after a dash, the user speaking of themself is context
# (after a comma, the user saying what they need: "which agreement, i need the years for my
# footnote", "welk plan, ik wil het citeren")
_ASIDE = re.compile(
    r"\s+[-—–]\s+(?=(?:i|we|ik|wij|my|our|mijn|onze)\b)"
    r"|,\s+(?=(?:i|we|ik|wij)\s+(?:need|want|must|have\s+to|would|wil|willen|moet|moeten"
    r"|zou|zouden)\b)",
    re.I,
)


# "who is the senior advisor there I could maybe contact?", "a framework we could build on",
# ", so that I can address my letter", "before I sign people up": what the user would do with
# the answer is context
_OWN_CLAUSE = re.compile(
    r",?\s+(?:before|after|once|voordat|vooraleer|zodra)\s+(?:i|we|ik|wij)\b[^?:]*"
    r"|,?\s+(?:so\s+(?:that\s+)?|zodat\s+)?(?:(?:that|whom|who|which|die|dat)\s+)?"
    r"(?:i|we|ik|wij)\s+(?:(?:maybe|perhaps|then|misschien|eventueel|dan|ook|also)\s+)?"
    r"(?:could|can|should|might|may|would|must|will|kan|kunnen|moet|moeten|zou|zouden|mag|mogen"
    r")\b[^?:]*",
    re.I,
)
# (not "which body do I need ...", "bij wie ik best ...": there the user's clause is the question)
_BEFORE_OWN = re.compile(rf"(?:\b(?:{_QW}|{_AUX}|waar)|^(?:\W*\w+){{0,2}})\W*$", re.I)


def _sentences(text: str) -> list[str]:
    """Sentences of a user's text, also those typed without a capital."""
    out: list[str] = []
    for sentence in split_sentences(text.strip()) or [text.strip()]:
        start = 0
        for m in _LOWER_START.finditer(sentence):
            if _abbreviated(sentence[start : m.start()]):
                continue
            out.append(sentence[start : m.start()])
            start = m.end()
        out.append(sentence[start:])
    return [s for s in out if s.strip()]


# "Can you tell me both?", "Weet u dat?": a request that asks nothing by itself; what it asks
# is said in the situation ("A client asked me whether ..., and which body ...")
_REQUEST_WORDS = frozenset(
    "can could would will you tell me us both either answer that this these those them please"
    " know explain help any idea for kun kunt kan je jij u me mij ons beide allebei vertellen"
    " zeggen dat dit die deze graag alstublieft aub weet weten iets daarover about op briefly"
    " quickly short shortly kort kortweg even snel uitleggen uitleg verduidelijken clarify"
    " summarise summarize samenvatten with met".split()
)
_ASKED_NL = r"vroeg|vroegen|vraagt|vragen|vraag|weten|weet|afvroeg|afvraagt"
_EMBEDDED = re.compile(
    rf"\s(?:whether|if)\s+|\s(?:{_ASKED_NL})"
    rf"\s+(?:me\s+|mij\s+|ons\s+|zich\s+)?(?:af\s+)?of\s+|\s(?=(?:{_QW})\b)",
    re.I,
)


def _asks_nothing(question: str) -> bool:
    words = re.findall(r"[\w'’]+", question.lower())
    return bool(words) and all(w in _REQUEST_WORDS for w in words)


# beside a real question, only a question the situation reports as asked counts: "my
# students asked what imec does", not "a company that does what we call edge AI"
_REPORTED = re.compile(
    rf"\s(?:whether|if)\s+|\s(?:asked|asks|ask|wondered|wonders|wonder|{_ASKED_NL})"
    rf"\s+(?:me\s+|mij\s+|us\s+|ons\s+|zich\s+)?"
    rf"(?:af\s+)?(?:of\s+|(?=(?:{_QW})\b))",
    re.I,
)


def _asked_after(sentence: str, at: int) -> str:
    """The asked clause that starts at `at`, without its end mark or the reason after it."""
    asked = sentence[at:].strip().rstrip(".!")
    if reason := _REASON.search(asked):
        asked = asked[: reason.start()]
    return asked


def _embedded(context: list[str], reported: bool = False) -> tuple[list[str], str] | None:
    """The questions a situation sentence reports ("asked me whether X, and which Y"), last
    such sentence first, and that sentence. `reported`: only those said to be asked."""
    for sentence in reversed(context):
        if m := (_REPORTED if reported else _EMBEDDED).search(sentence):
            asked = _asked_after(sentence, m.end())
            pieces = [p.strip() for p in _SPLIT.split(asked) if p and p.strip()]
            if pieces and len(asked.split()) >= 4:
                return pieces, sentence
    return None


# "we want to know who ...", "my students keep asking me which ...", "ik vraag me af of ..."
_WANTS_TO_KNOW = re.compile(
    rf"\s(?:know|knowing|asking|wondering|find out|finding out|figure out|uitzoeken|nagaan"
    rf"|{_ASKED_NL})\s+(?:me\s+|mij\s+|us\s+|ons\s+|zich\s+)?(?:af\s+)?"
    rf"(?:whether\s+|if\s+|of\s+|(?=(?:{_QW})\b))",
    re.I,
)


# "My manager asked me to prepare two things before Thursday: who is ...", "vroeg me om uit te
# zoeken welk instituut ...": a question reported a few words after the verb that asks for it
_ASKING = (
    r"ask|asks|asked|asking|wonder|wonders|wondered|wondering|know|knowing|find\s+out"
    r"|finding\s+out|figure\s+out|curious|vraagt|vragen|vroeg|vroegen|weten|weet|afvroeg"
    r"|afvraagt|uitzoeken|uit\s+te\s+zoeken|nagaan|na\s+te\s+gaan|benieuwd|opzoeken|op\s+te\s+zoeken"
    r"|look\s+up|looking\s+up|check|zoeken|zoekt"
)
_REPORTS = re.compile(
    rf"\b(?:{_ASKING})\b(?:[^.?!]{{0,90}}?[\s:,])?\s*"
    rf"(?=(?:(?:{_PREP})\s+)?(?:{_QW}|whether|if)\b)",
    re.I,
)


def reported_question(sentence: str) -> str:
    """What a situation sentence reports as asked ("we want to know who is in charge of
    digitalisation at federal level"): the asked clause, without who asks it; "" when none."""
    for pattern in (_REPORTED, _WANTS_TO_KNOW, _REPORTS):
        if m := pattern.search(sentence):
            return _asked_after(sentence, m.end())
    return ""


@dataclass
class Parts:
    questions: list[str]  # what is asked, in order; one or more
    context: list[str] = field(default_factory=list)  # the situation around it


# "in a sentence or two", "in een paar woorden", "in a nutshell": how long, not what
_LENGTH_REQUEST = re.compile(
    r",?\s*\b(?:in\s+(?:a|one|een|1)\s+(?:sentence|zin)(?:\s+or\s+two|\s+of\s+twee)?"
    r"|in\s+(?:a\s+few|a\s+couple\s+of|two|een\s+paar|enkele|twee)\s+"
    r"(?:sentences|words|zinnen|woorden)|in\s+a\s+nutshell|in\s+(?:het\s+)?kort)\b,?",
    re.I,
)


def _tidy(text: str) -> str:
    # "according to the report": every answer is; the words would only mislead the search
    # (nor does "in a sentence or two" say what is asked)
    text = _LENGTH_REQUEST.sub(" ", _ACCORDING_TO_REPORT.sub(" ", text))
    text = re.sub(r"\s{2,}", " ", text)
    return re.sub(r"\s+([?.!,])", r"\1", text).strip(" ,;")


def _wonders(sentence: str) -> bool:
    """A statement typed with a question mark: no question word, no verb first, long."""
    return (
        len(sentence.split()) >= 8
        and not _ASKS.match(sentence)
        and not _INVERTED.match(sentence)
        and not _IMPERATIVE.match(sentence)
        and not _QW_ANYWHERE.search(sentence)
        and not re.search(r"\b(?:whether|if)\b", sentence, re.I)
        # "Klopt dat, zit VITO er nu in of niet?": the verb opens a clause after a comma
        and not re.search(rf",\s*(?:klopt|right|{_AUX})\b", sentence, re.I)
    )


def _listed(sentence: str, marked: bool) -> re.Match[str] | None:
    """Where a sentence announces what it asks before a colon ("Two things I need: the date
    of X, and which Y"; "ik snap het niet: welk instituut ...", when nothing has the mark),
    unless a reason holds it."""
    m = _ANNOUNCED.search(sentence)
    if (
        m
        and m.group("noun").lower() not in _ASKED_NOUNS
        and not _NEEDED.search(sentence[: m.end()])
    ):
        m = None
    return _outside_reason(sentence, m or (None if marked else _COLON_ASKS.search(sentence)))


# "what's the difference between X and Y?", "hoe verschilt X van Y?": what each of them is
_DIFFERENCE = re.compile(
    r"\b(?:difference|differences|distinction|verschil|verschillen|onderscheid)\s+"
    r"(?:is\s+there\s+|is\s+er\s+)?(?:between|tussen)\s+(?P<x>.+?)\s+(?:and|en)\s+"
    r"(?P<y>.+?)\s*[?.!]*$"
    r"|\b(?:how|hoe)\s+(?:does|do|is|are|verschilt|verschillen)\s+(?P<x2>.+?)\s+"
    r"(?:differ\s+from|different\s+from|van)\s+(?P<y2>.+?)\s*[?.!]*$",
    re.I,
)


def _compared(sentence: str) -> list[str]:
    """ "What's the difference between X and Y?": "What is X?" and "What is Y?", each answered
    by what defines it (a sentence that compares them may name only one)."""
    m = _DIFFERENCE.search(sentence)
    if not m:
        return []
    what = (
        "wat is"
        if re.search(r"\b(?:verschil|verschillen|onderscheid|hoe)\b", m.group(0), re.I)
        else "what is"
    )
    pair = (m.group("x"), m.group("y")) if m.group("x") else (m.group("x2"), m.group("y2"))
    return [f"{what} {x.strip(' ,')}?" for x in pair]


# what a question opens with when it asks something besides what was said before it
_BESIDES = re.compile(
    r"^\W*(?:and|also|plus|besides|second(?:ly)?|en|ook|daarnaast|verder|bovendien|"
    r"ten\s+tweede)\b",
    re.I,
)


def _told_besides(sentence: str, marked: str) -> bool:
    """ "I'd like to know when the plan was approved. Also, how many objectives does it list?":
    a question told before the first marked one asks a question of its own when the marked one
    says it asks something besides ("also", "and"); else it only announces the questions after
    it ("I want to understand how it is organised. Which groups make it up, and who ...?")."""
    return bool(_BESIDES.match(marked)) and _told(sentence) is not None


def split_question(text: str) -> Parts:
    """The asked parts of a user's text and the context sentences around them."""
    sentences = _sentences(_ENUMERATOR.sub("", text))
    marked = [s for s in sentences if s.strip().endswith("?")]
    # beside the marked questions: "And who is its coordinator." and "I also need to know
    # which ..." ask too; without any mark, every asking sentence does, or the last one
    # (before the first marked question, "I want to know who leads it." only announces it)
    first = sentences.index(marked[0]) if marked else len(sentences)
    listed = {s: m for s in sentences if (m := _listed(s, bool(marked)))}
    asked = [
        s
        for k, s in enumerate(sentences)
        if s in marked
        or (k > first and (_told(s) or _LEADING_ASK.match(s) or _INVERTED.match(s)))
        or (marked and k < first and _told_besides(s, marked[0]))
        or s in listed
        or (not marked and (_told(s) or _ASKS.match(s) or _IMPERATIVE.match(s)))
    ]
    # nothing asked outright and no mark: "My boss asked me which team ... She'd also like to
    # know whether ...": the questions the situation reports are the ones to answer
    reported = {
        s: clause
        for s in ([] if marked else sentences)
        if s not in asked and (clause := reported_question(s))
    }
    asked = [s for s in sentences if s in asked or s in reported] or sentences[-1:]
    if len(asked) > 1:
        # "my grandson told me they asked ordinary people about AI?? how many took part ...":
        # beside a real question, a long statement with a mark only wonders aloud
        real = [s for s in asked if not _wonders(s) or s in listed]
        asked = real or asked
    context = [s for s in sentences if s not in asked]
    questions: list[str] = []
    for sentence in asked:
        if told := _told(sentence):
            context.append(sentence[: told.start()])
            sentence = sentence[told.end() :]
        elif clause := reported.get(sentence):
            context.append(sentence[: sentence.rindex(clause)])
            sentence = clause
        if reason := _REASON.search(sentence):
            context.append(sentence[reason.start() :].strip(" ,"))
            sentence = sentence[: reason.start()]
        if (aside := _ASIDE.search(sentence)) and _QW_ANYWHERE.search(sentence[: aside.start()]):
            context.append(sentence[aside.end() :])
            sentence = sentence[: aside.start()]
        pieces: list[str] = []
        if m := listed.get(sentence):
            context.append(sentence[: m.end()].strip(" :,"))
            sentence = sentence[m.end() :]
            items = [p for p in _LIST_SPLIT.split(sentence) if p and p.strip()]
            count = _COUNTS.get((m.groupdict().get("count") or "").lower(), len(items))
            if 1 < len(items) == count:  # (else the list's commas are its items' own)
                pieces = items
        elif m := _LEAD.match(sentence.strip()):
            context.append(m.group("context") or m.group("short"))
            sentence = m.group("question")
        if not pieces and (compared := _compared(sentence)):
            pieces = compared
        pieces = pieces or [p for p in _SPLIT.split(sentence) if p and p.strip()]
        for piece in pieces:
            # "Before we do that my boss asked me to find out which committee ...": who asks
            # is the situation; what is asked starts at the question word
            if not (_ASKS.match(piece) or _IMPERATIVE.match(piece)) and (
                report := _REPORTS.search(piece)
            ):
                context.append(piece[: report.start()])
                piece = piece[report.end() :]
            if (own := _OWN_CLAUSE.search(piece)) and not _BEFORE_OWN.search(piece[: own.start()]):
                context.append(own.group(0).strip(" ,"))
                piece = piece[: own.start()] + ("?" if piece.rstrip().endswith("?") else "")
            if questions and (elided := _ELLIPSIS.match(piece.strip())):
                # "Who approved it, and when?": the bare question word asks the same thing again
                lead = _WHICH_KIND.match(questions[-1]) or LEADING_QUESTION_WORD.match(
                    questions[-1]
                )
                if lead:
                    questions.append(f"{elided.group(1)} {questions[-1][lead.end() :]}")
                    continue
            # a piece too short to ask anything stays with the one before ("ok and who runs
            # it?": with the one after)
            if questions and (
                len(piece.split()) < 2
                or (
                    len(questions[-1].split()) < 2
                    and not _ASKS.match(questions[-1])
                    and questions[-1] in pieces
                )
            ):
                questions[-1] = f"{questions[-1]} {piece}"
            else:
                questions.append(piece)
    questions = [q for q in (_tidy(q) for q in questions) if q]
    nothing = [q for q in questions if _asks_nothing(q)]
    if nothing and (found := _embedded(context, reported=len(nothing) < len(questions))):
        # "Can you tell me both?", "Kan je dat kort uitleggen?": what the situation reports
        # ("my students asked what imec does") is what the request asks, in its place
        pieces, sentence = found
        k = questions.index(nothing[0])
        embedded = [q for q in (_tidy(p) for p in pieces) if q]
        questions = questions[:k] + embedded + questions[k + 1 :]
        context = [c for c in context if c != sentence]
    # ("Who leads imec? Can you tell me?": the request adds nothing to the question)
    questions = [q for q in questions if not _asks_nothing(q)] or questions
    if len(questions) > MAX_PARTS:  # more is a list, not separate questions
        questions = [" ".join(questions)]
    return Parts(questions or [_tidy(text)], [c for c in context if c.strip()])
