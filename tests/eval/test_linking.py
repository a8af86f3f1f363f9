"""Entity-linking evaluation: the scorer on hand-made gold and predictions (no spaCy), the
benchmark reader, the report, and one slow run of the real pipeline on News-Fair documents."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from types import SimpleNamespace

import pytest

from kg.errors import MalformedInputError, MissingInputError, UsageError
from kg.eval.elevant import GoldDocument, GoldLabel, is_qid, read_benchmark, read_splits
from kg.eval.linking import evaluate_linking, format_report, main, predictions_of, report_json
from kg.eval.linkscore import Outcome, Prediction, document_sets, score_document, widen
from kg.model import ArticleResult, Document, Entity, LinkedMention, Mention
from kg.resources import shared_dir

DATA = Path(__file__).resolve().parent.parent / "data" / "eval"
TINY = DATA / "tiny.benchmark.jsonl"


# -- helpers --------------------------------------------------------------------------------------


def find(text: str, surface: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def gold(text: str, labels: list[tuple], span: tuple[int, int] | None = None) -> GoldDocument:
    """labels: (surface, entity_id, options) with options like occurrence, parent, coref, types."""
    out = []
    for i, (surface, entity_id, options) in enumerate(labels):
        start, end = find(text, surface, options.get("occurrence", 0))
        out.append(GoldLabel(id=i, start=start, end=end, entity_id=entity_id,
                             name=options.get("name", surface), types=options.get("types", ()),
                             coref=options.get("coref", False), optional=options.get("optional", False),
                             parent=options.get("parent")))
    return GoldDocument(id="d", title="", text=text, evaluation_span=span or (0, len(text)),
                        labels=tuple(out))


def pred(text: str, surface: str, qid: str, occurrence: int = 0, kind: str = "place") -> Prediction:
    start, end = find(text, surface, occurrence)
    return Prediction(start, end, qid, surface, kind)


def verdicts(outcomes: Iterable[Outcome]) -> list[tuple[str, str, str | None]]:
    return [(o.verdict, o.surface, o.reason) for o in outcomes]


def tally(outcomes: Iterable[Outcome]) -> dict[str, int]:
    counts = {"tp": 0, "fp": 0, "fn": 0, "ignored": 0}
    for o in outcomes:
        counts[o.verdict] += 1
    return counts


# -- gold reader ----------------------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [
    ("Q30", True), ("Q4164871", True), ("QUANTITY", False), ("QANTITY", False), ("DATETIME", False),
    ("<NIL>", False), ("<NO_MAPPING>", False), ("", False), ("Q", False), ("Cummings", False),
    ("Q30 ", False), (None, False),
])
def test_only_item_ids_are_qids(value, expected) -> None:
    assert is_qid(value) is expected


def test_reader_rebuilds_labels_and_scope() -> None:
    docs = list(read_benchmark(TINY))
    assert [d.id for d in docs] == ["101", "102", "103"]
    first = docs[0]
    assert first.text[slice(*first.evaluation_span)].endswith("left early.")
    paris = [label for label in first.labels if label.entity_id == "Q90"][0]
    assert paris not in first.scored_labels  # the footer lies outside the evaluation span
    dozen = docs[2].labels[0]
    assert dozen.entity_id == "QANTITY" and dozen.qid is None and not dozen.required
    assert docs[2].labels[1].optional and not docs[2].labels[1].required
    assert docs[0].labels[3].parent == 2 and docs[0].labels[3].types == ("Q4164871",)


def test_reader_errors_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.benchmark.jsonl"
    bad.write_text(TINY.read_text(encoding="utf-8").splitlines()[0] + "\n{not json\n", encoding="utf-8")
    with pytest.raises(MalformedInputError, match=r"bad\.benchmark\.jsonl:2"):
        list(read_benchmark(bad))
    bad.write_text('{"id": 1, "labels": []}\n', encoding="utf-8")
    with pytest.raises(MalformedInputError, match="KeyError"):
        list(read_benchmark(bad))
    with pytest.raises(MissingInputError):
        list(read_benchmark(tmp_path / "none.benchmark.jsonl"))


def test_splits_file() -> None:
    splits = read_splits(DATA / "tiny.splits.tsv")
    assert splits == {"101": "dev", "102": "test", "103": "test"}


# -- scorer ---------------------------------------------------------------------------------------


def test_exact_span_and_qid_make_a_true_positive() -> None:
    text = "Leaders met in Lyon today."
    doc = gold(text, [("Lyon", "Q456", {})])
    assert verdicts(score_document(doc, [pred(text, "Lyon", "Q456")])) == [("tp", "Lyon", None)]
    # The right span with another QID is a miss and a wrong link at once.
    out = score_document(doc, [pred(text, "Lyon", "Q1")])
    assert sorted(verdicts(out)) == [("fn", "Lyon", "wrong_qid"), ("fp", "Lyon", "wrong_qid")]
    fn = [o for o in out if o.verdict == "fn"][0]
    assert fn.prediction is not None and fn.prediction.qid == "Q1"
    assert verdicts(score_document(doc, [])) == [("fn", "Lyon", "missed")]
    # A mention the system found but left without a QID explains the miss; it is no prediction.
    nil = Prediction(*find(text, "Lyon"), "", "Lyon", "place")
    assert verdicts(score_document(doc, [], detections=[nil])) == [("fn", "Lyon", "nil")]


def test_exact_versus_overlapping_spans() -> None:
    text = "Talks with the Russian Foreign Ministry resumed."
    doc = gold(text, [("Russian Foreign Ministry", "Q1056826", {})])
    short = [pred(text, "Foreign Ministry", "Q1056826", kind="organization")]
    assert tally(score_document(doc, short, "exact")) == {"tp": 0, "fp": 1, "fn": 1, "ignored": 0}
    assert sorted(verdicts(score_document(doc, short, "exact"))) == \
        [("fn", "Russian Foreign Ministry", "span"), ("fp", "Foreign Ministry", "overlap")]
    assert tally(score_document(doc, short, "lenient")) == {"tp": 1, "fp": 0, "fn": 0, "ignored": 0}


def test_exact_spans_forgive_a_possessive() -> None:
    text = "Macron's plan was criticised."
    doc = gold(text, [("Macron's", "Q3052772", {})])
    assert widen(text, 0, 6) == (0, 8)
    assert tally(score_document(doc, [pred(text, "Macron", "Q3052772", kind="person")])) == \
        {"tp": 1, "fp": 0, "fn": 0, "ignored": 0}


def test_parent_or_children_are_alternative_readings() -> None:
    text = "The summit in Lyon, France ended."
    labels = [("Lyon, France", "Q456", {}), ("Lyon", "Q456", {"parent": 0}),
              ("France", "Q142", {"parent": 0})]
    doc = gold(text, labels)
    # Nothing predicted: the tree is one required mention.
    assert verdicts(score_document(doc, [])) == [("fn", "Lyon, France", "missed")]
    # The whole span linked: one hit, the children are not required.
    assert verdicts(score_document(doc, [pred(text, "Lyon, France", "Q456")])) == \
        [("tp", "Lyon, France", None)]
    # Both parts linked: two hits.
    both = [pred(text, "Lyon", "Q456"), pred(text, "France", "Q142")]
    assert tally(score_document(doc, both)) == {"tp": 2, "fp": 0, "fn": 0, "ignored": 0}
    # One part linked: the children reading, so the other part is missed.
    assert sorted(verdicts(score_document(doc, [pred(text, "France", "Q142")]))) == \
        [("fn", "Lyon", "missed"), ("tp", "France", None)]
    # Whole span and a part: the part is a correct link on an alternative label, not a fp.
    out = score_document(doc, [pred(text, "Lyon, France", "Q456"), pred(text, "France", "Q142")])
    assert tally(out) == {"tp": 1, "fp": 0, "fn": 0, "ignored": 1}
    # The reading is chosen on exact spans in both modes: a wrong link that merely overlaps a
    # part does not make the lenient score require both parts.
    ragged = [pred(text, "Lyon, Fr", "Q1")]
    for mode in ("exact", "lenient"):
        assert tally(score_document(doc, ragged, mode)) == {"tp": 0, "fp": 1, "fn": 1, "ignored": 0}


def test_same_span_child_is_an_alternative_qid() -> None:
    text = "Israeli officials denied it."
    doc = gold(text, [("Israeli", "Q801", {}), ("Israeli", "Q875556", {"parent": 0})])
    for qid in ("Q801", "Q875556"):
        assert tally(score_document(doc, [pred(text, "Israeli", qid)])) == \
            {"tp": 1, "fp": 0, "fn": 0, "ignored": 0}
    assert tally(score_document(doc, [pred(text, "Israeli", "Q1")])) == \
        {"tp": 0, "fp": 1, "fn": 1, "ignored": 0}


def test_nil_parent_with_linked_child() -> None:
    text = "The French delegation left."
    doc = gold(text, [("The French delegation", "<NIL>", {}), ("French", "Q142", {"parent": 0})])
    # A NIL parent asks for no link, so nothing is required when nothing was linked...
    assert score_document(doc, []) == []
    # ...the child is a hit when linked...
    assert verdicts(score_document(doc, [pred(text, "French", "Q142")])) == [("tp", "French", None)]
    # ...and linking the NIL span itself is a fp.
    assert verdicts(score_document(doc, [pred(text, "The French delegation", "Q142")])) == \
        [("fp", "The French delegation", "gold_nil")]


def test_coreference_and_optional_labels_are_not_required() -> None:
    text = "Scholz arrived. He spoke at the UN briefly."
    doc = gold(text, [("Scholz", "Q61053", {}), ("He", "Q61053", {"coref": True}),
                      ("UN", "Q1065", {"optional": True})])
    assert verdicts(score_document(doc, [])) == [("fn", "Scholz", "missed")]
    right = [pred(text, "Scholz", "Q61053"), pred(text, "He", "Q61053"), pred(text, "UN", "Q1065")]
    out = score_document(doc, right)
    assert tally(out) == {"tp": 1, "fp": 0, "fn": 0, "ignored": 2}
    assert sorted(o.reason for o in out if o.verdict == "ignored") == ["coref", "optional"]
    wrong = [pred(text, "He", "Q567"), pred(text, "UN", "Q7809")]
    out = score_document(doc, wrong)
    assert sorted(verdicts(out)) == [("fn", "Scholz", "missed"), ("fp", "He", "wrong_qid"),
                                     ("fp", "UN", "wrong_qid")]


def test_only_the_evaluation_span_is_scored() -> None:
    text = "Paris is calm. Context only: Berlin and Rome."
    end = text.index(" Context")
    doc = gold(text, [("Paris", "Q90", {}), ("Berlin", "Q64", {}), ("Rome", "Q220", {})],
               span=(0, end))
    out = score_document(doc, [pred(text, "Paris", "Q90"), pred(text, "Berlin", "Q1"),
                               pred(text, "Rome", "Q220")])
    assert verdicts(out) == [("tp", "Paris", None)]


def test_quantity_and_nil_labels_take_no_link() -> None:
    text = "About 40 people from the Ministry and May came."
    doc = gold(text, [("40", "QUANTITY", {}), ("Ministry", "<NIL>", {}), ("May", "DATETIME", {})])
    assert score_document(doc, []) == []
    out = score_document(doc, [pred(text, "40", "Q40"), pred(text, "Ministry", "Q7188"),
                               pred(text, "May", "Q264766", kind="person")])
    assert [o.reason for o in out] == ["gold_nil"] * 3
    # A pseudo-id is no prediction at all.
    assert score_document(doc, [pred(text, "40", "QUANTITY")]) == []


def test_unlabelled_spans_are_false_positives() -> None:
    text = "Rain fell on Orange county."
    doc = gold(text, [])
    assert verdicts(score_document(doc, [pred(text, "Orange", "Q1")])) == [("fp", "Orange", "unlabeled")]


def test_document_sets() -> None:
    text = "Israeli and German envoys met; he said Germany agreed. Scholz too."
    doc = gold(text, [("Israeli", "Q801", {}), ("Israeli", "Q875556", {"parent": 0}),
                      ("German", "Q183", {}), ("Germany", "Q183", {}),
                      ("he", "Q567", {"coref": True}), ("Scholz", "Q61053", {})])
    sets = document_sets(doc, [pred(text, "Israeli", "Q875556"), pred(text, "Germany", "Q183"),
                               pred(text, "he", "Q567"), pred(text, "Scholz", "Q1")])
    assert sets.gold == (frozenset({"Q183"}), frozenset({"Q61053"}), frozenset({"Q801", "Q875556"}))
    assert sets.predicted == {"Q875556", "Q183", "Q567", "Q1"}
    assert sets.found == 2  # Israel (via Israelis) and Germany; Scholz was linked wrongly
    assert sets.correct == 3  # Q567 is only on a coreference label but is right there


# -- whole evaluation with a scripted pipeline ----------------------------------------------------


class ScriptedPipeline:
    """Returns fixed links per document id; documents in `fail` come back as errors."""

    def __init__(self, links: dict[str, list[tuple[str, int, str, str]]], fail: set[str]) -> None:
        self.links = links
        self.fail = fail
        self.seen: list[Document] = []

    def process(self, documents: Iterable[Document]):
        for doc in documents:
            self.seen.append(doc)
            if doc.id in self.fail:
                yield type("Failure", (), {"source": doc.source, "message": "link failed: boom"})()
                continue
            mentions = []
            for surface, occurrence, qid, kind in self.links.get(doc.id, []):
                start, end = find(doc.text, surface, occurrence)
                entity = Entity(key=qid or f"{kind}/x", kind=kind, label=surface, qid=qid or None)
                mkind = kind if kind != "country" else "place"
                mentions.append(LinkedMention(Mention(start, end, surface, mkind, 0), entity, 0.9))
            yield ArticleResult(document=doc, entities=(), mentions=tuple(mentions))


class SmallGazetteer:
    meta = {"sources_date": "test"}

    def __init__(self, known: dict[str, str]) -> None:
        self.known = known  # QID -> gazetteer kind

    def entry(self, qid: str):
        return SimpleNamespace(qid=qid, kind=self.known[qid]) if qid in self.known else None


SCRIPT = {
    "101": [("Berlin", 0, "Q64", "place"), ("Olaf Scholz", 0, "Q61053", "person"),
            ("French President", 0, "Q191954", "office"), ("French", 0, "Q142", "country"),
            ("Emmanuel Macron", 0, "Q3052772", "person"), ("Lyon", 0, "Q456", "place"),
            ("He", 0, "Q61053", "person"), ("Paris", 0, "Q90", "place"),
            ("The French delegation", 0, "", "organization"), ("Chancellor", 0, "", "office")],
    "102": [("Germany", 0, "Q183", "country"), ("Germans", 0, "Q183", "country"),
            ("Ministry", 0, "Q7188", "organization")],
}


def test_evaluate_linking_counts_and_report() -> None:
    pipeline = ScriptedPipeline(SCRIPT, fail={"103"})
    gaz = SmallGazetteer({"Q64": "place", "Q61053": "person", "Q456": "place", "Q142": "country",
                          "Q183": "country", "Q71": "place"})
    report = evaluate_linking(TINY, pipeline=pipeline, gazetteer=gaz)
    assert report.documents == 3 and report.failed == ["103: link failed: boom"]
    # Doc 101: Berlin, Olaf Scholz, French President, Macron, Lyon hit; Chancellor and France
    # missed (children readings); "French" inside "French President" is left out (flat output,
    # as ELEVANT's systems give); He right but not counted; Paris outside the span.
    # Doc 102: Germany and Germans (alternative QID) hit; Ministry is a NIL label.
    # Doc 103 failed: Geneva missed (UN optional, "A dozen" a malformed quantity).
    exact = report.overall["exact"]
    assert (exact.tp, exact.fp, exact.fn) == (7, 1, 3)
    assert report.fp_reasons["exact"]["gold_nil"] == 1
    assert sum(report.ignored["exact"].values()) == 1
    assert pytest.approx(exact.precision) == 7 / 8 and pytest.approx(exact.recall) == 7 / 10
    per_type = report.per_type["exact"]
    assert (per_type["person"].tp, per_type["person"].fn) == (2, 0)
    assert (per_type["position"].tp, per_type["position"].fn) == (1, 1)
    assert (per_type["place"].tp, per_type["place"].fn) == (3, 2)  # "Germans" is typed a population
    assert per_type["organisation"].fp == 1  # the Ministry fp goes by our kind (NIL label: OTHER)
    assert report.by_kind["office"].tp == 1 and report.by_kind["organization"].fp == 1
    assert report.gold_required == 10 and report.gold_in_gazetteer == 6
    gaz_counts = report.in_gazetteer["exact"]
    assert (gaz_counts.tp, gaz_counts.fn) == (4, 2)  # France and Geneva are known but missed
    # Chancellor was found but left NIL; France and Geneva (both in the gazetteer) not found.
    assert report.fn_reasons == {("nil", False): 1, ("missed", True): 2}
    fn_surfaces = sorted(c.surface for c in report.false_negatives)
    assert fn_surfaces == ["Chancellor", "France", "Geneva"]
    assert [c.in_gazetteer for c in report.false_negatives if c.surface == "Geneva"] == [True]
    by_kind = {k: (c.tp, c.fn) for k, c in report.in_gazetteer_by_kind.items()}
    assert by_kind == {"place": (2, 1), "person": (1, 0), "country": (1, 1)}
    # Every scripted link has confidence 0.9: seven right, one wrong, all in the top bin.
    assert {b: (c.tp, c.fp) for b, c in report.calibration.items()} == {"0.9": (7, 1)}
    assert report.document_level.gold == 9 and report.document_level.found == 6  # France: only nested
    assert report.top_false_positives(5)[0].predicted_qid == "Q7188"

    text = format_report(report)
    assert "| exact span | 7 | 1 | 3 | 87.5 | 70.0 | 77.8 |" in text
    assert "| position (Q4164871) | 1 | 1 | 50.0 |" in text
    assert "| found, left unlinked (NIL/dropped) | 0 | 1 |" in text
    data = report_json(report)
    assert json.loads(json.dumps(data))["mentions"]["exact"]["tp"] == 7
    assert data["settings"]["title_dates"] is False


def test_predictions_are_flat_like_elevant_output() -> None:
    doc = Document(id="n", text="the U.S. Department of Education and British Prime Minister", source="t")
    def lm(start: int, end: int, kind: str, qid: str | None) -> LinkedMention:
        text = doc.text[start:end]
        return LinkedMention(Mention(start, end, text, kind, 0), Entity(key=qid or f"{kind}/x", kind=kind, label=text, qid=qid), 0.9)
    result = ArticleResult(document=doc, entities=(), mentions=(
        lm(4, 32, "organization", None),  # U.S. Department of Education, NIL
        lm(4, 8, "country", "Q30"),  # U.S., nested: left out
        lm(37, 59, "office", "Q14211"),  # British Prime Minister
        lm(37, 44, "country", "Q145"),  # British, nested: left out
    ))
    links, unlinked = predictions_of(result)
    assert [(p.start, p.qid) for p in links] == [(37, "Q14211")]
    assert [(p.start, p.label) for p in unlinked] == [(4, "U.S. Department of Education")]


def test_split_limit_and_title_dates() -> None:
    pipeline = ScriptedPipeline(SCRIPT, fail=set())
    report = evaluate_linking(TINY, split="test", pipeline=pipeline, gazetteer=SmallGazetteer(set()),
                              title_dates=True)
    assert [d.id for d in pipeline.seen] == ["102", "103"]
    assert [d.date.isoformat() if d.date else None for d in pipeline.seen] == ["2023-06-01", None]
    assert report.documents == 2 and report.overall["exact"].fn == 1  # Geneva
    pipeline = ScriptedPipeline(SCRIPT, fail=set())
    evaluate_linking(TINY, pipeline=pipeline, gazetteer=SmallGazetteer(set()), limit=1)
    assert [d.id for d in pipeline.seen] == ["101"] and pipeline.seen[0].date is None
    with pytest.raises(UsageError, match="dev, test"):
        evaluate_linking(TINY, split="nope", pipeline=pipeline, gazetteer=SmallGazetteer(set()))
    with pytest.raises(UsageError):
        evaluate_linking(TINY, pipeline=pipeline, gazetteer=SmallGazetteer(set()), limit=0)


def test_command_line_reports_a_missing_benchmark(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path / "missing.benchmark.jsonl")]) == 2
    assert "E105" in capsys.readouterr().err


# -- the real pipeline on News-Fair ---------------------------------------------------------------

SHARED = shared_dir()


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.skipif(SHARED is None or not (SHARED / "corpus" / "elevant").is_dir(),
                    reason="needs ../shared/corpus/elevant")
def test_real_pipeline_on_three_news_fair_documents(pipeline) -> None:
    report = evaluate_linking(SHARED / "corpus" / "elevant" / "news-fair-v2.benchmark.jsonl",
                              split="v1_40", limit=3, pipeline=pipeline)
    assert report.documents == 3 and not report.failed
    assert report.gold_required > 0
    for counts in (*report.overall.values(), *report.per_type["exact"].values()):
        for value in (counts.precision, counts.recall, counts.f1):
            assert 0.0 <= value <= 1.0
    d = report.document_level
    assert 0.0 <= d.precision <= 1.0 and 0.0 <= d.recall <= 1.0 and d.found <= d.gold
    assert report.overall["exact"].tp <= report.overall["lenient"].tp
    assert len(report.false_negatives) == report.overall["exact"].fn
    assert "| exact span |" in format_report(report)
