"""Office holdings (kg.extract.holdings, kg.extract.titled) through the real pipeline, on
sentences written for the purpose."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.model import Document

pytestmark = pytest.mark.slow


def holdings(pipeline, text: str) -> list[tuple[str, str, str]]:
    (result,) = list(pipeline.process([Document(id="t", text=text, source="t.txt", date=dt.date(2024, 5, 2))]))
    return [(h.holder.label, h.office.label, h.status) for h in result.holdings]


def held_by(found: list[tuple[str, str, str]], name: str) -> list[tuple[str, str]]:
    return [(office, status) for holder, office, status in found if name in holder]


def test_unknown_title_before_a_name(pipeline) -> None:
    found = holdings(pipeline, "Police spokesman Tomasz Wierzbicki said the suspect had been detained.")
    assert ("Police spokesman", "current") in held_by(found, "Wierzbicki")


def test_apposition_after_the_name_drops_article_and_party(pipeline) -> None:
    text = "Harold Brandt, the Republican Senate Majority Leader, said the vote would wait until June."
    assert ("Senate Majority Leader", "current") in held_by(holdings(pipeline, text), "Harold Brandt")


def test_apposition_with_an_of_complement(pipeline) -> None:
    text = "Marta Kowalczyk, the chairwoman of the Budget Committee, rejected the plan on Monday."
    found = held_by(holdings(pipeline, text), "Marta Kowalczyk")
    assert ("chairwoman of the Budget Committee", "current") in found


def test_title_with_a_complement_before_the_name(pipeline) -> None:
    text = "The ceremony was attended by Minister of Tourism John Anderson and three mayors."
    assert ("Minister of Tourism", "current") in held_by(holdings(pipeline, text), "John Anderson")


def test_complement_ending_in_another_title_gives_no_holding(pipeline) -> None:
    text = "A spokesperson for President Emmanuel Macron declined to comment on the report."
    found = holdings(pipeline, text)
    assert not any("spokesperson" in office.lower() for _, office, _ in found)


def test_coordinated_titles_before_one_name(pipeline) -> None:
    text = "Labour Party leader and Prime Minister Keir Starmer said the election would be held in July."
    found = held_by(holdings(pipeline, text), "Keir Starmer")
    offices = [office for office, _ in found]
    assert "Labour Party leader" in offices
    assert any("Prime Minister" in office for office in offices)


def test_served_as_is_a_former_holding_of_the_relative_antecedent(pipeline) -> None:
    text = "Gustav Lindqvist, who served as mayor of Uppsala, died on Sunday at the age of 81."
    assert ("mayor of Uppsala", "former") in held_by(holdings(pipeline, text), "Gustav Lindqvist")


def test_sworn_in_as_is_current(pipeline) -> None:
    text = "Elena Marchetti was sworn in as governor of the province on Tuesday."
    found = held_by(holdings(pipeline, text), "Elena Marchetti")
    assert found and all(status == "current" for _, status in found)
    assert any(office.startswith("governor") for office, _ in found)


def test_a_superlative_predicate_is_no_holding(pipeline) -> None:
    text = "Piotr Nowicki was the youngest minister to address the assembly."
    assert held_by(holdings(pipeline, text), "Piotr Nowicki") == []


def test_portfolio_word_names_the_minister(pipeline) -> None:
    text = "Health Minister Jakub Zielinski said hospitals were ready."
    found = held_by(holdings(pipeline, text), "Jakub Zielinski")
    assert ("Health Minister", "current") in found and ("Minister", "current") not in found


def test_shorter_title_of_the_same_person_is_not_a_second_office(pipeline) -> None:
    text = ("Brooklyn District Attorney Samuel Okafor filed the charges. "
            "District Attorney Samuel Okafor said more arrests were expected.")
    offices = [office for office, _ in held_by(holdings(pipeline, text), "Samuel Okafor")]
    assert offices == ["Brooklyn District Attorney"]


def test_bare_title_takes_the_article_country_office(pipeline) -> None:
    text = ("Boris Johnson, the prime minister of the United Kingdom, spoke in London. "
            "Former prime minister Reginald Smythe-Abbot criticised the plan in Britain, "
            "and the United Kingdom parliament debated it.")
    found = holdings(pipeline, text)
    johnson = [office for holder, office, _ in found if "Johnson" in holder]
    smythe = held_by(found, "Smythe-Abbot")
    assert johnson and smythe
    assert smythe[0][0] == johnson[0] and smythe[0][1] == "former"


def test_post_before_a_rank_and_the_name(pipeline) -> None:
    text = "Navy Commandant Admiral Peter Hollis ordered the ships to return."
    assert ("Navy Commandant", "current") in held_by(holdings(pipeline, text), "Peter Hollis")


def test_title_before_another_title_with_its_holder(pipeline) -> None:
    text = "ASEAN chairperson President Joko Widodo of Indonesia opened the summit."
    assert ("ASEAN chairperson", "current") in held_by(holdings(pipeline, text), "Joko Widodo")


def test_possessive_title_set_off_by_a_comma_before_the_name(pipeline) -> None:
    text = "The Green Party's leader, Samantha Ortiz said the party would not join the coalition."
    assert ("leader", "current") in held_by(holdings(pipeline, text), "Samantha Ortiz")


def test_chief_and_the_place_belong_to_the_title(pipeline) -> None:
    text = "Macau Chief Executive Ho Iat-seng announced new restrictions on Monday."
    found = held_by(holdings(pipeline, text), "Ho Iat-seng")
    assert ("Macau Chief Executive", "current") in found


def test_committee_chair_is_not_turned_into_the_speaker(pipeline) -> None:
    text = ("Speaker of the House Nancy Pelosi scheduled the vote. Gerald Whitcombe, the chairman of the "
            "House Agriculture Committee, said the United States would act. The United States Congress agreed "
            "and the United States Senate followed.")
    found = held_by(holdings(pipeline, text), "Gerald Whitcombe")
    assert found == [("chairman of the House Agriculture Committee", "current")]


def test_country_after_the_name_gives_the_specific_office(pipeline) -> None:
    text = "Prime Minister Jan Novotny of Slovakia said on Friday that he had tested positive."
    (office, status), = held_by(holdings(pipeline, text), "Jan Novotny")
    assert office == "Prime Minister of Slovakia" and status == "current"


def test_premier_is_not_the_country_prime_minister(pipeline) -> None:
    text = ("Australia debated the bill for a week. Premier Joanne Whitlock of New South Wales backed it, and "
            "Australia's senators and Australia's doctors were divided.")
    offices = [office for office, _ in held_by(holdings(pipeline, text), "Joanne Whitlock")]
    assert offices and not any("Australia" in office for office in offices)


def test_title_without_its_complement_is_not_a_second_office(pipeline) -> None:
    text = ("Minister of Culture Robert Fischer opened the museum. Later, Minister Robert Fischer said the "
            "collection would travel.")
    offices = [office for office, _ in held_by(holdings(pipeline, text), "Robert Fischer")]
    assert "Minister of Culture" in offices and "Minister" not in offices


def test_who_appoints_does_not_hold_the_office(pipeline) -> None:
    text = "In 2016, Prime Minister Theresa May appointed him Foreign Secretary."
    assert not any("Foreign" in office or "Minister Of Foreign" in office
                   for office, _ in held_by(holdings(pipeline, text), "Theresa May"))


def test_an_ordinal_is_no_part_of_the_office(pipeline) -> None:
    text = "The country's first president, Kwame Mensah, never sought a third term."
    offices = [office for office, _ in held_by(holdings(pipeline, text), "Kwame Mensah")]
    assert offices == ["president"]


def test_first_minister_is_a_title_of_its_own(pipeline) -> None:
    found = held_by(holdings(pipeline, "First Minister Moira Dunbar said schools would reopen."), "Moira Dunbar")
    assert ("First Minister", "current") in found
