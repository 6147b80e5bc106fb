"""Checks on data nobody here wrote: Chinese STS-B, the national 非遗 list, OR-Library GAP.

- STS-B (../shared/data/sts-zh): Spearman x100 of cosine vs gold on a seeded sample, both
  sides encoded as queries (as benchmarks/sts_zh.py does); TF-IDF is fitted on the sample.
- 非遗 (../shared/data/ich): every national project becomes one heritage "specialist" text
  (name, category, first 120 characters of the description); a short query set written here
  is judged by project name (grade 2 when the name holds one of the listed words), and the
  keyword, BM25, dense and hybrid searches are scored with the same ranx metrics.
- OR-Library (../shared/data/gap): gap1-gap4 maximised with HiGHS, compared with the optima.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.stats import spearmanr

from embeddings import FaissIndex, Fittable, create_embedder, normalise
from evaluation._bm25 import BM25
from evaluation._judged import JudgedCase
from evaluation._metrics import Ranking, score_run
from matcher import HybridRetriever, KeywordIndex
from matcher.allocation import SolveOptions, Status, get_solver, read_gap

SEED = 20230901

#: query -> words whose presence in a project's name makes it exactly relevant (grade 2)
ICH_QUERIES: dict[str, tuple[str, ...]] = {
    "孩子想学捏泥人": ("泥塑", "泥人"),
    "想学剪窗花": ("剪纸",),
    "想学放风筝、自己扎风筝": ("风筝",),
    "喜欢看皮影戏": ("皮影",),
    "想学绣花": ("绣",),
    "想学做陶瓷": ("陶", "瓷"),
    "想学舞龙舞狮": ("龙舞", "狮舞", "舞龙", "舞狮"),
    "想学打太极": ("太极",),
    "想学编竹篮": ("竹编",),
    "想看木偶戏": ("木偶",),
    "想学做风味小吃和糕点": ("糕", "小吃"),
    "想学吹唢呐": ("唢呐",),
}


def sts_spearman(shared: Path, backends: Sequence[str], sample: int = 300) -> dict[str, float]:
    """Spearman x100 on a seeded STS-B test sample, per backend."""
    rows = []
    for line in (shared / "sts-zh" / "STS-B.test.data").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            rows.append((parts[0], parts[1], float(parts[2])))
    keep = np.sort(np.random.default_rng(SEED).choice(len(rows), min(sample, len(rows)), False))
    left, right, gold = zip(*[rows[i] for i in keep], strict=True)
    out = {}
    for name in backends:
        emb = create_embedder(name)
        if isinstance(emb, Fittable):
            emb.fit([*left, *right])
        a = np.asarray(emb.encode_queries(list(left)), dtype=np.float64)
        b = np.asarray(emb.encode_queries(list(right)), dtype=np.float64)
        cos = (a * b).sum(1) / np.maximum(
            np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1), 1e-12
        )
        out[name] = round(100 * float(spearmanr(cos, gold).statistic), 2)
    return out


def ich_catalogue(shared: Path) -> tuple[list[str], list[str], list[str]]:
    """(keys, names, texts) of every national 非遗 project, in file and row order."""
    keys: list[str] = []
    names: list[str] = []
    texts: list[str] = []
    for path in sorted((shared / "ich" / "merged_web_items").glob("*.csv")):
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                keys.append(f"ich/{len(keys):04d}")
                names.append(row["项目名称"])
                desc = normalise(row.get("官网描述") or "")[:120]
                texts.append(f"非遗传承人 {row['项目名称']} {row['项目类别']} {desc}")
    return keys, names, texts


def ich_cases(keys: Sequence[str], names: Sequence[str]) -> list[JudgedCase]:
    cases = []
    for n, (query, words) in enumerate(ICH_QUERIES.items(), start=1):
        rel = {k: 2 for k, name in zip(keys, names, strict=True) if any(w in name for w in words)}
        cases.append(JudgedCase(f"ich{n:02d}", "heldout", query, rel))
    return cases


def ich_search(shared: Path, backends: Sequence[str], k: int = 10) -> dict[str, Any]:
    """ranx scores of keyword, BM25, dense and hybrid search over the national 非遗 list."""
    keys, names, texts = ich_catalogue(shared)
    cases = [c for c in ich_cases(keys, names) if c.relevant]
    queries = [c.text for c in cases]
    keyword = KeywordIndex(keys, texts)
    bm25 = BM25(keys, texts)
    runs: dict[str, Ranking] = {
        "tfidf-keyword": {c.id: [x for x, _ in keyword.search(c.text, k)] for c in cases},
        "bm25": {c.id: bm25.search(c.text, k) for c in cases},
    }
    for name in backends:
        emb = create_embedder(name)
        if isinstance(emb, Fittable):
            emb.fit(texts)
        index = FaissIndex(emb.dim)
        index.add(keys, np.asarray(emb.encode_documents(texts), dtype=np.float32))
        for hybrid in (False, True):
            found = HybridRetriever(emb, index, keyword, use_keyword=hybrid).search_many(queries, k)
            label = f"{'hybrid' if hybrid else 'dense'}:{name}"
            runs[label] = {c.id: [h.key for h in row] for c, row in zip(cases, found, strict=True)}
    scores = {name: score_run(name, "ich", r, cases).scores for name, r in runs.items()}
    return {"projects": len(keys), "queries": len(cases), "scores": scores}


def orlib_summary(
    shared: Path, files: Sequence[str] = ("gap1.txt", "gap2.txt", "gap3.txt", "gap4.txt")
) -> dict[str, Any]:
    """How many OR-Library problems HiGHS solves to the published maximum, proven optimal."""
    with (shared / "gap" / "gap_optima.csv").open(encoding="utf-8") as fh:
        optima = {
            (r["file"], int(r["index"])): float(r["max_opt"])
            for r in csv.DictReader(fh)
            if r["max_opt"]
        }
    solved = total = 0
    for name in files:
        for n, inst in enumerate(read_gap(shared / "gap" / "orlib" / name), start=1):
            result = get_solver("highs").solve(inst.model("max"), SolveOptions(time_limit=20))
            total += 1
            ok = result.status is Status.OPTIMAL and result.objective == optima[(name, n)]
            solved += int(ok)
    return {"files": list(files), "problems": total, "optimum_reproduced": solved}
