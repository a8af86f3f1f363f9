"""A loopback triplestore for the loader's tests: the SPARQL 1.1 Graph Store HTTP Protocol and
SPARQL 1.1 Update over real HTTP, backed by an in-memory pyoxigraph store.

Input: nothing but its settings. Output: an HTTP server on 127.0.0.1 (a free port) with

    /store   Graph Store Protocol, indirect graph identification: PUT ?graph=IRI replaces the
             graph (201 Created if it was new, 204 otherwise), POST ?graph=IRI adds to it, GET
             ?graph=IRI returns it as N-Triples; bodies must be N-Triples (else 415)
    /update  SPARQL Update: POST with Content-Type application/sparql-update or a form field
             `update=` (204; 400 when the update does not parse)

`gsp=False` makes /store answer every request with `gsp_missing` (404, 405 or 501), as a server
without a Graph Store endpoint does. `auth="basic"` or `"digest"` (RFC 7616, MD5, qop=auth)
protects both paths with `user`/`password`. `plan` scripts answers to the next requests, as
(status, headers) pairs, before they reach the store, None letting one request through
(`fail_always` answers every request once the plan is used up).
Every request is recorded in `seen` (method, path, query parameters, headers, body, time).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlparse

import pyoxigraph as ox
from loopback import handler_for, serving  # tests/loopback.py

REALM = "loopback"


@dataclass(frozen=True)
class Seen:
    at: float  # time.monotonic() when the request arrived
    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]
    body: bytes


@dataclass
class FakeTriplestore:
    """Start with `with FakeTriplestore() as ts:`; `ts.gsp_url` and `ts.update_url` are the endpoints."""

    gsp: bool = True
    gsp_missing: int = 405
    auth: str | None = None
    user: str = "loader"
    password: str = "s3cret"
    plan: list[tuple[int, dict[str, str]] | None] = field(default_factory=list)
    fail_always: tuple[int, dict[str, str]] | None = None
    seen: list[Seen] = field(default_factory=list)
    store: ox.Store = field(default_factory=ox.Store)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._nonces: set[str] = set()
        self._base: str | None = None

    # -- lifecycle --------------------------------------------------------------------------------

    def __enter__(self) -> FakeTriplestore:
        handler = handler_for(self._handle, "GET", "PUT", "POST", protocol="HTTP/1.1")
        self._stack = ExitStack()
        self._base = self._stack.enter_context(serving(handler))
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    @property
    def base(self) -> str:
        assert self._base is not None
        return self._base

    @property
    def gsp_url(self) -> str:
        return self.base + "/store"

    @property
    def update_url(self) -> str:
        return self.base + "/update"

    # -- what the tests look at -------------------------------------------------------------------

    def graph(self, iri: str) -> set[ox.Triple]:
        return {q.triple for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(iri))}

    def graph_names(self) -> set[str]:
        return {g.value for g in self.store.named_graphs()}

    def writes(self) -> list[Seen]:
        """The requests that reached the store (not those answered from `plan` or refused)."""
        return [s for s in self.seen if s.method in ("PUT", "POST")]

    # -- serving ----------------------------------------------------------------------------------

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        url = urlparse(h.path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        with self._lock:
            self.seen.append(Seen(time.monotonic(), h.command, url.path, params, dict(h.headers.items()), body))
            scripted = self.plan.pop(0) if self.plan else self.fail_always
        if scripted is not None:
            status, headers = scripted
            return self._reply(h, status, f"scripted {status}\n".encode(), headers)
        if not self._authorised(h):
            return
        if url.path == "/store":
            return self._gsp(h, params, body)
        if url.path == "/update" and h.command == "POST":
            return self._update(h, body)
        self._reply(h, 404, b"no such endpoint\n")

    def _gsp(self, h: BaseHTTPRequestHandler, params: dict[str, str], body: bytes) -> None:
        if not self.gsp:
            return self._reply(h, self.gsp_missing, b"no Graph Store here\n")
        graph = params.get("graph")
        if not graph:
            return self._reply(h, 400, b"this store wants ?graph=IRI\n")
        name = ox.NamedNode(graph)
        if h.command == "GET":
            triples = [q.triple for q in self.store.quads_for_pattern(None, None, None, name)]
            return self._reply(h, 200, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"",
                               {"Content-Type": "application/n-triples"})
        ctype = h.headers.get("Content-Type", "").split(";")[0].strip()
        if ctype != "application/n-triples":
            return self._reply(h, 415, f"cannot read {ctype or 'no content type'}\n".encode())
        try:
            triples = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as exc:
            return self._reply(h, 400, f"bad N-Triples: {exc}\n".encode())
        with self._lock:
            existed = name in set(self.store.named_graphs())
            if h.command == "PUT" and existed:
                self.store.remove_graph(name)
            self.store.extend([ox.Quad(t.subject, t.predicate, t.object, name) for t in triples])
            if not triples:
                self.store.add_graph(name)
        self._reply(h, 201 if h.command == "PUT" and not existed else 204, b"")

    def _update(self, h: BaseHTTPRequestHandler, body: bytes) -> None:
        ctype = h.headers.get("Content-Type", "").split(";")[0].strip()
        if ctype == "application/sparql-update":
            text = body.decode("utf-8")
        elif ctype == "application/x-www-form-urlencoded":
            text = parse_qs(body.decode("utf-8")).get("update", [""])[0]
        else:
            return self._reply(h, 415, f"cannot read {ctype or 'no content type'}\n".encode())
        try:
            with self._lock:
                self.store.update(text)
        except SyntaxError as exc:
            return self._reply(h, 400, f"bad update: {exc}\n".encode())
        self._reply(h, 204, b"")

    # -- authentication ---------------------------------------------------------------------------

    def _authorised(self, h: BaseHTTPRequestHandler) -> bool:
        if self.auth is None:
            return True
        given = h.headers.get("Authorization", "")
        if self.auth == "basic":
            expected = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
            if given == f"Basic {expected}":
                return True
            self._reply(h, 401, b"", {"WWW-Authenticate": f'Basic realm="{REALM}"'})
            return False
        if given.startswith("Digest ") and self._digest_ok(h.command, given[7:]):
            return True
        nonce = secrets.token_hex(16)
        with self._lock:
            self._nonces.add(nonce)
        self._reply(h, 401, b"", {
            "WWW-Authenticate": f'Digest realm="{REALM}", nonce="{nonce}", qop="auth", algorithm=MD5'})
        return False

    def _digest_ok(self, method: str, header: str) -> bool:
        from requests.utils import parse_dict_header

        f = parse_dict_header(header)
        if f.get("username") != self.user or f.get("nonce") not in self._nonces:
            return False

        def md5(s: str) -> str:
            return hashlib.md5(s.encode()).hexdigest()

        ha1 = md5(f"{self.user}:{REALM}:{self.password}")
        ha2 = md5(f"{method}:{f.get('uri')}")
        expected = md5(f"{ha1}:{f['nonce']}:{f.get('nc')}:{f.get('cnonce')}:{f.get('qop')}:{ha2}")
        return secrets.compare_digest(expected, f.get("response", ""))

    @staticmethod
    def _reply(h: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        h.send_response(status)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if body:
            h.wfile.write(body)
