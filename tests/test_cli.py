"""The `geokg` command as a user runs it: a real subprocess, real files, documented exit codes
(0 ok, 1 violations, 2 bad input/usage, 3 resource failure) and one clear line per bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = (
    "Ukrainian President Volodymyr Zelensky met U.S. President Donald Trump in Washington on Friday.\n\n"
    '"We had a very good meeting," Zelensky told reporters after the talks.\n'
)


def geokg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=600
    )


def test_version_and_help() -> None:
    r = geokg("--version")
    assert r.returncode == 0 and r.stdout.startswith("geokg ")
    r = geokg("build", "--help")
    assert r.returncode == 0 and "--no-validate" in r.stdout


def test_load_needs_a_source_and_an_endpoint(tmp_path: Path) -> None:
    # The loading itself is tested in tests/test_load.py (loopback) and test_load_virtuoso.py.
    r = geokg("load", "--help")
    assert r.returncode == 0 and "--endpoint" in r.stdout and "--update-endpoint" in r.stdout
    r = geokg("load", str(tmp_path / "absent.nq"), "--endpoint", "http://127.0.0.1:9/store")
    assert r.returncode == 2 and "does not exist" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_unknown_output_suffix_is_a_usage_error(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE)
    r = geokg("build", str(src), "-o", str(tmp_path / "out.xyz"))
    assert r.returncode == 2
    assert ".xyz" in r.stderr and ".ttl" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_unknown_option_is_a_usage_error(tmp_path: Path) -> None:
    r = geokg("build", "--frobnicate", "x.txt", "-o", str(tmp_path / "o.ttl"))
    assert r.returncode == 2
    assert "frobnicate" in r.stderr


@pytest.mark.slow
def test_bad_inputs_are_reported_and_good_ones_still_built(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 in K\xf6ln, said the minister.".encode("latin-1"))
    jsonl = tmp_path / "dump.jsonl"
    jsonl.write_text(
        json.dumps({"text": ARTICLE, "title": "Zelensky meets Trump", "date": "2025-02-28"})
        + "\n{not json\n"
        + json.dumps({"title": "no text"})
        + "\n"
    )
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out" / "graph.trig"
    r = geokg("build", str(good), str(empty), str(binary), str(latin), str(jsonl), str(missing), "-o", str(out), "-q")
    assert r.returncode == 0, r.stderr
    assert out.exists() and out.stat().st_size > 0
    errors = [line for line in r.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 6, r.stderr  # one line per bad input
    for needle in ("empty.txt", "binary.txt", "latin.txt", "dump.jsonl:2", "dump.jsonl:3", "missing.txt"):
        assert any(needle in e for e in errors), (needle, errors)
    assert "2 article(s)" in r.stdout


@pytest.mark.slow
def test_nothing_buildable_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = tmp_path / "graph.ttl"
    r = geokg("build", str(empty), "-o", str(out), "-q")
    assert r.returncode == 2
    assert not out.exists()
    assert "empty.txt" in r.stderr


@pytest.mark.slow
def test_build_validate_query_round_trip(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"text": ARTICLE, "title": "Zelensky meets Trump", "date": "2025-02-28", "url": "https://example.org/a"}) + "\n")
    out = tmp_path / "graph.nq"
    r = geokg("build", str(src), "-o", str(out), "-q")
    assert r.returncode == 0, r.stderr
    r = geokg("validate", str(out))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "<http://www.w3.org/ns/prov#wasGeneratedBy>" in out.read_text()  # the run record
    r = geokg("export", "wikidata", str(out), "-o", str(tmp_path / "p39.ttl"))
    assert r.returncode == 0, r.stderr
    assert "ps:P39" in (tmp_path / "p39.ttl").read_text() and "P39 statement(s)" in r.stdout
    r = geokg("query", "who_said_what", "--data", str(out), "--format", "json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)["results"]["bindings"]  # SPARQL 1.1 JSON results
    assert any(row["content"]["value"].startswith("We had a very good meeting") for row in rows)
    assert any(row["speaker"]["value"].endswith("/Q3874799") for row in rows)
    r = geokg("query", "no_such_query", "--data", str(out))
    assert r.returncode == 2 and "who_said_what" in r.stderr
    r = geokg("query", "--list")
    assert r.returncode == 0 and "office_holders" in r.stdout


@pytest.mark.slow
def test_build_into_a_store_incrementally_and_query_it(tmp_path: Path) -> None:
    first = tmp_path / "a.jsonl"
    first.write_text(json.dumps({"text": ARTICLE, "title": "Zelensky meets Trump", "date": "2025-02-28",
                                 "url": "https://example.org/a"}) + "\n")
    second = tmp_path / "b.txt"
    second.write_text('"Sanctions will stay," German Chancellor Olaf Scholz said in Berlin.\n')
    store = tmp_path / "store"
    r = geokg("build", str(first), "--store", str(store), "-q")
    assert r.returncode == 0, r.stderr
    assert "now holds 1 article(s)" in r.stdout
    r = geokg("build", str(second), "--store", str(store), "-q")
    assert r.returncode == 0, r.stderr
    assert "now holds 2 article(s)" in r.stdout
    r = geokg("query", "who_said_what", "--store", str(store), "--format", "json")
    assert r.returncode == 0, r.stderr
    before = json.loads(r.stdout)["results"]["bindings"]
    contents = [row["content"]["value"] for row in before]
    assert any(c.startswith("We had a very good meeting") for c in contents)
    assert any(c.startswith("Sanctions will stay") for c in contents)
    # Rebuilding an article replaces it: same article count, same rows, nothing doubled.
    r = geokg("build", str(first), "--store", str(store), "-q")
    assert r.returncode == 0 and "now holds 2 article(s)" in r.stdout
    r = geokg("query", "who_said_what", "--store", str(store), "--format", "json")
    assert json.loads(r.stdout)["results"]["bindings"] == before
    r = geokg("query", "who_said_what", "--store", str(tmp_path / "nowhere"))
    assert r.returncode == 2 and "does not exist" in r.stderr
    r = geokg("query", "who_said_what", "--store", str(store), "--data", str(first))
    assert r.returncode == 2
    r = geokg("build", str(first))
    assert r.returncode == 2 and "--store" in r.stderr


def test_validate_reports_violations_with_their_sentence(tmp_path: Path) -> None:
    """A graph edited by hand (a statement loses its speaker) fails validation with exit 1; given
    the input article, the report quotes the sentence the statement came from."""
    import hashlib

    text = 'The minister said on Monday that "the border stays closed." Nothing else happened.'
    src = tmp_path / "a.txt"
    src.write_text(text, encoding="utf-8")
    from kg.ingest import read_document

    doc_id = read_document(src).id
    base = "https://w3id.org/geokg/id/"
    gk = "https://w3id.org/geokg/ns#"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    start, end = text.index('"the'), text.index("closed.") + len('closed."')
    graph = tmp_path / "g.ttl"
    graph.write_text(
        f"""@prefix gk: <{gk}> . @prefix schema: <https://schema.org/> .
<{base}article/{doc_id}> a gk:Article , schema:NewsArticle ; gk:contentHash "{digest}" ; gk:textLength {len(text)} .
<{base}statement/s1> a gk:Statement ; gk:content "the border stays closed." ; gk:quoteType "direct" ;
    gk:cue "say" ; gk:source <{base}article/{doc_id}> ; gk:start {start} ; gk:end {end} .
""",
        encoding="utf-8",
    )
    r = geokg("validate", str(graph), "--text", str(src))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "focus:    statement:s1" in r.stdout
    assert 'sentence: The minister said on Monday that "the border stays closed."' in r.stdout
    r = geokg("validate", str(graph), "--format", "json")
    assert r.returncode == 1
    report = json.loads(r.stdout)
    assert report["conforms"] is False and report["violations"] == 1
    assert report["results"][0]["article"] == f"{base}article/{doc_id}"
    assert report["results"][0]["sentence"] is None  # no --text given

