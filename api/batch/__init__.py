"""The semester batch: resumable stages, atomic outputs."""

from api.batch._history import allocate_semester, previous_allocation, previous_programmes
from api.batch._runner import Batch
from api.batch._state import STATE_FILE, BatchState

__all__ = [
    "STATE_FILE",
    "Batch",
    "BatchState",
    "allocate_semester",
    "previous_allocation",
    "previous_programmes",
]
