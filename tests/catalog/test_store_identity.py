"""Survey identity is (school, respondent key): migration 0003 and the store's upsert."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect, text

from catalog import Kind, LoadResult, School, Settings, SurveyResponse, open_store
from tests.catalog.store_samples import batch

KEY = "a" * 64


def _survey(school: str, interests: str) -> SurveyResponse:
    return SurveyResponse(
        respondent_key=KEY, school_id=school, respondent="学生", grade=3, interests=interests
    )


def test_one_key_in_two_schools_is_two_rows(tmp_path: Path) -> None:
    with open_store(Settings(db=str(tmp_path / "k.db"))) as store:
        store.write(batch())
        schools = sorted(r.id for r in store.records(Kind.SCHOOL) if isinstance(r, School))[:2]
        first = store.write([LoadResult("a.csv", Kind.SURVEY, [_survey(schools[0], "足球")])])
        second = store.write([LoadResult("b.csv", Kind.SURVEY, [_survey(schools[1], "围棋")])])
        assert first.inserted["surveys"] == 1 and second.inserted["surveys"] == 1
        again = store.write([LoadResult("c.csv", Kind.SURVEY, [_survey(schools[1], "书法")])])
        assert again.updated["surveys"] == 1
        assert store.get(Kind.SURVEY, KEY, school_id=schools[0]) == _survey(schools[0], "足球")
        assert store.get(Kind.SURVEY, KEY, school_id=schools[1]) == _survey(schools[1], "书法")


def test_migration_0003_keeps_rows_and_makes_the_key_composite(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{db}")
    cfg = Config()
    cfg.set_main_option("script_location", "catalog:migrations")
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "0002")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO schools (id, name, district, level, area, students, lat, lon, "
                "facilities, teacher_strengths, exempt_students, after_school_slots) VALUES "
                "('S1', '甲', '天元区', '小学', '城区', 10, 27.8, 113.1, '[]', '[]', 0, '[]')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO survey_responses (respondent_key, school_id, respondent, grade, "
                "interests, preferred_domains, preferred_days, pickup_time, semester) VALUES "
                f"('{KEY}', 'S1', '学生', 3, '足球', '[]', '[]', '', '2026秋')"
            )
        )
    engine.dispose()
    with open_store(Settings(db=str(db))) as store:
        (row,) = store.records(Kind.SURVEY)
        assert isinstance(row, SurveyResponse) and row.interests == "足球"
    pk = inspect(create_engine(f"sqlite:///{db}")).get_pk_constraint("survey_responses")
    assert sorted(pk["constrained_columns"]) == ["respondent_key", "school_id"]
