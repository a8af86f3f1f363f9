"""The gazetteer's people indexed for bare surnames and titles (kg.link.people)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.gazetteer.store import Gazetteer
from kg.link.people import PeopleIndex, name_key


@pytest.fixture(scope="module")
def people() -> PeopleIndex:
    return PeopleIndex(Gazetteer.open())


def test_name_key_bridges_transliterations() -> None:
    assert name_key("Zelenskyy") == name_key("Zelensky")
    assert name_key("Andriy") == name_key("Andrii")
    assert name_key("Erdoğan") == name_key("erdogan")


def test_common_surnames_have_many_bearers(people: PeopleIndex) -> None:
    assert people.surname_bearers("Steve Smith") > 10 * max(1, people.surname_bearers("Volodymyr Zelenskyy"))
    assert people.surname_bearers("") == 0


def test_given_names_come_from_the_gazetteer(people: PeopleIndex) -> None:
    assert people.is_given_name("Warren") and people.is_given_name("Hillary")
    assert not people.is_given_name("Buttigieg")


def test_title_holder_at_the_article_date(people: PeopleIndex) -> None:
    entry, conf = people.by_office("Graham", "senator", None, dt.date(2025, 6, 11))
    assert entry is not None and entry.qid == "Q22212" and conf == 0.85
    assert people.by_office("Qwertyuiop", "senator", None, dt.date(2025, 6, 11)) == (None, 0.0)


def test_distinctive_surname_needs_the_persons_country_in_the_story(people: PeopleIndex) -> None:
    entry, conf = people.distinctive("Netanyahu", {"Q801": 1.0}, common_word=False)
    assert entry is not None and entry.qid == "Q43723" and conf == 0.7
    assert people.distinctive("Netanyahu", {"Q30": 1.0}, common_word=False) == (None, 0.0)
    # The article writes the word in lowercase: a word, not a name.
    assert people.distinctive("Netanyahu", {"Q801": 1.0}, common_word=True) == (None, 0.0)
