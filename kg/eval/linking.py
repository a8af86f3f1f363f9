"""Reproducible entity-linking evaluation of the geokg pipeline on ELEVANT benchmarks.

Input: an ELEVANT benchmark file (e.g. ../shared/corpus/elevant/news-fair-v2.benchmark.jsonl, or
just its name "news-fair-v2"), optionally a split name, and a pipeline (default: a fresh
`kg.pipeline.Pipeline()`, offline linker). Output: a `LinkingReport`; `format_report` renders it as
Markdown, `report_json` as a JSON-ready dict. Also `python -m kg.eval.linking BENCHMARK [--split]`.

What is scored. Every gold document becomes a `kg.model.Document` (no date unless
`title_dates=True`, which reads the "YYYYMMDD - " prefix of News-Fair titles) and goes through the
whole pipeline. A prediction is a mention whose entity has a QID; NIL entities and dropped
mentions are no link. Office mentions count like any other (their gold items are positions). The
mention-level rules (scope, exact vs overlapping spans, parent/children readings, coreference and
optional labels, fp reasons) are those of `kg.eval.linkscore`: coreference labels are not required
(pronoun coreference is not attempted yet) but a wrong QID on one is a fp.

Definitions of the numbers:

* Mentions: precision = tp / (tp + fp), recall = tp / (tp + fn), F1 their harmonic mean, summed
  over all documents (micro average), for exact and for overlapping spans.
* Per type (person Q215627, organisation Q43229, place Q27096213, position Q4164871): tp and fn go
  to every one of these types the gold label carries (a country labelled "Q27096213|Q43229"
  counts as place and as organisation; ELEVANT also types some countries as positions). A fp goes
  to the types of the gold label whose span it sits on (wrong QID or NIL there) when that label has
  one of these types, otherwise to the type of our predicted entity kind (person; organization;
  country and place; office). So per-type precision answers "of the links on spans of this type
  (or, off the gold spans, of this kind), how many were right".
* By predicted kind: tp and fp of our predictions grouped by our entity kind (precision only).
* In-gazetteer recall: recall over the required gold mentions whose QID the shipped gazetteer
  knows (`Gazetteer.entry(qid)`), next to the share of gold mentions it knows at all: it separates
  "the linker missed it" from "the linker could not have found it".
* Documents: per document the set of predicted QIDs against the set of gold entities (required
  labels; interchangeable QIDs such as Israel/Israelis form one entity). Precision = predicted QIDs
  that any in-scope gold label carries / predicted QIDs; recall = gold entities with a predicted
  QID / gold entities; summed over documents.
* False negatives by reason (exact spans) and gazetteer: `span` (the right QID on an overlapping
  span: a boundary disagreement), `wrong_qid` (we linked the span to another QID), `nil` (we
  found the mention but left it NIL or dropped it: a linking or gazetteer problem) and `missed`
  (no mention of ours covers it: a recognition problem).
* Error lists (exact spans): every fp and fn with surface, predicted QID and label, gold QID and
  name, reason and whether the gold QID is in the gazetteer; `top_false_positives` /
  `top_false_negatives` group them into patterns by (surface, predicted QID, gold QID, reason).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg import __version__
from kg.errors import GeokgError, MissingInputError, UsageError
from kg.eval.elevant import (
    BENCHMARK_SUFFIX,
    GoldDocument,
    GoldLabel,
    benchmark_name,
    default_splits_file,
    is_qid,
    read_benchmark,
    read_splits,
)
from kg.eval.linkscore import (
    FN_REASONS,
    FP_REASONS,
    MODES,
    DocumentSets,
    Outcome,
    Prediction,
    document_sets,
    score_document,
)
from kg.model import ArticleResult, Document
from kg.resources import shared_dir

#: Reported gold types, in table order: (name, whitelist type QID).
TYPES: tuple[tuple[str, str], ...] = (
    ("person", "Q215627"),
    ("organisation", "Q43229"),
    ("place", "Q27096213"),
    ("position", "Q4164871"),
)
_TYPE_NAME = {qid: name for name, qid in TYPES}
#: Our entity kinds -> the reported type they correspond to.
KIND_TYPE = {"person": "person", "organization": "organisation", "country": "place",
             "place": "place", "office": "position"}
_TITLE_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2}) - ")


# -- report values --------------------------------------------------------------------------------


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class DocumentCounts:
    """Document-level totals: gold entities and how many were found; predicted QIDs and how many
    were right."""

    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, sets: DocumentSets) -> None:
        self.gold += len(sets.gold)
        self.found += sets.found
        self.predicted += len(sets.predicted)
        self.correct += sets.correct

    def as_dict(self) -> dict:
        return {"gold_entities": self.gold, "found": self.found, "predicted": self.predicted,
                "correct": self.correct, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True)
class ErrorCase:
    """One fp or fn (exact spans). `reason`: see `kg.eval.linkscore.Outcome`."""

    kind: str  # "fp" or "fn"
    doc_id: str
    start: int
    end: int
    surface: str
    reason: str
    gold_qid: str | None = None  # None: no gold label there, or a NIL/DATETIME/QUANTITY label
    gold_id: str | None = None  # the raw gold entity_id ("<NIL>", "QUANTITY", "Q30")
    gold_name: str = ""
    gold_types: tuple[str, ...] = ()
    predicted_qid: str | None = None
    predicted_label: str = ""
    predicted_kind: str = ""
    in_gazetteer: bool | None = None  # whether the gazetteer knows gold_qid

    def as_dict(self) -> dict:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class Pattern:
    """Error cases grouped by (surface, predicted QID, gold entity id, reason)."""

    count: int
    surface: str
    predicted_qid: str | None
    predicted_label: str
    gold_id: str | None
    gold_name: str
    reason: str
    in_gazetteer: bool | None
    documents: int
    predicted_kind: str = ""

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class LinkingReport:
    benchmark: str
    split: str | None
    documents: int = 0
    failed: list[str] = field(default_factory=list)  # "doc id: message" of articles the pipeline failed on
    overall: dict[str, Counts] = field(default_factory=lambda: {m: Counts() for m in MODES})
    fp_reasons: dict[str, Counter] = field(default_factory=lambda: {m: Counter() for m in MODES})
    #: (FN_REASONS value, gold QID in the gazetteer) -> count, exact spans
    fn_reasons: Counter = field(default_factory=Counter)
    ignored: dict[str, Counter] = field(default_factory=lambda: {m: Counter() for m in MODES})
    per_type: dict[str, dict[str, Counts]] = field(
        default_factory=lambda: {m: {name: Counts() for name, _ in TYPES} for m in MODES})
    by_kind: dict[str, Counts] = field(default_factory=dict)
    in_gazetteer: dict[str, Counts] = field(default_factory=lambda: {m: Counts() for m in MODES})
    #: gazetteer kind of the gold QID ("person", "country", ...) -> tp/fn, exact spans
    in_gazetteer_by_kind: dict[str, Counts] = field(default_factory=dict)
    #: confidence bin (lower bound, "0.6") -> tp/fp of the links scored in it, exact spans
    calibration: dict[str, Counts] = field(default_factory=dict)
    gold_required: int = 0
    gold_in_gazetteer: int = 0
    document_level: DocumentCounts = field(default_factory=DocumentCounts)
    false_positives: list[ErrorCase] = field(default_factory=list)
    false_negatives: list[ErrorCase] = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    seconds: float = 0.0

    def top_false_positives(self, n: int = 25) -> list[Pattern]:
        return _patterns(self.false_positives, n)

    def top_false_negatives(self, n: int = 25) -> list[Pattern]:
        return _patterns(self.false_negatives, n)


def _patterns(cases: Sequence[ErrorCase], n: int) -> list[Pattern]:
    groups: dict[tuple, list[ErrorCase]] = {}
    for case in cases:
        groups.setdefault((case.surface, case.predicted_qid, case.gold_id, case.reason), []).append(case)
    patterns = []
    for (surface, pred, gold, reason), members in groups.items():
        first = members[0]
        patterns.append(Pattern(
            count=len(members), surface=surface, predicted_qid=pred,
            predicted_label=first.predicted_label, gold_id=gold, gold_name=first.gold_name,
            reason=reason, in_gazetteer=first.in_gazetteer,
            documents=len({c.doc_id for c in members}), predicted_kind=first.predicted_kind))
    patterns.sort(key=lambda p: (-p.count, p.surface.casefold(), p.predicted_qid or "",
                                 p.gold_id or "", p.reason))
    return patterns[:n]


# -- running --------------------------------------------------------------------------------------


def resolve_benchmark(benchmark: str | Path) -> Path:
    """A benchmark file path, or a benchmark name looked up in ../shared/corpus/elevant/."""
    path = Path(benchmark)
    if path.is_file():
        return path
    shared = shared_dir()
    folder = shared / "corpus" / "elevant" if shared else None
    if folder is not None and "/" not in str(benchmark):
        candidate = folder / f"{benchmark}{BENCHMARK_SUFFIX}"
        if candidate.is_file():
            return candidate
    known = sorted(p.name[: -len(BENCHMARK_SUFFIX)] for p in folder.glob(f"*{BENCHMARK_SUFFIX}")) \
        if folder is not None and folder.is_dir() else []
    hint = f"known names: {', '.join(known)}" if known else "pass the path of a .benchmark.jsonl file"
    raise MissingInputError(
        f"expected an ELEVANT benchmark file or name, found neither; {hint}", source=str(benchmark))


def load_gold(benchmark: Path, split: str | None = None, splits_file: Path | None = None,
              limit: int | None = None) -> list[GoldDocument]:
    """The benchmark's documents in file order, restricted to `split` and the first `limit`."""
    documents = list(read_benchmark(benchmark))
    if split is not None:
        splits = read_splits(splits_file or default_splits_file(benchmark))
        names = sorted(set(splits.values()))
        if split not in names:
            raise UsageError(f"expected a split named in the splits file ({', '.join(names)}), "
                             f"got {split!r}; pick one of those")
        documents = [d for d in documents if splits.get(d.id) == split]
    if limit is not None:
        if limit < 1:
            raise UsageError(f"expected a positive document limit, got {limit}; pass 1 or more")
        documents = documents[:limit]
    return documents


