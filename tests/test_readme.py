"""Tests that keep the README honest: the quick start is what CI runs, and the Turtle excerpt of
the seed article is what `geokg build` gives today."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib

from kg.resources import shared_dir

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_quick_start_is_two_commands_and_ci_runs_them() -> None:
    commands = quick_start()
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # CI may wrap long lines; compare without line continuations.
    flat = re.sub(r"\\\n\s*", "", ci)
    for command in commands:
        assert command in flat, command


def test_quick_start_example_exists() -> None:
    install = quick_start()[0]
    example = re.search(r"geokg build (\S+)", install)
    assert example and (ROOT / example.group(1)).is_file()


@pytest.mark.slow
@pytest.mark.corpus
def test_turtle_excerpt_is_in_the_seed_graph(pipeline, tmp_path: Path) -> None:
    shared = shared_dir()
    if shared is None:
        pytest.skip("../shared is not present")
    from kg.ingest import read_document
    from kg.rdf.emit import article_quads
    from kg.rdf.namespaces import all_prefixes
    from kg.rdf.serialize import write_dataset

    (result,) = list(pipeline.process([read_document(shared / "seeds" / "000_95ac24c8d12e2e9f.txt")]))
    out = tmp_path / "seed.ttl"
    write_dataset(article_quads(result), out)
    built = rdflib.Graph().parse(out)

    excerpt = README.split("```turtle\n", 1)[1].split("```", 1)[0]
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in all_prefixes().items())
    shown = rdflib.Graph().parse(data=header + excerpt, format="turtle")
    assert len(shown) > 20
    missing = [t for t in shown if t not in built]
    assert missing == []


def _readme_commands() -> list[tuple[str, set[str]]]:
    """(command path, --options) of every row of the README's command table."""
    rows = re.findall(r"^\| `geokg ([^`]+)` \|", README, re.M)
    commands = []
    for row in rows:
        words = row.replace("\\|", "|").split()
        path = " ".join(w for w in words[:2] if re.fullmatch(r"[a-z][a-z-]*", w))
        if path.split()[0] not in {"gazetteer", "eval", "export"}:
            path = path.split()[0]
        commands.append((path, set(re.findall(r"(--[a-z][a-z-]*)", row))))
    return commands


def test_every_command_in_the_readme_table_exists_with_its_options() -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    commands = _readme_commands()
    assert len(commands) >= 10
    runner = CliRunner()
    for path, options in commands:
        result = runner.invoke(app, [*path.split(), "--help"], env={"COLUMNS": "300"})
        assert result.exit_code == 0, f"geokg {path}: {result.output}"
        for option in options:
            assert option in result.output, f"geokg {path} has no {option}"
