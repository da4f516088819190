"""`wiedoetwat bench`: one run that measures what issue 12 promises, on this machine.

Every figure comes from the real parts, timed the way a user meets them: `wiedoetwat` commands
as subprocesses (so the interpreter's start and the imports count), the app over real HTTP, the
engine in this process, the llama-index starter beside it on the same corpus and embedder, and
synthetic Chroma collections, embedded and behind a real `chroma run`, for the sizes the report
is far from. The index is always built afresh in a temporary folder: the user's data folder and
`chroma_url` are left alone. Subprocesses get that folder as TMPDIR, run in their own process
groups, are bounded in time, and are ended when the run ends, however it ends.

Targets are reported as PASS or FAIL beside the figures, never enforced: a busy 2-core machine
gives noisy numbers, and the table says so by printing them as they are.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest.errors import IngestError
from ingest.settings import Settings

if TYPE_CHECKING:
    import httpx

    from engine.core import Engine
    from ingest.embed import NumpyEmbedding

ASK_QUESTION = "Wie is de CEO van imec?"
FIRST_QUESTION = "Who supervises the AI Act in Belgium?"
CLIENT_LEVELS = (1, 4, 16)
MAX_SIZE = 1_000_000
TARGET_SIZE = 50_000  # the size the retrieval target is set at
TARGETS = {
    "engine_p95_serial_ms": 30.0,
    "engine_p95_busy_ms": 50.0,
    "clients_16_p95_factor": 4.0,
    "noop_ingest_s": 1.5,
    "cold_ingest_s": 15.0,
    "retrieval_p95_50k_ms": 100.0,
}


class BenchError(Exception):
    """A part of the run failed; the message is the one line the user sees."""


@dataclass(frozen=True)
class Plan:
    """How much of everything: a full run for figures, a quick one for a smoke test."""

    quick: bool
    engine_passes: int  # passes over the question set, serial and busy alike
    engine_questions: int | None  # None: every question of the public set
    noop_runs: int
    ask_runs: int
    single_client_requests: int
    requests_per_client: int
    scale_queries: int
    corpus_chars: int | None  # quick: the report cut at a heading past this many characters

    @classmethod
    def make(cls, quick: bool) -> Plan:
        if quick:
            return cls(True, 1, 8, 1, 1, 3, 2, 20, 9_000)
        return cls(False, 3, None, 3, 3, 20, 5, 200, None)


# -- small helpers -----------------------------------------------------------------------------
def parse_sizes(text: str) -> list[int]:
    """'1000,10000,50000' -> [1000, 10000, 50000]; a clear message for anything else."""
    sizes: set[int] = set()
    for part in text.split(","):
        word = part.strip().replace("_", "")
        if not word.isdigit():
            raise ValueError(
                f"--sizes: {part.strip()!r} is not a whole number of chunks "
                "(give e.g. --sizes 1000,10000,50000)"
            )
        n = int(word)
        if not 1 <= n <= MAX_SIZE:
            raise ValueError(f"--sizes: {n} is out of range (1 to {MAX_SIZE:,} chunks)")
        sizes.add(n)
    return sorted(sizes)


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (the one tests/test_serving.py reports)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary_ms(values: Sequence[float]) -> dict[str, float | int]:
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "p50_ms": round(percentile(values, 0.5), 2),
        "p95_ms": round(percentile(values, 0.95), 2),
        "max_ms": round(max(values), 2),
        "mean_ms": round(sum(values) / len(values), 2),
    }


def _proc_status_mb(pid: int | str, field: str) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory now (VmRSS); the peak from getrusage where /proc is missing."""
    now = _proc_status_mb(pid, "VmRSS")
    if now is None and pid == "self":
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return now or 0.0


def peak_rss_mb() -> float:
    peak = _proc_status_mb("self", "VmHWM")
    return peak if peak is not None else rss_mb()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _bar(total: int, desc: str) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="q", leave=False, file=sys.stderr)


def _quiet(_message: str) -> None:
    """`say` for in-process loads: the bench prints its own table."""


