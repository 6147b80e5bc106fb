"""The critical finding of issue 11, performed over a real HTTP server: a planner of LL01
uploads rows carrying TY01's respondent keys (computed with the secret, or copied out of the
database). Before the fix TY01 lost 50 respondents to LL01; now TY01 stays byte-for-byte equal.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from api import create_app
from api.cli import app as cli
from catalog import Kind, Settings, SurveyResponse, open_store, respondent_key
from catalog._store_auth import audit_rows, create_token
from catalog._store_tables import SurveyResponseRow
from tests.api.conftest import TEST_CONFIG, bearer, demo_settings
from tests.api.live_server import live_server

VICTIM, ATTACKER = "TY01", "LL01"
HEADER = ["school_id", "respondent_key", "respondent", "grade", "interests", "preferred_domains"]


@pytest.fixture
def attack_db(tmp_path: Path) -> Settings:
    """A writable copy of the demo data (2026秋), its own per test."""
    return demo_settings(tmp_path)


@pytest.fixture
def served(attack_db: Settings) -> Iterator[tuple[str, str]]:
    """(base URL, LL01 planner token) of a real uvicorn server on the attack database."""
    with open_store(attack_db) as store:
        token, _ = create_token(store, "planner", ATTACKER)
    with live_server(create_app(attack_db, TEST_CONFIG)) as url:
        yield url, token


def victim_rows(settings: Settings) -> list[SurveyResponse]:
    with open_store(settings) as store:
        rows = store.records(Kind.SURVEY)
    return [r for r in rows if isinstance(r, SurveyResponse) and r.school_id == VICTIM]


def stored_keys(settings: Settings, school: str) -> list[str]:
    """What an attacker with a copy of the database reads: the victim's keys."""
    with open_store(settings) as store, Session(store.engine) as session:
        query = select(SurveyResponseRow.respondent_key).where(
            SurveyResponseRow.school_id == school
        )
        return list(session.scalars(query))


def keyed_csv(keys: list[str], school: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for key in keys:
        writer.writerow([school, key, "学生", "3", "电竞和刷题", "智"])
    return out.getvalue().encode("utf-8")


def computed_keys(settings: Settings, count: int) -> list[str]:
    """TY01's keys from sequential ids, as anyone who knows the secret computes them."""
    scope = f"{VICTIM}|2026秋"
    return [
        respondent_key(f"S26{n:04d}", settings.hmac_secret, scope=scope)
        for n in range(1, count + 1)
    ]


def upload(url: str, token: str, body: bytes, school: str = ATTACKER) -> httpx.Response:
    files = {"file": ("surveys.csv", body, "text/csv")}
    return httpx.post(
        f"{url}/schools/{school}/surveys",
        headers=bearer(token),
        files=files,
        data={"semester": "2026秋"},
        timeout=60,
    )


def test_computed_victim_keys_are_refused_and_the_victim_is_untouched(
    attack_db: Settings, served: tuple[str, str]
) -> None:
    url, token = served
    before = victim_rows(attack_db)
    keys = computed_keys(attack_db, 50)
    assert len(set(keys) & {r.respondent_key for r in before}) == 50  # the attack is real
    response = upload(url, token, keyed_csv(keys, ATTACKER))
    assert response.status_code == 422
    error = response.json()["error"]
    assert "respondent_key" in error["problems"][0]["reason"]
    assert not any(key in response.text for key in keys)  # the reply names no key
    assert victim_rows(attack_db) == before


def test_keys_copied_from_the_database_are_refused_too(
    attack_db: Settings, served: tuple[str, str]
) -> None:
    url, token = served
    before = victim_rows(attack_db)
    keys = stored_keys(attack_db, VICTIM)[:50]
    for school in (ATTACKER, VICTIM):
        response = upload(url, token, keyed_csv(keys, school))
        assert response.status_code in (403, 422)
        assert not any(key in response.text for key in keys)
    upload(url, token, keyed_csv(keys, VICTIM), school=VICTIM)
    assert victim_rows(attack_db) == before


def test_an_upload_with_the_victims_raw_ids_lands_in_the_planners_school_only(
    attack_db: Settings, served: tuple[str, str]
) -> None:
    """Raw ids equal to TY01's are hashed within LL01: new LL01 rows, TY01 unchanged."""
    url, token = served
    before = victim_rows(attack_db)
    lines = ["school_id,respondent_id,respondent,grade,interests"]
    lines += [f"{ATTACKER},S26{n:04d},学生,3,足球" for n in range(1, 51)]
    response = upload(url, token, "\n".join(lines).encode("utf-8"))
    assert response.status_code == 200, response.text
    assert response.json()["updated"]["surveys"] == 0
    assert victim_rows(attack_db) == before


def test_another_schools_url_is_refused_and_audited(
    attack_db: Settings, served: tuple[str, str]
) -> None:
    url, token = served
    lines = ["respondent_id,respondent,grade,interests", "X1,学生,3,足球"]
    response = upload(url, token, "\n".join(lines).encode("utf-8"), school=VICTIM)
    assert response.status_code == 403
    with open_store(attack_db) as store:
        denied = [row for row in audit_rows(store, VICTIM) if row.action == "denied"]
    assert denied and denied[-1].role == "planner"


def test_the_store_never_lets_a_key_move_a_row_between_schools(attack_db: Settings) -> None:
    """The root cause, at the storage layer: identity is (school, key)."""
    from catalog import LoadResult

    before = victim_rows(attack_db)
    stolen = [
        r.model_copy(update={"school_id": ATTACKER, "interests": "电竞"}) for r in before[:50]
    ]
    with open_store(attack_db) as store:
        summary = store.write([LoadResult("x.csv", Kind.SURVEY, list(stolen))])
    assert summary.inserted["surveys"] == 50 and summary.updated["surveys"] == 0
    assert victim_rows(attack_db) == before


def test_a_cli_import_of_copied_keys_touches_only_the_files_school(
    attack_db: Settings, tmp_path: Path
) -> None:
    """The CLI may re-import exported keys, but only as rows of the school the file names."""
    before = victim_rows(attack_db)
    path = tmp_path / "surveys.csv"
    path.write_bytes(keyed_csv(stored_keys(attack_db, VICTIM)[:50], ATTACKER))
    result = CliRunner().invoke(
        cli, ["import", str(path), "--semester", "2026秋", "--json", "--db", attack_db.db]
    )
    assert result.exit_code == 0, result.output
    assert victim_rows(attack_db) == before
