"""Tests of kg.query and the shipped queries/*.rq on the hand-built article."""

from __future__ import annotations

import csv
import io
import json
import re

import pyoxigraph as ox
import pytest
from rdf.small_article import DOC_ID, FR_PRESIDENT, MACRON, RUSSIA, small_result
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
from kg.rdf.namespaces import GK, WD
from kg.rdf.serialize import write_dataset
from kg.resources import queries_dir

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
    assert {"who_said_what", "office_holders", "mentions_of", "meetings", "legislation", "unattributed",
            "statements_by_office", "current_office_holders", "meetings_between", "legislation_targeting",
            "co_mentions", "timeline", "unlinked_entities"} <= names
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
    assert q.param_names == ("speaker", "about", "from", "to")
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
    for name, param in (("office_holders", "status"), ("mentions_of", "entity"), ("unattributed", "article")):
        result = run_query(name, ds, {param: INJECTION}, engine=engine)
        assert result.rows == ()
    # Typed parameters refuse it before anything runs.
    for name, param in (("who_said_what", "speaker"), ("who_said_what", "from"), ("co_mentions", "min_articles"),
                        ("meetings_between", "country_a"), ("timeline", "actor")):
        with pytest.raises(UsageError):
            run_query(name, ds, {param: INJECTION}, engine=engine)
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
    # By ?when: the date the text gives (Trump, June 10), else the publication date (Doe, June 11).
    assert [(r["speakerLabel"], r["roleLabel"], r["content"], r["quoteType"], r["when"]) for r in rows] == [
        ("Donald Trump", "President of the United States", "the talks were productive.", "direct", "2025-06-10"),
        ("Jane Doe", "mayor of Springfield", "the city would comply", "indirect", "2025-06-11"),
    ]
    assert rows[1]["date"] is None and rows[0]["aboutLabels"] == "Emmanuel Macron"
    trump = rows[0]
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
    assert rows[1][0] == str(WD.Q22686)
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
def test_vocabulary_prefixes_are_predeclared_and_a_query_may_redeclare_them(ds, engine):
    bare = parse_query_text("ASK { ?m a gk:Meeting ; gk:topic ?t FILTER(datatype(?t) = xsd:string) }", name="bare")
    assert run_query(bare, ds, engine=engine).rows == ((Literal(True),),)
    own = parse_query_text("PREFIX gk: <http://example.org/other#> ASK { ?m a gk:Meeting }", name="own")
    assert run_query(own, ds, engine=engine).rows == ((Literal(False),),)


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


# ------------------------------------------------------------------------------------------------
# The queries over several articles (tests/store_articles.py: Paris 2025, Iraq January and
# February 2020)


@pytest.fixture(scope="module")
def three():
    from store_articles import iraq_result, later_result

    return results_dataset([small_result(), iraq_result(), later_result()])


def _parts(value: str | None, sep: str) -> set[str]:
    """GROUP_CONCAT cells as sets: engines concatenate in storage order."""
    return set(value.split(sep)) if value else set()


@pytest.mark.parametrize("engine", ENGINES)
def test_who_said_what_filters(three, engine):
    def contents(params):
        return [r["content"] for r in _records(run_query("who_said_what", three, params, engine=engine))]

    everything = contents({})
    assert everything == ["Our sovereignty is not negotiable,", "Trump must listen,", "the talks were productive.",
                          "the city would comply"]
    assert contents({"about": "Q22686"}) == ["Trump must listen,"]
    assert contents({"about": "wd:Q30"}) == ["Our sovereignty is not negotiable,"]
    assert contents({"from": "2020-01-06", "to": "2020-12-31"}) == ["Trump must listen,"]  # published Jan 6
    assert contents({"to": "2020-01-05"}) == ["Our sovereignty is not negotiable,"]  # said Jan 5
    assert contents({"from": "2025-06-11"}) == ["the city would comply"]
    assert contents({"speaker": "Q4685186", "about": "Q30", "from": "2020-01-01"}) == ["Our sovereignty is not negotiable,"]
    assert contents({"speaker": "Q4685186", "about": "Q159"}) == []
    assert contents({"from": "", "to": ""}) == everything  # empty means not given
    # Filter parameters are always bound to their defaults, so they are not columns.
    assert not {"about", "from", "to"} & set(run_query("who_said_what", three, engine=engine).columns)


