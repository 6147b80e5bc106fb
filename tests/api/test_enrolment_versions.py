"""After 选课 over HTTP: enrolled counts become a new stored programme version (real SQLite,
real solver), nothing stored when nothing changed or while the bureau reviews, an approved
programme never changed in place, and only the school's own planner may do it."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api import create_app
from catalog import Settings, history, open_store
from tests.api.conftest import (
    SCHOOL,
    TEST_CONFIG,
    Tokens,
    bearer,
    demo_settings,
    make_tokens,
    own_app,
)

SEM = "2026秋"
URL = f"/schools/{SCHOOL}"
SUBMIT = {"semester": SEM, "consulted_on": "2026-09-01", "notice_on": "2026-09-03"}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Tokens, Settings]]:
    with own_app(tmp_path_factory.mktemp("enrolsize")) as served:
        yield served


def _programme(client: TestClient, tokens: Tokens) -> dict[str, Any]:
    got = client.get(f"{URL}/programme", params={"semester": SEM}, headers=bearer(tokens.planner))
    assert got.status_code == 200, got.text
    return dict(got.json())


def _enrol(client: TestClient, token: str, students: int, item: str) -> Any:
    lines = ["学号,年级,第一志愿"] + [f"N{i},5,{item}" for i in range(students)]
    return client.post(
        f"{URL}/enrolment",
        headers=bearer(token),
        files={"file": ("选课.csv", ("\n".join(lines) + "\n").encode(), "text/csv")},
        data={"semester": SEM, "min_choices": "1", "per_week": "1", "seed": "5"},
    )


def _meetings(doc: dict[str, Any]) -> Counter[tuple[str, str, str]]:
    return Counter(
        (r["item_id"], r["slot"], r["start"]) for r in doc["timetable"] if r["kind"] == "activity"
    )


def _versions(settings: Settings) -> list[Any]:
    with open_store(settings) as store:
        return history(store, SCHOOL, SEM)


def test_enrolment_stores_a_new_version_with_the_counts(
    env: tuple[TestClient, Tokens, Settings],
) -> None:
    client, tokens, settings = env
    before = _programme(client, tokens)
    busy = max(_meetings(before).items(), key=lambda kv: kv[1])[0]
    # an outsider first: the other school's planner gets 403 and nothing is stored
    assert _enrol(client, tokens.other_planner, 3, busy[0]).status_code == 403
    assert len(_versions(settings)) == 1
    reply = _enrol(client, tokens.planner, 3, busy[0])
    assert reply.status_code == 200, reply.text
    doc = reply.json()
    stored = doc["programme"]
    assert stored["stored"] and stored["state"] == "draft" and stored["derived_from"] == 1
    after = _programme(client, tokens)
    assert after["enrolled"] is True and after["stored"]["action"] == "enrolment"
    # every weekly meeting now holds what enrolment placed, in as few sections as it needs
    placed = {(s["item_id"], s["slot"], s["start"] or ""): s["enrolled"] for s in doc["sections"]}
    held: Counter[tuple[str, str, str]] = Counter()
    for r in after["timetable"]:
        if r["kind"] == "activity":
            held[(r["item_id"], r["slot"], r["start"])] += r["enrolled_students"]
    assert {k: n for k, n in placed.items() if n} == {k: n for k, n in held.items() if n}
    assert sum(placed.values()) == 3
    assert sum(_meetings(after).values()) < sum(_meetings(before).values())
    assert after["cost"]["planned_staff_cost"] < before["cost"]["planned_staff_cost"]
    versions = _versions(settings)
    assert [v.action for v in versions] == ["computed", "enrolment"]
    title = next(r["title"] for r in before["timetable"] if r["item_id"] == busy[0])
    assert title in versions[-1].reason and "→" in versions[-1].reason
    assert stored["reason"] == versions[-1].reason


def test_nothing_stored_when_nothing_changed_or_under_review(
    env: tuple[TestClient, Tokens, Settings],
) -> None:
    client, tokens, settings = env
    item = next(iter(_meetings(_programme(client, tokens))))[0]
    assert _enrol(client, tokens.planner, 3, item).status_code == 200  # may store a version
    count = len(_versions(settings))
    same = _enrol(client, tokens.planner, 3, item).json()["programme"]  # the same again
    assert not same["stored"] and "no section" in same["note"]
    assert len(_versions(settings)) == count
    sub = client.post(f"{URL}/programme/submission", json=SUBMIT, headers=bearer(tokens.planner))
    assert sub.status_code == 200, sub.text
    review = _enrol(client, tokens.planner, 9, item).json()["programme"]
    assert not review["stored"] and review["state"] == "submitted"
    assert len(_versions(settings)) == count + 1  # only the submission


def test_an_approved_programme_becomes_a_new_draft(
    env: tuple[TestClient, Tokens, Settings],
) -> None:
    client, tokens, settings = env
    ok = client.post(
        f"{URL}/programme/review",
        json={"semester": SEM, "decision": "approve"},
        headers=bearer(tokens.bureau),
    )
    assert ok.status_code == 200 and ok.json()["state"] == "approved"
    approved = _programme(client, tokens)["stored"]["version"]
    item = next(iter(_meetings(_programme(client, tokens))))[0]
    full = _enrol(client, tokens.planner, 12, item).json()
    reply = full["programme"]
    assert reply["stored"] and reply["state"] == "draft" and reply["derived_from"] == approved
    assert "approved version" in reply["note"]
    versions = _versions(settings)
    assert versions[-2].state == "approved" and versions[-1].action == "enrolment"
    # the reason names each changed meeting with its new count, as placed (meetings opened
    # again included); the item's meetings now hold the 12 students enrolled
    now = {(s["slot"], s["start"] or ""): s["enrolled"] for s in full["sections"]
           if s["item_id"] == item}  # fmt: skip
    assert sum(now.values()) == 12
    moves = re.findall(r"(周.) (\S*) \d+→\d+班（\d+→(\d+)人）", versions[-1].reason)
    assert moves, versions[-1].reason
    title = next(
        r["title"] for r in _programme(client, tokens)["timetable"] if r["item_id"] == item
    )
    assert title in versions[-1].reason
    for slot, start, count in moves:
        assert now.get((slot, start), 0) == int(count) or (slot, start) not in now


def test_cli_save_stores_the_enrolled_version(tmp_path: Any) -> None:
    """`kehou enrol --save`: nothing without a stored programme, a new version with one."""
    from typer.testing import CliRunner

    from api.cli import app

    settings = demo_settings(tmp_path)
    tokens = make_tokens(settings)

    def run(item: str) -> Any:
        lines = ["学号,年级,第一志愿"] + [f"C{i},5,{item}" for i in range(4)]
        (tmp_path / "c.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        args = ["enrol", "--school", SCHOOL, "--db", settings.db, "--choices"]
        args += [str(tmp_path / "c.csv"), "--semester", SEM, "--min-choices", "1", "--save"]
        args += ["--backend", TEST_CONFIG.backend]  # the engine the stored version came from
        return CliRunner().invoke(app, [*args, "--json"])

    with TestClient(create_app(settings, TEST_CONFIG)) as client:
        item = next(iter(_meetings(_programme(client, tokens))))[0]
    result = run(item)
    assert result.exit_code == 0, result.output
    reply = json.loads(result.stdout)["programme"]
    assert reply["stored"], reply and reply["derived_from"] == 1
    assert [v.action for v in _versions(settings)] == ["computed", "enrolment"]
    again = json.loads(run(item).stdout)["programme"]
    assert not again["stored"] and len(_versions(settings)) == 2
