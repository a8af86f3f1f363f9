"""Fit the link-confidence model on gold-labelled benchmarks.

Input: ELEVANT benchmarks from ../shared/corpus/elevant (by default the development data: News-Fair
v2 split `v1_40`, MSNBC updated, Reuters-128 and RSS-500; never News-Fair's reporting split
`v2_test_80`). Output: a `LinkModel` (`kg.link.confidence`), written as JSON with what it was fitted
on, for `kg/data/link_model.json`.

How examples are made: the pipeline runs on each document with the offline linker tracing every
gazetteer decision (mention, best candidate, evidence). Each traced best candidate is scored
against the gold labels like a link (`kg.eval.linkscore`, exact spans): accepted by the label on
its span -> a positive example; the span is labelled with another QID or NIL -> a negative one;
no gold label on that span -> no example (boundaries and unannotated kinds are not the linker's
question, and several benchmarks annotate only some mentions).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from kg.eval.elevant import GoldDocument
from kg.eval.linking import load_gold, resolve_benchmark, run_pipeline
from kg.eval.linkscore import Prediction, score_document
from kg.link.confidence import Evidence, LinkModel, fit, log_loss

#: (benchmark name, split or None): development data only.
DEFAULT_TRAINING: tuple[tuple[str, str | None], ...] = (
    ("news-fair-v2", "v1_40"),
    ("msnbc-updated", None),
    ("reuters-128", None),
    ("rss-500", None),
)
REPORTING_SPLITS = {("news-fair-v2", "v2_test_80")}


def label_trace(doc: GoldDocument, trace: Iterable[tuple[object, object, object, Evidence]]) -> list[tuple[Evidence, bool]]:
    """(evidence, right?) for the traced decisions of one document that sit on a gold label."""
    by_key: dict[tuple[int, int, str], Evidence] = {}
    predictions = []
    for _doc, mention, entry, evidence in trace:
        key = (mention.start, mention.end, entry.qid)  # type: ignore[attr-defined]
        if key in by_key:
            continue
        by_key[key] = evidence
        predictions.append(Prediction(key[0], key[1], key[2]))
    examples = []
    for outcome in score_document(doc, predictions, "exact"):
        p = outcome.prediction
        if p is None or outcome.verdict == "fn":
            continue
        evidence = by_key.get((p.start, p.end, p.qid))
        if evidence is None:
            continue
        if outcome.verdict in ("tp", "ignored"):
            examples.append((evidence, True))
        elif outcome.reason in ("wrong_qid", "gold_nil"):
            examples.append((evidence, False))
    return examples


def collect(benchmarks: Sequence[tuple[str, str | None]] = DEFAULT_TRAINING, pipeline=None,
            limit: int | None = None) -> tuple[list[tuple[Evidence, bool]], dict[str, int]]:
    """Training examples from `benchmarks`, and how many each gave."""
    for name, split in benchmarks:
        if (name, split) in REPORTING_SPLITS:
            raise ValueError(f"{name} split {split} is the reporting split; fit on development data only")
    if pipeline is None:
        from kg.pipeline import Pipeline

        pipeline = Pipeline()
    linker = getattr(pipeline, "linker", None)
    linker = getattr(linker, "offline", linker)  # the online linker wraps an offline one
    if linker is None or not hasattr(linker, "trace"):
        raise ValueError("expected a pipeline with the offline linker, whose decisions can be traced")
    examples: list[tuple[Evidence, bool]] = []
    counts: dict[str, int] = {}
    for name, split in benchmarks:
        path = resolve_benchmark(name)
        documents = load_gold(path, split, None, limit)
        linker.trace = []
        try:
            for _ in run_pipeline(pipeline, documents, source=name):
                pass
            by_doc: dict[str, list] = {}
            for item in linker.trace:
                by_doc.setdefault(item[0], []).append(item)
        finally:
            linker.trace = None
        before = len(examples)
        for doc in documents:
            examples.extend(label_trace(doc, by_doc.get(doc.id, [])))
        counts[f"{name}:{split}" if split else name] = len(examples) - before
    return examples, counts


def train(benchmarks: Sequence[tuple[str, str | None]] = DEFAULT_TRAINING, l2: float = 1.0,
          pipeline=None, limit: int | None = None) -> LinkModel:
    """Fit a model on `benchmarks`; its `meta` records the data, sizes and fit."""
    examples, counts = collect(benchmarks, pipeline=pipeline, limit=limit)
    model = fit(examples, l2=l2)
    meta = {
        "fitted_on": counts,
        "examples": len(examples),
        "positives": sum(ok for _, ok in examples),
        "l2": l2,
        "log_loss": round(log_loss(model, examples), 4),
        "date": dt.date.today().isoformat(),
        "command": "geokg eval fit-linker",
    }
    return LinkModel(weights=model.weights, meta=meta)


def write_model(model: LinkModel, path: Path) -> None:
    from kg.atomic import atomic_path

    with atomic_path(Path(path)) as tmp:
        Path(tmp).write_text(model.to_json(), encoding="utf-8")
