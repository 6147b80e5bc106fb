"""Each family's fee statement and the school's public fee notice (收费公示) after 选课.

Families pay per 课时 attended: a course's fee_per_session each week it meets, for the
semester's weeks; exempt students (families in economic difficulty) pay 0, and their waiver is
what they would have paid. Homework guidance (the "1" of 1+X) is not charged here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from catalog import FeeCaps
from matcher.enrolment._enrol import Enrolment
from matcher.enrolment._model import Offering


@dataclass(frozen=True)
class FeeLine:
    """One course on a student's weekly timetable."""

    item_id: str
    title: str
    slot: str
    start: str | None
    section: int
    fee_per_session: float


@dataclass(frozen=True)
class FeeStatement:
    """What one family pays this semester (exempt: 0, with the waiver shown to them alone)."""

    student: str
    lines: tuple[FeeLine, ...]
    weekly: float
    weeks: int
    semester_total: float
    due: float
    waived: float


def fee_statements(run: Enrolment, weeks: int) -> list[FeeStatement]:
    """One statement per student in file order (unplaced students owe nothing)."""
    inst = run.instance
    out = []
    for s, held in enumerate(run.held()):
        lines = []
        for p in held:
            o = inst.offerings[p.offering]
            lines.append(FeeLine(o.item_id, o.title, o.slot, o.start, p.section, o.fee_per_session))
        lines.sort(key=lambda line: (line.slot, line.start or ""))
        weekly = round(sum(line.fee_per_session for line in lines), 2)
        total = round(weekly * weeks, 2)
        exempt = inst.students[s].exempt
        student = inst.students[s]
        out.append(
            FeeStatement(
                student.code or student.key,
                tuple(lines),
                weekly,
                weeks,
                total,
                0.0 if exempt else total,
                total if exempt else 0.0,
            )
        )
    return out


def fee_notice(offerings: Sequence[Offering], caps: FeeCaps, weeks: int) -> list[str]:
    """收费公示: the caps, each course's fee per 课时, the weeks and the exemption policy."""
    lines = [
        "课后服务收费公示 / public fee notice",
        f"收费标准：每生每课时不超过 {caps.yuan_per_session_hour:g} 元（一课时按 "
        f"{caps.session_hour_minutes} 分钟计），每生每天不超过 {caps.yuan_per_day:g} 元。",
        f"本学期按 {weeks} 周计，按实际参加的课时收费；作业辅导不另收费。",
        "家庭经济困难学生免费参加（由学校按规定认定，名单不公开）。",
        "收费收入的 80%–90% 用于参与服务人员的劳务报酬，10%–20% 用于设备耗材，不以营利为目的。",
        "",
        "课程 / course\t时段 / when\t每次（元）/ per session\t学期（元）/ semester",
    ]
    seen: set[str] = set()
    for o in offerings:
        if o.item_id in seen:
            continue
        seen.add(o.item_id)
        when = o.slot + (f" {o.start}" if o.start else "")
        fee = o.fee_per_session
        lines.append(f"{o.title}（{o.item_id}）\t{when}\t{fee:.2f}\t{fee * weeks:.2f}")
    return lines
