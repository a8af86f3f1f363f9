"""The published JSON-LD context of geokg graphs, derived from the ontology.

Input: the ontology graph (`ontology/geokg.ttl`). Output: the JSON-LD context (a dict) that maps
short names to geokg's terms and the external terms geokg writes: every gk: class and property
by its local name (`"speaker"`, `"Statement"`), object properties coerced to IRIs (`"@type":
"@id"`), datatype properties to their XSD datatype when it is not xsd:string (`"start"` is an
xsd:integer, `"date"` an xsd:date), plus the schema.org, PROV-O and RDFS terms of the RDF contract
and the vocabulary prefixes.

The context ships as `ontology/context.jsonld` (its IRI: `kg.rdf.namespaces.CONTEXT_IRI`);
`tests/rdf/test_jsonld_context.py` checks that the shipped file is what this module derives from
the shipped ontology. JSON-LD output (`kg.rdf.serialize`) embeds the context, plus the instance
prefixes of the data, rather than pointing at its IRI, so files read offline without fetching
anything (and the IRI need not resolve).
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from kg.rdf.namespaces import GK_IRI, PREFIXES, SCHEMA

#: Vocabulary prefixes the context declares (instance prefixes depend on the base: added at
#: serialisation time).
CONTEXT_PREFIXES = ("gk", "schema", "prov", "rdf", "rdfs", "xsd", "owl", "skos", "wd", "wdt", "p", "ps", "pq", "pr", "wikibase")

#: External terms geokg writes, with their short names and coercions (None: plain literal).
_EXTERNAL: dict[str, tuple[URIRef, str | None]] = {
    "label": (RDFS.label, None),
    "NewsArticle": (SCHEMA.NewsArticle, None),
    "headline": (SCHEMA.headline, None),
    "datePublished": (SCHEMA.datePublished, "xsd:date"),
    "author": (SCHEMA.author, "@id"),
    "url": (SCHEMA.url, "@id"),
    "identifier": (SCHEMA.identifier, None),
    "softwareVersion": (SCHEMA.softwareVersion, None),
    "Activity": (PROV.Activity, None),
    "Bundle": (PROV.Bundle, None),
    "SoftwareAgent": (PROV.SoftwareAgent, None),
    "wasGeneratedBy": (PROV.wasGeneratedBy, "@id"),
    "wasAssociatedWith": (PROV.wasAssociatedWith, "@id"),
}


def _curie(iri: str) -> str:
    for prefix in CONTEXT_PREFIXES:
        namespace = PREFIXES[prefix]
        if iri.startswith(namespace) and iri != namespace:
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def build_context(ontology: Graph) -> dict:
    """The context object (`{"@context": {...}}`) for the terms of `ontology`."""
    terms: dict[str, object] = {prefix: PREFIXES[prefix] for prefix in CONTEXT_PREFIXES}
    gk_terms = sorted(
        s for s in set(ontology.subjects(RDF.type, None)) if isinstance(s, URIRef) and str(s).startswith(GK_IRI)
    )
    for term in gk_terms:
        name = str(term)[len(GK_IRI):]
        kinds = set(ontology.objects(term, RDF.type))
        if OWL.ObjectProperty in kinds:
            terms[name] = {"@id": _curie(str(term)), "@type": "@id"}
        elif OWL.DatatypeProperty in kinds:
            datatype = ontology.value(term, RDFS.range)
            if isinstance(datatype, URIRef) and datatype != XSD.string:
                terms[name] = {"@id": _curie(str(term)), "@type": _curie(str(datatype))}
            else:
                terms[name] = _curie(str(term))  # strings and enumerations of strings
        else:
            terms[name] = _curie(str(term))
    for name, (iri, coercion) in sorted(_EXTERNAL.items()):
        terms[name] = {"@id": _curie(str(iri)), "@type": coercion} if coercion else _curie(str(iri))
    return {"@context": terms}


def context_text(ontology: Graph) -> str:
    """The context as the shipped file holds it (sorted keys, two-space indent, final newline)."""
    return json.dumps(build_context(ontology), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def load_context(path: Path | None = None) -> dict:
    """The shipped context's term definitions (the value of its "@context")."""
    from kg.resources import context_file

    return json.loads(Path(path or context_file()).read_text(encoding="utf-8"))["@context"]


if __name__ == "__main__":  # python -m kg.rdf.jsonld_context  (rewrites the shipped file)
    from kg.resources import context_file, ontology_file

    target = context_file()
    target.write_text(context_text(Graph().parse(ontology_file(), format="turtle")), encoding="utf-8")
    print(f"wrote {target}")
