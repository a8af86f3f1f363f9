"""The live refresh, against a loopback SPARQL endpoint speaking the SPARQL 1.1 JSON results format."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from loopback import serving  # tests/loopback.py

from kg.errors import NetworkError
from kg.gazetteer.refresh import USER_AGENT, SparqlClient, refresh_gazetteer
from kg.gazetteer.store import Gazetteer

E = "http://www.wikidata.org/entity/"


def uri(qid: str) -> dict[str, str]:
    return {"type": "uri", "value": E + qid}


def lit(value: str, lang: str | None = None, datatype: str | None = None) -> dict[str, str]:
    cell = {"type": "literal", "value": value}
    if lang:
        cell["xml:lang"] = lang
    if datatype:
        cell["datatype"] = datatype
    return cell


ANSWERS: dict[str, list[dict]] = {
    "countries": [
        {"item": uri("Q30"), "itemLabel": lit("United States", "en"), "iso2": lit("US"),
         "alias": lit("U.S.", "en"), "demonym": lit("American", "en")},
        {"item": uri("Q30"), "itemLabel": lit("United States", "en"), "iso2": lit("US"),
         "alias": lit("America", "en")},
        {"item": uri("Q159"), "itemLabel": lit("Russia", "en"), "iso2": lit("RU"),
         "demonym": lit("Russian", "en")},
    ],
    "places": [
        {"item": uri("Q649"), "itemLabel": lit("Moscow", "en"), "country": uri("Q159"),
         "capitalOf": uri("Q159"), "population": lit("13010112", datatype="http://www.w3.org/2001/XMLSchema#decimal")},
    ],
    "organisations": [
        {"item": uri("Q7184"), "itemLabel": lit("NATO", "en"), "short": lit("NATO", "en")},
    ],
    "positions": [
        {"item": uri("Q11696"), "itemLabel": lit("President of the United States", "en"), "country": uri("Q30")},
        {"item": uri("Q218295"), "itemLabel": lit("President of Russia", "en"), "country": uri("Q159")},
    ],
    "tenures": [
        {"person": uri("Q22686"), "personLabel": lit("Donald Trump", "en"), "position": uri("Q11696"),
         "start": lit("2025-01-20T00:00:00Z", datatype="http://www.w3.org/2001/XMLSchema#dateTime")},
        {"person": uri("Q22686"), "personLabel": lit("Donald Trump", "en"), "position": uri("Q11696"),
         "start": lit("2017-01-20T00:00:00Z"), "end": lit("2021-01-20T00:00:00Z")},
        {"person": uri("Q7747"), "personLabel": lit("Vladimir Putin", "en"), "position": uri("Q218295"),
         "start": lit("2012-05-07T00:00:00Z")},
    ],
}


class Endpoint(BaseHTTPRequestHandler):
    """Answers each query by its "#geokg:<name>" marker; the very first request gets a 429."""

    seen: list[dict[str, str]] = []
    throttle_first = True

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        params = parse_qs(urlparse(self.path).query)
        query = params.get("query", [""])[0]
        type(self).seen.append({"user_agent": self.headers.get("User-Agent", ""),
                                "accept": self.headers.get("Accept", ""), "query": query})
        if type(self).throttle_first:
            type(self).throttle_first = False
            self.send_response(429)
            self.send_header("Retry-After", "3")
            self.end_headers()
            return
        name = query.split("\n", 1)[0].removeprefix("#geokg:")
        if name not in ANSWERS:
            self.send_response(400)
            self.end_headers()
            self.wfile.write(b"unknown query")
            return
        rows = ANSWERS[name]
        variables = sorted({k for row in rows for k in row})
        body = json.dumps({"head": {"vars": variables}, "results": {"bindings": rows}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[str]:
    Endpoint.seen = []
    Endpoint.throttle_first = True
    with serving(Endpoint) as url:
        yield url + "/sparql"


@pytest.mark.network
def test_refresh_writes_a_usable_gazetteer(endpoint: str, tmp_path: Path) -> None:
    waits: list[float] = []
    client = SparqlClient(endpoint, timeout=5, sleep=waits.append)
    stats = refresh_gazetteer(tmp_path / "live.sqlite", endpoint, client=client)

    assert waits == [3.0]  # honoured Retry-After of the 429
    assert stats.retries == 1 and stats.requests == 6
    assert stats.rows == {"countries": 3, "places": 1, "organisations": 1, "positions": 2, "tenures": 3}
    assert all(r["user_agent"].startswith("geokg/") for r in Endpoint.seen)
    assert all("sparql-results+json" in r["accept"] for r in Endpoint.seen)

    with Gazetteer.open(stats.path) as gaz:
        assert gaz.candidates("U.S.")[0].qid == "Q30"
        assert gaz.candidates("America")[0].qid == "Q30"
        assert gaz.demonym("Russian") == "Q159"
        assert gaz.candidates("Moscow")[0].qid == "Q649"
        assert gaz.candidates("NATO")[0].kind == "organization"
        assert [p.qid for p in gaz.positions("president", "Q30")] == ["Q11696"]
        holders = gaz.holders_on("Q11696", dt.date(2025, 6, 1))
        assert [t.person for t in holders] == ["Q22686"] and holders[0].end is None
        assert len(gaz.tenures(person="Q22686")) == 2
        assert gaz.entry("Q7747").country == "Q159"
        assert gaz.meta["source.wikidata_live"] == endpoint


@pytest.mark.network
def test_client_gives_up_after_repeated_errors(endpoint: str) -> None:
    waits: list[float] = []
    client = SparqlClient(endpoint, timeout=5, max_retries=2, sleep=waits.append)
    with pytest.raises(NetworkError, match="HTTP 400"):
        client.select("#geokg:nothing\nSELECT * WHERE { ?s ?p ?o }")
    assert waits == [3.0]  # the 429 was retried, the 400 is final


@pytest.mark.network
def test_unreachable_endpoint_is_a_network_error(tmp_path: Path) -> None:
    waits: list[float] = []
    client = SparqlClient("http://127.0.0.1:9/sparql", timeout=1, max_retries=1, backoff=0.5,
                          sleep=waits.append)
    with pytest.raises(NetworkError, match="SPARQL endpoint"):
        refresh_gazetteer(tmp_path / "x.sqlite", client.endpoint, client=client)
    assert waits == [0.5] and not (tmp_path / "x.sqlite").exists()


def test_user_agent_names_geokg() -> None:
    assert USER_AGENT.startswith("geokg/")
