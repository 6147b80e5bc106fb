"""Fit `ScoreWeights` on the planner judgments' dev schools, then score held-out once.

Writes evaluation/data/planner_fit.json (the procedure is evaluation/_weight_fit.py's
docstring): the grid's best and its dev nDCG@10, the chosen weights after the drop rule, the
trace, and dev and held-out figures for the chosen weights, the old defaults and each chosen
term at 0. `ScoreWeights()`'s defaults are then set to `chosen` by hand (a test checks they
match this file).

    cp demo-out/kehou-demo.db /tmp/fit.db
    PYTHONPATH=. .venv/bin/python scripts/fit_score_weights.py --db /tmp/fit.db
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from catalog import Kind, School, Settings  # noqa: E402
from catalog._store import open_store  # noqa: E402
from embeddings import DEFAULT_BACKEND  # noqa: E402
from evaluation._judged import PLANNER_CSV, load_judged  # noqa: E402
from evaluation._recommend_eval import recommender  # noqa: E402
from evaluation._weight_fit import (  # noqa: E402
    DROP_TOLERANCE,
    GRID,
    OLD_DEFAULTS,
    compare_runs,
    fit_cases,
    fit_weights,
)
from matcher import open_engine, surveys_by_school  # noqa: E402

FIT_JSON = ROOT / "evaluation" / "data" / "planner_fit.json"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--db", required=True)
    p.add_argument("--judged", type=Path, default=PLANNER_CSV)
    p.add_argument("--max-grade", type=int, default=3)
    p.add_argument("--backend", default=DEFAULT_BACKEND)
    p.add_argument("--out", type=Path, default=FIT_JSON)
    args = p.parse_args(argv)
    settings = Settings(db=args.db, hmac_secret="fit")
    t0 = time.perf_counter()
    with open_store(settings) as store:
        engine = open_engine(store, settings, args.backend)
        schools = {s.id: s for s in store.records(Kind.SCHOOL) if isinstance(s, School)}
        surveys = surveys_by_school(store)
    judged = load_judged(
        args.judged, engine.catalogue.keys(), "recommend", "school_id", args.max_grade
    )
    import numpy as np

    vectors = np.asarray(engine.embedder.encode_documents(engine.catalogue.texts()))
    rec = recommender(engine, settings, vectors)
    ids = sorted({c.text for c in judged.cases})
    profiles = {s: rec.profile(s, surveys.get(s, [])) for s in ids}
    cases = fit_cases(rec, judged.cases, schools, profiles)
    dev = [c for c in cases if c.case.split == "dev"]
    result = fit_weights(dev)  # dev only
    runs = compare_runs(cases, result.chosen, rec.config.candidates)  # held-out: once
    doc = {
        "judged": args.judged.name,
        "backend": args.backend,
        "dev_cases": len(dev),
        "heldout_cases": len(cases) - len(dev),
        "old_defaults": OLD_DEFAULTS,
        "grid": GRID,
        "drop_tolerance": DROP_TOLERANCE,
        "grid_best": result.grid_best,
        "grid_best_dev_ndcg@10": result.grid_best_dev,
        "dropped": result.dropped,
        "not_identifiable": result.not_identifiable,
        "chosen": result.chosen,
        "chosen_dev_ndcg@10": result.chosen_dev,
        "runs": runs,
        "trace": result.trace,
    }
    args.out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: doc[k] for k in ("grid_best", "grid_best_dev_ndcg@10", "dropped",
                                          "not_identifiable", "chosen", "chosen_dev_ndcg@10")},
                     ensure_ascii=False))  # fmt: skip
    for name, by_split in runs.items():
        cells = " ".join(f"{s} {m['ndcg@10']:.3f}" for s, m in by_split.items())
        print(f"{name:14s} {cells}")
    print(f"{time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
