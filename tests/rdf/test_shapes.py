"""Data-driven tests of shapes/geokg-shapes.ttl.

Every file in tests/data/shapes/valid/ must conform; every file in invalid/ must not. Each file
names the results it must produce in its comment header, one per line:

    # expect: sh:MinCountConstraintComponent gk:content

(the constraint component, then the result path, or the source shape for node-level results).
The set of results must equal the set of expectations exactly, so a file cannot pass by failing
for another reason. Files in valid/ may list expected warnings the same way.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph

from kg.rdf.namespaces import shorten
from kg.validate import short_path, validate

DATA = Path(__file__).resolve().parent.parent / "data" / "shapes"
_EXPECT = re.compile(r"^#\s*expect:\s*(\S+)\s+(\S+)\s*$")


def expectations(path: Path) -> set[tuple[str, str]]:
    found = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        match = _EXPECT.match(line)
        if match:
            found.add((match.group(1), match.group(2)))
    return found


def observed(path: Path):
    report = validate(Graph().parse(path, format="turtle"))
    results = {(shorten(v.component), short_path(v.path) if v.path else shorten(v.shape or "-")) for v in report.violations}
    return report, results


VALID = sorted((DATA / "valid").glob("*.ttl"))
INVALID = sorted((DATA / "invalid").glob("*.ttl"))


def test_fixture_folders_are_not_empty():
    assert len(VALID) >= 5 and len(INVALID) >= 30


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_file_conforms(path: Path):
    report, results = observed(path)
    assert report.conforms, [v.message for v in report.errors]
    assert results == expectations(path)  # expected warnings, if any, and nothing else


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_file_fails_as_its_header_says(path: Path):
    expected = expectations(path)
    assert expected, f"{path.name} has no '# expect:' header"
    report, results = observed(path)
    assert not report.conforms
    assert results == expected
    assert all(v.message for v in report.violations)
