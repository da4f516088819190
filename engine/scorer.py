"""The fitted sentence scorer: boosted decision stumps-and-pairs over the features of
engine/answer.py, or a logistic regression.

The model is small data (a JSON file checked in beside this module, with the sets and the
fingerprint of the data that made it), so a fresh clone gives identical answers and answering
needs no scikit-learn: a few array look-ups and a sigmoid. `wiedoetwat eval --fit` makes it
(eval/fit.py); `wiedoetwat eval --cv K` measures it on questions it was not fitted on.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Literal

import numpy as np

from engine.answer import FEATURES

MODEL_FILE = "scorer.json"
FORMAT = 2


@dataclass(frozen=True)
class Scorer:
    """The probability that a sentence holds the answer, from its feature row.

    kind "logistic": `params` has mean, scale, coef, intercept (on standardised features).
    kind "trees": gradient-boosted regression trees on the log-odds; `params` has init, rate
    and per tree the arrays feature, threshold, left, right, value (-1 children are leaves).
    """

    features: tuple[str, ...]
    kind: Literal["logistic", "trees"]
    params: dict
    threshold: float  # abstain when no usable sentence reaches this probability
    trained_on: dict = field(default_factory=dict)  # sets, fingerprint, counts, library version

    def __post_init__(self) -> None:
        if tuple(self.features) != FEATURES:
            raise ValueError(
                "the scorer was fitted on other features than the engine computes: "
                "run `wiedoetwat eval --fit` again"
            )
        p = self.params
        if self.kind == "logistic":
            scale = np.asarray(p["scale"], np.float32)
            w = np.asarray(p["coef"], np.float32) / np.where(scale > 0, scale, 1.0)
            b = float(p["intercept"] - np.dot(w, np.asarray(p["mean"], np.float32)))
            object.__setattr__(self, "_linear", (w.astype(np.float32), b))
        else:
            trees = p["trees"]
            width = max(len(tr["feature"]) for tr in trees)

            def stack(key: str, fill: float, dtype: type) -> np.ndarray:
                out = np.full((len(trees), width), fill, dtype=dtype)
                for k, tr in enumerate(trees):
                    out[k, : len(tr[key])] = tr[key]
                return out

            arrays = {
                "feature": stack("feature", 0, np.int64),
                "threshold": stack("threshold", 0.0, np.float32),
                "left": stack("left", -1, np.int64),
                "right": stack("right", -1, np.int64),
                "value": stack("value", 0.0, np.float32),
            }
            arrays["feature"] = np.maximum(arrays["feature"], 0)  # leaves say -2
            object.__setattr__(self, "_trees", arrays)
            depth = int(p.get("max_depth", 3))
            object.__setattr__(self, "_depth", depth)

    def raw(self, rows: np.ndarray) -> np.ndarray:
        """Log-odds of each row."""
        rows = np.asarray(rows, dtype=np.float32)
        if self.kind == "logistic":
            w, b = self._linear  # type: ignore[attr-defined]
            return rows @ w + b
        tr = self._trees  # type: ignore[attr-defined]
        n_trees = tr["feature"].shape[0]
        node = np.zeros((rows.shape[0], n_trees), dtype=np.int64)
        cols = np.arange(n_trees)
        for _ in range(self._depth):  # type: ignore[attr-defined]
            left = tr["left"][cols, node]
            leaf = left < 0
            feat = tr["feature"][cols, node]
            go_left = np.take_along_axis(rows, feat, axis=1) <= tr["threshold"][cols, node]
            nxt = np.where(go_left, left, tr["right"][cols, node])
            node = np.where(leaf, node, nxt)
        values = tr["value"][cols, node]
        return self.params["init"] + self.params["rate"] * values.sum(axis=1)

    def __call__(self, rows: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-np.clip(self.raw(rows), -30, 30)))

    def to_json(self) -> str:
        data = {"format": FORMAT, **asdict(self)}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"

    def importance(self) -> dict[str, float]:
        """How much each feature matters: |weight| per standard deviation for the logistic
        model, the share of splits for trees. For reading, not for scoring."""
        if self.kind == "logistic":
            return dict(zip(self.features, self.params["coef"], strict=True))
        counts = np.zeros(len(self.features))
        for tr in self.params["trees"]:
            for f, left in zip(tr["feature"], tr["left"], strict=True):
                if left >= 0:
                    counts[f] += 1
        total = counts.sum() or 1.0
        return {name: float(c / total) for name, c in zip(self.features, counts, strict=True)}


def scorer_from_json(text: str) -> Scorer:
    data = json.loads(text)
    if data.pop("format", None) != FORMAT:
        raise ValueError("unknown scorer file format: run `wiedoetwat eval --fit` again")
    data["features"] = tuple(data["features"])
    return Scorer(**data)


def load_scorer(path: Path | None = None) -> Scorer | None:
    """The checked-in model (or the one at `path`); None when there is none yet."""
    resource = Path(path) if path else files("engine").joinpath(MODEL_FILE)
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return scorer_from_json(text)


def model_path() -> Path:
    """Where `eval --fit` writes the model: beside this module, in the source tree."""
    return Path(str(files("engine").joinpath(MODEL_FILE)))
