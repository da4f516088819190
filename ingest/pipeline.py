"""Ingest: corpus -> chunks -> embeddings -> Chroma, embedding only what is new.

Crash-safe by a manifest, in the embedded store and on a Chroma server alike. A run
1. reads and chunks the whole corpus (bad input fails here, before the store is touched);
2. embeds what the store lacks (a chunk whose text is stored under another id, because only its
   metadata changed, reuses that vector);
3. adds the new sentence vectors, then the new chunks, then syncs the directory;
4. writes the manifest (the list of chunk and sentence ids of the complete index, and which
   directory extractor synced it) -- one record, one write, last;
5. only then deletes what the manifest no longer lists.
Readers see only what the manifest lists, so killed at any moment a run leaves either the old
index or the new one; the next run finds what is already stored and completes it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ingest.chunk import Chunk, chunk_document, embed_key
from ingest.index import Manifest, Store, check_writable
from ingest.load import load_documents
from ingest.sentences import chunk_sentences, sentence_id
from ingest.settings import Settings

if TYPE_CHECKING:
    from ingest.embed import NumpyEmbedding

PAUSE_ENV = "WIEDOETWAT_TEST_PAUSE_AT"


def _pause_point(name: str) -> None:
    """Test hook: with WIEDOETWAT_TEST_PAUSE_AT=<name>, say so on stderr and wait here, so a
    test can kill -9 the run at exactly this moment. Unset (always, outside tests): nothing."""
    if os.environ.get(PAUSE_ENV) == name:
        print(f"paused at {name}", file=sys.stderr, flush=True)
        time.sleep(3600)


@dataclass
class IngestSummary:
    documents: int
    chunks: int
    table_rows: int
    links: int
    added: int  # chunks stored under a new id
    removed: int  # chunks deleted
    sentences_added: int  # sentence vectors embedded
    seconds: float
    chunks_embedded: int = 0  # of the added, those whose text had to be embedded
    sentences_removed: int = 0
    committed: bool = False  # a new manifest was written (this run changed what readers see)

    @property
    def changed(self) -> bool:
        return bool(
            self.added
            or self.removed
            or self.sentences_added
            or self.sentences_removed
            or self.committed
        )

    def line(self) -> str:
        head = (
            f"{self.documents} documents, {self.chunks} chunks ({self.table_rows} table rows), "
            f"{self.links} links"
        )
        if not self.changed:
            return f"Index up to date: nothing to add. {head}; {self.seconds:.1f} s"
        reused = self.added - self.chunks_embedded
        return (
            f"Indexed {head}: {self.added} chunks added ({self.chunks_embedded} embedded, "
            f"{reused} with their stored vectors), {self.removed} removed, "
            f"{self.sentences_added} sentences embedded, {self.sentences_removed} removed "
            f"in {self.seconds:.1f} s"
        )


def _directory_fingerprint() -> str:
    """What the directory extractor is made of, read without importing it (that takes 1.5 s):
    when it changes, the next ingest syncs the directory again even if no chunk changed."""
    import hashlib

    here = Path(__file__).parent
    digest = hashlib.sha1()
    for name in ("directory.py", "directory_vocab.yaml"):
        path = here / name
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()[:16]


def _load_dropped_page(path: Path) -> tuple[dict, str]:
    from ingest.fetch import load_dropped_page  # extraction libraries load only when needed

    return load_dropped_page(path)


def collect_chunks(settings: Settings) -> tuple[int, list[Chunk]]:
    """All chunks of the corpus, deduplicated by id (identical text in one document is one)."""
    docs = load_documents(settings.corpus_dir, _load_dropped_page, settings.ingest.max_doc_bytes)
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
    from tqdm import tqdm

    parts = []
    with tqdm(total=len(texts), desc=label, unit="text", disable=not progress) as bar:
        for i in range(0, len(texts), batch):
            parts.append(embedder.encode_passages(texts[i : i + batch]))
            bar.update(len(texts[i : i + batch]))
    return np.vstack(parts)


def _chunk_vectors(
    store: Store,
    new: list[Chunk],
    stored: dict[str, tuple[str, dict]],
    sentence_vectors: Callable[[], dict[str, np.ndarray]],
    embed: Callable[[list[str], str], np.ndarray],
) -> tuple[np.ndarray, int]:
    """Vectors of the new chunks: the stored one when the same text was embedded before
    (only metadata changed), else made from its sentences' vectors and its heading path's.

    The report is then embedded once, sentence by sentence, instead of twice (chunks, then
    sentences): the mean of a passage's sentence vectors is close to the passage's own vector,
    and the heading path, embedded once per section, keeps what the section is about in it.
    Returns (vectors, how many were made)."""
    if not new:
        return np.zeros((0, 0), dtype=np.float32), 0
    by_key: dict[str, str] = {}
    for cid, (text, meta) in stored.items():
        prefix = str(meta.get("prefix", ""))
        by_key.setdefault(embed_key(f"{prefix}\n{text}" if prefix else text), cid)
    reuse = {c.id: by_key[c.embed_key] for c in new if c.embed_key in by_key}
    old_vectors = store.chunk_vectors(sorted(set(reuse.values()))) if reuse else {}
    todo = [c for c in new if old_vectors.get(reuse.get(c.id, "")) is None]
    vec_of: dict[str, np.ndarray] = {}
    if todo:
        prefixes = sorted({c.prefix for c in todo if c.prefix})
        prefix_vecs = dict(zip(prefixes, embed(prefixes, "sections"), strict=True))
        sentences = sentence_vectors()
        for c in todo:
            parts = [sentences[sentence_id(s)] for s in chunk_sentences(c.text, c.is_table_row)]
            vec = _unit(np.mean(parts, axis=0)) if parts else np.zeros(0, dtype=np.float32)
            if c.prefix in prefix_vecs:
                vec = (
                    prefix_vecs[c.prefix]
                    if not len(vec)
                    else vec + PREFIX_WEIGHT * prefix_vecs[c.prefix]
                )
            vec_of[c.id] = _unit(vec)
    rows = [vec_of[c.id] if c.id in vec_of else old_vectors[reuse[c.id]] for c in new]
    return np.vstack(rows).astype(np.float32), len(todo)


PREFIX_WEIGHT = 0.25  # the heading path's share in a chunk's vector (measured with eval)


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n else v


def run_ingest(
    settings: Settings,
    *,
    embedder: NumpyEmbedding | None = None,
    progress: bool = True,
    say: Callable[[str], None] = print,
) -> IngestSummary:
    start = time.perf_counter()
    n_docs, chunks = collect_chunks(settings)  # bad input fails here, before the store is touched
    if not settings.chroma_url:
        check_writable(settings.data_dir)
    store = Store(settings)
    manifest = store.read_manifest()
    stored = store.stored_chunks()
    current = {c.id for c in chunks}
    new = [c for c in chunks if c.id not in stored]
    stale = sorted(cid for cid in stored if cid not in current)

    wanted_sentences: dict[str, str] = {}
    for c in chunks:
        for s in chunk_sentences(c.text, c.is_table_row):
            wanted_sentences.setdefault(sentence_id(s), s)
    have_sentences = store.sentence_ids()
    new_sentences = {k: v for k, v in wanted_sentences.items() if k not in have_sentences}
    stale_sentences = sorted(k for k in have_sentences if k not in wanted_sentences)

    def embed(texts: list[str], label: str) -> np.ndarray:
        nonlocal embedder
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        if embedder is None:
            from ingest.embed import make_embedder  # loads a model: only when there is work

            embedder = make_embedder(settings.embed)
        return _embed(embedder, texts, settings.embed.batch_size, label, progress)

    # everything is embedded before anything is written: sentences, then the chunks from them
    sent_vecs = embed(list(new_sentences.values()), "sentences")

    def all_sentence_vectors() -> dict[str, np.ndarray]:
        have = store.sentence_vectors() if len(new_sentences) < len(wanted_sentences) else {}
        return have | dict(zip(new_sentences, sent_vecs, strict=True))

    chunk_vecs, chunks_embedded = _chunk_vectors(store, new, stored, all_sentence_vectors, embed)
    _pause_point("embedded")
    if new_sentences:
        store.add_sentences(list(new_sentences), list(new_sentences.values()), sent_vecs)
        _pause_point("sentences-written")
    if new:
        store.add_chunks(
            [c.id for c in new], [c.text for c in new], [c.metadata() for c in new], chunk_vecs
        )
        _pause_point("chunks-written")

    wanted = Manifest(
        generation=(manifest.generation + 1) if manifest else 1,
        chunks=sorted(current),
        sentences=sorted(wanted_sentences),
        directory=_directory_fingerprint(),
    )
    commit = (
        manifest is None
        or manifest.chunks != wanted.chunks
        or manifest.sentences != wanted.sentences
        or manifest.directory != wanted.directory
    )
    if commit:
        from ingest.directory import sync_directory

        store.pending_generation = wanted.generation  # for the directory, should it tag entries
        sync_directory(store, chunks)
        _pause_point("directory-synced")
        store.write_manifest(wanted)
        _pause_point("manifest-written")
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
        chunks_embedded=chunks_embedded,
        sentences_removed=len(stale_sentences),
        committed=commit,
    )
    say(summary.line())
    return summary
