"""Optional LLM composer (Ollama or any OpenAI-compatible endpoint) under the citation contract.

The model is given the best-scoring source sentences, numbered, and must cite them. Its output
is checked: a sentence that cites nothing, or cites a number it was not given, is dropped and
the answer is flagged. If nothing usable remains, or the server fails, the extractive answer
stands, so the user always gets a grounded, cited answer.
"""

from __future__ import annotations

import logging
import re

from engine.answer import Composed, Scored, cite
from engine.prompts import LANGUAGE_NAMES, SYSTEM, USER, format_sources
from engine.question import QuestionInfo
from engine.strings import t
from ingest.sentences import split_sentences
from ingest.settings import Settings

log = logging.getLogger(__name__)
_MARK = re.compile(r"\[(\d+)\]")
MAX_SOURCES = 8


def make_llm(settings: Settings):
    cfg = settings.answer
    if cfg.backend == "ollama":
        from llama_index.llms.ollama import Ollama

        return Ollama(
            model=cfg.llm_model, base_url=cfg.llm_base_url, request_timeout=cfg.llm_timeout_s
        )
    from llama_index.llms.openai_like import OpenAILike

    return OpenAILike(
        model=cfg.llm_model,
        api_base=cfg.llm_base_url,
        api_key=cfg.llm_api_key.get_secret_value(),
        is_chat_model=True,
        timeout=cfg.llm_timeout_s,
        max_retries=0,
        temperature=0.0,
    )


def pick_sources(candidates: list[Scored], k: int = MAX_SOURCES) -> list[Scored]:
    seen: set[str] = set()
    out: list[Scored] = []
    for c in candidates:
        if c.sentence.text not in seen:
            seen.add(c.sentence.text)
            out.append(c)
        if len(out) >= k:
            break
    return out


def check_output(text: str, n_sources: int) -> tuple[list[tuple[str, list[int]]], bool]:
    """Sentences that cite only given sources, each with its source numbers; and whether any
    sentence had to be dropped."""
    kept: list[tuple[str, list[int]]] = []
    dropped = False
    for sentence in split_sentences(text.replace("\n", " ")):
        nums = [int(n) for n in _MARK.findall(sentence)]
        if not nums or any(not 1 <= n <= n_sources for n in nums):
            dropped = True
            continue
        kept.append((sentence, list(dict.fromkeys(nums))))
    return kept, dropped


def llm_answer(
    settings: Settings,
    info: QuestionInfo,
    lang: str,
    extractive: Composed,
    *,
    question: str,
    llm=None,
) -> Composed:
    from llama_index.core.llms import ChatMessage

    sources = pick_sources(extractive.candidates)
    if not sources:
        return extractive
    abstain = t("abstain", lang)
    messages = [
        ChatMessage(role="system", content=SYSTEM.format(abstain=abstain)),
        ChatMessage(
            role="user",
            content=USER.format(
                language=LANGUAGE_NAMES.get(lang, "English"),
                sources=format_sources([s.sentence.text for s in sources]),
                question=question,
            ),
        ),
    ]
    try:
        reply = (llm or make_llm(settings)).chat(messages).message.content or ""
    except Exception as e:  # a down or misbehaving server must not lose the user's answer
        log.warning("LLM backend failed (%s): answering extractively", e)
        return extractive
    if reply.strip().startswith(abstain):
        return Composed(abstain, True, [], extractive.related, extractive.candidates)
    kept, dropped = check_output(reply, len(sources))
    if not kept:
        return extractive
    renumber: dict[int, int] = {}
    for _, nums in kept:
        for n in nums:
            renumber.setdefault(n, len(renumber) + 1)
    parts = [_MARK.sub(lambda m: f"[{renumber[int(m.group(1))]}]", s) for s, _ in kept]
    text = " ".join(parts)
    if dropped:
        text += " " + t("llm_flagged", lang)
    citations = [cite(new, sources[old - 1].sentence) for old, new in renumber.items()]
    return Composed(text, False, citations, extractive.related, extractive.candidates)
