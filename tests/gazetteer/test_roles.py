"""Role keys parsed from office titles."""

from __future__ import annotations

import pytest

from kg.gazetteer.roles import parse_title

PLACES = {"ukraine", "russia", "united states", "russian", "united nations", "west virginia"}


@pytest.mark.parametrize(("title", "role", "jurisdiction", "destination"), [
    ("President of the United States", "president", "united states", None),
    ("Russian Ambassador to the United States", "ambassador", "russian", "united states"),
    ("ambassador to Algeria", "ambassador", None, "algeria"),
    ("United States senator", "senator", "united states", None),
    ("Sen.", "senator", None, None),
    ("Prosecutor General of Ukraine", "prosecutor general", "ukraine", None),
    ("Minister of Foreign Affairs of Ukraine", "minister of foreign affairs", "ukraine", None),
    ("Ukrainian Minister of Foreign Affairs", "minister of foreign affairs", "ukrainian", None),
    ("Foreign Minister", "minister of foreign affairs", None, None),
    ("United States Secretary of State", "minister of foreign affairs", "united states", None),
    ("Secretary of Agriculture", "minister of agriculture", None, None),
    ("Chancellor of the Exchequer", "minister of finance", None, None),
    ("Prime Minister of Russia", "prime minister", "russia", None),
    ("Chairman of the Government of the Russian Federation", "prime minister", "russian federation", None),
    ("First Deputy Prime Minister of Ukraine", "deputy prime minister", "ukraine", None),
    ("member of the State Duma", "member of parliament", "state duma", None),
    ("People's Deputy of Ukraine", "member of parliament", "ukraine", None),
    ("United States representative", "member of parliament", "united states", None),
    ("Secretary-General of the United Nations", "secretary-general", "united nations", None),
    ("Head of the Office of the President of Ukraine", "chief of staff", "ukraine", None),
    ("Advisor to the President", "presidential adviser", None, None),
    ("Chairman of the Verkhovna Rada", "speaker", "verkhovna rada", None),
    ("Minister of Culture of Ukraine", "minister of culture", "ukraine", None),
])
def test_parse_title(title: str, role: str, jurisdiction: str | None, destination: str | None) -> None:
    parsed = parse_title(title, lambda t: t in PLACES)
    assert (parsed.role, parsed.jurisdiction_text, parsed.destination_text) == (role, jurisdiction, destination)


def test_modifiers_are_not_part_of_the_role() -> None:
    acting = parse_title("acting President")
    assert acting.role == "president" and acting.modifier == "acting"
    assert parse_title("Foreign Minister-designate").modifier == "designate"


def test_jurisdiction_split_needs_a_known_place() -> None:
    parsed = parse_title("Minister for the Development of the Russian Far East and Arctic",
                         lambda t: t in PLACES)
    assert parsed.role == "minister of development of the russian far east and arctic"
    regional = parse_title("Secretary of State of West Virginia", lambda t: t in PLACES)
    assert regional.jurisdiction_text == "west virginia"
