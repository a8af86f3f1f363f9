"""Write named graphs into a SPARQL 1.1 triplestore over HTTP.

Input: chunks of graphs (a graph IRI, its triples as N-Triples bytes, and whether the chunk replaces
the graph or adds to it). Output: the graphs written on the server, through the SPARQL 1.1 Graph
Store HTTP Protocol (GSP: `PUT ?graph=IRI` replaces a graph, `POST ?graph=IRI` adds to it) or,
where the server has no GSP endpoint, SPARQL 1.1 Update (`DROP SILENT GRAPH <g>` then
`INSERT DATA { GRAPH <g> { ... } }`, several graphs per request).

Protocol "auto" sends the first chunk with GSP and falls back to Update for good when the GSP
endpoint answers 404, 405 or 501 (no such endpoint, method not allowed, not implemented).

Authentication: "basic" and "digest" send those schemes from the first request; "auto" sends the
first request without credentials and answers the server's `WWW-Authenticate` challenge with the
scheme it asks for (Virtuoso's /sparql-graph-crud-auth wants digest, Fuseki and GraphDB basic), so
a password never goes out in the clear to a server that asked for a digest.

Every request is repeatable (PUT, DROP + INSERT DATA and the appends of RDF sets are idempotent),
so `kg.http.PoliteClient` may retry it on timeouts, 429 and 5xx, waiting as `Retry-After` asks.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from kg.errors import NetworkError, UsageError
from kg.http import PoliteClient, body_excerpt, user_agent

PROTOCOLS = ("auto", "gsp", "update")
AUTH_SCHEMES = ("auto", "basic", "digest")
#: What a server without a Graph Store endpoint at that URL answers a PUT with.
GSP_MISSING = frozenset({404, 405, 501})
NTRIPLES = "application/n-triples"


@dataclass(frozen=True)
class Chunk:
    """Part (or all) of one graph: `replace` for the first chunk of a graph, append for the rest."""

    graph: str
    ntriples: bytes
    triples: int
    replace: bool
    last: bool  # the graph is complete once this chunk is written


def update_text(chunks: Sequence[Chunk]) -> str:
    """One SPARQL Update request that writes `chunks` (N-Triples lines are valid SPARQL data)."""
    ops: list[str] = []
    for c in chunks:
        if c.replace:
            ops.append(f"DROP SILENT GRAPH <{c.graph}>")
        ops.append(f"INSERT DATA {{ GRAPH <{c.graph}> {{\n{c.ntriples.decode('utf-8')}}} }}")
    return " ;\n".join(ops) + "\n"


class TriplestoreWriter:
    """Writes chunks to one triplestore; `protocol` is "gsp" or "update" once the first write is done.

    `endpoint` is the Graph Store endpoint (or, with protocol "update", the Update endpoint);
    `update_endpoint` (default: `endpoint`) is where Update requests go.
    """

    def __init__(self, endpoint: str, *, update_endpoint: str | None = None, protocol: str = "auto",
                 user: str | None = None, password: str | None = None, auth: str = "auto",
                 timeout: float = 120.0, max_retries: int = 3, backoff: float = 1.0,
                 max_wait: float = 120.0, sleep: Callable[[float], None] = time.sleep,
                 session: requests.Session | None = None) -> None:
        if protocol not in PROTOCOLS:
            raise UsageError(f"expected a protocol among {', '.join(PROTOCOLS)}, got {protocol!r}; pick one of those")
        if auth not in AUTH_SCHEMES:
            raise UsageError(f"expected an auth scheme among {', '.join(AUTH_SCHEMES)}, got {auth!r}; pick one of those")
        for url in (endpoint, update_endpoint):
            if url is not None and not url.startswith(("http://", "https://")):
                raise UsageError(f"expected an http:// or https:// endpoint URL, got {url!r}; give the full URL")
        if password is not None and user is None:
            raise UsageError("a password was given without a user name; pass --user too")
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or endpoint
        self.protocol = protocol
        self.user = user
        self.auth_scheme = auth
        self._password = password or ""
        self._auth: AuthBase | None = None
        if user is not None and auth == "basic":
            self._auth = HTTPBasicAuth(user, self._password)
        elif user is not None and auth == "digest":
            self._auth = HTTPDigestAuth(user, self._password)
        self.client = PoliteClient(endpoint, service="the triplestore", user_agent=user_agent("triplestore load"),
                                   accept="*/*", timeout=timeout, max_retries=max_retries, backoff=backoff,
                                   max_wait=max_wait, sleep=sleep, session=session)
        #: Set when "auto" fell back to Update: the GSP endpoint's answer, for the report.
        self.fallback_reason: str | None = None

    @property
    def requests(self) -> int:
        return self.client.requests

    @property
    def retries(self) -> int:
        return self.client.retries

    def write(self, chunks: Sequence[Chunk], on_written: Callable[[Sequence[Chunk]], None]) -> None:
        """Write `chunks` in order; `on_written` hears of each group of chunks once the server took it."""
        pending = list(chunks)
        while pending and self.protocol != "update":
            chunk = pending[0]
            if self._put(chunk):
                on_written([chunk])
                pending.pop(0)
                self.protocol = "gsp"
        if pending:
            self._update(pending)
            on_written(pending)

    # -- the two protocols ----------------------------------------------------------------------

    def _put(self, chunk: Chunk) -> bool:
        """GSP write of one chunk; False when the endpoint has no GSP and "auto" may fall back."""
        resp = self._send("PUT" if chunk.replace else "POST", self.endpoint, params={"graph": chunk.graph},
                          data=chunk.ntriples, content_type=NTRIPLES)
        if resp.status_code in (200, 201, 204):
            return True
        if resp.status_code in GSP_MISSING and self.protocol == "auto":
            self.fallback_reason = f"HTTP {resp.status_code} to a Graph Store PUT"
            self.protocol = "update"
            return False
        if resp.status_code in GSP_MISSING:
            raise NetworkError(
                f"expected a SPARQL Graph Store endpoint, got HTTP {resp.status_code} to a PUT; pass the "
                "store's Graph Store URL (see the README) or --protocol update with its Update endpoint",
                source=self.endpoint)
        raise self._refused(resp, self.endpoint, "a Graph Store write")

    def _update(self, chunks: Sequence[Chunk]) -> None:
        resp = self._send("POST", self.update_endpoint, params=None, data=update_text(chunks).encode("utf-8"),
                          content_type="application/sparql-update; charset=utf-8")
        if resp.status_code in (200, 204):
            return
        if resp.status_code in GSP_MISSING:
            raise NetworkError(
                f"expected a SPARQL Update endpoint, got HTTP {resp.status_code} to an update; pass the "
                "store's Update URL with --update-endpoint (see the README)", source=self.update_endpoint)
        raise self._refused(resp, self.update_endpoint, "a SPARQL update")

    # -- HTTP with authentication ---------------------------------------------------------------

    def _send(self, method: str, url: str, *, params: dict[str, str] | None, data: bytes,
              content_type: str) -> requests.Response:
        headers = {"Content-Type": content_type}
        resp = self.client.request(method, url, params=params, data=data, headers=headers, auth=self._auth)
        if resp.status_code == 401 and self._auth is None and self.user is not None:
            # "auto": answer the challenge with the scheme the server asked for.
            challenge = resp.headers.get("WWW-Authenticate", "")
            if challenge.strip().lower().startswith("digest"):
                self._auth = HTTPDigestAuth(self.user, self._password)
            else:
                self._auth = HTTPBasicAuth(self.user, self._password)
            resp = self.client.request(method, url, params=params, data=data, headers=headers, auth=self._auth)
        if resp.status_code == 401:
            scheme = (resp.headers.get("WWW-Authenticate", "").split() or ["an"])[0]
            if self.user is None:
                raise NetworkError(
                    f"expected the triplestore to accept the write, it asks for {scheme} credentials "
                    "(HTTP 401); pass --user NAME and the password in GEOKG_PASSWORD", source=url)
            raise NetworkError(
                f"expected the triplestore to accept the credentials of user {self.user!r}, it refused them "
                "(HTTP 401); check the user name and password", source=url)
        return resp

    def _refused(self, resp: requests.Response, url: str, what: str) -> NetworkError:
        if resp.status_code == 403:
            who = f"user {self.user!r}" if self.user else "an anonymous client"
            return NetworkError(
                f"expected {what} to be allowed for {who}, the triplestore refused it (HTTP 403: "
                f"{body_excerpt(resp)}); grant write permission or use the endpoint that takes credentials",
                source=url)
        return NetworkError(
            f"expected {what} to succeed, the triplestore answered HTTP {resp.status_code} "
            f"({body_excerpt(resp)}); check the endpoint URL and the data", source=url)
