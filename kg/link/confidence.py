"""Calibrated link confidence: the probability that a gazetteer candidate is the right entity.

Input: the evidence about one mention's best candidate and its runner-up (`Evidence`). Output: a
probability in [0, 1] from a logistic model whose weights were fitted on gold-labelled news
(`kg/link/train.py`, shipped as `kg/data/link_model.json`). Because the model is fitted by maximum
likelihood on held-apart benchmarks, its output reads as a probability: of the links scored 0.8,
about eight in ten are right (the `link confidence` table of `geokg eval link` checks that on
the reporting split). The linker keeps a link only when this probability clears its threshold.

The features are deliberately few and readable (each weight can be explained to an analyst):
how prominent the candidate is, how much more prominent than the runner-up, how much the
article talks about its country, whether the surface is its very label, whether it is foreign to
an article that names other countries, how many entities share the name, and the entity kind.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import GazetteerError

MODEL_FILE = Path(__file__).resolve().parent.parent / "data" / "link_model.json"
KIND_FEATURES = ("country", "place", "organization", "person")
FEATURES: tuple[str, ...] = (
    "bias",
    "prior",  # prominence of the best candidate, 0..1
    "prior_gap",  # its prior minus the runner-up's (its own prior when alone)
    "context",  # share of the article's country mentions that are its country
    "context_gap",  # the same minus the runner-up's
    "exact_label",  # the surface is its label (case-insensitive, accents kept)
    "inexact",  # found by spelling out a short given name or by fuzzy matching, not by an alias
    "foreign",  # the article names countries, and not this one's
    "log_candidates",  # ln(number of entities sharing the name)
    "rival_same_country",  # the runner-up lies in the same country (city vs its province)
    "major",  # prior >= 0.8: sovereign countries, capitals, big cities, household-name bodies
    "surname_bearers",  # ln(1 + people in the gazetteer with the person's surname): Smith vs Zelenskyy
    "all_caps",  # "WASHINGTON" (a dateline) rather than "Washington"
    "one_word",
) + tuple(f"kind_{k}" for k in KIND_FEATURES)


@dataclass(frozen=True)
class Evidence:
    """What is known about one mention's best gazetteer candidate."""

    surface: str
    kind: str
    prior: float
    context: float
    exact_label: bool
    foreign: bool
    candidates: int
    runner_up_prior: float | None = None
    runner_up_context: float = 0.0
    runner_up_same_country: bool = False
    surname_bearers: int = 0
    inexact: bool = False

    def features(self) -> dict[str, float]:
        alone = self.runner_up_prior is None
        f = {
            "bias": 1.0,
            "prior": self.prior,
            "prior_gap": self.prior - (0.0 if alone else self.runner_up_prior),  # type: ignore[operator]
            "context": self.context,
            "context_gap": self.context - self.runner_up_context,
            "exact_label": float(self.exact_label),
            "inexact": float(self.inexact),
            "foreign": float(self.foreign),
            "log_candidates": math.log(max(self.candidates, 1)),
            "rival_same_country": float(self.runner_up_same_country),
            "major": float(self.prior >= 0.8),
            "surname_bearers": math.log1p(self.surname_bearers) if self.kind == "person" else 0.0,
            "all_caps": float(self.surface.isupper() and len(self.surface) > 3),
            "one_word": float(len(self.surface.split()) == 1),
        }
        for k in KIND_FEATURES:
            f[f"kind_{k}"] = float(self.kind == k)
        return f


@dataclass(frozen=True)
class LinkModel:
    """A logistic model over `FEATURES`; `meta` says what it was fitted on."""

    weights: Mapping[str, float]
    meta: Mapping[str, object] = field(default_factory=dict)

    def probability(self, evidence: Evidence) -> float:
        z = sum(self.weights.get(name, 0.0) * value for name, value in evidence.features().items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        data = {"features": list(FEATURES), "weights": {k: round(self.weights.get(k, 0.0), 6) for k in FEATURES},
                "meta": dict(self.meta)}
        return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def load_model(path: Path | None = None) -> LinkModel:
    """The link model in `path` (default: the shipped one); a clear error if it is unusable."""
    path = Path(path) if path is not None else MODEL_FILE
    hint = "refit it with `geokg eval fit-linker` or reinstall geokg"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in data["weights"].items()}
    except FileNotFoundError as exc:
        raise GazetteerError(f"expected the link model file, but it is missing; {hint}", source=str(path)) from exc
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise GazetteerError(f"expected a JSON link model with a 'weights' object, but it could not be read "
                             f"({exc}); {hint}", source=str(path)) from exc
    unknown = set(weights) - set(FEATURES)
    if unknown:
        raise GazetteerError(f"expected weights for {', '.join(FEATURES)}, but got unknown feature(s) "
                             f"{', '.join(sorted(unknown))}; {hint}", source=str(path))
    return LinkModel(weights=weights, meta=data.get("meta", {}))


def fit(examples: Sequence[tuple[Evidence, bool]], l2: float = 1.0, iterations: int = 50) -> LinkModel:
    """Maximum-likelihood logistic regression with an L2 penalty (not on the bias), by Newton's
    method; `examples` are (evidence, whether the candidate was right)."""
    import numpy as np

    if not examples:
        raise ValueError("cannot fit a link model on no examples")
    x = np.array([[ev.features()[name] for name in FEATURES] for ev, _ in examples], dtype=float)
    y = np.array([1.0 if ok else 0.0 for _, ok in examples])
    penalty = np.full(len(FEATURES), l2)
    penalty[FEATURES.index("bias")] = 0.0
    w = np.zeros(len(FEATURES))
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(len(FEATURES))
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return LinkModel(weights={name: float(v) for name, v in zip(FEATURES, w)})


def log_loss(model: LinkModel, examples: Iterable[tuple[Evidence, bool]]) -> float:
    """Mean negative log-likelihood of `examples` under `model` (lower is better)."""
    total, n = 0.0, 0
    for ev, ok in examples:
        p = min(max(model.probability(ev), 1e-12), 1 - 1e-12)
        total -= math.log(p if ok else 1 - p)
        n += 1
    return total / n if n else 0.0