def _title_date(title: str) -> dt.date | None:
    found = _TITLE_DATE.match(title)
    if not found:
        return None
    try:
        return dt.date(*(int(g) for g in found.groups()))
    except ValueError:
        return None


def predictions_of(result: ArticleResult) -> tuple[list[Prediction], list[Prediction]]:
    """The mentions of a pipeline result as (links with a QID, unlinked detections). Unlinked
    detections (NIL entities, dropped mentions; qid "") only explain misses, they score nothing.

    ELEVANT's gold and the systems it compares are flat: one mention per stretch of text. geokg
    also keeps the pieces of a longer mention ("British" inside "British Prime Minister", "U.S."
    inside "the U.S. Department of Education") as the jurisdiction of an office or the country of
    an organisation; for scoring, a mention nested inside a longer non-date mention is left out,
    as a flat system would."""
    spans = [(lm.mention.start, lm.mention.end) for lm in result.mentions if lm.mention.kind != "date"]

    def nested(start: int, end: int) -> bool:
        return any(s <= start and end <= e and (e - s) > (end - start) for s, e in spans)

    links, unlinked = [], []
    for lm in result.mentions:
        m, entity = lm.mention, lm.entity
        if m.kind == "date" or nested(m.start, m.end):
            continue
        if entity is not None and is_qid(entity.qid):
            links.append(Prediction(m.start, m.end, entity.qid, entity.label, entity.kind, lm.score))
        else:
            kind = entity.kind if entity is not None else m.kind
            unlinked.append(Prediction(m.start, m.end, "", entity.label if entity else m.text, kind))
    return links, unlinked


