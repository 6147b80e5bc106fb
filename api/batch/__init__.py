"""The semester batch: resumable stages, atomic outputs."""

from api.batch._history import previous_allocation, previous_programmes
from api.batch._runner import Batch
from api.batch._state import STATE_FILE, BatchState

__all__ = ["STATE_FILE", "Batch", "BatchState", "previous_allocation", "previous_programmes"]
