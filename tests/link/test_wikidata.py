"""The online Wikidata linker against a loopback fake of the Wikidata API (tests/link/wikidata_server.py).

Analyses are built by hand (no spaCy); the offline part runs on the shipped gazetteer. The items the
fake knows are fictional, so every link asserted here can only come from the online lookup.
"""

from __future__ import annotations

import datetime as dt
import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.gazetteer.store import Gazetteer
from kg.link.cache import default_cache_dir
from kg.link.offline import OfflineLinker
from kg.link.wikidata import Held, Item, WikidataLinker, parse_time, prominence
from kg.model import Linked
from analyses import DAY, analyse  # beside this file
from wikidata_server import FakeWikidata  # the loopback fake beside this file



@pytest.fixture(scope="module")
def gaz() -> Iterator[Gazetteer]:
    g = Gazetteer.open()
    yield g
    g.close()


@pytest.fixture
def api() -> Iterator[FakeWikidata]:
    with FakeWikidata() as fake:
        yield fake


def linker_for(gaz: Gazetteer, endpoint: str, cache: Path, **kw: object) -> WikidataLinker:
    options: dict = {"timeout": 2.0, "max_retries": 2, "backoff": 0.05} | kw
    return WikidataLinker(gaz, endpoint=endpoint, cache_dir=cache, **options)


def by_text(linked: Linked) -> dict[str, tuple[str | None, str | None]]:
    return {lm.mention.text: (lm.entity.key, lm.entity.qid) if lm.entity else (None, None)
            for lm in linked.mentions}


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "kg.link" and r.levelno == logging.WARNING]


MOLDOVA = analyse("Moldova's envoy Mirela Vantoru met officials. Vantoru said the talks went well.",
                  [("Moldova", "place"), ("Mirela Vantoru", "person"), ("Vantoru", "person")])


# -- linking ------------------------------------------------------------------------------------


@pytest.mark.network
def test_nil_person_known_to_wikidata_gets_its_qid(gaz: Gazetteer, api: FakeWikidata, tmp_path: Path) -> None:
    offline = by_text(OfflineLinker(gaz).link(MOLDOVA))
    assert offline["Mirela Vantoru"] == ("person/mirela-vantoru", None)

    linked = linker_for(gaz, api.url, tmp_path).link(MOLDOVA)
    got = {lm.mention.text: lm for lm in linked.mentions}
    person = got["Mirela Vantoru"].entity
    assert person is not None and person.qid == "Q987650001" and person.key == "Q987650001"
    assert person.kind == "person" and person.label == "Mirela Vantoru"
    assert got["Mirela Vantoru"].score >= 0.6
    assert got["Vantoru"].entity == person  # the surname the offline linker tied to the full name
    assert got["Moldova"].entity is not None and got["Moldova"].entity.qid == "Q217"
    # The prefix hit "Mirela Vantoru-Lupan" is another name: never even fetched.
    fetched = {q for s in api.requests_for("wbgetentities") for q in s.params["ids"].split("|")}
    assert fetched == {"Q987650001"}


@pytest.mark.network
def test_person_whose_only_candidate_is_a_film_stays_nil(gaz: Gazetteer, api: FakeWikidata, tmp_path: Path) -> None:
    a = analyse("Moldova's Tomas Brandel said no.", [("Moldova", "place"), ("Tomas Brandel", "person")])
    linked = linker_for(gaz, api.url, tmp_path).link(a)
    assert by_text(linked)["Tomas Brandel"] == ("person/tomas-brandel", None)
    # Judged and rejected for its type, not skipped.
    assert any("Q987650010" in s.params["ids"] for s in api.requests_for("wbgetentities"))


@pytest.mark.network
def test_context_picks_the_right_namesake(gaz: Gazetteer, api: FakeWikidata, tmp_path: Path) -> None:
    linker = linker_for(gaz, api.url, tmp_path)
    russia = analyse("Russia's Ivan Sorokal spoke.", [("Russia", "place"), ("Ivan Sorokal", "person")])
    italy = analyse("Italy's Ivan Sorokal spoke.", [("Italy", "place"), ("Ivan Sorokal", "person")])
    nowhere = analyse("Ivan Sorokal spoke.", [("Ivan Sorokal", "person")])
    assert by_text(linker.link(russia))["Ivan Sorokal"][1] == "Q987650020"  # Russian, in office now
    assert by_text(linker.link(italy))["Ivan Sorokal"][1] == "Q987650021"  # Italian, former mayor
    assert by_text(linker.link(nowhere))["Ivan Sorokal"] == ("person/ivan-sorokal", None)  # can't tell


