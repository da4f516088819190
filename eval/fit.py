"""Fit the sentence scorer on labeled questions, and measure it honestly by cross-validation.

Labels come from the sets themselves: a candidate sentence is positive when it holds the item's
mentions (one alias of every group; else, for a question of several parts, the most groups any
candidate holds); an unanswerable item has no positive. The abstention threshold is fitted the
same way, on the best candidate of each question. `--cv K` fits on K-1 folds and answers the
held fold with the whole engine (follow-ups included), so its figures are on questions the model
never saw; `--fit` fits on everything and writes engine/scorer.json.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
from tqdm import tqdm

from engine.answer import FEATURES, NEAR_BEST
from engine.models import Answer
from engine.scorer import Scorer, model_path
from eval.metrics import Result, compute_metrics
from eval.report import build_report, format_table, write_json
from eval.run import Mode, run_questions
from eval.sets import Question, SetError, load_sets

if TYPE_CHECKING:
    from engine.core import Engine
    from ingest.settings import Settings

DEFAULT_SETS = (Path("eval/sets/questions_wiedoetwat.yaml"),)
KIND = "trees"  # boosted trees measured better than a logistic regression in --cv
C = 1.0  # the logistic regression's inverse regularisation strength
# small trees, many of them, slowly: interactions of two features (a kind of question and what
# a sentence holds), little room to memorise single questions
TREES = {"n_estimators": 300, "max_depth": 2, "learning_rate": 0.05, "subsample": 0.8}
BAGS = 3  # models averaged (each on its own subsamples of the candidates)
THRESHOLDS = np.round(np.arange(0.05, 0.96, 0.01), 2)
SMOOTH = 5  # steps of 0.01 on each side over which the threshold curve is averaged
# an answerable question answered with a best sentence that does not hold the mentions is
# often still answered by the sentences around it; an abstention never is
WRONG_BEST_CREDIT = 0.5
THRESHOLD_FOLDS = 5  # the threshold is chosen on probabilities of models that did not see them
# the ranker: trees fitted to put a question's answering sentence first (LambdaRank), on the
# questions that have one; chosen over ordering by the probability model in 5-fold CV, where the
# best sentence answered 0.82 of such questions against 0.77. Bigger trees were tried on 1775
# items and turns (session 19): 31 leaves instead of 6 put the answering sentence first for 0.874
# of held-out questions instead of 0.848, yet the answers' mention recall did not follow (5-fold
# CV 0.898 -> 0.895, direct 0.911 -> 0.896), so the small trees stay
RANKER = {
    "n_estimators": 300,
    "learning_rate": 0.05,
    "num_leaves": 6,
    "subsample": 0.8,
    "subsample_freq": 1,
}
RANK_BAGS = 3  # rankers averaged, each on its own subsamples


@dataclass
class Sample:
    """One question's candidates, as the scorer sees them."""

    question: Question
    features: np.ndarray  # (candidates, features), usable candidates only
    labels: np.ndarray  # 1 where the sentence holds the asked-for mentions


def _holds(text: str, group: Sequence[str]) -> bool:
    low = text.casefold()
    return any(alias.casefold() in low for alias in group)


def label(question: Question, texts: Sequence[str]) -> np.ndarray:
    if not question.answerable or not texts:
        return np.zeros(len(texts), dtype=np.int8)
    counts = np.array([sum(_holds(t, g) for g in question.mentions) for t in texts])
    best = counts.max()
    if best == 0:
        return np.zeros(len(texts), dtype=np.int8)
    return (counts == best).astype(np.int8)


def collect(engine: Engine, questions: Sequence[Question], progress: bool = True) -> list[Sample]:
    """Ask every question once (turns with their conversation's answers as history) and keep
    the usable candidates' features with their labels."""
    histories: dict[str, list[Answer]] = {}
    out: list[Sample] = []
    # Conversations are answered with the hand-set weights, whatever model is loaded, so that
    # the training data (and so the fitted model) depends on the sets and the code alone.
    loaded, engine.scorer = engine.scorer, None
    try:
        for q in tqdm(questions, desc="features", unit="q", disable=not progress, file=sys.stderr):
            history = histories.setdefault(q.conversation, []) if q.conversation else []
            answer, composed = engine.explain(q.question, tuple(history))
            if q.conversation:
                history.append(answer)
            usable = [c for c in composed.candidates if c.kind_ok and c.features is not None]
            x = np.vstack([c.features for c in usable]) if usable else np.zeros((0, len(FEATURES)))
            out.append(Sample(q, x, label(q, [c.sentence.text for c in usable])))
    finally:
        engine.scorer = loaded
    return out