# -- subprocesses ------------------------------------------------------------------------------
class Processes:
    """Every subprocess of the run: in its own process group, logged to a file, bounded in
    time, and killed (with its children) when the run ends, normally or not."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.started: list[subprocess.Popen] = []
        self._n = 0

    def __enter__(self) -> Processes:
        return self

    def __exit__(self, *exc: object) -> None:
        for proc in self.started:
            self.stop(proc)

    def start(self, cmd: Sequence[str], env: dict[str, str], name: str) -> subprocess.Popen:
        self._n += 1
        log = self.logs / f"{self._n:02d}-{name}.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                list(cmd),
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own group: ending it ends its children too
            )
        proc.log = log  # type: ignore[attr-defined]
        self.started.append(proc)
        return proc

    def run(self, cmd: Sequence[str], env: dict[str, str], name: str, timeout: float) -> float:
        """Run to the end; wall seconds. A failure or a timeout is a BenchError naming why."""
        t0 = time.perf_counter()
        proc = self.start(cmd, env, name)
        try:
            code = proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.stop(proc)
            raise BenchError(f"{name}: still running after {timeout:.0f} s, stopped") from None
        wall = time.perf_counter() - t0
        if code != 0:
            raise BenchError(f"{name} failed (exit {code}): {self.last_line(proc)}")
        return wall

    def output(self, proc: subprocess.Popen) -> str:
        return proc.log.read_text(errors="replace")  # type: ignore[attr-defined]

    def last_line(self, proc: subprocess.Popen) -> str:
        lines = [ln.strip() for ln in self.output(proc).splitlines() if ln.strip()]
        return lines[-1][:300] if lines else "no output"

    def stop(self, proc: subprocess.Popen, grace: float = 5.0) -> None:
        """SIGTERM to its group, then SIGKILL after `grace` seconds."""
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(grace)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # stragglers of the group
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(5)


def _wiedoetwat() -> list[str]:
    """The installed console script when there is one (what a user runs), else the module."""
    beside = Path(sys.executable).with_name("wiedoetwat")
    found = str(beside) if beside.is_file() else shutil.which("wiedoetwat")
    return [found] if found else [sys.executable, "-m", "app.cli"]


def child_env(settings: Settings, tmp: Path) -> dict[str, str]:
    """The environment of a subprocess: this run's settings (not the shell's WIEDOETWAT_*),
    and its temporary files inside the run's folder, so a killed child leaves nothing behind."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIEDOETWAT_")}
    for name in ("ingest", "embed", "retrieve"):
        env[f"WIEDOETWAT_{name.upper()}"] = getattr(settings, name).model_dump_json()
    answer = settings.answer.model_dump(mode="json", exclude={"llm_api_key"})
    answer["llm_api_key"] = settings.answer.llm_api_key.get_secret_value()
    env["WIEDOETWAT_ANSWER"] = json.dumps(answer)
    env["WIEDOETWAT_UI"] = json.dumps(
        settings.ui.model_dump(mode="json", include={"concurrency", "max_queue"})
    )
    env |= {"TMPDIR": str(tmp), "PYTHONUNBUFFERED": "1", "GRADIO_ANALYTICS_ENABLED": "False"}
    return env


# -- HTTP --------------------------------------------------------------------------------------
def call_ask(client: httpx.Client, base: str, question: str) -> tuple[bool, str]:
    """One `/ask`: (answered, answer text or error message)."""
    from app.ask_client import ask_over_http

    event, data = ask_over_http(client, base, question)
    if event == "complete" and isinstance(data, list) and data:
        return True, str(data[0][0] if isinstance(data[0], list) else data[0])
    return False, f"{event}: {data}"


def _wait_http(url: str, proc: subprocess.Popen, procs: Processes, timeout: float) -> float:
    """Seconds until `url` answers 200 (the process must stay alive meanwhile)."""
    t0 = time.perf_counter()
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return time.perf_counter() - t0
        except OSError:
            pass
        if proc.poll() is not None:
            raise BenchError(f"{url}: the server exited ({procs.last_line(proc)})")
        if time.perf_counter() - t0 > timeout:
            raise BenchError(f"{url}: no answer after {timeout:.0f} s")
        time.sleep(0.05)


