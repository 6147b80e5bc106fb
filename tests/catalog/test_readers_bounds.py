"""Bounded readers (issue 11): XLSX bombs, over-long CSV fields and NUL bytes are refused
with a clear message, fast and in little memory; nothing is padded from a declared size."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from catalog import ImportFailed, Kind, read_table
from tests.catalog.xlsx_bombs import far_cell_xlsx


@pytest.mark.parametrize("dimension", ["keep", None, "A1:E2"])
def test_a_5kb_xlsx_with_a_cell_at_xfd1048576_is_refused_fast(
    tmp_path: Path, dimension: str | None
) -> None:
    path = far_cell_xlsx(tmp_path / "surveys.xlsx", dimension=dimension)
    assert path.stat().st_size < 10_000
    started = time.perf_counter()
    with pytest.raises(ImportFailed) as caught:
        read_table(path, kind=Kind.SURVEY)
    assert time.perf_counter() - started < 5.0  # about 0.6 s on a loaded 2-core machine
    reason = caught.value.problems[0].reason
    assert "上限" in reason and "limit" in reason
    tracemalloc.start()
    with pytest.raises(ImportFailed):
        read_table(path, kind=Kind.SURVEY)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 64 * 1024 * 1024


def test_a_field_over_the_csv_limit_is_called_too_long_not_an_unclosed_quote(
    tmp_path: Path,
) -> None:
    path = tmp_path / "courses.csv"
    long = "长" * 140_000
    path.write_text(f'id,title,description\nC1,围棋,"{long}"\n', encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        read_table(path)
    (problem,) = caught.value.problems
    assert "field too long" in problem.reason and problem.row == 2
    assert problem.column == "description"


def test_an_unclosed_quote_is_still_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "courses.csv"
    path.write_text('id,title\nC1,"围棋\nC2,书法\n', encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        read_table(path)
    assert "unclosed quote" in caught.value.problems[0].reason


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_nul_bytes_are_refused_with_row_and_column(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"courses{suffix}"
    if suffix == ".csv":
        path.write_text("id,title\nC1,围\x00棋\n", encoding="utf-8")
    else:
        path.write_text('[{"id": "C1", "title": "围\\u0000棋"}]', encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        read_table(path)
    (problem,) = caught.value.problems
    assert "NUL" in problem.reason and problem.column == "title"
    assert problem.row == (2 if suffix == ".csv" else 1)
