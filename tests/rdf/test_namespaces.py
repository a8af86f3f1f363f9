"""Tests of kg.rdf.namespaces."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from kg.rdf.namespaces import GK, PREFIXES, SCHEMA, WD, all_prefixes, gk_terms, shorten


def test_gk_is_closed():
    assert GK.Statement == URIRef("https://w3id.org/geokg/ns#Statement")
    with pytest.raises(AttributeError):
        GK.Statment  # noqa: B018 - the typo must fail
    with pytest.raises(AttributeError):
        SCHEMA.headLine  # noqa: B018


def test_gk_terms_cover_the_contract():
    names = {str(t).rsplit("#", 1)[1] for t in gk_terms()}
    contract = {
        "Article", "Person", "Organization", "Country", "Place", "Office", "Legislation", "Event",
        "Statement", "OfficeHolding", "Meeting", "speaker", "speakerRole", "content", "quoteType", "cue",
        "place", "date", "medium", "about", "source", "start", "end", "holder", "office", "jurisdiction",
        "status", "participant", "topic", "legislature", "sponsor", "targets", "legislativeStatus",
        "mentions", "unlinked", "unattributed", "contentHash", "textLength",
    }
    assert contract <= names


def test_prefixes():
    assert PREFIXES["wd"] == str(WD) == "http://www.wikidata.org/entity/"
    assert PREFIXES["schema"] == "https://schema.org/"
    assert PREFIXES["p"] == "http://www.wikidata.org/prop/"
    assert all_prefixes("https://example.org/kg/")["person"] == "https://example.org/kg/entity/person/"


def test_shorten():
    assert shorten("http://www.wikidata.org/entity/Q42") == "wd:Q42"
    assert shorten("https://w3id.org/geokg/id/entity/person/jane-doe") == "person:jane-doe"
    assert shorten("https://example.org/x") == "https://example.org/x"
    assert shorten("https://w3id.org/geokg/id/article/a%20b") == "https://w3id.org/geokg/id/article/a%20b"
