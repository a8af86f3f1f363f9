"""A local, read-only SPARQL 1.1 Protocol endpoint over a geokg store.

Input: a store opened read-only (`kg.store.open_store`) and an address. Output: an HTTP server
that YASGUI-style tools, notebooks and SPARQL clients can query:

    GET  /sparql?query=...                         query in the URL
    POST /sparql  application/x-www-form-urlencoded  query=... in the body
    POST /sparql  application/sparql-query           the query as the body
    (each optionally with repeatable default-graph-uri / named-graph-uri parameters)

Results by content negotiation (the Accept header, or a `format` parameter that overrides it:
json, xml, csv, tsv, turtle, ntriples, rdfxml): SELECT and ASK as SPARQL results JSON (default),
XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle (default), N-Triples or RDF/XML. An Accept header
that allows none of them gets 406. Updates (an `update` parameter or application/sparql-update)
get 403: the store is read-only here, `geokg build --store` is its one writer. A query that does
not parse gets 400 with the parser's message. `GET /` describes the endpoint in plain text;
`GET /sparql` without a query returns a SPARQL service description (Turtle).

The query's default graph is the store's union of all articles, GRAPH reaches single articles.
Responses allow any origin (CORS), so a YASGUI page opened from disk or another port can query.
There is no query timeout: bind to 127.0.0.1 (the default) unless the network is trusted.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg import __version__
from kg.errors import ResourceError, UsageError
from kg.rdf.namespaces import PREFIXES
from kg.store import GraphStore, open_store

ENDPOINT = "/sparql"
#: Largest request body accepted (a query, not data: the endpoint takes no uploads).
MAX_BODY = 1_000_000

_RESULTS = {  # media type -> (format, Content-Type sent)
    "application/sparql-results+json": (ox.QueryResultsFormat.JSON, "application/sparql-results+json"),
    "application/json": (ox.QueryResultsFormat.JSON, "application/sparql-results+json"),
    "application/sparql-results+xml": (ox.QueryResultsFormat.XML, "application/sparql-results+xml"),
    "application/xml": (ox.QueryResultsFormat.XML, "application/sparql-results+xml"),
    "text/csv": (ox.QueryResultsFormat.CSV, "text/csv; charset=utf-8"),
    "text/tab-separated-values": (ox.QueryResultsFormat.TSV, "text/tab-separated-values; charset=utf-8"),
}
_GRAPHS = {
    "text/turtle": (ox.RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
    "application/x-turtle": (ox.RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
    "application/n-triples": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
    "text/plain": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
    "application/rdf+xml": (ox.RdfFormat.RDF_XML, "application/rdf+xml"),
}
_FORMAT_PARAM = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ttl": "text/turtle",
    "ntriples": "application/n-triples", "nt": "application/n-triples", "rdfxml": "application/rdf+xml",
}
_GRAPH_FOR_RESULTS = {  # a `format` named for one kind of result also serves the other kind
    "application/sparql-results+json": "text/turtle", "application/sparql-results+xml": "application/rdf+xml",
    "text/csv": "application/n-triples", "text/tab-separated-values": "application/n-triples",
}
_RESULTS_FOR_GRAPH = {"text/turtle": "application/sparql-results+json", "application/n-triples": "text/csv",
                      "application/rdf+xml": "application/sparql-results+xml"}


class _HttpError(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges of an Accept header with their q-values, best first (stable for ties)."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for f in fields[1:]:
            key, _, value = f.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media, q, i))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(m, q) for m, q, _ in ranges if q > 0]


def negotiate(accept: str | None, offers: list[str]) -> str | None:
    """The first of `offers` (in the server's order of preference) that `accept` allows best."""
    for media, _q in parse_accept(accept):
        if media == "*/*":
            return offers[0]
        if media.endswith("/*"):
            kind = media[:-1]
            for offer in offers:
                if offer.startswith(kind):
                    return offer
        elif media in offers:
            return media
    return None


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server; `url` is the endpoint's address once bound (port 0 picks a free port)."""

    daemon_threads = True

    def __init__(self, store: GraphStore, host: str = "127.0.0.1", port: int = 0) -> None:
        self.store = store
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{ENDPOINT}"


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = f"geokg/{__version__}"
    protocol_version = "HTTP/1.1"

    # -- plumbing ---------------------------------------------------------------------------

    def log_message(self, format: str, *args: object) -> None:
        if getattr(self.server, "log", None):
            self.server.log(f"{self.address_string()} {format % args}")  # type: ignore[attr-defined]

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: HTTPStatus, message: str, extra: dict[str, str] | None = None) -> None:
        self._send(status, (message.rstrip() + "\n").encode("utf-8"), "text/plain; charset=utf-8", extra)

    def _body(self) -> bytes:
        length = self.headers.get("Content-Length")
        if length is None:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                raise _HttpError(HTTPStatus.LENGTH_REQUIRED, "send the query with a Content-Length header")
            return b""
        try:
            size = int(length)
        except ValueError:
            raise _HttpError(HTTPStatus.BAD_REQUEST, f"Content-Length must be a number, got {length!r}") from None
        if size > MAX_BODY:
            raise _HttpError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request body is over {MAX_BODY} bytes; send a shorter query")
        return self.rfile.read(size)

    # -- HTTP methods -----------------------------------------------------------------------

    def do_OPTIONS(self) -> None:  # CORS preflight
        self._send(HTTPStatus.NO_CONTENT, b"", "text/plain", {
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Accept, Content-Type",
            "Access-Control-Max-Age": "86400",
        })

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path in ("/", ""):
            self._send(HTTPStatus.OK, _home(self.server).encode("utf-8"), "text/plain; charset=utf-8")
            return
        if url.path != ENDPOINT:
            self._error(HTTPStatus.NOT_FOUND, f"no such resource {url.path!r}; the SPARQL endpoint is {ENDPOINT}")
            return
        params = parse_qs(url.query, keep_blank_values=True)
        if "query" not in params and "update" not in params:
            self._send(HTTPStatus.OK, _service_description(self.server.url).encode("utf-8"), "text/turtle; charset=utf-8")
            return
        self._dispatch(params)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != ENDPOINT:
            self._error(HTTPStatus.NOT_FOUND, f"no such resource {url.path!r}; the SPARQL endpoint is {ENDPOINT}")
            return
        try:
            body = self._body()
        except _HttpError as exc:
            self._error(exc.status, exc.message, {"Connection": "close"})
            self.close_connection = True
            return
        params = parse_qs(url.query, keep_blank_values=True)
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            params.setdefault("update", []).append(body.decode("utf-8", "replace"))
        elif ctype == "application/sparql-query":
            params.setdefault("query", []).append(body.decode("utf-8", "replace"))
        elif ctype in ("application/x-www-form-urlencoded", ""):
            for key, values in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        else:
            self._error(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                f"expected a POST body of type application/sparql-query or application/x-www-form-urlencoded, "
                f"got {ctype!r}",
            )
            return
        self._dispatch(params)

    # -- the protocol -----------------------------------------------------------------------

    def _dispatch(self, params: dict[str, list[str]]) -> None:
        try:
            status, body, ctype = self._answer(params)
        except _HttpError as exc:
            self._error(exc.status, exc.message)
            return
        self._send(status, body, ctype)

    def _answer(self, params: dict[str, list[str]]) -> tuple[HTTPStatus, bytes, str]:
        if "update" in params:
            raise _HttpError(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL updates are refused; "
                                                   "add articles with `geokg build ... --store DIR`")
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            raise _HttpError(HTTPStatus.BAD_REQUEST, "expected exactly one non-empty 'query' parameter")
        kwargs: dict = {"prefixes": PREFIXES}  # predeclared as on the Wikidata Query Service
        try:
            if params.get("default-graph-uri"):
                kwargs["default_graph"] = [ox.NamedNode(g) for g in params["default-graph-uri"]]
            if params.get("named-graph-uri"):
                kwargs["named_graphs"] = [ox.NamedNode(g) for g in params["named-graph-uri"]]
        except ValueError as exc:
            raise _HttpError(HTTPStatus.BAD_REQUEST, f"a default-graph-uri or named-graph-uri is not an IRI ({exc})") from None
        accept = self.headers.get("Accept")
        wanted = params.get("format", [""])[-1].strip().lower()
        if wanted:
            if wanted not in _FORMAT_PARAM and wanted not in _RESULTS and wanted not in _GRAPHS:
                raise _HttpError(HTTPStatus.BAD_REQUEST, f"unknown format {wanted!r}; use one of {', '.join(_FORMAT_PARAM)}")
            accept = _FORMAT_PARAM.get(wanted, wanted)
        try:
            result = self.server.store.ox.query(queries[0], **kwargs)
        except SyntaxError as exc:
            raise _HttpError(HTTPStatus.BAD_REQUEST, f"the query does not parse: {exc}") from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise _HttpError(HTTPStatus.INTERNAL_SERVER_ERROR, f"the query failed: {exc}") from None
        if isinstance(result, ox.QueryTriples):
            if wanted and accept in _GRAPH_FOR_RESULTS:
                accept = _GRAPH_FOR_RESULTS[accept]
            media = negotiate(accept, list(_GRAPHS))
            if media is None:
                raise _HttpError(HTTPStatus.NOT_ACCEPTABLE, f"CONSTRUCT/DESCRIBE results come as {', '.join(_GRAPHS)}; "
                                                           f"none is acceptable to {accept!r}")
            fmt, ctype = _GRAPHS[media]
            return HTTPStatus.OK, result.serialize(format=fmt), ctype
        if wanted and accept in _RESULTS_FOR_GRAPH:
            accept = _RESULTS_FOR_GRAPH[accept]
        media = negotiate(accept, list(_RESULTS))
        if media is None:
            raise _HttpError(HTTPStatus.NOT_ACCEPTABLE, f"SELECT/ASK results come as {', '.join(_RESULTS)}; "
                                                       f"none is acceptable to {accept!r}")
        fmt, ctype = _RESULTS[media]
        return HTTPStatus.OK, result.serialize(format=fmt), ctype


