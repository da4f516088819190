"""Tests of the chat app: the real engine behind a real Gradio server, driven by a real browser.

The browser tests are the point: escaping, anchors and streaming only show their faults once
Gradio's frontend has rendered them. The handler tests cover what a browser cannot see (that a
follow-up gets the conversation as history) and the refusal to bind beyond loopback unguarded.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr
import pytest
from gradio_client import Client
from playwright.sync_api import Browser, Page, expect, sync_playwright

from app.chat import ChatHandlers, answer_html, build_app, check_bind, launch, sources_html
from engine.core import Engine
from engine.models import Answer, Citation, Link, Timings
from ingest.settings import Settings, UISettings

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
XSS_IMG = '<img src=x onerror="window.__xss=1">'
XSS_SCRIPT = "<script>window.__xss=1</script>"
TIMEOUT_MS = 20_000


# --- fixtures -----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def chat_settings(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The engine's settings, with a fresh data_dir (feedback) and a free loopback port."""
    return engine.settings.model_copy(
        update={
            "data_dir": tmp_path_factory.mktemp("chat-data"),
            "ui": UISettings(host="127.0.0.1", port=_free_port()),
        }
    )


@pytest.fixture(scope="module")
def server(engine: Engine, chat_settings: Settings) -> Iterator[str]:
    """The app served by `launch` itself (loopback, theme, CSS), in a background thread."""
    app = launch(engine, chat_settings, prevent_thread_lock=True)
    try:
        yield f"http://127.0.0.1:{chat_settings.ui.port}/"
    finally:
        app.close()


def find_chromium(playwright_own: str | None) -> str | None:
    """The Chromium to drive, wherever it lives: WIEDOETWAT_CHROMIUM first (an explicit choice),
    then one on PATH (Debian's `chromium`, as CI installs), then Playwright's own download
    (`python -m playwright install chromium`). None when there is none."""
    explicit = os.environ.get("WIEDOETWAT_CHROMIUM", "").strip()
    if explicit:
        return explicit
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    if playwright_own and Path(playwright_own).exists():
        return playwright_own
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        try:
            own: str | None = p.chromium.executable_path
        except Exception:  # Playwright knows no build for this platform
            own = None
        executable = find_chromium(own)
        if executable is None or not Path(executable).exists():
            pytest.fail(
                f"no Chromium found (WIEDOETWAT_CHROMIUM={executable or 'unset'}, none of "
                f"{', '.join(CHROMIUM_NAMES)} on PATH, no Playwright download): install one with "
                "`apt-get install -y chromium` or `python -m playwright install chromium`, or "
                "set WIEDOETWAT_CHROMIUM to its path.",
                pytrace=False,
            )
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    """A fresh session (fresh conversation) on a 1280x800 screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.goto(server)
    pg.wait_for_selector("#wdw-question textarea")
    try:
        yield pg
    finally:
        context.close()


def ask(page: Page, question: str) -> None:
    """Type a question, send it, and wait until its answer has finished streaming."""
    done = "#wdw-chat .wdw-cites, #wdw-chat div.wdw-abstain"
    before = page.locator(done).count()
    page.fill("#wdw-question textarea", question)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length > n", arg=[done, before]
    )


def read_feedback(path: Path, timeout_s: float = 10.0) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if path.exists() and path.read_text(encoding="utf-8").strip():
            break
        time.sleep(0.1)
    assert path.exists(), f"no feedback written to {path}"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


# --- browser ------------------------------------------------------------------------------


@pytest.mark.browser
def test_answer_cites_links_and_escapes_html(page: Page) -> None:
    chat, panel = page.locator("#wdw-chat"), page.locator("#wdw-sources")
    expect(chat).to_contain_text("NL · Wie is de CEO van imec?")  # examples, both languages
    expect(chat).to_contain_text("EN · Who supervises the AI Act in Belgium?")

    ask(page, "Wie is de CEO van imec?")
    expect(chat).to_contain_text("Van den hove")
    marker = chat.locator("a.wdw-cite").first
    expect(marker).to_have_text("[1]")
    expect(marker).to_have_attribute("href", "#src-1-1")
    expect(panel).to_contain_text("Leading Research Institutions")
    expect(panel.locator("#src-1-1 mark")).to_contain_text("Van den hove")
    expect(panel.locator("#src-1-1")).to_contain_text("2025-09-28")
    expect(panel.locator("a[href^='http']").first).to_be_visible()
    marker.click()  # the citation leads to its entry in the panel
    page.wait_for_function("location.hash === '#src-1-1'")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "chat.png"))

    ask(page, f"{XSS_IMG} {XSS_SCRIPT}")
    expect(chat).to_contain_text(XSS_IMG)
    expect(chat).to_contain_text(XSS_SCRIPT)
    expect(panel).to_contain_text(XSS_IMG)  # the panel repeats the question: escaped too
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert chat.locator("img[src='x'], script").count() == 0
    page.screenshot(path=str(ARTIFACTS / "chat-escaped.png"))


@pytest.mark.browser
def test_thumbs_up_writes_feedback(page: Page, chat_settings: Settings) -> None:
    ask(page, "Wie is de CEO van imec?")
    page.locator("#wdw-chat button[aria-label='Like']").last.click()
    records = read_feedback(chat_settings.data_dir / "feedback.jsonl")
    record = records[-1]
    assert record["vote"] == "up"
    assert record["question"] == "Wie is de CEO van imec?"
    assert "Van den hove" in record["answer"]
    assert record["language"] == "nl"
    assert record["citations"] and record["citations"][0]["section"].endswith(
        "Leading Research Institutions"
    )
    assert "chunk_id" not in record["citations"][0]  # the public contract only
    assert record["timestamp"]


@pytest.mark.browser
def test_language_switch_relabels_and_sets_answer_language(page: Page) -> None:
    new = page.locator("#wdw-new")
    expect(new).to_have_text("New conversation")
    page.locator("#wdw-lang").get_by_text("Nederlands").click()
    expect(new).to_have_text("Nieuw gesprek")
    expect(page.locator("#wdw-title-block")).to_contain_text("wie doet wat")
    expect(page.locator("#wdw-question textarea")).to_have_attribute(
        "placeholder", "Stel een vraag in het Nederlands of Engels…"
    )
    page.locator("#wdw-lang").get_by_text("English").click()
    expect(new).to_have_text("New conversation")
    ask(page, "Wie is de CEO van imec?")  # Dutch, but answered in English as switched
    expect(page.locator("#wdw-chat")).to_contain_text("The President and CEO is Luc Van den hove")
    expect(page.locator("#wdw-chat")).not_to_contain_text("Volgens het rapport")


@pytest.mark.browser
def test_new_conversation_clears_chat_and_sources(page: Page) -> None:
    chat, panel = page.locator("#wdw-chat"), page.locator("#wdw-sources")
    ask(page, "Who supervises the AI Act in Belgium?")
    expect(chat).to_contain_text("BIPT")
    expect(panel.locator(".wdw-card")).not_to_have_count(0)
    page.locator("#wdw-new").click()
    expect(chat).not_to_contain_text("BIPT")
    expect(chat.locator("button.example").first).to_be_visible()  # back to the empty chat
    expect(panel.locator(".wdw-card")).to_have_count(0)
    expect(panel).to_contain_text("Sources appear here.")
    ask(page, "Wie is de CEO van imec?")  # numbering starts over: no history left
    expect(chat.locator("a.wdw-cite").first).to_have_attribute("href", "#src-1-1")


@pytest.mark.browser
def test_too_long_question_is_refused_at_once_in_the_textbox(page: Page) -> None:
    """The reason in the chat, in the question's language; the text stays, to be shortened."""
    question = "Wie is de voorzitter van de raad van bestuur van het instituut? " * 20
    page.fill("#wdw-question textarea", question)
    page.keyboard.press("Enter")
    refusal = page.locator("#wdw-chat .wdw-refusal")
    expect(refusal).to_contain_text("de grens is 1.000", timeout=3_000)
    expect(page.locator("#wdw-question textarea")).to_have_value(question)
    expect(page.locator("#wdw-sources .wdw-card")).to_have_count(0)  # nothing was asked


