"""The shipped 株洲 demo dataset: generator determinism, sizes, variety, and the broken files.

Everything is read through `catalog.load_file`, exactly as `kehou import` reads it.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import TypeVar

import pytest

from catalog import (
    Area,
    Course,
    Domain,
    ImportFailed,
    Institution,
    Kind,
    LoadResult,
    Problem,
    ResourceFormat,
    School,
    ScienceResource,
    Specialist,
    SpecialistKind,
    SurveyResponse,
    load_file,
)

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "catalog" / "demo_data"
BROKEN = ROOT / "tests" / "data" / "broken"
GENERATOR = ROOT / "scripts" / "make_demo_data.py"
ICH = ROOT / ".." / "shared" / "data" / "ich" / "raw_data_items"
DISTRICTS = ("天元区", "荷塘区", "芦淞区", "石峰区", "渌口区", "醴陵市", "攸县", "茶陵县", "炎陵县")
#: spring-2023 fee-exempt students per district (docs/design.md)
EXEMPT_2023 = {
    "茶陵县": 7281,
    "醴陵市": 3414,
    "攸县": 2056,
    "荷塘区": 1071,
    "芦淞区": 743,
    "天元区": 525,
    "石峰区": 460,
    "渌口区": 380,
    "炎陵县": 22,
}


def _generate(out: Path, seed: int | None = None) -> None:
    args = [
        sys.executable,
        str(GENERATOR),
        "--out",
        str(out / "demo"),
        "--broken-out",
        str(out / "broken"),
    ]
    if seed is not None:
        args += ["--seed", str(seed)]
    subprocess.run(args, check=True, capture_output=True, timeout=120)


def _files(folder: Path, only: set[str] | None = None) -> dict[str, bytes]:
    """Data files in a folder (other generators, e.g. the 问卷星 one, may add more: `only`)."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.suffix != ".py" and (only is None or p.name in only)
    }


def test_generator_is_deterministic_and_matches_shipped_files(tmp_path: Path) -> None:
    _generate(tmp_path / "a")
    _generate(tmp_path / "b")
    for sub in ("demo", "broken"):
        first, second = _files(tmp_path / "a" / sub), _files(tmp_path / "b" / sub)
        assert first == second, f"{sub}: two runs differ"
        assert len(first) >= 6
        shipped = _files(DEMO if sub == "demo" else BROKEN, only=set(first))
        assert first == shipped, f"shipped {sub} files are stale: rerun scripts/make_demo_data.py"


def test_another_seed_gives_other_data(tmp_path: Path) -> None:
    _generate(tmp_path / "s1", seed=1)
    other = (tmp_path / "s1" / "demo" / "surveys.csv").read_bytes()
    assert other != (DEMO / "surveys.csv").read_bytes()


#: the files the generator writes (the 问卷星 fixture script adds 问卷星_<school>.xlsx)
OWN_FILES = (
    "institutions.csv",
    "specialists.csv",
    "courses.xlsx",
    "science_resources.json",
    "学校.csv",
    "surveys.csv",
    "场地.csv",
)


@pytest.fixture(scope="module")
def loaded() -> dict[Kind, LoadResult]:
    results = {}
    for name in OWN_FILES:
        result = load_file(DEMO / name)
        assert result.kind not in results
        results[result.kind] = result
    return results


def _records(loaded: dict[Kind, LoadResult], kind: Kind, cls: type[T]) -> list[T]:
    records = loaded[kind].records
    assert all(isinstance(r, cls) for r in records)
    return records  # type: ignore[return-value]


def test_whole_demo_folder_loads_without_problems() -> None:
    files = [p for p in sorted(DEMO.iterdir()) if p.suffix in (".csv", ".xlsx", ".json")]
    assert {p.name for p in files} >= set(OWN_FILES)
    for path in files:
        problems = load_file(path).problems
        assert problems == [], f"{path.name}: {[str(p) for p in problems[:5]]}"
    assert sum(p.stat().st_size for p in files) < 5 * 1024 * 1024


def test_every_kind_is_in_the_demo(loaded: dict[Kind, LoadResult]) -> None:
    assert set(loaded) == set(Kind)


def test_schools_cover_districts_levels_and_areas(loaded: dict[Kind, LoadResult]) -> None:
    schools = _records(loaded, Kind.SCHOOL, School)
    assert len(schools) >= 60
    assert {s.district for s in schools} == set(DISTRICTS)
    assert {s.area for s in schools} == set(Area)
    assert {"小学", "初中", "九年一贯制"} <= {s.level.value for s in schools}
    assert all(200 <= s.students <= 2500 for s in schools)
    assert len({s.name for s in schools}) == len(schools)


