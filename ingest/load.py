"""Read the corpus: Markdown reports with YAML front matter, and cached or dropped pages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ingest.errors import IngestError

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_H = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)
_DOC_SUFFIXES = (".md", ".markdown")
PageLoader = Callable[[Path], tuple[dict, str]]


@dataclass
class Document:
    """One source: its text (Markdown, no front matter) and what a citation needs."""

    doc_id: str  # path relative to the corpus folder, stable across machines
    title: str
    text: str
    url: str = ""
    date: str = ""
    language: str = "en"
    kind: str = "report"  # report | page
    anchors: list[str] = field(default_factory=list)  # how the report links to this page


def check_size(path: Path, size: int, max_bytes: int | None) -> None:
    """Refuse a document too big to embed in reasonable time, before anything is embedded."""
    if max_bytes is not None and size > max_bytes:
        raise IngestError(
            f"{path}: {size:,} bytes is over the {max_bytes:,}-byte limit for one document: "
            "split it, or raise WIEDOETWAT_INGEST__MAX_DOC_BYTES"
        )


def read_text(path: Path, max_bytes: int | None = None) -> str:
    """UTF-8 text or a one-line error that says where it broke and what to do."""
    try:
        check_size(path, path.stat().st_size, max_bytes)
        data = path.read_bytes()
    except OSError as e:
        raise IngestError(
            f"{path}: cannot read ({e.strerror}): check the file's permissions"
        ) from e
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise IngestError(
            f"{path}: not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}): "
            "save the file as UTF-8"
        ) from e


def split_front_matter(text: str, path: Path) -> tuple[dict, str]:
    m = _FRONT.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise IngestError(
            f"{path}: front matter is not valid YAML{where}: fix it or remove the --- block"
        ) from e
    if not isinstance(meta, dict):
        raise IngestError(f"{path}: front matter must be a mapping of keys (title: ..., date: ...)")
    return meta, text[m.end() :]


def _iso_date(value: object) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value or "")


def document_from(path: Path, rel: str, meta: dict, body: str, kind: str) -> Document:
    """Title from front matter, else the first heading, else the file name."""
    title = str(meta.get("title") or "").strip()
    if not title:
        h = _H.search(body)
        title = h.group(1).strip() if h else path.stem.replace("-", " ").replace("_", " ")
    anchors = meta.get("anchors") or []
    return Document(
        doc_id=rel,
        title=title,
        text=body,
        url=str(meta.get("url") or meta.get("final_url") or meta.get("permalink") or ""),
        date=_iso_date(meta.get("date") or meta.get("fetched_at") or ""),
        language=str(meta.get("language") or meta.get("lang") or "en")[:2],
        kind=kind,
        anchors=[str(a) for a in anchors] if isinstance(anchors, list) else [str(anchors)],
    )


def load_documents(
    corpus_dir: Path,
    dropped_page_loader: PageLoader | None = None,
    max_bytes: int | None = None,
) -> list[Document]:
    """Every document of the corpus, reports first, then pages; sorted for stable ids.

    A document over `max_bytes` (a Markdown file's size, a page's extracted text) is refused."""
    if not corpus_dir.is_dir():
        raise IngestError(
            f"{corpus_dir}: corpus folder not found: create it and put the report (*.md) in it"
        )
    docs: list[Document] = []
    for path in sorted(p for p in corpus_dir.iterdir() if p.suffix.lower() in _DOC_SUFFIXES):
        meta, body = split_front_matter(read_text(path, max_bytes), path)
        docs.append(document_from(path, path.name, meta, body, "report"))
    pages = corpus_dir / "pages"
    if pages.is_dir():
        for path in sorted(pages.iterdir()):
            doc = _load_page(path, corpus_dir, dropped_page_loader, max_bytes)
            if doc is not None:
                docs.append(doc)
    if not any(d.text.strip() for d in docs):
        raise IngestError(
            f"{corpus_dir}: the corpus is empty: copy the report there "
            "(cp ../shared/corpus/ai-governance-in-belgium.md corpus/)"
        )
    return docs


def _load_page(
    path: Path, corpus_dir: Path, loader: PageLoader | None, max_bytes: int | None = None
) -> Document | None:
    rel = path.relative_to(corpus_dir).as_posix()
    suffix = path.suffix.lower()
    if not path.is_file() or path.name.startswith(".") or suffix in (".url", ".tmp", ".part"):
        return None
    if suffix in _DOC_SUFFIXES:
        meta, body = split_front_matter(read_text(path, max_bytes), path)
        if meta.get("url"):
            return document_from(path, rel, meta, body, "page")
    if suffix not in (*_DOC_SUFFIXES, ".html", ".htm", ".pdf", ".txt"):
        return None
    if loader is None:
        return None
    try:
        meta, body = loader(path)
    except ValueError as e:
        raise IngestError(str(e)) from e
    check_size(path, len(body.encode()), max_bytes)  # an HTML page may be big, its text is not
    return document_from(path, rel, meta, body, "page")
