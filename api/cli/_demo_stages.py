"""The stages `kehou demo` runs after the import: the rule check, then the semester batch
(embedding, every school's programme and report, the bureau's allocation and summary), all
written under the demo folder."""

from __future__ import annotations

import json
import time
from collections import Counter

from api._display import status_label
from api.cli._commands_catalog import DEMO_SEMESTER, DemoRun, demo_stage, out_console


@demo_stage
def demo_check(run: DemoRun) -> None:
    """Stage 2: the catalogue's rule violations (what `kehou check` lists)."""
    from matcher import item_level_violations, load_catalogue

    found = item_level_violations(load_catalogue(run.store), run.settings)
    codes = Counter(v.rule.value for vs in found.values() for v in vs)
    run.results["check"] = {"items": len(found), "by_rule": dict(sorted(codes.items()))}
    out_console.print(
        f"规则检查 / rule check: {len(found)} 个条目违规 / items break a rule {dict(codes)}"
    )


@demo_stage
def demo_batch(run: DemoRun) -> None:
    """Stage 3: the whole semester batch: embed, every school's programme and report, the
    bureau's allocation and summary (what `kehou batch --semester 2026秋` does)."""
    from api.batch import STATE_FILE, Batch

    if not _ready(run):
        return
    started = time.perf_counter()
    (run.out / STATE_FILE).unlink(missing_ok=True)  # the demo always starts from scratch
    batch = Batch(run.store, run.settings, DEMO_SEMESTER, run.out, run.backend)
    result = batch.run()
    allocation = json.loads((run.out / "bureau" / "allocation.json").read_text(encoding="utf-8"))
    fair = allocation["fairness"]
    run.results["batch"] = result
    status = status_label(allocation["result"]["status"])
    out_console.print(
        f"学期批处理 / semester batch: {result['schools']} 所学校的方案和报告，"
        f"分配{status}，覆盖 {fair['served_share']:.0%} 的学校，"
        f"基尼 {fair['gini_per_student']:.3f}，用时 {time.perf_counter() - started:.0f} 秒"
    )
    out_console.print(f"各校报告 / school reports: {run.out / 'reports'}")
    out_console.print(f"教育局汇总 / bureau summary: {run.out / 'bureau' / 'summary.html'}")


def _ready(run: DemoRun) -> bool:
    """Whether there is a catalogue and schools to work on; else say so and skip the stage."""
    counts = run.store.counts()
    items = sum(counts.get(k, 0) for k in ("courses", "specialists", "science_resources"))
    if items and counts.get("schools", 0):
        return True
    out_console.print("跳过：没有目录条目或学校 / skipped: no catalogue items or no schools")
    return False
