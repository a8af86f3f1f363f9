"""Tests of kg.rdf.serialize: formats by suffix, round trips, byte-identical output, atomic writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.errors import MalformedInputError, MissingInputError, UsageError
from kg.rdf.emit import article_quads, article_triples, new_dataset, results_dataset
from kg.rdf.serialize import FORMATS, dataset_bytes, read_dataset, read_store, write_dataset
from kg.model import ArticleResult, Document

from .small_article import RUSSIA, small_result

REPO = Path(__file__).resolve().parents[2]


def _two_articles() -> Dataset:
    other = ArticleResult(document=Document(id="b2", text="Russia said no.", source="t"), entities=(RUSSIA,))
    return results_dataset([small_result(), other])


def _named(ds: Dataset) -> dict:
    return {g.identifier: g for g in ds.graphs() if len(g)}


def _union(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


@pytest.mark.parametrize("suffix", [".nq", ".trig", ".jsonld"])
def test_quad_formats_round_trip_every_named_graph(tmp_path, suffix):
    ds = _two_articles()
    path = write_dataset(ds, tmp_path / f"out{suffix}")
    back = read_dataset(path)
    original, read = _named(ds), _named(back)
    assert set(original) == set(read)
    for name, graph in original.items():
        assert isomorphic(graph, read[name]), name


@pytest.mark.parametrize("suffix", [".ttl", ".nt"])
def test_triple_formats_round_trip_the_union(tmp_path, suffix):
    ds = _two_articles()
    path = write_dataset(ds, tmp_path / f"out{suffix}")
    back = read_dataset(path)
    assert isomorphic(_union(ds), _union(back))
    # Entities shared by two articles are written once.
    text = path.read_text(encoding="utf-8")
    if suffix == ".nt":
        assert len(text.splitlines()) == len(_union(ds))


def test_explicit_format_overrides_suffix(tmp_path):
    path = write_dataset(_two_articles(), tmp_path / "data.txt", fmt="nquads")
    assert path.read_text().splitlines()[0].endswith(" .")
    assert len(read_dataset(path, fmt="nq")) == len(_two_articles())


def test_unknown_suffix_names_it_and_the_valid_ones(tmp_path):
    with pytest.raises(UsageError) as info:
        write_dataset(_two_articles(), tmp_path / "out.rdf")
    message = str(info.value)
    assert "'.rdf'" in message
    for suffix in FORMATS:
        assert suffix in message
    assert not list(tmp_path.iterdir())
    with pytest.raises(UsageError):
        write_dataset(_two_articles(), tmp_path / "out.ttl", fmt="xml")


def test_nquads_are_sorted_and_byte_identical(tmp_path):
    a = write_dataset(_two_articles(), tmp_path / "a.nq").read_bytes()
    # Same content, built in the opposite order.
    other = ArticleResult(document=Document(id="b2", text="Russia said no.", source="t"), entities=(RUSSIA,))
    b = write_dataset(results_dataset([other, small_result()]), tmp_path / "b.nq").read_bytes()
    assert a == b
    lines = a.decode("utf-8").splitlines()
    assert lines == sorted(lines)
    assert len(lines) == len(set(lines))


def test_insertion_order_does_not_change_any_format():
    name, triples = article_triples(small_result())
    forward, backward = new_dataset(), new_dataset()
    g1, g2 = forward.graph(name), backward.graph(name)
    for t in triples:
        g1.add(t)
    for t in reversed(triples):
        g2.add(t)
    for fmt in ("nquads", "trig", "turtle", "ntriples", "json-ld"):
        assert dataset_bytes(forward, fmt) == dataset_bytes(backward, fmt), fmt


_SCRIPT = """
import sys
sys.path[:0] = [{repo!r}, {tests!r}]
from rdf.small_article import small_result
from kg.rdf.emit import article_quads
from kg.rdf.serialize import write_dataset
from pathlib import Path
ds = article_quads(small_result())
for suffix in (".nq", ".trig", ".ttl", ".nt", ".jsonld"):
    write_dataset(ds, Path(sys.argv[1]) / ("out" + suffix))
"""


def test_output_is_byte_identical_across_processes_and_hash_seeds(tmp_path):
    script = _SCRIPT.format(repo=str(REPO), tests=str(REPO / "tests"))
    outputs = []
    for seed in ("1", "2"):
        folder = tmp_path / seed
        folder.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(folder)], check=True, env=env, capture_output=True)
        outputs.append({p.name: p.read_bytes() for p in folder.iterdir()})
    assert len(outputs[0]) == 5
    assert outputs[0] == outputs[1]


def test_turtle_is_readable(tmp_path):
    text = write_dataset(article_quads(small_result()), tmp_path / "out.ttl").read_text()
    assert "@prefix gk: <https://w3id.org/geokg/ns#> ." in text
    assert "wd:Q22686 a gk:Person" in text
    assert "@prefix brick:" not in text  # only prefixes the data uses


def test_atomic_write_keeps_old_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "out.nq"
    target.write_text("old\n")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_dataset(_two_articles(), target)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.nq"]  # the temp file was removed


def test_written_file_has_normal_permissions(tmp_path):
    path = write_dataset(_two_articles(), tmp_path / "out.nq")
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_missing_folder_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        write_dataset(_two_articles(), tmp_path / "nope" / "out.nq")


def test_read_errors(tmp_path):
    with pytest.raises(MissingInputError):
        read_dataset(tmp_path / "missing.nq")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://a> <http://b> .\n")
    with pytest.raises(MalformedInputError, match="TURTLE|Turtle|turtle"):
        read_dataset(bad)


def test_read_store_keeps_named_graphs(tmp_path):
    path = write_dataset(_two_articles(), tmp_path / "out.trig")
    store = read_store(path)
    assert len(list(store.named_graphs())) == 2
    assert len(store) == len(list(_two_articles().quads((None, None, None, None))))


def test_literals_survive_escaping(tmp_path):
    ds = new_dataset()
    g = ds.graph(URIRef("https://w3id.org/geokg/id/graph/x"))
    tricky = 'He said "no"\nthen \\ left; café — 東京 \u0007'
    g.add((URIRef("https://w3id.org/geokg/id/statement/x"), URIRef("https://w3id.org/geokg/ns#content"), Literal(tricky)))
    for suffix in FORMATS:
        back = read_dataset(write_dataset(ds, tmp_path / f"t{suffix}"))
        assert {str(o) for o in back.objects(None, URIRef("https://w3id.org/geokg/ns#content"))} == {tricky}, suffix
