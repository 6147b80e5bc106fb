"""Chinese semantic-similarity quality and speed of every embedding backend.

Spearman x100 between cosine similarity and the gold score on the Chinese STS-B test set
(all 1,361 pairs, the file behind text2vec's published STS-B column) and on ATEC, BQ, LCQMC and
PAWSX (seeded samples of --sample pairs each for the big ones; PAWSX has 2,000), plus
throughput on short sentences and the latency of one text. Both sides of a pair are encoded as
queries (what E5 recommends for symmetric tasks). TF-IDF is fitted on the sentences of the set
it is scored on (transductive, like any fitted lexical model). Speed figures are medians of
--runs runs.

Reproduce (from the project root; reads ../shared/data/sts-zh; nothing is downloaded):

    HF_HUB_OFFLINE=1 .venv/bin/python -m benchmarks.sts_zh
    HF_HUB_OFFLINE=1 .venv/bin/python -m benchmarks.sts_zh --backends e5-small --sample 500
"""

from __future__ import annotations

import argparse
import statistics
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

from benchmarks._timing import median_seconds
from embeddings import Embedder, Fittable, create_embedder

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "sts-zh"
SETS = ("STS-B", "ATEC", "BQ", "LCQMC", "PAWSX")
BACKENDS = ("tfidf", "use-m3", "e5-small", "st:all-MiniLM-L6-v2")
SEED = 20230901


@dataclass(frozen=True)
class Pairs:
    name: str
    left: list[str]
    right: list[str]
    gold: np.ndarray


def read_pairs(name: str, sample: int | None = None, head: int | None = None) -> Pairs:
    """Pairs of one test file; `head` keeps the first rows, `sample` a seeded random subset."""
    rows = []
    for line in (DATA / f"{name}.test.data").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            rows.append((parts[0], parts[1], float(parts[2])))
    if head is not None:
        rows = rows[:head]
    elif sample is not None and len(rows) > sample:
        keep = np.sort(np.random.default_rng(SEED).choice(len(rows), sample, replace=False))
        rows = [rows[i] for i in keep]
    left, right, gold = zip(*rows, strict=True)
    return Pairs(name, list(left), list(right), np.array(gold))


def spearman(embedder: Embedder, pairs: Pairs) -> float:
    """Spearman x100 of cosine similarity against the gold scores."""
    if isinstance(embedder, Fittable):
        embedder.fit(pairs.left + pairs.right)
    a = embedder.encode_queries(pairs.left)
    b = embedder.encode_queries(pairs.right)
    return float(spearmanr(np.einsum("ij,ij->i", a, b), pairs.gold).statistic) * 100


def speed(embedder: Embedder, sentences: list[str], runs: int) -> tuple[float, float]:
    """(sentences per second on a batch, milliseconds for one text), medians."""
    if isinstance(embedder, Fittable):
        embedder.fit(sentences)
    embedder.encode_queries(sentences[:8])  # warm-up
    batch = median_seconds(lambda: embedder.encode_queries(sentences), runs)
    one = [median_seconds(partial(embedder.encode_queries, [t]), 1) for t in sentences[:30]]
    return len(sentences) / batch, statistics.median(one) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backends", nargs="+", default=list(BACKENDS))
    parser.add_argument("--sample", type=int, default=2000, help="pairs per big set")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--speed-sentences", type=int, default=1000)
    args = parser.parse_args()
    if not DATA.is_dir():
        raise SystemExit(f"找不到数据 / data not found: {DATA}")
    sets = [read_pairs(n, sample=None if n == "STS-B" else args.sample) for n in SETS]
    head300 = read_pairs("STS-B", head=300)
    short = read_pairs("STS-B").left[: args.speed_sentences]
    print(
        f"pairs: {', '.join(f'{p.name} {len(p.gold)}' for p in sets)}; short sentences "
        f"{len(short)} (median {statistics.median(map(len, short)):.0f} chars)"
    )
    header = "| backend | " + " | ".join(SETS) + " | avg | STS-B first 300 | sent/s | 1 text ms |"
    print(header)
    print("|" + "---|" * (len(SETS) + 5))
    for name in args.backends:
        embedder = create_embedder(name)
        scores = [spearman(embedder, p) for p in sets]
        first = spearman(embedder, head300)
        rate, latency = speed(embedder, short, args.runs)
        cells = " | ".join(f"{s:.1f}" for s in scores)
        print(
            f"| {name} | {cells} | {np.mean(scores):.1f} | {first:.2f} | {rate:.0f} | "
            f"{latency:.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
