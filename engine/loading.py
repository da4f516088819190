"""Opening the index for answering: build it when there is none, refuse a half-built one.

The engine only reads. The store it gets is a reader's (see ingest.index.Store): it sees the
chunks the manifest lists, checks they are all there with their sentence vectors, and writes
nothing, so an index in a read-only folder (or on a shared Chroma server) is served as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from ingest.embed import NumpyEmbedding
from ingest.errors import IngestError
from ingest.index import Store
from ingest.settings import Settings


def _never_built(settings: Settings) -> bool:
    """No embedded index at all yet (a fresh machine), as opposed to a broken or partial one."""
    if settings.chroma_url:
        return False  # on a server, `wiedoetwat ingest` is the one writer
    return not (settings.chroma_dir / "chroma.sqlite3").is_file()


def open_index(
    settings: Settings,
    *,
    embedder: NumpyEmbedding,
    progress: bool = True,
    say: Callable[[str], None] = print,
) -> Store:
    """The store the engine reads; on a fresh machine the embedded index is built first.

    An incomplete index (an interrupted ingest) raises an IngestError that names the fix."""
    if _never_built(settings):
        from ingest.pipeline import run_ingest

        say("No index yet: building it from the corpus (once).")
        run_ingest(settings, embedder=embedder, progress=progress, say=say)
    store = Store(settings, create=False)
    if not store.all_chunks().ids:
        raise IngestError(f"{store.where}: the index is empty: run `wiedoetwat ingest`")
    return store
