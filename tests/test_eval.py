"""Tests of the eval package: set validation, metrics on hand-checked answers, reports, command.

The metric tests build `Answer` objects by hand: they are the inputs of the metric functions,
the way a calculator test provides numbers. The engine itself is not exercised here.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml

from engine.models import Answer, Citation, Timings
from eval.metrics import Result, check, compute_metrics, flatten, word_count
from eval.report import compare_reports, format_table, render_html
from eval.run import parse_gates, run_eval_command, run_questions
from eval.sets import Question, SetError, load_set, load_sets
from ingest.settings import Settings

PUBLIC_SET = Path("/work/shared/eval/questions_public.yaml")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# --- helpers ------------------------------------------------------------------------------


def make_answer(
    question: str,
    text: str,
    *,
    lang: Literal["en", "nl"] = "en",
    abstained: bool = False,
    quotes: Sequence[str] = (),
    sections: Sequence[str] = (),
    total: float = 100.0,
) -> Answer:
    """A hand-built Answer: retrieve takes a tenth of the total, answering the rest."""
    return Answer(
        question=question,
        language=lang,
        answer=text,
        abstained=abstained,
        citations=[
            Citation(
                n=i,
                title="AI Governance in Belgium",
                section="Report > Section",
                quote=quote,
                url="https://example.org/report",
                chunk_id=f"chunk-{i}",
            )
            for i, quote in enumerate(quotes, start=1)
        ],
        timings_ms=Timings(retrieve=total / 10, answer=total * 9 / 10, total=total),
        retrieved_sections=list(sections),
    )


def question(
    id_: str,
    lang: Literal["en", "nl"],
    *,
    answerable: bool = True,
    mentions: Sequence[Sequence[str]] = (),
    section: Sequence[str] = (),
    forbid: Sequence[str] = (),
    conversation: str | None = None,
    turn: int | None = None,
) -> Question:
    return Question(
        id=id_,
        lang=lang,
        question=f"question {id_}?",
        answerable=answerable,
        mentions=tuple(tuple(g) for g in mentions),
        section=tuple(section),
        forbid=tuple(forbid),
        conversation=conversation,
        turn=turn,
    )


class RecordingEngine:
    """Stands in for engine.core.Engine ONLY to test the runner's bookkeeping.

    It returns pre-built Answers keyed by question text and records how it was asked
    (history, mode). It says nothing about answer quality; the lead adds the end-to-end
    test with the real engine.
    """

    def __init__(self, answers: dict[str, Answer]) -> None:
        self.answers = answers
        self.calls: list[tuple[str, list[str], str | None, str | None]] = []

    def ask(
        self,
        question: str,
        history: Sequence[Answer] = (),
        language: Literal["auto", "nl", "en"] | None = None,
        mode: Literal["hybrid", "dense", "bm25"] | None = None,
    ) -> Answer:
        self.calls.append((question, [a.question for a in history], language, mode))
        return self.answers[question]


def write_yaml(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def good_set() -> dict[str, Any]:
    return {
        "version": 1,
        "corpus": "test",
        "items": [
            {
                "id": "a-1",
                "lang": "en",
                "question": "Who supervises the AI Act?",
                "answerable": True,
                "mentions": [["BIPT"]],
                "section": ["Oversight"],
            },
            {
                "id": "a-2",
                "lang": "nl",
                "question": "Wie is de premier?",
                "answerable": False,
                "mentions": [],
                "section": [],
                "forbid": ["De Croo"],
            },
        ],
        "conversations": [
            {
                "id": "c-1",
                "lang": "en",
                "turns": [
                    {"question": "Who is the CTO for AI at imec?", "mentions": [["Tuyls"]]},
                    {"question": "And its CEO?", "mentions": [["Van den Hove"]]},
                ],
            }
        ],
    }


# --- sets ---------------------------------------------------------------------------------


def test_public_set_loads() -> None:
    qset = load_set(PUBLIC_SET)
    assert len(qset.items) == 36
    assert len(qset.questions()) == 36
    assert {q.lang for q in qset.questions()} == {"en", "nl"}


def test_good_set_with_conversation_loads(tmp_path: Path) -> None:
    qs = load_set(write_yaml(tmp_path / "good.yaml", good_set())).questions()
    assert [q.id for q in qs] == ["a-1", "a-2", "c-1#1", "c-1#2"]
    turn = qs[3]
    assert (turn.conversation, turn.turn, turn.lang, turn.answerable) == ("c-1", 2, "en", True)
    assert turn.mentions == (("Van den Hove",),)


def _mutate(edit: Any) -> dict[str, Any]:
    data = good_set()
    edit(data)
    return data


BAD_SETS: list[tuple[str, Any, list[str]]] = [
    (
        "unknown field",
        lambda d: d["items"][0].update(sectoin=["x"]),
        ["item 'a-1' (#1)", "sectoin", "unknown field"],
    ),
    (
        "wrong type",
        lambda d: d["items"][1].update(answerable="no"),
        ["item 'a-2' (#2)", "answerable", "boolean"],
    ),
    (
        "wrong type in a group",
        lambda d: d["items"][0].update(mentions=[["BIPT", 14]]),
        ["item 'a-1' (#1)", "mentions[0][1]", "string"],
    ),
    (
        "duplicate id",
        lambda d: d["items"][1].update(id="a-1"),
        ["item 'a-1' (#2)", "id", "duplicate"],
    ),
    (
        "empty question",
        lambda d: d["items"][1].update(question="  "),
        ["item 'a-2' (#2)", "question", "must not be empty"],
    ),
    ("bad lang", lambda d: d["items"][0].update(lang="fr"), ["item 'a-1' (#1)", "lang", "'nl'"]),
    (
        "answerable without mentions",
        lambda d: d["items"][0].update(mentions=[]),
        ["item 'a-1' (#1)", "mentions", "must not be empty for an answerable item"],
    ),
    (
        "answerable, mentions absent",
        lambda d: d["items"][0].pop("mentions"),
        ["item 'a-1' (#1)", "mentions", "must not be empty for an answerable item"],
    ),
    (
        "unanswerable with mentions",
        lambda d: d["items"][1].update(mentions=[["x"]]),
        ["item 'a-2' (#2)", "mentions", "must be empty for an unanswerable item"],
    ),
    (
        "empty alias group",
        lambda d: d["items"][0].update(mentions=[[]]),
        ["item 'a-1' (#1)", "mentions", "group"],
    ),
    (
        "missing field",
        lambda d: d["items"][0].pop("answerable"),
        ["item 'a-1' (#1)", "answerable", "missing"],
    ),
    (
        "item without an id",
        lambda d: d["items"][1].pop("id"),
        ["item #2", "id", "missing"],
    ),
    (
        "bad turn",
        lambda d: d["conversations"][0]["turns"][1].update(mentions=[]),
        ["conversation 'c-1' (#1): turn #2", "mentions", "answerable"],
    ),
    (
        "no turns",
        lambda d: d["conversations"][0].update(turns=[]),
        ["conversation 'c-1' (#1)", "turns"],
    ),
    (
        "conversation id clashes with an item",
        lambda d: d["conversations"][0].update(id="a-2"),
        ["conversation 'a-2' (#1)", "id", "duplicate"],
    ),
    ("bad version", lambda d: d.update(version=2), ["version"]),
    ("unknown top-level field", lambda d: d.update(extra=1), ["extra", "unknown field"]),
]


@pytest.mark.parametrize(
    ("edit", "expected"), [b[1:] for b in BAD_SETS], ids=[b[0] for b in BAD_SETS]
)
def test_bad_set_names_file_item_and_field(tmp_path: Path, edit: Any, expected: list[str]) -> None:
    path = write_yaml(tmp_path / "questions.yaml", _mutate(edit))
    with pytest.raises(SetError) as info:
        load_set(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    for part in expected:
        assert part in message


def test_bad_files(tmp_path: Path) -> None:
    with pytest.raises(SetError, match="no such file"):
        load_set(tmp_path / "missing.yaml")

    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("version: 1\ncorpus: caf\xe9\n".encode("latin-1"))
    with pytest.raises(SetError, match="not UTF-8"):
        load_set(latin1)

    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\ncorpus: x\nitems:\n  - id: [a\n    lang: en\n", encoding="utf-8")
    with pytest.raises(SetError, match=r"broken\.yaml: invalid YAML at line \d+"):
        load_set(broken)

    listing = tmp_path / "list.yaml"
    listing.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(SetError, match="top level must be a mapping"):
        load_set(listing)


def test_ids_must_be_unique_across_sets(tmp_path: Path) -> None:
    one = write_yaml(tmp_path / "one.yaml", good_set())
    two = write_yaml(tmp_path / "two.yaml", good_set())
    with pytest.raises(SetError, match="'a-1' is also used in"):
        load_sets([one, two])


# --- metrics ------------------------------------------------------------------------------


def hand_checked_results() -> list[Result]:
    """Seven questions whose metrics are worked out by hand in the tests below."""
    q = [
        # en, rank 2 (case-insensitive match), mention + support pass, 3 words
        question("q1", "en", mentions=[["BIPT", "Institute"]], section=["Oversight"]),
        # en, rank 1 (second section matches), mention fails (BOSA missing), support passes
        question("q2", "en", mentions=[["Verreyen"], ["BOSA"]], section=["FPS BOSA", "Leader"]),
        # en, unanswerable, abstains (TP), forbid not violated
        question("q3", "en", answerable=False, forbid=["Jan Jambon"]),
        # nl, rank 5, abstains although answerable (FP): mention fails, support not scored
        question("q4", "nl", mentions=[["Matz"]], section=["Pillar III"]),
        # nl, unanswerable, answers anyway (FN) and names the forbidden string
        question("q5", "nl", answerable=False, forbid=["de croo"]),
        # nl, retrieval misses (rank none), mention + support pass, 6 words
        question("q6", "nl", mentions=[["36", "32"]], section=["Nowhere"]),
        # en, conversation turn without sections: no retrieval score; support fails
        question("c#1", "en", mentions=[["VLAIO"]], conversation="c", turn=1),
    ]
    a = [
        make_answer(
            "q1",
            "The BIPT supervises [1]",
            quotes=["Het BIPT houdt toezicht."],
            sections=["Intro", "Regulatory and Ethical OVERSIGHT > BIPT", "Other"],
            total=10,
        ),
        make_answer(
            "q2",
            "Verreyen leads it [1]",
            quotes=["Verreyen heads DG SD", "at FPS BOSA"],
            sections=["Governmental Leadership > People", "FPS BOSA"],
            total=20,
        ),
        make_answer("q3", "The sources do not say.", abstained=True, total=30),
        make_answer(
            "q4",
            "Dat staat niet in de bronnen.",
            lang="nl",
            abstained=True,
            sections=["a", "b", "c", "d", "Flanders > Pillar III > Society"],
            total=40,
        ),
        make_answer("q5", "Alexander De Croo [1] is premier", lang="nl", quotes=["x"], total=50),
        make_answer(
            "q6",
            "Vlaanderen investeert 32 miljoen [1][2] per jaar.",
            lang="nl",
            quotes=["Jaarlijks 36 miljoen", "Pillar I"],
            sections=["x", "y"],
            total=60,
        ),
        make_answer("c#1", "VLAIO [1]", quotes=["The agency for innovation"], total=70),
    ]
    return [Result(qq, aa) for qq, aa in zip(q, a, strict=True)]


def test_direct_check_scores_value_questions_only() -> None:
    """`direct` is scored on answerable questions that ask for one value (who, when, how
    much); a number's separators are formatting ('€ 14,185 miljoen' holds '14.185')."""

    def one(text: str, direct: str | None, mentions: list[list[str]]) -> bool | None:
        q = Question(
            id="d",
            lang="nl",
            question=text,
            answerable=True,
            mentions=tuple(tuple(g) for g in mentions),
        )
        a = make_answer("d", "x [1]", quotes=["x"]).model_copy(update={"direct": direct})
        return check(Result(q, a))["direct"]

    assert one("Hoeveel krijgt het programma?", "€ 14,185 miljoen", [["14.185"]]) is True
    assert one("Who leads imec?", "Luc Van den hove", [["Van den hove"]]) is True
    assert one("Who leads imec?", None, [["Van den hove"]]) is False
    assert one("Who leads imec?", "Karl Tuyls", [["Van den hove"]]) is False
    assert one("Who is Karl Tuyls?", None, [["CTO"]]) is None  # asks for a description
    # typed in lowercase, a name is still a name; "the ceo" is not one
    assert one("wie is die karl tuyls", None, [["CTO"]]) is None
    assert one("who is luc van den hove", None, [["CEO"]]) is None
    assert one("wie is de ceo van imec", None, [["Van den hove"]]) is False
    assert one("who is responsible for the AI Act", None, [["BIPT"]]) is False
    assert one("Why does imec matter?", None, [["chips"]]) is None
    # a count is written in the question's language: "vijf" holds "five" and "5"
    assert one("Hoeveel opdrachten heeft het?", "vijf", [["five", "5"]]) is True
    assert one("Hoeveel opdrachten heeft het?", "zes", [["five", "5"]]) is False


