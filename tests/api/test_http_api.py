"""The HTTP API over a real SQLite database through the ASGI app: what each route returns."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from api import ApiConfig, create_app
from catalog import Kind, Settings, open_store
from catalog._store_auth import audit_rows, hash_token
from catalog.demo_data import DEMO_DATA_DIR
from tests.api.conftest import SCHOOL, TEST_CONFIG, Tokens, bearer, demo_settings, make_tokens

GOOD_SURVEYS = (
    "school_id,respondent_id,respondent,grade,interests,preferred_domains,preferred_days\n"
    "TY01,N1,学生,3,足球和篮球,体,周一下午\n"
    "TY01,N2,家长,4,书法,美,周三下午\n"
)
BAD_SURVEYS = GOOD_SURVEYS.replace("N2,家长,4", "N2,家长,十三")
NEW_COURSE = (
    "id,title,description,domains,grades,fee_per_session,session_minutes,capacity\n"
    "C777,皮影戏制作,用牛皮雕刻皮影并排演小戏,美,3-6,2,45,25\n"
)


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Tokens]:
    """A database of this module's own: the tests here write to it."""
    settings = demo_settings(tmp_path_factory.mktemp("api-write"))
    return settings, make_tokens(settings)


@pytest.fixture(scope="module")
def wclient(writable: tuple[Settings, Tokens]) -> Iterator[TestClient]:
    with TestClient(create_app(writable[0], TEST_CONFIG)) as client:
        yield client


def _count(settings: Settings, kind: Kind) -> int:
    with open_store(settings) as store:
        return store.counts()[kind.value]


def test_health_needs_no_token(api_client: TestClient) -> None:
    doc = api_client.get("/health").json()
    assert doc["status"] == "ok" and doc["database"] is True


def test_catalogue_pages_are_capped_and_disjoint(
    api_client: TestClient, api_settings: Settings, api_tokens: Tokens
) -> None:
    head = bearer(api_tokens.planner)
    first = api_client.get("/catalogue", params={"page_size": 5000}, headers=head).json()
    assert first["page_size"] == TEST_CONFIG.max_page_size == len(first["items"])
    second = api_client.get(
        "/catalogue", params={"page_size": 5000, "page": 2}, headers=head
    ).json()
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    with open_store(api_settings) as store:
        counts = store.counts()
    kinds = ("courses", "specialists", "science_resources", "institutions")
    assert first["total"] == sum(counts[k] for k in kinds)
    courses = api_client.get("/catalogue", params={"kind": "courses"}, headers=head).json()
    assert courses["total"] == counts["courses"]
    assert {i["kind"] for i in courses["items"]} == {"courses"}


def test_catalogue_refuses_a_non_catalogue_kind(api_client: TestClient, api_tokens: Tokens) -> None:
    response = api_client.get(
        "/catalogue", params={"kind": "surveys"}, headers=bearer(api_tokens.bureau)
    )
    assert response.status_code == 422
    assert " / " in response.json()["error"]["message"]


def test_search_finds_robotics_and_honours_kind_and_top(
    api_client: TestClient, api_tokens: Tokens
) -> None:
    params: dict[str, str | int] = {"q": "机器人 编程", "kind": "courses", "top": 3}
    doc = api_client.get("/catalogue/search", params=params, headers=bearer(api_tokens.planner))
    results = doc.json()["results"]
    assert len(results) == 3 and {r["kind"] for r in results} == {"courses"}
    assert "机器人" in results[0]["title"]
    assert results[0]["score"] >= results[-1]["score"]


def test_programme_is_the_recommend_json(
    api_client: TestClient, api_settings: Settings, api_tokens: Tokens
) -> None:
    """Same document as `kehou recommend --json` computes for the same database and backend
    (plus the `stored` block: which version it is and its state)."""
    from api._display import label_programme
    from matcher import open_engine, programme_json, surveys_by_school

    response = api_client.get(f"/schools/{SCHOOL}/programme", headers=bearer(api_tokens.planner))
    assert response.status_code == 200
    with open_store(api_settings) as store:
        engine = open_engine(store, api_settings, "tfidf")
        school = store.get(Kind.SCHOOL, SCHOOL)
        rows = surveys_by_school(store).get(SCHOOL, [])
    programme = engine.recommender().programme(school, rows)  # type: ignore[arg-type]
    expected = label_programme(programme_json(programme))
    served = response.json()
    stored = served.pop("stored")
    assert served == json.loads(json.dumps(expected, ensure_ascii=False, default=str))
    assert stored["state"] == "draft" and stored["stale"] is False
    assert response.json()["items"] and response.json()["signature"]["label"]


