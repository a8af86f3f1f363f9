"""Tests of kg.query and the shipped queries/*.rq on the hand-built article."""

from __future__ import annotations

import csv
import io
import json
import re

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.errors import MalformedInputError, MissingInputError, UsageError
from kg.model import ArticleResult, Document, OfficeHolding
from kg.query import (
    QueryResult,
    format_rows,
    list_queries,
    load_query,
    parse_param,
    parse_query_text,
    run_query,
)
from kg.rdf.emit import article_quads, results_dataset
from kg.rdf.iris import article_iri
from kg.rdf.namespaces import WD
from kg.rdf.serialize import write_dataset
from kg.resources import queries_dir

from rdf.small_article import DOC_ID, FR_PRESIDENT, MACRON, RUSSIA, small_result

ARTICLE = article_iri(DOC_ID)
DOE = URIRef("https://w3id.org/geokg/id/entity/person/jane-doe")
ACT = URIRef("https://w3id.org/geokg/id/entity/legislation/russia-sanctions-act")
ENGINES = ("oxigraph", "rdflib")
INJECTION = '"} ; DROP ALL #'


@pytest.fixture(scope="module")
def ds():
    return article_quads(small_result())


def _records(result: QueryResult) -> list[dict]:
    return [{k: (None if v is None else str(v)) for k, v in r.items()} for r in result.records()]


# ------------------------------------------------------------------------------------------------
# The catalogue


def test_shipped_queries_have_complete_headers():
    queries = list_queries()
    names = {q.name for q in queries}
    assert {"who_said_what", "office_holders", "mentions_of", "meetings", "legislation"} <= names
    for q in queries:
        assert q.path is not None and q.name == q.path.stem
        assert len(q.answers) > 20, q.name
        select = q.text[q.text.index("SELECT") : q.text.index("WHERE")]
        for param in q.params:
            assert param.description, (q.name, param.name)
            # The engines pre-bind parameters, which needs the variable projected (oxigraph)
            # and used in the query.
            assert re.search(rf"\?{param.name}\b", select), (q.name, param.name)


def test_load_query_by_name_and_path(tmp_path):
    q = load_query("who_said_what")
    assert q.param_names == ("speaker",)
    assert load_query(queries_dir() / "who_said_what.rq") == q
    own = tmp_path / "mine.rq"
    own.write_text("# answers: everything\nSELECT * WHERE { ?s ?p ?o }\n")
    mine = load_query(str(own))
    assert mine.name == "mine" and mine.params == ()


def test_unknown_query_name_lists_the_valid_ones():
    with pytest.raises(UsageError) as info:
        load_query("who_said")
    for q in list_queries():
        assert q.name in str(info.value)
    with pytest.raises(MissingInputError):
        load_query("nowhere/else.rq")


def test_header_parsing_accepts_dash_variants():
    q = parse_query_text("# name: x\n# param: a — first\n# param: b - second\n# param: c\nSELECT ?a ?b ?c {}", name="y")
    assert [(p.name, p.description) for p in q.params] == [("a", "first"), ("b", "second"), ("c", "")]
    assert q.name == "x"


# ------------------------------------------------------------------------------------------------
# Parameters


@pytest.mark.parametrize(
    "value, term",
    [
        ("Q22686", WD.Q22686),
        ("wd:Q22686", WD.Q22686),
        ("http://www.wikidata.org/entity/Q22686", WD.Q22686),
        ("<http://www.wikidata.org/entity/Q22686>", WD.Q22686),
        ("person:jane-doe", DOE),
        ("current", Literal("current")),
        ("q22686", Literal("q22686")),
        ("Donald Trump", Literal("Donald Trump")),
        ("nope:thing", Literal("nope:thing")),
        (INJECTION, Literal(INJECTION)),
    ],
)
def test_parse_param(value, term):
    assert parse_param(value) == term


