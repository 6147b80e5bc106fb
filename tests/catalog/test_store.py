"""The store on a real SQLite file: round trips, upserts, counts, stats, atomic writes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from catalog import Course, ImportFailed, Kind, LoadResult, Settings, SurveyResponse
from catalog._store import Store, open_store
from catalog._store_tables import record_key
from tests.catalog.store_samples import batch, samples


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(Settings(db=str(tmp_path / "kehou.db"))) as opened:
        yield opened


@pytest.mark.parametrize("kind", list(Kind))
def test_round_trip_returns_the_records_written(store: Store, kind: Kind) -> None:
    store.write(batch())
    expected = sorted(samples()[kind], key=lambda r: record_key(kind, r))
    assert store.records(kind) == expected


def test_round_trip_survives_reopening_the_file(tmp_path: Path) -> None:
    settings = Settings(db=str(tmp_path / "k.db"))
    with open_store(settings) as first:
        first.write(batch())
    with open_store(settings) as second:
        surveys = second.records(Kind.SURVEY)
        assert surveys == sorted(samples()[Kind.SURVEY], key=lambda r: record_key(Kind.SURVEY, r))
        times = [s.submitted_at for s in surveys if isinstance(s, SurveyResponse)]
        assert {t.utcoffset() for t in times if t is not None} == {None, timedelta(hours=8)}


def test_get_by_id_and_by_respondent_key(store: Store) -> None:
    store.write(batch())
    course = samples()[Kind.COURSE][0]
    assert store.get(Kind.COURSE, "C1") == course
    assert store.get(Kind.COURSE, "nope") is None
    survey = samples()[Kind.SURVEY][0]
    assert isinstance(survey, SurveyResponse)
    assert store.get(Kind.SURVEY, survey.respondent_key) == survey


def test_write_counts_inserts_then_updates(store: Store) -> None:
    first = store.write(batch())
    assert dict(first.inserted) == {k.value: 2 for k in Kind}
    assert sum(first.updated.values()) == 0
    second = store.write(batch())
    assert sum(second.inserted.values()) == 0
    assert dict(second.updated) == {k.value: 2 for k in Kind}
    assert store.counts() == {k.value: 2 for k in Kind}


def test_upsert_replaces_an_existing_id(store: Store) -> None:
    store.write(batch())
    old = samples()[Kind.COURSE][0]
    assert isinstance(old, Course)
    new = old.model_copy(update={"title": "新名称", "tags": [], "provider_id": None})
    summary = store.write([LoadResult("more.csv", Kind.COURSE, [new])])
    assert summary.updated["courses"] == 1 and summary.inserted["courses"] == 0
    assert store.get(Kind.COURSE, "C1") == new
    assert store.counts()["courses"] == 2


def test_later_duplicate_in_one_batch_wins_and_counts_once(store: Store) -> None:
    old = samples()[Kind.COURSE][1]
    assert isinstance(old, Course)
    new = old.model_copy(update={"capacity": 99})
    summary = store.write([LoadResult("c.csv", Kind.COURSE, [old, new])])
    assert summary.inserted["courses"] == 1
    stored = store.get(Kind.COURSE, old.id)
    assert isinstance(stored, Course) and stored.capacity == 99


def test_plan_reports_without_writing(store: Store) -> None:
    store.write(batch({Kind.COURSE: samples()[Kind.COURSE][:1]}))
    before = store.fingerprint()
    plan = store.plan(batch({Kind.COURSE: samples()[Kind.COURSE]}))
    assert plan.dry_run and plan.inserted["courses"] == 1 and plan.updated["courses"] == 1
    assert store.fingerprint() == before


def test_a_refused_write_changes_nothing(store: Store) -> None:
    """A survey naming an unknown school breaks a foreign key: the whole batch rolls back."""
    store.write(batch({Kind.SCHOOL: samples()[Kind.SCHOOL]}))
    counts, before = store.counts(), store.fingerprint()
    bad = samples()[Kind.SURVEY][0].model_copy(update={"school_id": "NO-SUCH-SCHOOL"})
    good_course = samples()[Kind.COURSE][1]
    with pytest.raises(ImportFailed) as failed:
        store.write(
            [
                LoadResult("courses.csv", Kind.COURSE, [good_course]),
                LoadResult("surveys.csv", Kind.SURVEY, [bad]),
            ]
        )
    assert "nothing changed" in failed.value.problems[0].reason
    assert store.counts() == counts and store.fingerprint() == before


def test_stats_breakdowns(store: Store) -> None:
    store.write(batch())
    stats = store.stats()
    assert stats["counts"]["schools"] == 2
    assert stats["courses"]["by_domain"] == {"德": 0, "智": 0, "体": 1, "美": 1, "劳": 1}
    assert stats["specialists"]["by_kind"]["非遗传承人"] == 1
    assert stats["specialists"]["verified"] == 1
    assert stats["schools"]["by_district"] == {"天元区": 1, "茶陵县": 1}
    assert stats["schools"]["by_area"] == {"城区": 1, "县城": 0, "农村": 1}
    assert stats["schools"]["exempt_students"] == 25
    assert stats["surveys"]["by_school"] == {"S1": 1, "S2": 1}
    assert stats["surveys"]["by_respondent"] == {"学生": 1, "家长": 1}
    assert stats["institutions"]["admitted"] == 1
    assert stats["imports"]["count"] == 1


def test_write_logs_the_import(store: Store) -> None:
    summary = store.write(batch(), user="planner-7")
    again = store.write(batch())
    assert summary.log_id is not None and again.log_id == summary.log_id + 1
    assert store.stats()["imports"]["count"] == 2


def test_fingerprint_changes_with_content(store: Store) -> None:
    empty = store.fingerprint()
    store.write(batch())
    assert store.fingerprint() != empty