Predicted = tuple[list[Prediction], list[Prediction]]


def run_pipeline(pipeline, documents: Sequence[GoldDocument], *, source: str,
                 title_dates: bool = False) -> Iterator[tuple[GoldDocument, Predicted | str]]:
    """Each gold document with the pipeline's (links, unlinked detections), or the error message
    if the article failed."""
    by_id = {d.id: d for d in documents}
    by_source = {f"{source}#{d.id}": d for d in documents}
    inputs = [Document(id=d.id, text=d.text, source=f"{source}#{d.id}",
                       date=_title_date(d.title) if title_dates else None) for d in documents]
    seen: set[str] = set()
    for item in pipeline.process(inputs):
        if isinstance(item, ArticleResult):
            gold = by_id[item.document.id]
            seen.add(gold.id)
            yield gold, predictions_of(item)
        else:
            gold = by_source.get(getattr(item, "source", ""))
            if gold is not None:
                seen.add(gold.id)
                yield gold, str(getattr(item, "message", item))
    for d in documents:
        if d.id not in seen:  # a pipeline that silently drops an article gets no credit for it
            yield d, "the pipeline returned no result for this article"


def _types_of(label: GoldLabel | None) -> list[str]:
    if label is None:
        return []
    return [_TYPE_NAME[t] for t in label.types if t in _TYPE_NAME]


