"""The stages `kehou demo` runs after the import: rule check, embedding, every school's
programme, and the bureau's allocation. Each writes its output under the demo folder.

Schools are recommended in id order, and each district's signatures chosen so far are passed
on, so that not every school of a district gets the same 特色 (uniqueness within the district).
"""

from __future__ import annotations

import time
from collections import Counter

from api.cli._commands_allocate import allocation_doc
from api.cli._commands_catalog import DemoRun, demo_stage, out_console
from api.cli._commands_recommend import write_json_atomic


@demo_stage
def demo_check(run: DemoRun) -> None:
    """Stage 2: the catalogue's rule violations (what `kehou check` lists)."""
    from matcher._eligibility import item_level_violations
    from matcher._engine import load_catalogue

    found = item_level_violations(load_catalogue(run.store), run.settings)
    codes = Counter(v.rule.value for vs in found.values() for v in vs)
    run.results["check"] = {"items": len(found), "by_rule": dict(sorted(codes.items()))}
    out_console.print(
        f"规则检查 / rule check: {len(found)} 个条目违规 / items break a rule {dict(codes)}"
    )


@demo_stage
def demo_recommend(run: DemoRun) -> None:
    """Stages 3–4: embed the catalogue (cached) and write every school's programme as JSON."""
    from catalog import Kind, School
    from matcher._engine import open_engine, surveys_by_school
    from matcher._recommend import Recommender
    from matcher._types import programme_json

    started = time.perf_counter()
    if not _ready(run):
        return
    engine = open_engine(run.store, run.settings, run.backend)
    rec = Recommender(engine.catalogue, engine.embedder, engine.index, run.settings)
    surveys = surveys_by_school(run.store, "2026秋")
    taken: dict[str, Counter[str]] = {}
    schools = sorted(
        (s for s in run.store.records(Kind.SCHOOL) if isinstance(s, School)), key=lambda s: s.id
    )
    for school in schools:
        district = taken.setdefault(school.district, Counter())
        profile = rec.profile(school.id, surveys.get(school.id, []))
        programme = rec.programme(school, profile, district_taken=district)
        if programme.signature is not None:
            district[programme.signature.key] += 1
        write_json_atomic(
            run.out / "programmes" / f"{school.id}.json", programme_json(programme, profile)
        )
    signatures = Counter(k for d in taken.values() for k in d.elements())
    run.results["recommend"] = {"schools": len(schools), "signatures": dict(signatures)}
    out_console.print(
        f"方案 / programmes: {len(schools)} 所学校，特色分布 {dict(signatures)}，"
        f"用时 {time.perf_counter() - started:.1f} 秒 -> {run.out / 'programmes'}"
    )


@demo_stage
def demo_allocate(run: DemoRun) -> None:
    """Stage 5: the bureau's allocation of scarce resources, with fairness figures and a chart."""
    from matcher.allocation import plot_allocation

    if not _ready(run):
        return
    result = allocation_doc(run.settings, run.backend, time_limit=60.0, solver="highs")
    doc = result["doc"]
    write_json_atomic(run.out / "allocation.json", doc)
    chart = plot_allocation(result["report"], run.out / "allocation.png")
    fair = doc["fairness"]
    run.results["allocate"] = {
        "status": doc["result"]["status"],
        "served_share": fair["served_share"],
    }
    out_console.print(
        f"分配 / allocation: {doc['result']['status']}，{len(doc['allocations'])} 次活动，"
        f"覆盖 {fair['served_share']:.0%} 的学校，基尼 {fair['gini_per_student']:.3f} -> {chart}"
    )


def _ready(run: DemoRun) -> bool:
    """Whether there is a catalogue and schools to work on; else say so and skip the stage."""
    counts = run.store.counts()
    items = sum(counts.get(k, 0) for k in ("courses", "specialists", "science_resources"))
    if items and counts.get("schools", 0):
        return True
    out_console.print("跳过：没有目录条目或学校 / skipped: no catalogue items or no schools")
    return False
