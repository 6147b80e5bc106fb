"""`kehou purge --before S` removes exactly the survey rows of earlier semesters, and logs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from api.cli import app
from catalog import Settings, open_store
from catalog._importer import import_paths
from catalog._store_auth import audit_rows, semester_key
from catalog._store_tables import SurveyResponseRow
from tests.api.conftest import demo_settings

ROWS = "school_id,respondent_id,respondent,grade,interests,preferred_domains,preferred_days\n"


def _by_semester(settings: Settings) -> dict[str, int]:
    with open_store(settings) as store, Session(store.engine) as session:
        query = select(SurveyResponseRow.semester, func.count()).group_by(
            SurveyResponseRow.semester
        )
        return {str(sem): int(n) for sem, n in session.execute(query).all()}


@pytest.fixture
def old_and_new(tmp_path: Path) -> Settings:
    """The demo (2026春, 2026秋) plus 3 rows of 2025秋, 2 of 2026春 and 1 with no semester."""
    settings = demo_settings(tmp_path)
    for semester, count in (("2025秋", 3), ("2026春", 2), ("", 1)):
        csv = tmp_path / f"surveys_{semester or 'none'}.csv"
        lines = [f"TY01,R{semester}{n},学生,3,足球,体,周一下午" for n in range(count)]
        csv.write_text(ROWS + "\n".join(lines) + "\n", encoding="utf-8")
        import_paths([csv], settings, semester=semester, user="test")
    return settings


@pytest.mark.parametrize(
    ("label", "key"),
    [("2026秋", (2026, 2)), ("2027春", (2027, 1)), ("2026-2027-1", (2026, 2)),
     ("2026-2027-2", (2027, 1)), ("2026 autumn", (2026, 2)), ("", None), ("上学期", None)],
)  # fmt: skip
def test_semester_order(label: str, key: tuple[int, int] | None) -> None:
    assert semester_key(label) == key


def test_purge_removes_exactly_the_older_semesters(old_and_new: Settings) -> None:
    before = _by_semester(old_and_new)
    assert before["2025秋"] == 3 and before["2026春"] >= 2 and before[""] == 1
    older = {"2025秋": 3, "2026春": before["2026春"]}  # the demo has 2026春 rows of its own
    runner = CliRunner()
    args = ["purge", "--before", "2026秋", "--json", "--db", old_and_new.db]
    dry = json.loads(runner.invoke(app, [*args, "--dry-run"]).stdout)
    assert dry["total"] == sum(older.values()) and _by_semester(old_and_new) == before
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["deleted"] == older
    assert doc["kept_unknown_semester"] == {"": 1}
    after = _by_semester(old_and_new)
    assert after == {"2026秋": before["2026秋"], "": 1}
    with open_store(old_and_new) as store:
        last = audit_rows(store)[-1]
    detail = f"before=2026秋 rows={sum(older.values())}"
    assert (last.action, last.role, last.detail) == ("surveys.purge", "cli", detail)


def test_purge_refuses_an_unknown_semester(old_and_new: Settings) -> None:
    result = CliRunner().invoke(app, ["purge", "--before", "去年", "--db", old_and_new.db])
    assert result.exit_code == 1
    assert _by_semester(old_and_new)["2025秋"] == 3
