"""The eval command against the real engine: the same engine the chat uses, gated by floors."""

from __future__ import annotations

import json

from conftest import REPO

from eval.run import run_eval_command

SHIPPED = REPO / "eval" / "sets" / "questions_wiedoetwat.yaml"
PUBLIC = REPO / "eval" / "sets" / "questions_public.yaml"


def test_shipped_set_meets_its_quality_floors(engine, settings, tmp_path, capsys):
    """CI's quality gate: a regression in retrieval or answers below these floors fails."""
    out = tmp_path / "eval.json"
    html = tmp_path / "eval.html"
    code = run_eval_command(
        settings,
        [SHIPPED, PUBLIC],
        json_path=out,
        html_path=html,
        compare=None,
        # Training-level floors: the scorer is fitted on the shipped set (its honest figures are
        # cross-validated: `wiedoetwat eval --cv 5`, see the README and eval/FIRST_RUNS.md).
        # They sit ~0.02-0.03 under today's figures. The abstention threshold's curve is flat:
        # a refit moves it (0.49 to 0.66 for near-identical code), trading abstention recall
        # (0.77-0.82) against precision (0.88-0.94), so those two floors leave room for both.
        # Direct answers hold the asked value for >= 0.9 of who/when/how-much questions in
        # each language (issue 11; 0.940 / 0.946 when it closed). The set has grown with fresh
        # batches since: today 0.903 overall, 0.917 / 0.891 (batch 30 alone: 9 of 14), so the
        # floors guard against regressions ~0.02 under that, and Dutch misses issue 11's 0.9.
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
        # latency leaves room for a busy machine: benchmarks (wiedoetwat bench) hold the targets
        # (answers stay short: a third of the set asks two things, each answered with its
        # sentence; today's median is 52 words, so 53 leaves a word's room)
        maxs=["forbidden_violations=0", "median_words=53", "total_p95=400"],
        ablation=False,
        engine=engine,
        progress=False,
    )
    printed = capsys.readouterr().out
    assert code == 0, printed
    report = json.loads(out.read_text())
    assert len(report["items"]) == 2165 + 36
    assert "<img" in html.read_text()


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
