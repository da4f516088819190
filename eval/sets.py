"""Question sets: load a YAML set, validate it strictly, flatten it into questions.

A set is hand-written, so every mistake in it must come back as one readable line that names
the file, the item and the field (a `SetError`), never as a traceback or a silently wrong score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

Lang = Literal["en", "nl"]


class SetError(ValueError):
    """A question set that cannot be used; the message is meant for the user as it is."""


class _Strict(BaseModel):
    # strict: YAML already gives native types, so `answerable: "no"` or `question: 14` is a
    # mistake in the set, not something to coerce.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _non_empty(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


class _Expectation(_Strict):
    """What a good answer to one question looks like; shared by items and conversation turns."""

    question: str
    answerable: bool = True
    mentions: list[list[str]] = Field(default_factory=list, validate_default=True)
    section: list[str] = Field(default_factory=list)
    forbid: list[str] = Field(default_factory=list)

    _question_not_empty = field_validator("question")(_non_empty)

    @field_validator("mentions")
    @classmethod
    def _mentions_match_answerable(cls, value: list[list[str]], info: ValidationInfo) -> Any:
        for group in value:
            if not group:
                raise ValueError("a group of aliases must not be empty")
            if any(not alias.strip() for alias in group):
                raise ValueError("an alias must not be empty")
        answerable = info.data.get("answerable")  # absent when answerable itself was invalid
        if answerable is True and not value:
            raise ValueError("must not be empty for an answerable item")
        if answerable is False and value:
            raise ValueError("must be empty for an unanswerable item")
        return value

    @field_validator("section", "forbid")
    @classmethod
    def _strings_not_empty(cls, value: list[str]) -> list[str]:
        if any(not s.strip() for s in value):
            raise ValueError("must not contain an empty string")
        return value


def _valid_id(value: str) -> str:
    _non_empty(value)
    if "#" in value:  # turn ids are `<conversation-id>#<n>`; a '#' in an id could collide
        raise ValueError("must not contain '#'")
    return value


class Item(_Expectation):
    """One standalone question."""

    id: str
    lang: Lang
    answerable: bool  # required for items: whether to expect an abstention is never implied

    _id_valid = field_validator("id")(_valid_id)


class Turn(_Expectation):
    """One question of a conversation; asked with the earlier turns' answers as history."""


class Conversation(_Strict):
    """Follow-up questions that only make sense after the earlier ones."""

    id: str
    lang: Lang
    turns: list[Turn] = Field(min_length=1)

    _id_valid = field_validator("id")(_valid_id)


class QuestionSet(_Strict):
    """A validated set, as written in the YAML file."""

    version: Literal[1]
    corpus: str
    items: list[Item]
    conversations: list[Conversation] = Field(default_factory=list)

    def questions(self) -> list[Question]:
        """Items, then conversation turns, flattened: every turn is scored as one question."""
        out = [_question(item.id, item.lang, item) for item in self.items]
        for conv in self.conversations:
            for n, turn in enumerate(conv.turns, start=1):
                out.append(
                    _question(f"{conv.id}#{n}", conv.lang, turn, conversation=conv.id, turn=n)
                )
        return out


@dataclass(frozen=True)
class Question:
    """One question to ask and score: an item, or one turn of a conversation (turn >= 1)."""

    id: str
    lang: Lang
    question: str
    answerable: bool
    mentions: tuple[tuple[str, ...], ...] = ()
    section: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()
    conversation: str | None = None
    turn: int | None = None


def load_set(path: Path) -> QuestionSet:
    """Read and validate one set; every problem is a `SetError` naming file, item and field."""
    name = str(path)
    try:
        raw_bytes = Path(path).read_bytes()
    except FileNotFoundError:
        raise SetError(f"{name}: no such file") from None
    except OSError as e:
        raise SetError(f"{name}: cannot read: {e.strerror or e}") from None
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SetError(f"{name}: not UTF-8 text (bad byte at offset {e.start})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise SetError(f"{name}: invalid YAML{where}: {problem}") from None
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        msg = "the top level must be a mapping (version, corpus, items)"
        raise SetError(f"{name}: {msg}, not {kind}")
    try:
        qset = QuestionSet.model_validate(data)
    except ValidationError as e:
        raise SetError(f"{name}: {_describe(e, data)}") from None
    _check_unique_ids(name, qset)
    if not qset.items and not qset.conversations:
        raise SetError(f"{name}: the set holds no questions")
    return qset


def load_sets(paths: Sequence[Path]) -> list[Question]:
    """All questions of several sets; ids must be unique across them, as reports key on ids."""
    seen: dict[str, Path] = {}
    out: list[Question] = []
    for path in paths:
        for q in load_set(path).questions():
            if q.id in seen:
                raise SetError(f"{path}: id {q.id!r} is also used in {seen[q.id]}")
            seen[q.id] = path
            out.append(q)
    return out


def _check_unique_ids(name: str, qset: QuestionSet) -> None:
    first: dict[str, str] = {}
    entries = [("item", i, it.id) for i, it in enumerate(qset.items, 1)]
    entries += [("conversation", i, c.id) for i, c in enumerate(qset.conversations, 1)]
    for kind, index, id_ in entries:
        where = f"{kind} #{index}"
        if id_ in first:
            raise SetError(f"{name}: {kind} {id_!r} (#{index}): id: duplicate of {first[id_]}")
        first[id_] = where


def _label(kind: str, entries: Any, index: int) -> str:
    """`item 'pub-en-03' (#3)` when the raw entry has a usable id, else `item #3`."""
    raw = entries[index] if isinstance(entries, list) and index < len(entries) else None
    id_ = raw.get("id") if isinstance(raw, dict) else None
    if isinstance(id_, str) and id_.strip():
        return f"{kind} {id_!r} (#{index + 1})"
    return f"{kind} #{index + 1}"


def _field_path(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    if kind == "too_short":
        return "must not be empty"
    msg = str(error["msg"])
    return msg.removeprefix("Value error, ")


def _describe(exc: ValidationError, data: dict) -> str:
    """The first validation error as `item 'id' (#n): field: problem` (+ how many more)."""
    errors = exc.errors()
    error = errors[0]
    loc = list(error["loc"])
    parts: list[str] = []
    if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
        parts.append(_label("item", data.get("items"), loc[1]))
        loc = loc[2:]
    elif len(loc) >= 2 and loc[0] == "conversations" and isinstance(loc[1], int):
        convs = data.get("conversations")
        parts.append(_label("conversation", convs, loc[1]))
        conv = convs[loc[1]] if isinstance(convs, list) and loc[1] < len(convs) else None
        loc = loc[2:]
        if len(loc) >= 2 and loc[0] == "turns" and isinstance(loc[1], int) and conv is not None:
            parts.append(f"turn #{loc[1] + 1}")
            loc = loc[2:]
    if loc:
        parts.append(_field_path(loc))
    parts.append(_message(error))
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return ": ".join(parts) + (more if len(errors) > 1 else "")


def _question(
    qid: str,
    lang: str,
    src: Item | Turn,
    *,
    conversation: str | None = None,
    turn: int | None = None,
) -> Question:
    return Question(
        id=qid,
        lang=lang,
        question=src.question,
        answerable=src.answerable,
        mentions=tuple(tuple(g) for g in src.mentions),
        section=tuple(src.section),
        forbid=tuple(src.forbid),
        conversation=conversation,
        turn=turn,
    )
