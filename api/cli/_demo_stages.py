"""The stages `kehou demo` runs after the import: the rule check, then the semester batch
(embedding, every school's programme and report, the bureau's allocation and summary), all
written under the demo folder."""

from __future__ import annotations

import csv
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from api._display import status_label
from api.cli._commands_catalog import DEMO_SEMESTER, DemoRun, demo_stage, out_console

#: The demo's second semester: the same families answer again, the allocation rotates.
NEXT_SEMESTER = "2027春"


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


@demo_stage
def demo_next_semester(run: DemoRun) -> None:
    """Stage 4: the next semester (2027春) from the same surveys: the allocation reads the
    first semester's, rotates scarce resources and reports the fairness over both semesters."""
    from api.batch import STATE_FILE, Batch
    from catalog._importer import import_paths

    if not _ready(run) or "batch" not in run.results:
        return
    out = run.out / NEXT_SEMESTER
    surveys = _next_surveys(run.data / "surveys.csv", out / "input" / "surveys.csv")
    if surveys is None:
        out_console.print("跳过第二学期：没有 surveys.csv / skipped: no surveys.csv")
        return
    import_paths([surveys], run.settings, semester=NEXT_SEMESTER, store=run.store, user="demo")
    (out / STATE_FILE).unlink(missing_ok=True)
    result = Batch(run.store, run.settings, NEXT_SEMESTER, out, run.backend).run()
    doc = json.loads((out / "bureau" / "allocation.json").read_text(encoding="utf-8"))
    first = {(a["school_id"], a["resource_id"]) for a in _first(run)["allocations"]}
    again = sum((a["school_id"], a["resource_id"]) in first for a in doc["allocations"])
    fair = doc["fairness"]
    kept, changed = _signatures_kept(out / "programmes")
    run.results["next_semester"] = {
        **result,
        "allocations": len(doc["allocations"]),
        "same_pair_again": again,
        "gini_per_student": fair["gini_per_student"],
        "gini_over_time": fair["gini_over_time"],
        "signatures_kept": kept,
        "signatures_changed": changed,
    }
    out_console.print(
        f"第二学期 / next semester {NEXT_SEMESTER}: {len(doc['allocations'])} 项分配，"
        f"其中 {again} 项与上学期同校同资源（其余轮换）；"
        f"本学期基尼 {fair['gini_per_student']:.3f}，"
        f"两学期累计基尼 {fair['gini_over_time']:.3f}；"
        f"延续上学期特色 {kept} 校，改换 {changed} 校；输出 {out}"
    )


def _signatures_kept(folder: Path) -> tuple[int, int]:
    """How many schools' programmes kept last semester's signature, and how many changed it."""
    kept = changed = 0
    for path in sorted(folder.glob("*.json")):
        block = json.loads(path.read_text(encoding="utf-8")).get("continuity")
        if block is not None:
            kept += bool(block["signature_kept"])
            changed += not block["signature_kept"]
    return kept, changed


def _next_surveys(source: Path, target: Path) -> Path | None:
    """The demo semester's surveys again, their 学期 column set to the next semester (older
    semesters' rows, which reuse respondent ids, are left out)."""
    if not source.is_file():
        return None
    with open(source, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or ["school_id"])
        col = next((c for c in header if c.strip().lower() in ("semester", "学期")), "semester")
        rows = [r for r in reader if (r.get(col) or "") in ("", DEMO_SEMESTER)]
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header if col in header else [*header, col])
        writer.writeheader()
        writer.writerows({**r, col: NEXT_SEMESTER} for r in rows)
    return target


def _first(run: DemoRun) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(
        (run.out / "bureau" / "allocation.json").read_text(encoding="utf-8")
    )
    return doc


def _ready(run: DemoRun) -> bool:
    """Whether there is a catalogue and schools to work on; else say so and skip the stage."""
    counts = run.store.counts()
    items = sum(counts.get(k, 0) for k in ("courses", "specialists", "science_resources"))
    if items and counts.get("schools", 0):
        return True
    out_console.print("跳过：没有目录条目或学校 / skipped: no catalogue items or no schools")
    return False
