"""`wiedoetwat`: the one command line, with ingest, fetch, ask, app and eval.

Settings are built here, once, and passed down. Errors that a user can fix are printed as one
line (never a traceback) and give a non-zero exit code.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from ingest.errors import IngestError
from ingest.settings import Settings

Lang = Literal["nl", "en"]
LANGUAGES = ("auto", "nl", "en")


def question_refusal(
    question: object, language: object = "auto", max_chars: int = 1000, fallback: Lang = "en"
) -> str | None:
    """Why a question cannot be answered, as a message in its language; None when it can.

    One check for every door (textbox, `/ask`, CLI), refused before any work is done, so that
    one long or malformed question cannot stall the other users. It lives here, not in the
    chat module, so that `wiedoetwat ask` does not pay for importing Gradio.
    """
    chosen: Lang | None = language if language in ("nl", "en") else None  # type: ignore[assignment]
    if not isinstance(question, str):
        return _t("question_not_text", chosen or fallback)
    if "\x00" in question or not _encodable(question):
        return _t("question_unreadable", chosen or fallback)
    if language is not None and language not in LANGUAGES:
        return _t("language_invalid", chosen or fallback)
    text = question.strip()
    if not text:
        return _t("question_empty", chosen or fallback)
    if len(text) > max_chars:
        from ingest.language import detect_language

        lang = chosen or detect_language(text[:400], default=fallback)
        sep = "." if lang == "nl" else ","  # 20.000 tekens, 20,000 characters
        n, limit = (f"{x:,}".replace(",", sep) for x in (len(text), max_chars))
        return _t("question_too_long", lang, n=n, limit=limit)
    return None


def _encodable(text: str) -> bool:
    """False for lone surrogates: undecodable bytes (argv) or broken JSON escapes (`/ask`)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _no_credentials(url: str) -> str:
    """A URL as shown: never with the user:password@ a source may carry."""
    return re.sub(r"(//)[^/?#\s@]*@", r"\1", url)


