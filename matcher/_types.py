"""Result types of the matcher: frozen, explicit, JSON-friendly (no loose dicts)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

from matcher._room_needs import ANY_ROOM, RoomNeed

if TYPE_CHECKING:
    from catalog import FeeCaps, School


@dataclass(frozen=True)
class ScoredItem:
    """A catalogue item that passed every hard rule for one school, with its score and reasons.

    `staff` names who runs it (本校教师 or the outside provider); `staff_fee_per_session` is what
    the school pays that person per session (0 for its own teachers' regular duty).
    """

    id: str
    kind: str
    title: str
    domains: tuple[str, ...]
    score: float
    reasons: tuple[str, ...]
    theme: str | None = None
    theme_respondents: int = 0
    feature: str | None = None
    fee_per_session: float = 0.0
    session_minutes: int = 45
    capacity: int = 30
    available_slots: tuple[str, ...] = ()
    provider_id: str | None = None
    staff: str = "本校教师"
    staff_fee_per_session: float = 0.0
    distance_km: float | None = None
    found_by: tuple[str, ...] = ()
    terms: dict[str, float] = field(default_factory=dict)
    #: structured reasons (kind, wish, respondents, evidence, similarity): matcher._reasons
    reason_details: tuple[Any, ...] = ()
    similarity: float = 0.0  # the match to the cited wish (or the best query) in [0, 1]
    interest: str | None = None  # the vocabulary interest it is mostly about (釉下五彩瓷)
    grades: tuple[int, int] = (1, 12)
    room: RoomNeed = ANY_ROOM
    person_id: str | None = None
    visits: int = 0

    @property
    def catalogue_key(self) -> str:
        """The catalogue record behind the item (a proposed new course: its specialist)."""
        if self.kind == "proposed_course" and self.provider_id:
            return f"specialists/{self.provider_id}"
        return f"{self.kind}/{self.id}"


@dataclass(frozen=True)
class Exclusion:
    """An item the rules kept out, and why: the planner can always see what was excluded."""

    id: str
    kind: str
    title: str
    rule: str
    reason: str


@dataclass(frozen=True)
class SignatureChoice:
    """A candidate 一校一特色 and the three numbers behind its score."""

    key: str
    label: str
    score: float
    demand: float
    strength: float
    uniqueness: float
    item_ids: tuple[str, ...]
    category: str = ""  # the broad category (体育, 科技, 非遗与本土文化...): secondary to label
    lead: str | None = None  # the item (a person's course, a person, a resource) that leads it


@dataclass(frozen=True)
class TimetableEntry:
    """One section on one school day: when (clock times), where, who, how many students.

    `item_id` is None for homework guidance, reading/play (grades 1–2) and supervised
    self-study, which carry their `kind` instead; `kind` is "activity" or "event" otherwise.
    """

    slot: str
    item_id: str | None
    title: str
    domain: str
    sections: int
    expected_students: int
    fee_per_session: float
    staff: str
    start: str = ""
    end: str = ""
    room: str = ""
    kind: str = "activity"
    band: str = ""
    period: int = 1
    #: students actually enrolled (选课), set by `apply_enrolment`; None = an estimate
    enrolled_students: int | None = None


@dataclass(frozen=True)
class UnmetDemand:
    """Students who asked for a topic and got self-study instead, and the constraint that binds."""

    topic: str
    item_id: str
    wanted: int
    placed: int
    reason: str


@dataclass(frozen=True)
class Costs:
    """A semester's money for one school, in yuan. Exempt students attend free (the waiver)."""

    weeks: int
    participants: int
    paying_participants: int
    cost_per_student_semester: float
    fee_income: float
    exempt_waiver: float
    staff_cost: float
    equipment_cost: float
    budget: float
    staff_share: float
    subsidy_needed: float
    fee_per_period: float = 0.0
    periods_per_day: int = 0
    days_per_week: int = 5
    fee_per_student_semester: float = 0.0
    waiver_per_exempt_student: float = 0.0
    fees_due: float = 0.0
    planned_staff_cost: float = 0.0
    equipment_share: float = 0.0


@dataclass(frozen=True)
class PlanContext:
    """What a programme was planned from, kept so that it can be replanned on its own.

    `candidates` is the scored pool the portfolio was drawn from (every item passed the hard
    rules for this school); `config` is the run's RecommendConfig; `shared` maps a candidate
    taught by an outside specialist to (specialist id, max_schools). Never part of the JSON.
    """

    school: School
    candidates: tuple[ScoredItem, ...]
    config: Any
    fee_caps: FeeCaps
    profile: Any = None
    shared: dict[str, tuple[str, int]] = field(default_factory=dict)
    timetable: Any = None
    chosen: tuple[str, ...] = ()  # the ids handed to the timetable, placed or not


@dataclass(frozen=True)
class Programme:
    """A school's proposed programme: signature, weekly plan, staffing, costs, exclusions.

    `context` keeps the school, candidate pool and config, so `matcher.replan` needs nothing else.
    """

    school_id: str
    signature: SignatureChoice | None
    alternatives: tuple[SignatureChoice, ...]
    items: tuple[ScoredItem, ...]
    timetable: tuple[TimetableEntry, ...]
    homework_minutes: int
    domains_covered: tuple[str, ...]
    domains_without_demand: tuple[str, ...]
    costs: Costs
    excluded: tuple[Exclusion, ...] = ()
    warnings: tuple[str, ...] = ()
    semester: str | None = None
    unmet_demand: tuple[UnmetDemand, ...] = ()
    context: PlanContext | None = field(default=None, compare=False, repr=False)
    #: exclusions that answer no survey wish, counted by rule code (not listed one by one)
    excluded_counts: dict[str, int] = field(default_factory=dict)
    #: class sizes and costs come from a 选课 result (`apply_enrolment`), not estimates
    enrolled: bool = False
    #: where last semester's programme was continued (matcher._continuity.Continuity)
    continuity: Any = None


def programme_json(programme: Programme, profile: object | None = None) -> dict[str, Any]:
    """The JSON shape scripts read (docs/design.md): school_id, signature, items, excluded, cost.

    `signature` carries label and item_ids; `cost` is the semester budget. More keys are added
    freely (alternatives, timetable, warnings, and the aggregated profile when known).
    """
    doc = asdict(replace(programme, context=None))
    doc.pop("context", None)
    doc["cost"] = doc.pop("costs")
    if doc.get("continuity") is None:
        doc.pop("continuity", None)  # a first semester: no block
    if not programme.enrolled:  # an estimated programme's JSON stays as it always was
        doc.pop("enrolled", None)
        for row in doc["timetable"]:
            row.pop("enrolled_students", None)
    if profile is None and programme.context is not None:
        profile = programme.context.profile
    if profile is not None:
        doc["profile"] = asdict(profile)  # type: ignore[call-overload]
    return doc
