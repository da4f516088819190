"""Reports of an eval run: terminal tables, the JSON record, one self-contained HTML file, compare.

The JSON written by `--json` is the record of a run; `--compare` reads it back, so its layout is
the one thing here that must stay stable (see `build_report`).
"""

from __future__ import annotations

import base64
import html
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.metrics import (
    CHECKS,
    FRACTIONS,
    LANGUAGES,
    METRICS,
    Direction,
    Metrics,
    Result,
    Value,
    check,
    flatten,
    metric_direction,
    reciprocal_rank,
)

_ROWS: tuple[str, ...] = ("questions", *METRICS)


class ReportError(ValueError):
    """A baseline report that cannot be read or is not a report of `eval --json`."""


# --- formatting ---------------------------------------------------------------------------


def fmt_value(name: str, value: Value) -> str:
    """One metric value for people: fractions to 3 places, milliseconds to 1, counts whole."""
    if value is None:
        return "-"
    base = name.rpartition(".")[2]
    if base in ("questions", "forbidden_violations"):
        return str(int(value))
    if base in FRACTIONS:
        return f"{value:.3f}"
    return f"{value:.1f}"


def fmt_number(value: float) -> str:
    """A number as short as is exact enough for a gate line (`0.82`, not `0.8200000001`)."""
    return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = "  ".join(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))
        return f"{first}  {rest}".rstrip()

    rule = "-" * len(line(header))
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def _unit(name: str) -> str:
    if name.endswith(("_p50", "_p95")):
        return " (ms)"
    return " (words)" if name == "median_words" else ""


def format_table(metrics: Metrics) -> str:
    """Rows = metrics, columns = all / en / nl."""
    rows = [
        [name + _unit(name), *(fmt_value(name, metrics[lang].get(name)) for lang in LANGUAGES)]
        for name in _ROWS
    ]
    return _table(["metric", *LANGUAGES], rows)


def format_ablation(by_mode: Mapping[str, Metrics]) -> str:
    """Overall metrics with one column per retrieval mode."""
    modes = list(by_mode)
    rows = [
        [name + _unit(name), *(fmt_value(name, by_mode[m]["all"].get(name)) for m in modes)]
        for name in _ROWS
    ]
    return _table(["metric (all)", *modes], rows)


# --- the JSON record ----------------------------------------------------------------------


def item_record(result: Result) -> dict[str, Any]:
    """One question of the run as stored in the JSON report (`checks` drive compare)."""
    q, a = result.question, result.answer
    public = a.to_public()
    return {
        "id": q.id,
        "lang": q.lang,
        "question": q.question,
        "answerable": q.answerable,
        "answer": a.answer,
        "direct": a.direct,
        "abstained": a.abstained,
        "citations": public["citations"],
        "timings_ms": public["timings_ms"],
        "retrieved_sections": list(a.retrieved_sections),
        "standalone_question": a.standalone_question,
        "reciprocal_rank": reciprocal_rank(result),
        "checks": check(result),
    }


def build_report(
    set_paths: Sequence[Path],
    mode: str,
    results: Sequence[Result],
    metrics: Metrics,
    ablation: Mapping[str, Metrics] | None = None,
) -> dict[str, Any]:
    """The JSON record: {"sets", "mode", "metrics": {lang: {metric: value}}, "items", ...}.

    With an ablation, "ablation" maps each mode to its metrics (same nesting as "metrics"),
    and "mode"/"metrics"/"items" are those of the hybrid run.
    """
    report: dict[str, Any] = {
        "sets": [str(p) for p in set_paths],
        "mode": mode,
        "metrics": metrics,
        "items": [item_record(r) for r in results],
    }
    if ablation is not None:
        report["ablation"] = dict(ablation)
    return report


