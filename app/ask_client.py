"""The app's `/ask` API seen from a client, over Gradio's plain HTTP calls (no gradio_client):
one reader of its event stream for the benchmark and the tests."""

from __future__ import annotations

import json
from typing import Any

import httpx


def ask_over_http(
    client: httpx.Client, base: str, question: Any, language: Any = "auto"
) -> tuple[str | None, Any]:
    """One `/ask` call: (the stream's last event, its data), e.g. ("complete", [answer,
    citations]) or ("error", {"error": message})."""
    r = client.post(f"{base}gradio_api/call/ask", json={"data": [question, language]})
    r.raise_for_status()
    text = client.get(f"{base}gradio_api/call/ask/{r.json()['event_id']}").text
    event = data = None
    for line in text.splitlines():  # the last event is the outcome
        if line.startswith("event:"):
            event = line.split(":", 1)[1].strip()
        elif line.startswith("data:") and event in ("complete", "error"):
            data = json.loads(line.split(":", 1)[1])
    return event, data