def test_per_item_checks() -> None:
    checks = {r.question.id: check(r) for r in hand_checked_results()}
    assert checks["q1"] == {
        "hit@1": False,
        "hit@3": True,
        "hit@5": True,
        "mention_recall": True,
        "citation_support": True,
        "abstention": True,
        "forbidden": None,
        "direct": None,  # it does not ask for one value
    }
    assert checks["q3"]["hit@1"] is None and checks["q3"]["mention_recall"] is None
    assert checks["q4"]["mention_recall"] is False and checks["q4"]["citation_support"] is None
    assert checks["q4"]["abstention"] is False
    assert checks["q5"]["forbidden"] is False and checks["q3"]["forbidden"] is True
    assert checks["c#1"]["hit@5"] is None and checks["c#1"]["citation_support"] is False


def test_word_count_ignores_markers() -> None:
    assert word_count("Vlaanderen investeert 32 miljoen [1][2] per jaar.") == 6
    assert word_count("A [1, 2] b [3]") == 2


def test_overall_metrics() -> None:
    m = compute_metrics(hand_checked_results())["all"]
    assert m["questions"] == 7
    # retrieval scored on q1 (rank 2), q2 (1), q4 (5), q6 (miss)
    assert m["hit@1"] == pytest.approx(1 / 4)
    assert m["hit@3"] == pytest.approx(2 / 4)
    assert m["hit@5"] == pytest.approx(3 / 4)
    assert m["mrr"] == pytest.approx((1 / 2 + 1 + 1 / 5 + 0) / 4)
    assert m["mention_recall"] == pytest.approx(3 / 5)  # q1, q6, c#1 of q1 q2 q4 q6 c#1
    assert m["citation_support"] == pytest.approx(3 / 4)  # q1, q2, q6 of q1 q2 q6 c#1
    assert m["abstention_precision"] == pytest.approx(1 / 2)  # TP q3, FP q4
    assert m["abstention_recall"] == pytest.approx(1 / 2)  # TP q3, FN q5
    assert m["forbidden_violations"] == 1
    assert m["median_words"] == 3  # words 3, 3, 5, 6, 1 (abstentions left out)
    # totals 10..70: p50 = 40; p95 at rank 0.95 * 6 = 5.7 -> 60 + 0.7 * 10
    assert m["total_p50"] == pytest.approx(40)
    assert m["total_p95"] == pytest.approx(67)
    assert m["retrieve_p50"] == pytest.approx(4)
    assert m["retrieve_p95"] == pytest.approx(6.7)
    assert m["answer_p50"] == pytest.approx(36)
    assert m["answer_p95"] == pytest.approx(60.3)


