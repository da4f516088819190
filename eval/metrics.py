"""Scoring: per-question checks and the aggregate metrics, overall and per language.

Every metric is defined here once, with its direction, so that the table, the gates
(`--min`/`--max`) and `--compare` all agree on what "better" means.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from engine.models import Answer
from engine.text import NUMBER_WORDS
from eval.sets import Question

Direction = Literal["higher", "lower"]
Value = float | int | None
Checks = dict[str, bool | None]
Metrics = dict[str, dict[str, Value]]  # language ("all", "en", "nl") -> metric -> value

LANGUAGES: tuple[str, ...] = ("all", "en", "nl")
HITS_AT: tuple[int, ...] = (1, 3, 5)

# name -> direction; the order is the order of every table.
METRICS: dict[str, Direction] = {
    "hit@1": "higher",
    "hit@3": "higher",
    "hit@5": "higher",
    "mrr": "higher",
    "mention_recall": "higher",
    "citation_support": "higher",
    "abstention_precision": "higher",
    "abstention_recall": "higher",
    "abstention_accuracy": "higher",
    "direct_recall": "higher",
    "forbidden_violations": "lower",
    "median_words": "lower",
    "retrieve_p50": "lower",
    "retrieve_p95": "lower",
    "answer_p50": "lower",
    "answer_p95": "lower",
    "total_p50": "lower",
    "total_p95": "lower",
}
# Metrics that are fractions in [0, 1] (charts and formatting).
FRACTIONS: tuple[str, ...] = tuple(list(METRICS)[:10])
# Per-question checks, as stored in the JSON report; a regression is a check going true -> false.
CHECKS: tuple[str, ...] = (
    "hit@1",
    "hit@3",
    "hit@5",
    "mention_recall",
    "citation_support",
    "abstention",
    "forbidden",
    "direct",
)
# Questions that ask for one value (a person, body, date, amount or count): the answer should
# open with it. Judged from the question's own words, not from the engine's reading of it.
_ASKS_VALUE = re.compile(
    r"^\W*(?:who|whom|whose|wie|wiens|when|wanneer|how much|how many|hoeveel|how high|hoe hoog"
    r"|which (?:body|agency|institution|organisation|organization|minister|person|date|year)"
    r"|welke? (?:instelling|organisatie|dienst|minister|persoon|datum|agentschap|orgaan))\b",
    re.I,
)

_MARKER = re.compile(r"\[\d+(?:\s*[,;]\s*\d+)*\]")


@dataclass(frozen=True)
class Result:
    """One question and the answer the engine gave to it."""

    question: Question
    answer: Answer


# words that follow "who is" when a value is asked: articles, role nouns, "responsible for"
_NOT_A_NAME = (
    "the a an de het een in at for of van voor bij op er daar there here hier now nu currently"
    " momenteel still nog then dan actually eigenlijk exactly precies responsible"
    " verantwoordelijk bevoegd bevoegde in charge behind achter head hoofd chair chairman"
    " voorzitter ceo cto director directeur minister leader leider president coordinator"
    " coördinator advisor adviseur secretary staatssecretaris"
).split()

# "Who is Hans Arents?", "wie is die karl tuyls", "who is jan smedts at imec" ask for a
# description of a named person, not for a value: after "who is" comes a name (capitalised, or
# two lowercase words that are no article, role or question vocabulary), not "the CEO of ..."
_ASKS_WHO_SOMEONE_IS = re.compile(
    r"^\W*(?i:who|wie)\s+(?i:is|was|are|zijn)\s+(?:(?i:die|that|deze|this)\s+)?"
    r"(?:[A-Z]|(?!(?:" + "|".join(_NOT_A_NAME) + r")\b)[a-z]{2,}\s+(?:(?:van|den|der|de)\s+)*"
    r"(?!(?:" + "|".join(_NOT_A_NAME) + r")\b)[a-z][\w'-]+\s*(?:\?|$|at\b|bij\b|van\b|of\b))"
)


def _plain_numbers(text: str) -> str:
    """A number as digits without separators: "14.185" and "14,185" alike, and "vijf" (the
    direct answer in the question's language) the same as "five" or "5"."""
    text = re.sub(r"(?<=\d)[.,](?=\d)", "", text)
    return _NUMBER_WORD.sub(lambda m: str(NUMBER_WORDS[m.group(0).lower()]), text)


_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.I)


def _plain(mentions: Sequence[Sequence[str]]) -> list[list[str]]:
    return [[_plain_numbers(alias) for alias in group] for group in mentions]


def _contains(text: str, needle: str) -> bool:
    return needle.casefold() in text.casefold()


def first_rank(sections: Sequence[str], retrieved: Sequence[str]) -> int | None:
    """1-based rank of the first retrieved heading path that contains any expected section."""
    for rank, path in enumerate(retrieved, start=1):
        if any(_contains(path, s) for s in sections):
            return rank
    return None


def reciprocal_rank(result: Result) -> float | None:
    """1/rank of the first relevant chunk, 0 when none; None when retrieval is not scored."""
    q = result.question
    if not q.answerable or not q.section:
        return None
    rank = first_rank(q.section, result.answer.retrieved_sections)
    return 0.0 if rank is None else 1.0 / rank


