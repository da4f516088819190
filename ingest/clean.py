"""Clean the report's export artefacts without touching real numbers.

The report was exported from a document with footnotes: their markers stick to the word or year
before them ("Act.12", "2022.1", "Group.26Dr.") and some sentences lost the space after their full
stop ("process.In"). Real numbers (€14.185 million, 2025-2029, 300 researchers) must survive.
"""

from __future__ import annotations

import re

# "Act.12 This", "FPS BOSA.14 Its", "Group.26Dr." -- a footnote number after a word's full stop.
_WORD_NOTE = re.compile(r"(?<=[A-Za-z)\]\"”’'])\.(\d{1,3})(?=\s|[A-Z]|$)")
# "2022.1 The plan" -- a footnote after a year, only when a new sentence follows.
_YEAR_NOTE = re.compile(r"(?<=\b(?:19|20)\d\d)\.(\d{1,3})(?=\s+[A-Z]|[A-Z])")
# "process.In the Flemish", "Commission.In" -- a sentence glued to the one before it.
_GLUED = re.compile(r"(?<=[a-z)\]]{2})([.!?])(?=[A-Z][a-z])")
_SPACES = re.compile(r"[ \t]{2,}")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")


def strip_footnote_markers(text: str) -> str:
    text = _WORD_NOTE.sub(".", text)
    return _YEAR_NOTE.sub(".", text)


def mend_glued_sentences(text: str) -> str:
    return _GLUED.sub(r"\1 ", text)


def clean_line(line: str) -> str:
    """Footnotes out, glued sentences apart, spaces folded: one line of prose or a table row."""
    line = mend_glued_sentences(strip_footnote_markers(line))
    return _SPACES.sub(" ", line) if not line.lstrip().startswith("|") else line


def clean_markdown(markdown: str) -> str:
    """Remove what is not content (comments, images) and clean every line."""
    markdown = _HTML_COMMENT.sub("", markdown)
    markdown = _IMAGE.sub("", markdown)
    return "\n".join(clean_line(line) for line in markdown.splitlines())
