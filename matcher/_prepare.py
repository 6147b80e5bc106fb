"""The semester batch on several cores, with the same programmes as on one.

Schools are recommended in id order because each one's loads and district signatures depend on
the schools before it (matcher._sequence). What does not depend on them, or only through the
loads, is prepared ahead in worker processes: the interest profile, the school x item rules
without loads, and the searches, run with the loads as they stood when the school was sent.
The main process adopts each result (`Recommender.adopt`) and uses a part only when its
inputs are exactly the ones it would use itself (the same survey rows, school record and
search arguments); otherwise it computes that part again. So the worker count changes the
speed, never the output. Workers are forked, so they share the opened engine.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, TypeVar

from catalog import School, SurveyResponse
from catalog.policy import ItemLoad, Violation
from matcher._bookings import allocation_loads
from matcher._eligibility import pair_violations, school_eligibility
from matcher._loads import specialist_loads
from matcher._plan import wanted_domains
from matcher._profile import InterestProfile
from matcher._recommend import Recommender
from matcher._retrieve import Hit, SearchKey, search_key

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Searched:
    """One `search_many` call: its arguments, hits and the warnings it raised."""

    key: SearchKey
    hits: list[list[Hit]]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Prepared:
    """What a worker computed for one school, with the inputs it used."""

    school: School
    responses: tuple[SurveyResponse, ...]
    profile: InterestProfile
    pairs: dict[str, list[Violation]]
    searches: tuple[Searched, ...]


def prepare(
    rec: Recommender,
    school: School,
    responses: Sequence[SurveyResponse],
    loads: Mapping[str, ItemLoad] | None,
) -> Prepared:
    """Profile, load-free rules and the two searches `Recommender.plan` makes for `school`,
    the searches among the items allowed under `loads`."""
    cfg = rec.config
    profile = rec.profile(school.id, responses)
    pairs = pair_violations(school, rec.catalogue, rec.settings, cfg.policy)
    elig = school_eligibility(
        school, rec.catalogue, rec.item_level, rec.settings,
        loads=loads, policy=cfg.policy, pairs=pairs,
    )  # fmt: skip
    texts = [q.text for q in rec.queries(profile, wanted_domains(profile.domain_share)[0])]
    keys = [search_key(texts, cfg.per_query_k, elig.allowed)]
    if cfg.excluded_shown:
        keys.append(search_key(texts, cfg.per_query_k, None))
    return Prepared(school, tuple(responses), profile, pairs, tuple(_search(rec, k) for k in keys))


def _search(rec: Recommender, key: SearchKey) -> Searched:
    rec.retriever.warnings = []
    hits = rec.retriever.search_many(*key)
    return Searched(key, hits, tuple(rec.retriever.warnings))


#: what forked workers read: the recommender, the schools' jobs and the allocation
_SHARED: dict[str, Any] = {}


def _work(task: tuple[int, Counter[str]]) -> Prepared:
    n, served = task
    rec: Recommender = _SHARED["rec"]
    school, responses = _SHARED["jobs"][n]
    fixed = allocation_loads(rec.catalogue, _SHARED["allocation"], school.id)
    return prepare(rec, school, responses, {**specialist_loads(rec.catalogue, served), **fixed})


class Ahead:
    """Prepares `jobs` (school, survey rows) in `workers` forked processes, `window` schools
    ahead of the main process; use as a context manager, call `adopt(n, served)` before
    computing job n (`served`: the sequence's specialist counts so far)."""

    def __init__(
        self,
        rec: Recommender | None,
        jobs: Sequence[tuple[School, Sequence[SurveyResponse]]],
        allocation: Mapping[str, Any],
        workers: int,
        window: int | None = None,
    ) -> None:
        self.rec, self.jobs, self.allocation = rec, list(jobs), allocation
        self.workers = workers if "fork" in multiprocessing.get_all_start_methods() else 0
        self.window = window or 3 * max(self.workers, 1)
        self._pool: Pool | None = None
        self._pending: deque[tuple[int, AsyncResult[Prepared]]] = deque()
        self._sent = 0

    def __enter__(self) -> Ahead:
        if self.rec is not None and self.workers > 0 and len(self.jobs) > 1:
            _SHARED.update(rec=self.rec, jobs=self.jobs, allocation=self.allocation)
            self._pool = multiprocessing.get_context("fork").Pool(self.workers)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
        self._pool = None
        _SHARED.clear()

    def adopt(self, n: int, served: Counter[str]) -> None:
        """Wait for job n's preparation and hand it to the recommender; send the next ones."""
        if self._pool is None:
            return
        while self._sent < min(n + self.window, len(self.jobs)):
            task = (self._sent, Counter(served))
            self._pending.append((self._sent, self._pool.apply_async(_work, (task,))))
            self._sent += 1
        while self._pending and self._pending[0][0] < n:
            self._pending.popleft()  # a job the caller skipped
        if self.rec is not None and self._pending and self._pending[0][0] == n:
            self.rec.adopt(self._pending.popleft()[1].get())


_MAPPED: list[Callable[[Any], Any]] = []


def _call(item: Any) -> Any:
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
