"""Fit the fusion on the dev 非遗 wishes; score every run on held-out with a paired test.

1. Signal matrices for all judged wishes (dense e5-small and use-m3, char TF-IDF, BM25, BM25F,
   name-only BM25F) over the 2,168 described national projects.
2. Exhaustive grid of fusion forms (RRF k 5/10/20/60, min-max score sum) x weights {0,.5,1,2}
   per signal, on dev only (`evaluation._fusion_fit.fit_fusion`).
3. Held-out (and dev) nDCG@10 / recall@10 / MRR through ranx for each single signal, the old
   hybrid (e5 + TF-IDF, RRF 60), the shipped default (`matcher._retrieve.RetrieverConfig()`,
   through the real `HybridRetriever`), and the paired t-test of the default against each.

Reproduce (vectors are cached under test-artifacts/, so a rerun embeds nothing):

    PYTHONPATH=. .venv/bin/python -m benchmarks.search_fusion [--shared ../shared/data]
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from evaluation._fusion_fit import fit_fusion
from evaluation._ich import load_ich, load_ich_judged
from evaluation._ich_eval import (
    build_ich_search,
    fused_retriever,
    fused_run,
    old_hybrid_run,
    qrels_positions,
    signal_matrices,
    top_k_run,
)
from evaluation._metrics import METRICS, score_run, significance
from matcher import RetrieverConfig, normalise_wish

DEFAULT = "fused (default)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"))
    parser.add_argument("--cache", type=Path, default=Path("test-artifacts"))
    parser.add_argument("--no-fit", action="store_true", help="skip the grid (scores only)")
    args = parser.parse_args()
    items = load_ich(args.shared)
    _, cases = load_ich_judged()
    search = build_ich_search(items, args.cache)
    signals = signal_matrices(search, [c.text for c in cases])
    dev = [n for n, c in enumerate(cases) if c.split == "dev"]
    if not args.no_fit:
        fit = fit_fusion(
            {k: v[dev] for k, v in signals.items()},
            qrels_positions([cases[n] for n in dev], search.keys),
        )
        print(f"dev fit: {fit.form} k={fit.rrf_k} weights={fit.weights} nDCG@10={fit.ndcg:.4f}")
    runs = {name: top_k_run(m, search.keys, cases) for name, m in signals.items()}
    runs["hybrid (old)"] = old_hybrid_run(signals, search.keys, cases)
    runs[DEFAULT] = fused_run(fused_retriever(search, RetrieverConfig()), cases)
    runs["fused, e5 only"] = fused_run(
        fused_retriever(search, RetrieverConfig(), extra=False), cases
    )
    wished = [replace(c, text=normalise_wish(c.text)) for c in cases]
    runs["fused + vocabulary"] = fused_run(fused_retriever(search, RetrieverConfig()), wished)
    print(f"default: {RetrieverConfig().model_dump()}")
    for split in ("dev", "heldout"):
        part = [c for c in cases if c.split == split]
        print(f"\n{split} ({len(part)} wishes)")
        print(f"{'run':<18}" + "".join(f"{m:>11}" for m in METRICS) + f"{'p(nDCG)':>10}")
        sig = {
            s.other: s.p_value
            for s in significance(split, DEFAULT, runs, part)
            if s.metric == "ndcg@10"
        }
        for name, ranking in runs.items():
            scores = score_run(name, split, ranking, part).scores
            p = "" if name == DEFAULT else f"{sig[name]:.4f}"
            print(f"{name:<18}" + "".join(f"{scores[m]:>11.4f}" for m in METRICS) + f"{p:>10}")


if __name__ == "__main__":
    main()
