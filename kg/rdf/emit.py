"""Turn extraction results into RDF: one named graph per article.

Input: `kg.model.ArticleResult` objects. Output: an `rdflib.Dataset` whose named graph
`<base>graph/<document id>` holds everything said about that article, following the RDF contract
in DESIGN.md (gk:Article, entities, gk:Statement, gk:OfficeHolding, gk:Meeting, gk:Legislation and
its gk:LegislationFact evidence). Each graph is self-contained: every entity it references is typed
and labelled inside it, so a graph can be validated, replaced or deleted on its own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD, NamespaceManager

from kg.model import ArticleResult, Entity, LegislationFact
from kg.rdf.iris import article_iri, check_base, entity_iri, fact_iri, graph_iri, key_iri
from kg.rdf.namespaces import DEFAULT_BASE, GK, SCHEMA, all_prefixes
from kg.rdf.provenance import RunRecord, bundle_triples, run_iri, run_triples

Triple = tuple[URIRef, URIRef, URIRef | Literal]

KIND_CLASS: dict[str, URIRef] = {
    "person": GK.Person,
    "organization": GK.Organization,
    "country": GK.Country,
    "place": GK.Place,
    "office": GK.Office,
    "legislation": GK.Legislation,
    "event": GK.Event,
}
#: Legislative statuses in the order a bill moves through them; when one article reports several
#: statuses of the same act, the furthest along is the act's status in that article.
LEGISLATIVE_ORDER = ("proposed", "pending", "passed", "enacted")

_TRUE = Literal(True)


def _date(d: dt.date) -> Literal:
    if isinstance(d, dt.datetime):  # a datetime is a date too, but its isoformat is not an xsd:date
        d = d.date()
    return Literal(d.isoformat(), datatype=XSD.date)


def _int(n: int) -> Literal:
    return Literal(int(n), datatype=XSD.integer)


def _url_iri(url: str | None) -> URIRef | None:
    """The article URL as an IRI, or None when it is not an absolute http(s) URL."""
    if not url or not url.strip():
        return None
    url = url.strip()
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        return None
    # Spaces, quotes and angle brackets break N-Quads and SPARQL; percent-encoding keeps the URL.
    return URIRef(quote(url, safe=":/?#[]@!$&'()*+,;=%~"))


@dataclass
class _EntityTable:
    """Entities one article references, by IRI: their classes and candidate labels."""

    base: str
    kinds: dict[URIRef, set[str]] = field(default_factory=dict)
    labels: dict[URIRef, set[str]] = field(default_factory=dict)
    unlinked: set[URIRef] = field(default_factory=set)
    jurisdictions: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    mentioned: set[URIRef] = field(default_factory=set)

    def add(self, entity: Entity, *, mention: bool = True) -> URIRef:
        iri = entity_iri(entity, self.base)
        self.kinds.setdefault(iri, set()).add(entity.kind)
        labels = self.labels.setdefault(iri, set())
        if entity.label.strip():
            labels.add(entity.label.strip())
        if not entity.linked:
            self.unlinked.add(iri)
        if entity.kind == "office" and entity.jurisdiction:
            self.jurisdictions.setdefault(iri, set()).add(key_iri(entity.jurisdiction, "country", self.base))
        if mention:
            self.mentioned.add(iri)
        return iri

    def label(self, iri: URIRef) -> str | None:
        # Several mentions of one entity carry different surface forms ("Trump", "Donald Trump");
        # the longest is usually the full name. Ties are broken alphabetically, so the choice
        # does not depend on the order mentions arrive in.
        labels = self.labels.get(iri)
        if not labels:
            return None
        return min(labels, key=lambda s: (-len(s), s))

    def triples(self) -> Iterator[Triple]:
        for iri, kinds in self.kinds.items():
            for kind in kinds:
                yield iri, RDF.type, KIND_CLASS[kind]
            label = self.label(iri)
            if label is not None:
                yield iri, RDFS.label, Literal(label)
            if iri in self.unlinked:
                yield iri, GK.unlinked, _TRUE
            for jurisdiction in self.jurisdictions.get(iri, ()):
                yield iri, GK.jurisdiction, jurisdiction


def _author_iri(name: str, table: _EntityTable, entities: Iterable[Entity]) -> URIRef:
    """The entity an author name refers to: a person or organisation of the article with that
    label if there is one (keeping its Wikidata link), else a NIL person."""
    wanted = name.strip().casefold()
    for entity in entities:
        if entity.kind in ("person", "organization") and entity.label.strip().casefold() == wanted:
            return table.add(entity, mention=False)
    return table.add(Entity(key=f"person/{name}", kind="person", label=name.strip()), mention=False)


def article_triples(result: ArticleResult, base: str = DEFAULT_BASE) -> tuple[URIRef, list[Triple]]:
    """The named-graph IRI of `result`'s article and the triples that go into it.

    (Office holdings in Wikidata's own statement shape are a separate export, made from the
    built graph: `kg.rdf.wikidata_export`.)
    """
    check_base(base)
    doc = result.document
    article = article_iri(doc.id, base)
    table = _EntityTable(base)
    out: list[Triple] = []
    add = out.append

    for entity in result.entities:
        table.add(entity)

    add((article, RDF.type, GK.Article))
    add((article, RDF.type, SCHEMA.NewsArticle))
    if doc.headline and doc.headline.strip():
        add((article, SCHEMA.headline, Literal(doc.headline.strip())))
    if doc.date is not None:
        add((article, SCHEMA.datePublished, _date(doc.date)))
    for author in doc.authors:
        if author.strip():
            add((article, SCHEMA.author, _author_iri(author, table, result.entities)))
    url = _url_iri(doc.url)
    if url is not None:
        add((article, SCHEMA.url, url))
    if doc.external_id:
        add((article, SCHEMA.identifier, Literal(str(doc.external_id))))
    add((article, GK.contentHash, Literal(hashlib.sha256(doc.text.encode("utf-8")).hexdigest())))
    add((article, GK.textLength, _int(len(doc.text))))

    def provenance(node: URIRef, start: int, end: int) -> None:
        add((node, GK.source, article))
        add((node, GK.start, _int(start)))
        add((node, GK.end, _int(end)))

    for st in result.statements:
        speaker_key = st.speaker.key if st.speaker else ""
        node = fact_iri("statement", doc.id, st.start, st.end, speaker_key, st.cue, base=base)
        add((node, RDF.type, GK.Statement))
        if st.speaker is None:
            add((node, GK.unattributed, _TRUE))
        else:
            add((node, GK.speaker, table.add(st.speaker)))
        if st.speaker_role is not None:
            add((node, GK.speakerRole, table.add(st.speaker_role)))
        add((node, GK.content, Literal(st.content)))
        add((node, GK.quoteType, Literal(st.quote_type)))
        add((node, GK.cue, Literal(st.cue)))
        if st.place is not None:
            add((node, GK.place, table.add(st.place)))
        if st.date is not None:
            add((node, GK.date, _date(st.date)))
        if st.medium is not None:
            add((node, GK.medium, table.add(st.medium)))
        for about in st.about:
            add((node, GK.about, table.add(about)))
        provenance(node, st.start, st.end)

    for h in result.holdings:
        node = fact_iri("holding", doc.id, h.start, h.end, h.holder.key, h.office.key, base=base)
        holder, office = table.add(h.holder), table.add(h.office)
        add((node, RDF.type, GK.OfficeHolding))
        add((node, GK.holder, holder))
        add((node, GK.office, office))
        if h.jurisdiction is not None:
            add((node, GK.jurisdiction, table.add(h.jurisdiction)))
        add((node, GK.status, Literal(h.status)))
        provenance(node, h.start, h.end)

    for m in result.meetings:
        # Place, date and status are part of the identity: "talks in Istanbul on Feb. 27 and
        # April 10" are two meetings reported by the same sentence.
        keys = sorted(p.key for p in m.participants)
        keys += [m.place.key if m.place else "", m.date.isoformat() if m.date else "", m.status]
        node = fact_iri("event", doc.id, m.start, m.end, *keys, base=base)
        add((node, RDF.type, GK.Meeting))
        for participant in m.participants:
            add((node, GK.participant, table.add(participant)))
        if m.place is not None:
            add((node, GK.place, table.add(m.place)))
        if m.date is not None:
            add((node, GK.date, _date(m.date)))
        if m.topic and m.topic.strip():
            add((node, GK.topic, Literal(m.topic.strip())))
        add((node, GK.status, Literal(m.status)))
        provenance(node, m.start, m.end)

    out.extend(_legislation_triples(result.legislation, table, article, doc.id, base))

    for iri in sorted(table.mentioned):
        add((article, GK.mentions, iri))
    out.extend(table.triples())
    return graph_iri(doc.id, base), out


def _legislation_triples(
    facts: Iterable[LegislationFact], table: _EntityTable, article: URIRef, doc_id: str, base: str
) -> Iterator[Triple]:
    # The contract puts status, sponsors... on the legislation itself; within one article the
    # facts about one act are merged (the furthest status wins), and each passage also gets a
    # gk:LegislationFact node with its offsets and status, so every claim can be traced to the text.
    merged: dict[URIRef, dict[str, set]] = {}
    for fact in facts:
        leg = table.add(fact.legislation)
        slot = merged.setdefault(leg, {"status": set(), "jurisdiction": set(), "legislature": set(),
                                       "sponsor": set(), "targets": set()})
        if fact.status is not None:
            slot["status"].add(fact.status)
        if fact.jurisdiction is not None:
            slot["jurisdiction"].add(table.add(fact.jurisdiction))
        if fact.legislature is not None:
            slot["legislature"].add(table.add(fact.legislature))
        slot["sponsor"].update(table.add(s) for s in fact.sponsors)
        slot["targets"].update(table.add(t) for t in fact.targets)

        node = fact_iri("legfact", doc_id, fact.start, fact.end, fact.legislation.key, base=base)
        yield node, RDF.type, GK.LegislationFact
        yield node, GK.legislation, leg
        if fact.status is not None:
            # Kept per passage as well: in the union of many articles the act's own statuses mix,
            # and only the fact says which article reported which status.
            yield node, GK.legislativeStatus, Literal(fact.status)
        yield node, GK.source, article
        yield node, GK.start, _int(fact.start)
        yield node, GK.end, _int(fact.end)

    for leg, slot in merged.items():
        yield leg, GK.source, article
        if slot["status"]:
            yield leg, GK.legislativeStatus, Literal(max(slot["status"], key=LEGISLATIVE_ORDER.index))
        for prop, key in ((GK.jurisdiction, "jurisdiction"), (GK.legislature, "legislature"),
                          (GK.sponsor, "sponsor"), (GK.targets, "targets")):
            for value in slot[key]:
                yield leg, prop, value


def new_dataset(base: str = DEFAULT_BASE) -> Dataset:
    """An empty Dataset whose default graph is the union of its named graphs, prefixes bound."""
    ds = Dataset(default_union=True)
    # rdflib binds ~30 prefixes by default (brick:, sosa:...); start from the core five instead.
    ds.namespace_manager = NamespaceManager(ds, bind_namespaces="core")
    for prefix, namespace in all_prefixes(base).items():
        ds.bind(prefix, namespace, override=True, replace=True)
    return ds


def add_article(ds: Dataset, result: ArticleResult, base: str = DEFAULT_BASE, *, run: URIRef | None = None) -> URIRef:
    """Write `result` into `ds` as its named graph, replacing an earlier graph of the same article.

    With `run` (a `kg.rdf.provenance.run_iri`), the graph also says that this run generated it.
    """
    name, triples = article_triples(result, base)
    if run is not None:
        triples.extend(bundle_triples(name, run))
    ds.remove_graph(name)
    graph = ds.graph(name)
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return name


def add_run(ds: Dataset, record: RunRecord) -> URIRef:
    """Write the run record into `ds` (its own named graph); returns the run's IRI for `add_article`."""
    name, triples = run_triples(record)
    ds.remove_graph(name)
    graph = ds.graph(name)
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return run_iri(record)


def article_quads(result: ArticleResult, base: str = DEFAULT_BASE) -> Dataset:
    """A Dataset holding the one named graph of `result`'s article."""
    ds = new_dataset(base)
    add_article(ds, result, base)
    return ds


def results_dataset(results: Iterable[ArticleResult], base: str = DEFAULT_BASE) -> Dataset:
    """A Dataset with one named graph per article (a repeated article keeps its last result)."""
    ds = new_dataset(base)
    for result in results:
        add_article(ds, result, base)
    return ds


__all__ = [
    "KIND_CLASS",
    "LEGISLATIVE_ORDER",
    "add_article",
    "add_run",
    "article_quads",
    "article_triples",
    "new_dataset",
    "results_dataset",
]
