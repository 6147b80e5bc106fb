"""Per-school reports (HTML with bar charts, XLSX) and the bureau's semester summary.

Everything is rendered from the programme and allocation JSON documents, not from live
objects, so a resumed batch renders exactly what an uninterrupted one would. Charts are CSS bars:
no image files, no fonts, nothing to download, and the same bytes every time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from openpyxl import Workbook

from api.reports._files import xlsx_bytes
from catalog import School
from matcher import week_grid

_ENV = Environment(
    loader=PackageLoader("api.reports", "templates"),
    autoescape=select_autoescape(["html", "j2"]),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)
Doc = Mapping[str, Any]


def school_html(school: School, doc: Doc, semester: str) -> str:
    """One school's programme as a page a planner can read and print."""
    profile = doc.get("profile", {})
    return _ENV.get_template("school.html.j2").render(
        school=school,
        p=doc,
        profile=profile,
        semester=semester,
        themes=[(t["label"], t["respondents"]) for t in profile.get("themes", [])],
        domains=[(d, round(100 * v, 1)) for d, v in profile.get("domain_share", {}).items()],
        needs=list(profile.get("needs", {}).items()),
        grid=week_grid(doc.get("timetable", [])),
    )


def _sheet(wb: Workbook, title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    ws = wb.create_sheet(title)
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))


def school_xlsx(doc: Doc) -> bytes:
    """The programme as a workbook: items, timetable, costs, exclusions."""
    wb = Workbook()
    wb.remove(wb.active)
    items = [
        [
            i["id"],
            i["title"],
            "".join(i["domains"]),
            i["staff"],
            i["score"],
            "；".join(i["reasons"]),
        ]
        for i in doc["items"]
    ]
    _sheet(wb, "推荐项目", ["编号", "名称", "五育", "授课", "得分", "理由"], items)
    grid = week_grid(doc["timetable"])
    cells = [[f"{p['start']}-{p['end']}", *map("\n".join, p["cells"])] for p in grid["periods"]]
    _sheet(wb, "课表", ["时间", *grid["days"]], cells)
    head = ["星期", "开始", "结束", "教室", "项目", "五育", "班数", "预计人数", "每次收费", "授课"]
    _sheet(wb, "每周安排", head, [
        [e["slot"], e.get("start", ""), e.get("end", ""), e.get("room", ""), e["title"],
         e["domain"], e["sections"], e["expected_students"], e["fee_per_session"], e["staff"]]
        for e in doc["timetable"]
    ])  # fmt: skip
    _sheet(wb, "费用", ["项目", "金额"], [[k, v] for k, v in doc["cost"].items()])
    _sheet(wb, "排除", ["编号", "名称", "规则", "原因"], [
        [x["id"], x["title"], x["rule"], x["reason"]] for x in doc["excluded"]
    ])  # fmt: skip
    return xlsx_bytes(wb)


def summary_data(
    schools: Sequence[School], programmes: Mapping[str, Doc], allocation: Doc
) -> dict[str, Any]:
    """The bureau's figures: per school, and per district (fees, subsidy, coverage, fairness)."""
    activities = Counter(a["school_id"] for a in allocation.get("allocations", []))
    rows = []
    for s in schools:
        doc = programmes[s.id]
        sig = doc.get("signature") or {}
        rows.append({
            "id": s.id, "name": s.name, "district": s.district, "area": s.area.value,
            "signature": sig.get("label", "—"), "item_count": len(doc["items"]),
            "cost_per_student": doc["cost"]["cost_per_student_semester"],
            "subsidy_needed": doc["cost"]["subsidy_needed"], "activities": activities[s.id],
            "cost": doc["cost"],
        })  # fmt: skip
    return {
        "schools": rows,
        "districts": _districts(rows),
        "coverage": sum(r["item_count"] > 0 for r in rows) / max(1, len(rows)),
        "fairness": allocation.get("fairness", {}),
        "allocation": {"status": allocation.get("result", {}).get("status", "—")},
    }


def _districts(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for district in sorted({r["district"] for r in rows}):
        mine = [r for r in rows if r["district"] == district]
        signatures = Counter(r["signature"] for r in mine)
        out.append({
            "district": district, "schools": len(mine),
            "signatures": "、".join(f"{k}×{v}" for k, v in sorted(signatures.items())),
            "participants": sum(r["cost"]["participants"] for r in mine),
            "fee_income": round(sum(r["cost"]["fee_income"] for r in mine), 2),
            "exempt_waiver": round(sum(r["cost"]["exempt_waiver"] for r in mine), 2),
            "subsidy_needed": round(sum(r["cost"]["subsidy_needed"] for r in mine), 2),
            "activities": sum(r["activities"] for r in mine),
            "served": sum(r["activities"] > 0 for r in mine) / len(mine),
        })  # fmt: skip
    return out


def summary_html(data: Doc, semester: str) -> str:
    return _ENV.get_template("summary.html.j2").render(semester=semester, **data)


def summary_xlsx(data: Doc) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    keys = ["district", "schools", "signatures", "participants", "fee_income", "exempt_waiver",
            "subsidy_needed", "activities", "served"]  # fmt: skip
    _sheet(wb, "区县汇总", keys, [[d[k] for k in keys] for d in data["districts"]])
    cols = ["id", "name", "district", "area", "signature", "item_count", "cost_per_student",
            "subsidy_needed", "activities"]  # fmt: skip
    _sheet(wb, "学校", cols, [[s[k] for k in cols] for s in data["schools"]])
    return xlsx_bytes(wb)
