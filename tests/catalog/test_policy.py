"""Catalogue-level rules on hand-made records: fees, verification/admission, academic content."""

from __future__ import annotations

import math
from dataclasses import FrozenInstanceError

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog import Course, FeeCaps, GradeRange, Settings
from catalog.policy import (
    RULE_MESSAGES,
    PolicyConfig,
    RuleCode,
    Violation,
    check_item,
    check_pair,
    daily_fee_ok,
    fee_cap_per_session,
    semester_fee_ok,
    session_hours,
)
from tests.catalog._policy_records import (
    CAPS,
    SETTINGS,
    course,
    institution,
    rules,
    school,
    specialist,
)

# ---- vocabulary -------------------------------------------------------------------------------


def test_every_rule_code_has_its_chinese_message() -> None:
    assert set(RULE_MESSAGES) == set(RuleCode)
    assert RuleCode.ACADEMIC.message == "学科类内容"
    assert RuleCode.FEE_OVER_CAP.message == "超过收费上限"
    assert RuleCode.NO_SHARED_SLOT.message == "没有共同的空闲时段"
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in RULE_MESSAGES.values())


def test_violation_is_frozen() -> None:
    v = Violation("C1", RuleCode.TOO_FAR, "远")
    with pytest.raises(FrozenInstanceError):
        v.reason = "近"  # type: ignore[misc]


# ---- fees -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "cap"), [(30, 4.0), (45, 4.0), (46, 8.0), (60, 8.0), (90, 8.0), (91, 12.0)]
)
def test_fee_cap_counts_started_session_hours(minutes: int, cap: float) -> None:
    assert fee_cap_per_session(minutes, CAPS) == cap


def test_exactly_four_yuan_for_45_minutes_passes_and_4_01_fails() -> None:
    assert FeeCapsRule.of(course(fee_per_session=4.0)) == set()
    over = check_item(course(fee_per_session=4.01), settings=SETTINGS)
    assert rules(over) == {RuleCode.FEE_OVER_CAP}
    assert "每课时 4.01 元，超过上限 4 元" in over[0].reason


def test_ninety_minutes_may_cost_eight_but_not_more() -> None:
    assert FeeCapsRule.of(course(session_minutes=90, fee_per_session=8.0)) == set()
    assert FeeCapsRule.of(course(session_minutes=90, fee_per_session=8.5)) == {
        RuleCode.FEE_OVER_CAP
    }


def test_long_session_breaks_both_hourly_and_daily_caps_with_concrete_reasons() -> None:
    over = check_item(course(session_minutes=135, fee_per_session=16.0), settings=SETTINGS)
    reasons = " ".join(v.reason for v in over)
    assert "每课时 5.33 元，超过上限 4 元" in reasons
    assert "超过每天上限 8 元" in reasons


def test_fee_caps_come_from_settings() -> None:
    dear = Settings(db="x.db", fee_caps=FeeCaps(yuan_per_session_hour=6.0, yuan_per_day=12.0))
    assert check_item(course(fee_per_session=5.5), settings=dear) == []
    assert rules(check_item(course(fee_per_session=5.5), settings=SETTINGS)) == {
        RuleCode.FEE_OVER_CAP
    }


def test_senior_only_course_is_held_to_the_semester_cap_not_the_hourly_one() -> None:
    senior = school(level="高中")
    c = course(grades=GradeRange(lo=10, hi=12), fee_per_session=60.0)
    assert check_item(c, settings=SETTINGS) == []
    assert check_pair(senior, c, settings=SETTINGS) == []  # 60 × 18 = 1080 ≤ 1200
    dear = c.model_copy(update={"fee_per_session": 70.0})  # 1260 > 1200
    over = check_pair(senior, dear, settings=SETTINGS)
    assert rules(over) == {RuleCode.FEE_OVER_CAP}
    assert "1260" in over[0].reason and "1200" in over[0].reason
    weekly = PolicyConfig(weeks_per_semester=10)
    assert check_pair(senior, dear, settings=SETTINGS, policy=weekly) == []


def test_daily_and_semester_caps() -> None:
    assert daily_fee_ok([4.0, 4.0], CAPS)
    assert not daily_fee_ok([4.0, 4.01], CAPS)
    assert daily_fee_ok([], CAPS)
    assert semester_fee_ok(1200.0, CAPS)
    assert not semester_fee_ok(1200.5, CAPS)