def write_json(path: Path, report: Mapping[str, Any]) -> None:
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def load_baseline(path: Path) -> dict[str, Any]:
    """Read a report written by `--json`; a `ReportError` says why it cannot serve as baseline."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ReportError(f"{path}: cannot read: {e}") from None
    except json.JSONDecodeError as e:
        raise ReportError(f"{path}: not JSON (line {e.lineno}: {e.msg})") from None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("metrics"), dict)
        or not isinstance(data["metrics"].get("all"), dict)
        or not isinstance(data.get("items"), list)
        or not all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in data["items"])
    ):
        raise ReportError(f"{path}: not a report written by eval --json (metrics/items missing)")
    return data


# --- compare ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MetricDelta:
    name: str
    baseline: Value
    current: Value
    direction: Direction

    @property
    def delta(self) -> float | None:
        if self.baseline is None or self.current is None:
            return None
        return self.current - self.baseline

    @property
    def verdict(self) -> str:
        """ "better", "worse" or "" (equal or not comparable), by the metric's direction."""
        d = self.delta
        if d is None or abs(d) < 1e-12:
            return ""
        return "better" if (d > 0) == (self.direction == "higher") else "worse"


@dataclass(frozen=True)
class Regression:
    id: str
    check: str
    question: str


@dataclass(frozen=True)
class Comparison:
    metrics: list[MetricDelta]
    regressions: list[Regression]
    missing: list[str]  # baseline item ids the current run did not ask


def compare_reports(baseline: Mapping[str, Any], current: Mapping[str, Any]) -> Comparison:
    """Metric deltas, and the items whose check was true in the baseline and is false now."""
    base_flat, cur_flat = flatten(baseline["metrics"]), flatten(current["metrics"])
    deltas = [
        MetricDelta(name, base_flat.get(name), cur_flat.get(name), metric_direction(name))
        for name in cur_flat
    ]
    now = {item["id"]: item for item in current["items"]}
    regressions: list[Regression] = []
    missing: list[str] = []
    for old in baseline["items"]:
        new = now.get(old["id"])
        if new is None:
            missing.append(old["id"])
            continue
        old_checks, new_checks = old.get("checks") or {}, new.get("checks") or {}
        regressions += [
            Regression(old["id"], name, str(new.get("question", "")))
            for name in CHECKS
            if old_checks.get(name) is True and new_checks.get(name) is False
        ]
    return Comparison(deltas, regressions, missing)


def _fmt_delta(d: MetricDelta) -> str:
    if d.delta is None:
        return "-"
    text = fmt_value(d.name, d.delta)
    return text if text.startswith("-") else "+" + text


def _comparison_rows(cmp: Comparison) -> list[list[str]]:
    """One row per metric: name, baseline, current, delta, verdict (terminal and HTML alike)."""
    return [
        [
            d.name,
            fmt_value(d.name, d.baseline),
            fmt_value(d.name, d.current),
            _fmt_delta(d),
            d.verdict,
        ]
        for d in cmp.metrics
    ]


def format_comparison(cmp: Comparison) -> str:
    """Baseline, current and delta per metric (overall and per language), then regressed items."""
    rows = _comparison_rows(cmp)
    out = [_table(["metric", "baseline", "current", "delta", ""], rows), ""]
    if cmp.regressions:
        out.append(f"Regressed items ({len(cmp.regressions)} checks true -> false):")
        out += [f"  {r.id}  {r.check}  {r.question}" for r in cmp.regressions]
    else:
        out.append("No regressed items.")
    if cmp.missing:
        out.append(f"Not in this run ({len(cmp.missing)}): {', '.join(cmp.missing)}")
    return "\n".join(out)