def test_per_language_metrics() -> None:
    metrics = compute_metrics(hand_checked_results())
    en, nl = metrics["en"], metrics["nl"]
    assert (en["questions"], nl["questions"]) == (4, 3)
    assert (en["hit@1"], en["hit@3"], en["hit@5"]) == (0.5, 1.0, 1.0)
    assert en["mrr"] == pytest.approx(0.75)
    assert en["mention_recall"] == pytest.approx(2 / 3)
    assert en["citation_support"] == pytest.approx(2 / 3)
    assert (en["abstention_precision"], en["abstention_recall"]) == (1.0, 1.0)
    assert en["forbidden_violations"] == 0
    assert en["median_words"] == 3
    assert en["total_p50"] == pytest.approx(25)

    assert (nl["hit@1"], nl["hit@3"], nl["hit@5"]) == (0.0, 0.0, 0.5)
    assert nl["mrr"] == pytest.approx(0.1)
    assert nl["mention_recall"] == 0.5
    assert nl["citation_support"] == 1.0
    assert (nl["abstention_precision"], nl["abstention_recall"]) == (0.0, 0.0)
    assert nl["forbidden_violations"] == 1
    assert nl["median_words"] == 5.5

    flat = flatten(metrics)
    assert flat["nl.mrr"] == pytest.approx(0.1) and flat["mrr"] == metrics["all"]["mrr"]


