"""The link-confidence model: features, fitting, calibration, the shipped file."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from kg.errors import GazetteerError
from kg.link.confidence import FEATURES, MODEL_FILE, Evidence, LinkModel, fit, load_model, log_loss


def evidence(prior: float, runner: float | None = None, context: float = 0.0, foreign: bool = False,
             exact: bool = True, surface: str = "Houston", kind: str = "place") -> Evidence:
    return Evidence(surface=surface, kind=kind, prior=prior, context=context, exact_label=exact,
                    foreign=foreign, candidates=1 if runner is None else 2, runner_up_prior=runner)


def test_features_are_the_declared_ones() -> None:
    f = evidence(0.8, 0.3, surface="WASHINGTON").features()
    assert tuple(f) == FEATURES
    assert f["prior_gap"] == pytest.approx(0.5) and f["all_caps"] == 1.0 and f["kind_place"] == 1.0
    assert evidence(0.8).features()["prior_gap"] == pytest.approx(0.8)  # alone: the whole prior


def synthetic(n: int, seed: int = 7) -> list[tuple[Evidence, bool]]:
    """Right when the best candidate clearly outranks the runner-up, with the chance of being right
    rising with the gap: a known, monotone truth the fit must recover."""
    rng = random.Random(seed)
    examples = []
    for _ in range(n):
        prior, runner = rng.random(), rng.random() * 0.9
        p_right = min(0.95, max(0.05, 0.5 + (prior - runner)))
        examples.append((evidence(prior, runner, foreign=rng.random() < 0.3), rng.random() < p_right))
    return examples


def test_fit_recovers_direction_and_is_calibrated() -> None:
    train, held_out = synthetic(3000), synthetic(2000, seed=11)
    model = fit(train)
    assert model.weights["prior_gap"] > 1.0
    assert abs(model.weights["foreign"]) < 0.5  # it carries no signal in this data
    # Calibrated: the mean probability of the held-out examples matches their rate of being right.
    mean_p = sum(model.probability(ev) for ev, _ in held_out) / len(held_out)
    rate = sum(ok for _, ok in held_out) / len(held_out)
    assert mean_p == pytest.approx(rate, abs=0.03)
    assert log_loss(model, held_out) < log_loss(LinkModel({"bias": 0.0}), held_out)


def test_fit_refuses_no_examples() -> None:
    with pytest.raises(ValueError, match="no examples"):
        fit([])


def test_shipped_model_loads_and_ranks_clear_cases(tmp_path: Path) -> None:
    model = load_model()
    assert set(model.weights) <= set(FEATURES)
    clear = model.probability(evidence(0.85, 0.3, context=1.0))
    coin_toss = model.probability(evidence(0.3, 0.3, foreign=True))
    assert clear > 0.8 > coin_toss
    path = tmp_path / "m.json"
    path.write_text(model.to_json(), encoding="utf-8")
    again = load_model(path).weights
    assert all(again[k] == pytest.approx(model.weights.get(k, 0.0), abs=1e-6) for k in FEATURES)


@pytest.mark.parametrize("content, message", [
    (None, "missing"),
    ("{not json", "could not be read"),
    (json.dumps({"weights": {"bogus": 1.0}}), "unknown feature"),
])
def test_unusable_model_file_names_the_file_and_the_fix(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "link_model.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError, match=message) as info:
        load_model(path)
    assert str(path) in str(info.value.source) and "fit-linker" in str(info.value)


def test_model_file_location() -> None:
    assert MODEL_FILE.name == "link_model.json" and MODEL_FILE.is_file()
