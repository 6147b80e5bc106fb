"""Memory across semesters on the demo data: the signature continues unless demand moved (and
the programme says why), and continuing classes keep their staff."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from catalog import Kind, School, Settings, SurveyResponse
from catalog._store import open_store
from matcher import (
    ContinuityConfig,
    Engine,
    Previous,
    Programme,
    SignatureChoice,
    programme_json,
    surveys_by_school,
)
from matcher._continuity import CONTINUED, continue_signature

Demo = tuple[dict[str, School], dict[str, list[SurveyResponse]]]


@pytest.fixture(scope="module")
def demo(demo_db: Settings) -> Demo:
    with open_store(demo_db) as store:
        schools = {s.id: s for s in store.records(Kind.SCHOOL) if isinstance(s, School)}
        return schools, surveys_by_school(store, "2026秋")


@pytest.fixture(scope="module")
def first(demo_engine: Callable[[str], Engine], demo: Demo) -> tuple[School, Programme]:
    """A school whose 2026秋 programme has a signature and a runner-up with some demand."""
    schools, surveys = demo
    rec = demo_engine("tfidf").recommender()
    for school_id in sorted(surveys):
        plan = rec.programme(schools[school_id], surveys[school_id], semester="2026秋")
        alts = [a for a in plan.alternatives if 0 < a.demand < 0.5]
        if plan.signature is not None and alts and plan.signature.demand > 0:
            return schools[school_id], plan
    pytest.skip("no demo school with a signature and a runner-up")


def previous_doc(plan: Programme, signature: SignatureChoice, demand: float) -> dict[str, Any]:
    """Last semester's stored JSON, as if `signature` (with `demand`) had been its signature."""
    doc = copy.deepcopy(programme_json(plan))
    doc["signature"] = {**doc["signature"], "key": signature.key, "label": signature.label}
    doc["signature"]["demand"] = demand
    return {**doc, "semester": "2026秋"}


def again(engine: Engine, demo: Demo, school: School, previous: dict[str, Any]) -> Programme:
    _, surveys = demo
    rec = engine.recommender()
    return rec.programme(
        school, surveys[school.id], semester="2027春", previous=Previous.from_json(previous)
    )


def test_signature_kept_when_demand_holds(
    demo_engine: Callable[[str], Engine], demo: Demo, first: tuple[School, Programme]
) -> None:
    school, plan = first
    runner_up = next(a for a in plan.alternatives if 0 < a.demand < 0.5)
    # last semester chose the runner-up, with the demand it still has: it continues
    doc = previous_doc(plan, runner_up, runner_up.demand)
    now = again(demo_engine("tfidf"), demo, school, doc)
    assert now.signature is not None and now.signature.key == runner_up.key
    block = programme_json(now)["continuity"]
    assert block["signature_kept"] is True
    assert block["previous_semester"] == "2026秋"
    assert f"延续上学期特色‘{runner_up.label}’" in block["why"]
    assert block["why"] in now.warnings


def test_signature_changes_with_a_reason_when_demand_collapses(
    demo_engine: Callable[[str], Engine], demo: Demo, first: tuple[School, Programme]
) -> None:
    school, plan = first
    runner_up = next(a for a in plan.alternatives if 0 < a.demand < 0.5)
    doc = previous_doc(plan, runner_up, 1.0)  # everyone wanted it last semester
    respondents = doc["profile"]["respondents"]
    now = again(demo_engine("tfidf"), demo, school, doc)
    assert now.signature is not None and now.signature.key != runner_up.key
    block = programme_json(now)["continuity"]
    assert block["signature_kept"] is False
    people = round(runner_up.demand * respondents)
    assert f"‘{runner_up.label}’的需求从 {respondents} 人 降到 {people} 人" in block["why"]
    assert f"本学期改为‘{now.signature.label}’" in block["why"]
    assert block["why"] in now.warnings


def test_a_signature_with_nothing_left_changes_and_says_so(
    demo_engine: Callable[[str], Engine], demo: Demo, first: tuple[School, Programme]
) -> None:
    school, plan = first
    gone = SignatureChoice("不存在的特色", "不存在的特色", 1.0, 0.5, 1.0, 1.0, ())
    now = again(demo_engine("tfidf"), demo, school, previous_doc(plan, gone, 0.5))
    block = programme_json(now)["continuity"]
    assert block["signature_kept"] is False and "已无可安排的项目" in block["why"]


def test_continuing_classes_keep_their_staff(
    demo_engine: Callable[[str], Engine], demo: Demo, first: tuple[School, Programme]
) -> None:
    school, plan = first
    assert plan.signature is not None
    doc = previous_doc(plan, plan.signature, plan.signature.demand)
    changed = doc["items"][-1]
    changed["staff"] = "体育教练·另一位"  # last semester someone else taught this one
    now = again(demo_engine("tfidf"), demo, school, doc)
    block = programme_json(now)["continuity"]
    before = {i["id"]: i["staff"] for i in doc["items"]}
    continued = [i for i in now.items if i.id in before and i.id != changed["id"]]
    assert continued, "the same inputs recommend last semester's classes again"
    assert block["signature_kept"] is True
    for item in continued:
        assert item.staff == before[item.id]
        assert CONTINUED in item.reasons
        assert item.id in block["items_continued"]
    assert changed["id"] not in block["items_continued"]
    assert any(i.id == changed["id"] for i in now.items)  # the same inputs, the same items
    assert list(block["staff_changed"]) == [changed["id"]]
    assert any("上学期由体育教练·另一位承担" in w for w in now.warnings)
    first_plan = programme_json(plan)
    assert "continuity" not in first_plan  # a first semester has no block


def test_keep_share_is_the_threshold() -> None:
    """Pure: demand at exactly the share keeps it; just below changes it."""
    a = SignatureChoice("围棋", "围棋", 0.2, 0.2, 1.0, 1.0, ("C1",))
    b = SignatureChoice("足球", "校园足球", 0.5, 0.6, 1.0, 1.0, ("C2",))
    prev = Previous("2026秋", "围棋", "围棋", 0.4, 50, {})
    cfg = ContinuityConfig(keep_share=0.5)
    ranked, kept, why = continue_signature([b, a], prev, 50, cfg)
    assert kept and ranked[0].key == "围棋" and "20 人 → 10 人" in why
    low = SignatureChoice("围棋", "围棋", 0.2, 0.19, 1.0, 1.0, ("C1",))
    ranked, kept, why = continue_signature([b, low], prev, 50, cfg)
    assert not kept and ranked[0].key == "足球"
    assert why.startswith("上学期特色‘围棋’的需求从 20 人 降到 10 人，本学期改为‘校园足球’")


def test_an_edit_keeps_the_continued_classes_marked(
    demo_engine: Callable[[str], Engine], demo: Demo, first: tuple[School, Programme]
) -> None:
    from matcher import Changes, replan

    school, plan = first
    assert plan.signature is not None
    doc = previous_doc(plan, plan.signature, plan.signature.demand)
    now = again(demo_engine("tfidf"), demo, school, doc)
    continued = programme_json(now)["continuity"]["items_continued"]
    gone = continued[-1]
    edited = replan(now, Changes(remove=(gone,)))
    block = programme_json(edited)["continuity"]
    assert gone not in block["items_continued"] and block["items_continued"]
    for item in edited.items:
        assert (CONTINUED in item.reasons) == (item.id in block["items_continued"])
        assert item.reasons.count(CONTINUED) <= 1
