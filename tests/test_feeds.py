"""kg.feeds against a real HTTP server on loopback: RSS, Atom, pages, .urls lists, dead links, timeouts."""

from __future__ import annotations

import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from loopback import serving  # tests/loopback.py

from kg.errors import InputError
from kg.feeds import FetchError, as_url, default_client, read_url, read_url_list
from kg.ingest import read_inputs
from kg.model import Document

pytestmark = pytest.mark.network

PAGE = """<!doctype html><html><head><title>{title} | The Loopback Ledger</title>
<meta property="og:site_name" content="The Loopback Ledger"></head>
<body><article><h1>{title}</h1>
<p>{city} — The foreign minister met her counterpart on Monday to discuss the ceasefire and the
exchange of prisoners, officials said after the talks.</p>
<p>"We made progress on every point that matters," the minister told reporters outside the
building, adding that a second round of talks would follow next month.</p>
</article></body></html>"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Loopback news</title>
<item><title>Talks in Vienna</title><link>{base}/a/vienna</link><pubDate>Mon, 09 Jun 2025 08:00:00 GMT</pubDate></item>
<item><title>Dead link</title><link>{base}/a/missing</link></item>
<item><title>Talks in Oslo</title><link>{base}/a/oslo</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Loopback atom</title>
<entry><title>Talks in Rome</title><link rel="alternate" href="{base}/a/rome"/><published>2025-06-10T09:00:00Z</published></entry>
</feed>"""


class _Handler(BaseHTTPRequestHandler):
    hits: list[str] = []

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.hits.append(self.path)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path == "/rss":
            self._send(200, RSS.format(base=base), "application/rss+xml")
        elif self.path == "/atom":
            self._send(200, ATOM.format(base=base), "application/atom+xml")
        elif self.path.startswith("/a/") and self.path != "/a/missing":
            city = self.path.rsplit("/", 1)[1].capitalize()
            self._send(200, PAGE.format(title=f"Talks in {city}", city=city.upper()), "text/html; charset=utf-8")
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, PAGE.format(title="Late", city="LATE"), "text/html")
        else:
            self._send(404, "not here", "text/plain")

    def _send(self, status: int, body: str, ctype: str) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        try:
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (the timeout test)


@pytest.fixture()
def server() -> Iterator[str]:
    _Handler.hits = []
    with serving(_Handler) as url:
        yield url


def _client(timeout: float = 5.0):
    client = default_client(timeout)
    client.max_retries = 0
    return client


def test_rss_items_are_fetched_lazily_and_a_dead_link_is_one_error(server) -> None:
    items = read_url(f"{server}/rss", _client())
    first = next(items)
    assert isinstance(first, Document)
    assert first.headline == "Talks in Vienna" and first.url == f"{server}/a/vienna"
    assert first.date is not None and first.date.isoformat() == "2025-06-09"  # from the feed item
    assert "We made progress" in first.text
    assert _Handler.hits == ["/rss", "/a/vienna"]  # nothing fetched ahead of the consumer
    rest = list(items)
    assert isinstance(rest[0], FetchError) and "404" in str(rest[0]) and rest[0].source.endswith("/a/missing")
    assert isinstance(rest[1], Document) and rest[1].headline == "Talks in Oslo"


def test_atom_entries_and_plain_pages(server) -> None:
    [entry] = list(read_url(f"{server}/atom", _client()))
    assert isinstance(entry, Document) and entry.headline == "Talks in Rome"
    assert entry.date.isoformat() == "2025-06-10"
    [page] = list(read_url(f"{server}/a/kyiv", _client()))
    assert isinstance(page, Document) and page.headline == "Talks in Kyiv"


def test_a_timeout_is_reported_not_raised(server) -> None:
    started = time.monotonic()
    [error] = list(read_url(f"{server}/slow", _client(timeout=0.3)))
    assert isinstance(error, FetchError) and "Timeout" in str(error)
    assert time.monotonic() - started < 1.4  # the request was cut, the server's sleep was not awaited


def test_url_lists_and_read_inputs(server, tmp_path: Path) -> None:
    listing = tmp_path / "sources.urls"
    listing.write_text(f"# two pages and a typo\n{server}/a/paris\n\nnot a url\n{server}/a/lima\n")
    got = list(read_url_list(listing, _client()))
    assert [type(g).__name__ for g in got] == ["Document", "InputError", "Document"]
    assert "line 4" in str(got[1])
    # Through the ingest stage: a .urls file, and a URL given as an argument (Path-mangled as by the CLI).
    via_ingest = list(read_inputs([listing, Path(f"{server}/a/quito")]))
    assert [d.headline for d in via_ingest if isinstance(d, Document)] == ["Talks in Paris", "Talks in Lima", "Talks in Quito"]
    assert sum(isinstance(d, InputError) for d in via_ingest) == 1


def test_as_url_repairs_paths_and_rejects_the_rest() -> None:
    assert as_url(Path("https://example.org/a/b")) == "https://example.org/a/b"
    assert as_url("HTTP://example.org") == "http://example.org"
    assert as_url("ftp://example.org/x") is None and as_url("notes.txt") is None
