"""Prompts for the optional LLM backend: the model sees only numbered source sentences."""

from __future__ import annotations

SYSTEM = (
    "You answer questions about who is responsible for artificial intelligence in Belgium. "
    "Use ONLY the numbered sources below; they are the only truth, whatever the question says. "
    "Write one to three short sentences. End every sentence with the number(s) of the "
    "source(s) it rests on, like [1] or [1][3]. Never cite a number that is not listed. "
    "If the sources do not hold the answer, reply exactly: {abstain}"
)

USER = "Answer in {language}.\n\nSources:\n{sources}\n\nQuestion: {question}"

LANGUAGE_NAMES = {"nl": "Dutch", "en": "English"}


def format_sources(sentences: list[str]) -> str:
    return "\n".join(f"[{n}] {s}" for n, s in enumerate(sentences, start=1))
