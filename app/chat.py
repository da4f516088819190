"""The chat app: a Gradio page where every answer shows the sources it stands on.

The conversation's single source of truth is the list of `Answer` objects kept in `gr.State`:
the chat and the sources panel are both rendered from it, so a language switch or a new
conversation can never leave them out of step. Everything that comes from a user or a source is
escaped here, before any HTML is built; Gradio's own sanitising is a second line, not the first.
"""

from __future__ import annotations

import html
import ipaddress
import json
import re
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, Literal

import gradio as gr

from engine.core import Engine
from engine.models import Answer, Citation
from engine.strings import EXAMPLES, t
from ingest.settings import Settings, UISettings

Choice = Literal["auto", "nl", "en"]
Lang = Literal["nl", "en"]

_MARKER = re.compile(r"\[(\d+)\]")
_STREAM_WORDS = 4  # words added per streamed update
_STREAM_PAUSE_S = 0.012  # enough to read as typing, short enough to never feel slow
_CONTEXT_CHARS = 170  # source text shown on each side of the quoted sentence
_FEEDBACK_LOCK = threading.Lock()

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
"""


# ------------------------------------------------------------------------------------------
# Binding


def check_bind(ui: UISettings) -> tuple[str, str] | None:
    """Refuse to expose the app beyond this machine unless remote access is asked for and guarded.

    Returns the basic-auth pair to use (None on loopback). Raises ValueError with a one-line
    message the CLI can print as is.
    """
    if _is_loopback(ui.host):
        return None
    if not ui.allow_remote:
        raise ValueError(
            f"Refusing to bind {ui.host or '(all interfaces)'}: only loopback is allowed unless "
            "ui.allow_remote is true (WIEDOETWAT_UI__ALLOW_REMOTE=true) and basic auth is set."
        )
    password = ui.auth_password.get_secret_value() if ui.auth_password else ""
    if not ui.auth_user or not password:
        raise ValueError(
            f"Refusing to bind {ui.host or '(all interfaces)'} without basic auth: set "
            "ui.auth_user and ui.auth_password (WIEDOETWAT_UI__AUTH_USER, "
            "WIEDOETWAT_UI__AUTH_PASSWORD)."
        )
    return (ui.auth_user, password)


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
    """Only absolute web links become hrefs: no javascript:, no paths relative to this app."""
    return url if re.match(r"^https?://[^\s\"'<>]+$", url.strip(), re.IGNORECASE) else None


def _anchor(turn: int, n: int, prefix: str = "src") -> str:
    return f"{prefix}-{turn}-{n}"


def _short_section(section: str) -> str:
    return section.split(" > ")[-1] if section else ""


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
        parts.append(_text(body[last : m.start()]))
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
        out.insert(0, f'<span class="wdw-path">{html.escape(citation.url)}</span>')
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


def record_feedback(settings: Settings, answer: Answer, liked: Any) -> dict[str, Any] | None:
    """Append one vote to data_dir/feedback.jsonl; None when the event was an un-vote."""
    if liked is True or liked == "Like":
        vote = "up"
    elif liked is False or liked == "Dislike":
        vote = "down"
    elif isinstance(liked, str) and liked:
        vote = liked
    else:
        return None
    record = {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "vote": vote,
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
# The app


class ChatHandlers:
    """The event handlers, as methods, so tests can drive a conversation without a browser."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self._lock = threading.Lock()  # the engine is not known to be thread-safe; asks are fast

    def ask(self, question: str, history: Sequence[Answer], language: Choice) -> Answer:
        with self._lock:
            return self.engine.ask(question, history=history, language=language)

    def respond(
        self, question: str, answers: list[Answer], choice: Choice
    ) -> Iterator[tuple[list[dict[str, str]], str, list[Answer], str]]:
        """Ask with the conversation so far as history, then stream the answer into the chat.

        Yields (chat messages, sources panel, answers, textbox); the last yield holds the new
        answer in the answers list.
        """
        question = (question or "").strip()
        lang = ui_language(choice)
        if not question:
            yield chat_messages(answers), sources_html(answers, lang, self.engine), answers, ""
            return
        searching = f'<span class="wdw-searching">{html.escape(t("searching", lang))}</span>'
        pending = chat_messages(answers, (question, searching))
        yield pending, sources_html(answers, lang, self.engine), answers, ""
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
        )

    def pick_example(self, evt: gr.SelectData) -> str:
        value = evt.value
        return str(value.get("text", "")) if isinstance(value, dict) else str(value)

    def on_like(self, answers: list[Answer], choice: Choice, evt: gr.LikeData) -> None:
        """Thumbs up/down on an assistant message: its turn is message index // 2."""
        index = evt.index[0] if isinstance(evt.index, list | tuple) else evt.index
        turn = int(index) // 2
        if 0 <= turn < len(answers) and record_feedback(self.settings, answers[turn], evt.liked):
            gr.Info(t("thanks_feedback", ui_language(choice)))

    def ask_api(self, question: str, language: Choice = "auto") -> tuple[str, list[dict]]:
        """Answer one question on its own: the answer with [n] markers and its citations."""
        answer = self.ask(question, (), language)
        return answer.answer, answer.to_public()["citations"]


