"""One evaluation run over a kehou database: search and recommend side by side, checks, and
external data; returns one JSON-able document (what `kehou evaluate --json` prints).

Every figure is computed on both the dev and the heldout split of the judged sets. The
headline compares the hybrid (default backend) with every single-signal search run on the
heldout split's nDCG@10.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from catalog import Kind, School, Settings
from catalog._store import open_store
from embeddings import DEFAULT_BACKEND
from evaluation._citation_eval import citation_report
from evaluation._judged import (
    PLANNER_CSV,
    PLANNER_MAX_GRADE,
    RECOMMEND_CSV,
    SEARCH_CSV,
    SPLITS,
    JudgedCase,
    JudgedSet,
    load_judged,
)
from evaluation._metrics import Ranking, score_run, significance
from evaluation._programme_checks import allocation_fairness, programme_checks
from evaluation._recommend_eval import recommend_runs, recommender
from evaluation._search_eval import search_runs
from evaluation._weight_fit import FIT_JSON, OLD_DEFAULTS, fit_summary
from matcher import Engine, ScoreWeights, open_engine, surveys_by_school

log = logging.getLogger(__name__)
ALL_BACKENDS = ("tfidf", "use-m3", "e5-small")
SINGLE_SIGNAL = ("random", "popularity", "tfidf-keyword", "bm25")


class EvaluateConfig(BaseModel):
    """What to evaluate; the defaults are the full report on the demo data."""

    judged_search: Path = SEARCH_CSV
    judged_recommend: Path = RECOMMEND_CSV
    judged_planner: Path | None = Field(
        PLANNER_CSV, description="planner judgments (grades 1-3); None or absent: topical only"
    )
    weight_fit: Path = FIT_JSON
    backends: tuple[str, ...] = ALL_BACKENDS
    hybrid_backend: str = DEFAULT_BACKEND
    seed: int = 20230901
    limit: int | None = Field(None, ge=1, description="first N cases per set (tests)")
    programmes: bool = True
    allocation: bool = True
    academic: bool = True
    citations: bool = True
    shared_data: Path | None = None  # ../shared/data; None skips the external checks
    sts_sample: int = Field(300, ge=10)


def _scores(
    runs: dict[str, Ranking], cases: Sequence[JudgedCase], reference: str
) -> dict[str, Any]:
    out: dict[str, Any] = {"runs": {}, "significance": [], "cases": {}}
    for split in SPLITS:
        part = [c for c in cases if c.split == split]
        out["cases"][split] = len(part)
        if not part:
            continue
        for name, ranking in runs.items():
            scores = score_run(name, split, ranking, part).scores
            out["runs"].setdefault(name, {})[split] = scores
        if len(part) > 1:
            sig = significance(split, reference, runs, part)
            out["significance"] += [s.__dict__ for s in sig]
    return out


def _engines(settings: Settings, backends: Sequence[str]) -> dict[str, Engine]:
    with open_store(settings) as store:
        return {b: open_engine(store, settings, b) for b in backends}


def _headline(search: dict[str, Any], hybrid: str) -> dict[str, Any]:
    """Does the hybrid beat every single-signal run on heldout nDCG@10, and by how much?"""
    runs = search["runs"]
    if hybrid not in runs or "heldout" not in runs[hybrid]:
        return {}
    best = runs[hybrid]["heldout"]["ndcg@10"]
    singles = [n for n in runs if n in SINGLE_SIGNAL or n.startswith("dense:")]
    margins = {n: round(best - runs[n]["heldout"]["ndcg@10"], 4) for n in singles}
    hybrids = {n: r["heldout"]["ndcg@10"] for n, r in runs.items() if n.startswith("hybrid:")}
    return {
        "hybrid": hybrid,
        "heldout_ndcg@10": best,
        "margin_over": margins,
        "beats_every_single_signal": all(m > 0 for m in margins.values()),
        "best_hybrid": max(sorted(hybrids), key=lambda n: hybrids[n]),
        "best_single": max(singles, key=lambda n: runs[n]["heldout"]["ndcg@10"]),
    }


def run_evaluation(settings: Settings, config: EvaluateConfig | None = None) -> dict[str, Any]:
    """The whole report as a JSON-able dict."""
    cfg = config or EvaluateConfig()
    backends = list(dict.fromkeys([*cfg.backends, cfg.hybrid_backend]))
    engines = _engines(settings, backends)
    main = engines[cfg.hybrid_backend]
    known = main.catalogue.keys()
    search_set = load_judged(cfg.judged_search, known, "search", "query")
    rec_set = load_judged(cfg.judged_recommend, known, "recommend", "school_id")
    planner = _planner_set(cfg, known)
    s_cases = list(search_set.cases[: cfg.limit])
    hybrid = f"hybrid:{cfg.hybrid_backend}"
    log.info("search runs on %d cases", len(s_cases))
    search_engines = {b: engines[b] for b in backends}
    s_runs = search_runs(search_engines, backends, s_cases, cfg.seed)
    doc: dict[str, Any] = {
        "backends": list(cfg.backends),
        "hybrid_backend": cfg.hybrid_backend,
        "judged": {"search": search_set.note},
        "search": _scores(s_runs, s_cases, hybrid),
    }
    doc["headline"] = _headline(doc["search"], hybrid)
    sets = {"recommend_topical": rec_set} if planner else {}
    sets["recommend"] = planner or rec_set
    doc["judged"].update({name: js.note for name, js in sets.items()})
    doc.update(_recommend_part(settings, main, sets, cfg))
    if cfg.academic:
        log.info("academic classifier")
        doc["academic"] = academic_document(main.embedder)
    if cfg.shared_data is not None:
        log.info("external checks (STS-B, 非遗, OR-Library)")
        doc["external"] = _external(cfg.shared_data, cfg)
    return doc


def _planner_set(cfg: EvaluateConfig, known: Sequence[str]) -> JudgedSet | None:
    path = cfg.judged_planner
    if path is None or not path.exists():
        return None
    return load_judged(path, known, "recommend-planner", "school_id", PLANNER_MAX_GRADE)


def _recommend_part(
    settings: Settings, engine: Engine, sets: dict[str, JudgedSet], cfg: EvaluateConfig
) -> dict[str, Any]:
    """Every recommend run once per judged school (the sets judge the same schools under the
    same case ids), scored against each set; plus citations, programmes, allocation."""
    by_id: dict[str, JudgedCase] = {}
    for js in sets.values():
        for c in js.cases[: cfg.limit]:
            if by_id.setdefault(c.id, c).text != c.text:
                raise ValueError(f"case {c.id}: two judged sets name different schools")
    cases = [by_id[k] for k in sorted(by_id)]
    with open_store(settings) as store:
        schools = {s.id: s for s in store.records(Kind.SCHOOL) if isinstance(s, School)}
        surveys = surveys_by_school(store)
    vectors_rec = recommender(engine, settings, _vectors(engine))
    wanted = sorted(schools) if cfg.programmes else sorted({c.text for c in cases})
    profiles = {sid: vectors_rec.profile(sid, surveys.get(sid, [])) for sid in wanted}
    log.info("recommend runs on %d cases", len(cases))
    extra = {"old-defaults": ScoreWeights(**OLD_DEFAULTS)}
    runs = recommend_runs(engine, settings, cases, schools, profiles, extra)
    out: dict[str, Any] = {}
    for name, js in sets.items():
        out[name] = {"judged": judged_label(js), **_scores(runs, js.cases[: cfg.limit], "full")}
    if cfg.weight_fit.exists():
        out["fit"] = fit_summary(cfg.weight_fit)
    if cfg.citations:
        log.info("citation precision and recall")
        out["citations"] = citation_report(vectors_rec)
    ordered = [schools[s] for s in sorted(schools)]
    if cfg.programmes:
        out["programmes"] = programme_checks(vectors_rec, ordered, profiles).__dict__
    if cfg.allocation:
        log.info("bureau allocation")
        out["allocation"] = allocation_fairness(vectors_rec, ordered, surveys)
    return out


def judged_label(js: JudgedSet) -> str:
    """Which judged set a recommend section scores (planner or topical)."""
    return "planner (grades 1-3)" if js.task == "recommend-planner" else "topical (grades 1-2)"


def _vectors(engine: Engine) -> Any:
    import numpy as np

    return np.asarray(engine.embedder.encode_documents(engine.catalogue.texts()), dtype=np.float32)


def academic_document(encoder: Any) -> dict[str, Any]:
    """The `academic` part of `kehou evaluate`: the course set (rules, rules + prototypes) and
    the offers sets (`offers`: dev, heldout, fresh, fresh2, with per-entity figures)."""
    from evaluation._academic_eval import academic_report
    from evaluation._academic_offers import offers_report

    report = academic_report(encoder)
    out: dict[str, Any] = {
        name: {split: _figures(m) for split, m in by_split.items()}
        for name, by_split in (
            ("rules", report.rules),
            ("combined_default", report.combined_default),
            ("combined_fitted_on_dev", report.combined_fitted),
        )
    }
    offers = offers_report()
    out["offers"] = {
        split: {
            **_figures(m),
            "by_entity": {e: _figures(em) for e, em in offers.by_entity[split].items()},
            "exam_code_agreement": list(offers.code_agreement[split]),
        }
        for split, m in offers.by_split.items()
    }
    return out


def _figures(m: Any) -> dict[str, Any]:
    return {
        "n": m.n,
        "precision": round(m.precision, 4),
        "recall": round(m.recall, 4),
        "f1": round(m.f1, 4),
    }


def _external(shared: Path, cfg: EvaluateConfig) -> dict[str, Any]:
    from evaluation._external import ich_search, orlib_summary, sts_spearman

    return {
        "sts_b_spearman_x100": sts_spearman(shared, cfg.backends, cfg.sts_sample),
        "sts_b_sample": cfg.sts_sample,
        "ich_search": ich_search(shared, cfg.backends),
        "orlib": orlib_summary(shared),
    }