@pytest.mark.parametrize(
    "value", ["<http://a b>", '<http://a">', "http://example.org/a>b", "<>", "<relative/iri>", "http://[bad"]
)
def test_malformed_iris_are_refused(value):
    with pytest.raises(UsageError):
        parse_param(value)


def test_unknown_param_lists_the_query_params(ds):
    with pytest.raises(UsageError) as info:
        run_query("office_holders", ds, {"person": "Q22686"})
    for name in ("holder", "office", "status"):
        assert name in str(info.value)
    with pytest.raises(UsageError, match="none"):
        run_query(parse_query_text("SELECT * {}", name="bare"), ds, {"x": "1"})


@pytest.mark.parametrize("engine", ENGINES)
def test_injection_shaped_value_is_a_plain_literal(ds, engine):
    before = len(list(ds.quads((None, None, None, None))))
    for name, param in (("who_said_what", "speaker"), ("office_holders", "status"), ("mentions_of", "entity")):
        result = run_query(name, ds, {param: INJECTION}, engine=engine)
        assert result.rows == ()
    assert len(list(ds.quads((None, None, None, None)))) == before
    # The value really is compared as a literal: a label-matching query finds it when it exists.
    q = parse_query_text(
        "# param: label — a label\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?e ?label WHERE { ?e rdfs:label ?label }",
        name="by_label",
    )
    data = article_quads(small_result())
    data.graph(URIRef("https://w3id.org/geokg/id/graph/x")).add((WD.Q1, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(INJECTION)))
    rows = run_query(q, data, {"label": INJECTION}, engine=engine).rows
    assert rows == ((WD.Q1, Literal(INJECTION)),)


# ------------------------------------------------------------------------------------------------
# Expected rows of every shipped query


@pytest.mark.parametrize("engine", ENGINES)
def test_who_said_what(ds, engine):
    rows = _records(run_query("who_said_what", ds, engine=engine))
    assert [(r["speakerLabel"], r["roleLabel"], r["content"], r["quoteType"]) for r in rows] == [
        ("Jane Doe", "mayor of Springfield", "the city would comply", "indirect"),  # no date sorts first
        ("Donald Trump", "President of the United States", "the talks were productive.", "direct"),
    ]
    trump = rows[1]
    assert trump["speaker"] == str(WD.Q22686) and trump["role"] == str(WD.Q11696)
    assert trump["date"] == "2025-06-10" and trump["article"] == str(ARTICLE) and trump["cue"] == "say"
    only = _records(run_query("who_said_what", ds, {"speaker": "Q22686"}, engine=engine))
    assert [r["content"] for r in only] == ["the talks were productive."]
    assert run_query("who_said_what", ds, {"speaker": "wd:Q3052772"}, engine=engine).rows == ()


@pytest.mark.parametrize("engine", ENGINES)
def test_unattributed(ds, engine):
    rows = _records(run_query("unattributed", ds, engine=engine))
    assert [(r["content"], r["cue"], r["article"]) for r in rows] == [("We will not back down,", "read", str(ARTICLE))]
    assert run_query("unattributed", ds, {"article": f"article:{DOC_ID}"}, engine=engine).rows
    assert not run_query("unattributed", ds, {"article": "article:other"}, engine=engine).rows


@pytest.mark.parametrize("engine", ENGINES)
def test_office_holders(ds, engine):
    rows = _records(run_query("office_holders", ds, engine=engine))
    assert [(r["holderLabel"], r["officeLabel"], r["jurisdictionLabel"], r["status"], r["articles"]) for r in rows] == [
        ("Emmanuel Macron", "President of France", "France", "current", "1"),
        ("Donald Trump", "President of the United States", "United States", "current", "1"),
    ]
    assert rows[0]["lastReported"] == "2025-06-11"
    assert len(run_query("office_holders", ds, {"holder": "Q22686"}, engine=engine)) == 1
    assert len(run_query("office_holders", ds, {"office": "wd:Q191954"}, engine=engine)) == 1
    assert len(run_query("office_holders", ds, {"status": "current"}, engine=engine)) == 2
    assert len(run_query("office_holders", ds, {"status": "former"}, engine=engine)) == 0


