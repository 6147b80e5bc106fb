"""The seeded lottery every mechanism breaks ties with.

A student's place depends only on the seed and their own key (a hash), never on the row order
of the file, so re-sorting a spreadsheet cannot change who is placed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from matcher.enrolment._model import Student


def lottery_ticket(seed: int, key: str) -> str:
    """A student's ticket for this seed: lower is served first."""
    return hashlib.sha256(f"{seed}\x1f{key}".encode()).hexdigest()


def lottery_order(students: Sequence[Student], seed: int, *, priority: bool = True) -> list[int]:
    """Student indexes in serving order: higher priority first (if `priority`), then tickets."""
    return sorted(
        range(len(students)),
        key=lambda s: (
            -students[s].priority if priority else 0,
            lottery_ticket(seed, students[s].key),
        ),
    )
