"""The fitted scorer (issue 10): a checked-in model that matches the engine's features, fitted
deterministically, and cross-validation that never scores a question with a model that saw it."""

from __future__ import annotations

import numpy as np
from conftest import REPO

from engine.answer import FEATURES
from engine.scorer import load_scorer, scorer_from_json
from eval.fit import collect, cross_validate, fit, folds, label
from eval.sets import Question, load_sets

SHIPPED = REPO / "eval" / "sets" / "questions_wiedoetwat.yaml"


def test_the_checked_in_scorer_matches_the_engine():
    scorer = load_scorer()
    assert scorer is not None, "engine/scorer.json is missing: run `wiedoetwat eval --fit`"
    assert scorer.features == FEATURES  # else: features changed without refitting
    assert scorer.trained_on["sets"] == ["eval/sets/questions_wiedoetwat.yaml"]
    assert scorer.trained_on["fingerprint"] and 0.0 < scorer.threshold < 1.0


def test_labels_follow_the_mentions():
    q = Question("x", "en", "q?", True, (("BIPT",), ("2025",)))
    texts = ["BIPT is the regulator.", "BIPT, in the 2025-2029 agreement.", "Nothing."]
    assert label(q, texts).tolist() == [0, 1, 0]  # the one holding every group
    two = Question("y", "en", "q?", True, (("imec",), ("VUB",)))
    assert label(two, ["imec leads.", "VUB joins.", "none"]).tolist() == [1, 1, 0]
    none = Question("z", "en", "q?", False, ())
    assert label(none, ["BIPT"]).tolist() == [0]  # an unanswerable item has no positive


def test_folds_keep_conversations_together_and_cover_everything():
    questions = load_sets([SHIPPED])
    parts = folds(questions, 5)
    seen = [i for fold in parts for i in fold]
    assert sorted(seen) == list(range(len(questions)))  # each question in exactly one fold
    where = {i: k for k, fold in enumerate(parts) for i in fold}
    for conv in {q.conversation for q in questions if q.conversation}:
        turns = [i for i, q in enumerate(questions) if q.conversation == conv]
        assert len({where[i] for i in turns}) == 1
    assert folds(questions, 5) == parts  # stable from run to run


def test_fitting_is_deterministic_and_the_file_round_trips(engine):
    questions = load_sets([SHIPPED])[:60]
    samples = collect(engine, questions, progress=False)
    first, second = fit(samples), fit(samples)
    assert first.to_json() == second.to_json()  # a fresh clone fits the same model
    again = scorer_from_json(first.to_json())
    rows = np.vstack([s.features for s in samples if len(s.features)])
    assert np.allclose(again(rows), first(rows))
    assert again(rows).min() >= 0.0 and again(rows).max() <= 1.0


def test_cross_validation_answers_every_question_once(engine):
    questions = load_sets([SHIPPED])[:30]
    before = engine.scorer
    results = cross_validate(engine, questions, 2, progress=False)
    assert engine.scorer is before  # the engine's own model is put back
    assert [r.question.id for r in results] == [q.id for q in questions]


def test_the_ranker_orders_and_the_probability_model_says_how_sure(engine):
    """The best sentence is the ranker's first; its score is the highest probability among the
    question's usable sentences (what abstention compares with the threshold)."""
    import lightgbm

    from engine.scorer import Forest
    from eval.fit import RANKER, _tree_arrays

    samples = collect(engine, load_sets([SHIPPED])[:60], progress=False)
    model = fit(samples)
    assert model.ranker is not None and model.spread > 0
    for s in samples:
        if len(s.features) < 2:
            continue
        scores, rank, p = model(s.features), model.rank(s.features), model.probability(s.features)
        assert np.argmax(scores) == np.argmax(rank)
        assert np.isclose(scores.max(), p.max())
    # the checked-in arrays reproduce LightGBM's own predictions
    ranked = [s for s in samples if len(s.features) and s.labels.sum() > 0]
    x = np.vstack([s.features for s in ranked]).astype(np.float32)
    y = np.concatenate([s.labels for s in ranked])
    ranker = lightgbm.LGBMRanker(**RANKER, random_state=0, n_jobs=1, verbose=-1)
    ranker.fit(x, y, group=[len(s.features) for s in ranked])
    trees = [_tree_arrays(t["tree_structure"]) for t in ranker.booster_.dump_model()["tree_info"]]
    forest = Forest({"init": 0.0, "rate": 1.0, "max_depth": 8, "trees": trees})
    assert np.allclose(forest.raw(x), ranker.predict(x), atol=1e-4)
