"""Meetings (kg.extract.meetings) through the real pipeline, on sentences written for the purpose."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.model import Document

pytestmark = pytest.mark.slow


def meetings(pipeline, text: str):
    (result,) = list(pipeline.process([Document(id="t", text=text, source="t.txt", date=dt.date(2024, 5, 2))]))
    return result.meetings


def labels(meeting) -> list[str]:
    return [p.label for p in meeting.participants]


def test_one_known_participant_is_no_meeting(pipeline) -> None:
    assert meetings(pipeline, "The Senate held a session in Lisbon on Monday.") == ()


def test_he_attended_a_summit_with_a_titled_leader(pipeline) -> None:
    text = ("Chancellor Olaf Scholz said on Friday that he had tested positive. "
            "He attended a summit with President of France Emmanuel Macron last week.")
    (m,) = meetings(pipeline, text)
    assert any("Scholz" in p for p in labels(m)) and any("Macron" in p for p in labels(m))


def test_place_and_apposition_of_the_with_object(pipeline) -> None:
    text = "Hamas met on Tuesday with Omar Haddad, a United Nations envoy, in Doha."
    (m,) = meetings(pipeline, text)
    assert m.place is not None and m.place.label == "Doha"
    assert m.date == dt.date(2024, 4, 30)
    assert not any("United Nations" in p for p in labels(m))  # the envoy's employer did not meet
