"""evaluation layer of kehou (see docs/design.md, Layers)."""

from evaluation._academic_eval import (
    LABELLED_CSV,
    AcademicReport,
    LabelledText,
    Metrics,
    academic_report,
    binary_metrics,
    evaluate_classifier,
    evaluate_rules,
    format_report,
    load_labelled,
    rule_predictions,
)
from evaluation._judged import (
    RECOMMEND_CSV,
    SEARCH_CSV,
    JudgedCase,
    JudgedSet,
    JudgedSetError,
    expand_relevant,
    load_judged,
)
from evaluation._metrics import METRICS, RunScores, Significance, score_run, significance
from evaluation._report import format_text, markdown_table, quality_markdown, write_report
from evaluation._run import EvaluateConfig, run_evaluation

__all__ = [
    "LABELLED_CSV",
    "METRICS",
    "RECOMMEND_CSV",
    "SEARCH_CSV",
    "AcademicReport",
    "EvaluateConfig",
    "JudgedCase",
    "JudgedSet",
    "JudgedSetError",
    "LabelledText",
    "Metrics",
    "RunScores",
    "Significance",
    "academic_report",
    "binary_metrics",
    "evaluate_classifier",
    "evaluate_rules",
    "expand_relevant",
    "format_report",
    "format_text",
    "load_judged",
    "load_labelled",
    "markdown_table",
    "quality_markdown",
    "rule_predictions",
    "run_evaluation",
    "score_run",
    "significance",
    "write_report",
]
