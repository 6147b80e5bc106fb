"""Judging sheets for planner-style recommend judgments (issue 16, point 5).

For each judged school of `evaluation/data/judged_recommend.csv` this writes one sheet: the
school's facts and its most asked-for wishes, then a pool of candidate items in id order (never
in score order, and without scores, so the judge cannot lean on the system being judged). The
pool is the union of the top 15 of the full scorer, of every one-term ablation and of a
fit-only scorer, plus the items judged topical before; so any reasonable weighting's top 10 is
inside it. Each row carries what a planner weighs: what it is, who would run it (the school's
own teachers, a verified or unverified outside person, an institution, a science resource),
how far away they are, what a student pays, what the school pays the person, how much of the
provider's capacity other schools already use.

    .venv/bin/python scripts/make_planner_sheets.py --db demo-out/kehou-demo.db --out sheets/
"""

from __future__ import annotations

import argparse
import csv
import math
from pathlib import Path

import numpy as np

from catalog import Kind, School, Settings, Specialist
from catalog._store import open_store
from evaluation._judged import RECOMMEND_CSV, load_judged
from evaluation._recommend_eval import TERMS, candidates, recommender
from matcher import open_engine, surveys_by_school
from matcher._candidates import cost_ratio, distance_km, staffing, student_fee

POOL_TOP = 15
COLUMNS = (
    "id", "kind", "title", "what_it_is", "run_by", "verified", "distance_km",
    "student_fee_per_session", "school_pays_per_session", "fee_vs_cap", "grades",
    "grade",
)  # fmt: skip


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--db", required=True)
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args()
    settings = Settings(db=args.db, hmac_secret="sheets")
    with open_store(settings) as store:
        engine = open_engine(store, settings, "tfidf")
        schools = {s.id: s for s in store.records(Kind.SCHOOL) if isinstance(s, School)}
        surveys = surveys_by_school(store)
    cases = load_judged(RECOMMEND_CSV, engine.catalogue.keys(), "recommend", "school_id").cases
    vectors = np.asarray(engine.embedder.encode_documents(engine.catalogue.texts()))
    recs = {d: recommender(engine, settings, vectors, d) for d in (None, *TERMS)}
    recs["fit-only"] = _fit_only(engine, settings, vectors)
    args.out.mkdir(parents=True, exist_ok=True)
    for case in cases:
        school = schools[case.text]
        profile = recs[None].profile(school.id, surveys.get(school.id, []))
        pool: set[str] = set(case.relevant)
        for rec in recs.values():
            pool.update(i.catalogue_key for i in candidates(rec, school, profile)[:POOL_TOP])
        _write(args.out / f"{case.id}_{school.id}", school, profile, sorted(pool), engine)
        print(case.id, school.id, len(pool))


def _fit_only(engine, settings, vectors):  # type: ignore[no-untyped-def]
    from matcher import RecommendConfig, Recommender, ScoreWeights

    w = ScoreWeights(demand=0, distance=0, cost=0, load=0, quality=0, diversity=0)
    return Recommender(
        engine.catalogue, engine.embedder, engine.index, settings,
        RecommendConfig(weights=w), vectors=vectors,
    )  # fmt: skip


def _write(stem: Path, school: School, profile, keys: list[str], engine) -> None:  # type: ignore[no-untyped-def]
    wishes = "；".join(f"{t.label}（{t.respondents} 人）" for t in profile.themes[:6])
    academic = "；".join(f"{k}（{v} 人）" for k, v in profile.academic.items()) or "无"
    head = [
        f"# {school.id} {school.name}（{school.district}，{school.level.value}，"
        f"{school.area.value}，{school.students} 名学生）",
        f"问卷人数 {profile.respondents}；主要兴趣：{wishes}",
        f"学科类愿望（不可推荐）：{academic}",
        f"场地：{'、'.join(school.facilities) or '—'}；教师特长："
        f"{'、'.join(school.teacher_strengths) or '—'}",
    ]
    stem.with_suffix(".md").write_text("\n".join(head) + "\n", encoding="utf-8")
    caps = Settings(db=":memory:", hmac_secret="x").fee_caps
    with stem.with_suffix(".csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(COLUMNS)
        for key in keys:
            out.writerow(_row(engine.catalogue.by_key[key], school, caps))


def _row(item, school: School, caps) -> list[object]:  # type: ignore[no-untyped-def]
    rec = item.record
    staff, staff_fee = staffing(school, item)
    who = rec if isinstance(rec, Specialist) else item.provider
    verified = "" if not isinstance(who, Specialist) else ("是" if who.verified else "否")
    km = distance_km(school, item)
    text = item.text.replace("\n", " ")
    grades = getattr(rec, "grades", None)
    return [
        rec.id, item.kind.value, item.title, text[:140], staff, verified,
        "" if math.isnan(km) else f"{km:.1f}", f"{student_fee(item):g}", f"{staff_fee:g}",
        f"{min(1.0, cost_ratio(item, caps)):.2f}", str(grades or ""), "",
    ]  # fmt: skip


if __name__ == "__main__":
    main()
