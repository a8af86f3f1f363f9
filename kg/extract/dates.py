"""Resolution of date expressions against the article's publication date.

Input: a date phrase as written ("June 10", "Feb. 18", "Feb. 27 and April 10", "Tuesday",
"2025-06-10", "June 10, 2025") and the publication date. Output: calendar dates. A phrase
without a day ("October 2024", "last year") resolves to nothing: the contract's dates are
xsd:date, and a guessed day would be an invented fact.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

_MONTH = r"(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_MONTH_DAY = re.compile(_MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?\b", re.IGNORECASE)
_DAY_MONTH = re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+(?P<y>\d{4}))?\b", re.IGNORECASE)
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_WEEKDAY = re.compile(r"\b(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
# "Feb. 27 and April 10": a bare day after a conjunction belongs to the month before it.
_AND_DAY = re.compile(r"\b(?:and|&|,)\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|,\s*\d{4}))")


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _with_year(month: int, day: int, year: int | None, published: dt.date | None, future: bool) -> dt.date | None:
    if year is not None:
        return _safe(year, month, day)
    if published is None:
        return None
    candidate = _safe(published.year, month, day)
    if candidate is None:
        return None
    # A yearless date in news is the nearest one on the side the tense points to; allow a short
    # window past publication for past-tense reports filed around midnight or across time zones.
    if not future and candidate > published + dt.timedelta(days=2):
        candidate = _safe(published.year - 1, month, day)
    elif future and candidate < published - dt.timedelta(days=2):
        candidate = _safe(published.year + 1, month, day)
    return candidate


def resolve_dates(phrase: str, published: dt.date | None, future: bool = False) -> list[dt.date]:
    """All calendar dates a phrase names, in order of appearance, without duplicates."""
    found: list[tuple[int, dt.date]] = []
    for m in _ISO.finditer(phrase):
        d = _safe(int(m["y"]), int(m["m"]), int(m["d"]))
        if d:
            found.append((m.start(), d))
    for rx in (_MONTH_DAY, _DAY_MONTH):
        for m in rx.finditer(phrase):
            month = MONTHS[m["m"].lower().rstrip(".")]
            d = _with_year(month, int(m["d"]), int(m["y"]) if m["y"] else None, published, future)
            if d:
                found.append((m.start(), d))
                tail = phrase[m.end() : m.end() + 40]
                extra = _AND_DAY.match(tail)
                if extra and not _MONTH_DAY.match(tail.lstrip(" ,&and")):
                    d2 = _with_year(month, int(extra["d"]), int(m["y"]) if m["y"] else None, published, future)
                    if d2:
                        found.append((m.end() + extra.start(), d2))
    if not found and published is not None:
        low = phrase.lower()
        if re.search(r"\btoday\b|\btonight\b", low):
            found.append((0, published))
        elif re.search(r"\byesterday\b", low):
            found.append((0, published - dt.timedelta(days=1)))
        elif re.search(r"\btomorrow\b", low):
            found.append((0, published + dt.timedelta(days=1)))
        else:
            for m in _WEEKDAY.finditer(phrase):
                target = WEEKDAYS[m["w"].lower()]
                delta = (published.weekday() - target) % 7
                if future or re.search(r"\bnext\b", low):
                    d = published + dt.timedelta(days=(target - published.weekday()) % 7 or 7)
                else:
                    d = published - dt.timedelta(days=delta)
                found.append((m.start(), d))
    seen: set[dt.date] = set()
    out: list[dt.date] = []
    for _, d in sorted(found, key=lambda x: x[0]):
        if d not in seen:
            seen.add(d)
            out.append(d)
    return out


def resolve_date(phrase: str, published: dt.date | None, future: bool = False) -> dt.date | None:
    """The single date a phrase names, or None when it names none or several."""
    dates = resolve_dates(phrase, published, future)
    return dates[0] if len(dates) == 1 else None
