"""Spot facts through the read API, on the shipped gazetteer and on a fresh build."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from kg.errors import GazetteerError
from kg.gazetteer.store import GazEntry, Gazetteer, normalize_alias
from kg.resources import gazetteer_file


def top(gaz: Gazetteer, alias: str, kinds: tuple[str, ...] | None = None) -> str | None:
    found = gaz.candidates(alias, kinds)
    return found[0].qid if found else None


@pytest.mark.parametrize("surface", ["US", "U.S.", "the United States", "America", "American",
                                     "United States of America"])
def test_united_states_names(gaz: Gazetteer, surface: str) -> None:
    assert top(gaz, surface) == "Q30"


@pytest.mark.parametrize(("word", "country"), [("Russian", "Q159"), ("Ukrainian", "Q212"),
                                               ("American", "Q30"), ("U.S.", "Q30"),
                                               ("Russia", "Q159"), ("British", "Q145")])
def test_demonyms(gaz: Gazetteer, word: str, country: str) -> None:
    assert gaz.demonym(word) == country


def test_demonym_unknown_word(gaz: Gazetteer) -> None:
    assert gaz.demonym("Klingon") is None


def test_countries_from_demonyms_via_candidates(gaz: Gazetteer) -> None:
    assert top(gaz, "Russian", ("country",)) == "Q159"
    assert top(gaz, "Ukrainian", ("country",)) == "Q212"


@pytest.mark.parametrize(("name", "qid"), [("Moscow", "Q649"), ("Kyiv", "Q1899"), ("Kiev", "Q1899"),
                                           ("Riyadh", "Q3692"), ("Istanbul", "Q406")])
def test_cities(gaz: Gazetteer, name: str, qid: str) -> None:
    assert top(gaz, name, ("place",)) == qid


def test_wrong_dr5hn_city_qids_are_gone(gaz: Gazetteer) -> None:
    # dr5hn gives Kyiv Q517568 and Minsk Q21579751; both must be overridden, never offered.
    assert gaz.entry("Q517568") is None
    assert gaz.entry("Q21579751") is None
    assert "Q517568" not in {c.qid for c in gaz.candidates("Kyiv")}
    assert top(gaz, "Minsk", ("place",)) == "Q2280"


def test_people(gaz: Gazetteer) -> None:
    assert top(gaz, "Vladimir Putin", ("person",)) == "Q7747"
    assert top(gaz, "Putin", ("person",)) == "Q7747"
    assert top(gaz, "Donald Trump", ("person",)) == "Q22686"
    assert top(gaz, "Lindsey Graham", ("person",)) == "Q22212"


@pytest.mark.parametrize("name", ["Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy",
                                  "Zelensky"])
def test_zelensky_spellings(gaz: Gazetteer, name: str) -> None:
    assert top(gaz, name, ("person",)) == "Q3874799"


@pytest.mark.parametrize("name", ["Andrii Kostin", "Andriy Kostin"])
def test_kostin_spellings(gaz: Gazetteer, name: str) -> None:
    assert top(gaz, name, ("person",)) == "Q82025082"


def test_people_not_in_the_sources_are_absent(gaz: Gazetteer) -> None:
    assert gaz.candidates("Darchiev") == []
    assert gaz.candidates("Alexander Darchiev") == []
    assert gaz.candidates("Ruslan Kravchenko") == []


def test_trump_holds_the_presidency_from_2025_open_ended(gaz: Gazetteer) -> None:
    stints = [t for t in gaz.tenures(person="Q22686", position="Q11696")]
    current = [t for t in stints if t.start and t.start.year == 2025]
    assert len(current) == 1 and current[0].end is None and not current[0].unverified
    # The first term is a separate, closed stint.
    assert any(t.start and t.start.year == 2017 and t.end and t.end.year == 2021 for t in stints)
    holders = gaz.holders_on("Q11696", dt.date(2025, 6, 1))
    assert [t.person for t in holders] == ["Q22686"]
    assert [t.person for t in gaz.holders_on("Q11696", dt.date(2019, 6, 1))] == ["Q22686"]
    assert [t.person for t in gaz.holders_on("Q11696", dt.date(2022, 6, 1))] == ["Q6279"]


def test_putin_is_president_of_russia(gaz: Gazetteer) -> None:
    held = gaz.holders_on("Q218295", dt.date(2024, 3, 1))
    assert held and held[0].person == "Q7747"


def test_graham_is_a_senator_since_2003(gaz: Gazetteer) -> None:
    senate = [t for t in gaz.tenures(person="Q22212") if t.position == "Q4416090"]
    assert len(senate) == 1
    assert senate[0].start is not None and senate[0].start.year == 2003
    assert senate[0].end is None
    assert gaz.position("Q4416090").role == "senator"


def test_positions_by_role(gaz: Gazetteer) -> None:
    assert "Q579677" in [p.qid for p in gaz.positions("president", "Q212")]
    assert [p.qid for p in gaz.positions("ambassador", "Q159", "Q30")] == ["Q30160686"]
    assert "Q16170791" in [p.qid for p in gaz.positions("prosecutor general", "Q212")]
    assert "Q11696" in [p.qid for p in gaz.positions("president", "Q30")]
    assert "Q6866156" in [p.qid for p in gaz.positions("minister of foreign affairs", "Q212")]
    assert "Q14213" in [p.qid for p in gaz.positions("minister of foreign affairs", "Q30")]
    assert "Q1145714" in [p.qid for p in gaz.positions("prime minister", "Q212")]
    duma = gaz.position("Q17276321")
    assert duma is not None and duma.role == "member of parliament" and duma.jurisdiction == "Q159"
    # "the Security Council" names the UN's body only in context: it is no jurisdiction in a title.
    deputy = gaz.position("Q111646707")
    assert deputy is not None and deputy.role == "deputy chairman of the security council"


def test_state_legislatures_are_regional(gaz: Gazetteer) -> None:
    national = {p.qid for p in gaz.positions("member of parliament", "Q30")}
    assert "Q13218630" in national  # United States representative
    regional = gaz.positions("member of regional parliament", "Q30")
    assert regional and not national & {p.qid for p in regional}


def test_entry_and_aliases(gaz: Gazetteer) -> None:
    us = gaz.entry("Q30")
    assert isinstance(us, GazEntry) and us.kind == "country" and us.country == "Q30"
    assert 0.0 <= us.prior <= 1.0
    aliases = gaz.aliases("Q30")
    assert "U.S." in aliases and "America" in aliases
    assert gaz.entry("Q0") is None
    assert gaz.entry("Q7747").country == "Q159"


def test_organisations(gaz: Gazetteer) -> None:
    for abbr, qid in (("NATO", "Q7184"), ("UN", "Q1065"), ("EU", "Q458"), ("OSCE", "Q81299")):
        assert top(gaz, abbr, ("organization",)) == qid


def test_kind_filter_and_unknown_kind(gaz: Gazetteer) -> None:
    assert all(c.kind == "place" for c in gaz.candidates("Washington", ("place",)))
    with pytest.raises(ValueError, match="unknown kind"):
        gaz.candidates("Washington", ("planet",))


def test_ruler_patterns_skip_ordinary_words(gaz: Gazetteer) -> None:
    patterns = {(surface, kind) for surface, kind, _qid in gaz.ruler_patterns(min_prior=0.3)}
    by_surface = {surface: qid for surface, _k, qid in gaz.ruler_patterns(min_prior=0.3)}
    assert by_surface.get("US") == "Q30"
    assert by_surface.get("Moscow") == "Q649"
    assert ("Donald Trump", "person") in patterns
    assert by_surface.get("Russian") == "Q159"
    for word in ("May", "Reading", "Trump", "Putin", "Graham", "us", "The", "Of"):
        assert word not in by_surface, word
    no_demonyms = {s for s, _k, _q in gaz.ruler_patterns(kinds=["country"], include_demonyms=False)}
    assert "Russia" in no_demonyms and "Russian" not in no_demonyms


def test_meta_records_sources_not_the_clock(shipped: Gazetteer) -> None:
    assert shipped.meta["schema_version"]
    assert shipped.meta["sources_date"] == "2026-08-08"
    assert "source.supraverden" in shipped.meta


def test_shipped_file_is_small() -> None:
    assert gazetteer_file().stat().st_size < 25_000_000


def test_lookups_are_fast(shipped: Gazetteer) -> None:
    start = time.perf_counter()
    Gazetteer.open(gazetteer_file()).close()
    assert time.perf_counter() - start < 0.2
    con = sqlite3.connect(f"{gazetteer_file().resolve().as_uri()}?mode=ro", uri=True)
    names = [r[0] for r in con.execute("SELECT alias FROM aliases ORDER BY alias_norm LIMIT 10000 OFFSET 20000")]
    con.close()
    fresh = Gazetteer.open(gazetteer_file())
    start = time.perf_counter()
    for name in names:
        fresh.candidates(name)
    elapsed = time.perf_counter() - start
    fresh.close()
    assert elapsed < 1.0, f"10k lookups took {elapsed:.2f}s"


# -- broken files -------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="geokg gazetteer build") as err:
        Gazetteer.open(tmp_path / "nope.sqlite")
    assert "nope.sqlite" in str(err.value)


def test_corrupt_file(tmp_path: Path) -> None:
    bad = tmp_path / "gazetteer.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(GazetteerError, match="geokg gazetteer build") as err:
        Gazetteer.open(bad)
    assert str(bad) in str(err.value)


def test_truncated_file(tmp_path: Path) -> None:
    bad = tmp_path / "gazetteer.sqlite"
    bad.write_bytes(gazetteer_file().read_bytes()[:8192])
    with pytest.raises(GazetteerError, match="geokg gazetteer build"):
        gaz = Gazetteer.open(bad)
        gaz.candidates("Moscow")  # a truncated file may only fail on the first real query


def test_wrong_schema_version(tmp_path: Path) -> None:
    copy = tmp_path / "gazetteer.sqlite"
    shutil.copy(gazetteer_file(), copy)
    con = sqlite3.connect(copy)
    con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(GazetteerError, match="schema version"):
        Gazetteer.open(copy)


def test_empty_sqlite_file(tmp_path: Path) -> None:
    empty = tmp_path / "gazetteer.sqlite"
    sqlite3.connect(empty).close()
    with pytest.raises(GazetteerError, match="expected the gazetteer tables"):
        Gazetteer.open(empty)


def test_opened_read_only(shipped: Gazetteer) -> None:
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        shipped._con.execute("DELETE FROM meta")


def test_normalize_alias_is_exported() -> None:
    assert normalize_alias("the U.S.") == "us"


@pytest.mark.parametrize(("name", "qid"), [("Houston", "Q16555"), ("Los Angeles", "Q65"), ("New York", "Q60"),
                                           ("Washington", "Q61"), ("Las Vegas", "Q23768")])
def test_bare_us_dateline_cities_come_first(gaz: Gazetteer, name: str, qid: str) -> None:
    # AP style lets these stand without their state; the town namesakes and the state follow.
    assert top(gaz, name, ("place",)) == qid


def test_us_towns_rank_by_item_age_without_population(gaz: Gazetteer) -> None:
    towns = {e.qid: e.prior for e in gaz.candidates("Burlington", ("place",)) if e.country == "Q30"}
    assert len(towns) > 3 and max(towns.values()) < 0.8  # no Burlington is a dateline city


def test_britain_is_the_united_kingdom(gaz: Gazetteer) -> None:
    assert top(gaz, "Britain") == "Q145"


@pytest.mark.parametrize(("typo", "qid"), [("Abdel Fattah el-Sissi", "Q307871"), ("Volodymir Zelenskyy", "Q3874799"),
                                           ("Emanuel Macron", "Q3052772")])
def test_fuzzy_candidates_forgive_a_letter(gaz: Gazetteer, typo: str, qid: str) -> None:
    found = gaz.fuzzy_candidates(typo, kinds=("person",))
    assert found and found[0][0].qid == qid and 90 <= found[0][1] < 100


def test_fuzzy_candidates_refuse_short_or_far_names(gaz: Gazetteer) -> None:
    assert gaz.fuzzy_candidates("Putn") == []  # too short to trust
    assert gaz.fuzzy_candidates("Qwertyuiop Asdfgh") == []
    assert gaz.fuzzy_candidates("Emanuel Macron", kinds=("place",)) == []


def test_entries_by_kind(gaz: Gazetteer) -> None:
    countries = list(gaz.entries(kind="country"))
    assert len(countries) > 190 and all(e.kind == "country" for e in countries)
    assert "Q30" in {e.qid for e in countries}


@pytest.mark.parametrize(("surface", "alias", "fits"), [
    ("Us", "US", False), ("Us", "U.S.", False), ("Us", "the US", False), ("Who", "WHO", False),
    ("US", "U.S.", True), ("U.S.", "US", True), ("Nato", "NATO", True), ("CAIR", "Čair", False),
    ("AP", "AP", True), ("WASHINGTON", "Washington", True), ("Pa.", "Pa.", True), ("moscow", "Moscow", True),
    ("west coast", "West Coast", False), ("WEST COAST", "West Coast", True),
])
def test_case_fits(surface: str, alias: str, fits: bool) -> None:
    from kg.gazetteer.store import case_fits

    assert case_fits(surface, alias) is fits


def test_cased_candidates_and_demonyms_of_the_shipped_gazetteer() -> None:
    from kg.gazetteer.store import Gazetteer

    with Gazetteer.open() as g:
        assert [c.qid for c in g.candidates("Us", cased=True)] == []
        assert "Q30" in [c.qid for c in g.candidates("US", cased=True)]
        assert "Q30" in [c.qid for c in g.candidates("Us")]  # case-blind by default
        assert g.demonym("Us", cased=True) is None and g.demonym("U.S.", cased=True) == "Q30"
        assert g.demonym("Russian", cased=True) == "Q159"
        assert "Q7184" in [c.qid for c in g.candidates("Nato", cased=True)]