@pytest.mark.network
def test_the_office_the_article_gives_picks_the_namesake_who_held_it(
        gaz: Gazetteer, api: FakeWikidata, tmp_path: Path) -> None:
    text = "Moldovan President Dorin Albescu spoke."
    a = analyse(text, [("Moldovan President", "office", {"lookup": "president", "jurisdiction_span": (0, 8),
                                                         "holder_span": (19, 32)}),
                       ("Moldovan", "country"), ("Dorin Albescu", "person")])
    untitled = analyse("Moldovan Dorin Albescu spoke.", [("Moldovan", "country"), ("Dorin Albescu", "person")])
    linker = linker_for(gaz, api.url, tmp_path)
    got = by_text(linker.link(a))
    assert got["Moldovan President"][1] == "Q312271"  # offline: President of Moldova
    # Both namesakes are Moldovan and the footballer is better known; only the politician held
    # the office (until 2020: the office counts whatever the date). Without the title: can't tell.
    assert got["Dorin Albescu"][1] == "Q987650040"
    assert by_text(linker.link(untitled))["Dorin Albescu"] == ("person/dorin-albescu", None)


@pytest.mark.network
def test_organisation_typed_by_a_subclass_links_with_its_country(
        gaz: Gazetteer, api: FakeWikidata, tmp_path: Path) -> None:
    a = analyse("In Moldova, the Sorvane Alliance walked out.",
                [("Moldova", "place"), ("Sorvane Alliance", "organization")])
    lm = linker_for(gaz, api.url, tmp_path).link(a).mentions[1]
    assert lm.entity is not None and lm.entity.qid == "Q987650030"
    assert lm.entity.kind == "organization" and lm.entity.jurisdiction == "Q217"
    # Its class was looked up one P279 step (to "political party").
    assert any(s.params["ids"] == "Q987650031" and s.params["props"] == "claims"
               for s in api.requests_for("wbgetentities"))


@pytest.mark.network
def test_entity_requests_are_batched_by_fifty(gaz: Gazetteer, api: FakeWikidata, tmp_path: Path) -> None:
    api.synthetic_search = True
    names = [f"Qorva {chr(65 + i)}xel" for i in range(10)]
    a = analyse(". ".join(names), [(n, "person") for n in names])
    linked = linker_for(gaz, api.url, tmp_path).link(a)
    batches = [s.params["ids"].split("|") for s in api.requests_for("wbgetentities")]
    assert [len(b) for b in batches] == [50, 20] and len({q for b in batches for q in b}) == 70
    assert all(lm.entity is not None and lm.entity.qid is None for lm in linked.mentions)  # all missing


# -- politeness and failures ----------------------------------------------------------------------


@pytest.mark.network
def test_requests_name_geokg_and_send_maxlag(gaz: Gazetteer, api: FakeWikidata, tmp_path: Path) -> None:
    linker_for(gaz, api.url, tmp_path).link(MOLDOVA)
    assert api.seen
    for s in api.seen:
        assert s.headers["User-Agent"].startswith("geokg/") and "https://w3id.org/geokg" in s.headers["User-Agent"]
        assert s.params["maxlag"] == "5" and s.params["format"] == "json"
    (search,) = api.requests_for("wbsearchentities")
    assert search.params == {"action": "wbsearchentities", "search": "Mirela Vantoru", "language": "en",
                             "uselang": "en", "type": "item", "limit": "7", "format": "json", "maxlag": "5"}
    (get,) = api.requests_for("wbgetentities")
    assert get.params["props"] == "labels|descriptions|claims|sitelinks" and get.params["languages"] == "en"


