"""Opening the index for answering: build it when there is none, refuse a half-built one."""

from __future__ import annotations

from collections.abc import Callable

from ingest.embed import NumpyEmbedding
from ingest.index import Store
from ingest.settings import Settings


def open_index(
    settings: Settings,
    *,
    embedder: NumpyEmbedding,
    progress: bool = True,
    say: Callable[[str], None] = print,
) -> Store:
    """The store the engine reads; built from the corpus first when there is none yet."""
    store = Store(settings)
    if store.chunks.count() == 0:
        from ingest.pipeline import run_ingest

        say("No index yet: building it from the corpus (once).")
        run_ingest(settings, embedder=embedder, progress=progress, say=say)
        store = Store(settings)
    return store
