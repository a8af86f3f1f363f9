"""Locations of the resources that ship with geokg.

Input: a resource name. Output: a filesystem path. This is the only module that knows where the
ontology, shapes, queries and the gazetteer live: inside an installed wheel they are under
`kg/_assets/`, in a checkout (or an editable install) they are at the repository's top level.
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import ResourceError

_PACKAGE_DIR = Path(__file__).resolve().parent
_ASSET_DIRS = ("ontology", "shapes", "queries")


def asset_dir(name: str) -> Path:
    """Directory of a shipped asset folder: "ontology", "shapes" or "queries"."""
    if name not in _ASSET_DIRS:
        raise ValueError(f"unknown asset folder {name!r}; expected one of {', '.join(_ASSET_DIRS)}")
    for candidate in (_PACKAGE_DIR / "_assets" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise ResourceError(
        f"the {name}/ folder that ships with geokg was not found next to {_PACKAGE_DIR}; "
        "reinstall geokg (pip install --force-reinstall geokg)"
    )


def ontology_file() -> Path:
    return asset_dir("ontology") / "geokg.ttl"


def shapes_file() -> Path:
    return asset_dir("shapes") / "geokg-shapes.ttl"


def context_file() -> Path:
    """The published JSON-LD context (generated from the ontology by kg.rdf.jsonld_context)."""
    return asset_dir("ontology") / "context.jsonld"


def queries_dir() -> Path:
    return asset_dir("queries")


def data_dir() -> Path:
    """Package data built by the project (the gazetteer)."""
    return _PACKAGE_DIR / "data"


def gazetteer_file() -> Path:
    return data_dir() / "gazetteer.sqlite"


def shared_dir() -> Path | None:
    """The `../shared` folder beside a checkout, if present (evaluation corpora, Wikidata sources)."""
    candidate = _PACKAGE_DIR.parent.parent / "shared"
    return candidate if candidate.is_dir() else None
