"""POST /schools/{id}/enrolment: the same placement as the CLI, and bad files named by row."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import SCHOOL, Tokens, bearer


def _timetable(client: TestClient, tokens: Tokens) -> list[dict]:
    response = client.get(f"/schools/{SCHOOL}/programme", headers=bearer(tokens.planner))
    assert response.status_code == 200
    rows = response.json()["timetable"]
    return [r for r in rows if r["slot"].startswith("周") and r["kind"] == "activity"]


def _post(client: TestClient, tokens: Tokens, body: str, **data: str) -> object:
    return client.post(
        f"/schools/{SCHOOL}/enrolment",
        headers=bearer(tokens.planner),
        files={"file": ("选课.csv", body.encode("utf-8"), "text/csv")},
        data={"save": "false"} | data,  # the shared database keeps its programme
    )


def test_enrolment_places_students_and_repeats_with_the_seed(
    api_client: TestClient, api_tokens: Tokens
) -> None:
    rows = _timetable(api_client, api_tokens)
    first, second = rows[0]["item_id"], rows[-1]["item_id"]
    lines = ["学号,年级,第一志愿,第二志愿"] + [f"N{i},5,{first},{second}" for i in range(8)]
    body = "\n".join(lines) + "\n"
    response = _post(api_client, api_tokens, body, seed="11", mechanism="rsd", min_choices="2")
    assert response.status_code == 200, response.text  # type: ignore[attr-defined]
    doc = response.json()  # type: ignore[attr-defined]
    assert doc["mechanism"] == "rsd" and doc["seed"] == 11
    placed = {a["student"] for a in doc["assignments"]} | {u["student"] for u in doc["unplaced"]}
    assert placed == {f"N{i}" for i in range(8)}
    again = _post(api_client, api_tokens, body, seed="11", mechanism="rsd", min_choices="2").json()  # type: ignore[attr-defined]
    assert again["assignments"] == doc["assignments"]


def test_bad_choices_get_422_with_row_and_column(
    api_client: TestClient, api_tokens: Tokens
) -> None:
    rows = _timetable(api_client, api_tokens)
    body = f"学号,年级,第一志愿\nA,5,{rows[0]['item_id']}\nA,5,{rows[0]['item_id']}\nB,5,\n"
    response = _post(api_client, api_tokens, body, min_choices="1")
    assert response.status_code == 422  # type: ignore[attr-defined]
    problems = response.json()["error"]["problems"]  # type: ignore[attr-defined]
    where = {(p["row"], p["column"]) for p in problems}
    assert where == {(3, "学号"), (4, "第一志愿")}
    assert all(p["file"] == "选课.csv" for p in problems)


def test_short_lists_are_refused_by_default(api_client: TestClient, api_tokens: Tokens) -> None:
    rows = _timetable(api_client, api_tokens)
    body = f"学号,年级,第一志愿,第二志愿,第三志愿\nA,5,{rows[0]['item_id']},,\n"
    response = _post(api_client, api_tokens, body)
    assert response.status_code == 422  # type: ignore[attr-defined]
    problem = response.json()["error"]["problems"][0]  # type: ignore[attr-defined]
    assert (problem["row"], problem["column"]) == (2, "第二志愿")
    assert "at least" in problem["reason"]
