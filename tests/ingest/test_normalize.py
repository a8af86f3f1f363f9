"""Character and paragraph normalisation shared by every reader."""

from __future__ import annotations

import textwrap

from kg.ingest.normalize import (
    is_hard_wrapped,
    join_paragraphs,
    normalise_chars,
    normalise_lines,
    paragraph_units,
    strip_bullet,
)

PARAGRAPH = (
    "Envoys from both countries met in Geneva on Tuesday for talks that lasted about four hours, "
    "a spokesperson for the foreign ministry said, adding that the next round would follow in May."
)


def test_normalise_chars():
    raw = "Cafe\u0301\r\nA\u00a0B\u200bC\tD\x07\rE\u2028F\ufeff"
    assert normalise_chars(raw) == "Caf\u00e9\nA BC D\nE\nF"


def test_normalise_lines():
    assert normalise_lines("  a   b \n\n c  ") == ["a b", "", "c"]


def test_bullets():
    assert strip_bullet("- item") == "item"
    assert strip_bullet("• item") == "item"
    assert strip_bullet("—Jane Doe") == "—Jane Doe"
    assert strip_bullet("-5 degrees") == "-5 degrees"


def test_line_per_paragraph_text_is_not_hard_wrapped():
    lines = [PARAGRAPH, "", "Short headline", "", PARAGRAPH + " More.", ""]
    assert not is_hard_wrapped(lines)
    assert paragraph_units("\n".join(lines)) == [PARAGRAPH, "Short headline", PARAGRAPH + " More."]


def test_hard_wrapped_text_is_rejoined():
    text = textwrap.fill(PARAGRAPH, 60) + "\n\n" + textwrap.fill(PARAGRAPH, 60) + "\n"
    assert is_hard_wrapped(text.splitlines())
    assert paragraph_units(text) == [PARAGRAPH, PARAGRAPH]


def test_join_paragraphs():
    assert join_paragraphs(["a", "", "b"]) == "a\n\nb"
