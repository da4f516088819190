"""Crash-safe ingest: a real `kill -9` of a real ingest process, at several moments.

After each kill, `ask` answers as the old index did (or, once the new manifest is written, as
the new one does), or says the index is incomplete; never a mix. The next ingest then leaves a
store equal to a clean build. A tiny corpus keeps it fast; the embedder and Chroma are real.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import REPO, make_settings

from app.cli import main
from ingest.index import Store
from ingest.pipeline import PAUSE_ENV, run_ingest
from ingest.settings import Settings

QUESTION = "When was the Alpha Authority founded?"
DOC_A_V1 = """---
title: Alpha report
date: 2024-01-02
url: https://alpha.example/report
---
# Alpha

## Supervision
The Alpha Authority supervises widgets in Belgium. The Alpha Authority was founded in 1999.

## Members
The [Widget Council](https://council.example/old) advises the Alpha Authority on standards.

## Budget
The Alpha Authority receives a budget of 4 million euro per year.

| Body | Head |
|------|------|
| Alpha Authority | ? |
| Beta Board | Jane Doe |
"""
# the edit: new title and date, a changed fact, a changed link, a paragraph gone, one new
DOC_A_V2 = (
    DOC_A_V1.replace("title: Alpha report", "title: Alpha report, revised edition")
    .replace("2024-01-02", "2025-03-04")
    .replace("founded in 1999", "founded in 2001")
    .replace("council.example/old", "council.example/new")
    .replace("The Alpha Authority receives a budget of 4 million euro per year.\n", "")
    + "\n## Outlook\nThe Alpha Authority will open an office in Ghent in 2026.\n"
)
DOC_B = """# Beta notes

The Beta Board advises the [Gamma Ministry](https://gamma.example/) on widgets.
"""


def write_corpus(corpus: Path, doc_a: str) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "a.md").write_text(doc_a, encoding="utf-8")
    (corpus / "b.md").write_text(DOC_B, encoding="utf-8")


def snapshot(settings: Settings) -> dict[str, Any]:
    """Everything a clean build determines: chunk ids, texts, metadata and vectors, sentence
    ids and texts, the manifest's lists."""
    store = Store(settings)
    raw = store.stored_chunks()
    ids = sorted(raw)
    sentences = store.sentences.get(include=["documents"])
    manifest = store.read_manifest()
    vectors = store.chunk_vectors(ids)
    return {
        "chunks": {i: raw[i] for i in ids},
        "vectors": np.vstack([vectors[i] for i in ids]) if ids else None,
        "sentences": dict(zip(sentences["ids"], sentences["documents"], strict=True)),
        "manifest": (manifest.chunks, manifest.sentences) if manifest else None,
    }


def assert_same_store(got: dict[str, Any], clean: dict[str, Any]) -> None:
    assert sorted(got["chunks"]) == sorted(clean["chunks"])  # same ids: no stale, no duplicate
    assert got["chunks"] == clean["chunks"]  # same texts and metadata
    assert got["sentences"] == clean["sentences"]
    assert got["manifest"] == clean["manifest"]
    np.testing.assert_allclose(got["vectors"], clean["vectors"], atol=1e-5)


def ask_json(settings: Settings, capsys: pytest.CaptureFixture[str]) -> tuple[int, Any, str]:
    """`wiedoetwat ask --json` on this index: (exit code, the answer's content, stderr)."""
    capsys.readouterr()
    code = main(
        [
            "--data-dir",
            str(settings.data_dir),
            "--corpus-dir",
            str(settings.corpus_dir),
            "ask",
            "--json",
            QUESTION,
        ]
    )
    out, err = capsys.readouterr()
    if code != 0:
        return code, None, err.strip()
    turn = json.loads(out.strip().splitlines()[-1])
    cited = [(c["title"], c["date"], c["quote"], c["url"]) for c in turn["citations"]]
    return code, (turn["answer"], turn["abstained"], cited), err


def ingest_process(settings: Settings, pause_at: str | None = None) -> subprocess.Popen[str]:
    """The real CLI ingest, in its own process, optionally told to wait at a named moment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIEDOETWAT_")}
    if pause_at:
        env[PAUSE_ENV] = pause_at
    cmd = [sys.executable, "-m", "app.cli", "--data-dir", str(settings.data_dir)]
    cmd += ["--corpus-dir", str(settings.corpus_dir), "ingest", "--no-progress"]
    if settings.chroma_url:
        env["WIEDOETWAT_CHROMA_URL"] = settings.chroma_url
    if settings.ingest.chunk_chars != 1100:
        env["WIEDOETWAT_INGEST__CHUNK_CHARS"] = str(settings.ingest.chunk_chars)
    return subprocess.Popen(
        cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def kill_at(proc: subprocess.Popen[str], moment: str, timeout: float = 120.0) -> None:
    """Wait until the process says it paused at `moment`, then SIGKILL it."""
    assert proc.stderr is not None
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line and proc.poll() is not None:
            break
        seen.append(line)
        if line.strip() == f"paused at {moment}":
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(10)
            assert proc.returncode == -signal.SIGKILL
            return
    proc.kill()
    raise AssertionError(f"ingest never paused at {moment}: {''.join(seen)[-2000:]}")


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory, embedder) -> Iterator[dict[str, Any]]:
    """Clean builds of the old and the new corpus, and what `ask` says on each."""
    root = tmp_path_factory.mktemp("crash")
    out: dict[str, Any] = {"root": root}
    for name, doc in (("v1", DOC_A_V1), ("v2", DOC_A_V2)):
        settings = make_settings(root / f"{name}-data", root / f"{name}-corpus")
        write_corpus(settings.corpus_dir, doc)
        run_ingest(settings, embedder=embedder, progress=False, say=lambda _m: None)
        out[name] = settings
        out[name + "-store"] = snapshot(settings)
    yield out


def old_index_being_edited(builds: dict[str, Any], tmp_path: Path) -> Settings:
    """A copy of the clean old index, whose corpus now holds the new version."""
    import shutil

    shutil.copytree(builds["v1"].data_dir, tmp_path / "data")
    settings = make_settings(tmp_path / "data", tmp_path / "corpus")
    write_corpus(settings.corpus_dir, DOC_A_V2)
    return settings


@pytest.fixture(scope="module")
def answers(builds: dict[str, Any], embedder) -> dict[str, Any]:
    """What the engine answers on the clean builds: the two answers allowed after a kill."""
    from engine.core import Engine

    out = {}
    for name in ("v1", "v2"):
        engine = Engine.load(builds[name], embedder=embedder, progress=False, say=lambda _m: None)
        a = engine.ask(QUESTION)
        out[name] = (
            a.answer,
            a.abstained,
            [(c.title, c.date, c.quote, c.url) for c in a.citations],
        )
    assert "1999" in out["v1"][0] and "2001" in out["v2"][0], out
    assert {c[0] for c in out["v2"][2]} == {"Alpha report, revised edition"}
    return out


@pytest.mark.parametrize(
    ("moment", "answers_as"),
    [
        ("embedded", "v1"),  # everything embedded, nothing written
        ("sentences-written", "v1"),  # new sentence vectors in, no new chunks yet
        ("chunks-written", "v1"),  # new chunks in beside the old ones, manifest still old
        ("directory-synced", "v1"),  # the directory rebuilt, the manifest still old
        ("manifest-written", "v2"),  # committed; the old version's chunks not yet deleted
    ],
)
def test_kill_during_edit_then_repair(
    builds, answers, tmp_path, capsys, embedder, moment, answers_as
):
    settings = old_index_being_edited(builds, tmp_path)
    kill_at(ingest_process(settings, pause_at=moment), moment)

    code, answer, err = ask_json(settings, capsys)
    assert code == 0, err
    assert answer == answers[answers_as]

    summary = run_ingest(settings, embedder=embedder, progress=False, say=lambda _m: None)
    assert "nothing to add" not in summary.line()
    assert summary.changed
    # the repair embeds what the killed run had not stored yet, keeps what it had, and says so
    stored_sentences = moment != "embedded"
    stored_chunks = moment not in ("embedded", "sentences-written")
    assert (summary.sentences_added == 0) == stored_sentences, summary
    assert (summary.chunks_embedded == 0) == stored_chunks, summary
    assert_same_store(snapshot(settings), builds["v2-store"])
    assert ask_json(settings, capsys)[1] == answers["v2"]


def test_kill_during_first_ingest_says_incomplete(builds, answers, tmp_path, capsys, embedder):
    settings = make_settings(tmp_path / "data", tmp_path / "corpus")
    write_corpus(settings.corpus_dir, DOC_A_V2)
    kill_at(ingest_process(settings, pause_at="chunks-written"), "chunks-written")

    code, _, err = ask_json(settings, capsys)
    assert code == 1
    assert "incomplete" in err and "run `wiedoetwat ingest`" in err
    assert len(err.splitlines()) == 1 and "Traceback" not in err

    summary = run_ingest(settings, embedder=embedder, progress=False, say=lambda _m: None)
    assert "nothing to add" not in summary.line() and summary.committed
    assert_same_store(snapshot(settings), builds["v2-store"])
    assert ask_json(settings, capsys)[1] == answers["v2"]


def _log_position(chroma_dir: Path) -> int:
    """How far Chroma's write log has got (read-only: the test only watches)."""
    db = sqlite3.connect(f"file:{chroma_dir / 'chroma.sqlite3'}?mode=ro", uri=True, timeout=5)
    try:
        return int(
            db.execute("SELECT COALESCE(MAX(seq_id), 0) FROM embeddings_queue").fetchone()[0]
        )
    finally:
        db.close()


def test_kill_as_soon_as_writes_start(builds, answers, tmp_path, capsys, embedder):
    """No hook: the test watches the store and kills the moment the first write lands."""
    settings = old_index_being_edited(builds, tmp_path)
    start = _log_position(settings.chroma_dir)
    proc = ingest_process(settings)
    deadline = time.monotonic() + 120
    while _log_position(settings.chroma_dir) == start:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "ingest never wrote"
        time.sleep(0.002)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)

    code, answer, err = ask_json(settings, capsys)
    assert code == 0, err
    assert answer in (answers["v1"], answers["v2"])

    summary = run_ingest(settings, embedder=embedder, progress=False, say=lambda _m: None)
    assert "nothing to add" not in summary.line()
    assert_same_store(snapshot(settings), builds["v2-store"])


def test_reader_ignores_chunks_no_manifest_lists(builds, answers, tmp_path, embedder):
    """Dense search over a store holding a killed run's new chunks returns what the old index
    would: the unlisted ones are filtered inside Chroma, not after the top k is cut."""
    from engine.core import Engine

    settings = old_index_being_edited(builds, tmp_path)
    kill_at(ingest_process(settings, pause_at="chunks-written"), "chunks-written")
    engine = Engine.load(settings, embedder=embedder, progress=False, say=lambda _m: None)
    clean = Engine.load(builds["v1"], embedder=embedder, progress=False, say=lambda _m: None)
    assert engine.store.chunks.count() > len(engine.store.all_chunks().ids)
    vector = embedder.encode_queries([QUESTION])[0]
    n = len(clean.store.all_chunks().ids)
    got, want = engine.store.dense_search(vector, n), clean.store.dense_search(vector, n)
    assert [cid for cid, _ in got] == [cid for cid, _ in want]
    assert [s for _, s in got] == pytest.approx([s for _, s in want], abs=1e-5)
