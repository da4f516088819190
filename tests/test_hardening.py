"""Hostile but fair input at every door (issue 13): real HTTP against the running app (the `/ask`
API and the like handler's raw Gradio endpoint), real logins, real CLI subprocesses."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from test_serving import REPO, call_ask, clean_env, free_port

from app.chat import launch, record_feedback
from engine.core import Engine
from engine.strings import STRINGS
from ingest.settings import Settings, UISettings

REFUSALS = {
    text
    for key in STRINGS
    if key.startswith(("question_", "language_"))
    for text in (STRINGS[key]["en"], STRINGS[key]["nl"])
}
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def app_settings(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Loopback with basic auth (so the login throttle is live), a fast delay for the test."""
    ui = UISettings(
        host="127.0.0.1",
        port=free_port(),
        auth_user="admin",
        auth_password=PASSWORD,
        login_delay_s=0.1,
        feedback_comment_chars=50,
    )
    return engine.settings.model_copy(
        update={"data_dir": tmp_path_factory.mktemp("hardening"), "ui": ui}
    )


@pytest.fixture(scope="module")
def base(engine: Engine, app_settings: Settings) -> Iterator[str]:
    app = launch(engine, app_settings, prevent_thread_lock=True)
    try:
        yield f"http://127.0.0.1:{app_settings.ui.port}/"
    finally:
        app.close()


@pytest.fixture(scope="module")
def client(base: str) -> Iterator[httpx.Client]:
    """A logged-in HTTP client (the app asks for basic auth)."""
    with httpx.Client(timeout=60) as c:
        r = c.post(f"{base}login", data={"username": "admin", "password": PASSWORD})
        assert r.status_code == 200, r.text
        yield c


# --- /ask ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('{"data": [null, "auto"]}', "The question must be text."),
        ('{"data": [42, "auto"]}', "The question must be text."),
        ('{"data": [["Wie?"], "nl"]}', "De vraag moet tekst zijn."),
        ('{"data": ["\\ud800 who chairs it?", "auto"]}', "cannot be read (invalid Unicode)"),
        ('{"data": ["Who is the CEO of imec?", "fr"]}', "The language must be auto, nl or en."),
        ('{"data": ["Who is the CEO of imec?", null]}', None),  # no language: auto, answered
        ('{"data": ["", "auto"]}', "Please type a question."),
        ('{"data": ["  \\n\\t ", "nl"]}', "Typ een vraag."),
    ],
)
def test_ask_api_refuses_bad_input_cleanly(
    client: httpx.Client, base: str, body: str, expected: str | None
) -> None:
    r = client.post(f"{base}gradio_api/call/ask", content=body, headers=_JSON)
    assert r.status_code == 200, r.text
    stream = client.get(f"{base}gradio_api/call/ask/{r.json()['event_id']}").text
    for leak in ("Traceback", "Exception", "Error:", "NoneType", "surrogate", 'File "'):
        assert leak not in stream, stream
    event, data = _outcome(stream)
    if expected is None:
        assert event == "complete" and "Van den hove" in data[0][0]
        return
    assert event == "error"
    assert expected in data["error"] and data["error"] in REFUSALS


@pytest.mark.parametrize(
    ("question", "lang"), [("?", "en"), (". . .", "en"), ("wie?", "nl"), ("???!!", "nl")]
)
def test_a_question_of_no_words_is_answered_with_an_abstention(
    client: httpx.Client, base: str, question: str, lang: str
) -> None:
    """Punctuation alone once raised inside the engine (an empty token list); it asks nothing
    a source could hold: the plain abstention, in the chosen language, no trace."""
    event, data = call_ask(client, base, question, lang)
    assert event == "complete", data
    assert data[0] == [STRINGS["abstain"][lang], []]


def test_ask_api_numbers_and_strings_of_the_wrong_kind(client: httpx.Client, base: str) -> None:
    event, message = call_ask(client, base, 12345, "en")
    assert (event, message) == ("error", "The question must be text.")


_JSON = {"content-type": "application/json"}


def _outcome(stream: str) -> tuple[str | None, Any]:
    event = data = None
    for line in stream.splitlines():
        if line.startswith("event:"):
            event = line.split(":", 1)[1].strip()
        elif line.startswith("data:") and event in ("complete", "error"):
            data = json.loads(line.split(":", 1)[1])
    return event, data


# --- feedback over the like handler's raw endpoint -----------------------------------------


class RawGradio:
    """Gradio's own queue protocol, spoken by hand: what the browser does, minus the browser."""

    def __init__(self, client: httpx.Client, base: str) -> None:
        self.client, self.base = client, base
        self.session = uuid.uuid4().hex[:11]
        config = client.get(f"{base}config").json()
        self.fns = {d["api_name"]: d for d in config["dependencies"]}

    def run(self, api_name: str, data: list, event_data: Any = None) -> dict:
        dep = self.fns[api_name]
        body = {
            "data": data,
            "event_data": event_data,
            "fn_index": dep["id"],
            "trigger_id": dep["targets"][0][0],
            "session_hash": self.session,
        }
        r = self.client.post(f"{self.base}gradio_api/queue/join", json=body)
        r.raise_for_status()
        url = f"{self.base}gradio_api/queue/data"
        with self.client.stream("GET", url, params={"session_hash": self.session}) as s:
            for line in s.iter_lines():
                if line.startswith("data:"):
                    msg = json.loads(line[5:])
                    if msg.get("msg") == "process_completed":
                        return msg
        raise AssertionError("no process_completed")


