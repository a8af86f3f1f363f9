"""Office holdings in Wikidata's own statement shape, so WDQS queries run on them unchanged.

Input: a built geokg graph (a file, an rdflib Dataset/Graph or a pyoxigraph Store). Output: an
rdflib Graph with one "position held" (P39) statement per holder, office and status, shaped as
the Wikidata Query Service shows Wikidata's statements:

    wd:Q22686 p:P39 <base>wikidata-statement/<hash> ;
              wdt:P39 wd:Q11696 ;                          # truthy triple (every statement is best rank)
              rdfs:label "Donald Trump"@en .
    <base>wikidata-statement/<hash> a wikibase:Statement , wikibase:BestRank ;
        ps:P39 wd:Q11696 ;
        pq:P580 <skolem IRI> ;                             # start time: unknown value
        wikibase:rank wikibase:NormalRank ;
        prov:wasDerivedFrom <base>reference/<article id> , ... .
    <base>reference/<article id> a wikibase:Reference ;
        pr:P854 <article URL> ; pr:P1476 "headline"@en ; pr:P577 "2025-06-11T00:00:00Z"^^xsd:dateTime ;
        prov:wasDerivedFrom <base>article/<article id> .

Dates. Articles say that someone holds ("President X", "acting minister Y") or held ("former
minister Z") an office; they rarely say since when. So a current or acting holding gets a start
time (pq:P580) and a former one an end time (pq:P582) as Wikidata's "unknown value": a skolem
IRI under `<base>.well-known/genid/`, as WDQS writes unknown values since it stopped using blank
nodes. So `?st pq:P580 ?start` matches and `FILTER NOT EXISTS { ?st pq:P582 ?end }` finds current
holders as on WDQS, but no date is made up. The article's publication date, which bounds them, is
on the reference (pr:P577), as in Wikidata. Incoming holdings ("President-elect") are left out:
the holder does not hold the office yet.

One statement gathers every article that reports the same holder, office and status, each
article as one reference. Unlinked holders and offices keep their local IRIs (there is no QID to
give them). Everything is deterministic: IRIs are hashes, the graph has no blank nodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD, NamespaceManager

from kg.rdf.convert import from_ox, to_ox_quads
from kg.rdf.iris import short_hash
from kg.rdf.namespaces import GK, INSTANCE_PATHS, P, PQ, PR, PS, WDT, WIKIBASE, all_prefixes

#: Wikidata properties and the qualifier used for each status's unknown date.
P39, P580, P582 = "P39", "P580", "P582"
_UNKNOWN_DATE = {"current": P580, "acting": P580, "former": P582}

_HOLDINGS = """
PREFIX gk: <https://w3id.org/geokg/ns#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?holder ?office ?status ?article ?url ?headline ?date ?holderLabel ?officeLabel WHERE {
    ?h a gk:OfficeHolding ; gk:holder ?holder ; gk:office ?office ; gk:status ?status ; gk:source ?article .
    OPTIONAL { ?article schema:url ?url }
    OPTIONAL { ?article schema:headline ?headline }
    OPTIONAL { ?article schema:datePublished ?date }
    OPTIONAL { ?holder rdfs:label ?holderLabel }
    OPTIONAL { ?office rdfs:label ?officeLabel }
}
"""


@dataclass
class WikidataExport:
    """The export graph and what went into it."""

    graph: Graph
    statements: int = 0
    references: int = 0
    holdings: int = 0  # office-holding nodes read from the input
    skipped_incoming: int = 0
    unlinked: int = 0  # statements whose holder or office has no QID
    notes: list[str] = field(default_factory=list)


def _base_of(article: str) -> str:
    marker = "/" + INSTANCE_PATHS["article"]
    return article[: article.rindex(marker) + 1] if marker in article else article.rsplit("/", 2)[0] + "/"


def _pick_label(labels: set[str]) -> str | None:
    # The same choice as kg.rdf.emit: the longest surface, ties broken alphabetically.
    return min(labels, key=lambda s: (-len(s), s)) if labels else None


def _as_store(data: ox.Store | Dataset | Graph | Path | str) -> ox.Store:
    if isinstance(data, ox.Store):
        return data
    if isinstance(data, (str, Path)):
        from kg.rdf.serialize import read_store

        return read_store(Path(data))
    store = ox.Store()
    if isinstance(data, Dataset):
        store.extend(to_ox_quads(data.quads((None, None, None, None))))
    else:
        store.extend(to_ox_quads((s, p, o, None) for s, p, o in data))
    return store


def new_export_graph(base: str) -> Graph:
    graph = Graph()
    graph.namespace_manager = NamespaceManager(graph, bind_namespaces="core")
    for prefix, namespace in all_prefixes(base).items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def wikidata_holdings(data: ox.Store | Dataset | Graph | Path | str) -> WikidataExport:
    """The office holdings of `data` as Wikidata P39 statements (see the module docstring)."""
    store = _as_store(data)
    rows = store.query(_HOLDINGS, use_default_graph_as_union=True)
    statements: dict[tuple[URIRef, URIRef, str], set[URIRef]] = {}
    articles: dict[URIRef, dict[str, object]] = {}
    labels: dict[URIRef, set[str]] = {}
    skipped: set[tuple] = set()
    holding_count = sum(
        1 for _ in store.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(GK.OfficeHolding)))
    )
    for row in rows:
        holder, office, article = from_ox(row["holder"]), from_ox(row["office"]), from_ox(row["article"])
        status = str(from_ox(row["status"]))
        for node, label in ((holder, row["holderLabel"]), (office, row["officeLabel"])):
            if label is not None:
                labels.setdefault(node, set()).add(label.value)
        if status not in _UNKNOWN_DATE:
            skipped.add((holder, office, status, article))
            continue
        statements.setdefault((holder, office, status), set()).add(article)
        meta = articles.setdefault(article, {})
        for key in ("url", "headline", "date"):
            if row[key] is not None:
                meta[key] = from_ox(row[key])

    base = _base_of(str(next(iter(articles)))) if articles else "https://w3id.org/geokg/id/"
    graph = new_export_graph(base)
    export = WikidataExport(graph=graph, holdings=holding_count, skipped_incoming=len(skipped))
    add = graph.add
    used_articles: set[URIRef] = set()
    for (holder, office, status), sources in sorted(statements.items()):
        node = URIRef(f"{base}{INSTANCE_PATHS['wdstatement']}{short_hash(holder, P39, office, status)}")
        add((holder, P[P39], node))
        add((holder, WDT[P39], office))
        add((node, RDF.type, WIKIBASE.Statement))
        add((node, RDF.type, WIKIBASE.BestRank))
        add((node, PS[P39], office))
        add((node, WIKIBASE.rank, WIKIBASE.NormalRank))
        qualifier = _UNKNOWN_DATE[status]
        add((node, PQ[qualifier], URIRef(f"{base}.well-known/genid/{short_hash(node, qualifier)}")))
        for article in sorted(sources):
            add((node, PROV.wasDerivedFrom, _reference_iri(article, base)))
            used_articles.add(article)
        if not (str(holder).startswith("http://www.wikidata.org/entity/Q") and str(office).startswith("http://www.wikidata.org/entity/Q")):
            export.unlinked += 1
        export.statements += 1
    for node in sorted({n for key in statements for n in key[:2]}):
        label = _pick_label(labels.get(node, set()))
        if label is not None:
            add((node, RDFS.label, Literal(label, lang="en")))  # WDQS labels carry a language
    for article in sorted(used_articles):
        _add_reference(graph, article, articles.get(article, {}), base)
        export.references += 1
    if export.skipped_incoming:
        export.notes.append(
            f"{export.skipped_incoming} incoming holding(s) left out: the holder does not hold the office yet"
        )
    return export


def _reference_iri(article: URIRef, base: str) -> URIRef:
    return URIRef(f"{base}{INSTANCE_PATHS['ref']}{str(article).rsplit('/', 1)[-1]}")


def _add_reference(graph: Graph, article: URIRef, meta: dict[str, object], base: str) -> None:
    ref = _reference_iri(article, base)
    graph.add((ref, RDF.type, WIKIBASE.Reference))
    graph.add((ref, PROV.wasDerivedFrom, article))
    url = meta.get("url")
    if isinstance(url, URIRef):
        graph.add((ref, PR.P854, url))  # reference URL
    headline = meta.get("headline")
    if headline is not None:
        graph.add((ref, PR.P1476, Literal(str(headline), lang="en")))  # title: monolingual text
    date = meta.get("date")
    if date is not None:
        # WDQS writes dates as midnight-UTC xsd:dateTime; match it so date comparisons work.
        # (normalize=False: rdflib would rewrite the "Z" as "+00:00".)
        stamp = Literal(f"{date}T00:00:00Z", datatype=XSD.dateTime, normalize=False)
        graph.add((ref, PR.P577, stamp))  # publication date


def export_wikidata(source: Path | str, output: Path | str, fmt: str | None = None) -> WikidataExport:
    """Read a built graph file, write its office holdings in Wikidata's shape to `output`
    (format from the suffix, deterministic bytes); returns what was exported."""
    from kg.rdf.serialize import format_for, write_dataset

    format_for(Path(output), fmt)  # fail on an unknown suffix before reading anything
    export = wikidata_holdings(Path(source))
    write_dataset(export.graph, Path(output), fmt)
    return export


__all__ = ["WikidataExport", "export_wikidata", "new_export_graph", "wikidata_holdings"]
