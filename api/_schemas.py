"""Request and response bodies of the HTTP service (XCreate / XPublic), with OpenAPI examples."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class ProblemPublic(BaseModel):
    """One thing wrong with an uploaded file: where (file, row, column) and why."""

    file: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    reason: str


class ErrorBody(BaseModel):
    code: str = Field(examples=["forbidden"])
    message: str = Field(examples=["只能访问本校数据 / a planner may only reach its own school"])
    problems: list[ProblemPublic] = Field(default_factory=list)


class ErrorPublic(BaseModel):
    """Every error response: a stable code, a bilingual message, and import problems if any."""

    error: ErrorBody


class HealthPublic(BaseModel):
    status: str = Field(examples=["ok"])
    version: str = Field(examples=["0.1.0"])
    database: bool = Field(description="数据库可连接 / the database answers")


class Page(BaseModel, Generic[T]):
    """One page of a list; `page_size` is the size actually used (after the cap)."""

    items: list[T]
    total: int = Field(ge=0)
    page: int = Field(ge=1)
    page_size: int = Field(ge=1)


class CatalogueItemPublic(BaseModel):
    """A catalogue entry: course, specialist, science resource or institution."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "C065",
                    "kind": "courses",
                    "title": "机器人搭建（中高段）",
                    "data": {
                        "id": "C065",
                        "title": "机器人搭建（中高段）",
                        "domains": ["智"],
                        "grades": {"lo": 3, "hi": 6},
                        "fee_per_session": 3.0,
                    },
                }
            ]
        }
    )

    id: str = Field(examples=["C001"])
    kind: str = Field(examples=["courses"])
    title: str = Field(examples=["少儿足球"])
    data: dict[str, Any] = Field(description="全部字段 / every stored field")


class SearchHitPublic(BaseModel):
    id: str
    kind: str
    title: str
    score: float
    fit: float
    found_by: list[str]
    similarity: float | None = None  # cosine of query and item (primary embedder)
    signals: dict[str, float] = {}  # each retrieval signal's raw score for this hit


class SearchPublic(BaseModel):
    """Same shape as `kehou search --json` (without the long item texts)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "query": "机器人 编程",
                    "backend": "e5-small",
                    "results": [
                        {
                            "id": "C065",
                            "kind": "courses",
                            "title": "机器人搭建（中高段）",
                            "score": 0.032,
                            "fit": 0.80,
                            "found_by": ["dense", "keyword"],
                        }
                    ],
                }
            ]
        }
    )

    query: str = Field(examples=["机器人 编程"])
    backend: str
    results: list[SearchHitPublic]


class FileCountPublic(BaseModel):
    file: str
    kind: str
    rows: int


class NoticePublic(BaseModel):
    """Something the import did not take in (an unknown column, …) or guessed; never blocking."""

    file: str
    code: str = Field(examples=["unknown_column", "no_description", "current_classes"])
    column: str | None = None
    rows: list[int] = []
    message: str


class ColumnUsePublic(BaseModel):
    """Which field a column (or 问卷星 question) of an uploaded file was read into."""

    file: str
    column: str
    field: str


class ImportPublic(BaseModel):
    """Same shape as `kehou import --json`: what landed, per kind."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "ok": True,
                    "dry_run": False,
                    "files": [{"file": "courses.csv", "kind": "courses", "rows": 12}],
                    "inserted": {"courses": 10},
                    "updated": {"courses": 2},
                    "total": 12,
                    "log_id": 7,
                }
            ]
        }
    )

    ok: bool = True
    dry_run: bool = False
    files: list[FileCountPublic]
    inserted: dict[str, int]
    updated: dict[str, int]
    total: int
    log_id: int | None = None
    replaced_id_less: int = Field(
        0, description="无编号问卷替换的旧行数 / earlier id-less survey rows replaced"
    )
    notes: list[str] = Field(default_factory=list, description="说明 / notes on the import")
    notices: list[NoticePublic] = []
    columns: list[ColumnUsePublic] = []


class SchoolPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "TY01",
                    "name": "天元区第一小学",
                    "district": "天元区",
                    "level": "小学",
                    "area": "城区",
                    "students": 1200,
                    "exempt_students": 30,
                    "after_school_slots": ["周一下午", "周三下午"],
                }
            ]
        }
    )

    id: str
    name: str
    district: str
    level: str
    area: str
    students: int
    exempt_students: int
    facilities: list[str] = Field(default_factory=list)
    teacher_strengths: list[str] = Field(default_factory=list)
    after_school_slots: list[str] = Field(default_factory=list)


class SurveySummaryPublic(BaseModel):
    """A school's survey data as aggregates only: never single answers."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "school_id": "TY01",
                    "semester": "2026秋",
                    "respondents": 142,
                    "by_respondent": {"家长": 87, "学生": 55},
                    "by_grade": {"1": 28, "2": 29},
                    "by_domain": {"体": 40, "美": 35},
                }
            ]
        }
    )

    school_id: str = Field(examples=["TY01"])
    semester: str | None = None
    respondents: int = Field(ge=0)
    by_respondent: dict[str, int]
    by_grade: dict[str, int]
    by_domain: dict[str, int]


class ProgrammePublic(BaseModel):
    """Same shape as `kehou recommend --json` (more keys allowed: timetable, profile, ...)."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "school_id": "TY01",
                    "signature": {"label": "体育", "item_ids": ["C012"]},
                    "items": [
                        {
                            "id": "C012",
                            "kind": "courses",
                            "score": 0.71,
                            "reasons": ["42 名学生家长提到足球"],
                        }
                    ],
                    "excluded": [{"id": "C901", "rule": "ACADEMIC", "reason": "学科类内容"}],
                    "cost": {"budget": 12000.0, "subsidy_needed": 800.0},
                }
            ]
        },
    )

    school_id: str = Field(examples=["TY01"])
    signature: dict[str, Any] | None = Field(
        description="一校一特色 / label, item_ids, score", examples=[{"label": "科技创新"}]
    )
    items: list[dict[str, Any]]
    excluded: list[dict[str, Any]]
    cost: dict[str, Any]


class AllocationCreate(BaseModel):
    """Optional overrides for one allocation run (bureau only)."""

    time_limit: float | None = Field(None, gt=0, le=600, examples=[20.0])
    semester: str | None = Field(None, max_length=40, examples=["2026秋"])


class AllocationPublic(BaseModel):
    """Same shape as `kehou allocate --json`: result, allocations, schools, fairness, titles."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "result": {"solver": "highs", "status": "optimal", "objective": 41.2},
                    "allocations": [
                        {"school_id": "TY01", "resource_id": "SP12", "day": "周二"},
                        {"school_id": "TY01", "resource_id": "SR03", "day": None},
                    ],
                    "schools": [
                        {"school_id": "TY01", "district": "天元区", "area": "城区", "activities": 2}
                    ],
                    "fairness": {
                        "served_share": 0.93,
                        "gini_per_student": 0.21,
                        "gini_over_time": 0.12,
                    },
                }
            ]
        },
    )

    result: dict[str, Any]
    allocations: list[dict[str, Any]]
    schools: list[dict[str, Any]]
    fairness: dict[str, Any]


class TokenPublic(BaseModel):
    """Who the calling token is (never the secret)."""

    id: int
    role: str = Field(examples=["planner"])
    school_id: str | None = Field(None, examples=["TY01"])
    label: str = ""
