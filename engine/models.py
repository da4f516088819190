"""The answer contract shared by the CLI (`ask --json`), the chat UI and the evaluation."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Language = Literal["nl", "en"]


class Link(BaseModel):
    text: str = Field(description="Anchor text as it stands in the source.")
    url: str = Field(description="Target of the link.")


class Citation(BaseModel):
    n: int = Field(description="Number of the citation, as in the [n] markers of the answer.")
    title: str = Field(description="Title of the cited document.")
    section: str = Field(description="Heading path of the cited chunk.")
    quote: str = Field(description="The exact sentence quoted from the source.")
    url: str = Field(description="URL of the document (the report's permalink or the page).")
    links: list[Link] = Field(default_factory=list, description="Official links in the chunk.")
    date: str = Field(default="", description="Date of the source, ISO format when known.")
    chunk_id: str = Field(default="", description="Id of the chunk the quote comes from.")


class Timings(BaseModel):
    retrieve: float = Field(description="Milliseconds spent retrieving.")
    answer: float = Field(description="Milliseconds spent composing the answer.")
    total: float = Field(description="Milliseconds from question to answer.")


class Answer(BaseModel):
    question: str = Field(description="The question as the user typed it.")
    language: Language = Field(description="Language of the answer (that of the question).")
    answer: str = Field(description="The answer text, with [n] citation markers.")
    abstained: bool = Field(description="True when the sources do not hold the answer.")
    direct: str | None = Field(
        default=None,
        description="The asked-for value (a person, body, date, amount or count) as the cited "
        "sentence gives it, dates and amounts in the question's language; null for "
        "explanations and abstentions.",
    )
    citations: list[Citation] = Field(
        default_factory=list, description="Numbered sources that back the answer."
    )
    related: list[Citation] = Field(
        default_factory=list,
        description="Nearest sources shown when abstaining: related, not proof.",
    )
    timings_ms: Timings
    retrieved_sections: list[str] = Field(
        default_factory=list,
        description="Heading paths of the retrieved chunks, best first (for hit@k and MRR).",
    )
    standalone_question: str = Field(
        default="", description="The question after follow-up condensation, as retrieved."
    )

    def to_public(self) -> dict:
        """The `ask --json` object: the documented fields and nothing else."""
        return self.model_dump(
            include={
                "question",
                "language",
                "answer",
                "direct",
                "abstained",
                "citations",
                "timings_ms",
            },
            exclude={"citations": {"__all__": {"chunk_id"}}},
        )
