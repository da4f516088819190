"""The chat app: a Gradio page where every answer shows the sources it stands on.

The conversation's single source of truth is the list of `Answer` objects kept in `gr.State`:
the chat and the sources panel are both rendered from it, so a language switch or a new
conversation can never leave them out of step. Everything that comes from a user or a source is
escaped here, before any HTML is built; Gradio's own sanitising is a second line, not the first.

Serving: the page is up at once, also on a fresh machine; the engine loads (and the index is
built) in a background thread while the page shows its progress, and questions wait for it.
Several users are answered at once (`ui.concurrency`, one shared engine, no lock) with a bounded
queue (`ui.max_queue`). Every input is checked before work is done: questions by
`question_refusal`, votes by `record_feedback`, logins by a throttle that slows guessing.
"""

from __future__ import annotations

import asyncio
import contextvars
import hmac
import html
import ipaddress
import json
import logging
import re
import threading
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, Literal

import gradio as gr
import numpy as np
from pydantic import PrivateAttr
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Receive, Scope, Send

from app.cli import question_refusal
from app.directory_tab import build_directory_tab
from engine.core import Engine
from engine.models import Answer, Citation
from engine.strings import EXAMPLES, t
from ingest.directory import load_directory
from ingest.embed import NumpyEmbedding, make_embedder
from ingest.fetch import strip_credentials
from ingest.settings import Settings, UISettings

Choice = Literal["auto", "nl", "en"]
Lang = Literal["nl", "en"]

_MARKER = re.compile(r"\[(\d+)\]")
_STREAM_WORDS = 4  # words added per streamed update
_STREAM_PAUSE_S = 0.012  # enough to read as typing, short enough to never feel slow
_CONTEXT_CHARS = 170  # source text shown on each side of the quoted sentence
_FEEDBACK_LOCK = threading.Lock()
_VOTES_PER_TURN = 3  # a user may change their mind; a script may not fill the disk
_WAIT_POLL_S = 1.0  # how often a question waiting for the index shows the progress
_LOGIN_DELAY_CAP_S = 30.0
_PREVIEW_CHARS = 200  # of a refused question, echoed in the chat
ANSWER_SLOTS = "answer"  # the concurrency group of everything that asks the engine
log = logging.getLogger(__name__)

THEME = gr.themes.Soft(
    primary_hue="indigo",
    neutral_hue="slate",
    # System fonts: the page must not wait on a font CDN (offline machines, CI).
    font=["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"],
    font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
)

