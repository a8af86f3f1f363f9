"""`geokg load` into a real Virtuoso (Debian's virtuoso-opensource-7-bin, installed by .ci/run).

A fixture starts `virtuoso-t` on 127.0.0.1 with free ports and a database in a temporary folder,
and stops it afterwards. The seed article (and the bundled example article) are built with the
real pipeline, loaded through Virtuoso's Graph Store endpoint with digest authentication, read
back over the SPARQL protocol triple for triple, reloaded (nothing duplicates), and loaded again
through SPARQL Update; a wrong password and a server that dies mid-load end with exit code 3 and
report exactly the graphs that were loaded. Skipped when no virtuoso-t is installed (but not on CI,
where .ci/run installs it).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from kg.load import LoadError, load, read_file, read_store
from kg.load_protocol import TriplestoreWriter
from kg.resources import shared_dir

pytestmark = [pytest.mark.network, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "wikinews-iraq-parliament-2020-01-06.jsonl"
DBA = ("dba", "dba")  # the password of a freshly created Virtuoso database

INI = """\
[Database]
DatabaseFile = {root}/virtuoso.db
ErrorLogFile = {root}/virtuoso.log
TransactionFile = {root}/virtuoso.trx
xa_persistent_file = {root}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {root}/virtuoso-temp.db
TransactionFile = {root}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = {root}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {root}
ServerThreads = 10
MaxClientConnections = 10
KeepAliveTimeout = 10

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def virtuoso_binary() -> str:
    binary = shutil.which("virtuoso-t")
    if binary is None:
        reason = "no virtuoso-t on PATH (apt-get install virtuoso-opensource-7-bin, as .ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(reason + "; CI must run this test")
        pytest.skip(reason)
    return binary


class Virtuoso:
    """One virtuoso-t process on loopback ports with its database in `root`."""

    def __init__(self, root: Path) -> None:
        self.binary = virtuoso_binary()
        self.root = root
        self.http_port = free_port()
        self.sql_port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        root.mkdir(parents=True, exist_ok=True)
        (root / "virtuoso.ini").write_text(INI.format(root=root, sql_port=self.sql_port, http_port=self.http_port))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def start(self) -> None:
        with open(self.root / "stdout.log", "ab") as log:
            self.proc = subprocess.Popen([self.binary, "+configfile", str(self.root / "virtuoso.ini"), "+foreground"],
                                         cwd=self.root, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited with {self.proc.returncode}: {self.log_tail()}")
            try:
                if requests.get(self.url + "/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"virtuoso-t did not answer within 120 s: {self.log_tail()}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()  # Virtuoso shuts down cleanly on SIGTERM
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def log_tail(self) -> str:
        log = self.root / "virtuoso.log"
        return " | ".join(log.read_text(errors="replace").splitlines()[-5:]) if log.exists() else "(no log)"

    def isql(self, sql: str) -> None:
        isql = shutil.which("isql-vt") or str(Path(self.binary).with_name("isql"))
        r = subprocess.run([isql, f"127.0.0.1:{self.sql_port}", *DBA, f"exec={sql}"], capture_output=True,
                           text=True, timeout=60, stdin=subprocess.DEVNULL)
        assert r.returncode == 0 and "Error" not in r.stdout + r.stderr, r.stdout + r.stderr

    # -- reading back over the SPARQL protocol ---------------------------------------------------

    def graph(self, iri: str) -> set[ox.Triple]:
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
        resp = requests.post(self.url + "/sparql", data={"query": query}, headers={"Accept": "application/n-triples"},
                             timeout=60)
        resp.raise_for_status()
        return {q.triple for q in ox.parse(resp.content, format=ox.RdfFormat.N_TRIPLES)}

    def count(self, prefix: str) -> tuple[int, int]:
        """(triples, graphs) in the graphs whose IRI starts with `prefix`."""
        query = ("SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } "
                 f'FILTER(STRSTARTS(STR(?g), "{prefix}")) }}')
        resp = requests.get(self.url + "/sparql", params={"query": query},
                            headers={"Accept": "application/sparql-results+json"}, timeout=60)
        resp.raise_for_status()
        row = resp.json()["results"]["bindings"][0]
        return int(row["n"]["value"]), int(row["graphs"]["value"])


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, pipeline) -> Path:
    """The seed article (when ../shared is there) and the example article, built as N-Quads."""
    from kg.pipeline import build

    inputs = [EXAMPLE]
    shared = shared_dir()
    if shared is not None and (shared / "seeds" / "000_95ac24c8d12e2e9f.txt").exists():
        inputs.insert(0, shared / "seeds" / "000_95ac24c8d12e2e9f.txt")
    out = tmp_path_factory.mktemp("built") / "seed.nq"
    report = build(inputs, out, pipeline=pipeline)
    assert report.articles == len(inputs)
    return out


def graphs_of(path: Path) -> dict[str, set[ox.Triple]]:
    out: dict[str, set[ox.Triple]] = {}
    for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
        out.setdefault(q.graph_name.value, set()).add(q.triple)
    return out


def renamed(path: Path, target: Path, prefix: str, copies: int = 1) -> Path:
    """The quads of `path` with each graph renamed to `prefix<n>/<old name>`, `copies` times."""
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    target.write_bytes(ox.serialize(
        [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(f"{prefix}{i}/{q.graph_name.value}"))
         for i in range(copies) for q in quads], format=ox.RdfFormat.N_QUADS))
    return target


