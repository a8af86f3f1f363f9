"""Tests of kg.rdf.iris: deterministic, safe IRIs."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from kg.errors import MalformedInputError
from kg.model import Entity
from kg.rdf.iris import (
    article_iri,
    check_base,
    entity_iri,
    fact_iri,
    graph_iri,
    key_iri,
    nil_iri,
    short_hash,
    slugify,
)

BASE = "https://w3id.org/geokg/id/"


def test_article_and_graph_iris():
    assert article_iri("a1b2c3d4e5f60718") == URIRef(BASE + "article/a1b2c3d4e5f60718")
    assert graph_iri("a1b2c3d4e5f60718") == URIRef(BASE + "graph/a1b2c3d4e5f60718")
    # Odd ids are percent-encoded rather than breaking the IRI.
    assert article_iri("a b/c") == URIRef(BASE + "article/a%20b%2Fc")


def test_linked_entity_is_its_wikidata_iri():
    trump = Entity(key="Q22686", kind="person", label="Donald Trump", qid="Q22686")
    assert entity_iri(trump) == URIRef("http://www.wikidata.org/entity/Q22686")


@pytest.mark.parametrize("qid", ["P39", "q42", "Q", "Q0", "Q42 ", "Q4x", "L1"])
def test_malformed_qids_are_refused(qid):
    with pytest.raises(MalformedInputError):
        entity_iri(Entity(key=qid, kind="person", label="x", qid=qid))


def test_nil_entity_iri_from_key():
    doe = Entity(key="person/jane-doe", kind="person", label="Jane Doe")
    assert entity_iri(doe) == URIRef(BASE + "entity/person/jane-doe")
    # A key that is not yet a slug is slugified; the kind prefix is not repeated.
    assert nil_iri("person", "person/José Pérez-Núñez") == URIRef(BASE + "entity/person/jose-perez-nunez")
    assert nil_iri("office", "Mayor of Springfield") == URIRef(BASE + "entity/office/mayor-of-springfield")
    with pytest.raises(MalformedInputError):
        nil_iri("planet", "mars")


def test_slugify():
    assert slugify("  U.S. Senate  ") == "u-s-senate"
    non_latin = slugify("Владимир Путин")
    assert non_latin.startswith("x") and len(non_latin) == 17  # hash fallback, never empty
    assert slugify("Владимир Путин") == non_latin


def test_key_iri_for_jurisdictions():
    assert key_iri("Q30", "country") == URIRef("http://www.wikidata.org/entity/Q30")
    assert key_iri("country/atlantis", "country") == URIRef(BASE + "entity/country/atlantis")


def test_fact_iris_are_content_hashes():
    a = fact_iri("statement", "doc1", 10, 40, "Q22686", "say")
    assert a == fact_iri("statement", "doc1", 10, 40, "Q22686", "say")
    assert a.startswith(BASE + "statement/")
    assert len(a.rsplit("/", 1)[1]) == 16
    others = {
        fact_iri("statement", "doc2", 10, 40, "Q22686", "say"),
        fact_iri("statement", "doc1", 11, 40, "Q22686", "say"),
        fact_iri("statement", "doc1", 10, 40, "Q3052772", "say"),
        fact_iri("holding", "doc1", 10, 40, "Q22686", "say").replace("holding/", "statement/"),
    }
    assert a not in others and len(others) == 4
    assert fact_iri("legfact", "d", 1, 2).startswith(BASE + "legislation-fact/")
    with pytest.raises(ValueError):
        fact_iri("quote", "d", 1, 2)


def test_short_hash_separates_fields():
    assert short_hash("ab", "c") != short_hash("a", "bc")


@pytest.mark.parametrize("base", ["https://example.org/kg/", "https://example.org/kg#"])
def test_good_bases(base):
    assert check_base(base) == base


@pytest.mark.parametrize(
    "base", ["example.org/kg/", "https://example.org/kg", "https://example.org/a b/", "urn:x-geokg:"]
)
def test_bad_bases(base):
    with pytest.raises(MalformedInputError):
        check_base(base)
