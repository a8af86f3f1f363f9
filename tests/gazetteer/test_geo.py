"""Synthesised aliases of `kg.gazetteer.geo`."""

from __future__ import annotations

from kg.gazetteer.geo import un_body_aliases


def test_un_bodies_are_named_without_the_united_nations() -> None:
    assert un_body_aliases("United Nations Security Council") == ["Security Council", "UN Security Council"]
    assert "World Food Programme" in un_body_aliases("United Nations World Food Programme")


def test_one_word_rests_and_other_organisations_get_no_alias() -> None:
    assert un_body_aliases("United Nations Secretariat") == []
    assert un_body_aliases("United Nations University") == []
    assert un_body_aliases("European Central Bank") == []