def fit(samples: Sequence[Sample], sets: Sequence[str] = (), kind: str = KIND) -> Scorer:
    """The model on all samples, with an abstention threshold chosen on out-of-fold
    probabilities (a model's probabilities on its own training questions are too sure)."""
    model = _with_ranker(_fit_model(samples, kind), samples)
    held_out: list[tuple[Sample, np.ndarray]] = []
    groups = [s.question for s in samples]
    for held in folds(groups, THRESHOLD_FOLDS):
        held_set = set(held)
        train = [s for i, s in enumerate(samples) if i not in held_set]
        inner = _with_ranker(_fit_model(train, kind), train)
        held_out += [(samples[i], inner(samples[i].features)) for i in held]
    threshold = fit_threshold(held_out)
    return replace(
        model,
        threshold=threshold,
        trained_on={**model.trained_on, "sets": list(sets), "threshold_folds": THRESHOLD_FOLDS},
    )


def _with_ranker(model: Scorer, samples: Sequence[Sample]) -> Scorer:
    """`model` with a ranker fitted on the questions that have an answering sentence, and the
    spread that turns rank-score gaps into the probability model's usual ratios."""
    ranked = [s for s in samples if len(s.features) and s.labels.sum() > 0]
    if len(ranked) < 10:
        return model
    import lightgbm

    x = np.vstack([s.features for s in ranked]).astype(np.float32)
    y = np.concatenate([s.labels for s in ranked])
    groups = [len(s.features) for s in ranked]
    trees: list[dict] = []
    for seed in range(RANK_BAGS):
        ranker = lightgbm.LGBMRanker(
            **RANKER, random_state=seed, n_jobs=1, deterministic=True, verbose=-1
        )
        ranker.fit(x, y, group=groups)
        trees += [
            _tree_arrays(t["tree_structure"]) for t in ranker.booster_.dump_model()["tree_info"]
        ]
    params = {
        "init": 0.0,
        "rate": 1.0 / RANK_BAGS,
        "max_depth": max(_depth(t) for t in trees),
        "trees": trees,
    }
    with_ranker = replace(
        model,
        ranker=params,
        trained_on={
            **model.trained_on,
            "ranker": {**RANKER, "bags": RANK_BAGS},
            "lightgbm": lightgbm.__version__,
        },
    )
    return replace(with_ranker, spread=_spread(with_ranker, samples))


def _tree_arrays(root: dict) -> dict:
    """A LightGBM tree (its JSON dump) as the arrays a `Forest` reads, root first."""
    out: dict[str, list] = {k: [] for k in ("feature", "threshold", "left", "right", "value")}

    def add(node: dict) -> int:
        k = len(out["feature"])
        for key in out:
            out[key].append(0)
        if "leaf_value" in node or "split_feature" not in node:
            out["feature"][k], out["threshold"][k] = -2, 0.0
            out["left"][k] = out["right"][k] = -1
            out["value"][k] = float(node.get("leaf_value", 0.0))
            return k
        if node.get("decision_type", "<=") != "<=":
            raise ValueError("only numeric '<=' splits are supported")
        out["feature"][k] = int(node["split_feature"])
        out["threshold"][k] = float(node["threshold"])
        out["left"][k] = add(node["left_child"])
        out["right"][k] = add(node["right_child"])
        return k

    add(root)
    return out


def _depth(tree: dict, node: int = 0) -> int:
    if tree["left"][node] < 0:
        return 0
    return 1 + max(_depth(tree, tree["left"][node]), _depth(tree, tree["right"][node]))


def _spread(model: Scorer, samples: Sequence[Sample]) -> float:
    """Rank-score units per factor e, chosen so that as many sentences come within
    `NEAR_BEST` of their question's best as under the probability model: the answer takes along
    near-best sentences by that ratio, so the answers stay as long as they were."""
    gaps, logs = [], []
    for s in samples:
        if len(s.features) < 2:
            continue
        p = model.probability(s.features)
        r = model.rank(s.features)
        top = int(np.argmax(r))  # type: ignore[arg-type]
        rest = np.arange(len(p)) != top
        gaps += (r[top] - r[rest]).tolist()  # type: ignore[index]
        logs += np.log(
            p.max() / np.maximum(p[np.arange(len(p)) != int(np.argmax(p))], 1e-9)
        ).tolist()
    if not gaps:
        return 1.0
    line = float(np.log(1.0 / NEAR_BEST))
    share = float(np.mean(np.asarray(logs) <= line))  # of runners-up within NEAR_BEST of the best
    if share <= 0.0:
        return 1.0
    return max(float(np.quantile(gaps, min(share, 1.0))) / line, 1e-3)