def _t(key: str, lang: str, **fmt: str) -> str:
    from engine.strings import t

    return t(key, lang, **fmt)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="wiedoetwat",
        description="Who does what in Belgian AI: cited answers from the report and its pages.",
    )
    p.add_argument("--data-dir", type=Path, help="Data folder (default .wiedoetwat/).")
    p.add_argument("--corpus-dir", type=Path, help="Corpus folder (default corpus/).")
    sub = p.add_subparsers(dest="command", required=True)

    sub.add_parser("ingest", help="Build or update the index from corpus/.").add_argument(
        "--no-progress", action="store_true", help="No progress bar."
    )

    f = sub.add_parser("fetch", help="Fetch the official pages that the corpus links.")
    f.add_argument("--url", action="append", default=[], help="Fetch just this URL (repeatable).")
    f.add_argument("--no-progress", action="store_true", help="No progress bar.")

    a = sub.add_parser("ask", help="Ask questions; several are turns of one conversation.")
    a.add_argument("questions", nargs="+", help="Question(s), in Dutch or English.")
    a.add_argument("--json", action="store_true", help="One JSON object per turn, per line.")
    a.add_argument("--lang", choices=["auto", "nl", "en"], help="Answer language.")
    a.add_argument("--mode", choices=["hybrid", "dense", "bm25"], help="Retrieval mode.")
    a.add_argument("--chunks", action="store_true", help="Also print the retrieved chunks.")

    u = sub.add_parser("app", help="Start the chat app in the browser.")
    u.add_argument("--host", help="Address to bind (default 127.0.0.1).")
    u.add_argument("--port", type=int, help="Port (default 7860).")
    u.add_argument(
        "--allow-remote",
        action="store_true",
        help="Allow binding beyond loopback (requires basic-auth settings).",
    )

    w = sub.add_parser("who", help="The directory: who does what, grouped by level and body.")
    w.add_argument("query", nargs="?", help="Filter: a person, role or body (fuzzy, nl/en).")
    w.add_argument("--json", action="store_true", help="Print a JSON array of entries.")

    b = sub.add_parser("bench", help="Measure speed and memory; print, write JSON and a chart.")
    b.add_argument("--out", type=Path, default=Path("bench-results"), help="Output folder.")
    b.add_argument(
        "--sizes", default="1000,10000,50000", help="Synthetic collection sizes (chunks)."
    )
    b.add_argument("--quick", action="store_true", help="Fewer repetitions (a smoke run).")

    e = sub.add_parser("eval", help="Run question sets and report metrics.")
    e.add_argument("sets", nargs="*", type=Path, help="Question set YAML file(s).")
    e.add_argument("--json", dest="json_path", type=Path, help="Write results as JSON here.")
    e.add_argument("--html", dest="html_path", type=Path, help="Write an HTML report here.")
    e.add_argument("--compare", type=Path, help="Baseline JSON to compare with.")
    e.add_argument("--min", dest="mins", action="append", default=[], help="METRIC=VALUE floor.")
    e.add_argument("--max", dest="maxs", action="append", default=[], help="METRIC=VALUE ceiling.")
    e.add_argument("--ablation", action="store_true", help="Compare dense, BM25 and hybrid.")
    e.add_argument(
        "--cv", type=int, metavar="K", help="K-fold cross-validated figures of the fitted scorer."
    )
    e.add_argument(
        "--fit", action="store_true", help="Fit the scorer on the sets and save it (checked in)."
    )
    e.add_argument(
        "--directory",
        nargs="?",
        const=Path("eval/sets/directory_gold.yaml"),
        type=Path,
        help="Score the directory against a gold file (default eval/sets/directory_gold.yaml).",
    )
    e.add_argument("--no-progress", action="store_true", help="No progress bar.")
    return p


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict = {}
    if args.data_dir:
        overrides["data_dir"] = args.data_dir
    if args.corpus_dir:
        overrides["corpus_dir"] = args.corpus_dir
    if args.command == "app":
        ui = {}
        if args.host:
            ui["host"] = args.host
        if args.port:
            ui["port"] = args.port
        if args.allow_remote:
            ui["allow_remote"] = True
        if ui:
            base = Settings(**overrides)
            overrides["ui"] = base.ui.model_copy(update=ui)
    return Settings(**overrides)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = _settings(args)
        return _run(args, settings)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        print(f"error: setting {where}: {first['msg']}", file=sys.stderr)
        return 2
    except IngestError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted: the index is as it was before this run", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "ingest":
        from ingest.pipeline import run_ingest

        run_ingest(settings, progress=not args.no_progress)
        return 0
    if args.command == "fetch":
        from ingest.fetch import fetch_pages

        report = fetch_pages(settings, args.url or None, progress=not args.no_progress)
        print(report.summary_table())
        print(report.totals())
        for line in report.offline_lines():
            print(line, file=sys.stderr)
        return 0 if report.ok else 1
    if args.command == "ask":
        return _ask(args, settings)
    if args.command == "app":
        from app.chat import check_bind, launch

        try:
            check_bind(settings.ui)  # refused at once, before anything loads (5-8 s)
            launch(None, settings)  # serves the page at once; the index loads behind it
        except ValueError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        return 0
    if args.command == "who":
        from app.who import run_who

        return run_who(settings, args.query, as_json=args.json)
    if args.command == "bench":
        from app.bench import run_bench

        return run_bench(settings, args.out, sizes=args.sizes, quick=args.quick)
    if args.command == "eval" and args.directory is not None:
        from eval.directory import run_directory_eval

        return run_directory_eval(settings, args.directory)
    if args.command == "eval" and (args.cv or args.fit):
        from eval.fit import run_fit_command

        return run_fit_command(
            settings,
            args.sets,
            cv=args.cv,
            save=args.fit,
            json_path=args.json_path,
            progress=not args.no_progress,
        )
    if args.command == "eval":
        if not args.sets:
            print("error: eval needs at least one question set", file=sys.stderr)
            return 2
        from eval.run import run_eval_command

        return run_eval_command(
            settings,
            args.sets,
            json_path=args.json_path,
            html_path=args.html_path,
            compare=args.compare,
            mins=args.mins,
            maxs=args.maxs,
            ablation=args.ablation,
            progress=not args.no_progress,
        )
    raise AssertionError(args.command)


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    from engine.strings import t

    lang: Lang = "nl" if args.lang == "nl" else "en"
    for n, question in enumerate(args.questions, start=1):  # all checked before the engine loads
        if not _encodable(question):
            print(t("cli_undecodable", lang, n=str(n)), file=sys.stderr)
            return 2
        refusal = question_refusal(question, args.lang, settings.answer.max_question_chars)
        if refusal:
            print(f"error: {refusal}", file=sys.stderr)
            return 2

    from engine.core import Engine
    from engine.models import Answer

    engine = Engine.load(settings, progress=not args.json, say=lambda m: print(m, file=sys.stderr))
    history: list[Answer] = []
    for question in args.questions:
        answer = engine.ask(question, history=history, language=args.lang, mode=args.mode)
        history.append(answer)
        if args.json:
            print(json.dumps(answer.to_public(), ensure_ascii=False))
            continue
        lang = answer.language
        print(f"\nQ: {question}\n\n{answer.answer}\n")
        cites = answer.related if answer.abstained else answer.citations
        if cites:
            print(t("related_note" if answer.abstained else "sources", lang))
        for c in cites:
            print(f"  [{c.n}] {c.title} > {c.section}")
            print(f"      “{c.quote}”")
            print(f"      {_no_credentials(c.url)}  ({c.date})")
            for lk in c.links:
                print(f"      - {lk.text}: {_no_credentials(lk.url)}")
        if args.chunks:
            print("\nRetrieved chunks:")
            for h in engine.retrieve(answer.standalone_question or question, mode=args.mode):
                dense = f"{h.dense:.3f}" if h.dense is not None else "-"
                bm25 = f"{h.bm25:.2f}" if h.bm25 is not None else "-"
                print(f"  {h.rank}. [{h.score:.4f} dense={dense} bm25={bm25}] {h.chunk.section}")
                print(f"     {h.chunk.text[:160]!r}")
                for lk in h.chunk.links:
                    print(f"     - {lk['text']}: {lk['url']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
