"""选课 enrolment: students into sections by a stated mechanism with a seeded lottery.

    offerings = offerings_from_timetable(rows, courses)      # timetable rows → Offering
    run = enrol(offerings, students, EnrolConfig(mechanism="optimal", seed=7))
    figures(run)                                             # first choice, mean rank, envy…

Every mechanism (`MECHANISMS`: rsd, optimal, fcfs) obeys the same rules (section seats,
grades, one course per period, the student's days, the daily fee cap, the weekly limit), and
every result is checked against them (`violations`) before it is returned.
"""

from matcher.enrolment._doc import enrolment_json, offered_courses, students_from_choices
from matcher.enrolment._enrol import FULL, Enrolment, Placement, enrol
from matcher.enrolment._fees import FeeLine, FeeStatement, fee_notice, fee_statements
from matcher.enrolment._figures import envy_count, figures
from matcher.enrolment._lottery import lottery_order, lottery_ticket
from matcher.enrolment._model import (
    DEFAULT_MECHANISM,
    EnrolConfig,
    Instance,
    Offering,
    Option,
    Student,
    build_instance,
)
from matcher.enrolment._optimal import OptimalSolveError
from matcher.enrolment._registry import MECHANISMS, Mechanism, get_mechanism
from matcher.enrolment._state import Holdings, violations
from matcher.enrolment._timetable import offerings_from_timetable

__all__ = [
    "DEFAULT_MECHANISM",
    "FULL",
    "MECHANISMS",
    "EnrolConfig",
    "Enrolment",
    "FeeLine",
    "FeeStatement",
    "Holdings",
    "Instance",
    "Mechanism",
    "Offering",
    "OptimalSolveError",
    "Option",
    "Placement",
    "Student",
    "build_instance",
    "enrol",
    "enrolment_json",
    "envy_count",
    "fee_notice",
    "fee_statements",
    "figures",
    "get_mechanism",
    "lottery_order",
    "lottery_ticket",
    "offered_courses",
    "offerings_from_timetable",
    "students_from_choices",
    "violations",
]
