"""Chroma, the one store: chunks with their embeddings and metadata, sentence embeddings, and a
manifest that says which of them make up the current index.

Two ways to reach it, with the same collections: the embedded store in the data folder, or a
Chroma server (`settings.chroma_url`). `ingest` is the one writer. Readers open the store with
``Store(settings, create=False)``: they see only what the manifest lists (written last by
ingest, so an interrupted ingest is invisible to them) and write nothing. An embedded reader
works on a private snapshot of the folder, because Chroma's embedded client writes to its files
whenever it opens them, even to read; that is also what lets a read-only folder be served.

Everything else (BM25, sentence matrices) is derived from what Chroma holds when the engine
loads.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import tempfile
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from ingest.errors import IngestError
from ingest.settings import Settings

_PAGE = 500  # Chroma caps the size of one request; read and write in pages
_MANIFEST_ID = "current"
FIX = "run `wiedoetwat ingest`"


@dataclass
class StoredChunks:
    ids: list[str]
    texts: list[str]
    metadatas: list[dict[str, Any]]


@dataclass
class Manifest:
    """The complete index: which chunks and sentence vectors belong to it, as of which run."""

    generation: int
    chunks: list[str]
    sentences: list[str]
    directory: str = ""  # fingerprint of the directory extractor that last synced this index

    def to_json(self) -> str:
        return json.dumps(
            {
                "generation": self.generation,
                "chunks": self.chunks,
                "sentences": self.sentences,
                "directory": self.directory,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        return cls(
            int(data["generation"]),
            list(data["chunks"]),
            list(data["sentences"]),
            str(data.get("directory", "")),
        )


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


def server_address(url: str) -> tuple[str, int, bool]:
    """(host, port, ssl) of a Chroma server URL such as http://127.0.0.1:8000."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as e:
        raise IngestError(
            f"{url}: not a valid Chroma server URL ({e}): fix WIEDOETWAT_CHROMA_URL"
        ) from e
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise IngestError(
            f"{url}: not a Chroma server URL: use http://host:port "
            "(e.g. http://127.0.0.1:8000) in WIEDOETWAT_CHROMA_URL"
        )
    ssl = parts.scheme == "https"
    return parts.hostname, port or (443 if ssl else 8000), ssl


def _snapshot(src: Path) -> Path:
    """A private copy of an embedded store, taken while no writer changes it.

    SQLite's rollback journal comes along: if a writer was killed mid-transaction, the copy
    rolls it back when it opens, and the original stays as it is."""

    def state() -> dict[str, tuple[int, int]]:
        out = {}
        for root, _dirs, files in os.walk(src):
            for f in files:
                st = os.stat(os.path.join(root, f))
                out[os.path.join(root, f)] = (st.st_size, st.st_mtime_ns)
        return out

    for _attempt in range(40):
        dest = Path(tempfile.mkdtemp(prefix="wiedoetwat-index-"))
        try:
            before = state()
            shutil.copytree(src, dest, dirs_exist_ok=True)
            time.sleep(0.005)  # a write in the same clock tick as our first look shows up now
            if state() == before:
                return dest
        except FileNotFoundError:  # a writer replaced a file under us: look again
            pass
        except OSError as e:
            shutil.rmtree(dest, ignore_errors=True)
            raise IngestError(f"{src}: cannot read the index ({e}): check its permissions") from e
        shutil.rmtree(dest, ignore_errors=True)
        time.sleep(0.25)
    raise IngestError(f"{src}: the index is being written right now: try again when ingest ends")


def _release_snapshot(client: Any, path: Path) -> None:
    """Close Chroma's hold on a reader's snapshot (it caches one system per folder), then
    delete the folder: a long-running process that reopens the index keeps no copies."""
    with contextlib.suppress(Exception):  # closing is best effort; the folder goes either way
        client.close()
    shutil.rmtree(path, ignore_errors=True)


