"""Ingest: corpus -> chunks -> embeddings -> Chroma, adding only what is new.

Atomic enough to trust: everything new is embedded before anything is written, new chunks are
written before stale ones are removed, so an interrupted run leaves the previous index usable.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from ingest.chunk import Chunk, chunk_document
from ingest.embed import NumpyEmbedding, make_embedder
from ingest.index import Store, check_writable
from ingest.load import load_documents
from ingest.sentences import chunk_sentences, sentence_id
from ingest.settings import Settings


@dataclass
class IngestSummary:
    documents: int
    chunks: int
    table_rows: int
    links: int
    added: int
    removed: int
    sentences_added: int
    seconds: float

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)

    def line(self) -> str:
        head = (
            f"{self.documents} documents, {self.chunks} chunks ({self.table_rows} table rows), "
            f"{self.links} links"
        )
        if not self.changed:
            return f"Index up to date: nothing to add. {head}; {self.seconds:.1f} s"
        return (
            f"Indexed {head}: {self.added} chunks added, {self.removed} removed, "
            f"{self.sentences_added} sentences embedded in {self.seconds:.1f} s"
        )


def _load_dropped_page(path: Path) -> tuple[dict, str]:
    from ingest.fetch import load_dropped_page  # extraction libraries load only when needed

    return load_dropped_page(path)


def collect_chunks(settings: Settings) -> tuple[int, list[Chunk]]:
    """All chunks of the corpus, deduplicated by id (identical text in one document is one)."""
    docs = load_documents(settings.corpus_dir, _load_dropped_page)
    seen: dict[str, Chunk] = {}
    for doc in docs:
        for c in chunk_document(doc, settings.ingest.chunk_chars, settings.ingest.heading_prefix):
            seen.setdefault(c.id, c)
    return len(docs), list(seen.values())


def _embed(
    embedder: NumpyEmbedding, texts: list[str], batch: int, label: str, progress: bool
) -> np.ndarray:
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    parts = []
    with tqdm(total=len(texts), desc=label, unit="text", disable=not progress) as bar:
        for i in range(0, len(texts), batch):
            parts.append(embedder.encode_passages(texts[i : i + batch]))
            bar.update(len(texts[i : i + batch]))
    return np.vstack(parts)


def run_ingest(
    settings: Settings,
    *,
    embedder: NumpyEmbedding | None = None,
    progress: bool = True,
    say: Callable[[str], None] = print,
) -> IngestSummary:
    start = time.perf_counter()
    n_docs, chunks = collect_chunks(settings)  # bad input fails here, before the store is touched
    check_writable(settings.data_dir)
    store = Store(settings)
    existing = store.chunk_ids()
    current = {c.id for c in chunks}
    new = [c for c in chunks if c.id not in existing]
    stale = [cid for cid in existing if cid not in current]

    wanted_sentences: dict[str, str] = {}
    for c in chunks:
        for s in chunk_sentences(c.text, c.is_table_row):
            wanted_sentences.setdefault(sentence_id(s), s)
    have_sentences = store.sentence_ids()
    new_sentences = {k: v for k, v in wanted_sentences.items() if k not in have_sentences}
    stale_sentences = [k for k in have_sentences if k not in wanted_sentences]

    if new or new_sentences:
        embedder = embedder or make_embedder(settings.embed)
        batch = settings.embed.batch_size
        chunk_vecs = _embed(embedder, [c.embed_text for c in new], batch, "chunks", progress)
        sent_vecs = _embed(embedder, list(new_sentences.values()), batch, "sentences", progress)
        if new:
            store.add_chunks(
                [c.id for c in new], [c.text for c in new], [c.metadata() for c in new], chunk_vecs
            )
        if new_sentences:
            store.add_sentences(list(new_sentences), list(new_sentences.values()), sent_vecs)
    if stale:
        store.delete_chunks(stale)
    if stale_sentences:
        store.delete_sentences(stale_sentences)

    summary = IngestSummary(
        documents=n_docs,
        chunks=len(chunks),
        table_rows=sum(c.is_table_row for c in chunks),
        links=sum(len(c.links) for c in chunks),
        added=len(new),
        removed=len(stale),
        sentences_added=len(new_sentences),
        seconds=time.perf_counter() - start,
    )
    say(summary.line())
    return summary
