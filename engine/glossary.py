"""Alias expansion through the bilingual glossary (glossary.yaml): vocabulary, not answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.resources import files
from typing import NamedTuple

import yaml

from engine.text import STOPWORDS, tokens, without_carried, word_forms


class Match(NamedTuple):
    matched: set[str]  # the text's tokens that matched a phrase
    others: list[str]  # content tokens of the group's other phrases, flattened
    phrases: list[tuple[str, ...]]  # the group's other multi-word phrases, content words only
    singles: list[str]  # the group's other one-word names
    said: tuple[str, ...] = ()  # the content words of the phrase the text used, in order
    kind: str = "words"  # organisations ("imec", "stuurgroep"), places or words


@dataclass(frozen=True)
class Glossary:
    groups: tuple[tuple[tuple[str, ...], ...], ...]  # group -> phrases -> tokens
    kinds: tuple[str, ...] = ()  # each group's section: organisations, places or words

    def matches(self, text: str) -> list[Match]:
        """Each glossary group that the text mentions, with what else the group calls it.

        Per group, its first phrase (in glossary order) that occurs, at its first position.
        """
        toks = [t for t in tokens(text) if t not in _CONJUNCTIONS]
        forms = [word_forms(t) for t in toks]
        # a follow-up's carried words come after it in brackets: its own words end before them
        own = without_carried(text)
        end = len([t for t in tokens(own) if t not in _CONJUNCTIONS])
        found: dict[int, tuple[int, int]] = {}  # group -> (phrase index, position)
        apart: dict[int, int] = {}  # groups found as a Dutch separable verb ("volgt ... op")
        for i, here in enumerate(forms):
            for f in here:
                for g, k in self._by_first_form.get(f, ()):
                    phrase = self.groups[g][k]
                    if g in found and found[g] <= (k, i):
                        continue
                    if not _alike(toks[i], phrase[0]):
                        continue
                    if _at(phrase, forms, i) and not any(
                        _derived(toks[i + j], w) for j, w in enumerate(phrase)
                    ):
                        found[g] = (k, i)
                        apart.pop(g, None)
                    elif (particle := _separable(phrase, forms, i, end)) is not None:
                        found[g] = (k, i)
                        apart[g] = particle
        # where a body's name was found ("AI-stuurcomité"), its words are that name, not also
        # the common nouns they are elsewhere ("stuurcomité": any body's steering committee)
        named = {
            at + j
            for g, (k, at) in found.items()
            if self.kinds[g] == "organisations" and g not in apart
            for j in range(len(self.groups[g][k]))
        }
        out: list[Match] = []
        for g in sorted(found):
            k, at = found[g]
            group, p = self.groups[g], self.groups[g][k]
            if (
                self.kinds[g] == "words"
                and g not in apart
                and all(at + j in named for j in range(len(p)))
            ):
                continue
            span = [toks[at], toks[apart[g]]] if g in apart else toks[at : at + len(p)]
            others = {t for q in group if q is not p for t in q if t not in STOPWORDS}
            phrases = [
                tuple(t for t in q if t not in STOPWORDS)
                for q in group
                if q is not p and len(q) > 1
            ]
            singles = [q[0] for q in group if q is not p and len(q) == 1]
            said = tuple(t for t in span if t not in STOPWORDS)
            matched = set(span)
            out.append(Match(matched, sorted(others), phrases, singles, said, self.kinds[g]))
        return out

    @cached_property
    def _by_first_form(self) -> dict[str, list[tuple[int, int]]]:
        """Form of a phrase's first word -> (group, phrase) pairs: a lookup, not a scan."""
        index: dict[str, list[tuple[int, int]]] = {}
        for g, group in enumerate(self.groups):
            for k, phrase in enumerate(group):
                for f in word_forms(phrase[0]):
                    index.setdefault(f, []).append((g, k))
        return index

    @cached_property
    def _single_by_form(self) -> dict[str, set[int]]:
        index: dict[str, set[int]] = {}
        for g, group in enumerate(self.groups):
            for phrase in group:
                if len(phrase) == 1:
                    for f in word_forms(phrase[0]):
                        index.setdefault(f, set()).add(g)
        return index

    def phrasings(self, token: str) -> set[tuple[str, ...]]:
        """Every phrase of the groups a token belongs to, itself included ('partij' -> party,
        political party, ...): the ways the sources could say it."""
        forms = word_forms(token)
        groups = set().union(*(self._single_by_form.get(f, set()) for f in forms))
        return {
            p
            for g in groups
            if any(
                len(q) == 1 and word_forms(q[0]) & forms and not _derived(token, q[0])
                for q in self.groups[g]
            )
            for p in self.groups[g]
        }

    def phrase_phrasings(self, words: Sequence[str]) -> set[tuple[str, ...]]:
        """Every phrase of the groups that hold these words as one phrase ('mobile number' ->
        phone, telefoonnummer, ...): a two-word attribute is judged as the thing it names, not
        word by word ('mobile' alone is a word the sources use)."""
        forms = [word_forms(w) for w in words]
        matched = {
            g
            for f in forms[0]
            for g, k in self._by_first_form.get(f, [])
            if len(q := self.groups[g][k]) == len(forms)
            and all(word_forms(a) & said for a, said in zip(q, forms, strict=True))
        }
        return {p for g in matched for p in self.groups[g]}

    def equivalents(self, token: str) -> set[str]:
        """Single-word equivalents of a token, in both languages."""
        return {p[0] for p in self.phrasings(token) if len(p) == 1 and p[0] not in STOPWORDS}


