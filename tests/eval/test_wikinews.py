"""The Wikinews gold reader and the `geokg eval wikinews` runner, on an invented article."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.eval.wikinews import evaluate_wikinews, format_report, report_json
from kg.eval.wikinews_gold import load_gold

TEXT = ('Monday, March 4, 2024\n\nForeign Minister Ana Vrba said on Monday that the talks would resume. '
        '"We are ready," Vrba told reporters in Zagreb.')


def _span(surface: str) -> list[int]:
    start = TEXT.index(surface)
    return [start, start + len(surface)]


def _gold_line(**changes: object) -> dict:
    line = {
        "id": "wn2024-001", "date": "2024-03-04", "text_sha256": hashlib.sha256(TEXT.encode()).hexdigest(),
        "statements": [
            {"content": _span("the talks would resume"), "quote_type": "indirect", "cue": "say",
             "speaker": {"text": "Ana Vrba", "span": _span("Ana Vrba"), "qid": None, "kind": "person"},
             "role": {"text": "Foreign Minister", "span": _span("Foreign Minister"), "qid": None, "kind": "office"},
             "place": None, "date": "2024-03-04", "medium": None},
            {"content": _span("We are ready,"), "quote_type": "direct", "cue": "tell",
             "speaker": {"text": "Vrba", "span": [TEXT.index("Vrba told"), TEXT.index("Vrba told") + 4],
                         "qid": None, "kind": "person"},
             "role": None, "place": None, "date": None, "medium": None},
        ],
        "holdings": [{"holder": {"text": "Ana Vrba", "span": _span("Ana Vrba"), "qid": None, "kind": "person"},
                      "office": {"text": "Foreign Minister", "span": _span("Foreign Minister"), "qid": None,
                                 "kind": "office"},
                      "status": "current", "evidence": _span("Foreign Minister Ana Vrba")}],
        "meetings": [],
        "legislation": [],
    }
    line.update(changes)
    return line


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "wikinews.jsonl"
    corpus.write_text(json.dumps({"id": "wn2024-001", "date": "2024-03-04", "title": "Talks to resume",
                                  "text": TEXT}) + "\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(_gold_line()) + "\n", encoding="utf-8")
    return gold, corpus


def test_reader_checks_spans_against_the_text(files: tuple[Path, Path]) -> None:
    gold, corpus = files
    (article,) = load_gold(gold, corpus)
    assert article.id == "wn2024-001" and len(article.statements) == 2 and article.holdings[0].status == "current"
    first = article.statements[0]
    assert TEXT[slice(*first.content)] == "the talks would resume" and first.speaker is not None


@pytest.mark.parametrize(("change", "message"), [
    ({"text_sha256": "0" * 64}, "SHA-256 mismatch"),
    ({"holdings": [{"holder": {"text": "Ana", "span": _span("Ana Vrba"), "qid": None, "kind": "person"},
                    "office": {"text": "Foreign Minister", "span": _span("Foreign Minister"), "qid": None,
                               "kind": "office"},
                    "status": "current", "evidence": _span("Ana Vrba")}]}, "holdings[0].holder.text"),
    ({"statements": [{"content": [5, 2], "quote_type": "direct", "speaker": None}]}, "statements[0].content"),
    ({"statements": [{"content": [0, 5], "quote_type": "reported", "speaker": None}]}, "statements[0].quote_type"),
    ({"meetings": [{"participants": [], "status": "held", "evidence": [0, 5], "date": "March 4"}]},
     "meetings[0].date"),
    ({"id": "wn1999-999"}, "not in the Wikinews file"),
])
def test_reader_names_the_article_and_field_of_a_bad_line(files: tuple[Path, Path], change: dict, message: str) -> None:
    gold, corpus = files
    gold.write_text(json.dumps(_gold_line(**change)) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_gold(gold, corpus)


def test_reader_names_a_missing_gold_file(tmp_path: Path, files: tuple[Path, Path]) -> None:
    with pytest.raises(InputError, match="no such gold file"):
        load_gold(tmp_path / "nope.jsonl", files[1])


@pytest.mark.slow
def test_runner_scores_geokg_on_the_gold(files: tuple[Path, Path], pipeline) -> None:
    gold, corpus = files
    report = evaluate_wikinews(corpus, gold_file=gold, pipeline=pipeline)
    assert report.articles == 1 and report.gold_counts["statements"] == 2
    s = report.scores
    # Both statements are plain, named-speaker attributions any attribution system must find.
    assert s.statements["all"].right == 2 and s.with_speaker["all"].right == 2
    assert s.holdings.right == 1
    assert s.attributes["date"].counts["right"] == 1
    text = format_report(report)
    assert "statements with the right speaker | 2 | 2 | 2 | 100.0 | 100.0 | 100.0" in text
    assert report_json(report)["holdings"]["f1"] == 1.0