def _names_all(text: str, mentions: Sequence[Sequence[str]]) -> bool:
    return all(any(_contains(text, alias) for alias in group) for group in mentions)


def word_count(text: str) -> int:
    """Words of an answer without its [n] markers, so that citing more does not count as prose."""
    return len(_MARKER.sub(" ", text).split())


def check(result: Result) -> Checks:
    """Pass/fail of every per-question check; None where the check does not apply.

    An abstention on an answerable question fails mention_recall even if its text happens to
    echo a name from the question: saying "I don't know" is never a correct answer.
    """
    q, a = result.question, result.answer
    retrieval_scored = q.answerable and bool(q.section)
    rank = first_rank(q.section, a.retrieved_sections) if retrieval_scored else None
    checks: Checks = {
        f"hit@{k}": (rank is not None and rank <= k) if retrieval_scored else None for k in HITS_AT
    }
    checks["mention_recall"] = (
        (not a.abstained and _names_all(a.answer, q.mentions)) if q.answerable else None
    )
    quotes = " \n ".join(c.quote for c in a.citations)
    checks["citation_support"] = (
        _names_all(quotes, q.mentions) if q.answerable and not a.abstained else None
    )
    checks["abstention"] = a.abstained == (not q.answerable)
    asks_value = (
        q.answerable
        and bool(_ASKS_VALUE.match(q.question))
        and not _ASKS_WHO_SOMEONE_IS.match(q.question)
    )
    # "€ 14,185 miljoen" holds "14.185": a number's separators are formatting, not content
    checks["direct"] = (
        bool(a.direct) and _names_all(_plain_numbers(a.direct or ""), _plain(q.mentions))
        if asks_value
        else None
    )
    checks["forbidden"] = not any(_contains(a.answer, f) for f in q.forbid) if q.forbid else None
    return checks


def _fraction(values: Iterable[bool | None]) -> float | None:
    scored = [v for v in values if v is not None]
    return sum(scored) / len(scored) if scored else None


def _percentile(values: Sequence[float], p: float) -> float | None:
    # numpy's default (linear interpolation between closest ranks).
    return float(np.percentile(values, p)) if values else None


def aggregate(results: Sequence[Result]) -> dict[str, Value]:
    """All metrics of one group of results (one language, or all of them)."""
    checks = [check(r) for r in results]
    out: dict[str, Value] = {"questions": len(results)}
    for k in HITS_AT:
        out[f"hit@{k}"] = _fraction(c[f"hit@{k}"] for c in checks)
    rrs = [rr for rr in map(reciprocal_rank, results) if rr is not None]
    out["mrr"] = sum(rrs) / len(rrs) if rrs else None
    out["mention_recall"] = _fraction(c["mention_recall"] for c in checks)
    out["citation_support"] = _fraction(c["citation_support"] for c in checks)

    # Positives are unanswerable questions; an abstention is a positive prediction.
    # Precision is None (undefined) when nothing was predicted positive; recall is None when
    # the group holds no unanswerable question. Neither is invented as 0 or 1.
    tp = sum(r.answer.abstained and not r.question.answerable for r in results)
    fp = sum(r.answer.abstained and r.question.answerable for r in results)
    fn = sum(not r.answer.abstained and not r.question.answerable for r in results)
    out["abstention_precision"] = tp / (tp + fp) if tp + fp else None
    out["abstention_recall"] = tp / (tp + fn) if tp + fn else None
    # answered when answerable, abstained when not: the one figure for both kinds of mistake
    out["abstention_accuracy"] = _fraction(c["abstention"] for c in checks)
    # how often the direct answer on top holds the asked-for mention
    out["direct_recall"] = _fraction(c["direct"] for c in checks)

    out["forbidden_violations"] = sum(c["forbidden"] is False for c in checks)
    words = [word_count(r.answer.answer) for r in results if not r.answer.abstained]
    out["median_words"] = float(statistics.median(words)) if words else None
    for part in ("retrieve", "answer", "total"):
        values = [float(getattr(r.answer.timings_ms, part)) for r in results]
        out[f"{part}_p50"] = _percentile(values, 50)
        out[f"{part}_p95"] = _percentile(values, 95)
    return out


def compute_metrics(results: Sequence[Result]) -> Metrics:
    """Metrics overall ("all") and per language ("en", "nl"); a language may have no results."""
    return {
        lang: aggregate([r for r in results if lang == "all" or r.question.lang == lang])
        for lang in LANGUAGES
    }


def flatten(metrics: Metrics) -> dict[str, Value]:
    """The flat namespace of gates and compare: `mrr` is overall, `nl.mrr` is Dutch only."""
    flat: dict[str, Value] = {}
    for lang in LANGUAGES:
        prefix = "" if lang == "all" else f"{lang}."
        for name in METRICS:
            flat[prefix + name] = metrics.get(lang, {}).get(name)
    return flat


def metric_direction(flat_name: str) -> Direction:
    """Direction of a flat name such as `nl.hit@3`; KeyError for an unknown name."""
    lang, _, base = flat_name.rpartition(".")
    if lang not in ("", "all", "en", "nl"):
        raise KeyError(flat_name)
    return METRICS[base]


def canonical_name(flat_name: str) -> str:
    """`all.mrr` -> `mrr`; validates the name (KeyError when unknown)."""
    metric_direction(flat_name)
    return flat_name.removeprefix("all.")
