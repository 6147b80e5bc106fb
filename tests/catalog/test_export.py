"""export_records: CSV (UTF-8 with BOM) and XLSX that re-import to the very same records."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from catalog import (
    Course,
    Domain,
    GradeRange,
    Kind,
    Record,
    Settings,
    Specialist,
    SpecialistKind,
    export_records,
    load_file,
)
from catalog._cells import MULTI_SEPARATORS
from tests.catalog._io_samples import sample_records

SAMPLES = sample_records()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("header", ["zh", "en"])
@pytest.mark.parametrize("kind", list(Kind))
def test_export_then_import_is_identical_for_every_kind(
    tmp_path: Path, kind: Kind, suffix: str, header: str
) -> None:
    path = tmp_path / f"{kind.value}{suffix}"
    export_records(SAMPLES[kind], kind, path, header=header)  # type: ignore[arg-type]
    result = load_file(path, settings=Settings(hmac_secret="s"))
    assert result.problems == []
    assert result.records == SAMPLES[kind]


def test_csv_has_a_bom_and_escapes_formulas(tmp_path: Path) -> None:
    path = tmp_path / "institutions.csv"
    export_records(SAMPLES[Kind.INSTITUTION], Kind.INSTITUTION, path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "机构编号" in text.splitlines()[0]
    assert "'=HYPERLINK" in text and "'-先看后签" in text
    assert "\n=" not in text and ",=" not in text


def test_xlsx_cells_are_text_not_formulas(tmp_path: Path) -> None:
    path = tmp_path / "courses.xlsx"
    export_records(SAMPLES[Kind.COURSE], Kind.COURSE, path)
    sheet = load_workbook(path).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert any(c.value == "'+加分项：动手" for c in cells)
    assert any(c.value == 3.5 and c.data_type == "n" for c in cells)


def test_export_replaces_atomically_and_refuses_other_types(tmp_path: Path) -> None:
    path = tmp_path / "courses.csv"
    path.write_text("old", encoding="utf-8")
    export_records(SAMPLES[Kind.COURSE], Kind.COURSE, path)
    assert "课程名称" in path.read_text(encoding="utf-8-sig")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["courses.csv"]
    with pytest.raises(ValueError, match="csv"):
        export_records(SAMPLES[Kind.COURSE], Kind.COURSE, tmp_path / "courses.json")


_TEXT_CHARS = st.characters(
    codec="utf-8",
    categories=("L", "N", "P", "S", "Zs"),
    include_characters="=+-@'\n\"",
    exclude_characters=MULTI_SEPARATORS + "\u2028\u2029\x85",
)
_text = st.text(_TEXT_CHARS, max_size=20).map(str.strip)
_required_text = _text.filter(bool)
_item = (
    st.text(
        st.characters(
            codec="utf-8",
            categories=("L", "N", "P", "S"),
            include_characters="=+-@'",
            exclude_characters=MULTI_SEPARATORS,
        ),
        min_size=1,
        max_size=8,
    )
    .map(str.strip)
    .filter(bool)
)
_id = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_\-]{0,9}", fullmatch=True)


@st.composite
def courses(draw: st.DrawFn) -> Course:
    lo = draw(st.integers(1, 12))
    return Course(
        id=draw(_id),
        title=draw(_required_text),
        description=draw(_text),
        domains=draw(st.lists(st.sampled_from(list(Domain)), min_size=1, max_size=5, unique=True)),
        grades=GradeRange(lo=lo, hi=draw(st.integers(lo, 12))),
        fee_per_session=draw(st.floats(0, 1e6, allow_nan=False)),
        session_minutes=draw(st.integers(1, 240)),
        capacity=draw(st.integers(1, 10_000)),
        provider_id=draw(st.none() | _id),
        tags=draw(st.lists(_item, max_size=4)),
    )


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    records=st.lists(courses(), min_size=1, max_size=5, unique_by=lambda c: c.id),
    suffix=st.sampled_from([".csv", ".xlsx"]),
)
def test_generated_courses_round_trip(tmp_path: Path, records: list[Record], suffix: str) -> None:
    path = tmp_path / f"courses{suffix}"
    export_records(records, Kind.COURSE, path)
    result = load_file(path)
    assert result.problems == []
    assert result.records == records


_slot = st.builds(
    lambda day, part: f"周{day}{part}",
    st.sampled_from("一二三四五六日"),
    st.sampled_from(["", "上午", "下午", "晚上", "全天"]),
)


@st.composite
def specialists(draw: st.DrawFn) -> Specialist:
    return Specialist(
        id=draw(_id),
        name=draw(_text),
        kind=draw(st.sampled_from(list(SpecialistKind))),
        skills=draw(st.lists(_item, max_size=3)),
        bio=draw(_text),
        district=draw(_required_text),
        lat=draw(st.floats(-90, 90, allow_nan=False)),
        lon=draw(st.floats(-180, 180, allow_nan=False)),
        max_travel_km=draw(st.floats(0.001, 500, allow_nan=False)),
        available_slots=draw(st.lists(_slot, max_size=4, unique=True)),
        max_schools=draw(st.integers(1, 20)),
        fee_per_session=draw(st.floats(0, 5000, allow_nan=False)),
        qualification=draw(_text),
        verified=draw(st.booleans()),
        institution_id=draw(st.none() | _id),
    )


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    records=st.lists(specialists(), min_size=1, max_size=4, unique_by=lambda s: s.id),
    suffix=st.sampled_from([".csv", ".xlsx"]),
)
def test_generated_specialists_round_trip(
    tmp_path: Path, records: list[Record], suffix: str
) -> None:
    path = tmp_path / f"specialists{suffix}"
    export_records(records, Kind.SPECIALIST, path, header="en")
    result = load_file(path)
    assert result.problems == []
    assert result.records == records