@pytest.mark.parametrize("engine", ENGINES)
def test_statements_by_office(three, engine):
    rows = _records(run_query("statements_by_office", three, {"office": "Q1368020"}, engine=engine))
    assert [(r["speakerLabel"], r["content"], r["when"]) for r in rows] == [
        ("Adil Abdul-Mahdi", "Our sovereignty is not negotiable,", "2020-01-05")]
    # The role in the statement, and both holdings other articles report (acting, then former).
    assert _parts(rows[0]["how"], ", ") == {"role", "holding:acting", "holding:former"}
    everything = _records(run_query("statements_by_office", three, engine=engine))
    assert [(r["officeLabel"], r["speakerLabel"]) for r in everything] == [
        ("President of the United States", "Donald Trump"),
        ("Prime Minister of Iraq", "Adil Abdul-Mahdi"),
        ("mayor of Springfield", "Jane Doe"),
    ]
    assert _parts(everything[0]["how"], ", ") == {"role", "holding:current"}
    assert run_query("statements_by_office", three, {"office": "Q14213"}, engine=engine).rows == ()  # Pompeo said nothing


@pytest.mark.parametrize("engine", ENGINES)
def test_current_office_holders(three, engine):
    rows = _records(run_query("current_office_holders", three, engine=engine))
    assert [(r["countryLabel"], r["officeLabel"], r["holderLabel"], r["statuses"], r["lastReported"]) for r in rows] == [
        ("France", "President of France", "Emmanuel Macron", "current", "2025-06-11"),
        # Allawi, reported current on Feb 1, displaces Abdul-Mahdi (acting on Jan 6, former on Feb 1).
        ("Iraq", "Prime Minister of Iraq", "Mohammed Tawfiq Allawi", "current", "2020-02-01"),
        ("United States", "President of the United States", "Donald Trump", "current", "2025-06-11"),
        ("United States", "United States Secretary of State", "Mike Pompeo", "current", "2020-01-06"),
    ]
    iraq = _records(run_query("current_office_holders", three, {"country": "Q796"}, engine=engine))
    assert [r["holder"] for r in iraq] == [str(WD.Q6891791)]
    assert run_query("current_office_holders", three, {"country": "Q159"}, engine=engine).rows == ()


@pytest.mark.parametrize("engine", ENGINES)
def test_meetings_between(three, engine):
    rows = _records(run_query("meetings_between", three, {"country_a": "Q30", "country_b": "Q796"}, engine=engine))
    assert [(r["actorALabel"], r["actorBLabel"], r["status"], r["date"], r["topic"]) for r in rows] == [
        ("United States", "Iraq", "planned", None, "the security agreement"),  # the countries themselves
        ("Mike Pompeo", "Adil Abdul-Mahdi", "held", "2020-01-05", "U.S. troops"),  # through their offices
    ]
    everything = _records(run_query("meetings_between", three, engine=engine))
    pairs = {(r["countryALabel"], r["countryBLabel"]) for r in everything}
    assert pairs == {("Iraq", "United States"), ("United States", "Iraq"),
                     ("France", "United States"), ("United States", "France")}
    assert len(everything) == 6
    assert run_query("meetings_between", three, {"country_a": "Q30", "country_b": "Q159"}, engine=engine).rows == ()


@pytest.mark.parametrize("engine", ENGINES)
def test_legislation_targeting(three, engine):
    rows = _records(run_query("legislation_targeting", three, engine=engine))
    assert [(r["targetLabel"], r["legislationLabel"], r["status"], r["jurisdiction"], r["sponsors"], r["articles"])
            for r in rows] == [
        ("Russia", "Russia Sanctions Act", "passed", "United States", "Jane Doe", "1"),
        ("United States", "troop withdrawal resolution", "passed", "Iraq", "", "1"),
    ]
    assert [r["legislationLabel"] for r in _records(run_query("legislation_targeting", three, {"target": "Q159"},
                                                               engine=engine))] == ["Russia Sanctions Act"]
    assert run_query("legislation_targeting", three, {"target": "Q796"}, engine=engine).rows == ()