PHONE = {"width": 390, "height": 844}
NO_OVERFLOW = "document.scrollingElement.scrollWidth <= window.innerWidth"


def _assert_fits(page: Page, what: str) -> None:
    widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert page.evaluate(NO_OVERFLOW), f"{what}: page is {widths[0]} px wide in {widths[1]} px"


@pytest.mark.browser
def test_chat_works_at_phone_width(browser: Browser, server: str) -> None:
    """390 x 844 (a phone): no horizontal scrolling, every control on screen, answers readable."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        page.goto(server)
        page.wait_for_selector("#wdw-question textarea")
        _assert_fits(page, "empty chat")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "chat-phone-empty.png"), full_page=True)
        controls = {
            "question": page.locator("#wdw-question textarea"),
            "ask": page.locator("#wdw-input-row button").first,
            "new conversation": page.locator("#wdw-new"),
            "language": page.locator("#wdw-lang"),
        }
        for name, control in controls.items():
            expect(control).to_be_visible()
            box = control.bounding_box()
            assert box is not None, name
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 0.5, (name, box)
        expect(page.locator("#wdw-new")).to_have_text("New conversation")  # not cut off
        new_box = page.locator("#wdw-new").evaluate("b => [b.scrollWidth, b.clientWidth]")
        assert new_box[0] <= new_box[1], f"'New conversation' is cut off: {new_box}"
        ask(page, "Who supervises the AI Act in Belgium?")
        expect(page.locator("#wdw-chat")).to_contain_text("BIPT")
        expect(page.locator("#wdw-sources .wdw-card").first).to_be_visible()
        _assert_fits(page, "after an answer with sources")
        panel = page.locator("#wdw-sources").evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert panel[0] <= panel[1], f"the sources panel scrolls sideways: {panel}"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "chat-phone.png"), full_page=True)
    finally:
        context.close()


# --- API ----------------------------------------------------------------------------------


def test_ask_endpoint_with_gradio_client(server: str) -> None:
    client = Client(server, verbose=False)
    text, sources = client.predict("Who supervises the AI Act in Belgium?", api_name="/ask")
    assert "BIPT" in text
    assert "[1]" in text
    assert sources and all(s["url"] for s in sources)
    assert {"n", "title", "section", "quote", "url", "links", "date"} <= set(sources[0])


# --- handlers and rendering, without a browser ---------------------------------------------


def test_follow_up_gets_the_conversation_as_history(
    engine: Engine, chat_settings: Settings
) -> None:
    chat = ChatHandlers(engine, chat_settings)
    *_, (_, _, answers, _) = chat.respond("Wie is de CEO van imec?", [], "auto")
    *streamed, (messages, panel, answers, textbox) = chat.respond(
        "En wie is de CTO?", answers, "auto"
    )
    assert len(streamed) >= 2  # a "searching" notice, then the growing answer
    assert len(answers) == 2 and len(messages) == 4 and textbox == ""
    follow_up = answers[-1]
    assert follow_up.standalone_question != follow_up.question  # condensed with the history
    assert "imec" in follow_up.standalone_question.lower()
    assert "Tuyls" in follow_up.answer
    assert 'id="src-2-1"' in panel and 'id="src-1-1"' in panel
    assert chat.reset("auto")[2] == []


def test_like_handler_records_the_liked_turn(engine: Engine, tmp_path: Path) -> None:
    settings = engine.settings.model_copy(update={"data_dir": tmp_path})
    chat = ChatHandlers(engine, settings)
    *_, (_, _, answers, _) = chat.respond("Who supervises the AI Act in Belgium?", [], "en")
    chat.on_like(answers, "en", gr.LikeData(None, {"index": 1, "value": "", "liked": False}))
    (record,) = read_feedback(tmp_path / "feedback.jsonl")
    assert record["vote"] == "down"
    assert record["question"] == "Who supervises the AI Act in Belgium?"
    assert record["language"] == "en"


def _hostile_answer() -> Answer:
    evil = Citation(
        n=1,
        title="<script>alert(1)</script>",
        section="A > <img src=x onerror=alert(1)>",
        quote="Quote <b>bold</b> & <script>x()</script>",
        url="javascript:alert(1)",
        links=[
            Link(text="<i>x</i>", url="https://example.org/?a=1&b=2"),
            Link(text="quoted", url='https://example.org/" onmouseover="x()'),
        ],
        date="2025-01-01",
    )
    return Answer(
        question="<script>q()</script>",
        language="en",
        answer="Said <img src=x onerror=alert(1)> here [1] and [7].",
        abstained=False,
        citations=[evil],
        timings_ms=Timings(retrieve=0, answer=0, total=0),
    )


def test_rendering_escapes_source_and_user_text() -> None:
    answer = _hostile_answer()
    chat = answer_html(answer, 1)
    panel = sources_html([answer], "en")
    for html_out in (chat, panel):
        for raw in ("<script", "<img", "<b>bold", "<i>x"):
            assert raw not in html_out
    assert '<a class="wdw-cite" href="#src-1-1">[1]</a>' in chat
    assert "[7]" in chat and 'href="#src-1-7"' not in chat  # no link to a missing source
    assert 'href="https://example.org/?a=1&amp;b=2"' in panel
    assert "onmouseover" not in panel  # a URL that would break out of its attribute is dropped
    assert 'href="javascript' not in panel
    assert "&lt;script&gt;q()&lt;/script&gt;" in panel


def test_build_app_exposes_only_the_ask_endpoint(engine: Engine, chat_settings: Settings) -> None:
    app = build_app(engine, chat_settings)
    api = app.get_api_info()
    assert list(api["named_endpoints"]) == ["/ask"]


# --- binding ------------------------------------------------------------------------------


def _with_ui(settings: Settings, **ui: Any) -> Settings:
    return settings.model_copy(update={"ui": UISettings(**ui)})


def test_remote_bind_needs_allow_remote_and_auth(engine: Engine, chat_settings: Settings) -> None:
    with pytest.raises(ValueError, match="allow_remote") as err:
        launch(engine, _with_ui(chat_settings, host="0.0.0.0"))
    assert "\n" not in str(err.value)
    with pytest.raises(ValueError, match="auth") as err:
        launch(engine, _with_ui(chat_settings, host="0.0.0.0", allow_remote=True))
    assert "\n" not in str(err.value)
    with pytest.raises(ValueError, match="auth"):
        check_bind(UISettings(host="0.0.0.0", allow_remote=True, auth_user="u"))
    guarded = UISettings(host="0.0.0.0", allow_remote=True, auth_user="u", auth_password="p" * 12)
    assert check_bind(guarded) == ("u", "p" * 12)
    with pytest.raises(ValueError, match="at least 12") as err:  # a 1-character password
        check_bind(UISettings(host="0.0.0.0", allow_remote=True, auth_user="u", auth_password="p"))
    assert "\n" not in str(err.value)
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        assert check_bind(UISettings(host=host)) is None
