"""Load a built graph into a SPARQL 1.1 triplestore (Virtuoso, Fuseki, GraphDB, Oxigraph server...).

Input: an RDF file that `kg.rdf.serialize` reads (N-Quads and TriG keep one named graph per
article) or a store folder (a geokg store from `geokg build --store`, or a bare Oxigraph database
folder), and a `kg.load_protocol.TriplestoreWriter` for the server. Output: each named graph
written on the server, replacing the graph of the same name there (so a reload never duplicates),
and a `LoadReport` of the triples written per graph.

Batching: a request carries at most `batch_size` triples. With the Graph Store Protocol that means
one PUT per graph, and a graph larger than that is sent as a PUT and then POSTs; with SPARQL Update,
small graphs share one request. A graph with blank nodes is always sent whole in a request of its
own, since blank-node labels do not carry from one request (or one INSERT DATA) to the next.

A graph counts as loaded only once the server has taken its last triple. When a request fails for
good, `LoadError` says which graphs were loaded before it (`loaded`) and which were not.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import GeokgError, MissingInputError, NetworkError, UsageError
from kg.load_protocol import Chunk, TriplestoreWriter

DEFAULT_BATCH = 10_000


@dataclass(frozen=True)
class GraphLoad:
    """One graph written to the server."""

    graph: str
    triples: int


@dataclass(frozen=True)
class LoadReport:
    endpoint: str
    protocol: str  # "gsp" or "update": what was used in the end
    graphs: tuple[GraphLoad, ...]
    seconds: float
    requests: int
    retries: int
    fallback_reason: str | None = None

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs)

    @property
    def triples_per_second(self) -> float:
        return self.triples / self.seconds if self.seconds > 0 else 0.0


class LoadError(NetworkError):
    """A load that stopped part-way: `loaded` were written whole, `not_loaded` were not (the first
    of them, the one whose request failed, may be partly written if it was sent in chunks)."""

    def __init__(self, cause: GeokgError, *, loaded: Sequence[GraphLoad], not_loaded: Sequence[str]) -> None:
        self.cause = cause
        self.loaded = tuple(loaded)
        self.not_loaded = tuple(not_loaded)
        total = len(self.loaded) + len(self.not_loaded)
        first = f"; graph <{self.not_loaded[0]}> and the rest were not" if self.not_loaded else ""
        super().__init__(
            f"{cause.message.rstrip('.')}; {len(self.loaded)} of {total} graph(s) were loaded before the "
            f"failure{first}",
            source=cause.source,
        )


@dataclass
class GraphSource:
    """The named graphs to load, read lazily one at a time (`__iter__` yields IRI and triples)."""

    description: str
    names: list[str]
    triples: int  # an upper bound for a store (its quads), exact for a file
    _fetch: Callable[[str], list[ox.Triple]] = field(repr=False)
    _close: Callable[[], None] | None = field(default=None, repr=False)

    def __iter__(self) -> Iterator[tuple[str, list[ox.Triple]]]:
        for name in self.names:
            yield name, self._fetch(name)

    def close(self) -> None:
        if self._close is not None:
            self._close()
            self._close = None

    def __enter__(self) -> GraphSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check_graph_iri(iri: str | None) -> str | None:
    if iri is None:
        return None
    try:
        ox.NamedNode(iri)
    except ValueError as exc:
        raise UsageError(
            f"expected an absolute IRI for --graph, got {iri!r} ({exc}); give one like https://example.org/g") from exc
    if ":" not in iri:
        raise UsageError(f"expected an absolute IRI for --graph, got {iri!r}; give one like https://example.org/g")
    return iri


def _unique(triples: Iterator[ox.Triple]) -> list[ox.Triple]:
    return list(dict.fromkeys(triples))


def read_file(path: Path, *, default_graph: str | None = None, fmt: str | None = None) -> GraphSource:
    """The graphs of an RDF file; triples outside any named graph go to `default_graph`."""
    from kg.rdf.serialize import read_quads

    default_graph = _check_graph_iri(default_graph)
    graphs: dict[str, list[ox.Triple]] = {}
    loose = 0
    for q in read_quads(Path(path), fmt):
        if isinstance(q.graph_name, ox.DefaultGraph):
            loose += 1
            if default_graph is None:
                continue
            name = default_graph
        else:
            name = q.graph_name.value  # blank-node graph names are kept by label
        graphs.setdefault(name, []).append(q.triple)
    if loose and default_graph is None:
        raise UsageError(
            f"expected named graphs (N-Quads or TriG), but {loose} triple(s) are in no named graph; pass "
            "--graph IRI to load them into that graph, or build the file as .nq or .trig",
            source=str(path))
    unique = {name: _unique(iter(ts)) for name, ts in graphs.items()}
    return GraphSource(str(path), list(unique), sum(map(len, unique.values())), unique.__getitem__)


def read_store(path: Path, *, default_graph: str | None = None) -> GraphSource:
    """The graphs of a store folder, opened read-only.

    A geokg store (`geokg build --store`) is opened through `kg.store`, under its shared lock; its
    default graph is the union of the article graphs and is not loaded. A bare Oxigraph database
    folder is opened with pyoxigraph; triples in its default graph go to `default_graph`.
    """
    path = Path(path)
    default_graph = _check_graph_iri(default_graph)
    if not path.is_dir():
        raise MissingInputError("expected a store folder, but it does not exist; check the path", source=str(path))
    from kg.store import MARKER

    if (path / MARKER).exists():
        from kg.store import open_store

        gs = open_store(path, read_only=True)
        names = [str(n) for n in gs.graph_names()]
        return GraphSource(str(path), names, len(gs) - gs.union_size(),
                           lambda name: _unique(q.triple for q in gs.graph_quads(name)), gs.close)
    try:
        store = ox.Store.read_only(str(path))
    except OSError as exc:
        raise UsageError(
            f"expected a geokg store or an Oxigraph database folder, but it could not be opened as one ({exc}); "
            "give a folder made by `geokg build --store DIR`", source=str(path)) from exc
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    loose = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
    if loose and default_graph is None:
        raise UsageError(
            "expected only named graphs in the store, but its default graph has triples; pass --graph IRI "
            "to load them into that graph", source=str(path))

    def fetch(name: str) -> list[ox.Triple]:
        triples = _unique(q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name)))
        if name == default_graph:
            triples = _unique(iter(triples + [q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]))
        return triples

    if loose and default_graph not in names:
        names.append(default_graph)  # type: ignore[arg-type]
    return GraphSource(str(path), names, len(store), fetch)


def _has_blank_node(t: ox.Triple) -> bool:
    return isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)


def chunks_of(graph: str, triples: list[ox.Triple], batch_size: int) -> list[Chunk]:
    """`triples` of `graph` cut into chunks of at most `batch_size` (one chunk if it has blank nodes)."""
    if any(_has_blank_node(t) for t in triples):
        parts = [triples]
    else:
        parts = [triples[i:i + batch_size] for i in range(0, len(triples), batch_size)] or [[]]
    return [
        Chunk(graph, ox.serialize(part, format=ox.RdfFormat.N_TRIPLES) if part else b"", len(part),
              replace=(i == 0), last=(i == len(parts) - 1))
        for i, part in enumerate(parts)
    ]


def load(source: GraphSource, writer: TriplestoreWriter, *, batch_size: int = DEFAULT_BATCH,
         on_progress: Callable[[int, Sequence[GraphLoad]], None] | None = None) -> LoadReport:
    """Write every graph of `source` through `writer`, replacing the server's graph of each name.

    `on_progress(triples, graphs)` hears after each request how many triples it carried and which
    graphs it completed. Raises `LoadError` (exit code 3) naming the graphs loaded before a failure.
    """
    if batch_size < 1:
        raise UsageError(f"expected a batch size of at least 1 triple, got {batch_size}; pass a positive number")
    if not source.names:
        raise UsageError("expected at least one graph to load, got none; check the input", source=source.description)
    start = time.perf_counter()
    loaded: list[GraphLoad] = []
    counts: dict[str, int] = {}

    def written(chunks: Sequence[Chunk]) -> None:
        done = []
        for c in chunks:
            counts[c.graph] = counts.get(c.graph, 0) + c.triples
            if c.last:
                done.append(GraphLoad(c.graph, counts.pop(c.graph)))
        loaded.extend(done)
        if on_progress is not None:
            on_progress(sum(c.triples for c in chunks), done)

    batch: list[Chunk] = []
    size = 0

    def flush() -> None:
        nonlocal batch, size
        if batch:
            writer.write(batch, written)
        batch, size = [], 0

    try:
        for name, triples in source:
            blank = any(_has_blank_node(t) for t in triples)
            for chunk in chunks_of(name, triples, batch_size):
                # A graph with blank nodes, or a chunk that fills a batch, goes in a request of its own.
                alone = blank or chunk.triples >= batch_size
                if batch and (size + chunk.triples > batch_size or alone):
                    flush()
                batch.append(chunk)
                size += chunk.triples
                if alone:
                    flush()
        flush()
    except GeokgError as exc:
        done = {g.graph for g in loaded}
        raise LoadError(exc, loaded=loaded, not_loaded=[n for n in source.names if n not in done]) from exc
    return LoadReport(
        endpoint=writer.update_endpoint if writer.protocol == "update" else writer.endpoint,
        protocol=writer.protocol, graphs=tuple(loaded), seconds=time.perf_counter() - start,
        requests=writer.requests, retries=writer.retries, fallback_reason=writer.fallback_reason)
