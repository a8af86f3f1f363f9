"""Building the gazetteer: determinism, atomic output, and the supplement's rules."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kg.errors import GazetteerError
from kg.gazetteer.build import build_gazetteer
from kg.gazetteer.supplement import SUPPLEMENT_FILE, read_supplement

from .conftest import SOURCES


def _dump(path: Path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        rows = []
        for table in ("entities", "aliases", "demonyms", "positions", "tenures", "meta"):
            rows.extend((table, *r) for r in con.execute(f"SELECT * FROM {table}"))
        return rows
    finally:
        con.close()


@pytest.mark.corpus
def test_build_is_deterministic_and_atomic(built_gazetteer_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "again.sqlite"
    stats = build_gazetteer(SOURCES, out)
    assert _dump(out) == _dump(built_gazetteer_path)
    assert out.read_bytes() == built_gazetteer_path.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["again.sqlite"]  # no temp file left behind
    assert stats.capital_overrides > 0 and stats.blocked_qids > 0
    assert stats.entities["country"] > 190 and stats.tenures > 10_000
    assert stats.size_bytes < 25_000_000


@pytest.mark.corpus
def test_shipped_file_matches_a_fresh_build(built_gazetteer_path: Path) -> None:
    from kg.resources import gazetteer_file

    assert _dump(gazetteer_file()) == _dump(built_gazetteer_path), \
        "kg/data/gazetteer.sqlite is stale: rebuild it with `geokg gazetteer build`"


def test_missing_sources_are_reported(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="dr5hn_countries.csv"):
        build_gazetteer(tmp_path, tmp_path / "out.sqlite")
    assert not (tmp_path / "out.sqlite").exists()


def test_shipped_supplement_is_valid_and_confirmed() -> None:
    rows = read_supplement(SUPPLEMENT_FILE)
    assert rows, "the supplement should not be empty"
    for row in rows:
        assert row.confirmed_in.strip()
    assert not {"Alexander Darchiev", "Ruslan Kravchenko"} & {r.label for r in rows}


def test_supplement_without_confirmation_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "supplement.tsv"
    path.write_text("qid\tkind\tlabel\taliases\tcountry\tconfirmed_in\n"
                    "Q123\torganization\tSome Agency\tSA\t\t\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="confirmed_in"):
        read_supplement(path)


def test_supplement_with_bad_kind_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "supplement.tsv"
    path.write_text("qid\tkind\tlabel\taliases\tcountry\tconfirmed_in\n"
                    "Q123\tplanet\tMars\t\t\tsomewhere\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="kinds"):
        read_supplement(path)


@pytest.mark.parametrize(("alias", "variants"), [
    ("Department of Defense", ["Defense Department"]),
    ("U.S. Department of Homeland Security", ["U.S. Homeland Security Department"]),
    ("Department of Health and Human Services", []),  # "and": no safe inversion
    ("Pentagon", []),
])
def test_department_variants(alias: str, variants: list[str]) -> None:
    from kg.gazetteer.supplement import department_variants

    assert department_variants(alias) == variants
