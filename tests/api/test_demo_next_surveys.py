"""The demo's second semester re-dates the survey file whatever its semester column is called."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from api.cli._demo_stages import NEXT_SEMESTER, _next_surveys


@pytest.mark.parametrize(
    ("header", "rows", "column"),
    [
        ("school_id,interests", ["TY01,足球"], "semester"),
        ("school_id,interests,semester", ["TY01,足球,2026秋", "TY01,书法,2025春"], "semester"),
        ("school_id,interests,学期", ["TY01,足球,"], "学期"),
    ],
)
def test_next_semester_surveys(tmp_path: Path, header: str, rows: list[str], column: str) -> None:
    source = tmp_path / "surveys.csv"
    source.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    target = _next_surveys(source, tmp_path / "out" / "surveys.csv")
    assert target is not None
    with open(target, encoding="utf-8", newline="") as fh:
        got = list(csv.DictReader(fh))
    assert [r["interests"] for r in got] == ["足球"]  # an older semester's row is left out
    assert all(r[column] == NEXT_SEMESTER for r in got)
    assert list(got[0]).count(column) == 1


def test_no_survey_file_is_skipped(tmp_path: Path) -> None:
    assert _next_surveys(tmp_path / "missing.csv", tmp_path / "out.csv") is None
