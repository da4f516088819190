"""The page fetcher, extractor and cache, against a real web server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fetch_server import Reply, Request, Site, html_page, pdf_document

from ingest.extract import ExtractError, extract_file, extract_html, extract_pdf
from ingest.fetch import (
    FRONT_MATTER_KEYS,
    FetchReport,
    _is_public,
    corpus_links,
    fetch_pages,
    load_dropped_page,
    page_path,
    read_page,
    slug_for_url,
    strip_credentials,
)
from ingest.settings import FetchSettings, Settings

NL_PARAGRAPHS = [
    "Het observatorium volgt de ontwikkeling van artificiële intelligentie in België en "
    "adviseert de federale regering over de gevolgen voor wetgeving en beleid.",
    "De FOD Beleid en Ondersteuning coördineert de nationale dialoog over AI en brengt de "
    "overheidsdiensten, de bedrijven en de universiteiten samen in de coalitie.",
    "Elk jaar verschijnt een rapport met aanbevelingen voor de ministers, dat op de website "
    "van de dienst wordt gepubliceerd.",
]
EN_PARAGRAPHS = [
    "The Belgian Institute for Postal Services and Telecommunications is the lead supervisory "
    "authority for the AI Act in Belgium and coordinates the other market surveillance bodies.",
    "It answers questions from companies that build or deploy artificial intelligence systems "
    "and publishes guidance on the obligations that apply to them.",
    "The institute also represents Belgium in the European AI Board in Brussels.",
]
PDF_LINES = [
    "Flanders AI Policy Plan",
    "The Government of Flanders invests about 36 million euro per year in artificial",
    "intelligence research, implementation and the societal framework.",
    "The plan has three pillars.",
]
BOILERPLATE = ("NAVSTART", "COOKIEBAR", "FOOTERTEXT")
LAST_MODIFIED = "Wed, 01 Oct 2025 08:00:00 GMT"
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


@pytest.fixture
def site() -> Iterator[Site]:
    """The local web server with every page of the scenario."""
    s = Site()
    nl = html_page("Observatorium | FOD BOSA", "Het AI-observatorium", NL_PARAGRAPHS, "nl")
    en = html_page("AI Act | BIPT", "Application of the AI Act", EN_PARAGRAPHS, "en")
    html = {"Content-Type": "text/html; charset=utf-8"}
    s.routes = {
        "/robots.txt": lambda r: Reply(200, ROBOTS, {"Content-Type": "text/plain"}),
        "/nl/observatorium": lambda r: Reply(200, nl, {**html, "Last-Modified": LAST_MODIFIED}),
        "/en/ai-act": lambda r: Reply(200, en, html),
        "/plan.pdf": lambda r: Reply(
            200,
            pdf_document("Flanders AI Policy Plan", PDF_LINES),
            {"Content-Type": "application/pdf"},
        ),
        "/old": lambda r: Reply(302, headers={"Location": "/older"}),
        "/older": lambda r: Reply(301, headers={"Location": s.url("/en/ai-act")}),
        "/missing": lambda r: Reply(404, b"<h1>Not found</h1>", html),
        "/broken": lambda r: Reply(500, b"<h1>Oops</h1>", html),
        "/slow": lambda r: Reply(200, nl, html, delay=2.0),
        "/huge": lambda r: Reply(
            200, b"<p>" + b"x" * 200_000 + b"</p>", html, content_length=False
        ),
        "/private/secret": lambda r: Reply(200, en, html),
        "/logo.png": lambda r: Reply(200, b"\x89PNG\r\n\x1a\n", {"Content-Type": "image/png"}),
        "/loop": lambda r: Reply(302, headers={"Location": "/loop"}),
        "/to-ftp": lambda r: Reply(302, headers={"Location": "ftp://files.example/report"}),
        "/empty": lambda r: Reply(200, b"<html><body></body></html>", html),
    }
    s.start()
    yield s
    s.stop()


def make_settings(tmp_path: Path, **fetch: object) -> Settings:
    options: dict = {"allow_private": True, "timeout_s": 1.0, "max_bytes": 50_000, **fetch}
    return Settings(
        corpus_dir=tmp_path / "corpus",
        data_dir=tmp_path / "data",
        fetch=FetchSettings(**options),
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


def write_corpus(settings: Settings, site: Site) -> None:
    """A tiny report linking every page of the site, one of them twice with two anchors."""
    u = site.url
    settings.corpus_dir.mkdir(parents=True, exist_ok=True)
    (settings.corpus_dir / "report.md").write_text(
        f"""# Report

