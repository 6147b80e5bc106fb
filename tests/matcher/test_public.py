"""matcher's public face: one import surface, a cached recommender, and `replan` on its own."""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

import matcher
from catalog import Kind, School, Settings, SurveyResponse
from catalog._store import open_store
from matcher import (
    Changes,
    Engine,
    Programme,
    RecommendConfig,
    ReplanError,
    programme_json,
    replan,
    surveys_by_school,
)

ROOT = Path(__file__).resolve().parents[2]
SCHOOL = "LL01"


def private_matcher_imports(folder: Path) -> list[str]:
    """`from matcher._x import ...` / `import matcher._x` anywhere under `folder`."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "matcher" and any(p.startswith("_") for p in parts[1:]):
                    found.append(f"{path.relative_to(ROOT)}: {name}")
    return found


@pytest.mark.parametrize("folder", ["api", "evaluation", "benchmarks"])
def test_callers_use_public_names_only(folder: str) -> None:
    assert private_matcher_imports(ROOT / folder) == []


def test_every_public_name_resolves() -> None:
    for name in matcher.__all__:
        assert getattr(matcher, name) is not None, name


@pytest.fixture(scope="module")
def ll01(demo_db: Settings) -> tuple[School, list[SurveyResponse]]:
    with open_store(demo_db) as store:
        school = store.get(Kind.SCHOOL, SCHOOL)
        assert isinstance(school, School)
        return school, surveys_by_school(store, "2026秋")[SCHOOL]


@pytest.fixture(scope="module")
def base(demo_engine: Callable[[str], Engine], ll01: tuple[School, list]) -> Programme:
    school, rows = ll01
    return demo_engine("tfidf").recommender().programme(school, rows, semester="2026秋")


def test_recommender_is_built_once_per_config(demo_engine: Callable[[str], Engine]) -> None:
    engine = demo_engine("tfidf")
    assert engine.recommender() is engine.recommender()
    assert engine.recommender(RecommendConfig(candidates=20)) is not engine.recommender()
    assert engine.retriever() is engine.recommender().retriever


def test_programme_keeps_what_replanning_needs(base: Programme) -> None:
    assert base.context is not None and base.semester == "2026秋"
    assert {i.id for i in base.items} <= {i.id for i in base.context.candidates}
    doc = programme_json(base)
    assert "context" not in doc and doc["semester"] == "2026秋"
    assert doc["profile"]["school_id"] == SCHOOL


def test_replan_without_changes_reproduces_the_plan(base: Programme) -> None:
    again = replan(base)
    assert programme_json(again) == programme_json(base)


def test_a_swap_is_planned_and_costed_again(base: Programme) -> None:
    assert base.context is not None
    taken = {i.id for i in base.items}
    old = base.items[-1]
    # an item any classroom can host (one needing a full 陶艺室 would leave with a warning)
    new = next(
        i for i in base.context.candidates
        if i.id not in taken and not i.room.strict and i.staff.startswith("本校教师")
    )  # fmt: skip
    swapped = replan(base, Changes(swap=((old.id, new.id),)))
    ids = [i.id for i in swapped.items]
    assert new.id in ids and old.id not in ids
    assert {e.item_id for e in swapped.timetable if e.item_id} == set(ids)
    assert swapped.costs.staff_cost > 0
    # the context (pool, config) travels, so a second edit needs nothing else
    back = replan(swapped, Changes(swap=((new.id, old.id),)))
    assert sorted(i.id for i in back.items) == sorted(taken)


def test_remove_and_add(base: Programme) -> None:
    gone = base.items[0].id
    fewer = replan(base, Changes(remove=(gone,)))
    assert gone not in {i.id for i in fewer.items}
    more = replan(fewer, Changes(add=(gone,)))
    assert gone in {i.id for i in more.items}


@pytest.mark.parametrize(
    "changes",
    [
        Changes(swap=(("NOPE", "C001"),)),
        Changes(add=("NOT-ELIGIBLE",)),
        Changes(remove=("NOT-IN-PLAN",)),
    ],
)
def test_impossible_edits_are_refused(base: Programme, changes: Changes) -> None:
    with pytest.raises(ReplanError):
        replan(base, changes)


def test_adding_an_item_already_planned_is_refused(base: Programme) -> None:
    with pytest.raises(ReplanError):
        replan(base, Changes(add=(base.items[0].id,)))


def test_bookings_drop_a_specialist_other_schools_filled(base: Programme) -> None:
    assert base.context is not None
    shared = [i for i in base.items if i.id in base.context.shared]
    if not shared:
        pytest.skip("LL01's plan takes no outside specialist on this backend")
    item = shared[0]
    person, most = base.context.shared[item.id]
    after = replan(base, bookings={person: most})
    assert item.id not in {i.id for i in after.items}
    assert any("约满" in w for w in after.warnings)
    assert item.id in {i.id for i in replan(base, bookings={person: most - 1}).items}


def test_replan_needs_a_context(base: Programme) -> None:
    with pytest.raises(ReplanError):
        replan(replace(base, context=None))
