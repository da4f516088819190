"""Heading-aware chunks: about a paragraph each, one per table row, links kept as metadata."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace

from ingest.clean import clean_markdown
from ingest.errors import IngestError
from ingest.links import Link, find_links, strip_links
from ingest.load import Document
from ingest.sentences import split_sentences

SECTION_SEP = " > "
UNKNOWN = "unknown"
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LIST = re.compile(r"^\s*(?:[*+-]|\d+[.;)])\s+")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ITALIC = re.compile(r"(?<![\w*])[*_]([^*_\n]+?)[*_](?![\w*])")
_UNKNOWN_CELLS = {"?", "??", "", "-", "n/a", "unknown", "onbekend"}


@dataclass
class Chunk:
    doc: Document
    section: str
    text: str  # what a citation quotes from: prose with link anchors, no Markdown
    links: list[Link] = field(default_factory=list)
    is_table_row: bool = False
    order: int = 0
    prefix: str = ""
    doc_key: str = ""  # fingerprint of the document's metadata and links (see doc_fingerprint)

    @property
    def embed_text(self) -> str:
        """Heading path (and, for a page, how the report links it) first, then the text."""
        return f"{self.prefix}\n{self.text}" if self.prefix else self.text

    @property
    def id(self) -> str:
        """Content hash of the text and everything a citation shows of it (its metadata, and its
        document's title, date, URL and links): when any of it changes, the chunk is new, so a
        stored chunk never keeps stale metadata and a document is never cited under two names."""
        meta = json.dumps(self.metadata(), sort_keys=True, ensure_ascii=False)
        key = f"{self.doc_key}\x00{meta}\x00{self.text}"
        return hashlib.sha1(key.encode()).hexdigest()

    @property
    def embed_key(self) -> str:
        """What its vector depends on: chunks with equal keys can share one embedding."""
        return embed_key(self.embed_text)

    def metadata(self) -> dict[str, str | int | bool]:
        """Flat metadata, as Chroma stores it (lists go in as JSON)."""
        return {
            "doc_id": self.doc.doc_id,
            "title": self.doc.title,
            "url": self.doc.url,
            "date": self.doc.date,
            "language": self.doc.language,
            "kind": self.doc.kind,
            "section": self.section,
            "links": json.dumps([{"text": lk.text, "url": lk.url} for lk in self.links]),
            "is_table_row": self.is_table_row,
            "order": self.order,
            "prefix": self.prefix,
        }


def embed_key(embed_text: str) -> str:
    return hashlib.sha1(embed_text.encode()).hexdigest()


def doc_fingerprint(doc: Document, chunks: list[Chunk]) -> str:
    """The document's own metadata and all its links: a change here renews all its chunks."""
    data = {
        "doc_id": doc.doc_id,
        "title": doc.title,
        "url": doc.url,
        "date": doc.date,
        "language": doc.language,
        "kind": doc.kind,
        "anchors": doc.anchors,
        "links": [[lk.text, lk.url] for c in chunks for lk in c.links],
    }
    return hashlib.sha1(json.dumps(data, ensure_ascii=False).encode()).hexdigest()


def plain(markdown: str) -> str:
    """Markdown inline syntax out: links to their anchor, emphasis markers dropped."""
    text = strip_links(markdown)
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    text = _ITALIC.sub(r"\1", text)
    return text.replace("`", "").strip()


def chunk_document(doc: Document, chunk_chars: int, heading_prefix: bool = True) -> list[Chunk]:
    """Split one document into chunks that each know their full heading path."""
    lines = clean_markdown(doc.text).splitlines()
    chunks: list[Chunk] = []
    path: list[tuple[int, str]] = []
    block: list[str] = []
    pending: list[str] = []  # blocks of the current section waiting to fill a chunk

    def section() -> str:
        return SECTION_SEP.join(t for _, t in path)

    def emit(texts: list[str], *, row: bool = False) -> None:
        raw = "\n".join(texts).strip()
        if not raw:
            return
        context = section() or doc.title
        prefix_parts = [context] if heading_prefix else []
        if doc.anchors:
            prefix_parts.append("linked from the report as: " + "; ".join(doc.anchors))
        chunks.append(
            Chunk(
                doc=doc,
                section=context,
                text=raw if row else _plain_lines(raw),
                links=find_links(raw),
                is_table_row=row,
                order=len(chunks),
                prefix=" | ".join(prefix_parts),
            )
        )

    def flush_block() -> None:
        if block:
            pending.append("\n".join(block))
            block.clear()

    def flush_section() -> None:
        flush_block()
        for group in _pack(pending, chunk_chars):
            emit([group])
        pending.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        heading = _HEADING.match(line)
        if heading:
            flush_section()
            level = len(heading.group(1))
            path[:] = [(lv, t) for lv, t in path if lv < level]
            path.append((level, plain(heading.group(2))))
        elif line.lstrip().startswith("|"):
            flush_section()
            j = i
            while j < len(lines) and lines[j].lstrip().startswith("|"):
                j += 1
            for row_text, row_links in _table_rows(lines[i:j], doc, section(), i):
                chunks.append(
                    Chunk(
                        doc=doc,
                        section=section() or doc.title,
                        text=row_text,
                        links=row_links,
                        is_table_row=True,
                        order=len(chunks),
                        prefix=section() if heading_prefix else "",
                    )
                )
            i = j
            continue
        elif not line.strip() or _RULE.match(line):
            if not (_LIST.match(lines[i + 1]) if i + 1 < len(lines) else False) or not block:
                flush_block()
        else:
            stripped = line.strip()
            if stripped.startswith(">"):
                stripped = stripped.lstrip("> ").strip()
            if block and not _LIST.match(stripped) and _LIST.match(block[-1]):
                block[-1] += " " + stripped  # a wrapped list item
            else:
                block.append(stripped)
        i += 1
    flush_section()
    chunks = _within_limit(chunks, chunk_chars)
    key = doc_fingerprint(doc, chunks)
    for c in chunks:
        c.doc_key = key
    return chunks


def _within_limit(chunks: list[Chunk], limit: int) -> list[Chunk]:
    """No chunk over the limit, whatever the input (a table row of 30 KB included)."""
    if all(len(c.text) <= limit for c in chunks):
        return chunks
    out: list[Chunk] = []
    for c in chunks:
        for part in split_words(c.text, limit) if len(c.text) > limit else [c.text]:
            out.append(replace(c, text=part, links=find_links(part) or [], order=len(out)))
    return out


def split_words(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at the last space that fits (a word longer than
    the limit is cut inside)."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = rest.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def _plain_lines(raw: str) -> str:
    return "\n".join(p for p in (plain(line) for line in raw.splitlines()) if p)


def _visible(raw: str) -> int:
    """The length a reader sees: a paragraph full of links is not long for its URLs."""
    return len(plain(raw))


def _pack(blocks: list[str], limit: int) -> list[str]:
    """Group small blocks and split big ones, so chunks are about one paragraph each (sizes
    measured on the visible text, so that URLs do not cut a paragraph into sentences)."""
    pieces: list[str] = []
    for b in blocks:
        if _visible(b) <= limit:
            pieces.append(b)
            continue
        lines_out: list[str] = []
        for line in b.splitlines():
            if _visible(line) <= limit:
                lines_out.append(line)
                continue
            current = ""
            for sentence in split_sentences(line):
                long = _visible(sentence) > limit  # a sentence longer than a chunk
                for s in split_words(sentence, limit) if long else [sentence]:
                    if current and _visible(current) + _visible(s) + 1 > limit:
                        lines_out.append(current)
                        current = s
                    else:
                        current = f"{current} {s}".strip()
            if current:
                lines_out.append(current)
        pieces.extend(_group(lines_out, limit))
    return _group(pieces, limit)


def _group(items: list[str], limit: int) -> list[str]:
    out: list[str] = []
    for it in items:
        # a short lead-in ("At the Federal Level:") belongs with what follows it, within the limit
        if out and _visible(out[-1]) + _visible(it) + 1 <= limit:
            out[-1] = f"{out[-1]}\n{it}"
        else:
            out.append(it)
    return out


def _cells(line: str) -> list[str]:
    s = line.strip()
    s = s.removeprefix("|")
    s = s.removesuffix("|") if s.endswith("|") else s
    return [c.strip() for c in s.split("|")]


def _table_rows(
    lines: list[str], doc: Document, section: str, first_line: int
) -> list[tuple[str, list[Link]]]:
    """Each row as 'Header: value; ...', '?' cells as unknown: a row never reads a '?' as a fact."""
    where = f"{doc.doc_id}: table under '{section or doc.title}' (line {first_line + 1})"
    if len(lines) < 2 or not _TABLE_SEP.match(lines[1]):
        raise IngestError(f"{where}: the second row must be the |---|---| separator: add it")
    header = [plain(c) for c in _cells(lines[0])]
    if not any(header):
        raise IngestError(f"{where}: the header row is empty: name the columns")
    rows = []
    for n, line in enumerate(lines[2:], start=first_line + 3):
        cells = _cells(line)
        if len(cells) != len(header):
            raise IngestError(
                f"{doc.doc_id}: table row at line {n} has {len(cells)} cells but the header has "
                f"{len(header)}: make the row match the header"
            )
        links: list[Link] = []
        parts = []
        for name, cell in zip(header, cells, strict=True):
            links.extend(find_links(cell))
            value = plain(cell)
            if value.lower() in _UNKNOWN_CELLS:
                value = UNKNOWN
            parts.append(f"{name}: {value}" if name else value)
        rows.append(("; ".join(parts), links))
    return rows
