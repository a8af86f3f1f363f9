"""Articles from the web: RSS and Atom feeds, article URLs, and files listing URLs (.urls).

Input: an http(s) URL (a feed or an article page) or a `.urls` file (one URL per line; blank
lines and lines starting with "#" are skipped). Output: lazily, one `kg.model.Document` per
article, or the `kg.errors.InputError` that kept one from being read (a page that does not
answer, answers 404, is too large or holds no article text) — yielded, not raised, so one dead
link never stops a corpus.

A feed's items are fetched one at a time as the caller consumes them (nothing is fetched ahead),
through `kg.http.PoliteClient`: a User-Agent naming geokg, a timeout per request, retries with
backoff on 429/5xx and `Retry-After` honoured. What the page declares (headline, date, authors)
wins; the feed item's title and date fill what the page lacks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import lxml.etree

from kg.errors import (
    FetchError,
    GeokgError,
    InputError,
    MissingInputError,
    TooLargeInputError,
)
from kg.http import PoliteClient, user_agent
from kg.ingest.dates import parse_date
from kg.ingest.html import _decode_html, parse_html
from kg.model import Document

#: Largest answer read (a feed or a page); larger ones are reported and skipped.
MAX_BYTES = 10 * 1024 * 1024
TIMEOUT = 30.0
_URL = re.compile(r"^(https?):/+(.+)$", re.IGNORECASE)
_ATOM = "{http://www.w3.org/2005/Atom}"


def as_url(given: object) -> str | None:
    """`given` as an http(s) URL, or None. A URL that went through `pathlib.Path` (as the CLI's
    arguments do) has lost one slash after the scheme; it is put back."""
    m = _URL.match(str(given).strip())
    return f"{m.group(1).lower()}://{m.group(2)}" if m else None


def default_client(timeout: float = TIMEOUT) -> PoliteClient:
    return PoliteClient("", service="the news site", user_agent=user_agent("reading news articles"),
                        accept="application/rss+xml, application/atom+xml, text/html;q=0.9, */*;q=0.5",
                        timeout=timeout)


def _fetch(url: str, client: PoliteClient) -> bytes:
    try:
        resp = client.request("GET", url)
    except GeokgError as exc:  # NetworkError after the retries
        raise FetchError(f"could not be fetched ({exc.message})", source=url) from exc
    if resp.status_code != 200:
        raise FetchError(f"answered HTTP {resp.status_code}, expected 200; check the URL", source=url)
    data = resp.content
    if len(data) > MAX_BYTES:
        raise TooLargeInputError(
            f"is {len(data)} bytes, more than the {MAX_BYTES} an article page may have; save the article text instead",
            source=url)
    return data


def _feed_items(data: bytes) -> list[tuple[str, str | None, str | None]] | None:
    """(link, title, date) of each item if `data` is an RSS or Atom feed, else None."""
    head = data[:2048].lstrip().lower()
    if not (head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed")):
        return None
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        root = lxml.etree.fromstring(data, parser)
    except lxml.etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    items: list[tuple[str, str | None, str | None]] = []
    if root.tag == "rss" or root.tag.endswith("RDF"):
        for item in root.iter("item", "{http://purl.org/rss/1.0/}item"):
            link = item.findtext("link") or item.findtext("{http://purl.org/rss/1.0/}link") or item.findtext("guid")
            title = item.findtext("title") or item.findtext("{http://purl.org/rss/1.0/}title")
            date = item.findtext("pubDate") or item.findtext("{http://purl.org/dc/elements/1.1/}date")
            if link and link.strip():
                items.append((link.strip(), title, date))
        return items
    if root.tag == f"{_ATOM}feed":
        for entry in root.iter(f"{_ATOM}entry"):
            links = entry.findall(f"{_ATOM}link")
            link = next((el.get("href") for el in links if el.get("rel", "alternate") == "alternate"), None)
            date = entry.findtext(f"{_ATOM}published") or entry.findtext(f"{_ATOM}updated")
            if link and link.strip():
                items.append((link.strip(), entry.findtext(f"{_ATOM}title"), date))
        return items
    return None


def _page(url: str, client: PoliteClient, title: str | None = None, date: str | None = None) -> Document:
    data = _fetch(url, client)
    doc = parse_html(_decode_html(data, url), url, url=url)
    if doc.headline is None and title and title.strip():
        doc = replace(doc, headline=" ".join(title.split()))
    if doc.date is None and date:
        doc = replace(doc, date=parse_date(date.strip()))
    return doc


def read_url(url: str, client: PoliteClient | None = None) -> Iterator[Document | InputError]:
    """The articles behind `url`: every item of a feed, or the one article of a page."""
    client = client or default_client()
    try:
        data = _fetch(url, client)
    except InputError as error:
        yield error
        return
    items = _feed_items(data)
    if items is None:
        try:
            yield parse_html(_decode_html(data, url), url, url=url)
        except InputError as error:
            yield error
        return
    for link, title, date in items:
        try:
            yield _page(link, client, title, date)
        except InputError as error:
            yield error


def read_url_list(path: Path, client: PoliteClient | None = None) -> Iterator[Document | InputError]:
    """The articles of every URL listed in `path`, read lazily, in the order listed."""
    client = client or default_client()
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        yield MissingInputError(f"cannot be read ({exc.strerror}); check the path", source=str(path))
        return
    with fh:
        for number, line in enumerate(fh, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            url = as_url(line)
            if url is None:
                yield InputError(f"line {number} is not an http(s) URL ({line[:80]!r}); fix or remove it",
                                 source=f"{path}:{number}")
                continue
            yield from read_url(url, client)


__all__ = ["MAX_BYTES", "FetchError", "as_url", "default_client", "read_url", "read_url_list"]
