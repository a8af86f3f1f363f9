"""pyshacl-turbo, geokg's SHACL engine, against pySHACL, the reference it replaced (issue 7).

kg.validate uses pyshacl-turbo for speed; these tests hold it to pySHACL's results, field by
field (focus, path, component, shape, value, severity and message text), on every data-driven
shape test in tests/data/shapes and on edited article graphs, so an upgrade of either engine that
changes what geokg reports fails here first.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdf.small_article import DOC_ID, small_result
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from test_validate import GOOD, _broken

from kg.errors import ResourceError
from kg.rdf.emit import article_quads, results_dataset
from kg.rdf.iris import graph_iri
from kg.rdf.namespaces import GK, WD
from kg.validate import shacl_engine, validate

pytest.importorskip("pyshacl_turbo")
pytest.importorskip("pyshacl")

SHAPE_TESTS = sorted((Path(__file__).resolve().parent / "data" / "shapes").glob("*/*.ttl"))


def _both(data, **kwargs):
    turbo = validate(data, engine="turbo", **kwargs)
    reference = validate(data, engine="pyshacl", **kwargs)
    return turbo, reference


def test_there_are_shape_tests_to_compare():
    assert len(SHAPE_TESTS) >= 35


@pytest.mark.parametrize("path", SHAPE_TESTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_same_results_as_pyshacl_on_shape_tests(path: Path):
    turbo, reference = _both(Graph().parse(path, format="turtle"))
    assert turbo == reference
    if path.parent.name == "invalid":
        assert turbo.errors  # a comparison of two empty reports would prove nothing


def test_same_results_on_a_broken_build_with_texts():
    ds, _statement, _holding = _broken()
    turbo, reference = _both(ds, texts={DOC_ID: small_result().document.text})
    assert len(turbo.errors) == 2
    assert turbo == reference


def test_a_named_graph_is_validated_without_the_other_articles():
    """The build hands over `dataset.graph(name)`, whose store holds other articles too: an entity
    described only in another article's graph must not satisfy this article's shapes."""
    ds = results_dataset([small_result(), GOOD])
    ds.graph(graph_iri(DOC_ID)).add((WD.Q191954, GK.jurisdiction, WD.Q99999))
    ds.graph(graph_iri(GOOD.document.id)).add((WD.Q99999, RDF.type, GK.Country))
    turbo, reference = _both(ds.graph(graph_iri(DOC_ID)))
    assert [v.severity for v in turbo.violations] == ["Warning"]
    assert turbo.violations[0].value == str(WD.Q99999)
    assert turbo == reference
    whole_turbo, whole_reference = _both(ds)
    assert whole_turbo == whole_reference
    assert [v for v in whole_turbo.violations if v.graph == str(graph_iri(DOC_ID))] == turbo.violations


@pytest.mark.parametrize("seed", range(8))
def test_same_results_on_randomly_damaged_articles(seed: int):
    """Drop and corrupt random triples of two emitted articles: many kinds of result at once."""
    rng = random.Random(seed)
    damaged = Dataset()
    for s, p, o, g in sorted(results_dataset([small_result(), GOOD]).quads((None, None, None, None))):
        roll = rng.random()
        if roll < 0.08:
            continue
        if roll < 0.14:
            o = s if isinstance(o, Literal) else Literal("x")
        damaged.add((s, p, o, g))
    turbo, reference = _both(damaged, texts={DOC_ID: small_result().document.text})
    assert turbo == reference
    assert turbo.violations  # the damage is seen


@pytest.mark.parametrize("name", [None, "turbo", "pyshacl"])  # None: the default engine
def test_broken_shapes_are_a_resource_error_for_both_engines(name: str | None):
    shapes = Graph()
    shape = URIRef("https://example.org/BrokenShape")
    shapes.add((shape, RDF.type, SH.NodeShape))
    shapes.add((shape, SH.targetClass, GK.Article))
    shapes.add((shape, SH["or"], BNode()))  # sh:or needs a list
    with pytest.raises(ResourceError, match="shapes"):
        validate(article_quads(small_result()), shapes=shapes, engine=name)


def test_the_shipped_shapes_are_compiled_once():
    assert shacl_engine() is shacl_engine()
    assert shacl_engine(name="pyshacl") is not shacl_engine(name="turbo")


def test_an_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="turbo"):
        validate(article_quads(small_result()), engine="jena")
