"""Citation quality: does an item cite a survey wish only when it really answers it?

Judged (wish, item) pairs (data/judged_citations.csv, see its header for how they were judged)
are scored with the recommender's own evidence (matcher._evidence: vocabulary topic + relative
dense cosine). The threshold is calibrated on the dev split (fewest wrong citations first,
then the most recall) and reported on heldout, next to the configured default.
"""

from __future__ import annotations

import csv
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from evaluation._judged import DATA, SPLITS, JudgedSetError, _expand_ids
from matcher import Recommender, wish_query

CITATIONS_CSV = DATA / "judged_citations.csv"
GRID = tuple(round(0.3 + 0.01 * n, 2) for n in range(61))  # 0.30 .. 0.90


@dataclass(frozen=True)
class CitationPair:
    wish_id: str
    split: str
    wish: str
    key: str  # catalogue key, "courses/C132"
    answers: bool


def load_citation_pairs(path: Path, known: Collection[str]) -> tuple[str, list[CitationPair]]:
    """(judging note, pairs); an id that is not in the catalogue is an error naming the row."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    note = "\n".join(line.lstrip("# ").rstrip() for line in lines if line.startswith("#"))
    rows = csv.DictReader([line for line in lines if line and not line.startswith("#")])
    known_set, pairs = set(known), []
    for n, row in enumerate(rows, start=1):
        if row.get("split") not in SPLITS:
            raise JudgedSetError(
                f"{path.name} 第{n}行: 未知划分 / unknown split {row.get('split')!r}"
            )
        for column, answers in (("answers", True), ("not_answers", False)):
            for part in filter(None, (p.strip() for p in (row.get(column) or "").split(";"))):
                for key in _expand_ids(part):
                    if key not in known_set:
                        where = f"{path.name} 第{n}行 列「{column}」"
                        raise JudgedSetError(f"{where}: 目录中没有 / not in the catalogue: {key}")
                    pairs.append(
                        CitationPair(row["wish_id"], row["split"], row["wish"], key, answers)
                    )
    if not pairs:
        raise JudgedSetError(f"{path.name}: 没有评判数据 / no judged pairs")
    return note, pairs


def pair_similarities(rec: Recommender, pairs: Sequence[CitationPair]) -> npt.NDArray[np.float64]:
    """The recommender's wish-item similarity for every pair (one query per distinct wish)."""
    wishes = sorted({p.wish for p in pairs})
    queries = [wish_query(w) for w in wishes]
    keys = sorted({p.key for p in pairs})
    sims = np.zeros(len(pairs))
    for n, query in enumerate(queries):
        found = rec.evidence([query], keys)
        for i, pair in enumerate(pairs):
            if pair.wish == wishes[n]:
                sims[i] = found[pair.key].match.similarity
    return sims


def precision_recall(
    sims: npt.NDArray[np.float64], labels: npt.NDArray[np.bool_], t: float
) -> dict[str, float]:
    cited = sims >= t
    hit = int(np.sum(cited & labels))
    precision = hit / max(1, int(np.sum(cited)))
    recall = hit / max(1, int(np.sum(labels)))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return {
        "n": len(labels),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "wrong_citations": int(np.sum(cited & ~labels)),
    }


def calibrate(sims: npt.NDArray[np.float64], labels: npt.NDArray[np.bool_]) -> float:
    """The lowest threshold (the most recall) among those with the fewest wrong citations on
    these pairs: DESIGN.md's rule is that a reason never cites a wish the item does not answer,
    so wrong citations are minimised first and recall is what is left to gain."""
    wrong = {t: precision_recall(sims, labels, t)["wrong_citations"] for t in GRID}
    fewest = min(wrong.values())
    return min(t for t in GRID if wrong[t] == fewest)


def citation_report(rec: Recommender, path: Path = CITATIONS_CSV) -> dict[str, Any]:
    """Calibrated threshold (dev) and precision/recall per split at it and at the default."""
    note, pairs = load_citation_pairs(path, rec.catalogue.keys())
    sims = pair_similarities(rec, pairs)
    labels = np.array([p.answers for p in pairs])
    split = np.array([p.split for p in pairs])
    dev = split == "dev"
    chosen = calibrate(sims[dev], labels[dev])
    configured = rec.config.evidence.cite_threshold
    out: dict[str, Any] = {
        "note": note.splitlines()[0] if note else "",
        "pairs": {s: int(np.sum(split == s)) for s in SPLITS},
        "threshold_calibrated_on_dev": chosen,
        "threshold_configured": configured,
    }
    for name, t in (("at_calibrated", chosen), ("at_configured", configured)):
        out[name] = {s: precision_recall(sims[split == s], labels[split == s], t) for s in SPLITS}
    return out
