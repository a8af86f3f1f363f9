"""Term conversion between rdflib and pyoxigraph.

Input: rdflib terms / quads, or pyoxigraph terms. Output: the same RDF terms in the other library.
rdflib is the in-memory model the pipeline builds; pyoxigraph (Rust) serialises, parses and
answers SPARQL much faster, so the two meet here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, XSD
from rdflib.term import Identifier

_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)


def to_ox(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term (lexical forms are kept exactly)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {type(term).__name__} {term!r} to an RDF term")


def to_ox_graph(name: Identifier | None) -> ox.NamedNode | ox.BlankNode | ox.DefaultGraph:
    if name is None or name == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    return to_ox(name)  # type: ignore[return-value]


def to_ox_quads(quads: Iterable[tuple]) -> Iterator[ox.Quad]:
    """rdflib (s, p, o, graph-id) quads as pyoxigraph quads; rdflib's default graph -> DefaultGraph."""
    cache: dict[Identifier, object] = {}  # IRIs repeat a lot; converting each once is ~2x faster

    def conv(term: Identifier):
        hit = cache.get(term)
        if hit is None:
            hit = cache[term] = to_ox(term)
        return hit

    for s, p, o, g in quads:
        graph = g.identifier if hasattr(g, "identifier") else g
        yield ox.Quad(conv(s), conv(p), conv(o), to_ox_graph(graph))


def from_ox(term: object) -> Identifier | None:
    """A pyoxigraph term as an rdflib term; plain strings come back as plain literals."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _LANG_STRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.DefaultGraph):
        return DATASET_DEFAULT_GRAPH_ID
    raise TypeError(f"cannot convert {type(term).__name__} {term!r} to an rdflib term")