# --- HTML ---------------------------------------------------------------------------------


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _charts(report: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(alt text, base64 PNG) of the per-language bar chart and the latency histogram."""
    # Agg through its canvas, not pyplot: no global backend switch, no GUI, safe in threads.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    metrics = report["metrics"]
    fig = Figure(figsize=(9, 3.6))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    width = 0.8 / len(LANGUAGES)
    for i, lang in enumerate(LANGUAGES):
        values = [metrics.get(lang, {}).get(m) for m in FRACTIONS]
        xs = [x + (i - 1) * width for x in range(len(FRACTIONS))]
        ax.bar(xs, [float("nan") if v is None else v for v in values], width, label=lang)
    ax.set_xticks(range(len(FRACTIONS)), FRACTIONS, rotation=20, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_title("Quality per language")
    ax.legend()
    bars = _png(fig)

    totals = [float(i["timings_ms"]["total"]) for i in report["items"] if i.get("timings_ms")]
    fig = Figure(figsize=(9, 3))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.hist(totals or [0.0], bins=min(30, max(5, len(totals) // 2)))
    ax.set_xlabel("total ms per question")
    ax.set_ylabel("questions")
    ax.set_title("Latency")
    return [("bar chart of quality metrics per language", bars), ("latency histogram", _png(fig))]


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _html_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _citation_html(c: Mapping[str, Any]) -> str:
    url = str(c.get("url", ""))
    # Only http(s) becomes a link: a `javascript:` URL in a source must not become clickable.
    src = (
        f'<a href="{_e(url)}">{_e(c.get("title", url))}</a>'
        if url.startswith(("http://", "https://"))
        else _e(c.get("title", ""))
    )
    return (
        f"<li>[{_e(c.get('n', ''))}] {src} &middot; <i>{_e(c.get('section', ''))}</i>"
        f"<blockquote>{_e(c.get('quote', ''))}</blockquote></li>"
    )


def _failed_items_html(items: Sequence[Mapping[str, Any]]) -> str:
    failed = [i for i in items if any(v is False for v in (i.get("checks") or {}).values())]
    if not failed:
        return "<p>No failed items.</p>"
    parts = []
    for item in failed:
        fails = ", ".join(k for k, v in item["checks"].items() if v is False)
        cites = "".join(_citation_html(c) for c in item.get("citations") or [])
        abst = " (abstained)" if item.get("abstained") else ""
        parts.append(
            f'<div class="item"><h3>{_e(item["id"])} [{_e(item.get("lang", ""))}]</h3>'
            f"<p><b>Failed:</b> {_e(fails)}</p>"
            f"<p><b>Question:</b> {_e(item.get('question', ''))}</p>"
            f"<p><b>Answer{abst}:</b></p><pre>{_e(item.get('answer', ''))}</pre>"
            f"<ol class='cites'>{cites}</ol></div>"
        )
    return "\n".join(parts)


_CSS = """
body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em}
td:not(:first-child){text-align:right;font-variant-numeric:tabular-nums}
pre{white-space:pre-wrap;background:#f6f6f6;padding:.5em}
blockquote{margin:.2em 0 .6em 1em;color:#555}.item{border-top:1px solid #ddd;margin-top:1em}
img{max-width:100%}
"""


def render_html(report: Mapping[str, Any], comparison: Comparison | None = None) -> str:
    """The whole report as one HTML document: tables, embedded PNG charts, failed items."""
    metrics = report["metrics"]
    rows = [[n, *(fmt_value(n, metrics[lang].get(n)) for lang in LANGUAGES)] for n in _ROWS]
    sections = [
        f"<h1>wiedoetwat eval</h1><p>Sets: {_e(', '.join(report.get('sets', [])))}"
        f" &middot; mode: {_e(report.get('mode', ''))}</p>",
        "<h2>Metrics</h2>" + _html_table(["metric", *LANGUAGES], rows),
    ]
    ablation = report.get("ablation")
    if ablation:
        modes = list(ablation)
        rows = [[n, *(fmt_value(n, ablation[m]["all"].get(n)) for m in modes)] for n in _ROWS]
        sections.append("<h2>Ablation (overall)</h2>" + _html_table(["metric", *modes], rows))
    if comparison is not None:
        rows = _comparison_rows(comparison)
        reg = "".join(
            f"<li>{_e(r.id)}: {_e(r.check)} &mdash; {_e(r.question)}</li>"
            for r in comparison.regressions
        )
        sections.append(
            "<h2>Compared with baseline</h2>"
            + _html_table(["metric", "baseline", "current", "delta", ""], rows)
            + (f"<h3>Regressed items</h3><ul>{reg}</ul>" if reg else "<p>No regressed items.</p>")
        )
    sections.append(
        "<h2>Charts</h2>"
        + "".join(
            f'<p><img alt="{_e(alt)}" src="data:image/png;base64,{b64}"></p>'
            for alt, b64 in _charts(report)
        )
    )
    sections.append("<h2>Failed items</h2>" + _failed_items_html(report["items"]))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>wiedoetwat eval</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(sections)
        + "\n</body></html>\n"
    )


def write_html(path: Path, report: Mapping[str, Any], comparison: Comparison | None = None) -> None:
    path.write_text(render_html(report, comparison), encoding="utf-8")
