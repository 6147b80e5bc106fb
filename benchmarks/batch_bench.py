"""The semester batch at city scale: every stage timed, and the cost per school.

Build a city first (1,000 schools, catalogue and surveys in proportion), import it, then time
the batch over a copy of the database (the batch stores a draft version per school):

    .venv/bin/python scripts/make_demo_data.py --schools 1000 --out /tmp/demo-1000
    KEHOU_HMAC_SECRET=bench .venv/bin/python -m api.cli import /tmp/demo-1000 --db /tmp/k1000.db
    .venv/bin/python -m api.cli embed --db /tmp/k1000.db --backend tfidf
    .venv/bin/python -m benchmarks.batch_bench --db /tmp/k1000.db --backend tfidf

Stages: opening the engine (embeddings from the cache after a first `kehou embed`; the first
run embeds), recommend (every school, stored as drafts), allocate, reports, summary. Target:
the whole batch under 10 minutes at 1,000 schools on 2 cores with embeddings cached.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from api.batch import Batch, BatchState
from catalog import Settings, open_store
from embeddings import DEFAULT_BACKEND


def run(
    db: str, backend: str, semester: str, time_limit: float, folder: Path
) -> list[tuple[str, float]]:
    """Seconds per stage of one batch over a copy of `db`."""
    copy = folder / "batch-bench.db"
    shutil.copyfile(db, copy)
    index = Path(f"{db}.index")  # the saved index from `kehou embed`: embeddings stay cached
    if index.is_dir():
        shutil.copytree(index, Path(f"{copy}.index"))
    settings = Settings(db=str(copy), hmac_secret=os.environ.get("KEHOU_HMAC_SECRET", "bench"))
    times: list[tuple[str, float]] = []
    with open_store(settings) as store:
        batch = Batch(store, settings, semester, folder / "out", backend, time_limit, _progress())
        state = BatchState.load(batch.out)
        state.start(batch.inputs_key())
        state.finish("import")
        start = time.perf_counter()
        batch._recommender()  # engine, index and this semester's surveys (what resumes skip)
        times.append(("open engine + read surveys", time.perf_counter() - start))
        start = time.perf_counter()
        programmes = batch.recommend(state)
        times.append(("recommend (stored as drafts)", time.perf_counter() - start))
        start = time.perf_counter()
        allocation = batch.allocate(state)
        times.append(("allocate", time.perf_counter() - start))
        start = time.perf_counter()
        batch.reports(state, programmes)
        times.append(("reports (HTML + XLSX)", time.perf_counter() - start))
        start = time.perf_counter()
        batch.summary(state, programmes, allocation)
        times.append(("summary", time.perf_counter() - start))
        times.append(("schools", float(len(programmes))))
    return times


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
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        times = run(args.db, args.backend, args.semester, args.time_limit, Path(tmp))
    schools = int(dict(times).pop("schools"))
    stages = [(n, s) for n, s in times if n != "schools"]
    total = sum(s for _, s in stages)
    recommend = dict(stages)["recommend (stored as drafts)"]
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"batch_bench  schools={schools}  backend={args.backend}  load average {load}")
    for name, seconds in stages:
        print(f"{name:<32} {seconds:>9.1f} s")
    print(f"{'total':<32} {total:>9.1f} s   (target < 600 s)")
    print(f"{'per school (whole batch)':<32} {1000 * total / schools:>9.0f} ms")
    print(f"{'per school (recommend stage)':<32} {1000 * recommend / schools:>9.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