# -- the parts ---------------------------------------------------------------------------------
def quick_corpus(src: Path, dest: Path, chars: int) -> Path:
    """The corpus's Markdown reports, each cut at the first heading past `chars` characters:
    a quick run exercises every part without embedding the whole report three times."""
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted(src.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        cut = text.find("\n#", chars)
        (dest / path.name).write_text(text if cut < 0 else text[: cut + 1], encoding="utf-8")
    return dest


def bench_ingest(procs: Processes, cli: list[str], env: dict, data: Path, plan: Plan) -> dict:
    """Cold ingest into an empty folder, then no-op re-ingests, each a whole `wiedoetwat`."""
    cold = procs.run(
        [*cli, "--data-dir", str(data), "ingest", "--no-progress"], env, "ingest", 1800
    )
    noop = [
        procs.run([*cli, "--data-dir", str(data), "ingest", "--no-progress"], env, "reingest", 300)
        for _ in range(plan.noop_runs)
    ]
    return {
        "cold_s": round(cold, 2),
        "noop_s": round(percentile(noop, 0.5), 2),
        "noop_runs_s": [round(x, 2) for x in noop],
    }


def bench_ask_cli(procs: Processes, cli: list[str], env: dict, data: Path, plan: Plan) -> dict:
    runs = [
        procs.run([*cli, "--data-dir", str(data), "ask", ASK_QUESTION], env, "ask", 600)
        for _ in range(plan.ask_runs)
    ]
    return {
        "question": ASK_QUESTION,
        "wall_s": round(percentile(runs, 0.5), 2),
        "runs_s": [round(x, 2) for x in runs],
    }


def bench_app(
    procs: Processes, cli: list[str], env: dict, data: Path, plan: Plan, questions: list[str]
) -> tuple[dict, dict]:
    """`wiedoetwat app` from its start to its first answer over `/ask`, then 1, 4 and 16
    concurrent clients against that one process. Returns (startup, concurrency)."""
    import httpx

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    cmd = [*cli, "--data-dir", str(data), "app", "--host", "127.0.0.1", "--port", str(port)]
    t0 = time.perf_counter()
    proc = procs.start(cmd, env, "app")
    try:
        page_s = _wait_http(base, proc, procs, 600)
        try:
            with httpx.Client(timeout=httpx.Timeout(600, connect=10)) as client:
                ok, text = call_ask(client, base, FIRST_QUESTION)
        except httpx.HTTPError as e:
            raise BenchError(f"the app's first answer failed: {e} ({procs.last_line(proc)})") from e
        first_s = time.perf_counter() - t0
        if not ok:
            raise BenchError(f"the app's first answer failed: {text[:200]}")
        levels = {}
        for clients in CLIENT_LEVELS:
            per_client = plan.single_client_requests if clients == 1 else plan.requests_per_client
            levels[str(clients)] = _clients(base, clients, per_client, questions)
        app_rss = rss_mb(proc.pid)
    finally:
        procs.stop(proc)
    startup = {"app_page_s": round(page_s, 2), "app_first_answer_s": round(first_s, 2)}
    return startup, {"levels": levels, "app_rss_mb": app_rss}


def _clients(base: str, clients: int, per_client: int, questions: list[str]) -> dict:
    """`clients` threads, each with its own connection, asking `per_client` questions."""
    import httpx

    bar = _bar(clients * per_client, f"/ask x{clients} clients")

    def one(i: int) -> list[tuple[bool, float]]:
        out = []
        with httpx.Client(timeout=httpx.Timeout(300, connect=10)) as client:
            for j in range(per_client):
                q = questions[(i * per_client + j) % len(questions)]
                t0 = time.perf_counter()
                try:
                    ok, _text = call_ask(client, base, q)
                except httpx.HTTPError:
                    ok = False
                out.append((ok, (time.perf_counter() - t0) * 1000))
                bar.update()
        return out

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = [r for rs in pool.map(one, range(clients)) for r in rs]
    wall = time.perf_counter() - t0
    bar.close()
    ms = [m for ok, m in results if ok]
    return {
        "clients": clients,
        "requests": len(results),
        "errors": sum(not ok for ok, _ in results),
        **summary_ms(ms),
        "wall_s": round(wall, 2),
        "throughput_per_s": round(len(results) / wall, 2),
    }


def _time_calls(
    call: Callable[[str], object], questions: list[str], passes: int, desc: str
) -> list[float]:
    """Milliseconds of each call, every question `passes` times (the engine's ask, or another
    tool's retrieve)."""
    bar = _bar(passes * len(questions), desc)
    ms = []
    for _ in range(passes):
        for q in questions:
            t0 = time.perf_counter()
            call(q)
            ms.append((time.perf_counter() - t0) * 1000)
            bar.update()
    bar.close()
    return ms


@contextlib.contextmanager
def busy_process(procs: Processes, env: dict, seconds: float) -> Iterator[None]:
    """Another process burning a core for the block (bounded, and stopped after it)."""
    code = f"import time\nend = time.monotonic() + {seconds}\nwhile time.monotonic() < end: pass"
    proc = procs.start([sys.executable, "-c", code], env, "busy")
    time.sleep(0.3)  # spinning before the first question
    try:
        yield
    finally:
        procs.stop(proc, grace=1)


def bench_engine(
    settings: Settings,
    embedder: NumpyEmbedding,
    questions: list[str],
    procs: Processes,
    env: dict,
    plan: Plan,
) -> tuple[Engine, dict]:
    """In-process answers per question (the same engine the app shares), serial and with
    another process busy, and what the process holds in memory."""
    from engine.core import Engine

    t0 = time.perf_counter()
    engine = Engine.load(settings, embedder=embedder, progress=False, say=_quiet)
    load_s = time.perf_counter() - t0
    for q in questions[:5]:  # first calls fill caches
        engine.ask(q)
    serial = _time_calls(engine.ask, questions, plan.engine_passes, "engine serial")
    retrieve = []
    for q in questions:
        t1 = time.perf_counter()
        engine.retrieve(q)
        retrieve.append((time.perf_counter() - t1) * 1000)
    rss = rss_mb()
    bound = 600 if not plan.quick else 120
    with busy_process(procs, env, bound):
        busy = _time_calls(engine.ask, questions, plan.engine_passes, "engine, a process busy")
    return engine, {
        "questions": len(questions),
        "load_s": round(load_s, 2),
        "serial": summary_ms(serial),
        "busy": summary_ms(busy),
        "retrieve_only": summary_ms(retrieve),
        "rss_mb": rss,
        "peak_rss_mb": peak_rss_mb(),
    }


def bench_llama_index(
    settings: Settings,
    embedder: NumpyEmbedding,
    engine_figures: dict,
    questions: list[str],
    work: Path,
    plan: Plan,
) -> dict:
    """The llama-index starter (SimpleDirectoryReader, SentenceSplitter defaults,
    VectorStoreIndex on a Chroma collection, top-3) against our build and answers, both
    in this process with the same loaded embedder, so only the pipelines differ."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter

    try:
        from llama_index.vector_stores.chroma import ChromaVectorStore
    except ImportError as e:
        raise BenchError(
            "llama-index-vector-stores-chroma is not installed (the starter's Chroma store): "
            "pip install -e '.[test]'"
        ) from e

    from ingest.pipeline import run_ingest

    ours_settings = settings.model_copy(update={"data_dir": work / "ours-build"})
    t0 = time.perf_counter()
    run_ingest(ours_settings, embedder=embedder, progress=False, say=_quiet)
    ours_build = time.perf_counter() - t0

    client = chromadb.PersistentClient(
        path=str(work / "llama-index-chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    t0 = time.perf_counter()
    documents = SimpleDirectoryReader(str(settings.corpus_dir), recursive=True).load_data()
    store = ChromaVectorStore(chroma_collection=client.get_or_create_collection("starter"))
    index = VectorStoreIndex.from_documents(
        documents,
        storage_context=StorageContext.from_defaults(vector_store=store),
        embed_model=embedder,
        transformations=[SentenceSplitter()],
    )
    theirs_build = time.perf_counter() - t0
    retriever = index.as_retriever(similarity_top_k=3)
    retriever.retrieve(questions[0])
    ms = _time_calls(retriever.retrieve, questions, plan.engine_passes, "llama-index top-3")
    theirs = summary_ms(ms)
    ours, ours_retrieve = engine_figures["serial"], engine_figures["retrieve_only"]

    def ratio(a: float, b: float) -> float:
        return round(a / b, 2) if b else 0.0

    return {
        "vector_store": "llama-index-vector-stores-chroma (ChromaVectorStore, embedded Chroma)",
        "nodes": client.get_collection("starter").count(),
        "build_s": round(theirs_build, 2),
        "query": theirs,
        "ours_build_s": round(ours_build, 2),
        "ours_answer": ours,
        "ours_retrieve": ours_retrieve,
        "ratio_build": ratio(ours_build, theirs_build),
        "ratio_answer_p50": ratio(ours["p50_ms"], theirs["p50_ms"]),
        "ratio_answer_p95": ratio(ours["p95_ms"], theirs["p95_ms"]),
        "ratio_retrieve_p50": ratio(ours_retrieve["p50_ms"], theirs["p50_ms"]),
        "ratio_retrieve_p95": ratio(ours_retrieve["p95_ms"], theirs["p95_ms"]),
    }


# -- scale: synthetic collections --------------------------------------------------------------
def _scale_settings(spec: dict) -> Settings:
    return Settings(
        data_dir=Path(spec["data_dir"]),
        corpus_dir=Path(spec["corpus_dir"]),
        chroma_url=spec.get("chroma_url"),
        ingest=spec["ingest"],
        embed=spec["embed"],
    )


def write_synthetic(settings: Settings, size: int, dim: int, seed: int = 12) -> float:
    """A complete index of `size` chunks: real sentences of the corpus recombined into chunk-
    sized texts with real metadata, and random unit vectors (the embedder's cost is linear and
    known; this measures the store). On a server, the previous size's collections go first."""
    import numpy as np
    from tqdm import tqdm

    from ingest.index import Manifest, Store
    from ingest.pipeline import collect_chunks
    from ingest.sentences import chunk_sentences

    _n, chunks = collect_chunks(settings)
    sentences = [s for c in chunks for s in chunk_sentences(c.text, c.is_table_row)]
    if not sentences:
        raise BenchError(f"{settings.corpus_dir}: no text to build synthetic chunks from")
    rng = random.Random(seed)
    vectors_rng = np.random.default_rng(seed)
    if settings.chroma_url:
        probe = Store(settings)
        for suffix in ("", "-sentences", "-manifest"):
            with contextlib.suppress(Exception):
                probe.client.delete_collection(settings.collection_name + suffix)
    store = Store(settings)
    ids: list[str] = []
    t0 = time.perf_counter()
    step = 2000
    with tqdm(total=size, desc=f"write {size:,}", unit="chunk", leave=False, file=sys.stderr) as b:
        for start in range(0, size, step):
            n = min(step, size - start)
            batch_ids, texts, metas = [], [], []
            for i in range(start, start + n):
                source = chunks[rng.randrange(len(chunks))]
                texts.append(
                    " ".join(rng.sample(sentences, min(len(sentences), rng.randint(3, 7))))
                )
                meta = source.metadata()
                meta |= {"doc_id": f"synthetic-{i // 100:05d}", "order": i % 100}
                metas.append(meta)
                batch_ids.append(f"syn-{i:07d}")
            vecs = vectors_rng.standard_normal((n, dim)).astype(np.float32)
            vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
            store.add_chunks(batch_ids, texts, metas, vecs)
            ids += batch_ids
            b.update(n)
        store.write_manifest(Manifest(generation=1, chunks=sorted(ids), sentences=[]))
    seconds = time.perf_counter() - t0
    with contextlib.suppress(Exception):  # let go of the embedded files before a reader copies
        store.client.close()
    return seconds


def read_synthetic(settings: Settings, queries: int, dim: int, k: int = 20) -> dict:
    """What a reader process pays at this size: opening the index as the engine does
    (Store + all_chunks), dense top-k queries through Store.dense_search, and memory."""
    import numpy as np

    from ingest.index import Store

    base_rss = rss_mb()
    t0 = time.perf_counter()
    store = Store(settings, create=False)
    chunks = store.all_chunks()
    load_s = time.perf_counter() - t0
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((queries + 1, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    t1 = time.perf_counter()
    got = store.dense_search(vectors[0], k)
    first_ms = (time.perf_counter() - t1) * 1000
    ms = []
    for v in vectors[1:]:
        t1 = time.perf_counter()
        got = store.dense_search(v, k)
        ms.append((time.perf_counter() - t1) * 1000)
    if len(got) != min(k, len(chunks.ids)):
        raise BenchError(f"dense search gave {len(got)} hits, not {k}")
    return {
        "chunks": len(chunks.ids),
        "load_s": round(load_s, 3),
        "first_query_ms": round(first_ms, 2),
        **summary_ms(ms),
        "rss_mb": rss_mb(),
        "peak_rss_mb": peak_rss_mb(),
        "base_rss_mb": base_rss,
    }


def _worker(spec_json: str) -> int:
    """`python -m app.bench --read-synthetic SPEC`: the reader in a process of its own, so its
    memory is that of one size alone. Prints one JSON line."""
    spec = json.loads(spec_json)
    try:
        out = read_synthetic(_scale_settings(spec), spec["queries"], spec["dim"])
    except (BenchError, IngestError) as e:
        out = {"error": str(e)}
    print(json.dumps(out))
    return 1 if "error" in out else 0


def start_chroma_server(procs: Processes, env: dict, path: Path) -> tuple[str, int]:
    """A real `chroma run` on a free loopback port, up when its heartbeat answers."""
    chroma = Path(sys.executable).with_name("chroma")
    exe = str(chroma) if chroma.is_file() else shutil.which("chroma")
    if not exe:
        raise BenchError("`chroma` is not installed (it comes with chromadb): pip install chromadb")
    port = free_port()
    cmd = [exe, "run", "--host", "127.0.0.1", "--path", str(path), "--port", str(port)]
    proc = procs.start(cmd, env, "chroma-run")
    url = f"http://127.0.0.1:{port}"
    _wait_http(f"{url}/api/v2/heartbeat", proc, procs, 90)
    return url, proc.pid


def bench_scale(
    settings: Settings,
    sizes: list[int],
    dim: int,
    procs: Processes,
    env: dict,
    work: Path,
    plan: Plan,
) -> dict:
    """Each size in the embedded store and on a Chroma server: write, then read in a fresh
    process (load time, retrieval p50/p95, RSS); the server's own RSS beside it."""
    out: dict[str, list[dict]] = {"embedded": [], "server": []}
    sections = {"ingest": settings.ingest.model_dump(), "embed": settings.embed.model_dump()}
    server_pid = None
    for mode in ("embedded", "server"):
        url = None
        if mode == "server":
            url, server_pid = start_chroma_server(procs, env, work / "chroma-server")
        for size in sizes:
            data_dir = work / f"scale-{mode}-{size}"
            spec = {
                "data_dir": str(data_dir),
                "corpus_dir": str(settings.corpus_dir),
                "chroma_url": url,
                "queries": plan.scale_queries,
                "dim": dim,
                **sections,
            }
            try:
                write_s = write_synthetic(_scale_settings(spec), size, dim)
            except (BenchError, IngestError):
                raise
            except Exception as e:  # Chroma's own errors: one line that says where
                raise BenchError(f"writing {size:,} chunks ({mode}): {e}") from e
            cmd = [sys.executable, "-m", "app.bench", "--read-synthetic", json.dumps(spec)]
            proc = procs.start(cmd, env, f"read-{mode}-{size}")
            try:
                proc.wait(600)
            except subprocess.TimeoutExpired:
                raise BenchError(f"reading {size:,} chunks ({mode}): over 600 s") from None
            finally:
                procs.stop(proc)
            lines = procs.output(proc).strip().splitlines()
            try:
                got = json.loads(lines[-1])
            except (IndexError, ValueError):
                got = {"error": procs.last_line(proc)}
            if "error" in got:
                raise BenchError(f"reading {size:,} chunks ({mode}): {got['error']}")
            row = {"size": size, "write_s": round(write_s, 2), **got}
            if mode == "server" and server_pid:
                row["server_rss_mb"] = rss_mb(server_pid)
            out[mode].append(row)
            if mode == "embedded":
                shutil.rmtree(data_dir, ignore_errors=True)
    return out


# -- verdicts, table, chart --------------------------------------------------------------------
def verdicts(r: dict, quick: bool) -> list[dict]:
    """Each target of issue 12 with its figure and PASS/FAIL (None: not measured this run)."""
    eng, lv = r["engine"], r["concurrency"]["levels"]
    one, many = lv.get("1", {}), lv.get("16", {})
    rows = [
        ("engine p95 serial", eng["serial"]["p95_ms"], TARGETS["engine_p95_serial_ms"], "ms"),
        ("engine p95, process busy", eng["busy"]["p95_ms"], TARGETS["engine_p95_busy_ms"], "ms"),
    ]
    out = [
        {"target": name, "value": v, "limit": lim, "unit": u, "pass": v <= lim}
        for name, v, lim, u in rows
    ]
    if one.get("p95_ms") is not None and many.get("p95_ms") is not None:
        limit = round(TARGETS["clients_16_p95_factor"] * one["p95_ms"], 1)
        ok = many["p95_ms"] <= limit and many["errors"] == 0 and one["errors"] == 0
        out.append(
            {
                "target": "16 clients p95 <= 4x 1 client, 0 errors",
                "value": many["p95_ms"],
                "limit": limit,
                "unit": "ms",
                "errors": many["errors"],
                "pass": ok,
            }
        )
    else:
        out.append({"target": "16 clients p95 <= 4x 1 client, 0 errors", "pass": False})
    noop, cold = r["ingest"]["noop_s"], r["ingest"]["cold_s"]
    out.append(
        {"target": "no-op re-ingest", "value": noop, "limit": TARGETS["noop_ingest_s"], "unit": "s"}
        | {"pass": noop <= TARGETS["noop_ingest_s"]}
    )
    out.append(
        {"target": "cold ingest", "value": cold, "limit": TARGETS["cold_ingest_s"], "unit": "s"}
        | {"pass": None if quick else cold <= TARGETS["cold_ingest_s"]}
    )
    for mode in ("embedded", "server"):
        at = [row for row in r["scale"][mode] if row["size"] == TARGET_SIZE]
        limit = TARGETS["retrieval_p95_50k_ms"]
        value = at[0]["p95_ms"] if at else None
        out.append(
            {"target": f"retrieval p95 at 50k, {mode}", "value": value, "limit": limit}
            | {"unit": "ms", "pass": None if value is None else value <= limit}
        )
    return out


def _mark(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def table(r: dict) -> str:
    """The printed table: part, figure, target, verdict."""
    ing, st, eng, li = r["ingest"], r["startup"], r["engine"], r["llama_index"]
    v = {row["target"]: row for row in r["targets"]}

    def row(part: str, figure: str, name: str = "", text: str = "") -> tuple[str, ...]:
        verdict = _mark(v.get(name, {}).get("pass")) if name else ""
        return part, figure, text, verdict

    def lat(s: dict) -> str:
        return f"p50 {s['p50_ms']:.1f} ms, p95 {s['p95_ms']:.1f} ms (n={s['n']})"

    noop_n = len(ing["noop_runs_s"])
    rows = [
        row(
            "cold ingest (wiedoetwat ingest, wall)",
            f"{ing['cold_s']:.1f} s",
            "cold ingest",
            "<= 15 s",
        ),
        row(
            f"no-op re-ingest (wall, median of {noop_n})",
            f"{ing['noop_s']:.2f} s",
            "no-op re-ingest",
            "<= 1.5 s",
        ),
        row(
            "app start -> first /ask answer",
            f"{st['app_first_answer_s']:.1f} s (page at {st['app_page_s']:.1f} s)",
        ),
        row(f"ask CLI (wall, median of {len(st['ask_runs_s'])})", f"{st['ask_cli_s']:.1f} s"),
        row(
            f"engine per question, serial ({eng['questions']} q)",
            lat(eng["serial"]),
            "engine p95 serial",
            "p95 <= 30 ms",
        ),
        row(
            "engine per question, another process busy",
            lat(eng["busy"]),
            "engine p95, process busy",
            "p95 <= 50 ms",
        ),
        row("engine retrieval only (hybrid)", lat(eng["retrieve_only"])),
        row("engine process RSS", f"{eng['rss_mb']:.0f} MB (peak {eng['peak_rss_mb']:.0f} MB)"),
        row(
            "llama-index starter: build",
            f"{li['build_s']:.1f} s ({li['nodes']} nodes); ours {li['ours_build_s']:.1f} s, "
            f"ours/theirs {li['ratio_build']:.2f}x",
        ),
        row("llama-index starter: top-3 query", lat(li["query"])),
        row(
            "ours/theirs: full answer; retrieval",
            f"p50 {li['ratio_answer_p50']:.2f}x, p95 {li['ratio_answer_p95']:.2f}x; "
            f"p50 {li['ratio_retrieve_p50']:.2f}x, p95 {li['ratio_retrieve_p95']:.2f}x",
        ),
    ]
    many = "16 clients p95 <= 4x 1 client, 0 errors"
    for key, lv in r["concurrency"]["levels"].items():
        figure = (
            f"p50 {lv.get('p50_ms', 0):.0f} ms, p95 {lv.get('p95_ms', 0):.0f} ms, "
            f"{lv['errors']} errors / {lv['requests']}"
        )
        part = f"/ask, {key} concurrent client{'s' if key != '1' else ''}"
        if key == "16":
            limit = v[many].get("limit", 0)
            rows.append(row(part, figure, many, f"p95 <= {limit:.0f} ms, 0 errors"))
        else:
            rows.append(row(part, figure))
    rows.append(
        row("app process RSS after the clients", f"{r['concurrency']['app_rss_mb']:.0f} MB")
    )
    for mode in ("embedded", "server"):
        for at in r["scale"][mode]:
            figure = (
                f"p50 {at['p50_ms']:.1f} ms, p95 {at['p95_ms']:.1f} ms, "
                f"load {at['load_s']:.2f} s, RSS {at['rss_mb']:.0f} MB"
            )
            if "server_rss_mb" in at:
                figure += f" (server {at['server_rss_mb']:.0f} MB)"
            part = f"scale {mode} {at['size']:,} chunks, top-20"
            if at["size"] == TARGET_SIZE:
                name = f"retrieval p95 at 50k, {mode}"
                rows.append(row(part, figure, name, "p95 <= 100 ms"))
            else:
                rows.append(row(part, figure))
    head = ("part", "figure", "target", "verdict")
    widths = [max(len(str(x[i])) for x in [head, *rows]) for i in range(4)]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(x, widths, strict=True)) for x in rows]
    rule = "  ".join("-" * w for w in widths)
    header = "  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True))
    m = r["meta"]
    title = (
        f"wiedoetwat bench, {m['date']}: {m['cpus']} CPUs, Python {m['python']}, "
        f"{'quick' if m['quick'] else 'full'} run, corpus {m['corpus_chars']:,} characters"
    )
    return "\n".join([title, "", header, rule, *(ln.rstrip() for ln in lines)])


def chart(r: dict, path: Path) -> None:
    """Six panels: times, engine latency, concurrency, and the three scale curves."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(2, 3, figsize=(17, 9.5))
    ing, st, eng, li = r["ingest"], r["startup"], r["engine"], r["llama_index"]

    names = [
        "cold ingest",
        "no-op re-ingest",
        "app -> 1st answer",
        "ask CLI",
        "ours build\n(in-process)",
        "llama-index build",
    ]
    values = [
        ing["cold_s"],
        ing["noop_s"],
        st["app_first_answer_s"],
        st["ask_cli_s"],
        li["ours_build_s"],
        li["build_s"],
    ]
    a = ax[0, 0]
    a.barh(names, values, color=["C0", "C0", "C1", "C1", "C2", "C3"])
    a.invert_yaxis()
    a.set_xlabel("seconds (wall)")
    a.set_title("Ingest and start-up")

    a = ax[0, 1]
    groups = {
        "engine\nserial": eng["serial"],
        "engine\nprocess busy": eng["busy"],
        "ours\nretrieval": eng["retrieve_only"],
        "llama-index\ntop-3": li["query"],
    }
    xs = range(len(groups))
    a.bar([x - 0.2 for x in xs], [g["p50_ms"] for g in groups.values()], 0.4, label="p50")
    a.bar([x + 0.2 for x in xs], [g["p95_ms"] for g in groups.values()], 0.4, label="p95")
    a.axhline(TARGETS["engine_p95_serial_ms"], ls="--", c="k", lw=0.8, label="30 / 50 ms targets")
    a.axhline(TARGETS["engine_p95_busy_ms"], ls="--", c="k", lw=0.8)
    a.set_xticks(list(xs), list(groups))
    a.set_ylabel("ms per question")
    a.set_title("In-process latency")
    a.legend()

    a = ax[0, 2]
    levels = r["concurrency"]["levels"]
    cs = [int(k) for k in levels]
    for q in ("p50_ms", "p95_ms"):
        a.plot(cs, [levels[str(c)].get(q, 0) for c in cs], marker="o", label=q[:3])
    if levels.get("1", {}).get("p95_ms"):
        limit = TARGETS["clients_16_p95_factor"] * levels["1"]["p95_ms"]
        a.axhline(limit, ls="--", c="k", lw=0.8, label="4x single-client p95")
    a.set_xscale("log", base=2)
    a.set_xticks(cs, [str(c) for c in cs])
    a.set_xlabel("concurrent /ask clients")
    a.set_ylabel("ms per request")
    a.set_title("One app, many clients")
    a.legend()

    scale = r["scale"]
    panels = [
        (ax[1, 0], "p95_ms", "retrieval p95, top-20 (ms)", TARGETS["retrieval_p95_50k_ms"]),
        (ax[1, 1], "load_s", "load: open + all_chunks (s)", None),
        (ax[1, 2], "rss_mb", "reader process RSS (MB)", None),
    ]
    for a, key, label, limit in panels:
        for mode, marker, color in (("embedded", "o", "C0"), ("server", "s", "C1")):
            rows = scale[mode]
            sizes = [x["size"] for x in rows]
            a.plot(sizes, [x[key] for x in rows], marker + "-", color=color, label=mode)
            if key == "p95_ms":
                p50 = [x["p50_ms"] for x in rows]
                a.plot(sizes, p50, marker + ":", color=color, alpha=0.6, label=f"{mode} p50")
            if key == "rss_mb" and mode == "server":
                server = [x.get("server_rss_mb", 0) for x in rows]
                a.plot(sizes, server, "^--", color="C2", label="chroma run process")
        a.set_ylim(bottom=0)
        highest = max((x[key] for mode in ("embedded", "server") for x in scale[mode]), default=0)
        if limit and highest > limit / 2:
            a.axhline(limit, ls="--", c="k", lw=0.8, label=f"{limit:.0f} ms target at 50k")
        elif limit:
            label += f"; target {limit:.0f} ms at 50k is off this scale"
        a.set_xscale("log")
        a.set_xlabel("chunks (synthetic)")
        a.set_title(label)
        a.legend()
    m = r["meta"]
    fig.suptitle(
        f"wiedoetwat bench {m['date']} ({m['cpus']} CPUs, {'quick' if m['quick'] else 'full'})"
    )
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# -- the run -----------------------------------------------------------------------------------
def public_questions(limit: int | None) -> list[str]:
    from eval.sets import load_set

    path = Path(__file__).resolve().parents[1] / "eval" / "sets" / "questions_public.yaml"
    questions = [q.question for q in load_set(path).questions()]
    return questions[:limit] if limit else questions


def run_bench(settings: Settings, out: Path, *, sizes: str, quick: bool) -> int:
    """Measure, print the table, write out/bench.json and out/bench.png. 0 when all ran
    (whatever the verdicts), 1 when a part failed, 2 for bad arguments."""
    try:
        size_list = parse_sizes(sizes)
        if not settings.corpus_dir.is_dir():
            raise ValueError(f"{settings.corpus_dir}: no corpus folder (set --corpus-dir)")
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise ValueError(f"--out {out}: cannot create the folder ({e.strerror})") from e
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="wiedoetwat-bench-"))
    try:
        results = _measure(settings, size_list, Plan.make(quick), work)
    except (BenchError, IngestError) as e:
        print(f"error: bench: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: bench stopped, its processes ended", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (out / "bench.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    chart(results, out / "bench.png")
    print(table(results))
    print(f"\nwrote {out / 'bench.json'} and {out / 'bench.png'}")
    return 0


def _measure(settings: Settings, sizes: list[int], plan: Plan, work: Path) -> dict:
    from tqdm import tqdm

    (work / "tmp").mkdir()
    (work / "logs").mkdir()
    corpus = settings.corpus_dir.resolve()
    if plan.corpus_chars:
        corpus = quick_corpus(corpus, work / "corpus", plan.corpus_chars)
    run_settings = settings.model_copy(
        update={"data_dir": work / "index", "corpus_dir": corpus, "chroma_url": None}
    )
    env = child_env(run_settings, work / "tmp")
    cli = [*_wiedoetwat(), "--corpus-dir", str(corpus)]
    data = run_settings.data_dir
    questions = public_questions(plan.engine_questions)
    corpus_chars = sum(len(p.read_text(errors="replace")) for p in corpus.rglob("*.md"))
    results: dict[str, Any] = {
        "meta": {
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average": list(os.getloadavg()),
            "quick": plan.quick,
            "sizes": sizes,
            "corpus_chars": corpus_chars,
            "embedder": f"{settings.embed.backend}:{settings.embed.model}",
        }
    }
    stages: list[tuple[str, Callable[[], None]]] = []
    with Processes(work / "logs") as procs:
        shared: dict[str, Any] = {}

        def ingest() -> None:
            results["ingest"] = bench_ingest(procs, cli, env, data, plan)

        def startup() -> None:
            ask = bench_ask_cli(procs, cli, env, data, plan)
            app_start, conc = bench_app(procs, cli, env, data, plan, questions)
            results["startup"] = app_start | {
                "ask_cli_s": ask["wall_s"],
                "ask_runs_s": ask["runs_s"],
                "ask_question": ask["question"],
            }
            results["concurrency"] = conc

        def engine() -> None:
            from ingest.embed import make_embedder

            shared["embedder"] = make_embedder(run_settings.embed)
            _engine, results["engine"] = bench_engine(
                run_settings, shared["embedder"], questions, procs, env, plan
            )

        def llama() -> None:
            results["llama_index"] = bench_llama_index(
                run_settings, shared["embedder"], results["engine"], questions, work, plan
            )

        def scale() -> None:
            dim = int(shared["embedder"].encode_queries(["dimension"]).shape[1])
            results["scale"] = bench_scale(run_settings, sizes, dim, procs, env, work, plan)
            results["scale"]["dim"] = dim

        stages = [
            ("ingest", ingest),
            ("app and CLI", startup),
            ("engine", engine),
            ("llama-index", llama),
            ("scale", scale),
        ]
        with tqdm(total=len(stages), desc="bench", unit="part", file=sys.stderr) as bar:
            for name, stage in stages:
                bar.set_postfix_str(name)
                stage()
                bar.update()
    results["meta"]["load_average_end"] = list(os.getloadavg())  # how shared the machine was
    results["targets"] = verdicts(results, plan.quick)
    return results


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--read-synthetic":
        sys.exit(_worker(sys.argv[2]))
    print("usage: wiedoetwat bench [--out DIR] [--sizes N,N] [--quick]", file=sys.stderr)
    sys.exit(2)
