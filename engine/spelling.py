"""Typos and misspelt names: a word the sources never use is read as the nearest one they do.

Users type "budjet", "flandres" and "vlaandren". Names and glossary entries are matched within
a small edit distance (one for short words, two for long ones); nothing else is, so that a
correct word ("hearing", a Dutch verb) is never bent into another. Only a unique nearest word
is taken.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from engine.text import STOPWORDS, fold, tokens

COMMON = 100  # times in the dictionaries' corpora: a word in use, not a rarity or a typo
# a word may hold digits after its first letter: "AI4Belgum" is one (misspelt) name
# "werkgevers- en sectororganisaties", "onderzoeks- of innovatiebeleid": a Dutch compound whose
# shared last part is written once
_ELIDED = re.compile(
    r"\b(?P<part>[A-Za-zÀ-ÿ]{3,})-\s+(?P<conj>en|of|and|or)\s+(?P<whole>[A-Za-zÀ-ÿ]{7,})\b"
)
_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9'’-]*")


class Speller:
    def __init__(
        self,
        names: Iterable[str],
        known: Callable[[str], bool],
        cased: dict[str, str] | None = None,
    ):
        """`names`: words of names and glossary entries; `known`: whether a word (in any of
        its forms) is already understood; `cased`: how the sources write a name that they
        only ever write with a capital ("latre" -> "Latré"), so that "wie is steven latre"
        names a person as "Wie is Steven Latré?" does."""
        self.names = sorted({fold(n.lower()) for n in names if len(n) >= 4})
        self._name_set = frozenset(self.names)
        self.cased = cased or {}
        self._same_length: dict[int, list[str]] = {}
        for n in self.names:
            self._same_length.setdefault(len(n), []).append(n)
        self.known = known
        from spellchecker import SpellChecker  # English and Dutch words (half a second to read)

        self._dictionaries = [SpellChecker(language=lang, distance=1) for lang in ("en", "nl")]

    def is_word(self, low: str) -> bool:
        """A word of English or Dutch ("word", "later", "vormen", "klacht"): the user meant
        it, though the sources never use it. Words the dictionaries hold only as rarities
        (their frequency floor) do not count: "kant" in English, a surname in Dutch."""
        return any(d[low] >= COMMON for d in self._dictionaries)

    def _nearest(self, word: str, choices: list[str], limit: int) -> str | None:
        found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=limit, limit=3)
        if not found:
            return None
        best = found[0][1]
        ties = [c for c, d, _ in found if d == best]
        return ties[0] if len(ties) == 1 else None

    def correct_word(self, word: str) -> str:
        low = fold(word.lower())
        if word.islower() and low in self.cased:
            return self.cased[low]
        if len(low) < 4 or low in STOPWORDS or self.known(low) or self.is_word(low):
            return word
        if low in self._name_set or any(self.known(t) for t in tokens(word)):
            return word  # a name as written ("SMEs", read as "sme") is no typo
        # a short word only by a letter changed or two swapped ("imek", "budjet"), never by one
        # dropped or added: "party" is no misspelt "part"
        choices = self.names if len(low) >= 7 else self._same_length.get(len(low), [])
        # and the first letter stays: typos rarely hit it, and a Dutch word the sources do not
        # use is often one letter from another word at its start ("vormen", "normen")
        choices = [c for c in choices if c[:1] == low[:1]]
        fix = self._nearest(low, choices, 1 if len(low) < 8 else 2)
        if fix is None:
            return word
        if word.isupper():
            return fix.upper()
        if (word.islower() or not word[1:].islower()) and fix in self.cased:
            return self.cased[fix]  # "ai4belgum", "AI4Belgum": the name as the sources write it
        return fix[:1].upper() + fix[1:] if word[:1].isupper() else fix

    def correct(self, text: str) -> str:
        """The text with each unknown word replaced by its unique near neighbour, if any, and
        a compound's elided part written out ("werkgevers- en sectororganisaties")."""
        text = _ELIDED.sub(self._written_out, text)
        return _WORD.sub(lambda m: self.correct_word(m.group(0)), text)

    def _written_out(self, m: re.Match[str]) -> str:
        """'werkgevers- en sectororganisaties' -> 'werkgeversorganisaties en sectororganisaties':
        the first compound shares the second's last part, the longest one that is a word."""
        whole = m.group("whole")
        for cut in range(3, len(whole) - 3):
            tail = whole[cut:].lower()
            if self.known(tail) or self.is_word(tail):
                return f"{m.group('part')}{tail} {m.group('conj')} {whole}"
        return m.group(0)
