"""The text of a spaCy Doc, read once.

Input: a Doc. Output: its text. spaCy's `Doc.text` joins every token's text on each access, so
code that slices it per mention or per quote pays the whole document each time (measured: two
thirds of geokg's own NLP time on Wikinews before this cache). The text cannot change once the
Doc exists, so it is kept in `doc.user_data`.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "geokg_text"


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
