"""Wire datelines become place entities (on a blank English tokenizer: no model needed)."""

from __future__ import annotations

import pytest
import spacy

from kg.nlp.datelines import add_datelines


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def places(nlp, text: str) -> list[str]:
    return [e.text for e in add_datelines(nlp(text)).ents if e.label_ == "GPE"]


@pytest.mark.parametrize(("text", "expected"), [
    ("HOUSTON (AP) — Storms hit the coast.", ["HOUSTON"]),
    ("BUCKHANNON, W.Va. (AP) - Miners waited.", ["BUCKHANNON", "W.Va."]),
    ("BEIJING, Jan 5 (Reuters) - China said.", ["BEIJING"]),
    ("Intro line.\nNEW YORK — Stocks fell.", ["NEW YORK"]),
    ("SAN JUAN, Puerto Rico (AP) — Power returned.", ["SAN JUAN", "Puerto Rico"]),
])
def test_datelines(nlp, text: str, expected: list[str]) -> None:
    assert places(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "NOTE: this is not a dateline.",  # a colon without an agency
    "The HOUSTON office (AP) — closed.",  # not at the head of a paragraph
    "Houston (AP) — lower case is the NER's business.",
    "UN — a two-letter acronym.",
])
def test_not_datelines(nlp, text: str) -> None:
    assert places(nlp, text) == []


def test_existing_entities_win(nlp) -> None:
    doc = nlp("WASHINGTON (AP) — Officials met.")
    doc.ents = [doc.char_span(0, 10, label="ORG")]
    assert [(e.text, e.label_) for e in add_datelines(doc).ents] == [("WASHINGTON", "ORG")]
