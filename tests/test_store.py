"""Tests of kg.store: the persistent store keeps its default graph the exact union of the article
graphs through adds, rebuilds and removals, queries run on it in place, and its locks allow one
writer or many readers."""

from __future__ import annotations

import hashlib
import json

import pyoxigraph as ox
import pytest
from rdf.small_article import DOC_ID, small_result
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS
from store_articles import (
    IRAQ_ID,
    LATER_ID,
    iraq_result,
    later_result,
    revised_iraq_result,
)

from kg.errors import MissingInputError, UsageError
from kg.query import list_queries, run_query
from kg.rdf.emit import results_dataset
from kg.rdf.iris import graph_iri
from kg.rdf.namespaces import GK, WD
from kg.store import MARKER, STAGING_PREFIX, GraphStore, StoreBusyError, open_store

CLERIC = URIRef("https://w3id.org/geokg/id/entity/person/ali-hassan")


def _triples(store: GraphStore) -> set[tuple]:
    return {(q.subject, q.predicate, q.object) for q in store.ox.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def _has(store: GraphStore, s, p, o) -> bool:
    conv = lambda t: ox.NamedNode(str(t)) if isinstance(t, URIRef) else ox.Literal(str(t))
    return any(True for _ in store.ox.quads_for_pattern(conv(s), conv(p), conv(o), ox.DefaultGraph()))


@pytest.fixture()
def store(tmp_path):
    with open_store(tmp_path / "store", create=True) as opened:
        opened.replace_graphs(results_dataset([small_result(), iraq_result(), later_result()]))
        yield opened


def test_new_store_layout_and_articles(store, tmp_path):
    meta = json.loads((tmp_path / "store" / MARKER).read_text())
    assert meta["format"] == "geokg-store" and meta["version"] == 1 and meta["base"] == "https://w3id.org/geokg/id/"
    assert (tmp_path / "store" / "oxigraph").is_dir()
    assert store.graph_names() == sorted(graph_iri(i) for i in (DOC_ID, IRAQ_ID, LATER_ID))
    articles = {a.graph: a for a in store.articles()}
    iraq = articles[graph_iri(IRAQ_ID)]
    assert iraq.content_hash == hashlib.sha256(iraq_result().document.text.encode()).hexdigest()
    assert iraq.headline == "Iraq's premier meets Pompeo" and iraq.published == "2020-01-06"
    assert store.verify() == []


def test_default_graph_is_the_deduplicated_union(store):
    ds = results_dataset([small_result(), iraq_result(), later_result()])
    expected = {tuple(map(str, (s, p, o))) for s, p, o, _ in ds.quads((None, None, None, None))}
    got = {(t[0].value, t[1].value, t[2].value) for t in _triples(store)}
    assert got == expected
    # Iraq is typed and labelled by two articles, and still once in the union.
    iraq_label = list(store.ox.quads_for_pattern(ox.NamedNode(str(WD.Q796)), ox.NamedNode(str(RDFS.label)), None, None))
    assert len(iraq_label) == 3  # two article graphs + the union
    assert store.union_size() == len(expected)


def test_rebuilding_an_article_replaces_it_without_leftovers(store):
    before = store.union_size()
    report = store.replace_graphs(results_dataset([revised_iraq_result()]))
    assert report.graphs == 1 and report.quads == sum(1 for _ in store.graph_quads(graph_iri(IRAQ_ID)))
    assert store.union_size() < before
    assert store.verify() == []
    assert len(store.graph_names()) == 3
    # What only the old version said is gone: the cleric, his quote and the planned talks.
    assert not _has(store, CLERIC, RDFS.label, "Ali Hassan")
    statements = {str(r["content"]) for r in store.query("who_said_what").records()}
    assert "Trump must listen," not in statements and "Our sovereignty is not negotiable," in statements
    assert all(str(r["status"]) == "held" for r in store.query("meetings", {"participant": "Q796"}).records()) is True
    # The label "Trump" came only from the old Iraq article; "Donald Trump" (small article) stays.
    assert not _has(store, WD.Q22686, RDFS.label, "Trump")
    assert _has(store, WD.Q22686, RDFS.label, "Donald Trump")
    # Shared with the other articles, so kept: the United States, Iraq.
    assert _has(store, WD.Q30, RDFS.label, "United States") and _has(store, WD.Q796, RDFS.label, "Iraq")


def test_rebuilding_the_same_article_twice_changes_nothing(store):
    before = _triples(store)
    store.replace_graphs(results_dataset([iraq_result()]))
    store.replace_graphs(results_dataset([iraq_result()]))
    assert _triples(store) == before
    assert len(store) == sum(1 for _ in store.ox.quads_for_pattern(None, None, None, None))


def test_removing_articles_keeps_what_others_still_say(store):
    assert store.remove_graphs([graph_iri(DOC_ID)]) == 1
    assert store.verify() == []
    assert not _has(store, WD.Q3052772, RDFS.label, "Emmanuel Macron")  # only the Paris article had Macron
    assert _has(store, WD.Q30, RDFS.label, "United States")  # the Iraq article still mentions the U.S.
    assert store.remove_graphs([graph_iri(IRAQ_ID), graph_iri("not-there")]) == 1
    assert not _has(store, WD.Q30, RDFS.label, "United States")
    assert store.verify() == []
    store.remove_graphs([graph_iri(LATER_ID)])
    assert store.union_size() == 0 and len(store) == 0


def _normal(rows: tuple) -> tuple:
    """Rows with GROUP_CONCAT cells made order-free (engines concatenate in storage order)."""
    def cell(term):
        text = str(term) if term is not None else None
        for sep in ("; ", ", ", " | "):
            if text and sep in text:
                return sep.join(sorted(text.split(sep)))
        return text
    return tuple(tuple(cell(t) for t in row) for row in rows)


def test_every_named_query_gives_the_same_rows_on_the_store_as_in_memory(store):
    ds = results_dataset([small_result(), iraq_result(), later_result()])
    for q in list_queries():
        assert _normal(run_query(q, store).rows) == _normal(run_query(q, ds).rows), q.name


def test_queries_on_the_store_do_not_multiply_rows(store):
    # Trump is typed in two articles, labelled differently; one statement stays one row.
    assert len(store.query("who_said_what", {"speaker": "Q22686"})) == 1
    assert [str(r["articles"]) for r in store.query("office_holders", {"holder": "Q4685186"}).records()] == ["1", "1"]


def test_store_survives_reopening_read_only(tmp_path):
    path = tmp_path / "s"
    with open_store(path, create=True) as st:
        st.replace_graphs(results_dataset([small_result()]))
        expected = st.query("who_said_what").rows
    with open_store(path) as st:
        assert st.read_only
        assert st.query("who_said_what").rows == expected
        with pytest.raises(UsageError, match="read-only"):
            st.replace_graphs(results_dataset([iraq_result()]))
    with open_store(path, read_only=False) as st:  # a later build adds to it
        st.replace_graphs(results_dataset([iraq_result()]))
        assert len(st.graph_names()) == 2


def test_one_writer_or_many_readers(tmp_path):
    path = tmp_path / "s"
    writer = open_store(path, create=True)
    with pytest.raises(StoreBusyError, match="for writing"):
        open_store(path, read_only=False)
    with pytest.raises(StoreBusyError, match="for reading"):
        open_store(path)
    writer.close()
    with open_store(path) as r1, open_store(path) as r2:
        assert r1.articles() == r2.articles() == []
        with pytest.raises(StoreBusyError) as info:
            open_store(path, read_only=False)
        assert info.value.exit_code == 3
    open_store(path, read_only=False).close()  # free again


def test_a_crashed_writer_leaves_nothing_visible(tmp_path):
    path = tmp_path / "s"
    with open_store(path, create=True) as st:
        st.replace_graphs(results_dataset([small_result()]))
        before = _triples(st)
        # The first of the two transactions ran, the second did not.
        st.ox.add(ox.Quad(ox.NamedNode("http://example.org/x"), ox.NamedNode(str(RDFS.label)), ox.Literal("x"),
                          ox.NamedNode(STAGING_PREFIX + "0")))
    with open_store(path) as st:
        assert _triples(st) == before
        assert [a.graph for a in st.articles()] == [graph_iri(DOC_ID)]
        assert st.verify() == []
    with open_store(path, read_only=False) as st:
        assert not any(g.value.startswith(STAGING_PREFIX) for g in st.ox.named_graphs())


def test_rebuild_union_repairs_the_default_graph(store):
    store.ox.add(ox.Quad(ox.NamedNode("http://example.org/stale"), ox.NamedNode(str(RDFS.label)), ox.Literal("stale")))
    store.ox.remove(ox.Quad(ox.NamedNode(str(WD.Q30)), ox.NamedNode(str(RDFS.label)), ox.Literal("United States")))
    problems = store.verify()
    assert len(problems) == 2 and any("stale in the union" in p for p in problems)
    store.rebuild_union()
    assert store.verify() == []


def test_default_graph_and_blank_graph_quads_are_refused(store):
    s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode(str(RDFS.label))
    with pytest.raises(UsageError, match="default-graph"):
        store.replace_quads([ox.Quad(s, p, ox.Literal("x"))])
    with pytest.raises(UsageError, match="IRI graph name"):
        store.replace_quads([ox.Quad(s, p, ox.Literal("x"), ox.BlankNode())])
    assert store.verify() == []


def test_opening_errors(tmp_path):
    with pytest.raises(MissingInputError):
        open_store(tmp_path / "absent")
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(UsageError, match="not a geokg store|geokg store folder"):
        open_store(other)
    with pytest.raises(UsageError, match="empty folder"):
        open_store(other, create=True)
    path = tmp_path / "s"
    open_store(path, create=True, base="https://example.org/kg/").close()
    with pytest.raises(UsageError, match="base IRI"):
        open_store(path, read_only=False, base="https://w3id.org/geokg/id/")
    meta = json.loads((path / MARKER).read_text())
    (path / MARKER).write_text(json.dumps({**meta, "version": 99}))
    with pytest.raises(UsageError, match="upgrade geokg"):
        open_store(path)


def test_store_of_another_base_keeps_its_iris(tmp_path):
    base = "https://example.org/kg/"
    with open_store(tmp_path / "s", create=True, base=base) as st:
        st.replace_graphs(results_dataset([small_result()], base=base))
        assert st.graph_names() == [graph_iri(DOC_ID, base)]
        rows = st.query("mentions_of", {"entity": f"<{base}entity/person/jane-doe>"}).rows
        assert len(rows) == 1


def test_closed_store_cannot_be_queried(tmp_path):
    st = open_store(tmp_path / "s", create=True)
    st.close()
    st.close()  # idempotent
    with pytest.raises(UsageError, match="closed"):
        run_query("who_said_what", st)


def test_unlinked_flag_leaves_with_its_last_article(store):
    flag = (CLERIC, GK.unlinked, Literal(True))
    assert any(True for _ in store.ox.quads_for_pattern(ox.NamedNode(str(flag[0])), ox.NamedNode(str(flag[1])), None, ox.DefaultGraph()))
    store.replace_graphs(results_dataset([revised_iraq_result()]))
    rows = {str(r["entity"]) for r in store.query("unlinked_entities").records()}
    assert str(CLERIC) not in rows and "https://w3id.org/geokg/id/entity/person/jane-doe" in rows
