"""The planner's 选课 page: upload choices, see rosters and figures; bad files listed by row;
another school's page refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api import create_app
from catalog import Settings
from tests.api.conftest import OTHER, SCHOOL, TEST_CONFIG, Tokens, bearer


@pytest.fixture(scope="module")
def web_app(api_settings: Settings) -> Iterator[FastAPI]:
    with TestClient(create_app(api_settings, TEST_CONFIG)) as client:
        yield client.app  # type: ignore[misc]


def _client(app: FastAPI, token: str) -> TestClient:
    client = TestClient(app, follow_redirects=False)
    assert client.post("/web/login", data={"token": token}).status_code == 303
    return client


def _upload(client: TestClient, school: str, body: str) -> object:
    return client.post(
        f"/web/schools/{school}/enrolment",
        files={"file": ("选课.csv", body.encode("utf-8"), "text/csv")},
        data={"mechanism": "rsd", "seed": "5", "min_choices": "1"},
    )


def test_upload_shows_rosters_and_figures(
    web_app: FastAPI, api_tokens: Tokens, api_settings: Settings
) -> None:
    client = _client(web_app, api_tokens.planner)
    form = client.get(f"/web/schools/{SCHOOL}/enrolment")
    assert form.status_code == 200
    assert f'name="seed" id="seed" value="{api_settings.seed}"' in form.text  # the CLI's seed
    timetable = TestClient(web_app).get(
        f"/schools/{SCHOOL}/programme", headers=bearer(api_tokens.planner)
    )
    first = timetable.json()["timetable"][0]
    body = "学号,年级,第一志愿\n" + "".join(f"W{i},5,{first['item_id']}\n" for i in range(4))
    response = _upload(client, SCHOOL, body)
    assert response.status_code == 200, response.text  # type: ignore[attr-defined]
    html = response.text  # type: ignore[attr-defined]
    assert 'id="enrol-stats"' in html and "W0" in html and first["title"] in html


def test_bad_file_lists_rows_and_other_school_is_refused(
    web_app: FastAPI, api_tokens: Tokens
) -> None:
    client = _client(web_app, api_tokens.planner)
    response = _upload(client, SCHOOL, "学号,年级,第一志愿\nA,5,不存在的课\n")
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert 'id="problems"' in response.text and "不存在的课" in response.text  # type: ignore[attr-defined]
    assert client.get(f"/web/schools/{OTHER}/enrolment").status_code == 403
    assert _upload(client, OTHER, "学号,年级,第一志愿\nA,5,C1\n").status_code == 403  # type: ignore[attr-defined]