def test_undefined_metrics_are_none() -> None:
    r = Result(
        question("x", "en", mentions=[["a"]]), make_answer("x", "a", abstained=False, total=5)
    )
    m = compute_metrics([r])
    assert m["all"]["abstention_precision"] is None  # nothing abstained
    assert m["all"]["abstention_recall"] is None  # nothing unanswerable
    assert m["all"]["hit@1"] is None and m["all"]["mrr"] is None  # no sections
    assert m["nl"]["questions"] == 0 and m["nl"]["total_p50"] is None
    assert "-" in format_table(m)


# --- runner and command -------------------------------------------------------------------


def _engine_for(qset: dict[str, Any], *, good: bool = True) -> RecordingEngine:
    """Answers for good_set(): all right when good, else a-1 loses its mention."""
    answers = {
        "Who supervises the AI Act?": make_answer(
            "Who supervises the AI Act?",
            "The BIPT [1]" if good else "Someone [1]",
            quotes=["BIPT supervises"],
            sections=["EU > Oversight"],
            total=100 if good else 300,
        ),
        "Wie is de premier?": make_answer(
            "Wie is de premier?", "Niet in de bronnen.", lang="nl", abstained=True, total=50
        ),
        "Who is the CTO for AI at imec?": make_answer(
            "Who is the CTO for AI at imec?", "Karl Tuyls [1]", quotes=["Tuyls"], total=80
        ),
        "And its CEO?": make_answer("And its CEO?", "Luc Van den Hove [1]", quotes=["x"]),
    }
    assert set(answers) == {t["question"] for t in qset["items"]} | {
        t["question"] for c in qset["conversations"] for t in c["turns"]
    }
    return RecordingEngine(answers)


