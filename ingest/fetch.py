"""Fetch the official pages the report links, once, politely, into a cache that ingest reads.

Only the URLs asked for are fetched (by default: every link in the corpus's Markdown reports);
nothing is crawled. Each page becomes one Markdown file with YAML front matter in
``settings.pages_dir``. A re-fetch is conditional (ETag / Last-Modified) and leaves the file
byte for byte alone when nothing changed, so ingest, which keys chunks by content hash, has no
work to redo. A failure of any kind becomes a result with a reason and never touches the cached
copy: ingest can always run offline on what was fetched before.

Safety: every URL and every redirect hop is resolved and refused when it points at a private,
loopback, link-local or otherwise non-public address (the SSRF guard); ``allow_private`` opens
the guard for the origin asked for only, so a redirect from an allowed private host to another
private address (169.254.169.254, another port) is still refused. Redirects are followed by
hand and only to http(s), bodies are streamed and cut off at ``max_bytes``, and robots.txt is
obeyed. Credentials in a URL (``user:password@``) are used for the request but never stored in
the cache or shown. The guard checks the addresses the name resolves to just before the
request; a DNS server that answers differently a moment later (rebinding) is not defended
against here.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import re
import socket
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx
import yaml

from ingest.extract import (
    HTML_SUFFIXES,
    PDF_SUFFIXES,
    Extracted,
    ExtractError,
    extract_file,
    extract_html,
    extract_markdown,
    extract_pdf,
)
from ingest.links import find_links
from ingest.settings import Settings

ResultStatus = Literal["fetched", "updated", "unchanged", "failed", "skipped"]
# Failure kinds that mean "this machine cannot reach that host": they make the offline lines.
NETWORK_KINDS = frozenset({"dns", "connect"})

FRONT_MATTER_KEYS = (
    "title",
    "url",
    "final_url",
    "language",
    "fetched_at",
    "status",
    "etag",
    "last_modified",
    "content_hash",
    "content_type",
    "anchors",
    "source",
)

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_PDF_TYPES = frozenset({"application/pdf"})
_TEXT_TYPES = frozenset({"text/markdown", "text/x-markdown", "text/plain"})
# Servers that do not say what they send: the first bytes decide (HTML or PDF, else refused).
_UNTYPED = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ACCEPT = (
    "text/html,application/xhtml+xml,application/pdf;q=0.9,text/markdown;q=0.8,"
    "text/plain;q=0.8,*/*;q=0.1"
)
_ROBOTS_MAX_BYTES = 512_000  # RFC 9309: a crawler must read at least 500 KiB of robots.txt
# A server that trickles bytes keeps each read under the timeout; the whole request is capped at
# this many timeouts so that one slow host cannot stall a run.
_REQUEST_DEADLINE_FACTOR = 2.0
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n\n?", re.DOTALL)
_SLUG_CHARS = re.compile(r"[^a-z0-9.]+")
_SLUG_MAX = 90
_CREDENTIALS = re.compile(r"(//)[^/?#\s@]*@")  # user:password@ inside any text


@dataclass
class FetchResult:
    """What happened to one URL; ``path`` is the cache file when one exists (even on failure)."""

    url: str
    status: ResultStatus
    reason: str = ""
    http_status: int | None = None
    path: Path | None = None
    final_url: str | None = None
    kind: str | None = None  # failure kind: dns, connect, timeout, http, refused, robots, ...


@dataclass
class FetchReport:
    results: list[FetchResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing failed (robots-skipped pages are not failures)."""
        return not any(r.status == "failed" for r in self.results)

    def by_status(self, status: ResultStatus) -> list[FetchResult]:
        return [r for r in self.results if r.status == status]

    def totals(self) -> str:
        """One line such as '40 fetched, 0 updated, 5 unchanged, 3 failed, 0 skipped'."""
        names: tuple[ResultStatus, ...] = ("fetched", "updated", "unchanged", "failed", "skipped")
        return ", ".join(f"{len(self.by_status(n))} {n}" for n in names)

    def summary_table(self) -> str:
        """Plain-text table with one row per URL: URL, result, reason."""
        rows = [("URL", "result", "reason")]
        rows += [(r.url, r.status, r.reason) for r in self.results]
        url_w = max(len(row[0]) for row in rows)
        status_w = max(len(row[1]) for row in rows)
        lines = [f"{u:<{url_w}}  {s:<{status_w}}  {why}".rstrip() for u, s, why in rows]
        lines.insert(1, f"{'-' * url_w}  {'-' * status_w}  {'-' * 6}")
        return "\n".join(lines)

    def offline_lines(self) -> list[str]:
        """One line per kind of unreachable-host failure, naming the hosts, so that an offline
        run reads as one clear message rather than a wall of errors."""
        lines = []
        for kind, verb in (
            ("dns", "could not be resolved (DNS)"),
            ("connect", "could not be reached"),
        ):
            failed = [r for r in self.results if r.status == "failed" and r.kind == kind]
            if not failed:
                continue
            hosts = sorted({urlsplit(r.url).hostname or r.url for r in failed})
            shown = ", ".join(hosts[:4]) + (", ..." if len(hosts) > 4 else "")
            cached = sum(r.path is not None for r in failed)
            lines.append(
                f"offline: {_count(len(failed), 'URL')} on {_count(len(hosts), 'host')} {verb} "
                f"({shown}): check the network; ingest will use the cached pages "
                f"({cached} of {len(failed)} cached)"
            )
        return lines


