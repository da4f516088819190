"""The engine: one object that the CLI, the chat UI and the evaluation all ask.

It loads what ingest built (building it first if there is none), and answers a question in
its conversation: language, follow-up condensation, hybrid retrieval, then the answerer.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Literal

from engine.answer import Composed, compose, score_sentences
from engine.evidence import EvidenceIndex, body_names, person_names
from engine.glossary import Glossary, load_glossary
from engine.models import Answer, Timings
from engine.question import QuestionInfo, acronyms, analyse, asked_noun, named
from engine.retrieve import Hit, HybridRetriever, Mode
from engine.text import STOPWORDS, content_tokens
from ingest.embed import NumpyEmbedding, make_embedder
from ingest.index import Store
from ingest.language import detect_language, warm_up
from ingest.sentences import split_sentences
from ingest.settings import Settings

_PRONOUNS = frozenset(
    "it its it's they them their this that these those he she his her him there"
    " het zijn haar hun die dat deze dit daar er ervan hij zij ze hem diens wiens".split()
)
_PERSONAL = frozenset("he him his she her hij hem zij haar diens".split())
_FOLLOW_UP_OPENERS = ("and ", "en ", "what about", "en wat", "also", "ook", "and who", "en wie")


def focus_of(text: str) -> str:
    """The question itself when the input wraps it in other sentences (instructions included):
    the last sentence that asks something."""
    sentences = split_sentences(text)
    asked = [s for s in sentences if s.rstrip().endswith("?")]
    question = asked[-1] if len(sentences) > 1 and asked else text
    # "according to the report": every answer is; the words would only mislead the search
    question = re.sub(r"\s{2,}", " ", _ACCORDING_TO_REPORT.sub(" ", question))
    return re.sub(r"\s+([?.!,])", r"\1", question).strip()


_ACCORDING_TO_REPORT = re.compile(
    r",?\s*\b(?:according to|volgens|in)\s+(?:the|this|het|dit)\s+(?:report|rapport|verslag)\b,?",
    re.I,
)


class Engine:
    def __init__(
        self,
        settings: Settings,
        store: Store,
        embedder: NumpyEmbedding,
        glossary: Glossary | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.embedder = embedder
        self.glossary = glossary or load_glossary()
        self.retriever = HybridRetriever(store, embedder, self.glossary, settings.retrieve)
        self.evidence = EvidenceIndex(self.retriever.chunks, store.sentence_vectors())
        self._llm = None  # the optional LLM client, made on first use
        warm_up()

    @classmethod
    def load(
        cls,
        settings: Settings,
        *,
        embedder: NumpyEmbedding | None = None,
        progress: bool = True,
        say: Callable[[str], None] = print,
    ) -> Engine:
        """Open the index (building it first when there is none), then the engine over it."""
        from engine.loading import open_index

        embedder = embedder or make_embedder(settings.embed)
        store = open_index(settings, embedder=embedder, progress=progress, say=say)
        return cls(settings, store, embedder)

    # ------------------------------------------------------------------------------------------
    def condense(self, question: str, history: Sequence[Answer]) -> str:
        """Make a follow-up stand alone by carrying the previous turn's subject along."""
        if not history:
            return question
        low = question.lower().strip()
        words = set(low.replace("?", " ").replace(",", " ").split())
        names_nothing = not named(question) and len(words) <= 8
        is_follow_up = (
            bool(words & _PRONOUNS) or low.startswith(_FOLLOW_UP_OPENERS) or names_nothing
        )
        if not is_follow_up and len(content_tokens(question)) > 2:
            return question
        prev = history[-1]
        prev_q = prev.standalone_question or prev.question
        own = set(content_tokens(question))
        # the names of the previous turn as written ("Kenniscentrum Data & Maatschappij"), so
        # they stay names, and the noun it asked about; else its content words
        common = self.evidence.common_acronyms  # "AI", "EU" name no particular subject
        carried = [w for w in _names_in(prev_q) if w.lower() not in own and w not in common]
        for match in self.glossary.matches(prev_q):  # lowercase names: "imec", "stuurgroep"
            lowered = {c.lower() for c in carried}
            if match.kind == "organisations":
                carried += [w for w in match.said if w not in own and w not in lowered]
        if carried:
            noun = asked_noun(prev_q)  # "Hoeveel pijlers ...?" then "... naar de derde?"
            if noun and noun not in own and noun not in STOPWORDS:
                carried.append(noun)
        else:  # it named nothing ("the citizens' consultation"): its words say what it was about
            carried = [w for w in content_tokens(prev_q) if w not in own]
        if words & _PERSONAL and not prev.abstained and prev.citations:
            # "he", "hij": the person the previous answer named
            quote = prev.citations[0].quote
            for name in person_names(quote, self.evidence.rare_caps):
                carried += [w for w in content_tokens(name) if w not in own]
        elif not prev.abstained and prev.citations and self._asked_for_a_body(prev_q):
            # "Who supervises the AI Act?" then "who leads that institution?": the body that
            # the previous answer named is what the follow-up is about
            quote = prev.citations[0].quote
            asked = set(content_tokens(prev_q)) | own
            bodies = [o for o in acronyms(quote) if o not in common] + body_names(quote)
            carried = [b for b in bodies if not set(content_tokens(b)) <= asked] + carried
        return f"{question} ({' '.join(dict.fromkeys(carried))})" if carried else question

    def _asked_for_a_body(self, question: str) -> bool:
        info = analyse(question, self.glossary, self.evidence.df, len(self.evidence))
        return info.qtype in ("who", "org") and not info.wants_person

    def retrieve(self, question: str, mode: Mode | None = None) -> list[Hit]:
        return self.retriever.retrieve(self.retriever.make_query(question), mode=mode)

    def ask(
        self,
        question: str,
        history: Sequence[Answer] = (),
        language: Literal["auto", "nl", "en"] | None = None,
        mode: Mode | None = None,
    ) -> Answer:
        t0 = time.perf_counter()
        question = question.strip()
        choice = language or self.settings.answer.language
        lang = detect_language(question) if choice == "auto" else choice
        standalone = self.condense(focus_of(question), history)
        query = self.retriever.make_query(standalone)
        hits = self.retriever.retrieve(query, mode=mode)
        t1 = time.perf_counter()
        info = analyse(
            standalone, self.glossary, self.evidence.df, len(self.evidence), query.matches
        )
        cfg = self.settings.answer

        def answer_as(info: QuestionInfo) -> Composed:
            return compose(
                info,
                lang,
                score_sentences(info, query.vector, hits, self.evidence),
                abstain_below=cfg.abstain_below,
                max_sentences=cfg.max_sentences,
                evidence=self.evidence,
            )

        composed = answer_as(info)
        if composed.abstained and info.body_will_do:  # no person leads it: perhaps a body does
            second = answer_as(replace(info, wants_person=False, body_will_do=False))
            composed = composed if second.abstained else second
        if cfg.backend != "extractive" and not composed.abstained:
            from engine.llm import llm_answer, make_llm

            if self._llm is None:
                self._llm = make_llm(self.settings)
            composed = llm_answer(
                self.settings, info, lang, composed, question=standalone, llm=self._llm
            )
        t2 = time.perf_counter()
        return Answer(
            question=question,
            language=lang,
            answer=composed.text,
            abstained=composed.abstained,
            citations=composed.citations,
            related=composed.related if composed.abstained else [],
            timings_ms=Timings(
                retrieve=(t1 - t0) * 1000, answer=(t2 - t1) * 1000, total=(t2 - t0) * 1000
            ),
            retrieved_sections=[h.chunk.section for h in hits],
            standalone_question=standalone,
        )


def _names_in(text: str) -> list[str]:
    """Capitalised words after the first, acronyms and numbers, in order: what a turn names."""
    out: list[str] = []
    for i, raw in enumerate(re.findall(r"[\w&'’.-]+", text)):
        word = raw.strip(".'’-")
        if not word or word.lower() in STOPWORDS:
            continue
        capital = word[:1].isupper() and i > 0
        if capital or sum(ch.isupper() for ch in word) >= 2 or word.isdigit():
            out.append(word)
    return list(dict.fromkeys(out))
