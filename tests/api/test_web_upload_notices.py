"""The web upload page tells the planner what the import ignored or guessed, as the CLI does."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api import create_app
from tests.api.conftest import SCHOOL, TEST_CONFIG, demo_settings, make_tokens

SURVEYS = (
    "school_id,respondent_id,respondent,grade,interests,preferred_days,备注\n"
    f"{SCHOOL},W1,学生,3,足球,周一下午,随便写写\n"
    f"{SCHOOL},W2,家长,4,书法 联系电话13812345678,周三下午,\n"
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    settings = demo_settings(Path(tmp_path_factory.mktemp("web-upload")))
    planner = make_tokens(settings).planner
    client = TestClient(create_app(settings, TEST_CONFIG), follow_redirects=False)
    assert client.post("/web/login", data={"token": planner}).status_code == 303
    return client


def test_upload_page_lists_ignored_columns_scrubbed_answers_and_the_column_map(
    client: TestClient,
) -> None:
    response = client.post(
        f"/web/schools/{SCHOOL}/upload",
        files={"file": ("surveys.csv", SURVEYS.encode(), "text/csv")},
        data={"semester": "2026秋"},
    )
    assert response.status_code == 200, response.text
    page = response.text
    assert 'id="upload-ok"' in page and 'id="notices"' in page
    assert 'data-code="unknown_column"' in page and "备注" in page
    assert "13812345678" not in page
    assert 'id="columns"' in page and "interests" in page


def test_a_clean_file_shows_no_notice_table(client: TestClient) -> None:
    clean = "\n".join(line.rsplit(",", 1)[0] for line in SURVEYS.splitlines()[:2])
    clean = clean.replace(",备注", "") + "\n"
    response = client.post(
        f"/web/schools/{SCHOOL}/upload",
        files={"file": ("surveys.csv", clean.encode(), "text/csv")},
        data={"semester": "2026秋"},
    )
    assert response.status_code == 200, response.text
    assert 'id="upload-ok"' in response.text and 'id="notices"' not in response.text
