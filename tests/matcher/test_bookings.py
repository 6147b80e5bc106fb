"""The allocation's decisions reach each school's programme (real TF-IDF recommender, real
rules, real HiGHS): a scarce 非遗 inheritor goes where the allocation says, whatever the id
order; the next semester rotates him; replan bookings and allowed days follow the same doc."""

from __future__ import annotations

import json

import pytest

from catalog import GradeRange, School, ScienceResource, SurveyResponse
from matcher import (
    Catalogue,
    ProgrammeSequence,
    Recommender,
    allocation_bookings,
    allocation_history,
    allocation_loads,
    allowed_days,
    run_bureau,
)
from matcher.allocation import BureauConfig
from tests.matcher._academic_records import HERE, SCHOOL, build_recommender, course, person

INHERITOR = person(
    "P-CI", "非遗传承人", ["釉下五彩瓷", "陶艺"], "醴陵釉下五彩瓷非遗传承人，教学生拉坯、画瓷",
    max_schools=1, available_slots=["周二下午", "周四下午"],
)  # fmt: skip
COURSES = [
    course("C-FOOT", "校园足球", "足球基本功与比赛", "体"),
    course("C-ART", "儿童画", "水彩与线描", "美"),
]
SPORT_LAB = ScienceResource(
    id="R-SPORT", title="足球运动科学实验", provider="市科协", district="天元区",
    description="足球、跑步中的力学与运动科学，进校园做实验", topics=["足球", "运动科学"],
    format="进校园", lat=HERE[0], lon=HERE[1], visits_per_semester=1,
    grades=GradeRange(lo=1, hi=6), cost_per_visit=0,
)  # fmt: skip
CONFIG = BureauConfig(science_floor=0)


def school(sid: str) -> School:
    return SCHOOL.model_copy(update={"id": sid, "name": f"{sid}小学"})


def wishes(sid: str, texts: list[str]) -> list[SurveyResponse]:
    return [
        SurveyResponse(
            respondent_key=f"{sid}{n:020d}", school_id=sid, respondent="家长", grade=4,
            interests=t, preferred_days=["周二"],
        )
        for n, t in enumerate(texts * 8)
    ]  # fmt: skip


@pytest.fixture(scope="module")
def rec(tmp_path_factory: pytest.TempPathFactory) -> Recommender:
    catalogue = Catalogue(COURSES, [INHERITOR], [SPORT_LAB], [])
    return build_recommender(catalogue, tmp_path_factory.mktemp("bookings"))


def _uses_inheritor(doc: dict) -> bool:
    return any(i["id"] == "P-CI" or i.get("provider_id") == "P-CI" for i in doc["items"])


def test_scarce_inheritor_follows_the_allocation_not_the_id_order(rec: Recommender) -> None:
    # A01 comes first by id but hardly wants pottery; Z09 wants it most.
    schools = [school("A01"), school("Z09")]
    surveys = {
        "A01": wishes("A01", ["足球", "踢足球", "跑步"]),
        "Z09": wishes("Z09", ["陶瓷", "釉下五彩瓷", "拉坯做陶艺", "学画瓷器"]),
    }
    _, doc = run_bureau(rec, schools, surveys, CONFIG)
    doc = json.loads(json.dumps(doc, ensure_ascii=False, default=str))
    given = {(a["school_id"], a["resource_id"]) for a in doc["allocations"]}
    assert given == {("A01", "R-SPORT"), ("Z09", "P-CI")}
    assert allowed_days(doc, "Z09") == {"P-CI": ("周二",)}
    assert allowed_days(doc, "A01") == {}
    assert allocation_bookings(rec.catalogue, doc, "A01") == {"P-CI": 1}
    assert allocation_loads(rec.catalogue, doc, "Z09")["science_resources/R-SPORT"].visits == 1
    assert allocation_bookings(rec.catalogue, doc, "Z09") == {}

    seq = ProgrammeSequence(set(rec.catalogue.specialists))
    programmes = {
        s.id: seq.compute(rec, s, surveys[s.id], allocation_loads(rec.catalogue, doc, s.id))
        for s in schools  # id order: A01 first, as the batch runs
    }
    assert not _uses_inheritor(programmes["A01"])
    assert _uses_inheritor(programmes["Z09"])

    # Next semester: Z09 had him, so with equal wishes he rotates to A01.
    surveys2 = {sid: wishes(sid, ["陶瓷", "釉下五彩瓷", "拉坯做陶艺"]) for sid in ("A01", "Z09")}
    previous, earlier = allocation_history([doc])
    assert previous == {"Z09": {"P-CI"}, "A01": {"R-SPORT"}} and earlier == {"Z09": 1, "A01": 1}
    _, doc2 = run_bureau(rec, schools, surveys2, CONFIG, previous=previous, earlier=earlier)
    got = {a["resource_id"]: (a["school_id"], a["rotated"]) for a in doc2["allocations"]}
    assert got["P-CI"] == ("A01", False)
