"""What a batch has finished, kept beside its outputs so a killed run resumes where it stopped.

The state names the inputs it was made from (database content, semester, backend); a state
from other inputs is discarded and the run starts over, so a resumed run never mixes outputs
of two different semesters or catalogues.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from api._display import report_date
from api.reports import write_json_atomic

STATE_FILE = ".kehou-batch.json"


@dataclass
class BatchState:
    path: Path
    inputs: str = ""
    stages: list[str] = field(default_factory=list)
    schools: list[str] = field(default_factory=list)
    #: The day the run began (the reports' date): a resumed run keeps it, so its reports match.
    date: str = ""

    @classmethod
    def load(cls, out: Path) -> BatchState:
        path = out / STATE_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            stages, schools = list(raw["stages"]), list(raw["schools"])
            return cls(path, raw["inputs"], stages, schools, str(raw.get("date", "")))
        except (OSError, ValueError, KeyError, TypeError):
            return cls(path)

    def save(self) -> None:
        doc = {"inputs": self.inputs, "stages": self.stages, "schools": self.schools}
        doc["date"] = self.date
        write_json_atomic(self.path, doc)

    def start(self, inputs: str) -> bool:
        """Adopt `inputs`; True when the saved progress belongs to them (a resume)."""
        if self.inputs == inputs and self.date:
            return bool(self.stages or self.schools)
        self.inputs, self.stages, self.schools = inputs, [], []
        self.date = report_date()
        self.save()
        return False

    def done(self, stage: str) -> bool:
        return stage in self.stages

    def finish(self, stage: str) -> None:
        if stage not in self.stages:
            self.stages.append(stage)
            self.save()

    def school_done(self, school_id: str) -> None:
        self.schools.append(school_id)
        self.save()
