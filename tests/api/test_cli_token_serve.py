"""`kehou token create` prints a working token once; `kehou serve` answers over real HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from api.cli import app
from catalog import Settings, open_store
from catalog._store_auth import find_token
from tests.api.conftest import SCHOOL

KEHOU = str(Path(sys.executable).with_name("kehou"))


def test_token_create_prints_a_working_secret_once(api_settings: Settings) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["token", "create", "--role", "planner", "--school", SCHOOL, "--db", api_settings.db]
    )
    assert result.exit_code == 0, result.output
    secret = result.stdout.strip()
    assert secret.startswith("kh_") and len(secret) > 40
    with open_store(api_settings) as store:
        info = find_token(store, secret)
    assert info is not None and (info.role, info.school_id) == ("planner", SCHOOL)
    doc = json.loads(
        runner.invoke(
            app, ["token", "create", "--role", "bureau", "--json", "--db", api_settings.db]
        ).stdout
    )
    assert doc["role"] == "bureau" and doc["school_id"] is None and doc["token"] != secret


def test_token_create_refuses_bad_combinations(api_settings: Settings) -> None:
    runner = CliRunner()
    base = ["token", "create", "--db", api_settings.db]
    assert runner.invoke(app, [*base, "--role", "planner"]).exit_code == 1
    assert runner.invoke(app, [*base, "--role", "bureau", "--school", SCHOOL]).exit_code == 1
    assert runner.invoke(app, [*base, "--role", "planner", "--school", "NOPE"]).exit_code == 1
    assert runner.invoke(app, [*base, "--role", "admin"]).exit_code == 2


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_up(url: str, proc: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, "kehou serve exited early"
        try:
            if httpx.get(url, timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"kehou serve did not answer within {seconds}s")


def test_kehou_serve_answers_over_http(api_settings: Settings) -> None:
    runner = CliRunner()
    made = runner.invoke(
        app, ["token", "create", "--role", "planner", "--school", SCHOOL, "--db", api_settings.db]
    )
    secret = made.stdout.strip()
    port = _free_port()
    env = os.environ | {"KEHOU_HMAC_SECRET": "test-secret"}
    cmd = [
        KEHOU,
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--backend",
        "tfidf",
        "--db",
        api_settings.db,
    ]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_up(f"{base}/health", proc, 60.0)
        head = {"Authorization": f"Bearer {secret}"}
        me = httpx.get(f"{base}/me", headers=head, timeout=10.0)
        assert me.json()["school_id"] == SCHOOL
        assert httpx.get(f"{base}/schools/TY02", headers=head, timeout=10.0).status_code == 403
        assert httpx.get(f"{base}/schools", timeout=10.0).status_code == 401
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    assert proc.returncode is not None


def test_serve_on_a_port_in_use_is_one_plain_line_and_exit_1(api_settings: Settings) -> None:
    """The socket is bound before anything is printed: no "serving on", no traceback."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        env = os.environ | {"KEHOU_HMAC_SECRET": "test-secret", "COLUMNS": "300"}
        cmd = [sys.executable, "-m", "api.cli", "serve", "--port", str(port)]
        done = subprocess.run(
            [*cmd, "--backend", "tfidf", "--db", api_settings.db],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert done.returncode == 1 and done.stdout == ""
    lines = [line for line in done.stderr.splitlines() if not line.startswith("数据库")]
    assert len(lines) == 1 and f"127.0.0.1:{port}" in lines[0], done.stderr
    assert "serving on" not in done.stderr and "Traceback" not in done.stderr


def test_read_only_commands_refuse_a_missing_database(tmp_path: Path) -> None:
    """No silent empty ./kehou.db: the command names the database and says how to get one."""
    env = {k: v for k, v in os.environ.items() if k != "KEHOU_DB"} | {"COLUMNS": "300"}
    for args in (["stats"], ["check"], ["recommend", "--school", "LL01"], ["allocate"]):
        done = subprocess.run(
            [sys.executable, "-m", "api.cli", *args],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 1, (args, done.stderr)
        assert (
            "kehou.db" in done.stderr
            and "make demo" in done.stderr
            and "Traceback" not in done.stderr
        )
        assert not (tmp_path / "kehou.db").exists(), args
