"""`kehou check` on the demo data: every deliberate rule-breaker is listed with its code."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from api.cli import app
from catalog import Settings


def test_check_lists_the_deliberate_rule_breakers(demo_db: Settings) -> None:
    result = CliRunner().invoke(app, ["check", "--json", "--db", demo_db.db])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    rules = {row["id"]: set(row["rules"]) for row in doc["violations"]}
    # docs/data-contract.md lists these as deliberate rule-breakers in the demo data
    for course in ("C901", "C902", "C903", "C904"):
        assert "ACADEMIC" in rules[course]
    assert "INSTITUTION_NOT_ADMITTED" in rules["C905"]
    assert rules["C906"] == {"FEE_OVER_CAP"}
    assert "UNVERIFIED_SPECIALIST" in rules["C907"]
    assert "UNVERIFIED_SPECIALIST" in rules["SP901"]
    assert doc["checked"] > 500
    assert sum(doc["by_rule"].values()) == sum(len(r) for r in rules.values())
    # ordinary courses are not flagged: the rules are not trigger-happy
    assert len([i for i in rules if i.startswith("C")]) < 12
