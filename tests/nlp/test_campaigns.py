"""Campaign organisations of `kg.nlp.campaigns`, through the real spaCy pipeline on sentences
written for the purpose (the rule reads the parse: "campaign" must head its phrase)."""

from __future__ import annotations

import pytest

from kg.model import Document

pytestmark = pytest.mark.slow


def ents(pipeline, text: str) -> dict[str, str]:
    return {e.text: e.label_ for e in pipeline.nlp(text).ents}


def statements(pipeline, text: str):
    (result,) = list(pipeline.process([Document(id="t", text=text, source="t.txt")]))
    return result.statements


def test_a_candidates_campaign_is_one_organisation(pipeline) -> None:
    found = ents(pipeline, "Maria Lopez spoke in Reno. The Lopez campaign said that turnout had been high.")
    assert found.get("Lopez campaign") == "ORG"
    assert "Lopez" not in found  # the name inside is not a person of its own here


def test_a_possessive_and_a_modifier_stay_in_the_campaign(pipeline) -> None:
    found = ents(pipeline, "Jeb Bush's presidential campaign dismissed the poll on Monday.")
    assert any(label == "ORG" and text.startswith("Jeb Bush") and text.endswith("campaign") for text, label in found.items())


def test_a_campaign_word_that_modifies_another_noun_is_no_organisation(pipeline) -> None:
    text = "Clinton campaign manager Robby Mook said that the ad would air on Monday."
    found = ents(pipeline, text)
    assert not any(t.endswith("campaign") for t in found)
    (s,) = [s for s in statements(pipeline, text) if s.cue == "say"]
    assert s.speaker is not None and s.speaker.label == "Robby Mook"


def test_the_campaign_speaks_and_a_later_the_campaign_is_the_same(pipeline) -> None:
    text = (
        "Maria Lopez spoke in Reno on Monday. The Lopez campaign said the debate had been "
        '"a clear win for working families." Later the campaign said that it would spend more in Ohio.'
    )
    first, second = [s for s in statements(pipeline, text) if s.cue == "say"]
    assert first.speaker is not None and first.speaker.kind == "organization"
    assert "campaign" in first.speaker.label.lower()
    assert second.speaker == first.speaker
