"""Main text of a web page, PDF or Markdown file, as Markdown that the chunker can split.

Fetched pages and pages a user drops into corpus/pages/ go through the same functions, so both
end up as the same kind of text: headings as ``#`` lines, paragraphs separated by blank lines.
"""

from __future__ import annotations

import html as html_lib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ingest.language import detect_language
from ingest.links import strip_links

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
PDF_SUFFIXES = frozenset({".pdf"})
TEXT_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
FILE_SUFFIXES = HTML_SUFFIXES | PDF_SUFFIXES | TEXT_SUFFIXES

# Enough text for a sure language call; lingua on a whole long page only costs time.
_LANG_SAMPLE_CHARS = 4000
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
# Office exporters put this before the file name in the PDF title; it names no document.
_OFFICE_TITLE = re.compile(r"^(Microsoft (Word|PowerPoint) - |untitled$)", re.IGNORECASE)
_SENTENCE_END = (".", "!", "?", ":", ";", "…")


class ExtractError(ValueError):
    """No usable main text: the page is empty, boilerplate only, a scanned PDF, or broken."""


@dataclass
class Extracted:
    title: str
    text: str  # Markdown: headings as #/## lines, paragraphs separated by blank lines
    language: str  # "nl" | "en"


def extract_html(html: str | bytes, url: str) -> Extracted:
    """Article text of an HTML page with trafilatura; navigation, menus and footers dropped.

    Recall is favoured: a page of a ministry is short, and a lost paragraph costs more than a
    stray line of boilerplate.
    """
    import trafilatura  # imported on use: it pulls in lxml, htmldate, justext

    if not html or not html.strip():
        raise ExtractError(f"{url}: empty HTML document")
    try:
        text = trafilatura.extract(
            html,
            url=url,
            output_format="markdown",
            include_formatting=True,
            include_links=True,
            include_tables=True,
            include_comments=False,
            favor_recall=True,
            with_metadata=False,
        )
    except Exception as exc:  # trafilatura raises assorted lxml/parser errors on broken input
        raise ExtractError(f"{url}: HTML could not be parsed ({exc})") from exc
    text = _tidy(text or "")
    if not text:
        raise ExtractError(f"{url}: no main text found in the HTML")
    title = _html_title(html, url) or _first_heading(text) or url
    return Extracted(title=title, text=text, language=_language(title, text))


def extract_pdf(data: bytes, url: str) -> Extracted:
    """Text layer of a PDF with pypdf, lines joined back into paragraphs."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")  # many official PDFs are "encrypted" with an empty password
        pages = [page.extract_text() or "" for page in reader.pages]
        meta_title = (reader.metadata.title if reader.metadata else None) or ""
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ExtractError(f"{url}: PDF could not be read ({exc})") from exc
    text = _tidy("\n\n".join(_pdf_paragraphs(p) for p in pages))
    if not text:
        raise ExtractError(f"{url}: PDF has no text layer (a scan?)")
    title = " ".join(str(meta_title).split())
    if not title or _OFFICE_TITLE.match(title):
        title = _first_line("\n".join(pages)) or url
    return Extracted(title=title, text=text, language=_language(title, text))


def extract_markdown(text: str, url: str) -> Extracted:
    """Markdown or plain text kept as it is; YAML front matter (if any) gives the title."""
    title = ""
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict) and meta.get("title"):
            title = " ".join(str(meta["title"]).split())
        text = text[match.end() :]
    text = _tidy(text)
    if not text:
        raise ExtractError(f"{url}: empty text document")
    title = title or _first_heading(text) or _first_line(text) or url
    return Extracted(title=title, text=text, language=_language(title, text))


def extract_file(path: Path, url: str) -> Extracted:
    """A saved page on disk, by suffix: HTML, PDF, or Markdown/plain text as is."""
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return extract_html(path.read_bytes(), url)
    if suffix in PDF_SUFFIXES:
        return extract_pdf(path.read_bytes(), url)
    if suffix in TEXT_SUFFIXES:
        return extract_markdown(path.read_text(encoding="utf-8", errors="replace"), url)
    raise ExtractError(
        f"{path}: unsupported file type {suffix or '(none)'}; "
        f"use one of {', '.join(sorted(FILE_SUFFIXES))}"
    )


def _html_title(html: str | bytes, url: str) -> str:
    """trafilatura's title (og:title, h1, <title>), else the bare <title> tag."""
    import trafilatura

    try:
        meta = trafilatura.extract_metadata(html, default_url=url)
        title = meta.title if meta is not None else None
    except Exception:  # metadata is a nicety; the text is what matters
        title = None
    if not title:
        raw = html.decode("utf-8", errors="replace") if isinstance(html, bytes) else html
        match = _TITLE_TAG.search(raw)
        title = html_lib.unescape(match.group(1)) if match else ""
    return " ".join(title.split())


def _pdf_paragraphs(page: str) -> str:
    """Join layout lines into paragraphs: a line well short of the margin ends one."""
    lines = [line.strip() for line in page.splitlines()]
    longest = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if current and current[-1].endswith("-") and line[:1].islower():
            current[-1] = current[-1][:-1] + line  # a word hyphenated over two lines
        else:
            current.append(line)
        # Wrapped lines run to the margin; a short one ends a paragraph or is a heading.
        short = len(line) < 0.6 * longest
        if short or (line.endswith(_SENTENCE_END) and len(line) < 0.85 * longest):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def _tidy(text: str) -> str:
    """Trailing spaces off, at most one blank line in a row, no blank start or end."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n").strip()


def _first_heading(text: str) -> str:
    match = _HEADING.search(text)
    return strip_links(match.group(1)).strip() if match else ""


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = strip_links(line.strip().lstrip("#>*-• ").strip())
        if line:
            return line[:200]
    return ""


def _language(title: str, text: str) -> str:
    return detect_language(strip_links(f"{title}\n{text[:_LANG_SAMPLE_CHARS]}"))
