"""What a student already holds, so that a mechanism (or a check) knows what else still fits."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from matcher.enrolment._model import Instance


class Holdings:
    """One student's offerings: periods taken, fee per day, courses, count."""

    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        self.taken: list[int] = []
        self.periods: set[tuple[str, str]] = set()
        self.items: set[str] = set()
        self.fee: dict[str, float] = defaultdict(float)

    def fits(self, o: int) -> bool:
        """True when offering `o` breaks none of the student's own limits (seats aside)."""
        off = self.inst.offerings[o]
        return (
            len(self.taken) < self.inst.max_per_week
            and off.period not in self.periods
            and off.item_id not in self.items
            and self.fee[off.day] + off.fee_per_session <= self.inst.daily_fee_cap + 1e-9
        )

    def take(self, o: int) -> None:
        off = self.inst.offerings[o]
        self.taken.append(o)
        self.periods.add(off.period)
        self.items.add(off.item_id)
        self.fee[off.day] += off.fee_per_session


def violations(inst: Instance, assignment: Sequence[Sequence[int]]) -> list[str]:
    """Every broken rule of an assignment (empty when it is valid): the mechanisms' contract."""
    problems: list[str] = []
    used = [0] * len(inst.offerings)
    for s, taken in enumerate(assignment):
        allowed = {o for opt in inst.options[s] for o in opt.offerings}
        held = Holdings(inst)
        for o in taken:
            if o not in allowed:
                problems.append(f"student {s}: offering {o} not among their feasible choices")
            elif not held.fits(o):
                problems.append(f"student {s}: offering {o} breaks period/day fee/week limits")
            held.take(o)
            used[o] += 1
    for o, n in enumerate(used):
        if n > inst.offerings[o].seats:
            problems.append(f"offering {o}: {n} students > {inst.offerings[o].seats} seats")
    return problems