@pytest.mark.parametrize("engine", ENGINES)
def test_office_holders_counts_articles_and_falls_back_to_the_office_jurisdiction(engine):
    # The same holding in a second, later article, without an explicit jurisdiction.
    text = "French President Emmanuel Macron arrived."
    doc = Document(id="c3", text=text, source="t", date=__import__("datetime").date(2025, 7, 1))
    holding = OfficeHolding(holder=MACRON, office=FR_PRESIDENT, status="current", start=0, end=32)
    later = ArticleResult(document=doc, entities=(MACRON, FR_PRESIDENT), holdings=(holding,))
    ds = results_dataset([small_result(), later])
    rows = _records(run_query("office_holders", ds, {"holder": "Q3052772"}, engine=engine))
    assert [(r["jurisdiction"], r["articles"], r["lastReported"]) for r in rows] == [(str(WD.Q142), "2", "2025-07-01")]


@pytest.mark.parametrize("engine", ENGINES)
def test_mentions_of(ds, engine):
    rows = _records(run_query("mentions_of", ds, {"entity": "person:jane-doe"}, engine=engine))
    assert rows == [
        {
            "entity": str(DOE),
            "entityLabel": "Jane Doe",
            "article": str(ARTICLE),
            "headline": "Trump and Macron meet in Paris",
            "published": "2025-06-11",
            "url": "https://example.com/news/trump-macron",
        }
    ]
    everything = run_query("mentions_of", ds, engine=engine)
    assert len(everything) == 13
    assert not run_query("mentions_of", ds, {"entity": "Q1"}, engine=engine).rows


@pytest.mark.parametrize("engine", ENGINES)
def test_meetings(ds, engine):
    rows = _records(run_query("meetings", ds, engine=engine))
    assert [(r["participantLabel"], r["metWith"], r["placeLabel"], r["date"], r["topic"], r["status"]) for r in rows] == [
        ("Donald Trump", "Emmanuel Macron", "Paris", "2025-06-10", "trade", "held"),
        ("Emmanuel Macron", "Donald Trump", "Paris", "2025-06-10", "trade", "held"),
    ]
    assert len(run_query("meetings", ds, {"participant": "Q22686"}, engine=engine)) == 1
    assert not run_query("meetings", ds, {"participant": "Q159"}, engine=engine).rows


@pytest.mark.parametrize("engine", ENGINES)
def test_legislation(ds, engine):
    rows = _records(run_query("legislation", ds, engine=engine))
    assert rows == [
        {
            "legislation": str(ACT),
            "label": "Russia Sanctions Act",
            "status": "passed",
            "jurisdiction": "United States",
            "legislature": "United States Senate",
            "sponsors": "Jane Doe",
            "targets": "Russia",
            "article": str(ARTICLE),
        }
    ]
    assert len(run_query("legislation", ds, {"legislation": "legislation:russia-sanctions-act"}, engine=engine)) == 1


def test_queries_run_on_files_in_every_format(ds, tmp_path):
    expected = {q.name: run_query(q, ds).rows for q in list_queries()}
    for suffix in (".nq", ".trig", ".ttl", ".nt", ".jsonld"):
        path = write_dataset(ds, tmp_path / f"data{suffix}")
        for q in list_queries():
            assert run_query(q, path).rows == expected[q.name], (q.name, suffix)
    store = ox.Store()
    store.load(path=str(tmp_path / "data.nq"), format=ox.RdfFormat.N_QUADS)
    assert run_query("who_said_what", store, {"speaker": "Q22686"}).rows == run_query(
        "who_said_what", ds, {"speaker": "Q22686"}
    ).rows


