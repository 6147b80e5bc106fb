"""The web page over HTTP without a browser: sessions, per-school refusal on every route, saved
edits and their figures, submission and review, HTML error pages, no asset from outside."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api import create_app
from catalog import Settings
from tests.api.conftest import OTHER, SCHOOL, TEST_CONFIG, Tokens

SCHOOL_PAGES = ["", "/report.html", "/report.xlsx", "/upload"]
BUREAU_PAGES = ["/web/bureau", "/web/bureau/catalogue", "/web/bureau/reviews"]
SEM = "2026秋"  # the web tests' stored programmes live under their own semester key


@pytest.fixture(scope="module")
def web_app(api_settings: Settings) -> Iterator[FastAPI]:
    with TestClient(create_app(api_settings, TEST_CONFIG)) as client:
        yield client.app  # type: ignore[misc]


def _signed_in(app: FastAPI, token: str | None) -> TestClient:
    client = TestClient(app, follow_redirects=False)
    if token is not None:
        response = client.post("/web/login", data={"token": token})
        assert response.status_code == 303
    return client


def test_the_bare_address_leads_to_the_sign_in_page(web_app: FastAPI) -> None:
    client = TestClient(web_app)
    landed = client.get("/")
    assert landed.status_code == 200 and str(landed.url).endswith("/web/login")
    assert 'type="password"' in landed.text or "令牌" in landed.text


def test_sign_in_sets_a_strict_httponly_cookie_and_sign_out_clears_it(
    web_app: FastAPI, api_tokens: Tokens
) -> None:
    client = TestClient(web_app, follow_redirects=False)
    refused = client.post("/web/login", data={"token": "kh_wrong"})
    assert refused.status_code == 401 and "令牌无效" in refused.text
    response = client.post("/web/login", data={"token": api_tokens.planner})
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/web" in cookie
    assert client.get("/web/").headers["location"] == f"/web/schools/{SCHOOL}"
    out = client.post("/web/logout")
    assert out.status_code == 303 and 'kehou_session=""' in out.headers["set-cookie"]


def test_no_session_is_sent_to_sign_in(web_app: FastAPI) -> None:
    client = _signed_in(web_app, None)
    paths = [f"/web/schools/{SCHOOL}{p}" for p in SCHOOL_PAGES] + BUREAU_PAGES
    for path in paths:
        response = client.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"] == "/web/login"
    client.cookies.set("kehou_session", "forged", path="/web")
    assert client.get(f"/web/schools/{SCHOOL}/upload").status_code == 303


def test_the_cookie_holds_a_session_id_never_the_token(
    web_app: FastAPI, api_tokens: Tokens
) -> None:
    client = _signed_in(web_app, api_tokens.planner)
    session_id = client.cookies.get("kehou_session")
    assert session_id and api_tokens.planner not in session_id
    other = TestClient(web_app, follow_redirects=False)  # the cookie alone is the session
    other.cookies.set("kehou_session", session_id, path="/web")
    assert other.get(f"/web/schools/{SCHOOL}/upload").status_code == 200
    raw = TestClient(web_app, follow_redirects=False)  # a raw token in the cookie is nothing
    raw.cookies.set("kehou_session", api_tokens.planner, path="/web")
    assert raw.get(f"/web/schools/{SCHOOL}/upload").status_code == 303


def test_planner_is_refused_every_route_of_another_school(
    web_app: FastAPI, api_tokens: Tokens
) -> None:
    client = _signed_in(web_app, api_tokens.planner)
    for path in [f"/web/schools/{OTHER}{p}" for p in SCHOOL_PAGES] + BUREAU_PAGES:
        response = client.get(path)
        assert response.status_code == 403, path
        assert response.headers["content-type"].startswith("text/html")
        assert "无权访问" in response.text
    swap = client.post(f"/web/schools/{OTHER}/swap", data={"old": "C1", "new": "C2"})
    assert swap.status_code == 403
    dates = {"consulted_on": "2026-09-01", "notice_on": "2026-09-02"}
    assert client.post(f"/web/schools/{OTHER}/submit", data=dates).status_code == 403
    review = client.post(f"/web/bureau/reviews/{SCHOOL}", data={"decision": "approve"})
    assert review.status_code == 403
    upload = client.post(
        f"/web/schools/{OTHER}/upload",
        files={"file": ("surveys.csv", b"school_id,respondent\n", "text/csv")},
    )
    assert upload.status_code == 403
    assert client.post("/web/bureau/allocate").status_code == 403


def _figure(html: str, name: str) -> float:
    found = re.search(rf'id="{name}">([\d,.]+) 元<', html)
    assert found is not None, name
    return float(found.group(1).replace(",", ""))


def _editable(app: FastAPI, tokens: Tokens) -> tuple[object, object]:
    """The state and TY01; its stored programme for SEM brought back to an editable state."""
    from api.web import planner_view
    from catalog import Kind, School

    state = app.state.kehou
    school = state.store.get(Kind.SCHOOL, SCHOOL)
    assert isinstance(school, School)
    view = planner_view(state, school, SEM)
    if view.served.version.state == "approved":
        pytest.skip("approved by an earlier test")
    if view.served.version.state == "submitted":
        bureau = _signed_in(app, tokens.bureau)
        back = {"decision": "return", "comment": "请修改", "semester": SEM}
        assert bureau.post(f"/web/bureau/reviews/{SCHOOL}", data=back).status_code == 303
    return state, school


def test_a_swap_is_saved_and_rebuilds_the_timetable_and_costs(
    web_app: FastAPI, api_tokens: Tokens
) -> None:
    """The swap is a new stored version; the page's figures follow its own timetable."""
    from api.web import planner_view

    state, school = _editable(web_app, api_tokens)
    base = planner_view(state, school, SEM)  # type: ignore[arg-type]
    old, alts = next((k, v) for k, v in base.alternatives.items() if v)
    new = alts[0].id
    client = _signed_in(web_app, api_tokens.planner)
    form = {"old": old, "new": new, "semester": SEM, "reason": "换一项"}
    posted = client.post(f"/web/schools/{SCHOOL}/swap", data=form)
    assert posted.status_code == 303 and "swaps" not in posted.headers["location"]
    page = client.get(posted.headers["location"])
    assert page.status_code == 200
    assert f'data-id="{new}"' in page.text and f'data-id="{old}"' not in page.text
    saved = planner_view(state, school, SEM)  # type: ignore[arg-type]
    assert saved.served.version.version == base.served.version.version + 1
    assert saved.served.version.reason == "换一项" and "换一项" in page.text
    swapped = saved.doc
    due = sum(
        (2 if e["slot"] == "专题活动" else swapped["cost"]["weeks"])
        * e["expected_students"]
        * e["fee_per_session"]
        for e in swapped["timetable"]
    )
    expected = round(due / swapped["cost"]["participants"], 2)
    assert _figure(page.text, "cost-per-student") == pytest.approx(expected)
    assert new in {e["item_id"] for e in swapped["timetable"]}
    assert old not in {e["item_id"] for e in swapped["timetable"]}
    report = client.get(f"/web/schools/{SCHOOL}/report.html?semester={SEM}")
    assert report.status_code == 200 and f"<td>{new}</td>" in report.text


