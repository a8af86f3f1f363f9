import datetime as dt

import pytest

from kg.extract.dates import resolve_date, resolve_dates

PUB = dt.date(2025, 6, 11)  # a Wednesday


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("June 10", [dt.date(2025, 6, 10)]),
        ("Feb. 18", [dt.date(2025, 2, 18)]),
        ("Feb. 27 and April 10", [dt.date(2025, 2, 27), dt.date(2025, 4, 10)]),
        ("10 June", [dt.date(2025, 6, 10)]),
        ("June 10, 2024", [dt.date(2024, 6, 10)]),
        ("2025-06-05", [dt.date(2025, 6, 5)]),
        ("Dec. 28", [dt.date(2024, 12, 28)]),  # a past date in June is last December's
        ("Tuesday", [dt.date(2025, 6, 10)]),
        ("yesterday", [dt.date(2025, 6, 10)]),
        ("October 2024", []),  # no day: nothing invented
        ("the past day", []),
    ],
)
def test_resolve_dates(phrase: str, expected: list[dt.date]) -> None:
    assert resolve_dates(phrase, PUB) == expected


def test_future_tense_moves_forward() -> None:
    assert resolve_date("Jan. 5", PUB, future=True) == dt.date(2026, 1, 5)
    assert resolve_date("Friday", PUB, future=True) == dt.date(2025, 6, 13)


def test_without_publication_date_only_explicit_years_resolve() -> None:
    assert resolve_date("June 10", None) is None
    assert resolve_date("June 10, 2025", None) == dt.date(2025, 6, 10)


def test_single_date_helper_refuses_ambiguity() -> None:
    assert resolve_date("Feb. 27 and April 10", PUB) is None
    assert resolve_date("Feb. 31", PUB) is None
