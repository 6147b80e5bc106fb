"""`kehou check`: every catalogue item that breaks a rule, with reason codes, for the bureau.

Catalogue-level rules only (学科类 content, unverified / un-admitted providers, fee over the
cap): the school x item rules (grades, travel, slots) depend on a school and are shown in each
school's recommendation instead.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.table import Table

from api._display import kind_label, rule_label, rule_labels
from api.cli._app import DbOption, JsonOption, app, err_console, print_json, settings_for
from catalog import Kind


@app.command("check")
def check_command(json_out: JsonOption = False, db: DbOption = None) -> None:
    """列出违反规则的目录条目及原因代码 / catalogue items that break a rule, with reason codes."""
    from catalog._store import open_store
    from matcher import Catalogue, item_level_violations

    settings = settings_for(db, read_only=True)
    with open_store(settings) as store:
        catalogue = Catalogue.from_records({k: store.records(k) for k in Kind})
    found = item_level_violations(catalogue, settings)
    rows: list[dict[str, Any]] = []
    for key, violations in found.items():
        item = catalogue.by_key[key]
        rows.append(
            {
                "id": item.id,
                "kind": item.kind.value,
                "title": item.title,
                "rules": sorted({v.rule.value for v in violations}),
                "rule_labels": rule_labels(sorted({v.rule.value for v in violations})),
                "reasons": [v.reason for v in violations],
            }
        )
    counts = Counter(rule for row in rows for rule in row["rules"])
    doc = {
        "checked": len(catalogue.items),
        "violations": rows,
        "by_rule": dict(sorted(counts.items())),
        "rule_labels": {code: rule_label(code) for code in sorted(counts)},
    }
    if json_out:
        print_json(doc)
        return
    table = Table(title=f"违规条目 {len(rows)} / {len(catalogue.items)} / items breaking a rule")
    for header in ("类别", "编号", "名称", "规则", "原因"):
        table.add_column(header, overflow="fold")
    for row in rows:
        reasons = "；".join(dict.fromkeys(row["reasons"]))
        labels = "、".join(row["rule_labels"])
        table.add_row(kind_label(row["kind"]), row["id"], row["title"], labels, reasons)
    err_console.print(table, highlight=False)
