"""Write and read geokg datasets as files.

Input: an `rdflib.Dataset` (or Graph) and a path. Output: the file, in the format its suffix names:

    .nq      N-Quads, one line per quad, lines sorted (`LC_ALL=C sort` order)
    .trig    TriG, one block per named graph, graphs / subjects / predicates / objects sorted
    .ttl     Turtle of the union of all graphs (graph names are dropped), sorted
    .nt      N-Triples of the union, lines sorted and de-duplicated
    .jsonld  JSON-LD, compacted with the published context (ontology/context.jsonld, embedded so
             the file reads offline) and the dataset's prefixes, nodes and values sorted

Writing is atomic (a temporary file in the target folder, then `os.replace`), so a reader never sees
half a file and a failed write leaves the old file intact.

Determinism: for data without blank nodes (geokg never emits any) every format is byte-identical
for the same input, whatever the insertion order or PYTHONHASHSEED. Blank-node labels are kept as
given, so data with blank nodes read from elsewhere is only byte-stable if its labels are.
N-Quads/N-Triples/Turtle/TriG are written by pyoxigraph (several times faster than rdflib's
serialisers); JSON-LD by rdflib, whose output is then put in a canonical order.

`read_dataset` and `read_store` parse any of these formats back (with pyoxigraph).
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.namespace import RDF

from kg.atomic import atomic_path
from kg.errors import MalformedInputError, MissingInputError, UsageError
from kg.rdf.convert import from_ox, to_ox_quads
from kg.rdf.emit import new_dataset
from kg.rdf.jsonld_context import load_context

#: Suffix -> canonical format name.
FORMATS: dict[str, str] = {
    ".nq": "nquads",
    ".trig": "trig",
    ".ttl": "turtle",
    ".nt": "ntriples",
    ".jsonld": "json-ld",
}
_OX_FORMATS = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "json-ld": ox.RdfFormat.JSON_LD,
}
_RDF_TYPE = ox.NamedNode(str(RDF.type))


def format_for(path: Path, fmt: str | None = None) -> str:
    """The canonical format name for `path` (or for an explicit `fmt`: a name or a suffix)."""
    if fmt is not None:
        wanted = fmt.strip().lower()
        if wanted in _OX_FORMATS:
            return wanted
        suffix = wanted if wanted.startswith(".") else "." + wanted
        if suffix in FORMATS:
            return FORMATS[suffix]
        raise UsageError(
            f"expected an RDF format among {', '.join(_OX_FORMATS)} (or a suffix {', '.join(FORMATS)}), "
            f"got {fmt!r}; pick one of those"
        )
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(
            f"expected a file name ending in {', '.join(FORMATS)}, got {str(path)!r} "
            f"(suffix {suffix or 'none'!r}); rename the output to one of those suffixes"
        )
    return FORMATS[suffix]


def _quads(data: Dataset | Graph) -> list[ox.Quad]:
    if isinstance(data, Dataset):
        return list(to_ox_quads(data.quads((None, None, None, None))))
    return list(to_ox_quads((s, p, o, None) for s, p, o in data))


def _used_prefixes(data: Dataset | Graph, quads: Iterable[ox.Quad]) -> dict[str, str]:
    """The dataset's prefix bindings that some IRI in the data actually uses."""
    namespaces: dict[str, str] = {}
    for prefix, namespace in sorted(data.namespaces()):
        if prefix and str(namespace)[-1:] in ("/", "#"):
            namespaces.setdefault(str(namespace), prefix)
    used: set[str] = set()

    def visit(term: object) -> None:
        if isinstance(term, ox.Literal):
            term = term.datatype
        if isinstance(term, ox.NamedNode):
            iri = term.value
            cut = max(iri.rfind("/"), iri.rfind("#")) + 1
            if iri[:cut] in namespaces:
                used.add(iri[:cut])

    for q in quads:
        visit(q.subject)
        visit(q.predicate)
        visit(q.object)
        visit(q.graph_name)
    return {namespaces[ns]: ns for ns in sorted(used)}


def _sort_key(q: ox.Quad) -> tuple:
    # rdf:type first within a subject, as people expect to read Turtle.
    return (str(q.graph_name), str(q.subject), q.predicate != _RDF_TYPE, str(q.predicate), str(q.object))


