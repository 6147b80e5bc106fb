"""`kehou enrol` end to end on the demo database: the JSON contract, the files, the refusals."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from api.cli import app
from catalog import Course, Kind, Settings, open_store

SCHOOL = "TY01"


def _programme(settings: Settings, folder: Path) -> tuple[Path, list[Course]]:
    """A small programme JSON of three demo courses open to grade 3 (what recommend writes)."""
    with open_store(settings) as store:
        courses = [
            c
            for c in store.records(Kind.COURSE)
            if isinstance(c, Course) and c.grades.contains(3) and c.fee_per_session <= 4
        ][:3]
    rows = [
        {"item_id": c.id, "title": c.title, "slot": slot, "sections": 1, "fee_per_session": 2.0}
        for c, slot in zip(courses, ("周一下午", "周一下午", "周三下午"), strict=True)
    ]
    path = folder / "programme.json"
    path.write_text(json.dumps({"school_id": SCHOOL, "timetable": rows}), encoding="utf-8")
    return path, courses


def _choices(folder: Path, courses: list[Course], n: int, *, bad: str = "") -> Path:
    lines = ["学号,年级,第一志愿,第二志愿,是否免费"]
    for i in range(n):
        first, second = courses[i % 2], courses[2]
        lines.append(f"X{i:03d},3,{first.id},{second.title},{'是' if i % 7 == 0 else '否'}")
    if bad:
        lines.append(bad)
    path = folder / "choices.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def _run(settings: Settings, *args: str) -> object:
    return CliRunner().invoke(app, ["enrol", "--school", SCHOOL, "--db", settings.db, *args])


def test_enrol_json_contract_seats_and_rosters(demo_db: Settings, tmp_path: Path) -> None:
    programme, courses = _programme(demo_db, tmp_path)
    choices = _choices(tmp_path, courses, 120)
    args = ["--choices", str(choices), "--programme", str(programme), "--seed", "7", "--json"]
    args += ["--min-choices", "2"]
    result = _run(demo_db, *args, "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    doc = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert {"school_id", "mechanism", "seed", "assignments", "unplaced", "stats"} <= set(doc)
    assert doc["school_id"] == SCHOOL and doc["seed"] == 7 and doc["mechanism"] == "optimal"
    for a in doc["assignments"]:
        assert {"student", "item_id", "slot", "start"} <= set(a)
    seats = {c.id: c.capacity for c in courses}
    enrolled = {row["item_id"]: row["enrolled"] for row in doc["sections"]}
    assert sum(enrolled.values()) == len(doc["assignments"])
    for item, n in Counter(a["item_id"] for a in doc["assignments"]).items():
        assert n <= seats[item]
    slots = Counter((a["student"], a["slot"]) for a in doc["assignments"])
    assert max(slots.values()) == 1  # one course per period
    again = json.loads(_run(demo_db, *args).stdout)  # type: ignore[attr-defined]
    assert again["assignments"] == doc["assignments"]
    book = load_workbook(tmp_path / "out" / f"{SCHOOL}_选课_名单_rosters.xlsx")
    cells = {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert "X000" in cells or "X000" in {u["student"] for u in doc["unplaced"]}
    assert not any("免" in v or "exempt" in v.lower() for v in cells)


def test_bad_choices_are_refused_with_row_and_column(demo_db: Settings, tmp_path: Path) -> None:
    programme, courses = _programme(demo_db, tmp_path)
    choices = _choices(tmp_path, courses, 5, bad="X001,3,钢琴十级,,否")
    out = tmp_path / "out"
    result = _run(
        demo_db, "--choices", str(choices), "--programme", str(programme), "--out", str(out)
    )
    assert result.exit_code == 1
    text = result.output.replace("\n", "")  # type: ignore[attr-defined]
    assert "第7行" in text and "第一志愿" in text and "钢琴十级" in text  # unknown course
    assert "duplicate student" in text and "row 3" in text
    assert not out.exists()  # nothing written


def test_unknown_mechanism_is_a_usage_error(demo_db: Settings, tmp_path: Path) -> None:
    programme, courses = _programme(demo_db, tmp_path)
    choices = _choices(tmp_path, courses, 3)
    result = _run(
        demo_db, "--choices", str(choices), "--programme", str(programme), "--mechanism", "抢课"
    )
    assert result.exit_code == 2
