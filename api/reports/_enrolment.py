"""选课 reports a school keeps: rosters, waitlists and unplaced (XLSX), family fee statements
(XLSX), the public fee notice (收费公示, text) and the enrolment JSON. Rosters carry the school's
own student codes and never exempt status; files are written atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

from api.reports._files import write_bytes_atomic, write_json_atomic, write_text_atomic, xlsx_bytes
from catalog import School, Settings, add_table
from matcher import PlanConfig
from matcher.enrolment import Enrolment, fee_notice, fee_statements


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list[Any]]) -> None:
    """Through the one XLSX table writer: formulas escaped, widths, frozen header, print setup."""
    add_table(wb, title, header, rows)


def rosters_xlsx(run: Enrolment, doc: dict[str, Any]) -> bytes:
    """名单 (per section), 候补 (waitlists in lottery order), 未录取 (with the reason)."""
    wb = Workbook()
    if wb.active is not None:
        wb.remove(wb.active)
    students = run.instance.students
    roster = [
        [
            a["item_id"],
            a["title"],
            a["slot"],
            a["start"] or "",
            a["section"],
            a["student"],
            a["rank"],
        ]
        for a in doc["assignments"]
    ]
    grade = {s.code or s.key: s.grade for s in students}
    for row in roster:
        row.insert(6, grade.get(row[5], ""))
    _sheet(
        wb,
        "名单 rosters",
        ["课程编号", "课程", "时段", "开始", "班", "学生编号", "年级", "志愿序"],
        roster,
    )
    waits = [
        [item, order, student]
        for item, queue in doc["waitlists"].items()
        for order, student in enumerate(queue, start=1)
    ]
    _sheet(wb, "候补 waitlists", ["课程编号", "候补顺序（抽签）", "学生编号"], waits)
    unplaced = [[u["student"], u["reason"]] for u in doc["unplaced"]]
    _sheet(wb, "未录取 unplaced", ["学生编号", "原因 / reason"], unplaced)
    return xlsx_bytes(wb)


def fees_xlsx(run: Enrolment, weeks: int) -> bytes:
    """每生收费单: one row per course a student attends, then the semester total and what is due."""
    wb = Workbook()
    if wb.active is not None:
        wb.remove(wb.active)
    rows: list[list[Any]] = []
    for st in fee_statements(run, weeks):
        for line in st.lines:
            when = line.slot + (f" {line.start}" if line.start else "")
            rows.append([st.student, line.title, when, line.fee_per_session, "", "", ""])
        rows.append([st.student, "合计 total", "", st.weekly, st.semester_total, st.due, st.waived])
    header = ["学生编号", "课程", "时间", "每周（元）", "学期（元）", "应缴（元）", "减免（元）"]
    _sheet(wb, "收费单 fees", header, rows)
    return xlsx_bytes(wb)


def write_enrolment_reports(
    out: Path, run: Enrolment, doc: dict[str, Any], school: School, settings: Settings
) -> list[Path]:
    """Write the school's 选课 files into `out`; return their paths."""
    weeks = PlanConfig().weeks_per_semester
    base = out / f"{school.id}_选课"
    paths = [
        base.with_name(base.name + "_enrolment.json"),
        base.with_name(base.name + "_名单_rosters.xlsx"),
        base.with_name(base.name + "_收费单_fees.xlsx"),
        base.with_name(base.name + "_收费公示_fee_notice.txt"),
    ]
    write_json_atomic(paths[0], doc)
    write_bytes_atomic(paths[1], rosters_xlsx(run, doc))
    write_bytes_atomic(paths[2], fees_xlsx(run, weeks))
    notice = [school.name, *fee_notice(run.instance.offerings, settings.fee_caps, weeks)]
    write_text_atomic(paths[3], "\n".join(notice) + "\n")
    return paths