# ----------------------------------------------------------------------------- public helpers


def corpus_links(settings: Settings) -> dict[str, list[str]]:
    """Every http(s) link of the Markdown reports in corpus_dir (not pages/), in order of first
    appearance, each with the distinct anchor texts the reports give it."""
    links: dict[str, list[str]] = {}
    if not settings.corpus_dir.is_dir():
        return links
    for doc in sorted(settings.corpus_dir.glob("*.md")):
        for link in find_links(doc.read_text(encoding="utf-8", errors="replace")):
            anchors = links.setdefault(link.url, [])
            if link.text and link.text not in anchors:
                anchors.append(link.text)
    return links


def strip_credentials(url: str) -> str:
    """The URL without ``user:password@``: what may be stored in the cache or shown to anyone."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return _CREDENTIALS.sub(r"\1", url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def slug_for_url(url: str) -> str:
    """Stable, filesystem-safe file stem: host and path for people, a URL hash for uniqueness."""
    parts = urlsplit(url)
    readable = _SLUG_CHARS.sub("-", f"{parts.hostname or ''} {parts.path}".lower()).strip("-.")
    readable = readable[:_SLUG_MAX].rstrip("-.") or "page"
    return f"{readable}-{hashlib.sha256(url.encode()).hexdigest()[:10]}"


def page_path(settings: Settings, url: str) -> Path:
    """The cache file of a URL."""
    return settings.pages_dir / f"{slug_for_url(url)}.md"


def read_page(path: Path) -> tuple[dict, str]:
    """Front matter and Markdown body of a cache file (as written by fetch_pages)."""
    text = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    if not match:
        raise ValueError(f"{path}: no YAML front matter; not a page cached by 'wiedoetwat fetch'")
    meta = yaml.safe_load(match.group(1))
    if not isinstance(meta, dict):
        raise ValueError(f"{path}: front matter is not a mapping")
    body = text[match.end() :]
    return meta, body[:-1] if body.endswith("\n") else body


def load_dropped_page(
    path: Path, *, links: Mapping[str, list[str]] | None = None
) -> tuple[dict, str]:
    """A page the user saved into corpus/pages/ (name.html, name.pdf or name.md) with a sidecar
    name.url whose first line is the page's URL: metadata like a cache file's, and the text.

    ``links`` is corpus_links(settings): when given, the report's anchors for the URL are kept.
    """
    sidecar = path.with_suffix(".url")
    if not sidecar.is_file():
        raise ValueError(
            f"{path}: no sidecar {sidecar.name}, so the page has no URL to cite; "
            f"add {sidecar.name} with the page's URL on its first line"
        )
    lines = [ln.strip() for ln in sidecar.read_text(encoding="utf-8-sig").splitlines()]
    url = next((ln for ln in lines if ln), "")
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise ValueError(
            f"{sidecar}: the first line must be the page's http(s) URL, "
            f"got {strip_credentials(url)!r}"
        )
    url = strip_credentials(url)
    extracted = extract_file(path, url)
    suffix = path.suffix.lower()
    content_type = (
        "text/html"
        if suffix in HTML_SUFFIXES
        else "application/pdf"
        if suffix in PDF_SUFFIXES
        else "text/markdown"
    )
    mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    meta = _metadata(
        extracted,
        url=url,
        final_url=url,
        fetched_at=_iso(mtime),
        status=None,
        etag=None,
        last_modified=None,
        content_type=content_type,
        anchors=list((links or {}).get(url, [])),
        source="dropped",
    )
    return meta, extracted.text


def fetch_pages(
    settings: Settings, urls: list[str] | None = None, *, progress: bool = True
) -> FetchReport:
    """Fetch the given URLs (default: every corpus link) into the page cache; never raises for
    a single page: each failure is a result with a reason, and the cached copy stays."""
    from tqdm import tqdm

    links = corpus_links(settings)
    targets = list(links) if urls is None else list(dict.fromkeys(u.strip() for u in urls))
    report = FetchReport()
    client = httpx.Client(
        headers={"User-Agent": settings.fetch.user_agent, "Accept": _ACCEPT},
        timeout=httpx.Timeout(settings.fetch.timeout_s),
        follow_redirects=False,
    )
    with client:
        fetcher = _Fetcher(client, settings)
        bar = tqdm(targets, desc="fetch", unit="page", disable=not progress)
        for url in bar:
            bar.set_postfix_str(urlsplit(url).hostname or "", refresh=False)
            report.results.append(fetcher.fetch(url, links.get(url, [])))
    return report


# ----------------------------------------------------------------------------- internals


class _Failure(Exception):
    """One URL could not be fetched; carries the short reason shown to the user."""

    def __init__(
        self,
        reason: str,
        *,
        kind: str,
        http_status: int | None = None,
        status: ResultStatus = "failed",
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind
        self.http_status = http_status
        self.status = status


@dataclass
class _Response:
    url: str  # the final URL, after redirects
    status: int
    headers: httpx.Headers
    media_type: str
    encoding: str | None
    body: bytes


class _Fetcher:
    """One run: one client, robots.txt and address checks remembered per host."""

    def __init__(self, client: httpx.Client, settings: Settings) -> None:
        self.client = client
        self.settings = settings
        self.cfg = settings.fetch
        self._addresses: dict[tuple[str, int, bool], _Failure | None] = {}
        self._robots: dict[str, RobotFileParser | _Failure] = {}

    def fetch(self, url: str, anchors: list[str]) -> FetchResult:
        """Fetch one URL; its credentials go into the request only, never the cache or report."""
        request_url, url = url, strip_credentials(url)
        path = page_path(self.settings, url)
        cached = _read_cache(path)
        try:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise _Failure("not an http(s) URL", kind="invalid")
            conditional = {}
            if cached is not None:
                if cached[0].get("etag"):
                    conditional["If-None-Match"] = str(cached[0]["etag"])
                if cached[0].get("last_modified"):
                    conditional["If-Modified-Since"] = str(cached[0]["last_modified"])
            response = self._get(request_url, conditional, robots=self.cfg.respect_robots)
            return self._store(url, anchors, response, path, cached)
        except _Failure as exc:
            return self._failed(
                url, path, cached, exc.reason, exc.kind, exc.http_status, exc.status
            )
        except ExtractError as exc:  # its message starts with the URL, which the table shows
            reason = re.sub(r"^https?://\S+: ", "", _short(exc))
            return self._failed(url, path, cached, reason, "extract", None)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            failure = _from_httpx(exc, self.cfg.timeout_s)
            return self._failed(url, path, cached, failure.reason, failure.kind, None)
        except Exception as exc:  # one odd page must not end the run
            reason = f"unexpected {type(exc).__name__}: {_short(exc)}"
            return self._failed(url, path, cached, reason, "error", None)

    # -- storing

    def _store(
        self,
        url: str,
        anchors: list[str],
        response: _Response,
        path: Path,
        cached: tuple[dict, str] | None,
    ) -> FetchResult:
        done = {"url": url, "http_status": response.status, "path": path}
        final_url = strip_credentials(response.url)
        if response.status == 304:
            if cached is None:
                raise _Failure("HTTP 304 without a cached copy", kind="http", http_status=304)
            return self._keep(cached, path, anchors, "not modified (HTTP 304)", done)
        extracted = _extract(response)
        content_hash = _sha256(extracted.text)
        if cached is not None and cached[0].get("content_hash") == content_hash:
            return self._keep(cached, path, anchors, "same content", done)
        meta = _metadata(
            extracted,
            url=url,
            final_url=final_url,
            fetched_at=_iso(datetime.now(UTC)),
            status=response.status,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            content_type=response.media_type or "unknown",
            anchors=anchors,
            source="fetched",
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(path, _render(meta, extracted.text))
        via = f" via {final_url}" if final_url != url else ""
        what = f"{response.media_type or 'untyped'}, {len(extracted.text)} chars{via}"
        if cached is None:
            return FetchResult(status="fetched", reason=what, final_url=final_url, **done)
        return FetchResult(
            status="updated", reason=f"content changed; {what}", final_url=final_url, **done
        )

    def _keep(
        self, cached: tuple[dict, str], path: Path, anchors: list[str], why: str, done: dict
    ) -> FetchResult:
        """Same page as cached: the file stays as it is, unless the report's anchors changed."""
        meta, body = cached
        final_url = meta.get("final_url")
        if list(meta.get("anchors") or []) == anchors:
            return FetchResult(status="unchanged", reason=why, final_url=final_url, **done)
        _write_atomic(path, _render({**meta, "anchors": anchors}, body))
        return FetchResult(
            status="updated", reason=f"{why}; anchors changed", final_url=final_url, **done
        )

    def _failed(
        self,
        url: str,
        path: Path,
        cached: tuple[dict, str] | None,
        reason: str,
        kind: str,
        http_status: int | None,
        status: ResultStatus = "failed",
    ) -> FetchResult:
        kept = path if cached is not None else None
        reason = _CREDENTIALS.sub(r"\1", reason)  # a failure may quote the URL it failed on
        if kept is not None:
            reason += "; cached copy kept"
        return FetchResult(url, status, reason, http_status, kept, None, kind)

    # -- HTTP

    def _get(
        self,
        url: str,
        headers: dict[str, str],
        *,
        robots: bool,
        any_type: bool = False,
        max_bytes: int | None = None,
    ) -> _Response:
        """GET with redirects followed by hand, each hop checked (scheme, address, robots).

        allow_private holds for the origin asked for only: a hop to any other host or port must
        be public, so an allowed intranet page cannot bounce the fetcher to 169.254.169.254.
        """
        limit = max_bytes or self.cfg.max_bytes
        deadline = time.monotonic() + _REQUEST_DEADLINE_FACTOR * self.cfg.timeout_s
        current = url
        first = _origin(url)
        for _hop in range(self.cfg.max_redirects + 1):
            self._check_address(current, self.cfg.allow_private and _origin(current) == first)
            if robots:
                self._check_robots(current)
            with self.client.stream("GET", current, headers=headers) as resp:
                code = resp.status_code
                if code in _REDIRECTS:
                    location = resp.headers.get("location", "").strip()
                    if not location:
                        raise _Failure(f"HTTP {code} redirect without Location", kind="http")
                    target = urljoin(current, location)
                    if urlsplit(target).scheme not in ("http", "https"):
                        raise _Failure(
                            f"redirect to a non-http(s) URL ({target[:80]})", kind="redirect"
                        )
                    current = target
                    continue
                media, encoding = _media_type(resp)
                if code == 304:
                    return _Response(current, code, resp.headers, media, encoding, b"")
                if not 200 <= code < 300:
                    phrase = f" {resp.reason_phrase}" if resp.reason_phrase else ""
                    raise _Failure(f"HTTP {code}{phrase}", kind="http", http_status=code)
                if not any_type and not _supported(media):
                    raise _Failure(f"non-text content type {media}", kind="type", http_status=code)
                body = _read_body(resp, limit, deadline, self.cfg.timeout_s)
                return _Response(current, code, resp.headers, media, encoding, body)
        raise _Failure(f"too many redirects (more than {self.cfg.max_redirects})", kind="redirect")

    def _check_address(self, url: str, allow_private: bool) -> None:
        """Resolve the host; refuse non-public addresses unless allow_private (SSRF guard)."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise _Failure("invalid port in URL", kind="invalid") from None
        key = (host, port, allow_private)
        if key not in self._addresses:
            self._addresses[key] = _address_problem(host, port, allow_private)
        problem = self._addresses[key]
        if problem is not None:
            raise problem

    def _check_robots(self, url: str) -> None:
        """robots.txt, fetched once per scheme+host with the same client (RFC 9309 semantics:
        4xx means no rules, 5xx or unreachable means do not fetch)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        if isinstance(rules, _Failure):
            raise rules
        if not rules.can_fetch(self.cfg.user_agent, url):
            raise _Failure("disallowed by robots.txt", kind="robots", status="skipped")

    def _load_robots(self, origin: str) -> RobotFileParser | _Failure:
        rules = RobotFileParser(f"{origin}/robots.txt")
        try:
            response = self._get(
                f"{origin}/robots.txt", {}, robots=False, any_type=True, max_bytes=_ROBOTS_MAX_BYTES
            )
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            return _from_httpx(exc, self.cfg.timeout_s)
        except _Failure as exc:
            if exc.http_status is not None and exc.http_status >= 500:
                return _Failure(
                    f"robots.txt answered HTTP {exc.http_status}; not fetched",
                    kind="robots",
                    http_status=exc.http_status,
                )
            if exc.kind in NETWORK_KINDS | {"timeout", "network", "refused"}:
                return exc  # the page itself would fail the same way
            rules.allow_all = True  # 4xx, too large, odd redirects: no usable rules
            return rules
        text = response.body.decode(response.encoding or "utf-8", errors="replace")
        rules.parse(text.splitlines())
        return rules


