"""Survey files without respondent ids (issue 11): accepted; a new id-less file for a school
and semester replaces that school's earlier id-less rows of the semester, and says so."""

from __future__ import annotations

from pathlib import Path

from catalog import Kind, Settings, SurveyResponse, open_store
from catalog._importer import import_paths
from tests.catalog.import_files import SCHOOLS

TALLY = "school_id,respondent,grade,interests\n" + "".join(
    f"S1,学生,{1 + n % 6},足球{n}\n" for n in range(30)
)
CORRECTED = "school_id,respondent,grade,interests\n" + "".join(
    f"S1,学生,{1 + n % 6},围棋{n}\n" for n in range(28)
)
WITH_IDS = "school_id,respondent_id,respondent,grade,interests\nS1,K1,家长,2,书法\n"
OTHER = "school_id,respondent,grade,interests\nS2,学生,3,舞蹈\nS2,学生,4,篮球\n"


def _file(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _surveys(settings: Settings, school: str, semester: str) -> list[SurveyResponse]:
    with open_store(settings) as store:
        rows = store.records(Kind.SURVEY)
    return [
        r
        for r in rows
        if isinstance(r, SurveyResponse) and r.school_id == school and r.semester == semester
    ]


def test_an_id_less_file_replaces_the_schools_earlier_id_less_rows(tmp_path: Path) -> None:
    settings = Settings(db=str(tmp_path / "k.db"), hmac_secret="t")
    import_paths([_file(tmp_path, "schools.csv", SCHOOLS)], settings)
    for name, text in (("surveys_ids.csv", WITH_IDS), ("surveys_s2.csv", OTHER)):
        import_paths([_file(tmp_path / name, "surveys.csv", text)], settings, semester="2026秋")
    first = import_paths([_file(tmp_path / "a", "surveys.csv", TALLY)], settings, semester="2026秋")
    assert first.inserted["surveys"] == 30 and first.replaced_id_less == 0
    import_paths([_file(tmp_path / "b", "surveys.csv", TALLY)], settings, semester="2026春")
    rows = _surveys(settings, "S1", "2026秋")
    assert len(rows) == 31 and sum(r.respondent_key.startswith("anon-") for r in rows) == 30

    plan = import_paths(
        [_file(tmp_path / "c", "surveys.csv", CORRECTED)],
        settings,
        semester="2026秋",
        dry_run=True,
    )
    assert plan.replaced_id_less == 30 and plan.inserted["surveys"] == 28
    again = import_paths(
        [_file(tmp_path / "c", "surveys.csv", CORRECTED)], settings, semester="2026秋"
    )
    assert again.replaced_id_less == 30 and again.inserted["surveys"] == 28
    assert "replaced 30 earlier id-less rows of S1 2026秋" in again.to_json()["notes"][0]
    rows = _surveys(settings, "S1", "2026秋")
    assert len(rows) == 29 and sorted(
        r.interests for r in rows if r.respondent_key.startswith("anon-")
    ) == sorted(f"围棋{n}" for n in range(28))
    assert len(_surveys(settings, "S1", "2026春")) == 30  # another semester is untouched
    assert len(_surveys(settings, "S2", "2026秋")) == 2  # another school too
