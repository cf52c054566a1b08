"""The typed data model that leaves the analyzer: the public JSON contract.

``Analysis.model_dump(mode="json")`` is the document that ``bienban analyze --format json``
prints and the API returns. Field names are a public API: a change that renames or removes a
field bumps ``SCHEMA_VERSION``. Every ``start``/``end`` pair is a character offset into
``Analysis.text`` (the normalised text), end exclusive.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

SCHEMA_VERSION = "1"

MeetingKind = Literal[
    "chi_bo_regular",
    "chi_bo_thematic",
    "committee",
    "congress",
    "self_review",
    "school_council",
    "professional_group",
    "youth_union",
    "trade_union",
    "class_or_parents",
    "team",
    "other",
]

SectionKind = Literal[
    "header",
    "attendance",
    "agenda",
    "report",
    "discussion",
    "conclusion",
    "vote",
    "closing",
    "signatures",
    "other",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    name: str
    format: str
    sha256: str


class PersonRef(_Model):
    name: str
    member_id: str | None


class Attendance(_Model):
    total: int | None = None
    present: int | None = None
    absent: int | None = None


class Absentee(_Model):
    name: str
    excused: bool | None = None
    reason: str | None = None


class Meeting(_Model):
    title: str | None = None
    kind: MeetingKind = "other"
    organization: str | None = None
    date: dt.date | None = None
    start_time: str | None = Field(default=None, description="HH:MM, 24-hour clock")
    end_time: str | None = Field(default=None, description="HH:MM, 24-hour clock")
    duration_minutes: int | None = None
    place: str | None = None
    chair: PersonRef | None = None
    secretary: PersonRef | None = None
    attendance: Attendance = Field(default_factory=Attendance)
    absentees: list[Absentee] = Field(default_factory=list)
    guests: list[str] = Field(default_factory=list)


class Member(_Model):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    present: bool | None = None
    spoke: bool = False


class Section(_Model):
    kind: SectionKind
    title: str | None
    start: int
    end: int


class Turn(_Model):
    id: str
    speaker_id: str | None
    speaker: str | None
    cue: str
    start: int
    end: int
    text: str
    section: SectionKind | None


ItemKind = Literal[
    "proposal",
    "concern",
    "agreement",
    "question",
    "conclusion",
    "decision",
    "action_item",
    "vote",
]
_ITEM_COMMON = ("id", "kind", "text", "start", "end", "turn_id", "speaker_id", "confidence")
_ITEM_FIELDS: dict[str, tuple[str, ...]] = {
    "proposal": ("status", "answered_by"),
    "action_item": ("assignee", "assignee_name", "task", "deadline", "deadline_text"),
    "vote": ("for", "against", "abstain", "total", "percent", "method"),
}


class Item(_Model):
    """One extracted item; kind-specific fields appear in the JSON only for their kind."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)

    id: str
    kind: ItemKind
    text: str
    start: int
    end: int
    turn_id: str | None = None
    speaker_id: str | None = None
    confidence: float
    # proposal
    status: Literal["adopted", "addressed", "open"] | None = None
    answered_by: str | None = None
    # action_item
    assignee: str | None = Field(default=None, description="member id, or a unit name as written")
    assignee_name: str | None = None
    task: str | None = None
    deadline: dt.date | None = None
    deadline_text: str | None = None
    # vote
    votes_for: int | None = Field(default=None, alias="for")
    against: int | None = None
    abstain: int | None = None
    total: int | None = None
    percent: float | None = None
    method: Literal["show_of_hands", "secret_ballot", "unspecified"] | None = None

    @model_serializer(mode="wrap")
    def _only_own_fields(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        data = handler(self)
        keep = _ITEM_COMMON + _ITEM_FIELDS.get(self.kind, ())
        return {key: value for key, value in data.items() if key in keep}


class MemberMetrics(_Model):
    id: str
    name: str
    turns: int = 0
    words: int = 0
    share_of_words: float | None = None
    substantive: int = 0
    proposals: int = 0
    concerns: int = 0
    agreement_only_turns: int = 0


class Monologue(_Model):
    turn_id: str
    speaker_id: str
    words: int
    share: float | None = None


class Topic(_Model):
    label: str  # the topic's top terms
    turn_ids: list[str] = Field(default_factory=list)


class AgendaCoverage(_Model):
    item: str
    start: int
    end: int
    discussed: bool
    turn_ids: list[str] = Field(default_factory=list)


class Metrics(_Model):
    """Participation and balance; formulas in the README and ``analyzer.metrics``."""

    members_present: int | None = None
    members_spoke: int | None = None
    share_spoke: float | None = None
    speaking_band: Literal[">50%", "40–50%", "30–40%", "<30%"] | None = None
    gini_words: float | None = None
    entropy_words: float | None = None
    chair_share: float | None = None
    longest_monologue: Monologue | None = None
    agreement_only_share: float | None = None
    silent_members: list[PersonRef] = Field(default_factory=list)
    members: list[MemberMetrics] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)
    agenda: list[AgendaCoverage] = Field(default_factory=list)
    proposals_answered_share: float | None = None


