"""Loading built graphs into a triplestore: reading files and store folders, batching, the report,
what a failure reports as loaded, and `geokg load` as a user runs it, all against the loopback
triplestore in tests/triplestore_server.py (the real Virtuoso is in test_load_virtuoso.py)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import UsageError
from kg.load import GraphLoad, LoadError, chunks_of, load, read_file, read_store
from kg.load_protocol import TriplestoreWriter
from triplestore_server import FakeTriplestore  # the loopback fake beside this file

EX = "http://example.org/"
GRAPHS = {"a": 3, "b": 5, "c": 2, "d": 7}  # graph name -> triples


def dataset() -> list[ox.Quad]:
    quads = []
    for name, n in GRAPHS.items():
        g = ox.NamedNode(EX + "graph/" + name)
        for i in range(n):
            obj = ox.Literal(f"värde {i}", language="sv") if i % 2 else ox.Literal(str(i), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
            quads.append(ox.Quad(ox.NamedNode(f"{EX}{name}/s{i}"), ox.NamedNode(EX + "p"), obj, g))
    return quads


def write_nq(path: Path, quads: list[ox.Quad]) -> Path:
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return path


def by_graph(quads: list[ox.Quad]) -> dict[str, set[ox.Triple]]:
    out: dict[str, set[ox.Triple]] = {}
    for q in quads:
        out.setdefault(q.graph_name.value, set()).add(q.triple)
    return out


def served(ts: FakeTriplestore) -> dict[str, set[ox.Triple]]:
    return {g: ts.graph(g) for g in ts.graph_names()}


def quiet_writer(url: str, **kw: object) -> TriplestoreWriter:
    return TriplestoreWriter(url, timeout=5.0, sleep=lambda s: None, **kw)  # type: ignore[arg-type]


# -- reading ----------------------------------------------------------------------------------------


def test_read_file_keeps_one_graph_per_name_without_duplicates(tmp_path: Path) -> None:
    quads = dataset()
    src = read_file(write_nq(tmp_path / "d.nq", quads + quads[:2]))  # two lines repeated
    assert src.names == [EX + "graph/" + n for n in GRAPHS]
    assert src.triples == sum(GRAPHS.values())
    assert {name: set(ts) for name, ts in src} == by_graph(quads)


def test_triples_outside_named_graphs_need_a_graph_iri(tmp_path: Path) -> None:
    ttl = tmp_path / "d.ttl"
    ttl.write_text(f"<{EX}s> <{EX}p> <{EX}o> .\n")
    with pytest.raises(UsageError, match=r"1 triple\(s\) are in no named graph; pass --graph IRI"):
        read_file(ttl)
    src = read_file(ttl, default_graph=EX + "mine")
    assert [(n, len(ts)) for n, ts in src] == [(EX + "mine", 1)]
    with pytest.raises(UsageError, match="absolute IRI"):
        read_file(ttl, default_graph="not an iri")


def test_read_store_reads_a_bare_oxigraph_folder(tmp_path: Path) -> None:
    quads = dataset()
    store = ox.Store(str(tmp_path / "db"))
    store.extend(quads)
    store.flush()
    del store
    with read_store(tmp_path / "db") as src:
        assert sorted(src.names) == src.names
        assert {name: set(ts) for name, ts in src} == by_graph(quads)
    with pytest.raises(UsageError, match="Oxigraph database folder"):
        read_store(tmp_path)  # a folder, but not a store
    with pytest.raises(Exception, match="does not exist"):
        read_store(tmp_path / "absent")


def test_read_store_reads_a_geokg_store_without_its_union_graph(tmp_path: Path) -> None:
    from kg.store import open_store

    quads = dataset()
    with open_store(tmp_path / "st", create=True) as gs:
        gs.replace_quads(quads)
        assert gs.union_size() > 0  # the default graph holds the union; it must not be loaded
    with read_store(tmp_path / "st") as src:
        assert {name: set(ts) for name, ts in src} == by_graph(quads)


# -- batching ---------------------------------------------------------------------------------------


def test_chunks_cut_a_large_graph_and_keep_blank_node_graphs_whole() -> None:
    triples = [ox.Triple(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), ox.Literal(str(i))) for i in range(7)]
    parts = chunks_of(EX + "g", triples, 3)
    assert [(c.triples, c.replace, c.last) for c in parts] == [(3, True, False), (3, False, False), (1, False, True)]
    assert sum(len(list(ox.parse(c.ntriples, format=ox.RdfFormat.N_TRIPLES))) for c in parts) == 7
    blank = triples + [ox.Triple(ox.BlankNode("b1"), ox.NamedNode(EX + "p"), ox.Literal("x"))]
    assert [(c.triples, c.last) for c in chunks_of(EX + "g", blank, 3)] == [(8, True)]


def test_gsp_load_puts_each_graph_and_a_reload_replaces(tmp_path: Path) -> None:
    quads = dataset()
    path = write_nq(tmp_path / "d.nq", quads)
    progress: list[tuple[int, list[str]]] = []
    with FakeTriplestore() as ts:
        report = load(read_file(path), quiet_writer(ts.gsp_url), batch_size=4,
                      on_progress=lambda n, gs: progress.append((n, [g.graph for g in gs])))
        assert served(ts) == by_graph(quads)
        assert report.protocol == "gsp" and report.triples == sum(GRAPHS.values())
        assert report.graphs == tuple(GraphLoad(EX + "graph/" + n, k) for n, k in GRAPHS.items())
        # "b" (5) and "d" (7) exceed the batch of 4: a PUT and then POSTs of the rest.
        assert [s.method for s in ts.writes()] == ["PUT", "PUT", "POST", "PUT", "PUT", "POST"]
        assert sum(n for n, _ in progress) == report.triples
        assert [g for _, gs in progress for g in gs] == [g.graph for g in report.graphs]
        # Reload after one graph shrank and another was dropped from the file: a reload replaces
        # what it loads (nothing is duplicated), and leaves alone what it does not load.
        smaller = [q for q in quads if not (q.graph_name.value.endswith("/b") and "s4" in q.subject.value)]
        smaller = [q for q in smaller if not q.graph_name.value.endswith("/c")]
        load(read_file(write_nq(tmp_path / "d2.nq", smaller)), quiet_writer(ts.gsp_url), batch_size=4)
        expected = by_graph(smaller) | {EX + "graph/c": by_graph(quads)[EX + "graph/c"]}
        assert served(ts) == expected and len(ts.graph(EX + "graph/b")) == 4


def test_update_load_packs_small_graphs_into_one_request(tmp_path: Path) -> None:
    quads = dataset()
    path = write_nq(tmp_path / "d.nq", quads)
    with FakeTriplestore(gsp=False) as ts:
        report = load(read_file(path), quiet_writer(ts.update_url, protocol="update"), batch_size=10)
        assert served(ts) == by_graph(quads)
        # 3+5 | 2+7 | : requests never carry more than 10 triples.
        assert len(ts.writes()) == 2 and report.requests == 2 and report.endpoint == ts.update_url
        load(read_file(path), quiet_writer(ts.update_url, protocol="update"), batch_size=10)
        assert served(ts) == by_graph(quads)  # reloaded: nothing duplicated


def test_a_failure_reports_exactly_the_graphs_loaded_before_it(tmp_path: Path) -> None:
    quads = dataset()
    path = write_nq(tmp_path / "d.nq", quads)
    # Graphs a, b load; c fails for good (3 attempts), d is never sent.
    with FakeTriplestore(plan=[None, None, (503, {}), (503, {}), (503, {})]) as ts:  # type: ignore[list-item]
        with pytest.raises(LoadError) as info:
            load(read_file(path), quiet_writer(ts.gsp_url, max_retries=2, backoff=0))
        err = info.value
        assert [g.graph for g in err.loaded] == [EX + "graph/a", EX + "graph/b"]
        assert err.not_loaded == (EX + "graph/c", EX + "graph/d")
        assert err.exit_code == 3 and err.code == "E303"
        assert f"2 of 4 graph(s) were loaded before the failure; graph <{EX}graph/c> and the rest were not" in str(err)
        assert ts.graph_names() == {EX + "graph/a", EX + "graph/b"}


def test_nothing_to_load_is_a_usage_error(tmp_path: Path) -> None:
    empty = tmp_path / "e.nq"
    empty.write_text("")
    with FakeTriplestore() as ts:
        with pytest.raises(UsageError, match="at least one graph"):
            load(read_file(empty), quiet_writer(ts.gsp_url))
        assert ts.seen == []


# -- the command ------------------------------------------------------------------------------------


def geokg(*args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GEOKG_PASSWORD"}
    if password is not None:
        env["GEOKG_PASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120)


@pytest.mark.network
def test_cli_loads_prints_triples_per_graph_and_writes_a_json_report(tmp_path: Path) -> None:
    quads = dataset()
    path = write_nq(tmp_path / "d.nq", quads)
    with FakeTriplestore(auth="digest") as ts:
        r = geokg("load", str(path), "--endpoint", ts.gsp_url, "--user", ts.user, "--json", str(tmp_path / "r.json"),
                  password=ts.password)
        assert r.returncode == 0, r.stderr
        assert served(ts) == by_graph(quads)
    lines = r.stdout.strip().splitlines()
    assert [line.split() for line in lines[:-1]] == [[str(k), EX + "graph/" + n] for n, k in GRAPHS.items()]
    assert lines[-1].startswith(f"loaded 4 graph(s), 17 triples into {ts.gsp_url} (Graph Store Protocol")
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["protocol"] == "gsp" and report["triples"] == 17 and len(report["graphs"]) == 4


@pytest.mark.network
def test_cli_falls_back_to_update_and_says_so(tmp_path: Path) -> None:
    path = write_nq(tmp_path / "d.nq", dataset())
    with FakeTriplestore(gsp=False, gsp_missing=405) as ts:
        r = geokg("load", str(path), "--endpoint", ts.gsp_url, "--update-endpoint", ts.update_url, "-q")
        assert r.returncode == 0, r.stderr
        assert "loaded with SPARQL Update instead" in r.stderr and "(SPARQL Update," in r.stdout
        assert len(ts.graph_names()) == 4


@pytest.mark.network
def test_cli_wrong_credentials_exit_3_with_one_line_and_nothing_loaded(tmp_path: Path) -> None:
    path = write_nq(tmp_path / "d.nq", dataset())
    with FakeTriplestore(auth="basic") as ts:
        r = geokg("load", str(path), "--endpoint", ts.gsp_url, "--user", ts.user, password="wrong")
        assert ts.graph_names() == set()
    assert r.returncode == 3
    assert r.stderr.count("\n") == 1 and "refused them (HTTP 401)" in r.stderr
    assert "0 of 4 graph(s) were loaded" in r.stderr
    assert r.stdout.strip() == "loaded 0 graph(s) before the failure:"


@pytest.mark.network
def test_cli_server_down_exit_3_with_one_line(tmp_path: Path) -> None:
    path = write_nq(tmp_path / "d.nq", dataset())
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = geokg("load", str(path), "--endpoint", f"http://127.0.0.1:{port}/store", "--retries", "0")
    assert r.returncode == 3
    assert r.stderr.count("\n") == 1 and "got ConnectionError 1 times; check that it is running" in r.stderr


def test_cli_usage_errors_exit_2(tmp_path: Path) -> None:
    path = write_nq(tmp_path / "d.nq", dataset())
    r = geokg("load", "--endpoint", "http://127.0.0.1:9/x")
    assert r.returncode == 2 and "either an RDF FILE or --store DIR" in r.stderr
    r = geokg("load", str(path), "--endpoint", "http://127.0.0.1:9/x", "--user", "me")
    assert r.returncode == 2 and "GEOKG_PASSWORD" in r.stderr
    r = geokg("load", str(path), "--endpoint", "http://127.0.0.1:9/x", "--protocol", "ftp")
    assert r.returncode == 2 and "protocol" in r.stderr