def geokg(*args: str, password: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GEOKG_PASSWORD": password}
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=300)


def test_graph_store_load_reads_back_exactly_and_a_reload_duplicates_nothing(virtuoso: Virtuoso, built: Path,
                                                                          tmp_path: Path) -> None:
    expected = graphs_of(built)
    total = sum(map(len, expected.values()))
    r = geokg("load", str(built), "--endpoint", virtuoso.url + "/sparql-graph-crud-auth", "--user", "dba",
              "--json", str(tmp_path / "report.json"), password="dba")
    assert r.returncode == 0, r.stderr
    assert f"loaded {len(expected)} graph(s), {total} triples" in r.stdout and "Graph Store Protocol" in r.stdout
    for name, triples in expected.items():
        assert virtuoso.graph(name) == triples  # every triple, literals and datatypes intact
    prefix = "https://w3id.org/geokg/id/graph/"
    assert virtuoso.count(prefix) == (total, len(expected))

    r = geokg("load", str(built), "--endpoint", virtuoso.url + "/sparql-graph-crud-auth", "--user", "dba", "-q",
              password="dba")
    assert r.returncode == 0, r.stderr
    assert virtuoso.count(prefix) == (total, len(expected))  # reloaded: nothing duplicated

    # A rebuilt article with fewer triples replaces its graph instead of adding to it.
    name = sorted(expected)[0]
    keep = sorted(expected[name], key=str)[: len(expected[name]) // 2]
    smaller = tmp_path / "smaller.nq"
    smaller.write_bytes(ox.serialize([ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name)) for t in keep],
                                     format=ox.RdfFormat.N_QUADS))
    report = load(read_file(smaller), TriplestoreWriter(virtuoso.url + "/sparql-graph-crud-auth", user="dba",
                                                        password="dba"))
    assert report.protocol == "gsp" and report.triples == len(keep)
    assert virtuoso.graph(name) == set(keep)


def test_sparql_update_load_and_reload_over_sparql(virtuoso: Virtuoso, built: Path, tmp_path: Path) -> None:
    prefix = "urn:geokg-test:update:"
    data = renamed(built, tmp_path / "update.nq", prefix)
    expected = graphs_of(data)
    total = sum(map(len, expected.values()))
    # SPARQL Update over the anonymous /sparql endpoint needs this grant; the test instance gets it
    # (for this test only) rather than the loader working around it.
    virtuoso.isql('GRANT SPARQL_UPDATE TO "SPARQL"')
    try:
        for _ in range(2):
            report = load(read_file(data), TriplestoreWriter(virtuoso.url + "/sparql", protocol="update"),
                          batch_size=100)
            assert report.protocol == "update" and report.triples == total
            assert virtuoso.count(prefix) == (total, len(expected))
    finally:
        virtuoso.isql('REVOKE SPARQL_UPDATE FROM "SPARQL"')
    for name, triples in expected.items():
        assert virtuoso.graph(name) == triples


