"""A hand-built ArticleResult for the RDF, validation and query tests (no spaCy needed).

One short article with: a linked person (Donald Trump, Q22686) quoted directly in his role as
U.S. President, a NIL person (Jane Doe) quoted indirectly through an interview medium, an
unattributed quote, two office holdings (one office with a jurisdiction), a meeting and a
legislation fact. Offsets are computed from the text, so they are right by construction.
"""

from __future__ import annotations

import datetime as dt

from kg.model import (
    ArticleResult,
    Document,
    Entity,
    LegislationFact,
    Meeting,
    OfficeHolding,
    Statement,
)

TEXT = (
    'U.S. President Donald Trump said on Tuesday that "the talks were productive." '
    "Jane Doe, the mayor of Springfield, told Reuters the city would comply. "
    "Trump met French President Emmanuel Macron in Paris on June 10 to discuss trade. "
    "The Senate passed the Russia Sanctions Act, sponsored by Jane Doe, on Monday. "
    '"We will not back down," a statement read.'
)
DOC_ID = "a1b2c3d4e5f60718"

TRUMP = Entity(key="Q22686", kind="person", label="Donald Trump", qid="Q22686")
TRUMP_SHORT = Entity(key="Q22686", kind="person", label="Trump", qid="Q22686")
DOE = Entity(key="person/jane-doe", kind="person", label="Jane Doe")
US = Entity(key="Q30", kind="country", label="United States", qid="Q30")
US_PRESIDENT = Entity(key="Q11696", kind="office", label="President of the United States", qid="Q11696", jurisdiction="Q30")
MAYOR = Entity(key="office/mayor-of-springfield", kind="office", label="mayor of Springfield")
REUTERS = Entity(key="Q130879", kind="organization", label="Reuters", qid="Q130879")
FRANCE = Entity(key="Q142", kind="country", label="France", qid="Q142")
MACRON = Entity(key="Q3052772", kind="person", label="Emmanuel Macron", qid="Q3052772")
FR_PRESIDENT = Entity(key="Q191954", kind="office", label="President of France", qid="Q191954", jurisdiction="Q142")
PARIS = Entity(key="Q90", kind="place", label="Paris", qid="Q90")
SENATE = Entity(key="Q66096", kind="organization", label="United States Senate", qid="Q66096")
SANCTIONS_ACT = Entity(key="legislation/russia-sanctions-act", kind="legislation", label="Russia Sanctions Act")
RUSSIA = Entity(key="Q159", kind="country", label="Russia", qid="Q159")


def span(needle: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def small_result() -> ArticleResult:
    quote1 = span('"the talks were productive."')
    quote2 = span("the city would comply")
    quote3 = span('"We will not back down,"')
    holding1 = span("U.S. President Donald Trump")
    holding2 = span("French President Emmanuel Macron")
    meeting = span("Trump met French President Emmanuel Macron in Paris on June 10 to discuss trade.")
    act = span("The Senate passed the Russia Sanctions Act, sponsored by Jane Doe, on Monday.")
    document = Document(
        id=DOC_ID,
        text=TEXT,
        source="tests/small_article",
        headline="Trump and Macron meet in Paris",
        authors=("Sam Writer", "Reuters"),
        date=dt.date(2025, 6, 11),
        url="https://example.com/news/trump-macron",
    )
    return ArticleResult(
        document=document,
        entities=(TRUMP, TRUMP_SHORT, DOE, US, US_PRESIDENT, MAYOR, REUTERS, FRANCE, MACRON, FR_PRESIDENT,
                  PARIS, SENATE, SANCTIONS_ACT, RUSSIA),
        statements=(
            Statement(speaker=TRUMP, content="the talks were productive.", quote_type="direct", cue="say",
                      start=quote1[0], end=quote1[1], speaker_role=US_PRESIDENT, date=dt.date(2025, 6, 10),
                      about=(MACRON,)),
            Statement(speaker=DOE, content="the city would comply", quote_type="indirect", cue="tell",
                      start=quote2[0], end=quote2[1], speaker_role=MAYOR, medium=REUTERS),
            Statement(speaker=None, content="We will not back down,", quote_type="direct", cue="read",
                      start=quote3[0], end=quote3[1]),
        ),
        holdings=(
            OfficeHolding(holder=TRUMP, office=US_PRESIDENT, status="current", start=holding1[0], end=holding1[1],
                          jurisdiction=US),
            OfficeHolding(holder=MACRON, office=FR_PRESIDENT, status="current", start=holding2[0], end=holding2[1],
                          jurisdiction=FRANCE),
        ),
        meetings=(
            Meeting(participants=(TRUMP, MACRON), status="held", start=meeting[0], end=meeting[1], place=PARIS,
                    date=dt.date(2025, 6, 10), topic="trade"),
        ),
        legislation=(
            LegislationFact(legislation=SANCTIONS_ACT, start=act[0], end=act[1], status="passed", jurisdiction=US,
                            legislature=SENATE, sponsors=(DOE,), targets=(RUSSIA,)),
        ),
    )