def test_exempt_students_follow_the_district_figures(loaded: dict[Kind, LoadResult]) -> None:
    schools = _records(loaded, Kind.SCHOOL, School)
    totals = Counter[str]()
    for s in schools:
        totals[s.district] += s.exempt_students
    city = sum(totals.values())
    assert city > 0
    for district, figure in EXEMPT_2023.items():
        expected = city * figure / sum(EXEMPT_2023.values())
        assert abs(totals[district] - expected) <= 1, (district, totals[district], expected)


def test_catalogue_sizes_and_coverage(loaded: dict[Kind, LoadResult]) -> None:
    courses = _records(loaded, Kind.COURSE, Course)
    people = _records(loaded, Kind.SPECIALIST, Specialist)
    resources = _records(loaded, Kind.SCIENCE_RESOURCE, ScienceResource)
    assert len(courses) >= 300
    assert {d for c in courses for d in c.domains} == set(Domain)
    assert len(people) >= 150
    assert {p.kind for p in people} == set(SpecialistKind)
    unverified = sum(not p.verified for p in people)
    assert 0.03 * len(people) <= unverified <= 0.15 * len(people)
    assert len(resources) >= 40
    assert {r.format for r in resources} == set(ResourceFormat)
    assert all(2 <= r.visits_per_semester <= 20 for r in resources)
    with_provider = sum(c.provider_id is not None for c in courses)
    assert 0.35 * len(courses) <= with_provider <= 0.7 * len(courses)


def test_references_resolve(loaded: dict[Kind, LoadResult]) -> None:
    people = _records(loaded, Kind.SPECIALIST, Specialist)
    institutions = _records(loaded, Kind.INSTITUTION, Institution)
    inst_ids = {i.id for i in institutions}
    providers = {p.id for p in people} | inst_ids
    assert all(
        c.provider_id in providers for c in _records(loaded, Kind.COURSE, Course) if c.provider_id
    )
    assert all(p.institution_id in inst_ids for p in people if p.institution_id)
    assert all(p.institution_id for p in people if p.kind is SpecialistKind.INSTITUTION)
    school_ids = {s.id for s in _records(loaded, Kind.SCHOOL, School)}
    assert {r.school_id for r in _records(loaded, Kind.SURVEY, SurveyResponse)} == school_ids


def test_deliberate_rule_breakers_are_present(loaded: dict[Kind, LoadResult]) -> None:
    courses = {c.id: c for c in _records(loaded, Kind.COURSE, Course)}
    people = {p.id: p for p in _records(loaded, Kind.SPECIALIST, Specialist)}
    institutions = {i.id: i for i in _records(loaded, Kind.INSTITUTION, Institution)}
    assert "奥数" in courses["C901"].description
    assert "语法" in courses["C902"].description and "中考" in courses["C903"].description
    assert "真题" in courses["C904"].description
    assert not institutions[str(courses["C905"].provider_id)].admitted
    assert courses["C906"].fee_per_session == 12 and courses["C906"].session_minutes == 45
    assert not people[str(courses["C907"].provider_id)].verified
    compliant = [c for c in courses.values() if not c.id.startswith("C9")]
    assert all(c.fee_per_session <= 4 for c in compliant)
    assert sum(not i.admitted for i in institutions.values()) >= 2


def test_real_local_heritage(loaded: dict[Kind, LoadResult]) -> None:
    people = _records(loaded, Kind.SPECIALIST, Specialist)
    liling = [p for p in people if "醴陵釉下五彩瓷烧制技艺" in p.skills]
    assert liling and all(p.district == "醴陵市" for p in liling)
    assert any("演示虚构" in p.bio and "不在国家级名录" in p.bio for p in people)


def test_national_list_items_are_really_on_the_hunan_list(loaded: dict[Kind, LoadResult]) -> None:
    if not ICH.is_dir():
        pytest.skip(f"needs the national 非遗 list at {ICH} (../shared/data), absent here")
    hunan = set()
    for path in ICH.glob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                if "湖南" in row["申报地区或单位"] or "株洲" in row["申报地区或单位"]:
                    hunan.add(row["项目名称"].strip())
    claimed = {
        m
        for p in _records(loaded, Kind.SPECIALIST, Specialist)
        for m in re.findall(r"国家级非遗代表性项目「([^」]+)」", p.bio)
    }
    assert claimed and claimed <= hunan, claimed - hunan


