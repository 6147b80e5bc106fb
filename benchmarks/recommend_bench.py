"""Recommendation latency: one school with a warm index, every demo school, a 100k catalogue.

1. One school's programme (profile, rules, hybrid retrieval, scoring, plan) on the demo data,
   warm index and cache, for the default backend and the model-free `tfidf` baseline run in
   the same process (median of --runs; target: under 100 ms on 2 cores).
2. All demo schools one after another (the batch's recommend stage).
3. A synthetic catalogue of 100,000 items (the demo items repeated with new ids; their vectors
   jittered, so nothing is re-embedded) to see how latency grows with catalogue size.

Reproduce (from the project root, after `make demo` or on any demo database):

    .venv/bin/python -m benchmarks.recommend_bench --db demo-out/kehou-demo.db
    .venv/bin/python -m benchmarks.recommend_bench --db demo-out/kehou-demo.db --quick
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from functools import partial

import numpy as np

from benchmarks._timing import median_seconds
from catalog import Kind, School, Settings
from catalog._store import open_store
from embeddings import DEFAULT_BACKEND, FaissIndex
from matcher import Catalogue, CatalogueItem, Engine, Recommender, open_engine, surveys_by_school


def synthetic(engine: Engine, size: int, seed: int) -> tuple[Catalogue, FaissIndex, np.ndarray]:
    """`size` items cycling through the demo items, ids suffixed, vectors jittered and renormed."""
    base = list(engine.catalogue.items)
    vecs = engine.embedder.encode_documents([i.text for i in base])
    rng = np.random.default_rng(seed)
    items: list[CatalogueItem] = []
    for n in range(size):
        item = base[n % len(base)]
        rec = item.record.model_copy(update={"id": f"{item.record.id}-{n}"})
        items.append(replace(item, key=f"{item.kind.value}/{rec.id}", record=rec))
    big = np.stack([vecs[n % len(base)] for n in range(size)])
    big = big + rng.normal(0, 0.02, big.shape).astype(np.float32)
    big /= np.linalg.norm(big, axis=1, keepdims=True)
    cat = Catalogue([], [], [], engine.catalogue.institutions.values())
    cat.items = tuple(items)
    cat.by_key = {i.key: i for i in items}
    index = FaissIndex(big.shape[1])
    index.add([i.key for i in items], big.astype(np.float32))
    return cat, index, big.astype(np.float32)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="demo-out/kehou-demo.db")
    ap.add_argument("--school", default="LL01")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--quick", action="store_true", help="skip the 100k catalogue")
    args = ap.parse_args()
    settings = Settings(db=args.db)
    store = open_store(settings)
    schools = {s.id: s for s in store.records(Kind.SCHOOL) if isinstance(s, School)}
    surveys = surveys_by_school(store, "2026秋")
    rows: list[tuple[str, str, float, str]] = []
    per_school: dict[str, float] = {}
    for backend in ("tfidf", DEFAULT_BACKEND):
        engine = open_engine(store, settings, backend)
        rec = Recommender(engine.catalogue, engine.embedder, engine.index, settings)
        school = schools[args.school]
        call = partial(rec.recommend, school, surveys[school.id])
        ms = 1000 * median_seconds(call, args.runs, warmup=True)
        per_school[backend] = ms
        rows.append(
            (
                f"one school ({args.school}), warm",
                backend,
                ms,
                f"{len(engine.catalogue.items)} items",
            )
        )
        start = time.perf_counter()
        for sid in sorted(schools):
            rec.programme(schools[sid], surveys.get(sid, []))
        total = time.perf_counter() - start
        rows.append((f"all {len(schools)} demo schools", backend, 1000 * total, "sequential, warm"))
    if not args.quick:
        engine = open_engine(store, settings, DEFAULT_BACKEND)
        cat, index, vecs = synthetic(engine, 100_000, seed=7)
        rec = Recommender(cat, engine.embedder, index, settings, vectors=vecs)
        school = schools[args.school]
        call = partial(rec.recommend, school, surveys[school.id])
        ms = 1000 * median_seconds(call, max(3, args.runs // 3), warmup=True)
        rows.append((f"one school ({args.school}), 100k items", DEFAULT_BACKEND, ms, "synthetic"))
    base = per_school["tfidf"]
    print(f"{'case':<36} {'backend':<10} {'median ms':>10} {'vs tfidf':>9}  note")
    for case, backend, ms, note in rows:
        ratio = ms / base if case.startswith("one school") else float("nan")
        print(f"{case:<36} {backend:<10} {ms:>10.1f} {ratio:>9.2f}  {note}")


if __name__ == "__main__":
    main()
