"""Conversion of a processed spaCy Doc into plain data.

Input: a spaCy Doc that went through the geokg pipeline, and its `Document`. Output: an
`Analysis` (tokens, sentences, mentions, quote candidates) made only of frozen dataclasses.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.model import Analysis, Document, Mention, MentionKind, Sentence, Token
from kg.nlp.doctext import doc_text

#: spaCy label -> mention kind. GPE may be a country or a city: the linker decides.
_LABEL_KIND: dict[str, MentionKind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "country",  # demonyms; the linker drops those that name no country
    "LAW": "legislation",
    "DATE": "date",
}
_BRACKETS = re.compile(r"[()\[\]]")


def _lookup_text(span: Span) -> str:
    text = _BRACKETS.sub(" ", span.text)
    text = re.sub(r"^(the|The)\s+", "", text)
    text = re.sub(r"\s*(['\u2019]s|['\u2019])$", "", text)
    return " ".join(text.split())


_LEADING_THE = re.compile(r"^(?:the|The)\s+")
#: A possessive, also as tokenised text writes it ("Romney 's"), or a dateline's dash.
_TRAILING_POSSESSIVE = re.compile(r"(?:\s*['\u2019]s|(?<=s)['\u2019]|\s*[-\u2013\u2014:,;]+)$")


def _name_bounds(span: Span) -> tuple[int, int]:
    """Character offsets of the name itself: "the United States" -> "United States", "Bush's" ->
    "Bush", "NEW YORK -" -> "NEW YORK" (the article, the possessive and a dateline's dash are not
    part of what is named). A capitalised "The"
    stays on organisations, whose names often carry it ("The Associated Press")."""
    start, end, text = span.start_char, span.end_char, span.text
    lead = _LEADING_THE.match(text)
    if lead and text.startswith("The") and span.label_ == "ORG":
        lead = None
    if lead and lead.end() < len(text):
        start += lead.end()
    trail = _TRAILING_POSSESSIVE.search(text)
    if trail and start < end - (len(text) - trail.start()):
        end -= len(text) - trail.start()
    return start, end


def to_analysis(doc: Doc, document: Document) -> Analysis:
    sent_start_token: dict[int, int] = {}
    sentences: list[Sentence] = []
    for n, sent in enumerate(doc.sents):
        sentences.append(Sentence(sent.start_char, sent.end_char, sent.start, sent.end))
        sent_start_token[sent.start] = n
    sent_of: list[int] = []
    current = 0
    for tok in doc:
        current = sent_start_token.get(tok.i, current)
        sent_of.append(current)

    tokens = tuple(
        Token(
            i=t.i,
            text=t.text,
            idx=t.idx,
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            sent=sent_of[t.i],
            ent_type=t.ent_type_,
        )
        for t in doc
    )

    mentions: list[Mention] = []
    for ent in doc.ents:
        kind = _LABEL_KIND.get(ent.label_)
        if kind is None:
            continue
        lookup = _lookup_text(ent)
        if not lookup:
            continue
        start, end = _name_bounds(ent)
        mentions.append(
            Mention(
                start=start,
                end=end,
                text=doc_text(doc)[start:end],
                kind=kind,
                sentence=sent_of[ent.start],
                lookup=lookup,
                qid_hint=ent.ent_id_ or None,
            )
        )
    mentions.extend(doc._.geokg_titles or ())
    mentions.sort(key=lambda m: (m.start, -m.end))
    return Analysis(
        document=document,
        tokens=tokens,
        sentences=tuple(sentences),
        mentions=tuple(mentions),
        quotes=tuple(doc._.geokg_quotes or ()),
    )
