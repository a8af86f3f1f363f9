"""Place, date and medium of statements (kg.extract.circumstances), through the real NLP and
linking stages on sentences written for the purpose."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.circumstances import Circumstances, carry_over, continues, where_when
from kg.extract.view import ArticleView
from kg.model import Document
from kg.nlp.pipeline import analyze

pytestmark = pytest.mark.slow

FRIDAY = dt.date(2020, 12, 18)  # a Friday


def circumstances(pipeline, text: str, day: dt.date | None = FRIDAY) -> list[tuple[str, Circumstances, bool]]:
    (analysis,) = list(analyze(pipeline.nlp, [Document(id="t", text=text, source="t.txt", date=day)]))
    view = ArticleView(pipeline.linker.link(analysis))
    return [(q.cue, where_when(view, q), continues(view, q)) for q in analysis.quotes]


def test_the_framing_verb_gives_date_and_medium(pipeline) -> None:
    text = "Prime Minister Igor Matovič posted a message on Facebook on Friday announcing he had tested positive."
    ((cue, c, _),) = circumstances(pipeline, text)
    assert cue == "announce" and c.date == FRIDAY
    assert c.medium is not None and c.medium.qid == "Q355"


def test_an_introductory_phrase_dates_the_statement(pipeline) -> None:
    text = "On Wednesday, the minister said that the talks would resume in Geneva."
    ((_, c, _),) = circumstances(pipeline, text)
    assert c.date == dt.date(2020, 12, 16)
    assert c.place is None  # Geneva is in the content: where the talks are, not where it was said


def test_place_and_interview_medium(pipeline) -> None:
    text = "Speaking at a press conference in Ankara, Erdogan told Reuters that the border would stay closed."
    ((_, c, _),) = circumstances(pipeline, text)
    assert c.place is not None and c.place.label == "Ankara"
    assert c.medium is not None and c.medium.qid == "Q130879"


def test_no_date_without_a_publication_date_or_words_for_it(pipeline) -> None:
    assert circumstances(pipeline, "On Friday, the minister said that the talks would resume.", day=None)[0][1].date is None
    assert circumstances(pipeline, "The minister said that the talks would resume.")[0][1] == Circumstances()


def test_a_continuing_statement_takes_the_occasion_of_the_one_before(pipeline) -> None:
    text = ('On Thursday, Matovič said in an interview with Reuters that he felt well. '
            'He added that the cabinet would meet online.')
    (first, second) = circumstances(pipeline, text)
    assert not first[2] and second[2]
    assert first[1].date == dt.date(2020, 12, 17) and second[1].date is None
    merged = carry_over(second[1], first[1])
    assert merged.date == dt.date(2020, 12, 17) and merged.medium == first[1].medium


def test_whom_a_letter_was_addressed_to_is_no_medium(pipeline) -> None:
    text = "In a letter to House Democrats on Monday, Speaker Nancy Pelosi said the vote would be held."
    ((_, c, _),) = circumstances(pipeline, text)
    assert c.medium is None and c.date == dt.date(2020, 12, 14)
