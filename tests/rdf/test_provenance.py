"""Tests of kg.rdf.provenance: the PROV-O record of a build run."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import PROV, RDF

from kg import __version__
from kg.errors import MalformedInputError
from kg.rdf.emit import add_article, add_run, new_dataset
from kg.rdf.namespaces import GK, SCHEMA
from kg.rdf.provenance import RunRecord, current_run, file_sha256, run_graph_iri, run_iri, software_iri
from kg.rdf.serialize import dataset_bytes
from kg.validate import validate

from .small_article import small_result

BASE = "https://w3id.org/geokg/id/"


def test_current_run_records_version_settings_and_resources(tmp_path: Path):
    gazetteer = tmp_path / "g.sqlite"
    gazetteer.write_bytes(b"not really a gazetteer")
    record = current_run(linker="wikidata", base="https://example.org/kg/", validated=False, gazetteer=gazetteer)
    assert record.tool_version == __version__
    assert (record.linker, record.base, record.validated) == ("wikidata", "https://example.org/kg/", False)
    assert record.gazetteer_sha256 == file_sha256(gazetteer) and len(record.gazetteer_sha256) == 64
    assert record.model_version is None or "spacy" in record.model_version
    assert current_run(linker="offline").gazetteer_sha256 is None  # no file given
    with pytest.raises(MalformedInputError):
        current_run(linker="offline", base="no-scheme/")


def test_run_iri_depends_on_settings_not_on_time():
    a = RunRecord(tool_version="1", linker="offline", base=BASE, validated=True, gazetteer_sha256="0" * 64)
    assert run_iri(a) == run_iri(RunRecord(**a.__dict__))
    assert run_iri(a) != run_iri(RunRecord(**{**a.__dict__, "linker": "wikidata"}))
    assert run_iri(a) != run_iri(RunRecord(**{**a.__dict__, "gazetteer_sha256": "1" * 64}))
    assert str(run_graph_iri(a)).startswith(BASE + "graph/run/")


def test_run_graph_content_and_validity():
    record = RunRecord(tool_version="1.2.3", linker="offline", base=BASE, validated=True,
                       gazetteer_sha256="a" * 64, model_version="m 1; spacy 3")
    ds = new_dataset()
    run = add_run(ds, record)
    add_article(ds, small_result(), run=run)
    g = ds.graph(run_graph_iri(record))
    assert (run, RDF.type, PROV.Activity) in g and (run, RDF.type, GK.BuildRun) in g
    agent = g.value(run, PROV.wasAssociatedWith)
    assert agent == software_iri("1.2.3") and (agent, RDF.type, PROV.SoftwareAgent) in g
    assert g.value(agent, SCHEMA.softwareVersion) == Literal("1.2.3")
    assert g.value(run, GK.linker) == Literal("offline")
    assert g.value(run, GK.validated) == Literal(True)
    assert str(g.value(run, GK.baseIri)) == BASE
    assert not any("Time" in str(p) for p in g.predicates())  # no clock in the output
    report = validate(ds)
    assert report.conforms, [v.message for v in report.errors]
    assert report.graphs_checked == 2


def test_same_settings_give_byte_identical_output():
    def build() -> bytes:
        ds = new_dataset()
        run = add_run(ds, current_run(linker="offline"))
        add_article(ds, small_result(), run=run)
        return dataset_bytes(ds, "nquads")

    assert build() == build()
