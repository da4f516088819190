"""What a question asks for: its type, its weighted terms, and whether it wants a person.

Vocabulary only (question words, role nouns), in both languages; nothing about the answers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Literal

from app.glossary import Glossary
from app.text import content_tokens, stems, tokens

QType = Literal["who", "org", "when", "amount", "count", "what"]

ROLE_WORDS = _ROLE = frozenset(
    "lead leads leader head heads chair chairs chairman chairperson ceo cto director directeur"
    " minister ministers coordinator coördinator advisor adviser adviseur president premier"
    " voorzitter leidt leiden hoofd baas staatssecretaris secretary officer manager topman"
    " topvrouw person persoon fellow professor prof spokesperson woordvoerder chief".split()
)
_ORG = frozenset(
    "body bodies agency agencies organisation organization organisations organizations"
    " institution institutions institute department service authority authorities committee"
    " council group groups centre center centres centers university universities coalition"
    " dienst overheidsdienst organisatie organisaties instelling instellingen instantie"
    " departement agentschap orgaan comité raad onderzoeksgroep onderzoeksgroepen universiteit"
    " universiteiten onderzoekscentra coalitie regulator toezichthouder".split()
)
_MONEY = frozenset(
    "budget budgets money euro euros funding fund invest invests investment cost costs spend"
    " spends receive receives receiving geld poen budgetten begroting investeert investeren"
    " investering kost kosten ontvangt krijgt krijgen jaarbudget financiering middelen".split()
)
_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve twee drie vier vijf zes zeven"
    " acht negen tien elf twaalf".split()
)
_WHEN = re.compile(
    r"\b(when|wanneer|what date|which date|which year|what year|welke datum|welk jaar|"
    r"op welke dag|since when|sinds wanneer|in welk jaar)\b"
)
_HOW_MUCH = re.compile(r"\b(how much|hoeveel)\b")
_HOW_MANY = re.compile(r"\b(how many|hoeveel)\b")
_WHO = re.compile(r"\b(who|whom|whose|wie|wiens)\b")
_WHICH = re.compile(r"\b(which|what|welke|welk|wat voor)\s+(\w+)")


@dataclass
class Term:
    token: str
    forms: frozenset[str]  # its stems in both languages and those of its glossary equivalents
    weight: float = 1.0


@dataclass
class QuestionInfo:
    text: str
    qtype: QType
    wants_person: bool
    wants_list: bool
    terms: list[Term] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)


def analyse(
    text: str,
    glossary: Glossary,
    df: dict[str, int],
    n_sentences: int,
    matches: list[tuple[set[str], list[str]]] | None = None,
) -> QuestionInfo:
    """`matches` are the glossary hits retrieval already found for this text (else found here)."""
    low = text.lower()
    toks = tokens(low)
    tokset = set(toks)
    which = _WHICH.search(low)
    which_noun = which.group(2) if which else ""
    if _WHEN.search(low):
        qtype: QType = "when"
    elif _HOW_MUCH.search(low) and (tokset & _MONEY or "€" in low or "much" in tokset):
        qtype = "amount"
    elif _HOW_MANY.search(low):
        qtype = "count"
    elif _WHO.search(low) or which_noun in _ROLE:
        qtype = "who"
    elif which_noun in _ORG or which_noun.rstrip("s") in _ORG:
        qtype = "org"
    else:
        qtype = "what"
    wants_person = (qtype == "who" and bool(tokset & _ROLE)) or which_noun in _ROLE
    wants_list = bool(tokset & _NUMBER_WORDS) or (
        bool(which_noun) and which_noun.endswith(("s", "en", "'s")) and which_noun not in _ROLE
    )

    phrase_forms: dict[str, set[str]] = {}
    for matched, others in glossary.matches(text) if matches is None else matches:
        if len(matched) == 1:  # a single word stands for single words: "BIPT" is not "Belgian"
            others = [o for o in others if not glossary.is_phrase_word(o)]
        for tok in matched:
            bucket = phrase_forms.setdefault(tok, set())
            for other in others:
                bucket |= stems(other)

    def term(tok: str) -> Term:
        forms = set(stems(tok)) | phrase_forms.get(tok, set())
        for eq in glossary.equivalents(tok):
            forms |= stems(eq)
        d = max((df.get(f, 0) for f in forms), default=0)
        return Term(tok, frozenset(forms), math.log((n_sentences + 1) / (d + 1)) + 1.0)

    terms: list[Term] = []
    seen: set[str] = set()
    for tok in content_tokens(text):
        if tok in seen:
            continue
        seen.add(tok)
        parts = _compound_parts(tok, glossary, df) if tok not in phrase_forms else None
        if parts:  # "onderzoeksuitdaging" -> onderzoek + uitdaging, each in both languages
            terms.extend(term(p) for p in parts if p not in seen)
            seen.update(parts)
        else:
            terms.append(term(tok))
    return QuestionInfo(text, qtype, wants_person, wants_list, terms, tokset)


def _known(word: str, glossary: Glossary, df: dict[str, int]) -> bool:
    return len(word) >= 3 and (
        any(df.get(f, 0) for f in stems(word)) or bool(glossary.equivalents(word))
    )


def _compound_parts(tok: str, glossary: Glossary, df: dict[str, int]) -> list[str] | None:
    """Split an unknown Dutch compound into two known words (with a linking s or e)."""
    if len(tok) < 8 or not tok.isalpha() or _known(tok, glossary, df):
        return None
    for cut in range(len(tok) - 3, 3, -1):
        head, tail = tok[:cut], tok[cut:]
        if not _known(tail, glossary, df):
            continue
        for h in (head, head[:-1] if head.endswith(("s", "e")) else None):
            if h and _known(h, glossary, df):
                return [h, tail]
    return None
