"""Domain records, import/export, validation, storage and policy rules. Imports nothing of ours."""

from catalog._cells import (
    escape_formula,
    join_multi,
    normalise_text,
    parse_bool,
    parse_datetime,
    parse_enum,
    parse_float,
    parse_grades,
    parse_int,
    parse_slot,
    parse_slots,
    split_multi,
    unescape_formula,
)
from catalog._columns import COLUMN_ALIASES, HeaderMatch, match_header
from catalog._enums import (
    ENUM_SYNONYMS,
    Area,
    Domain,
    ResourceFormat,
    Respondent,
    SchoolLevel,
    SpecialistKind,
)
from catalog._export import export_records
from catalog._importer import check_batch, import_paths
from catalog._interests import (
    Interest,
    InterestMatch,
    Vocabulary,
    load_vocabulary,
    parse_vocabulary,
    vocabulary,
)
from catalog._kinds import FILE_STEMS, IMPORT_ORDER, RECORD_TYPES, Kind, kind_from_filename
from catalog._load import discover, load_file
from catalog._privacy import respondent_key
from catalog._problems import ImportFailed, LoadResult, Problem
from catalog._readers import Table, read_table
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
from catalog._store import Store, migrate, open_store
from catalog._store_auth import TokenInfo, create_token, find_token, record_audit  # noqa: F401
from catalog._summary import FileCount, ImportSummary
from catalog._texts import item_text
from catalog._validate import validate_table
from catalog._wjx import is_wjx_header, parse_wjx
from catalog._wjx_questions import Questionnaire, find_questionnaire, load_questionnaire
from catalog.policy import (
    AcademicRuleResult,
    ItemLoad,
    PolicyConfig,
    RuleCode,
    Violation,
    academic_rule_score,
    check_item,
    check_pair,
    daily_fee_ok,
    fee_cap_per_session,
    haversine_km,
    slots_overlap,
)

__all__ = [
    "COLUMN_ALIASES",
    "ENUM_SYNONYMS",
    "FILE_STEMS",
    "IMPORT_ORDER",
    "RECORD_TYPES",
    "AcademicRuleResult",
    "Area",
    "Course",
    "Domain",
    "FeeCaps",
    "FileCount",
    "GradeRange",
    "HeaderMatch",
    "ImportFailed",
    "ImportSummary",
    "Institution",
    "Interest",
    "InterestMatch",
    "ItemLoad",
    "Kind",
    "LoadResult",
    "PolicyConfig",
    "Problem",
    "Questionnaire",
    "Record",
    "ResourceFormat",
    "Respondent",
    "RuleCode",
    "School",
    "SchoolLevel",
    "ScienceResource",
    "Settings",
    "Specialist",
    "SpecialistKind",
    "Store",
    "SurveyResponse",
    "Table",
    "Violation",
    "Vocabulary",
    "academic_rule_score",
    "check_batch",
    "check_item",
    "check_pair",
    "daily_fee_ok",
    "db_url",
    "discover",
    "escape_formula",
    "export_records",
    "fee_cap_per_session",
    "find_questionnaire",
    "haversine_km",
    "import_paths",
    "is_wjx_header",
    "item_text",
    "join_multi",
    "kind_from_filename",
    "load_file",
    "load_questionnaire",
    "load_vocabulary",
    "match_header",
    "migrate",
    "normalise_text",
    "open_store",
    "parse_bool",
    "parse_datetime",
    "parse_enum",
    "parse_float",
    "parse_grades",
    "parse_int",
    "parse_slot",
    "parse_slots",
    "parse_vocabulary",
    "parse_wjx",
    "read_table",
    "respondent_key",
    "slots_overlap",
    "split_multi",
    "unescape_formula",
    "validate_table",
    "vocabulary",
]
