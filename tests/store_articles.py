"""Hand-built articles for the store, query and server tests (no spaCy needed).

Besides `rdf.small_article` (Trump and Macron in Paris, June 2025), two invented articles about
Iraq: in January 2020 acting Prime Minister Adil Abdul-Mahdi meets U.S. Secretary of State Mike
Pompeo, Iraq and the United States plan talks, parliament passes a resolution targeting the U.S.,
and an unlinked cleric speaks about Trump; in February 2020 Mohammed Allawi is reported as the
new Prime Minister and Abdul-Mahdi as the former one. Offsets are computed from the texts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from rdf.small_article import RUSSIA, TRUMP, TRUMP_SHORT, US, span

from kg.model import (
    ArticleResult,
    Document,
    Entity,
    LegislationFact,
    Meeting,
    OfficeHolding,
    Statement,
)

IRAQ = Entity(key="Q796", kind="country", label="Iraq", qid="Q796")
BAGHDAD = Entity(key="Q1530", kind="place", label="Baghdad", qid="Q1530")
POMPEO = Entity(key="Q473239", kind="person", label="Mike Pompeo", qid="Q473239")
SECSTATE = Entity(key="Q14213", kind="office", label="United States Secretary of State", qid="Q14213", jurisdiction="Q30")
MAHDI = Entity(key="Q4685186", kind="person", label="Adil Abdul-Mahdi", qid="Q4685186")
IRAQ_PM = Entity(key="Q1368020", kind="office", label="Prime Minister of Iraq", qid="Q1368020", jurisdiction="Q796")
ALLAWI = Entity(key="Q6891791", kind="person", label="Mohammed Tawfiq Allawi", qid="Q6891791")
CLERIC = Entity(key="person/ali-hassan", kind="person", label="Ali Hassan")
PARLIAMENT = Entity(key="Q1133045", kind="organization", label="Council of Representatives of Iraq", qid="Q1133045")
RESOLUTION = Entity(key="legislation/troop-withdrawal-resolution", kind="legislation", label="troop withdrawal resolution")

IRAQ_TEXT = (
    "Iraqi acting Prime Minister Adil Abdul-Mahdi met U.S. Secretary of State Mike Pompeo in Baghdad on "
    "January 5 to discuss U.S. troops. "
    '"Our sovereignty is not negotiable," Abdul-Mahdi said on January 5. '
    "Iraq and the United States plan talks on the security agreement. "
    "Parliament passed the troop withdrawal resolution, which targets the United States. "
    '"Trump must listen," cleric Ali Hassan said.'
)
IRAQ_ID = "b2b2b2b2b2b2b2b2"
LATER_TEXT = "Iraqi Prime Minister Mohammed Tawfiq Allawi replaced former Prime Minister Adil Abdul-Mahdi."
LATER_ID = "c3c3c3c3c3c3c3c3"


def iraq_result() -> ArticleResult:
    doc = Document(
        id=IRAQ_ID, text=IRAQ_TEXT, source="tests/iraq", headline="Iraq's premier meets Pompeo",
        date=dt.date(2020, 1, 6), url="https://example.com/news/iraq-pompeo",
    )
    t = IRAQ_TEXT
    pm_span = span("Iraqi acting Prime Minister Adil Abdul-Mahdi", t)
    pompeo_span = span("U.S. Secretary of State Mike Pompeo", t)
    meeting1 = span("Iraqi acting Prime Minister Adil Abdul-Mahdi met U.S. Secretary of State Mike Pompeo in Baghdad on "
                    "January 5 to discuss U.S. troops.", t)
    meeting2 = span("Iraq and the United States plan talks on the security agreement.", t)
    quote1 = span('"Our sovereignty is not negotiable,"', t)
    quote2 = span('"Trump must listen,"', t)
    act = span("Parliament passed the troop withdrawal resolution, which targets the United States.", t)
    return ArticleResult(
        document=doc,
        entities=(IRAQ, BAGHDAD, POMPEO, SECSTATE, MAHDI, IRAQ_PM, CLERIC, PARLIAMENT, RESOLUTION, US, TRUMP_SHORT),
        statements=(
            Statement(speaker=MAHDI, content="Our sovereignty is not negotiable,", quote_type="direct", cue="say",
                      start=quote1[0], end=quote1[1], speaker_role=IRAQ_PM, date=dt.date(2020, 1, 5), about=(US,)),
            Statement(speaker=CLERIC, content="Trump must listen,", quote_type="direct", cue="say",
                      start=quote2[0], end=quote2[1], about=(TRUMP_SHORT,)),
        ),
        holdings=(
            OfficeHolding(holder=MAHDI, office=IRAQ_PM, status="acting", start=pm_span[0], end=pm_span[1]),
            OfficeHolding(holder=POMPEO, office=SECSTATE, status="current", start=pompeo_span[0], end=pompeo_span[1],
                          jurisdiction=US),
        ),
        meetings=(
            Meeting(participants=(MAHDI, POMPEO), status="held", start=meeting1[0], end=meeting1[1], place=BAGHDAD,
                    date=dt.date(2020, 1, 5), topic="U.S. troops"),
            Meeting(participants=(IRAQ, US), status="planned", start=meeting2[0], end=meeting2[1],
                    topic="the security agreement"),
        ),
        legislation=(
            LegislationFact(legislation=RESOLUTION, start=act[0], end=act[1], status="passed", jurisdiction=IRAQ,
                            legislature=PARLIAMENT, targets=(US,)),
        ),
    )


def later_result() -> ArticleResult:
    doc = Document(id=LATER_ID, text=LATER_TEXT, source="tests/later", headline="Allawi named premier",
                   date=dt.date(2020, 2, 1))
    new = span("Iraqi Prime Minister Mohammed Tawfiq Allawi", LATER_TEXT)
    old = span("former Prime Minister Adil Abdul-Mahdi", LATER_TEXT)
    return ArticleResult(
        document=doc,
        entities=(IRAQ, ALLAWI, MAHDI, IRAQ_PM),
        holdings=(
            OfficeHolding(holder=ALLAWI, office=IRAQ_PM, status="current", start=new[0], end=new[1], jurisdiction=IRAQ),
            OfficeHolding(holder=MAHDI, office=IRAQ_PM, status="former", start=old[0], end=old[1], jurisdiction=IRAQ),
        ),
    )


def revised_iraq_result() -> ArticleResult:
    """The Iraq article rebuilt after a correction: the cleric's quote and the planned talks are gone."""
    result = iraq_result()
    return dataclasses.replace(
        result,
        entities=tuple(e for e in result.entities if e not in (CLERIC, TRUMP_SHORT)),
        statements=result.statements[:1],
        meetings=result.meetings[:1],
    )


__all__ = ["ALLAWI", "CLERIC", "IRAQ", "MAHDI", "POMPEO", "RUSSIA", "TRUMP", "iraq_result", "later_result",
           "revised_iraq_result"]