def test_runner_passes_history_only_within_a_conversation(tmp_path: Path) -> None:
    data = good_set()
    engine = _engine_for(data)
    questions = load_sets([write_yaml(tmp_path / "s.yaml", data)])
    results = run_questions(engine, questions, mode="bm25", progress=False)
    assert [r.question.id for r in results] == ["a-1", "a-2", "c-1#1", "c-1#2"]
    assert [r.answer.question for r in results] == [q.question for q in questions]
    assert engine.calls == [
        ("Who supervises the AI Act?", [], None, "bm25"),
        ("Wie is de premier?", [], None, "bm25"),
        ("Who is the CTO for AI at imec?", [], None, "bm25"),
        ("And its CEO?", ["Who is the CTO for AI at imec?"], None, "bm25"),
    ]


def _run(
    tmp_path: Path, engine: RecordingEngine, set_path: Path, **kw: Any
) -> tuple[int, Settings]:
    settings = Settings(data_dir=tmp_path / "data")
    args: dict[str, Any] = dict(
        json_path=None, html_path=None, compare=None, mins=[], maxs=[], ablation=False
    )
    args.update(kw)
    return run_eval_command(settings, [set_path], engine=engine, progress=False, **args), settings


def test_min_gate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = good_set()
    path = write_yaml(tmp_path / "s.yaml", data)
    rc, _ = _run(tmp_path, _engine_for(data, good=False), path, mins=["mention_recall=0.90"])
    out = capsys.readouterr().out
    assert rc == 1
    assert "FAIL mention_recall = 0.6667 < 0.90" in out
    assert out.index("mention_recall") < out.index("FAIL")  # the table comes first

    rc, _ = _run(tmp_path, _engine_for(data), path, mins=["mention_recall=0.90", "en.hit@1=1"])
    assert rc == 0
    assert "FAIL" not in capsys.readouterr().out


