"""discover: which files a folder import picks up, and in which order."""

from __future__ import annotations

from pathlib import Path

from catalog import Kind, discover


def _touch(folder: Path, *names: str) -> None:
    for name in names:
        (folder / name).write_text("id\nx\n", encoding="utf-8")


def test_discover_orders_by_dependency_then_name_and_skips_the_rest(tmp_path: Path) -> None:
    _touch(
        tmp_path,
        "surveys_SC1.csv",
        "courses.xlsx",
        "课程_2026秋.csv",
        "学校.json",
        "specialists.csv",
        "机构.csv",
        "readme.txt",
        "notes.csv",
        ".courses.csv",
        "~$courses.xlsx",
        "courses.xls",
    )
    (tmp_path / "sub").mkdir()
    _touch(tmp_path / "sub", "schools.csv")
    found = [(p.name, k) for p, k in discover([tmp_path])]
    assert found == [
        ("机构.csv", Kind.INSTITUTION),
        ("specialists.csv", Kind.SPECIALIST),
        ("courses.xlsx", Kind.COURSE),
        ("课程_2026秋.csv", Kind.COURSE),
        ("学校.json", Kind.SCHOOL),
        ("surveys_SC1.csv", Kind.SURVEY),
    ]


def test_discover_mixes_files_and_folders_without_duplicates(tmp_path: Path) -> None:
    _touch(tmp_path, "schools.csv", "courses.csv", "data.csv")
    found = discover([tmp_path / "schools.csv", tmp_path, tmp_path / "data.csv"])
    assert [(p.name, k) for p, k in found] == [
        ("courses.csv", Kind.COURSE),
        ("schools.csv", Kind.SCHOOL),
    ]


def test_discover_applies_an_explicit_kind_to_named_files_only(tmp_path: Path) -> None:
    _touch(tmp_path, "data.csv", "courses.csv")
    (tmp_path / "more").mkdir()
    _touch(tmp_path / "more", "x.csv")
    found = discover([tmp_path / "data.csv", tmp_path / "more"], kind=Kind.SCHOOL)
    assert [(p.name, k) for p, k in found] == [("data.csv", Kind.SCHOOL)]
