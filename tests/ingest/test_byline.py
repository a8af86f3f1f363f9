"""Bylines and time stamps: read when a line is only that, never when it is a sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.ingest.byline import parse_byline, parse_timestamp


@pytest.mark.parametrize(
    ("line", "authors", "date"),
    [
        ("by Anna Fratsyvir June 11, 2025 9:23 AM 2 min read", ("Anna Fratsyvir",), dt.date(2025, 6, 11)),
        ("By Jane Doe and John Roe | Published 11 June 2025", ("Jane Doe", "John Roe"), dt.date(2025, 6, 11)),
        ("By JANE DOE, Senior Correspondent", ("Jane Doe",), None),
        ("By Ursula von der Leyen", ("Ursula von der Leyen",), None),
        ("Words by Tom O’Neil • 3 min read", ("Tom O’Neil",), None),
        ("By Jane Doe - Updated June 12, 2025 - Published June 11, 2025", ("Jane Doe",), dt.date(2025, 6, 11)),
        ("Jane Doe | June 11, 2025", ("Jane Doe",), dt.date(2025, 6, 11)),
        ("By Reuters", (), None),  # an agency: a byline, but no person
    ],
)
def test_bylines(line, authors, date):
    byline = parse_byline(line)
    assert byline is not None
    assert byline.authors == authors
    assert byline.date == date


@pytest.mark.parametrize(
    "line",
    [
        "By Monday, Russia had launched 58 drones.",
        "By the end of June 2025, talks had stalled.",
        "By signing up you agree to our privacy policy",
        "Jane Doe said the talks would resume.",
        "Kyiv | Moscow",
        "",
    ],
)
def test_sentences_are_not_bylines(line):
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("12:31 PM", None),
        ("6:52 PM  (Updated: )", None),
        ("Updated: June 12, 2025", dt.date(2025, 6, 12)),
        ("Updated: June 12, 2025 | Published June 11, 2025", dt.date(2025, 6, 11)),
        ("Published 14 February 2025, 16:05 GMT", dt.date(2025, 2, 14)),
        ("3 hours ago", None),
        ("2 min read", None),
        ("Friday, January 4, 2019", dt.date(2019, 1, 4)),
    ],
)
def test_timestamps(line, date):
    assert parse_timestamp(line) == (True, date)


@pytest.mark.parametrize("line", ["Talks at 12:31 PM", "2025", "Today we learn.", "Ruslan Kravchenko approved."])
def test_not_timestamps(line):
    assert parse_timestamp(line)[0] is False