def test_max_gate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = good_set()
    path = write_yaml(tmp_path / "s.yaml", data)
    rc, _ = _run(tmp_path, _engine_for(data), path, maxs=["total_p50=10"])
    assert rc == 1
    assert "FAIL total_p50 = 90 > 10" in capsys.readouterr().out
    rc, _ = _run(tmp_path, _engine_for(data), path, maxs=["total_p95=1000", "en.median_words=50"])
    assert rc == 0


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"mins": ["recall=0.5"]}, "unknown metric 'recall'"),
        ({"mins": ["fr.mrr=0.5"]}, "unknown metric"),
        ({"mins": ["mrr"]}, "expected METRIC=VALUE"),
        ({"mins": ["mrr=high"]}, "not a number"),
        ({"mins": ["total_p95=100"]}, "use --max"),
        ({"maxs": ["mrr=0.5"]}, "use --min"),
    ],
)
def test_bad_gates_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kw: dict[str, Any], message: str
) -> None:
    data = good_set()
    engine = _engine_for(data)
    rc, _ = _run(tmp_path, engine, write_yaml(tmp_path / "s.yaml", data), **kw)
    err = capsys.readouterr().err
    assert rc == 2
    assert message in err and len(err.strip().splitlines()) == 1
    assert engine.calls == []  # input is checked before anything is asked


def test_bad_input_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = good_set()
    engine = _engine_for(data)
    bad = write_yaml(tmp_path / "bad.yaml", _mutate(lambda d: d["items"][0].update(lang="de")))
    rc, _ = _run(tmp_path, engine, bad)
    assert rc == 2
    assert "item 'a-1' (#1): lang" in capsys.readouterr().err

    good = write_yaml(tmp_path / "s.yaml", data)
    junk = tmp_path / "junk.json"
    junk.write_text("{not json", encoding="utf-8")
    for baseline in (junk, tmp_path / "missing.json"):
        rc, _ = _run(tmp_path, engine, good, compare=baseline)
        assert rc == 2
        assert str(baseline) in capsys.readouterr().err
    rc, _ = _run(tmp_path, engine, good, json_path=tmp_path / "no" / "such" / "r.json")
    assert rc == 2
    assert engine.calls == []


