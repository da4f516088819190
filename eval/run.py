"""Run question sets against an engine, and the `eval` command around it.

The runner only asks and records: every conversation turn gets the earlier answers of its own
conversation as history, items get none. Scoring lives in `eval.metrics`, output in
`eval.report`.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from tqdm import tqdm

from engine.models import Answer
from eval.metrics import METRICS, Metrics, Result, canonical_name, compute_metrics, flatten
from eval.report import (
    ReportError,
    build_report,
    compare_reports,
    fmt_number,
    format_ablation,
    format_comparison,
    format_table,
    load_baseline,
    write_html,
    write_json,
)
from eval.sets import Question, SetError, load_sets

if TYPE_CHECKING:
    from ingest.settings import Settings

Mode = Literal["hybrid", "dense", "bm25"]
ABLATION_MODES: tuple[Mode, ...] = ("dense", "bm25", "hybrid")


class AnswerEngine(Protocol):
    """What the runner needs of `engine.core.Engine`: its `ask`, nothing else."""

    def ask(
        self,
        question: str,
        history: Sequence[Answer] = (),
        language: Literal["auto", "nl", "en"] | None = None,
        mode: Mode | None = None,
    ) -> Answer: ...


def run_questions(
    engine: AnswerEngine,
    questions: Sequence[Question],
    *,
    mode: Mode | None = None,
    progress: bool = True,
    desc: str = "eval",
) -> list[Result]:
    """Ask every question in order; turns see the answers of the earlier turns as history."""
    histories: dict[str, list[Answer]] = {}
    results: list[Result] = []
    for q in tqdm(questions, desc=desc, unit="q", disable=not progress, file=sys.stderr):
        history: list[Answer] = []
        if q.conversation is not None:
            history = histories.setdefault(q.conversation, [])
        answer = engine.ask(q.question, history=tuple(history), mode=mode)
        if q.conversation is not None:
            history.append(answer)
        results.append(Result(q, answer))
    return results


@dataclass(frozen=True)
class Gate:
    """`--min mrr=0.5` or `--max total_p95=800`: a bound on one flat metric name."""

    name: str
    bound: Literal["min", "max"]
    threshold: float
    text: str  # the threshold as typed, printed back unchanged

    def failure(self, flat: dict[str, float | int | None]) -> str | None:
        """The FAIL line when the run misses the bound; an undefined metric misses any bound."""
        value = flat.get(self.name)
        op = "<" if self.bound == "min" else ">"
        if value is None:
            return f"FAIL {self.name} = undefined (no questions to score it); needs {self.text}"
        missed = value < self.threshold if self.bound == "min" else value > self.threshold
        return f"FAIL {self.name} = {fmt_number(value)} {op} {self.text}" if missed else None


def parse_gates(mins: Sequence[str], maxs: Sequence[str]) -> list[Gate]:
    """Parse `METRIC=VALUE` bounds; ValueError (a one-line message) for anything unusable.

    `--min` is only for higher-is-better metrics and `--max` only for lower-is-better ones, so
    that a bound can never silently point the wrong way.
    """
    gates: list[Gate] = []
    bounds: tuple[tuple[Literal["min", "max"], Sequence[str]], ...] = (("min", mins), ("max", maxs))
    for bound, specs in bounds:
        for spec in specs:
            name, eq, text = (s.strip() for s in spec.partition("="))
            if not eq or not name or not text:
                raise ValueError(f"--{bound} {spec!r}: expected METRIC=VALUE, e.g. mrr=0.5")
            try:
                name = canonical_name(name)
            except KeyError:
                known = ", ".join(METRICS)
                raise ValueError(
                    f"--{bound} {spec!r}: unknown metric {name!r} "
                    f"(known: {known}; prefix en. or nl. for one language)"
                ) from None
            try:
                threshold = float(text)
            except ValueError:
                raise ValueError(f"--{bound} {spec!r}: {text!r} is not a number") from None
            if not math.isfinite(threshold):
                raise ValueError(f"--{bound} {spec!r}: the bound must be a finite number")
            direction = METRICS[name.rpartition(".")[2]]
            if (bound == "min") != (direction == "higher"):
                other = "max" if bound == "min" else "min"
                raise ValueError(
                    f"--{bound} {spec!r}: {name} is {direction}-is-better; use --{other}"
                )
            gates.append(Gate(name, bound, threshold, text))
    return gates


def _check_output(path: Path | None, flag: str) -> None:
    # Checked before the run, so a typo in a path does not cost a whole run.
    if path is not None and not path.parent.is_dir():
        raise ValueError(f"{flag} {path}: directory {path.parent} does not exist")


def run_eval_command(
    settings: Settings,
    set_paths: list[Path],
    *,
    json_path: Path | None,
    html_path: Path | None,
    compare: Path | None,
    mins: list[str],
    maxs: list[str],
    ablation: bool,
    engine: AnswerEngine | None = None,
    progress: bool = True,
) -> int:
    """The `eval` command: 0 ok, 1 when a --min/--max gate fails, 2 for bad input.

    All input (gates, sets, baseline, output folders) is checked before the engine is loaded
    or asked anything, so a mistake costs no run.
    """
    try:
        gates = parse_gates(mins, maxs)
        questions = load_sets(set_paths)
        baseline = load_baseline(compare) if compare is not None else None
        _check_output(json_path, "--json")
        _check_output(html_path, "--html")
    except (SetError, ReportError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    if engine is None:
        from engine.core import Engine  # heavy (index, models): only when really running

        engine = Engine.load(settings)

    by_mode: dict[str, Metrics] | None = None
    if ablation:
        runs = {
            mode: run_questions(engine, questions, mode=mode, progress=progress, desc=mode)
            for mode in ABLATION_MODES
        }
        by_mode = {mode: compute_metrics(results) for mode, results in runs.items()}
        run_mode: Mode = "hybrid"  # items, metrics, gates and compare are those of hybrid
        results, metrics = runs[run_mode], by_mode[run_mode]
        print(format_ablation(by_mode))
    else:
        run_mode = settings.retrieve.mode
        results = run_questions(engine, questions, mode=run_mode, progress=progress)
        metrics = compute_metrics(results)
        print(format_table(metrics))

    report = build_report(set_paths, run_mode, results, metrics, ablation=by_mode)
    comparison = compare_reports(baseline, report) if baseline is not None else None
    if comparison is not None:
        print()
        print(format_comparison(comparison))
    try:
        if json_path is not None:
            write_json(json_path, report)
            print(f"wrote {json_path}")
        if html_path is not None:
            write_html(html_path, report, comparison)
            print(f"wrote {html_path}")
    except OSError as e:
        print(f"error: cannot write report: {e}", file=sys.stderr)
        return 2

    failures = [line for gate in gates if (line := gate.failure(flatten(metrics)))]
    for line in failures:
        print(line)
    if gates and not failures:
        print(f"all {len(gates)} gate(s) passed")
    return 1 if failures else 0
