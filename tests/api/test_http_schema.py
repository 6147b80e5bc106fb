"""schemathesis over the OpenAPI document: no 5xx and every response matches its schema.

Bounded: a few generated cases per operation, no deadline, on a database of its own (the
generated uploads may write). Driven from plain hypothesis (`@given` on each operation's
strategy) because schemathesis' pytest plugin does not run under this pytest version.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from api import create_app
from catalog import Kind, Settings, export_records, open_store
from catalog._importer import import_paths
from catalog._store_auth import create_token
from catalog.demo_data import DEMO_DATA_DIR
from tests.api.conftest import TEST_CONFIG, bearer, demo_settings, make_tokens
from tests.api.test_http_authz import ROUTES

schemathesis = pytest.importorskip("schemathesis")
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402


@pytest.fixture(scope="module")
def schema_and_token(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    db = demo_settings(tmp_path_factory.mktemp("schema"))
    tokens = make_tokens(db)
    app = create_app(db, TEST_CONFIG.model_copy(update={"allocation_time_limit": 0.5}))
    with TestClient(app):  # runs the lifespan
        yield schemathesis.openapi.from_asgi("/openapi.json", app), tokens.bureau


@pytest.fixture(scope="module")
def small_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    """The demo catalogue with three of its schools: POST /allocations values every school x
    resource, minutes on all 74 schools of a busy machine, seconds on three."""
    folder = tmp_path_factory.mktemp("small-in")
    for name in ("institutions.csv", "specialists.csv", "courses.xlsx", "science_resources.json"):
        shutil.copy(DEMO_DATA_DIR / name, folder / name)
    with open_store(demo_settings(tmp_path_factory.mktemp("full"))) as store:
        schools = sorted(store.records(Kind.SCHOOL), key=lambda s: s.id)[::25]  # type: ignore[attr-defined]
    export_records(schools, Kind.SCHOOL, folder / "schools.csv")
    db = Settings(db=str(tmp_path_factory.mktemp("small") / "k.db"), hmac_secret="test-secret")
    import_paths([folder], db, semester="2026秋", user="test")
    with open_store(db) as store:
        token, _ = create_token(store, "bureau")
    app = create_app(db, TEST_CONFIG.model_copy(update={"allocation_time_limit": 0.5}))
    with TestClient(app):
        yield schemathesis.openapi.from_asgi("/openapi.json", app), token


#: POST /allocations takes seconds a call: fuzzed with fewer cases on three schools
#: (`small_schema`) and marked slow; every other route gets six cases on the demo data.
SLOW = {("POST", "/allocations"): 3}
FUZZED = [
    pytest.param(key, marks=[pytest.mark.slow] if key in SLOW else [], id=f"{key[0]} {key[1]}")
    for key in sorted(ROUTES)
]


def test_every_route_of_the_schema_is_fuzzed(schema_and_token: tuple[Any, str]) -> None:
    schema, _ = schema_and_token
    documented = {
        (method.upper(), path)
        for path, item in schema.raw_schema["paths"].items()
        for method in item
        if method.upper() in ("GET", "POST", "PUT", "PATCH", "DELETE")
    }
    assert documented == set(ROUTES)


@pytest.mark.parametrize("key", FUZZED)
def test_operation_conforms_to_its_schema(
    request: pytest.FixtureRequest, key: tuple[str, str]
) -> None:
    fixture = "small_schema" if key in SLOW else "schema_and_token"
    schema, token = request.getfixturevalue(fixture)
    method, path = key
    operation = schema[path][method]
    statuses: list[int] = []

    # An uploaded file's rows and columns cannot be described in OpenAPI, so random bytes that
    # the schema allows are rightly refused with the documented 422 + problem list.
    excluded = [positive_data_acceptance] if method == "POST" else []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=SLOW.get(key, 6),
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=True,
    )
    def check(case: Any) -> None:
        response = case.call_and_validate(headers=bearer(token), excluded_checks=excluded)
        statuses.append(response.status_code)

    check()
    assert statuses and max(statuses) < 500
