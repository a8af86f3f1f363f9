"""The triplestore writer's protocol logic against a loopback triplestore (tests/triplestore_server.py):
PUT per graph, the Update fallback, batching, retries honouring Retry-After, and authentication."""

from __future__ import annotations

import socket

import pyoxigraph as ox
import pytest

from kg import __version__
from kg.errors import NetworkError, UsageError
from kg.load_protocol import Chunk, TriplestoreWriter, update_text
from triplestore_server import FakeTriplestore  # the loopback fake beside this file

pytestmark = pytest.mark.network

EX = "http://example.org/"


def chunk(graph: str, *objects: str, replace: bool = True, last: bool = True) -> Chunk:
    triples = [ox.Triple(ox.NamedNode(EX + "s"), ox.NamedNode(EX + "p"), ox.Literal(o)) for o in objects]
    return Chunk(EX + graph, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b"",
                 len(triples), replace=replace, last=last)


def literals(ts: FakeTriplestore, graph: str) -> set[str]:
    return {t.object.value for t in ts.graph(EX + graph)}


class Recorder:
    def __init__(self) -> None:
        self.sleeps: list[float] = []
        self.written: list[list[str]] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def on_written(self, chunks: object) -> None:
        self.written.append([c.graph for c in chunks])  # type: ignore[attr-defined]


def writer(url: str, rec: Recorder, **kw: object) -> TriplestoreWriter:
    kw.setdefault("timeout", 5.0)
    return TriplestoreWriter(url, sleep=rec.sleep, **kw)  # type: ignore[arg-type]


def test_gsp_puts_one_graph_per_request_and_a_put_replaces() -> None:
    rec = Recorder()
    with FakeTriplestore() as ts:
        w = writer(ts.gsp_url, rec)
        w.write([chunk("g1", "a", "Zürich «quoted» \"x\""), chunk("g2", "b")], rec.on_written)
        assert w.protocol == "gsp"
        puts = ts.writes()
        assert [(s.method, s.params) for s in puts] == [("PUT", {"graph": EX + "g1"}), ("PUT", {"graph": EX + "g2"})]
        assert all(s.headers["Content-Type"] == "application/n-triples" for s in puts)
        assert puts[0].headers["User-Agent"].startswith(f"geokg/{__version__} ")
        assert literals(ts, "g1") == {"a", "Zürich «quoted» \"x\""}
        assert rec.written == [[EX + "g1"], [EX + "g2"]]
        # Loading g1 again with other content replaces it: nothing of the old graph is left.
        w.write([chunk("g1", "c")], rec.on_written)
        assert literals(ts, "g1") == {"c"} and literals(ts, "g2") == {"b"}


def test_gsp_appends_the_later_chunks_of_a_split_graph_with_post() -> None:
    rec = Recorder()
    with FakeTriplestore() as ts:
        w = writer(ts.gsp_url, rec)
        w.write([chunk("g", "old")], rec.on_written)
        w.write([chunk("g", "1", "2", last=False), chunk("g", "3", replace=False)], rec.on_written)
        assert [s.method for s in ts.writes()] == ["PUT", "PUT", "POST"]
        assert literals(ts, "g") == {"1", "2", "3"}


@pytest.mark.parametrize("status", [404, 405, 501])
def test_auto_falls_back_to_update_when_the_store_has_no_graph_store(status: int) -> None:
    rec = Recorder()
    with FakeTriplestore(gsp=False, gsp_missing=status) as ts:
        w = writer(ts.gsp_url, rec, update_endpoint=ts.update_url)
        w.write([chunk("g1", "a"), chunk("g2", "b"), chunk("g3", "c")], rec.on_written)
        assert w.protocol == "update" and w.fallback_reason == f"HTTP {status} to a Graph Store PUT"
        # One PUT found no Graph Store; then all three graphs went in one update request.
        assert [(s.method, s.path) for s in ts.writes()] == [("PUT", "/store"), ("POST", "/update")]
        assert ts.writes()[1].headers["Content-Type"].startswith("application/sparql-update")
        assert rec.written == [[EX + "g1", EX + "g2", EX + "g3"]]
        assert {g: literals(ts, g) for g in ("g1", "g2", "g3")} == {"g1": {"a"}, "g2": {"b"}, "g3": {"c"}}
        # Later writes go straight to Update, and a reload replaces: DROP then INSERT DATA.
        w.write([chunk("g1", "z")], rec.on_written)
        assert ts.writes()[-1].path == "/update" and len(ts.writes()) == 3
        assert literals(ts, "g1") == {"z"}


def test_explicit_gsp_does_not_fall_back() -> None:
    rec = Recorder()
    with FakeTriplestore(gsp=False, gsp_missing=404) as ts:
        w = writer(ts.gsp_url, rec, protocol="gsp", update_endpoint=ts.update_url)
        with pytest.raises(NetworkError, match=r"expected a SPARQL Graph Store endpoint, got HTTP 404"):
            w.write([chunk("g1", "a")], rec.on_written)
        assert rec.written == [] and ts.graph_names() == set()


def test_update_text_drops_only_for_the_first_chunk_of_a_graph() -> None:
    text = update_text([chunk("g", "a", last=False), chunk("g", "b", replace=False)])
    assert text.count("DROP SILENT GRAPH <http://example.org/g>") == 1
    assert text.count("INSERT DATA") == 2
    store = ox.Store()
    store.update(text)  # it is valid SPARQL Update
    assert len(store) == 2


