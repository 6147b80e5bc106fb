"""Next semester starts from the last approved programme (real SQLite, the app over HTTP): the
newest approved version of an earlier semester wins over a newer draft, the signature continues
when demand holds, and changes with a stated reason when it collapses."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api import create_app
from api.batch import previous_programmes
from catalog import NewVersion, Settings, add_version
from catalog.demo_data import DEMO_DATA_DIR
from tests.api.conftest import (
    OTHER,
    SCHOOL,
    TEST_CONFIG,
    Tokens,
    bearer,
    demo_settings,
    make_tokens,
)

FIRST, NEXT = "2026秋", "2027春"
SUBMIT = {"semester": FIRST, "consulted_on": "2026-09-01", "notice_on": "2026-09-03"}


def _next_surveys(settings: Settings, folder: Path) -> None:
    """SCHOOL's families answer again in 2027春 (OTHER's do not: its demand collapses)."""
    from catalog._importer import import_paths

    with open(DEMO_DATA_DIR / "surveys.csv", encoding="utf-8-sig", newline="") as fh:
        rows = [
            r
            for r in csv.DictReader(fh)
            if r["school_id"] == SCHOOL and r.get("semester", "") in ("", FIRST)
        ]
    target = folder / "surveys.csv"
    with open(target, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**r, "semester": NEXT} for r in rows)
    import_paths([target], settings, semester=NEXT, user="test")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Tokens]]:
    folder = tmp_path_factory.mktemp("next")
    settings = demo_settings(folder)
    _next_surveys(settings, folder)
    tokens = make_tokens(settings)
    with TestClient(create_app(settings, TEST_CONFIG)) as client:
        yield client, tokens


def _get(client: TestClient, token: str, school: str, semester: str) -> Any:
    got = client.get(
        f"/schools/{school}/programme", params={"semester": semester}, headers=bearer(token)
    )
    assert got.status_code == 200, got.text
    return got.json()


def test_next_semester_starts_from_the_approved_programme(
    app: tuple[TestClient, Tokens],
) -> None:
    client, tokens = app
    url = f"/schools/{SCHOOL}/programme"
    first = _get(client, tokens.planner, SCHOOL, FIRST)
    assert "continuity" not in first  # nothing earlier to start from
    assert client.post(f"{url}/submission", json=SUBMIT, headers=bearer(tokens.planner)).is_success
    review = {"semester": FIRST, "decision": "approve"}
    assert client.post(f"{url}/review", json=review, headers=bearer(tokens.bureau)).is_success

    nxt = _get(client, tokens.planner, SCHOOL, NEXT)
    block = nxt["continuity"]
    assert block["previous_semester"] == FIRST and block["signature_kept"] is True
    assert nxt["signature"]["key"] == first["signature"]["key"]
    assert f"延续上学期特色‘{first['signature']['label']}’" in block["why"]
    staff = {i["id"]: i["staff"] for i in first["items"]}
    continued = [i for i in nxt["items"] if i["id"] in block["items_continued"]]
    assert continued  # the same families, the same classes, the same staff
    for item in continued:
        assert item["staff"] == staff[item["id"]]
        assert any(r.startswith("延续上学期，由原授课人承担") for r in item["reasons"])
    _page_shows_continuity(client, tokens.planner, block["why"], len(block["items_continued"]))


def _page_shows_continuity(client: TestClient, token: str, why: str, continued: int) -> None:
    """The planner's page and the printable report say it too, not only the JSON."""
    web = TestClient(client.app, follow_redirects=False)
    assert web.post("/web/login", data={"token": token}).status_code == 303
    for path in (f"/web/schools/{SCHOOL}", f"/web/schools/{SCHOOL}/report.html"):
        html = web.get(path, params={"semester": NEXT}).text
        assert 'id="continuity"' in html and why.split(" / ")[0] in html, path
        assert f"延续项目 {continued} 个" in html, path


def test_collapsed_demand_changes_the_signature_and_says_why(
    app: tuple[TestClient, Tokens],
) -> None:
    client, tokens = app
    first = _get(client, tokens.other_planner, OTHER, FIRST)  # a draft only: still the start
    assert first["signature"] is not None and first["signature"]["demand"] > 0
    nxt = _get(client, tokens.other_planner, OTHER, NEXT)  # nobody answered in 2027春
    block = nxt["continuity"]
    assert block["previous_semester"] == FIRST and block["signature_kept"] is False
    assert block["why"].startswith(f"上学期特色‘{first['signature']['label']}’")
    assert "本学期改为" in block["why"] and block["why"] in nxt["warnings"]


def test_the_newest_approved_version_wins_over_a_newer_draft(
    app: tuple[TestClient, Tokens],
) -> None:
    client, _tokens = app
    state = client.app.state.kehou  # type: ignore[attr-defined]
    store = state.store

    def put(semester: str, action: str, label: str) -> None:
        doc = {"school_id": "TY03", "signature": {"key": label, "label": label}, "items": []}
        add_version(store, "TY03", semester, NewVersion(action, "test", doc, {}, {"steps": []}))

    put("2026春", "batch", "围棋")
    put("2026春", "submit", "围棋")
    put("2026春", "approve", "围棋")
    put(FIRST, "batch", "足球")  # newer, but only a draft
    found = previous_programmes(store, NEXT, ["TY03"])
    assert found["TY03"][0] == "2026春" and found["TY03"][1]["signature"]["key"] == "围棋"
    assert previous_programmes(store, "2026春", ["TY03"]) == {}  # nothing earlier than that
    assert previous_programmes(store, "", ["TY03"]) == {}  # no semester: no memory


@pytest.mark.slow  # a whole semester batch over the demo city (about a minute)
def test_the_batch_starts_each_school_from_its_previous_programme(
    app: tuple[TestClient, Tokens], tmp_path: Path
) -> None:
    """`kehou batch --semester 2027春`: SCHOOL keeps its approved signature, OTHER's changes
    with the reason, a school with nothing stored earlier has no continuity block."""
    import json

    from api.batch import Batch
    from catalog import current_version

    client, tokens = app
    approved = _get(client, tokens.planner, SCHOOL, FIRST)
    if approved["stored"]["state"] != "approved":
        test_next_semester_starts_from_the_approved_programme(app)
        approved = _get(client, tokens.planner, SCHOOL, FIRST)
    _get(client, tokens.other_planner, OTHER, FIRST)
    state = client.app.state.kehou  # type: ignore[attr-defined]
    batch = Batch(state.store, state.settings, NEXT, tmp_path, backend="tfidf", time_limit=5.0)
    batch.run()
    docs = {
        s: json.loads((tmp_path / "programmes" / f"{s}.json").read_text("utf-8"))
        for s in (SCHOOL, OTHER, "TY05")
    }
    assert docs[SCHOOL]["continuity"]["signature_kept"] is True
    assert docs[SCHOOL]["signature"]["key"] == approved["signature"]["key"]
    assert docs[SCHOOL]["continuity"]["items_continued"]
    assert docs[OTHER]["continuity"]["signature_kept"] is False
    assert "本学期改为" in docs[OTHER]["continuity"]["why"]
    assert "continuity" not in docs["TY05"]
    stored = current_version(state.store, SCHOOL, NEXT)
    assert stored is not None and stored.doc["continuity"] == docs[SCHOOL]["continuity"]
