"""Chroma server mode against a real `chroma run` process (one per module).

Ingest writes into the server, the engine reads from it, and nothing lands in the local data
folder. The crash safety of the embedded store holds on the server too.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import make_settings
from test_ingest_crash import (
    DOC_A_V1,
    DOC_A_V2,
    QUESTION,
    assert_same_store,
    ingest_process,
    kill_at,
    snapshot,
    write_corpus,
)

from app.cli import main
from ingest.errors import IngestError
from ingest.index import Store, server_address
from ingest.pipeline import run_ingest
from ingest.settings import Settings


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Chroma server on a free port, up until its heartbeat answers."""
    root = tmp_path_factory.mktemp("chroma-server")
    port = _free_port()
    log = (root / "server.log").open("w")
    proc = subprocess.Popen(
        ["chroma", "run", "--path", str(root / "db"), "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert proc.poll() is None, (root / "server.log").read_text()
            assert time.monotonic() < deadline, "chroma run did not answer its heartbeat"
            time.sleep(0.2)
        yield url
    finally:
        proc.kill()
        proc.wait(10)
        log.close()


@pytest.fixture(scope="module")
def server_settings(tmp_path_factory, chroma_url: str, embedder) -> Settings:
    """The real report ingested into the server; the local data folder only exists by name."""
    settings = make_settings(
        tmp_path_factory.mktemp("server-client") / "data", chroma_url=chroma_url
    )
    summary = run_ingest(settings, embedder=embedder, progress=False, say=lambda _m: None)
    assert summary.added == summary.chunks > 60
    return settings


def test_ingest_and_answer_through_the_server(server_settings, embedder):
    from engine.core import Engine

    engine = Engine.load(server_settings, embedder=embedder, progress=False, say=lambda _m: None)
    answer = engine.ask("Wie is de CEO van imec?")
    assert not answer.abstained and "Luc Van den hove" in answer.answer
    assert answer.citations and "imec" in answer.citations[0].quote
    assert not (server_settings.data_dir / "chroma").exists()  # nothing in the local store
    store = Store(server_settings, create=False)
    assert len(store.all_chunks().ids) == len(store.manifest.chunks) > 60


def test_noop_reingest_against_the_server(server_settings, embedder):
    summary = run_ingest(server_settings, embedder=embedder, progress=False, say=lambda _m: None)
    assert not summary.changed and "nothing to add" in summary.line()
    assert not (server_settings.data_dir / "chroma").exists()


def test_reader_on_server_without_index_names_the_fix(chroma_url, tmp_path, embedder):
    from engine.core import Engine

    other = make_settings(tmp_path / "data", chroma_url=chroma_url, ingest={"chunk_chars": 700})
    with pytest.raises(IngestError, match="no index yet: run `wiedoetwat ingest`"):
        Engine.load(other, embedder=embedder, progress=False, say=lambda _m: None)
    assert not (tmp_path / "data" / "chroma").exists()


def test_reader_creates_nothing_on_the_server(chroma_url, tmp_path, embedder):
    import chromadb

    host, port, ssl = server_address(chroma_url)
    client = chromadb.HttpClient(host=host, port=port, ssl=ssl)
    before = sorted(c.name for c in client.list_collections())
    other = make_settings(tmp_path / "data", chroma_url=chroma_url, ingest={"chunk_chars": 650})
    with pytest.raises(IngestError, match="no index yet"):
        Store(other, create=False)
    assert sorted(c.name for c in client.list_collections()) == before


@pytest.mark.parametrize("command", ["ingest", "ask"])
def test_unreachable_server_is_one_line(tmp_path, capsys, monkeypatch, command):
    url = f"http://127.0.0.1:{_free_port()}"  # nothing listens there
    monkeypatch.setenv("WIEDOETWAT_CHROMA_URL", url)
    args = ["--data-dir", str(tmp_path / "data"), command]
    code = main(args + (["Wie is de CEO van imec?"] if command == "ask" else ["--no-progress"]))
    err = capsys.readouterr().err.strip()
    assert code == 1 and len(err.splitlines()) == 1 and "Traceback" not in err
    assert url in err and "not reachable" in err
    assert not (tmp_path / "data" / "chroma").exists()


@pytest.mark.parametrize("url", ["ftp://host:1", "http://", "localhost:8000x"])
def test_bad_server_url_is_one_line(url):
    with pytest.raises(IngestError, match="Chroma server URL"):
        server_address(url)


def test_kill_during_edit_on_the_server(chroma_url, tmp_path: Path, capsys, embedder):
    """The manifest protects readers of a server as it does the embedded store."""
    from engine.core import Engine

    def settings_for(name: str) -> Settings:  # its own collection: chunking 900, not the report's
        return make_settings(
            tmp_path / f"{name}-data",
            tmp_path / f"{name}-corpus",
            chroma_url=chroma_url if name != "clean" else None,
            ingest={"chunk_chars": 900},
        )

    clean = settings_for("clean")  # the reference: a clean embedded build of the new corpus
    write_corpus(clean.corpus_dir, DOC_A_V2)
    run_ingest(clean, embedder=embedder, progress=False, say=lambda _m: None)

    settings = settings_for("server")
    write_corpus(settings.corpus_dir, DOC_A_V1)
    run_ingest(settings, embedder=embedder, progress=False, say=lambda _m: None)
    old = Engine.load(settings, embedder=embedder, progress=False, say=lambda _m: None)
    old_answer = old.ask(QUESTION).answer
    assert "1999" in old_answer

    write_corpus(settings.corpus_dir, DOC_A_V2)
    kill_at(ingest_process(settings, pause_at="chunks-written"), "chunks-written")
    during = Engine.load(settings, embedder=embedder, progress=False, say=lambda _m: None)
    assert during.ask(QUESTION).answer == old_answer  # the new chunks are there, not seen
    assert during.store.chunks.count() > len(during.store.all_chunks().ids)

    summary = run_ingest(settings, embedder=embedder, progress=False, say=lambda _m: None)
    assert summary.committed and "nothing to add" not in summary.line()
    assert_same_store(snapshot(settings), snapshot(clean))
    after = Engine.load(settings, embedder=embedder, progress=False, say=lambda _m: None)
    assert "2001" in after.ask(QUESTION).answer
    assert not (settings.data_dir / "chroma").exists()
