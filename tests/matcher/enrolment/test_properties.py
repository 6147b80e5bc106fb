"""Property tests: on random schools every mechanism keeps every rule, and optimal places most."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.enrolment import MECHANISMS, EnrolConfig, Offering, Student, enrol, figures, violations

DAYS = ("周一", "周二", "周三")


@st.composite
def schools(draw: st.DrawFn) -> tuple[list[Offering], list[Student], int]:
    n_items = draw(st.integers(1, 5))
    offerings = []
    for i in range(n_items):
        for _ in range(draw(st.integers(1, 2))):
            lo = draw(st.integers(1, 6))
            offerings.append(
                Offering(
                    item_id=f"C{i}",
                    title=f"课{i}",
                    slot=f"{draw(st.sampled_from(DAYS))}下午",
                    start=draw(st.sampled_from(["15:40", "16:30", None])),
                    sections=draw(st.integers(1, 2)),
                    capacity=draw(st.integers(1, 3)),
                    fee_per_session=draw(st.sampled_from([0.0, 2.0, 4.0, 5.0, 9.0])),
                    grades=(lo, draw(st.integers(lo, 6))),
                )
            )
    students = []
    for s in range(draw(st.integers(0, 12))):
        choices = draw(st.lists(st.sampled_from([f"C{i}" for i in range(n_items)]), unique=True))
        students.append(
            Student(
                key=f"k{s}",
                grade=draw(st.integers(1, 6)),
                choices=tuple(choices),
                days=tuple(draw(st.lists(st.sampled_from(DAYS), unique=True))),
                priority=draw(st.integers(0, 1)),
            )
        )
    return offerings, students, draw(st.integers(1, 3))


@settings(max_examples=40, deadline=None)
@given(schools(), st.integers(0, 5))
def test_every_mechanism_keeps_every_rule(school: tuple, seed: int) -> None:
    offerings, students, per_week = school
    placed = {}
    for name in MECHANISMS:
        cfg = EnrolConfig(mechanism=name, seed=seed, max_per_week=per_week, priority_first=False)
        run = enrol(offerings, students, cfg)
        held = [[p.offering for p in ps] for ps in run.held()]
        assert violations(run.instance, held) == []
        for p in run.placements:
            assert 1 <= p.section <= run.instance.offerings[p.offering].sections
        assert set(run.unplaced) == {s for s, ps in enumerate(held) if not ps}
        placed[name] = figures(run)["placed"]
        again = enrol(offerings, students, cfg)
        assert again.placements == run.placements
    assert placed["optimal"] >= max(placed.values())
