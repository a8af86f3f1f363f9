"""Tests of kg.serve: a real HTTP client against the SPARQL endpoint started on 127.0.0.1 on a
free port (SPARQL 1.1 Protocol: GET/POST queries, content negotiation, updates refused)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
import requests
from rdf.small_article import small_result
from store_articles import IRAQ_ID, iraq_result, later_result

from kg.errors import UsageError
from kg.rdf.emit import results_dataset
from kg.rdf.iris import graph_iri
from kg.serve import make_server, negotiate, parse_accept
from kg.store import StoreBusyError, open_store

pytestmark = pytest.mark.network

GK = "https://w3id.org/geokg/ns#"
SPEAKERS = f"SELECT ?s ?content WHERE {{ ?s a <{GK}Statement> ; <{GK}content> ?content }} ORDER BY ?content"
TIMEOUT = 10


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "store"
    with open_store(path, create=True) as st:
        st.replace_graphs(results_dataset([small_result(), iraq_result(), later_result()]))
    return path


@pytest.fixture(scope="module")
def endpoint(store_path):
    store = open_store(store_path)
    server = make_server(store, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.url
    server.shutdown()
    server.server_close()
    thread.join(TIMEOUT)
    store.close()


def _json_rows(response) -> list[dict]:
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/sparql-results+json"
    return response.json()["results"]["bindings"]


def test_get_select_json_is_the_default(endpoint):
    r = requests.get(endpoint, params={"query": SPEAKERS}, timeout=TIMEOUT)
    rows = _json_rows(r)
    contents = [row["content"]["value"] for row in rows]
    assert "Our sovereignty is not negotiable," in contents and len(contents) == 5
    assert r.headers["Access-Control-Allow-Origin"] == "*"


def test_vocabulary_prefixes_are_predeclared(endpoint):
    r = requests.get(endpoint, params={"query": "SELECT ?c WHERE { ?s a gk:Statement ; gk:content ?c }"}, timeout=TIMEOUT)
    assert len(_json_rows(r)) == 5


def test_post_form_and_post_direct(endpoint):
    by_form = _json_rows(requests.post(endpoint, data={"query": SPEAKERS}, timeout=TIMEOUT))
    direct = requests.post(endpoint, data=SPEAKERS.encode(), timeout=TIMEOUT,
                           headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert by_form == _json_rows(direct)
    assert len(by_form) == 5


def test_union_default_graph_has_each_triple_once(endpoint):
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ <http://www.wikidata.org/entity/Q796> a <{GK}Country> }}"
    rows = _json_rows(requests.get(endpoint, params={"query": query}, timeout=TIMEOUT))
    assert rows[0]["n"]["value"] == "1"  # typed by two articles, one triple in the union
    per_graph = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { <http://www.wikidata.org/entity/Q796> a ?c } }"
    assert _json_rows(requests.get(endpoint, params={"query": per_graph}, timeout=TIMEOUT))[0]["n"]["value"] == "2"


@pytest.mark.parametrize(
    "accept, ctype",
    [
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("application/sparql-results+json;q=0.5, text/csv", "text/csv; charset=utf-8"),
        ("text/*", "text/csv; charset=utf-8"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_content_negotiation(endpoint, accept, ctype):
    r = requests.get(endpoint, params={"query": SPEAKERS}, headers={"Accept": accept}, timeout=TIMEOUT)
    assert r.status_code == 200 and r.headers["Content-Type"] == ctype
    if ctype.startswith("text/csv"):
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0] == ["s", "content"] and len(rows) == 6
    elif ctype.startswith("text/tab"):
        lines = r.text.splitlines()
        assert lines[0] == "?s\t?content" and len(lines) == 6
    elif "xml" in ctype:
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        assert len(ET.fromstring(r.content).findall(".//r:result", ns)) == 5


def test_format_parameter_overrides_accept(endpoint):
    r = requests.get(endpoint, params={"query": SPEAKERS, "format": "csv"}, headers={"Accept": "application/json"},
                     timeout=TIMEOUT)
    assert r.headers["Content-Type"].startswith("text/csv")
    r = requests.get(endpoint, params={"query": SPEAKERS, "format": "yaml"}, timeout=TIMEOUT)
    assert r.status_code == 400 and "yaml" in r.text


def test_ask(endpoint):
    r = requests.get(endpoint, params={"query": f"ASK {{ ?m a <{GK}Meeting> }}"}, timeout=TIMEOUT)
    assert r.status_code == 200 and r.json()["boolean"] is True


def test_construct_turtle_and_ntriples(endpoint):
    query = f"CONSTRUCT {{ ?m <{GK}topic> ?t }} WHERE {{ ?m <{GK}topic> ?t }}"
    turtle = requests.get(endpoint, params={"query": query}, timeout=TIMEOUT)
    assert turtle.status_code == 200 and turtle.headers["Content-Type"] == "text/turtle; charset=utf-8"
    store = ox.Store()
    store.load(turtle.content, format=ox.RdfFormat.TURTLE)
    assert {q.object.value for q in store} == {"trade", "U.S. troops", "the security agreement"}
    nt = requests.post(endpoint, data={"query": query}, headers={"Accept": "application/n-triples"}, timeout=TIMEOUT)
    assert nt.headers["Content-Type"] == "application/n-triples"
    assert len(nt.text.strip().splitlines()) == 3
    # A results type that a graph cannot have is not acceptable.
    r = requests.get(endpoint, params={"query": query}, headers={"Accept": "text/csv"}, timeout=TIMEOUT)
    assert r.status_code == 406


def test_not_acceptable_select(endpoint):
    r = requests.get(endpoint, params={"query": SPEAKERS}, headers={"Accept": "image/png"}, timeout=TIMEOUT)
    assert r.status_code == 406 and "application/sparql-results+json" in r.text


def test_updates_are_refused_and_change_nothing(endpoint):
    drop = "DROP ALL"
    insert = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    responses = [
        requests.post(endpoint, data={"update": drop}, timeout=TIMEOUT),
        requests.post(endpoint, data=insert.encode(), headers={"Content-Type": "application/sparql-update"}, timeout=TIMEOUT),
        requests.get(endpoint, params={"update": drop}, timeout=TIMEOUT),
    ]
    assert [r.status_code for r in responses] == [403, 403, 403]
    assert "read-only" in responses[0].text
    # An update smuggled in as a query does not parse as one.
    r = requests.post(endpoint, data={"query": drop}, timeout=TIMEOUT)
    assert r.status_code == 400
    assert len(_json_rows(requests.get(endpoint, params={"query": SPEAKERS}, timeout=TIMEOUT))) == 5


def test_bad_requests(endpoint):
    r = requests.get(endpoint, params={"query": "SELECT WHERE {"}, timeout=TIMEOUT)
    assert r.status_code == 400 and "does not parse" in r.text
    r = requests.get(endpoint, params=[("query", SPEAKERS), ("query", SPEAKERS)], timeout=TIMEOUT)
    assert r.status_code == 400
    r = requests.post(endpoint, data=b"{}", headers={"Content-Type": "application/json"}, timeout=TIMEOUT)
    assert r.status_code == 415
    r = requests.get(endpoint.replace("/sparql", "/nothing"), timeout=TIMEOUT)
    assert r.status_code == 404
    r = requests.get(endpoint, params={"query": SPEAKERS, "default-graph-uri": "not an iri"}, timeout=TIMEOUT)
    assert r.status_code == 400


def test_default_graph_uri_selects_one_article(endpoint):
    r = requests.get(endpoint, params={"query": SPEAKERS, "default-graph-uri": str(graph_iri(IRAQ_ID))}, timeout=TIMEOUT)
    assert [row["content"]["value"] for row in _json_rows(r)] == ["Our sovereignty is not negotiable,", "Trump must listen,"]


def test_home_service_description_and_cors_preflight(endpoint):
    home = requests.get(endpoint.replace("/sparql", "/"), timeout=TIMEOUT)
    assert home.status_code == 200 and "articles: 3" in home.text and endpoint in home.text
    sd = requests.get(endpoint, timeout=TIMEOUT)
    assert sd.headers["Content-Type"].startswith("text/turtle")
    graph = ox.Store()
    graph.load(sd.content, format=ox.RdfFormat.TURTLE)
    assert any(q.object.value == endpoint for q in graph)
    pre = requests.options(endpoint, headers={"Origin": "http://localhost:3000", "Access-Control-Request-Method": "POST"},
                           timeout=TIMEOUT)
    assert pre.status_code == 204 and "POST" in pre.headers["Access-Control-Allow-Methods"]


def test_keep_alive_session_serves_several_queries(endpoint):
    with requests.Session() as session:
        for _ in range(3):
            assert len(_json_rows(session.get(endpoint, params={"query": SPEAKERS}, timeout=TIMEOUT))) == 5
            assert session.post(endpoint, data={"update": "CLEAR ALL"}, timeout=TIMEOUT).status_code == 403


def test_serving_holds_off_writers(store_path, endpoint):
    with pytest.raises(StoreBusyError):
        open_store(store_path, read_only=False)


def test_make_server_wants_a_read_only_store(tmp_path):
    with open_store(tmp_path / "s", create=True) as writable:
        with pytest.raises(UsageError, match="read-only"):
            make_server(writable)


@pytest.mark.parametrize(
    "accept, offers, expected",
    [
        (None, ["a/b", "c/d"], "a/b"),
        ("c/d", ["a/b", "c/d"], "c/d"),
        ("c/d;q=0.2, a/b;q=0.9", ["a/b", "c/d"], "a/b"),
        ("c/*", ["a/b", "c/d"], "c/d"),
        ("x/y", ["a/b", "c/d"], None),
        ("a/b;q=0", ["a/b", "c/d"], None),
    ],
)
def test_negotiate(accept, offers, expected):
    assert negotiate(accept, offers) == expected


def test_parse_accept_orders_by_quality():
    assert parse_accept("text/csv;q=0.5, application/json, text/*;q=0.8") == [
        ("application/json", 1.0), ("text/*", 0.8), ("text/csv", 0.5)]


def test_geokg_serve_command(store_path, endpoint, tmp_path):
    # The module-scoped server holds a shared lock; a second reader is fine.
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store_path), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("serving "), line or proc.stderr.read()
        url = line.split(" at ", 1)[1].split()[0]
        assert url.startswith("http://127.0.0.1:") and url.endswith("/sparql")
        assert len(_json_rows(requests.get(url, params={"query": SPEAKERS}, timeout=TIMEOUT))) == 5
    finally:
        proc.terminate()
        proc.wait(TIMEOUT)
