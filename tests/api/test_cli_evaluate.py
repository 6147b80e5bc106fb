"""`kehou evaluate` end to end on a small slice of the demo data (tfidf backend, --quick)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from api.cli import app
from catalog import Settings

QUICK = ["evaluate", "--quick", "--limit", "3", "--backend", "tfidf"]
QUICK += ["--hybrid-backend", "tfidf"]


def test_evaluate_prints_json_and_writes_the_report(demo_db: Settings, tmp_path: Path) -> None:
    out = tmp_path / "report"
    args = [*QUICK, "--json", "--out", str(out), "--db", demo_db.db]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert "hybrid:tfidf" in doc["search"]["runs"]
    assert "full" in doc["recommend"]["runs"]
    assert (out / "report.html").exists()
    assert (out / "recommend_ndcg.png").read_bytes()[:4] == b"\x89PNG"


def test_evaluate_rejects_a_judged_set_with_unknown_ids(demo_db: Settings, tmp_path: Path) -> None:
    bad = tmp_path / "judged.csv"
    bad.write_text("id,split,query,relevant\nq1,dev,足球,C132:2;C998:2\n", encoding="utf-8")
    args = [*QUICK, "--judged", str(bad), "--out", str(tmp_path / "o"), "--db", demo_db.db]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "C998" in result.output
    assert not (tmp_path / "o").exists()
