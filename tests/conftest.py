"""Shared fixtures: the loaded pipeline is expensive (spaCy model + gazetteer), so one per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def pipeline():
    from kg.pipeline import Pipeline

    return Pipeline()
