"""Stable article identifiers.

Input: what an article is known by (its URL, an id the input gave, its text). Output: a 16-hex-digit
id that is the same every time the same article is ingested, so re-running an article replaces its
named graph instead of adding a second one. Ids come from content, never from counters or clocks.
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that track the reader, not the article (dropped before hashing a URL).
_TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ocid", "cmpid", "smid", "ref_src"}
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_url(url: str) -> str:
    """`url` reduced to what names the article, so trivially different spellings hash alike.

    Lower-cases scheme and host, treats http/https and a leading "www." as the same site, drops
    the default port, the fragment, tracking parameters (utm_*, fbclid...) and a trailing slash,
    and sorts the remaining query parameters.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme in _DEFAULT_PORTS:
        scheme = "https"  # the same article is served under both
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    try:
        port = parts.port
    except ValueError:  # a malformed port: keep the URL's own spelling rather than fail
        port = None
    netloc = host if port is None or port == _DEFAULT_PORTS.get(parts.scheme.lower()) else f"{host}:{port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in _TRACKING_PARAMS
    )
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def _normalise_text(text: str) -> str:
    # Line endings, wrapping and runs of spaces differ between copies of the same article.
    return " ".join(text.split())


def _sha256(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def article_id(url: str | None, external_id: str | None, text: str) -> str:
    """First 16 hex digits of the SHA-256 of the normalised URL, else the given id, else the text."""
    if url and url.strip():
        key = normalise_url(url)
    elif external_id is not None and str(external_id).strip():
        key = str(external_id).strip()
    else:
        key = _normalise_text(text)
    return _sha256(key)[:16]


def content_hash(text: str) -> str:
    """Full SHA-256 hex digest of `text` exactly as given (to tell whether an article changed)."""
    return _sha256(text)