CSS = """
.gradio-container { width: 100% !important; max-width: 1240px !important; margin: 0 auto !important;
  padding-top: 10px !important; }
#wdw-header { align-items: center; gap: 16px; }
#wdw-header { flex-wrap: nowrap !important; }
#wdw-title-block { flex: 1 1 0 !important; min-width: 0 !important; }
.wdw-title { font-size: 1.45rem; font-weight: 700; margin: 0 !important; line-height: 1.2; }
.wdw-title .wdw-brand { color: var(--color-accent); }
.wdw-subtitle { margin: 4px 0 0 !important; color: var(--body-text-color-subdued);
  font-size: 0.9rem; max-width: 88ch; }
#wdw-lang { flex: 0 0 auto !important; }
#wdw-lang .wrap { flex-wrap: nowrap; }
#wdw-chat .example { border: 1px solid var(--border-color-primary); border-radius: 10px; }
#wdw-chat .example:hover { border-color: var(--color-accent); }
#wdw-chat .wdw-cite { font-weight: 600; text-decoration: none; font-size: 0.85em;
  vertical-align: super; line-height: 0; padding: 0 1px; }
#wdw-chat .wdw-cite:hover { text-decoration: underline; }
.wdw-cites { margin-top: 8px; padding-top: 6px; border-top: 1px solid var(--border-color-primary);
  font-size: 0.82rem; display: flex; flex-wrap: wrap; gap: 4px 10px; }
.wdw-cites a { text-decoration: none; color: var(--body-text-color-subdued); }
.wdw-cites a:hover { color: var(--color-accent); text-decoration: underline; }
.wdw-abstain { color: var(--body-text-color-subdued); font-style: italic; }
.wdw-abstain .wdw-related-note { font-style: normal; font-size: 0.85rem; margin-top: 6px; }
.wdw-abstain ul { margin: 2px 0 0 1.1em; font-style: normal; font-size: 0.85rem; }
.wdw-abstain a { color: var(--body-text-color-subdued); }
.wdw-searching { color: var(--body-text-color-subdued); font-style: italic; }
.wdw-welcome { font-size: 1rem; color: var(--body-text-color-subdued); text-align: center; }
#wdw-input-row { align-items: center; gap: 8px; flex-wrap: nowrap; }
#wdw-input-row button { white-space: nowrap; align-self: stretch; }
#wdw-sources { max-height: 578px !important; overflow-y: auto !important; padding-right: 4px; }
.wdw-panel-head { font-size: 1.05rem; font-weight: 700; margin: 2px 0 8px; }
.wdw-empty { color: var(--body-text-color-subdued); border: 1px dashed var(--border-color-primary);
  border-radius: 10px; padding: 28px 16px; text-align: center; font-size: 0.92rem; }
.wdw-turn-q { font-size: 0.82rem; color: var(--body-text-color-subdued); margin: 0 0 6px; }
.wdw-card { border: 1px solid var(--border-color-primary); border-radius: 10px;
  padding: 10px 12px; margin-bottom: 10px; background: var(--background-fill-primary);
  scroll-margin-top: 12px; transition: box-shadow .2s; }
.wdw-card:target { box-shadow: 0 0 0 2px var(--color-accent); }
.wdw-card-head { display: flex; align-items: baseline; gap: 8px; }
.wdw-num { flex: none; display: inline-flex; align-items: center; justify-content: center;
  min-width: 22px; height: 22px; border-radius: 11px; background: var(--color-accent);
  color: white; font-size: 0.78rem; font-weight: 700; padding: 0 6px; }
.wdw-card-title { font-weight: 600; flex: 1; }
.wdw-date { flex: none; font-size: 0.78rem; color: var(--body-text-color-subdued); }
.wdw-section { font-size: 0.8rem; color: var(--body-text-color-subdued); margin: 4px 0 6px; }
.wdw-section b { color: var(--body-text-color); font-weight: 600; }
.wdw-quote { margin: 0 !important; padding: 6px 10px; border-left: 3px solid var(--color-accent);
  background: var(--background-fill-secondary); border-radius: 0 6px 6px 0;
  font-size: 0.88rem; line-height: 1.45; }
.wdw-quote .wdw-ctx { color: var(--body-text-color-subdued); }
.wdw-quote mark { background: #fff1a8; color: inherit; padding: 0 1px; border-radius: 2px; }
.wdw-links { margin-top: 6px; display: flex; flex-wrap: wrap; gap: 4px 6px; font-size: 0.8rem; }
.wdw-links a { text-decoration: none; border: 1px solid var(--border-color-primary);
  border-radius: 999px; padding: 1px 8px; color: var(--color-accent); }
.wdw-links a:hover { background: var(--background-fill-secondary); }
.wdw-links .wdw-path { color: var(--body-text-color-subdued); padding: 1px 0; }
.wdw-related .wdw-card { border-style: dashed; opacity: 0.85; }
.wdw-related .wdw-num { background: var(--body-text-color-subdued); }
.wdw-badge { flex: none; white-space: nowrap; font-size: 0.72rem;
  color: var(--body-text-color-subdued);
  border: 1px solid var(--border-color-primary); border-radius: 999px; padding: 0 6px; }
.wdw-earlier > summary { cursor: pointer; font-size: 0.85rem; font-weight: 600;
  margin: 8px 0 6px; color: var(--body-text-color-subdued); }
.wdw-card, .wdw-turn-q, .wdw-links .wdw-path { overflow-wrap: anywhere; }
.wdw-refusal { color: var(--error-text-color, #b91c1c); }
#wdw-status { border: 1px solid var(--border-color-accent, var(--color-accent));
  border-radius: 10px; padding: 8px 12px; font-size: 0.9rem; }
/* Phone width: everything stacks, nothing is wider than the screen. */
@media (max-width: 640px) {
  .gradio-container { padding-left: 6px !important; padding-right: 6px !important; }
  #wdw-header { flex-wrap: wrap !important; }
  #wdw-lang { min-width: 0 !important; width: 100% !important; }
  #wdw-lang .wrap { flex-wrap: wrap; }
  #wdw-main { flex-direction: column !important; }
  #wdw-main > .column, #wdw-chat-col, #wdw-sources-col { min-width: 0 !important;
    width: 100% !important; }
  #wdw-input-row { flex-wrap: wrap !important; }
  #wdw-input-row > * { min-width: 0 !important; }
  #wdw-question { flex: 1 1 100% !important; }
  #wdw-input-row button { flex: 1 1 auto !important; padding-left: 10px !important;
    padding-right: 10px !important; }
  #wdw-tabs > div:first-child button { white-space: nowrap; }
}
"""


# ------------------------------------------------------------------------------------------
# Binding


def check_bind(ui: UISettings) -> tuple[str, str] | None:
    """Refuse to expose the app beyond this machine unless remote access is asked for and guarded.

    Returns the basic-auth pair to use: None on loopback, unless auth is set (then it is used
    there too). Raises ValueError with a one-line message the CLI can print as is. Cheap: the
    CLI calls it before anything loads.
    """
    password = ui.auth_password.get_secret_value() if ui.auth_password else ""
    if _is_loopback(ui.host):
        if not (ui.auth_user and password):
            return None
        _check_password(ui, password)
        return (ui.auth_user, password)
    if not ui.allow_remote:
        raise ValueError(
            f"Refusing to bind {ui.host or '(all interfaces)'}: only loopback is allowed unless "
            "ui.allow_remote is true (WIEDOETWAT_UI__ALLOW_REMOTE=true) and basic auth is set."
        )
    if not ui.auth_user or not password:
        raise ValueError(
            f"Refusing to bind {ui.host or '(all interfaces)'} without basic auth: set "
            "ui.auth_user and ui.auth_password (WIEDOETWAT_UI__AUTH_USER, "
            "WIEDOETWAT_UI__AUTH_PASSWORD)."
        )
    _check_password(ui, password)
    return (ui.auth_user, password)


