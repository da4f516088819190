"""Dutch or English? One detector for questions (app) and fetched pages (ingest)."""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

Lang = Literal["nl", "en"]

# Function words decide very short input, where statistical detectors guess.
_NL = frozenset(
    "de het een en van in op is zijn wie wat welke welk waar wanneer hoeveel hoe waarom die dat"
    " deze dit voor met niet ook er aan bij door naar om over uit wordt werd heeft hebben zijn"
    " haar hun ze hij zij wij jij je u mijn onze als dan maar of nog al wel geen daar daarin"
    " daarvoor daarvan daarop daarmee daaronder daarbij erin ervoor ervan hierin waarin"
    " waarvoor eigenlijk".split()
)
# the word a question opens with says most: it counts twice
_OPENERS_NL = frozenset("wie wat welke welk waar wanneer hoeveel hoe waarom".split())
_OPENERS_EN = frozenset("who what which where when how why".split())
_EN = frozenset(
    "the a an and of in on is are who what which where when how why that this these those for"
    " with not also there to at by from about out was were has have his her their they he she"
    " we you my our as than but or still any no does did do".split()
)
_WORD = re.compile(r"[a-zà-ÿ]+")


@cache
def _detector():  # built on first use, never at import: lingua takes a moment to load
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.DUTCH, Language.ENGLISH).build()


def warm_up() -> None:
    """Load lingua's models now, so that the first question does not pay for it."""
    detect_language("Wie houdt toezicht op de AI-verordening in België?")


def detect_language(text: str, default: Lang = "en") -> Lang:
    """Dutch or English; function words first, lingua when they do not settle it."""
    words = _WORD.findall(text.lower())
    nl = sum(w in _NL for w in words) + int(bool(words) and words[0] in _OPENERS_NL)
    en = sum(w in _EN for w in words) + int(bool(words) and words[0] in _OPENERS_EN)
    if nl != en and (len(words) <= 4 or abs(nl - en) >= 2):
        return "nl" if nl > en else "en"
    if not words:
        return default
    from lingua import Language

    best = _detector().compute_language_confidence_values(text)[0]
    if best.value < 0.6:  # lingua is unsure: the function words (or the default) decide
        return "nl" if nl > en else "en" if en > nl else default
    return "nl" if best.language == Language.DUTCH else "en"  # lingua 2.1 enums: == not is
