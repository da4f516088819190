"""Hybrid retrieval: dense (Chroma) and BM25 (derived from Chroma's documents), fused by RRF.

The dense model favours passages in the question's language, so BM25 also gets the question's
words in both languages' stems plus their glossary equivalents: a Dutch question then still
finds the English report, and an abbreviation finds the full name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal

import bm25s
import numpy as np

from engine.glossary import Glossary, Match
from engine.text import content_tokens, index_terms, stems
from ingest.embed import NumpyEmbedding
from ingest.index import Store
from ingest.settings import RetrieveSettings

Mode = Literal["hybrid", "dense", "bm25"]


@dataclass
class ChunkRecord:
    id: str
    text: str
    meta: dict

    @property
    def section(self) -> str:
        return str(self.meta.get("section", ""))

    @property
    def links(self) -> list[dict]:
        return json.loads(self.meta.get("links") or "[]")

    @property
    def language(self) -> str:
        return str(self.meta.get("language", "en"))


@dataclass
class Hit:
    chunk: ChunkRecord
    score: float  # fused RRF score (or the single retriever's score)
    dense: float | None = None  # cosine similarity, when the dense retriever found it
    bm25: float | None = None
    rank: int = 0
    best_single_rank: int = 10**6  # its best rank in either retriever alone


@dataclass
class Query:
    """What retrieval needs from a question, computed once per question."""

    text: str
    vector: np.ndarray
    terms: list[str] = field(default_factory=list)  # BM25 terms, both languages, expanded
    matches: list[Match] = field(default_factory=list)  # glossary hits


class HybridRetriever:
    def __init__(
        self, store: Store, embedder: NumpyEmbedding, glossary: Glossary, settings: RetrieveSettings
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.glossary = glossary
        self.settings = settings
        stored = store.all_chunks()
        self.chunks = [ChunkRecord(i, t, m) for i, t, m in zip(*vars(stored).values(), strict=True)]
        self.by_id = {c.id: c for c in self.chunks}
        self.bm25 = bm25s.BM25()
        corpus = [
            index_terms(f"{c.meta.get('prefix', '')}\n{c.text}", c.language) for c in self.chunks
        ]
        if self.chunks:
            self.bm25.index(corpus, show_progress=False)

    def make_query(self, text: str) -> Query:
        vector = self.embedder.encode_queries([text])[0]
        terms: set[str] = set()
        for tok in content_tokens(text):
            terms |= stems(tok)
        matches = self.glossary.matches(text)
        for match in matches:
            for tok in match.others:
                terms |= stems(tok)
        return Query(text=text, vector=vector, terms=sorted(terms), matches=matches)

    def retrieve(self, query: Query, mode: Mode | None = None, k: int | None = None) -> list[Hit]:
        mode = mode or self.settings.mode
        k = k or self.settings.top_k
        hits: dict[str, Hit] = {}
        rrf = self.settings.rrf_k
        if mode in ("hybrid", "dense"):
            for rank, (cid, sim) in enumerate(
                self.store.dense_search(query.vector, self.settings.dense_k)
            ):
                if cid not in self.by_id:
                    continue
                h = hits.setdefault(cid, Hit(self.by_id[cid], 0.0))
                h.dense = sim
                h.best_single_rank = min(h.best_single_rank, rank)
                h.score += 1.0 / (rrf + rank + 1) if mode == "hybrid" else sim
        if mode in ("hybrid", "bm25") and self.chunks and query.terms:
            scores = self.bm25.get_scores(query.terms)
            top = np.argsort(-scores)[: self.settings.bm25_k]
            for rank, i in enumerate(top):
                if scores[i] <= 0:
                    break
                c = self.chunks[int(i)]
                h = hits.setdefault(c.id, Hit(c, 0.0))
                h.bm25 = float(scores[i])
                h.best_single_rank = min(h.best_single_rank, rank)
                h.score += 1.0 / (rrf + rank + 1) if mode == "hybrid" else float(scores[i])
        fused = sorted(hits.values(), key=lambda h: -h.score)
        # Fusion can bury a chunk that one retriever alone ranks near the top (a Dutch question
        # that BM25 matches through the glossary while dense looks elsewhere): keep those too,
        # after the fused top k.
        extra = [h for h in fused[k:] if h.best_single_rank < self.settings.keep_single_top]
        ranked = fused[:k] + extra
        for r, h in enumerate(ranked, start=1):
            h.rank = r
        return ranked
