"""kg.sink: streamed .nq/.trig output equals the in-memory writer's bytes; journals resume."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.errors import UsageError
from kg.rdf.convert import to_ox_quads
from kg.rdf.emit import new_dataset
from kg.rdf.namespaces import GK
from kg.rdf.serialize import dataset_bytes
from kg.sink import QuadSink, journal_path, streamable

BASE = "https://w3id.org/geokg/id/"
FMT = {"nq": "nquads", "trig": "trig"}


def _graph(i: int, extra: str = "") -> tuple[URIRef, list[tuple]]:
    """A small article graph with a literal holding tabs, quotes and non-ASCII text."""
    name = URIRef(f"{BASE}graph/{i:04d}")
    art = URIRef(f"{BASE}article/{i:04d}")
    triples = [
        (art, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), GK.Article),
        (art, GK.contentHash, Literal(f"hash-{i}{extra}")),
        (art, URIRef("https://schema.org/headline"), Literal(f"Headline {i}\twith \"quotes\" – Zürich {extra}")),
        (URIRef("http://www.wikidata.org/entity/Q64"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Berlin")),
    ]
    return name, triples


def _prefixes() -> dict[str, str]:
    return {p: str(n) for p, n in new_dataset(BASE).namespaces() if p}


def _write(sink: QuadSink, name: URIRef, triples: list[tuple], content_hash: str) -> None:
    quads = list(to_ox_quads((s, p, o, name) for s, p, o in triples))
    sink.write(ox.NamedNode(str(name)), quads, content_hash)


def _expected(graphs: dict[URIRef, list[tuple]], fmt: str) -> bytes:
    ds = new_dataset(BASE)
    for name, triples in graphs.items():
        g = ds.graph(name)
        for t in triples:
            g.add(t)
    return dataset_bytes(ds, FMT[fmt])


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_streamed_output_is_byte_identical_to_the_in_memory_writer(tmp_path, fmt) -> None:
    graphs = dict(_graph(i) for i in (7, 3, 12, 1, 9))
    out = tmp_path / f"out.{fmt}"
    # A tiny run size forces several sorted runs and a real merge.
    with QuadSink(out, prefixes=_prefixes(), run_bytes=300) as sink:
        for name, triples in graphs.items():
            _write(sink, name, triples, f"h{name}")
    assert out.read_bytes() == _expected(graphs, fmt)
    assert not journal_path(out).exists()


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_a_graph_written_again_replaces_its_first_version(tmp_path, fmt) -> None:
    out = tmp_path / f"out.{fmt}"
    first, second = _graph(1, "old"), _graph(1, "new")
    with QuadSink(out, prefixes=_prefixes()) as sink:
        _write(sink, *first, "old")
        _write(sink, *_graph(2), "two")
        _write(sink, *second, "new")
    assert out.read_bytes() == _expected(dict([second, _graph(2)]), fmt)
    assert b"old" not in out.read_bytes()


def test_an_exception_keeps_the_journal_and_resume_continues_from_it(tmp_path) -> None:
    out = tmp_path / "out.nq"
    graphs = dict(_graph(i) for i in range(5))
    items = list(graphs.items())
    with pytest.raises(RuntimeError):
        with QuadSink(out, prefixes=_prefixes()) as sink:
            for name, triples in items[:3]:
                _write(sink, name, triples, f"hash-{name}")
            raise RuntimeError("crash")
    assert not out.exists()
    assert journal_path(out).is_file()
    # A crash in the middle of a graph leaves lines without their closing mark: they are dropped.
    with open(journal_path(out), "ab") as fh:
        fh.write(b'<http://x/s> <http://x/p> "half" <http://x/g> .\n')

    with QuadSink(out, prefixes=_prefixes(), resume=True) as sink:
        assert sink.resumed == 3
        assert [sink.done(f"hash-{n}") for n, _ in items] == [True, True, True, False, False]
        for name, triples in items[3:]:
            _write(sink, name, triples, f"hash-{name}")
    assert out.read_bytes() == _expected(graphs, "nq")


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_resume_carries_over_a_complete_earlier_output(tmp_path, fmt) -> None:
    out = tmp_path / f"out.{fmt}"
    with QuadSink(out, prefixes=_prefixes()) as sink:
        for i in (1, 2):
            _write(sink, *_graph(i), f"hash-{i}")
    with QuadSink(out, prefixes=_prefixes(), resume=True) as sink:
        # The earlier file's gk:contentHash values are the index.
        assert sink.done("hash-1") and sink.done("hash-2") and not sink.done("hash-3")
        _write(sink, *_graph(3), "hash-3")
        _write(sink, *_graph(2, "changed"), "hash-2changed")
    assert out.read_bytes() == _expected(dict([_graph(1), _graph(2, "changed"), _graph(3)]), fmt)


def test_only_nquads_and_trig_stream(tmp_path) -> None:
    assert streamable(tmp_path / "a.nq") and streamable(tmp_path / "a.TRIG")
    assert not streamable(tmp_path / "a.ttl")
    with pytest.raises(UsageError, match="expected an output ending in"):
        QuadSink(tmp_path / "a.ttl")


def test_write_nquads_takes_serialised_graphs(tmp_path) -> None:
    out = tmp_path / "out.nq"
    name, triples = _graph(4)
    payload = ox.serialize(to_ox_quads((s, p, o, name) for s, p, o in triples), format=ox.RdfFormat.N_QUADS)
    with QuadSink(out) as sink:
        assert sink.write_nquads(str(name), payload, "hash-4") == len(triples)
    assert out.read_bytes() == _expected(dict([(name, triples)]), "nq")