class CompletenessField(_Model):
    field: str
    label: str
    found: bool
    start: int | None = None
    end: int | None = None
    note: str | None = None


class Completeness(_Model):
    """The minutes checked against the fields guidance asks secretaries to record."""

    found: int = 0
    total: int = 0
    fields: list[CompletenessField] = Field(default_factory=list)


class ScoreCriterion(_Model):
    criterion: str
    label: str
    max_points: int
    points: float | None
    assessable: bool
    rule: str


class Score(_Model):
    """The measurable part of the party's 100-point form; see ``models/lexicons/score.yaml``."""

    points: float = 0
    assessable_points: int = 0
    max_points: int = 100
    rating: Literal["Tốt", "Khá", "Trung bình", "Kém"] | None = None
    note: str = ""
    criteria: list[ScoreCriterion] = Field(default_factory=list)


class Sentence(_Model):
    """A sentence of a draft: taken from the minutes (with offsets) or built (offsets null)."""

    text: str
    start: int | None = None
    end: int | None = None
    agenda_item: str | None = None  # for main points: the agenda item it belongs to


class TaskRow(_Model):
    assignee: str | None = None  # display name or unit
    task: str
    deadline: dt.date | None = None
    deadline_text: str | None = None
    start: int | None = None
    end: int | None = None


class Summary(_Model):
    """A Vietnamese draft summary: built opening, main points in document order, proposals,
    conclusions and the task table."""

    opening: str = ""
    points: list[Sentence] = Field(default_factory=list)
    proposals: list[Sentence] = Field(default_factory=list)
    conclusions: list[Sentence] = Field(default_factory=list)
    tasks: list[TaskRow] = Field(default_factory=list)


class Review(_Model):
    """ "Nhận xét, rút kinh nghiệm": strengths, limitations and suggestions, in Vietnamese."""

    strengths: list[str] = Field(default_factory=list)
    limitations: list[str] = Field(default_factory=list)
    suggestions: list[str] = Field(default_factory=list)


class Resolution(_Model):
    """A draft resolution filled only from extracted facts; "……" where the minutes say nothing."""

    title: str = ""
    assessment: list[Sentence] = Field(default_factory=list)
    limitations: list[Sentence] = Field(default_factory=list)
    tasks: list[TaskRow] = Field(default_factory=list)
    vote: str = ""


class Warning_(_Model):
    code: str
    message: str
    start: int | None = None
    end: int | None = None


class Analysis(_Model):
    schema_version: Literal["1"] = SCHEMA_VERSION
    source: Source
    text: str
    meeting: Meeting
    members: list[Member] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    turns: list[Turn] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)
    metrics: Metrics = Field(default_factory=Metrics)
    completeness: Completeness = Field(default_factory=Completeness)
    score: Score = Field(default_factory=Score)
    summary: Summary = Field(default_factory=Summary)
    review: Review = Field(default_factory=Review)
    resolution: Resolution = Field(default_factory=Resolution)
    warnings: list[Warning_] = Field(default_factory=list)
