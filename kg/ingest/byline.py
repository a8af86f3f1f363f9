"""Bylines and datelines of news pages.

Input: one line of page text. Output: the authors and publication date it states
(`parse_byline`: "by Anna Fratsyvir June 11, 2025 9:23 AM 2 min read", "By Jane Doe and John Roe |
Published 11 June 2025") or, for a line that is only a time stamp ("12:31 PM", "Updated: June 12,
2025", "3 hours ago", "2 min read"), whether it is one and its date (`parse_timestamp`). A line is
accepted only when nothing is left over once names, dates, times and labels are taken out, so a
sentence that happens to start with "By" is never read as a byline.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kg.ingest.dates import find_dates, strip_date_residue

_LABELS = re.compile(
    r"\b(?:first\s+published|last\s+updated|last\s+modified|published|updated|posted|modified|"
    r"created|edited|date)\b\s*:?",
    re.IGNORECASE,
)
_UPDATE_LABEL = re.compile(r"\b(?:updated|modified|edited)\b\s*:?\s*(?:on\s+|at\s+)?$", re.IGNORECASE)
_READING_TIME = re.compile(
    r"\b\d+\s*(?:-\s*)?(?:min(?:ute)?s?|hrs?|hours?)\.?\s+(?:read|listen|watch)\b|"
    r"\breading\s+time\s*:?\s*\d+\s*(?:min(?:ute)?s?)?\.?|\b(?:read|listen)\s+time\s*:?\s*\d+\s*min\w*",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"\b(?:\d+|an?|one)\s+(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?)\s+ago\b|"
    r"\b(?:just\s+now|yesterday|today)\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(
    r"(?<![\d:.])\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?\s?m\.?)?(?![\d:])|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s[|•·—–]\s|\s-\s|\|")
_BY = re.compile(r"^(?:written\s+|words\s+)?by\s*:?\s+(?P<rest>.+)$", re.IGNORECASE)

#: Words of job titles and desks that follow a name in a byline ("Jane Doe, Senior Correspondent").
_ROLE_WORDS = frozenset(
    "correspondent reporter editor editors writer staff journalist contributor columnist desk bureau "
    "chief senior news team analyst producer special international political diplomatic".split()
)
#: Lower-case particles inside personal names ("Ursula von der Leyen", "Ali bin Hassan").
_PARTICLES = frozenset("de da das do dos del della der den di du la le van von bin ibn al el y ter zu".split())
_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-z]?\.|[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*)$")
_MAX_BYLINE_WORDS = 30


@dataclass(frozen=True)
class Byline:
    authors: tuple[str, ...]
    date: dt.date | None


def _strip_stamp_parts(s: str) -> tuple[str, dt.date | None, bool]:
    """`s` without dates, times, labels, reading times; the date it gave; whether anything was taken."""
    dates = find_dates(s)
    chosen: dt.date | None = None
    for found in dates:  # a "Published" date wins over an "Updated" one
        if not _UPDATE_LABEL.search(s[: found.start]):
            chosen = found.date
            break
    if chosen is None and dates:
        chosen = dates[0].date
    rest = s
    for found in reversed(dates):
        rest = rest[: found.start] + " " + rest[found.end :]
    took = bool(dates)
    for pattern in (_READING_TIME, _RELATIVE, _CLOCK):
        rest, n = pattern.subn(" ", rest)
        took = took or n > 0
    rest = _LABELS.sub(" ", rest)
    return strip_date_residue(rest), chosen, took


def parse_timestamp(line: str) -> tuple[bool, dt.date | None]:
    """Whether `line` is only a time stamp (date, time, "Updated:", "2 min read"...), and its date."""
    rest, date, took = _strip_stamp_parts(line)
    if rest:
        return False, None
    # "Updated:" or "()" alone carry no time but are still stamp debris.
    return took or bool(_LABELS.search(line)) or not line.strip(" ()[]|:•·-"), date


def _looks_like_name(piece: str) -> bool:
    tokens = piece.split()
    if not 1 <= len(tokens) <= 5:
        return False
    capitalised = [t for t in tokens if _NAME_TOKEN.match(t)]
    others = [t for t in tokens if not _NAME_TOKEN.match(t)]
    return bool(capitalised) and all(t.lower() in _PARTICLES for t in others) and tokens[0] in capitalised


def _is_role(piece: str) -> bool:
    return any(word.lower().strip(".") in _ROLE_WORDS for word in piece.split())


def _display_name(piece: str) -> str:
    # "ANNA FRATSYVIR" -> "Anna Fratsyvir"; mixed case is kept as the outlet wrote it.
    return piece.title() if piece.isupper() and len(piece) > 3 else piece


def _names(part: str) -> tuple[str, ...] | None:
    """Person names in the name part of a byline, or None when the part is not a name list."""
    part = part.strip(" ,;:")
    if not part:
        return ()
    authors: list[str] = []
    for piece in re.split(r"\s*(?:,|;|&|\band\b)\s*", part):
        piece = piece.strip()
        if not piece:
            continue
        if _is_role(piece):
            continue
        if not _looks_like_name(piece):
            return None
        if len(piece.split()) >= 2:  # one word is an outlet or agency ("Reuters"), not a person
            authors.append(_display_name(piece))
    return tuple(authors)


def _split_name_part(rest: str) -> tuple[str, str]:
    """Split the text after "By" into the name part and what follows (dates, times, labels)."""
    cut = len(rest)
    for pattern in (_SEPARATORS, _LABELS, _READING_TIME, _CLOCK, _RELATIVE):
        m = pattern.search(rest)
        if m:
            cut = min(cut, m.start())
    dates = find_dates(rest)
    if dates:
        cut = min(cut, dates[0].start)
    return rest[:cut], rest[cut:]


def parse_byline(line: str) -> Byline | None:
    """Authors and date stated by a byline line, or None when `line` is not a byline."""
    line = line.strip()
    if not line or len(line.split()) > _MAX_BYLINE_WORDS:
        return None
    by = _BY.match(line)
    if by:
        name_part, tail = _split_name_part(by.group("rest"))
        authors = _names(name_part)
        if authors is None:
            return None
        leftover, date, _ = _strip_stamp_parts(_SEPARATORS.sub(" ", tail))
        if leftover:
            return None
        if not name_part.strip() and date is None:
            return None
        return Byline(authors, date)
    # "Jane Doe | June 11, 2025": a name list, a separator, then only a stamp.
    parts = _SEPARATORS.split(line, maxsplit=1)
    if len(parts) != 2:
        return None
    authors = _names(parts[0])
    if not authors:
        return None
    leftover, date, took = _strip_stamp_parts(_SEPARATORS.sub(" ", parts[1]))
    if leftover or not took:
        return None
    return Byline(authors, date)
