"""Precision and recall of the 学科类 classifier on the hand-labelled course descriptions.

evaluation/data/academic_labelled.csv has a dev split (rules and prototypes were tuned on it)
and a heldout third nobody tuned on; both are reported, for the rule half alone and for the
combined classifier (default weights, and weights fitted on dev). Figures: docs/policy.md.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from catalog.policy import academic_rule_score
from matcher import AcademicClassifier, DocumentEncoder

LABELLED_CSV = Path(__file__).resolve().parent / "data" / "academic_labelled.csv"
SPLITS = ("dev", "heldout")


@dataclass(frozen=True)
class LabelledText:
    """One hand-written course description and whether it is 学科类 (1) or not (0)."""

    id: str
    text: str
    label: int
    kind: str
    split: str
    note: str = ""


@dataclass(frozen=True)
class Metrics:
    """Binary metrics with academic (1) as the positive class."""

    n: int
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_labelled(path: Path = LABELLED_CSV) -> list[LabelledText]:
    """Read the labelled set (UTF-8, with or without BOM)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [
            LabelledText(
                id=row["id"],
                text=row["text"],
                label=int(row["label"]),
                kind=row["kind"],
                split=row["split"],
                note=row.get("note") or "",
            )
            for row in csv.DictReader(fh)
        ]


def binary_metrics(truth: Sequence[int], predicted: Sequence[bool]) -> Metrics:
    pairs = list(zip(truth, predicted, strict=True))
    tp = sum(1 for y, p in pairs if y and p)
    fp = sum(1 for y, p in pairs if not y and p)
    fn = sum(1 for y, p in pairs if y and not p)
    return Metrics(n=len(pairs), tp=tp, fp=fp, fn=fn, tn=len(pairs) - tp - fp - fn)


def _by_split(rows: Sequence[LabelledText], predicted: Sequence[bool]) -> dict[str, Metrics]:
    out = {}
    for split in SPLITS:
        keep = [i for i, r in enumerate(rows) if r.split == split]
        out[split] = binary_metrics([rows[i].label for i in keep], [predicted[i] for i in keep])
    return out


def rule_predictions(rows: Sequence[LabelledText], threshold: float = 0.5) -> list[bool]:
    return [academic_rule_score(r.text).is_academic(threshold) for r in rows]


def evaluate_rules(rows: Sequence[LabelledText], threshold: float = 0.5) -> dict[str, Metrics]:
    """The rule half alone, per split."""
    return _by_split(rows, rule_predictions(rows, threshold))


def evaluate_classifier(
    classifier: AcademicClassifier, rows: Sequence[LabelledText]
) -> dict[str, Metrics]:
    """A combined classifier, per split."""
    verdicts = classifier.predict([r.text for r in rows])
    return _by_split(rows, [v.is_academic for v in verdicts])


@dataclass(frozen=True)
class AcademicReport:
    """Every figure of docs/policy.md: rule half, default combination, dev-fitted combination."""

    rules: dict[str, Metrics]
    combined_default: dict[str, Metrics]
    combined_fitted: dict[str, Metrics]
    fitted_weights: tuple[float, float, float]
    fitted_bias: float


def academic_report(
    encoder: DocumentEncoder, rows: Sequence[LabelledText] | None = None
) -> AcademicReport:
    """Measure everything; the fitted combination learns from the dev split only."""
    rows = list(rows) if rows is not None else load_labelled()
    default = AcademicClassifier(encoder)
    dev = [r for r in rows if r.split == "dev"]
    fitted = default.fit([r.text for r in dev], [r.label for r in dev])
    return AcademicReport(
        rules=evaluate_rules(rows),
        combined_default=evaluate_classifier(default, rows),
        combined_fitted=evaluate_classifier(fitted, rows),
        fitted_weights=fitted.config.weights,
        fitted_bias=fitted.config.bias,
    )


def format_report(report: AcademicReport) -> str:
    """A Markdown table of the report, as pasted into docs/policy.md."""
    lines = [
        "| classifier | split | n | precision | recall | F1 |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    named = (
        ("rules", report.rules),
        ("rules + prototypes (default)", report.combined_default),
        ("rules + prototypes (fitted on dev)", report.combined_fitted),
    )
    for name, by_split in named:
        for split, m in by_split.items():
            lines.append(
                f"| {name} | {split} | {m.n} | {m.precision:.3f} | {m.recall:.3f} | {m.f1:.3f} |"
            )
    return "\n".join(lines)
