"""The README Quality lines read the evaluation JSON; each sentence shows the figures it gets."""

from __future__ import annotations

from evaluation._academic_offers import offers_report
from evaluation._report import academic_line
from evaluation._run import _figures


def test_academic_line_reports_the_heldout_offers_figures() -> None:
    report = offers_report()
    offers = {split: _figures(m) for split, m in report.by_split.items()}
    line = academic_line(offers)
    held = report.by_split["heldout"]
    assert f"{held.n} heldout" in line
    assert f"precision {held.precision:.3f}" in line and f"F1 {held.f1:.3f}" in line


def test_academic_line_with_made_up_figures() -> None:
    fig = {"n": 10, "precision": 0.9, "recall": 0.8, "f1": 0.847}
    line = academic_line({"dev": fig | {"n": 20}, "heldout": fig})
    assert "20 dev / 10 heldout" in line and "recall 0.800" in line