@given(st.integers(1, 240), st.integers(1, 240))
def test_fee_cap_is_monotone_in_minutes(a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    assert fee_cap_per_session(lo, CAPS) <= fee_cap_per_session(hi, CAPS)


@given(st.integers(1, 240))
def test_fee_cap_never_below_the_pro_rata_cap(minutes: int) -> None:
    pro_rata = minutes / CAPS.session_hour_minutes * CAPS.yuan_per_session_hour
    assert fee_cap_per_session(minutes, CAPS) >= pro_rata - 1e-9
    assert session_hours(minutes, CAPS) == math.ceil(minutes / 45)


class FeeCapsRule:
    """The fee rule alone, so that other rules cannot hide a boundary mistake."""

    @staticmethod
    def of(c: Course) -> set[RuleCode]:
        return rules(check_item(c, settings=SETTINGS)) & {RuleCode.FEE_OVER_CAP}


# ---- verification and admission ---------------------------------------------------------------


def test_course_inherits_its_specialists_verification() -> None:
    c = course(provider_id="S1")
    assert check_item(c, provider=specialist(), settings=SETTINGS) == []
    bad = check_item(c, provider=specialist(verified=False), settings=SETTINGS)
    assert rules(bad) == {RuleCode.UNVERIFIED_SPECIALIST}
    assert "李师傅" in bad[0].reason


def test_course_whose_provider_is_missing_cannot_be_verified() -> None:
    bad = check_item(course(provider_id="S9"), provider=None, settings=SETTINGS)
    assert rules(bad) == {RuleCode.UNVERIFIED_SPECIALIST}
    assert "S9" in bad[0].reason


def test_course_of_an_institution_needs_admission() -> None:
    c = course(provider_id="I1")
    assert check_item(c, provider=institution(), settings=SETTINGS) == []
    bad = check_item(c, provider=institution(admitted=False), settings=SETTINGS)
    assert rules(bad) == {RuleCode.INSTITUTION_NOT_ADMITTED}
    assert "星光艺术培训" in bad[0].reason


def test_course_of_a_specialist_from_an_unadmitted_institution_breaks_the_rule() -> None:
    c = course(provider_id="S1")
    who = specialist(institution_id="I1")
    ok = check_item(c, provider=who, institution=institution(), settings=SETTINGS)
    assert ok == []
    bad = check_item(c, provider=who, institution=institution(admitted=False), settings=SETTINGS)
    assert rules(bad) == {RuleCode.INSTITUTION_NOT_ADMITTED}
    unknown = check_item(c, provider=who, institution=None, settings=SETTINGS)
    assert rules(unknown) == {RuleCode.INSTITUTION_NOT_ADMITTED}


def test_specialist_item_itself() -> None:
    assert check_item(specialist(), settings=SETTINGS) == []
    assert rules(check_item(specialist(verified=False), settings=SETTINGS)) == {
        RuleCode.UNVERIFIED_SPECIALIST
    }
    member = specialist(institution_id="I1")
    assert check_item(member, provider=institution(), settings=SETTINGS) == []
    bad = check_item(member, provider=institution(admitted=False), settings=SETTINGS)
    assert rules(bad) == {RuleCode.INSTITUTION_NOT_ADMITTED}


# ---- academic content -------------------------------------------------------------------------


def test_academic_course_is_excluded_with_its_evidence() -> None:
    c = course(title="思维拓展", description="鸡兔同笼、植树问题等经典应用题")
    bad = check_item(c, settings=SETTINGS)
    assert rules(bad) == {RuleCode.ACADEMIC}
    assert "鸡兔同笼" in bad[0].reason
    contest = course(title="思维拓展", description="鸡兔同笼、植树问题等经典应用题，冲刺杯赛")
    exam = check_item(contest, settings=SETTINGS)
    assert rules(exam) == {RuleCode.ACADEMIC, RuleCode.EXAM_PREP}
    assert "杯赛" in exam[0].reason and exam[0].rule == RuleCode.ACADEMIC  # scripts read it
    assert exam[1].rule == RuleCode.EXAM_PREP and "杯赛" in exam[1].reason


def test_specialist_is_judged_by_skills_not_by_past_job() -> None:
    chess = specialist(skills=["围棋", "象棋"], bio="退休前是初中数学教师，教过三十年数学课")
    assert check_item(chess, settings=SETTINGS) == []
    tutor = specialist(skills=["奥数", "数学培优"])
    assert rules(check_item(tutor, settings=SETTINGS)) == {RuleCode.ACADEMIC}
    exam_tutor = specialist(skills=["奥数", "小升初数学培优"])
    assert rules(check_item(exam_tutor, settings=SETTINGS)) == {
        RuleCode.ACADEMIC,
        RuleCode.EXAM_PREP,
    }


def test_check_item_is_pure() -> None:
    c = course(fee_per_session=9.0, title="数学同步辅导")
    assert check_item(c, settings=SETTINGS) == check_item(c, settings=SETTINGS)
