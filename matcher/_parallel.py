"""Per-school work in forked worker processes, with the results of one process.

The bureau's per-school inputs and the per-school reports are independent of each other, so
`ordered_map` runs them in forked workers (sharing the opened engine) and returns the results
in input order: the same output for any worker count. A worker never writes the database: the
vectors it embeds stay in a `PendingCache` and come back with its results (`worker_cached`),
for the parent to store (`keep_cached`).

The recommend stage stays in one process: each school depends on the ones before it (loads,
district signatures). Preparing schools ahead in workers was tried and measured slower on 2
shared cores (the main process still did most of the work, plus the transfers).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from embeddings import CachedEmbedder, PendingCache, store_pending
from matcher._recommend import Recommender

T = TypeVar("T")
R = TypeVar("R")
#: vectors a worker embedded: (fingerprint, cache key, vector)
Cached = tuple[tuple[str, str, npt.NDArray[np.float32]], ...]

_MAPPED: list[Callable[[Any], Any]] = []
_IN_WORKER: list[bool] = []


def _call(item: Any) -> Any:
    if not _IN_WORKER:
        _IN_WORKER.append(True)
    return _MAPPED[-1](item)


def ordered_map(fn: Callable[[T], R], items: Sequence[T], workers: int = 0) -> Iterator[R]:
    """`fn` over `items` in forked worker processes, results in the order of `items` (so the
    same as `map(fn, items)` for a pure `fn`); in this process when `workers` is 0 or fork is
    not available. `fn` may close over anything this process holds (an opened engine)."""
    if workers <= 0 or len(items) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(fn, items)
        return
    _MAPPED.append(fn)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            chunk = max(1, min(16, len(items) // (4 * workers)))
            yield from pool.imap(_call, items, chunksize=chunk)
    finally:
        _MAPPED.pop()


def worker_cached(rec: Recommender) -> Cached:
    """In an `ordered_map` worker: the vectors it embedded since the last call (the embedder's
    cache becomes a `PendingCache` on first use there); elsewhere nothing."""
    embedder = rec.embedder
    if not _IN_WORKER or not isinstance(embedder, CachedEmbedder):
        return ()
    if not isinstance(embedder.cache, PendingCache):
        embedder.cache = PendingCache(embedder.cache)
    return tuple(embedder.cache.take())


def keep_cached(rec: Recommender, rows: Cached) -> None:
    """Store a worker's embedded vectors in this (the parent) process's cache."""
    if rows and isinstance(rec.embedder, CachedEmbedder):
        store_pending(rec.embedder.cache, rows)
