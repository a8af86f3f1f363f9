"""Publication dates in the forms news pages, feeds and JSON records write them."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.ingest.dates import find_dates, parse_date

JUNE_11 = dt.date(2025, 6, 11)


@pytest.mark.parametrize(
    "text",
    [
        "June 11, 2025",
        "2025-06-11",
        "2025-06-11T09:23:00Z",
        "2025-06-11T23:30:00-05:00",  # the date as written, not converted to UTC
        "2025-06-11 09:23:00",
        "11 June 2025",
        "Jun. 11, 2025",
        "Jun 11 2025",
        "June 11th, 2025",
        "11th of June 2025",
        "Wednesday, June 11, 2025",
        "Wed, 11 Jun 2025 09:23:00 GMT",
        "June 11, 2025 9:23 AM",
        "June 11, 2025, 9:23 a.m. EDT",
        "2025/06/11",
        "11.06.2025",
        "  june 11, 2025  ",
    ],
)
def test_forms(text):
    assert parse_date(text) == JUNE_11


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "2025",
        "June 2025",
        "06/11/2025",  # day/month or month/day: refuse to guess
        "2025-02-30",
        "February 30, 2025",
        "June 11, 2025 talks",  # a date inside text is not a date string
        "June 11, 2025 and June 12, 2025",
        "20250611",
    ],
)
def test_not_dates(text):
    assert parse_date(text) is None


def test_unambiguous_numeric_order():
    assert parse_date("31/12/2024") == dt.date(2024, 12, 31)
    assert parse_date("12/31/2024") == dt.date(2024, 12, 31)


def test_find_dates_in_a_byline():
    line = "by Anna Fratsyvir June 11, 2025 9:23 AM 2 min read"
    (found,) = find_dates(line)
    assert found.date == JUNE_11
    assert line[found.start : found.end] == "June 11, 2025"


def test_find_dates_in_text_without_overlaps():
    text = "Talks on Feb. 18, 2025 in Riyadh and on 2025-04-10 in Istanbul."
    assert [f.date for f in find_dates(text)] == [dt.date(2025, 2, 18), dt.date(2025, 4, 10)]


def test_non_string():
    assert parse_date(None) is None  # type: ignore[arg-type]
