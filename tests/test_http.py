"""Pieces of the polite HTTP client that need no server (the loopback tests are in tests/link and
tests/gazetteer)."""

from __future__ import annotations

import email.utils
import time

from kg import __version__
from kg.http import retry_after_seconds, user_agent


def test_user_agent_names_geokg_its_version_and_a_contact() -> None:
    ua = user_agent("testing")
    assert ua == f"geokg/{__version__} (https://w3id.org/geokg; testing)"


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after_seconds("5") == 5.0 and retry_after_seconds(" 0 ") == 0.0
    later = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= (retry_after_seconds(later) or 0) <= 31
    assert retry_after_seconds(email.utils.formatdate(time.time() - 60, usegmt=True)) == 0.0
    assert retry_after_seconds(None) is None and retry_after_seconds("soon") is None
