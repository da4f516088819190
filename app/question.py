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

_ROLE = frozenset(
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


def analyse(text: str, glossary: Glossary, df: dict[str, int], n_sentences: int) -> QuestionInfo:
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
    elif _WHO.search(low):
        qtype = "who"
    elif which_noun in _ROLE:
        qtype = "who"
    elif which_noun in _ORG or which_noun.rstrip("s") in _ORG:
        qtype = "org"
    else:
        qtype = "what"
    wants_person = (qtype == "who" and bool(tokset & _ROLE)) or which_noun in _ROLE
    wants_list = bool(tokset & _NUMBER_WORDS) or (
        bool(which_noun) and which_noun.endswith(("s", "en", "'s")) and which_noun not in _ROLE
    )

    terms: list[Term] = []
    seen: set[str] = set()
    for tok in content_tokens(text):
        if tok in seen:
            continue
        seen.add(tok)
        forms = set(stems(tok))
        for eq in glossary.equivalents(tok):
            forms |= stems(eq)
        d = max((df.get(f, 0) for f in forms), default=0)
        weight = math.log((n_sentences + 1) / (d + 1)) + 1.0
        terms.append(Term(tok, frozenset(forms), weight))
    return QuestionInfo(text, qtype, wants_person, wants_list, terms, tokset)
