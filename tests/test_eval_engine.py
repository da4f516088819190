"""The eval command against the real engine: the same engine the chat uses, gated by floors."""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass

import pytest
from conftest import REPO

from engine.scorer import load_scorer
from eval.fit import FeatureLog
from eval.run import run_eval_command
from eval.sets import load_sets

SHIPPED = REPO / "eval" / "sets" / "questions_wiedoetwat.yaml"
PUBLIC = REPO / "eval" / "sets" / "questions_public.yaml"


@dataclass
class GateRun:
    code: int
    printed: str
    report: dict
    html: str
    log: FeatureLog


@pytest.fixture(scope="module")
def gate_run(engine, settings, tmp_path_factory) -> GateRun:
    """CI's quality gate, run once: the eval command over the shipped and public sets, with
    the features of every answer kept, so that the floors and the scorer's fingerprint are
    checked on one pass over the 2000-odd questions instead of two."""
    tmp = tmp_path_factory.mktemp("gate")
    out, html = tmp / "eval.json", tmp / "eval.html"
    log = FeatureLog(engine)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = run_eval_command(
            settings,
            [SHIPPED, PUBLIC],
            json_path=out,
            html_path=html,
            compare=None,
            # Training-level floors: the scorer is fitted on the shipped set (its honest
            # figures are cross-validated: `wiedoetwat eval --cv 5`, see the README and
            # eval/FIRST_RUNS.md). They sit ~0.02-0.03 under today's figures. The abstention
            # threshold's curve is flat: a refit moves it (0.49 to 0.66 for near-identical
            # code), trading abstention recall (0.77-0.82) against precision (0.88-0.94), so
            # those two floors leave room for both. Direct answers hold the asked value for
            # >= 0.9 of who/when/how-much questions in each language (issue 11; 0.940 / 0.946
            # when it closed). The set has grown with fresh batches since: today 0.900
            # overall, 0.912 / 0.890 (batch 30 alone: 9 of 14), so the floors guard against
            # regressions ~0.02 under that, and Dutch misses issue 11's 0.9.
            mins=[
                "hit@5=0.96",
                "mention_recall=0.87",
                "citation_support=0.88",
                "abstention_recall=0.77",
                "abstention_precision=0.86",
                "abstention_accuracy=0.92",
                "direct_recall=0.88",
                "en.direct_recall=0.89",
                "nl.direct_recall=0.87",
                "en.mention_recall=0.87",
                "nl.mention_recall=0.86",
            ],
            # latency leaves room for a busy machine: benchmarks (wiedoetwat bench) hold the
            # targets (answers stay short: a third of the set asks two things, each answered
            # with its sentence; today's median is 53 words, so 53 leaves no room to grow)
            maxs=["forbidden_violations=0", "median_words=53", "total_p95=400"],
            ablation=False,
            engine=log,
            progress=False,
        )
    return GateRun(code, printed.getvalue(), json.loads(out.read_text()), html.read_text(), log)


def test_shipped_set_meets_its_quality_floors(gate_run):
    """A regression in retrieval or answers below the floors fails."""
    assert gate_run.code == 0, gate_run.printed
    assert len(gate_run.report["items"]) == 2321 + 36
    assert "<img" in gate_run.html


def test_the_checked_in_scorer_was_fitted_on_today_s_features(gate_run):
    """`wiedoetwat eval --fit` at this commit would give the checked-in model: answering the
    shipped set with it, the engine computes exactly the features it computed when the model
    was fitted (question analysis, features and the set have not moved since)."""
    shipped = len(load_sets([SHIPPED]))
    assert gate_run.log.fingerprint(shipped) == load_scorer().trained_on.get("answered"), (
        "the engine's features changed since engine/scorer.json was fitted: "
        "run `wiedoetwat eval --fit`"
    )


def test_ablation_shows_each_retriever(engine, settings, capsys):
    code = run_eval_command(
        settings,
        [PUBLIC],
        json_path=None,
        html_path=None,
        compare=None,
        mins=[],
        maxs=[],
        ablation=True,
        engine=engine,
        progress=False,
    )
    assert code == 0
    table = capsys.readouterr().out
    for mode in ("dense", "bm25", "hybrid"):
        assert mode in table
