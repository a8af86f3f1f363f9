"""Scoring rules of the Wikinews gold evaluation, on invented articles and predictions."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.eval.factscore import FactScores, entity_matches, name_words, score_article
from kg.eval.wikinews_gold import (
    GoldArticle,
    GoldHolding,
    GoldLegislation,
    GoldMeeting,
    GoldRef,
    GoldStatement,
)
from kg.model import (
    ArticleResult,
    Document,
    Entity,
    LegislationFact,
    Meeting,
    OfficeHolding,
    Statement,
)

TEXT = ('Foreign Minister Ana Vrba said on Monday in Zagreb that the talks would resume. '
        '"We are ready," she told Radio Krk. Critics said the plan would fail. '
        'Vrba met Prime Minister Ivo Kos in Split. The Coastal Protection Act passed.')
DAY = dt.date(2024, 3, 6)

VRBA = Entity(key="Q1001", kind="person", label="Ana Vrba", qid="Q1001")
KOS = Entity(key="person/ivo-kos", kind="person", label="Ivo Kos")
FM = Entity(key="Q2001", kind="office", label="Minister of Foreign Affairs of Croatia", qid="Q2001")
PM = Entity(key="office/prime-minister", kind="office", label="Prime Minister")
ZAGREB = Entity(key="Q1435", kind="place", label="Zagreb", qid="Q1435")
SPLIT = Entity(key="Q1663", kind="place", label="Split", qid="Q1663")
RADIO = Entity(key="organization/radio-krk", kind="organization", label="Radio Krk")
ACT = Entity(key="legislation/coastal-protection-act", kind="legislation", label="Coastal Protection Act")


def ref(surface: str, qid: str | None = None, kind: str = "person", nth: int = 0) -> GoldRef:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(surface, start + 1)
    return GoldRef(text=surface, span=(start, start + len(surface)), qid=qid, kind=kind)


def span(surface: str) -> tuple[int, int]:
    start = TEXT.index(surface)
    return start, start + len(surface)


def gold_article() -> GoldArticle:
    return GoldArticle(
        id="t", date=DAY, text=TEXT, headline=None,
        statements=(
            GoldStatement(content=span("the talks would resume"), quote_type="indirect", cue="say",
                          speaker=ref("Ana Vrba", "Q1001"), role=ref("Foreign Minister", "Q2001", "office"),
                          place=ref("Zagreb", "Q1435", "place"), date=dt.date(2024, 3, 4)),
            GoldStatement(content=span("We are ready,"), quote_type="direct", cue="tell",
                          speaker=ref("she", "Q1001"), medium=ref("Radio Krk", None, "organization")),
            GoldStatement(content=span("the plan would fail"), quote_type="indirect", cue="say", speaker=None),
        ),
        holdings=(
            GoldHolding(holder=ref("Ana Vrba", "Q1001"), office=ref("Foreign Minister", "Q2001", "office"),
                        status="current", evidence=span("Foreign Minister Ana Vrba")),
            GoldHolding(holder=ref("Ivo Kos"), office=ref("Prime Minister", None, "office"),
                        status="current", evidence=span("Prime Minister Ivo Kos")),
        ),
        meetings=(GoldMeeting(participants=(ref("Vrba", "Q1001", nth=1), ref("Ivo Kos")), status="held",
                              evidence=span("Vrba met Prime Minister Ivo Kos in Split"),
                              place=ref("Split", "Q1663", "place")),),
        legislation=(GoldLegislation(legislation=ref("Coastal Protection Act", None, "legislation"),
                                     evidence=span("The Coastal Protection Act passed"), status="passed"),),
    )


def result(statements=(), holdings=(), meetings=(), legislation=()) -> ArticleResult:
    return ArticleResult(document=Document(id="t", text=TEXT, source="test", date=DAY), entities=(),
                         statements=tuple(statements), holdings=tuple(holdings), meetings=tuple(meetings),
                         legislation=tuple(legislation))


def statement(surface: str, speaker: Entity | None, quote_type: str = "indirect", **kw) -> Statement:
    s, e = span(surface)
    return Statement(speaker=speaker, content=surface, quote_type=quote_type, cue="say", start=s, end=e, **kw)  # type: ignore[arg-type]


def test_entities_match_by_qid_or_by_a_shared_name_word() -> None:
    assert entity_matches(VRBA, ref("Ana Vrba", "Q1001"))
    assert not entity_matches(KOS, ref("Ana Vrba", "Q1001"))
    assert not entity_matches(Entity(key="person/ana-vrba", kind="person", label="Ana Vrba"), ref("Ana Vrba", "Q1001"))
    assert entity_matches(KOS, ref("Ivo Kos"))
    assert entity_matches(PM, ref("Prime Minister", None, "office"))
    assert not entity_matches(FM, ref("Prime Minister", None, "office"))
    assert entity_matches(FM, ref("Foreign Minister", None, "office"))  # same role, spelled otherwise
    assert entity_matches(KOS, ref("she"))  # a pronoun without a QID names no one in particular
    assert not entity_matches(None, ref("Ivo Kos"))
    assert name_words("Mr. Kos, the prime minister") == {"kos"}


def test_a_perfect_prediction_scores_everything_right() -> None:
    scores = FactScores()
    predicted = result(
        statements=[
            statement("the talks would resume", VRBA, speaker_role=FM, place=ZAGREB, date=dt.date(2024, 3, 4)),
            statement("We are ready,", VRBA, "direct", medium=RADIO),
            statement("the plan would fail", None),
        ],
        holdings=[OfficeHolding(VRBA, FM, "current", 0, 10), OfficeHolding(VRBA, FM, "current", 0, 10),
                  OfficeHolding(KOS, PM, "current", 0, 10)],
        meetings=[Meeting((VRBA, KOS), "held", *span("Vrba met Prime Minister Ivo Kos in Split"), place=SPLIT)],
        legislation=[LegislationFact(ACT, *span("The Coastal Protection Act passed"), status="passed")],
    )
    score_article(scores, gold_article(), predicted)
    for prf in (scores.statements["all"], scores.with_speaker["all"], scores.statements["direct"],
                scores.with_speaker["direct"], scores.holdings, scores.meetings, scores.legislation):
        assert (prf.precision, prf.recall) == (1.0, 1.0)
    assert scores.holdings.pred == 2  # the duplicate holding counts once
    for name in ("role", "place", "date", "medium"):
        assert scores.attributes[name].counts == {"right": 1}, name
    assert scores.speaker_linked.counts == {"right": 2}
    assert scores.meeting_attributes["place"].counts == {"right": 1}
    assert scores.legislation_attributes["status"].counts == {"right": 1}


def test_errors_land_in_their_classes() -> None:
    scores = FactScores()
    predicted = result(
        statements=[
            # wrong speaker, missing role, wrong place, spurious medium, missing date
            statement("the talks would resume", KOS, place=SPLIT, medium=RADIO),
            # a speaker where the gold has none (an indefinite "critics")
            statement("the plan would fail", VRBA),
            # a statement the gold does not have
            statement("Vrba met Prime Minister Ivo Kos", VRBA),
        ],
        holdings=[OfficeHolding(KOS, FM, "current", 0, 10)],
        meetings=[Meeting((VRBA, ZAGREB), "planned", 0, 10)],
    )
    score_article(scores, gold_article(), predicted)
    assert (scores.statements["all"].gold, scores.statements["all"].pred, scores.statements["all"].right) == (3, 3, 2)
    assert scores.with_speaker["all"].right == 0
    attrs = scores.attributes
    assert attrs["role"].counts == {"missing": 1}
    assert attrs["place"].counts == {"wrong": 1}
    assert attrs["medium"].counts == {"spurious": 1}
    assert attrs["date"].counts == {"missing": 1}
    assert scores.speaker_linked.counts == {"wrong": 1}
    assert scores.holdings.right == 0 and scores.meetings.right == 0 and scores.legislation.recall == 0.0


def test_a_failed_article_misses_every_gold_fact() -> None:
    scores = FactScores()
    score_article(scores, gold_article(), None)
    assert scores.statements["all"].gold == 3 and scores.statements["all"].pred == 0
    assert scores.holdings.gold == 2 and scores.meetings.gold == 1 and scores.legislation.gold == 1


@pytest.mark.parametrize(("label", "matched"), [("Coastal Protection Act", True), ("Tax Act", False)])
def test_legislation_pairs_by_its_name_not_by_the_word_act(label: str, matched: bool) -> None:
    scores = FactScores()
    law = Entity(key="legislation/x", kind="legislation", label=label)
    score_article(scores, gold_article(), result(legislation=[LegislationFact(law, 0, 10)]))
    assert scores.legislation.right == int(matched)