def _fp_types(outcome: Outcome) -> list[str]:
    if outcome.reason in ("wrong_qid", "gold_nil"):
        types = _types_of(outcome.gold)
        if types:
            return types
    kind = outcome.prediction.kind if outcome.prediction else ""
    return [KIND_TYPE[kind]] if kind in KIND_TYPE else []


def _error_case(doc: GoldDocument, o: Outcome, known) -> ErrorCase:
    gold, pred = o.gold, o.prediction
    linked = pred is not None and is_qid(pred.qid)
    gold_qid = gold.qid if gold else None
    return ErrorCase(
        kind=o.verdict, doc_id=doc.id, start=o.start, end=o.end, surface=o.surface,
        reason=o.reason or "", gold_qid=gold_qid, gold_id=gold.entity_id if gold else None,
        gold_name=gold.name if gold else "", gold_types=gold.types if gold else (),
        predicted_qid=pred.qid if linked else None, predicted_label=pred.label if pred else "",
        predicted_kind=pred.kind if pred else "",
        in_gazetteer=bool(known(gold_qid)) if gold_qid else None)


def score(report: LinkingReport, doc: GoldDocument, predictions: Iterable[Prediction], known,
          detections: Iterable[Prediction] = ()) -> None:
    """Add one document's outcomes to the report; `known(qid)` gives the gazetteer's kind for a
    QID ("" when the gazetteer lacks it), `detections` are the unlinked mentions (see
    `predictions_of`)."""
    predictions, detections = list(predictions), list(detections)
    for mode in MODES:
        counts, per_type = report.overall[mode], report.per_type[mode]
        for o in score_document(doc, predictions, mode, detections):
            if o.verdict == "ignored":
                report.ignored[mode][o.reason or ""] += 1
                continue
            setattr(counts, o.verdict, getattr(counts, o.verdict) + 1)
            types = _fp_types(o) if o.verdict == "fp" else _types_of(o.gold)
            for name in types:
                setattr(per_type[name], o.verdict, getattr(per_type[name], o.verdict) + 1)
            if o.verdict == "fp":
                report.fp_reasons[mode][o.reason or ""] += 1
            else:
                gaz_kind = (known(o.gold.qid) or "") if o.gold and o.gold.qid else ""
                in_gaz = bool(gaz_kind)
                if mode == "exact":
                    report.gold_required += 1
                    report.gold_in_gazetteer += in_gaz
                    if o.verdict == "fn":
                        report.fn_reasons[(o.reason or "", in_gaz)] += 1
                if in_gaz:
                    setattr(report.in_gazetteer[mode], o.verdict,
                            getattr(report.in_gazetteer[mode], o.verdict) + 1)
                    if mode == "exact":
                        by_kind = report.in_gazetteer_by_kind.setdefault(gaz_kind, Counts())
                        setattr(by_kind, o.verdict, getattr(by_kind, o.verdict) + 1)
            if mode == "exact":
                if o.verdict in ("tp", "fp") and o.prediction is not None:
                    kind = report.by_kind.setdefault(o.prediction.kind or "?", Counts())
                    setattr(kind, o.verdict, getattr(kind, o.verdict) + 1)
                    calib = report.calibration.setdefault(_score_bin(o.prediction.score), Counts())
                    setattr(calib, o.verdict, getattr(calib, o.verdict) + 1)
                if o.verdict in ("fp", "fn"):
                    case = _error_case(doc, o, known)
                    (report.false_positives if o.verdict == "fp" else report.false_negatives).append(case)
    report.document_level.add(document_sets(doc, predictions))