def test_union_of_articles_keeps_one_label_per_entity():
    # A second article labels Trump differently; rows must not double.
    other = ArticleResult(
        document=Document(id="d4", text="Trump spoke.", source="t"),
        entities=(small_result().entities[1], RUSSIA),  # TRUMP_SHORT, labelled "Trump"
    )
    ds = results_dataset([small_result(), other])
    assert len(run_query("who_said_what", ds, {"speaker": "Q22686"})) == 1
    assert len(run_query("meetings", ds)) == 2


# ------------------------------------------------------------------------------------------------
# Output formats


def test_format_table(ds):
    text = format_rows(run_query("office_holders", ds), "table")
    lines = text.splitlines()
    assert lines[0].split() == list(run_query("office_holders", ds).columns)
    assert "wd:Q22686" in text and "Donald Trump" in text
    assert lines[-1] == "(2 rows)"
    clipped = format_rows(run_query("mentions_of", ds), "table", max_width=12)
    assert "…" in clipped


def test_format_json_is_sparql_results_json(ds):
    result = run_query("who_said_what", ds, {"speaker": "Q22686"})
    data = json.loads(format_rows(result, "json"))
    assert data["head"]["vars"] == list(result.columns)
    binding = data["results"]["bindings"][0]
    assert binding["speaker"] == {"type": "uri", "value": str(WD.Q22686)}
    assert binding["date"] == {"type": "literal", "value": "2025-06-10", "datatype": "http://www.w3.org/2001/XMLSchema#date"}
    assert binding["content"] == {"type": "literal", "value": "the talks were productive."}
    assert "place" not in binding  # unbound values are left out


def test_format_csv(ds):
    result = run_query("who_said_what", ds)
    text = format_rows(result, "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(result.columns)
    assert len(rows) == 3
    assert rows[2][0] == str(WD.Q22686)
    assert text.endswith("\r\n")


def test_format_unknown(ds):
    with pytest.raises(UsageError):
        format_rows(run_query("meetings", ds), "xml")  # type: ignore[arg-type]


def test_parameter_that_is_not_projected_is_reported(ds):
    q = parse_query_text("# param: s — subject\nSELECT ?o WHERE { ?s ?p ?o }", name="hidden")
    with pytest.raises(MalformedInputError, match="SELECT clause"):
        run_query(q, ds, {"s": "Q22686"})


def test_unknown_engine(ds):
    with pytest.raises(UsageError):
        run_query("meetings", ds, engine="jena")  # type: ignore[arg-type]


def test_ask_and_construct(ds):
    ask = parse_query_text("ASK { ?s a <https://w3id.org/geokg/ns#Meeting> }", name="ask")
    for engine in ENGINES:
        assert run_query(ask, ds, engine=engine).rows == ((Literal(True),),)
    construct = parse_query_text(
        "CONSTRUCT { ?m <http://example.org/p> ?x } WHERE { ?m <https://w3id.org/geokg/ns#topic> ?x }", name="c"
    )
    rows = run_query(construct, ds).rows
    assert len(rows) == 1 and rows[0][2] == Literal("trade")


@pytest.mark.parametrize("engine", ENGINES)
def test_holding_without_any_jurisdiction_gives_one_row(engine):
    """Regression: an unbound ?jurisdiction once matched every labelled resource in the graph."""
    import dataclasses

    from kg.model import Entity

    base = small_result()
    pm = Entity(key="office/prime-minister", kind="office", label="Prime Minister")
    holder = Entity(key="person/adil-abdul-mahdi", kind="person", label="Adil Abdul-Mahdi")
    result = dataclasses.replace(
        base,
        entities=base.entities + (pm, holder),
        holdings=(OfficeHolding(holder=holder, office=pm, status="acting", start=0, end=5),),
    )
    rows = run_query(load_query("office_holders"), article_quads(result), {}, engine=engine).rows
    assert len(rows) == 1
