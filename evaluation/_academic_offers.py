"""The 学科类 rule measured on whole offers: courses, specialists, institutions and wishes.

evaluation/data/academic_offers.csv (400 rows, written before the rule was extended and frozen
since; see academic_offers.md beside it) labels each row academic / exam / none. Rows become
the records the rule really reads (a `Specialist` with skills, bio and qualification, an
`Institution` with its offer and 准入 category as a service), so the figures measure
`catalog.academic_check` and `catalog.policy.is_academic_wish` exactly as the recommender
uses them. The rule was tuned on `dev` only; `heldout` is the figure to quote.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from catalog import Course, GradeRange, Institution, Specialist
from catalog.policy import AcademicRuleResult, RuleCode, academic_check, wish_check
from evaluation._academic_eval import SPLITS, Metrics, binary_metrics

OFFERS_CSV = Path(__file__).resolve().parent / "data" / "academic_offers.csv"
#: Written after the rule was final and scored once (split `fresh`); see academic_offers.md.
FRESH_CSV = OFFERS_CSV.with_name("academic_offers_fresh.csv")
FRESH2_CSV = OFFERS_CSV.with_name("academic_offers_fresh2.csv")
OFFER_SPLITS = (*SPLITS, "fresh", "fresh2")
ENTITIES = ("course", "specialist", "institution", "wish")
LABELS = ("academic", "exam", "none")


@dataclass(frozen=True)
class LabelledOffer:
    """One labelled row: what it is, its label, and the fields its record is built from."""

    id: str
    entity: str
    label: str
    kind: str
    title: str
    text: str
    skills: tuple[str, ...]
    qualification: str
    split: str
    note: str = ""

    @property
    def positive(self) -> int:
        return int(self.label != "none")


def load_offers(path: Path = OFFERS_CSV) -> list[LabelledOffer]:
    """Read the labelled offers (UTF-8, with or without BOM); unknown labels are an error."""
    out = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            if row["entity"] not in ENTITIES or row["label"] not in LABELS:
                raise ValueError(f"{path} 第 {n} 行: entity/label 无效 / invalid entity or label")
            skills = tuple(s for s in row["skills"].split("、") if s)
            fields = {k: row[k] for k in ("id", "entity", "label", "kind", "title", "text")}
            out.append(
                LabelledOffer(
                    **fields,
                    skills=skills,
                    qualification=row["qualification"],
                    split=row["split"],
                    note=row.get("note") or "",
                )
            )
    return out


def offer_record(row: LabelledOffer) -> Course | Specialist | Institution:
    """The catalogue record a row stands for (placeholders where the rule reads nothing)."""
    if row.entity == "course":
        return Course(
            id=row.id,
            title=row.title,
            description=row.text,
            domains=["智"],
            grades=GradeRange(lo=1, hi=9),
            fee_per_session=0,
            session_minutes=40,
            capacity=30,
        )
    if row.entity == "specialist":
        return Specialist(
            id=row.id,
            name=row.title,
            kind=row.kind,
            skills=list(row.skills),
            bio=row.text,
            district="天元区",
            lat=27.83,
            lon=113.13,
            max_travel_km=20,
            max_schools=1,
            fee_per_session=0,
            qualification=row.qualification,
        )
    if row.entity == "institution":
        services = [row.kind, *row.skills]
        return Institution(
            id=row.id, name=row.title, description=row.text, district="天元区", services=services
        )
    raise ValueError(f"{row.id}: a wish has no record")


def offer_verdict(row: LabelledOffer) -> AcademicRuleResult:
    """The rule's verdict on a row, through the same entry point production uses."""
    if row.entity == "wish":
        return wish_check(row.text)
    return academic_check(offer_record(row))


@dataclass(frozen=True)
class OffersReport:
    """Binary metrics per split, per split × entity, and how often the code matches the label."""

    by_split: dict[str, Metrics]
    by_entity: dict[str, dict[str, Metrics]]
    code_agreement: dict[str, tuple[int, int]]


def _code_right(row: LabelledOffer, verdict: AcademicRuleResult) -> bool:
    return (verdict.code == RuleCode.EXAM_PREP) == (row.label == "exam")


def offers_report(rows: Sequence[LabelledOffer] | None = None) -> OffersReport:
    """Measure the rule on every row (no fitting: the rule is fixed)."""
    if rows is None:
        rows = [r for path in (OFFERS_CSV, FRESH_CSV, FRESH2_CSV) for r in load_offers(path)]
    rows = list(rows)
    verdicts = [offer_verdict(r) for r in rows]
    flagged = [v.is_academic() for v in verdicts]

    def metrics(keep: list[int]) -> Metrics:
        return binary_metrics([rows[i].positive for i in keep], [flagged[i] for i in keep])

    by_split, by_entity, codes = {}, {}, {}
    for split in [s for s in OFFER_SPLITS if any(r.split == s for r in rows)]:
        in_split = [i for i, r in enumerate(rows) if r.split == split]
        by_split[split] = metrics(in_split)
        by_entity[split] = {
            e: metrics([i for i in in_split if rows[i].entity == e]) for e in ENTITIES
        }
        caught = [i for i in in_split if rows[i].positive and flagged[i]]
        codes[split] = (sum(_code_right(rows[i], verdicts[i]) for i in caught), len(caught))
    return OffersReport(by_split, by_entity, codes)


def format_offers(report: OffersReport) -> str:
    """A Markdown table (split, entity, n, P, R, F1), as pasted into docs/policy.md."""
    lines = [
        "| split | rows | n | precision | recall | F1 |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for split in report.by_split:
        named = [("all", report.by_split[split]), *report.by_entity[split].items()]
        for name, m in named:
            lines.append(
                f"| {split} | {name} | {m.n} | {m.precision:.3f} | {m.recall:.3f} | {m.f1:.3f} |"
            )
    return "\n".join(lines)
