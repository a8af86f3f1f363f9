"""Hand-made analyses for linker tests: mentions placed by their surface, no spaCy."""

from __future__ import annotations

import datetime as dt

from kg.model import Analysis, Document, Mention

DAY = dt.date(2025, 6, 11)


def analyse(text: str, spans: list[tuple], date: dt.date | None = DAY) -> Analysis:
    """Mentions from (surface, kind) or (surface, kind, Mention keyword arguments), in text order."""
    mentions, cursor = [], 0
    for surface, kind, *extra in spans:
        options = dict(extra[0]) if extra else {}
        start = text.index(surface, cursor)
        # A title contains the names after it; other mentions move the search on.
        cursor = start if kind == "office" else start + len(surface)
        lookup = options.pop("lookup", surface)
        mentions.append(Mention(start, start + len(surface), surface, kind, 0, lookup=lookup, **options))
    doc = Document(id="t", text=text, source="test", date=date)
    return Analysis(document=doc, tokens=(), sentences=(), mentions=tuple(mentions))