def test_survey_upload_lands_whole(wclient: TestClient, writable: tuple[Settings, Tokens]) -> None:
    settings, tokens = writable
    before = _count(settings, Kind.SURVEY)
    response = wclient.post(
        f"/schools/{SCHOOL}/surveys",
        headers=bearer(tokens.planner),
        files={"file": ("问卷.csv", GOOD_SURVEYS.encode("utf-8-sig"), "text/csv")},
        data={"semester": "2027春"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["inserted"]["surveys"] == 2
    assert response.json()["files"][0]["file"] == "问卷.csv"
    assert _count(settings, Kind.SURVEY) == before + 2


def test_bad_survey_upload_names_row_and_column_and_changes_nothing(
    wclient: TestClient, writable: tuple[Settings, Tokens]
) -> None:
    settings, tokens = writable
    with open_store(settings) as store:
        before = store.fingerprint()
    response = wclient.post(
        f"/schools/{SCHOOL}/surveys",
        headers=bearer(tokens.planner),
        files={"file": ("surveys.csv", BAD_SURVEYS.encode(), "text/csv")},
    )
    assert response.status_code == 422
    problems = response.json()["error"]["problems"]
    assert any(p["row"] == 3 and "grade" in (p["column"] or "") for p in problems), problems
    assert all("kehou-upload-" not in p["file"] for p in problems)
    with open_store(settings) as store:
        assert store.fingerprint() == before


def test_wjx_export_upload(wclient: TestClient, writable: tuple[Settings, Tokens]) -> None:
    """A 问卷星 export goes through the same route; its rows land under the URL's school."""
    settings, tokens = writable
    before = _count(settings, Kind.SURVEY)
    body = (DEMO_DATA_DIR / "问卷星_TY01.xlsx").read_bytes()
    response = wclient.post(
        f"/schools/{SCHOOL}/surveys",
        headers=bearer(tokens.planner),
        files={"file": ("问卷星_TY01.xlsx", body)},
        data={"semester": "2027春"},
    )
    assert response.status_code == 200, response.text
    landed = response.json()["inserted"]["surveys"]
    assert landed > 0 and _count(settings, Kind.SURVEY) == before + landed
    notices, columns = response.json()["notices"], response.json()["columns"]
    assert "current_classes" in {n["code"] for n in notices}  # 参加以下哪些兴趣班: not wishes
    assert {n["file"] for n in notices} == {c["file"] for c in columns} == {"问卷星_TY01.xlsx"}
    assert "interests" in {c["field"] for c in columns}


def test_upload_reply_names_unknown_columns(
    wclient: TestClient, writable: tuple[Settings, Tokens]
) -> None:
    """A column kehou does not know is named in the reply (and the rows still land)."""
    _, tokens = writable
    body = GOOD_SURVEYS.replace("preferred_days\n", "preferred_days,班主任备注\n")
    body = body.replace("周一下午\n", "周一下午,x\n").replace("周三下午\n", "周三下午,y\n")
    response = wclient.post(
        f"/schools/{SCHOOL}/surveys",
        headers=bearer(tokens.planner),
        files={"file": ("问卷.csv", body.encode("utf-8"), "text/csv")},
        data={"semester": "2027秋"},
    )
    assert response.status_code == 200, response.text
    doc = response.json()
    assert doc["inserted"]["surveys"] + doc["updated"]["surveys"] == 2
    unknown = [n for n in doc["notices"] if n["code"] == "unknown_column"]
    assert [(n["file"], n["column"]) for n in unknown] == [("问卷.csv", "班主任备注")]


def test_catalogue_import_is_all_or_nothing_and_reindexes(
    wclient: TestClient, writable: tuple[Settings, Tokens]
) -> None:
    settings, tokens = writable
    head = bearer(tokens.bureau)
    with open_store(settings) as store:
        before = store.fingerprint()
    bad_specialists = "id,kind\nSPX,不明\n".encode()
    files = [
        ("files", ("courses.csv", NEW_COURSE.encode())),
        ("files", ("specialists.csv", bad_specialists)),
    ]
    refused = wclient.post("/catalogue/import", headers=head, files=files)
    assert refused.status_code == 422
    assert {p["file"] for p in refused.json()["error"]["problems"]} == {"specialists.csv"}
    with open_store(settings) as store:
        assert store.fingerprint() == before
    wclient.get("/catalogue/search", params={"q": "足球"}, headers=head)  # engine built
    ok = wclient.post(
        "/catalogue/import", headers=head, files={"files": ("courses.csv", NEW_COURSE.encode())}
    )
    assert ok.status_code == 200 and ok.json()["inserted"]["courses"] == 1
    hits = wclient.get("/catalogue/search", params={"q": "皮影戏", "top": 3}, headers=head)
    assert hits.json()["results"][0]["id"] == "C777"  # the rebuilt index has the new course


def test_survey_summary_is_aggregate_and_audited(
    wclient: TestClient, writable: tuple[Settings, Tokens]
) -> None:
    settings, tokens = writable
    response = wclient.get(
        f"/schools/{SCHOOL}/surveys/summary",
        params={"semester": "2026秋"},
        headers=bearer(tokens.planner),
    )
    doc = response.json()
    assert doc["respondents"] == sum(doc["by_respondent"].values()) > 0
    assert "N1" not in response.text and "interests" not in response.text
    with open_store(settings) as store:
        last = audit_rows(store, SCHOOL)[-1]
    assert (last.role, last.action, last.school_id) == ("planner", "surveys.summary", SCHOOL)
    assert last.token_id is not None and last.detail == "semester=2026秋"


def test_tokens_are_stored_only_as_hashes(writable: tuple[Settings, Tokens]) -> None:
    settings, tokens = writable
    with open_store(settings) as store, store.engine.connect() as conn:
        rows = conn.execute(text("SELECT token_hash, role, school_id FROM api_tokens")).all()
    assert (hash_token(tokens.planner), "planner", SCHOOL) in rows
    assert all(tokens.planner not in str(row) for row in rows)
    assert Path(settings.db).read_bytes().find(tokens.planner.encode()) == -1


def test_allocation_runs_for_the_bureau_and_is_kept(
    wclient: TestClient, writable: tuple[Settings, Tokens]
) -> None:
    head = bearer(writable[1].bureau)
    response = wclient.post("/allocations", headers=head, json={"time_limit": 2})
    assert response.status_code == 200, response.text
    doc = response.json()
    assert doc["allocations"] and len(doc["schools"]) == 74
    assert 0.0 <= doc["fairness"]["served_share"] <= 1.0
    assert wclient.get("/allocations/latest", headers=head).json() == doc


def test_body_over_the_limit_gets_413(tmp_path: Path, writable: tuple[Settings, Tokens]) -> None:
    settings = writable[0].model_copy(update={"max_upload_bytes": 1000})
    with TestClient(create_app(settings, TEST_CONFIG)) as client:
        big = GOOD_SURVEYS.encode() + b"TY01,N9,\xe5\xad\xa6\xe7\x94\x9f,3,x,,\n" * 200
        response = client.post(
            f"/schools/{SCHOOL}/surveys",
            headers=bearer(writable[1].planner),
            files={"file": ("surveys.csv", big)},
        )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_rate_limit_per_token(writable: tuple[Settings, Tokens]) -> None:
    settings, tokens = writable
    config = ApiConfig(backend="tfidf", rate_burst=3, rate_per_minute=0.01)
    with TestClient(create_app(settings, config)) as client:
        codes = [client.get("/me", headers=bearer(tokens.planner)).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        limited = client.get("/me", headers=bearer(tokens.planner))
        assert int(limited.headers["retry-after"]) > 0
        assert client.get("/me", headers=bearer(tokens.bureau)).status_code == 200


def test_engine_is_built_once_under_concurrency(writable: tuple[Settings, Tokens]) -> None:
    app = create_app(writable[0], TEST_CONFIG)
    state = app.state.kehou
    with ThreadPoolExecutor(max_workers=4) as pool:
        engines = list(pool.map(lambda _: state.engine(), range(8)))
    assert all(e is engines[0] for e in engines)
    state.store.close()


def test_streamed_body_over_the_limit_gets_413(writable: tuple[Settings, Tokens]) -> None:
    """Without a Content-Length (chunked), the limit is enforced while the body streams in."""
    settings = writable[0].model_copy(update={"max_upload_bytes": 1000})

    def chunks() -> Iterator[bytes]:
        yield (
            b'--b\r\nContent-Disposition: form-data; name="file"; filename="surveys.csv"\r\n'
            b"Content-Type: text/csv\r\n\r\n"
        )
        for _ in range(50):
            yield b"x" * 100

    with TestClient(create_app(settings, TEST_CONFIG)) as client:
        response = client.post(
            f"/schools/{SCHOOL}/surveys",
            headers=bearer(writable[1].planner)
            | {"content-type": "multipart/form-data; boundary=b"},
            content=chunks(),
        )
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
