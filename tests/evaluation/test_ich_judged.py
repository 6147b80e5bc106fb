"""The judged 非遗 wishes: well-formed, balanced, and pointing at real projects of the list."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from evaluation._ich import ICH_JUDGED_CSV, load_ich, load_ich_judged

POOL_CSV = ICH_JUDGED_CSV.with_name("judged_ich_pool.csv")


def test_judged_set_is_large_balanced_and_graded() -> None:
    note, cases = load_ich_judged()
    assert "pooled" in note and len(cases) >= 80
    splits = Counter(c.split for c in cases)
    assert abs(splits["dev"] - splits["heldout"]) <= 1
    kinds = Counter((c.note, c.split) for c in cases)
    for kind in ("paraphrase", "region", "category", "direct"):
        assert kinds[(kind, "dev")] >= 4 and kinds[(kind, "heldout")] >= 4
    assert all(c.relevant and set(c.relevant.values()) <= {1, 2} for c in cases)
    assert len({c.text for c in cases}) == len(cases)


def test_every_positive_judgment_is_in_the_pool_file() -> None:
    _, cases = load_ich_judged()
    lines = [x for x in POOL_CSV.read_text(encoding="utf-8").splitlines() if not x.startswith("#")]
    pool = {(r["query_id"], f"ich:{r['project']}"): int(r["grade"]) for r in csv.DictReader(lines)}
    for case in cases:
        for key, grade in case.relevant.items():
            assert pool[(case.id, key)] == grade
    assert sum(1 for g in pool.values() if g > 0) == sum(len(c.relevant) for c in cases)


def test_judged_projects_exist_in_the_national_list(shared_data: Path) -> None:
    items = {i.key: i for i in load_ich(shared_data)}
    assert len(items) == 2168
    _, cases = load_ich_judged()
    for case in cases:
        assert set(case.relevant) <= set(items), case.id
    names = {}
    with ICH_JUDGED_CSV.open(encoding="utf-8") as fh:
        rows = csv.DictReader(x for x in fh if not x.startswith("#"))
        names = {r["id"]: r["names"].split(";") for r in rows}
    first = cases[0]
    assert [items[k].name for k in first.relevant] == names[first.id]
