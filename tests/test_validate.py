"""Tests of kg.validate: per-article SHACL validation with located, readable results."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF
from rdflib import namespace as _ns  # not XSD itself: pytest probes module attributes, XSD warns

from kg.model import ArticleResult, Document
from kg.rdf.emit import article_quads, results_dataset
from kg.rdf.iris import article_iri, graph_iri
from kg.rdf.namespaces import GK, WD, shorten
from kg.rdf.serialize import write_dataset
from kg.validate import format_report, report_json, validate

from rdf.small_article import DOC_ID, RUSSIA, TEXT, small_result

GOOD = ArticleResult(document=Document(id="b2", text="Russia said no.", source="t"), entities=(RUSSIA,))


def _broken():
    """Two articles; in the small one a statement loses its speaker and one holding runs past the text."""
    ds = results_dataset([small_result(), GOOD])
    g = ds.graph(graph_iri(DOC_ID))
    statement = next(s for s in g.subjects(GK.speaker, WD.Q22686) if (s, RDF.type, GK.Statement) in g)
    g.remove((statement, GK.speaker, None))
    holding = next(g.subjects(GK.holder, WD.Q22686))
    g.set((holding, GK.end, Literal(len(TEXT) + 5, datatype=_ns.XSD.integer)))
    return ds, statement, holding


def test_emitted_graphs_conform():
    report = validate(results_dataset([small_result(), GOOD]))
    assert report.conforms
    assert report.violations == []
    assert report.graphs_checked == 2
    assert "Conforms" in format_report(report)


def test_violations_name_the_article_and_the_span():
    ds, statement, holding = _broken()
    report = validate(ds, texts={DOC_ID: TEXT})
    assert not report.conforms
    assert report.graphs_checked == 2
    article = str(article_iri(DOC_ID))
    assert {v.article for v in report.violations} == {article}
    assert {v.graph for v in report.violations} == {str(graph_iri(DOC_ID))}

    speaker = [v for v in report.violations if v.focus == str(statement)]
    assert len(speaker) == 1
    v = speaker[0]
    assert v.component.endswith("#XoneConstraintComponent")
    assert v.shape == "https://w3id.org/geokg/shapes#AttributionShape"
    assert v.severity == "Violation"
    assert "speaker" in v.message
    assert TEXT[v.start:v.end] == '"the talks were productive."' == v.excerpt
    assert v.sentence == 'U.S. President Donald Trump said on Tuesday that "the talks were productive."'
    assert v.headline == small_result().document.headline
    assert v.url == small_result().document.url

    too_long = [v for v in report.violations if v.value == str(holding)]
    assert len(too_long) == 1
    assert too_long[0].focus == article  # the check runs on the article...
    assert too_long[0].end == len(TEXT) + 5  # ...but points at the fact's span
    assert too_long[0].path == f"^<{GK.source}>/<{GK.end}>"
    assert too_long[0].excerpt is None and too_long[0].sentence is None  # the span is not inside the text


def test_texts_can_be_keyed_by_article_iri():
    ds, statement, _ = _broken()
    report = validate(ds, texts={str(article_iri(DOC_ID)): TEXT})
    assert any(v.excerpt == '"the talks were productive."' for v in report.violations)


def test_format_report_is_readable():
    ds, statement, _ = _broken()
    text = format_report(validate(ds, texts={DOC_ID: TEXT}))
    assert text.startswith("Does not conform: 2 graphs checked, 2 violations, 0 warnings in 1 article.")
    assert f"article:{DOC_ID}  {small_result().document.headline!r}" in text
    assert "Violation (sh:XoneConstraintComponent, gks:AttributionShape)" in text
    assert f"focus:    {shorten(str(statement))}" in text
    assert "path:     ^gk:source/gk:end" in text
    assert "sentence: U.S. President Donald Trump said on Tuesday that" in text


def test_a_text_of_another_version_of_the_article_is_not_used():
    ds, _, _ = _broken()
    edited = TEXT.replace("Tuesday", "Monday")
    report = validate(ds, texts={DOC_ID: edited})
    assert report.texts_mismatched == (str(article_iri(DOC_ID)),)
    assert all(v.excerpt is None and v.sentence is None for v in report.violations)
    assert any(v.start is not None for v in report.violations)  # the offsets are still reported
    assert "do not match the article's gk:contentHash" in format_report(report)


@pytest.mark.parametrize(
    "start, end, sentence",
    [
        (0, 3, "One."),
        (5, 8, "Two, said Sen. Xi."),
        (5, 23, "Two, said Sen. Xi."),
        (5, 26, "Two, said Sen. Xi. Three"),
        (24, 29, "Three"),
    ],
)
def test_sentence_around_a_span(start, end, sentence):
    from kg.validate import _sentence

    assert _sentence("One. Two, said Sen. Xi. Three", start, end) == sentence


def test_long_context_is_cut_with_an_ellipsis():
    from kg.validate import SENTENCE_CONTEXT, _sentence

    text = "a " * SENTENCE_CONTEXT + "target" + " b" * SENTENCE_CONTEXT
    start = text.index("target")
    got = _sentence(text, start, start + 6)
    assert got.startswith("…") and got.endswith("…") and "target" in got


def test_report_json_is_json():
    ds, _, _ = _broken()
    data = report_json(validate(ds))
    again = json.loads(json.dumps(data))
    assert again["conforms"] is False
    assert again["violations"] == 2 and again["warnings"] == 0
    assert {r["article"] for r in again["results"]} == {str(article_iri(DOC_ID))}


def test_warnings_do_not_break_conformance():
    ds = article_quads(small_result())
    g = ds.graph(graph_iri(DOC_ID))
    g.add((WD.Q191954, GK.jurisdiction, WD.Q99999))  # a jurisdiction the graph does not describe
    report = validate(ds)
    assert report.conforms
    assert [v.severity for v in report.violations] == ["Warning"]
    assert report.warnings and not report.errors


def test_plain_graph_and_file_input(tmp_path):
    ds, _, _ = _broken()
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    report = validate(union)
    assert report.graphs_checked == 1 and not report.conforms
    assert {v.graph for v in report.violations} == {None}
    assert {v.article for v in report.violations} == {str(article_iri(DOC_ID))}

    path = write_dataset(ds, tmp_path / "broken.nq")
    from_file = validate(path)
    assert [(v.focus, v.component) for v in from_file.violations] == [
        (v.focus, v.component) for v in validate(ds).violations
    ]


def test_results_are_sorted_deterministically():
    ds, _, _ = _broken()
    a = validate(ds).violations
    b = validate(ds).violations
    assert a == b
    assert list(a) == sorted(a, key=lambda v: (v.graph or "", v.focus, v.path or "", v.component))


def test_empty_dataset():
    report = validate(results_dataset([]))
    assert report.conforms and report.graphs_checked == 0
