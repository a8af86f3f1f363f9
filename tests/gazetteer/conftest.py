"""Fixtures for the gazetteer tests: the shipped file, and one built from ../shared when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.gazetteer.store import Gazetteer
from kg.resources import gazetteer_file, shared_dir

SOURCES = shared_dir() / "data" / "wikidata" if shared_dir() else None


@pytest.fixture(scope="session")
def built_gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if SOURCES is None or not SOURCES.is_dir():
        pytest.skip("../shared/data/wikidata is not present")
    from kg.gazetteer.build import build_gazetteer

    out = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    build_gazetteer(SOURCES, out)
    return out


@pytest.fixture(scope="session")
def shipped() -> Gazetteer:
    gaz = Gazetteer.open(gazetteer_file())
    yield gaz
    gaz.close()


@pytest.fixture(scope="session")
def built(built_gazetteer_path: Path) -> Gazetteer:
    gaz = Gazetteer.open(built_gazetteer_path)
    yield gaz
    gaz.close()


@pytest.fixture(params=["shipped", pytest.param("built", marks=pytest.mark.corpus)])
def gaz(request: pytest.FixtureRequest) -> Gazetteer:
    """Every spot check runs against the shipped file and against a fresh build from ../shared."""
    return request.getfixturevalue(request.param)
