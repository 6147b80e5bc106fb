"""Per-school reports (HTML with bar charts, XLSX) and the bureau's semester summary.

Everything is rendered from the programme and allocation JSON documents, not from live
objects, so a resumed batch renders exactly what an uninterrupted one would. Charts are CSS bars:
no image files, no fonts, nothing to download. The school report is what a principal prints,
signs and posts: semester, date, school, an A4 print stylesheet, and lines for the principal's
signature, the school's seal (公章), the parents' committee (家委会) and the public notice (公示).
Every label, amount and rule name goes through api._display; every workbook through
catalog's XLSX helper (formula escaping, Chinese headers, widths, frozen header, print setup).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from openpyxl import Workbook

from api._display import (
    JINJA_FILTERS,
    column_label,
    percent,
    readable_reasons,
    rule_label,
    score_word,
    status_label,
    top_score,
)
from catalog import School, add_table, xlsx_bytes

_ENV = Environment(
    loader=PackageLoader("api.reports", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)
_ENV.filters.update(JINJA_FILTERS)
Doc = Mapping[str, Any]

#: What the cost sheet shows, in the order a budget is read.
COST_LABELS: dict[str, str] = {
    "weeks": "周数",
    "participants": "参加学生（人）",
    "paying_participants": "付费学生（人）",
    "cost_per_student_semester": "每生每学期（元）",
    "fee_income": "收费收入（元）",
    "exempt_waiver": "免费学生减免（元）",
    "staff_cost": "人员费用（元）",
    "staff_share": "人员费用占比",
    "equipment_cost": "设备耗材（元）",
    "budget": "总预算（元）",
    "subsidy_needed": "需财政补助（元）",
}


def school_html(school: School, doc: Doc, semester: str, date: str = "") -> str:
    """One school's programme as a page a planner reads and a principal prints and signs."""
    profile = doc.get("profile", {})
    return _ENV.get_template("school.html.j2").render(
        school=school,
        p=doc,
        profile=profile,
        semester=semester,
        date=date,
        top=top_score(doc["items"]),
        themes=[(t["label"], t["respondents"]) for t in profile.get("themes", [])],
        domains=[(d, round(100 * v, 1)) for d, v in profile.get("domain_share", {}).items()],
        needs=list(profile.get("needs", {}).items()),
    )


def school_xlsx(doc: Doc) -> bytes:
    """The programme as a workbook: items, timetable, costs, exclusions."""
    wb = Workbook()
    wb.remove(wb.active)
    top = top_score(doc["items"])
    items = [
        [i["id"], i["title"], "".join(i["domains"]), i["staff"], score_word(i["score"], top),
         "；".join(readable_reasons(i["reasons"]))]
        for i in doc["items"]
    ]  # fmt: skip
    add_table(wb, "推荐项目", ["编号", "名称", "五育", "授课", "匹配度", "理由"], items)
    week = ["时段", "项目", "五育", "班数", "预计人数", "每次收费（元）", "授课"]
    add_table(wb, "每周安排", week, [
        [e["slot"], e["title"], e["domain"], e["sections"], e["expected_students"],
         e["fee_per_session"], e["staff"]]
        for e in doc["timetable"]
    ])  # fmt: skip
    cost = doc["cost"]
    add_table(wb, "费用", ["项目", "金额"], [
        [label, percent(cost[k]) if k == "staff_share" else cost[k]]
        for k, label in COST_LABELS.items() if k in cost
    ])  # fmt: skip
    add_table(wb, "排除", ["编号", "名称", "规则", "原因"], [
        [x["id"], x["title"], rule_label(x["rule"]), x["reason"]] for x in doc["excluded"]
    ])  # fmt: skip
    return xlsx_bytes(wb)


def summary_html(data: Doc, semester: str, date: str = "") -> str:
    return _ENV.get_template("summary.html.j2").render(semester=semester, date=date, **data)


_DISTRICT_COLS = ["district", "schools", "students", "signatures", "participants",
                  "fee_income", "exempt_waiver", "subsidy_needed", "activities", "per_1000",
                  "served"]  # fmt: skip
_AREA_COLS = ["area", "schools", "students", "participants", "subsidy_needed", "activities",
              "per_1000", "served"]  # fmt: skip
_SCHOOL_COLS = ["id", "name", "district", "area", "students", "signature", "item_count",
                "cost_per_student", "subsidy_needed", "activities"]  # fmt: skip


def _cells(row: Mapping[str, Any], cols: list[str]) -> list[Any]:
    return [percent(row[k]) if k == "served" else row[k] for k in cols]


def summary_xlsx(data: Doc) -> bytes:
    """The bureau's workbook: districts, areas, schools, and who gets which resource when."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, cols, rows in (
        ("区县汇总", _DISTRICT_COLS, data["districts"]),
        ("城乡汇总", _AREA_COLS, data.get("areas", [])),
        ("学校", _SCHOOL_COLS, data["schools"]),
    ):
        add_table(wb, title, [column_label(k) for k in cols], [_cells(r, cols) for r in rows])
    add_table(wb, "资源去向", ["资源", "资源编号", "学校", "学校编号", "区县", "日期"], [
        [g["resource"], g["resource_id"], g["school"], g["school_id"], g["district"], g["days"]]
        for g in data.get("given", [])
    ])  # fmt: skip
    status = data.get("allocation", {}).get("status")
    add_table(wb, "说明", ["项目", "内容"], [
        ["分配结果", status_label(status)],
        ["获得服务的学校占比", percent(data.get("fairness", {}).get("served_share"))],
        ["有推荐方案的学校占比", percent(data.get("coverage"))],
        ["说明", "金额单位：元；每千名学生活动数 = 科普活动次数 ÷ 学生数 × 1000"],
    ])  # fmt: skip
    return xlsx_bytes(wb)
