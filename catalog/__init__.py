"""Domain records, import/export, validation, storage and policy rules. Imports nothing of ours."""

from catalog._enums import (
    ENUM_SYNONYMS,
    Area,
    Domain,
    ResourceFormat,
    Respondent,
    SchoolLevel,
    SpecialistKind,
)
from catalog._kinds import FILE_STEMS, IMPORT_ORDER, RECORD_TYPES, Kind, kind_from_filename
from catalog._privacy import respondent_key
from catalog._problems import ImportFailed, LoadResult, Problem
from catalog._records import (
    Course,
    GradeRange,
    Institution,
    Record,
    School,
    ScienceResource,
    Specialist,
    SurveyResponse,
)
from catalog._settings import FeeCaps, Settings, db_url

__all__ = [
    "ENUM_SYNONYMS",
    "FILE_STEMS",
    "IMPORT_ORDER",
    "RECORD_TYPES",
    "Area",
    "Course",
    "Domain",
    "FeeCaps",
    "GradeRange",
    "ImportFailed",
    "Institution",
    "Kind",
    "LoadResult",
    "Problem",
    "Record",
    "ResourceFormat",
    "Respondent",
    "School",
    "ScienceResource",
    "Settings",
    "SchoolLevel",
    "Specialist",
    "SpecialistKind",
    "SurveyResponse",
    "db_url",
    "kind_from_filename",
    "respondent_key",
]
