"""One CP-SAT model per school: club sections × (day, activity period, room, grade band).

Variables: n[i,d,p,b,r] sections of item i for band b in room kind r; a[i,d,p,b] students in
them; s[d,p] self-study groups; short[d,p] students no seat or teacher can take (penalised, and
reported). Constraints: room counts and seats, ordinary classrooms shared with self-study, own
teachers per afternoon, each outside person in one place at a time and only on their days,
class size within capacity and above a floor, weekly attendance within demand. Objective, in
this order: 五育 domains placed, items placed, demand covered, spread over the week, fewer
sections. A deterministic time limit keeps the answer the same for the same inputs.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from matcher._tt_inputs import CLASSROOM, Band, Period, Room

Key = tuple[str, str, int, str, str]  # item id, day, period index, band, room name


@dataclass(frozen=True)
class Offer:
    """An item as the model sees it: who teaches it, where, when, for whom, how many want it."""

    item_id: str
    domain: str
    capacity: int
    person: str | None  # an outside person or resource (one place at a time); None = own staff
    person_limit: int
    rooms: tuple[str, ...]  # room names that fit (CLASSROOM when a classroom will do)
    when: tuple[tuple[str, int], ...]  # (day, period index) the person is there
    demand: Mapping[str, int]  # band name -> weekly attendances wanted


@dataclass(frozen=True)
class Problem:
    days: tuple[str, ...]
    periods: tuple[Period, ...]  # activity periods only
    bands: tuple[Band, ...]
    stay: Mapping[tuple[str, str], int]  # (band, day) -> students staying
    rooms: tuple[Room, ...]
    classrooms: int
    class_seats: int
    teachers: int
    own_per_item: int
    min_section: int
    offers: tuple[Offer, ...]
    seconds: float = 2.0
    gap: float = 5e-4


@dataclass(frozen=True)
class Solution:
    sections: dict[Key, int] = field(default_factory=dict)
    students: dict[tuple[str, str, int, str], int] = field(default_factory=dict)
    self_study: dict[tuple[str, int], int] = field(default_factory=dict)
    unseated: dict[tuple[str, int], int] = field(default_factory=dict)
    status: str = "OPTIMAL"


def _room_cap(problem: Problem, name: str) -> tuple[int, int]:
    """(how many at once, seats) of a room name; CLASSROOM is the pool of class rooms."""
    if name == CLASSROOM:
        return problem.classrooms, problem.class_seats
    room = next(r for r in problem.rooms if r.name == name)
    return room.count, room.seats


class _Builder:
    def __init__(self, problem: Problem) -> None:
        self.p = problem
        self.m = cp_model.CpModel()
        self.n: dict[Key, cp_model.IntVar] = {}
        self.a: dict[tuple[str, str, int, str], cp_model.IntVar] = {}
        self.s: dict[tuple[str, int], cp_model.IntVar] = {}
        self.short: dict[tuple[str, int], cp_model.IntVar] = {}

    def variables(self) -> None:
        p = self.p
        for o in p.offers:
            if not o.rooms:
                continue
            for day, per in o.when:
                for band in p.bands:
                    if not o.demand.get(band.name):
                        continue
                    sec = []
                    for r in o.rooms:
                        count, seats = _room_cap(p, r)
                        ub = min(count, p.own_per_item if o.person is None else o.person_limit)
                        v = self.m.new_int_var(0, ub, f"n_{o.item_id}_{day}_{per}_{band.name}_{r}")
                        self.n[(o.item_id, day, per, band.name, r)] = v
                        sec.append((v, min(o.capacity, seats)))
                    stay = p.stay.get((band.name, day), 0)
                    a = self.m.new_int_var(0, stay, f"a_{o.item_id}_{day}_{per}_{band.name}")
                    self.a[(o.item_id, day, per, band.name)] = a
                    self.m.add(a <= sum(v * cap for v, cap in sec))
                    floor = min(p.min_section, max(1, stay), max(1, o.demand[band.name]))
                    self.m.add(a >= floor * sum(v for v, _ in sec))
        total = sum(b.students for b in p.bands)
        for day in p.days:
            for period in p.periods:
                k = (day, period.index)
                self.s[k] = self.m.new_int_var(0, p.classrooms, f"s_{day}_{period.index}")
                self.short[k] = self.m.new_int_var(0, total, f"short_{day}_{period.index}")

    def constraints(self) -> None:
        p = self.p
        by_slot_room: dict[tuple[str, int, str], list[cp_model.IntVar]] = defaultdict(list)
        own: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
        person: dict[tuple[str, str, int], list[cp_model.IntVar]] = defaultdict(list)
        offers = {o.item_id: o for o in p.offers}
        for (item, day, per, _band, room), v in self.n.items():
            by_slot_room[(day, per, room)].append(v)
            o = offers[item]
            if o.person is None:
                own[(day, per)].append(v)
            else:
                person[(o.person, day, per)].append(v)
        for (_day, _per, room), vs in by_slot_room.items():
            if room != CLASSROOM:
                self.m.add(sum(vs) <= _room_cap(p, room)[0])
        limits = {o.person: o.person_limit for o in p.offers if o.person}
        for (who, _day, _per), vs in person.items():
            self.m.add(sum(vs) <= limits[who])
        for (day, per), s in self.s.items():
            self.m.add(sum(by_slot_room.get((day, per, CLASSROOM), [])) + s <= p.classrooms)
            self.m.add(sum(own.get((day, per), [])) + s <= p.teachers)
            self._cover(day, per, s)
        for o in p.offers:
            for band, wanted in o.demand.items():
                got = [v for (i, _d, _p, b), v in self.a.items() if i == o.item_id and b == band]
                if got:
                    self.m.add(sum(got) <= wanted)

    def _cover(self, day: str, per: int, s: cp_model.IntVar) -> None:
        """Everyone who stays has a seat: clubs, else a self-study group (else `short`)."""
        p = self.p
        clubs = []
        for band in p.bands:
            mine = [
                v for (_i, d, q, b), v in self.a.items() if d == day and q == per and b == band.name
            ]
            stay = p.stay.get((band.name, day), 0)
            if mine:
                self.m.add(sum(mine) <= stay)
            clubs += mine
        staying = sum(p.stay.get((b.name, day), 0) for b in p.bands)
        self.m.add(sum(clubs) + s * p.class_seats + self.short[(day, per)] >= staying)

    def objective(self) -> None:
        p = self.p
        placed_terms = []
        domain_hit: dict[str, list[cp_model.IntVar]] = defaultdict(list)
        for o in p.offers:
            vs = [v for k, v in self.n.items() if k[0] == o.item_id]
            if not vs:
                continue
            placed = self.m.new_bool_var(f"placed_{o.item_id}")
            self.m.add(sum(vs) >= 1).only_enforce_if(placed)
            placed_terms.append(placed)
            if o.domain:
                domain_hit[o.domain].append(placed)
        domains = []
        for d, vs in domain_hit.items():
            hit = self.m.new_bool_var(f"domain_{d}")
            self.m.add_bool_or(vs).only_enforce_if(hit)
            domains.append(hit)
        per_day = []
        biggest = self.m.new_int_var(0, 1000, "busiest_day")
        for day in p.days:
            day_sum = sum(v for k, v in self.n.items() if k[1] == day)
            self.m.add(biggest >= day_sum)
            per_day.append(day_sum)
        students = sum(self.a.values())
        short = sum(self.short.values())
        sections = sum(self.n.values())
        self.m.maximize(
            1_000_000 * sum(domains)
            + 100_000 * sum(placed_terms)
            + 100 * students
            - 10_000 * short
            - 200 * biggest
            - 20 * sections
            - 5 * sum(self.s.values())
        )


def solve(problem: Problem) -> Solution:
    """Build and solve the school's model; deterministic for the same problem."""
    b = _Builder(problem)
    b.variables()
    b.constraints()
    b.objective()
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = problem.seconds
    solver.parameters.random_seed = 0
    solver.parameters.relative_gap_limit = problem.gap
    solver.parameters.linearization_level = 2  # a tight LP bound: proves 'good enough' fast
    status = solver.solve(b.m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Solution(status=solver.status_name(status))
    return Solution(
        sections={k: int(solver.value(v)) for k, v in b.n.items() if solver.value(v)},
        students={k: int(solver.value(v)) for k, v in b.a.items() if solver.value(v)},
        self_study={k: int(solver.value(v)) for k, v in b.s.items()},
        unseated={k: int(solver.value(v)) for k, v in b.short.items() if solver.value(v)},
        status=solver.status_name(status),
    )


def needed_sections(wanted: int, capacity: int) -> int:
    return math.ceil(wanted / max(1, capacity))
