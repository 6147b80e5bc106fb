"""School × item rules on hand-made records: distance, grades, slots, load."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog import GradeRange
from catalog.policy import (
    ItemLoad,
    PolicyConfig,
    RuleCode,
    check_pair,
    haversine_km,
    slot_window,
    slots_overlap,
)
from tests.catalog._policy_records import (
    CHANGSHA,
    SETTINGS,
    ZHUZHOU,
    course,
    institution,
    resource,
    rules,
    school,
    specialist,
)

# ---- distance ---------------------------------------------------------------------------------


def test_haversine_zhuzhou_to_changsha() -> None:
    km = haversine_km(*ZHUZHOU, *CHANGSHA)
    assert 40 <= km <= 50
    assert haversine_km(0, 0, 1, 0) == pytest.approx(111.195, abs=0.01)


Point = tuple[float, float]
coords = st.tuples(st.floats(-89, 89), st.floats(-179, 179))


@given(coords, coords)
def test_haversine_symmetric_and_zero_on_same_point(a: Point, b: Point) -> None:
    assert haversine_km(*a, *b) == pytest.approx(haversine_km(*b, *a), abs=1e-6)
    assert haversine_km(*a, *a) == pytest.approx(0.0, abs=1e-6)


@given(coords, coords, coords)
def test_haversine_triangle_inequality(a: Point, b: Point, c: Point) -> None:
    assert haversine_km(*a, *c) <= haversine_km(*a, *b) + haversine_km(*b, *c) + 1e-6


def test_specialist_beyond_radius_is_too_far() -> None:
    far_school = school(lat=CHANGSHA[0], lon=CHANGSHA[1], name="长沙某小学")
    bad = check_pair(far_school, specialist(max_travel_km=30), settings=SETTINGS)
    assert rules(bad) == {RuleCode.TOO_FAR}
    assert "超出出行半径 30 公里" in bad[0].reason
    assert check_pair(far_school, specialist(max_travel_km=60), settings=SETTINGS) == []
    # a course travels with its specialist; a course with no provider travels nowhere
    assert rules(check_pair(far_school, course(), provider=specialist(), settings=SETTINGS)) == {
        RuleCode.TOO_FAR
    }
    assert check_pair(far_school, course(), settings=SETTINGS) == []


def test_resource_radius_depends_on_its_format() -> None:
    far = school(lat=ZHUZHOU[0] + 1.2, lon=ZHUZHOU[1])  # about 133 km north
    assert check_pair(far, resource(format="进校园"), settings=SETTINGS) == []
    assert rules(check_pair(far, resource(format="研学"), settings=SETTINGS)) == {RuleCode.TOO_FAR}
    assert check_pair(far, resource(format="线上"), settings=SETTINGS) == []


def test_institution_course_travel_uses_the_institution_setting() -> None:
    far = school(lat=CHANGSHA[0], lon=CHANGSHA[1])
    c = course(provider_id="I1")
    placed = institution(lat=ZHUZHOU[0], lon=ZHUZHOU[1])
    assert check_pair(far, c, provider=placed, settings=SETTINGS) == []  # 48 km ≤ 50
    near_only = PolicyConfig(institution_max_travel_km=20)
    assert rules(check_pair(far, c, provider=placed, settings=SETTINGS, policy=near_only)) == {
        RuleCode.TOO_FAR
    }
    assert check_pair(far, c, provider=institution(), settings=SETTINGS, policy=near_only) == []


# ---- grades -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "lo", "hi", "ok"),
    [
        ("小学", 1, 6, True),
        ("小学", 7, 9, False),
        ("初中", 7, 9, True),
        ("初中", 5, 7, True),
        ("九年一贯制", 7, 9, True),
        ("高中", 1, 9, False),
        ("高中", 9, 10, True),
    ],
)
def test_grades_must_overlap_the_school_level(level: str, lo: int, hi: int, ok: bool) -> None:
    got = check_pair(
        school(level=level), course(grades=GradeRange(lo=lo, hi=hi)), settings=SETTINGS
    )
    assert (RuleCode.GRADE_MISMATCH not in rules(got)) is ok


# ---- slots ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        (["周二下午"], ["周二下午"], True),
        (["周二下午"], ["周二"], True),  # a day with no part is the whole day
        (["周二全天"], ["周二晚上"], True),
        (["周二下午"], ["周二上午"], False),
        (["周二下午"], ["周三下午"], False),
        (["星期二 16:00-17:30"], ["周二下午"], True),
        (["周二 08:00-09:00"], ["周二下午"], False),
        (["礼拜四下午", "周五下午"], ["周四下午"], True),
        ([], ["周一下午"], True),  # not stated: no restriction
    ],
)
def test_slots_overlap(a: list[str], b: list[str], ok: bool) -> None:
    assert slots_overlap(a, b) is ok
    assert slots_overlap(b, a) is ok


def test_slot_window_reads_parts_and_days() -> None:
    assert slot_window("周一下午") is not None
    tuesday = slot_window("星期二")
    assert tuesday is not None and (tuesday.day, tuesday.start, tuesday.end) == (1, 0, 1440)
    assert slot_window("下午") is None


def test_no_shared_slot_between_specialist_and_school() -> None:
    busy = specialist(available_slots=["周四下午"])
    bad = check_pair(school(), busy, settings=SETTINGS)
    assert rules(bad) == {RuleCode.NO_SHARED_SLOT}
    assert "周四下午" in bad[0].reason and "周二下午" in bad[0].reason
    assert rules(check_pair(school(), course(), provider=busy, settings=SETTINGS)) == {
        RuleCode.NO_SHARED_SLOT
    }
    assert check_pair(school(), specialist(), settings=SETTINGS) == []


# ---- load -------------------------------------------------------------------------------------


def test_capacity_and_max_schools() -> None:
    s = school()
    assert check_pair(s, course(), settings=SETTINGS, load=ItemLoad(participants=30)) == []
    full = check_pair(s, course(), settings=SETTINGS, load=ItemLoad(participants=31))
    assert rules(full) == {RuleCode.OVER_CAPACITY}
    busy = check_pair(s, specialist(), settings=SETTINGS, load=ItemLoad(schools=3))
    assert rules(busy) == {RuleCode.MAX_SCHOOLS_REACHED}
    assert check_pair(s, specialist(), settings=SETTINGS, load=ItemLoad(schools=2)) == []
    spent = check_pair(s, resource(), settings=SETTINGS, load=ItemLoad(visits=4))
    assert rules(spent) == {RuleCode.OVER_CAPACITY}
    assert check_pair(s, resource(), settings=SETTINGS, load=None) == []
