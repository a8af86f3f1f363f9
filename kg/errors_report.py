"""The error report of a build: one JSON line per article that could not be built.

Input: `kg.pipeline.ArticleError`s as the build meets them. Output: a JSONL file, one object per
line with the keys "article" (the article's source: file, file:line or URL), "stage" (ingest, nlp,
link, extract, rdf, validate, write) and "message" (one human sentence). Each line is flushed as
it is written, so the report of a crashed run holds every error met before the crash; a resumed
run appends to it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Protocol


class _Error(Protocol):
    source: str
    stage: str
    message: str


class ErrorReport:
    """Appends errors to `path` (created, or truncated unless `append`); use as a context manager."""

    def __init__(self, path: Path, *, append: bool = False) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh: IO[str] = open(self.path, "a" if append else "w", encoding="utf-8")
        self.count = 0

    def add(self, error: _Error) -> None:
        record = {"article": error.source, "stage": error.stage, "message": error.message}
        self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._fh.flush()
        self.count += 1

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()

    def __enter__(self) -> ErrorReport:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_errors(path: Path) -> Iterator[dict]:
    """The records of an error report, in the order they were written."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


__all__ = ["ErrorReport", "read_errors"]
