"""What one app lifetime shares: settings, the open store, the lazily built engine, limits."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from api._config import ApiConfig
from catalog import Settings, Store

if TYPE_CHECKING:
    from api._programmes import PlanCache
    from matcher import Engine


class TokenBucket:
    """Per-key token buckets: `rate` tokens a second, at most `burst` saved up. Thread-safe."""

    def __init__(self, rate_per_second: float, burst: int) -> None:
        self.rate, self.burst = rate_per_second, burst
        self._buckets: dict[int, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: int, now: float | None = None) -> float:
        """Spend one token; return 0.0 when allowed, else the seconds until one is available."""
        now = time.monotonic() if now is None else now
        with self._lock:
            level, last = self._buckets.get(key, (float(self.burst), now))
            level = min(float(self.burst), level + (now - last) * self.rate)
            if level >= 1.0:
                self._buckets[key] = (level - 1.0, now)
                return 0.0
            self._buckets[key] = (level, now)
            return (1.0 - level) / self.rate


@dataclass
class AppState:
    """Built once by `create_app`; the engine (embedder + index) only on first need."""

    settings: Settings
    config: ApiConfig
    store: Store
    limiter: TokenBucket
    _engine: Engine | None = None
    lock: threading.RLock = field(default_factory=threading.RLock)
    #: base programmes by school, semester and inputs (edits replan from them)
    plans: PlanCache = field(default_factory=lambda: _plan_cache())

    def engine(self) -> Engine:
        """The engine, built on first call under the lock (one build even with many threads);
        once built, readers take it without the lock (the Recommender is safe to share)."""
        engine = self._engine
        if engine is not None:
            return engine
        with self.lock:
            if self._engine is None:
                from matcher import open_engine

                self._engine = open_engine(self.store, self.settings, self.config.backend)
            return self._engine

    def invalidate(self) -> None:
        """Drop the engine after a catalogue import; the next request rebuilds it."""
        with self.lock:
            self._engine = None
            self.plans = _plan_cache()


def _plan_cache() -> PlanCache:
    from api._programmes import PlanCache

    return PlanCache()
