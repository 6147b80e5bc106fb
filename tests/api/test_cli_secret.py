"""`kehou serve` refuses the public default secret; `kehou demo` keeps its own beside its
database, so README's flow (demo → token create → serve on the demo database) still works."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from api.cli import app
from catalog import DEFAULT_SECRET, Settings, open_store
from tests.api.test_cli_token_serve import _free_port, _wait_up
from tests.catalog.import_files import GOOD, write_files

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_secret_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KEHOU_HMAC_SECRET", raising=False)


def test_serve_refuses_the_default_secret(no_secret_env: None, tmp_path: Path) -> None:
    db = str(tmp_path / "plain.db")
    open_store(Settings(db=db)).close()
    result = CliRunner().invoke(app, ["serve", "--db", db, "--port", str(_free_port())])
    assert result.exit_code == 1
    assert "KEHOU_HMAC_SECRET" in result.stderr and DEFAULT_SECRET in result.stderr
    assert "Traceback" not in result.output


def test_demo_keeps_its_own_secret_and_serve_uses_it(no_secret_env: None, tmp_path: Path) -> None:
    out = tmp_path / "demo-out"
    data = write_files(tmp_path / "in", GOOD)
    runner = CliRunner()
    demo = ["demo", "--out", str(out), "--data", str(data), "--backend", "tfidf"]
    assert runner.invoke(app, demo).exit_code == 0
    db = out / "kehou-demo.db"
    secret_file = Path(f"{db}.secret")
    first = secret_file.read_text(encoding="utf-8").strip()
    assert len(first) >= 32 and first != DEFAULT_SECRET
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert runner.invoke(app, demo).exit_code == 0  # a rerun keeps the same secret (same keys)
    assert secret_file.read_text(encoding="utf-8").strip() == first
    made = runner.invoke(
        app, ["token", "create", "--role", "planner", "--school", "S1", "--db", str(db)]
    )
    token = made.stdout.strip()
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "KEHOU_HMAC_SECRET"}
    env["PYTHONPATH"] = str(ROOT)
    cmd = [sys.executable, "-m", "api.cli", "serve", "--port", str(port), "--db", str(db)]
    proc = subprocess.Popen(
        [*cmd, "--backend", "tfidf"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_up(f"http://127.0.0.1:{port}/health", proc, 60.0)
        me = httpx.get(
            f"http://127.0.0.1:{port}/me", headers={"Authorization": f"Bearer {token}"}, timeout=10
        )
        assert me.status_code == 200 and me.json()["school_id"] == "S1"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
