"""evaluation layer of kehou (see DESIGN.md, Layers)."""

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

__all__ = [
    "LABELLED_CSV",
    "AcademicReport",
    "LabelledText",
    "Metrics",
    "academic_report",
    "binary_metrics",
    "evaluate_classifier",
    "evaluate_rules",
    "format_report",
    "load_labelled",
    "rule_predictions",
]