The [AI Observatory]({u("/nl/observatorium")}) ([_Observatorium_]({u("/nl/observatorium")}))
follows AI. The [BIPT]({u("/en/ai-act")}) supervises, see also the [old link]({u("/old")}).
The [policy plan]({u("/plan.pdf")}) has pillars.
Again the [AI Observatory]({u("/nl/observatorium")}).
Broken: [missing]({u("/missing")}), [broken]({u("/broken")}), [slow]({u("/slow")}),
[huge]({u("/huge")}), [secret]({u("/private/secret")}), [logo]({u("/logo.png")}),
[loop]({u("/loop")}), [ftp]({u("/to-ftp")}), [empty]({u("/empty")}).
![an image]({u("/logo-image.png")}) and a [mail](mailto:someone@example.org).
""",
        encoding="utf-8",
    )
    # A cached page in pages/ links elsewhere: its links are not the report's.
    settings.pages_dir.mkdir(parents=True, exist_ok=True)
    (settings.pages_dir / "other.md").write_text("[not a corpus link](https://example.org/x)\n")


def by_url(report: FetchReport) -> dict:
    return {r.url: r for r in report.results}


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


# ----------------------------------------------------------------------------- corpus links


def test_corpus_links_dedupes_and_keeps_anchors(settings: Settings, site: Site) -> None:
    write_corpus(settings, site)
    links = corpus_links(settings)
    assert links[site.url("/nl/observatorium")] == ["AI Observatory", "Observatorium"]
    assert links[site.url("/en/ai-act")] == ["BIPT"]
    assert len(links) == 13  # no image, no mailto, nothing from pages/
    assert "https://example.org/x" not in links
    assert next(iter(links)) == site.url("/nl/observatorium")


# ----------------------------------------------------------------------------- a full run


def test_fetch_all_caches_pages_and_reports_failures(settings: Settings, site: Site) -> None:
    write_corpus(settings, site)
    report = fetch_pages(settings, progress=False)
    results = by_url(report)
    status = {url.removeprefix(site.url("")): r.status for url, r in results.items()}
    assert status == {
        "/nl/observatorium": "fetched",
        "/en/ai-act": "fetched",
        "/old": "fetched",
        "/plan.pdf": "fetched",
        "/missing": "failed",
        "/broken": "failed",
        "/slow": "failed",
        "/huge": "failed",
        "/private/secret": "skipped",
        "/logo.png": "failed",
        "/loop": "failed",
        "/to-ftp": "failed",
        "/empty": "failed",
    }
    assert not report.ok
    assert report.offline_lines() == []  # the host answered: these are no network failures

    # Dutch page: front matter and body.
    nl_url = site.url("/nl/observatorium")
    meta, body = read_page(page_path(settings, nl_url))
    assert tuple(meta) == FRONT_MATTER_KEYS
    assert meta["url"] == meta["final_url"] == nl_url
    assert meta["title"] == "Het AI-observatorium"
    assert meta["language"] == "nl"
    assert meta["status"] == 200
    assert meta["etag"] is None and meta["last_modified"] == LAST_MODIFIED
    assert meta["content_type"] == "text/html"
    assert meta["anchors"] == ["AI Observatory", "Observatorium"]
    assert meta["source"] == "fetched"
    assert meta["content_hash"] == hashlib.sha256(body.encode()).hexdigest()
    assert meta["fetched_at"].endswith("Z") and meta["fetched_at"][:2] == "20"
    assert "# Het AI-observatorium" in body.splitlines()
    assert "## Het AI-observatorium details" in body.splitlines()
    for paragraph in NL_PARAGRAPHS:
        assert paragraph in body
    for junk in BOILERPLATE:
        assert junk not in body

    # English page, and the redirect chain that ends on it.
    en_meta, en_body = read_page(page_path(settings, site.url("/en/ai-act")))
    assert en_meta["language"] == "en" and en_meta["title"] == "Application of the AI Act"
    assert EN_PARAGRAPHS[0] in en_body and not any(j in en_body for j in BOILERPLATE)
    old_meta, old_body = read_page(page_path(settings, site.url("/old")))
    assert old_meta["url"] == site.url("/old")
    assert old_meta["final_url"] == site.url("/en/ai-act")
    assert old_meta["anchors"] == ["old link"]
    assert old_body == en_body and old_meta["content_hash"] == en_meta["content_hash"]
    assert results[site.url("/old")].final_url == site.url("/en/ai-act")

    # PDF.
    pdf_meta, pdf_body = read_page(page_path(settings, site.url("/plan.pdf")))
    assert pdf_meta["title"] == "Flanders AI Policy Plan"
    assert pdf_meta["content_type"] == "application/pdf" and pdf_meta["language"] == "en"
    assert "36 million euro per year" in pdf_body

    # Every failure is in the table with its reason; no cache file for any of them.
    table = report.summary_table()
    expected = {
        "/missing": "HTTP 404",
        "/broken": "HTTP 500",
        "/slow": "timed out",
        "/huge": "too large",
        "/private/secret": "robots.txt",
        "/logo.png": "non-text content type image/png",
        "/loop": "too many redirects",
        "/to-ftp": "non-http(s)",
        "/empty": "no main text",
    }
    for path, reason in expected.items():
        assert reason in results[site.url(path)].reason
        row = next(line for line in table.splitlines() if line.startswith(site.url(path) + " "))
        assert reason in row
        assert not page_path(settings, site.url(path)).exists()
    assert table.splitlines()[0].split() == ["URL", "result", "reason"]
    assert results[site.url("/missing")].http_status == 404

    # Polite: robots.txt once per host, the disallowed page never requested.
    assert site.paths().count("/robots.txt") == 1
    assert "/private/secret" not in site.paths()
    assert all(r.headers["user-agent"] == settings.fetch.user_agent for r in site.requests)
    # Nothing but the page files in the cache (no temp files left behind).
    cached = sorted(p.name for p in settings.pages_dir.iterdir())
    assert len(cached) == 5 and all(name.endswith(".md") for name in cached)


# ----------------------------------------------------------------------------- re-fetching


def test_refetch_unchanged_pages_leaves_files_alone(settings: Settings, site: Site) -> None:
    etag = '"v1"'

    def changing(request: Request) -> Reply:
        if request.headers.get("if-none-match") == etag:
            return Reply(304, headers={"ETag": etag})
        paragraphs = [*EN_PARAGRAPHS[:2], f"This is version {etag}."]
        page = html_page("Changing", "A changing page", paragraphs, "en")
        return Reply(200, page, {"Content-Type": "text/html", "ETag": etag})

    site.routes["/changing"] = changing
    urls = [site.url("/changing"), site.url("/nl/observatorium")]
    first = fetch_pages(settings, urls, progress=False)
    assert [r.status for r in first.results] == ["fetched", "fetched"]
    assert first.ok
    changing_path = page_path(settings, urls[0])
    nl_path = page_path(settings, urls[1])
    assert read_page(changing_path)[0]["etag"] == '"v1"'
    assert read_page(changing_path)[0]["anchors"] == []  # not in any report
    before = {p: snapshot(p) for p in (changing_path, nl_path)}

    second = fetch_pages(settings, urls, progress=False)
    assert [r.status for r in second.results] == ["unchanged", "unchanged"]
    assert second.results[0].reason == "not modified (HTTP 304)"
    assert second.results[1].reason == "same content"  # 200 again, same text
    assert {p: snapshot(p) for p in before} == before
    sent = [r.headers for r in site.requests if r.path != "/robots.txt"][-2:]
    assert sent[0]["if-none-match"] == '"v1"'
    assert sent[1]["if-modified-since"] == LAST_MODIFIED

    etag = '"v2"'
    third = fetch_pages(settings, [urls[0]], progress=False)
    assert third.results[0].status == "updated"
    meta, body = read_page(changing_path)
    assert meta["etag"] == '"v2"' and 'version "v2"' in body
    assert meta["content_hash"] == hashlib.sha256(body.encode()).hexdigest()
    assert snapshot(changing_path) != before[changing_path]

    # The server now fails: the result says so and the cached copy is kept as it was.
    kept = snapshot(changing_path)
    site.routes["/changing"] = lambda r: Reply(500, b"down")
    fourth = fetch_pages(settings, [urls[0]], progress=False)
    result = fourth.results[0]
    assert result.status == "failed" and "HTTP 500" in result.reason
    assert "cached copy kept" in result.reason and result.path == changing_path
    assert snapshot(changing_path) == kept


def test_changed_anchors_rewrite_front_matter_only(settings: Settings, site: Site) -> None:
    write_corpus(settings, site)
    url = site.url("/en/ai-act")
    fetch_pages(settings, [url], progress=False)
    before = read_page(page_path(settings, url))
    report = settings.corpus_dir / "report.md"
    report.write_text(report.read_text().replace("[BIPT]", "[the regulator]"))
    result = fetch_pages(settings, [url], progress=False).results[0]
    assert result.status == "updated" and "anchors changed" in result.reason
    after = read_page(page_path(settings, url))
    assert after[0]["anchors"] == ["the regulator"]
    assert after[1] == before[1] and after[0]["content_hash"] == before[0]["content_hash"]


# ----------------------------------------------------------------------------- safety


def test_private_addresses_are_refused_without_a_request(tmp_path: Path, site: Site) -> None:
    settings = make_settings(tmp_path, allow_private=False)
    urls = [
        site.url("/nl/observatorium"),
        f"http://localhost:{site.port}/en/ai-act",
        "http://10.0.0.1/admin",  # literal addresses: refused before any packet is sent
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "ftp://files.example/report",
    ]
    report = fetch_pages(settings, urls, progress=False)
    assert [r.status for r in report.results] == ["failed"] * len(urls)
    for result in report.results[:-1]:
        assert "SSRF" in result.reason, result
    assert report.results[-1].reason == "not an http(s) URL"
    assert site.requests == []
    assert not settings.pages_dir.exists() or not any(settings.pages_dir.iterdir())


def test_allow_private_opens_the_first_origin_only(settings: Settings, site: Site) -> None:
    """A redirect from an allowed private page to the metadata address or to another private
    host or port is refused before any request is made to it."""
    other = Site()
    other.routes = {"/admin": lambda r: Reply(200, b"<h1>admin</h1>")}
    other.start()
    try:
        site.routes["/to-metadata"] = lambda r: Reply(
            302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
        )
        site.routes["/to-other-port"] = lambda r: Reply(
            302, headers={"Location": other.url("/admin")}
        )
        site.routes["/to-ten"] = lambda r: Reply(301, headers={"Location": "http://10.1.2.3/"})
        urls = [site.url(p) for p in ("/to-metadata", "/to-other-port", "/to-ten", "/old")]
        results = by_url(fetch_pages(settings, urls, progress=False))
        for url in urls[:3]:
            assert results[url].status == "failed", results[url]
            assert results[url].kind == "refused" and "SSRF" in results[url].reason
        assert other.requests == []  # never asked
        assert results[urls[3]].status == "fetched"  # redirects within the origin still work
    finally:
        other.stop()


def test_credentials_are_used_but_never_stored_or_shown(settings: Settings, site: Site) -> None:
    secret = "hunter2-secret"
    site.routes["/to-creds"] = lambda r: Reply(
        302, headers={"Location": f"http://bob:{secret}@127.0.0.1:{site.port}/en/ai-act"}
    )
    url = f"http://alice:{secret}@127.0.0.1:{site.port}/nl/observatorium"
    report = fetch_pages(settings, [url, site.url("/to-creds")], progress=False)
    assert [r.status for r in report.results] == ["fetched", "fetched"], report.summary_table()
    assert site.requests[-1].headers.get("authorization", "").startswith("Basic ")  # used
    assert report.results[0].url == site.url("/nl/observatorium")
    assert secret not in report.summary_table() + report.totals()
    for path in settings.pages_dir.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert secret not in text and "alice" not in text and "bob:" not in text, path
    meta, _ = read_page(report.results[1].path)
    assert meta["final_url"] == site.url("/en/ai-act")
    assert strip_credentials("https://u:p@[::1]:8443/a?b=c#d") == "https://[::1]:8443/a?b=c#d"
    assert strip_credentials("https://example.org/@x") == "https://example.org/@x"


def test_dropped_page_url_loses_its_credentials(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Page\n\nThe observatory follows artificial intelligence in Belgium.\n")
    page.with_suffix(".url").write_text("https://user:pw@example.org/page\n")
    meta, _ = load_dropped_page(page)
    assert meta["url"] == meta["final_url"] == "https://example.org/page"


def test_robots_can_be_ignored(tmp_path: Path, site: Site) -> None:
    settings = make_settings(tmp_path, respect_robots=False)
    report = fetch_pages(settings, [site.url("/private/secret")], progress=False)
    assert report.results[0].status == "fetched"
    assert "/robots.txt" not in site.paths()


def test_robots_404_allows_and_5xx_refuses(settings: Settings, site: Site) -> None:
    del site.routes["/robots.txt"]  # 404: no rules
    site.routes["/notes.txt"] = lambda r: Reply(
        200,
        b"Wie doet wat?\nDe minister van Digitalisering.\n",
        {"Content-Type": "text/plain"},
    )
    report = fetch_pages(
        settings, [site.url("/private/secret"), site.url("/notes.txt")], progress=False
    )
    assert [r.status for r in report.results] == ["fetched", "fetched"]
    meta, body = read_page(page_path(settings, site.url("/notes.txt")))
    assert body == "Wie doet wat?\nDe minister van Digitalisering."  # plain text kept as is
    assert meta["title"] == "Wie doet wat?" and meta["content_type"] == "text/plain"

    site.routes["/robots.txt"] = lambda r: Reply(503, b"busy")
    report = fetch_pages(settings, [site.url("/en/ai-act")], progress=False)
    assert report.results[0].status == "failed"
    assert "robots.txt answered HTTP 503" in report.results[0].reason
    assert "/en/ai-act" not in site.paths()


def test_declared_oversize_is_refused_before_reading(tmp_path: Path, site: Site) -> None:
    settings = make_settings(tmp_path, max_bytes=1000)
    site.routes["/big"] = lambda r: Reply(
        200, b"<p>" + b"y" * 5000 + b"</p>", {"Content-Type": "text/html"}
    )
    result = fetch_pages(settings, [site.url("/big")], progress=False).results[0]
    assert result.status == "failed" and "too large (5007 bytes, limit 1000)" in result.reason


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:4700:4700::1111", True),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("100.64.0.1", False),
        ("127.0.0.1", False),
        ("169.254.169.254", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("240.0.0.1", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:10.0.0.1", False),
        ("2002:7f00:1::", False),  # 6to4 wrapping 127.0.0.1
    ],
)
def test_ssrf_guard_address_classes(address: str, public: bool) -> None:
    assert _is_public(ipaddress.ip_address(address)) is public


def test_offline_fetch_keeps_cache_and_says_so(settings: Settings, site: Site) -> None:
    url = site.url("/nl/observatorium")
    fetch_pages(settings, [url], progress=False)
    cached = snapshot(page_path(settings, url))
    site.stop()  # the port now refuses connections

    with socket.socket() as probe:  # a second port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        unused = probe.getsockname()[1]
    urls = [url, f"http://127.0.0.1:{unused}/page", "http://nonexistent.invalid/"]
    report = fetch_pages(settings, urls, progress=True)
    assert [r.status for r in report.results] == ["failed"] * 3
    assert [r.kind for r in report.results] == ["connect", "connect", "dns"]
    assert "connection refused" in report.results[0].reason
    assert report.results[0].path == page_path(settings, url)
    assert snapshot(page_path(settings, url)) == cached
    lines = report.offline_lines()
    assert len(lines) == 2
    assert lines[0].startswith("offline: 1 URL on 1 host could not be resolved (DNS)")
    assert "nonexistent.invalid" in lines[0]
    assert lines[1].startswith("offline: 2 URLs on 1 host could not be reached (127.0.0.1)")
    assert "(1 of 2 cached)" in lines[1]
    assert not report.ok


# ----------------------------------------------------------------------------- files on disk


def test_extract_file_by_suffix(tmp_path: Path) -> None:
    html = tmp_path / "page.html"
    html.write_bytes(html_page("Observatorium", "Het AI-observatorium", NL_PARAGRAPHS, "nl"))
    got = extract_file(html, "https://bosa.belgium.be/nl/x")
    assert got.language == "nl" and got.title == "Het AI-observatorium"
    assert NL_PARAGRAPHS[1] in got.text and "FOOTERTEXT" not in got.text

    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(pdf_document("Microsoft Word - plan.docx", PDF_LINES))
    got = extract_file(pdf, "https://example.org/plan.pdf")
    assert got.title == "Flanders AI Policy Plan"  # office junk title: first line instead
    assert "research, implementation" in got.text

    md = tmp_path / "note.md"
    md.write_text("---\nlayout: post\n---\nIntro line.\n\n## Wie doet wat\n\nDe minister.\n")
    got = extract_file(md, "https://example.org/note")
    assert got.title == "Wie doet wat" and got.text.startswith("Intro line.")
    assert "layout" not in got.text

    txt = tmp_path / "note.txt"
    txt.write_text("Plain title\nSome text about the AI Act.\n")
    assert extract_file(txt, "https://example.org/t").title == "Plain title"

    with pytest.raises(ExtractError, match=r"unsupported file type \.docx"):
        extract_file(tmp_path / "x.docx", "https://example.org/x")


def test_extract_errors_are_clear() -> None:
    with pytest.raises(ExtractError, match="no main text"):
        extract_html("<html><body><div></div></body></html>", "https://example.org/e")
    with pytest.raises(ExtractError, match="empty HTML"):
        extract_html(b"", "https://example.org/e")
    with pytest.raises(ExtractError, match="PDF could not be read"):
        extract_pdf(b"%PDF-1.4 not really", "https://example.org/p.pdf")
    assert issubclass(ExtractError, ValueError)


def test_extract_html_title_falls_back_to_title_tag_then_url() -> None:
    body = "<p>" + " ".join(EN_PARAGRAPHS) + "</p>"
    got = extract_html(
        f"<html><head><title>Tag title</title></head><body>{body}</body></html>", "u"
    )
    assert got.title == "Tag title"
    got = extract_html(f"<html><body>{body}</body></html>", "https://example.org/p")
    assert got.title == "https://example.org/p"


@pytest.mark.parametrize("suffix", [".html", ".pdf", ".md"])
def test_load_dropped_page_with_sidecar(tmp_path: Path, suffix: str) -> None:
    page = tmp_path / f"saved{suffix}"
    if suffix == ".html":
        page.write_bytes(html_page("BIPT", "Application of the AI Act", EN_PARAGRAPHS, "en"))
    elif suffix == ".pdf":
        page.write_bytes(pdf_document("Flanders AI Policy Plan", PDF_LINES))
    else:
        page.write_text("# Application of the AI Act\n\n" + "\n\n".join(EN_PARAGRAPHS) + "\n")
    (tmp_path / "saved.url").write_text("\nhttps://www.bipt.be/operators/ai-act\n# comment\n")
    meta, body = load_dropped_page(page, links={"https://www.bipt.be/operators/ai-act": ["BIPT"]})
    assert tuple(meta) == FRONT_MATTER_KEYS
    assert meta["source"] == "dropped"
    assert meta["url"] == meta["final_url"] == "https://www.bipt.be/operators/ai-act"
    assert meta["language"] == "en" and meta["anchors"] == ["BIPT"]
    assert meta["content_hash"] == hashlib.sha256(body.encode()).hexdigest()
    assert meta["status"] is None and meta["fetched_at"].endswith("Z")
    assert ("36 million" in body) if suffix == ".pdf" else (EN_PARAGRAPHS[1] in body)


def test_load_dropped_page_needs_a_sidecar(tmp_path: Path) -> None:
    page = tmp_path / "name.html"
    page.write_bytes(html_page("BIPT", "AI Act", EN_PARAGRAPHS, "en"))
    with pytest.raises(ValueError, match=r"name\.html.*add name\.url with the page's URL"):
        load_dropped_page(page)
    (tmp_path / "name.url").write_text("www.bipt.be/no-scheme\n")
    with pytest.raises(ValueError, match="http"):
        load_dropped_page(page)


def test_slugs_are_stable_safe_and_distinct() -> None:
    a = slug_for_url("https://bosa.belgium.be/nl/AI4Belgium/observatorium")
    assert a == slug_for_url("https://bosa.belgium.be/nl/AI4Belgium/observatorium")
    assert a.startswith("bosa.belgium.be-nl-ai4belgium-observatorium-")
    b = slug_for_url("https://bosa.belgium.be/nl/AI4Belgium/observatorium?page=2")
    assert a != b
    long = slug_for_url("https://example.org/" + "x/" * 200 + "?q=é&r=/../")
    assert len(long) < 120 and all(c.isalnum() or c in ".-" for c in long)
