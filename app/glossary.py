"""Alias expansion through the bilingual glossary (app/glossary.yaml): vocabulary, not answers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml

from app.text import stems, tokens


@dataclass(frozen=True)
class Glossary:
    groups: tuple[tuple[tuple[str, ...], ...], ...]  # group -> phrases -> tokens

    def expand(self, text: str) -> list[list[str]]:
        """For each glossary group that the text mentions, the tokens of all its other phrases."""
        toks = tokens(text)
        forms = [stems(t) for t in toks]
        out: list[list[str]] = []
        for group in self.groups:
            hit = next((p for p in group if _occurs(p, forms)), None)
            if hit is not None:
                out.append(sorted({t for p in group if p is not hit for t in p}))
        return out

    def equivalents(self, token: str) -> set[str]:
        """Single-word equivalents of a token, in both languages."""
        forms = stems(token)
        out: set[str] = set()
        for group in self.groups:
            if any(len(p) == 1 and stems(p[0]) & forms for p in group):
                out.update(t for p in group for t in p)
        return out


def _occurs(phrase: tuple[str, ...], forms: list[set[str]]) -> bool:
    n = len(phrase)
    if n == 0:
        return False
    want = [stems(t) for t in phrase]  # cached per token
    return any(
        all(want[j] & forms[i + j] for j in range(n)) for i in range(len(forms) - n + 1)
    )


@cache
def load_glossary() -> Glossary:
    data = yaml.safe_load(files("app").joinpath("glossary.yaml").read_text(encoding="utf-8"))
    groups = []
    for section in data.values():
        for group in section:
            phrases = tuple(tuple(tokens(str(p))) for p in group)
            groups.append(tuple(p for p in phrases if p))
    return Glossary(tuple(groups))
