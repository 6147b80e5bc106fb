"""Every route, walked with a planner token and ANOTHER school's ids: 403 or 404, never data.

Also: no token gives 401 everywhere but /health, and a planner on a bureau route gets 403.
The route table below must cover every route of the app, so a new route cannot skip the walk.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from api import create_app
from catalog import Kind, Settings, open_store
from tests.api.conftest import OTHER, SCHOOL, TEST_CONFIG, Tokens, bearer

SURVEY_CSV = (
    "school_id,respondent_id,respondent,grade,interests,preferred_domains,preferred_days\n"
    "{school},X{n},学生,3,足球,体,周一下午\n"
)
COURSES_CSV = "id,title\nZZ1,\n"
WALK = "2026秋"  # stored programmes of this walk live under their own semester key
SUBMIT = {"semester": WALK, "consulted_on": "2026-09-01", "notice_on": "2026-09-02"}


def _survey(school: str) -> dict[str, Any]:
    body = SURVEY_CSV.format(school=school, n=1).encode("utf-8")
    return {"files": {"file": ("surveys.csv", body, "text/csv")}, "data": {"semester": "2026秋"}}


def _choices(client: TestClient, headers: dict[str, str], school: str) -> dict[str, Any]:
    """A one-student choices file naming the first course of the school's own programme
    (when the token may read it; otherwise any file: the route must refuse before reading)."""
    first = "C001"
    response = client.get(f"/schools/{school}/programme", headers=headers)
    if response.status_code == 200:
        first = next(r["item_id"] for r in response.json()["timetable"] if r["item_id"])
    body = f"student,grade,choice_1\nA1,5,{first}\n".encode()
    return {  # save=false: one student's enrolment must not close the shared programme's clubs
        "files": {"file": ("choices.csv", body, "text/csv")},
        "data": {"seed": "3", "min_choices": "1", "save": "false"},
    }


#: (method, path template) -> request keyword arguments; {school} is filled in per test
ROUTES: dict[tuple[str, str], dict[str, Any]] = {
    ("GET", "/health"): {},
    ("GET", "/me"): {},
    ("GET", "/catalogue"): {},
    ("GET", "/catalogue/search"): {"params": {"q": "足球"}},
    ("POST", "/catalogue/import"): {"files": {"files": ("courses.csv", COURSES_CSV.encode())}},
    ("GET", "/schools"): {},
    ("GET", "/schools/{school_id}"): {},
    ("POST", "/schools/{school_id}/surveys"): {"survey": True},
    ("POST", "/schools/{school_id}/rooms"): {"rooms": True},
    ("GET", "/schools/{school_id}/surveys/summary"): {},
    ("GET", "/schools/{school_id}/programme"): {},
    ("GET", "/schools/{school_id}/programme/versions"): {"params": {"semester": WALK}},
    ("POST", "/schools/{school_id}/programme/edits"): {"edit": True},
    ("POST", "/schools/{school_id}/programme/submission"): {"json": SUBMIT},
    ("POST", "/schools/{school_id}/programme/review"): {
        "json": {"semester": WALK, "decision": "return", "comment": "请补充"}
    },
    ("GET", "/programmes"): {},
    ("POST", "/allocations"): {"json": {"time_limit": 1}},
    ("GET", "/allocations/latest"): {},
    ("POST", "/schools/{school_id}/enrolment"): {"choices": True},
}
PUBLIC = {("GET", "/health")}
BUREAU_ONLY = {
    ("POST", "/catalogue/import"),
    ("POST", "/schools/{school_id}/programme/review"),
    ("GET", "/programmes"),
    ("POST", "/allocations"),
    ("GET", "/allocations/latest"),
}
SCHOOL_ROUTES = [key for key in ROUTES if "{school_id}" in key[1]]
PLANNER_WRITES = [
    ("POST", "/schools/{school_id}/programme/edits"),
    ("POST", "/schools/{school_id}/programme/submission"),
]


def call(client: TestClient, key: tuple[str, str], token: str | None, school: str) -> Any:
    method, template = key
    kwargs = dict(ROUTES[key])
    headers = {} if token is None else bearer(token)
    if kwargs.pop("survey", False):
        kwargs |= _survey(school)
    if kwargs.pop("rooms", False):
        body = f"学校编号,场地类型,间数,座位数\n{school},计算机教室,2,45\n".encode()
        kwargs["files"] = {"file": ("场地.csv", body, "text/csv")}
    if kwargs.pop("choices", False):
        kwargs |= _choices(client, headers, school)
    if kwargs.pop("edit", False):
        kwargs["json"] = _edit(client, headers, school)
    url = template.replace("{school_id}", school)
    return client.request(method, url, headers=headers, **kwargs)


def _edit(client: TestClient, headers: dict[str, str], school: str) -> dict[str, Any]:
    """Remove the last item of the programme (when the token can read it)."""
    url = f"/schools/{school}/programme"
    got = client.get(url, params={"semester": WALK}, headers=headers)
    last = got.json()["items"][-1]["id"] if got.status_code == 200 else "C001"
    return {"semester": WALK, "remove": [last], "reason": "walk"}


def _editable(client: TestClient, tokens: Tokens) -> None:
    """Bring the walk's programme back to an editable state (the bureau returns it)."""
    url = f"/schools/{SCHOOL}/programme"
    state = client.get(url, params={"semester": WALK}, headers=bearer(tokens.planner))
    if state.json()["stored"]["state"] == "approved":
        pytest.skip("the walk's programme was approved by another test")
    if state.json()["stored"]["state"] == "submitted":
        body = {"semester": WALK, "decision": "return", "comment": "walk"}
        assert (
            client.post(f"{url}/review", json=body, headers=bearer(tokens.bureau)).status_code
            == 200
        )


