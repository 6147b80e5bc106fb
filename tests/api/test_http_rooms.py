"""A planner uploads the school's rooms (场地) over HTTP and on the web page: the rows land
under the URL's school, another school's row is refused (403, audited) and a bad cell names its
row and column; a refused file changes nothing. Real SQLite, the real app."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from catalog import Kind, SchoolRoom, Settings, open_store
from catalog._store_auth import audit_rows
from tests.api.conftest import (
    OTHER,
    SCHOOL,
    Tokens,
    bearer,
    own_app,
)

ROOMS = "场地类型,间数,座位数\n计算机教室,2,45\n舞蹈房,1,\n"  # no school column: the URL's


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Tokens, Settings]]:
    with own_app(tmp_path_factory.mktemp("rooms")) as served:
        yield served


def _rooms(settings: Settings, school: str) -> dict[str, tuple[int, int | None]]:
    with open_store(settings) as store:
        rows = [r for r in store.records(Kind.ROOM) if isinstance(r, SchoolRoom)]
    return {r.room_type: (r.count, r.seats) for r in rows if r.school_id == school}


def _post(client: TestClient, token: str, school: str, body: str) -> object:
    files = {"file": ("场地.csv", body.encode("utf-8-sig"), "text/csv")}
    return client.post(f"/schools/{school}/rooms", headers=bearer(token), files=files)


def _refused(client: TestClient, settings: Settings, token: str, body: str, status: int) -> Any:
    """Post `body`, expect `status`, and check the database did not change."""
    with open_store(settings) as store:
        before = store.fingerprint()
    response = _post(client, token, SCHOOL, body)
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    with open_store(settings) as store:
        assert store.fingerprint() == before
    return response


def test_rooms_land_under_the_schools_id(app: tuple[TestClient, Tokens, Settings]) -> None:
    client, tokens, settings = app
    response = _post(client, tokens.planner, SCHOOL, ROOMS)
    assert response.status_code == 200, response.text  # type: ignore[attr-defined]
    assert response.json()["files"][0]["kind"] == "rooms"  # type: ignore[attr-defined]
    rooms = _rooms(settings, SCHOOL)
    assert rooms["计算机教室"] == (2, 45) and rooms["舞蹈房"] == (1, None)


def test_another_schools_row_is_refused_and_audited(
    app: tuple[TestClient, Tokens, Settings],
) -> None:
    client, tokens, settings = app
    body = f"学校编号,场地类型,间数\n{SCHOOL},美术室,1\n{OTHER},美术室,9\n"
    _refused(client, settings, tokens.planner, body, 403)
    with open_store(settings) as store:
        denied = [a for a in audit_rows(store, OTHER) if a.action == "denied"]
        denied = [a for a in denied if a.detail.startswith("rooms.upload")]
    assert denied, "the attempt on another school is in the audit log"


def test_bad_cell_names_row_and_column_and_changes_nothing(
    app: tuple[TestClient, Tokens, Settings],
) -> None:
    client, tokens, settings = app
    body = "场地类型,间数\n美术室,1\n实验室,很多\n"
    problems = _refused(client, settings, tokens.planner, body, 422).json()["error"]["problems"]
    assert any(p["row"] == 3 and "间数" in (p["column"] or "") for p in problems), problems


def test_web_upload_page_takes_rooms(app: tuple[TestClient, Tokens, Settings]) -> None:
    client, tokens, settings = app
    web = TestClient(client.app, follow_redirects=False)
    assert web.post("/web/login", data={"token": tokens.planner}).status_code == 303
    body = "场地类型,间数,座位数\n科学实验室,3,48\n".encode()
    done = web.post(
        f"/web/schools/{SCHOOL}/upload",
        files={"file": ("场地.csv", body, "text/csv")},
        data={"what": "rooms"},
    )
    assert done.status_code == 200 and 'id="upload-ok"' in done.text, done.text
    assert _rooms(settings, SCHOOL)["科学实验室"] == (3, 48)
