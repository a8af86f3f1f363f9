"""Who said what: geokg's statements scored against PolNeAR's attribution gold, with a textacy baseline.

Input: the PolNeAR folder and a split name (read by `kg.eval.polnear`). Output: an
`AttributionReport` (precision, recall and F1 per system and subset, speaker and role accuracy,
error classes; the rules are in `kg.eval.attrscore`), rendered by `format_report` (Markdown) and
`report_json` (a dict). Run it as `geokg eval attribution --split dev` or
`python -m kg.eval.attribution --split dev`.

The texts are third-party news without a licence: they are read from `../shared` at run time and
never copied anywhere; the report holds numbers and cue words only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.eval.attrscore import (
    CATEGORIES,
    Counts,
    Prediction,
    SystemScores,
    predictions_from_result,
    resolve_sources,
    score_article,
)
from kg.eval.overlap import MATCH_THRESHOLD
from kg.eval.polnear import SPLITS, load_split
from kg.lexicon import TITLE_ROLES

if TYPE_CHECKING:  # the pipeline (and with it spaCy) loads only when an evaluation runs
    from kg.pipeline import Pipeline

# -- running -------------------------------------------------------------------------------------


@dataclass
class AttributionReport:
    corpus: str
    split: str
    articles: int
    gold: int
    gold_quoted: int
    selection: dict[str, int]  # "single" / "majority" -> articles
    dropped: int  # gold attributions without content (single-annotator articles)
    categories: Counter  # gold source category -> gold attributions
    role_bearing: int
    role_bearing_in_lexicon: int
    systems: dict[str, SystemScores]
    notes: list[str] = field(default_factory=list)


def evaluate_attribution(
    corpus: Path,
    *,
    split: str = "test",
    pipeline: Pipeline | None = None,
    limit: int | None = None,
    baseline: bool = True,
) -> AttributionReport:
    """Run geokg (and the textacy baseline) over a PolNeAR split and score both."""
    from kg.eval import textacy_baseline as tb
    from kg.model import Document
    from kg.pipeline import ArticleError, Pipeline

    articles = load_split(Path(corpus), split, limit)
    if baseline:
        tb.require_textacy()
    pipeline = pipeline or Pipeline()

    infos = {a.id: resolve_sources(a) for a in articles}
    categories: Counter = Counter()
    role_bearing = role_lex = 0
    for a in articles:
        for g in a.attributions:
            info = infos[a.id][g.id]
            categories[info.category] += 1
            if info.roles:
                role_bearing += 1
                role_lex += any(f in TITLE_ROLES for f in info.roles)

    geokg = SystemScores("geokg")
    clock = time.perf_counter()
    documents = (
        Document(id=a.id, text=a.text, source=f"polnear/{split}/{a.id}", date=a.date) for a in articles
    )
    results = list(pipeline.process(documents))
    geokg.seconds = time.perf_counter() - clock

    textacy = SystemScores("textacy") if baseline else None
    clock = time.perf_counter()
    for article, result, doc in zip(articles, results, tb.parse(pipeline.nlp, (a.text for a in articles))):
        lemmas = {g.id: tb.cue_lemma(doc, g.cue) for g in article.attributions}
        if isinstance(result, ArticleError):
            geokg.articles_failed.append(f"{article.id}: {result.message}")
            preds: list[Prediction] = []
        else:
            preds = predictions_from_result(result)
        score_article(geokg, article, preds, infos[article.id], lemmas)
        if textacy is not None:
            base_preds, bailed = tb.predict(doc)
            if bailed:
                textacy.articles_bailed.append(article.id)
            score_article(textacy, article, base_preds, infos[article.id], lemmas)
    if textacy is not None:
        textacy.seconds = time.perf_counter() - clock

    systems = {"geokg": geokg}
    if textacy is not None:
        systems["textacy"] = textacy
    selection = Counter("single" if a.selection == "single" else "majority" for a in articles)
    notes = [f"{a.id}: {a.selection} annotators" for a in articles if a.selection != "single"]
    return AttributionReport(
        corpus=str(corpus),
        split=split,
        articles=len(articles),
        gold=sum(len(a.attributions) for a in articles),
        gold_quoted=sum(g.quoted for a in articles for g in a.attributions),
        selection=dict(selection),
        dropped=sum(a.dropped for a in articles),
        categories=categories,
        role_bearing=role_bearing,
        role_bearing_in_lexicon=role_lex,
        systems=systems,
        notes=notes,
    )


# -- output --------------------------------------------------------------------------------------


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def _prf_cells(prf: tuple[float, float, float]) -> str:
    return " | ".join(_pct(v) for v in prf)


def _score_table(report: AttributionReport) -> list[str]:
    lines = [
        ("| subset | system | gold | pred | content P | R | F1 | +speaker P | R | F1 "
        "| speaker right on matches | F1 any overlap | mean Jaccard |"),
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for subset in ("all", "quoted", "direct"):
        for name, sc in report.systems.items():
            c: Counts = getattr(sc, subset)
            lines.append(
                f"| {subset} | {name} | {c.gold} | {c.pred} | {_prf_cells(c.content)} | {_prf_cells(c.speaker)} "
                f"| {_pct(c.speaker_accuracy)} | {_pct(c.any_overlap[2])} | {c.mean_jaccard:.2f} |"
            )
    return lines


def _speaker_table(report: AttributionReport) -> list[str]:
    names = list(report.systems)
    header = " | ".join(f"{n} matched | {n} right (head+antecedent) | {n} errors" for n in names)
    lines = [f"| gold source | gold | {header} |", "|---|---:|" + "---:|---:|---|" * len(names)]
    for cat in CATEGORIES:
        cells = []
        for n in names:
            sc = report.systems[n]
            head = sc.speaker[(cat, "head")]
            ante = sc.speaker[(cat, "antecedent")] + sc.speaker[(cat, "none")]
            errors = sorted(
                ((why, v) for (c, why), v in sc.speaker.items() if c == cat and why not in {"head", "antecedent", "none"}),
                key=lambda kv: (-kv[1], kv[0]),
            )
            listed = ", ".join(f"{why} {v}" for why, v in errors) or "-"
            cells.append(f"{sc.matched_by_category[cat]} | {head + ante} ({head}+{ante}) | {listed}")
        lines.append(f"| {cat} | {report.categories[cat]} | " + " | ".join(cells) + " |")
    return lines


def _role_row(label: str, total: int, roles: Counter, scope: str) -> str:
    right = roles[(scope, "span")] + roles[(scope, "label")]
    judged = right + roles[(scope, "wrong")] + roles[(scope, "missing")]
    return (
        f"| {label} | {total} | {judged} | {right} ({roles[(scope, 'span')]}+{roles[(scope, 'label')]}) "
        f"| {roles[(scope, 'wrong')]} | {roles[(scope, 'missing')]} | {_pct(right / total if total else 0.0)} |"
    )


def _error_list(sc: SystemScores) -> list[str]:
    lines = [f"- {k}: {v}" for k, v in sorted(sc.errors.items(), key=lambda kv: (-kv[1], kv[0]))]
    parts = sc.errors["fp: another part of a matched discontinuous gold"]
    if parts and sc.all.pred > parts:
        lines.append(
            f"- content precision if those {parts} other parts were not counted as predictions: "
            f"{_pct(sc.all.tp / (sc.all.pred - parts))}"
        )
    missed = ", ".join(f"{k or '(empty)'} {v}" for k, v in sc.missed_cues.most_common(15))
    spurious = ", ".join(f"{k} {v}" for k, v in sc.spurious_cues.most_common(10))
    lines += [f"- most missed gold cues: {missed}", f"- cues of predictions overlapping no gold: {spurious}"]
    if sc.articles_failed:
        lines.append(f"- articles that failed: {len(sc.articles_failed)}")
    if sc.articles_bailed:
        lines.append(f"- articles textacy refused (odd number of quote marks): {len(sc.articles_bailed)}")
    lines.append(f"- seconds: {sc.seconds:.1f}")
    return lines


def format_report(report: AttributionReport) -> str:
    """Markdown: the scores, the speaker rules by gold source category, roles and error classes."""
    lines = [
        (f"### Attribution: PolNeAR {report.split} ({report.articles} articles, {report.gold} gold "
        f"attributions, {report.gold_quoted} quoted)"),
        "",
        (f"Content match: token Jaccard >= {MATCH_THRESHOLD}, one-to-one; speaker and role rules: "
        f"kg/eval/attrscore.py. Gold: {report.selection.get('single', 0)} single-annotator articles, "
        f"{report.selection.get('majority', 0)} by majority; {report.dropped} attributions without content "
        "dropped. Subsets: all; quoted = gold whose content has quote marks (straight, curly or ''), against "
        "predictions of type direct or mixed; direct = the same gold against direct predictions only."),
        "",
        *_score_table(report),
        "",
        "Speaker on the content matches (all attributions), by gold source category:",
        "",
        *_speaker_table(report),
    ]
    roles = report.systems["geokg"].roles if "geokg" in report.systems else Counter()
    lines += [
        "",
        (f"Role (geokg): {report.role_bearing} gold sources name a role next to the name "
        f"({report.role_bearing_in_lexicon} with a role word in geokg's title lexicon)."),
        "",
        ("| role-bearing gold | total | matched, speaker right | role right (span+label) | wrong role "
        "| no role | right of total |"),
        "|---|---:|---:|---:|---:|---:|---:|",
        _role_row("all", report.role_bearing, roles, "all"),
        _role_row("role word in geokg lexicon", report.role_bearing_in_lexicon, roles, "in_lexicon"),
    ]
    for name, sc in report.systems.items():
        lines += ["", f"Error classes ({name}):", "", *_error_list(sc)]
    return "\n".join(lines) + "\n"


def report_json(report: AttributionReport) -> dict:
    """The report as plain JSON-ready data."""

    def counts(c: Counts) -> dict:
        return {
            "gold": c.gold,
            "pred": c.pred,
            "tp": c.tp,
            "tp_speaker": c.tp_speaker,
            "tp_any_overlap": c.tp_any,
            "speaker_right_on_matches": c.speaker_on_matched,
            "content": dict(zip(("p", "r", "f1"), c.content)),
            "content_speaker": dict(zip(("p", "r", "f1"), c.speaker)),
            "content_any_overlap": dict(zip(("p", "r", "f1"), c.any_overlap)),
            "mean_jaccard": c.mean_jaccard,
        }

    systems = {}
    for name, sc in report.systems.items():
        systems[name] = {
            "all": counts(sc.all),
            "quoted": counts(sc.quoted),
            "direct": counts(sc.direct),
            "speaker": {f"{cat}/{why}": n for (cat, why), n in sorted(sc.speaker.items())},
            "matched_by_category": dict(sorted(sc.matched_by_category.items())),
            "roles": {f"{scope}/{v}": n for (scope, v), n in sorted(sc.roles.items())},
            "errors": dict(sorted(sc.errors.items())),
            "missed_cues": dict(sc.missed_cues.most_common()),
            "spurious_cues": dict(sc.spurious_cues.most_common()),
            "articles_failed": sc.articles_failed,
            "articles_bailed": sc.articles_bailed,
            "seconds": round(sc.seconds, 2),
        }
    return {
        "corpus": report.corpus,
        "split": report.split,
        "articles": report.articles,
        "gold": report.gold,
        "gold_quoted": report.gold_quoted,
        "selection": report.selection,
        "dropped_without_content": report.dropped,
        "source_categories": dict(sorted(report.categories.items())),
        "role_bearing": report.role_bearing,
        "role_bearing_in_lexicon": report.role_bearing_in_lexicon,
        "match_threshold": MATCH_THRESHOLD,
        "systems": systems,
        "notes": report.notes,
    }


def main(argv: Sequence[str] | None = None) -> int:
    from kg.errors import GeokgError
    from kg.resources import shared_dir

    parser = argparse.ArgumentParser(prog="python -m kg.eval.attribution", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=None, help="PolNeAR folder (default ../shared/corpus/polnear)")
    parser.add_argument("--split", default="test", choices=SPLITS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--no-baseline", action="store_true", help="skip the textacy baseline")
    parser.add_argument("--json", type=Path, default=None, help="also write the report as JSON here")
    args = parser.parse_args(argv)
    corpus = args.corpus
    if corpus is None:
        shared = shared_dir()
        if shared is None:
            print("error: ../shared is not present; pass --corpus", file=sys.stderr)
            return 2
        corpus = shared / "corpus" / "polnear"
    try:
        report = evaluate_attribution(corpus, split=args.split, limit=args.limit, baseline=not args.no_baseline)
    except GeokgError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(format_report(report), end="")
    if args.json is not None:
        args.json.write_text(json.dumps(report_json(report), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