def test_surveys_are_many_varied_and_differ_by_school(loaded: dict[Kind, LoadResult]) -> None:
    surveys = _records(loaded, Kind.SURVEY, SurveyResponse)
    assert len(surveys) >= 5000
    assert {"2026秋", "2026春"} <= {s.semester for s in surveys}
    assert {s.respondent.value for s in surveys} == {"学生", "家长"}
    texts = [s.interests for s in surveys if s.interests]
    assert len(set(texts)) >= 0.6 * len(texts)
    assert sum(not s.interests for s in surveys) > 0
    schools = {s.id: s for s in _records(loaded, Kind.SCHOOL, School)}

    def share(pick: bool, words: tuple[str, ...]) -> float:
        group = [s for s in surveys if (schools[s.school_id].district == "醴陵市") is pick]
        return sum(any(w in s.interests for w in words) for s in group) / len(group)

    assert share(True, ("瓷", "釉")) > 5 * share(False, ("瓷", "釉"))
    academic = ("奥数", "英语", "作文")
    per_school = Counter(s.school_id for s in surveys if any(w in s.interests for w in academic))
    assert (
        per_school
        and max(per_school.values()) >= 5 * (sorted(per_school.values())[len(per_school) // 2])
    )


def _problems(path: Path) -> list[Problem]:
    try:
        return load_file(path).problems
    except ImportFailed as failed:
        return failed.problems


def _readme_rows() -> dict[str, set[int]]:
    """File -> the rows the README says are bad (empty set: a whole-file fault)."""
    rows: dict[str, set[int]] = {}
    for line in (BROKEN / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].endswith((".csv", ".xlsx")):
            rows.setdefault(cells[0], set()).update(
                {int(cells[1])} if cells[1].isdigit() else set()
            )
    return rows


def test_readme_lists_every_broken_file() -> None:
    on_disk = {p.name for p in BROKEN.iterdir() if p.suffix in (".csv", ".xlsx")}
    assert set(_readme_rows()) == on_disk
    assert len(on_disk) >= 9


@pytest.mark.parametrize(("name", "rows"), sorted(_readme_rows().items()))
def test_broken_files_fail_where_the_readme_says(name: str, rows: set[int]) -> None:
    problems = _problems(BROKEN / name)
    if name.startswith("surveys_unknown_school"):
        assert problems == [], "an unknown school id is the store's cross-file check"
        return
    assert problems, f"{name} loaded cleanly"
    reported = {p.row for p in problems if p.row is not None and p.row > 1}
    assert reported == rows, [str(p) for p in problems]


def test_docs_list_every_rule_breaker(loaded: dict[Kind, LoadResult]) -> None:
    doc = (ROOT / "docs" / "data-contract.md").read_text(encoding="utf-8")
    section = doc.split("### Deliberate rule-breakers in the demo data", 1)[1].split("###", 1)[0]
    people = _records(loaded, Kind.SPECIALIST, Specialist)
    institutions = _records(loaded, Kind.INSTITUTION, Institution)
    expected = {p.id for p in people if not p.verified}
    expected |= {i.id for i in institutions if not i.admitted}
    expected |= {c.id for c in _records(loaded, Kind.COURSE, Course) if c.id.startswith("C9")}
    listed = set(re.findall(r"\b(?:SP|INS|C)\d{2,3}\b", section))
    assert expected <= listed, sorted(expected - listed)


def test_the_city_scale_generator_is_deterministic_and_proportional(tmp_path: Path) -> None:
    """`--schools N`: N schools that import cleanly, the catalogue and surveys in proportion."""
    outs = [tmp_path / "a", tmp_path / "b"]
    for out in outs:
        done = subprocess.run(
            [sys.executable, str(GENERATOR), "--schools", "150", "--out", str(out)],
            capture_output=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    files = sorted(p.name for p in outs[0].iterdir())
    assert files == sorted(p.name for p in outs[1].iterdir())
    assert all((outs[0] / f).read_bytes() == (outs[1] / f).read_bytes() for f in files)

    def rows(path: Path, cls: type[T]) -> list[T]:
        result = load_file(path)
        return _records({result.kind: result}, result.kind, cls)

    schools = rows(outs[0] / "学校.csv", School)
    courses = rows(outs[0] / "courses.xlsx", Course)
    surveys = rows(outs[0] / "surveys.csv", SurveyResponse)
    demo_courses = rows(DEMO / "courses.xlsx", Course)
    demo_surveys = rows(DEMO / "surveys.csv", SurveyResponse)
    assert len(schools) == 150 and len({s.id for s in schools}) == 150
    assert len(courses) == 2 * len(demo_courses)  # round(150 / 74) copies
    assert len({c.id for c in courses}) == len(courses)
    per_school = Counter(r.school_id for r in surveys)
    assert per_school["TY01-1"] == per_school["TY01"] > 0
    assert len(surveys) > 2 * len(demo_surveys) * 0.9
    refused = subprocess.run(
        [sys.executable, str(GENERATOR), "--schools", "10"], capture_output=True, check=False
    )
    assert refused.returncode == 2  # never over the shipped demo
