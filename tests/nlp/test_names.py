"""Name repair of `kg.nlp.names` on hand-labelled docs (a blank spaCy pipeline, no model)."""

from __future__ import annotations

import spacy

from kg.nlp.names import repair_names


def _doc(text: str, ents: list[tuple[str, str]]):
    doc = spacy.blank("en")(text)
    spans, cursor = [], 0
    for surface, label in ents:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        span = doc.char_span(start, cursor, label=label)
        assert span is not None, surface
        spans.append(span)
    doc.ents = spans
    return doc


def test_hyphenated_surname_in_other_case_is_the_person() -> None:
    # The tokenizer splits "el-Sissi"; a sentence-initial "El-Sissi" tagged ORG is still him.
    text = "Abdel Fattah el-Sissi met Macron. El-Sissi has said that his rule ensured stability."
    doc = repair_names(_doc(text, [("Abdel Fattah el-Sissi", "PERSON"), ("Macron", "PERSON"), ("El-Sissi", "ORG")]))
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["El-Sissi"] == "PERSON"


def test_unrelated_hyphenated_organisation_keeps_its_label() -> None:
    text = "Abdel Fattah el-Sissi met officials of Coca-Cola."
    doc = repair_names(_doc(text, [("Abdel Fattah el-Sissi", "PERSON"), ("Coca-Cola", "ORG")]))
    assert {e.text: e.label_ for e in doc.ents}["Coca-Cola"] == "ORG"