def test_update_endpoint_missing_is_a_clear_error() -> None:
    rec = Recorder()
    with FakeTriplestore(gsp=False) as ts:
        w = writer(ts.base + "/nowhere", rec, protocol="update")
        with pytest.raises(NetworkError, match=r"expected a SPARQL Update endpoint, got HTTP 404.*--update-endpoint"):
            w.write([chunk("g1", "a")], rec.on_written)


def test_retries_on_5xx_and_429_honour_retry_after() -> None:
    rec = Recorder()
    with FakeTriplestore(plan=[(503, {"Retry-After": "2"}), (429, {"Retry-After": "1"}), (500, {})]) as ts:
        w = writer(ts.gsp_url, rec, backoff=0.5)
        w.write([chunk("g1", "a")], rec.on_written)
        # Retry-After when given, exponential backoff (0.5 * 2**attempt) when not.
        assert rec.sleeps == [2.0, 1.0, 2.0]
        assert [s.method for s in ts.seen] == ["PUT"] * 4 and w.retries == 3 and w.requests == 4
        assert literals(ts, "g1") == {"a"}


def test_a_server_that_keeps_failing_gives_up_with_its_message() -> None:
    rec = Recorder()
    with FakeTriplestore(fail_always=(500, {})) as ts:
        w = writer(ts.gsp_url, rec, max_retries=2, backoff=0.01)
        with pytest.raises(NetworkError, match=r"kept returning HTTP 500 \(scripted 500\)"):
            w.write([chunk("g1", "a")], rec.on_written)
        assert len(ts.seen) == 3 and rec.written == []


def test_a_retry_after_longer_than_max_wait_gives_up_at_once() -> None:
    rec = Recorder()
    with FakeTriplestore(plan=[(503, {"Retry-After": "3600"})]) as ts:
        w = writer(ts.gsp_url, rec, max_wait=60)
        with pytest.raises(NetworkError, match=r"asked for 3600 s"):
            w.write([chunk("g1", "a")], rec.on_written)
        assert rec.sleeps == [] and len(ts.seen) == 1


def test_server_down_is_a_network_error_after_the_retries() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket is closed
    rec = Recorder()
    w = writer(f"http://127.0.0.1:{port}/store", rec, max_retries=2, backoff=0.25)
    with pytest.raises(NetworkError, match=r"got ConnectionError 3 times; check that it is running") as info:
        w.write([chunk("g1", "a")], rec.on_written)
    assert info.value.exit_code == 3 and rec.sleeps == [0.25, 0.5]


@pytest.mark.parametrize("scheme", ["basic", "digest"])
def test_auto_auth_answers_the_scheme_the_server_asks_for(scheme: str) -> None:
    rec = Recorder()
    with FakeTriplestore(auth=scheme) as ts:
        w = writer(ts.gsp_url, rec, user=ts.user, password=ts.password)
        w.write([chunk("g1", "a"), chunk("g2", "b")], rec.on_written)
        assert literals(ts, "g1") == {"a"} and literals(ts, "g2") == {"b"}
        sent = [s.headers.get("Authorization", "").split(" ")[0] for s in ts.seen]
        # The first request goes without credentials; the challenge decides the scheme.
        assert sent[0] == "" and sent[-1] == scheme.capitalize()
        assert "Basic" not in sent if scheme == "digest" else "Digest" not in sent


def test_explicit_basic_auth_is_sent_from_the_first_request() -> None:
    rec = Recorder()
    with FakeTriplestore(auth="basic") as ts:
        w = writer(ts.gsp_url, rec, user=ts.user, password=ts.password, auth="basic")
        w.write([chunk("g1", "a")], rec.on_written)
        assert [s.headers.get("Authorization", "")[:6] for s in ts.seen] == ["Basic "]


@pytest.mark.parametrize("scheme", ["basic", "digest"])
def test_wrong_credentials_are_refused_without_retrying(scheme: str) -> None:
    rec = Recorder()
    with FakeTriplestore(auth=scheme) as ts:
        w = writer(ts.gsp_url, rec, user=ts.user, password="wrong")
        with pytest.raises(NetworkError, match=r"accept the credentials of user 'loader', it refused them"):
            w.write([chunk("g1", "a")], rec.on_written)
        assert ts.graph_names() == set() and rec.written == [] and rec.sleeps == []
        assert len(ts.seen) <= 3  # unauthenticated, then at most one challenge-response round


def test_no_credentials_for_a_protected_store() -> None:
    rec = Recorder()
    with FakeTriplestore(auth="digest") as ts:
        w = writer(ts.gsp_url, rec)
        with pytest.raises(NetworkError, match=r"asks for Digest credentials \(HTTP 401\); pass --user"):
            w.write([chunk("g1", "a")], rec.on_written)


def test_forbidden_names_the_user_and_the_servers_reason() -> None:
    rec = Recorder()
    with FakeTriplestore(fail_always=(403, {})) as ts:
        w = writer(ts.gsp_url, rec)
        with pytest.raises(NetworkError, match=r"anonymous client.*HTTP 403: scripted 403.*grant write permission"):
            w.write([chunk("g1", "a")], rec.on_written)


def test_bad_settings_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="protocol"):
        TriplestoreWriter("http://127.0.0.1:1/x", protocol="ftp")
    with pytest.raises(UsageError, match="auth scheme"):
        TriplestoreWriter("http://127.0.0.1:1/x", auth="kerberos")
    with pytest.raises(UsageError, match="http:// or https://"):
        TriplestoreWriter("localhost:8890/sparql")
    with pytest.raises(UsageError, match="without a user"):
        TriplestoreWriter("http://127.0.0.1:1/x", password="p")
