"""`wiedoetwat bench` (issue 12): a quick run of every part with real subprocesses, a real app
over HTTP and a real `chroma run`. It checks what the run writes, never how fast anything was:
the figures of a busy 2-core machine are for the printed table, not for assertions.
"""

from __future__ import annotations

import json
import numbers
from pathlib import Path

import pytest
from conftest import make_settings

from app.bench import run_bench
from app.cli import main


def _numbers(section: dict, *keys: str) -> None:
    for key in keys:
        value = section[key]
        assert isinstance(value, numbers.Real) and not isinstance(value, bool), (key, value)
        assert value >= 0, (key, value)


def _latency(section: dict) -> None:
    _numbers(section, "n", "p50_ms", "p95_ms", "max_ms")
    assert section["n"] > 0 and section["p50_ms"] <= section["p95_ms"] <= section["max_ms"]


def test_quick_bench_writes_every_section(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    code = run_bench(make_settings(tmp_path / "data"), out, sizes="200", quick=True)
    printed = capsys.readouterr().out
    assert code == 0

    data = json.loads((out / "bench.json").read_text())
    assert set(data) >= {
        "meta",
        "ingest",
        "startup",
        "engine",
        "llama_index",
        "concurrency",
        "scale",
        "targets",
    }
    assert data["meta"]["quick"] is True and data["meta"]["sizes"] == [200]
    _numbers(data["ingest"], "cold_s", "noop_s")
    _numbers(data["startup"], "app_page_s", "app_first_answer_s", "ask_cli_s")
    assert data["startup"]["app_page_s"] <= data["startup"]["app_first_answer_s"]

    engine = data["engine"]
    _latency(engine["serial"])
    _latency(engine["busy"])
    _latency(engine["retrieve_only"])
    _numbers(engine, "rss_mb", "load_s")
    assert engine["rss_mb"] > 50  # a real process with a model and an index in it

    li = data["llama_index"]
    _latency(li["query"])
    _numbers(li, "build_s", "ours_build_s", "nodes", "ratio_build")
    _numbers(li, "ratio_answer_p50", "ratio_answer_p95", "ratio_retrieve_p95")
    assert li["nodes"] > 0

    levels = data["concurrency"]["levels"]
    assert set(levels) == {"1", "4", "16"}
    for clients, level in levels.items():
        assert level["clients"] == int(clients)
        assert level["errors"] == 0, level
        assert level["requests"] == level["n"] >= int(clients)
        _latency(level)
    _numbers(data["concurrency"], "app_rss_mb")

    for mode in ("embedded", "server"):
        (row,) = data["scale"][mode]
        assert row["size"] == row["chunks"] == 200
        _latency(row)
        _numbers(row, "load_s", "write_s", "rss_mb", "first_query_ms")
    _numbers(data["scale"]["server"][0], "server_rss_mb")

    verdicts = {t["target"]: t["pass"] for t in data["targets"]}
    assert len(verdicts) == 7
    assert all(v in (True, False, None) for v in verdicts.values())
    assert verdicts["retrieval p95 at 50k, server"] is None  # no 50k size in this run

    assert (out / "bench.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for label in ("cold ingest", "16 concurrent clients", "llama-index", "scale server 200"):
        assert label in printed, label
    assert "PASS" in printed or "FAIL" in printed


@pytest.mark.parametrize(
    ("sizes", "says"),
    [("abc", "'abc' is not a whole number"), ("1000,", "'' is not"), ("0", "out of range")],
)
def test_bad_sizes_are_one_line(sizes: str, says: str, tmp_path: Path, capsys) -> None:
    code = main(["--data-dir", str(tmp_path), "bench", "--sizes", sizes, "--out", str(tmp_path)])
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1 and "Traceback" not in err
    assert err.startswith("error: --sizes:") and says in err
    assert not (tmp_path / "bench.json").exists()
