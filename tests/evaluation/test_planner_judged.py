"""Planner judgments: grades 1-3 in the loader, the assembler (owners, round trip, bad grades
named by file and row) and the agreement figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation import (
    JudgedSetError,
    agreement,
    collect,
    expand_relevant,
    load_judged,
    planner_csv,
    planner_note,
    read_grades,
)

ROWS = [
    {"id": "r01", "split": "dev", "school_id": "CL01", "themes": "dance、pottery"},
    {"id": "r16", "split": "heldout", "school_id": "LS05", "themes": "aero"},
]
SHEETS = {"r01_CL01": ["C001", "C002", "SP003"], "r16_LS05": ["C004", "SR05"]}


def _write(folder: Path, stem: str, rows: list[tuple[str, object]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["id,grade,note", *(f"{i},{g},note" for i, g in rows)]
    (folder / f"{stem}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture()
def judging(tmp_path: Path) -> Path:
    for stem, ids in SHEETS.items():
        _write(tmp_path / "sheets", stem, [(i, "") for i in ids])
    _write(tmp_path / "A", "r01_CL01", [("C001", 3), ("C002", 0), ("SP003", 1)])
    _write(tmp_path / "B", "r01_CL01", [("C001", 2), ("C002", 0), ("SP003", 1)])
    _write(tmp_path / "B", "r16_LS05", [("C004", 0), ("SR05", 2)])
    return tmp_path


def _judges(root: Path) -> dict[str, Path]:
    return {"A": root / "A", "B": root / "B"}


def test_grade_three_only_where_allowed() -> None:
    assert expand_relevant("C001:3;SP002:1", max_grade=3) == {
        "courses/C001": 3,
        "specialists/SP002": 1,
    }
    with pytest.raises(JudgedSetError, match="1 to 2"):
        expand_relevant("C001:3")
    with pytest.raises(JudgedSetError):
        expand_relevant("C001:4", max_grade=3)


def test_round_trip_keeps_the_owners_grades(judging: Path, tmp_path: Path) -> None:
    cases, overlap = collect(ROWS, _judges(judging), sheets=judging / "sheets")
    assert [c.owner for c in cases] == ["A", "B"]
    assert set(overlap) == {"r01"}
    agree = agreement(overlap)
    path = tmp_path / "judged_planner.csv"
    path.write_text(planner_csv(cases, planner_note("2026-11-29", cases, overlap, agree)))
    known = ["courses/C001", "courses/C002", "specialists/SP003", "courses/C004",
             "science_resources/SR05"]  # fmt: skip
    loaded = load_judged(path, known, "recommend-planner", "school_id", max_grade=3)
    got = {c.id: (c.split, c.text, c.relevant) for c in loaded.cases}
    assert got == {
        "r01": ("dev", "CL01", {"courses/C001": 3, "specialists/SP003": 1}),
        "r16": ("heldout", "LS05", {"science_resources/SR05": 2}),
    }
    assert "kappa" in loaded.note and "r01 (A's kept)" in loaded.note


def test_agreement_figures() -> None:
    same = {"r01": {"A": {"x": 3, "y": 0, "z": 1}, "B": {"x": 3, "y": 0, "z": 1}}}
    assert agreement(same) == {
        "cases": 1, "items": 3, "exact": 1.0, "within_one": 1.0, "kappa_quadratic": 1.0,
    }  # fmt: skip
    off = {"r01": {"A": {"x": 3, "y": 0, "z": 1, "w": 2}, "B": {"x": 2, "y": 0, "z": 3, "w": 2}}}
    got = agreement(off)
    assert (got["exact"], got["within_one"]) == (0.5, 0.75)
    assert 0 < got["kappa_quadratic"] < 1


def test_bad_grade_is_named_by_file_row_and_column(judging: Path) -> None:
    _write(judging / "A", "r01_CL01", [("C001", 3), ("C002", 4), ("SP003", 1)])
    with pytest.raises(JudgedSetError) as err:
        collect(ROWS, _judges(judging), sheets=judging / "sheets")
    assert "r01_CL01.csv" in str(err.value) and "row 3" in str(err.value)
    assert "grade" in str(err.value) and "C002" in str(err.value)


def test_a_missing_or_extra_id_is_refused(judging: Path) -> None:
    _write(judging / "B", "r16_LS05", [("C004", 0)])
    with pytest.raises(JudgedSetError, match="SR05"):
        collect(ROWS, _judges(judging), sheets=judging / "sheets")
    with pytest.raises(JudgedSetError, match="C009"):
        read_grades(judging / "A" / "r01_CL01.csv", ["C001", "C002", "SP003", "C009"])


def test_the_owner_must_have_graded(judging: Path) -> None:
    (judging / "B" / "r16_LS05.csv").unlink()
    with pytest.raises(JudgedSetError, match="judge B"):
        collect(ROWS, _judges(judging), sheets=judging / "sheets")