def test_bad_swaps_are_refused_with_a_page(web_app: FastAPI, api_tokens: Tokens) -> None:
    _editable(web_app, api_tokens)
    client = _signed_in(web_app, api_tokens.planner)
    bad = {"old": "<script>", "new": "C1", "semester": SEM}
    malformed = client.post(f"/web/schools/{SCHOOL}/swap", data=bad)
    assert malformed.status_code == 422 and "<script>" not in malformed.text
    nope = {"old": "NOPE", "new": "ALSO-NOPE", "semester": SEM}
    unknown = client.post(f"/web/schools/{SCHOOL}/swap", data=nope)
    assert unknown.status_code == 422 and "无法替换" in unknown.text


def test_submit_then_the_bureau_approves_on_the_review_page(
    web_app: FastAPI, api_tokens: Tokens
) -> None:
    _editable(web_app, api_tokens)
    planner = _signed_in(web_app, api_tokens.planner)
    early = {"consulted_on": "2026-09-05", "notice_on": "2026-09-01", "semester": SEM}
    assert planner.post(f"/web/schools/{SCHOOL}/submit", data=early).status_code == 422
    dates = {"consulted_on": "2026-09-01", "notice_on": "2026-09-04", "semester": SEM}
    assert planner.post(f"/web/schools/{SCHOOL}/submit", data=dates).status_code == 303
    shown = planner.get(f"/web/schools/{SCHOOL}?semester={SEM}").text
    assert 'data-state="submitted"' in shown and 'class="swap"' not in shown
    bureau = _signed_in(web_app, api_tokens.bureau)
    listing = bureau.get(f"/web/bureau/reviews?semester={SEM}")
    assert listing.status_code == 200 and f'data-school="{SCHOOL}"' in listing.text
    assert "2026-09-04" in listing.text
    empty = {"decision": "return", "comment": " ", "semester": SEM}
    assert bureau.post(f"/web/bureau/reviews/{SCHOOL}", data=empty).status_code == 422
    back = {"decision": "return", "comment": "请补充劳育项目", "semester": SEM}
    assert bureau.post(f"/web/bureau/reviews/{SCHOOL}", data=back).status_code == 303
    assert "请补充劳育项目" in planner.get(f"/web/schools/{SCHOOL}?semester={SEM}").text
    assert planner.post(f"/web/schools/{SCHOOL}/submit", data=dates).status_code == 303
    ok = {"decision": "approve", "semester": SEM}
    assert bureau.post(f"/web/bureau/reviews/{SCHOOL}", data=ok).status_code == 303
    assert 'data-state="approved"' in planner.get(f"/web/schools/{SCHOOL}?semester={SEM}").text


