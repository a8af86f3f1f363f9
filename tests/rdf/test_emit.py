"""Tests of kg.rdf.emit: the RDF contract of DESIGN.md, checked on a hand-built article."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic, graph_diff
from rdflib.namespace import PROV, RDF, RDFS
from rdflib import namespace as _ns  # not XSD itself: pytest probes module attributes, XSD warns

from kg.errors import MalformedInputError
from kg.model import ArticleResult, Document, Entity, LegislationFact, Statement
from kg.rdf.emit import add_article, article_quads, article_triples, new_dataset, results_dataset
from kg.rdf.iris import article_iri, graph_iri
from kg.rdf.namespaces import GK, SCHEMA, WD

from .small_article import DOC_ID, DOE, MACRON, RUSSIA, SANCTIONS_ACT, TEXT, TRUMP, small_result

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "rdf" / "expected_small.trig"
ARTICLE = article_iri(DOC_ID)
GRAPH = graph_iri(DOC_ID)


@pytest.fixture(scope="module")
def graph():
    return article_quads(small_result()).graph(GRAPH)


def _diff(expected, actual) -> str:
    _both, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = ["only in golden:"] + sorted(f"  {t}" for t in only_expected.triples((None, None, None)))
    lines += ["only in emitted:"] + sorted(f"  {t}" for t in only_actual.triples((None, None, None)))
    return "\n".join(lines)


def test_matches_golden_file():
    golden = Dataset()
    golden.parse(GOLDEN, format="trig")
    emitted = article_quads(small_result())
    golden_graphs = {g.identifier for g in golden.graphs() if len(g)}
    emitted_graphs = {g.identifier for g in emitted.graphs() if len(g)}
    assert golden_graphs == emitted_graphs == {GRAPH}
    expected, actual = golden.graph(GRAPH), emitted.graph(GRAPH)
    assert isomorphic(expected, actual), _diff(expected, actual)


def test_article_node(graph):
    types = set(graph.objects(ARTICLE, RDF.type))
    assert types == {GK.Article, SCHEMA.NewsArticle}
    assert graph.value(ARTICLE, SCHEMA.headline) == Literal("Trump and Macron meet in Paris")
    assert graph.value(ARTICLE, SCHEMA.datePublished) == Literal("2025-06-11", datatype=_ns.XSD.date)
    assert graph.value(ARTICLE, SCHEMA.url) == URIRef("https://example.com/news/trump-macron")
    assert graph.value(ARTICLE, GK.textLength) == Literal(len(TEXT), datatype=_ns.XSD.integer)
    assert len(str(graph.value(ARTICLE, GK.contentHash))) == 64


def test_authors_link_to_entities_or_become_nil_people(graph):
    authors = set(graph.objects(ARTICLE, SCHEMA.author))
    assert WD.Q130879 in authors  # "Reuters" is an organisation entity of the article
    nil = URIRef("https://w3id.org/geokg/id/entity/person/sam-writer")
    assert nil in authors
    assert graph.value(nil, RDF.type) == GK.Person
    assert graph.value(nil, RDFS.label) == Literal("Sam Writer")
    assert graph.value(nil, GK.unlinked) == Literal(True)
    # An author is not thereby mentioned in the text.
    assert (ARTICLE, GK.mentions, nil) not in graph


def test_every_entity_is_mentioned_typed_and_labelled(graph):
    mentioned = set(graph.objects(ARTICLE, GK.mentions))
    result = small_result()
    assert {URIRef(WD[e.qid]) for e in result.entities if e.qid} <= mentioned
    for entity in mentioned:
        assert graph.value(entity, RDFS.label) is not None
        assert len(set(graph.objects(entity, RDF.type))) == 1


def test_linked_and_nil_entities(graph):
    assert (WD.Q22686, RDF.type, GK.Person) in graph
    assert (WD.Q22686, GK.unlinked, None) not in graph
    doe = URIRef("https://w3id.org/geokg/id/entity/person/jane-doe")
    assert (doe, GK.unlinked, Literal(True)) in graph
    # Of the labels seen for one entity ("Trump", "Donald Trump") the fuller one is kept.
    assert list(graph.objects(WD.Q22686, RDFS.label)) == [Literal("Donald Trump")]
    assert (WD.Q11696, GK.jurisdiction, WD.Q30) in graph


def _one(graph, cls, prop, value):
    nodes = [s for s in graph.subjects(prop, value) if (s, RDF.type, cls) in graph]
    assert len(nodes) == 1, nodes
    return nodes[0]


def test_attributed_statement(graph):
    st = _one(graph, GK.Statement, GK.speaker, WD.Q22686)
    assert graph.value(st, GK.speakerRole) == WD.Q11696
    assert graph.value(st, GK.content) == Literal("the talks were productive.")
    assert graph.value(st, GK.quoteType) == Literal("direct")
    assert graph.value(st, GK.cue) == Literal("say")
    assert graph.value(st, GK.date) == Literal("2025-06-10", datatype=_ns.XSD.date)
    assert graph.value(st, GK.about) == WD.Q3052772
    assert graph.value(st, GK.source) == ARTICLE
    start, end = int(graph.value(st, GK.start)), int(graph.value(st, GK.end))
    assert TEXT[start:end] == '"the talks were productive."'
    assert graph.value(st, GK.start).datatype == _ns.XSD.integer


def test_unattributed_statement_has_no_speaker(graph):
    st = _one(graph, GK.Statement, GK.unattributed, Literal(True))
    assert graph.value(st, GK.speaker) is None
    assert graph.value(st, GK.content) == Literal("We will not back down,")


def test_medium_and_nil_role(graph):
    st = _one(graph, GK.Statement, GK.speaker, URIRef("https://w3id.org/geokg/id/entity/person/jane-doe"))
    assert graph.value(st, GK.medium) == WD.Q130879
    assert graph.value(st, GK.speakerRole) == URIRef("https://w3id.org/geokg/id/entity/office/mayor-of-springfield")
    assert graph.value(st, GK.quoteType) == Literal("indirect")


def test_holding_meeting_legislation(graph):
    holding = _one(graph, GK.OfficeHolding, GK.holder, WD.Q22686)
    assert graph.value(holding, GK.office) == WD.Q11696
    assert graph.value(holding, GK.jurisdiction) == WD.Q30
    assert graph.value(holding, GK.status) == Literal("current")
    meeting = _one(graph, GK.Meeting, GK.topic, Literal("trade"))
    assert set(graph.objects(meeting, GK.participant)) == {WD.Q22686, WD.Q3052772}
    assert graph.value(meeting, GK.status) == Literal("held")
    assert graph.value(meeting, GK.place) == WD.Q90
    act = URIRef("https://w3id.org/geokg/id/entity/legislation/russia-sanctions-act")
    assert graph.value(act, GK.legislativeStatus) == Literal("passed")
    assert graph.value(act, GK.legislature) == WD.Q66096
    assert graph.value(act, GK.targets) == WD.Q159
    assert graph.value(act, GK.source) == ARTICLE
    fact = _one(graph, GK.LegislationFact, GK.legislation, act)
    start, end = int(graph.value(fact, GK.start)), int(graph.value(fact, GK.end))
    assert TEXT[start:end].startswith("The Senate passed the Russia Sanctions Act")


def test_no_blank_nodes(graph):
    from rdflib import BNode

    assert not any(isinstance(t, BNode) for triple in graph for t in triple)


def test_iris_are_stable_and_independent_of_entity_order():
    result = small_result()
    shuffled = dataclasses.replace(result, entities=tuple(reversed(result.entities)))
    _, a = article_triples(result)
    _, b = article_triples(shuffled)
    assert set(a) == set(b)


def test_same_span_two_speakers_gives_two_statements():
    doc = Document(id="x1", text="Trump and Macron said it was good.", source="t")
    statements = tuple(
        Statement(speaker=s, content="it was good", quote_type="indirect", cue="say", start=22, end=33)
        for s in (TRUMP, MACRON)
    )
    _, triples = article_triples(ArticleResult(document=doc, entities=(TRUMP, MACRON), statements=statements))
    nodes = {s for s, p, o in triples if p == RDF.type and o == GK.Statement}
    assert len(nodes) == 2


def test_legislation_facts_of_one_act_are_merged_with_the_furthest_status():
    text = "The bill was proposed in March. On Monday the Senate passed the Russia Sanctions Act."
    doc = Document(id="leg1", text=text, source="t")
    facts = (
        LegislationFact(legislation=SANCTIONS_ACT, start=0, end=31, status="proposed", sponsors=(DOE,)),
        LegislationFact(legislation=SANCTIONS_ACT, start=32, end=len(text), status="passed", targets=(RUSSIA,)),
    )
    ds = article_quads(ArticleResult(document=doc, entities=(SANCTIONS_ACT,), legislation=facts))
    g = ds.graph(graph_iri("leg1"))
    act = URIRef("https://w3id.org/geokg/id/entity/legislation/russia-sanctions-act")
    assert list(g.objects(act, GK.legislativeStatus)) == [Literal("passed")]
    assert set(g.objects(act, GK.sponsor)) == {URIRef("https://w3id.org/geokg/id/entity/person/jane-doe")}
    assert set(g.objects(act, GK.targets)) == {WD.Q159}
    per_fact = {str(o) for f in g.subjects(RDF.type, GK.LegislationFact) for o in g.objects(f, GK.legislativeStatus)}
    assert per_fact == {"proposed", "passed"}


def test_rerunning_an_article_replaces_its_graph():
    ds = results_dataset([small_result()])
    before = len(ds)
    edited = dataclasses.replace(small_result(), statements=())
    add_article(ds, edited)
    after = len(ds)
    assert after < before
    assert not list(ds.graph(GRAPH).subjects(RDF.type, GK.Statement))
    assert len([g for g in ds.graphs() if len(g)]) == 1


def test_results_dataset_has_one_graph_per_article():
    other_doc = Document(id="b2", text="Putin spoke.", source="t", headline="Other")
    other = ArticleResult(document=other_doc, entities=(RUSSIA,))
    ds = results_dataset([small_result(), other])
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert names == {GRAPH, graph_iri("b2")}
    assert (article_iri("b2"), GK.mentions, WD.Q159) in ds.graph(graph_iri("b2"))


def test_custom_base():
    base = "https://example.org/kg/"
    ds = article_quads(small_result(), base=base)
    graph = ds.graph(URIRef(base + "graph/" + DOC_ID))
    assert (URIRef(base + "article/" + DOC_ID), RDF.type, GK.Article) in graph
    assert (URIRef(base + "entity/person/jane-doe"), RDF.type, GK.Person) in graph
    with pytest.raises(MalformedInputError):
        article_quads(small_result(), base="not a base")


def test_bad_qid_is_refused():
    bad = Entity(key="P39", kind="office", label="position held", qid="P39")
    doc = Document(id="q", text="x", source="t")
    with pytest.raises(MalformedInputError, match="Q42"):
        article_triples(ArticleResult(document=doc, entities=(bad,)))


def test_odd_document_fields():
    doc = Document(
        id="odd",
        text="Text.",
        source="t",
        headline="  ",
        date=dt.datetime(2025, 6, 11, 15, 30),  # a datetime is a date too; only the date is kept
        url="https://example.com/a b?q=\"x\"",
    )
    _, triples = article_triples(ArticleResult(document=doc, entities=()))
    by_pred = {p: o for s, p, o in triples}
    assert by_pred[SCHEMA.datePublished] == Literal("2025-06-11", datatype=_ns.XSD.date)
    assert by_pred[SCHEMA.url] == URIRef("https://example.com/a%20b?q=%22x%22")
    assert SCHEMA.headline not in by_pred
    local = Document(id="odd2", text="Text.", source="t", url="file:///home/me/a.html")
    _, triples = article_triples(ArticleResult(document=local, entities=()))
    assert SCHEMA.url not in {p for s, p, o in triples}


def test_run_link_makes_the_graph_a_bundle_of_the_run():
    from kg.rdf.emit import add_run
    from kg.rdf.provenance import RunRecord, run_graph_iri

    record = RunRecord(tool_version="9.9", linker="offline", base="https://w3id.org/geokg/id/", validated=True)
    ds = new_dataset()
    run = add_run(ds, record)
    name = add_article(ds, small_result(), run=run)
    g = ds.graph(name)
    assert (name, RDF.type, PROV.Bundle) in g and g.value(name, PROV.wasGeneratedBy) == run
    assert (run, RDF.type, PROV.Activity) in ds.graph(run_graph_iri(record))
    # Without a run the graph says nothing about provenance of the build (the golden file).
    assert (None, PROV.wasGeneratedBy, None) not in article_quads(small_result()).graph(GRAPH)


def test_empty_result_still_describes_the_article():
    doc = Document(id="empty", text="", source="t")
    ds = article_quads(ArticleResult(document=doc, entities=()))
    g = ds.graph(graph_iri("empty"))
    assert g.value(article_iri("empty"), GK.textLength) == Literal(0, datatype=_ns.XSD.integer)
    assert not list(g.subjects(RDF.type, GK.Person))
