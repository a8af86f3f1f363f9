"""Extraction stage: linked mentions -> statements, office holdings, meetings, legislation.

Input: `Linked` (plain data). Output: `ArticleResult`, everything the RDF stage needs for one
article's named graph.
"""

from __future__ import annotations

from kg.extract.holdings import extract_holdings
from kg.extract.legislation import extract_legislation
from kg.extract.meetings import extract_meetings
from kg.extract.statements import extract_statements
from kg.extract.view import ArticleView
from kg.model import ArticleResult, Entity, Linked


def extract(linked: Linked) -> ArticleResult:
    view = ArticleView(linked)
    statements, notes = extract_statements(view)
    holdings = extract_holdings(view)
    meetings = extract_meetings(view)
    legislation = extract_legislation(view)

    entities: dict[str, Entity] = {}

    def add(e: Entity | None) -> None:
        if e is not None:
            entities.setdefault(e.key, e)

    for lm in linked.mentions:
        add(lm.entity)
    for s in statements:
        for e in (s.speaker, s.speaker_role, s.place, s.medium, *s.about):
            add(e)
    for h in holdings:
        for e in (h.holder, h.office, h.jurisdiction):
            add(e)
    for m in meetings:
        for e in (m.place, *m.participants):
            add(e)
    for f in legislation:
        for e in (f.legislation, f.jurisdiction, f.legislature, *f.sponsors, *f.targets):
            add(e)
    return ArticleResult(
        document=linked.analysis.document,
        entities=tuple(sorted(entities.values(), key=lambda e: e.key)),
        mentions=linked.mentions,
        statements=tuple(statements),
        holdings=tuple(holdings),
        meetings=tuple(meetings),
        legislation=tuple(legislation),
        notes=tuple(notes),
    )
