"""read_table on good files in every encoding and format, and on files that cannot be read."""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from catalog import ImportFailed, Kind, read_table
from tests.catalog._io_samples import COURSE_HEADER_ZH, COURSE_ROWS, write_csv


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_csv_in_every_encoding_reads_the_same(tmp_path: Path, encoding: str) -> None:
    path = write_csv(tmp_path / "courses.csv", COURSE_HEADER_ZH, COURSE_ROWS, encoding)
    table = read_table(path)
    assert table.header == COURSE_HEADER_ZH
    assert table.rows == COURSE_ROWS
    assert table.first_row == 2
    assert table.file == "courses.csv"


@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = write_csv(tmp_path / "c.csv", COURSE_HEADER_ZH, COURSE_ROWS, delimiter=delimiter)
    assert read_table(path).rows[1][3] == "体"


def test_xlsx_numbers_dates_and_sheet_named_like_the_kind(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(["说明"])
    workbook.active.append(["第一页是说明"])
    sheet = workbook.create_sheet("课程")
    sheet.append(["课程编号", "每次收费", "容量", "提交时间", "日期", "已审核", "空"])
    sheet.append(["C1", 3.0, 30, datetime(2026, 9, 1, 8, 30), datetime(2026, 9, 1), True, None])
    sheet.append([101, 2.5, 1e-5, None, None, False, None])
    path = tmp_path / "courses.xlsx"
    workbook.save(path)
    table = read_table(path, kind=Kind.COURSE)
    assert table.header[:3] == ["课程编号", "每次收费", "容量"]
    assert table.rows[0] == ["C1", "3", "30", "2026-09-01T08:30:00", "2026-09-01", "是", ""]
    assert table.rows[1][:3] == ["101", "2.5", "0.00001"]
    assert read_table(path).header == ["说明"]  # without a kind: the first sheet


def test_json_list_and_items_forms(tmp_path: Path) -> None:
    items = [
        {"id": "C1", "domains": ["德", "美"], "fee_per_session": 3.0, "verified": True},
        {"id": "C2", "title": "足球", "provider_id": None},
    ]
    for i, doc in enumerate([items, {"items": items}]):
        path = tmp_path / f"courses{i}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        table = read_table(path)
        assert table.header == [
            "id",
            "domains",
            "fee_per_session",
            "verified",
            "title",
            "provider_id",
        ]
        assert table.rows[0] == ["C1", "德、美", "3", "是", "", ""]
        assert table.rows[1] == ["C2", "", "", "", "足球", ""]
        assert table.first_row == 1


def test_json_non_objects_are_named_by_row(tmp_path: Path) -> None:
    path = tmp_path / "courses.json"
    path.write_text('[{"id": "C1"}, 3, "x"]', encoding="utf-8")
    with pytest.raises(ImportFailed) as info:
        read_table(path)
    assert [p.row for p in info.value.problems] == [2, 3]


def _only_problem(path: Path) -> tuple[int | None, str | None, str]:
    with pytest.raises(ImportFailed) as info:
        read_table(path)
    (problem,) = info.value.problems
    assert problem.file == path.name
    return problem.row, problem.column, problem.reason


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "courses.csv").write_bytes(b"")
    assert "文件为空 / empty file" in _only_problem(tmp_path / "courses.csv")[2]
    (tmp_path / "blank.csv").write_bytes(b"\xef\xbb\xbf\r\n  \r\n")
    assert "empty file" in _only_problem(tmp_path / "blank.csv")[2]


def test_header_only_file_has_no_data_rows(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "courses.csv", COURSE_HEADER_ZH, [["", "", ""]])
    assert "文件没有数据行 / no data rows" in _only_problem(path)[2]


def test_undecodable_bytes_name_the_line(tmp_path: Path) -> None:
    good = "id,title\nC1,剪纸\nC2,足球\n".encode("gb18030")
    path = tmp_path / "courses.csv"
    path.write_bytes(good + b"C3,\x81\x20\xff\xfe\x80\n")
    row, _, reason = _only_problem(path)
    assert row == 4
    assert "UTF-8" in reason and "GB18030" in reason


def test_unclosed_quote_names_the_row_and_column_where_it_opened(tmp_path: Path) -> None:
    path = tmp_path / "courses.csv"
    text = 'id,title,description\nC1,剪纸,"多行\n简介"\nC2,足球,"没有结束\nC3,合唱,好\n'
    path.write_text(text, encoding="utf-8")
    row, column, reason = _only_problem(path)
    assert (row, column) == (3, "description")
    assert "引号未闭合" in reason and "unclosed quote" in reason


def test_unclosed_quote_in_a_large_file_is_still_named(tmp_path: Path) -> None:
    lines = ["id,title,description", 'C0,"开头没闭合,x'] + [f"C{i},t,d" for i in range(1, 20000)]
    path = tmp_path / "courses.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    row, column, _ = _only_problem(path)
    assert (row, column) == (2, "title")


def test_stray_quote_inside_a_cell_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "courses.csv"
    path.write_text('id,title\nC1,他说"好"\nC2,"引号"后缀\n', encoding="utf-8")
    assert read_table(path).rows == [["C1", '他说"好"'], ["C2", "引号后缀"]]


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "courses.csv", COURSE_HEADER_ZH, COURSE_ROWS)
    with pytest.raises(ImportFailed, match="file too large"):
        read_table(path, max_bytes=100)


def test_unsupported_extensions(tmp_path: Path) -> None:
    (tmp_path / "courses.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    assert ".xlsx" in _only_problem(tmp_path / "courses.xls")[2]
    (tmp_path / "courses.xlsx").write_bytes(b"not a zip")
    assert "cannot read XLSX" in _only_problem(tmp_path / "courses.xlsx")[2]


def test_ten_megabyte_csv_reads_quickly(tmp_path: Path) -> None:
    row = [
        "C{}",
        "醴陵釉下五彩瓷绘与拉坯体验课",
        "学习勾线、分水、上釉和烧制的全过程" * 2,
        "美、劳",
        "3-6",
        "3",
        "45",
        "30",
    ]
    rows = [[row[0].format(i), *row[1:]] for i in range(60_000)]
    path = write_csv(tmp_path / "courses.csv", COURSE_HEADER_ZH, rows)
    assert path.stat().st_size > 10 * 1024 * 1024
    start = time.perf_counter()
    table = read_table(path)
    assert len(table.rows) == 60_000
    assert table.rows[-1][0] == "C59999"
    assert time.perf_counter() - start < 15
