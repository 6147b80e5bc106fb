"""The one timing rule every benchmark uses: the median of several runs of the same call."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(fn: Callable[[], object], runs: int, *, warmup: bool = False) -> float:
    """Median wall seconds of `runs` calls; `warmup` makes one untimed call first (caches)."""
    if warmup:
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