class Store:
    """The chunk, sentence and manifest collections of one index (named after what built it).

    ``create=True`` opens it for the writer (ingest), creating what is missing. ``create=False``
    opens it for a reader: the manifest must be there and complete, and nothing is written.
    """

    def __init__(self, settings: Settings, *, create: bool = True) -> None:
        self.settings = settings
        self.name = settings.collection_name
        self.url = settings.chroma_url
        self.where = self.url or str(settings.chroma_dir)
        self.manifest: Manifest | None = None
        self.pending_generation: int | None = None  # set by ingest while it commits a new one
        self._visible: set[str] | None = None  # a reader's chunk ids (its manifest's)
        self._visible_sentences: set[str] | None = None
        self._cached: StoredChunks | None = None
        self.client = self._client(create)
        self._open_collections(create)
        if not create:
            self._load_manifest()

    # -- opening -------------------------------------------------------------------------------
    def _client(self, create: bool) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        if self.url:
            host, port, ssl = server_address(self.url)
            try:
                client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=chroma)
                client.heartbeat()
            except Exception as e:  # refused, DNS, TLS, timeout: all say the same to the user
                reason = str(e).splitlines()[0][:160] if str(e) else type(e).__name__
                raise IngestError(
                    f"{self.url}: Chroma server not reachable ({reason}): start it "
                    "(`chroma run --path DIR --port PORT`) or fix WIEDOETWAT_CHROMA_URL"
                ) from e
            return client
        path = self.settings.chroma_dir
        if create:
            path.mkdir(parents=True, exist_ok=True)
            where = path
        else:
            if not (path / "chroma.sqlite3").is_file():
                raise IngestError(f"{path}: no index yet: {FIX}")
            where = _snapshot(path)
        try:
            client = chromadb.PersistentClient(path=str(where), settings=chroma)
        except Exception as e:
            if where != path:
                shutil.rmtree(where, ignore_errors=True)
            raise self._broken(e) from e
        if where != path:  # released when this store goes away, or at exit at the latest
            atexit.register(weakref.finalize(self, _release_snapshot, client, where))
        return client

    def _open_collections(self, create: bool) -> None:
        meta = {
            "embed_backend": self.settings.embed.backend,
            "embed_model": self.settings.embed.model,
            "chunk_chars": self.settings.ingest.chunk_chars,
            "heading_prefix": self.settings.ingest.heading_prefix,
        }
        try:
            get = self.client.get_or_create_collection if create else self.client.get_collection
            kwargs: dict[str, Any] = {"name": self.name, "embedding_function": None}
            if create:
                kwargs |= {"metadata": meta, "configuration": {"hnsw": {"space": "cosine"}}}
            self.chunks = get(**kwargs)
            kwargs["name"] = self.name + "-sentences"
            self.sentences = get(**kwargs)
            kwargs["name"] = self.name + "-manifest"
            kwargs.pop("metadata", None)
            self.manifests = get(**kwargs)
            self.chunks.count()
        except IngestError:
            raise
        except Exception as e:
            if not create and "does not exist" in str(e).lower():
                if "-manifest" in kwargs["name"]:
                    raise IngestError(
                        f"{self.where}: the index is incomplete (an ingest was interrupted or "
                        f"it was built by an older version): {FIX}"
                    ) from e
                raise IngestError(f"{self.where}: no index yet: {FIX}") from e
            raise self._broken(e) from e

    def _broken(self, e: Exception) -> IngestError:
        """sqlite or Chroma failing on its own files (or the server failing): say where and how."""
        if self.url:
            return IngestError(f"{self.url}: the Chroma server failed ({type(e).__name__}: {e})")
        path = self.settings.chroma_dir
        if isinstance(e, PermissionError) or not os.access(path, os.W_OK):
            return IngestError(
                f"{path}: cannot open the index ({e}): make the folder writable "
                "or set WIEDOETWAT_DATA_DIR"
            )
        return IngestError(
            f"{path}: the index is unreadable or corrupted ({type(e).__name__}: {e}): "
            f"move {path} aside and run `wiedoetwat ingest` again"
        )

    def _load_manifest(self) -> None:
        """Check that the manifest's chunks and sentence vectors are all there; see only them.

        A writer on a server may commit a new generation between two of our reads, so a gap is
        read again (with the newer manifest) before it counts as an incomplete index.
        """
        incomplete = f"{self.where}: the index is incomplete (an ingest was interrupted): {FIX}"
        for _attempt in range(3):
            manifest = self.read_manifest()
            if manifest is None:
                raise IngestError(incomplete)
            stored = self._all_chunks_raw()
            have = set(stored.ids)
            sentences = self.sentence_ids()
            if set(manifest.chunks) <= have and set(manifest.sentences) <= sentences:
                self.manifest = manifest
                self._visible = set(manifest.chunks)
                self._visible_sentences = set(manifest.sentences)
                keep = [i for i, cid in enumerate(stored.ids) if cid in self._visible]
                self._cached = StoredChunks(
                    [stored.ids[i] for i in keep],
                    [stored.texts[i] for i in keep],
                    [stored.metadatas[i] for i in keep],
                )
                return
            newer = self.read_manifest()
            if newer is None or newer.generation == manifest.generation:
                break
        raise IngestError(incomplete)

    # -- reading -------------------------------------------------------------------------------
    def read_manifest(self) -> Manifest | None:
        got = self.manifests.get(ids=[_MANIFEST_ID], include=["documents"])
        if not got["ids"] or not (got["documents"] or [None])[0]:
            return None
        try:
            return Manifest.from_json(got["documents"][0])
        except (ValueError, KeyError, TypeError):
            return None  # a manifest we cannot read is no manifest: the next ingest rewrites it

    def stored_chunks(self) -> dict[str, tuple[str, dict[str, Any]]]:
        """id -> (text, metadata) of every stored chunk, listed or not (what the writer needs)."""
        raw = self._all_chunks_raw()
        return {i: (t, m) for i, t, m in zip(raw.ids, raw.texts, raw.metadatas, strict=True)}

    def chunk_ids(self) -> dict[str, str]:
        """id -> doc_id of every chunk a reader sees (for the writer: every stored chunk)."""
        s = self.all_chunks()
        return {i: str(m.get("doc_id", "")) for i, m in zip(s.ids, s.metadatas, strict=True)}

    def _all_chunks_raw(self) -> StoredChunks:
        ids: list[str] = []
        texts: list[str] = []
        metas: list[dict[str, Any]] = []
        for offset in range(0, self.chunks.count(), _PAGE):
            got = self.chunks.get(include=["documents", "metadatas"], limit=_PAGE, offset=offset)
            ids += got["ids"]
            texts += [d or "" for d in got["documents"] or []]
            metas += [dict(m or {}) for m in got["metadatas"] or []]
        return StoredChunks(ids, texts, metas)

    def all_chunks(self) -> StoredChunks:
        """The chunks, in document order; a reader gets exactly its manifest's."""
        s = self._cached or self._all_chunks_raw()
        order = sorted(
            range(len(s.ids)),
            key=lambda i: (s.metadatas[i].get("doc_id", ""), s.metadatas[i].get("order", 0)),
        )
        return StoredChunks(
            [s.ids[i] for i in order],
            [s.texts[i] for i in order],
            [dict(s.metadatas[i]) for i in order],
        )

    def chunk_vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """Stored embeddings of these chunks (the writer reuses them for unchanged text)."""
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(ids), _PAGE):
            got = self.chunks.get(ids=ids[i : i + _PAGE], include=["embeddings"])
            for cid, vec in zip(got["ids"], got["embeddings"], strict=True):
                out[cid] = np.asarray(vec, dtype=np.float32)
        return out

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
                if self._visible_sentences is None or sid in self._visible_sentences:
                    out[sid] = np.asarray(vec, dtype=np.float32)
        return out

    def dense_search(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity), best first, among the chunks this store sees."""
        n = self.chunks.count()
        if n == 0:
            return []
        kwargs: dict[str, Any] = {}
        if self._visible is not None:
            if not self._visible:
                return []
            if n != len(self._visible):  # an ingest added chunks no manifest lists yet
                kwargs["ids"] = sorted(self._visible)
            n = len(self._visible)
        got = self.chunks.query(
            query_embeddings=[vector.tolist()], n_results=min(k, n), include=["distances"], **kwargs
        )
        return [
            (cid, 1.0 - float(d)) for cid, d in zip(got["ids"][0], got["distances"][0], strict=True)
        ]

    # -- writing (ingest only) -----------------------------------------------------------------
    def _writable(self) -> None:
        if self._visible is not None:
            raise AssertionError("a reader's store is never written")

    def add_chunks(
        self, ids: list[str], texts: list[str], metas: list[dict], vectors: np.ndarray
    ) -> None:
        self._writable()
        for i in range(0, len(ids), _PAGE):
            self.chunks.upsert(
                ids=ids[i : i + _PAGE],
                documents=texts[i : i + _PAGE],
                metadatas=metas[i : i + _PAGE],
                embeddings=vectors[i : i + _PAGE],
            )

    def add_sentences(self, ids: list[str], texts: list[str], vectors: np.ndarray) -> None:
        self._writable()
        for i in range(0, len(ids), _PAGE):
            self.sentences.upsert(
                ids=ids[i : i + _PAGE],
                documents=texts[i : i + _PAGE],
                embeddings=vectors[i : i + _PAGE],
            )

    def write_manifest(self, manifest: Manifest) -> None:
        """One record, one write: the moment a new index becomes what readers see."""
        self._writable()
        self.manifests.upsert(
            ids=[_MANIFEST_ID],
            documents=[manifest.to_json()],
            metadatas=[{"generation": manifest.generation}],
            embeddings=[[0.0]],
        )

    def delete_chunks(self, ids: list[str]) -> None:
        self._writable()
        for i in range(0, len(ids), _PAGE):
            self.chunks.delete(ids=ids[i : i + _PAGE])

    def delete_sentences(self, ids: list[str]) -> None:
        self._writable()
        for i in range(0, len(ids), _PAGE):
            self.sentences.delete(ids=ids[i : i + _PAGE])
