"""Tests of kg.rdf.jsonld_context and the shipped ontology/context.jsonld."""

from __future__ import annotations

import json

import pyoxigraph as ox
from rdflib import Graph

from kg.rdf.emit import add_run, results_dataset
from kg.rdf.jsonld_context import build_context, context_text, load_context
from kg.rdf.namespaces import gk_terms
from kg.rdf.provenance import current_run
from kg.rdf.serialize import dataset_bytes
from kg.resources import context_file, ontology_file

from .small_article import small_result


def _ontology() -> Graph:
    return Graph().parse(ontology_file(), format="turtle")


def test_shipped_context_is_what_the_ontology_gives():
    # Regenerate with: python -m kg.rdf.jsonld_context
    assert context_file().read_text(encoding="utf-8") == context_text(_ontology())


def test_every_gk_term_has_a_short_name_with_the_right_coercion():
    context = build_context(_ontology())["@context"]
    for term in gk_terms():
        name = str(term).rsplit("#", 1)[1]
        definition = context[name]
        iri = definition["@id"] if isinstance(definition, dict) else definition
        assert iri == f"gk:{name}"
    assert context["speaker"] == {"@id": "gk:speaker", "@type": "@id"}
    assert context["start"] == {"@id": "gk:start", "@type": "xsd:integer"}
    assert context["date"] == {"@id": "gk:date", "@type": "xsd:date"}
    assert context["content"] == "gk:content"
    assert context["datePublished"] == {"@id": "schema:datePublished", "@type": "xsd:date"}


def test_jsonld_output_uses_the_context_and_reads_back_the_same():
    ds = results_dataset([small_result()])
    add_run(ds, current_run(linker="offline"))
    payload = dataset_bytes(ds, "json-ld")
    document = json.loads(payload)
    context = document["@context"]
    assert {k: v for k, v in context.items() if k in load_context()} == load_context()
    assert context["statement"] == "https://w3id.org/geokg/id/statement/"  # instance prefix
    assert "office" not in context or context["office"] == load_context()["office"]  # no clash
    text = payload.decode("utf-8")
    assert '"speaker": "wd:Q22686"' in text and '"@type": "Statement"' in text
    quads = set(ox.parse(payload, format=ox.RdfFormat.JSON_LD))
    assert len(quads) == len(ds)
    assert dataset_bytes(ds, "json-ld") == payload
