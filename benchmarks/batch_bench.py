"""The semester batch at city scale: every stage timed, and the cost per school.

Build a city first (1,000 schools, catalogue and surveys in proportion), import it, then time
the batch over a copy of the database (the batch stores a draft version per school):

    .venv/bin/python scripts/make_demo_data.py --schools 1000 --out /tmp/demo-1000
    KEHOU_HMAC_SECRET=bench .venv/bin/python -m api.cli import /tmp/demo-1000 --db /tmp/k1000.db
    .venv/bin/python -m api.cli embed --db /tmp/k1000.db --backend tfidf
    .venv/bin/python -m benchmarks.batch_bench --db /tmp/k1000.db --backend tfidf --workers 2

Stages in the batch's order: opening the engine (embeddings from the cache after a first
`kehou embed`; the first run embeds), allocate (it decides who gets the shared people first),
recommend (every school, stored as drafts), reports, summary. `--workers N` forks N processes
for the per-school work (same output: matcher._prepare). Target: the whole batch under 10
minutes at 1,000 schools on 2 cores with embeddings cached. Besides wall seconds, each stage's
CPU seconds (this process and its workers) and the load average at its end are printed: the 2
cores are shared, so wall time depends on what else runs.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from api.batch import Batch, BatchState
from catalog import Settings, open_store
from embeddings import DEFAULT_BACKEND

T = TypeVar("T")


Stage = tuple[str, float, float, float]  # name, wall s, CPU s (with workers), load average


def run(
    db: str, backend: str, semester: str, time_limit: float, folder: Path, workers: int
) -> tuple[list[Stage], int]:
    """Each stage of one batch over a copy of `db`, and the number of schools."""
    copy = folder / "batch-bench.db"
    shutil.copyfile(db, copy)
    index = Path(f"{db}.index")  # the saved index from `kehou embed`: embeddings stay cached
    if index.is_dir():
        shutil.copytree(index, Path(f"{copy}.index"))
    settings = Settings(db=str(copy), hmac_secret=os.environ.get("KEHOU_HMAC_SECRET", "bench"))
    stages: list[Stage] = []
    with open_store(settings) as store:
        batch = Batch(
            store, settings, semester, folder / "out", backend, time_limit, _progress(), workers
        )
        state = BatchState.load(batch.out)
        state.start(batch.inputs_key())
        state.finish("import")
        timed = _timer(stages)
        timed("open engine + read surveys", batch._recommender)  # what resumes skip
        allocation = timed("allocate", lambda: batch.allocate(state))
        programmes = timed("recommend (drafts)", lambda: batch.recommend(state, allocation))
        timed("reports (HTML + XLSX)", lambda: batch.reports(state, programmes))
        timed("summary", lambda: batch.summary(state, programmes, allocation))
    return stages, len(programmes)


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the forked workers)."""
    own, children = os.times(), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.user + own.system + children.ru_utime + children.ru_stime


def _timer(stages: list[Stage]) -> Callable[[str, Callable[[], T]], T]:
    def timed(name: str, step: Callable[[], T]) -> T:
        wall, cpu = time.perf_counter(), _cpu()
        out = step()
        stages.append((name, time.perf_counter() - wall, _cpu() - cpu, os.getloadavg()[0]))
        return out

    return timed


def _progress() -> Callable[[str, int, int], None]:
    """Every 100th school on stderr with the seconds so far (a long run shows its rate)."""
    start = time.perf_counter()

    def tick(label: str, done: int, total: int) -> None:
        if done % 100 == 0 or done == total:
            print(f"{label} {done}/{total} {time.perf_counter() - start:.0f} s", file=sys.stderr)

    return tick


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", required=True, help="a database holding the city (see above)")
    parser.add_argument("--backend", default=DEFAULT_BACKEND)
    parser.add_argument("--semester", default="2026秋")
    parser.add_argument("--time-limit", type=float, default=60.0, help="allocation solver limit")
    parser.add_argument("--workers", type=int, default=0, help="forked worker processes")
    args = parser.parse_args(argv)
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory() as tmp:
        stages, schools = run(
            args.db, args.backend, args.semester, args.time_limit, Path(tmp), args.workers
        )
    print(
        f"batch_bench  schools={schools}  backend={args.backend}  workers={args.workers}  "
        f"cores={os.cpu_count()}  load average before {load}"
    )
    print(f"{'stage':<30} {'wall s':>8} {'CPU s':>8} {'load':>6}")
    for name, wall, cpu, at in stages:
        print(f"{name:<30} {wall:>8.1f} {cpu:>8.1f} {at:>6.1f}")
    wall, cpu = sum(s[1] for s in stages), sum(s[2] for s in stages)
    print(f"{'total':<30} {wall:>8.1f} {cpu:>8.1f}   (target < 600 s wall)")
    rec = next(s for s in stages if s[0].startswith("recommend"))
    print(f"per school: whole batch {1000 * wall / schools:.0f} ms wall, "
          f"{1000 * cpu / schools:.0f} ms CPU; recommend {1000 * rec[1] / schools:.0f} ms wall, "
          f"{1000 * rec[2] / schools:.0f} ms CPU")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
