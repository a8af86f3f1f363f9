"""Tests of kg.rdf.wikidata_export: office holdings as Wikidata P39 statements that WDQS queries
run on unchanged."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from rdflib import Literal, URIRef
from rdflib import namespace as _ns  # not XSD itself: pytest probes module attributes, XSD warns
from rdflib.namespace import PROV, RDF, RDFS

from kg.model import ArticleResult, Document, OfficeHolding
from kg.query import parse_query_text, run_query
from kg.rdf.emit import results_dataset
from kg.rdf.iris import article_iri
from kg.rdf.namespaces import P, PQ, PR, PS, WD, WDT, WIKIBASE
from kg.rdf.serialize import write_dataset
from kg.rdf.wikidata_export import export_wikidata, wikidata_holdings
from kg.validate import validate

from .small_article import DOC_ID, DOE, MACRON, MAYOR, TEXT, small_result

MACRON_IRI = WD[MACRON.qid]
WDQS_PREFIXES = """
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX p: <http://www.wikidata.org/prop/>
PREFIX ps: <http://www.wikidata.org/prop/statement/>
PREFIX pq: <http://www.wikidata.org/prop/qualifier/>
PREFIX pr: <http://www.wikidata.org/prop/reference/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX wikibase: <http://wikiba.se/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def _results():
    """The small article (Trump current US president, Macron current French president) with
    Macron's holding turned former, plus a second article (other date) that says Trump is
    president again and Jane Doe is incoming mayor."""
    first = small_result()
    former = dataclasses.replace(first.holdings[1], status="former")
    first = dataclasses.replace(first, holdings=(first.holdings[0], former))
    text = "President Donald Trump spoke. Mayor-elect Jane Doe listened."
    doc = Document(id="second", text=text, source="t", date=dt.date(2025, 7, 1), headline="Second")
    again = OfficeHolding(holder=first.holdings[0].holder, office=first.holdings[0].office, status="current", start=0, end=22)
    incoming = OfficeHolding(holder=DOE, office=MAYOR, status="incoming", start=30, end=49)
    second = ArticleResult(document=doc, entities=(again.holder, again.office, DOE, MAYOR), holdings=(again, incoming))
    return [first, second]


@pytest.fixture(scope="module")
def export():
    return wikidata_holdings(results_dataset(_results()))


def test_statement_shape(export):
    g = export.graph
    statement = g.value(WD.Q22686, P.P39)
    assert (statement, RDF.type, WIKIBASE.Statement) in g
    assert g.value(statement, PS.P39) == WD.Q11696
    assert g.value(statement, WIKIBASE.rank) == WIKIBASE.NormalRank
    assert (WD.Q22686, WDT.P39, WD.Q11696) in g
    assert g.value(WD.Q22686, RDFS.label) == Literal("Donald Trump", lang="en")
    # Both articles report the same current holding: one statement, two references.
    references = sorted(g.objects(statement, PROV.wasDerivedFrom))
    assert len(references) == 2
    assert {g.value(r, PROV.wasDerivedFrom) for r in references} == {article_iri(DOC_ID), article_iri("second")}
    first = next(r for r in references if g.value(r, PROV.wasDerivedFrom) == article_iri(DOC_ID))
    assert (first, RDF.type, WIKIBASE.Reference) in g
    assert g.value(first, PR.P854) == URIRef(small_result().document.url)
    assert g.value(first, PR.P1476) == Literal(small_result().document.headline, lang="en")
    published = g.value(first, PR.P577)
    assert published.datatype == _ns.XSD.dateTime
    assert str(published) == f"{small_result().document.date}T00:00:00Z"  # as WDQS writes it


def test_dates_are_unknown_values_by_status(export):
    g = export.graph
    current = g.value(WD.Q22686, P.P39)
    former = g.value(MACRON_IRI, P.P39)
    assert g.value(current, PQ.P580) is not None and g.value(current, PQ.P582) is None
    assert g.value(former, PQ.P582) is not None and g.value(former, PQ.P580) is None
    assert "/.well-known/genid/" in str(g.value(former, PQ.P582))


def test_incoming_holdings_are_left_out(export):
    assert export.skipped_incoming == 1
    assert export.statements == 2 and export.holdings == 4
    assert (None, P.P39, None) in export.graph
    assert not list(export.graph.triples((URIRef("https://w3id.org/geokg/id/entity/person/jane-doe"), P.P39, None)))


def test_position_held_with_start_date_query_runs_unchanged(export):
    # A typical WDQS query ("who held which position, since when, per which source"), as one
    # would write it for query.wikidata.org minus the label service.
    query = WDQS_PREFIXES + """
        SELECT ?person ?personLabel ?position ?start ?url WHERE {
          ?person p:P39 ?statement .
          ?statement ps:P39 ?position ;
                     pq:P580 ?start ;
                     prov:wasDerivedFrom ?ref .
          FILTER NOT EXISTS { ?statement pq:P582 ?end }
          OPTIONAL { ?ref pr:P854 ?url }
          ?person rdfs:label ?personLabel .
        } ORDER BY ?person ?url
    """
    rows = run_query(parse_query_text(query, name="wdqs"), export.graph).rows
    assert [(r[0], r[2]) for r in rows] == [(WD.Q22686, WD.Q11696)] * 2
    assert str(rows[0][1]) == "Donald Trump"
    assert {str(r[4]) if r[4] is not None else None for r in rows} == {small_result().document.url, None}


def test_wdt_query_for_holders_of_an_office(export):
    query = WDQS_PREFIXES + "SELECT ?person WHERE { ?person wdt:P39 wd:Q191954 }"
    assert [r[0] for r in run_query(parse_query_text(query, name="wdt"), export.graph).rows] == [MACRON_IRI]


def test_export_conforms_to_the_shapes(export):
    report = validate(export.graph)
    assert report.conforms, [v.message for v in report.errors]


def test_export_file_is_byte_identical(tmp_path):
    source = write_dataset(results_dataset(_results()), tmp_path / "graph.nq")
    a = export_wikidata(source, tmp_path / "a.ttl")
    export_wikidata(source, tmp_path / "b.ttl")
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()
    text = (tmp_path / "a.ttl").read_text()
    assert a.statements == 2 and "ps:P39 wd:Q11696" in text
    assert 'pr:P577 "2025-06-11T00:00:00Z"^^xsd:dateTime' in text


def test_graph_without_holdings_gives_an_empty_export():
    doc = Document(id="none", text=TEXT, source="t")
    export = wikidata_holdings(results_dataset([ArticleResult(document=doc, entities=())]))
    assert export.statements == 0 and len(export.graph) == 0
