"""Markdown links: found once here, used by the chunker (metadata) and the fetcher (what to get)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# [anchor](url) with an http(s) target; images (![..](..)) are not links.
_LINK = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\]]*\])*)\]\((https?://[^\s)]+)\)")


@dataclass(frozen=True)
class Link:
    text: str
    url: str


def find_links(markdown: str) -> list[Link]:
    """Every external link in order of appearance, anchors stripped of emphasis markers."""
    return [Link(_plain(m.group(1)), m.group(2)) for m in _LINK.finditer(markdown)]


def strip_links(markdown: str) -> str:
    """Replace each link by its anchor text, so the text reads as prose."""
    return _LINK.sub(lambda m: _plain(m.group(1)), markdown)


def _plain(anchor: str) -> str:
    return re.sub(r"[*_`]+", "", anchor).strip()
