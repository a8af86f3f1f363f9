"""Merging of entities and tenures from several sources."""

from __future__ import annotations

from kg.gazetteer.collect import Collector, clean_date


def test_clean_date_keeps_precision() -> None:
    assert clean_date("2021-01-20") == "2021-01-20"
    assert clean_date("2017-07") == "2017-07"
    assert clean_date("2025") == "2025"
    assert clean_date("2021-02-30") == "2021-02"
    assert clean_date("") is None and clean_date("n/a") is None


def test_better_ranked_source_wins_label_and_kind() -> None:
    col = Collector()
    col.entity("Q1", "Kiev town", "place", rank=7, prior=0.3)
    col.entity("Q1", "Kyiv", "place", rank=3, prior=0.85, description="capital of Ukraine")
    col.entity("Q1", "Kyiv city", "place", rank=4, prior=0.5, country="Q212")
    ent = col.entities["Q1"]
    assert (ent.label, ent.prior, ent.country, ent.description) == ("Kyiv", 0.85, "Q212", "capital of Ukraine")


def test_blocked_qid_never_comes_back() -> None:
    col = Collector()
    col.entity("Q517568", "Kyiv", "place", rank=7, prior=0.8)
    col.alias("Q517568", "Kyiv", "dr5hn", 7)
    col.block("Q517568")
    assert not col.entity("Q517568", "Kyiv", "place", rank=7, prior=0.8)
    assert "Q517568" not in col.entities and not col.aliases


def _merged(col: Collector) -> list[tuple[str | None, str | None, str]]:
    return [(t.start, t.end, t.source) for t in col.merged_tenures()]


def test_open_old_snapshot_closed_by_newer_source() -> None:
    col = Collector()
    col.tenure("P", "X", "2020-03-04", None, "old", 2)
    col.tenure("P", "X", "2020", "2025", "new", 2)
    assert _merged(col) == [("2020-03-04", "2025", "new+old")]


def test_consecutive_terms_stay_open() -> None:
    col = Collector()
    col.tenure("P", "X", "2003-01-07", "2009-01-03", "a", 2)
    col.tenure("P", "X", "2009-01-06", "2015-01-03", "a", 2)
    col.tenure("P", "X", "2015-01-06", None, "b", 1)
    assert _merged(col) == [("2003-01-07", None, "b+a")]


def test_separate_stints_are_not_merged() -> None:
    col = Collector()
    col.tenure("T", "X", "2017-01-20", "2021-01-20", "a", 1)
    col.tenure("T", "X", "2025-01-20", None, "a", 1)
    col.tenure("T", "X", "2025", None, "b", 2)
    assert _merged(col) == [("2017-01-20", "2021-01-20", "a"), ("2025-01-20", None, "a+b")]


def test_tenure_ending_before_it_starts_is_dropped() -> None:
    col = Collector()
    col.tenure("P", "X", "2020-01-01", "2019-01-01", "a", 1)
    assert col.merged_tenures() == [] and col.skipped["tenure ends before it starts"] == 1