def evaluate_linking(benchmark: Path | str, *, split: str | None = None,
                     splits_file: Path | None = None, pipeline=None, limit: int | None = None,
                     title_dates: bool = False, gazetteer=None) -> LinkingReport:
    """Run `pipeline` (default `kg.pipeline.Pipeline()`) on a benchmark's documents and score it.

    `benchmark` is a `.benchmark.jsonl` path or a name in ../shared/corpus/elevant/ ("news-fair-v2");
    `split` picks the documents listed under that name in `splits_file` (default: the
    `<name>.splits.tsv` beside the benchmark); `limit` keeps the first n documents. `gazetteer`
    (default: the pipeline's, else the shipped one) answers the in-gazetteer questions.
    """
    started = time.perf_counter()
    path = resolve_benchmark(benchmark)
    documents = load_gold(path, split, Path(splits_file) if splits_file else None, limit)
    if pipeline is None:
        from kg.pipeline import Pipeline

        pipeline = Pipeline()
    if gazetteer is None:
        gazetteer = getattr(pipeline, "gazetteer", None)
    if gazetteer is None:
        from kg.gazetteer.store import Gazetteer

        gazetteer = Gazetteer.open()
    cache: dict[str, str] = {}

    def known(qid: str) -> str:
        if qid not in cache:
            entry = gazetteer.entry(qid)
            cache[qid] = entry.kind if entry is not None else ""
        return cache[qid]

    name = benchmark_name(path)
    report = LinkingReport(benchmark=name, split=split)
    report.settings = {
        "benchmark_file": str(path), "split": split, "limit": limit, "title_dates": title_dates,
        "geokg_version": __version__, "linker": getattr(getattr(pipeline, "linker", None), "name", None),
        "gazetteer_sources_date": getattr(gazetteer, "meta", {}).get("sources_date"),
    }
    for doc, outcome in run_pipeline(pipeline, documents, source=name, title_dates=title_dates):
        report.documents += 1
        if isinstance(outcome, str):
            report.failed.append(f"{doc.id}: {outcome}")
            outcome = ([], [])
        links, unlinked = outcome
        score(report, doc, links, known, unlinked)
    report.seconds = time.perf_counter() - started
    return report


# -- rendering ------------------------------------------------------------------------------------


def _score_bin(score: float) -> str:
    """The lower bound of the tenth `score` falls in ("0.8" for 0.8 <= score < 0.9; 1.0 -> "0.9")."""
    return f"{min(int(max(score, 0.0) * 10), 9) / 10:.1f}"


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def _cell(text: str | None, width: int = 60) -> str:
    text = (text or "").replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def _entity(qid: str | None, label: str) -> str:
    if not qid:
        return "—"
    return f"{qid} {_cell(label, 40)}".strip()


