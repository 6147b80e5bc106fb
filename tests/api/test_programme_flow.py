"""Stored programmes over HTTP: computed once and served with an ETag, planner edits saved as
versions, submission with the 家委会 / 公示 dates, the bureau's approval or return, every
version kept, a stale approved version still served, and a batch that never overwrites it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from catalog import Settings, history, open_store
from tests.api.conftest import (
    OTHER,
    SCHOOL,
    Tokens,
    bearer,
    own_app,
)

SEM = "2026秋"
URL = f"/schools/{SCHOOL}/programme"
SUBMIT = {"semester": SEM, "consulted_on": "2026-09-01", "notice_on": "2026-09-03"}


@pytest.fixture(scope="module")
def flow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Tokens, Settings]]:
    with own_app(tmp_path_factory.mktemp("flow")) as served:
        yield served


def _get(client: TestClient, token: str, **headers: str) -> Any:
    return client.get(URL, params={"semester": SEM}, headers=bearer(token) | headers)


def _alternative(client: TestClient, doc: dict[str, Any]) -> tuple[str, str]:
    """An (old, new) swap the page offers: an item in the plan and an eligible one outside it."""
    from api.web import planner_view
    from catalog import Kind, School

    state = client.app.state.kehou  # type: ignore[attr-defined]
    school = state.store.get(Kind.SCHOOL, SCHOOL)
    assert isinstance(school, School)
    view = planner_view(state, school, SEM)
    for old, alts in view.alternatives.items():
        if alts:
            return old, alts[0].id
    raise AssertionError("no alternative to swap in")


def test_the_whole_approval_flow(flow: tuple[TestClient, Tokens, Settings]) -> None:
    client, tokens, settings = flow
    first = _get(client, tokens.planner)
    assert first.status_code == 200
    doc = first.json()
    assert doc["stored"]["state"] == "draft" and doc["stored"]["version"] == 1
    assert (
        _get(client, tokens.planner, **{"If-None-Match": first.headers["etag"]}).status_code == 304
    )
    again = _get(client, tokens.planner)
    assert again.json() == doc  # served from the store, not recomputed into a new version

    old, new = _alternative(client, doc)
    edit = {"semester": SEM, "swap": [[old, new]], "reason": "家长希望换成这一项"}
    saved = client.post(f"{URL}/edits", json=edit, headers=bearer(tokens.planner))
    assert saved.status_code == 200, saved.text
    assert saved.json()["version"] == 2 and saved.json()["note"] == f"替换 {old}→{new}"
    edited = _get(client, tokens.planner).json()
    ids = [i["id"] for i in edited["items"]]
    assert new in ids and old not in ids and edited["stored"]["reason"] == edit["reason"]
    assert (
        _get(client, tokens.planner, **{"If-None-Match": first.headers["etag"]}).status_code == 200
    )

    bad = SUBMIT | {"notice_on": "2026-08-01"}  # 公示 before the 家委会: refused
    assert (
        client.post(f"{URL}/submission", json=bad, headers=bearer(tokens.planner)).status_code
        == 422
    )
    early = {"semester": SEM, "decision": "approve"}
    assert (
        client.post(f"{URL}/review", json=early, headers=bearer(tokens.bureau)).status_code == 409
    )
    sub = client.post(f"{URL}/submission", json=SUBMIT, headers=bearer(tokens.planner))
    assert sub.status_code == 200 and sub.json()["state"] == "submitted"
    assert sub.json()["consulted_on"] == "2026-09-01" and sub.json()["notice_on"] == "2026-09-03"
    again_edit = client.post(f"{URL}/edits", json=edit, headers=bearer(tokens.planner))
    assert again_edit.status_code == 409  # a submitted programme is not edited

    listed = client.get(
        "/programmes", params={"semester": SEM, "state": "submitted"}, headers=bearer(tokens.bureau)
    )
    assert [v["school_id"] for v in listed.json()["items"]] == [SCHOOL]
    no_comment = {"semester": SEM, "decision": "return"}
    assert (
        client.post(f"{URL}/review", json=no_comment, headers=bearer(tokens.bureau)).status_code
        == 422
    )
    ret = client.post(
        f"{URL}/review",
        json=no_comment | {"comment": "请补充劳育项目"},
        headers=bearer(tokens.bureau),
    )
    assert ret.status_code == 200 and ret.json()["state"] == "returned"
    assert _get(client, tokens.planner).json()["stored"]["comment"] == "请补充劳育项目"

    back = {"semester": SEM, "swap": [[new, old]], "reason": "按意见调整"}
    assert client.post(f"{URL}/edits", json=back, headers=bearer(tokens.planner)).status_code == 200
    assert (
        client.post(f"{URL}/submission", json=SUBMIT, headers=bearer(tokens.planner)).status_code
        == 200
    )
    ok = client.post(
        f"{URL}/review",
        json={"semester": SEM, "decision": "approve"},
        headers=bearer(tokens.bureau),
    )
    assert ok.status_code == 200 and ok.json()["state"] == "approved"

    versions = client.get(
        f"{URL}/versions", params={"semester": SEM}, headers=bearer(tokens.planner)
    ).json()
    assert [v["state"] for v in versions] == [
        "draft", "draft", "submitted", "returned", "draft", "submitted", "approved",
    ]  # fmt: skip
    assert versions[1]["author"].startswith("planner:") and versions[-1]["author"].startswith(
        "bureau:"
    )
    with open_store(settings) as store:
        actions = [v.action for v in history(store, SCHOOL, SEM)]
        audited = (
            store.engine.connect()
            .exec_driver_sql(
                "SELECT action FROM audit_log WHERE school_id = ? AND action LIKE 'programme.%'",
                (SCHOOL,),
            )
            .scalars()
            .all()
        )
    assert actions == ["computed", "edit", "submit", "return", "edit", "submit", "approve"]
    assert {"programme.edit", "programme.submit", "programme.return", "programme.approve"} <= set(
        audited
    )


def test_an_approved_programme_is_served_flagged_when_its_data_changes(
    flow: tuple[TestClient, Tokens, Settings],
) -> None:
    client, tokens, _settings = flow
    if _get(client, tokens.planner).json()["stored"]["state"] != "approved":
        test_the_whole_approval_flow(flow)
    before = _get(client, tokens.planner).json()
    body = (
        "school_id,respondent_id,respondent,grade,interests,preferred_domains,preferred_days\n"
        + "".join(f"{SCHOOL},NEW{n},学生,4,围棋和书法,美,周三\n" for n in range(5))
    ).encode()
    up = client.post(
        f"/schools/{SCHOOL}/surveys",
        headers=bearer(tokens.planner),
        files={"file": ("surveys.csv", body, "text/csv")},
        data={"semester": SEM},
    )
    assert up.status_code == 200, up.text
    after = _get(client, tokens.planner).json()
    assert after["stored"]["version"] == before["stored"]["version"]  # not rewritten
    assert after["items"] == before["items"] and after["stored"]["stale"] is True
    surveys = after["stored"]["changed_since"]["surveys"]
    assert surveys["now"] == surveys["before"] + 5


def test_a_batch_never_overwrites_a_submitted_or_approved_programme(
    flow: tuple[TestClient, Tokens, Settings], tmp_path: Path
) -> None:
    import json

    from api.batch import Batch
    from catalog import current_version

    client, tokens, settings = flow
    if _get(client, tokens.planner).json()["stored"]["state"] != "approved":
        test_the_whole_approval_flow(flow)
    other_url = f"/schools/{OTHER}/programme"
    assert (
        client.get(
            other_url, params={"semester": SEM}, headers=bearer(tokens.other_planner)
        ).status_code
        == 200
    )
    sub = client.post(f"{other_url}/submission", json=SUBMIT, headers=bearer(tokens.other_planner))
    assert sub.status_code == 200
    with open_store(settings) as store:
        kept = {s: current_version(store, s, SEM) for s in (SCHOOL, OTHER)}
        batch = Batch(store, settings, SEM, tmp_path / "out", backend="tfidf", time_limit=5.0)
        result = batch.run()
        for school, version in kept.items():
            now = current_version(store, school, SEM)
            assert now == version  # same row: nothing written over it
            on_disk = json.loads(
                (tmp_path / "out" / "programmes" / f"{school}.json").read_text("utf-8")
            )
            assert version is not None and on_disk == version.doc
        third = current_version(store, "TY03", SEM)
    assert third is not None and third.action == "batch" and third.state == "draft"
    assert {(k["school_id"], k["state"]) for k in result["kept"]} == {
        (SCHOOL, "approved"),
        (OTHER, "submitted"),
    }
    summary = json.loads((tmp_path / "out" / "bureau" / "summary.json").read_text("utf-8"))
    assert {k["school_id"] for k in summary["kept"]} == {SCHOOL, OTHER}
