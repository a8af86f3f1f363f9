"""Reader for ELEVANT entity-linking benchmarks (News-Fair, MSNBC, ...), already mapped to Wikidata.

Input: a `<name>.benchmark.jsonl` file (one article a line: id, title, text, evaluation_span,
labels) and optionally a `<name>.splits.tsv` file (`id<TAB>split`, with a header line). Output:
`GoldDocument` values holding `GoldLabel`s, plain frozen dataclasses the scorer works on.

What the label fields mean is documented in ../shared/corpus/SOURCES.md (section A1): `entity_id`
is a QID, `<NIL>`, `<NO_MAPPING>`, or a pseudo-id such as `QUANTITY`, which starts with "Q", so a
QID is recognised by `QID_RE` only. `coref` marks pronominal/nominal coreference, `optional`
a label that is neither required nor rewarded, `parent` ties an alternative reading to the longer
mention it sits in. The `children` lists of the files are not used: five of them in News-Fair v2
name labels whose `parent` points elsewhere, so the tree is rebuilt from `parent` alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import MalformedInputError, MissingInputError

#: A Wikidata item id. "QUANTITY" (and the typo "QANTITY") start with Q; this does not match them.
QID_RE = re.compile(r"^Q\d+$")

BENCHMARK_SUFFIX = ".benchmark.jsonl"
SPLITS_SUFFIX = ".splits.tsv"


def is_qid(value: str | None) -> bool:
    return bool(value) and QID_RE.match(value) is not None  # type: ignore[arg-type]


@dataclass(frozen=True)
class GoldLabel:
    """One annotated span. `types` are whitelist type QIDs ("Q215627") or OTHER/DATETIME/QUANTITY."""

    id: int
    start: int
    end: int
    entity_id: str
    name: str = ""
    types: tuple[str, ...] = ()
    coref: bool = False
    optional: bool = False
    desc: bool = False
    parent: int | None = None

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def qid(self) -> str | None:
        """The label's QID, or None for NIL, NO_MAPPING, DATETIME, QUANTITY and malformed ids."""
        return self.entity_id if is_qid(self.entity_id) else None

    @property
    def required(self) -> bool:
        """Counts towards recall: a QID, not coreference, not optional."""
        return self.qid is not None and not self.coref and not self.optional


@dataclass(frozen=True)
class GoldDocument:
    id: str
    title: str
    text: str
    evaluation_span: tuple[int, int]
    labels: tuple[GoldLabel, ...]

    def in_scope(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside the evaluation span (only such spans are scored)."""
        return self.evaluation_span[0] <= start and end <= self.evaluation_span[1]

    @property
    def scored_labels(self) -> tuple[GoldLabel, ...]:
        return tuple(label for label in self.labels if self.in_scope(label.start, label.end))


def read_benchmark(path: Path) -> Iterator[GoldDocument]:
    """The documents of a benchmark file, in file order."""
    path = Path(path)
    if not path.is_file():
        raise MissingInputError(
            f"expected an ELEVANT benchmark file ({BENCHMARK_SUFFIX}), but there is no such file; "
            "pass a path to one, e.g. ../shared/corpus/elevant/news-fair-v2.benchmark.jsonl",
            source=str(path))
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedInputError(
                    f"expected one JSON object per line, got invalid JSON ({exc.msg}); "
                    "check that the file is an ELEVANT benchmark", source=where) from exc
            yield _document(raw, where)


def _document(raw: object, where: str) -> GoldDocument:
    try:
        if not isinstance(raw, dict):
            raise TypeError("not a JSON object")
        text = raw["text"]
        span = raw.get("evaluation_span") or [0, len(text)]
        labels = tuple(_label(item) for item in raw.get("labels", ()))
        return GoldDocument(id=str(raw["id"]), title=str(raw.get("title") or ""), text=text,
                            evaluation_span=(int(span[0]), int(span[1])), labels=labels)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise MalformedInputError(
            f"expected an article with id, text and labels [{{span, entity_id, ...}}], got a line "
            f"that does not fit ({type(exc).__name__}: {exc}); check that the file is an ELEVANT "
            "benchmark", source=where) from exc


def _label(item: dict) -> GoldLabel:
    start, end = item["span"]
    raw_type = item.get("type") or "OTHER"
    parent = item.get("parent")
    return GoldLabel(
        id=int(item["id"]), start=int(start), end=int(end),
        entity_id=str(item.get("entity_id") or ""), name=str(item.get("name") or ""),
        types=tuple(t for t in str(raw_type).split("|") if t),
        coref=bool(item.get("coref")), optional=bool(item.get("optional")),
        desc=bool(item.get("desc")), parent=int(parent) if parent is not None else None)


def read_splits(path: Path) -> dict[str, str]:
    """Document id -> split name from an `id<TAB>split` file (the header line is skipped)."""
    path = Path(path)
    if not path.is_file():
        raise MissingInputError(
            f"expected a splits file ({SPLITS_SUFFIX}, lines `id<TAB>split`), but there is no such "
            "file; pass --splits-file or drop --split", source=str(path))
    splits: dict[str, str] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        fields = line.rstrip("\n").split("\t")
        if not line.strip() or (lineno == 1 and fields[:2] == ["id", "split"]):
            continue
        if len(fields) != 2 or not fields[0] or not fields[1]:
            raise MalformedInputError(
                f"expected two tab-separated fields `id<TAB>split`, got {line!r}; fix the line",
                source=f"{path}:{lineno}")
        splits[fields[0]] = fields[1]
    return splits


def default_splits_file(benchmark: Path) -> Path:
    """`news-fair-v2.benchmark.jsonl` -> `news-fair-v2.splits.tsv` in the same folder."""
    name = benchmark.name
    stem = name[: -len(BENCHMARK_SUFFIX)] if name.endswith(BENCHMARK_SUFFIX) else benchmark.stem
    return benchmark.with_name(stem + SPLITS_SUFFIX)


def benchmark_name(benchmark: Path) -> str:
    name = Path(benchmark).name
    return name[: -len(BENCHMARK_SUFFIX)] if name.endswith(BENCHMARK_SUFFIX) else Path(benchmark).stem
