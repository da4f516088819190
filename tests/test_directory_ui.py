"""The directory tab in a real Chromium: search filters the table, the network picture is shown,
and choosing a row opens its cited source; at desktop width and at 390 x 844."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import gradio as gr
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from app.directory_tab import build_directory_tab, network_png
from app.who import filter_entries
from ingest.directory import load_directory
from tests.test_chat_ui import CHROMIUM_ARGS, _free_port, find_chromium

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def entries(engine):
    found = load_directory(engine.store)
    assert found, "ingest stored no directory"
    return found


@pytest.fixture(scope="module")
def server(entries) -> Iterator[str]:
    """A small page that mounts just the tab, over the session's real directory."""
    with gr.Blocks(title="directory") as demo, gr.Tabs(), gr.Tab("Wie doet wat / Who does what"):
        build_directory_tab(lambda: entries, "en")
    port = _free_port()
    demo.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        demo.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        try:
            own: str | None = p.chromium.executable_path
        except Exception:
            own = None
        executable = find_chromium(own)
        if executable is None or not Path(executable).exists():
            pytest.fail("no Chromium found: `apt-get install -y chromium`", pytrace=False)
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


_ROWS = "#wdw-dir-table [role=row].virtual-row"  # Gradio's table renders the rows in view


def _rows(page: Page) -> list[str]:
    return page.locator(_ROWS).all_inner_texts()


def _open(browser: Browser, server: str, width: int, height: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(server)
    page.wait_for_function("(sel) => document.querySelectorAll(sel).length > 5", arg=_ROWS)
    return page


def _wait_picture(page: Page) -> None:
    page.wait_for_function(
        "() => { const i = document.querySelector('#wdw-dir-graph img');"
        " return i && i.complete && i.naturalWidth > 200; }"
    )


@pytest.mark.parametrize(("width", "height", "name"), [(1280, 900, "desktop"), (390, 844, "phone")])
def test_directory_tab_search_picture_and_source(
    browser: Browser, server: str, entries, width: int, height: int, name: str
) -> None:
    page = _open(browser, server, width, height)
    try:
        _wait_picture(page)
        assert any("Heyman" not in r for r in _rows(page))
        wanted = len(filter_entries(entries, "Heymann"))  # one letter off
        assert 0 < wanted < len(entries)
        page.fill("#wdw-dir-search input, #wdw-dir-search textarea", "Heymann")
        page.wait_for_function(
            "([sel, n]) => document.querySelectorAll(sel).length === n", arg=[_ROWS, wanted]
        )
        rows = _rows(page)
        assert all("Heyman" in r for r in rows), rows
        _wait_picture(page)
        # choose a row: its cited quote, section and a link appear
        page.locator("#wdw-dir-table [data-testid=cell-0-1]").click()
        quote = page.locator("#wdw-dir-source .wdw-dir-quote").first
        quote.wait_for()
        assert "Heyman" in quote.inner_text()
        assert page.locator("#wdw-dir-source a").count() >= 1
        assert "Section" in page.locator("#wdw-dir-source").inner_text()
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"horizontal scroll of {overflow}px at {width}px"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"directory-{name}.png"), full_page=True)
    finally:
        page.context.close()


def test_network_picture_is_a_png_of_the_entries(entries) -> None:
    png = network_png(entries)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    assert network_png([]) != png
