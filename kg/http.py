"""Polite HTTP GET of JSON for the parts of geokg that go online (gazetteer refresh, Wikidata linker).

Input: an endpoint URL and query parameters. Output: the decoded JSON answer, or `NetworkError`
once the service has failed for good.

Politeness, as Wikimedia's API etiquette asks: a User-Agent naming geokg, its version and a
contact URL; one request at a time; a timeout per request; on 429 or 5xx (or an answer that asks
to come back later, such as MediaWiki's `maxlag` error) a wait of `Retry-After` seconds when the
server sends it, exponential backoff otherwise, and at most `max_retries` retries. A server that
asks for a longer wait than `max_wait` is not retried early: the client gives up instead.
`PoliteClient.request` sends any other repeatable request (the triplestore loader's PUTs and
POSTs) with the same retries and hands back the answer for the caller to judge.
"""

from __future__ import annotations

import email.utils
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

import requests

from kg import __version__
from kg.errors import NetworkError

CONTACT = "https://w3id.org/geokg"
#: 5xx answers that say the server cannot do this at all (Not Implemented, HTTP Version Not
#: Supported): `request` hands them back at once instead of retrying.
NOT_TRANSIENT = frozenset({501, 505})


def user_agent(purpose: str) -> str:
    """The User-Agent for one use of the network: "geokg/0.1.0 (https://w3id.org/geokg; <purpose>)"."""
    return f"geokg/{__version__} ({CONTACT}; {purpose})"


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds a `Retry-After` header asks for (delta-seconds or an HTTP date); None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def body_excerpt(resp: requests.Response, limit: int = 200) -> str:
    """The start of an answer's body as one line of text (HTML tags dropped), for error messages."""
    text = re.sub(r"<[^>]*>", " ", resp.text or "")
    text = " ".join(text.split())
    if not text:
        return "empty body"
    return text if len(text) <= limit else text[: limit - 1] + "…"


class PoliteClient:
    """GETs JSON from one endpoint, retrying what a polite client may retry.

    `service` names the endpoint in error messages ("the SPARQL endpoint"). `sleep` is injectable
    so that callers can record the waits. `requests` counts attempts, `retries` counts waits.
    """

    def __init__(self, endpoint: str, *, service: str, user_agent: str,
                 accept: str = "application/json", timeout: float = 30.0, max_retries: int = 3,
                 backoff: float = 1.0, max_wait: float = 120.0,
                 sleep: Callable[[float], None] = time.sleep,
                 session: requests.Session | None = None) -> None:
        self.endpoint = endpoint
        self.service = service
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.sleep = sleep
        self.session = session or requests.Session()
        # Per-request headers, so that a session passed in by the caller is not modified.
        self.headers = {"User-Agent": user_agent, "Accept": accept}
        self.requests = 0
        self.retries = 0

    def get_json(self, params: Mapping[str, str], *, expected: str = "JSON",
                 retry_on: Callable[[Any], str | None] | None = None) -> Any:
        """The decoded JSON answer to GET `endpoint?params`.

        `expected` describes the answer for error messages. `retry_on` looks at a decoded answer
        and returns why it should be retried (an in-band "come back later"), or None to accept it.
        """
        for attempt in range(self.max_retries + 1):
            last = attempt == self.max_retries
            self.requests += 1
            try:
                resp = self.session.get(self.endpoint, params=dict(params), headers=self.headers,
                                        timeout=self.timeout)
            except (requests.ConnectionError, requests.Timeout) as exc:
                if last:
                    raise NetworkError(
                        f"expected an answer from {self.service}, got {type(exc).__name__} "
                        f"{self.max_retries + 1} times; check the connection or try later",
                        source=self.endpoint) from exc
                self._wait(None, attempt)
                continue
            except requests.RequestException as exc:  # invalid URL, too many redirects...
                raise NetworkError(
                    f"expected to reach {self.service}, but the request failed ({exc}); check the "
                    "endpoint URL", source=self.endpoint) from exc
            if resp.status_code == 429 or resp.status_code >= 500:
                if last:
                    raise NetworkError(
                        f"expected {self.service} to answer, it kept returning HTTP "
                        f"{resp.status_code}; try again later", source=self.endpoint)
                self._wait(resp.headers.get("Retry-After"), attempt)
                continue
            if resp.status_code != 200:
                raise NetworkError(
                    f"expected HTTP 200 from {self.service}, got HTTP {resp.status_code} "
                    f"({resp.text[:200].strip()}); check the request or the endpoint URL",
                    source=self.endpoint)
            try:
                data = resp.json()
            except ValueError as exc:
                raise NetworkError(
                    f"expected {expected} from {self.service}, got something that is not JSON "
                    f"({resp.text[:80].strip()!r}); check the endpoint URL", source=self.endpoint) from exc
            reason = retry_on(data) if retry_on is not None else None
            if reason is None:
                return data
            if last:
                raise NetworkError(
                    f"expected {self.service} to answer, it kept asking to come back later "
                    f"({reason}); try again later", source=self.endpoint)
            self._wait(resp.headers.get("Retry-After"), attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def request(self, method: str, url: str | None = None, *, params: Mapping[str, str] | None = None,
                data: bytes | None = None, headers: Mapping[str, str] | None = None,
                auth: Any = None) -> requests.Response:
        """Send one request (to `url`, default the endpoint), retrying as `get_json` does.

        Returns the first answer that is neither 429 nor a transient 5xx (501 and 505 are not
        retried), whatever its status: the caller judges it. Only send requests that are safe to
        repeat (GET, PUT, idempotent POSTs), since a timed-out request may have been carried out.
        `auth` is passed on to `requests`.
        """
        target = url or self.endpoint
        merged = {**self.headers, **(headers or {})}
        for attempt in range(self.max_retries + 1):
            last = attempt == self.max_retries
            self.requests += 1
            try:
                resp = self.session.request(method, target, params=dict(params or {}), data=data,
                                            headers=merged, auth=auth, timeout=self.timeout)
            except (requests.ConnectionError, requests.Timeout) as exc:
                if last:
                    raise NetworkError(
                        f"expected an answer from {self.service}, got {type(exc).__name__} "
                        f"{self.max_retries + 1} times; check that it is running at this URL, or try later",
                        source=target) from exc
                self._wait(None, attempt)
                continue
            except requests.RequestException as exc:
                raise NetworkError(
                    f"expected to reach {self.service}, but the request failed ({exc}); check the "
                    "endpoint URL", source=target) from exc
            if resp.status_code == 429 or (resp.status_code >= 500 and resp.status_code not in NOT_TRANSIENT):
                if last:
                    raise NetworkError(
                        f"expected {self.service} to answer, it kept returning HTTP {resp.status_code} "
                        f"({body_excerpt(resp)}); fix what the server says or try again later",
                        source=target)
                self._wait(resp.headers.get("Retry-After"), attempt)
                continue
            return resp
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait(self, retry_after: str | None, attempt: int) -> None:
        wait = retry_after_seconds(retry_after)
        if wait is None:
            wait = self.backoff * (2 ** attempt)
        elif wait > self.max_wait:
            # Coming back before the server asked us to would be rude; give up instead.
            raise NetworkError(
                f"expected {self.service} to ask for a wait of at most {self.max_wait:g} s, it asked "
                f"for {wait:g} s (Retry-After); try again later", source=self.endpoint)
        self.retries += 1
        self.sleep(min(max(wait, 0.0), self.max_wait))
