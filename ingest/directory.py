"""The directory of who does what, extracted from the chunks at ingest.

Interface (filled in by the directory work of issue 11): `sync_directory(store, chunks)` is
called by ingest after the chunks are written, and returns how many entries it stored.
"""

from __future__ import annotations

from typing import Any


def sync_directory(store: Any, chunks: list[Any]) -> int:
    """Extract entries from `chunks` and keep them in the store's directory collection."""
    return 0
