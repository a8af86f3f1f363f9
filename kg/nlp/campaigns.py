"""Campaign organisations: "the Clinton campaign", "Donald Trump's presidential campaign".

Input: a spaCy Doc after NER and name repair. Output: the same Doc where a person's name that
heads a campaign ("The Trump campaign said", "Clinton's campaign called ...") is replaced by one
ORG entity for the campaign, from the name to the word "campaign". News quotes campaigns as
speakers; the campaign is an organisation in its own right, not the candidate, and without an
entity of its own such a statement would have no speaker at all (and "the campaign said" later in
the article nothing to resolve to). The linker links or NILs it like any organisation name.

Only where "campaign" heads its noun phrase: in "Clinton campaign manager Robby Mook" or "the
Trump campaign's website" the phrase is about someone or something else, and the name stays a
person.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

#: Words that may stand between the name and "campaign" ("Trump's presidential campaign").
_CAMPAIGN_MODIFIERS = {
    "presidential", "reelection", "re-election", "election", "senate", "gubernatorial", "mayoral",
    "congressional", "primary", "national", "own",
}
_POSSESSIVES = {"'s", "\u2019s", "'", "\u2019"}
#: What may follow "campaign" and still leave it the head of its phrase.
_AFTER_OK_POS = {"VERB", "AUX", "PUNCT", "ADP", "CCONJ", "ADV", "PART", "SCONJ", "PRON", "DET", "SPACE"}


def _campaign_span(doc: Doc, word: int) -> Span | None:
    """The ORG span for the campaign word at token `word`, or None when no person's name is its
    owner or the word is not the head of its phrase."""
    tok = doc[word]
    if tok.dep_ == "compound" or tok.pos_ not in {"NOUN", "PROPN"}:
        return None
    if word + 1 < len(doc):
        nxt = doc[word + 1]
        if nxt.text in _POSSESSIVES or (nxt.pos_ not in _AFTER_OK_POS and not nxt.is_punct):
            return None  # "the Trump campaign's website", "the Clinton campaign ad"
    k = word - 1
    while k >= 0 and doc[k].lower_ in _CAMPAIGN_MODIFIERS:
        k -= 1
    if k < 0:
        return None
    # the NER's PERSON span may or may not take in the possessive ("Jeb Bush's")
    owner = next((e for e in doc.ents if e.start <= k < e.end), None)
    if owner is None and doc[k].text in _POSSESSIVES and k > 0:
        owner = next((e for e in doc.ents if e.start <= k - 1 < e.end), None)
        k -= 1
    if owner is None or owner.label_ != "PERSON" or owner.end - 1 != k:
        return None
    return Span(doc, owner.start, word + 1, label="ORG")


def find_campaigns(doc: Doc) -> Doc:
    """Replace a person's name that owns a campaign by an ORG entity for the campaign."""
    found = [s for t in doc if t.lower_ == "campaign" and (s := _campaign_span(doc, t.i)) is not None]
    if not found:
        return doc
    taken = {i for s in found for i in range(s.start, s.end)}
    kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
    doc.ents = sorted([*kept, *found], key=lambda e: e.start)
    return doc
