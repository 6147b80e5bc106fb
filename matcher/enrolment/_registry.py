"""Mechanisms by name: every one shares the `Mechanism` protocol and the same constraints."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from matcher.enrolment._model import EnrolConfig, Instance
from matcher.enrolment._optimal import Optimal
from matcher.enrolment._serial import FirstCome, RandomSerial


class Mechanism(Protocol):
    """Students → offerings. `order` is the seeded lottery; the result passes `violations`."""

    name: str
    strategy_proof: bool

    def assign(self, inst: Instance, order: Sequence[int], cfg: EnrolConfig) -> list[list[int]]: ...


MECHANISMS: dict[str, Mechanism] = {m.name: m for m in (RandomSerial(), Optimal(), FirstCome())}


def get_mechanism(name: str) -> Mechanism:
    """The mechanism called `name`; ValueError naming the known ones otherwise."""
    try:
        return MECHANISMS[name]
    except KeyError:
        known = ", ".join(sorted(MECHANISMS))
        raise ValueError(
            f"没有这种选课机制 / unknown mechanism {name!r} (known: {known})"
        ) from None
