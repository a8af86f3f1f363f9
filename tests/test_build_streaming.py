"""geokg build at corpus scale: streamed output, --resume after a crash, --jobs, the error report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import read_inputs
from kg.model import Document
from kg.pipeline import ArticleError, build
from kg.rdf.emit import add_article, add_run, new_dataset
from kg.rdf.namespaces import DEFAULT_BASE
from kg.rdf.provenance import current_run
from kg.rdf.serialize import dataset_bytes
from kg.sink import journal_path

pytestmark = pytest.mark.slow

ARTICLES = Path(__file__).parent / "data" / "scale" / "articles.jsonl"


def _in_memory(pipeline, fmt: str) -> bytes:
    """The oracle: every graph held in one rdflib Dataset, serialised at once."""
    ds = new_dataset(DEFAULT_BASE)
    run = add_run(ds, current_run(linker="offline", base=DEFAULT_BASE, validated=True, gazetteer=pipeline.gazetteer.path))
    docs = [d for d in read_inputs([ARTICLES]) if isinstance(d, Document)]
    for result in pipeline.process(docs):
        add_article(ds, result, DEFAULT_BASE, run=run)
    return dataset_bytes(ds, fmt)


@pytest.mark.parametrize("suffix,fmt", [(".nq", "nquads"), (".trig", "trig")])
def test_streamed_build_writes_the_same_bytes_as_the_in_memory_dataset(pipeline, tmp_path, suffix, fmt) -> None:
    out = tmp_path / f"graph{suffix}"
    report = build([ARTICLES], out, pipeline=pipeline)
    assert report.articles == 4 and not report.errors
    assert out.read_bytes() == _in_memory(pipeline, fmt)
    assert report.triples == out.read_bytes().count(b" .\n") or suffix == ".trig"
    assert not journal_path(out).exists()


def test_an_interrupted_build_resumes_where_it_stopped(pipeline, tmp_path) -> None:
    out = tmp_path / "graph.nq"
    built: list[str] = []

    def crash_after_two(item) -> None:
        built.append(item.document.source)
        if len(built) == 2:
            raise KeyboardInterrupt  # what Ctrl-C does in the middle of a corpus

    with pytest.raises(KeyboardInterrupt):
        build([ARTICLES], out, pipeline=pipeline, on_article=crash_after_two)
    assert not out.exists() and journal_path(out).is_file()

    rebuilt: list[str] = []
    report = build([ARTICLES], out, pipeline=pipeline, resume=True, on_article=lambda i: rebuilt.append(i.document.source))
    assert report.skipped == 2 and report.articles == 2
    assert rebuilt == [f"{ARTICLES}:3", f"{ARTICLES}:4"]
    assert out.read_bytes() == _in_memory(pipeline, "nquads")
    assert not journal_path(out).exists()

    # Resuming a finished output rebuilds nothing and leaves the file as it was.
    before = out.read_bytes()
    again = build([ARTICLES], out, pipeline=pipeline, resume=True)
    assert (again.articles, again.skipped) == (0, 4)
    assert out.read_bytes() == before


def test_jobs_give_the_same_output_as_one_process(pipeline, tmp_path) -> None:
    one, two = tmp_path / "one.nq", tmp_path / "two.nq"
    build([ARTICLES], one, pipeline=pipeline)
    report = build([ARTICLES], two, pipeline=pipeline, jobs=2)
    assert report.articles == 4 and not report.errors
    assert one.read_bytes() == two.read_bytes()
    assert "geokg_portable" not in pipeline.nlp.pipe_names  # the parallel run leaves the model as it was


def test_failed_articles_go_to_the_error_report_and_the_run_goes_on(pipeline, tmp_path, monkeypatch) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    real_link = pipeline.linker.link

    def link(analysis):
        if "Zelensky" in analysis.document.text:
            raise RuntimeError("linker exploded")
        return real_link(analysis)

    monkeypatch.setattr(pipeline.linker, "link", link)
    errors = tmp_path / "errors.jsonl"
    report = build([ARTICLES, empty], tmp_path / "g.nq", pipeline=pipeline, errors=errors)
    assert report.articles == 3
    records = [json.loads(line) for line in errors.read_text().splitlines()]
    # In the order they were met: ingest errors come as the input is read, ahead of the batch.
    assert sorted((r["stage"], Path(r["article"].split(":")[0]).name) for r in records) == [
        ("ingest", "empty.txt"), ("link", "articles.jsonl")]
    assert any("linker exploded" in r["message"] for r in records)
    assert all(isinstance(e, ArticleError) for e in report.errors) and len(report.errors) == 2


def test_the_cli_resumes_reports_errors_and_prints_a_summary(tmp_path) -> None:
    import subprocess
    import sys

    def geokg(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, timeout=600)

    out, errors = tmp_path / "g.trig", tmp_path / "errors.jsonl"
    missing = tmp_path / "absent.txt"
    r = geokg("build", str(ARTICLES), str(missing), "-o", str(out), "--errors", str(errors), "--jobs", "2")
    assert r.returncode == 0, r.stderr
    assert "summary: 4 article(s) built" in r.stdout and "1 error(s)" in r.stdout
    assert json.loads(errors.read_text())["stage"] == "ingest"
    first = out.read_bytes()
    r = geokg("build", str(ARTICLES), "-o", str(out), "--resume")
    assert r.returncode == 0, r.stderr
    assert "4 skipped" in r.stdout and out.read_bytes() == first
    r = geokg("build", str(ARTICLES), "-o", str(out), "--engine", "spark")
    assert r.returncode == 2 and "--engine local or dask" in r.stderr


def test_articles_with_the_same_text_are_all_built_unless_resuming(pipeline, tmp_path) -> None:
    # Resuming skips by content hash; a plain build must not (syndicated copies are articles too).
    rows = [json.loads(line) for line in ARTICLES.read_text().splitlines()][:1]
    copies = tmp_path / "copies.jsonl"
    copies.write_text("".join(json.dumps({**rows[0], "id": f"copy-{i}", "url": f"{rows[0]['url']}?{i}"}) + "\n"
                              for i in range(3)))
    report = build([copies], tmp_path / "g.nq", pipeline=pipeline)
    assert (report.articles, report.skipped) == (3, 0)
