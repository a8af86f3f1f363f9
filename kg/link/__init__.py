"""Linking stage: mentions -> Wikidata items or NIL entities.

Linkers are registered by name with lazy imports, so an unused linker costs nothing to load;
an unknown name lists the valid ones.
"""

from __future__ import annotations

import importlib
from typing import Any

from kg.errors import UsageError

LINKERS: dict[str, str] = {
    "offline": "kg.link.offline:OfflineLinker",
    "wikidata": "kg.link.wikidata:WikidataLinker",  # opt-in (--online): Wikidata API, cached
}


def get_linker_class(name: str) -> Any:
    try:
        target = LINKERS[name]
    except KeyError:
        raise UsageError(
            f"unknown linker {name!r}; valid linkers: {', '.join(sorted(LINKERS))}"
        ) from None
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)
