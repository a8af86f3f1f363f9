"""Mention bounds and lookup strings of `kg.nlp.convert` (a blank spaCy pipeline, no model)."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from kg.nlp.convert import _lookup_text, _name_bounds


def _span(text: str, start: int, end: int, label: str) -> Span:
    doc = spacy.blank("en")(text)
    return Span(doc, start, end, label=label)


def test_possessive_written_as_a_separate_token_leaves_the_name_alone() -> None:
    # Tokenised corpora write "Romney 's"; the space must not stay on the name.
    text = "candidate Mitt Romney 's new promise"
    span = _span(text, 1, 4, "PERSON")
    assert span.text == "Mitt Romney 's"
    start, end = _name_bounds(span)
    assert text[start:end] == "Mitt Romney"
    assert _lookup_text(span) == "Mitt Romney"


def test_attached_possessive_and_leading_article() -> None:
    text = "the Kremlin's view"
    span = _span(text, 0, 3, "ORG")
    start, end = _name_bounds(span)
    assert text[start:end] == "Kremlin"
    assert _lookup_text(span) == "Kremlin"
