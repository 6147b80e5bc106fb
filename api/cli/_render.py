"""Rich rendering of a programme for the terminal (stderr), shared by recommend and batch."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from api._display import percent, readable_reasons, rule_label, score_word, yuan

if TYPE_CHECKING:
    from matcher import Programme


def print_programme(console: Console, programme: Programme, school_name: str) -> None:
    """The planner's view: signature, items with reasons, timetable, money, exclusions."""
    sig = programme.signature
    console.rule(f"[bold]{school_name}（{programme.school_id}）课后服务方案")
    if sig is not None:
        alts = "、".join(a.label for a in programme.alternatives)
        console.print(f"一校一特色：[bold]{sig.label}[/]（备选：{alts or '无'}）")
    items = Table(title="推荐项目 / items", show_lines=False)
    for col in ("编号", "名称", "五育", "匹配度", "理由"):
        items.add_column(col, overflow="fold")
    top = max((i.score for i in programme.items), default=1.0)
    for i in programme.items:
        reasons = "；".join(readable_reasons(i.reasons))
        items.add_row(i.id, i.title, "".join(i.domains), score_word(i.score, top), reasons)
    console.print(items)
    week = Table(title=f"每周安排（每天先 {programme.homework_minutes} 分钟作业辅导）/ weekly plan")
    for col in ("时段", "项目", "班数", "预计人数", "每次收费", "授课"):
        week.add_column(col, overflow="fold")
    for e in programme.timetable:
        week.add_row(
            e.slot,
            e.title,
            str(e.sections),
            str(e.expected_students),
            yuan(e.fee_per_session),
            e.staff,
        )
    console.print(week)
    c = programme.costs
    console.print(
        f"每生每学期 {yuan(c.cost_per_student_semester)}；收费收入 {yuan(c.fee_income)}；"
        f"免费学生减免 {yuan(c.exempt_waiver)}；"
        f"人员 {yuan(c.staff_cost)}（{percent(c.staff_share)}），"
        f"设备 {yuan(c.equipment_cost)}；需财政补助 {yuan(c.subsidy_needed)}"
    )
    if programme.excluded:
        ex = Table(title="被规则排除 / excluded by the rules")
        for col in ("编号", "名称", "规则", "原因"):
            ex.add_column(col, overflow="fold")
        for x in programme.excluded:
            ex.add_row(x.id, x.title, rule_label(x.rule), x.reason)
        console.print(ex)
    if programme.excluded_counts:
        rest = "、".join(f"{rule} {n}" for rule, n in programme.excluded_counts.items())
        console.print(f"其余被排除的项目（按规则计数）/ the other exclusions, by rule：{rest}")
    for w in programme.warnings:
        console.print(f"[yellow]提示 / note:[/] {w}")
