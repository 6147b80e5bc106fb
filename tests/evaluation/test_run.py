"""The evaluation end to end on a small subset with the tfidf backend: determinism, shape,
the report files, and the README section script."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from catalog import Settings
from evaluation import EvaluateConfig, quality_markdown, run_evaluation, write_report

ROOT = Path(__file__).resolve().parents[2]
SMALL = EvaluateConfig(
    backends=("tfidf",),
    hybrid_backend="tfidf",
    limit=6,
    programmes=False,
    allocation=False,
    academic=False,
)


@pytest.fixture(scope="module")
def small_doc(demo_db: Settings) -> dict[str, Any]:
    return run_evaluation(demo_db, SMALL)


def test_evaluation_is_deterministic(demo_db: Settings, small_doc: dict[str, Any]) -> None:
    again = run_evaluation(demo_db, SMALL)
    assert json.dumps(again, sort_keys=True) == json.dumps(small_doc, sort_keys=True)


def test_document_has_every_run_on_both_splits(small_doc: dict[str, Any]) -> None:
    runs = small_doc["search"]["runs"]
    expected = {"random", "popularity", "tfidf-keyword", "bm25", "dense:tfidf", "hybrid:tfidf"}
    assert set(runs) == expected
    assert all(set(r) == {"dev", "heldout"} for r in runs.values())
    assert small_doc["search"]["cases"] == {"dev": 4, "heldout": 2}
    ablations = set(small_doc["recommend"]["runs"])
    assert {"full", "old-defaults", "no-fit", "no-demand", "no-diversity"} <= ablations
    # the planner set is the recommend section; the topical set is kept beside it, same runs
    assert small_doc["recommend"]["judged"] == "planner (grades 1-3)"
    assert small_doc["recommend_topical"]["judged"] == "topical (grades 1-2)"
    assert set(small_doc["recommend_topical"]["runs"]) == ablations
    assert small_doc["fit"]["chosen"]["distance"] > 0
    # Random and popularity must be clearly worse than reading the query.
    dev = {n: r["dev"]["ndcg@10"] for n, r in runs.items()}
    assert dev["hybrid:tfidf"] > dev["random"] + 0.2
    assert dev["hybrid:tfidf"] > dev["popularity"] + 0.2
    assert small_doc["headline"]["hybrid"] == "hybrid:tfidf"


def test_report_files_and_readme_section(small_doc: dict[str, Any], tmp_path: Path) -> None:
    page = write_report(small_doc, tmp_path / "out")
    assert json.loads((tmp_path / "out" / "evaluation.json").read_text()) == small_doc
    assert (tmp_path / "out" / "search_ndcg.png").read_bytes()[:4] == b"\x89PNG"
    assert "hybrid:tfidf" in page.read_text(encoding="utf-8")
    spec = importlib.util.spec_from_file_location(
        "update_readme_quality", ROOT / "scripts" / "update_readme_quality.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    body = quality_markdown(small_doc)
    appended = mod.updated("# kehou\n\nintro\n", body)
    assert appended.startswith("# kehou\n\nintro\n")
    assert "## Quality" in appended and body.strip() in appended
    replaced = mod.updated(appended.replace(body.strip(), "old figures"), body)
    assert replaced == appended
    assert mod.updated(appended, body) == appended
