"""Chroma, the one store: chunks with their embeddings and metadata, and sentence embeddings.

Everything else (BM25, sentence matrices) is derived from what Chroma holds when the engine
loads, so that a shared Chroma server can later replace the local folder.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ingest.errors import IngestError
from ingest.settings import Settings

_PAGE = 500  # Chroma caps the size of one request; read and write in pages


@dataclass
class StoredChunks:
    ids: list[str]
    texts: list[str]
    metadatas: list[dict[str, Any]]


def check_writable(data_dir: Path) -> None:
    """Fail early and clearly, before any work, when the data folder cannot take writes."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=data_dir, prefix=".probe-"):
            pass
    except OSError as e:
        raise IngestError(
            f"{data_dir}: data folder is not writable ({e.strerror}): "
            "set WIEDOETWAT_DATA_DIR to a writable folder"
        ) from e


class Store:
    """The chunk and sentence collections of one index (named after what built it)."""

    def __init__(self, settings: Settings, *, create: bool = True) -> None:
        self.settings = settings
        self.name = settings.collection_name
        path = settings.chroma_dir
        if not create and not path.exists():
            raise IngestError(f"{path}: no index yet: run `wiedoetwat ingest`")
        try:
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            if create:
                path.mkdir(parents=True, exist_ok=True)
            self.client = chromadb.PersistentClient(
                path=str(path),
                settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False),
            )
            meta = {
                "embed_backend": settings.embed.backend,
                "embed_model": settings.embed.model,
                "chunk_chars": settings.ingest.chunk_chars,
                "heading_prefix": settings.ingest.heading_prefix,
            }
            get = self.client.get_or_create_collection if create else self.client.get_collection
            kwargs: dict[str, Any] = {"name": self.name, "embedding_function": None}
            if create:
                kwargs |= {"metadata": meta, "configuration": {"hnsw": {"space": "cosine"}}}
            self.chunks = get(**kwargs)
            kwargs["name"] = self.name + "-sentences"
            self.sentences = get(**kwargs)
            self.chunks.count()
        except IngestError:
            raise
        except Exception as e:  # sqlite or Chroma failing on its own files: the folder is broken
            if not create and "does not exist" in str(e).lower():
                raise IngestError(f"{path}: no index yet: run `wiedoetwat ingest`") from e
            if isinstance(e, PermissionError) or not os.access(path, os.W_OK):
                raise IngestError(
                    f"{path}: cannot open the index ({e}): make the folder writable "
                    "or set WIEDOETWAT_DATA_DIR"
                ) from e
            raise IngestError(
                f"{path}: the index is unreadable or corrupted ({type(e).__name__}: {e}): "
                f"move {path} aside and run `wiedoetwat ingest` again"
            ) from e

    # -- reading -------------------------------------------------------------------------------
    def chunk_ids(self) -> dict[str, str]:
        """id -> doc_id of every stored chunk."""
        out: dict[str, str] = {}
        for offset in range(0, self.chunks.count(), _PAGE):
            got = self.chunks.get(include=["metadatas"], limit=_PAGE, offset=offset)
            for cid, meta in zip(got["ids"], got["metadatas"] or [], strict=True):
                out[cid] = str((meta or {}).get("doc_id", ""))
        return out

    def all_chunks(self) -> StoredChunks:
        ids: list[str] = []
        texts: list[str] = []
        metas: list[dict[str, Any]] = []
        for offset in range(0, self.chunks.count(), _PAGE):
            got = self.chunks.get(include=["documents", "metadatas"], limit=_PAGE, offset=offset)
            ids += got["ids"]
            texts += [d or "" for d in got["documents"] or []]
            metas += [dict(m or {}) for m in got["metadatas"] or []]
        order = sorted(
            range(len(ids)), key=lambda i: (metas[i].get("doc_id", ""), metas[i].get("order", 0))
        )
        return StoredChunks(
            [ids[i] for i in order], [texts[i] for i in order], [metas[i] for i in order]
        )

    def sentence_ids(self) -> set[str]:
        out: set[str] = set()
        for offset in range(0, self.sentences.count(), _PAGE):
            out.update(self.sentences.get(include=[], limit=_PAGE, offset=offset)["ids"])
        return out

    def sentence_vectors(self) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for offset in range(0, self.sentences.count(), _PAGE):
            got = self.sentences.get(include=["embeddings"], limit=_PAGE, offset=offset)
            for sid, vec in zip(got["ids"], got["embeddings"], strict=True):
                out[sid] = np.asarray(vec, dtype=np.float32)
        return out

    def dense_search(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity), best first."""
        n = self.chunks.count()
        if n == 0:
            return []
        got = self.chunks.query(
            query_embeddings=[vector.tolist()], n_results=min(k, n), include=["distances"]
        )
        return [
            (cid, 1.0 - float(d)) for cid, d in zip(got["ids"][0], got["distances"][0], strict=True)
        ]

    # -- writing -------------------------------------------------------------------------------
    def add_chunks(
        self, ids: list[str], texts: list[str], metas: list[dict], vectors: np.ndarray
    ) -> None:
        for i in range(0, len(ids), _PAGE):
            self.chunks.upsert(
                ids=ids[i : i + _PAGE],
                documents=texts[i : i + _PAGE],
                metadatas=metas[i : i + _PAGE],
                embeddings=vectors[i : i + _PAGE],
            )

    def add_sentences(self, ids: list[str], texts: list[str], vectors: np.ndarray) -> None:
        for i in range(0, len(ids), _PAGE):
            self.sentences.upsert(
                ids=ids[i : i + _PAGE],
                documents=texts[i : i + _PAGE],
                embeddings=vectors[i : i + _PAGE],
            )

    def delete_chunks(self, ids: list[str]) -> None:
        for i in range(0, len(ids), _PAGE):
            self.chunks.delete(ids=ids[i : i + _PAGE])

    def delete_sentences(self, ids: list[str]) -> None:
        for i in range(0, len(ids), _PAGE):
            self.sentences.delete(ids=ids[i : i + _PAGE])
