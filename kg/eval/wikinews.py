"""Who said what, in which role, where and when; who holds which office; meetings; legislation:
geokg measured on its own hand-annotated Wikinews articles.

Input: a gold set of `kg/eval/gold/` (`GOLD_SETS`: "dev" to develop on, "holdout" to report on)
and the Wikinews texts of `../shared/corpus/wikinews/`. Output: a `WikinewsReport` (the counts
of `kg.eval.factscore`), rendered by `format_report` (Markdown) and `report_json` (a dict). Run
it as `geokg eval wikinews --set dev` (or `--set holdout`).

The 20 hold-out articles were set aside before annotation and annotated blind to the system; they
must not be used to develop or tune geokg (see `kg/eval/gold/README.md`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.eval.factscore import PRF, Attribute, FactScores, score_article
from kg.eval.wikinews_gold import load_gold

if TYPE_CHECKING:  # spaCy loads only when an evaluation runs
    from kg.pipeline import Pipeline

GOLD_DIR = Path(__file__).resolve().parent / "gold"
GOLD_SETS: dict[str, Path] = {
    "holdout": GOLD_DIR / "wikinews_holdout.jsonl",
    "dev": GOLD_DIR / "wikinews_dev.jsonl",
}
GOLD_FILE = GOLD_SETS["holdout"]


@dataclass
class WikinewsReport:
    gold_file: str
    articles: int
    seconds: float
    scores: FactScores
    gold_counts: dict[str, int]


def evaluate_wikinews(
    wikinews_jsonl: Path,
    *,
    gold_file: Path = GOLD_FILE,
    pipeline: Pipeline | None = None,
    limit: int | None = None,
) -> WikinewsReport:
    """Run geokg over the gold file's articles (dated by their publication date) and score it."""
    from kg.model import Document
    from kg.pipeline import ArticleError, Pipeline

    articles = load_gold(gold_file, wikinews_jsonl, limit)
    pipeline = pipeline or Pipeline()
    clock = time.perf_counter()
    docs = (Document(id=a.id, text=a.text, source=f"wikinews/{a.id}", headline=a.headline, date=a.date)
            for a in articles)
    results = list(pipeline.process(docs))
    seconds = time.perf_counter() - clock
    scores = FactScores()
    for article, result in zip(articles, results):
        if isinstance(result, ArticleError):
            scores.failed.append(f"{article.id}: {result.message}")
            score_article(scores, article, None)
        else:
            score_article(scores, article, result)
    counts = {
        "statements": sum(len(a.statements) for a in articles),
        "direct": sum(s.quote_type == "direct" for a in articles for s in a.statements),
        "with speaker": sum(s.speaker is not None for a in articles for s in a.statements),
        "speaker with QID": sum(s.speaker is not None and s.speaker.qid is not None
                                for a in articles for s in a.statements),
        "with role": sum(s.role is not None for a in articles for s in a.statements),
        "with place": sum(s.place is not None for a in articles for s in a.statements),
        "with date": sum(s.date is not None for a in articles for s in a.statements),
        "with medium": sum(s.medium is not None for a in articles for s in a.statements),
        "holdings": sum(len(a.holdings) for a in articles),
        "meetings": sum(len(a.meetings) for a in articles),
        "legislation": sum(len(a.legislation) for a in articles),
    }
    return WikinewsReport(gold_file=str(gold_file), articles=len(articles), seconds=seconds,
                         scores=scores, gold_counts=counts)


# -- output --------------------------------------------------------------------------------------


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def _prf_row(name: str, prf: PRF) -> str:
    return f"| {name} | {prf.gold} | {prf.pred} | {prf.right} | {_pct(prf.precision)} | {_pct(prf.recall)} | {_pct(prf.f1)} |"


def _attr_row(name: str, a: Attribute) -> str:
    c = a.counts
    return (f"| {name} | {c['right']} | {c['wrong']} | {c['missing']} | {c['spurious']} "
            f"| {_pct(a.precision)} | {_pct(a.recall)} |")


def format_report(report: WikinewsReport) -> str:
    s = report.scores
    g = report.gold_counts
    lines = [
        (f"### Wikinews gold `{Path(report.gold_file).name}` ({report.articles} articles, hand-annotated; "
         f"{report.seconds:.1f} s)"),
        "",
        "Gold: " + ", ".join(f"{k} {v}" for k, v in g.items()) + ". Rules: kg/eval/factscore.py.",
        "",
        "| facts | gold | predicted | right | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|",
        _prf_row("statements (content)", s.statements["all"]),
        _prf_row("statements with the right speaker", s.with_speaker["all"]),
        _prf_row("direct quotes (content)", s.statements["direct"]),
        _prf_row("direct quotes with the right speaker", s.with_speaker["direct"]),
        _prf_row("office holdings (holder, office)", s.holdings),
        _prf_row("meetings (participants)", s.meetings),
        _prf_row("legislation", s.legislation),
        "",
        ("On the matched facts (right: both agree; wrong: both given, differently; missing: gold only; "
         "spurious: geokg only):"),
        "",
        "| attribute | right | wrong | missing | spurious | precision | recall |",
        "|---|---:|---:|---:|---:|---:|---:|",
        _attr_row("statement: speaker's QID (gold speakers with one)", s.speaker_linked),
        *(_attr_row(f"statement: {k}", a) for k, a in s.attributes.items()),
        *(_attr_row(f"meeting: {k}", a) for k, a in s.meeting_attributes.items()),
        *(_attr_row(f"legislation: {k}", a) for k, a in s.legislation_attributes.items()),
        "",
        (f"Quote type right on {s.quote_type['right']} of {s.quote_type['right'] + s.quote_type['wrong']} "
         f"matched statements; holding status right on {s.holding_status['right']} of "
         f"{s.holding_status['right'] + s.holding_status['wrong']} matched holdings."),
    ]
    if s.failed:
        lines += ["", "Failed articles (scored as all missed):", *(f"- {f}" for f in s.failed)]
    return "\n".join(lines) + "\n"


def _prf_json(prf: PRF) -> dict[str, Any]:
    return {"gold": prf.gold, "pred": prf.pred, "right": prf.right, "precision": round(prf.precision, 4),
            "recall": round(prf.recall, 4), "f1": round(prf.f1, 4)}


def _attr_json(a: Attribute) -> dict[str, Any]:
    return {**{k: a.counts[k] for k in ("right", "wrong", "missing", "spurious")},
            "precision": round(a.precision, 4), "recall": round(a.recall, 4)}


def report_json(report: WikinewsReport) -> dict[str, Any]:
    s = report.scores
    return {
        "gold_file": report.gold_file,
        "articles": report.articles,
        "seconds": round(report.seconds, 2),
        "gold": report.gold_counts,
        "statements": {k: _prf_json(v) for k, v in s.statements.items()},
        "statements_with_speaker": {k: _prf_json(v) for k, v in s.with_speaker.items()},
        "speaker_qid": _attr_json(s.speaker_linked),
        "statement_attributes": {k: _attr_json(a) for k, a in s.attributes.items()},
        "quote_type": dict(s.quote_type),
        "holdings": _prf_json(s.holdings),
        "holding_status": dict(s.holding_status),
        "meetings": _prf_json(s.meetings),
        "meeting_attributes": {k: _attr_json(a) for k, a in s.meeting_attributes.items()},
        "legislation": _prf_json(s.legislation),
        "legislation_attributes": {k: _attr_json(a) for k, a in s.legislation_attributes.items()},
        "failed": s.failed,
    }