def test_bureau_reaches_any_school_and_its_pages(web_app: FastAPI, api_tokens: Tokens) -> None:
    client = _signed_in(web_app, api_tokens.bureau)
    assert client.get("/web/").headers["location"] == "/web/bureau"
    assert client.get(f"/web/schools/{OTHER}/upload").status_code == 200
    flagged = client.get("/web/bureau/catalogue")
    assert flagged.status_code == 200 and flagged.text.count("<tr>") > 1


def test_pages_use_only_assets_shipped_in_the_package(web_app: FastAPI, api_tokens: Tokens) -> None:
    client = _signed_in(web_app, api_tokens.planner)
    page = client.get(f"/web/schools/{SCHOOL}/upload").text + client.get("/web/login").text
    assert not re.search(r'(src|href)="(https?:)?//', page)
    css = client.get("/web/static/web.css")
    assert css.status_code == 200 and "@media" in css.text
    assert "http" not in css.text


def test_district_tiles_place_every_district_inside_the_map(api_settings: Settings) -> None:
    from api.web._routes_bureau import district_tiles
    from catalog import Kind, School, open_store

    with open_store(api_settings) as store:
        schools = [s for s in store.records(Kind.SCHOOL) if isinstance(s, School)]
    names = sorted({s.district for s in schools})
    districts = [
        {"district": d, "subsidy_needed": 100.0 * (i + 1), "participants": 10}
        for i, d in enumerate(names)
    ]
    tiles = district_tiles(schools, districts)
    assert [t["district"] for t in tiles] == names and len(names) == 9
    assert all(0 <= t["x"] <= 100 and 0 <= t["y"] <= 100 for t in tiles)
    assert len({t["x"] for t in tiles}) == len({t["y"] for t in tiles}) == 9  # none piled up
    by_name = {t["district"]: t for t in tiles}
    assert by_name["炎陵县"]["y"] > by_name["天元区"]["y"]  # 炎陵 lies south of the city
    darkest = max(tiles, key=lambda t: t["shade"])
    assert darkest["district"] == names[-1] and darkest["shade"] == 1.0
    assert darkest["per_student"] == 100.0 * len(names) / 10


def test_bureau_overview_reads_the_stored_programmes(web_app: FastAPI, api_tokens: Tokens) -> None:
    """The overview stores what it had to compute once, then only reads; a planner's edit shows
    up there without recomputing anyone else (one source of truth with the API and the batch)."""
    from catalog import current_versions

    client = _signed_in(web_app, api_tokens.bureau)
    store = web_app.state.kehou.store
    assert client.get("/web/bureau?semester=2027冬").status_code == 200
    first = current_versions(store, "2027冬")
    assert len(first) == 74
    assert client.get("/web/bureau?semester=2027冬").status_code == 200
    assert current_versions(store, "2027冬") == first  # read, not recomputed
