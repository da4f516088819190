"""The fitted sentence scorer: boosted decision stumps-and-pairs over the features of
engine/answer.py (or a logistic regression) for how sure an answer is, and boosted trees fitted
to rank the sentences of one question for which one answers it.

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


class Forest:
    """Regression trees in arrays: `params` has init, rate, max_depth and per tree the arrays
    feature, threshold, left, right, value (-1 children are leaves). Raw = init + rate * sum."""

    def __init__(self, params: dict) -> None:
        trees = params["trees"]
        width = max(len(tr["feature"]) for tr in trees)

        def stack(key: str, fill: float, dtype: type) -> np.ndarray:
            out = np.full((len(trees), width), fill, dtype=dtype)
            for k, tr in enumerate(trees):
                out[k, : len(tr[key])] = tr[key]
            return out

        # flat, so that one index finds each tree's node: (tree * width + node)
        self.feature = np.maximum(stack("feature", 0, np.int32), 0).ravel()  # leaves say -2
        self.threshold = stack("threshold", 0.0, np.float32).ravel()
        self.left = stack("left", -1, np.int32).ravel()
        self.right = stack("right", -1, np.int32).ravel()
        self.value = stack("value", 0.0, np.float32).ravel()
        self.leaf = self.left < 0
        self.child = np.stack([self.left, self.right], axis=1).ravel()  # 2 * node + went right
        self.base = (np.arange(len(trees), dtype=np.int32) * width)[None, :]
        self.depth = int(params.get("max_depth", 3))
        self.init = float(params["init"])
        self.rate = float(params["rate"])

    def raw(self, rows: np.ndarray) -> np.ndarray:
        # every tree walked at once, one level per step, with flat 1-d lookups (`take`), which
        # numpy does several times faster than 2-d fancy indexing: this runs for every question
        values = np.ascontiguousarray(rows).ravel()
        offsets = (np.arange(rows.shape[0], dtype=np.int32) * rows.shape[1])[:, None]
        node = np.zeros((rows.shape[0], self.base.shape[1]), dtype=np.int32)
        for _ in range(self.depth):
            flat = self.base + node
            x = values.take(offsets + self.feature.take(flat))
            right = np.logical_not(x <= self.threshold.take(flat))
            node = np.where(self.leaf.take(flat), node, self.child.take(2 * flat + right))
        return self.init + self.rate * self.value[self.base + node].sum(axis=1)


_KIND_OK = FEATURES.index("kind_ok")


@dataclass(frozen=True)
class Scorer:
    """The probability that a sentence holds the answer, from its feature row.

    kind "logistic": `params` has mean, scale, coef, intercept (on standardised features).
    kind "trees": gradient-boosted regression trees on the log-odds (a `Forest`'s params).

    `ranker` (optional, a `Forest`'s params) orders the candidates of one question: it is fitted
    on which of a question's sentences answers it (learning to rank), which the probability
    model, fitted on all sentences of all questions at once, does less well. The probability
    model still says how sure the best answer is (abstention): the best-ranked sentence gets
    the highest probability among the question's usable sentences, and the others less by their
    distance in rank score (`spread` ranker units per factor e).
    """

    features: tuple[str, ...]
    kind: Literal["logistic", "trees"]
    params: dict
    threshold: float  # abstain when no usable sentence reaches this probability
    trained_on: dict = field(default_factory=dict)  # sets, fingerprint, counts, library version
    ranker: dict | None = None
    spread: float = 1.0

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
            object.__setattr__(self, "_forest", Forest(p))
        object.__setattr__(self, "_ranker", Forest(self.ranker) if self.ranker else None)

    def raw(self, rows: np.ndarray) -> np.ndarray:
        """Log-odds of each row, by the probability model."""
        rows = np.asarray(rows, dtype=np.float32)
        if self.kind == "logistic":
            w, b = self._linear  # type: ignore[attr-defined]
            return rows @ w + b
        return self._forest.raw(rows)  # type: ignore[attr-defined]

    def probability(self, rows: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-np.clip(self.raw(rows), -30, 30)))

    def rank(self, rows: np.ndarray) -> np.ndarray | None:
        """The ranker's score of each row (only differences within a question mean anything)."""
        ranker = self._ranker  # type: ignore[attr-defined]
        return None if ranker is None else ranker.raw(np.asarray(rows, dtype=np.float32))

    def __call__(self, rows: np.ndarray) -> np.ndarray:
        """Scores of one question's candidate rows."""
        rows = np.asarray(rows, dtype=np.float32)
        p = self.probability(rows)
        r = self.rank(rows)
        if r is None or not len(rows):
            return p
        usable = rows[:, _KIND_OK] > 0.5
        if not usable.any():
            usable = np.ones(len(rows), dtype=bool)
        level, top = float(p[usable].max()), float(r[usable].max())
        return np.minimum(1.0, level * np.exp((r - top) / max(self.spread, 1e-6)))

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
