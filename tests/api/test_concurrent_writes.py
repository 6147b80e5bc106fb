"""Concurrent writers (issue 11): uploads over a real server and CLI imports started together
all land (BEGIN IMMEDIATE waits for the lock); a lock that outlasts the retries is a clear
message (API: JSON 503; CLI: exit 1, one line), never an SQL dump."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api import create_app
from api.cli import app as cli
from catalog import DatabaseBusy, Kind, Settings, open_store
from catalog._store_auth import create_token
from tests.api.conftest import TEST_CONFIG, bearer, demo_settings
from tests.api.live_server import live_server
from tests.catalog.import_files import GOOD, write_files

ROOT = Path(__file__).resolve().parents[2]
SCHOOLS = ("TY01", "TY02", "LL01", "HT01")


def survey_csv(school: str, batch: int) -> bytes:
    lines = ["respondent_id,respondent,grade,interests"]
    lines += [f"C{batch}-{n},学生,3,足球和围棋" for n in range(20)]
    return "\n".join(lines).encode("utf-8")


@pytest.fixture
def busy_db(tmp_path: Path) -> Settings:
    return demo_settings(tmp_path)


def test_parallel_uploads_over_http_all_land(busy_db: Settings) -> None:
    with open_store(busy_db) as store:
        tokens = {s: create_token(store, "planner", s)[0] for s in SCHOOLS}
        before = store.counts()["surveys"]
    jobs = [(school, n) for n in range(6) for school in SCHOOLS]  # 24 uploads

    def post(url: str, job: tuple[str, int]) -> httpx.Response:
        school, n = job
        return httpx.post(
            f"{url}/schools/{school}/surveys",
            headers=bearer(tokens[school]),
            files={"file": ("surveys.csv", survey_csv(school, n), "text/csv")},
            data={"semester": "2026秋"},
            timeout=120,
        )

    with live_server(create_app(busy_db, TEST_CONFIG)) as url, ThreadPoolExecutor(8) as pool:
        replies = list(pool.map(lambda job: post(url, job), jobs))
    assert [r.status_code for r in replies] == [200] * len(jobs), [r.text for r in replies]
    with open_store(busy_db) as store:
        assert store.counts()["surveys"] == before + 20 * len(jobs)


def test_cli_imports_started_together_all_land(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    data = write_files(tmp_path / "in", GOOD)
    assert (
        CliRunner().invoke(cli, ["import", str(data / "schools.csv"), "--db", str(db)]).exit_code
        == 0
    )
    files = []
    for n in range(4):
        lines = ["school_id,respondent_id,respondent,grade,interests"]
        lines += [f"S1,P{n}-{i},家长,2,书法" for i in range(50)]
        path = tmp_path / f"surveys_{n}.csv"
        path.write_text("\n".join(lines), encoding="utf-8")
        files.append(path)
    cmd = [sys.executable, "-m", "api.cli", "import", "--db", str(db), "--semester", "2026秋"]
    procs = [
        subprocess.Popen([*cmd, str(f)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for f in files
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [e.decode()[-500:] for _, e in results]
    with open_store(Settings(db=str(db))) as store:
        assert store.counts()["surveys"] == 200


@pytest.fixture
def planner(busy_db: Settings) -> str:
    with open_store(busy_db) as store:
        return create_token(store, "planner", "TY01")[0]


@pytest.fixture
def held_lock(
    busy_db: Settings, planner: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """Another process's write transaction holds the lock; this one waits only briefly."""
    monkeypatch.setattr("catalog._store_engine.BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(busy_db.db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield busy_db
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_held_lock_is_a_clear_503_over_the_api(held_lock: Settings, planner: str) -> None:
    app = create_app(held_lock, TEST_CONFIG)
    with TestClient(app) as client:
        reply = client.post(
            "/schools/TY01/surveys",
            headers=bearer(planner),
            files={"file": ("surveys.csv", survey_csv("TY01", 9), "text/csv")},
        )
    assert reply.status_code == 503
    error = reply.json()["error"]
    assert error["code"] == "busy" and "try again" in error["message"]
    assert "SELECT" not in reply.text and "INSERT" not in reply.text


def test_a_held_lock_is_one_clear_line_from_the_cli(held_lock: Settings, tmp_path: Path) -> None:
    path = tmp_path / "surveys.csv"
    path.write_bytes(survey_csv("TY01", 1))
    args = ["import", str(path), "--school", "TY01", "--semester", "2026秋"]
    result = CliRunner().invoke(cli, [*args, "--db", held_lock.db])
    assert result.exit_code == 1
    assert "busy" in result.stderr and "INSERT" not in result.output
    assert len([line for line in result.stderr.splitlines() if line.strip()]) <= 3


def test_write_raises_database_busy_and_changes_nothing(held_lock: Settings) -> None:
    from catalog import LoadResult
    from catalog._store_auth import record_audit

    with open_store(held_lock) as store:
        before = store.counts()
        with pytest.raises(DatabaseBusy):
            record_audit(store, None, "x", None)
        school = store.records(Kind.SCHOOL)[0]
        with pytest.raises(DatabaseBusy):
            store.write([LoadResult("s.csv", Kind.SCHOOL, [school])])
    with open_store(held_lock) as store:
        assert store.counts() == before
