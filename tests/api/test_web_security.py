"""Medium findings of issue 11, performed: revoked and expired tokens, server-side web sessions
(a copied cookie dies at sign-out), Secure cookies behind HTTPS, cross-site form posts (login
included), security headers, JSON for errors outside handlers, and /health on a damaged file."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api import create_app
from api.cli import app as cli
from catalog import Settings, open_store, revoke_token
from catalog._store_auth import audit_rows, create_token
from tests.api.conftest import SCHOOL, TEST_CONFIG, bearer, demo_settings
from tests.api.live_server import live_server

EVIL = "https://evil.example"


@pytest.fixture(scope="module")
def sec_db(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return demo_settings(tmp_path_factory.mktemp("sec"))


@pytest.fixture(scope="module")
def client(sec_db: Settings) -> TestClient:
    return TestClient(create_app(sec_db, TEST_CONFIG), follow_redirects=False)


def _token(settings: Settings, **kwargs: float) -> tuple[str, int]:
    with open_store(settings) as store:
        secret, info = create_token(store, "planner", SCHOOL, **kwargs)  # type: ignore[arg-type]
    return secret, info.id


def _sign_in(app_client: TestClient, token: str) -> str:
    reply = app_client.post("/web/login", data={"token": token})
    assert reply.status_code == 303, reply.text
    session = reply.cookies.get("kehou_session")
    assert session
    return session


def _page(app_client: TestClient, session: str) -> int:
    fresh = TestClient(app_client.app, follow_redirects=False)
    fresh.cookies.set("kehou_session", session, path="/web")
    return fresh.get(f"/web/schools/{SCHOOL}/upload").status_code


def test_a_revoked_token_stops_at_once_on_the_api_and_the_web(
    sec_db: Settings, client: TestClient
) -> None:
    token, token_id = _token(sec_db)
    session = _sign_in(client, token)
    assert client.get("/me", headers=bearer(token)).status_code == 200
    runner = CliRunner()
    assert runner.invoke(cli, ["token", "revoke", str(token_id), "--db", sec_db.db]).exit_code == 0
    assert client.get("/me", headers=bearer(token)).status_code == 401
    assert _page(client, session) == 303  # its web session ended too
    listed = json.loads(runner.invoke(cli, ["token", "list", "--json", "--db", sec_db.db]).stdout)
    mine = next(t for t in listed["tokens"] if t["id"] == token_id)
    assert mine["status"] == "revoked" and token not in json.dumps(listed)
    assert runner.invoke(cli, ["token", "revoke", "99999", "--db", sec_db.db]).exit_code == 1


def test_an_expired_token_is_refused(sec_db: Settings, client: TestClient) -> None:
    token, _ = _token(sec_db, expires_days=1 / 86400 / 5)  # 0.2 s
    time.sleep(0.4)
    assert client.get("/me", headers=bearer(token)).status_code == 401
    assert client.post("/web/login", data={"token": token}).status_code == 401
    made = CliRunner().invoke(
        cli,
        [
            "token",
            "create",
            "--role",
            "bureau",
            "--expires-days",
            "30",
            "--json",
            "--db",
            sec_db.db,
        ],
    )
    assert json.loads(made.stdout)["role"] == "bureau"


def test_sign_out_ends_the_session_on_the_server(sec_db: Settings, client: TestClient) -> None:
    token, _ = _token(sec_db)
    session = _sign_in(client, token)
    assert _page(client, session) == 200
    copied = TestClient(client.app, follow_redirects=False)
    copied.cookies.set("kehou_session", session, path="/web")
    assert copied.post("/web/logout").status_code == 303
    assert _page(client, session) == 303  # a copy of the cookie no longer works


def test_the_cookie_is_secure_over_https(sec_db: Settings, client: TestClient) -> None:
    token, _ = _token(sec_db)
    plain = client.post("/web/login", data={"token": token})
    assert "secure" not in plain.headers["set-cookie"].lower()
    proxied = client.post(
        "/web/login", data={"token": token}, headers={"X-Forwarded-Proto": "https"}
    )
    assert "; secure" in proxied.headers["set-cookie"].lower()


def test_cross_site_posts_are_refused_login_included(sec_db: Settings, client: TestClient) -> None:
    token, _ = _token(sec_db)
    forged_login = client.post("/web/login", data={"token": token}, headers={"Origin": EVIL})
    assert forged_login.status_code == 403 and "set-cookie" not in forged_login.headers
    session = _sign_in(client, token)
    victim = TestClient(client.app, follow_redirects=False)
    victim.cookies.set("kehou_session", session, path="/web")
    for path, data in (
        (f"/web/schools/{SCHOOL}/swap", {"old": "C1", "new": "C2"}),
        ("/web/logout", {}),
        ("/web/bureau/allocate", {}),
    ):
        for header in ({"Origin": EVIL}, {"Referer": f"{EVIL}/x"}, {"Origin": "null"}):
            assert victim.post(path, data=data, headers=header).status_code == 403, path
    assert _page(client, session) == 200  # the forged sign-out did nothing
    same = victim.post("/web/logout", headers={"Origin": "http://testserver"})
    assert same.status_code == 303


def test_security_headers(client: TestClient) -> None:
    page = client.get("/web/login")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "same-origin"
    assert page.headers["cache-control"] == "no-store"
    assert client.get("/health").headers["cache-control"] == "no-store"
    css = client.get("/web/static/web.css")
    assert css.status_code == 200 and "no-store" not in css.headers.get("cache-control", "")


def test_errors_outside_handlers_are_documented_json(sec_db: Settings) -> None:
    app = create_app(sec_db, TEST_CONFIG)

    def boom() -> None:
        raise RuntimeError("secret detail /etc/passwd")

    app.add_api_route("/boom", boom)
    with live_server(app) as url:
        reply = httpx.get(f"{url}/boom", timeout=30)
    assert reply.status_code == 500
    assert reply.json()["error"]["code"] == "internal_error"
    assert "secret detail" not in reply.text


def test_health_sees_a_damaged_database(sec_db: Settings, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    with open_store(sec_db) as store, store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(sec_db.db, copy)
    settings = sec_db.model_copy(update={"db": str(copy)})
    app = create_app(settings, TEST_CONFIG)
    with TestClient(app) as healthy:
        assert healthy.get("/health").json()["database"] is True
    size = copy.stat().st_size
    with copy.open("r+b") as fh:  # scribble over pages in the middle of the file
        fh.seek(size // 2)
        fh.write(b"\xde\xad\xbe\xef" * 4096)
    with TestClient(app) as damaged:
        body = damaged.get("/health").json()
    assert body["database"] is False and body["status"] == "degraded"


def test_refused_cross_school_reads_are_audited(sec_db: Settings, client: TestClient) -> None:
    token, token_id = _token(sec_db)
    assert client.get("/schools/TY02", headers=bearer(token)).status_code == 403
    with open_store(sec_db) as store:
        rows = [r for r in audit_rows(store, "TY02") if r.action == "denied"]
    assert rows and rows[-1].token_id == token_id
    with open_store(sec_db) as store:
        revoke_token(store, token_id)