def test_the_table_covers_every_documented_route(api_settings: Settings) -> None:
    app = create_app(api_settings, TEST_CONFIG)
    served = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }
    assert served == set(ROUTES)


@pytest.mark.parametrize("key", sorted(set(ROUTES) - PUBLIC), ids=lambda k: f"{k[0]} {k[1]}")
def test_no_token_gives_401(api_client: TestClient, key: tuple[str, str]) -> None:
    response = call(api_client, key, None, SCHOOL)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert set(response.json()) == {"error"}


@pytest.mark.parametrize("key", sorted(set(ROUTES) - PUBLIC), ids=lambda k: f"{k[0]} {k[1]}")
def test_unknown_token_gives_401(api_client: TestClient, key: tuple[str, str]) -> None:
    response = call(api_client, key, "kh_not-a-real-token", SCHOOL)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("key", sorted(BUREAU_ONLY), ids=lambda k: f"{k[0]} {k[1]}")
def test_planner_on_a_bureau_route_gets_403(
    api_client: TestClient, api_tokens: Tokens, key: tuple[str, str]
) -> None:
    response = call(api_client, key, api_tokens.planner, SCHOOL)
    assert response.status_code == 403
    assert "bureau" in response.json()["error"]["message"]


@pytest.mark.parametrize("key", SCHOOL_ROUTES, ids=lambda k: f"{k[0]} {k[1]}")
def test_another_schools_ids_give_403_or_404_never_data(
    api_client: TestClient, api_settings: Settings, api_tokens: Tokens, key: tuple[str, str]
) -> None:
    with open_store(api_settings) as store:
        other_name = store.get(Kind.SCHOOL, OTHER).name  # type: ignore[union-attr]
        before = store.fingerprint()
    for school in (OTHER, "NO-SUCH-SCHOOL"):
        response = call(api_client, key, api_tokens.planner, school)
        assert response.status_code in (403, 404), response.text
        assert set(response.json()) == {"error"}
        assert other_name not in response.text and OTHER + '"' not in response.text
    with open_store(api_settings) as store:
        assert store.fingerprint() == before  # nothing was written for the other school