@pytest.mark.parametrize("engine", ENGINES)
def test_co_mentions(three, engine):
    strong = _records(run_query("co_mentions", three, engine=engine))  # at least 2 articles by default
    assert {(r["entityLabel"], r["otherLabel"], r["articles"]) for r in strong} == {
        ("Adil Abdul-Mahdi", "Iraq", "2"), ("Iraq", "Adil Abdul-Mahdi", "2"),
        ("Donald Trump", "United States", "2"), ("United States", "Donald Trump", "2"),
    }
    assert not run_query("co_mentions", three, {"entity": "Q6891791"}, engine=engine).rows
    allawi = _records(run_query("co_mentions", three, {"entity": "Q6891791", "min_articles": "1"}, engine=engine))
    assert [(r["otherLabel"], r["otherKind"], r["articles"]) for r in allawi] == [
        ("Adil Abdul-Mahdi", str(GK.Person), "1"), ("Iraq", str(GK.Country), "1")]  # offices are not actors
    edges = run_query("co_mentions", three, {"min_articles": "1"}, engine=engine)
    assert "min_articles" not in edges.columns
    assert len(edges) % 2 == 0 and len(edges) > len(strong)
    assert not run_query("co_mentions", three, {"min_articles": "3"}, engine=engine).rows


@pytest.mark.parametrize("engine", ENGINES)
def test_timeline(three, engine):
    rows = _records(run_query("timeline", three, {"actor": "Q4685186"}, engine=engine))
    assert [(r["when"], r["event"], r["detail"], r["with"]) for r in rows] == [
        ("2020-01-05", "met", "held meeting on U.S. troops", "Mike Pompeo"),
        ("2020-01-05", "said", "Our sovereignty is not negotiable,", None),
        ("2020-01-06", "holds_office", "acting Prime Minister of Iraq", None),
        ("2020-02-01", "holds_office", "former Prime Minister of Iraq", None),
    ]
    trump = _records(run_query("timeline", three, {"actor": "Q22686"}, engine=engine))
    assert [(r["event"], r["with"]) for r in trump][:1] == [("said_about", "Ali Hassan")]
    doe = _records(run_query("timeline", three, {"actor": "person:jane-doe"}, engine=engine))
    assert [r["event"] for r in doe] == ["said", "sponsored"]


@pytest.mark.parametrize("engine", ENGINES)
def test_unlinked_entities(three, engine):
    rows = _records(run_query("unlinked_entities", three, engine=engine))
    assert [(r["entity"].rsplit("/", 1)[-1], r["kind"], r["labels"], r["articles"]) for r in rows] == [
        ("russia-sanctions-act", str(GK.Legislation), "Russia Sanctions Act", "1"),
        ("troop-withdrawal-resolution", str(GK.Legislation), "troop withdrawal resolution", "1"),
        ("mayor-of-springfield", str(GK.Office), "mayor of Springfield", "1"),
        ("ali-hassan", str(GK.Person), "Ali Hassan", "1"),
        ("jane-doe", str(GK.Person), "Jane Doe", "1"),
        ("sam-writer", str(GK.Person), "Sam Writer", "0"),  # an author, never mentioned in the text
    ]
    people = _records(run_query("unlinked_entities", three, {"kind": "gk:Person"}, engine=engine))
    assert [r["labels"] for r in people] == ["Ali Hassan", "Jane Doe", "Sam Writer"]
    assert people[0]["lastMentioned"] == "2020-01-06" and people[0]["exampleArticle"].endswith("b2b2b2b2b2b2b2b2")


def test_every_shipped_query_is_tested_here():
    import inspect
    import sys

    source = inspect.getsource(sys.modules[__name__])
    for q in list_queries():
        assert f'"{q.name}"' in source, f"no test runs {q.name}"


@pytest.mark.parametrize(
    "params, message",
    [
        ({"from": "2020-13-01"}, "date"),
        ({"from": "yesterday"}, "date"),
        ({"speaker": "Donald Trump"}, "IRI"),
        ({"about": "<http://a b>"}, "IRI"),
    ],
)
def test_typed_parameters_are_checked(three, params, message):
    with pytest.raises(UsageError, match=message):
        run_query("who_said_what", three, params)


def test_typed_parameter_header():
    q = parse_query_text(
        "# param: a (iri) — x\n# param: b (date = 0001-01-01) — y\n# param: n (integer=1)\nSELECT ?a ?b ?n {}", name="t"
    )
    assert [(p.name, p.type, p.default, p.description) for p in q.params] == [
        ("a", "iri", None, "x"), ("b", "date", "0001-01-01", "y"), ("n", "integer", "1", "")]
    with pytest.raises(MalformedInputError, match="parameter type"):
        parse_query_text("# param: a (float) — x\nSELECT ?a {}", name="t")
    with pytest.raises(UsageError, match="whole number"):
        run_query("co_mentions", results_dataset([small_result()]), {"min_articles": "1.5"})
