"""Refresh the gazetteer from the live Wikidata SPARQL endpoint.

Input: a SPARQL endpoint (default https://query.wikidata.org/sparql) answering in the standard
SPARQL 1.1 JSON results format. Output: a gazetteer file with the same tables as the offline build
(countries with demonyms and aliases, capitals and big cities, international organisations, heads
of state and government and their tenures), written atomically, and a `RefreshStats` summary.

Politeness, as the Wikidata Query Service asks (`kg.http.PoliteClient`): a User-Agent naming geokg
and its version, one query at a time, a timeout per request, and on 429 or 5xx a wait of
`Retry-After` seconds when the server sends it (exponential backoff otherwise) before retrying;
after `max_retries` the refresh stops with `NetworkError`. Nothing here runs unless a user asks
for it (`geokg gazetteer refresh`).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests

from kg.atomic import atomic_path
from kg.errors import NetworkError
from kg.gazetteer.build import _write
from kg.gazetteer.collect import Collector
from kg.gazetteer.geo import PRIOR_CAPITAL, PRIOR_SOVEREIGN, Countries, population_prior
from kg.gazetteer.officeholders import finalize_people, office_prior
from kg.gazetteer.roles import parse_title
from kg.gazetteer.text import is_qid
from kg.http import PoliteClient, user_agent

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
USER_AGENT = user_agent("offline gazetteer refresh")
_ENTITY_PREFIX = "http://www.wikidata.org/entity/"
RANK_LIVE = 0

# One query per kind of row. Each starts with a "#geokg:<name>" comment so logs (and the test
# server) can tell them apart.
QUERIES: dict[str, str] = {
    "countries": """#geokg:countries
SELECT ?item ?itemLabel ?iso2 ?alias ?demonym WHERE {
  ?item wdt:P31 wd:Q3624078 ; wdt:P297 ?iso2 .
  FILTER NOT EXISTS { ?item wdt:P31 wd:Q3024240 }
  OPTIONAL { ?item skos:altLabel ?alias . FILTER(LANG(?alias) = "en") }
  OPTIONAL { ?item wdt:P1549 ?demonym . FILTER(LANG(?demonym) = "en") }
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
}""",
    "places": """#geokg:places
SELECT ?item ?itemLabel ?country ?population ?capitalOf WHERE {
  { ?capitalOf wdt:P31 wd:Q3624078 ; wdt:P36 ?item . BIND(?capitalOf AS ?country) }
  UNION
  { ?item wdt:P31/wdt:P279* wd:Q515 ; wdt:P17 ?country ; wdt:P1082 ?pop . FILTER(?pop >= 1000000) }
  OPTIONAL { ?item wdt:P1082 ?population }
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
}""",
    "organisations": """#geokg:organisations
SELECT ?item ?itemLabel ?short WHERE {
  ?item wdt:P31 wd:Q484652 .
  ?item wdt:P1813 ?short . FILTER(LANG(?short) = "en")
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
}""",
    "positions": """#geokg:positions
SELECT ?item ?itemLabel ?country WHERE {
  ?country wdt:P31 wd:Q3624078 .
  { ?country wdt:P1906 ?item } UNION { ?country wdt:P1313 ?item }
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
}""",
    "tenures": """#geokg:tenures