def format_report(report: LinkingReport, top: int = 15) -> str:
    """The report as Markdown: overall, fp reasons, per type, by kind, gazetteer, documents,
    and the `top` most frequent fp and fn patterns."""
    split = f", split `{report.split}`" if report.split else ""
    lines = [f"#### Entity linking on `{report.benchmark}`{split}: {report.documents} documents", ""]
    if report.failed:
        lines += [f"{len(report.failed)} document(s) failed in the pipeline and score as all misses.", ""]
    lines += ["| mentions | TP | FP | FN | precision | recall | F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
    for mode, title in (("exact", "exact span"), ("lenient", "overlapping span")):
        c = report.overall[mode]
        lines.append(f"| {title} | {c.tp} | {c.fp} | {c.fn} | {_pct(c.precision)} | {_pct(c.recall)} "
                     f"| {_pct(c.f1)} |")
    d = report.document_level
    lines += ["", "| documents (QID sets) | gold entities | found | predicted | correct | precision "
              "| recall | F1 |", "|---|---:|---:|---:|---:|---:|---:|---:|",
              f"| all | {d.gold} | {d.found} | {d.predicted} | {d.correct} | {_pct(d.precision)} "
              f"| {_pct(d.recall)} | {_pct(d.f1)} |"]
    lines += ["", "| false positives (exact) | count | share |", "|---|---:|---:|"]
    fps = report.fp_reasons["exact"]
    total_fp = sum(fps.values())
    reason_text = {"wrong_qid": "labelled span, other QID", "gold_nil": "labelled NIL/date/quantity",
                   "overlap": "overlaps a label, span differs", "unlabeled": "no gold label there"}
    for reason in FP_REASONS:
        share = fps[reason] / total_fp if total_fp else 0.0
        lines.append(f"| {reason_text[reason]} | {fps[reason]} | {_pct(share)}% |")
    fn_text = {"span": "right QID, span differs", "wrong_qid": "linked to another QID",
               "nil": "found, left unlinked (NIL/dropped)",
               "missed": "not found (no mention of ours there)"}
    lines += ["", "| false negatives (exact) | gold in gazetteer | gold not in gazetteer |",
              "|---|---:|---:|"]
    for reason in FN_REASONS:
        lines.append(f"| {fn_text[reason]} | {report.fn_reasons[(reason, True)]} "
                     f"| {report.fn_reasons[(reason, False)]} |")
    ignored = sum(report.ignored["exact"].values())
    lines += ["", f"Correct links not counted (on coreference/optional labels or redundant): {ignored}."]
    lines += ["", "| gold type (exact) | TP | FN | recall | FP | precision | F1 |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    for name, qid in TYPES:
        c = report.per_type["exact"][name]
        lines.append(f"| {name} ({qid}) | {c.tp} | {c.fn} | {_pct(c.recall)} | {c.fp} "
                     f"| {_pct(c.precision)} | {_pct(c.f1)} |")
    lines += ["", "| our entity kind (exact) | links | correct | wrong | precision |",
              "|---|---:|---:|---:|---:|"]
    for kind in sorted(report.by_kind):
        c = report.by_kind[kind]
        lines.append(f"| {kind} | {c.tp + c.fp} | {c.tp} | {c.fp} | {_pct(c.precision)} |")
    gaz = report.in_gazetteer["exact"]
    share = report.gold_in_gazetteer / report.gold_required if report.gold_required else 0.0
    lines += ["", "| gazetteer coverage | required gold mentions | in gazetteer | recall (all) "
              "| recall (in gazetteer) |", "|---|---:|---:|---:|---:|",
              f"| exact span | {report.gold_required} | {report.gold_in_gazetteer} ({_pct(share)}%) "
              f"| {_pct(report.overall['exact'].recall)} | {_pct(gaz.recall)} |"]
    lines += ["", "| gold QID's kind in the gazetteer (exact) | TP | FN | recall |", "|---|---:|---:|---:|"]
    for kind in sorted(report.in_gazetteer_by_kind):
        c = report.in_gazetteer_by_kind[kind]
        lines.append(f"| {kind} | {c.tp} | {c.fn} | {_pct(c.recall)} |")
    lines += ["", "| link confidence (exact) | links | correct | precision |", "|---|---:|---:|---:|"]
    for lower in sorted(report.calibration):
        c = report.calibration[lower]
        lines.append(f"| {lower}–{float(lower) + 0.1:.1f} | {c.tp + c.fp} | {c.tp} | {_pct(c.precision)} |")
    if top > 0:
        lines += ["", f"Most frequent false positives (exact, top {top}):", "",
                  "| n | surface | we linked | gold | why |", "|---:|---|---|---|---|"]
        for p in report.top_false_positives(top):
            ours = _entity(p.predicted_qid, p.predicted_label)
            lines.append(f"| {p.count} | {_cell(p.surface, 40)} | {ours} | {_gold(p)} | {p.reason} |")
        lines += ["", f"Most frequent false negatives (exact, top {top}):", "",
                  "| n | surface | gold | in gazetteer | we |", "|---:|---|---|---|---|"]
        for p in report.top_false_negatives(top):
            gaz_text = "yes" if p.in_gazetteer else "no"
            ours = _entity(p.predicted_qid, p.predicted_label) if p.predicted_qid else \
                f"NIL {p.predicted_kind}" if p.reason == "nil" else "—"
            lines.append(f"| {p.count} | {_cell(p.surface, 40)} | {_gold(p)} | {gaz_text} | {ours} |")
    return "\n".join(lines) + "\n"


def _gold(p: Pattern) -> str:
    if p.gold_id is None:
        return "—"
    if is_qid(p.gold_id):
        return _entity(p.gold_id, p.gold_name)
    return p.gold_id or "(empty id)"


def report_json(report: LinkingReport, top: int = 25) -> dict:
    """The report as plain JSON types (counts, ratios, settings, every error case, top patterns)."""
    return {
        "benchmark": report.benchmark,
        "split": report.split,
        "documents": report.documents,
        "failed": list(report.failed),
        "settings": dict(report.settings),
        "seconds": round(report.seconds, 2),
        "mentions": {mode: report.overall[mode].as_dict() for mode in MODES},
        "false_positive_reasons": {mode: {r: report.fp_reasons[mode][r] for r in FP_REASONS}
                                   for mode in MODES},
        "false_negative_reasons": {r: {"in_gazetteer": report.fn_reasons[(r, True)],
                                       "not_in_gazetteer": report.fn_reasons[(r, False)]}
                                   for r in FN_REASONS},
        "ignored": {mode: dict(sorted(report.ignored[mode].items())) for mode in MODES},
        "per_type": {mode: {name: report.per_type[mode][name].as_dict() for name, _ in TYPES}
                     for mode in MODES},
        "by_predicted_kind": {k: report.by_kind[k].as_dict() for k in sorted(report.by_kind)},
        "gazetteer": {"required_gold": report.gold_required, "in_gazetteer": report.gold_in_gazetteer,
                      "recall_in_gazetteer": {m: round(report.in_gazetteer[m].recall, 4) for m in MODES},
                      "by_kind": {k: report.in_gazetteer_by_kind[k].as_dict()
                                  for k in sorted(report.in_gazetteer_by_kind)}},
        "calibration": {b: report.calibration[b].as_dict() for b in sorted(report.calibration)},
        "documents_level": report.document_level.as_dict(),
        "top_false_positives": [p.as_dict() for p in report.top_false_positives(top)],
        "top_false_negatives": [p.as_dict() for p in report.top_false_negatives(top)],
        "false_positives": [c.as_dict() for c in report.false_positives],
        "false_negatives": [c.as_dict() for c in report.false_negatives],
    }


# -- command line ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kg.eval.linking",
        description="Score geokg's entity linking on an ELEVANT benchmark (Markdown on stdout).")
    parser.add_argument("benchmark", help="a .benchmark.jsonl file or a name in ../shared/corpus/elevant/")
    parser.add_argument("--split", help="only the documents of this split (e.g. v1_40, v2_test_80)")
    parser.add_argument("--splits-file", type=Path, help="id<TAB>split file (default: <name>.splits.tsv)")
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument("--top", type=int, default=25, help="error patterns to list (default 25)")
    parser.add_argument("--title-dates", action="store_true",
                        help="give documents the date of a 'YYYYMMDD - ' title prefix (News-Fair)")
    parser.add_argument("--json", type=Path, help="also write the full report as JSON here")
    args = parser.parse_args(argv)
    try:
        report = evaluate_linking(args.benchmark, split=args.split, splits_file=args.splits_file,
                                  limit=args.limit, title_dates=args.title_dates)
    except GeokgError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    sys.stdout.write(format_report(report, top=args.top))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        tmp = args.json.with_name(args.json.name + ".tmp")
        tmp.write_text(json.dumps(report_json(report, top=args.top), indent=2, ensure_ascii=False) + "\n",
                       encoding="utf-8")
        tmp.replace(args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
