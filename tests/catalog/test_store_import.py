"""`import_paths`: real files through the real loaders into a real SQLite file, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog import Course, ImportFailed, Kind, LoadResult, Problem, Settings
from catalog._importer import check_batch, import_paths
from catalog._store import open_store
from tests.catalog.import_files import BROKEN_COURSES, GOOD, SCHOOLS, write_files
from tests.catalog.store_samples import samples


def _settings(tmp_path: Path) -> Settings:
    return Settings(db=str(tmp_path / "kehou.db"))


def _state(settings: Settings) -> tuple[dict[str, int], str]:
    with open_store(settings) as store:
        return store.counts(), store.fingerprint()


def test_a_good_folder_lands_whole(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    seen: list[tuple[str, int, int]] = []
    summary = import_paths(
        [write_files(tmp_path / "in", GOOD)], settings, progress=lambda *a: seen.append(a)
    )
    assert dict(summary.inserted) == {
        "institutions": 1, "specialists": 2, "courses": 3,
        "science_resources": 0, "schools": 2, "rooms": 0, "surveys": 2,
    }  # fmt: skip
    assert [f.kind for f in summary.files] == [
        Kind.INSTITUTION, Kind.SPECIALIST, Kind.COURSE, Kind.SCHOOL, Kind.SURVEY
    ]  # fmt: skip
    assert seen and seen[-1][1] == seen[-1][2]
    with open_store(settings) as store:
        course = store.get(Kind.COURSE, "C1")
        assert isinstance(course, Course) and course.provider_id == "P1"
        assert course.fee_per_session == 2.0 and str(course.grades) == "3-6"


def test_raw_respondent_ids_never_reach_the_database(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    import_paths([write_files(tmp_path / "in", GOOD)], settings)
    with open_store(settings) as store:
        keys = {r.respondent_key for r in store.records(Kind.SURVEY)}  # type: ignore[attr-defined]
    assert len(keys) == 2 and all(len(k) == 64 for k in keys)
    for path in tmp_path.glob("kehou.db*"):
        assert b"STU-2026" not in path.read_bytes()


def test_one_bad_file_in_three_changes_nothing(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    import_paths([write_files(tmp_path / "base", GOOD)], settings)
    before = _state(settings)
    more = write_files(
        tmp_path / "more",
        {
            "schools.csv": SCHOOLS.replace("S2,", "S3,"),
            "courses.csv": BROKEN_COURSES,
            "institutions.csv": "id,name,district\nI9,新机构,攸县\n",
        },
    )
    with pytest.raises(ImportFailed) as failed:
        import_paths([more], settings)
    where = {(p.file, p.row, p.column) for p in failed.value.problems}
    assert ("courses.csv", 3, "每次收费") in where and ("courses.csv", 4, "五育") in where
    assert _state(settings) == before


def test_problems_of_every_file_are_collected(tmp_path: Path) -> None:
    bad_schools = SCHOOLS.replace("1800", "很多")
    folder = write_files(
        tmp_path / "in", {"schools.csv": bad_schools, "courses.csv": BROKEN_COURSES}
    )
    with pytest.raises(ImportFailed) as failed:
        import_paths([folder], _settings(tmp_path))
    assert {p.file for p in failed.value.problems} == {"schools.csv", "courses.csv"}


def test_cross_references_are_checked_with_file_row_and_column(tmp_path: Path) -> None:
    files = dict(GOOD)
    files["courses.csv"] = GOOD["courses.csv"].replace(",I1\n", ",P404\n")
    files["surveys.csv"] = GOOD["surveys.csv"].replace("S2,STU", "S404,STU")
    files.pop("institutions.csv")
    settings = _settings(tmp_path)
    with pytest.raises(ImportFailed) as failed:
        import_paths([write_files(tmp_path / "in", files)], settings)
    found = {(p.file, p.row, p.column, p.value) for p in failed.value.problems}
    assert found == {
        ("specialists.csv", 3, "institution_id", "I1"),
        ("courses.csv", 4, "provider_id", "P404"),
        ("surveys.csv", 3, "school_id", "S404"),
    }
    assert _state(settings)[0] == dict.fromkeys(_state(settings)[0], 0)


def test_references_may_point_at_rows_already_stored(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    import_paths(
        [write_files(tmp_path / "a", {"institutions.csv": GOOD["institutions.csv"]})], settings
    )
    import_paths(
        [write_files(tmp_path / "b", {"specialists.csv": GOOD["specialists.csv"]})], settings
    )
    assert _state(settings)[0]["specialists"] == 2


def test_same_id_in_two_files_of_a_batch_is_a_problem(tmp_path: Path) -> None:
    one = write_files(tmp_path / "one", {"schools.csv": SCHOOLS})
    two = write_files(tmp_path / "two", {"schools.csv": SCHOOLS.replace("S2,", "S9,")})
    with pytest.raises(ImportFailed) as failed:
        import_paths([one, two], _settings(tmp_path))
    assert [(p.row, p.column, p.value) for p in failed.value.problems] == [(2, "id", "S1")]


def test_dry_run_reports_and_writes_nothing(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    folder = write_files(tmp_path / "in", GOOD)
    fresh = import_paths([folder], settings, dry_run=True)
    assert fresh.dry_run and fresh.inserted["courses"] == 3
    assert not (tmp_path / "kehou.db").exists()
    import_paths([folder], settings)
    before = _state(settings)
    again = import_paths([folder], settings, dry_run=True)
    assert again.updated["courses"] == 3 and again.inserted["courses"] == 0
    assert _state(settings) == before


def test_a_second_import_updates_in_place(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    import_paths([write_files(tmp_path / "a", GOOD)], settings)
    changed = {"schools.csv": SCHOOLS.replace("1800", "1900")}
    summary = import_paths([write_files(tmp_path / "b", changed)], settings)
    assert summary.updated["schools"] == 2 and summary.inserted["schools"] == 0
    with open_store(settings) as store:
        assert store.get(Kind.SCHOOL, "S1").students == 1900  # type: ignore[union-attr]


def test_missing_path_and_unknown_file_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="no such file"):
        import_paths([tmp_path / "nope.csv"], _settings(tmp_path))
    odd = tmp_path / "notes.txt"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(ImportFailed, match="cannot import this file"):
        import_paths([odd], _settings(tmp_path))


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    folder = write_files(tmp_path / "in", {"schools.csv": SCHOOLS})
    summary = import_paths([folder, folder / "schools.csv"], _settings(tmp_path))
    assert [f.file for f in summary.files] == ["schools.csv"]


def test_kind_option_names_the_kind_of_an_oddly_named_file(tmp_path: Path) -> None:
    odd = write_files(tmp_path, {"2026秋导出.csv": SCHOOLS}) / "2026秋导出.csv"
    summary = import_paths([odd], _settings(tmp_path), kind=Kind.SCHOOL)
    assert summary.inserted["schools"] == 2


def test_check_batch_on_records_built_in_python() -> None:
    course = samples()[Kind.COURSE][0]
    results = [
        LoadResult("a.json", Kind.COURSE, [course]),
        LoadResult("b.csv", Kind.COURSE, [samples()[Kind.COURSE][1], course]),
    ]
    problems = check_batch(results, None)
    assert Problem("a.json", 1, "provider_id", "P1", problems[-1].reason) in problems
    assert Problem("b.csv", 3, "id", "C1", problems[0].reason) in problems
    assert len(problems) == 3  # the duplicate, and P1 unknown in both files


def test_check_batch_uses_the_loaders_row_numbers_when_given() -> None:
    course = samples()[Kind.COURSE][0]
    result = LoadResult("c.csv", Kind.COURSE, [samples()[Kind.COURSE][1], course])
    result.rows = [7, 9]  # type: ignore[attr-defined]
    assert [p.row for p in check_batch([result], None)] == [9]


def test_cross_reference_row_after_a_blank_row(tmp_path: Path) -> None:
    text = (
        "课程编号,课程名称,五育,年级,每次收费,每次时长,容量,提供者编号\n"
        "C1,书法,美,3-6,2,45,30,\n\nC2,剪纸,美,3-6,2,45,30,P404\n"
    )
    folder = write_files(tmp_path / "in", {"courses.csv": text})
    with pytest.raises(ImportFailed) as failed:
        import_paths([folder], _settings(tmp_path))
    assert [p.row for p in failed.value.problems] == [4]