@pytest.mark.parametrize(
    "key", [k for k in SCHOOL_ROUTES if k not in BUREAU_ONLY], ids=lambda k: f"{k[0]} {k[1]}"
)
def test_the_same_route_serves_the_planners_own_school(
    api_client: TestClient, api_tokens: Tokens, key: tuple[str, str]
) -> None:
    """The walk above is not vacuous: the same call for the planner's own school succeeds."""
    if key in PLANNER_WRITES:
        _editable(api_client, api_tokens)
    response = call(api_client, key, api_tokens.planner, SCHOOL)
    assert response.status_code == 200, response.text
    doc = response.json()
    if key[1].endswith("/enrolment"):
        assert doc["school_id"] == SCHOOL and len(doc["assignments"]) + len(doc["unplaced"]) == 1
    elif key[1].endswith(("/surveys", "/rooms")):
        kind = key[1].rsplit("/", 1)[1]
        assert doc["inserted"][kind] + doc["updated"][kind] == 1
    elif isinstance(doc, list):
        assert {v["school_id"] for v in doc} <= {SCHOOL}
    else:
        assert doc["school_id" if "school_id" in doc else "id"] == SCHOOL


@pytest.mark.parametrize("key", PLANNER_WRITES, ids=lambda k: f"{k[0]} {k[1]}")
def test_only_the_schools_own_planner_edits_and_submits(
    api_client: TestClient, api_tokens: Tokens, key: tuple[str, str]
) -> None:
    """The bureau reviews; it does not edit or submit a school's programme."""
    _editable(api_client, api_tokens)
    for token in (api_tokens.bureau, api_tokens.other_planner):
        response = call(api_client, key, token, SCHOOL)
        assert response.status_code == 403, response.text


def test_only_the_bureau_approves_or_returns(api_client: TestClient, api_tokens: Tokens) -> None:
    """A submitted programme: its own planner cannot approve it; the bureau can."""
    _editable(api_client, api_tokens)
    url = f"/schools/{SCHOOL}/programme"
    sub = api_client.post(f"{url}/submission", json=SUBMIT, headers=bearer(api_tokens.planner))
    assert sub.status_code == 200, sub.text
    body = {"semester": WALK, "decision": "approve"}
    for token in (api_tokens.planner, api_tokens.other_planner):
        refused = api_client.post(f"{url}/review", json=body, headers=bearer(token))
        assert refused.status_code == 403
    back = {"semester": WALK, "decision": "return", "comment": "walk"}
    done = api_client.post(f"{url}/review", json=back, headers=bearer(api_tokens.bureau))
    assert done.status_code == 200 and done.json()["state"] == "returned"


def test_planner_lists_only_its_own_school(api_client: TestClient, api_tokens: Tokens) -> None:
    planner = api_client.get("/schools", headers=bearer(api_tokens.planner)).json()
    assert [s["id"] for s in planner["items"]] == [SCHOOL]
    bureau = api_client.get(
        "/schools", params={"page_size": 100}, headers=bearer(api_tokens.bureau)
    ).json()
    assert bureau["total"] == 74 and OTHER in {s["id"] for s in bureau["items"]}


def test_survey_file_with_another_schools_rows_is_refused(
    api_client: TestClient, api_settings: Settings, api_tokens: Tokens
) -> None:
    """A planner cannot smuggle rows for another school through its own school's upload."""
    with open_store(api_settings) as store:
        before = store.fingerprint()
    body = SURVEY_CSV.format(school=OTHER, n=7).encode("utf-8")
    response = api_client.post(
        f"/schools/{SCHOOL}/surveys",
        headers=bearer(api_tokens.planner),
        files={"file": ("surveys.csv", body, "text/csv")},
    )
    assert response.status_code == 403
    assert OTHER in response.json()["error"]["message"]
    with open_store(api_settings) as store:
        assert store.fingerprint() == before
