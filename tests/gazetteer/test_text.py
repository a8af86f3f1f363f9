"""Alias normalisation and name variants."""

from __future__ import annotations

import pytest

from kg.gazetteer.text import (
    drop_patronymic,
    normalize_alias,
    slavic_name_variants,
    surname,
)


@pytest.mark.parametrize(("raw", "norm"), [
    ("U.S.", "us"), ("the United States", "united states"), ("The U.S.A.", "usa"),
    ("Kyiv’s", "kyiv's"), ("Côte d’Ivoire", "cote d'ivoire"), ("Guinea-Bissau", "guinea bissau"),
    ("Secretary–General", "secretary general"), ("  São   Tomé ", "sao tome"),
    ("Washington, D.C.", "washington dc"), ("Łódź", "lodz"), ("theatre", "theatre"),
])
def test_normalize_alias(raw: str, norm: str) -> None:
    assert normalize_alias(raw) == norm


@pytest.mark.parametrize(("name", "variant"), [
    ("Volodymyr Zelenskyy", "Volodymyr Zelensky"), ("Volodymyr Zelenskyy", "Volodymyr Zelenskiy"),
    ("Andrii Kostin", "Andriy Kostin"), ("Sergey Lavrov", "Sergei Lavrov"),
    ("Dmitry Peskov", "Dmitriy Peskov"), ("Yuliia Svyrydenko", "Yulia Svyrydenko"),
    ("Aleksandr Lukashenko", "Alexander Lukashenko"), ("Aleksey Overchuk", "Alexei Overchuk"),
])
def test_slavic_variants(name: str, variant: str) -> None:
    assert variant in slavic_name_variants(name)
    assert name not in slavic_name_variants(name)


def test_variants_leave_names_without_those_endings_alone() -> None:
    # Names ending in "-y" ("Kennedy") do get variants: the builder only asks for East Slavic names.
    assert slavic_name_variants("Denys Shmyhal") == []
    assert slavic_name_variants("Olaf Scholz") == []


def test_patronymic_and_surname() -> None:
    assert drop_patronymic("Oleg Nikolaevich Bekmemetiev") == "Oleg Bekmemetiev"
    assert drop_patronymic("George Walker Bush") is None
    assert surname("Vladimir Putin") == "Putin"
    assert surname("Joseph R. Biden Jr.") == "Biden"
    assert surname("Madonna") is None


def test_formal_name_variants() -> None:
    from kg.gazetteer.text import formal_name_variants

    assert formal_name_variants("Dan Pfeiffer") == ["Daniel Pfeiffer"]
    assert formal_name_variants("Steve Smith") == ["Stephen Smith", "Steven Smith"]
    assert formal_name_variants("Daniel Pfeiffer") == [] and formal_name_variants("Dan") == []


def test_organisation_name_variants() -> None:
    from kg.gazetteer.text import organisation_name_variants

    assert "Food and Agriculture Organization" in organisation_name_variants("Food and Agriculture Organisation")
    assert "World Health Organisation" in organisation_name_variants("World Health Organization")
    assert organisation_name_variants("Reuters Holdings Plc") == ["Reuters Holdings", "Reuters"]
    assert "Food and Agriculture Organisation" in organisation_name_variants("U.N.'s Food and Agriculture Organisation")
    assert organisation_name_variants("Group") == []  # one word always stays


def test_acronym_definitions() -> None:
    from kg.gazetteer.text import is_acronym_of

    assert is_acronym_of("FDA", "U.S. Food and Drug Administration")
    assert is_acronym_of("ECUs", "European Currency Units")
    assert not is_acronym_of("GECL.L", "General Electric Co Plc")  # a ticker
    assert not is_acronym_of("Australia", "G H Shintoh")
