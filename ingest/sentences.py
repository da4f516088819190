"""Sentence splitting that knows the report's abbreviations ("Dr.", "Sec. of State", "a.i.")."""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    "dr prof mr mrs ms st sec no nr vs approx e.g i.e cf fig dhr mevr bijv o.a m.a.w z.g.a ca"
    " jan feb aug sept oct nov dec inc ltd co".split()
)
_CANDIDATE = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9À-Ý€])")
_LIST_ITEM = re.compile(r"^\s*(?:[*+-]|\d+[.;)])\s+")


def is_abbreviation(word: str) -> bool:
    """A word a full stop after does not end a sentence after: "Dr", "e.g", a lone initial."""
    word = word.lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[str]:
    """Sentences of a chunk; each line of a list counts as its own unit."""
    return [s for s, _ in split_units(text)]


def split_units(text: str) -> list[tuple[str, str]]:
    """Sentences with their place: 'prose', 'item' (opens a list item: '1. ...', '* ...') or
    'more' (a later sentence of the same item)."""
    out: list[tuple[str, str]] = []
    for line in text.splitlines():
        item = bool(_LIST_ITEM.match(line))
        line = _LIST_ITEM.sub("", line).strip()
        parts = [s for s in _split_line(line) if len(s) > 1] if line else []
        for k, s in enumerate(parts):
            out.append((s, "prose" if not item else "item" if k == 0 else "more"))
    return out


def _split_line(line: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for m in _CANDIDATE.finditer(line):
        before = line[start : m.start() + 1]
        word = re.split(r"[\s(]", before.rstrip(".!?…"))[-1].lower()
        if line[m.start()] == "." and is_abbreviation(word):
            continue
        parts.append(line[start : m.end()].strip())
        start = m.end()
    parts.append(line[start:].strip())
    return [p for p in parts if p]


def chunk_units(text: str, is_table_row: bool) -> list[tuple[str, str]]:
    """The units an answer can quote, each with whether it is a list item: a table row whole
    (it is one fact), prose by sentence."""
    return [(text, "prose")] if is_table_row else split_units(text)


def chunk_sentences(text: str, is_table_row: bool) -> list[str]:
    return [s for s, _ in chunk_units(text, is_table_row)]


def sentence_id(sentence: str) -> str:
    import hashlib

    return hashlib.sha1(sentence.encode()).hexdigest()
