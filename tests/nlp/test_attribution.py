"""Attribution candidates on sentences written for the purpose, through the real spaCy pipeline."""

from __future__ import annotations

import pytest

from kg.model import Document

pytestmark = pytest.mark.slow


def quotes(pipeline, text: str):
    return pipeline.nlp(text)._.geokg_quotes


def statements(pipeline, text: str):
    (result,) = list(pipeline.process([Document(id="t", text=text, source="t.txt")]))
    return result.statements


def test_quote_split_around_its_attribution_is_one_statement(pipeline) -> None:
    text = '"We will not give up," Zelensky said. "There is no other way for us."'
    (q,) = quotes(pipeline, text)
    assert q.quote_type == "direct" and q.cue == "say"
    assert q.content == "We will not give up, There is no other way for us."
    assert (q.start, q.end) == (0, len(text))


def test_speaker_after_quote_and_reported_speech(pipeline) -> None:
    text = (
        'Russian Foreign Minister Sergey Lavrov said on Monday that the talks had been useful.\n\n'
        '"The sides agreed to meet again in Geneva," said Lavrov.'
    )
    qs = quotes(pipeline, text)
    assert [(q.quote_type, q.cue) for q in qs] == [("indirect", "say"), ("direct", "say")]
    assert qs[0].content == "the talks had been useful"
    assert text[slice(*qs[1].speaker_span)] == "Lavrov"


def test_according_to(pipeline) -> None:
    (q,) = quotes(pipeline, "The drones were shot down over Kyiv, according to the Ukrainian Air Force.")
    assert q.cue == "according to" and q.content.startswith("The drones were shot down")


def test_unbalanced_quote_marks_do_not_crash_or_invent(pipeline) -> None:
    text = 'He said "this never ends.\n\nThe next paragraph has an odd " mark too.'
    assert all(q.quote_type != "direct" for q in quotes(pipeline, text))


def test_speaker_is_the_head_of_the_subject_not_a_name_inside_it(pipeline) -> None:
    text = 'Donald Trump spoke in Ohio. The Trump campaign said that the rally was a success.'
    (s,) = [s for s in statements(pipeline, text) if s.cue == "say"]
    assert s.speaker is None  # "the Trump campaign" is not Trump


def test_title_alone_resolves_to_the_person_introduced_with_it(pipeline) -> None:
    text = (
        "Russian Ambassador to the United States Alexander Darchiev met reporters.\n\n"
        "The ambassador noted that the talks would continue."
    )
    (s,) = statements(pipeline, text)
    assert s.speaker is not None and s.speaker.label == "Alexander Darchiev"
    assert s.speaker_role is not None and s.speaker_role.qid == "Q30160686"


def test_title_with_a_name_in_apposition_speaks_through_that_name(pipeline) -> None:
    text = (
        "A United States Department of State spokesperson, Morgan Ortagus, indicated the "
        "United States was disappointed by the decision."
    )
    (s,) = statements(pipeline, text)
    assert s.speaker is not None and s.speaker.label == "Morgan Ortagus" and s.speaker.kind == "person"
    assert s.speaker_role is not None and "Spokesperson" in s.speaker_role.label


def test_attribution_inserted_mid_sentence(pipeline) -> None:
    text = "The talks, Lavrov said, were useful for both sides."
    (q,) = quotes(pipeline, text)
    assert q.cue == "say" and q.content == "The talks were useful for both sides"
    assert text[slice(*q.speaker_span)] == "Lavrov"
