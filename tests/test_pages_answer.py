"""Linked pages end to end: fetch from a real local server, ingest, answer with the page's URL."""

from __future__ import annotations

from conftest import make_settings
from fetch_server import Reply, Site, html_page

from engine.core import Engine
from ingest.fetch import fetch_pages
from ingest.pipeline import run_ingest

PAGE_NL = [
    "Het Observatorium voor Artificiële Intelligentie volgt de evolutie van AI in België op.",
    "Het observatorium wordt geleid door projectleider Annelies Vermeulen van de FOD BOSA.",
    "Het brengt jaarlijks een overzicht uit van alle AI-projecten bij de federale overheid.",
]


def test_dutch_question_cites_the_local_page(tmp_path, embedder):
    site = Site()
    site.routes["/observatorium"] = lambda _r: Reply(
        body=html_page("AI-observatorium", "Het AI-observatorium", PAGE_NL, "nl"),
        headers={"Content-Type": "text/html; charset=utf-8", "ETag": '"v1"'},
    )
    site.start()
    try:
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        url = site.url("/observatorium")
        (corpus / "report.md").write_text(
            "---\ntitle: Mini report\ndate: 2025-01-01\n---\n# Federal\n\n"
            f"BOSA runs an [AI Observatory]({url}) that follows AI in Belgium.\n",
            encoding="utf-8",
        )
        settings = make_settings(tmp_path / "data", corpus, fetch={"allow_private": True})
        report = fetch_pages(settings, progress=False)
        assert report.ok, report.summary_table()
        first = run_ingest(settings, embedder=embedder, progress=False, say=lambda _m: None)
        assert first.documents == 2

        # an unchanged page (304 or same hash) is not re-embedded
        fetch_pages(settings, progress=False)
        again = run_ingest(settings, embedder=embedder, progress=False, say=lambda _m: None)
        assert (again.added, again.removed) == (0, 0)

        engine = Engine.load(settings, embedder=embedder, progress=False, say=lambda _m: None)
        answer = engine.ask("Wie leidt het AI-observatorium?")
        assert not answer.abstained, answer.answer
        assert "Annelies Vermeulen" in answer.answer
        assert answer.language == "nl"
        assert answer.citations[0].url == url
        assert "AI-observatorium" in answer.citations[0].title
        assert not answer.answer.startswith("Volgens het rapport")  # Dutch page, quoted as is
        hits = engine.retrieve("AI Observatory")
        page_chunk = next(h.chunk for h in hits if h.chunk.meta.get("kind") == "page")
        assert "linked from the report as: AI Observatory" in page_chunk.meta["prefix"]
        assert page_chunk.language == "nl"
    finally:
        site.stop()