# ----------------------------------------------------------------------------- small pieces


def _address_problem(host: str, port: int, allow_private: bool) -> _Failure | None:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        temporary = getattr(exc, "errno", None) == socket.EAI_AGAIN
        return _Failure(
            f"DNS: {host} could not be resolved" + (" (temporary failure)" if temporary else ""),
            kind="dns",
        )
    if allow_private:
        return None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not _is_public(address):
            return _Failure(
                f"refused: {host} resolves to non-public address {address} (SSRF guard)",
                kind="refused",
            )
    return None


def _origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port: what allow_private opens, and nothing else."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = -1
    return parts.scheme, parts.hostname or "", port or (443 if parts.scheme == "https" else 80)


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None and not _is_public(embedded):
            return False
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
        or not address.is_global
    )


def _from_httpx(exc: httpx.HTTPError | httpx.InvalidURL, timeout_s: float) -> _Failure:
    text = _short(exc)
    if isinstance(exc, httpx.ConnectTimeout):
        return _Failure(f"connection timed out after {timeout_s:g} s", kind="connect")
    if isinstance(exc, httpx.TimeoutException):
        return _Failure(f"timed out after {timeout_s:g} s", kind="timeout")
    if isinstance(exc, httpx.ConnectError):
        lowered = text.lower()
        if "ssl" in lowered or "certificate" in lowered:
            return _Failure(f"TLS error: {text}", kind="tls")
        if "name or service" in lowered or "nodename" in lowered or "resolution" in lowered:
            return _Failure(f"DNS: {text}", kind="dns")
        if "refused" in lowered:
            return _Failure("connection refused", kind="connect")
        return _Failure(f"connection failed: {text}", kind="connect")
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return _Failure(f"invalid URL: {text}", kind="invalid")
    return _Failure(f"network error ({type(exc).__name__}): {text}", kind="network")


