"""Recommendations on the demo data: rules never broken, reasons always given, real cases."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog import Kind, School, Settings, Specialist, SurveyResponse
from catalog._store import open_store
from catalog.policy import check_item, check_pair
from embeddings import DEFAULT_BACKEND
from matcher import Engine, Programme, Recommender, programme_json, surveys_by_school


@pytest.fixture(scope="module")
def demo(demo_db: Settings) -> tuple[dict[str, School], dict[str, list[SurveyResponse]]]:
    with open_store(demo_db) as store:
        schools = {s.id: s for s in store.records(Kind.SCHOOL) if isinstance(s, School)}
        return schools, surveys_by_school(store, "2026秋")


def assert_no_rule_broken(
    engine: Engine, school: School, programme: Programme, cfg: Settings
) -> None:
    for item in programme.items:
        found = engine.catalogue.by_key[f"{item.kind}/{item.id}"]
        broken = check_item(
            found.record, provider=found.provider, settings=cfg, institution=found.institution
        ) + check_pair(school, found.record, provider=found.provider, settings=cfg)
        assert broken == [], (item.id, broken)
        assert item.reasons, item.id


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_no_item_ever_breaks_a_hard_rule(
    data: st.DataObject,
    demo_engine: Callable[[str], Engine],
    demo,
    demo_db: Settings,  # type: ignore[no-untyped-def]
) -> None:
    schools, surveys = demo
    engine = demo_engine("tfidf")
    school = schools[data.draw(st.sampled_from(sorted(schools)))]
    rows = surveys.get(school.id, [])
    subset = (
        data.draw(
            st.lists(st.sampled_from(rows), max_size=40, unique_by=lambda r: r.respondent_key)
        )
        if rows
        else []
    )
    rec = engine.recommender()
    programme = rec.programme(school, subset)
    assert_no_rule_broken(engine, school, programme, demo_db)
    excluded = {e.id for e in programme.excluded}
    assert not excluded & {i.id for i in programme.items}


def test_every_demo_school_gets_a_valid_programme(demo_engine, demo, demo_db: Settings) -> None:  # type: ignore[no-untyped-def]
    schools, surveys = demo
    engine = demo_engine("tfidf")
    rec = engine.recommender()
    for sid in sorted(schools)[::6]:
        p = rec.programme(schools[sid], surveys.get(sid, []))
        assert_no_rule_broken(engine, schools[sid], p, demo_db)
        assert p.signature is not None and set(p.signature.item_ids) <= {i.id for i in p.items}
        wanted = set("德智体美劳") - set(p.domains_without_demand)
        assert wanted <= set(p.domains_covered) or p.warnings


@pytest.mark.slow
def test_liling_ceramics_school_gets_the_underglaze_inheritor(
    demo_engine, demo, demo_db: Settings
) -> None:  # type: ignore[no-untyped-def]
    schools, surveys = demo
    engine = demo_engine(DEFAULT_BACKEND)
    rec = engine.recommender()
    p = rec.programme(schools["LL01"], surveys["LL01"])
    assert p.signature is not None and p.signature.key == "陶瓷"
    assert p.signature.label == "釉下五彩瓷" and p.signature.category == "非遗与本土文化"
    staff_ids = set()
    for item in p.items:
        found = engine.catalogue.by_key[f"{item.kind}/{item.id}"]
        who = found.record if isinstance(found.record, Specialist) else found.provider
        if isinstance(who, Specialist):
            staff_ids.add(who.id)
    inheritors = {
        s.id
        for s in engine.catalogue.specialists.values()
        if s.kind.value == "非遗传承人" and any("釉下五彩" in k for k in s.skills)
    }
    assert staff_ids & inheritors, (staff_ids, inheritors)
    assert any("陶瓷" in r or "釉下" in r or "瓷" in r for i in p.items for r in i.reasons)


@pytest.mark.slow
def test_school_asking_for_aoshu_gets_none(demo_engine, demo, demo_db: Settings) -> None:  # type: ignore[no-untyped-def]
    schools, surveys = demo
    engine = demo_engine(DEFAULT_BACKEND)
    rec = engine.recommender()
    aoshu = [r for r in surveys["CL03"] if "奥数" in r.interests or "英语" in r.interests]
    assert len(aoshu) >= 5  # the demo school really asks for it
    p = rec.programme(schools["CL03"], surveys["CL03"])
    academic = {"C901", "C902", "C903", "C904"}
    assert not academic & {i.id for i in p.items}
    assert academic & {e.id for e in p.excluded if e.rule == "ACADEMIC"}
    assert any("学科类" in w for w in p.warnings)


def test_same_input_same_output(demo_engine, demo, demo_db: Settings) -> None:  # type: ignore[no-untyped-def]
    schools, surveys = demo
    engine = demo_engine("tfidf")
    one = Recommender(engine.catalogue, engine.embedder, engine.index, demo_db)
    two = Recommender(engine.catalogue, engine.embedder, engine.index, demo_db)
    a = programme_json(one.programme(schools["TY01"], surveys["TY01"]))
    b = programme_json(two.programme(schools["TY01"], list(reversed(surveys["TY01"]))))
    assert a == b


def test_demo_school_cl03_names_wishes_and_notes_academic_ones(
    demo_engine, demo, demo_db: Settings
) -> None:  # type: ignore[no-untyped-def]
    schools, surveys = demo
    engine = demo_engine("tfidf")
    rec = Recommender(engine.catalogue, engine.embedder, engine.index, demo_db)
    profile = rec.profile("CL03", surveys["CL03"])
    labels = {t.label for t in profile.themes}
    assert {"舞蹈", "编程"} <= labels
    assert profile.academic.get("奥数", 0) >= 5 and "英语" in profile.academic
    p = rec.plan(schools["CL03"], profile)
    notes = [w for w in p.warnings if "学科类愿望" in w]
    assert len(notes) == 1 and "奥数" in notes[0] and "答疑" in notes[0]
    cited = {d.wish for i in p.items for d in i.reason_details if d.kind == "wish"}
    assert cited <= labels and not cited & set(profile.academic)
    for item in p.items:
        assert "写作文" not in " ".join(item.reasons) and "奥数" not in " ".join(item.reasons)
    doc = programme_json(p)
    assert {"id", "kind", "title", "rule", "reason"} == set(doc["excluded"][0])
    assert doc["excluded_counts"] and all(
        isinstance(n, int) for n in doc["excluded_counts"].values()
    )
    assert doc["items"][0]["reason_details"][0]["kind"] in {
        "wish",
        "domain",
        "teacher_strength",
        "facility",
        "local_resource",
    }
    assert p.signature is not None and p.signature.label not in {"体育特色", "科技创新", "音乐艺术"}


def test_liling_signature_is_the_craft_led_by_an_inheritor(
    demo_engine, demo, demo_db: Settings
) -> None:  # type: ignore[no-untyped-def]
    schools, surveys = demo
    engine = demo_engine("tfidf")
    rec = Recommender(engine.catalogue, engine.embedder, engine.index, demo_db)
    p = rec.programme(schools["LL01"], surveys["LL01"])
    sig = p.signature
    assert sig is not None and (sig.label, sig.category) == ("釉下五彩瓷", "非遗与本土文化")
    items = {i.id: i for i in p.items}
    assert items[sig.lead].staff.startswith("非遗传承人")
    assert {items[i].feature for i in sig.item_ids} == {"陶瓷"}
