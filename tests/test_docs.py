"""Tests of kg.docs: the generated reference page docs/model.md stays what the generator gives."""

from __future__ import annotations

import pytest
from rdflib import Graph

from kg.docs import CLASS_ORDER, DOC_PATH, generate, model_reference
from kg.rdf.emit import add_article, add_run, new_dataset
from kg.rdf.namespaces import gk_terms, shorten
from kg.rdf.provenance import current_run
from kg.rdf.wikidata_export import wikidata_holdings
from kg.resources import ontology_file, shapes_file

from rdf.small_article import small_result


def test_page_covers_every_term_with_examples_from_the_data():
    ds = new_dataset()
    add_article(ds, small_result(), run=add_run(ds, current_run(linker="offline")))
    page = model_reference(
        Graph().parse(ontology_file()), Graph().parse(shapes_file()), ds, wikidata_holdings(ds).graph
    )
    for term in gk_terms():
        assert f"`{shorten(str(term))}`" in page, term
    for cls in CLASS_ORDER:
        assert f"### `{shorten(str(cls))}`" in page
    assert "gk:speaker wd:Q22686" in page  # a statement of the small article, in Turtle
    assert "ps:P39 wd:Q" in page  # the Wikidata-shaped export
    assert "_No instance in the example build._" in page  # gk:Event: the small article has none
    assert "| `gk:content` | 1; datatype `xsd:string`; length ≥ 1 |" in page  # from the shapes


@pytest.mark.slow
def test_docs_model_md_is_up_to_date(pipeline):
    # If this fails after a change to the ontology, the shapes or what the pipeline extracts from
    # the example article, regenerate the page with `python -m kg.docs` and review the diff.
    assert DOC_PATH.read_text(encoding="utf-8") == generate(pipeline)
