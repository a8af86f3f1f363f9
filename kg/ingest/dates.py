"""Publication dates as news pages and feeds write them.

Input: a string such as "June 11, 2025", "Jun. 11, 2025", "11 June 2025", "2025-06-11",
"2025-06-11T09:23:00Z" or "Wed, 11 Jun 2025 09:23:00 GMT". Output: a `datetime.date`, or None when
the string is not a date. Standard library and regular expressions only: the forms are few and a
general date parser would also "find" dates in text that holds none.

A datetime keeps the calendar date as written (no conversion to UTC): the date a publisher prints
is the publication date its readers saw. All-numeric day/month orders are read only when they
cannot be misread ("31/12/2025"; "11.06.2025" is day.month.year as in European usage); "06/11/2025"
is ambiguous and gives None rather than a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"(?<![\d/.-])(?P<year>\d{4})([-/])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?![\d/-])")),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)),
    ("dotted", re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})(?![\d.])")),
    ("slashed", re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})(?![\d/])")),
)

_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?"
_TIME = (
    r"\d{1,2}(?::\d{2}){1,2}(?:\.\d+)?(?:\s*[ap]\.?\s?m\.?)?"
    r"|\d{1,2}\.\d{2}(?:\s*[ap]\.?\s?m\.?)?(?![\d.])"  # "14.05 BST" (British usage)
    r"|\d{1,2}\s*[ap]\.?\s?m\.?"
)
_ZONE = r"Z|[+-]\d{2}:?\d{2}|UTC|GMT|[ECMP][SD]?T|CES?T|BST|EES?T|MSK|IST|JST|KST"
#: What may surround a date in a date-only string: weekday, time, zone, "at", punctuation.
_DATE_RESIDUE = re.compile(
    rf"(?:\b{_WEEKDAY}\b|(?<![\d:]){_TIME}|(?<![A-Za-z])(?:{_ZONE})(?![A-Za-z])|\bat\b|\bon\b|[\s,.|•·()\[\]T-])*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMatch:
    """A date found in a longer string; `start`/`end` are character offsets (end exclusive)."""

    date: dt.date
    start: int
    end: int


def _to_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # "February 30", month 13...
        return None


def _match_date(kind: str, m: re.Match[str]) -> dt.date | None:
    year = int(m.group("year"))
    if not 1800 <= year <= 2200:
        return None
    if kind == "slashed":
        a, b = int(m.group("a")), int(m.group("b"))
        if a > 12 >= b:
            return _to_date(year, b, a)
        if b > 12 >= a:
            return _to_date(year, a, b)
        return None  # both readings possible (or neither): refuse to guess
    month = m.group("month")
    month_no = int(month) if month.isdigit() else _MONTHS[month.lower()]
    return _to_date(year, month_no, int(m.group("day")))


def find_dates(s: str) -> list[DateMatch]:
    """All dates written in `s`, left to right, without overlaps."""
    found: list[DateMatch] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(s):
            date = _match_date(kind, m)
            if date is None:
                continue
            if any(m.start() < f.end and f.start < m.end() for f in found):
                continue
            found.append(DateMatch(date, m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


def strip_date_residue(s: str) -> str:
    """`s` without weekdays, clock times, time zones and punctuation (what a dateline adds)."""
    return _DATE_RESIDUE.sub(" ", s).strip()


def parse_date(s: str) -> dt.date | None:
    """The date `s` consists of (a weekday, clock time and zone may come with it), else None."""
    if not isinstance(s, str):
        return None
    matches = find_dates(s)
    if len(matches) != 1:
        return None
    m = matches[0]
    if strip_date_residue(s[: m.start] + " " + s[m.end :]):
        return None
    return m.date