def _fit_model(samples: Sequence[Sample], kind: str) -> Scorer:
    """A model over the candidates (its threshold is set by `fit`). Positives are weighted up
    to balance the many sentences that do not answer."""
    from sklearn import __version__ as sk_version

    x = np.vstack([s.features for s in samples if len(s.features)]).astype(np.float32)
    y = np.concatenate([s.labels for s in samples if len(s.features)])
    weight = np.where(y == 1, (len(y) - y.sum()) / max(1, y.sum()), 1.0)
    if kind == "logistic":
        from sklearn.linear_model import LogisticRegression

        mean, scale = x.mean(axis=0), x.std(axis=0)
        lr = LogisticRegression(C=C, max_iter=2000)
        lr.fit((x - mean) / np.where(scale > 0, scale, 1.0), y, sample_weight=weight)
        params: dict = {
            "mean": [float(v) for v in mean],
            "scale": [float(v) for v in scale],
            "coef": [float(v) for v in lr.coef_[0]],
            "intercept": float(lr.intercept_[0]),
        }
    else:
        from sklearn.ensemble import GradientBoostingClassifier

        # several models on other subsamples, averaged in log-odds: one model's choices swing
        # with every small change of the data (a refit moved unrelated answers)
        inits: list[float] = []
        trees: list[dict] = []
        for seed in range(BAGS):
            gb = GradientBoostingClassifier(**TREES, random_state=seed)
            gb.fit(x, y, sample_weight=weight)
            inits.append(
                float(gb.decision_function(x[:1])[0])
                - gb.learning_rate * sum(float(est[0].predict(x[:1])[0]) for est in gb.estimators_)
            )
            trees += [
                {
                    "feature": est[0].tree_.feature.tolist(),
                    "threshold": [float(v) for v in est[0].tree_.threshold],
                    "left": est[0].tree_.children_left.tolist(),
                    "right": est[0].tree_.children_right.tolist(),
                    "value": [round(float(v), 6) for v in est[0].tree_.value[:, 0, 0]],
                }
                for est in gb.estimators_
            ]
        params = {
            "init": float(np.mean(inits)),
            "rate": float(TREES["learning_rate"]) / BAGS,
            "max_depth": int(TREES["max_depth"]),
            "trees": trees,
        }
    return Scorer(
        FEATURES,
        kind,  # type: ignore[arg-type]
        params,
        threshold=0.5,
        trained_on={
            "questions": len(samples),
            "candidates": len(y),
            "positives": int(y.sum()),
            "fingerprint": fingerprint(samples),
            "sklearn": sk_version,
            "model": {**TREES, "bags": BAGS} if kind == "trees" else {"C": C},
        },
    )


class FeatureLog:
    """Answers as its engine does and keeps every answer's candidate features, so that one
    pass over a set both scores it and fingerprints what the engine computed on the way."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.rows: list[tuple[str, np.ndarray]] = []

    def ask(
        self,
        question: str,
        history: Sequence[Answer] = (),
        language: Literal["auto", "nl", "en"] | None = None,
        mode: Mode | None = None,
    ) -> Answer:
        answer, composed = self.engine.explain(question, history, language, mode)
        usable = [c.features for c in composed.candidates if c.features is not None]
        self.rows.append((question, np.vstack(usable) if usable else np.zeros((0, len(FEATURES)))))
        return answer

    def fingerprint(self, first: int | None = None) -> str:
        """The digest of the first `first` answers' questions and candidate features."""
        digest = hashlib.sha256()
        for question, rows in self.rows[:first]:
            digest.update(question.encode())
            digest.update(np.ascontiguousarray(rows, dtype=np.float32).tobytes())
        return digest.hexdigest()[:16]


def fingerprint(samples: Sequence[Sample]) -> str:
    """What a model was fitted on: the questions and every candidate's features."""
    digest = hashlib.sha256()
    for s in samples:
        digest.update(s.question.id.encode())
        digest.update(np.ascontiguousarray(s.features, dtype=np.float32).tobytes())
    return digest.hexdigest()[:16]


