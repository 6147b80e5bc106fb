"""matcher layer of kehou (see DESIGN.md, Layers)."""

from matcher._academic import (
    ACADEMIC_PROTOTYPES,
    NON_ACADEMIC_PROTOTYPES,
    AcademicClassifier,
    AcademicConfig,
    AcademicVerdict,
    DocumentEncoder,
    academic_wishes,
    is_academic_wish,
)

__all__ = [
    "ACADEMIC_PROTOTYPES",
    "NON_ACADEMIC_PROTOTYPES",
    "AcademicClassifier",
    "AcademicConfig",
    "AcademicVerdict",
    "DocumentEncoder",
    "academic_wishes",
    "is_academic_wish",
]
