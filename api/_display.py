"""What a person reads: one place for Chinese labels (rule codes, solver status, report
columns) and number formatting (amounts, scores), used by the HTML reports, the web pages,
the XLSX exports and the CLI's readable output.

Codes stay in `--json` and the API (scripts read them); these helpers only make the text a
planner, a principal or the bureau reads. Retrieval provenance (检索来源) is kept out of the
readable reasons: it explains the search, not the choice, and lives in the JSON.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from catalog import RuleCode

#: How an allocation solve ended, as the bureau reads it.
STATUS_LABELS: dict[str, str] = {
    "optimal": "最优",
    "feasible": "可行",
    "infeasible": "无解",
    "time_limit": "超时未得解",
    "unknown": "未知",
}

#: Report and export column names: every key a table shows, in Chinese.
COLUMN_LABELS: dict[str, str] = {
    "id": "编号",
    "name": "学校",
    "title": "名称",
    "district": "区县",
    "area": "城乡",
    "level": "学段",
    "schools": "学校数",
    "students": "学生数",
    "signature": "特色",
    "signatures": "特色分布",
    "item_count": "项目数",
    "participants": "参加学生",
    "paying_participants": "付费学生",
    "weeks": "周数",
    "fee_income": "收费收入（元）",
    "exempt_waiver": "免费减免（元）",
    "staff_cost": "人员费用（元）",
    "staff_share": "人员费用占比",
    "equipment_cost": "设备耗材（元）",
    "subsidy_needed": "需财政补助（元）",
    "cost_per_student": "每生每学期（元）",
    "cost_per_student_semester": "每生每学期（元）",
    "sessions_per_week": "每周课次",
    "activities": "科普活动",
    "per_1000": "每千名学生活动数",
    "served": "获得服务的学校占比",
    "resource": "资源",
    "school": "学校",
    "days": "日期",
    "provider": "提供方",
}

#: Catalogue kinds as a person names them.
KIND_LABELS: dict[str, str] = {
    "courses": "课程",
    "specialists": "校外人员",
    "science_resources": "科普资源",
    "institutions": "培训机构",
    "schools": "学校",
    "surveys": "问卷",
    "rooms": "场地",
}

_PROVENANCE = "检索来源："


def report_date(day: datetime.date | None = None) -> str:
    """A date as a principal writes it on a report: 2026年9月1日."""
    day = day or datetime.date.today()
    return f"{day.year}年{day.month}月{day.day}日"


def rule_label(code: str) -> str:
    """`FEE_OVER_CAP` → 超过收费上限; several codes joined by 、 are split and deduplicated."""
    return "、".join(rule_labels(code.replace(",", "、").split("、")))


def rule_labels(codes: Iterable[str]) -> list[str]:
    """Chinese names of rule codes, each once, in first-seen order; unknown codes kept as is."""
    out: list[str] = []
    for raw in codes:
        code = raw.strip()
        if not code:
            continue
        label = RuleCode(code).message if code in RuleCode.__members__ else code
        if label not in out:
            out.append(label)
    return out


def status_label(status: str | None) -> str:
    """`optimal` → 最优; anything unknown is shown as it came."""
    if not status:
        return "—"
    return STATUS_LABELS.get(str(status), str(status))


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(str(kind), str(kind))


def column_label(key: str) -> str:
    return COLUMN_LABELS.get(key, key)


def amount(value: float | int | None) -> str:
    """Thousands separators and at most two decimals: 428525.0 → 428,525; 25579.614 →
    25,579.61; 4.5 → 4.50 (money is shown to the fen or as whole yuan)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    cents = round(float(value) * 100)
    if cents % 100 == 0:
        return f"{cents // 100:,}"
    return f"{cents / 100:,.2f}"


def yuan(value: float | int | None) -> str:
    """An amount with its unit: 428,525 元."""
    text = amount(value)
    return text if text == "—" else f"{text} 元"


def count(value: float | int | None) -> str:
    """A head count or number of things with thousands separators: 6,224."""
    return "—" if value is None else f"{round(float(value)):,}"


def percent(share: float | None, digits: int = 1) -> str:
    """0.357 → 35.7%."""
    return "—" if share is None else f"{100 * float(share):.{digits}f}%"


def score_word(score: float | None, top: float = 1.0) -> str:
    """A score as a word a planner reads (relative to the best in its list when `top` is
    given): 很高 / 较高 / 一般 / 较低."""
    if score is None:
        return "—"
    ratio = float(score) / top if top > 0 else 0.0
    if ratio >= 0.85:
        return "很高"
    if ratio >= 0.65:
        return "较高"
    if ratio >= 0.4:
        return "一般"
    return "较低"


def score_width(score: float | None, top: float) -> float:
    """A score's bar width in percent of the best score in its list (for the CSS bars)."""
    if not score or top <= 0:
        return 0.0
    return round(max(0.0, min(100.0, 100 * float(score) / top)), 1)


def readable_reasons(reasons: Sequence[str]) -> list[str]:
    """The reasons a person reads: retrieval provenance is left to `--json`."""
    return [r for r in reasons if not r.startswith(_PROVENANCE)]


def top_score(items: Iterable[Mapping[str, Any]], key: str = "score") -> float:
    return max((float(i.get(key) or 0.0) for i in items), default=0.0)


def label_programme(doc: dict[str, Any]) -> dict[str, Any]:
    """Add Chinese labels beside the codes in a programme's JSON (`rule_label` on every
    exclusion); the codes themselves stay as they are."""
    for x in doc.get("excluded", []):
        x["rule_label"] = rule_label(str(x.get("rule", "")))
    return doc


def label_allocation(doc: dict[str, Any]) -> dict[str, Any]:
    """Add `status_label` (最优/可行/无解…) beside the solver's `status` code."""
    result = doc.get("result")
    if isinstance(result, dict) and "status" in result:
        result["status_label"] = status_label(result["status"])
    return doc


JINJA_FILTERS = {
    "amount": amount,
    "yuan": yuan,
    "count": count,
    "percent": percent,
    "rule_label": rule_label,
    "rule_labels": rule_labels,
    "status_label": status_label,
    "score_word": score_word,
    "score_width": score_width,
    "readable": readable_reasons,
    "column_label": column_label,
    "kind_label": kind_label,
}
