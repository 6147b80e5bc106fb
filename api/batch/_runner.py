"""The semester batch: import, embed, recommend every school, allocate, reports, summary.

Every stage records its completion in the batch state; every file is written to a temp file and
moved into place. So a run killed at any point, run again, produces the same files as one that
was never interrupted, and no half-written report is ever visible.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from api._display import label_programme, status_label
from api.batch._history import allocate_semester, previous_programmes
from api.batch._state import BatchState
from api.reports import (
    resource_records,
    school_html,
    school_xlsx,
    summary_data,
    summary_html,
    summary_xlsx,
    write_bytes_atomic,
    write_json_atomic,
    write_text_atomic,
)
from catalog import (
    LOCKED,
    Kind,
    NewVersion,
    ProgrammeVersion,
    School,
    Settings,
    Specialist,
    TransitionError,
    add_version,
    current_versions,
    save_allocation,
    school_inputs,
)
from catalog._files import inside
from catalog._importer import import_paths
from catalog._store import Store
from embeddings import DEFAULT_BACKEND

Progress = Callable[[str, int, int], None]


@dataclass
class Batch:
    """One semester's run over one database, writing under `out`."""

    store: Store
    settings: Settings
    semester: str
    out: Path
    backend: str = DEFAULT_BACKEND
    time_limit: float = 60.0
    progress: Progress | None = None
    workers: int = 0  # forked processes for the per-school allocation inputs and reports
    _rec: tuple[Any, dict[str, Any]] | None = field(default=None, init=False, repr=False)
    _fp: str = field(default="", init=False, repr=False)
    kept: list[dict[str, Any]] = field(default_factory=list, init=False)

    def _tick(self, label: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(label, done, total)

    def run(self, input_dir: Path | None = None) -> dict[str, Any]:
        """All stages in order, skipping those already done for the same inputs."""
        state = BatchState.load(self.out)
        if input_dir is not None:  # idempotent: the same files give the same rows (upserts)
            self._tick("导入 / import", 0, 1)
            import_paths(
                [input_dir], self.settings, semester=self.semester, store=self.store, user="batch"
            )
        resumed = state.start(self.inputs_key())
        state.finish("import")
        allocation = self.allocate(state)  # first: it decides who gets the shared people
        programmes = self.recommend(state, allocation)
        self.reports(state, programmes)
        self.summary(state, programmes, allocation)
        purged = self.retention()
        return {
            "semester": self.semester,
            "out": str(self.out),
            "resumed": resumed,
            "schools": len(programmes),
            "stages": state.stages,
            "purged_survey_rows": purged,
            "kept": self.kept,
        }

    def inputs_key(self) -> str:
        """What the outputs depend on: every stored record, the semester, backend, time limit."""
        raw = f"{self.store.fingerprint()}|{self.semester}|{self.backend}|{self.time_limit}"
        return hashlib.sha256(raw.encode()).hexdigest()[:24]

    def schools(self) -> list[School]:
        from matcher import schools_of

        return schools_of(self.store)

    def recommend(self, state: BatchState, allocation: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """Every school's programme JSON, in id order. A submitted or approved programme is
        kept as it is (listed in `kept`); done schools are read back, not redone (and still
        counted, so district signatures and specialists' loads carry over the same); every
        computed one is stored as a new draft version. Shared specialists and science
        resources follow the allocation, not the id order; `allocated_days` (resource id →
        周X) is what the school's timetable may use. Each school starts from its programme of
        an earlier semester (the newest approved one, else the newest stored one)."""
        from matcher import ProgrammeSequence

        folder, schools = self.out / "programmes", self.schools()
        specialists = self.store.records(Kind.SPECIALIST)
        seq = ProgrammeSequence({r.id for r in specialists if isinstance(r, Specialist)})
        locked = current_versions(self.store, self.semester, LOCKED)
        before = previous_programmes(self.store, self.semester)
        docs: dict[str, dict[str, Any]] = {}
        for n, school in enumerate(schools, 1):
            path = inside(folder, f"{school.id}.json")
            if school.id in locked:  # the programme the bureau has (or will have) on file
                docs[school.id] = locked[school.id].doc
                write_json_atomic(path, docs[school.id])
                seq.record(school, docs[school.id])
            elif school.id in state.schools and path.is_file():
                docs[school.id] = json.loads(path.read_text(encoding="utf-8"))
                seq.record(school, docs[school.id])
            else:
                last = before.get(school.id)
                previous = None if last is None else {**last[1], "semester": last[0]}
                docs[school.id] = self._compute(seq, school, allocation, previous)
                write_json_atomic(path, docs[school.id])
                state.school_done(school.id)
            self._tick("方案 / programmes", n, len(schools))
        self.kept = [_kept(v) for v in locked.values()]
        state.finish("recommend")
        return docs

    def _compute(
        self,
        seq: Any,
        school: School,
        allocation: dict[str, Any],
        previous: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """One school's programme, stored as the next draft version (never over a locked one);
        shared people and resources as the allocation decided; `previous`: last semester's."""
        from matcher import SchoolTimetable, allocation_loads, allowed_days

        rec, surveys = self._recommender()
        fixed = allocation_loads(rec.catalogue, allocation, school.id)
        days = allowed_days(allocation, school.id)
        week = SchoolTimetable(allowed_days=days)  # the timetable uses them on those days only
        doc: dict[str, Any] = label_programme(
            seq.compute(rec, school, surveys.get(school.id, []), fixed, week, previous)
        )
        doc["allocated_days"] = days
        inputs = {**school_inputs(self.store, school.id, self.semester), "catalogue": self._fp}
        new = NewVersion("batch", "batch", doc, inputs, {"steps": []}, "批处理 / semester batch")
        with suppress(TransitionError):  # submitted meanwhile: the stored version stays
            add_version(self.store, school.id, self.semester, new)
        return doc

    def _recommender(self) -> tuple[Any, dict[str, Any]]:
        """The engine and this semester's surveys, built on first use only (resumes skip it)."""
        if self._rec is None:
            from matcher import open_engine, surveys_by_school

            engine = open_engine(self.store, self.settings, self.backend)
            self._fp = engine.fingerprint
            self._rec = (engine.recommender(), surveys_by_school(self.store, self.semester))
        return self._rec

    def allocate(self, state: BatchState) -> dict[str, Any]:
        path = self.out / "bureau" / "allocation.json"
        if state.done("allocate") and path.is_file():
            doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return doc
        from matcher.allocation import BureauConfig, plot_allocation

        self._tick("分配 / allocation", 0, 1)
        rec, surveys = self._recommender()
        config = BureauConfig(time_limit=self.time_limit)
        report, doc = allocate_semester(
            self.store, rec, self.schools(), surveys, self.semester, config, self.workers
        )
        doc["result"].pop("seconds", None)  # wall time differs between runs; the rest does not
        write_json_atomic(path, doc)
        save_allocation(self.store, self.semester, doc, "batch")
        chart = self.out / "bureau" / "allocation.png"
        tmp = chart.with_name(".allocation.png.tmp.png")
        plot_allocation(report, tmp)
        write_bytes_atomic(chart, tmp.read_bytes())
        tmp.unlink()
        self._tick("分配 / allocation", 1, 1)
        state.finish("allocate")
        return doc

    def reports(self, state: BatchState, programmes: dict[str, dict[str, Any]]) -> None:
        if state.done("reports"):
            return
        from matcher import ordered_map

        schools = self.schools()

        def write(school: School) -> None:
            doc = programmes[school.id]
            html = school_html(school, doc, self.semester, state.date)
            write_text_atomic(inside(self.out / "reports", f"{school.id}.html"), html)
            write_bytes_atomic(inside(self.out / "reports", f"{school.id}.xlsx"), school_xlsx(doc))

        for n, _ in enumerate(ordered_map(write, schools, self.workers), 1):
            self._tick("报告 / reports", n, len(schools))
        state.finish("reports")

    def retention(self) -> int:
        """Delete survey rows older than the retention setting allows (after every output)."""
        from catalog._store_auth import purge_surveys, retention_cutoff

        keep = self.settings.retention_semesters
        cutoff = retention_cutoff(self.semester, keep) if keep else None
        return purge_surveys(self.store, cutoff).total if cutoff else 0

    def summary(
        self, state: BatchState, programmes: dict[str, dict[str, Any]], allocation: dict[str, Any]
    ) -> None:
        if state.done("summary"):
            return
        data = summary_data(self.schools(), programmes, allocation, resource_records(self.store))
        folder = self.out / "bureau"
        write_text_atomic(folder / "summary.html", summary_html(data, self.semester, state.date))
        write_bytes_atomic(folder / "summary.xlsx", summary_xlsx(data))
        data["allocation"]["status_label"] = status_label(data["allocation"]["status"])
        doc = {k: v for k, v in data.items() if k not in ("schools", "map")}
        write_json_atomic(folder / "summary.json", {**doc, "kept": self.kept})
        state.finish("summary")


def _kept(version: ProgrammeVersion) -> dict[str, Any]:
    """A programme the batch left alone: which school, its state and version, and since when."""
    return {
        "school_id": version.school_id,
        "state": version.state,
        "version": version.version,
        "at": version.at.isoformat(timespec="seconds"),
    }
