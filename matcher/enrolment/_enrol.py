"""One enrolment run: instance, lottery, mechanism, check, sections, waitlists, unplaced."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from matcher.enrolment._lottery import lottery_order
from matcher.enrolment._model import EnrolConfig, Instance, Offering, Student, build_instance
from matcher.enrolment._registry import get_mechanism
from matcher.enrolment._state import violations


@dataclass(frozen=True)
class Placement:
    """A student in one section of one offering; `rank` is where they put the course."""

    student: int
    offering: int
    section: int
    rank: int


@dataclass(frozen=True)
class Enrolment:
    """The result of one mechanism on one school's choices (indexes into `instance`)."""

    mechanism: str
    seed: int
    instance: Instance
    order: tuple[int, ...]
    placements: tuple[Placement, ...]
    unplaced: dict[int, str] = field(default_factory=dict)
    waitlists: dict[str, tuple[int, ...]] = field(default_factory=dict)
    seconds: float = 0.0

    def held(self) -> list[list[Placement]]:
        """Each student's placements."""
        out: list[list[Placement]] = [[] for _ in self.instance.students]
        for p in self.placements:
            out[p.student].append(p)
        return out


FULL = "所选课程均已满员 / every chosen course that fits was full"


def enrol(
    offerings: Sequence[Offering], students: Sequence[Student], cfg: EnrolConfig
) -> Enrolment:
    """Run `cfg.mechanism` with `cfg.seed`; raise RuntimeError if it broke a rule (never should)."""
    import time

    start = time.perf_counter()
    inst = build_instance(offerings, students, cfg)
    order = lottery_order(inst.students, cfg.seed, priority=cfg.priority_first)
    assignment = get_mechanism(cfg.mechanism).assign(inst, order, cfg)
    broken = violations(inst, assignment)
    if broken:
        raise RuntimeError(f"{cfg.mechanism} broke a rule: {broken[:3]}")
    seconds = time.perf_counter() - start
    placements = _sections(inst, order, assignment)
    unplaced = {s: inst.reasons.get(s, FULL) for s in range(len(students)) if not assignment[s]}
    return Enrolment(
        cfg.mechanism,
        cfg.seed,
        inst,
        tuple(order),
        placements,
        unplaced,
        _waitlists(inst, order, assignment),
        seconds,
    )


def _sections(
    inst: Instance, order: Sequence[int], assignment: Sequence[Sequence[int]]
) -> tuple[Placement, ...]:
    """Spread each offering's students over its sections in lottery order (round robin)."""
    rank_of = [{opt.item_id: opt.rank for opt in opts} for opts in inst.options]
    count = [0] * len(inst.offerings)
    out = []
    for s in order:
        for o in assignment[s]:
            section = count[o] % inst.offerings[o].sections + 1
            count[o] += 1
            out.append(Placement(s, o, section, rank_of[s][inst.offerings[o].item_id]))
    position = {s: i for i, s in enumerate(order)}
    return tuple(sorted(out, key=lambda p: (p.offering, p.section, position[p.student])))


def _waitlists(
    inst: Instance, order: Sequence[int], assignment: Sequence[Sequence[int]]
) -> dict[str, tuple[int, ...]]:
    """Per course, students who ranked it above something they got (or got nothing), in order."""
    out: dict[str, list[int]] = {}
    for s in order:
        got = {inst.offerings[o].item_id for o in assignment[s]}
        ranks = [opt.rank for opt in inst.options[s] if opt.item_id in got]
        worst = max(ranks) if len(got) >= inst.max_per_week else None
        for opt in inst.options[s]:
            if opt.item_id not in got and (worst is None or opt.rank < worst):
                out.setdefault(opt.item_id, []).append(s)
    return {item: tuple(students) for item, students in sorted(out.items())}
