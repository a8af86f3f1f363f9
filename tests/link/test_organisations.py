"""How articles name organisations: owners, country prefixes, defined acronyms, head words."""

from __future__ import annotations

import pytest
from analyses import analyse  # beside this file

from kg.gazetteer.store import Gazetteer
from kg.link.organisations import (
    country_prefixed,
    defined_acronyms,
    named_before,
    owner_country,
    same_name,
)
from kg.model import Entity, LinkedMention


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.open()


def test_defined_acronyms_point_at_the_name_that_defines_them() -> None:
    text = "The Food and Agriculture Organisation (FAO) met. Later the F.A.O. (F.A.O.) said. Acme Group (XYZ) too."
    a = analyse(text, [("Food and Agriculture Organisation", "organization"), ("F.A.O.", "organization"),
                       ("Acme Group", "organization")])
    # The first definition wins; brackets that are no acronym of the name define nothing.
    assert defined_acronyms(text, a.mentions) == {"FAO": 0}


def test_head_word_refers_to_the_last_organisation_named_with_it() -> None:
    text = "The European Commission met. The Federal Trade Commission sued. The Commission said."
    a = analyse(text, [("European Commission", "organization"), ("Federal Trade Commission", "organization"),
                       ("Commission", "organization")])
    results = {k: LinkedMention(m, Entity(key=f"o/{k}", kind="organization", label=m.lookup), 0.9)
               for k, m in enumerate(a.mentions[:2])}
    found = named_before(a.mentions, results, 2, "commission")
    assert found is not None and found.mention.lookup == "Federal Trade Commission"
    assert named_before(a.mentions, results, 2, "Parliament") is None


@pytest.mark.parametrize(("text", "owner"), [
    ("Russia's Security Council met.", "Q159"),
    ("The Russian Security Council met.", "Q159"),
    ("The Security Council met.", None),
])
def test_owner_country(gaz: Gazetteer, text: str, owner: str | None) -> None:
    a = analyse(text, [("Security Council", "organization")])
    assert owner_country(gaz, text, a.mentions[0]) == owner


def test_a_name_that_begins_with_a_country_is_that_countrys(gaz: Gazetteer) -> None:
    found, country = country_prefixed(gaz, "U.S. Supreme Court", [])
    assert country == "Q30" and [c.qid for c in found] == ["Q11201"]
    assert country_prefixed(gaz, "Supreme Court", []) == ([], "")


def test_same_name_across_spellings() -> None:
    assert same_name("U.N.s Food and Agriculture Organisation", "Food and Agriculture Organization")
    assert not same_name("Food and Agriculture Organization", "World Health Organization")