def _media_type(resp: httpx.Response) -> tuple[str, str | None]:
    header = resp.headers.get("content-type", "")
    return header.split(";")[0].strip().lower(), resp.charset_encoding


def _supported(media: str) -> bool:
    return media in _HTML_TYPES or media in _PDF_TYPES or media in _TEXT_TYPES or media in _UNTYPED


def _read_body(resp: httpx.Response, limit: int, deadline: float, timeout_s: float) -> bytes:
    """The body, streamed; refused as soon as it passes the limit or the request deadline."""
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _Failure(f"too large ({int(declared)} bytes, limit {limit})", kind="size")
    body = bytearray()
    for chunk in resp.iter_bytes():
        body += chunk
        if len(body) > limit:
            raise _Failure(f"too large (over {limit} bytes)", kind="size")
        if time.monotonic() > deadline:
            raise _Failure(f"timed out after {timeout_s:g} s (body too slow)", kind="timeout")
    return bytes(body)


def _extract(response: _Response) -> Extracted:
    media, body, url = response.media_type, response.body, response.url
    if media in _UNTYPED:  # sniff: the only untyped bodies kept are HTML and PDF
        head = body[:1024].lstrip().lower()
        if body.startswith(b"%PDF-"):
            media = "application/pdf"
        elif head.startswith((b"<!doctype html", b"<html")):
            media = "text/html"
        else:
            raise _Failure("non-text content (no content type, not HTML or PDF)", kind="type")
    if media in _HTML_TYPES:
        return extract_html(body, url)
    if media in _PDF_TYPES:
        return extract_pdf(body, url)
    return extract_markdown(body.decode(response.encoding or "utf-8", errors="replace"), url)


def _metadata(extracted: Extracted, **fields: object) -> dict:
    meta = {
        "title": extracted.title,
        "language": extracted.language,
        "content_hash": _sha256(extracted.text),
        **fields,
    }
    return {key: meta[key] for key in FRONT_MATTER_KEYS}


def _render(meta: dict, body: str) -> str:
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{front}---\n\n{body}\n"


def _write_atomic(path: Path, content: str) -> None:
    """Temp file in the same folder, then rename: a reader never sees half a page."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_cache(path: Path) -> tuple[dict, str] | None:
    """The cached copy, or None when there is none or it cannot be read (then it is replaced)."""
    if not path.is_file():
        return None
    try:
        return read_page(path)
    except (OSError, ValueError, yaml.YAMLError):
        return None


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _short(exc: BaseException, limit: int = 160) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
