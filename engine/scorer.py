"""The fitted sentence scorer: a logistic regression over the features of engine/answer.py.

The model is small data (a JSON file checked in beside this module, with the sets and the
fingerprint of the data that made it), so a fresh clone gives identical answers and answering
needs no scikit-learn: a dot product and a sigmoid. `wiedoetwat eval --fit` makes it
(eval/fit.py); `wiedoetwat eval --cv K` measures it on questions it was not fitted on.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from importlib.resources import files
from pathlib import Path

import numpy as np

from engine.answer import FEATURES

MODEL_FILE = "scorer.json"
FORMAT = 1


@dataclass(frozen=True)
class Scorer:
    """Standardise, weigh, squash: the probability that a sentence holds the answer."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float  # abstain when no usable sentence reaches this probability
    trained_on: dict = field(default_factory=dict)  # sets, fingerprint, counts, library version

    def __post_init__(self) -> None:
        if tuple(self.features) != FEATURES:
            raise ValueError(
                "the scorer was fitted on other features than the engine computes: "
                "run `wiedoetwat eval --fit` again"
            )
        object.__setattr__(self, "_w", np.asarray(self.coef, np.float32) / self._scale)
        object.__setattr__(
            self, "_b", float(self.intercept - np.dot(self._w, np.asarray(self.mean, np.float32)))
        )

    @property
    def _scale(self) -> np.ndarray:
        return np.where(np.asarray(self.scale, np.float32) > 0, self.scale, 1.0).astype(np.float32)

    def __call__(self, rows: np.ndarray) -> np.ndarray:
        z = rows @ self._w + self._b  # type: ignore[attr-defined]
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def to_json(self) -> str:
        data = {"format": FORMAT, **asdict(self)}
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    def weights(self) -> dict[str, float]:
        """Each feature's weight per standard deviation: what the model learned, readable."""
        return dict(zip(self.features, self.coef, strict=True))


def scorer_from_json(text: str) -> Scorer:
    data = json.loads(text)
    if data.pop("format", None) != FORMAT:
        raise ValueError("unknown scorer file format: run `wiedoetwat eval --fit` again")
    for key in ("features", "mean", "scale", "coef"):
        data[key] = tuple(data[key])
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
