"""The bureau's figures, from the programmes and the allocation: per school, per district and per
area (城区/县城/农村), activities per 1,000 students (counts alone say nothing about fairness
between a district of 3,000 students and one of 60,000), and which scarce resource goes to
which school on which afternoons, with positions for a map-like view.

The grouping is pandas (one groupby per table); the inputs are the JSON documents the batch
writes, so a resumed batch computes exactly what an uninterrupted one would.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from catalog import Kind, Record, School
from catalog._store import Store

Doc = Mapping[str, Any]
_SUMS = ["schools", "students", "participants", "fee_income", "exempt_waiver", "subsidy_needed",
         "activities", "served_schools"]  # fmt: skip


def school_rows(
    schools: Sequence[School], programmes: Mapping[str, Doc], allocation: Doc
) -> pd.DataFrame:
    """One row per school: signature, items, money and science activities."""
    activities = Counter(a["school_id"] for a in allocation.get("allocations", []))
    rows = []
    for s in schools:
        doc = programmes[s.id]
        cost = doc["cost"]
        rows.append({
            "id": s.id, "name": s.name, "district": s.district, "area": s.area.value,
            "students": s.students, "signature": (doc.get("signature") or {}).get("label", "—"),
            "item_count": len(doc["items"]), "participants": cost["participants"],
            "cost_per_student": cost["cost_per_student_semester"],
            "fee_income": cost["fee_income"], "exempt_waiver": cost["exempt_waiver"],
            "subsidy_needed": cost["subsidy_needed"], "activities": activities[s.id],
        })  # fmt: skip
    return pd.DataFrame(rows)


def group_rows(frame: pd.DataFrame, by: str) -> list[dict[str, Any]]:
    """Totals per district or area, with activities per 1,000 students and the share of
    schools with at least one science activity."""
    if frame.empty:
        return []
    work = frame.assign(schools=1, served_schools=(frame["activities"] > 0).astype(int))
    sums = work.groupby(by, sort=True)[_SUMS].sum()
    sums["per_1000"] = (1000 * sums["activities"] / sums["students"]).round(2)
    sums["served"] = (sums["served_schools"] / sums["schools"]).round(4)
    for col in ("fee_income", "exempt_waiver", "subsidy_needed"):
        sums[col] = sums[col].round(2)
    if by == "district":
        sums["signatures"] = work.groupby(by, sort=True)["signature"].agg(_signature_mix)
    out = sums.reset_index()
    records: list[dict[str, Any]] = [
        {str(k): _plain(v) for k, v in row.items()} for row in out.to_dict(orient="records")
    ]
    return records


def _signature_mix(labels: pd.Series) -> str:
    counts = labels.value_counts()
    return "、".join(f"{k}×{counts[k]}" for k in sorted(counts.index))


def _plain(value: Any) -> Any:
    """numpy scalars → Python numbers, so the JSON and the templates see plain values."""
    return value.item() if hasattr(value, "item") else value


def _days(school: School | None, resource: Record | None) -> str:
    """The afternoons both sides are free; a resource without set times comes in the school's."""
    mine = list(getattr(school, "after_school_slots", []) or [])
    theirs = list(getattr(resource, "available_slots", []) or [])
    if theirs:
        shared = [s for s in theirs if s in mine] if mine else theirs
        return "、".join(shared) or "、".join(theirs)
    return "、".join(mine) + "（按学校课后时段预约）" if mine else "按约定"


def given_rows(
    allocation: Doc, schools: Sequence[School], resources: Mapping[str, Record]
) -> list[dict[str, Any]]:
    """Which resource goes to which school and on which days, ordered by resource then school."""
    by_id = {s.id: s for s in schools}
    titles = allocation.get("titles", {})
    rows = []
    for a in allocation.get("allocations", []):
        school, rid = by_id.get(a["school_id"]), a["resource_id"]
        rows.append({
            "resource_id": rid, "resource": titles.get(rid, rid),
            "school_id": a["school_id"], "school": school.name if school else a["school_id"],
            "district": school.district if school else "—",
            # the allocation's own afternoon for a specialist (one school per afternoon)
            "days": a.get("day") or _days(school, resources.get(rid)),
        })  # fmt: skip
    return sorted(rows, key=lambda r: (r["resource_id"], r["school_id"]))


def map_view(
    allocation: Doc, schools: Sequence[School], resources: Mapping[str, Record]
) -> dict[str, Any]:
    """Schools (dots) and resources (squares) placed by longitude/latitude in a 0–100 box, with a
    line for every allocated pair: a map-like view that needs no map tiles."""
    points = [(s.lat, s.lon) for s in schools]
    points += [_where(r) for r in resources.values() if _located(r)]
    if not points:
        return {"schools": [], "resources": [], "lines": []}
    lat0, lat1 = min(p[0] for p in points), max(p[0] for p in points)
    lon0, lon1 = min(p[1] for p in points), max(p[1] for p in points)

    def xy(lat: float, lon: float) -> tuple[float, float]:
        x = 4 + 92 * (lon - lon0) / ((lon1 - lon0) or 1)
        y = 4 + 92 * (lat1 - lat) / ((lat1 - lat0) or 1)
        return round(x, 2), round(y, 2)

    where = {s.id: xy(s.lat, s.lon) for s in schools}
    used = {a["resource_id"] for a in allocation.get("allocations", [])}
    spots = {rid: xy(*_where(r)) for rid, r in resources.items() if rid in used and _located(r)}
    lines = [
        {"x1": spots[a["resource_id"]][0], "y1": spots[a["resource_id"]][1],
         "x2": where[a["school_id"]][0], "y2": where[a["school_id"]][1]}
        for a in allocation.get("allocations", [])
        if a["resource_id"] in spots and a["school_id"] in where
    ]  # fmt: skip
    return {
        "schools": [{"id": s.id, "name": s.name, "x": where[s.id][0], "y": where[s.id][1]}
                    for s in schools],
        "resources": [{"id": rid, "x": x, "y": y} for rid, (x, y) in sorted(spots.items())],
        "lines": lines,
    }  # fmt: skip


def _where(record: Record) -> tuple[float, float]:
    return float(getattr(record, "lat")), float(getattr(record, "lon"))  # noqa: B009


def _located(record: Record) -> bool:
    return getattr(record, "lat", None) is not None and getattr(record, "lon", None) is not None


def resource_records(store: Store) -> dict[str, Record]:
    """The specialists and science resources the allocation shares out, by id."""
    out: dict[str, Record] = {}
    for kind in (Kind.SPECIALIST, Kind.SCIENCE_RESOURCE):
        out.update({str(getattr(r, "id")): r for r in store.records(kind)})  # noqa: B009
    return out


def summary_data(
    schools: Sequence[School],
    programmes: Mapping[str, Doc],
    allocation: Doc,
    resources: Mapping[str, Record] | None = None,
) -> dict[str, Any]:
    """The bureau's figures: per school, per district and per area, fairness, who gets what."""
    frame = school_rows(schools, programmes, allocation)
    status = allocation.get("result", {}).get("status", "—")
    res = resources or {}
    return {
        "schools": [{k: _plain(v) for k, v in r.items()} for r in frame.to_dict("records")],
        "districts": group_rows(frame, "district"),
        "areas": group_rows(frame, "area"),
        "coverage": float((frame["item_count"] > 0).mean()) if len(frame) else 0.0,
        "fairness": allocation.get("fairness", {}),
        "allocation": {"status": status},
        "given": given_rows(allocation, schools, res),
        "map": map_view(allocation, schools, res),
    }