def fit_threshold(scored: Sequence[tuple[Sample, np.ndarray]]) -> float:
    """The threshold with (nearly) the most right outcomes: a right best sentence answered,
    or an unanswerable question abstained on."""
    best_p = []
    best_ok = []
    for s, p in scored:
        if len(s.features):
            k = int(np.argmax(p))
            best_p.append(float(p[k]))
            best_ok.append(bool(s.labels[k]))
        else:
            best_p.append(0.0)
            best_ok.append(False)
    p_arr = np.array(best_p)
    ok = np.array(best_ok)
    answerable = np.array([s.question.answerable for s, _ in scored])
    scores = [
        float(
            ((p_arr >= t) & answerable & ok).sum()
            + ((p_arr < t) & ~answerable).sum()
            + WRONG_BEST_CREDIT * ((p_arr >= t) & answerable & ~ok).sum()
        )
        for t in THRESHOLDS
    ]
    # the curve is flat and ragged: a refit moves its highest point far (0.44 to 0.69) for a
    # few questions' sake, so it is smoothed over a window first
    smooth = np.convolve(scores, np.ones(2 * SMOOTH + 1), mode="same") / np.convolve(
        np.ones(len(scores)), np.ones(2 * SMOOTH + 1), mode="same"
    )
    # the best of the smoothed curve; of equal ones the lowest (answer rather than abstain)
    return float(THRESHOLDS[int(np.argmax(smooth))])


def folds(questions: Sequence[Question], k: int) -> list[list[int]]:
    """K folds of question indices; a conversation's turns stay together. Assignment follows a
    hash of the id, so it is stable from run to run and machine to machine."""
    groups: dict[str, list[int]] = {}
    for i, q in enumerate(questions):
        groups.setdefault(q.conversation or q.id, []).append(i)
    order = sorted(groups, key=lambda g: hashlib.sha1(g.encode()).hexdigest())
    out: list[list[int]] = [[] for _ in range(k)]
    for n, g in enumerate(order):
        out[n % k].extend(groups[g])
    return out


def cross_validate(
    engine: Engine, questions: Sequence[Question], k: int, progress: bool = True
) -> list[Result]:
    """Answers to every question from a model fitted without its fold."""
    samples = collect(engine, questions, progress)
    saved = engine.scorer
    results: list[Result | None] = [None] * len(questions)
    try:
        for n, held in enumerate(folds(questions, k), start=1):
            held_set = set(held)
            train = [s for i, s in enumerate(samples) if i not in held_set]
            engine.scorer = fit(train)
            asked = [questions[i] for i in held]
            fold_results = run_questions(engine, asked, progress=progress, desc=f"fold {n}/{k}")
            for i, r in zip(held, fold_results, strict=True):
                results[i] = r
    finally:
        engine.scorer = saved
    return [r for r in results if r is not None]


def run_fit_command(
    settings: Settings,
    set_paths: Sequence[Path],
    *,
    cv: int | None,
    save: bool,
    json_path: Path | None = None,
    progress: bool = True,
) -> int:
    """`eval --cv K` prints cross-validated metrics; `eval --fit` writes the model."""
    paths = list(set_paths) or list(DEFAULT_SETS)
    if cv is not None and not 2 <= cv <= 20:
        print("error: --cv takes a number of folds from 2 to 20", file=sys.stderr)
        return 2
    try:
        questions = load_sets(paths)
    except SetError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    from engine.core import Engine

    engine = Engine.load(settings, progress=progress)
    if cv:
        results = cross_validate(engine, questions, cv, progress)
        print(f"{cv}-fold cross-validated (each answer from a model fitted without it):")
        metrics = compute_metrics(results)
        print(format_table(metrics))
        if json_path is not None:
            write_json(json_path, build_report(paths, "hybrid", results, metrics))
            print(f"wrote {json_path}")
    if save:
        scorer = fit(collect(engine, questions, progress), [p.as_posix() for p in paths])
        ranked = sorted(scorer.importance().items(), key=lambda kv: -abs(kv[1]))
        print("what the model leans on most: " + ", ".join(f"{k} {v:.2f}" for k, v in ranked[:8]))
        # the training figures' pass also records what the engine computes when it answers
        # with this model, which the eval gate compares against in the same pass of its own
        engine.scorer = scorer
        log = FeatureLog(engine)
        results = run_questions(log, questions, progress=progress)
        scorer = replace(scorer, trained_on={**scorer.trained_on, "answered": log.fingerprint()})
        target = model_path()
        target.write_text(scorer.to_json(), encoding="utf-8")
        print(f"wrote {target} (threshold {scorer.threshold:.2f}); training figures:")
        print(format_table(compute_metrics(results)))
    return 0
