"""kehou's fused search against txtai's hybrid index on the held-out judged 非遗 wishes, one run.

Both systems see the same 2,168 national projects and the same texts: the name, category,
region and description go to the keyword side; the dense side gets the vectors kehou caches
(e5-small reads the first 60 description characters, use-m3 the first 200; see
evaluation/_ich.py), handed to txtai as external vectors (`method: external`, a transform that
looks documents up and encodes queries with the same model). txtai runs its hybrid (BM25 with
`terms` and `normalize`, convex fusion at its default weight 0.5) once per vector set with its
default tokenizer and once with character 1-2-gram tokens. kehou runs its shipped default
(`RetrieverConfig()`: e5-small + use-m3 + TF-IDF + BM25F + name BM25F, fitted on dev).

Latency: milliseconds per query, one query per call (as a user searches), median of --runs
passes over the held-out wishes, query encoding included for both.

Needs the benchmark extra (`pip install -e .[benchmark]`, i.e. txtai). Reproduce:

    PYTHONPATH=. .venv/bin/python -m benchmarks.search_vs_txtai [--shared ../shared/data] [--runs 3]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks._timing import median_seconds
from embeddings import Embedder
from evaluation._ich import load_ich, load_ich_judged
from evaluation._ich_eval import IchSearch, body, build_ich_search, fused_retriever
from evaluation._judged import JudgedCase
from evaluation._metrics import METRICS, Ranking, score_run
from matcher import RetrieverConfig

K = 10
TOKENIZERS: dict[str, dict[str, Any] | None] = {
    "default tokenizer": None,
    "char 1-2-grams": {"ngrams": {"nmin": 1, "nmax": 2}},
}


def txtai_index(search: IchSearch, backend: str, tokenizer: dict[str, Any] | None) -> Any:
    """txtai hybrid index over the full texts with kehou's cached vectors as external vectors."""
    from txtai import Embeddings

    texts = [f"{i.name} {body(i)}" for i in search.items]
    lookup = dict(zip(texts, search.vectors[backend], strict=True))
    embedder: Embedder = search.embedders[backend]

    def transform(inputs: Sequence[str]) -> np.ndarray:
        known = [lookup.get(t) for t in inputs]
        missing = [t for t, v in zip(inputs, known, strict=True) if v is None]
        encoded = iter(embedder.encode_queries(missing)) if missing else iter(())
        return np.vstack([v if v is not None else next(encoded) for v in known])

    scoring: dict[str, Any] = {"method": "bm25", "terms": True, "normalize": True}
    if tokenizer is not None:
        scoring["tokenizer"] = tokenizer
    index = Embeddings({"method": "external", "transform": transform, "scoring": scoring})
    index.index([(key, text, None) for key, text in zip(search.keys, texts, strict=True)])
    return index


def timed_run(
    name: str, search_one: Callable[[str], list[str]], cases: Sequence[JudgedCase], runs: int
) -> tuple[dict[str, float], float]:
    """(ranx scores, ms per query) of a one-query-at-a-time search function."""
    ranking: Ranking = {c.id: search_one(c.text) for c in cases}
    seconds = median_seconds(lambda: [search_one(c.text) for c in cases], runs)
    return score_run(name, "heldout", ranking, cases).scores, 1000 * seconds / len(cases)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"))
    parser.add_argument("--cache", type=Path, default=Path("test-artifacts"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backends", nargs="*", default=["e5-small", "use-m3"])
    parser.add_argument(
        "--tokenizers", nargs="*", default=list(TOKENIZERS), choices=list(TOKENIZERS)
    )
    args = parser.parse_args()
    search = build_ich_search(load_ich(args.shared), args.cache)
    cases = [c for c in load_ich_judged()[1] if c.split == "heldout"]
    rows: list[tuple[str, dict[str, float], float]] = []
    kehou = fused_retriever(search, RetrieverConfig())
    scores, ms = timed_run("kehou", lambda q: [h.key for h in kehou.search(q, K)], cases, args.runs)
    rows.append(("kehou fused (default)", scores, ms))
    for backend in args.backends:
        for label in args.tokenizers:
            tokenizer = TOKENIZERS[label]
            index = txtai_index(search, backend, tokenizer)
            scores, ms = timed_run(
                label, lambda q, ix=index: [str(i) for i, _ in ix.search(q, K)], cases, args.runs
            )
            rows.append((f"txtai {backend}, {label}", scores, ms))
    print(f"held-out: {len(cases)} wishes over {len(search.keys)} projects; top {K}")
    print(f"{'system':<40}" + "".join(f"{m:>11}" for m in METRICS) + f"{'ms/query':>10}")
    for name, scores, ms in rows:
        print(f"{name:<40}" + "".join(f"{scores[m]:>11.4f}" for m in METRICS) + f"{ms:>10.1f}")
    best = max(rows[1:], key=lambda r: r[1]["ndcg@10"])
    gap = rows[0][1]["ndcg@10"] - best[1]["ndcg@10"]
    print(f"\nkehou - best txtai ({best[0]}): nDCG@10 {gap:+.4f} (target >= +0.03)")
    print(f"latency ratio kehou / that txtai: {rows[0][2] / best[2]:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
