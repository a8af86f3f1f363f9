"""Legislation (kg.extract.legislation) through the real pipeline, on sentences written for the
purpose."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.model import Document

pytestmark = pytest.mark.slow


def laws(pipeline, text: str):
    (result,) = list(pipeline.process([Document(id="t", text=text, source="t.txt", date=dt.date(2024, 5, 2))]))
    return {f.legislation.label: f for f in result.legislation}


def test_titled_act_the_ner_missed_gets_the_signing_status(pipeline) -> None:
    text = "On Friday the governor signed the Oregon Clean Rivers Protection Act into law."
    found = laws(pipeline, text)
    assert "Oregon Clean Rivers Protection Act" in found
    assert found["Oregon Clean Rivers Protection Act"].status == "enacted"


def test_dated_bill_keeps_its_year(pipeline) -> None:
    text = "Members debated the Water Quality Reform Bill 2021 for three days."
    assert "Water Quality Reform Bill 2021" in laws(pipeline, text)


def test_constitution_named_with_its_country_is_enacted_in_that_country(pipeline) -> None:
    text = ("The United States faces a lawsuit from ten states. "
            "The lawsuit says the order violates the United States Constitution.")
    fact = laws(pipeline, text).get("United States Constitution")
    assert fact is not None and fact.status == "enacted"
    assert fact.jurisdiction is not None and fact.jurisdiction.qid == "Q30"


def test_act_words_inside_another_name_are_no_act(pipeline) -> None:
    text = "He was the Constitution Party candidate and later joined the Freedom Bill Party board."
    assert not any("Party" in label or label.endswith("Constitution") for label in laws(pipeline, text))


def test_ban_on_something_is_a_measure_with_its_target(pipeline) -> None:
    text = "Germany imposed a ban on Mahan Air after the security review."
    found = laws(pipeline, text)
    (label,) = [lab for lab in found if lab.startswith("ban")]
    assert "Mahan Air" in label
    assert any("Mahan" in t.label for t in found[label].targets)


def test_executive_order_is_a_measure_but_in_order_to_is_not(pipeline) -> None:
    found = laws(pipeline, "The president signed an executive order in order to speed up permits.")
    assert [lab for lab in found if "order" in lab] == ["executive order"]
    assert found["executive order"].status == "enacted"


def test_a_countrys_law_that_acts_now_is_in_force(pipeline) -> None:
    found = laws(pipeline, "Danish law forbids the sale of fireworks to minors.")
    assert "Danish law" in found and found["Danish law"].status == "enacted"
    assert found["Danish law"].jurisdiction is None  # an adjective is no mention of the country


def test_a_body_of_law_is_no_legislation(pipeline) -> None:
    found = laws(pipeline, "The strikes violated international law and martial law was declared.")
    assert not any(label.endswith("law") for label in found)


def test_bill_described_by_a_relative_clause_and_introduced_is_pending(pipeline) -> None:
    text = "Senator Maria Lopez introduced a bill that would require voting by mail in every county."
    found = laws(pipeline, text)
    (label,) = [lab for lab in found if lab.startswith("bill")]
    assert found[label].status == "pending"


def test_declared_emergency_and_imposed_lockdown_are_measures(pipeline) -> None:
    text = ("The president declared a national emergency on Friday. "
            "The cabinet agreed that a partial lockdown would be instated on Saturday.")
    found = laws(pipeline, text)
    assert found.get("national emergency") is not None and found["national emergency"].status == "enacted"
    assert found.get("partial lockdown") is not None and found["partial lockdown"].status == "enacted"


def test_possessor_country_is_the_jurisdiction(pipeline) -> None:
    text = "Thousands protested against a proposed change to Singapore's extradition law on Sunday."
    fact = laws(pipeline, text).get("extradition law")
    assert fact is not None and fact.jurisdiction is not None and fact.jurisdiction.qid == "Q334"


def test_an_act_or_resolution_needs_a_legislative_modifier(pipeline) -> None:
    found = laws(pipeline, "Police called the attack a deliberate criminal act, shown in a low-resolution video.")
    assert found == {}


def test_a_body_of_law_unless_an_article_picks_one_law(pipeline) -> None:
    found = laws(pipeline, "Under current U.S. constitutional law, a New York State law cannot bar the request.")
    assert "New York State law" in found
    assert not any("constitutional" in label for label in found)
