"""What an import did (or, for a dry run, would do): files read, rows inserted/updated per kind."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from catalog._kinds import IMPORT_ORDER, Kind
from catalog._problems import ColumnUse, Notice

#: Progress callback: (what is happening, done so far, total). Used for rich progress bars.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class FileCount:
    """One file of an import batch and how many records it held."""

    file: str
    kind: Kind
    rows: int


@dataclass(frozen=True)
class ImportSummary:
    """Rows inserted and updated per kind (keys are `Kind` values, e.g. ``courses``)."""

    files: tuple[FileCount, ...]
    inserted: Mapping[str, int] = field(default_factory=dict)
    updated: Mapping[str, int] = field(default_factory=dict)
    dry_run: bool = False
    log_id: int | None = None
    #: earlier id-less survey rows that an id-less file replaced (see catalog._store_tally)
    replaced_id_less: int = 0
    notes: tuple[str, ...] = ()
    #: what was ignored or guessed: unknown columns, rows without a description, defaults used…
    notices: tuple[Notice, ...] = ()
    #: which column of which file became which field (问卷星: which question)
    columns: tuple[ColumnUse, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.inserted.values()) + sum(self.updated.values())

    def to_json(self) -> dict[str, Any]:
        """The `kehou import --json` document (stable keys: ok, dry_run, files, inserted...)."""
        return {
            "ok": True,
            "dry_run": self.dry_run,
            "files": [{"file": f.file, "kind": f.kind.value, "rows": f.rows} for f in self.files],
            "inserted": dict(self.inserted),
            "updated": dict(self.updated),
            "total": self.total,
            "log_id": self.log_id,
            "replaced_id_less": self.replaced_id_less,
            "notes": list(self.notes),
            "notices": [n.to_json() for n in self.notices],
            "columns": [c.to_json() for c in self.columns],
        }


def empty_counts() -> dict[str, int]:
    """Zero for every kind, in import order, so JSON always has the same keys."""
    return {kind.value: 0 for kind in IMPORT_ORDER}
