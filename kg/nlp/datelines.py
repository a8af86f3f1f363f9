"""Datelines: the place a wire story was filed from, at the head of a paragraph.

Input: a spaCy Doc after NER. Output: the same Doc with the dateline's city (and state or country,
when given) as GPE entities, where the statistical NER left them out. It does: an all-capital
"HOUSTON (AP) —" or "BUCKHANNON, W.Va. (AP) -" looks like nothing it was trained on.

Recognised forms (AP, Reuters, AFP and most papers), at the start of the text or of a paragraph:
    CITY (AGENCY) —            LONDON (Reuters) -
    CITY, Region (AGENCY) —    BUCKHANNON, W.Va. (AP) —
    CITY, Mon DD (AGENCY) -    BEIJING, Jan 5 (Reuters) -
    CITY —                     WASHINGTON —
The city must be written in capitals; a dash or an agency in brackets must follow.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.nlp.doctext import doc_text

_DATELINE = re.compile(
    r"(?m)^[ \t]*"
    r"(?P<city>[A-Z][A-Z'.\-]+(?:[ ][A-Z][A-Z'.\-]+){0,3})"
    r"(?:,[ ]+(?P<region>[A-Z][A-Za-z.]*(?:[ ][A-Z][A-Za-z.]*){0,2}?))?"
    r"(?:,[ ]+[A-Z][a-z]{2,8}\.?[ ]+\d{1,2})?"
    r"[ ]*(?:\((?P<agency>[A-Za-z][A-Za-z .]{1,30})\))?"
    r"[ ]*(?P<dash>\u2014|\u2013|--|-|:)"
)
_MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}


def dateline_spans(doc: Doc) -> list[Span]:
    """GPE spans for the place names of the datelines in `doc`."""
    spans: list[Span] = []
    for m in _DATELINE.finditer(doc_text(doc)):
        city = m.group("city")
        if len(city.replace(" ", "")) < 3 or not m.group("agency") and m.group("dash") == ":":
            continue
        for group in ("city", "region"):
            if m.group(group) is None or m.group(group).split(".")[0] in _MONTHS:
                continue
            span = doc.char_span(m.start(group), m.end(group), label="GPE", alignment_mode="expand")
            if span is not None:
                spans.append(span)
    return spans


def add_datelines(doc: Doc) -> Doc:
    """Add dateline places that overlap no entity already found."""
    found = dateline_spans(doc)
    if not found:
        return doc
    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    new = [s for s in found if not any(i in taken for i in range(s.start, s.end))]
    if new:
        doc.ents = filter_spans(list(doc.ents) + new)
    return doc
