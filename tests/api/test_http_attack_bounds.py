"""The XLSX bomb of issue 11 through the API and the CLI: refused fast with a clear message,
as JSON (API) or one exit-1 error (CLI), and nothing changes."""

from __future__ import annotations

import json
import time
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.cli import app
from catalog import Settings, open_store
from tests.api.conftest import SCHOOL, Tokens, bearer
from tests.catalog.xlsx_bombs import far_cell_xlsx


def test_the_api_refuses_an_xlsx_bomb_as_json(
    api_client: TestClient, api_settings: Settings, api_tokens: Tokens, tmp_path: Path
) -> None:
    bomb = far_cell_xlsx(tmp_path / "surveys.xlsx", dimension=None).read_bytes()
    with open_store(api_settings) as store:
        before = store.fingerprint()
    started = time.perf_counter()
    reply = api_client.post(
        f"/schools/{SCHOOL}/surveys",
        headers=bearer(api_tokens.planner),
        files={"file": ("surveys.xlsx", bomb, "application/octet-stream")},
    )
    assert time.perf_counter() - started < 10
    assert reply.status_code == 422
    (problem,) = reply.json()["error"]["problems"]
    assert problem["file"] == "surveys.xlsx" and "limit" in problem["reason"]
    with open_store(api_settings) as store:
        assert store.fingerprint() == before


def test_the_cli_refuses_an_xlsx_bomb_with_exit_1(tmp_path: Path) -> None:
    bomb = far_cell_xlsx(tmp_path / "surveys.xlsx")
    db = str(tmp_path / "k.db")
    result = CliRunner().invoke(app, ["import", str(bomb), "--db", db, "--json"])
    assert result.exit_code == 1
    (problem,) = json.loads(result.stdout)["problems"]
    assert "XFD" not in problem["reason"] and "1048576" in problem["reason"]