@pytest.mark.network
@pytest.mark.parametrize("trouble", ["429", "maxlag"])
def test_retry_after_is_honoured_then_the_answer_is_used(
        trouble: str, gaz: Gazetteer, api: FakeWikidata, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    api.plan = [trouble]
    api.retry_after = "1"
    linked = linker_for(gaz, api.url, tmp_path).link(MOLDOVA)
    assert by_text(linked)["Mirela Vantoru"][1] == "Q987650001"
    first, second = api.seen[0], api.seen[1]
    assert first.params == second.params  # the same request, retried
    assert second.at - first.at >= 0.95  # after the wait the server asked for
    assert not warnings_of(caplog)


@pytest.mark.network
def test_retry_after_longer_than_max_wait_gives_up_instead(
        gaz: Gazetteer, api: FakeWikidata, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    api.plan, api.retry_after = ["429"], "3600"
    linker = linker_for(gaz, api.url, tmp_path, max_wait=5.0)
    assert linker.link(MOLDOVA) == OfflineLinker(gaz).link(MOLDOVA)
    assert len(api.seen) == 1 and "3600" in (linker.fallback_reason or "")


@pytest.mark.network
def test_repeated_5xx_falls_back_to_offline_with_one_warning(
        gaz: Gazetteer, api: FakeWikidata, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    api.fail_always = "500"
    linker = linker_for(gaz, api.url, tmp_path, max_retries=2)
    other = analyse("Russia's Ivan Sorokal spoke.", [("Russia", "place"), ("Ivan Sorokal", "person")])
    with caplog.at_level(logging.WARNING, logger="kg.link"):
        assert linker.link(MOLDOVA) == OfflineLinker(gaz).link(MOLDOVA)
        assert linker.link(other) == OfflineLinker(gaz).link(other)
    assert len(api.seen) == 3  # 1 + max_retries, then no more requests for the rest of the run
    (warning,) = warnings_of(caplog)
    assert "fell back" in warning.getMessage() and "HTTP 500" in warning.getMessage()


@pytest.mark.network
@pytest.mark.parametrize("trouble, reason", [("malformed", "not JSON"), ("api-error", "internal_api_error")])
def test_bad_answer_falls_back_to_offline(trouble: str, reason: str, gaz: Gazetteer, api: FakeWikidata,
                                         tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    api.plan = [trouble]
    linker = linker_for(gaz, api.url, tmp_path)
    with caplog.at_level(logging.WARNING, logger="kg.link"):
        assert linker.link(MOLDOVA) == OfflineLinker(gaz).link(MOLDOVA)
        linker.link(MOLDOVA)
    assert len(api.seen) == 1  # not retried: a broken answer is not a busy server
    (warning,) = warnings_of(caplog)
    assert reason in warning.getMessage()


@pytest.mark.network
def test_connection_refused_falls_back_to_offline(gaz: Gazetteer, tmp_path: Path,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    linker = linker_for(gaz, f"http://127.0.0.1:{port}/w/api.php", tmp_path, max_retries=1)
    with caplog.at_level(logging.WARNING, logger="kg.link"):
        assert linker.link(MOLDOVA) == OfflineLinker(gaz).link(MOLDOVA)
    (warning,) = warnings_of(caplog)
    assert "ConnectionError" in warning.getMessage() and linker.requests == 2


@pytest.mark.network
def test_a_rebuild_is_answered_from_the_cache(gaz: Gazetteer, api: FakeWikidata, tmp_path: Path) -> None:
    articles = [MOLDOVA,
                analyse("Russia's Ivan Sorokal spoke.", [("Russia", "place"), ("Ivan Sorokal", "person")]),
                analyse("In Moldova, the Sorvane Alliance left.",
                        [("Moldova", "place"), ("Sorvane Alliance", "organization")])]
    first = [linker_for(gaz, api.url, tmp_path / "cache").link(a) for a in articles]
    asked = len(api.seen)
    # One search and one entity batch per article, and the party's class looked up one step.
    assert len(api.requests_for("wbsearchentities")) == 3 and len(api.requests_for("wbgetentities")) == 4
    again = linker_for(gaz, api.url, tmp_path / "cache")
    assert [again.link(a) for a in articles] == first
    assert len(api.seen) == asked and again.requests == 0


# -- pieces -----------------------------------------------------------------------------------------


def test_wikibase_times_are_read_with_their_precision() -> None:
    day = {"time": "+2025-01-20T00:00:00Z", "precision": 11}
    month = {"time": "+2021-06-00T00:00:00Z", "precision": 10}
    year = {"time": "+2010-00-00T00:00:00Z", "precision": 9}
    assert parse_time(day, end=False) == parse_time(day, end=True) == dt.date(2025, 1, 20)
    assert (parse_time(month, end=False), parse_time(month, end=True)) == (dt.date(2021, 6, 1), dt.date(2021, 6, 30))
    assert (parse_time(year, end=False), parse_time(year, end=True)) == (dt.date(2010, 1, 1), dt.date(2010, 12, 31))
    assert parse_time({"time": "-0044-03-15T00:00:00Z", "precision": 11}, end=False) is None


def test_tenure_activity_and_item_round_trip() -> None:
    held = Held("Q1", dt.date(2020, 1, 1), None)
    assert held.active(DAY) and held.active(None) and not held.active(dt.date(2019, 1, 1))
    assert not Held("Q1", dt.date(2020, 1, 1), None, ended=True).active(DAY)
    item = Item("Q9", "X", frozenset({"Q5"}), citizenship=frozenset({"Q38"}), positions=(held,), sitelinks=3)
    assert Item.from_json(item.to_json()) == item
    assert 0 == prominence(0) < prominence(3) < prominence(30) < prominence(100) == prominence(500) == 1


def test_type_fit_per_kind(gaz: Gazetteer, tmp_path: Path) -> None:
    fit = WikidataLinker(gaz, cache_dir=tmp_path, endpoint="http://127.0.0.1:9/w/api.php").type_fit
    human = Item("Q1", instance_of=frozenset({"Q5"}), citizenship=frozenset({"Q38"}))
    odd = Item("Q2", instance_of=frozenset({"Q987650099"}))  # a class the linker cannot place
    party = Item("Q3", instance_of=frozenset({"Q7278"}), country=frozenset({"Q38"}))
    town = Item("Q4", instance_of=frozenset({"Q987650098"}), country=frozenset({"Q38"}), coordinates=True)
    act = Item("Q6", instance_of=frozenset({"Q987650097"}))
    assert fit(human, "person") == "known" and fit(odd, "person") is None and fit(party, "person") is None
    assert fit(party, "organization") == "known" and fit(odd, "organization") == "unknown"
    assert fit(human, "organization") is None and fit(town, "organization") is None  # a place is no org
    assert fit(act, "legislation", {"Q987650097": frozenset({"Q820655"})}) == "known"  # one P279 step
    assert fit(town, "place") == "known" and fit(odd, "place") is None
    a_class = Item("Q7", instance_of=frozenset({"Q987650096"}), subclass_of=frozenset({"Q7278"}))
    assert fit(a_class, "organization") is None  # "political party" itself is no party


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GEOKG_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("GEOKG_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir().name == "geokg"
