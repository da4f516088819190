"""Alias expansion through the bilingual glossary (app/glossary.yaml): vocabulary, not answers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from importlib.resources import files

import yaml

from app.text import STOPWORDS, stems, tokens


@dataclass(frozen=True)
class Glossary:
    groups: tuple[tuple[tuple[str, ...], ...], ...]  # group -> phrases -> tokens

    def matches(self, text: str) -> list[tuple[set[str], list[str]]]:
        """(the text's tokens that matched a phrase, the content tokens of the group's others)."""
        toks = tokens(text)
        forms = [stems(t) for t in toks]
        out: list[tuple[set[str], list[str]]] = []
        for group in self.groups:
            for p in group:
                at = _find(p, forms)
                if at is not None:
                    others = {t for q in group if q is not p for t in q if t not in STOPWORDS}
                    out.append((set(toks[at : at + len(p)]), sorted(others)))
                    break
        return out

    def is_phrase_word(self, token: str) -> bool:
        """True when the token only occurs inside multi-word phrases of the glossary."""
        return token in self._phrase_only

    @cached_property
    def _phrase_only(self) -> frozenset[str]:
        single = {p[0] for g in self.groups for p in g if len(p) == 1}
        multi = {t for g in self.groups for p in g if len(p) > 1 for t in p}
        return frozenset(multi - single)

    def equivalents(self, token: str) -> set[str]:
        """Single-word equivalents of a token, in both languages."""
        forms = stems(token)
        out: set[str] = set()
        for group in self.groups:
            if any(len(p) == 1 and stems(p[0]) & forms for p in group):
                out.update(p[0] for p in group if len(p) == 1 and p[0] not in STOPWORDS)
        return out


def _find(phrase: tuple[str, ...], forms: list[frozenset[str]]) -> int | None:
    n = len(phrase)
    want = [stems(t) for t in phrase]  # cached per token
    for i in range(len(forms) - n + 1):
        if all(want[j] & forms[i + j] for j in range(n)):
            return i
    return None


@cache
def load_glossary() -> Glossary:
    data = yaml.safe_load(files("app").joinpath("glossary.yaml").read_text(encoding="utf-8"))
    groups = []
    for section in data.values():
        for group in section:
            phrases = tuple(tuple(tokens(str(p))) for p in group)
            groups.append(tuple(p for p in phrases if p))
    return Glossary(tuple(groups))
