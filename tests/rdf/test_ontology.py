"""Tests of ontology/geokg.ttl: well-formed OWL, every contract term defined, alignments, and
(slow, needs Java) consistency under the HermiT reasoner, alone and with emitted data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from kg.rdf.emit import article_quads
from kg.rdf.namespaces import GK, GK_IRI, ONTOLOGY_IRI, gk_terms
from kg.resources import ontology_file

from .small_article import small_result

SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_file(), format="turtle")


def test_ontology_header(onto):
    node = URIRef(ONTOLOGY_IRI)
    assert (node, RDF.type, OWL.Ontology) in onto
    assert onto.value(node, OWL.versionInfo) is not None
    assert onto.value(node, OWL.versionIRI) is not None
    assert onto.value(node, DCTERMS.license) is not None
    assert onto.value(node, RDFS.label) is not None and onto.value(node, RDFS.comment) is not None


def test_namespace_and_ontology_define_the_same_terms(onto):
    defined = {s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef) and s.startswith(GK_IRI)}
    assert defined == set(gk_terms())


@pytest.mark.parametrize("term", sorted(gk_terms()), ids=lambda t: t.rsplit("#", 1)[1])
def test_every_term_is_typed_labelled_and_commented(onto, term):
    kinds = set(onto.objects(term, RDF.type)) & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    assert len(kinds) == 1
    assert onto.value(term, RDFS.label) is not None
    assert len(str(onto.value(term, RDFS.comment) or "")) > 20
    if OWL.Class not in kinds:
        assert onto.value(term, RDFS.domain) is not None


def test_datatype_versus_object_properties(onto):
    for prop in (GK.content, GK.quoteType, GK.cue, GK.date, GK.start, GK.end, GK.status, GK.legislativeStatus):
        assert (prop, RDF.type, OWL.DatatypeProperty) in onto
    for prop in (GK.speaker, GK.source, GK.holder, GK.office, GK.participant, GK.mentions):
        assert (prop, RDF.type, OWL.ObjectProperty) in onto
    for prop in (GK.speaker, GK.content, GK.start, GK.end, GK.holder, GK.office):
        assert (prop, RDF.type, OWL.FunctionalProperty) in onto
    # Several articles report on one act, with different statuses: not functional.
    assert (GK.legislativeStatus, RDF.type, OWL.FunctionalProperty) not in onto
    assert (GK.source, RDF.type, OWL.FunctionalProperty) not in onto


@pytest.mark.parametrize(
    "sub, sup",
    [
        (GK.Person, URIRef(SCHEMA + "Person")),
        (GK.Organization, URIRef(SCHEMA + "Organization")),
        (GK.Organization, URIRef(ORG + "Organization")),
        (GK.Country, URIRef(SCHEMA + "Country")),
        (GK.Place, URIRef(SCHEMA + "Place")),
        (GK.Statement, PROV.Entity),
        (GK.Office, URIRef(ORG + "Post")),
        (GK.Legislation, URIRef(SCHEMA + "Legislation")),
        (GK.Meeting, GK.Event),
        (GK.Event, URIRef(SCHEMA + "Event")),
        (GK.Article, URIRef(SCHEMA + "NewsArticle")),
    ],
)
def test_class_alignments(onto, sub, sup):
    assert (sub, RDFS.subClassOf, sup) in onto


def test_property_alignments(onto):
    assert (GK.speaker, RDFS.subPropertyOf, PROV.wasAttributedTo) in onto
    assert (GK.source, RDFS.subPropertyOf, PROV.wasDerivedFrom) in onto
    assert (GK.participant, RDFS.subPropertyOf, URIRef(SCHEMA + "attendee")) in onto
    assert (GK.OfficeHolding, SKOS.closeMatch, URIRef("http://www.wikidata.org/entity/P39")) in onto


def test_entity_kinds_are_pairwise_disjoint(onto):
    members = set()
    for axiom in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        members |= set(onto.items(onto.value(axiom, OWL.members)))
    assert {GK.Person, GK.Organization, GK.Country, GK.Place, GK.Office, GK.Legislation} <= members


def test_enumerated_literal_ranges_match_the_contract(onto):
    def values(prop):
        datatype = onto.value(prop, RDFS.range)
        return {str(v) for v in onto.items(onto.value(datatype, OWL.oneOf))}

    assert values(GK.quoteType) == {"direct", "indirect", "mixed"}
    assert values(GK.status) == {"current", "former", "incoming", "acting", "held", "planned"}
    assert values(GK.legislativeStatus) == {"proposed", "pending", "passed", "enacted"}


# ------------------------------------------------------------------------------------------------
# owlready2 / HermiT


def _as_ntriples(graph: Graph, path) -> str:
    # owlready2 reads RDF/XML, OWL/XML and N-Triples, not Turtle.
    graph.serialize(destination=str(path), format="nt", encoding="utf-8")
    return "file://" + str(path)


def _load(tmp_path, graph: Graph):
    owlready2 = pytest.importorskip("owlready2")
    world = owlready2.World()
    ontology = world.get_ontology(_as_ntriples(graph, tmp_path / "onto.nt")).load()
    return owlready2, world, ontology


def test_owlready2_loads_the_ontology(tmp_path, onto):
    _owlready2, world, ontology = _load(tmp_path, onto)
    assert ontology.base_iri == GK_IRI
    names = {c.iri for c in ontology.classes()}
    assert str(GK.Statement) in names and str(GK.OfficeHolding) in names
    assert str(GK.speaker) in {p.iri for p in ontology.object_properties()}


def _reason(tmp_path, graph: Graph) -> None:
    owlready2, world, ontology = _load(tmp_path, graph)
    with ontology:
        # xsd:date (gk:date, schema:datePublished) is outside the OWL 2 datatype map.
        owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)


needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs a Java runtime")


@pytest.mark.slow
@needs_java
def test_hermit_finds_the_ontology_consistent(tmp_path, onto):
    _reason(tmp_path, onto)


@pytest.mark.slow
@needs_java
def test_hermit_finds_ontology_plus_emitted_data_consistent(tmp_path, onto):
    data = Graph()
    for s, p, o, _ in article_quads(small_result()).quads((None, None, None, None)):
        data.add((s, p, o))
    _reason(tmp_path, onto + data)


@pytest.mark.slow
@needs_java
@pytest.mark.parametrize("second_kind", [GK.Country, GK.Organization, GK.Statement], ids=lambda t: t.rsplit("#", 1)[1])
def test_hermit_detects_a_person_of_another_kind(tmp_path, onto, second_kind):
    owlready2 = pytest.importorskip("owlready2")
    data = Graph()
    for s, p, o, _ in article_quads(small_result()).quads((None, None, None, None)):
        data.add((s, p, o))
    data.add((URIRef("http://www.wikidata.org/entity/Q22686"), RDF.type, second_kind))  # Trump, a gk:Person
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _reason(tmp_path, onto + data)


@pytest.mark.slow
@needs_java
def test_hermit_finds_a_real_build_consistent(tmp_path, onto, pipeline):
    """The ontology with the graph built from the bundled example article and, when ../shared is
    there, the seed article, run record included."""
    from kg.ingest import read_inputs
    from kg.rdf.emit import add_article, add_run, new_dataset
    from kg.rdf.provenance import current_run
    from kg.resources import shared_dir

    inputs = [Path(__file__).resolve().parents[2] / "examples" / "wikinews-iraq-parliament-2020-01-06.jsonl"]
    shared = shared_dir()
    if shared is not None and (shared / "seeds" / "000_95ac24c8d12e2e9f.txt").is_file():
        inputs.append(shared / "seeds" / "000_95ac24c8d12e2e9f.txt")
    ds = new_dataset()
    run = add_run(ds, current_run(linker="offline", gazetteer=pipeline.gazetteer.path))
    for result in pipeline.process(d for d in read_inputs(inputs) if not isinstance(d, Exception)):
        add_article(ds, result, run=run)
    data = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        data.add((s, p, o))
    assert len(data) > 100 and (None, RDF.type, GK.Statement) in data
    _reason(tmp_path, onto + data)


@pytest.mark.slow
@needs_java
def test_hermit_detects_a_bad_enumerated_value(tmp_path, onto):
    owlready2 = pytest.importorskip("owlready2")
    data = Graph()
    holding = URIRef("https://w3id.org/geokg/id/holding/x")
    data.add((holding, RDF.type, GK.OfficeHolding))
    data.add((holding, GK.status, Literal("retired")))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _reason(tmp_path, onto + data)