SELECT ?person ?personLabel ?position ?start ?end WHERE {
  ?country wdt:P31 wd:Q3624078 .
  { ?country wdt:P1906 ?position } UNION { ?country wdt:P1313 ?position }
  ?person p:P39 ?statement . ?statement ps:P39 ?position ; pq:P580 ?start .
  OPTIONAL { ?statement pq:P582 ?end }
  FILTER(YEAR(?start) >= 1990)
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
}""",
}


@dataclass(frozen=True)
class RefreshStats:
    path: Path
    rows: dict[str, int]  # result rows per query
    requests: int
    retries: int


def _qid(value: str | None) -> str | None:
    if value and value.startswith(_ENTITY_PREFIX):
        value = value[len(_ENTITY_PREFIX):]
    return value if value and is_qid(value) else None


class SparqlClient(PoliteClient):
    """A polite SPARQL SELECT client returning rows as {variable: value} dicts."""

    def __init__(self, endpoint: str = DEFAULT_ENDPOINT, *, timeout: float = 90.0, max_retries: int = 5,
                 backoff: float = 2.0, max_wait: float = 300.0,
                 sleep: Callable[[float], None] = time.sleep,
                 session: requests.Session | None = None) -> None:
        super().__init__(endpoint, service="the SPARQL endpoint", user_agent=USER_AGENT,
                         accept="application/sparql-results+json", timeout=timeout,
                         max_retries=max_retries, backoff=backoff, max_wait=max_wait, sleep=sleep,
                         session=session)

    def select(self, query: str) -> list[dict[str, str]]:
        data = self.get_json({"query": query, "format": "json"},
                             expected='SPARQL JSON results ({"results": {"bindings": [...]}})')
        return _bindings(data, self.endpoint)


def _bindings(data: object, endpoint: str) -> list[dict[str, str]]:
    try:
        rows = data["results"]["bindings"]  # type: ignore[index]
        return [{var: cell.get("value", "") for var, cell in row.items()} for row in rows]
    except (KeyError, TypeError, AttributeError) as exc:
        raise NetworkError(
            "expected SPARQL JSON results ({\"results\": {\"bindings\": [...]}}), got something "
            "else; check that the endpoint is a SPARQL 1.1 service", source=endpoint) from exc


def collect_live(client: SparqlClient) -> tuple[Collector, dict[str, int]]:
    """Run every query and merge the answers into a `Collector`."""
    col = Collector()
    counts: dict[str, int] = {}
    names: dict[str, str] = {}

    rows = client.select(QUERIES["countries"])
    counts["countries"] = len(rows)
    for row in rows:
        qid = _qid(row.get("item"))
        if not qid:
            continue
        label = row.get("itemLabel") or qid
        names[qid] = label
        col.entity(qid, label, "country", rank=RANK_LIVE, prior=PRIOR_SOVEREIGN, country=qid,
                   description="sovereign state")
        col.alias(qid, label, "wikidata label", RANK_LIVE)
        if row.get("alias"):
            col.alias(qid, row["alias"], "wikidata alias", RANK_LIVE)
        if row.get("demonym"):
            col.demonym(row["demonym"], qid)
            col.alias(qid, row["demonym"], "wikidata demonym", RANK_LIVE)

    rows = client.select(QUERIES["places"])
    counts["places"] = len(rows)
    for row in rows:
        qid, country = _qid(row.get("item")), _qid(row.get("country"))
        if not qid or not row.get("itemLabel") or is_qid(row["itemLabel"]):
            continue
        capital = _qid(row.get("capitalOf")) is not None
        prior = max(population_prior(row.get("population")), PRIOR_CAPITAL if capital else 0.0)
        where = names.get(country or "", country or "")
        col.entity(qid, row["itemLabel"], "place", rank=RANK_LIVE, prior=prior, country=country,
                   description=f"capital of {where}" if capital else f"city in {where}")
        col.alias(qid, row["itemLabel"], "wikidata label", RANK_LIVE)

    rows = client.select(QUERIES["organisations"])
    counts["organisations"] = len(rows)
    for row in rows:
        qid = _qid(row.get("item"))
        if not qid or not row.get("itemLabel") or is_qid(row["itemLabel"]):
            continue
        col.entity(qid, row["itemLabel"], "organization", rank=RANK_LIVE, prior=0.75,
                   description="international organisation")
        col.alias(qid, row["itemLabel"], "wikidata label", RANK_LIVE)
        if row.get("short"):
            col.alias(qid, row["short"], "wikidata short name", RANK_LIVE)

    rows = client.select(QUERIES["positions"])
    counts["positions"] = len(rows)
    for row in rows:
        qid, country = _qid(row.get("item")), _qid(row.get("country"))
        label = row.get("itemLabel", "")
        if not qid or not label or is_qid(label):
            continue
        role = parse_title(label).role
        col.position(qid, label, role, country, None, RANK_LIVE)
        col.entity(qid, label, "office", rank=RANK_LIVE, prior=office_prior(role, True), country=country,
                   description=f"{role} ({names.get(country or '', country)})")
        col.alias(qid, label, "wikidata label", RANK_LIVE)

    rows = client.select(QUERIES["tenures"])
    counts["tenures"] = len(rows)
    for row in rows:
        person, position = _qid(row.get("person")), _qid(row.get("position"))
        if not person or not position or position not in col.positions:
            continue
        label = row.get("personLabel", "")
        if label and not is_qid(label):
            col.entity(person, label, "person", rank=RANK_LIVE, prior=0.2)
            col.alias(person, label, "wikidata label", RANK_LIVE)
        col.tenure(person, position, row.get("start"), row.get("end"), "wikidata live", RANK_LIVE)
    return col, counts


def refresh_gazetteer(out: Path, endpoint: str = DEFAULT_ENDPOINT, *,
                      client: SparqlClient | None = None) -> RefreshStats:
    """Query `endpoint` and write a gazetteer file to `out` (replaced atomically)."""
    client = client or SparqlClient(endpoint)
    col, counts = collect_live(client)
    tenures = [t for t in col.merged_tenures() if t.person in col.entities]
    col.tenures = tenures
    countries = Countries(name={q: e.label for q, e in col.entities.items() if e.kind == "country"})
    countries.sovereign = set(countries.name)
    finalize_people(col, tenures, countries)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(out) as tmp:
        # A live refresh is as of the moment it ran: here, unlike the offline build, the clock is
        # the honest "as of" date.
        _write(col, tmp, meta_override={"sources_date": dt.date.today().isoformat(),
                                        "source.wikidata_live": client.endpoint},
               offline_sources=False)
    return RefreshStats(path=out, rows=counts, requests=client.requests, retries=client.retries)
