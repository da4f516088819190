"""A small threaded web server on 127.0.0.1 for the fetcher's tests, and the pages it serves.

A hand-written server rather than a mock: the fetcher's streaming, redirects, timeouts and
conditional requests are exercised over real sockets. Each route is a function of the request,
so a test can change a page between two fetches, and every request is logged.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Request:
    path: str
    headers: dict[str, str]  # lower-case names


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before anything is sent: a slow server
    content_length: bool = True  # False: the body ends when the connection closes


Route = Callable[[Request], Reply]


class Site:
    """Routes by path; start() binds a free port, stop() closes it (the port then refuses)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        assert self._server is not None
        return self._server.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def start(self) -> Site:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                request = Request(self.path, {k.lower(): v for k, v in self.headers.items()})
                site.requests.append(request)
                route = site.routes.get(self.path.split("?")[0])
                reply = route(request) if route else Reply(404, b"<h1>Not found</h1>")
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    if reply.content_length and reply.status != 304:
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    if reply.status != 304:
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout, size limit): expected in these tests

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output clean

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True  # a sleeping slow handler must not hold up stop()
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


def html_page(title: str, heading: str, paragraphs: list[str], lang: str) -> bytes:
    """An article page with the boilerplate that extraction must drop (nav, cookie bar, footer)."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs[:-1])
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>{title}</title></head>
<body>
<header><nav class="menu"><ul>
<li><a href="/">NAVSTART Home</a></li><li><a href="/contact">Contact</a></li>
<li><a href="/nieuws">Nieuws</a></li><li><a href="/zoeken">Zoeken</a></li>
</ul></nav></header>
<div class="cookie-banner">COOKIEBAR We use cookies to improve this site. Accept all.</div>
<main><article>
<h1>{heading}</h1>
{body}
<h2>{heading} details</h2>
<p>{paragraphs[-1]}</p>
</article></main>
<footer><p>FOOTERTEXT Copyright 2025. Privacy policy. Disclaimer. Sitemap.</p></footer>
</body></html>""".encode()


def pdf_document(title: str, lines: list[str]) -> bytes:
    """A minimal, valid one-page PDF with a text layer and a /Title, written by hand."""

    def literal(text: str) -> str:
        return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"

    shown = " ".join(f"{literal(line)} Tj T*" for line in lines)
    stream = f"BT /F1 11 Tf 14 TL 72 760 Td {shown} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Title {literal(title)} >>".encode("latin-1"),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