def _check_password(ui: UISettings, password: str) -> None:
    if len(password) < ui.min_password_chars:
        raise ValueError(
            f"Refusing a basic-auth password of {len(password)} characters: use at least "
            f"{ui.min_password_chars} (ui.min_password_chars)."
        )


_CLIENT: contextvars.ContextVar[str] = contextvars.ContextVar("wdw_client", default="?")


class ClientAddress:
    """ASGI middleware that notes the caller's address for the login throttle.

    Gradio hands its auth callback only the user name and password; the address set here in a
    context variable is visible inside that callback, which runs in the same request.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            client = scope.get("client")
            _CLIENT.set(str(client[0]) if client else "?")
        await self.app(scope, receive, send)


def login_throttle(
    user: str, password: str, delay_s: float
) -> Callable[[str, str], Awaitable[bool]]:
    """Gradio's auth callback: a constant-time check, and after each failure from a client a
    delay that doubles (capped at 30 s) before the answer, one attempt at a time per client.

    200 guesses in 1.7 s become 200 guesses in well over an hour. Async, so that a delayed
    client never holds up the server's event loop or anyone else's login.
    """
    failures: dict[str, int] = {}
    locks: dict[str, asyncio.Lock] = {}
    want_user, want_password = user.encode(), password.encode("utf-8", "surrogatepass")

    async def check(username: str, given: str) -> bool:
        client = _CLIENT.get()
        if len(locks) > 10_000:  # forget clients that are not failing right now
            for key in [k for k, lock in locks.items() if not lock.locked()]:
                locks.pop(key, None)
        async with locks.setdefault(client, asyncio.Lock()):
            ok = hmac.compare_digest(username.encode("utf-8", "surrogatepass"), want_user)
            ok &= hmac.compare_digest(given.encode("utf-8", "surrogatepass"), want_password)
            if ok:
                failures.pop(client, None)
                return True
            n = failures[client] = failures.get(client, 0) + 1
            await asyncio.sleep(min(_LOGIN_DELAY_CAP_S, delay_s * 2 ** min(n - 1, 16)))
            return False

    return check


def _is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a host name or an empty string: may well be reachable from outside


# ------------------------------------------------------------------------------------------
# Rendering (pure functions of the answers, so they are easy to test and to re-render)


def ui_language(choice: str) -> Lang:
    """Language of the labels: the switch's; on auto English, the report's language.

    (On auto only the answers follow the question's language.)
    """
    return "nl" if choice == "nl" else "en"


def _text(value: str) -> str:
    """Escape text for HTML, keeping its line breaks."""
    return html.escape(value).replace("\n", "<br>")


def _safe_url(url: str) -> str | None:
    """Only absolute web links become hrefs: no javascript:, no paths relative to this app, and
    never the user:password@ a source may carry."""
    if not re.match(r"^https?://[^\s\"'<>]+$", url.strip(), re.IGNORECASE):
        return None
    return strip_credentials(url.strip())


def _anchor(turn: int, n: int, prefix: str = "src") -> str:
    return f"{prefix}-{turn}-{n}"


def _short_section(section: str) -> str:
    return section.split(" > ")[-1] if section else ""


_BOLD = re.compile(r"\*\*([^*<>]+?)\*\*")


def _bold(escaped: str) -> str:
    """The direct answer ("**BIPT** [1] ...") in bold: our own markup, on escaped text."""
    return _BOLD.sub(r"<strong>\1</strong>", escaped)


def answer_html(answer: Answer, turn: int, text: str | None = None) -> str:
    """The assistant's message: escaped answer, [n] linked to the panel, citations listed below.

    `text` is a prefix of the answer while it streams; markers are linked once complete.
    """
    body = answer.answer if text is None else text
    if answer.abstained:
        items = "".join(
            f'<li><a href="#{_anchor(turn, c.n, "rel")}">{html.escape(c.title)} › '
            f"{html.escape(_short_section(c.section))}</a></li>"
            for c in answer.related
        )
        related = (
            f'<p class="wdw-related-note">{html.escape(t("related_note", answer.language))}</p>'
            f"<ul>{items}</ul>"
            if items and text is None
            else ""
        )
        return f'<div class="wdw-abstain"><p>{_text(body)}</p>{related}</div>'
    numbers = {c.n for c in answer.citations}
    parts: list[str] = []
    last = 0
    for m in _MARKER.finditer(body):
        parts.append(_bold(_text(body[last : m.start()])))
        n = int(m.group(1))
        if n in numbers:
            parts.append(f'<a class="wdw-cite" href="#{_anchor(turn, n)}">[{n}]</a>')
        else:
            parts.append(html.escape(m.group(0)))
        last = m.end()
    parts.append(_text(body[last:]))
    out = "".join(parts)
    if text is None and answer.citations:
        cites = "".join(
            f'<a href="#{_anchor(turn, c.n)}">[{c.n}] {html.escape(_short_section(c.section))}</a>'
            for c in answer.citations
        )
        out += f'<div class="wdw-cites">{cites}</div>'
    return out


def chat_messages(
    answers: Sequence[Answer], pending: tuple[str, str] | None = None
) -> list[dict[str, str]]:
    """The chat, rebuilt from the answers; exactly two messages per turn (for like → answer).

    `pending` is (question, assistant HTML) of the turn being answered.
    """
    messages: list[dict[str, str]] = []
    for turn, answer in enumerate(answers, start=1):
        messages.append({"role": "user", "content": _text(answer.question)})
        messages.append({"role": "assistant", "content": answer_html(answer, turn)})
    if pending is not None:
        messages.append({"role": "user", "content": _text(pending[0])})
        messages.append({"role": "assistant", "content": pending[1]})
    return messages


def _quote_html(citation: Citation, engine: Engine | None) -> str:
    """The quoted sentence marked inside a little of its source text, so the span is visible."""
    before = after = ""
    chunk = engine.retriever.by_id.get(citation.chunk_id) if engine and citation.chunk_id else None
    if chunk is not None:
        i = chunk.text.find(citation.quote)
        if i >= 0:
            before = chunk.text[:i].rstrip()
            after = chunk.text[i + len(citation.quote) :].lstrip()
            if len(before) > _CONTEXT_CHARS:
                before = "…" + before[-_CONTEXT_CHARS:].split(" ", 1)[-1]
            if len(after) > _CONTEXT_CHARS:
                after = after[:_CONTEXT_CHARS].rsplit(" ", 1)[0] + "…"
    pre = f'<span class="wdw-ctx">{_text(before)}</span> ' if before else ""
    post = f' <span class="wdw-ctx">{_text(after)}</span>' if after else ""
    return f'<div class="wdw-quote">{pre}<mark>{_text(citation.quote)}</mark>{post}</div>'


def _links_html(citation: Citation, lang: Lang) -> str:
    seen: set[str] = set()
    out: list[str] = []
    doc_url = _safe_url(citation.url)
    pairs = [(t("source_doc", lang), citation.url)] + [(ln.text, ln.url) for ln in citation.links]
    for text, url in pairs:
        safe = _safe_url(url)
        if not safe or safe in seen:
            continue
        seen.add(safe)
        out.append(
            f'<a href="{html.escape(safe, quote=True)}" target="_blank" rel="noopener noreferrer"'
            f' title="{html.escape(safe, quote=True)}">{html.escape(text or safe)} ↗</a>'
        )
    if citation.url and not doc_url:
        shown = strip_credentials(citation.url)
        out.insert(0, f'<span class="wdw-path">{html.escape(shown)}</span>')
    return f'<div class="wdw-links">{"".join(out)}</div>' if out else ""


def _card(citation: Citation, anchor: str, lang: Lang, engine: Engine | None, badge: str) -> str:
    crumbs = [html.escape(p) for p in citation.section.split(" > ") if p]
    if crumbs:
        crumbs[-1] = f"<b>{crumbs[-1]}</b>"
    section = (
        f'<div class="wdw-section" title="{html.escape(t("section", lang), quote=True)}">'
        f"{' › '.join(crumbs)}</div>"
        if crumbs
        else ""
    )
    date = (
        f'<span class="wdw-date" title="{html.escape(t("date", lang), quote=True)}">'
        f"{html.escape(citation.date)}</span>"
        if citation.date
        else ""
    )
    badge_html = f'<span class="wdw-badge">{html.escape(badge)}</span>' if badge else ""
    return (
        f'<article class="wdw-card" id="{anchor}">'
        f'<div class="wdw-card-head"><span class="wdw-num">{citation.n}</span>'
        f'<span class="wdw-card-title">{html.escape(citation.title)}</span>{badge_html}{date}</div>'
        f"{section}{_quote_html(citation, engine)}{_links_html(citation, lang)}</article>"
    )


def _turn_html(answer: Answer, turn: int, lang: Lang, engine: Engine | None) -> str:
    head = t("sources_for", lang, question=html.escape(answer.question))
    if answer.abstained:
        cards = "".join(
            _card(c, _anchor(turn, c.n, "rel"), lang, engine, t("related_badge", lang))
            for c in answer.related
        )
        note = html.escape(t("related_note", lang))
        return (
            f'<section class="wdw-turn wdw-related"><div class="wdw-turn-q">{head}</div>'
            f'<div class="wdw-turn-q">{note}</div>{cards}</section>'
        )
    cards = "".join(_card(c, _anchor(turn, c.n), lang, engine, "") for c in answer.citations)
    return f'<section class="wdw-turn"><div class="wdw-turn-q">{head}</div>{cards}</section>'


def sources_html(answers: Sequence[Answer], lang: Lang, engine: Engine | None = None) -> str:
    """The panel beside the chat: the latest answer's sources, earlier ones folded below."""
    head = f'<div class="wdw-panel-head">{html.escape(t("sources_panel", lang))}</div>'
    if not answers:
        return f'{head}<div class="wdw-empty">{html.escape(t("no_sources", lang))}</div>'
    latest = _turn_html(answers[-1], len(answers), lang, engine)
    earlier = "".join(
        _turn_html(a, turn, lang, engine)
        for turn, a in reversed(list(enumerate(answers[:-1], start=1)))
    )
    if earlier:
        summary = html.escape(t("earlier_sources", lang))
        earlier = f'<details class="wdw-earlier"><summary>{summary}</summary>{earlier}</details>'
    return head + latest + earlier


def header_html(lang: Lang) -> str:
    title = html.escape(t("title", lang))
    brand, _, rest = title.partition(":")
    title = f'<span class="wdw-brand">{brand}</span>:{rest}' if rest else title
    return (
        f'<h1 class="wdw-title">{title}</h1>'
        f'<p class="wdw-subtitle">{html.escape(t("subtitle", lang))}</p>'
    )


def _welcome(lang: Lang) -> str:
    return f'<div class="wdw-welcome">{html.escape(t("welcome", lang))}</div>'


def _examples() -> list[dict[str, str]]:
    """Both languages' examples, each tagged with its language, on the empty chat."""
    return [
        {"text": q, "display_text": f"{code.upper()} · {q}"}
        for code in ("nl", "en")
        for q in EXAMPLES[code]
    ]


def _lang_choices(lang: Lang) -> list[tuple[str, str]]:
    return [(t("lang_auto", lang), "auto"), (t("lang_nl", lang), "nl"), (t("lang_en", lang), "en")]


# ------------------------------------------------------------------------------------------
# Feedback


def vote_of(liked: object) -> Literal["up", "down"] | None:
    """The only votes there are: up or down. Anything else (an un-vote, a 20 MB string sent to
    the like handler over plain HTTP) is None, and nothing is written."""
    if liked is True or liked == "Like":
        return "up"
    if liked is False or liked == "Dislike":
        return "down"
    return None


def record_feedback(
    settings: Settings, answer: Answer, liked: object, comment: object = ""
) -> dict[str, Any] | None:
    """Append one vote to data_dir/feedback.jsonl; None (nothing written) unless it is up or down.

    Every route ends here, so this is where the bounds hold: the vote is one of two words, the
    comment is cut at ui.feedback_comment_chars, the rest comes from the server's own answer.
    """
    vote = vote_of(liked)
    if vote is None:
        return None
    note = comment.strip() if isinstance(comment, str) else ""
    note = note.encode("utf-8", "replace").decode("utf-8")[: settings.ui.feedback_comment_chars]
    record = {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "vote": vote,
        "comment": note,
        "question": answer.question,
        "answer": answer.answer,
        "citations": answer.to_public()["citations"],
        "language": answer.language,
    }
    path = settings.data_dir / "feedback.jsonl"
    with _FEEDBACK_LOCK:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return record


# ------------------------------------------------------------------------------------------
# The engine, loaded behind the page


class EngineUnavailable(Exception):
    """The index could not be built; the message is one line for the user."""


class _CountingEmbedding(NumpyEmbedding):
    """The embedder, counting the passages it embeds: the page's progress while indexing."""

    _inner: NumpyEmbedding = PrivateAttr()
    _count: Callable[[int], None] = PrivateAttr()

    def __init__(self, inner: NumpyEmbedding, count: Callable[[int], None]) -> None:
        super().__init__(model_name=inner.model_name, embed_batch_size=inner.embed_batch_size)
        self._inner = inner
        self._count = count

    @classmethod
    def class_name(cls) -> str:
        return "CountingEmbedding"

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._inner.encode_queries(texts)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        vectors = self._inner.encode_passages(texts)
        self._count(len(texts))
        return vectors


class EngineSlot:
    """The engine, or the promise of one, so that the page is served before the index exists.

    `load` runs `Engine.load` (which builds the index on a fresh machine, 15-30 s) in a
    background thread; `wait` is where questions wait for it, and `status` is the progress line
    the page polls. An engine given up front makes a slot that is ready at once.
    """

    def __init__(self, engine: Engine | None = None) -> None:
        self._engine = engine
        self._error: str | None = None
        self._ready = threading.Event()
        self._started = time.monotonic()
        self._embedded = 0
        if engine is not None:
            self._ready.set()

    @property
    def engine(self) -> Engine | None:
        return self._engine

    @property
    def ready(self) -> bool:
        """True once loading has ended, well or badly."""
        return self._ready.is_set()

    def load(self, settings: Settings, embedder: NumpyEmbedding | None = None) -> EngineSlot:
        """Start loading in a daemon thread; returns at once."""

        def run() -> None:
            try:
                inner = embedder or make_embedder(settings.embed)
                counting = _CountingEmbedding(inner, self._add)
                self._engine = Engine.load(
                    settings, embedder=counting, progress=False, say=lambda m: log.info("%s", m)
                )
            except Exception as exc:  # the page and every waiting question get one line
                log.exception("loading the engine failed")
                self._error = " ".join(str(exc).split())[:300] or type(exc).__name__
            finally:
                self._ready.set()

        self._started = time.monotonic()
        threading.Thread(target=run, name="wdw-engine-load", daemon=True).start()
        return self

    def _add(self, n: int) -> None:
        self._embedded += n  # one writer (the loading thread); readers only show it

    def wait(self, timeout: float | None = None) -> Engine | None:
        """The engine once loaded (None on timeout); EngineUnavailable if loading failed."""
        if not self._ready.wait(timeout):
            return None
        if self._engine is None:
            raise EngineUnavailable(self._error or "unknown error")
        return self._engine

    def status(self, lang: Lang) -> str:
        """The line the page shows while loading (empty once the engine is ready)."""
        if self._ready.is_set():
            return "" if self._engine is not None else t("index_failed", lang, error=self._error)
        seconds = f"{time.monotonic() - self._started:.0f}"
        return t("index_building", lang, done=str(self._embedded), seconds=seconds)


# ------------------------------------------------------------------------------------------
# The app


class ChatHandlers:
    """The event handlers, as methods, so tests can drive a conversation without a browser.

    The engine is shared by every session and thread: Engine.ask keeps no per-request state on
    it, so there is no lock here; Gradio's concurrency limit bounds how many run at once.
    """

    def __init__(self, engine: Engine | EngineSlot, settings: Settings) -> None:
        self.slot = engine if isinstance(engine, EngineSlot) else EngineSlot(engine)
        self.settings = settings

    @property
    def engine(self) -> Engine | None:
        return self.slot.engine

    def refusal(self, question: object, choice: object, fallback: Lang = "en") -> str | None:
        return question_refusal(
            question, choice, self.settings.answer.max_question_chars, fallback=fallback
        )

    def ask(self, question: str, history: Sequence[Answer], language: Choice) -> Answer:
        engine = self.slot.wait()
        assert engine is not None  # wait() without a timeout returns the engine or raises
        return engine.ask(question, history=history, language=language)

    def respond(
        self, question: str, answers: list[Answer], choice: Choice
    ) -> Iterator[tuple[list[dict[str, str]], str, list[Answer], str]]:
        """Ask with the conversation so far as history, then stream the answer into the chat.

        Yields (chat messages, sources panel, answers, textbox); the last yield holds the new
        answer in the answers list. A refused question is shown with the reason and stays in
        the textbox, to be shortened; it is no turn of the conversation.
        """
        lang = ui_language(choice)
        if not isinstance(question, str) or not question.strip():
            yield chat_messages(answers), sources_html(answers, lang, self.engine), answers, ""
            return
        refusal = self.refusal(question, choice, fallback=lang)
        if refusal:
            shown = question.strip()
            if len(shown) > _PREVIEW_CHARS:
                shown = shown[:_PREVIEW_CHARS] + "…"
            note = f'<p class="wdw-refusal">{html.escape(refusal)}</p>'
            panel = sources_html(answers, lang, self.engine)
            yield chat_messages(answers, (shown, note)), panel, answers, question
            return
        question = question.strip()
        searching = f'<span class="wdw-searching">{html.escape(t("searching", lang))}</span>'
        pending = chat_messages(answers, (question, searching))
        yield pending, sources_html(answers, lang, self.engine), answers, ""
        try:
            while self.slot.wait(_WAIT_POLL_S) is None:  # the index is still being built
                waiting = f"{t('index_wait', lang)}<br>{self.slot.status(lang)}"
                note = f'<span class="wdw-searching">{html.escape(waiting)}</span>'
                yield chat_messages(answers, (question, note)), "", answers, ""
        except EngineUnavailable:
            note = f'<p class="wdw-refusal">{html.escape(self.slot.status(lang))}</p>'
            yield chat_messages(answers, (question, note)), "", answers, question
            return
        answer = self.ask(question, answers, choice)
        done = [*answers, answer]
        panel = sources_html(done, lang, self.engine)
        if not answer.abstained:
            words = re.split(r"(?<=\s)", answer.answer)
            for i in range(_STREAM_WORDS, len(words), _STREAM_WORDS):
                partial = answer_html(answer, len(done), "".join(words[:i]))
                yield chat_messages(answers, (question, partial)), panel, answers, ""
                time.sleep(_STREAM_PAUSE_S)
        yield chat_messages(done), panel, done, ""

    def reset(self, choice: Choice) -> tuple[list[dict[str, str]], str, list[Answer], str]:
        """A new conversation: no messages, no sources, no history."""
        return [], sources_html([], ui_language(choice), self.engine), [], ""

    def switch_language(self, choice: Choice, answers: list[Answer]) -> tuple[Any, ...]:
        """Relabel the page; the next answer follows the switch too (it goes to engine.ask)."""
        lang = ui_language(choice)
        return (
            header_html(lang),
            gr.update(label=t("language", lang), choices=_lang_choices(lang)),
            gr.update(label=t("chat_label", lang), placeholder=_welcome(lang)),
            gr.update(label=t("question_label", lang), placeholder=t("placeholder", lang)),
            gr.update(value=t("send", lang)),
            gr.update(value=t("new_conversation", lang)),
            sources_html(answers, lang, self.engine),
            gr.update(label=t("chat_tab", lang)),
        )

    def index_status(self, choice: Choice) -> tuple[Any, Any]:
        """The progress line while the index is built; hidden, and the polling stopped, after."""
        text = self.slot.status(ui_language(choice))
        shown = gr.update(
            value=f"<div>{html.escape(text)}</div>" if text else "", visible=bool(text)
        )
        return shown, gr.Timer(active=not self.slot.ready)

    def pick_example(self, evt: gr.SelectData) -> str:
        value = evt.value
        return str(value.get("text", "")) if isinstance(value, dict) else str(value)

    def on_like(
        self,
        answers: list[Answer],
        choice: Choice,
        evt: gr.LikeData,
        votes: dict[int, int] | None = None,
    ) -> dict[int, int]:
        """Thumbs up/down on an assistant message (index 2k+1 is turn k).

        The event comes from the browser or from anyone speaking Gradio's HTTP protocol, so it
        is checked: up or down only, an index that is an assistant message of this session, and
        at most a few votes per turn. Returns the session's vote counts (kept in gr.State).
        """
        votes = dict(votes or {})
        index: object = evt.index
        if isinstance(index, list | tuple):  # [message, part] from a multi-part message
            index = index[0] if index and all(type(i) is int for i in index) else None
        if vote_of(evt.liked) is None or type(index) is not int or index % 2 != 1:
            return votes
        turn = index // 2
        if not 0 <= turn < len(answers) or votes.get(turn, 0) >= _VOTES_PER_TURN:
            return votes
        if record_feedback(self.settings, answers[turn], evt.liked):
            votes[turn] = votes.get(turn, 0) + 1
            gr.Info(t("thanks_feedback", ui_language(choice)))
        return votes

    def ask_api(self, question: str, language: Choice = "auto") -> tuple[str, list[dict]]:
        """Answer one question on its own: the answer with [n] markers and its citations.

        A bad input (not text, empty, too long, unreadable, an unknown language) is refused
        with a message in the question's language, as an error event, before any work.
        """
        refusal = self.refusal(question, language)
        if refusal:
            raise gr.Error(refusal, print_exception=False)
        try:
            answer = self.ask(question, (), language)
        except EngineUnavailable:
            lang = language if language in ("nl", "en") else "en"
            raise gr.Error(self.slot.status(lang), print_exception=False) from None
        return answer.answer, answer.to_public()["citations"]


def build_app(engine: Engine | EngineSlot, settings: Settings) -> gr.Blocks:
    """The page (a tab per view) and the `/ask` API. Serve it with `launch` (theme, CSS, auth).

    The chat is the first tab of `gr.Tabs`; the directory ("Wie doet wat") the second.
    """
    start: Choice = settings.answer.language
    lang0 = ui_language(start)
    chat = ChatHandlers(engine, settings)
    slots: dict[str, Any] = {
        "concurrency_id": ANSWER_SLOTS,
        "concurrency_limit": settings.ui.concurrency,
    }
    private: dict[str, Any] = {"api_visibility": "private"}

    with gr.Blocks(title="wiedoetwat", analytics_enabled=False) as app:
        answers_state = gr.State([])
        votes_state = gr.State({})
        with gr.Row(elem_id="wdw-header"):
            header = gr.HTML(header_html(lang0), elem_id="wdw-title-block")
            lang_radio = gr.Radio(
                choices=_lang_choices(lang0),
                value=start,
                label=t("language", lang0),
                elem_id="wdw-lang",
                scale=0,
                min_width=360,
            )
        status_text = chat.slot.status(lang0)
        status = gr.HTML(
            f"<div>{html.escape(status_text)}</div>" if status_text else "",
            elem_id="wdw-status",
            visible=bool(status_text),
        )
        with gr.Tabs(elem_id="wdw-tabs"):
            with gr.Tab(t("chat_tab", lang0), id="chat", elem_id="wdw-tab-chat") as chat_tab:  # noqa: SIM117
                with gr.Row(equal_height=False, elem_id="wdw-main"):
                    with gr.Column(scale=3, min_width=480, elem_id="wdw-chat-col"):
                        chatbot = gr.Chatbot(
                            label=t("chat_label", lang0),
                            show_label=False,
                            elem_id="wdw-chat",
                            height=520,
                            buttons=["copy_all"],
                            placeholder=_welcome(lang0),
                            examples=_examples(),  # type: ignore[arg-type]
                            # We escape user and source text ourselves and emit only our own
                            # tags; no Markdown (source text must not turn into links or
                            # images), no LaTeX, and Gradio still sanitises what we emit.
                            render_markdown=False,
                            sanitize_html=True,
                            allow_tags=False,
                            latex_delimiters=[],
                            feedback_options=("Like", "Dislike"),
                            layout="bubble",
                            autoscroll=True,
                        )
                        with gr.Row(elem_id="wdw-input-row"):
                            textbox = gr.Textbox(
                                label=t("question_label", lang0),
                                show_label=False,
                                placeholder=t("placeholder", lang0),
                                container=False,
                                scale=5,
                                elem_id="wdw-question",
                            )
                            send = gr.Button(
                                t("send", lang0), variant="primary", scale=0, min_width=90
                            )
                            new = gr.Button(
                                t("new_conversation", lang0),
                                variant="secondary",
                                scale=0,
                                min_width=170,
                                elem_id="wdw-new",
                            )
                    with gr.Column(scale=2, min_width=360, elem_id="wdw-sources-col"):
                        sources = gr.HTML(
                            sources_html([], lang0, chat.engine), elem_id="wdw-sources"
                        )
            directory_label = f"{t('dir_tab', 'nl')} / {t('dir_tab', 'en')}"
            with gr.Tab(directory_label, id="directory", elem_id="wdw-tab-directory"):
                build_directory_tab(
                    lambda: load_directory(chat.engine.store) if chat.engine else [], lang0
                )

        outputs = [chatbot, sources, answers_state, textbox]
        inputs = [textbox, answers_state, lang_radio]
        asks = [
            trigger(chat.respond, inputs, outputs, show_progress="hidden", **private, **slots)
            for trigger in (textbox.submit, send.click)
        ]
        asks.append(
            chatbot.example_select(chat.pick_example, None, textbox, **private).then(
                chat.respond, inputs, outputs, show_progress="hidden", **private, **slots
            )
        )
        # A new conversation also stops an answer that is still streaming into the old one.
        new.click(chat.reset, lang_radio, outputs, cancels=asks, **private)
        chatbot.clear(chat.reset, lang_radio, outputs, cancels=asks, **private)
        lang_radio.change(
            chat.switch_language,
            [lang_radio, answers_state],
            [header, lang_radio, chatbot, textbox, send, new, sources, chat_tab],
            **private,
        )
        chatbot.like(chat.on_like, [answers_state, lang_radio, votes_state], votes_state, **private)
        # While the index is built the page polls its progress; the timer stops once ready.
        timer = gr.Timer(1.0, active=not chat.slot.ready)
        progress: dict[str, Any] = {"show_progress": "hidden", "concurrency_limit": None}
        timer.tick(chat.index_status, lang_radio, [status, timer], **private, **progress)
        app.load(chat.index_status, lang_radio, [status, timer], **private, **progress)
        gr.api(chat.ask_api, api_name="ask", **slots)
    return app


def launch(
    engine: Engine | EngineSlot | None,
    settings: Settings,
    *,
    prevent_thread_lock: bool = False,
    embedder: NumpyEmbedding | None = None,
) -> gr.Blocks:
    """Serve the chat at settings.ui.host:port; remote binds need allow_remote and basic auth.

    With no engine, the page is served at once and the engine is loaded (the index built, on a
    fresh machine) behind it. Blocks until stopped, unless prevent_thread_lock (tests); returns
    the running app.
    """
    auth = check_bind(settings.ui)  # before anything is loaded or bound
    if isinstance(engine, EngineSlot):
        slot = engine
    elif engine is not None:
        slot = EngineSlot(engine)
    else:
        slot = EngineSlot().load(settings, embedder)
    app = build_app(slot, settings)
    app.queue(max_size=settings.ui.max_queue, default_concurrency_limit=settings.ui.concurrency)
    app.launch(
        server_name=settings.ui.host,
        server_port=settings.ui.port,
        auth=login_throttle(*auth, settings.ui.login_delay_s) if auth else None,
        prevent_thread_lock=prevent_thread_lock,
        show_error=False,  # an unexpected error must not send its internals to the browser
        quiet=True,
        theme=THEME,
        css=CSS,
        footer_links=["api"],
        app_kwargs={"middleware": [Middleware(ClientAddress)]},
    )
    return app