def _home(server: SparqlServer) -> str:
    store = server.store
    return (
        f"geokg {__version__} SPARQL 1.1 endpoint (read-only) over the store {store.path}\n"
        f"endpoint: {server.url}\n"
        f"articles: {len(store.articles())}\n"
        "The default graph is the union of all articles; GRAPH <.../graph/ID> reaches one article.\n"
        f"Example: curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE {{ ?s ?p ?o }} LIMIT 5' {server.url}\n"
    )


def _service_description(url: str) -> str:
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix fmt: <http://www.w3.org/ns/formats/> .

[] a sd:Service ;
   sd:endpoint <{url}> ;
   sd:supportedLanguage sd:SPARQL11Query ;
   sd:feature sd:UnionDefaultGraph ;
   sd:resultFormat fmt:SPARQL_Results_JSON, fmt:SPARQL_Results_XML, fmt:SPARQL_Results_CSV,
                   fmt:SPARQL_Results_TSV, fmt:Turtle, fmt:N-Triples, fmt:RDF_XML .
"""


def make_server(store: GraphStore, host: str = "127.0.0.1", port: int = 0) -> SparqlServer:
    """A bound (not yet serving) endpoint over `store`; call `serve_forever()` and later `shutdown()`."""
    if not store.read_only:
        raise UsageError("expected a store opened read-only for serving, got a writable one; use open_store(path)")
    try:
        return SparqlServer(store, host, port)
    except OSError as exc:
        raise ResourceError(
            f"could not listen on {host}:{port} ({exc.strerror or exc}); pick another --port or stop what uses it"
        ) from exc


def serve(
    path: str | Path,
    host: str = "127.0.0.1",
    port: int = 7879,
    *,
    on_ready: Callable[[SparqlServer], None] | None = None,
    log: Callable[[str], None] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Serve the store folder `path` until interrupted (Ctrl-C) or `stop` is set.

    The store is opened read-only for the server's whole life, so no build can write to it
    meanwhile (see `kg.store`).
    """
    with open_store(path) as store:
        server = make_server(store, host, port)
        server.log = log  # type: ignore[attr-defined]
        if on_ready is not None:
            on_ready(server)
        if stop is not None:
            threading.Thread(target=lambda: (stop.wait(), server.shutdown()), daemon=True).start()
        try:
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()


__all__ = ["ENDPOINT", "SparqlServer", "make_server", "negotiate", "parse_accept", "serve"]
