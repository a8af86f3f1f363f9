"""The embedded persistent store: article graphs on disk, queried in place.

Input: article named graphs (an rdflib `Dataset` as `kg.rdf.emit` builds it, or pyoxigraph quads).
Output: a folder on disk that any number of builds add to and that SPARQL queries run on directly.

On-disk format (version 1) of a store folder DIR:

    DIR/geokg-store.json   {"format": "geokg-store", "version": 1, "base": "<instance base IRI>",
                            "created_by": "geokg <version>"}: marks the folder as a store
    DIR/oxigraph/          the Oxigraph database (RocksDB files); never edit it by hand
    DIR/geokg-store.lock   an empty file that readers and the writer lock (see below)

Contents of the database: one named graph per article, named and filled exactly as the pipeline
emits it (`<base>graph/<document id>`), and in the default graph the union (RDF merge) of all those
named graphs, each triple once, and nothing else. Queries therefore run on the store as it is:
the default graph is what a query of the merged articles should see, and GRAPH patterns still
reach single articles. (Oxigraph's own union-default-graph mode is not used: it matches a triple
once per graph holding it, so an entity labelled by 300 articles would multiply join rows by 300.)

Replacing articles keeps the union exact. The new graphs are first written to staging graphs
(`urn:geokg:staging:N`, one transaction); then one SPARQL update (a second, atomic transaction)
does, per article: delete from the union the old graph's triples that no other graph holds, move
the staging graph onto the article graph, add the article graph's triples to the union. A triple
shared by several articles (an entity's type and label) thus stays in the union while any graph
holds it and leaves it with the last one; nothing has to be counted. A writer that dies between
the two transactions leaves only a staging graph, which the next writer drops on opening.

Concurrency: one writer, or any number of readers, never both. Opening for writing takes an
exclusive lock on DIR/geokg-store.lock, opening read-only a shared one; a conflicting open fails at
once with a `StoreBusyError` instead of waiting (Oxigraph says that reading a database while
another process writes it is undefined behaviour). So `geokg serve` on a store blocks
`geokg build --store` on it until the server stops, and vice versa.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg import __version__
from kg.errors import MissingInputError, ResourceError, StoreBusyError, UsageError
from kg.rdf.convert import to_ox_quads
from kg.rdf.iris import check_base
from kg.rdf.namespaces import DEFAULT_BASE, GK_IRI

FORMAT_NAME = "geokg-store"
FORMAT_VERSION = 1
MARKER = "geokg-store.json"
DATABASE = "oxigraph"
LOCK = "geokg-store.lock"
STAGING_PREFIX = "urn:geokg:staging:"

_ARTICLES = f"""
PREFIX gk: <{GK_IRI}>
PREFIX schema: <https://schema.org/>
SELECT ?graph ?article ?hash ?headline ?published WHERE {{
  GRAPH ?graph {{
    ?article a gk:Article ; gk:contentHash ?hash .
    OPTIONAL {{ ?article schema:headline ?headline }}
    OPTIONAL {{ ?article schema:datePublished ?published }}
  }}
}} ORDER BY ?graph ?article
"""

# One article's replacement. {g} and {s} are IRIs minted by this module and serialised by
# pyoxigraph (validated NamedNodes: no '>' or spaces can occur); no caller text goes in here.
_REPLACE = """
DELETE {{ ?s ?p ?o }} WHERE {{
  GRAPH {g} {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != {g}) }}
}} ;
MOVE SILENT GRAPH {s} TO GRAPH {g} ;
INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}
"""
_REMOVE = """
DELETE {{ ?s ?p ?o }} WHERE {{
  GRAPH {g} {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != {g}) }}
}} ;
DROP SILENT GRAPH {g}
"""


@dataclass(frozen=True)
class StoredArticle:
    """One article graph in the store: its graph and article IRIs and the SHA-256 of its text."""

    graph: URIRef
    article: URIRef
    content_hash: str
    headline: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class ReplaceReport:
    """What one `replace_*` call wrote: article graphs and their quads (see `union_size()` for
    the store's size; it is not computed here because counting takes longer than a replacement)."""

    graphs: int
    quads: int


class GraphStore:
    """A geokg store folder opened for reading or writing; use `open_store` to get one.

    `ox` is the underlying pyoxigraph Store: its default graph is the deduplicated union, so
    `kg.query.run_query(query, store)` and `store.ox.query(text)` need no union mode and no copy.
    """

    def __init__(self, path: Path, ox_store: ox.Store, lock_fd: int, *, read_only: bool, base: str) -> None:
        self.path = path
        self.ox = ox_store
        self.read_only = read_only
        self.base = base
        self._lock_fd: int | None = lock_fd

    # -- life cycle -------------------------------------------------------------------------

    def close(self) -> None:
        """Flush (writer), release the lock; the store object is unusable afterwards."""
        if self._lock_fd is None:
            return
        try:
            if not self.read_only:
                self.ox.flush()
        finally:
            # Dropping the last reference closes RocksDB; the lock must outlive it.
            self.ox = None  # type: ignore[assignment]
            import gc

            gc.collect()
            os.close(self._lock_fd)  # closing the descriptor releases the flock
            self._lock_fd = None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"GraphStore({str(self.path)!r}, {mode})"

    # -- writing ----------------------------------------------------------------------------

    def _writable(self) -> ox.Store:
        if self.read_only or self.ox is None:
            raise UsageError(
                f"the store {self.path} is open read-only (or closed), got a write; "
                "open it with open_store(path, read_only=False)"
            )
        return self.ox

    def replace_quads(self, quads: Iterable[ox.Quad]) -> ReplaceReport:
        """Replace every named graph that `quads` mention with exactly those quads, atomically.

        Graphs not mentioned are untouched. Default-graph quads are refused: the default graph is
        the store's own union of the named graphs.
        """
        store = self._writable()
        groups: dict[ox.NamedNode | ox.BlankNode, list[ox.Quad]] = {}
        for q in quads:
            if isinstance(q.graph_name, ox.DefaultGraph):
                raise UsageError(
                    "expected quads in named graphs (one per article), got a default-graph triple "
                    f"{q.subject} {q.predicate} {q.object}; the store's default graph is the union it maintains"
                )
            if isinstance(q.graph_name, ox.BlankNode) or q.graph_name.value.startswith(STAGING_PREFIX):
                raise UsageError(f"expected an IRI graph name, got {q.graph_name}; name article graphs with IRIs")
            groups.setdefault(q.graph_name, []).append(q)
        if not groups:
            return ReplaceReport(0, 0)
        staging = {g: ox.NamedNode(f"{STAGING_PREFIX}{i}") for i, g in enumerate(groups)}
        self._drop_staging()
        store.extend(ox.Quad(q.subject, q.predicate, q.object, staging[g]) for g, qs in groups.items() for q in qs)
        store.update(" ;\n".join(_REPLACE.format(g=g, s=staging[g]) for g in groups))
        return ReplaceReport(len(groups), sum(len(qs) for qs in groups.values()))

    def replace_graphs(self, data: Dataset, names: Iterable[URIRef] | None = None) -> ReplaceReport:
        """Replace the store's graphs named `names` (default: every named graph of `data`) with
        their contents in `data`, in one transaction. An empty graph in `data` removes the article."""
        wanted = list(names) if names is not None else [
            g.identifier for g in data.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID
        ]
        empty = [name for name in wanted if len(data.graph(name)) == 0]
        if empty:
            self.remove_graphs(empty)
        quads = to_ox_quads(
            (s, p, o, name) for name in wanted if name not in empty for s, p, o in data.graph(name)
        )
        return self.replace_quads(quads)

    def remove_graphs(self, names: Iterable[URIRef | str]) -> int:
        """Remove these article graphs (and what only they held from the union); returns how many existed."""
        store = self._writable()
        nodes = [ox.NamedNode(str(n)) for n in names]
        present = [n for n in nodes if store.contains_named_graph(n)]
        if present:
            store.update(" ;\n".join(_REMOVE.format(g=g) for g in present))
        return len(present)

    def _drop_staging(self) -> None:
        for graph in list(self.ox.named_graphs()):
            if isinstance(graph, ox.NamedNode) and graph.value.startswith(STAGING_PREFIX):
                self.ox.remove_graph(graph)

    def rebuild_union(self) -> int:
        """Recompute the default graph from the named graphs (repair); returns its size."""
        store = self._writable()
        self._drop_staging()
        store.update("DROP SILENT DEFAULT ; INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        return self.union_size()

    def optimize(self) -> None:
        """Compact the database after a large build (optional; queries are correct either way)."""
        self._writable().optimize()

    # -- reading ----------------------------------------------------------------------------

    def articles(self) -> list[StoredArticle]:
        """The articles in the store, sorted by graph IRI."""
        out = []
        for row in self.ox.query(_ARTICLES):
            graph = row["graph"].value
            if graph.startswith(STAGING_PREFIX):
                continue
            out.append(StoredArticle(
                graph=URIRef(graph),
                article=URIRef(row["article"].value),
                content_hash=row["hash"].value,
                headline=row["headline"].value if row["headline"] is not None else None,
                published=row["published"].value if row["published"] is not None else None,
            ))
        return out

    def graph_names(self) -> list[URIRef]:
        """Names of the named graphs, sorted: the article graphs and any other graph a build wrote
        (such as its run record); `articles()` lists the articles only."""
        return sorted(
            URIRef(g.value) for g in self.ox.named_graphs()
            if isinstance(g, ox.NamedNode) and not g.value.startswith(STAGING_PREFIX)
        )

    def union_size(self) -> int:
        """Triples in the union (the default graph)."""
        return sum(1 for _ in self.ox.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def __len__(self) -> int:
        """Quads in the store, named graphs and union together."""
        return len(self.ox)

    def graph_quads(self, name: URIRef | str) -> Iterator[ox.Quad]:
        """The quads of one article graph."""
        return self.ox.quads_for_pattern(None, None, None, ox.NamedNode(str(name)))

    def verify(self) -> list[str]:
        """Differences between the default graph and the union of the named graphs (empty: consistent)."""
        union: set[tuple] = set()
        default: set[tuple] = set()
        for q in self.ox.quads_for_pattern(None, None, None, None):
            triple = (q.subject, q.predicate, q.object)
            if isinstance(q.graph_name, ox.DefaultGraph):
                default.add(triple)
            elif not q.graph_name.value.startswith(STAGING_PREFIX):
                union.add(triple)
        problems = [f"missing from the union: {' '.join(map(str, t))}" for t in sorted(union - default, key=str)]
        problems += [f"stale in the union: {' '.join(map(str, t))}" for t in sorted(default - union, key=str)]
        return problems

    def query(self, query: object, params: Mapping[str, str | None] | None = None):  # -> kg.query.QueryResult
        """Run a named query (name, .rq path or NamedQuery) on the store; see `kg.query.run_query`."""
        from kg.query import run_query

        return run_query(query, self, params)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------------
# Opening


def _lock(path: Path, exclusive: bool) -> int:
    fd = os.open(path / LOCK, (os.O_RDWR if exclusive else os.O_RDONLY) | os.O_CREAT)
    try:
        fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        wanted, holder = ("writing", "another process (a build, a query or `geokg serve`)") if exclusive else (
            "reading", "a writer (a build)")
        raise StoreBusyError(
            f"expected to open the store for {wanted}, but {holder} has it open; "
            "wait for it to finish (one writer, or any number of readers, at a time)",
            source=str(path),
        ) from None
    return fd


def _read_marker(path: Path) -> dict:
    marker = path / MARKER
    try:
        meta = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(
            f"expected a geokg store folder with a readable {MARKER}, got {exc.__class__.__name__}; "
            "pass the folder a `geokg build --store` created",
            source=str(path),
        ) from exc
    if meta.get("format") != FORMAT_NAME or not isinstance(meta.get("version"), int):
        raise UsageError(f"expected {MARKER} of format {FORMAT_NAME!r}, got {meta!r}; this is not a geokg store", source=str(path))
    if meta["version"] > FORMAT_VERSION:
        raise UsageError(
            f"expected a store of format version {FORMAT_VERSION} or older, got version {meta['version']}; "
            "upgrade geokg to read it",
            source=str(path),
        )
    return meta


def _create(path: Path, base: str) -> None:
    from kg.atomic import atomic_path

    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise UsageError(
            f"expected a new or empty folder for the store, got an existing {'folder' if path.is_dir() else 'file'} "
            f"without {MARKER}; pick another path or empty it",
            source=str(path),
        )
    path.mkdir(parents=True, exist_ok=True)
    meta = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "base": base, "created_by": f"geokg {__version__}"}
    (path / LOCK).touch()
    with atomic_path(path / MARKER) as tmp:
        tmp.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def open_store(path: str | Path, *, read_only: bool = True, create: bool = False, base: str | None = None) -> GraphStore:
    """Open the store folder `path`.

    `read_only` (default) takes a shared lock and opens the database read-only; otherwise an
    exclusive lock is taken (one writer). `create` makes the folder a new store if it is not one
    yet (it must then be empty or absent) and implies read-write. `base` is the instance base
    IRI of the graphs that will be written: a store remembers the base it was created with and
    refuses another one, since graphs of two bases would name the same article twice.
    """
    path = Path(path)
    if create:
        read_only = False
    if not (path / MARKER).exists():
        if not create:
            if not path.exists():
                raise MissingInputError(
                    "the store folder does not exist; create it with `geokg build ... --store DIR`", source=str(path)
                )
            _read_marker(path)  # raises the "not a store" error
        _create(path, check_base(base or DEFAULT_BASE))
    meta = _read_marker(path)
    stored_base = meta.get("base", DEFAULT_BASE)
    if base is not None and base != stored_base:
        raise UsageError(
            f"the store was created with base IRI {stored_base}, got --base {base}; "
            "use the same base for every build into one store, or a new store",
            source=str(path),
        )
    fd = _lock(path, exclusive=not read_only)
    try:
        db = path / DATABASE
        if read_only:
            if not db.is_dir():
                ox_store = ox.Store()  # created but never written: an empty store reads as empty
            else:
                ox_store = ox.Store.read_only(str(db))
        else:
            ox_store = ox.Store(str(db))
    except OSError as exc:
        os.close(fd)
        raise ResourceError(
            f"the store database could not be opened ({exc}); check the folder's permissions "
            "or restore it from a backup",
            source=str(path),
        ) from exc
    store = GraphStore(path, ox_store, fd, read_only=read_only, base=stored_base)
    if not read_only:
        store._drop_staging()  # left by a writer that died between its two transactions
    return store


__all__ = [
    "FORMAT_VERSION",
    "GraphStore",
    "ReplaceReport",
    "StoreBusyError",
    "StoredArticle",
    "open_store",
]