def test_auto_falls_back_to_update_where_there_is_no_graph_store(virtuoso: Virtuoso, built: Path,
                                                                tmp_path: Path) -> None:
    prefix = "urn:geokg-test:fallback:"
    data = renamed(built, tmp_path / "fallback.nq", prefix)
    store = ox.Store(str(tmp_path / "db"))  # and read from an Oxigraph folder this time
    store.extend(ox.parse(path=str(data), format=ox.RdfFormat.N_QUADS))
    store.flush()
    del store
    with read_store(tmp_path / "db") as source:
        report = load(source, TriplestoreWriter(virtuoso.url + "/no-graph-store-here",
                                                update_endpoint=virtuoso.url + "/sparql-auth", user="dba",
                                                password="dba"))
    # Virtuoso 7.2 answers a PUT to a path it does not serve with 501 Not Implemented.
    assert report.protocol == "update" and report.fallback_reason in {f"HTTP {s} to a Graph Store PUT" for s in (404, 405, 501)}
    expected = graphs_of(data)
    assert virtuoso.count(prefix) == (sum(map(len, expected.values())), len(expected))


def test_wrong_password_exits_3_and_loads_nothing(virtuoso: Virtuoso, built: Path, tmp_path: Path) -> None:
    prefix = "urn:geokg-test:wrong-password:"
    data = renamed(built, tmp_path / "wrong.nq", prefix)
    r = geokg("load", str(data), "--endpoint", virtuoso.url + "/sparql-graph-crud-auth", "--user", "dba",
              password="not-the-password")
    assert r.returncode == 3
    assert r.stderr.count("\n") == 1 and "refused them (HTTP 401)" in r.stderr and "0 of" in r.stderr
    assert r.stdout.strip() == "loaded 0 graph(s) before the failure:"
    assert virtuoso.count(prefix) == (0, 0)


def test_anonymous_graph_store_write_is_refused_with_virtuosos_reason(virtuoso: Virtuoso, built: Path) -> None:
    r = geokg("load", str(built), "--endpoint", virtuoso.url + "/sparql-graph-crud", password="")
    assert r.returncode == 3 and r.stderr.count("\n") == 1
    assert "HTTP 403" in r.stderr and "Permission denied" in r.stderr


def test_a_server_that_dies_mid_load_reports_exactly_what_was_loaded(built: Path, tmp_path: Path) -> None:
    server = Virtuoso(tmp_path / "virtuoso")
    server.start()
    try:
        prefix = "urn:geokg-test:dies:"
        data = renamed(built, tmp_path / "dies.nq", prefix, copies=3)
        source = read_file(data)
        assert len(source.names) >= 3

        completed: list = []

        def stop_after_two(triples: int, graphs: object) -> None:
            completed.extend(graphs)  # type: ignore[call-overload]
            if len(completed) == 2:
                server.stop()

        writer = TriplestoreWriter(server.url + "/sparql-graph-crud-auth", user="dba", password="dba",
                                   max_retries=1, backoff=0.1, timeout=10)
        with pytest.raises(LoadError) as info:
            load(source, writer, on_progress=stop_after_two)
        err = info.value
        assert err.exit_code == 3 and "ConnectionError" in str(err)
        assert [g.graph for g in err.loaded] == source.names[:2]
        assert list(err.not_loaded) == source.names[2:]
        # Restarted on the same database, the server holds exactly the graphs reported as loaded.
        server.start()
        expected = graphs_of(data)
        assert virtuoso_graphs(server, prefix) == set(source.names[:2])
        for name in source.names[:2]:
            assert server.graph(name) == expected[name]
    finally:
        server.stop()


def virtuoso_graphs(server: Virtuoso, prefix: str) -> set[str]:
    query = f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{prefix}")) }}'
    resp = requests.get(server.url + "/sparql", params={"query": query},
                        headers={"Accept": "application/sparql-results+json"}, timeout=60)
    resp.raise_for_status()
    return {b["g"]["value"] for b in resp.json()["results"]["bindings"]}