def build_app(engine: Engine, settings: Settings) -> gr.Blocks:
    """The chat page and the `/ask` API endpoint. Serve it with `launch` (theme, CSS, auth)."""
    start: Choice = settings.answer.language
    lang0 = ui_language(start)
    chat = ChatHandlers(engine, settings)

    with gr.Blocks(title="wiedoetwat", analytics_enabled=False) as app:
        answers_state = gr.State([])
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
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=480):
                chatbot = gr.Chatbot(
                    label=t("chat_label", lang0),
                    show_label=False,
                    elem_id="wdw-chat",
                    height=520,
                    buttons=["copy_all"],
                    placeholder=_welcome(lang0),
                    examples=_examples(),  # type: ignore[arg-type]
                    # We escape user and source text ourselves and emit only our own tags;
                    # no Markdown (source text must not turn into links or images), no LaTeX,
                    # and Gradio still sanitises what we emit.
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
                    send = gr.Button(t("send", lang0), variant="primary", scale=0, min_width=90)
                    new = gr.Button(
                        t("new_conversation", lang0),
                        variant="secondary",
                        scale=0,
                        min_width=170,
                        elem_id="wdw-new",
                    )
            with gr.Column(scale=2, min_width=360):
                sources = gr.HTML(sources_html([], lang0, engine), elem_id="wdw-sources")

        outputs = [chatbot, sources, answers_state, textbox]
        inputs = [textbox, answers_state, lang_radio]
        private: dict[str, Any] = {"api_visibility": "private"}
        asks = [
            trigger(chat.respond, inputs, outputs, show_progress="hidden", **private)
            for trigger in (textbox.submit, send.click)
        ]
        asks.append(
            chatbot.example_select(chat.pick_example, None, textbox, **private).then(
                chat.respond, inputs, outputs, show_progress="hidden", **private
            )
        )
        # A new conversation also stops an answer that is still streaming into the old one.
        new.click(chat.reset, lang_radio, outputs, cancels=asks, **private)
        chatbot.clear(chat.reset, lang_radio, outputs, cancels=asks, **private)
        lang_radio.change(
            chat.switch_language,
            [lang_radio, answers_state],
            [header, lang_radio, chatbot, textbox, send, new, sources],
            **private,
        )
        chatbot.like(chat.on_like, [answers_state, lang_radio], None, **private)
        gr.api(chat.ask_api, api_name="ask")
    return app


def launch(engine: Engine, settings: Settings, *, prevent_thread_lock: bool = False) -> gr.Blocks:
    """Serve the chat at settings.ui.host:port; remote binds need allow_remote and basic auth.

    Blocks until stopped, unless prevent_thread_lock (tests); returns the running app.
    """
    auth = check_bind(settings.ui)
    app = build_app(engine, settings)
    app.queue(default_concurrency_limit=4)
    app.launch(
        server_name=settings.ui.host,
        server_port=settings.ui.port,
        auth=auth,
        prevent_thread_lock=prevent_thread_lock,
        show_error=True,
        quiet=True,
        theme=THEME,
        css=CSS,
        footer_links=["api"],
    )
    return app
