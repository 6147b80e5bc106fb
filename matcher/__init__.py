"""matcher layer of kehou (see docs/design.md, Layers)."""

from matcher._academic import (
    ACADEMIC_PROTOTYPES,
    NON_ACADEMIC_PROTOTYPES,
    AcademicClassifier,
    AcademicConfig,
    AcademicVerdict,
    DocumentEncoder,
)

__all__ = [
    "ACADEMIC_PROTOTYPES",
    "NON_ACADEMIC_PROTOTYPES",
    "AcademicClassifier",
    "AcademicConfig",
    "AcademicVerdict",
    "DocumentEncoder",
]
