"""Serial mechanisms: students in a fixed order each take their best choices that still fit.

`rsd` (random serial dictatorship) orders students by the seeded lottery: strategy-proof, the
fairness baseline. `fcfs` orders them by `submitted_at` (抢课, what platforms do today), with
the lottery only between equal times; students without a time go last.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from matcher.enrolment._lottery import lottery_ticket
from matcher.enrolment._model import EnrolConfig, Instance
from matcher.enrolment._state import Holdings


def serial_assign(inst: Instance, order: Sequence[int]) -> list[list[int]]:
    """Each student in `order` takes, rank by rank, the first offering that fits and has a seat."""
    left = inst.seats
    out: list[list[int]] = [[] for _ in inst.students]
    for s in order:
        held = Holdings(inst)
        for option in inst.options[s]:
            if len(held.taken) >= inst.max_per_week:
                break
            for o in option.offerings:
                if left[o] > 0 and held.fits(o):
                    held.take(o)
                    left[o] -= 1
                    break
        out[s] = held.taken
    return out


class RandomSerial:
    """Random serial dictatorship: the lottery's order."""

    name = "rsd"
    strategy_proof = True

    def assign(self, inst: Instance, order: Sequence[int], cfg: EnrolConfig) -> list[list[int]]:
        return serial_assign(inst, order)


class FirstCome:
    """First come, first served by `submitted_at`; the lottery only breaks equal times."""

    name = "fcfs"
    strategy_proof = False

    def assign(self, inst: Instance, order: Sequence[int], cfg: EnrolConfig) -> list[list[int]]:
        students = inst.students
        by_time = sorted(
            range(len(students)),
            key=lambda s: (
                -students[s].priority if cfg.priority_first else 0,
                students[s].submitted_at is None,
                _time(students[s].submitted_at),
                lottery_ticket(cfg.seed, students[s].key),
            ),
        )
        return serial_assign(inst, by_time)


def _time(moment: datetime | None) -> str:
    return moment.isoformat() if moment is not None else ""