_CONJUNCTIONS = frozenset({"and", "en"})
# particles that a Dutch separable verb sends to the end: "volgt het observatorium ... op?"
_QUESTION_WORDS = frozenset("wanneer waar hoe waarom wie wat when where how why who what".split())
_PARTICLES = frozenset(
    "op voor aan uit mee in af toe door na over terug samen deel goed vast".split()
)


def _separable(
    phrase: tuple[str, ...], forms: list[frozenset[str]], i: int, end: int | None = None
) -> int | None:
    """'volgt op' in 'Welke technologieën volgt het observatorium op?' (or '... goed en
    wanneer?'): where the particle is, if the phrase is there with its particle at the end
    (of the text, or at `end`: where the question's own words end)."""
    if len(phrase) != 2 or phrase[1] not in _PARTICLES or not word_forms(phrase[0]) & forms[i]:
        return None
    # (words carried in brackets end where the text ends)
    last = (len(forms) if end is None or i >= end else min(end, len(forms))) - 1
    for j in range(i + 2, last + 1):
        at_end = j == last or bool(forms[j + 1] & _QUESTION_WORDS)
        if at_end and word_forms(phrase[1]) & forms[j]:
            return j
    return None


def _alike(word: str, other: str) -> bool:
    """Two words that a stemmer made one are one word only if they also begin alike: Dutch
    'instellingen' (institutions) and 'ingesteld' (set up) both stem to 'instel'."""
    return word[:3] == other[:3] or min(len(word), len(other)) < 5


def _derived(word: str, other: str) -> bool:
    """One word made from the other by a suffix that the stemmer strips but that changes what
    it means: 'acting' (interim) is no 'act' (law), 'directorate' no 'director'."""
    short, long = sorted((word, other), key=len)
    return long.startswith(short) and len(long) - len(short) >= 3


def _at(phrase: tuple[str, ...], forms: list[frozenset[str]], i: int) -> bool:
    """Does the phrase occur at position i (each word meeting one of the text's forms)?"""
    return i + len(phrase) <= len(forms) and all(
        word_forms(w) & forms[i + j] for j, w in enumerate(phrase)
    )


@cache
def load_glossary() -> Glossary:
    data = yaml.safe_load(files("engine").joinpath("glossary.yaml").read_text(encoding="utf-8"))
    groups = []
    kinds: list[str] = []
    for kind, section in data.items():
        for group in section:
            kinds.append(kind)
            # "Innoveren & Ondernemen" is "Innoveren en Ondernemen": 'and' and '&' are alike
            phrases = tuple(
                tuple(w for w in tokens(str(p)) if w not in _CONJUNCTIONS) for p in group
            )
            groups.append(tuple(p for p in phrases if p))
    return Glossary(tuple(groups), tuple(kinds))
