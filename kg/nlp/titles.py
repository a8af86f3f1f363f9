"""Office titles in a parsed document ("Russian Ambassador to the United States Alexander Darchiev").

Input: a spaCy Doc whose entities are set (NER plus the gazetteer ruler). Output: office
`Mention`s with the role key in `lookup`, the spans of the jurisdiction ("Russian", "Ukraine's",
"of Ukraine") and destination ("to the United States"), the status modifier ("former", "new") and
the person the title is attached to (a name right after the title, or an apposition before it).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kg.lexicon import LOWERCASE_TITLES, STATUS_MODIFIERS, TITLE_ROLES
from kg.model import Mention

_MAX_TITLE_TOKENS = max(len(form.split()) for form in TITLE_ROLES)
_JURISDICTION_LABELS = {"GPE", "NORP"}
_ORG_LABELS = {"ORG"}


class _EntIndex:
    """Entities by first and last token, so lookups stay O(1) on long documents."""

    def __init__(self, doc: Doc) -> None:
        self.by_start = {ent.start: ent for ent in doc.ents}
        self.by_last = {ent.end - 1: ent for ent in doc.ents}

    def ending_at(self, i: int, labels: set[str]) -> Span | None:
        ent = self.by_last.get(i)
        return ent if ent is not None and ent.label_ in labels else None

    def starting_at(self, i: int, labels: set[str]) -> Span | None:
        ent = self.by_start.get(i)
        return ent if ent is not None and ent.label_ in labels else None


#: The first word of every title form: most tokens start none, and need no span built.
_FIRST_WORDS = frozenset(re.split(r"[\s-]", form, maxsplit=1)[0] for form in TITLE_ROLES)


def _match_title(doc: Doc, i: int) -> tuple[int, str] | None:
    """Longest title form starting at token i: (end token, surface form)."""
    if doc[i].lower_ not in _FIRST_WORDS:
        return None
    for size in range(min(_MAX_TITLE_TOKENS + 2, len(doc) - i), 0, -1):
        span = doc[i : i + size]
        form = " ".join(span.text.lower().replace("-", " - ").split()).replace(" - ", "-")
        if form not in TITLE_ROLES:
            continue
        first = doc[i]
        if i > 0 and (doc[i - 1].like_num or ":" in doc[i - 1].text) and form == "pm":
            return None  # "12:31 PM" is a time
        if not first.text[:1].isupper():
            # Lower-case "the ambassador noted" is a title; "minister" in running text often not.
            if form not in LOWERCASE_TITLES or i == 0:
                return None
            prev = doc[i - 1]
            if not (
                prev.lower_ in {"the", "'s", "’s"}
                or prev.lower_ in STATUS_MODIFIERS
                or prev.ent_type_ in _JURISDICTION_LABELS | _ORG_LABELS
            ):
                return None
        return i + size, form
    return None


def find_titles(doc: Doc) -> list[Mention]:
    """Office mentions in `doc`, left to right, non-overlapping."""
    mentions: list[Mention] = []
    ents = _EntIndex(doc)
    sent_index = {s.start: n for n, s in enumerate(doc.sents)}
    sent_of = {}
    current = 0
    for tok in doc:
        if tok.i in sent_index:
            current = sent_index[tok.i]
        sent_of[tok.i] = current

    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.ent_type_ == "PERSON" or tok.is_punct or tok.is_space:
            i += 1
            continue
        match = _match_title(doc, i)
        if match is None:
            i += 1
            continue
        end, form = match
        start = i
        modifier: str | None = None
        jurisdiction: tuple[int, int] | None = None
        destination: tuple[int, int] | None = None

        # Left context: "former", "acting", "Ukraine's new", "Russian", "U.S.", "then-".
        j = start - 1
        while j >= 0:
            t = doc[j]
            low = t.lower_
            if low in STATUS_MODIFIERS and modifier is None:
                modifier = STATUS_MODIFIERS[low]
                start = j
                j -= 1
                continue
            if low == "-" and j > 0 and doc[j - 1].lower_ in STATUS_MODIFIERS:
                j -= 1
                continue
            if low in {"'s", "’s"} and j > 0 and jurisdiction is None:
                ent = ents.ending_at(j - 1, _JURISDICTION_LABELS | _ORG_LABELS)
                if ent is not None:
                    jurisdiction = (ent.start_char, ent.end_char)
                    start = ent.start
                    j = ent.start - 1
                    continue
                break
            if jurisdiction is None:
                ent = ents.ending_at(j, _JURISDICTION_LABELS | _ORG_LABELS)
                if ent is not None and ent.label_ in _JURISDICTION_LABELS | _ORG_LABELS:
                    jurisdiction = (ent.start_char, ent.end_char)
                    start = ent.start
                    j = ent.start - 1
                    continue
            break
        if start < len(doc) and doc[start].lower_ in {"the"}:
            start += 1

        # Right context: "of Ukraine", "to the United States", "of NATO".
        if end < len(doc) and doc[end].lower_ in {"of", "to"}:
            k = end + 1
            if k < len(doc) and doc[k].lower_ == "the" and doc[k].ent_type_ == "":
                k += 1
            ent = ents.starting_at(k, _JURISDICTION_LABELS | _ORG_LABELS)
            if ent is None and k > end + 1:
                ent = ents.starting_at(end + 1, _JURISDICTION_LABELS | _ORG_LABELS)
            if ent is not None:
                span = (ent.start_char, ent.end_char)
                if doc[end].lower_ == "to":
                    destination = span
                elif jurisdiction is None:
                    jurisdiction = span
                else:
                    destination = span
                end = ent.end

        # Holder: a person name right after the title ("President Donald Trump", "Sen. Graham",
        # "(Russian President Vladimir) Putin"), or an apposition before it ("Darchiev, the envoy").
        holder: tuple[int, int] | None = None
        k = end
        if k < len(doc) and doc[k].ent_type_ == "PERSON" and doc[k].ent_iob_ == "B":
            ent = ents.starting_at(k, {"PERSON"})
            if ent is not None:
                holder = (ent.start_char, ent.end_char)
        elif k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].ent_type_ == "PERSON":
            # Apposition after the title: "a State Department spokesperson, Morgan Ortagus,".
            ent = ents.starting_at(k + 1, {"PERSON"})
            if ent is not None:
                holder = (ent.start_char, ent.end_char)
        elif start >= 2 and doc[start - 1].text == ",":
            j = start - 1
            ent = ents.ending_at(j - 1, {"PERSON"})
            if ent is not None:
                holder = (ent.start_char, ent.end_char)
        elif start >= 3 and doc[start - 1].lower_ in {"a", "the"} and doc[start - 2].text == ",":
            ent = ents.ending_at(start - 3, {"PERSON"})
            if ent is not None:
                holder = (ent.start_char, ent.end_char)

        if form in {"president-elect"} or doc[end - 1].lower_.endswith("-elect"):
            modifier = modifier or "incoming"
        span = doc[start:end]
        mentions.append(
            Mention(
                start=span.start_char,
                end=span.end_char,
                text=span.text,
                kind="office",
                sentence=sent_of[start],
                lookup=TITLE_ROLES[form],
                jurisdiction_span=jurisdiction,
                destination_span=destination,
                holder_span=holder,
                modifier=modifier,
            )
        )
        i = end
    return mentions
