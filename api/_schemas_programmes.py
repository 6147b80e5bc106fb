"""Request and response bodies of the stored-programme routes (edits, submission, review)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

_ID = re.compile(r"[\w.\-]{1,64}")
_MAX = 20


class ProgrammeEditCreate(BaseModel):
    """One edit step: swaps (old → new), removals, additions, and why."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"swap": [["C101", "C205"]], "reason": "家长希望增加围棋"}]
        },
    )

    semester: str | None = Field(None, max_length=40, examples=["2026秋"])
    swap: list[tuple[str, str]] = Field(default_factory=list, max_length=_MAX)
    remove: list[str] = Field(default_factory=list, max_length=_MAX)
    add: list[str] = Field(default_factory=list, max_length=_MAX)
    reason: str = Field("", max_length=2000, description="修改理由 / why")
    base_version: int | None = Field(None, ge=1, description="编辑所基于的版本 / expected current")

    @model_validator(mode="after")
    def _not_empty(self) -> ProgrammeEditCreate:
        ids = [x for pair in self.swap for x in pair] + self.remove + self.add
        if not ids:
            raise ValueError("至少一项修改 / at least one swap, removal or addition")
        if not all(_ID.fullmatch(x) for x in ids):
            raise ValueError("项目编号有误 / malformed item id")
        return self

    def step(self) -> dict[str, Any]:
        return {"swap": [list(p) for p in self.swap], "remove": self.remove, "add": self.add}


class SubmissionCreate(BaseModel):
    """A planner submits the current version: the 家委会 consultation and the 公示 dates."""

    model_config = ConfigDict(extra="forbid")

    semester: str | None = Field(None, max_length=40, examples=["2026秋"])
    consulted_on: date = Field(description="家委会征求意见日期 / parents' committee consulted")
    notice_on: date = Field(description="校内公示日期 / public notice at the school")
    note: str = Field("", max_length=2000)
    base_version: int | None = Field(None, ge=1)

    @model_validator(mode="after")
    def _order(self) -> SubmissionCreate:
        if self.notice_on < self.consulted_on:
            raise ValueError("公示日期早于家委会征求意见 / notice before the consultation")
        return self

    def fields(self, author: str) -> dict[str, Any]:
        """The new version's fields for `api._programmes.transition` (API and web page)."""
        return {
            "action": "submit",
            "author": author,
            "note": self.note,
            "consulted_on": self.consulted_on.isoformat(),
            "notice_on": self.notice_on.isoformat(),
            "after": self.base_version,
        }


class ReviewCreate(BaseModel):
    """The bureau approves (备案) or returns the submitted version with a comment."""

    model_config = ConfigDict(extra="forbid")

    semester: str | None = Field(None, max_length=40, examples=["2026秋"])
    decision: Literal["approve", "return"]
    comment: str = Field("", max_length=2000)
    base_version: int | None = Field(None, ge=1)

    @model_validator(mode="after")
    def _comment(self) -> ReviewCreate:
        if self.decision == "return" and not self.comment.strip():
            raise ValueError("退回须写意见 / a return needs a comment")
        return self


class ProgrammeVersionPublic(BaseModel):
    """One stored version without its programme body (the history and the review list)."""

    school_id: str
    semester: str
    version: int
    state: Literal["draft", "submitted", "approved", "returned"]
    action: str
    author: str
    at: datetime
    note: str
    reason: str
    comment: str
    consulted_on: str | None
    notice_on: str | None
    edits: int = Field(description="累计修改步数 / edit steps since computed")
