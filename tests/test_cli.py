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
    r = geokg("query", "who_said_what", "--data", str(out), "--format", "json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)["results"]["bindings"]  # SPARQL 1.1 JSON results
    assert any(row["content"]["value"].startswith("We had a very good meeting") for row in rows)
    assert any(row["speaker"]["value"].endswith("/Q3874799") for row in rows)
    r = geokg("query", "no_such_query", "--data", str(out))
    assert r.returncode == 2 and "who_said_what" in r.stderr
    r = geokg("query", "--list")
    assert r.returncode == 0 and "office_holders" in r.stdout
