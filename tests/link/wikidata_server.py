"""A loopback fake of the Wikidata Action API (api.php) for the online linker's tests.

Input: the JSON fixtures in tests/data/wikidata/ (`search/<name-slug>.json`: a whole
wbsearchentities answer; `entities/<QID>.json`: a whole wbgetentities answer for that one item),
written in the real API's shapes. The items are fictional (QIDs from Q987650001 up are not
assigned on Wikidata); the countries they point to (Q159 Russia, Q38 Italy, Q217 Moldova) are real.

Output: an HTTP server on 127.0.0.1 (a free port) that answers `action=wbsearchentities` and
`action=wbgetentities` like Wikidata, records every request (time, parameters, headers), and can
be told to misbehave: `plan` scripts the answers to the next requests ("429", "500", "maxlag",
"malformed", "api-error"), `fail_always` repeats one of them for every request.
"""

from __future__ import annotations

import json
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from loopback import handler_for, serving  # tests/loopback.py

DATA = Path(__file__).resolve().parent.parent / "data" / "wikidata"


@dataclass(frozen=True)
class Seen:
    at: float  # time.monotonic() when the request arrived
    params: dict[str, str]
    headers: dict[str, str]


class FakeWikidata:
    """Start with `with FakeWikidata() as api:`; `api.url` is the api.php endpoint."""

    def __init__(self, data_dir: Path = DATA) -> None:
        self.data_dir = data_dir
        self.seen: list[Seen] = []
        self.plan: list[str] = []
        self.fail_always: str | None = None
        self.retry_after = "1"
        #: Answer any search with SEARCH_LIMIT made-up hits named like the search (for batching).
        self.synthetic_search = False
        self._lock = threading.Lock()
        self._base: str | None = None

    # -- lifecycle --------------------------------------------------------------------------------

    def __enter__(self) -> FakeWikidata:
        handler = handler_for(self._handle, "GET")
        self._stack = ExitStack()
        self._base = self._stack.enter_context(serving(handler))
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    @property
    def url(self) -> str:
        assert self._base is not None
        return f"{self._base}/w/api.php"

    def requests_for(self, action: str) -> list[Seen]:
        return [s for s in self.seen if s.params.get("action") == action]

    # -- answers --------------------------------------------------------------------------------

    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        parsed = urlparse(req.path)
        params = {k: v[0] for k, v in parse_qs(parsed.query, keep_blank_values=True).items()}
        with self._lock:
            self.seen.append(Seen(time.monotonic(), params, dict(req.headers.items())))
            trouble = self.plan.pop(0) if self.plan else self.fail_always
        if parsed.path != "/w/api.php":
            return self._send(req, 404, b"not found", "text/plain")
        if trouble == "429":
            return self._send(req, 429, b"Too many requests", "text/plain", {"Retry-After": self.retry_after})
        if trouble == "500":
            return self._send(req, 500, b"<html>Internal Server Error</html>", "text/html")
        if trouble == "malformed":
            return self._send(req, 200, b'{"search": [{"id": "Q1", "lab', "application/json")
        if trouble == "maxlag":
            # What MediaWiki sends: HTTP 200, the error in the body, Retry-After and the lag in headers.
            return self._error(req, "maxlag", "Waiting for 10.64.48.35: 6.2 seconds lagged.",
                               {"Retry-After": self.retry_after, "X-Database-Lag": "6"},
                               host="10.64.48.35", lag=6.2)
        if trouble == "api-error":
            return self._error(req, "internal_api_error_DBQueryError",
                               "[c0ffee] Caught exception of type Wikimedia\\Rdbms\\DBQueryError")
        action = params.get("action")
        if params.get("format") != "json":
            return self._send(req, 200, b"<api>xml is not for us</api>", "text/xml")
        if action == "wbsearchentities":
            return self._json(req, self._search(params.get("search", "")))
        if action == "wbgetentities":
            ids = [i for i in params.get("ids", "").split("|") if i]
            if len(ids) > 50:
                return self._error(req, "toomanyvalues",
                                   'Too many values supplied for parameter "ids". The limit is 50.')
            return self._json(req, {"entities": {q: self._entity(q) for q in ids}, "success": 1})
        return self._error(req, "badvalue", f'Unrecognized value for parameter "action": {action}.')

    def _search(self, text: str) -> dict:
        slug = "-".join(text.lower().split())
        path = self.data_dir / "search" / f"{slug}.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
        hits = []
        if self.synthetic_search:
            base = 987660000 + 10 * (sum(map(ord, text)) % 10_000)
            hits = [{"id": f"Q{base + i}", "title": f"Q{base + i}", "label": text, "description": "made up",
                     "match": {"type": "label", "language": "en", "text": text}} for i in range(7)]
        return {"searchinfo": {"search": text}, "search": hits, "success": 1}

    def _entity(self, qid: str) -> dict:
        path = self.data_dir / "entities" / f"{qid}.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))["entities"][qid]
        return {"id": qid, "missing": ""}

    def _json(self, req: BaseHTTPRequestHandler, data: dict, headers: dict[str, str] | None = None) -> None:
        self._send(req, 200, json.dumps(data).encode(), "application/json; charset=utf-8", headers)

    def _error(self, req: BaseHTTPRequestHandler, code: str, info: str,
               headers: dict[str, str] | None = None, **extra: object) -> None:
        body = {"error": {"code": code, "info": info, **extra,
                          "*": "See https://www.wikidata.org/w/api.php for API usage."},
                "servedby": "mw-api-ext.fake"}
        self._json(req, body, {"MediaWiki-API-Error": code, **(headers or {})})

    @staticmethod
    def _send(req: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str,
              headers: dict[str, str] | None = None) -> None:
        req.send_response(status)
        req.send_header("Content-Type", ctype)
        req.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            req.send_header(k, v)
        req.end_headers()
        req.wfile.write(body)