def _sorted_prefix_header(text: bytes) -> bytes:
    # pyoxigraph writes @prefix lines in its own order; sort them so the bytes never depend on it.
    lines = text.split(b"\n")
    n = 0
    while n < len(lines) and lines[n].startswith(b"@prefix "):
        n += 1
    return b"\n".join(sorted(lines[:n]) + lines[n:])


def _sorted_lines(text: bytes) -> bytes:
    lines = sorted(set(line for line in text.split(b"\n") if line.strip()))
    return b"".join(line + b"\n" for line in lines)


def _canonical_json(value: object) -> object:
    """JSON-LD with node arrays sorted by @id and value arrays sorted; @list order is kept."""
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _canonical_json(v)) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def dataset_bytes(data: Dataset | Graph, fmt: str) -> bytes:
    """`data` serialised in format `fmt` (a name from FORMATS), deterministically."""
    fmt = format_for(Path("."), fmt)
    quads = _quads(data)
    if fmt == "nquads":
        return _sorted_lines(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    if fmt == "ntriples":
        return _sorted_lines(ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES))
    prefixes = _used_prefixes(data, quads)
    if fmt == "turtle":
        triples = {q.triple for q in quads}  # the union: a triple in two graphs is written once
        ordered = sorted((ox.Quad(t.subject, t.predicate, t.object) for t in triples), key=_sort_key)
        return _sorted_prefix_header(
            ox.serialize((q.triple for q in ordered), format=ox.RdfFormat.TURTLE, prefixes=prefixes)
        )
    if fmt == "trig":
        return _sorted_prefix_header(ox.serialize(sorted(quads, key=_sort_key), format=ox.RdfFormat.TRIG, prefixes=prefixes))
    # JSON-LD: rdflib compacts with the published context (pyoxigraph only writes expanded
    # JSON-LD), plus the prefixes the data uses whose names are not already terms ("office" is
    # gk:office, so office: IRIs are written in full).
    context = load_context()
    context.update({p: ns for p, ns in prefixes.items() if p not in context})
    with warnings.catch_warnings():
        # rdflib 7.x's JSON-LD writer calls its own deprecated Dataset API; nothing to act on.
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib\.")
        text = data.serialize(format="json-ld", context=context, auto_compact=True)
    canonical = _canonical_json(json.loads(text))
    return (json.dumps(canonical, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write `payload` to `path` via a temporary file in the same folder and `os.replace`."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"expected an existing folder for the output file, got {str(folder)!r}; create it first")
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())


def write_dataset(ds: Dataset | Graph, path: Path, fmt: str | None = None) -> Path:
    """Write `ds` to `path` in the format its suffix (or `fmt`) names; returns the path."""
    path = Path(path)
    atomic_write_bytes(path, dataset_bytes(ds, format_for(path, fmt)))
    return path


def read_quads(path: Path, fmt: str | None = None) -> list[ox.Quad]:
    """All quads of an RDF file as pyoxigraph quads (triples are in the default graph)."""
    return _parse(path, fmt)


def _parse(path: Path, fmt: str | None) -> list[ox.Quad]:
    path = Path(path)
    if not path.is_file():
        raise MissingInputError(f"expected an RDF file, but {str(path)!r} does not exist; check the path")
    ox_format = _OX_FORMATS[format_for(path, fmt)]
    try:
        # Parse everything before anyone sees a quad, so a syntax error never yields half a dataset.
        return list(ox.parse(path=str(path), format=ox_format))
    except SyntaxError as exc:
        raise MalformedInputError(
            f"expected valid {ox_format.name} but the file does not parse ({exc}); fix or regenerate it",
            source=str(path),
        ) from exc


def read_store(path: Path, fmt: str | None = None) -> ox.Store:
    """An in-memory pyoxigraph Store with the file's quads (triples go to the default graph)."""
    store = ox.Store()
    store.extend(_parse(path, fmt))
    return store


def read_dataset(path: Path, fmt: str | None = None) -> Dataset:
    """An rdflib Dataset (default graph = union) with the file's quads; prefixes are geokg's."""
    ds = new_dataset()
    graphs: dict[object, Graph] = {}
    default = ds.default_graph
    batch = []
    for q in _parse(path, fmt):
        name = q.graph_name
        if isinstance(name, ox.DefaultGraph):
            graph = default
        else:
            graph = graphs.get(name)
            if graph is None:
                graph = graphs[name] = ds.graph(from_ox(name))
        batch.append((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), graph))
    ds.addN(batch)
    return ds
