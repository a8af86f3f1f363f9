"""The memory series of bench/bench_build.py: per-pass peaks and the slope after the warm-up pass."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parent.parent / "bench" / "bench_build.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_build", _PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_slope_is_the_least_squares_slope(bench) -> None:
    assert bench.slope([5.0, 7.0, 9.0]) == pytest.approx(2.0)
    assert bench.slope([1.0, 3.0, 2.0, 4.0]) == pytest.approx(0.8)
    assert bench.slope([3.0]) is None


def test_memory_summary_groups_points_by_pass_and_skips_the_first_pass(bench) -> None:
    # two points per pass of 10 articles; the first pass is the warm-up and is not in the slopes
    series = [
        {"articles": 5, "rss_mb": 500, "peak_mb": 900},
        {"articles": 10, "rss_mb": 510, "peak_mb": 700},
        {"articles": 15, "rss_mb": 515, "peak_mb": 950},
        {"articles": 20, "rss_mb": 520, "peak_mb": 940},
        {"articles": 25, "rss_mb": 521, "peak_mb": 952},
        {"articles": 30, "rss_mb": 522, "peak_mb": 951},
        {"articles": 33, "rss_mb": 530, "peak_mb": 960},  # the end of the run, past the last pass
    ]
    summary = bench.memory_summary(series, per_pass=10, every=5)
    assert [(p["pass"], p["peak_mb"], p["end_rss_mb"]) for p in summary["passes"]] == [
        (1, 900, 510), (2, 950, 520), (3, 952, 522), (4, 960, 530)]
    assert summary["peak_slope_mb_per_pass"] == pytest.approx(5.0)
    assert summary["end_rss_slope_mb_per_pass"] == pytest.approx(5.0)
