"""Words, stems and stopwords for Dutch and English: the lexical half of retrieval and scoring."""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import cache

import Stemmer

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z0-9]+(?:'[a-z]+)?")

# the question words of both languages, as a regex alternation ("hoeveel" before "hoe" does not
# matter: callers end it with \b)
QUESTION_WORDS = (
    r"who|whom|whose|what|which|when|where|why|how|wie|wiens|wat|welke|welk|wanneer|waar"
    r"|waarom|hoe|hoeveel"
)

STOPWORDS = frozenset(
    # English
    "a an the and or but if of in on at to for from by with about into over under as is are was"
    " were be been being am has have had do does did will would shall should can could may might"
    " must this that these those it its it's they them their there here he she his her him we our"
    " you your i me my not no nor so than then too very also just only such what which who whom"
    " whose when where why how all any both each few more most other some own same s t does don"
    " now up down out off again further once per via within between during before after above"
    " below against through while because until tell please name list give know much many get"
    " gets got kinds sorts roughly approximately approx ballpark called named regarding"
    " concerning behalf"
    # hedges and fillers that qualify the asking, not what is asked ("who could I maybe contact")
    " maybe perhaps possibly probably actually really basically currently still already even"
    " like anyway honestly somehow exactly precisely"
    # greetings and discourse fillers ("ok now seriously, who ...", "hoi, wie ...")
    " ok okay alright seriously hi hello hey thanks thank thx cheers"
    # Dutch
    " de het een en of maar als dan van in op te ten ter voor met door naar om over bij aan uit"
    " tot tegen tussen onder na sinds zonder is zijn was waren wordt worden werd werden ben bent"
    " heeft hebben had hadden heb zal zullen zou zouden kan kunnen kon konden mag mogen moet"
    " moeten wil willen dit dat deze die er hier daar wie wat welke welk waar wanneer waarom hoe"
    " hij zij ze wij we jij je u hem haar hun ons onze mijn zijn niet geen ook nog al wel zo"
    " zeer heel alle elk elke ieder iets niets veel meer meest eens even toch dus nu waarin"
    " waarvan waarmee hoeveel graag vertel noem geef weet rond doet doen mee komt erbij gaat"
    " laat precies allemaal eigenlijk iets ergens soort soorten ongeveer circa zowat grofweg"
    " ongeveer heet heten staat staan stond stonden bestaat bestaan bestond zit zitten zat zaten"
    " misschien eventueel waarschijnlijk echt gewoon momenteel trouwens nou namens"
    " oké oke serieus hoi hallo bedankt merci alvast binnen eigen"
    # Dutch words that point at what was said before ("daarvoor" = "for that") or ask
    " daarvoor daarvan daarmee daarbij daarin daarover daarop daaraan daarna daaruit daardoor"
    " daarnaast ervoor ervan ermee erin erover erop eraan erna eruit erdoor hiervoor hiervan"
    " hiermee hierbij hierin hierover hierop hieraan waarvoor waarop waaraan waarover waaruit"
    " waardoor waarbij inzake omtrent betreffende aangaande".split()
)


_LOCAL = threading.local()


def _stemmer(lang: str) -> Stemmer.Stemmer:
    """One stemmer per thread and language: PyStemmer's must not be called concurrently."""
    stemmers = _LOCAL.__dict__.setdefault("stemmers", {})
    if lang not in stemmers:
        stemmers[lang] = Stemmer.Stemmer("dutch" if lang == "nl" else "english")
    return stemmers[lang]


# "FPSs", "SMEs": an acronym's plural is the acronym
_ACRONYM_PLURAL = re.compile(r"\b([A-Z]{2,})s\b")


def singular_acronyms(text: str) -> str:
    """ "which two FPSs" -> "which two FPS": the plural of an acronym is the acronym."""
    return _ACRONYM_PLURAL.sub(r"\1", text)


def tokens(text: str) -> list[str]:
    """Lowercase word and number tokens, accents folded ('coördinator' is 'coordinator',
    'Wallonië' is 'wallonie'); '14.185' and '32-36' keep their digits; "what's" is "what",
    "Leuven's" is "leuven", "FPSs" is "fps"."""
    text = singular_acronyms(text)
    return [
        t[:-2] if t.endswith("'s") else t
        for t in _TOKEN.findall(fold(text.lower().replace("’", "'")))
    ]


def without_carried(text: str) -> str:
    """The user's own words of a standalone question, without the words a follow-up carries
    in brackets at its end ("and who leads it? (VLAIO)" -> "and who leads it?")."""
    return text.partition(" (")[0] if text.rstrip().endswith(")") else text


def fold(text: str) -> str:
    """Text without its accents: users type 'coordinator' for 'coördinator'."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def content_tokens(text: str) -> list[str]:
    return [t for t in tokens(text) if t not in STOPWORDS and (len(t) > 1 or t.isdigit())]


def stem(token: str, lang: str) -> str:
    if token[0].isdigit():
        return token
    return _stemmer(lang).stemWord(token.removesuffix("'s"))


@cache
def stems(token: str) -> frozenset[str]:
    """Every form a token may take in the other language's index: itself, both stems, and a
    five-letter prefix, so cognates meet ('officieel'/'official', 'conclusie'/'conclusion')."""
    forms = {token, stem(token, "en"), stem(token, "nl")}
    if len(token) >= 6 and token.isalpha():
        forms.add("~" + token[:5])
    return frozenset(forms)


def stems_of(text: str) -> frozenset[str]:
    """The forms of every word of a text (a heading, a title, a role): to match words with."""
    return frozenset().union(*(stems(w) for w in tokens(text)))


@cache
def word_forms(token: str) -> frozenset[str]:
    """A token and its stems, without the cognate prefix: for matching names and glossary
    phrases, where 'onderzoeksuitdaging' must not meet 'ondernemers'."""
    return frozenset(f for f in stems(token) if not f.startswith("~"))


def index_terms(text: str, lang: str) -> list[str]:
    """BM25 terms of a passage: content tokens stemmed in the passage's language."""
    return [stem(t, lang) for t in content_tokens(text)]


def numbered(pairs: str, start: int) -> dict[str, int]:
    """'two:twee three:drie' from 2 -> {'two': 2, 'twee': 2, 'three': 3, 'drie': 3}."""
    return {w: n for n, pair in enumerate(pairs.split(), start=start) for w in pair.split(":")}


# words for numbers and months, in English and Dutch
NUMBER_WORDS = numbered(
    "two:twee three:drie four:vier five:vijf six:zes seven:zeven eight:acht nine:negen"
    " ten:tien eleven:elf twelve:twaalf",
    start=2,
)
MONTHS = numbered(
    "january:januari february:februari march:maart april may:mei june:juni july:juli"
    " august:augustus september october:oktober november december",
    start=1,
)
