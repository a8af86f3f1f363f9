"""The RDF vocabularies geokg writes and reads.

Input: nothing. Output: namespace objects for the geokg ontology (`GK`, closed: a misspelt term
raises AttributeError instead of silently minting a new IRI), the external vocabularies it aligns
with (schema.org, PROV-O, W3C ORG) and Wikidata's entity and statement namespaces, plus the
prefix table every serialiser and the query module share.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

#: Where instance IRIs (articles, statements, NIL entities, named graphs) live unless configured.
DEFAULT_BASE = "https://w3id.org/geokg/id/"

GK_IRI = "https://w3id.org/geokg/ns#"
#: The ontology document's own IRI (terms are GK_IRI + local name).
ONTOLOGY_IRI = "https://w3id.org/geokg/ns"
#: The shapes graph's IRI (shape names are SHAPES_IRI + "#" + name).
SHAPES_IRI = "https://w3id.org/geokg/shapes"
#: The JSON-LD context's IRI (the file ships as ontology/context.jsonld).
CONTEXT_IRI = "https://w3id.org/geokg/context.jsonld"
#: geokg releases as PROV software agents: SOFTWARE_IRI + version.
SOFTWARE_IRI = "https://w3id.org/geokg/release/"


class GK(DefinedNamespace):
    """The geokg ontology (`ontology/geokg.ttl`); every term of the RDF contract, nothing else."""

    _NS = Namespace(GK_IRI)
    _fail = True  # a typo must fail loudly, not emit an undefined term

    # Classes: entity kinds
    Person: URIRef
    Organization: URIRef
    Country: URIRef
    Place: URIRef
    Office: URIRef
    Legislation: URIRef
    Event: URIRef
    # Classes: documents and extracted facts
    Article: URIRef
    Statement: URIRef
    OfficeHolding: URIRef
    Meeting: URIRef
    LegislationFact: URIRef
    # Class: provenance of a build
    BuildRun: URIRef

    # Object properties
    mentions: URIRef
    speaker: URIRef
    speakerRole: URIRef
    place: URIRef
    medium: URIRef
    about: URIRef
    source: URIRef
    holder: URIRef
    office: URIRef
    jurisdiction: URIRef
    participant: URIRef
    legislature: URIRef
    sponsor: URIRef
    targets: URIRef
    legislation: URIRef

    # Datatype properties
    content: URIRef
    quoteType: URIRef
    cue: URIRef
    date: URIRef
    start: URIRef
    end: URIRef
    unattributed: URIRef
    unlinked: URIRef
    status: URIRef
    topic: URIRef
    legislativeStatus: URIRef
    contentHash: URIRef
    textLength: URIRef
    # Datatype properties of a build run
    linker: URIRef
    baseIri: URIRef
    validated: URIRef
    gazetteerHash: URIRef
    modelVersion: URIRef


class SCHEMA(DefinedNamespace):
    """The schema.org terms geokg uses (closed, unlike rdflib's SDO which only warns on typos)."""

    _NS = Namespace("https://schema.org/")
    _fail = True

    NewsArticle: URIRef
    Person: URIRef
    Organization: URIRef
    Country: URIRef
    Place: URIRef
    Event: URIRef
    Legislation: URIRef
    headline: URIRef
    datePublished: URIRef
    author: URIRef
    url: URIRef
    identifier: URIRef
    attendee: URIRef
    softwareVersion: URIRef


WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
P = Namespace("http://www.wikidata.org/prop/")
PS = Namespace("http://www.wikidata.org/prop/statement/")
PQ = Namespace("http://www.wikidata.org/prop/qualifier/")
PR = Namespace("http://www.wikidata.org/prop/reference/")
WIKIBASE = Namespace("http://wikiba.se/ontology#")

#: Prefix -> namespace IRI for serialisation and for `wd:Q42`-style query parameters. Order is
#: irrelevant (serialisers sort); the names match what WDQS users expect.
PREFIXES: dict[str, str] = {
    "gk": GK_IRI,
    "wd": str(WD),
    "wdt": str(WDT),
    "p": str(P),
    "ps": str(PS),
    "pq": str(PQ),
    "pr": str(PR),
    "wikibase": str(WIKIBASE),
    "schema": "https://schema.org/",
    "prov": str(PROV),
    "org": str(ORG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "skos": str(SKOS),
    "sh": "http://www.w3.org/ns/shacl#",
    "gks": SHAPES_IRI + "#",
}

#: Sub-paths of the instance base; each also becomes a prefix (`statement:9f2c...`) in Turtle.
INSTANCE_PATHS: dict[str, str] = {
    "article": "article/",
    "graph": "graph/",
    "statement": "statement/",
    "holding": "holding/",
    "event": "event/",
    "legfact": "legislation-fact/",
    "ref": "reference/",
    "wdstatement": "wikidata-statement/",
    "run": "run/",
    "person": "entity/person/",
    "organization": "entity/organization/",
    "country": "entity/country/",
    "place": "entity/place/",
    "office": "entity/office/",
    "legislation": "entity/legislation/",
    "evententity": "entity/event/",
}


def instance_prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Prefixes for the instance IRIs under `base` (used to make Turtle and tables readable)."""
    return {name: base + path for name, path in INSTANCE_PATHS.items()}


def all_prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Vocabulary prefixes plus the instance prefixes of `base`."""
    return {**PREFIXES, **instance_prefixes(base)}


def shorten(iri: str, prefixes: dict[str, str] | None = None) -> str:
    """`iri` as a prefixed name ("wd:Q42") when a prefix covers it, else unchanged.

    The longest matching namespace wins, so "person:jane-doe" beats a shorter base prefix.
    """
    table = prefixes if prefixes is not None else all_prefixes()
    best = ""
    best_prefix = None
    for prefix, namespace in table.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            best, best_prefix = namespace, prefix
    if best_prefix is None:
        return iri
    local = iri[len(best):]
    # Only shorten when the rest reads as a plain local name (no "/", "#", "?"...).
    if local and all(c.isalnum() or c in "-_." for c in local):
        return f"{best_prefix}:{local}"
    return iri


def gk_terms() -> frozenset[URIRef]:
    """Every IRI the GK namespace defines (the ontology test checks both directions)."""
    return frozenset(GK._NS[name] for name in GK.__annotations__)