def test_like_endpoint_accepts_only_up_or_down(
    client: httpx.Client, base: str, app_settings: Settings
) -> None:
    feedback = app_settings.data_dir / "feedback.jsonl"
    raw = RawGradio(client, base)
    done = raw.run("respond", ["Wie is de CEO van imec?", None, "auto"])
    assert done["success"], done
    size = lambda: feedback.stat().st_size if feedback.exists() else 0  # noqa: E731
    bogus = [
        {"index": 1, "value": "x", "liked": "A" * 2_000_000},  # a 2 MB "vote"
        {"index": 1, "value": "x", "liked": "up; rm -rf /"},
        {"index": 1, "value": "x", "liked": None},
        {"index": 0, "value": "x", "liked": True},  # the user's own message
        {"index": 10**12, "value": "x", "liked": True},
        {"index": "1", "value": "x", "liked": True},
        {"index": [1, "x" * 100_000], "value": "x", "liked": True},
    ]
    for event in bogus:
        raw.run("on_like", [None, "auto", None], event)
    assert size() == 0, feedback.read_text()[:300]

    for _ in range(10):  # one real vote, then a script repeating it
        raw.run("on_like", [None, "auto", None], {"index": 1, "value": "x", "liked": "Like"})
    records = [json.loads(line) for line in feedback.read_text().splitlines()]
    assert len(records) == 3  # a few votes per turn, not ten
    assert {r["vote"] for r in records} == {"up"}
    assert records[0]["question"] == "Wie is de CEO van imec?"
    assert size() < 3 * 8_000


def test_feedback_comment_is_bounded(engine: Engine, tmp_path: Path) -> None:
    settings = engine.settings.model_copy(
        update={"data_dir": tmp_path, "ui": UISettings(feedback_comment_chars=50)}
    )
    answer = engine.ask("Who supervises the AI Act in Belgium?")
    record = record_feedback(settings, answer, "Dislike", comment="  " + "x" * 100_000)
    assert record is not None and record["vote"] == "down" and record["comment"] == "x" * 50
    assert record_feedback(settings, answer, "Meh", comment="x") is None
    assert len((tmp_path / "feedback.jsonl").read_text().splitlines()) == 1


# --- logins and binding -------------------------------------------------------------------


def test_failed_logins_meet_a_growing_delay(base: str) -> None:
    with httpx.Client(timeout=60) as c:
        took = []
        for _ in range(4):
            t0 = time.perf_counter()
            r = c.post(f"{base}login", data={"username": "admin", "password": "guess"})
            took.append(time.perf_counter() - t0)
            assert r.status_code == 400
        # 0.1, 0.2, 0.4, 0.8 s: each failure doubles the wait
        for i, seconds in enumerate(took):
            assert seconds >= 0.1 * 2**i * 0.9, took
        assert took[3] > 2.5 * took[0], took
        ok = c.post(f"{base}login", data={"username": "admin", "password": PASSWORD})
        assert ok.status_code == 200  # the right password still gets in, and resets the count
        t0 = time.perf_counter()
        c.post(f"{base}login", data={"username": "admin", "password": "guess"})
        assert time.perf_counter() - t0 < 0.5


def _cli(tmp_path: Path, *args: str | bytes, **env: str) -> tuple[int, str, float]:
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "--data-dir", str(tmp_path), *args],
        cwd=REPO,
        env=clean_env(**env),
        capture_output=True,
        timeout=120,
    )
    return done.returncode, done.stderr.decode("utf-8", "replace"), time.perf_counter() - t0


def test_bind_is_refused_before_the_engine_loads(tmp_path: Path) -> None:
    """Refusals come in seconds, with one line, and no index is opened or built."""
    port = str(free_port())
    code, err, took = _cli(tmp_path, "app", "--host", "0.0.0.0", "--port", port)
    assert code == 2 and "allow_remote" in err and err.strip().count("\n") == 0, err
    code, err, took2 = _cli(
        tmp_path,
        "app",
        "--host",
        "0.0.0.0",
        "--port",
        port,
        "--allow-remote",
        WIEDOETWAT_UI__AUTH_USER="admin",
        WIEDOETWAT_UI__AUTH_PASSWORD="p",
    )
    assert code == 2 and "at least 12" in err and err.strip().count("\n") == 0, err
    assert "p" * 1 not in err.split("password of")[0][-3:]  # the password is never echoed
    assert not (tmp_path / "chroma").exists()
    assert max(took, took2) < 20, (took, took2)


def test_cli_refuses_undecodable_bytes_in_one_line(tmp_path: Path) -> None:
    code, err, _ = _cli(tmp_path, "ask", b"Wie is de CEO van \xff\xfe imec?")
    assert code == 2, err
    assert err.strip().count("\n") == 0 and "Traceback" not in err, err
    assert "question 1 holds bytes that are not valid text" in err
    code, err, _ = _cli(tmp_path, "ask", "   ")
    assert code == 2 and err.strip() == "error: Please type a question.", err
    assert not (tmp_path / "chroma").exists()