def test_json_and_compare_find_regression(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = good_set()
    path = write_yaml(tmp_path / "s.yaml", data)
    base = tmp_path / "base.json"
    assert _run(tmp_path, _engine_for(data), path, json_path=base)[0] == 0
    report = json.loads(base.read_text(encoding="utf-8"))
    assert report["sets"] == [str(path)] and report["mode"] == "hybrid"
    assert set(report["metrics"]) == {"all", "en", "nl"}
    assert report["metrics"]["all"]["mention_recall"] == 1.0
    first = report["items"][0]
    assert {
        "id",
        "lang",
        "question",
        "answer",
        "abstained",
        "citations",
        "timings_ms",
        "retrieved_sections",
        "checks",
    } <= set(first)
    assert "chunk_id" not in first["citations"][0]  # as in Answer.to_public()
    assert [i["id"] for i in report["items"]][2:] == ["c-1#1", "c-1#2"]
    capsys.readouterr()

    current = tmp_path / "current.json"
    rc, _ = _run(tmp_path, _engine_for(data, good=False), path, compare=base, json_path=current)
    out = capsys.readouterr().out
    assert rc == 0
    assert "Regressed items" in out
    assert "a-1  mention_recall" in out
    compared = out[out.index("baseline") :].splitlines()
    mention_line = next(ln for ln in compared if ln.startswith("mention_recall "))
    assert mention_line.split() == ["mention_recall", "1.000", "0.667", "-0.333", "worse"]

    cmp = compare_reports(report, json.loads(current.read_text(encoding="utf-8")))
    by_name = {d.name: d for d in cmp.metrics}
    assert by_name["en.mention_recall"].delta == pytest.approx(-1 / 3)
    assert by_name["total_p95"].verdict == "worse"
    assert [(r.id, r.check) for r in cmp.regressions] == [("a-1", "mention_recall")]


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")


def test_html_report_is_self_contained_and_escaped(tmp_path: Path) -> None:
    data = good_set()
    path = write_yaml(tmp_path / "s.yaml", data)
    engine = _engine_for(data, good=False)
    evil = "Someone <script>alert('x')</script> [1]"
    q = "Who supervises the AI Act?"
    engine.answers[q] = engine.answers[q].model_copy(update={"answer": evil})
    out = tmp_path / "report.html"
    assert _run(tmp_path, engine, path, html_path=out)[0] == 0

    text = out.read_text(encoding="utf-8")
    parser = _Html()
    parser.feed(text)
    parser.close()
    assert "script" not in parser.tags
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text
    pngs = [s for s in parser.images if s.startswith("data:image/png;base64,")]
    assert len(pngs) >= 2
    for src in pngs:
        assert base64.b64decode(src.split(",", 1)[1]).startswith(PNG_SIGNATURE)
    assert "http" not in "".join(parser.images)  # no external resources
    assert "a-1" in text  # the failed item is listed


def test_render_html_without_results_for_a_language() -> None:
    results = hand_checked_results()[:3]  # English only
    from eval.report import build_report

    report = build_report([Path("x.yaml")], "dense", results, compute_metrics(results))
    assert render_html(report).count("data:image/png;base64,") == 2


def test_ablation_runs_three_modes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = good_set()
    path = write_yaml(tmp_path / "s.yaml", data)
    engine = _engine_for(data)
    out_json = tmp_path / "ab.json"
    rc, _ = _run(tmp_path, engine, path, ablation=True, json_path=out_json)
    assert rc == 0
    assert [c[3] for c in engine.calls] == ["dense"] * 4 + ["bm25"] * 4 + ["hybrid"] * 4
    header = capsys.readouterr().out.splitlines()[0].split()
    assert header[-3:] == ["dense", "bm25", "hybrid"]
    report = json.loads(out_json.read_text(encoding="utf-8"))
    assert list(report["ablation"]) == ["dense", "bm25", "hybrid"]
    assert report["ablation"]["bm25"]["all"]["hit@1"] == 1.0
    assert report["mode"] == "hybrid"


def test_parse_gates_accepts_language_and_all_prefix() -> None:
    gates = parse_gates(["all.mrr=0.5", "nl.hit@3=0.25"], ["en.total_p95=900"])
    assert [(g.name, g.bound, g.threshold) for g in gates] == [
        ("mrr", "min", 0.5),
        ("nl.hit@3", "min", 0.25),
        ("en.total_p95", "max", 900.0),
    ]
